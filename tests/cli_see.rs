//! Issue 16 §2 "See" on the command line: a night's booking or downtime
//! names both days, a waiting downtime names its booking, figures read in
//! the reader's language with separators, the arrears report is a table
//! with totals, and skipped occurrences of a series say why in Korean.

mod common;

use common::cli::{demo, init, json, kiln, stdout};

fn args(db: &common::TempDb, a: &[&str]) -> assert_cmd::Command {
    let mut c = kiln(db);
    c.args(a);
    c
}

/// A centre with one kiln that runs day and night, and one person.
fn kiln_centre() -> common::TempDb {
    let db = init();
    stdout(&mut args(&db, &["person", "add", "--name", "김민수"]));
    stdout(&mut args(
        &db,
        &[
            "equipment",
            "add",
            "--code",
            "EQ-0019",
            "--name",
            "소성로 #2",
            "--category",
            "processing",
            "--hours",
            "always",
            "--holidays",
            "yes",
            "--slot",
            "60",
            "--max-minutes",
            "2880",
            "--approval",
            "no",
        ],
    ));
    db
}

#[test]
fn a_night_booking_and_downtime_name_both_days() {
    let db = kiln_centre();
    let book =
        ["--equipment", "EQ-0019", "--person", "P-0001", "--from", "2026-12-11 13:00", "--to", "2026-12-12 03:00"];
    let out = stdout(args(&db, &["booking", "add"]).args(book));
    assert!(out.contains("2026-12-11 13:00–2026-12-12 03:00"), "{out}");
    let list = stdout(&mut args(&db, &["booking", "list"]));
    assert!(list.contains("2026-12-11 13:00–2026-12-12 03:00"), "{list}");
    assert!(!list.contains("13:00–03:00"), "{list}");
    let d =
        ["--equipment", "EQ-0019", "--from", "2026-12-20 20:00", "--to", "2026-12-21 06:00", "--reason", "maintenance"];
    stdout(args(&db, &["downtime", "add"]).args(d));
    let list = stdout(&mut args(&db, &["downtime", "list"]));
    assert!(list.contains("2026-12-20 20:00–2026-12-21 06:00"), "{list}");
    // A day's booking keeps the short form.
    let day =
        ["--equipment", "EQ-0019", "--person", "P-0001", "--from", "2026-12-15 09:00", "--to", "2026-12-15 13:00"];
    let out = stdout(args(&db, &["booking", "add"]).args(day));
    assert!(out.contains("2026-12-15 09:00–13:00"), "{out}");
}

#[test]
fn a_waiting_downtime_names_the_booking_it_waits_for() {
    let db = kiln_centre();
    let book =
        ["--equipment", "EQ-0019", "--person", "P-0001", "--from", "2026-12-11 09:00", "--to", "2026-12-11 15:00"];
    stdout(args(&db, &["booking", "add"]).args(book));
    let d = ["--equipment", "EQ-0019", "--from", "2026-12-11 12:00", "--to", "2026-12-11 18:00", "--reason", "fault"];
    stdout(args(&db, &["downtime", "add"]).args(d));
    let list = stdout(args(&db, &["downtime", "list"]).env("LANG", "ko_KR.UTF-8"));
    assert!(list.contains("#1") && list.contains("비켜야") && list.contains("김민수"), "{list}");
    let en = stdout(&mut args(&db, &["downtime", "list"]));
    assert!(en.contains("starts once booking #1 is moved or cancelled"), "{en}");
    let j = json(&mut args(&db, &["downtime", "list", "--json"]));
    assert_eq!(j[0]["waiting_for"], serde_json::json!([1]));
}

#[test]
fn skipped_occurrences_say_why_in_the_readers_language() {
    let db = kiln_centre();
    let one =
        ["--equipment", "EQ-0019", "--person", "P-0001", "--from", "2026-12-08 09:00", "--to", "2026-12-08 12:00"];
    stdout(args(&db, &["booking", "add"]).args(one));
    let series = [
        "--equipment",
        "EQ-0019",
        "--person",
        "P-0001",
        "--from",
        "2026-12-01 09:00",
        "--to",
        "2026-12-01 12:00",
        "--weeks",
        "3",
        "--book-free",
    ];
    let ko = stdout(args(&db, &["--lang", "ko", "booking", "add"]).args(series));
    let skipped = ko.lines().find(|l| l.contains('✖')).unwrap_or_default();
    assert!(skipped.contains("겹칩니다"), "{ko}");
    assert!(!skipped.contains("overlaps"), "{ko}");
    // The JSON keeps a stable English reason for scripts.
    let series2 = [
        "--equipment",
        "EQ-0019",
        "--person",
        "P-0001",
        "--from",
        "2026-12-01 14:00",
        "--to",
        "2026-12-01 17:00",
        "--weeks",
        "2",
        "--book-free",
        "--json",
    ];
    stdout(args(&db, &["booking", "add"]).args(["--equipment", "EQ-0019", "--person", "P-0001"]).args([
        "--from",
        "2026-12-08 15:00",
        "--to",
        "2026-12-08 16:00",
    ]));
    let j = json(args(&db, &["--lang", "ko", "booking", "add"]).args(series2));
    let reason = j["skipped"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("overlaps"), "{j}");
}

#[test]
fn figures_read_in_english_with_separators() {
    let db = demo();
    let en = stdout(&mut args(&db, &["--lang", "en", "report", "kpis"]));
    assert!(!en.contains('억') && !en.contains('만') && !en.contains('원'), "{en}");
    assert!(en.contains(" won"), "{en}");
    assert!(en.lines().all(|l| !l.contains("/2400")), "jobs grouped too: {en}");
    let ko = stdout(&mut args(&db, &["--lang", "ko", "report", "kpis"]));
    assert!(ko.contains('억'), "{ko}");
}

#[test]
fn the_arrears_report_is_a_table_with_totals() {
    let db = demo();
    for (lang, head, total) in [("ko", "미납", "합계"), ("en", "Owed", "Total")] {
        let out = stdout(&mut args(&db, &["--lang", lang, "report", "arrears"]));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].contains(head), "a header: {out}");
        let last = lines.last().unwrap();
        assert!(last.starts_with(total), "totals: {out}");
        // Amounts are right-aligned: the owed column ends at one place on every row.
        let ends: Vec<usize> = lines[1..]
            .iter()
            .map(|l| {
                let owed = l.split_whitespace().filter(|w| w.contains(',')).nth(1).unwrap_or_default();
                kiln::cells::width(&l[..l.rfind(owed).unwrap_or(0) + owed.len()])
            })
            .collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{out}");
    }
}
