//! The time rules through the binary (issue 15): settings, walk-ins,
//! check-in and check-out moments, corrections, with `--json`, exit codes
//! and one `error:` line naming the field, the database unchanged.

mod common;

use common::cli::{fails, init, json, kiln, stdout};
use common::{TempDb, dump};

fn args(db: &TempDb, at: &str, a: &[&str]) -> assert_cmd::Command {
    let mut c = kiln(db);
    c.env("KILN_NOW", at).args(a);
    c
}

fn centre() -> TempDb {
    let db = init();
    let at = "2026-11-26 10:00";
    stdout(&mut args(&db, at, &["person", "add", "--name", "김민수"]));
    stdout(&mut args(
        &db,
        at,
        &[
            "equipment",
            "add",
            "--code",
            "EQ-0001",
            "--name",
            "XRD",
            "--category",
            "analysis",
            "--tenant-rate",
            "60000",
            "--external-rate",
            "60000",
            "--approval",
            "no",
        ],
    ));
    db
}

#[test]
fn settings_list_and_set_as_json_and_refuse_bad_values_in_either_language() {
    let db = centre();
    let at = "2026-11-26 10:00";
    let list = json(&mut args(&db, at, &["setting", "list", "--json"]));
    let keys: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "check-in-window",
            "clock-tolerance",
            "lease-term",
            "free-cancel-notice",
            "late-cancel-share",
            "no-show-share",
            "arrears-block-months",
            "arrears-surcharge-months",
            "arrears-surcharge-share",
            "billing-rounding",
            "bill-booked-time"
        ]
    );
    assert_eq!(list[0]["value"], 30);
    assert!(list[0]["set_at"].is_null());
    let before = dump(&db.path);
    let e = fails(&mut args(&db, at, &["setting", "set", "clock-tolerance", ""]), 2);
    assert!(e.starts_with("error: clock tolerance (minutes): "), "names the setting: {e}");
    let e = fails(&mut args(&db, at, &["--lang", "ko", "setting", "set", "clock-tolerance", "61"]), 2);
    assert!(e.starts_with("error: 시계 허용 오차(분): "), "{e}");
    let e = fails(&mut args(&db, at, &["setting", "set", "lease-term", "24", "--equipment", "EQ-0001"]), 2);
    assert!(e.starts_with("error: equipment: "), "{e}");
    let e = fails(&mut args(&db, at, &["setting", "set", "window", "24"]), 2);
    assert!(e.contains("check-in-window"), "names what is accepted: {e}");
    assert_eq!(dump(&db.path), before);
    let row =
        json(&mut args(&db, at, &["setting", "set", "check-in-window", "15", "--equipment", "EQ-0001", "--json"]));
    assert_eq!((row["value"].as_i64(), row["equipment"].as_str()), (Some(15), Some("EQ-0001")));
    let text = stdout(&mut args(&db, at, &["--lang", "ko", "setting", "list"]));
    assert!(text.contains("EQ-0001") && text.contains("15 분") && text.contains("기본값"), "{text}");
}

#[test]
fn check_in_and_out_refuse_moments_ahead_of_the_clock_and_walk_ins_start_now() {
    let db = centre();
    let booked = json(&mut args(
        &db,
        "2026-11-26 10:00",
        &[
            "booking",
            "add",
            "--equipment",
            "EQ-0001",
            "--person",
            "P-0001",
            "--from",
            "2026-12-10 10:00",
            "--to",
            "2026-12-10 12:00",
            "--json",
        ],
    ));
    assert_eq!(booked["state"], "approved");
    let before = dump(&db.path);
    // The cases: a check-in three days early, a check-out later than now.
    let early = "2026-12-07 09:00";
    let e = fails(&mut args(&db, early, &["booking", "check-in", "1"]), 1);
    assert!(e.contains("2026-12-10 09:30"), "says from when: {e}");
    let e = fails(&mut args(&db, early, &["--lang", "ko", "booking", "check-in", "1", "--at", "2026-12-10 10:00"]), 2);
    assert!(e.starts_with("error: 시각: "), "{e}");
    assert_eq!(dump(&db.path), before);
    let on_the_day = "2026-12-10 10:30";
    let inuse = json(&mut args(&db, on_the_day, &["booking", "check-in", "1", "--at", "2026-12-10 10:00", "--json"]));
    assert_eq!((inuse["state"].as_str(), inuse["checked_in_at"].as_str()), (Some("in-use"), Some(on_the_day)));
    let e = fails(&mut args(&db, on_the_day, &["booking", "check-out", "1", "--at", "2026-12-10 23:30"]), 2);
    assert!(e.starts_with("error: time: ") && e.contains("2026-12-10 10:35"), "{e}");
    let done = json(&mut args(&db, "2026-12-10 11:00", &["booking", "check-out", "1", "--json"]));
    assert_eq!((done["charge"].as_i64(), done["checked_out_at"].as_str()), (Some(60_000), Some("2026-12-10 11:00")));
    // A walk-in at 11:10 books from now and is in use at once; without a reason it is refused by clap.
    let walk = ["booking", "add", "--equipment", "EQ-0001", "--person", "P-0001", "--walk-in"];
    fails(&mut args(&db, "2026-12-10 11:10", &walk), 2);
    let mut with_reason = walk.to_vec();
    with_reason.extend(["--reason", "급한 시료", "--json"]);
    let w = json(&mut args(&db, "2026-12-10 11:10", &with_reason));
    assert_eq!(
        (w["state"].as_str(), w["start"].as_str(), w["end"].as_str()),
        (Some("in-use"), Some("2026-12-10 11:10"), Some("2026-12-10 12:00"))
    );
    // The admin corrects the first use's end: 70 minutes, 90 in 30-minute slots, priced again.
    let c = json(&mut args(
        &db,
        "2026-12-10 11:20",
        &["booking", "correct", "1", "--to", "2026-12-10 11:10", "--reason", "퇴실 늦게 기록", "--json"],
    ));
    assert_eq!((c["charge"].as_i64(), c["corrected_at"].as_str()), (Some(90_000), Some("2026-12-10 11:20")));
    let e = fails(
        &mut args(&db, "2026-12-10 11:40", &["booking", "correct", "1", "--to", "2026-12-10 11:30", "--reason", "x"]),
        1,
    );
    assert!(e.contains("#2"), "names the walk-in whose use it would overlap: {e}");
    let ok = stdout(&mut args(&db, "2026-12-10 11:20", &["check"]));
    assert!(ok.starts_with("ok:"), "{ok}");
}

#[test]
fn an_overrun_is_recorded_shown_and_reported() {
    let db = centre();
    let at = "2026-11-26 10:00";
    for (from, to) in [("2026-12-10 10:00", "2026-12-10 11:00"), ("2026-12-10 11:00", "2026-12-10 12:00")] {
        stdout(&mut args(
            &db,
            at,
            &["booking", "add", "--equipment", "EQ-0001", "--person", "P-0001", "--from", from, "--to", to],
        ));
    }
    stdout(&mut args(&db, "2026-12-10 10:00", &["booking", "check-in", "1"]));
    let e = fails(&mut args(&db, "2026-12-10 11:05", &["booking", "check-in", "2"]), 1);
    assert!(e.contains("#1"), "names the booking in use: {e}");
    let done = json(&mut args(&db, "2026-12-10 11:20", &["booking", "check-out", "1", "--json"]));
    assert_eq!((done["state"].as_str(), done["overran"].as_i64()), (Some("completed"), Some(2)));
    let shown = stdout(&mut args(&db, "2026-12-10 11:20", &["--lang", "ko", "booking", "show", "1"]));
    assert!(shown.contains("#2 예약 시간까지 초과 사용"), "{shown}");
    let report = json(&mut args(&db, "2026-12-10 11:20", &["report", "overruns", "--month", "2026-12", "--json"]));
    let rows = report.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0]["booking"].as_i64(), rows[0]["into"].as_i64()), (Some(1), Some(2)));
    assert_eq!(rows[0]["actual_end"], "2026-12-10 11:20");
    let text = stdout(&mut args(&db, "2026-12-10 11:20", &["report", "overruns", "--month", "2026-12"]));
    assert!(text.contains("ran into #2"), "{text}");
}
