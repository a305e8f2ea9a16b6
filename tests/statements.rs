//! Monthly statements on real SQLite files: what a month bills, issuing
//! (frozen, numbered, once), corrections reaching the next statement,
//! payments and their refusals, arrears by age, and `kiln check` finding what
//! got around the schema.

mod common;

use common::invalid;

use std::path::Path;
use std::sync::Arc;

use common::{TempDb, dump};
use kiln::db::statement::{self, Statement};
use kiln::db::{Store, booking, company, equipment, lease, operator, person, room};
use kiln::domain::booking::BookingState;
use kiln::domain::company::CompanyInput;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::lease::LeaseInput;
use kiln::domain::person::PersonInput;
use kiln::domain::room::RoomInput;
use kiln::domain::statement::LineKind;
use kiln::domain::time::date_text;
use kiln::domain::{Field, FixedClock, Minute, Problem, Won};
use kiln::{Error, Refusal};
use proptest::prelude::*;

const CERATEC: &str = "124-81-00998";

fn at(path: &Path, now: &str) -> Store {
    Store::open_as(path, "kim", Arc::new(FixedClock(Minute::parse(now).unwrap()))).unwrap()
}

/// 세라텍 leases 301 from 2026-09-15 (660,000 rent, 120,000 fee a month) and
/// used the SEM (60,000 an hour) on 10-06 for two hours; on 10-30 it checked
/// in and has not checked out. Today is 2026-11-26.
fn october() -> (TempDb, Store) {
    let (db, mut s) = TempDb::with_admin("kim");
    kiln::db::supplier::set(&mut s, &kiln::demo::supplier()).unwrap();
    drop(s);
    s = at(&db.path, "2026-09-14 10:00");
    let c = CompanyInput {
        name: "세라텍".into(),
        brn: CERATEC.into(),
        admitted: "2024-03-02".into(),
        ..Default::default()
    };
    company::add(&mut s, &c).unwrap();
    let r = RoomInput {
        code: "301".into(),
        floor: "3".into(),
        kind: "office".into(),
        area_m2: "66.12".into(),
        rent_per_m2: None,
    };
    room::add(&mut s, &r).unwrap();
    let l = LeaseInput {
        company: CERATEC.into(),
        room: "301".into(),
        from: "2026-09-15".into(),
        to: "2027-09-15".into(),
        rent: "660,000".into(),
        fee: "120,000".into(),
        deposit: None,
    };
    lease::add(&mut s, &l).unwrap();
    person::add(&mut s, &PersonInput { name: "김민수".into(), company: CERATEC.into(), ..Default::default() }).unwrap();
    let sem = EquipmentInput {
        code: "EQ-0002".into(),
        name: "FE-SEM".into(),
        category: "analysis".into(),
        tenant_rate: "60000".into(),
        needs_approval: "no".into(),
        ..Default::default()
    };
    equipment::add(&mut s, &sem).unwrap();
    let mut ids = Vec::new();
    for (from, to) in [("2026-10-06 09:00", "2026-10-06 12:00"), ("2026-10-30 09:00", "2026-10-30 12:00")] {
        let input = booking::BookingInput {
            equipment: "EQ-0002".into(),
            person: "P-0001".into(),
            from: from.into(),
            to: to.into(),
            ..Default::default()
        };
        ids.push(booking::add(&mut s, &input).unwrap().booked[0].id.to_string());
    }
    drop(s);
    let mut s = at(&db.path, "2026-10-30 10:00");
    booking::check_in(&mut s, &ids[0], Some("2026-10-06 09:00")).unwrap();
    booking::check_out(&mut s, &ids[0], Some("2026-10-06 11:00"), None).unwrap();
    booking::check_in(&mut s, &ids[1], Some("2026-10-30 09:00")).unwrap();
    drop(s);
    let s = at(&db.path, common::NOW);
    (db, s)
}

/// The id of the one booking still in use.
fn in_use(s: &Store) -> String {
    let filter = booking::BookingFilter { state: Some(BookingState::InUse), ..Default::default() };
    booking::list(s, &filter, kiln::db::Page::ALL_FOR_CLI).unwrap()[0].id.to_string()
}

fn amounts(s: &Statement) -> Vec<(LineKind, i64)> {
    s.lines.iter().map(|l| (l.kind, l.amount.0)).collect()
}

#[test]
fn a_month_bills_rent_fee_and_use_with_vat_truncated() {
    let (_db, s) = october();
    let d = statement::show(&s, CERATEC, "2026-10").unwrap();
    assert_eq!(d.number, None, "a draft until issued");
    assert_eq!(
        amounts(&d),
        [(LineKind::Rent, 660_000), (LineKind::Fee, 120_000), (LineKind::Usage, 120_000)],
        "a full month of rent and fee; two hours at the tenant rate; the booking still in use is not billed"
    );
    assert_eq!((d.totals.supply, d.totals.vat, d.totals.total), (Won(900_000), Won(90_000), Won(990_000)));
    // September: from the 15th, 16 of 30 days, prorated by day.
    let sep = statement::show(&s, CERATEC, "2026-09").unwrap();
    assert_eq!(amounts(&sep), [(LineKind::Rent, 660_000 * 16 / 30), (LineKind::Fee, 120_000 * 16 / 30)]);
    assert_eq!(sep.totals.vat.0, sep.totals.supply.0 / 10);
}

#[test]
fn issued_statements_never_change_and_corrections_reach_the_next_one() {
    let (_db, mut s) = october();
    let issued = statement::issue(&mut s, "2026-10", None).unwrap();
    assert_eq!(issued.len(), 1);
    let oct = issued[0].clone();
    assert_eq!(oct.number.as_deref(), Some("2026-10-0001"));
    assert_eq!(
        (oct.issued_on.map(date_text), oct.due_on.map(date_text)),
        (Some("2026-11-26".to_owned()), Some("2026-12-26".to_owned()))
    );
    // After issue: the 10-30 use is checked out (3 h) and the lease is ended
    // back on 10-20, so October now comes to less.
    let open = in_use(&s);
    booking::check_out(&mut s, &open, Some("2026-10-30 12:00"), None).unwrap();
    let l = lease::list(&s, &lease::LeaseFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap();
    lease::end(&mut s, &l[0].code, "2026-10-20", "조기 퇴거").unwrap();
    assert_eq!(statement::show(&s, CERATEC, "2026-10").unwrap(), oct, "the issued statement is as it was");
    let now_october = 660_000 * 19 / 31 + 120_000 * 19 / 31 + 120_000 + 180_000;
    let nov = statement::show(&s, CERATEC, "2026-11").unwrap();
    assert_eq!(amounts(&nov), [(LineKind::Adjustment, now_october - 900_000)]);
    assert_eq!(nov.lines[0].subject, "2026-10-0001", "the correction names the statement it corrects");
    assert_eq!(nov.totals.vat.0, nov.totals.supply.0 / 10, "VAT on a credit is truncated toward zero too");
    // Once the correction is issued, it is not billed again.
    statement::issue(&mut s, "2026-11", None).unwrap();
    let dec = statement::show(&s, CERATEC, "2026-12").unwrap();
    assert!(dec.lines.iter().all(|l| l.kind != LineKind::Adjustment), "{:?}", dec.lines);
}

#[test]
fn issuing_refuses_future_months_twice_issued_and_non_admins_changing_nothing() {
    let (db, mut s) = october();
    let before = dump(&db.path);
    let (f, p) = invalid(statement::issue(&mut s, "2026-12", None).unwrap_err());
    assert_eq!((f, p), (Field::Month, Problem::NotAfter { latest: "2026-11".into() }));
    assert_eq!(invalid(statement::issue(&mut s, "2026-13", None).unwrap_err()).0, Field::Month);
    assert_eq!(dump(&db.path), before, "refused months change nothing");
    operator::add(&mut s, "lee", "equipment-manager").unwrap();
    let before = dump(&db.path);
    let mut lee = Store::open_as(&db.path, "lee", common::clock()).unwrap();
    let e = statement::issue(&mut lee, "2026-10", None).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NotPermitted { .. })), "{e:?}");
    assert_eq!(dump(&db.path), before, "nothing written");
    statement::issue(&mut s, "2026-10", Some(CERATEC)).unwrap();
    let e = statement::issue(&mut s, "2026-10", Some(CERATEC)).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::Duplicate { field: Field::Statement, .. })), "{e:?}");
    assert!(statement::issue(&mut s, "2026-10", None).unwrap().is_empty(), "the month is issued already");
}

#[test]
fn payments_reduce_what_is_owed_and_bad_ones_are_refused() {
    let (db, mut s) = october();
    statement::issue(&mut s, "2026-10", None).unwrap();
    let before = dump(&db.path);
    let no = "2026-10-0001";
    let cases: [(&str, &str, &str, &str, Field); 6] = [
        ("2026-10-9999", "2026-11-26", "1000", "transfer", Field::Statement),
        (no, "2026-11-25", "1000", "transfer", Field::Date),
        (no, "2026-11-27", "1000", "transfer", Field::Date),
        (no, "2026-11-26", "990,001", "transfer", Field::Amount),
        (no, "2026-11-26", "0", "transfer", Field::Amount),
        (no, "2026-11-26", "1000", "cheque", Field::Method),
    ];
    for (number, on, amount, method, field) in cases {
        let e = statement::pay(&mut s, number, on, amount, method, "").unwrap_err();
        assert_eq!(invalid(e).0, field, "{number} {on} {amount} {method}");
    }
    assert_eq!(dump(&db.path), before, "refused payments change nothing");
    statement::pay(&mut s, no, "2026-11-26", "500,000", "transfer", "").unwrap();
    let oct = statement::show(&s, CERATEC, "2026-10").unwrap();
    assert_eq!((oct.paid, oct.outstanding), (Won(500_000), Won(490_000)));
    // Ageing: the statement is due 12-26.
    for (today, days, bucket) in [
        ("2026-12-26 10:00", 0, "current"),
        ("2027-01-10 10:00", 15, "1-30"),
        ("2027-02-14 10:00", 50, "31-60"),
        ("2027-03-16 10:00", 80, "61-90"),
        ("2027-06-01 10:00", 157, "90+"),
    ] {
        let later = at(&db.path, today);
        let a = statement::arrears(&later, later.now().date()).unwrap();
        assert_eq!((a.len(), a[0].days_overdue, a[0].bucket, a[0].outstanding), (1, days, bucket, Won(490_000)));
    }
    statement::pay(&mut s, no, "2026-11-26", "490000", "card", "잔금").unwrap();
    assert!(statement::arrears(&s, s.now().date()).unwrap().is_empty(), "paid in full");
}

#[test]
fn statements_are_numbered_per_month_in_issue_order() {
    let (_db, mut s) = october();
    let c = CompanyInput {
        name: "한빛소재".into(),
        brn: "220-81-62517".into(),
        admitted: "2025-01-10".into(),
        ..Default::default()
    };
    company::add(&mut s, &c).unwrap();
    let r = RoomInput {
        code: "302".into(),
        floor: "3".into(),
        kind: "office".into(),
        area_m2: "33".into(),
        rent_per_m2: None,
    };
    room::add(&mut s, &r).unwrap();
    let l = LeaseInput {
        company: "220-81-62517".into(),
        room: "302".into(),
        from: "2026-01-01".into(),
        to: "2027-01-01".into(),
        rent: "300000".into(),
        fee: "50000".into(),
        deposit: None,
    };
    lease::add(&mut s, &l).unwrap();
    let first = statement::issue(&mut s, "2026-10", Some("220-81-62517")).unwrap();
    let rest = statement::issue(&mut s, "2026-10", None).unwrap();
    let numbers: Vec<_> = first.iter().chain(&rest).filter_map(|s| s.number.clone()).collect();
    assert_eq!(numbers, ["2026-10-0001", "2026-10-0002"]);
    assert_eq!(statement::issued_list(&s, Some("2026-10"), None).unwrap().len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever is changed after issue (the lease ended on any day, the
    /// open use checked out at any time), the issued statement reads the
    /// same, and the next one corrects by exactly the difference.
    #[test]
    fn any_later_edit_leaves_the_issued_statement_alone(end_day in 1u32..=31, used_minutes in 30i64..=180) {
        let (_db, mut s) = october();
        let oct = statement::issue(&mut s, "2026-10", None).unwrap().remove(0);
        let out = Minute(Minute::parse("2026-10-30 09:00").unwrap().0 + used_minutes).to_string();
        let open = in_use(&s);
        booking::check_out(&mut s, &open, Some(&out), None).unwrap();
        let l = lease::list(&s, &lease::LeaseFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap();
        lease::end(&mut s, &l[0].code, &format!("2026-10-{end_day:02}"), "").unwrap();
        prop_assert_eq!(&statement::show(&s, CERATEC, "2026-10").unwrap(), &oct);
        let now_base: i64 = kiln::db::statement::month(&s, "2026-10").unwrap()[0].lines.iter().map(|l| l.amount.0).sum();
        prop_assert_eq!(now_base, oct.totals.supply.0, "month() shows the issued one");
        let nov = statement::show(&s, CERATEC, "2026-11").unwrap();
        let correction: i64 = nov.lines.iter().filter(|l| l.kind == LineKind::Adjustment).map(|l| l.amount.0).sum();
        let days = i64::from(end_day - 1);
        let slots = (used_minutes + 29) / 30 * 30;
        let expected = 660_000 * days / 31 + 120_000 * days / 31 + 120_000 + 60_000 * slots / 60;
        prop_assert_eq!(correction, expected - 900_000);
    }
}

/// The month's list is read for every company at once; each statement in it
/// is the one `show` reads for that company alone, issued or draft,
/// corrections included, and no party with something to bill is left out.
#[test]
fn the_months_list_is_each_partys_own_statement() {
    let (_db, mut s) = TempDb::demo();
    // A correction: a lease billed in October, ended back in mid-October.
    let october = statement::issued_list(&s, Some("2026-10"), None).unwrap();
    let rented = october.iter().flat_map(|st| &st.lines).find(|l| l.kind == LineKind::Rent).unwrap();
    lease::end(&mut s, &rented.source, "2026-10-16", "").unwrap();
    // Every party: companies', organisations' and individuals'.
    let parties =
        kiln::db::party::list(&s, &kiln::db::party::PartyFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap();
    let mut corrections = 0;
    for month in ["2025-06", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"] {
        let list = statement::month(&s, month).unwrap();
        let mut each: Vec<Statement> = parties
            .iter()
            .map(|p| statement::show(&s, &p.code, month).unwrap())
            .filter(|st| !st.lines.is_empty())
            .collect();
        each.sort_by(|a, b| a.name.cmp(&b.name).then(a.party.cmp(&b.party)));
        let names: Vec<&str> = list.iter().map(|st| st.name.as_str()).collect();
        assert!(names.is_sorted(), "{month}: by name");
        let mut sorted = list.clone();
        sorted.sort_by(|a, b| a.name.cmp(&b.name).then(a.party.cmp(&b.party)));
        assert_eq!(sorted, each, "{month}");
        corrections += list.iter().flat_map(|st| &st.lines).filter(|l| l.kind == LineKind::Adjustment).count();
    }
    assert!(corrections > 0, "the ended lease is corrected on a later draft");
}
