//! Reports, check and backup on real SQLite files: utilisation counts the
//! hours a machine could have run (holidays and downtime out), the
//! programme's years, `check` finding what got around the schema, and a
//! backup taken while another connection writes.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::TempDb;
use kiln::db::downtime::{self, DowntimeInput, OnClash};
use kiln::db::{Store, check, equipment, person};
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::{FixedClock, Minute};
use kiln::i18n::Lang;
use kiln::report::usage;

/// Hours are reported to a tenth.
fn tenths(x: f64) -> i64 {
    (x * 10.0).round() as i64
}

#[test]
fn available_hours_leave_out_weekends_holidays_and_downtime() {
    let (db, s) = TempDb::with_admin("kim");
    drop(s);
    let mut s =
        Store::open_as(&db.path, "kim", Arc::new(FixedClock(Minute::parse("2026-09-01 10:00").unwrap()))).unwrap();
    let xrd = EquipmentInput {
        code: "EQ-0001".into(),
        name: "XRD".into(),
        category: "analysis".into(),
        ..EquipmentInput::default()
    };
    equipment::add(&mut s, &xrd).unwrap();
    let rows = usage::utilisation(&s, 2026, 10).unwrap();
    // October 2026: 22 weekdays less 10-05 (개천절 대체공휴일) and 10-09
    // (한글날), at the default 09:00–18:00.
    assert_eq!(tenths(rows[0].available_hours), 20 * 9 * 10);
    let dt = DowntimeInput {
        equipment: "EQ-0001".into(),
        from: "2026-10-07 09:00".into(),
        to: "2026-10-07 13:00".into(),
        reason: "calibration".into(),
        note: String::new(),
    };
    downtime::add(&mut s, &dt, &OnClash::Hold).unwrap();
    let rows = usage::utilisation(&s, 2026, 10).unwrap();
    assert_eq!(tenths(rows[0].available_hours), 1760, "four hours of calibration out");
    assert_eq!([rows[0].booked_hours, rows[0].used_hours, rows[0].utilisation].map(tenths), [0, 0, 0]);
}

#[test]
fn check_is_clean_on_the_demo_and_finds_each_planted_violation() {
    let (db, s) = TempDb::demo();
    assert!(check::run(&s).unwrap().is_clean());
    drop(s);
    common::plant_rule_breaks(&db.path);
    let s = db.open_as("kim");
    let report = check::run(&s).unwrap();
    let rules: Vec<&str> = report.invariants.iter().map(|v| v.rule).collect();
    assert_eq!(rules, common::PLANTED_RULES, "{report:?}");
    assert!(
        kiln::i18n::check::detail(&report.invariants[0], Lang::Ko).contains("겹칩니다"),
        "said in Korean: {report:?}"
    );
    assert!(!report.is_clean());
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_sound() {
    // SQLite's online backup of the file; a server is backed up with pg_dump.
    if common::pg::active() {
        return;
    }
    let (db, s) = TempDb::demo();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (db.path.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut w = Store::open_as(&path, "kim", common::clock()).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                person::add(&mut w, &PersonInput { name: format!("백업중{n}"), ..PersonInput::default() }).unwrap();
                n += 1;
            }
            n
        })
    };
    // Let the writer get going, then copy.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let target = db.dir.path().join("copy.sqlite3");
    kiln::db::backup::backup(&s, &target).unwrap();
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0, "the writer wrote during the backup");
    let copy = Store::open_as(&target, "kim", common::clock()).unwrap();
    let report = check::run(&copy).unwrap();
    assert!(report.is_clean(), "{report:?}");
    drop(copy);
    let raw = common::sqlite::raw(&target);
    let people: i64 = raw.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).unwrap();
    let audited: i64 = raw
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'add'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(people, audited, "the copy is one moment: every person with its audit entry");
}
