//! The command line over the real binary and real files.

mod common;

use common::cli::{fails, init, json, kiln, stdout};
use common::{NOW, TempDb, dump};
use serde_json::Value;

#[test]
fn init_makes_the_running_account_admin_and_is_idempotent() {
    let db = TempDb::new();
    let out = stdout(kiln(&db).arg("init"));
    let me = whoami::username().unwrap();
    assert!(out.contains(&me), "{out}");
    let before = dump(&db.path);
    let again = stdout(kiln(&db).arg("init"));
    assert!(again.contains("already"), "{again}");
    assert_eq!(dump(&db.path), before);
    let users = json(kiln(&db).args(["user", "list", "--json"]));
    assert_eq!(users[0]["name"], me.as_str());
    assert_eq!(users[0]["role"], "admin");
}

#[test]
fn demo_fills_an_empty_database_once() {
    let db = TempDb::new();
    let out = stdout(kiln(&db).args(["demo", "--seed", "7"]));
    assert!(out.contains("companies"), "{out}");
    let people = json(kiln(&db).args(["person", "list", "--json"]));
    assert!(people.as_array().unwrap().len() > 50);
    let before = dump(&db.path);
    let line = fails(kiln(&db).arg("demo"), 1);
    assert!(line.contains("not empty"), "{line}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn person_add_then_list_and_show_as_json() {
    let db = init();
    let code = stdout(kiln(&db).args([
        "person",
        "add",
        "--name",
        "김민수",
        "--phone",
        "010 1234 5678",
        "--email",
        "Kim@Ceratech.KR",
    ]));
    assert_eq!(code.trim(), "P-0001");
    let added = json(kiln(&db).args(["person", "add", "--name", "이서연", "--json"]));
    assert_eq!(added["code"], "P-0002");
    let list = json(kiln(&db).args(["person", "list", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["name"], "김민수");
    assert_eq!(list[0]["phone"], "010-1234-5678");
    assert_eq!(list[0]["email"], "Kim@ceratech.kr");
    assert_eq!(list[0]["company_brn"], Value::Null);
    let shown = json(kiln(&db).args(["person", "show", "p-2", "--json"]));
    assert_eq!(shown["name"], "이서연");
    let found = json(kiln(&db).args(["person", "list", "--search", "서연", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[test]
fn person_of_a_company_by_brn() {
    let db = TempDb::new();
    stdout(kiln(&db).arg("demo"));
    let people = json(kiln(&db).args(["person", "list", "--json"]));
    let brn = people.as_array().unwrap().iter().find_map(|p| p["company_brn"].as_str().map(str::to_owned)).unwrap();
    let added =
        json(kiln(&db).args(["person", "add", "--name", "최유진", "--company", &brn.replace('-', ""), "--json"]));
    assert_eq!(added["company_brn"], brn.as_str());
    let of = json(kiln(&db).args(["person", "list", "--company", &brn, "--json"]));
    assert!(of.as_array().unwrap().iter().all(|p| p["company_brn"] == brn.as_str()));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_changes_nothing() {
    let db = init();
    stdout(kiln(&db).args(["person", "add", "--name", "김민수"]));
    let before = dump(&db.path);
    let cases: &[(&[&str], &str)] = &[
        (&["person", "add", "--name", "김민수", "--email", "kim@"], "email"),
        (&["person", "add", "--name", "   "], "name"),
        (&["person", "add", "--name", "김\u{202E}민수"], "name"),
        (&["person", "add", "--name", "김\u{2066}민수"], "name"),
        (&["person", "add", "--name", "a\u{1b}[31mb"], "name"),
        (&["person", "add", "--name", &"가".repeat(10_000)], "name"),
        (&["person", "add", "--name", "김민수", "--phone", "12"], "phone"),
        (&["person", "add", "--name", "김민수", "--company", "124-81-00999"], "company"),
        (&["person", "add", "--name", "김민수", "--company", "124-81-00998"], "company"),
        (&["person", "show", "P-9999"], "person"),
        (&["person", "show", "X-1"], "person"),
        (&["user", "add", "lee", "--role", "root"], "role"),
    ];
    for (args, field) in cases {
        let line = fails(kiln(&db).args(*args), 2);
        assert!(line.starts_with(&format!("error: {field}: ")), "{args:?} → {line}");
        assert!(line.chars().count() < 300, "short: {line}");
    }
    assert_eq!(dump(&db.path), before);
}

#[test]
fn errors_speak_korean_when_asked() {
    let db = init();
    let line = fails(kiln(&db).args(["--lang", "ko", "person", "add", "--name", "김민수", "--email", "kim@"]), 2);
    assert_eq!(line, "error: 이메일: 'kim@'은(는) 형식이 맞지 않습니다 — 예: name@example.kr");
    let line = fails(kiln(&db).env("LANG", "ko_KR.UTF-8").args(["person", "add", "--name", ""]), 2);
    assert!(line.starts_with("error: 이름: "), "{line}");
}

#[test]
fn usage_errors_exit_2() {
    let db = init();
    kiln(&db).arg("bogus").assert().code(2);
    kiln(&db).args(["person", "add"]).assert().code(2);
    kiln(&db).args(["user", "add", "lee"]).assert().code(2);
    kiln(&db).arg("--help").assert().success();
}

#[test]
fn commands_on_a_missing_database_exit_2_and_create_nothing() {
    let db = TempDb::new();
    let line = fails(kiln(&db).args(["person", "list"]), 2);
    assert!(line.contains("kiln init"), "{line}");
    assert!(!db.path.exists());
}

#[test]
fn a_rule_refusal_exits_1() {
    let db = init();
    // Make the database belong to someone else, so this account is unknown.
    let me = whoami::username().unwrap();
    common::behind(
        &db.path,
        &format!(
            "INSERT INTO operator (name, role, added_at, added_by) VALUES ('kim', 'admin', '{NOW}', 'kim');
             DELETE FROM operator WHERE name = '{}';",
            me.replace('\'', "''")
        ),
    )
    .unwrap();
    let before = dump(&db.path);
    let line = fails(kiln(&db).args(["person", "add", "--name", "김민수"]), 1);
    assert!(line.contains("not registered") && line.contains("kim"), "{line}");
    assert_eq!(dump(&db.path), before);
    // Reading still works.
    stdout(kiln(&db).args(["person", "list"]));
}

#[test]
fn user_add_list_and_duplicate() {
    let db = init();
    let lee = json(kiln(&db).args(["user", "add", "lee", "--role", "equipment_manager", "--json"]));
    assert_eq!(lee["role"], "equipment-manager");
    let line = fails(kiln(&db).args(["user", "add", "lee", "--role", "viewer"]), 1);
    assert!(line.contains("already"), "{line}");
    let users = json(kiln(&db).args(["user", "list", "--json"]));
    assert_eq!(users.as_array().unwrap().len(), 2);
}

#[test]
fn check_passes_on_a_good_file_and_fails_on_a_broken_one() {
    let db = TempDb::new();
    stdout(kiln(&db).arg("demo"));
    let report = json(kiln(&db).args(["check", "--json"]));
    assert_eq!(report["integrity"].as_array().unwrap().len(), 0);
    assert_eq!(report["foreign_keys"].as_array().unwrap().len(), 0);
    if common::pg::active() {
        // PostgreSQL enforces foreign keys itself; only a superuser who
        // turns that off (replica mode skips the keys' triggers) can break one.
        common::pg::exec(
            db.path.to_str().unwrap(),
            "SET session_replication_role = replica; UPDATE person SET company_id = 99999 WHERE id = 1;",
        );
    } else {
        common::sqlite::exec(&db.path, "PRAGMA foreign_keys = OFF; UPDATE person SET company_id = 99999 WHERE id = 1;");
    }
    let out = kiln(&db).arg("check").assert().code(1).get_output().clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("person"));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
}

#[test]
fn a_newer_database_is_refused_with_exit_1() {
    let db = TempDb::new();
    if common::pg::active() {
        // A database on the server says its version in kiln_schema.
        stdout(kiln(&db).arg("init"));
        common::behind(&db.path, "UPDATE kiln_schema SET version = 999").unwrap();
        let before = dump(&db.path);
        let line = fails(kiln(&db).args(["person", "list"]), 1);
        assert!(line.contains("newer kiln"), "{line}");
        assert_eq!(dump(&db.path), before);
        return;
    }
    {
        common::sqlite::exec(&db.path, "PRAGMA user_version = 999;");
    }
    let before = std::fs::read(&db.path).unwrap();
    let line = fails(kiln(&db).args(["person", "list"]), 1);
    assert!(line.contains("newer kiln"), "{line}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn version_as_json() {
    let db = TempDb::new();
    let v = json(kiln(&db).args(["version", "--json"]));
    assert_eq!(v["kiln"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["schema"], kiln::db::SCHEMA_VERSION);
}

#[test]
fn kiln_db_chooses_the_file() {
    let db = TempDb::new();
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("kiln");
    cmd.env("KILN_DB", &db.path).env("KILN_NOW", NOW).arg("init").assert().success();
    // Made there: its first admin is this account.
    assert_eq!(common::texts(&db.path, "SELECT role FROM operator"), [[Some("admin".to_owned())]]);
}

#[test]
fn a_bad_kiln_now_is_refused() {
    let db = TempDb::new();
    let mut cmd = kiln(&db);
    cmd.env("KILN_NOW", "2026-02-30 10:00").arg("init");
    let line = fails(&mut cmd, 2);
    assert!(line.contains("time"), "{line}");
}

#[test]
fn backup_copies_a_consistent_file_and_never_overwrites() {
    // A copy of the file; on a server, `kiln backup` points to pg_dump.
    if common::pg::active() {
        return;
    }
    let db = TempDb::new();
    stdout(kiln(&db).arg("demo"));
    let target = db.dir.path().join("copies/backup.sqlite3");
    let out = stdout(kiln(&db).arg("backup").arg(&target));
    assert!(out.contains("backup.sqlite3"), "{out}");
    let copy = TempDb { dir: tempfile::tempdir().unwrap(), path: target.clone() };
    assert_eq!(dump(&copy.path), dump(&db.path));
    let report = json(
        assert_cmd::cargo::cargo_bin_cmd!("kiln")
            .env("KILN_NOW", NOW)
            .arg("--db")
            .arg(&target)
            .args(["check", "--json"]),
    );
    assert_eq!(report["integrity"].as_array().unwrap().len(), 0);
    let line = fails(kiln(&db).arg("backup").arg(&target), 2);
    assert!(line.contains("already exists"), "{line}");
}
