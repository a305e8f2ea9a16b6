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
