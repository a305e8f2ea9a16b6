//! `kiln report …`, `kiln statement …` and `kiln check` through the real
//! binary on a demo centre, as JSON.

mod common;

use common::cli::{demo, fails, json, kiln, stdout};
use serde_json::Value;

fn array(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap()
}

#[test]
fn every_report_is_json() {
    let db = demo();
    let arrears = json(kiln(&db).args(["report", "arrears", "--json"]));
    assert!(!array(&arrears).is_empty());
    for a in array(&arrears) {
        assert!(a["outstanding"].as_i64().unwrap() > 0);
        assert!(["current", "1-30", "31-60", "61-90", "90+"].contains(&a["bucket"].as_str().unwrap()), "{a}");
    }
    let util = json(kiln(&db).args(["report", "utilization", "--month", "2026-10", "--json"]));
    assert_eq!(array(&util).len(), 25, "one row per machine");
    assert!(array(&util).iter().all(|r| r["available_hours"].as_f64().unwrap() > 0.0));
    let same = json(kiln(&db).args(["report", "utilisation", "--month", "2026-10", "--json"]));
    assert_eq!(same, util, "either spelling");
    let kpis = json(kiln(&db).args(["report", "kpis", "--json"]));
    let years: Vec<i64> = array(&kpis).iter().map(|p| p["year"].as_i64().unwrap()).collect();
    assert_eq!(years.last(), Some(&2026));
    assert!(years.windows(2).all(|w| w[1] == w[0] + 1), "{years:?}");
    let training = json(kiln(&db).args(["report", "training", "--json"]));
    assert!(array(&training).iter().any(|t| t["qualifications"].as_i64().unwrap() > 0));
    let top = json(kiln(&db).args(["report", "top-users", "--year", "2026", "--limit", "3", "--json"]));
    let hours: Vec<f64> = array(&top).iter().map(|t| t["hours"].as_f64().unwrap()).collect();
    assert_eq!(hours.len(), 3);
    assert!(hours.windows(2).all(|w| w[0] >= w[1]), "most hours first: {hours:?}");
    let trend = json(kiln(&db).args(["report", "occupancy-trend", "--months", "6", "--json"]));
    let months: Vec<&str> = array(&trend).iter().map(|p| p["month"].as_str().unwrap()).collect();
    assert_eq!(months, ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    let line = fails(kiln(&db).args(["report", "utilization", "--month", "2026-13"]), 2);
    assert!(line.contains("month"), "{line}");
}

#[test]
fn a_month_is_issued_shown_and_paid_from_the_command_line() {
    let db = demo();
    let issued = json(kiln(&db).args(["statement", "issue", "--month", "2026-11", "--json"]));
    let first = &array(&issued)[0];
    let number = first["number"].as_str().unwrap();
    assert!(number.starts_with("2026-11-"), "{number}");
    let brn = first["brn"].as_str().unwrap();
    let shown = json(kiln(&db).args(["statement", "--company", brn, "--month", "2026-11", "--json"]));
    assert_eq!(&shown, first, "shown as issued");
    let total = first["total"].as_i64().unwrap();
    let line = fails(kiln(&db).args(["statement", "pay", number, "--amount"]).arg((total + 1).to_string()), 2);
    assert!(line.contains("amount"), "{line}");
    let paid = json(kiln(&db).args(["statement", "pay", number, "--amount"]).arg(total.to_string()).arg("--json"));
    assert_eq!(paid["amount"].as_i64(), Some(total));
    let shown = json(kiln(&db).args(["statement", "--company", brn, "--month", "2026-11", "--json"]));
    assert_eq!(shown["outstanding"].as_i64(), Some(0));
    let line = fails(kiln(&db).args(["statement", "issue", "--month", "2027-01"]), 2);
    assert!(line.contains("month") && line.contains("2026-11"), "{line}");
    let list = json(kiln(&db).args(["statement", "list", "--month", "2026-11", "--json"]));
    assert_eq!(array(&list).len(), array(&issued).len());
}

#[test]
fn check_exits_1_naming_a_planted_overlap() {
    let db = demo();
    assert!(stdout(kiln(&db).arg("check")).starts_with("ok"));
    if common::pg::active() {
        // The guard is an EXCLUDE constraint there, which no setting turns off.
        common::pg::exec(
            db.path.to_str().unwrap(),
            "SET session_replication_role = replica;
             ALTER TABLE booking DROP CONSTRAINT booking_overlap;
             INSERT INTO booking (equipment_id, company_id, person_id, party_id, purpose, start, \"end\", state, created_at, created_by)
               SELECT equipment_id, company_id, person_id, party_id, purpose, start, \"end\", 'requested', created_at, created_by
                 FROM booking WHERE state = 'approved' ORDER BY id LIMIT 1;",
        );
    } else {
        common::sqlite::exec(
            &db.path,
            "DROP TRIGGER booking_no_overlap_on_insert;
             INSERT INTO booking (equipment_id, company_id, person_id, party_id, purpose, start, end, state, created_at, created_by)
               SELECT equipment_id, company_id, person_id, party_id, purpose, start, end, 'requested', created_at, created_by
                 FROM booking WHERE state = 'approved' ORDER BY id LIMIT 1;",
        );
    }
    let out = kiln(&db).arg("check").assert().code(1).get_output().clone();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("booking_overlap") && said.contains("overlaps"), "{said}");
    let report = kiln(&db).args(["check", "--json"]).assert().code(1).get_output().stdout.clone();
    let report: Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(report["invariants"][0]["rule"], "booking_overlap");
}
