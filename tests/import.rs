//! `kiln import` over the real binary: all or nothing, every bad row listed
//! with its line, CP949 from Korean Excel, Korean headers, and exports that
//! import back unchanged.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::cli::{fails, init, json, kiln, stdout};
use common::{TempDb, dump};
use kiln::domain::Brn;
use kiln::export::columns::{self, Column};
use serde_json::Value;

/// A valid 사업자등록번호, different for each `n` below 10,000.
fn brn(n: u16) -> String {
    let d = |k: u16| (n / k % 10) as u8;
    Brn::complete([2, 2, 1, 8, 7, d(1000), d(100), d(10), d(1)]).unwrap().to_string()
}

/// `brn(n)` with its check digit wrong.
fn bad_brn(n: u16) -> String {
    let good = brn(n);
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    format!("{}{}", &good[..good.len() - 1], (last + 1) % 10)
}

fn write(db: &TempDb, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = db.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(db: &TempDb, table: &str, file: &Path) -> Command {
    let mut cmd = kiln(db);
    cmd.args(["import", table]).arg(file);
    cmd
}

/// An import refused for its rows: exit 2, the bad rows on stdout, and one
/// `error:` line on stderr. Returns (stdout, the error line).
fn refused(cmd: &mut Command) -> (String, String) {
    let out = cmd.assert().code(2).get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    (String::from_utf8(out.stdout).unwrap(), lines[0].to_owned())
}

fn companies_csv(rows: &[(String, &str)]) -> String {
    let mut csv = String::from("brn,name,zone,stage,admitted_on,email\n");
    for (brn, name) in rows {
        writeln!(csv, "{brn},{name},gangneung,early,2025-03-02,").unwrap();
    }
    csv
}

#[test]
fn a_bad_brn_on_line_7_refuses_the_whole_file() {
    let db = init();
    let mut rows: Vec<(String, &str)> = (1..=8).map(|i| (brn(i), "세라텍(주)")).collect();
    rows[5].0 = bad_brn(6);
    let file = write(&db, "companies.csv", companies_csv(&rows));
    let before = dump(&db.path);
    let (out, line) = refused(&mut import(&db, "companies", &file));
    assert!(line.starts_with("error: line 7: brn: "), "{line}");
    assert!(line.contains(&bad_brn(6)) && line.contains("check digit"), "{line}");
    assert!(line.contains("1 row(s) refused; nothing was imported"), "{line}");
    assert_eq!(out.lines().collect::<Vec<_>>(), [line.trim_start_matches("error: ").rsplit_once(" (").unwrap().0]);
    assert_eq!(dump(&db.path), before);
}

#[test]
fn every_bad_row_is_listed_with_its_line() {
    let db = init();
    let csv = format!(
        "brn,name,zone,email\n{},좋은 기업,gangneung,\n{},메일 틀림,gangneung,kim@\n{},권역 틀림,seoul,\n{},,gangneung,\n{},좋은 기업 2,bukpyeong,\n",
        brn(1),
        brn(2),
        brn(3),
        brn(4),
        brn(5)
    );
    let file = write(&db, "companies.csv", csv);
    let before = dump(&db.path);
    let (out, line) = refused(&mut import(&db, "companies", &file));
    let listed: Vec<&str> = out.lines().collect();
    assert_eq!(listed.len(), 3, "{out}");
    assert!(listed[0].starts_with("line 3: email: 'kim@'"), "{out}");
    assert!(listed[1].starts_with("line 4: zone: 'seoul'") && listed[1].contains("gangneung"), "{out}");
    assert!(listed[2].starts_with("line 5: name: is empty"), "{out}");
    assert!(line.starts_with("error: line 3: email:") && line.contains("(3 row(s) refused"), "{line}");
    assert_eq!(dump(&db.path), before);

    let (out, _) = refused(import(&db, "companies", &file).arg("--json"));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((report["table"].as_str(), report["imported"].as_i64()), (Some("companies"), Some(0)));
    let lines: Vec<i64> = report["failures"].as_array().unwrap().iter().map(|f| f["line"].as_i64().unwrap()).collect();
    assert_eq!(lines, [3, 4, 5]);
    assert_eq!(report["failures"][1]["column"], "zone");
    assert!(report["failures"][1]["message"].as_str().unwrap().starts_with("'seoul' is not accepted"), "{report}");
}

#[test]
fn cp949_from_korean_excel_with_korean_headers() {
    // 똠 is one of the syllables CP949 added to EUC-KR.
    let text = format!(
        "사업자등록번호,기업명,대표자,권역\r\n{},세라텍(주),박서준,bukpyeong\r\n{},똠방각하 세라믹,김민수,gangneung\r\n",
        brn(11),
        brn(12)
    );
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&text);
    assert!(!unmappable && std::str::from_utf8(&bytes).is_err());
    for flags in [&[][..], &["--encoding", "cp949"][..]] {
        let db = init();
        let file = write(&db, "기업.csv", &bytes);
        let out = stdout(import(&db, "companies", &file).args(flags));
        assert!(out.contains("Imported 2 row(s) into companies"), "{out}");
        let list = json(kiln(&db).args(["company", "list", "--json"]));
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["똠방각하 세라믹", "세라텍(주)"]);
        assert_eq!(list[1]["representative"], "박서준");
        assert_eq!(list[1]["zone"], "bukpyeong");
    }
    let db = init();
    let file = write(&db, "기업.csv", &bytes);
    let line = fails(import(&db, "companies", &file).args(["--encoding", "utf-8"]), 2);
    assert!(line.contains("not UTF-8 text"), "{line}");
}

#[test]
fn headers_by_title_and_refusals_of_unknown_or_missing_columns() {
    let db = init();
    let file =
        write(&db, "a.csv", format!("\u{feff}사업자등록번호,기업명,Email\n{},세라텍(주),info@ceratech.kr\n", brn(21)));
    stdout(&mut import(&db, "companies", &file));
    assert_eq!(json(kiln(&db).args(["company", "show", &brn(21), "--json"]))["company"]["email"], "info@ceratech.kr");

    let before = dump(&db.path);
    let file = write(&db, "b.csv", format!("brn,name,colour\n{},세라텍,blue\n", brn(22)));
    let line = fails(&mut import(&db, "companies", &file), 2);
    assert!(line.contains("'colour'") && line.contains("brn, name, corporate_no"), "{line}");
    let file = write(&db, "c.csv", "name,email\n세라텍,a@b.kr\n");
    let line = fails(&mut import(&db, "companies", &file), 2);
    assert!(line.contains("missing: brn"), "{line}");
    let file = write(&db, "d.csv", "code,floor,kind\n301,3,office\n");
    let line = fails(&mut import(&db, "rooms", &file), 2);
    assert!(line.contains("missing: area_m2"), "{line}");
    let line = fails(&mut import(&db, "rooms", &db.dir.path().join("none.csv")), 2);
    assert!(line.contains("was not found"), "{line}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn dry_run_checks_everything_and_keeps_nothing() {
    let db = init();
    let rows: Vec<(String, &str)> = (31..=34).map(|i| (brn(i), "세라텍")).collect();
    let file = write(&db, "companies.csv", companies_csv(&rows));
    let before = dump(&db.path);
    let out = stdout(import(&db, "companies", &file).arg("--dry-run"));
    assert!(out.contains("Dry run: 4 row(s) of companies would be imported"), "{out}");
    let report = json(import(&db, "companies", &file).args(["--dry-run", "--json"]));
    assert_eq!(report, serde_json::json!({ "table": "companies", "imported": 4, "dry_run": true }));
    assert_eq!(dump(&db.path), before);
    let report = json(import(&db, "companies", &file).arg("--json"));
    assert_eq!(report, serde_json::json!({ "table": "companies", "imported": 4, "dry_run": false }));
    assert_eq!(json(kiln(&db).args(["company", "list", "--json"])).as_array().unwrap().len(), 4);
}

#[test]
fn a_brn_twice_in_the_file_or_already_registered_is_refused_with_its_line() {
    let db = init();
    stdout(kiln(&db).args(["company", "add", "--name", "먼저 온 기업", "--brn", &brn(41)]));
    let rows = [(brn(40), "새 기업"), (brn(41), "이미 있음"), (brn(40).replace('-', ""), "두 번째")];
    let file = write(&db, "companies.csv", companies_csv(&rows));
    let before = dump(&db.path);
    let (out, line) = refused(&mut import(&db, "companies", &file));
    let listed: Vec<&str> = out.lines().collect();
    assert_eq!(listed.len(), 2, "{out}");
    assert!(listed[0].starts_with("line 3: brn: ") && listed[0].contains("already registered"), "{out}");
    assert!(listed[1].starts_with(&format!("line 4: brn: '{}' is on line 2 too", brn(40))), "{out}");
    assert!(line.contains("(2 row(s) refused"), "{line}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn people_keep_their_codes_and_a_taken_code_is_refused() {
    let db = init();
    stdout(kiln(&db).args(["person", "add", "--name", "김민수"]));
    let file = write(&db, "people.csv", "code,name,email\n,이서연,\nP-0042,박지훈,park@ceratech.kr\nP-0001,최유진,\n");
    let (out, _) = refused(&mut import(&db, "people", &file));
    assert!(out.starts_with("line 4: code: person 'P-0001' is already registered"), "{out}");
    let file = write(&db, "people.csv", "code,name,email\n,이서연,\nP-0042,박지훈,park@ceratech.kr\n");
    stdout(&mut import(&db, "people", &file));
    let list = json(kiln(&db).args(["person", "list", "--json"]));
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["P-0001", "P-0042", "P-0043"]);
}

#[test]
fn rooms_and_equipment_import_with_their_rules() {
    let db = init();
    let file = write(
        &db,
        "rooms.csv",
        "호실,층,용도,면적(m²),m²당 임대료,폐쇄일\n301,3,office,66.12,10000,\n105,1,lab,120.5,,\n900,9,storage,10,,2026-01-31\n",
    );
    stdout(&mut import(&db, "rooms", &file));
    let rooms = json(kiln(&db).args(["room", "list", "--on", "2020-01-01", "--json"]));
    assert_eq!(rooms.as_array().unwrap().len(), 3);
    assert_eq!(json(kiln(&db).args(["room", "list", "--json"])).as_array().unwrap().len(), 2);
    let file = write(
        &db,
        "equipment.csv",
        "code,name,category,room,status,hours,needs_approval\nEQ-0002,FE-SEM,analysis,105,active,always,false\nEQ-0003,XRD,analysis,999,active,,\n",
    );
    let (out, _) = refused(&mut import(&db, "equipment", &file));
    assert!(out.starts_with("line 3: room: '999' was not found"), "{out}");
    let file = write(
        &db,
        "equipment.csv",
        "code,name,category,room,hours,needs_approval\nEQ-0002,FE-SEM,analysis,105,always,false\n",
    );
    stdout(&mut import(&db, "equipment", &file));
    let eq = json(kiln(&db).args(["equipment", "show", "EQ-0002", "--json"]));
    assert_eq!(
        (eq["room"].as_str(), eq["hours"].as_str(), eq["needs_approval"].as_bool()),
        (Some("105"), Some("always"), Some(false))
    );
}

/// A CSV of `rows` (objects from `… list --json`) with the table's field keys
/// as headers, as `kiln export … --format csv` writes it.
fn csv_from_json(columns: &[Column], rows: &Value) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns.iter().map(|c| c.key)).unwrap();
    for row in rows.as_array().unwrap() {
        w.write_record(columns.iter().map(|c| match &row[c.key] {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }))
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn sorted(mut list: Value, key: &str) -> Value {
    list.as_array_mut().unwrap().sort_by_key(|v| v[key].as_str().unwrap_or_default().to_owned());
    list
}

#[test]
fn a_demo_register_exported_imports_back_unchanged() {
    let demo = TempDb::new();
    stdout(kiln(&demo).arg("demo"));
    // `--on` a day before the centre opened lists retired rooms too, and no leases.
    let lists: [(&str, &[Column], &[&str], &str); 3] = [
        ("companies", columns::COMPANIES, &["company", "list", "--json"], "brn"),
        ("rooms", columns::ROOMS, &["room", "list", "--on", "2000-01-01", "--json"], "code"),
        ("people", columns::PEOPLE, &["person", "list", "--json"], "code"),
    ];
    let fresh = init();
    let exported = init();
    let mut via_export = true;
    for (table, cols, list, key) in lists {
        let original = sorted(json(kiln(&demo).args(list)), key);
        assert!(original.as_array().unwrap().len() > 30, "{table}");
        let file = write(&fresh, &format!("{table}.csv"), csv_from_json(cols, &original));
        let out = stdout(&mut import(&fresh, table, &file));
        assert!(out.contains(&format!("Imported {} row(s)", original.as_array().unwrap().len())), "{out}");
        assert_eq!(sorted(json(kiln(&fresh).args(list)), key), original, "{table}");

        // The export's own CSV, once `kiln export` writes this table.
        let out = exported.dir.path().join(format!("{table}.csv"));
        let export = kiln(&demo).args(["export", table, "--format", "csv", "--out"]).arg(&out).output().unwrap();
        via_export &= export.status.success();
        if via_export {
            stdout(&mut import(&exported, table, &out));
            assert_eq!(sorted(json(kiln(&exported).args(list)), key), original, "{table} via kiln export");
        }
    }
}
