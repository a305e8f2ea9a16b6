//! `kiln voucher …` over the real binary: programmes, grants, the funder's
//! report and settlement file, and bad input refused in one line.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::cli::{demo, fails, json, kiln, stdout};
use common::dump;

#[test]
fn a_programme_is_added_granted_and_reported_as_json() {
    let db = demo();
    let added = json(kiln(&db).args([
        "voucher",
        "programme",
        "add",
        "--name",
        "세라믹 소재 분석 바우처",
        "--funder",
        "강릉과학산업진흥원",
        "--share",
        "60",
        "--cap",
        "5,000,000",
        "--from",
        "2026-01-01",
        "--last-day",
        "2026-12-31",
        "--machines",
        "EQ-0001,EQ-0003",
        "--classes",
        "sme",
        "--json",
    ]));
    let code = added["code"].as_str().unwrap().to_owned();
    assert_eq!((added["share"].as_i64(), added["cap"].as_i64()), (Some(6000), Some(5_000_000)));
    assert_eq!(added["machines"], serde_json::json!(["EQ-0001", "EQ-0003"]));
    assert_eq!(added["classes"], serde_json::json!(["sme"]));
    let found = json(kiln(&db).args(["voucher", "programme", "list", "--search", "ㄱㅇㅅ", "--json"]));
    let names: Vec<&str> = found.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["강원 세라믹 기업지원 바우처"], "found by its initials");
    let granted = json(kiln(&db).args([
        "voucher",
        "grant",
        "add",
        "--programme",
        &code,
        "--party",
        "BP-0061",
        "--year",
        "2026",
        "--cap",
        "1,000,000",
        "--json",
    ]));
    assert_eq!((granted["cap"].as_i64(), granted["remaining"].as_i64()), (Some(1_000_000), Some(1_000_000)));
    // The party's page: its class today, its project and the new grant.
    let billing = json(kiln(&db).args(["party", "billing", "BP-0061", "--json"]));
    assert_eq!((billing["rate_class"].as_str(), billing["class_set"].as_bool()), (Some("academia"), Some(true)));
    assert_eq!(billing["projects"].as_array().unwrap().len(), 1);
    let grants = billing["grants"].as_array().unwrap();
    assert!(grants.iter().any(|g| g["programme"] == code.as_str() && g["remaining"] == 1_000_000), "{billing}");
    // The demo's national programme: what its grants paid is what its
    // bookings drew, and none past its cap.
    let grants =
        json(kiln(&db).args(["voucher", "grant", "list", "--programme", "VP-0001", "--year", "2026", "--json"]));
    let grants = grants.as_array().unwrap();
    assert_eq!(grants.len(), 3);
    let used: i64 = grants.iter().map(|g| g["used"].as_i64().unwrap()).sum();
    assert!(used > 0);
    for g in grants {
        assert!(g["used"].as_i64() <= g["cap"].as_i64(), "{g}");
    }
    let report = json(kiln(&db).args(["voucher", "report", "--programme", "VP-0001", "--year", "2026", "--json"]));
    let uses = report["uses"].as_array().unwrap();
    let paid: i64 = uses.iter().map(|u| u["voucher"].as_i64().unwrap()).sum();
    assert_eq!(paid, used, "the report's months add up to the grants");
    for u in uses {
        assert_eq!(u["charge"].as_i64().unwrap(), u["voucher"].as_i64().unwrap() + u["party_share"].as_i64().unwrap());
    }
    // The funder's settlement as XLSX: the use sheet's totals row says the same.
    let file = db.dir.path().join("정산.xlsx");
    let said =
        stdout(kiln(&db).args(["voucher", "report", "--programme", "VP-0001", "--year", "2026", "--out"]).arg(&file));
    assert!(said.contains("정산.xlsx"), "{said}");
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    let rows = book.worksheet_range(&sheets[0]).unwrap();
    let last = rows.rows().next_back().unwrap().to_vec();
    assert_eq!(last[0], Data::String("Total".into()));
    assert_eq!(last[7], Data::Float(paid as f64));
}

#[test]
fn bad_programmes_and_grants_are_one_error_line_naming_the_field_and_change_nothing() {
    let db = demo();
    let before = dump(&db.path);
    let add = |share: &str, cap: &str, last: &str, classes: &str| {
        let mut cmd = kiln(&db);
        cmd.args(["voucher", "programme", "add", "--name", "바우처", "--funder", "강원도", "--share", share]);
        cmd.args(["--cap", cap, "--from", "2026-03-01", "--last-day", last, "--classes", classes]);
        cmd
    };
    let line = fails(&mut add("120", "1,000,000", "2026-12-31", "sme"), 2);
    assert!(line.contains("support share") && line.contains("from 1 to 100"), "{line}");
    let line = fails(add("120", "1,000,000", "2026-12-31", "sme").env("LANG", "ko_KR.UTF-8"), 2);
    assert!(line.contains("지원 비율"), "{line}");
    let line = fails(&mut add("70", "0", "2026-12-31", "sme"), 2);
    assert!(line.contains("yearly cap"), "{line}");
    let line = fails(&mut add("70", "1,000,000", "2026-02-28", "sme"), 2);
    assert!(line.contains("last day") && line.contains("2026-03-01"), "{line}");
    let line = fails(&mut add("70", "1,000,000", "2026-12-31", "royalty"), 2);
    assert!(line.contains("rate class") && line.contains("royalty"), "{line}");
    let line = fails(
        kiln(&db).args(["voucher", "grant", "add", "--programme", "VP-0002", "--party", "BP-0061", "--year", "2031"]),
        2,
    );
    assert!(line.contains("year"), "{line}");
    let line = fails(kiln(&db).args(["voucher", "report", "--programme", "VP-0042"]), 2);
    assert!(line.contains("voucher programme") && line.contains("VP-0042"), "{line}");
    assert_eq!(dump(&db.path), before, "nothing written");
}
