//! `kiln party …`, `kiln rate-class …` and `booking add --party` over the
//! real binary.

mod common;

use common::cli::{demo, fails, json, kiln, stdout};
use common::dump;

#[test]
fn an_organisation_is_added_joined_and_booked_for_as_json() {
    let db = demo();
    let added = json(kiln(&db).args([
        "party",
        "add",
        "--kind",
        "organisation",
        "--name",
        "원주세라믹대학교 산학협력단",
        "--brn",
        "220-82-04120",
        "--class",
        "academia",
        "--json",
    ]));
    let code = added["code"].as_str().unwrap().to_owned();
    assert_eq!((added["kind"].as_str(), added["class"].as_str()), (Some("organisation"), Some("academia")));
    assert_eq!(added["brn"], "220-82-04120");
    let joined = json(kiln(&db).args(["party", "join", &code, "P-0020", "--json"]));
    assert_eq!(joined["members"], "P-0020");
    let found = json(kiln(&db).args(["party", "list", "--search", "ㅇㅈㅅㄹㅁ", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1, "found by its initials: {found}");
    let booked = json(kiln(&db).args([
        "booking",
        "add",
        "--equipment",
        "EQ-0003",
        "--person",
        "P-0020",
        "--party",
        "220-82-04120",
        "--from",
        "2026-12-21 17:00",
        "--to",
        "2026-12-21 18:00",
        "--json",
    ]));
    assert_eq!((booked["party"].as_str(), booked["company_brn"].as_str()), (Some(code.as_str()), None));
    // Someone who is not a member is refused, in Korean too, and nothing changes.
    let before = dump(&db.path);
    let line = fails(
        kiln(&db).args([
            "--lang",
            "ko",
            "booking",
            "add",
            "--equipment",
            "EQ-0003",
            "--person",
            "P-0021",
            "--party",
            &code,
            "--from",
            "2026-12-22 17:00",
            "--to",
            "2026-12-22 18:00",
        ]),
        1,
    );
    assert!(line.contains("구성원이 아닙니다") && line.contains(&format!("kiln party join {code} P-0021")), "{line}");
    assert_eq!(dump(&db.path), before);
    let shown = stdout(kiln(&db).args(["--lang", "ko", "party", "show", &code]));
    assert!(shown.contains("외부 기관") && shown.contains("P-0020"), "{shown}");
}

#[test]
fn rate_classes_are_listed_and_set_and_bad_values_name_the_field() {
    let db = demo();
    let classes = json(kiln(&db).args(["rate-class", "list", "--json"]));
    let codes: Vec<&str> = classes.as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["tenant", "sme", "mid-size", "large", "academia", "institute", "public", "external"]);
    let set = json(kiln(&db).args(["rate-class", "set", "sme", "--discount", "30 %", "--json"]));
    assert_eq!(set["discount"], 3000);
    let before = dump(&db.path);
    for (args, field) in [
        (&["rate-class", "set", "sme", "--discount", "120"][..], "discount"),
        (&["rate-class", "add", "vip", "--name-ko", "우대", "--name-en", "VIP", "--discount", "-1"][..], "discount"),
        (&["party", "add", "--kind", "club", "--name", "X"][..], "party kind"),
        (
            &["party", "add", "--kind", "organisation", "--name", "X", "--brn", "220-82-04121"][..],
            "business registration no.",
        ),
        (&["party", "set-class", "BP-0001", "vip"][..], "rate class"),
        (&["party", "show", "BP-9999"][..], "billing party"),
    ] {
        let line = fails(kiln(&db).args(args), 2);
        assert!(line.starts_with(&format!("error: {field}")), "{args:?}: {line}");
    }
    assert_eq!(dump(&db.path), before);
    let ko = fails(kiln(&db).args(["--lang", "ko", "rate-class", "set", "sme", "--discount", "120"]), 2);
    assert!(ko.starts_with("error: 할인율"), "{ko}");
}

#[test]
fn a_machine_gets_its_own_price_for_a_class_and_lists_every_class_rate_as_json() {
    let db = demo();
    let rates = json(kiln(&db).args(["rate-class", "prices", "EQ-0007", "--json"]));
    let rate_of = |v: &serde_json::Value, class: &str| {
        v.as_array().unwrap().iter().find(|r| r["class"] == class).unwrap()["rate"].as_i64().unwrap()
    };
    let external = rate_of(&rates, "external");
    assert_eq!(rate_of(&rates, "academia"), external, "no discount in an empty setting");
    let set = json(kiln(&db).args([
        "rate-class",
        "price",
        "academia",
        "--equipment",
        "EQ-0007",
        "--discount",
        "40",
        "--json",
    ]));
    assert_eq!(set[0]["own_discount"], 4000);
    assert_eq!(set[0]["rate"].as_i64().unwrap(), external - external * 4000 / 10_000);
    let own =
        json(kiln(&db).args(["rate-class", "price", "sme", "--equipment", "EQ-0007", "--rate", "33,000", "--json"]));
    assert_eq!(own[0]["rate"], 33_000);
    let ko = stdout(kiln(&db).args(["--lang", "ko", "rate-class", "prices", "EQ-0007"]));
    assert!(ko.contains("장비 할인 40 %") && ko.contains("33,000원") && ko.contains("장비 고유 단가"), "{ko}");
    let cleared = json(kiln(&db).args(["rate-class", "price", "sme", "--equipment", "EQ-0007", "--clear", "--json"]));
    assert_eq!(cleared[0]["rate"].as_i64().unwrap(), external);
    let before = dump(&db.path);
    let line = fails(kiln(&db).args(["rate-class", "price", "sme", "--equipment", "EQ-0007", "--rate", "-5"]), 2);
    assert!(line.starts_with("error: rate"), "{line}");
    let line = fails(kiln(&db).args(["rate-class", "price", "vip", "--equipment", "EQ-0007", "--rate", "5"]), 2);
    assert!(line.starts_with("error: rate class"), "{line}");
    let line = fails(kiln(&db).args(["rate-class", "price", "sme", "--equipment", "EQ-0007"]), 2);
    assert!(line.starts_with("error: rate"), "{line}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn a_project_is_added_listed_and_pays_for_a_booking_as_json() {
    let db = demo();
    let orgs = json(kiln(&db).args(["party", "list", "--kind", "organisation", "--json"]));
    let uni = orgs[0]["code"].as_str().unwrap().to_owned();
    let added = json(kiln(&db).args([
        "project",
        "add",
        "--party",
        &uni,
        "--name",
        "유약 조성 최적화",
        "--number",
        "RS-2026-00999001",
        "--funder",
        "한국연구재단",
        "--from",
        "2026-11-01",
        "--last-day",
        "2027-02-28",
        "--budget",
        "100,000",
        "--json",
    ]));
    let code = added["code"].as_str().unwrap().to_owned();
    assert_eq!((added["budget"].as_i64(), added["party"].as_str()), (Some(100_000), Some(uni.as_str())));
    let booked = json(kiln(&db).args([
        "booking",
        "add",
        "--equipment",
        "EQ-0009",
        "--person",
        "P-0001",
        "--project",
        &code,
        "--from",
        "2026-12-01 15:00",
        "--to",
        "2026-12-01 18:00",
        "--json",
    ]));
    assert_eq!((booked["project"].as_str(), booked["party"].as_str()), (Some(code.as_str()), Some(uni.as_str())));
    let shown = json(kiln(&db).args(["project", "show", &code, "--json"]));
    assert_eq!((shown["committed"].as_i64(), shown["booked"].as_i64()), (Some(90_000), Some(1)));
    let before = dump(&db.path);
    let line = fails(
        kiln(&db).args([
            "--lang",
            "ko",
            "booking",
            "add",
            "--equipment",
            "EQ-0009",
            "--person",
            "P-0001",
            "--project",
            &code,
            "--from",
            "2026-12-02 15:00",
            "--to",
            "2026-12-02 18:00",
        ]),
        1,
    );
    assert!(line.contains("예산") && line.contains("100,000원") && line.contains("90,000원"), "{line}");
    // Each a project as good but for one value.
    let project = |last_day: &str, budget: &str| -> Vec<String> {
        let mut a: Vec<String> =
            ["project", "add", "--party", "BP-0061", "--name", "X", "--number", "N-1"].map(String::from).to_vec();
        a.extend(
            ["--funder", "F", "--from", "2026-03-01", "--last-day", last_day, "--budget", budget].map(String::from),
        );
        a
    };
    for (args, field) in [
        (project("2026-02-01", "1"), "last day"),
        (project("2026-04-01", "0"), "budget"),
        (vec!["project".to_owned(), "show".to_owned(), "PJ-9999".to_owned()], "project"),
    ] {
        let line = fails(kiln(&db).args(&args), 2);
        assert!(line.starts_with(&format!("error: {field}")), "{args:?}: {line}");
    }
    assert_eq!(dump(&db.path), before);
    let listed = stdout(kiln(&db).args(["--lang", "ko", "project", "list", "--search", "ㅇㅇㅈㅅ"]));
    assert!(listed.contains("유약 조성 최적화") && listed.contains("90,000원 (1)"), "{listed}");
}

#[test]
fn consumables_are_catalogued_and_a_use_takes_them_as_json() {
    let db = demo();
    let listed = json(kiln(&db).args(["consumable", "list", "--search", "도가니", "--json"]));
    assert_eq!(listed[0]["code"], "crucible-al2o3");
    let added = json(kiln(&db).args([
        "consumable",
        "add",
        "sic-paper",
        "--name",
        "SiC 연마지",
        "--unit",
        "장",
        "--price",
        "1,500",
        "--json",
    ]));
    assert_eq!(added["unit_price"], 1500);
    let priced = json(kiln(&db).args(["consumable", "price", "sic-paper", "1,800", "--json"]));
    assert_eq!(priced["unit_price"], 1800);
    let in_use = json(kiln(&db).args(["booking", "list", "--state", "in-use", "--json"]));
    let id = in_use[0]["id"].as_i64().unwrap().to_string();
    let took = json(kiln(&db).args(["booking", "consume", &id, "--item", "sic-paper", "--quantity", "4", "--json"]));
    assert_eq!(took["state"], "in-use");
    let before = dump(&db.path);
    let line =
        fails(kiln(&db).args(["--lang", "ko", "booking", "consume", &id, "--item", "sic-paper", "--quantity", "0"]), 2);
    assert!(line.starts_with("error: 수량"), "{line}");
    let line =
        fails(kiln(&db).args(["consumable", "add", "sic-paper", "--name", "X", "--unit", "장", "--price", "-1"]), 2);
    assert!(line.starts_with("error: unit price"), "{line}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn an_operator_rate_is_set_and_staff_time_recorded_as_json() {
    let db = demo();
    let set = json(kiln(&db).args(["equipment", "operator-rate", "EQ-0001", "--rate", "30,000", "--json"]));
    assert_eq!(set["operator_rate"], 30_000);
    let shown = stdout(kiln(&db).args(["--lang", "ko", "equipment", "operator-rate", "EQ-0001"]));
    assert!(shown.contains("기술료") && shown.contains("30,000원"), "{shown}");
    let in_use = json(kiln(&db).args(["booking", "list", "--state", "in-use", "--equipment", "EQ-0001", "--json"]));
    let id = in_use[0]["id"].as_i64().unwrap().to_string();
    let assisted = json(kiln(&db).args(["booking", "assist", &id, "--minutes", "30", "--json"]));
    assert_eq!((assisted["assisted_minutes"].as_i64(), assisted["operator_rate"].as_i64()), (Some(30), Some(30_000)));
    let before = dump(&db.path);
    let line = fails(kiln(&db).args(["booking", "assist", &id, "--minutes", "-1"]), 2);
    assert!(line.starts_with("error: assisted minutes"), "{line}");
    assert_eq!(dump(&db.path), before);
}
