//! The centre as the supplier on its tax documents: set once in full, then
//! by what changes; no month is issued before it is set; a BRN failing its
//! check digit is refused, and one planted behind kiln is found by `check`.
//! On a real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::cli::{fails, json, kiln, stdout};
use common::{TempDb, dump};
use kiln::db::{check, operator, statement, supplier};
use kiln::domain::Field;
use kiln::domain::supplier::SupplierInput;
use kiln::error::{Error, Refusal};

#[test]
fn no_month_is_issued_before_the_supplier_is_set_in_full() {
    let (db, mut s) = TempDb::with_admin("kim");
    assert_eq!(supplier::show(&s).unwrap(), None);
    let before = dump(&db.path);
    let e = statement::issue(&mut s, "2026-10", None).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NoSupplier { field: Field::Brn })), "{e:?}");
    // The first setting needs every field: the first missing is named.
    let partial = SupplierInput {
        brn: Some("226-82-00175".into()),
        name: Some("강원세라믹센터".into()),
        ..SupplierInput::default()
    };
    let e = supplier::set(&mut s, &partial).unwrap_err();
    assert!(matches!(&e, Error::Invalid(i) if i.field == Field::Representative), "{e:?}");
    // A BRN failing its check digit.
    let bad = SupplierInput { brn: Some("226-82-00176".into()), ..kiln::demo::supplier() };
    let e = supplier::set(&mut s, &bad).unwrap_err();
    assert!(matches!(&e, Error::Invalid(i) if i.field == Field::Brn), "{e:?}");
    // Only an admin sets it.
    operator::add(&mut s, "lee", "equipment-manager").unwrap();
    let after_lee = dump(&db.path);
    let e = supplier::set(&mut db.open_as("lee"), &kiln::demo::supplier()).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NotPermitted { .. })), "{e:?}");
    assert_eq!(dump(&db.path), after_lee, "refusals change nothing");
    assert_ne!(before, after_lee);
    let c = supplier::set(&mut s, &kiln::demo::supplier()).unwrap();
    assert_eq!((c.supplier.brn.to_string().as_str(), c.set_by.as_str()), ("226-82-00175", "kim"));
    assert!(statement::issue(&mut s, "2026-10", None).unwrap().is_empty(), "issued: nothing used, nothing billed");
    // A change names only what changes, and is audited with what it was.
    let change = SupplierInput { email: Some("bill@kiln-centre.kr".into()), ..SupplierInput::default() };
    let c = supplier::set(&mut s, &change).unwrap();
    assert_eq!(
        (c.supplier.email.as_str(), c.supplier.name.as_str()),
        ("bill@kiln-centre.kr", "강원 세라믹 산업화지원센터")
    );
    let audited = common::texts(&db.path, "SELECT action FROM audit_log WHERE entity = 'supplier' ORDER BY id");
    assert_eq!(audited.len(), 2);
    // The same again changes nothing and is not audited.
    supplier::set(&mut s, &change).unwrap();
    assert_eq!(common::texts(&db.path, "SELECT action FROM audit_log WHERE entity = 'supplier'").len(), 2);
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn a_supplier_brn_planted_behind_kiln_is_found_and_stops_issuing() {
    let (db, mut s) = TempDb::with_admin("kim");
    supplier::set(&mut s, &kiln::demo::supplier()).unwrap();
    drop(s);
    common::behind(&db.path, "UPDATE supplier SET brn = '2268200176'").unwrap();
    assert!(common::behind(&db.path, "UPDATE supplier SET brn = '226-82-001'").is_err(), "the schema's shape guard");
    let mut s = db.open_as("kim");
    let report = check::run(&s).unwrap();
    let rules: Vec<&str> = report.invariants.iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["supplier"], "{report:?}");
    let said = kiln::i18n::check::detail(&report.invariants[0], kiln::i18n::Lang::Ko);
    assert!(said.contains("2268200176") && said.contains("사업자등록번호"), "{said}");
    let e = statement::issue(&mut s, "2026-10", None).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NoSupplier { field: Field::Brn })), "{e:?}");
    // Set right again, whole.
    supplier::set(&mut s, &kiln::demo::supplier()).unwrap();
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn the_centre_from_the_command_line() {
    let (db, s) = TempDb::with_admin(&common::money::me());
    drop(s);
    let text = stdout(kiln(&db).args(["--lang", "ko", "centre", "show"]));
    assert!(text.contains("아직 없습니다"), "{text}");
    assert!(json(kiln(&db).args(["centre", "show", "--json"])).is_null());
    let e = fails(kiln(&db).args(["statement", "issue", "--month", "2026-10"]), 1);
    assert!(e.starts_with("error: ") && e.contains("kiln centre set") && e.lines().count() == 1, "{e}");
    let before = dump(&db.path);
    let e = fails(
        kiln(&db).args([
            "--lang",
            "ko",
            "centre",
            "set",
            "--brn",
            "226-82-00176",
            "--name",
            "센터",
            "--representative",
            "최영민",
            "--address",
            "강릉시",
            "--business-type",
            "서비스",
            "--business-item",
            "시험분석",
            "--email",
            "a@b.kr",
        ]),
        2,
    );
    assert!(e.starts_with("error: 사업자등록번호: ") && e.lines().count() == 1, "{e}");
    let e = fails(kiln(&db).args(["centre", "set", "--brn", "226-82-00175"]), 2);
    assert!(e.starts_with("error: trade name: "), "the first missing field: {e}");
    assert_eq!(dump(&db.path), before);
    let c = json(kiln(&db).args([
        "centre",
        "set",
        "--brn",
        "2268200175",
        "--name",
        "강원세라믹센터",
        "--representative",
        "최영민",
        "--address",
        "강릉시 과학단지로 130",
        "--business-type",
        "서비스",
        "--business-item",
        "시험분석",
        "--email",
        "tax@kiln-centre.kr",
        "--json",
    ]));
    assert_eq!(c["brn"], "226-82-00175");
    assert_eq!(c["business_item"], "시험분석");
    let c = json(kiln(&db).args(["centre", "set", "--address", "강릉시 과학단지로 131", "--json"]));
    assert_eq!((c["address"].as_str(), c["name"].as_str()), (Some("강릉시 과학단지로 131"), Some("강원세라믹센터")));
    let text = stdout(kiln(&db).args(["--lang", "ko", "centre", "show"]));
    assert!(text.contains("업태") && text.contains("서비스") && text.contains("226-82-00175"), "{text}");
    stdout(kiln(&db).args(["statement", "issue", "--month", "2026-10"]));
}
