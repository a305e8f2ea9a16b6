//! `kiln course|cohort|session|enrol|attend|qualification` over the real binary.

mod common;

use common::cli::{fails, init, json, kiln, stdout};
use common::dump;

fn args(db: &common::TempDb, a: &[&str]) -> assert_cmd::Command {
    let mut c = kiln(db);
    c.args(a);
    c
}

fn programme() -> common::TempDb {
    let db = init();
    for name in ["김민수", "이서연", "박지훈"] {
        stdout(&mut args(&db, &["person", "add", "--name", name]));
    }
    stdout(&mut args(
        &db,
        &["equipment", "add", "--code", "EQ-0002", "--name", "FE-SEM", "--category", "analysis", "--approval", "no"],
    ));
    stdout(&mut args(
        &db,
        &[
            "course",
            "add",
            "--code",
            "KILN-101",
            "--title",
            "주사전자현미경 운용",
            "--hours",
            "6",
            "--validity-months",
            "24",
            "--equipment",
            "EQ-0002",
        ],
    ));
    stdout(&mut args(
        &db,
        &[
            "cohort",
            "add",
            "--course",
            "KILN-101",
            "--code",
            "2026-1",
            "--capacity",
            "1",
            "--opens",
            "2026-11-01",
            "--closes",
            "2026-11-30",
        ],
    ));
    for (date, start, end) in [("2026-11-02", "09:00", "12:00"), ("2026-11-09", "09:00", "12:00")] {
        stdout(&mut args(
            &db,
            &["session", "add", "--cohort", "KILN-101/2026-1", "--date", date, "--start", start, "--end", end],
        ));
    }
    db
}

#[test]
fn enrol_prints_status_and_position_and_cancel_promotes() {
    let db = programme();
    let a = json(&mut args(&db, &["enrol", "--cohort", "KILN-101/2026-1", "--person", "P-0001", "--json"]));
    assert_eq!((a["status"].as_str(), a["position"].as_i64()), (Some("enrolled"), None));
    let b = json(&mut args(&db, &["enrol", "--cohort", "KILN-101/2026-1", "--person", "P-0002", "--json"]));
    assert_eq!((b["status"].as_str(), b["position"].as_i64()), (Some("waitlisted"), Some(1)));
    let before = dump(&db.path);
    let again = fails(&mut args(&db, &["enrol", "--cohort", "KILN-101/2026-1", "--person", "P-0002"]), 1);
    assert!(again.contains("already registered"), "{again}");
    let bad = fails(&mut args(&db, &["enrol", "--cohort", "KILN-101", "--person", "P-0002"]), 2);
    assert!(bad.starts_with("error: cohort: "), "{bad}");
    assert_eq!(dump(&db.path), before);
    let out = json(&mut args(&db, &["enrol", "cancel", "--cohort", "KILN-101/2026-1", "--person", "P-0001", "--json"]));
    assert_eq!(out["promoted"][0]["person"], "P-0002");
    let listed = stdout(&mut args(&db, &["enrol", "list", "--cohort", "KILN-101/2026-1"]));
    assert!(listed.contains("seated from the waitlist"), "the promoted person is told: {listed}");
    let ko = stdout(&mut args(&db, &["--lang", "ko", "enrol", "list", "--person", "P-0002"]));
    assert!(ko.contains("대기에서 수강 확정"), "{ko}");
}

#[test]
fn attendance_completion_and_the_gate_from_the_command_line() {
    let db = programme();
    stdout(&mut args(&db, &["enrol", "--cohort", "KILN-101/2026-1", "--person", "P-0001"]));
    let refused = fails(
        &mut args(
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
                "2026-12-01 10:00",
            ],
        ),
        1,
    );
    assert!(refused.contains("KILN-101") && refused.contains("qualification"), "{refused}");
    for s in ["1", "2"] {
        stdout(&mut args(
            &db,
            &["attend", "--cohort", "KILN-101/2026-1", "--session", s, "--person", "P-0001", "--status", "present"],
        ));
    }
    let bad = fails(
        &mut args(
            &db,
            &["attend", "--cohort", "KILN-101/2026-1", "--session", "1", "--person", "P-0001", "--status", "asleep"],
        ),
        2,
    );
    assert!(bad.starts_with("error: status: "), "{bad}");
    let preview = json(&mut args(&db, &["cohort", "complete", "KILN-101/2026-1", "--preview", "--json"]));
    assert_eq!(preview[0]["passes"], true);
    let done = json(&mut args(&db, &["cohort", "complete", "KILN-101/2026-1", "--on", "2026-11-20", "--json"]));
    assert_eq!(done[0]["certificate"], "KILN-101-2026-1-001");
    let quals = json(&mut args(&db, &["qualification", "list", "--person", "P-0001", "--json"]));
    assert_eq!(
        (quals[0]["valid_from"].as_str(), quals[0]["valid_until"].as_str()),
        (Some("2026-11-20"), Some("2028-11-19"))
    );
    let booked = json(&mut args(
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
            "2026-12-01 10:00",
            "--json",
        ],
    ));
    assert_eq!(booked["state"], "approved");
    let id = quals[0]["id"].as_i64().unwrap().to_string();
    json(&mut args(&db, &["qualification", "revoke", &id, "--reason", "안전 수칙 위반", "--json"]));
    let flagged = json(&mut args(&db, &["qualification", "flagged", "--json"]));
    assert_eq!(flagged[0]["id"], booked["id"]);
    let refused = fails(
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
                "P-0001",
                "--from",
                "2026-12-02 09:00",
                "--to",
                "2026-12-02 10:00",
            ],
        ),
        1,
    );
    assert!(refused.contains("취소됨") && refused.contains("2026-11-20"), "names the nearest, revoked: {refused}");
}
