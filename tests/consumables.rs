//! Consumables (소모품): recorded on a use at the day's price, never
//! discounted, in the charge of a completed booking and so in the month's
//! sums. On a real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::{TempDb, dump};
use kiln::db::booking::{self, BookingFilter};
use kiln::db::consumable;
use kiln::db::{Page, check};
use kiln::domain::Won;
use kiln::domain::booking::BookingState;
use kiln::domain::consumable::ConsumableInput;
use kiln::error::{Error, Refusal};

fn target() -> ConsumableInput {
    ConsumableInput {
        code: "au-target".into(),
        name: "금 스퍼터 타깃".into(),
        unit: "회".into(),
        unit_price: "12,000".into(),
    }
}

#[test]
fn what_a_use_took_is_charged_at_the_days_price_before_and_after_check_out() {
    let (db, mut s) = TempDb::demo();
    let c = consumable::add(&mut s, &ConsumableInput { code: "pt-target".into(), ..target() }).unwrap();
    assert_eq!(c.unit_price, Won(12_000));
    let in_use = BookingFilter { state: Some(BookingState::InUse), ..BookingFilter::default() };
    // One that has taken nothing yet (the demo's SEM session has its coating).
    let b =
        booking::list(&s, &in_use, Page::ALL_FOR_CLI).unwrap().into_iter().find(|b| b.equipment != "EQ-0002").unwrap();
    let id = b.id.to_string();
    let during = consumable::consume(&mut s, &id, "pt-target", "2").unwrap();
    assert_eq!(during.charge, None, "priced at check-out");
    // The price goes up; what was recorded stays at the day's price.
    consumable::set_price(&mut s, "pt-target", "15,000").unwrap();
    drop(s);
    let mut later = common::open_at(&db.path, "kim", "2026-11-26 11:00");
    let out = booking::check_out(&mut later, &id, Some("2026-11-26 11:00"), None).unwrap();
    let use_only = kiln::db::booking::priced::price_now(&later, &id).unwrap().unwrap();
    let rate = out.rate.unwrap();
    let used = kiln::domain::booking::charge(kiln::domain::BillingUnit::Hour, rate, out.billed_minutes.unwrap(), 0);
    assert_eq!(out.charge, Some(Won(used.unwrap().0 + 24_000)), "{out:?}");
    assert_eq!(use_only.charge, out.charge.unwrap(), "priced again, with what it took");
    // After check-out: priced again at the recorded rate, never discounted.
    rate_class_discount(&mut later);
    let after = consumable::consume(&mut later, &id, "pt-target", "1").unwrap();
    assert_eq!(after.charge, Some(Won(out.charge.unwrap().0 + 15_000)));
    assert_eq!(consumable::of_booking(&later, b.id).unwrap().len(), 2);
    assert!(check::run(&later).unwrap().is_clean(), "charges and the month's sums agree");
}

/// Every class 50 % off: a consumable is never discounted, and a priced use
/// keeps its rate.
fn rate_class_discount(s: &mut kiln::db::Store) {
    for class in kiln::db::rate_class::list(s).unwrap() {
        let change = kiln::db::rate_class::ClassChange { discount: Some("50".into()), ..Default::default() };
        kiln::db::rate_class::set(s, &class.code, &change).unwrap();
    }
}

#[test]
fn a_booking_not_in_use_an_unknown_item_or_a_bad_quantity_is_refused_and_changes_nothing() {
    let (db, mut s) = TempDb::demo();
    // The demo's catalogue has the gold target already.
    let again = consumable::add(&mut s, &target());
    assert!(matches!(again, Err(Error::Refused(Refusal::Duplicate { .. }))), "{again:?}");
    let approved = BookingFilter { state: Some(BookingState::Approved), ..BookingFilter::default() };
    let waiting = booking::list(&s, &approved, Page::ALL_FOR_CLI).unwrap().remove(0);
    let in_use = BookingFilter { state: Some(BookingState::InUse), ..BookingFilter::default() };
    let busy = booking::list(&s, &in_use, Page::ALL_FOR_CLI).unwrap().remove(0);
    let before = dump(&db.path);
    let e = consumable::consume(&mut s, &waiting.id.to_string(), "au-target", "1").unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NotCorrectable { .. })), "{e:?}");
    for (item, qty, field) in [
        ("gold", "1", kiln::domain::Field::Consumable),
        ("au-target", "0", kiln::domain::Field::Quantity),
        ("au-target", "-3", kiln::domain::Field::Quantity),
    ] {
        match consumable::consume(&mut s, &busy.id.to_string(), item, qty) {
            Err(Error::Invalid(i)) => assert_eq!(i.field, field, "{item} {qty}"),
            other => panic!("{item} {qty}: {other:?}"),
        }
    }
    match consumable::set_price(&mut s, "au-target", "-1") {
        Err(Error::Invalid(i)) => assert_eq!(i.field, kiln::domain::Field::UnitPrice),
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&db.path), before);
}

#[test]
fn staff_time_is_charged_at_the_machines_operator_rate_of_the_day_and_never_repriced_by_a_later_one() {
    let (db, mut s) = TempDb::demo();
    let in_use = BookingFilter { state: Some(BookingState::InUse), ..BookingFilter::default() };
    let b =
        booking::list(&s, &in_use, Page::ALL_FOR_CLI).unwrap().into_iter().find(|b| b.equipment != "EQ-0002").unwrap();
    let eq = kiln::db::equipment::show(&s, &b.equipment).unwrap();
    assert_eq!(consumable::operator_rate(&s, &eq.code).unwrap(), Won(0), "none set in an empty setting");
    consumable::set_operator_rate(&mut s, &eq.code, "40,000").unwrap();
    let id = b.id.to_string();
    // 45 minutes, rounded up to the machine's slot like use.
    let assisted = consumable::assist(&mut s, &id, "45").unwrap();
    assert_eq!((assisted.assisted_minutes, assisted.operator_rate), (Some(45), Some(Won(40_000))));
    consumable::set_operator_rate(&mut s, &eq.code, "90,000").unwrap();
    drop(s);
    let mut later = common::open_at(&db.path, "kim", "2026-11-26 11:00");
    let out = booking::check_out(&mut later, &id, Some("2026-11-26 11:00"), None).unwrap();
    let slot = i64::from(eq.rules.slot_minutes);
    let staff = |m: i64| 40_000 * ((m + slot - 1) / slot * slot) / 60;
    let use_only = kiln::domain::booking::charge(eq.billing_unit, out.rate.unwrap(), out.billed_minutes.unwrap(), 0);
    assert_eq!(out.charge, Some(Won(use_only.unwrap().0 + staff(45))), "{out:?}");
    // Corrected after check-out: priced again at the rate recorded first.
    let again = consumable::assist(&mut later, &id, "90").unwrap();
    assert_eq!(again.charge, Some(Won(use_only.unwrap().0 + staff(90))));
    assert!(check::run(&later).unwrap().is_clean());
    let before = dump(&db.path);
    for bad in ["-5", "abc", "99999999"] {
        match consumable::assist(&mut later, &id, bad) {
            Err(Error::Invalid(i)) => assert_eq!(i.field, kiln::domain::Field::AssistedMinutes, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    match consumable::set_operator_rate(&mut later, &eq.code, "-1") {
        Err(Error::Invalid(i)) => assert_eq!(i.field, kiln::domain::Field::OperatorRate),
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&db.path), before);
}
