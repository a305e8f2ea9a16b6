//! What of a use is billed, by the machine's settings: the time used or the
//! longer of booked and used (`bill-booked-time`), rounded up to a unit
//! (`billing-rounding`, 0 = the booking slot); recorded when priced, so a
//! use priced again for a consumable keeps the minutes it was billed. On a
//! real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::cli::{json, kiln};
use common::money::centre;
use kiln::db::booking::{self, Booking, PastBooking};
use kiln::db::{Store, check, consumable, setting};
use kiln::domain::booking::BookingState;
use kiln::domain::{Minute, Period, Won};

/// P-0001 (the SME, 42,000원 an hour) booked `machine` on 5 October from
/// 10:00 + `day` days for `booked` minutes and used it for `used`.
fn recorded(s: &mut Store, machine: &str, day: u32, (booked, used): (i64, i64)) -> Booking {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 5 + day).unwrap();
    let from = Minute::at(d, 10, 0);
    let row = PastBooking {
        equipment: machine.into(),
        person: "P-0001".into(),
        party: String::new(),
        period: Period::new(from, Minute(from.0 + booked)).unwrap(),
        state: BookingState::Completed,
        purpose: "단면 관찰".into(),
        samples: 1,
        actual: Some(Period::new(from, Minute(from.0 + used)).unwrap()),
    };
    booking::record(s, &[row]).unwrap();
    let list = booking::list(s, &booking::BookingFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap();
    list.into_iter().find(|b| b.start == from && b.equipment == machine).unwrap()
}

fn billed(b: &Booking) -> (Option<i64>, Option<Won>) {
    (b.billed_minutes, b.charge)
}

#[test]
fn a_machine_bills_the_longer_of_booked_and_used_rounded_to_its_unit_and_keeps_what_it_billed() {
    let (_db, mut s) = centre();
    // Today's rule: the time used, rounded up to the 30-minute slot.
    assert_eq!(billed(&recorded(&mut s, "EQ-0002", 0, (120, 70))), (Some(90), Some(Won(63_000))));
    setting::set(&mut s, "bill-booked-time", "1", Some("EQ-0002")).unwrap();
    setting::set(&mut s, "billing-rounding", "15", Some("EQ-0002")).unwrap();
    // Held two hours, used 70 minutes: the two hours.
    let held = recorded(&mut s, "EQ-0002", 1, (120, 70));
    assert_eq!(billed(&held), (Some(120), Some(Won(84_000))));
    // Used past the booking: what was used, to the next 15 minutes.
    assert_eq!(billed(&recorded(&mut s, "EQ-0002", 2, (60, 70))), (Some(75), Some(Won(52_500))));
    // The other machine keeps the centre's rule; by the minute centre-wide.
    setting::set(&mut s, "billing-rounding", "1", None).unwrap();
    assert_eq!(billed(&recorded(&mut s, "EQ-0001", 3, (120, 70))), (Some(70), Some(Won(49_000))));
    // The rule changes; a consumable added to the held booking prices it
    // again at the minutes it was billed, not by today's rule.
    setting::set(&mut s, "bill-booked-time", "0", Some("EQ-0002")).unwrap();
    let again = consumable::consume(&mut s, &held.id.to_string(), "au-target", "1").unwrap();
    assert_eq!(billed(&again), (Some(120), Some(Won(84_000 + 12_000))));
    assert!(check::run(&s).unwrap().is_clean(), "every charge is the pricing of what was recorded");
}

#[test]
fn the_rules_are_settings_from_the_command_line() {
    let (db, s) = centre();
    drop(s);
    let set = json(kiln(&db).args(["setting", "set", "bill-booked-time", "1", "--equipment", "EQ-0002", "--json"]));
    assert_eq!((set["key"].as_str(), set["value"].as_i64()), (Some("bill-booked-time"), Some(1)));
    let rows = json(kiln(&db).args(["setting", "list", "--json"]));
    let of = |key: &str, machine: Option<&str>| {
        rows.as_array().unwrap().iter().find(|r| r["key"] == key && r["equipment"].as_str() == machine).cloned()
    };
    assert_eq!(of("bill-booked-time", Some("EQ-0002")).unwrap()["value"], 1);
    assert_eq!(of("billing-rounding", None).unwrap()["value"], 0, "0: the machine's booking slot");
}
