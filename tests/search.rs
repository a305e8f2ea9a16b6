//! Finding by what people call it (issue 16 §1): one search key stored with
//! each searchable row, so that 초성 and names typed as conjoining jamo find
//! companies and people, through the use cases and the command line alike;
//! migration 6 fills the keys of rows already there and `kiln check` knows
//! a stale one.

mod common;

use common::TempDb;
use common::cli::{json, kiln};
use kiln::db::company::{self, CompanyFilter};
use kiln::db::person::{self, PersonFilter};
use kiln::db::{Page, check};
use kiln::domain::company::CompanyInput;
use kiln::domain::person::PersonInput;

fn centre() -> (TempDb, kiln::db::Store) {
    let (db, mut s) = TempDb::with_admin("kim");
    for (name, brn, rep) in [("세라텍", "124-81-00998", "김민수"), ("강릉소재", "220-81-62517", "이서연")]
    {
        let input =
            CompanyInput { name: name.into(), brn: brn.into(), representative: rep.into(), ..CompanyInput::default() };
        company::add(&mut s, &input).unwrap();
    }
    for (name, company) in [("각산", "124-81-00998"), ("Park Jihun", "")] {
        person::add(&mut s, &PersonInput { name: name.into(), company: company.into(), ..PersonInput::default() })
            .unwrap();
    }
    (db, s)
}

fn companies(s: &kiln::db::Store, q: &str) -> Vec<String> {
    let f = CompanyFilter { search: Some(q.into()), ..CompanyFilter::default() };
    company::list(s, &f, Page::ALL_FOR_CLI).unwrap().into_iter().map(|c| c.name).collect()
}

fn people(s: &kiln::db::Store, q: &str) -> Vec<String> {
    let f = PersonFilter { search: Some(q.into()), ..PersonFilter::default() };
    person::list(s, &f, Page::ALL_FOR_CLI).unwrap().into_iter().map(|p| p.name).collect()
}

#[test]
fn initials_jamo_case_and_brn_digits_find_the_row() {
    let (_db, s) = centre();
    assert_eq!(companies(&s, "ㅅㄹㅌ"), ["세라텍"]);
    assert_eq!(companies(&s, "ㄱㄹ"), ["강릉소재"]);
    assert_eq!(companies(&s, "124-81"), ["세라텍"]);
    assert_eq!(companies(&s, "ㄱㅁㅅ"), ["세라텍"], "the representative's initials");
    assert_eq!(people(&s, "\u{1100}\u{1161}\u{11a8}"), ["각산"], "각 typed as conjoining jamo");
    assert_eq!(people(&s, "JIHUN"), ["Park Jihun"]);
    assert_eq!(people(&s, "p-0001"), ["각산"]);
    assert!(people(&s, "ㅎㅎ").is_empty());
}

#[test]
fn the_command_line_searches_with_the_same_key() {
    let db = TempDb::new();
    common::cli::stdout(kiln(&db).arg("init"));
    common::cli::stdout(kiln(&db).args(["company", "add", "--name", "세라텍", "--brn", "124-81-00998"]));
    common::cli::stdout(kiln(&db).args(["person", "add", "--name", "각산"]));
    let found = json(kiln(&db).args(["company", "list", "--search", "ㅅㄹㅌ", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
    let found = json(kiln(&db).args(["person", "list", "--search", "\u{1100}\u{1161}\u{11a8}", "--json"]));
    assert_eq!(found[0]["name"], "각산");
}

#[test]
fn migration_6_fills_the_keys_and_check_finds_a_stale_one() {
    let (db, s) = centre();
    drop(s);
    // The database as kiln left it at schema 5: no keys yet.
    let at_5 = if common::pg::active() {
        "ALTER TABLE company DROP COLUMN search; ALTER TABLE person DROP COLUMN search;
         ALTER TABLE equipment DROP COLUMN search; ALTER TABLE course DROP COLUMN search;
         UPDATE kiln_schema SET version = 5;"
    } else {
        "UPDATE company SET search = ''; UPDATE person SET search = ''; PRAGMA user_version = 5;"
    };
    common::behind(&db.path, at_5).unwrap();
    let s = db.open_as("kim");
    assert_eq!(companies(&s, "ㅅㄹㅌ"), ["세라텍"], "filled on opening");
    assert!(check::run(&s).unwrap().is_clean());
    common::behind(&db.path, "UPDATE company SET name = '세라믹스' WHERE brn = '1248100998'").unwrap();
    let found = check::run(&s).unwrap();
    assert!(found.invariants.iter().any(|v| v.rule == "search_key"), "{found:?}");
}
