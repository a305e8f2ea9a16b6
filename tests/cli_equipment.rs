//! `kiln equipment|booking|downtime|holidays|export` over the real binary.

mod common;

use common::cli::{fails, init, json, kiln, stdout};
use common::dump;
use icalendar::Component;

fn args(db: &common::TempDb, a: &[&str]) -> assert_cmd::Command {
    let mut c = kiln(db);
    c.args(a);
    c
}

fn centre() -> common::TempDb {
    let db = init();
    stdout(&mut args(&db, &["company", "add", "--name", "세라텍", "--brn", "124-81-00998"]));
    stdout(&mut args(&db, &["person", "add", "--name", "김민수", "--company", "124-81-00998"]));
    stdout(&mut args(&db, &["person", "add", "--name", "이서연"]));
    stdout(&mut args(
        &db,
        &[
            "equipment",
            "add",
            "--code",
            "EQ-0002",
            "--name",
            "FE-SEM",
            "--category",
            "analysis",
            "--tenant-rate",
            "60000",
            "--external-rate",
            "90000",
        ],
    ));
    db
}

#[test]
fn booking_add_prints_id_and_state_and_a_clash_exits_1_with_a_suggestion() {
    let db = centre();
    let b = json(&mut args(
        &db,
        &[
            "booking",
            "add",
            "--equipment",
            "EQ-0002",
            "--person",
            "P-0001",
            "--from",
            "2026-12-01 09:00",
            "--to",
            "2026-12-01 12:00",
            "--json",
        ],
    ));
    assert_eq!((b["id"].as_i64(), b["state"].as_str()), (Some(1), Some("requested")));
    assert_eq!(b["company_brn"], "124-81-00998");
    let before = dump(&db.path);
    let line = fails(
        &mut args(
            &db,
            &[
                "booking",
                "add",
                "--equipment",
                "EQ-0002",
                "--person",
                "P-0002",
                "--from",
                "2026-12-01 11:00",
                "--to",
                "2026-12-01 13:00",
            ],
        ),
        1,
    );
    assert!(line.contains("booking #1") && line.contains("nearest free slot: 2026-12-01 12:00"), "{line}");
    let ko = fails(
        &mut args(
            &db,
            &[
                "--lang",
                "ko",
                "booking",
                "add",
                "--equipment",
                "EQ-0002",
                "--person",
                "P-0002",
                "--from",
                "2026-12-25 10:00",
                "--to",
                "2026-12-25 11:00",
            ],
        ),
        1,
    );
    assert!(ko.contains("기독탄신일"), "{ko}");
    let bad = fails(
        &mut args(
            &db,
            &[
                "booking",
                "add",
                "--equipment",
                "EQ-0002",
                "--person",
                "P-0002",
                "--from",
                "2026-12-01 25:00",
                "--to",
                "2026-12-01 26:00",
            ],
        ),
        2,
    );
    assert!(bad.starts_with("error: from: "), "{bad}");
    let unknown = fails(
        &mut args(
            &db,
            &[
                "booking",
                "add",
                "--equipment",
                "EQ-0099",
                "--person",
                "P-0002",
                "--from",
                "2026-12-01 13:00",
                "--to",
                "2026-12-01 14:00",
            ],
        ),
        2,
    );
    assert!(unknown.starts_with("error: equipment: "), "{unknown}");
    assert_eq!(dump(&db.path), before);
    let approved = json(&mut args(&db, &["booking", "approve", "1", "--json"]));
    assert_eq!(approved["state"], "approved");
    let illegal = fails(&mut args(&db, &["booking", "check-out", "1"]), 1);
    assert!(illegal.contains("approved"), "{illegal}");
    // Use is recorded once it has happened: on the day, after it.
    let later = |a: &[&str]| {
        let mut c = args(&db, a);
        c.env("KILN_NOW", "2026-12-01 12:00");
        c
    };
    json(&mut later(&["booking", "check-in", "1", "--at", "2026-12-01 09:00", "--json"]));
    let done = json(&mut later(&["booking", "check-out", "1", "--at", "2026-12-01 10:10", "--json"]));
    assert_eq!(
        (done["state"].as_str(), done["billed_minutes"].as_i64(), done["charge"].as_i64()),
        (Some("completed"), Some(90), Some(135_000)),
        "external rate: no lease"
    );
}

#[test]
fn downtime_add_lists_the_affected_bookings() {
    let db = centre();
    stdout(&mut args(
        &db,
        &[
            "booking",
            "add",
            "--equipment",
            "EQ-0002",
            "--person",
            "P-0001",
            "--from",
            "2026-12-01 09:00",
            "--to",
            "2026-12-01 12:00",
        ],
    ));
    let d = json(&mut args(
        &db,
        &[
            "downtime",
            "add",
            "--equipment",
            "EQ-0002",
            "--from",
            "2026-12-01 08:00",
            "--to",
            "2026-12-01 18:00",
            "--reason",
            "fault",
            "--json",
        ],
    ));
    assert_eq!(d["affected_bookings"], serde_json::json!([1]));
    assert_eq!(d["state"], "pending");
    let bad = fails(
        &mut args(
            &db,
            &[
                "downtime",
                "add",
                "--equipment",
                "EQ-0002",
                "--from",
                "2026-12-02 08:00",
                "--to",
                "2026-12-02 18:00",
                "--reason",
                "lunch",
            ],
        ),
        2,
    );
    assert!(bad.starts_with("error: reason: "), "{bad}");
    let cancelled = json(&mut args(&db, &["booking", "cancel", "1", "--reason", "고장", "--json"]));
    assert_eq!(cancelled["state"], "cancelled");
    let list = json(&mut args(&db, &["downtime", "list", "--json"]));
    assert_eq!(list[0]["state"], "active", "started once the booking was out of the way");
}

#[test]
fn holidays_for_2026_as_published() {
    let db = init();
    let days = json(&mut args(&db, &["holidays", "--year", "2026", "--json"]));
    let dates: Vec<&str> = days.as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap()).collect();
    let published = [
        "2026-01-01",
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-03-01",
        "2026-03-02",
        "2026-05-01",
        "2026-05-05",
        "2026-05-24",
        "2026-05-25",
        "2026-06-03",
        "2026-06-06",
        "2026-07-17",
        "2026-08-15",
        "2026-08-17",
        "2026-09-24",
        "2026-09-25",
        "2026-09-26",
        "2026-10-03",
        "2026-10-05",
        "2026-10-09",
        "2026-12-25",
    ];
    assert_eq!(dates, published);
    assert_eq!(days[1]["name"], "설날");
    stdout(&mut args(&db, &["closed-day", "add", "--date", "2026-12-31", "--name", "종무식"]));
    let days = json(&mut args(&db, &["holidays", "--year", "2026", "--json"]));
    assert_eq!(days.as_array().unwrap().last().unwrap()["kind"], "closed");
    let line = fails(&mut args(&db, &["holidays", "--year", "1800"]), 2);
    assert!(line.starts_with("error: year: "), "{line}");
}

#[test]
fn bookings_export_to_ics_and_csv() {
    let db = centre();
    for (from, to) in [("2026-12-01 09:00", "2026-12-01 12:00"), ("2026-12-02 13:00", "2026-12-02 14:30")] {
        stdout(&mut args(
            &db,
            &[
                "booking",
                "add",
                "--equipment",
                "EQ-0002",
                "--person",
                "P-0001",
                "--from",
                from,
                "--to",
                to,
                "--purpose",
                "SEM 관찰",
            ],
        ));
    }
    let ics = db.dir.path().join("bookings.ics");
    stdout(&mut args(&db, &["export", "bookings", "--format", "ics", "--out", ics.to_str().unwrap()]));
    let text = std::fs::read_to_string(&ics).unwrap();
    let cal: icalendar::Calendar = text.parse().expect("the calendar parses");
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].get_uid(), Some("booking-1@kiln.gangwon-ceramic.kr"));
    assert!(text.contains("DTSTART:20261201T000000Z"), "09:00 KST is 00:00 UTC:\n{text}");
    assert!(text.contains("SEM 관찰"));
    // The same export again gives the same UIDs.
    stdout(&mut args(
        &db,
        &["export", "bookings", "--format", "ics", "--out", db.dir.path().join("again.ics").to_str().unwrap()],
    ));
    let again = std::fs::read_to_string(db.dir.path().join("again.ics")).unwrap();
    assert_eq!(again.matches("UID:").count(), 2);
    let csv_path = db.dir.path().join("bookings.csv");
    stdout(&mut args(&db, &["export", "bookings", "--format", "csv", "--out", csv_path.to_str().unwrap()]));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(0), Some("id"));
    assert!(std::fs::read(&csv_path).unwrap().starts_with("\u{feff}".as_bytes()), "a byte-order mark for Korean Excel");
    assert_eq!(headers.get(1), Some("equipment"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].get(11), Some("2026-12-02 14:30"));
}

#[test]
fn a_machine_is_managed_by_a_registered_operator_and_an_edit_changing_nothing_writes_nothing() {
    let db = centre();
    stdout(&mut args(&db, &["user", "add", "lee", "--role", "equipment-manager"]));
    let e = json(&mut args(
        &db,
        &[
            "equipment",
            "add",
            "--code",
            "EQ-0009",
            "--name",
            "SEM",
            "--category",
            "analysis",
            "--manager",
            "lee",
            "--json",
        ],
    ));
    assert_eq!(e["manager"], "lee");
    let before = dump(&db.path);
    // The values it has already: done, nothing written, nothing audited.
    stdout(&mut args(&db, &["equipment", "edit", "EQ-0009", "--name", "SEM", "--manager", "lee"]));
    assert_eq!(dump(&db.path), before);
    let line = fails(&mut args(&db, &["equipment", "edit", "EQ-0009", "--manager", "park"]), 2);
    assert!(line.contains("'park'") && line.contains("lee"), "{line}");
}
