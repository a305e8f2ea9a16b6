//! `kiln company|room|lease|report-year|report` over the real binary.

mod common;

use common::cli::{fails, init, json, kiln, stdout};
use common::dump;

fn args(db: &common::TempDb, a: &[&str]) -> assert_cmd::Command {
    let mut c = kiln(db);
    c.args(a);
    c
}

/// A centre with 세라텍 in room 301 for 2026.
fn centre() -> common::TempDb {
    let db = init();
    stdout(&mut args(
        &db,
        &[
            "company",
            "add",
            "--name",
            "세라텍(주)",
            "--brn",
            "1248100998",
            "--zone",
            "gangneung",
            "--stage",
            "early",
            "--sector",
            "structural",
            "--representative",
            "박서준",
            "--admitted",
            "2024-03-02",
            "--phone",
            "033-640-1234",
            "--email",
            "info@ceratech.kr",
        ],
    ));
    stdout(&mut args(&db, &["room", "add", "--code", "301", "--floor", "3", "--area-m2", "66.12", "--kind", "office"]));
    stdout(&mut args(&db, &["room", "add", "--code", "302", "--floor", "3", "--area-m2", "99.17", "--kind", "lab"]));
    stdout(&mut args(&db, &["company", "add", "--name", "한빛소재", "--brn", "220-81-62517"]));
    stdout(&mut args(
        &db,
        &[
            "lease",
            "add",
            "--company",
            "124-81-00998",
            "--room",
            "301",
            "--from",
            "2026-01-01",
            "--to",
            "2027-01-01",
            "--rent",
            "660000",
            "--fee",
            "120000",
            "--deposit",
            "6600000",
        ],
    ));
    db
}

#[test]
fn company_list_json_has_the_contract_fields() {
    let db = centre();
    let list = json(&mut args(&db, &["company", "list", "--json"]));
    let c = &list.as_array().unwrap()[0];
    assert_eq!(c["brn"], "124-81-00998");
    assert_eq!(c["name"], "세라텍(주)");
    assert_eq!(c["zone"], "gangneung");
    assert_eq!(c["stage"], "early");
    assert_eq!(c["sector"], "structural");
    let found = json(&mut args(&db, &["company", "list", "--search", "빛소", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["brn"], "220-81-62517");
    let show = json(&mut args(&db, &["company", "show", "124-81-00998", "--json"]));
    assert_eq!(show["leases"][0]["room"], "301");
    assert_eq!(show["leases"][0]["last_day"], "2026-12-31");
    let table = stdout(&mut args(&db, &["--lang", "ko", "company", "list"]));
    assert!(table.contains("세라텍(주)") && table.contains("강릉"), "{table}");
}

#[test]
fn refusals_exit_1_for_rules_and_2_for_input_and_change_nothing() {
    let db = centre();
    let before = dump(&db.path);
    let rule: &[(&[&str], &str)] = &[
        (&["company", "add", "--name", "복제", "--brn", "124-81-00998"], "already registered"),
        (
            &[
                "lease",
                "add",
                "--company",
                "220-81-62517",
                "--room",
                "301",
                "--from",
                "2026-06-01",
                "--to",
                "2027-06-01",
                "--rent",
                "1",
                "--fee",
                "1",
            ],
            "overlaps",
        ),
        (
            &[
                "lease",
                "add",
                "--company",
                "220-81-62517",
                "--room",
                "301",
                "--from",
                "2025-06-01",
                "--to",
                "2026-01-02",
                "--rent",
                "1",
                "--fee",
                "1",
            ],
            "overlaps",
        ),
        (&["room", "add", "--code", "999", "--floor", "1", "--area-m2", "6500", "--kind", "lab"], "floor area"),
        (
            &["report-year", "set", "--company", "124-81-00998", "--year", "2023", "--employees", "3"],
            "before the company was admitted",
        ),
        (&["room", "retire", "301", "--on", "2026-06-01"], "end that lease first"),
    ];
    for (a, says) in rule {
        let line = fails(&mut args(&db, a), 1);
        assert!(line.contains(says), "{a:?} → {line}");
    }
    let input: &[(&[&str], &str)] = &[
        (&["company", "add", "--name", "새회사", "--brn", "124-81-00999"], "business registration no."),
        (&["company", "add", "--name", "새회사", "--brn", "101-81-00016", "--phone", "033-12"], "phone"),
        (&["company", "add", "--name", "새회사", "--brn", "101-81-00016", "--email", "a@"], "email"),
        (&["company", "add", "--name", "새\u{202E}회사", "--brn", "101-81-00016"], "name"),
        (&["company", "add", "--name", "새회사", "--brn", "101-81-00016", "--zone", "seoul"], "zone"),
        (
            &[
                "lease",
                "add",
                "--company",
                "220-81-62517",
                "--room",
                "302",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-01",
                "--rent",
                "1",
                "--fee",
                "1",
            ],
            "to",
        ),
        (
            &[
                "lease",
                "add",
                "--company",
                "220-81-62517",
                "--room",
                "302",
                "--from",
                "2026-01-01",
                "--to",
                "2027-01-01",
                "--rent",
                "-5",
                "--fee",
                "1",
            ],
            "rent",
        ),
        (
            &[
                "lease",
                "add",
                "--company",
                "220-81-62517",
                "--room",
                "302",
                "--from",
                "2026-02-30",
                "--to",
                "2027-01-01",
                "--rent",
                "5",
                "--fee",
                "1",
            ],
            "from",
        ),
        (&["room", "add", "--code", "303", "--floor", "3", "--area-m2", "66.123", "--kind", "office"], "area"),
        (&["report-year", "set", "--company", "124-81-00998", "--year", "2025", "--employees", "-3"], "employees"),
        (&["lease", "end", "L-9999"], "lease"),
    ];
    for (a, field) in input {
        let line = fails(&mut args(&db, a), 2);
        assert!(line.starts_with(&format!("error: {field}")), "{a:?} → {line}");
    }
    assert_eq!(dump(&db.path), before);
}

#[test]
fn a_lease_to_a_graduated_company_or_a_retired_room_is_refused() {
    let db = centre();
    let c = json(&mut args(&db, &["company", "graduate", "124-81-00998", "--on", "2026-07-16", "--json"]));
    assert_eq!((c["stage"].as_str(), c["left_on"].as_str()), (Some("graduated"), Some("2026-07-16")));
    let leases = json(&mut args(&db, &["lease", "list", "--company", "124-81-00998", "--json"]));
    assert_eq!(leases[0]["ended_on"], "2026-07-16");
    assert_eq!(leases[0]["to"], "2027-01-01");
    let before = dump(&db.path);
    let line = fails(
        &mut args(
            &db,
            &[
                "lease",
                "add",
                "--company",
                "124-81-00998",
                "--room",
                "302",
                "--from",
                "2026-08-01",
                "--to",
                "2027-01-01",
                "--rent",
                "1",
                "--fee",
                "1",
            ],
        ),
        1,
    );
    assert!(line.contains("cannot take a new lease"), "{line}");
    assert_eq!(dump(&db.path), before);
    stdout(&mut args(&db, &["room", "retire", "302", "--on", "2026-01-01"]));
    let line = fails(
        &mut args(
            &db,
            &[
                "lease",
                "add",
                "--company",
                "220-81-62517",
                "--room",
                "302",
                "--from",
                "2026-08-01",
                "--to",
                "2027-01-01",
                "--rent",
                "1",
                "--fee",
                "1",
            ],
        ),
        1,
    );
    assert!(line.contains("retired"), "{line}");
    // Touching the graduate's ended lease is fine.
    let l = json(&mut args(
        &db,
        &[
            "lease",
            "add",
            "--company",
            "220-81-62517",
            "--room",
            "301",
            "--from",
            "2026-07-16",
            "--to",
            "2027-01-01",
            "--rent",
            "1",
            "--fee",
            "1",
            "--json",
        ],
    ));
    assert_eq!(l["code"], "L-0002");
}

#[test]
fn yearly_reports_and_the_reports() {
    let db = centre();
    let r = json(&mut args(
        &db,
        &[
            "report-year",
            "set",
            "--company",
            "124-81-00998",
            "--year",
            "2025",
            "--employees",
            "14",
            "--sales",
            "2,170,000,000",
            "--json",
        ],
    ));
    assert_eq!(
        (r["year"].as_i64(), r["employees"].as_i64(), r["sales"].as_i64()),
        (Some(2025), Some(14), Some(2_170_000_000))
    );
    json(&mut args(
        &db,
        &["report-year", "set", "--company", "124-81-00998", "--year", "2025", "--exports", "100", "--json"],
    ));
    let list = json(&mut args(&db, &["report-year", "list", "--company", "124-81-00998", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!((list[0]["employees"].as_i64(), list[0]["exports"].as_i64()), (Some(14), Some(100)));
    let p = json(&mut args(&db, &["report", "programme", "--year", "2025", "--json"]));
    assert_eq!(
        (p["companies"].as_i64(), p["employees"].as_i64(), p["target_companies"].as_i64()),
        (Some(1), Some(14), Some(100))
    );
    assert_eq!(p["by_zone"][0]["zone"], "gangneung");
    let o = json(&mut args(&db, &["report", "occupancy", "--on", "2026-11-26", "--json"]));
    assert_eq!((o["rooms"].as_i64(), o["leased_rooms"].as_i64()), (Some(2), Some(1)));
    assert_eq!(o["vacant"][0], "302");
    let ending = json(&mut args(&db, &["lease", "list", "--ending-within", "60", "--json"]));
    assert_eq!(ending[0]["last_day"], "2026-12-31");
    let none = json(&mut args(&db, &["lease", "list", "--ending-within", "30", "--json"]));
    assert!(none.as_array().unwrap().is_empty(), "D-35 is not within 30 days");
    let rooms = json(&mut args(&db, &["room", "list", "--json"]));
    assert_eq!(rooms[0]["lease"]["company_name"], "세라텍(주)");
    let text = stdout(&mut args(&db, &["--lang", "ko", "report", "programme", "--year", "2025"]));
    assert!(text.contains("21억 7,000만원 / 2,000억원"), "{text}");
}

#[test]
fn a_company_edit_with_the_values_it_has_is_done_and_writes_nothing() {
    let db = centre();
    let before = dump(&db.path);
    stdout(&mut args(&db, &["company", "edit", "124-81-00998", "--name", "세라텍(주)"]));
    assert_eq!(dump(&db.path), before);
    let line = fails(&mut args(&db, &["--lang", "ko", "company", "edit", "124-81-00998"]), 2);
    assert!(line.contains("바꿀 내용이 없습니다"), "{line}");
}
