//! The store on real SQLite files: migrations, refusals, audit, concurrency.

mod common;

use std::sync::Arc;

use common::{TempDb, audit_count, clock, dump};
use kiln::db::person::PersonFilter;
use kiln::db::{Page, SCHEMA_VERSION, Store, operator, person, room};
use kiln::domain::person::PersonInput;
use kiln::domain::room::RoomInput;
use kiln::domain::{Capability, Field, Problem, Role};
use kiln::{Error, Refusal};

fn person_named(name: &str) -> PersonInput {
    PersonInput { name: name.into(), ..PersonInput::default() }
}

#[test]
fn a_fresh_file_is_migrated_in_wal_with_foreign_keys() {
    // SQLite's file itself: its user_version, WAL and STRICT tables.
    if common::pg::active() {
        return;
    }
    let db = TempDb::new();
    let store = db.open_as("kim");
    drop(store);
    let conn = common::sqlite::raw(&db.path);
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let strict: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND strict = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(strict, 0, "every table is STRICT");
}

#[test]
fn a_file_of_schema_1_is_brought_up_to_date_keeping_its_rows() {
    // A file of SQLite's schema 1 (user_version); the PostgreSQL schema
    // starts at its counterpart of version 6 and tests/postgres.rs runs it.
    if common::pg::active() {
        return;
    }
    let (db, mut s) = TempDb::with_admin("kim");
    person::add(&mut s, &person_named("김민수")).unwrap();
    drop(s);
    {
        // What kiln wrote before migration 2.
        common::sqlite::exec(&db.path, "DROP INDEX attendance_enrolment; PRAGMA user_version = 1;");
    }
    drop(db.open_as("kim"));
    let conn = common::sqlite::raw(&db.path);
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let index: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'attendance_enrolment'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(index, 1);
    let people: i64 = conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).unwrap();
    assert_eq!(people, 1);
}

#[test]
fn parent_directories_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/kiln.sqlite3");
    Store::open_as(&path, "kim", clock()).unwrap();
    assert!(path.exists());
}

#[test]
fn reopening_is_idempotent() {
    let (db, mut store) = TempDb::with_admin("kim");
    person::add(&mut store, &person_named("김민수")).unwrap();
    drop(store);
    let before = dump(&db.path);
    let store = db.open_as("kim");
    drop(store);
    assert_eq!(dump(&db.path), before);
}

#[test]
fn a_newer_database_is_refused_and_left_byte_identical() {
    // The file's bytes and its WAL; tests/postgres.rs refuses a newer
    // database on the server.
    if common::pg::active() {
        return;
    }
    let db = TempDb::new();
    {
        common::sqlite::exec(&db.path, "CREATE TABLE future (x INTEGER); PRAGMA user_version = 999;");
    }
    let before = std::fs::read(&db.path).unwrap();
    let err = Store::open_as(&db.path, "kim", clock()).err().unwrap();
    assert!(matches!(err, Error::SchemaTooNew { found: 999, .. }), "{err:?}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
    assert!(!db.dir.path().join("kiln.sqlite3-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    // A file of text; tests/postgres.rs refuses another program's database.
    if common::pg::active() {
        return;
    }
    let db = TempDb::new();
    std::fs::write(&db.path, "이건 데이터베이스가 아닙니다 — just text, long enough to be a header. ".repeat(20))
        .unwrap();
    let before = std::fs::read(&db.path).unwrap();
    let err = Store::open_as(&db.path, "kim", clock()).err().unwrap();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err:?}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn the_first_account_becomes_admin_and_only_once() {
    let db = TempDb::new();
    let mut kim = db.open_as("kim");
    assert!(operator::bootstrap(&mut kim).unwrap());
    let mut lee = db.open_as("lee");
    assert!(!operator::bootstrap(&mut lee).unwrap());
    let me = operator::me(&lee).unwrap();
    assert_eq!(me.role, None);
    assert_eq!(me.admins, vec!["kim".to_owned()]);
    assert_eq!(operator::me(&kim).unwrap().role, Some(Role::Admin));
}

#[test]
fn an_unknown_account_reads_but_cannot_write_and_leaves_no_trace() {
    let (db, _kim) = TempDb::with_admin("kim");
    let before = dump(&db.path);
    let mut stranger = db.open_as("stranger");
    let err = person::add(&mut stranger, &person_named("김민수")).unwrap_err();
    match err {
        Error::Refused(Refusal::NotPermitted { user, role: None, need: Capability::ManagePeople, admins }) => {
            assert_eq!(user, "stranger");
            assert_eq!(admins, vec!["kim".to_owned()]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&db.path), before);
    // Reading is allowed.
    assert!(person::list(&stranger, &PersonFilter::default(), Page::new(0, 10)).unwrap().is_empty());
}

#[test]
fn roles_limit_what_an_operator_may_do() {
    let (db, mut kim) = TempDb::with_admin("kim");
    operator::add(&mut kim, "lee", "equipment-manager").unwrap();
    operator::add(&mut kim, "park", "viewer").unwrap();
    let mut lee = db.open_as("lee");
    person::add(&mut lee, &person_named("이서연")).unwrap();
    let refused = operator::add(&mut lee, "choi", "viewer").unwrap_err();
    assert!(matches!(refused, Error::Refused(Refusal::NotPermitted { role: Some(Role::EquipmentManager), .. })));
    let mut park = db.open_as("park");
    let refused = person::add(&mut park, &person_named("박지훈")).unwrap_err();
    assert!(matches!(refused, Error::Refused(Refusal::NotPermitted { role: Some(Role::Viewer), .. })));
}

#[test]
fn the_last_admin_stays() {
    let (db, mut kim) = TempDb::with_admin("kim");
    let before = dump(&db.path);
    let err = operator::set_role(&mut kim, "kim", "viewer").unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::LastAdmin { .. })), "{err:?}");
    let err = operator::remove(&mut kim, "kim").unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::LastAdmin { .. })), "{err:?}");
    assert_eq!(dump(&db.path), before);
    operator::add(&mut kim, "lee", "admin").unwrap();
    operator::set_role(&mut kim, "kim", "viewer").unwrap();
}

#[test]
fn the_trigger_keeps_an_admin_even_behind_kiln() {
    let (db, _kim) = TempDb::with_admin("kim");
    let err = common::behind(&db.path, "DELETE FROM operator").unwrap_err();
    assert!(err.contains("last_admin"), "{err}");
}

#[test]
fn every_write_is_audited_in_the_same_transaction() {
    let (db, mut kim) = TempDb::with_admin("kim");
    let before = audit_count(&db.path);
    let p = person::add(
        &mut kim,
        &PersonInput { name: "김민수".into(), phone: "01012345678".into(), ..PersonInput::default() },
    )
    .unwrap();
    assert_eq!(p.code, "P-0001");
    assert_eq!(p.phone.as_deref(), Some("010-1234-5678"));
    assert_eq!(audit_count(&db.path), before + 1);
    let at = if common::pg::active() { "to_char(at, 'YYYY-MM-DD HH24:MI')" } else { "at" };
    let row = common::texts(
        &db.path,
        &format!("SELECT who, {at}, entity, entity_id, action, after FROM audit_log ORDER BY id DESC LIMIT 1"),
    )
    .remove(0);
    let [who, at, entity, id, action, after] = [0, 1, 2, 3, 4, 5].map(|i| row[i].clone().unwrap());
    assert_eq!(
        (who.as_str(), at.as_str(), entity.as_str(), id.as_str(), action.as_str()),
        ("kim", common::NOW, "person", "P-0001", "add")
    );
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["name"], "김민수");
}

#[test]
fn the_audit_log_is_append_only() {
    let (db, mut kim) = TempDb::with_admin("kim");
    person::add(&mut kim, &person_named("김민수")).unwrap();
    assert!(common::behind(&db.path, "UPDATE audit_log SET who = 'nobody'").is_err());
    assert!(common::behind(&db.path, "DELETE FROM audit_log").is_err());
}

#[test]
fn refused_input_writes_nothing_and_no_audit_row() {
    let (db, mut kim) = TempDb::with_admin("kim");
    let before = dump(&db.path);
    let bad = [
        PersonInput { name: String::new(), ..PersonInput::default() },
        PersonInput { name: "김\u{202E}민수".into(), ..PersonInput::default() },
        PersonInput { name: "김민수".into(), email: "kim@".into(), ..PersonInput::default() },
        PersonInput { name: "김민수".into(), company: "124-81-00998".into(), ..PersonInput::default() },
    ];
    let fields = [Field::Name, Field::Name, Field::Email, Field::Company];
    for (input, field) in bad.iter().zip(fields) {
        match person::add(&mut kim, input).unwrap_err() {
            Error::Invalid(i) => assert_eq!(i.field, field, "{input:?}"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(dump(&db.path), before);
}

#[test]
fn rooms_never_outgrow_the_building() {
    let (db, mut kim) = TempDb::with_admin("kim");
    let room = |code: &str, area: &str| RoomInput {
        code: code.into(),
        floor: "1".into(),
        kind: "lab".into(),
        area_m2: area.into(),
        rent_per_m2: None,
    };
    room::add(&mut kim, &room("101", "6000")).unwrap();
    room::add(&mut kim, &room("102", "611.57")).unwrap();
    let before = dump(&db.path);
    let err = room::add(&mut kim, &room("103", "0.01")).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::BuildingArea { total: 661_157, adding: 1, .. })), "{err:?}");
    let dup = room::add(&mut kim, &room("101", "1")).unwrap_err();
    assert!(matches!(dup, Error::Refused(Refusal::Duplicate { field: Field::RoomCode, .. })), "{dup:?}");
    assert_eq!(dump(&db.path), before);
    // The trigger guards it even when kiln's own check is bypassed.
    let err =
        common::behind(&db.path, "INSERT INTO room (code, floor, kind, area) VALUES ('104', 1, 'lab', 1)").unwrap_err();
    assert!(err.contains("building_area"), "{err}");
}

#[test]
fn impossible_dates_are_refused_by_the_schema() {
    let (db, _kim) = TempDb::with_admin("kim");
    let err = common::behind(
        &db.path,
        "INSERT INTO company (brn, name, sector, zone, stage, admitted_on) VALUES ('1248100998', 'x', 'glass', 'gangneung', 'early', '2026-02-30')",
    )
    .unwrap_err();
    // SQLite's CHECK on the text; PostgreSQL's date type (22008: out of range).
    let refused = if common::pg::active() { "22008" } else { "CHECK" };
    assert!(err.contains(refused), "{err}");
}

#[test]
fn two_connections_writing_at_once_both_succeed() {
    let (db, _kim) = TempDb::with_admin("kim");
    let path = Arc::new(db.path.clone());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = Arc::clone(&path);
            std::thread::spawn(move || {
                let mut store = Store::open_as(&path, "kim", clock()).unwrap();
                for i in 0..25 {
                    person::add(&mut store, &person_named(&format!("사람{t}-{i}"))).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = db.open_as("kim");
    assert_eq!(person::count(&store, &PersonFilter::default()).unwrap(), 100);
    let codes: std::collections::HashSet<String> = person::list(&store, &PersonFilter::default(), Page::ALL_FOR_CLI)
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes.len(), 100, "every person got their own code");
    // 100 people and the bootstrap: every write audited.
    assert_eq!(audit_count(&db.path), 101);
}

#[test]
fn another_connections_write_changes_data_version() {
    let (db, kim) = TempDb::with_admin("kim");
    let v = kim.data_version().unwrap();
    let mut other = db.open_as("kim");
    person::add(&mut other, &person_named("김민수")).unwrap();
    assert_ne!(kim.data_version().unwrap(), v);
}

#[test]
fn people_are_found_by_part_of_a_hangul_name_and_by_company() {
    let (_db, mut store) = TempDb::demo();
    let all = person::list(&store, &PersonFilter::default(), Page::ALL_FOR_CLI).unwrap();
    let some = &all[10];
    let part: String = some.name.chars().skip(1).collect();
    let found =
        person::list(&store, &PersonFilter { search: Some(part.clone()), company: None }, Page::ALL_FOR_CLI).unwrap();
    assert!(found.iter().any(|p| p.code == some.code));
    assert!(found.iter().all(|p| p.name.contains(&part)));
    let brn = all.iter().find_map(|p| p.company_brn.clone()).unwrap();
    let of_company =
        person::list(&store, &PersonFilter { search: None, company: Some(brn.clone()) }, Page::ALL_FOR_CLI).unwrap();
    assert!(!of_company.is_empty());
    assert!(of_company.iter().all(|p| p.company_brn.as_deref() == Some(brn.as_str())));
    let page = person::list(&store, &PersonFilter::default(), Page::new(5, 3)).unwrap();
    assert_eq!(
        page.iter().map(|p| p.code.clone()).collect::<Vec<_>>(),
        all[5..8].iter().map(|p| p.code.clone()).collect::<Vec<_>>()
    );
    let unknown = person::show(&store, "P-9999").unwrap_err();
    assert!(matches!(unknown, Error::Invalid(ref i) if i.problem == Problem::NotFound), "{unknown:?}");
    let added = person::add(
        &mut store,
        &PersonInput { name: "최유진".into(), company: brn.replace('-', ""), ..PersonInput::default() },
    )
    .unwrap();
    assert_eq!(added.company_brn.as_deref(), Some(brn.as_str()));
}

#[test]
fn the_demo_is_deterministic_and_believable() {
    let (a, _s) = TempDb::fresh_demo();
    let (b, _t) = TempDb::fresh_demo();
    assert_eq!(
        dump(&a.path).replace(&a.path.display().to_string(), ""),
        dump(&b.path).replace(&b.path.display().to_string(), "")
    );
    let store = a.open_as("kim");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let d = kiln::report::dashboard::load(&store, 2025, today).unwrap();
    let total: i64 = d.companies_by_stage.iter().map(|(_, n)| n).sum();
    assert!((55..=65).contains(&total), "{total}");
    let rooms = kiln::db::room::area_in_use(&store).unwrap();
    assert!(rooms <= kiln::domain::Area::BUILDING);
    // Believable: a centre partly let, growing toward its targets without hitting them.
    assert!(d.occupancy.area_rate_bp > 3_000 && d.occupancy.area_rate_bp < 10_000, "{:?}", d.occupancy);
    assert!(d.programme.employees > 300 && d.programme.employees < d.programme.target_employees);
    assert!(d.programme.sales.0 > 0 && d.programme.sales < d.programme.target_sales);
    assert!(!d.expiring.is_empty(), "some leases end soon");
    assert!(kiln::db::check::run(&store).unwrap().is_clean());
    let incubator_2005: i64 = common::texts(
        &a.path,
        "SELECT CAST(count(*) AS TEXT) FROM company WHERE admitted_on >= '2005-01-01' AND admitted_on < '2006-01-01'",
    )[0][0]
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    assert!(incubator_2005 >= 21);
    // A second demo into the same file is refused.
    let mut again = a.open_as("kim");
    let err = kiln::demo::load(&mut again, 1).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::NotEmpty)));
}
