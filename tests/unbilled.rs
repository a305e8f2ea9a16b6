//! Every party is billed, and nothing used is lost: use by a person with no
//! company reaches their own statement; use recorded in a month already
//! issued reaches the party's next statement (a correction of its own
//! statement, or unbilled use naming the month when it had none), unless an
//! admin writes it off with a reason. On a real file, and on PostgreSQL
//! with KILN_TEST_ENGINE=postgres.

mod common;

use common::invalid;

use common::cli::{json, kiln};
use common::money::{BRN, centre, me};
use common::{TempDb, dump};
use kiln::db::booking::{self, PastBooking};
use kiln::db::{Store, check, operator, person, statement};
use kiln::domain::booking::BookingState;
use kiln::domain::person::PersonInput;
use kiln::domain::statement::LineKind;
use kiln::domain::{Field, Minute, Period, Problem, Won};
use kiln::error::{Error, Refusal};

/// `person` used the XRD (60,000원 an hour to an outsider) from `from`, for
/// `hours`; recorded now, as a page of the paper log found late.
fn used(s: &mut Store, person: &str, day: (u32, u32), hours: i64) {
    let d = chrono::NaiveDate::from_ymd_opt(2026, day.0, day.1).unwrap();
    let from = Minute::at(d, 10, 0);
    let period = Period::new(from, Minute(from.0 + hours * 60)).unwrap();
    let row = PastBooking {
        equipment: "EQ-0002".into(),
        person: person.into(),
        party: String::new(),
        period,
        state: BookingState::Completed,
        purpose: "분말 회절".into(),
        samples: 1,
        actual: Some(period),
    };
    booking::record(s, &[row]).unwrap();
}

/// The centre with an outsider (P-0003, no company) and October issued:
/// the SME's use billed, the outsider's not yet recorded.
fn october() -> (TempDb, Store, String) {
    let (db, mut s) = centre();
    person::add(&mut s, &PersonInput { name: "박외부".into(), ..Default::default() }).unwrap();
    used(&mut s, "P-0001", (10, 5), 2);
    assert_eq!(statement::issue(&mut s, "2026-10", None).unwrap().len(), 1);
    used(&mut s, "P-0003", (10, 12), 2);
    let party = statement::month(&s, "2026-10").unwrap().into_iter().find(|st| st.name == "박외부").unwrap().party;
    (db, s, party)
}

#[test]
fn an_individuals_use_is_billed_to_them_and_use_of_an_issued_month_is_carried_once() {
    let (_db, mut s, party) = october();
    // October is issued, but not to the outsider: their October draft
    // bills the use, and November's carries it, naming the month.
    let oct = statement::show(&s, &party, "2026-10").unwrap();
    assert_eq!((oct.number.as_deref(), oct.totals.supply), (None, Won(120_000)));
    assert_eq!((oct.brn.as_str(), oct.lines[0].kind), ("", LineKind::Usage));
    let nov = statement::show(&s, &party, "2026-11").unwrap();
    assert_eq!(nov.lines.len(), 1, "{nov:?}");
    let carried = &nov.lines[0];
    assert_eq!(
        (carried.kind, carried.subject.as_str(), carried.detail.as_str()),
        (LineKind::Adjustment, "", "2026-10")
    );
    assert_eq!(carried.amount, Won(120_000));
    assert_eq!(kiln::i18n::labels::statement_line(carried, kiln::i18n::Lang::Ko), "미청구 사용 2026-10");
    // November issued first: October's draft is gone, never billed twice.
    let issued = statement::issue(&mut s, "2026-11", Some(&party)).unwrap();
    assert_eq!(issued[0].totals.supply, Won(120_000));
    assert!(statement::month(&s, "2026-10").unwrap().iter().all(|st| st.party != party));
    assert!(statement::issue(&mut s, "2026-10", Some(&party)).unwrap().is_empty());
    // More October use found later reaches December, and only the more.
    used(&mut s, "P-0003", (10, 19), 1);
    let dec = statement::show(&s, &party, "2026-12").unwrap();
    assert_eq!(dec.lines.iter().map(|l| (l.kind, l.amount)).collect::<Vec<_>>(), [(LineKind::Adjustment, Won(60_000))]);
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn an_admin_writes_off_what_was_never_billed_with_a_reason_and_nothing_else() {
    let (db, mut s, party) = october();
    operator::add(&mut s, "lee", "equipment-manager").unwrap();
    let before = dump(&db.path);
    let e = statement::write_off(&mut s, &party, "2026-10", " ").unwrap_err();
    assert_eq!(invalid(e), (Field::Reason, Problem::Empty));
    let e = statement::write_off(&mut s, &party, "2026-09", "소액").unwrap_err();
    assert_eq!(invalid(e), (Field::Month, Problem::NotIssued));
    let e = statement::write_off(&mut s, BRN, "2026-10", "소액").unwrap_err();
    assert_eq!(invalid(e), (Field::Month, Problem::NothingUnbilled), "the SME was billed in full");
    let e = statement::write_off(&mut s, "BP-9999", "2026-10", "소액").unwrap_err();
    assert_eq!(invalid(e), (Field::Party, Problem::NotFound));
    let mut lee = Store::open_as(&db.path, "lee", common::clock()).unwrap();
    let e = statement::write_off(&mut lee, &party, "2026-10", "소액").unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NotPermitted { .. })), "{e:?}");
    drop(lee);
    assert!(dump(&db.path) == before, "refusals change nothing");
    let w = statement::write_off(&mut s, &party, "2026-10", "소액 — 청구 실익 없음").unwrap();
    assert_eq!((w.amount, w.statement.as_deref(), w.month.to_string().as_str()), (Won(120_000), None, "2026-10-01"));
    assert!(statement::show(&s, &party, "2026-11").unwrap().lines.is_empty(), "nothing is carried");
    assert!(statement::month(&s, "2026-10").unwrap().iter().all(|st| st.party != party), "nor drafted");
    let e = statement::write_off(&mut s, &party, "2026-10", "또").unwrap_err();
    assert_eq!(invalid(e), (Field::Month, Problem::NothingUnbilled));
    assert_eq!(statement::write_offs(&s, Some(&party)).unwrap(), std::slice::from_ref(&w));
    let audited = common::texts(&db.path, "SELECT action FROM audit_log WHERE entity = 'write_off'");
    assert_eq!(audited, [[Some("add".to_owned())]]);
    // Frozen once written, whoever writes.
    assert!(common::behind(&db.path, "UPDATE write_off SET amount = 1").is_err());
    assert!(common::behind(&db.path, "DELETE FROM write_off").is_err());
    // A correction of the party's own statement may be written off too.
    used(&mut s, "P-0001", (10, 26), 1);
    let w = statement::write_off(&mut s, BRN, "2026-10", "장비 오류로 재측정").unwrap();
    assert_eq!((w.amount, w.statement.as_deref()), (Won(42_000), Some("2026-10-0001")));
    assert!(statement::show(&s, BRN, "2026-11").unwrap().lines.iter().all(|l| l.kind != LineKind::Adjustment));
    assert!(check::run(&s).unwrap().is_clean());
    // A write-off of a month never issued, planted behind kiln, is found.
    drop(s);
    let plant = "INSERT INTO write_off (party_id, month, amount, reason, written_at, written_by)
                 SELECT party_id, '2026-09', 5000, 'planted', written_at, written_by FROM write_off LIMIT 1";
    common::behind(&db.path, plant).unwrap();
    let s = db.open_as(&me());
    let report = check::run(&s).unwrap();
    let found: Vec<_> = report.invariants.iter().filter(|v| v.rule == "write_off").collect();
    assert_eq!(found.len(), 1, "{report:?}");
    assert!(kiln::i18n::check::detail(found[0], kiln::i18n::Lang::Ko).contains("2026-09"), "{report:?}");
}

#[test]
fn write_offs_from_the_command_line() {
    let (db, s, party) = october();
    drop(s);
    let w = json(
        kiln(&db)
            .args(["statement", "write-off", "--party", &party, "--month", "2026-10"])
            .args(["--reason", "소액", "--json"]),
    );
    assert_eq!(
        (w["party"].as_str(), w["amount"].as_i64(), w["month"].as_str()),
        (Some(party.as_str()), Some(120_000), Some("2026-10"))
    );
    let list = json(kiln(&db).args(["statement", "write-offs", "--json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["reason"], "소액");
    let out = kiln(&db).args(["--lang", "ko", "statement", "write-offs"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("손실 처리 120,000원") && text.contains("박외부"), "{text}");
    let shown = json(kiln(&db).args(["statement", "--party", &party, "--month", "2026-11", "--json"]));
    assert_eq!(shown["lines"].as_array().map(Vec::len), Some(0));
}
