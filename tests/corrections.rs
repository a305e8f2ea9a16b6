//! Corrections as Korean practice wants them: a change to an issued month
//! stays an adjustment line on the next statement, and beside it makes a
//! 수정세금계산서 of the original's 세금계산서 — reason 2 in difference form,
//! dated the day it was billed, naming the original's approval number and
//! waiting for it. On a real file, and on PostgreSQL with
//! KILN_TEST_ENGINE=postgres.

mod common;

use common::cli::{fails, json, kiln};
use common::money::{centre, me};
use common::{TempDb, dump, open_at};
use kiln::db::{Store, check, correction, invoice, lease, statement};
use kiln::domain::tax_correction::Reason;
use kiln::domain::{Field, Problem, Won};
use kiln::error::{Error, Refusal};

const ORIGINAL: &str = "202611054100000000000001";
const FIXED: &str = "202611264100000000000002";

/// 세라소재 leases 301 from 09-01 for a year (500,000 rent, 100,000 fee);
/// October is issued on 11-05 (600,000 + VAT). Then, today (11-26), the
/// lease is ended back on 10-21: October comes to 20/31 of it, and
/// November, issued today, carries the difference.
fn corrected() -> (TempDb, Store) {
    let (db, mut s) = centre();
    common::money::lease_301(&mut s, "2026-09-01", "2027-09-01", None);
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-11-05 09:00");
    statement::issue(&mut s, "2026-10", None).unwrap();
    drop(s);
    let mut s = db.open_as(&me());
    lease::end(&mut s, "L-0001", "2026-10-21", "조기 퇴거").unwrap();
    statement::issue(&mut s, "2026-11", None).unwrap();
    (db, s)
}

#[test]
fn a_change_to_an_issued_month_makes_a_correction_of_its_tax_invoice() {
    let (_db, s) = corrected();
    // October now: 20 of 31 days, each part truncated.
    let now = 500_000 * 20 / 31 + 100_000 * 20 / 31;
    let difference = now - 600_000;
    let nov = invoice::month(&s, "2026-11").unwrap();
    assert!(nov.documents.is_empty(), "a credit alone makes no original document: {:?}", nov.documents);
    assert_eq!(nov.corrections.len(), 1);
    let c = &nov.corrections[0];
    assert_eq!((c.statement.as_str(), c.correction.corrects.as_str()), ("2026-11-0001", "2026-10-0001"));
    assert_eq!(c.correction.reason, Reason::SupplyChanged);
    assert_eq!((c.correction.supply, c.correction.tax), (Won(difference), Won(difference / 10)));
    assert_eq!(c.correction.written_on.to_string(), "2026-11-26", "the day the change was billed");
    assert_eq!(c.correction.original_written_on.to_string(), "2026-10-31");
    assert_eq!((c.original_approval.as_deref(), c.approval.as_deref()), (None, None));
}

#[test]
fn from_the_8th_the_dashboard_counts_a_correction_dated_last_month_as_waiting() {
    let (db, s) = corrected();
    drop(s);
    let s = open_at(&db.path, &me(), "2026-12-08 09:00");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    let w = kiln::report::dashboard::load(&s, 2026, day).unwrap().waiting.unwrap();
    assert_eq!((w.month.as_str(), w.documents), ("2026-11", 1), "November made only the correction");
    assert_eq!(w.due.to_string(), "2026-12-10");
}

#[test]
fn a_correction_waits_for_its_original_and_each_approval_number_is_recorded_once() {
    let (db, mut s) = corrected();
    let before = dump(&db.path);
    let e = correction::confirm(&mut s, "2026-11", ("2026-11-0001", "2026-10-0001", ""), FIXED).unwrap_err();
    assert!(
        matches!(e, Error::Refused(Refusal::OriginalWaiting { ref corrects }) if corrects == "2026-10-0001"),
        "{e:?}"
    );
    assert_eq!(dump(&db.path), before, "refused, nothing changed");
    let original =
        invoice::Confirmation { statement: "2026-10-0001".into(), approval: ORIGINAL.into(), ..Default::default() };
    invoice::confirm(&mut s, "2026-10", &[original]).unwrap();
    // The original's number is taken.
    let e = correction::confirm(&mut s, "2026-11", ("2026-11-0001", "2026-10-0001", ""), ORIGINAL).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::Duplicate { field: Field::ApprovalNo, .. })), "{e:?}");
    let e = correction::confirm(&mut s, "2026-11", ("2026-11-0001", "2026-09-0001", ""), FIXED).unwrap_err();
    assert!(
        matches!(e, Error::Invalid(ref i) if i.field == Field::Statement && i.problem == Problem::NotFound),
        "{e:?}"
    );
    let done = correction::confirm(&mut s, "2026-11", ("2026-11-0001", "2026-10-0001", ""), FIXED).unwrap();
    assert_eq!(done.approval.as_deref(), Some(FIXED));
    let listed = invoice::month(&s, "2026-11").unwrap().corrections;
    assert_eq!((listed[0].original_approval.as_deref(), listed[0].approval.as_deref()), (Some(ORIGINAL), Some(FIXED)));
    let e = correction::confirm(&mut s, "2026-11", ("2026-11-0001", "2026-10-0001", ""), "202611264100000000000003")
        .unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::Duplicate { field: Field::Statement, .. })), "confirmed once: {e:?}");
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());
    drop(s);
    // Behind kiln: the correction's number given to another document too.
    let plant = format!(
        "INSERT INTO tax_approval (statement_id, kind, approval_no, confirmed_on, confirmed_by) VALUES (2, 'invoice', '{FIXED}', '2026-11-26', 'x')"
    );
    let e = common::behind(&db.path, &plant).unwrap_err();
    assert!(e.contains("approval_once"), "{e}");
    let drop_guard = if common::pg::is_url(&db.path) {
        "ALTER TABLE tax_approval DISABLE TRIGGER tax_approval_number_once;"
    } else {
        "DROP TRIGGER tax_approval_number_once;"
    };
    common::behind(&db.path, &format!("{drop_guard} {plant};")).unwrap();
    let s = db.open_as(&me());
    let rules: Vec<&str> = check::run(&s).unwrap().invariants.iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["approval_no"]);
}

#[test]
fn the_command_line_lists_corrections_and_confirms_one_with_json() {
    let (db, mut s) = corrected();
    let original =
        invoice::Confirmation { statement: "2026-10-0001".into(), approval: ORIGINAL.into(), ..Default::default() };
    invoice::confirm(&mut s, "2026-10", &[original]).unwrap();
    drop(s);
    let listed = json(kiln(&db).args(["invoice", "list", "--month", "2026-11", "--json"]));
    let c = &listed["corrections"][0];
    assert_eq!((c["corrects"].as_str(), c["reason"].as_str()), (Some("2026-10-0001"), Some("supply-changed")));
    assert_eq!(c["original_approval"].as_str(), Some(ORIGINAL));
    let text =
        common::cli::stdout(kiln(&db).args(["invoice", "list", "--month", "2026-11"]).env("LANG", "ko_KR.UTF-8"));
    assert!(text.contains("2 공급가액 변동") && text.contains("대기"), "{text}");
    let bad = fails(
        kiln(&db).args(["invoice", "confirm", "--month", "2026-11", "--statement", "2026-11-0001"]).args([
            "--corrects",
            "2026-10-0001",
            "--approval",
            "2026-11",
        ]),
        2,
    );
    assert!(bad.contains("approval number"), "{bad}");
    let done =
        json(kiln(&db).args(["invoice", "confirm", "--month", "2026-11", "--statement", "2026-11-0001"]).args([
            "--corrects",
            "2026-10-0001",
            "--approval",
            "20261126-41000000-00000002",
            "--json",
        ]));
    assert_eq!(done["approval"].as_str(), Some(FIXED));
    let recorded = json(kiln(&db).args(["invoice", "approvals", "--json"]));
    let fix = recorded.as_array().unwrap().iter().find(|a| a["kind"] == "correction").unwrap();
    assert_eq!((fix["statement"].as_str(), fix["corrects"].as_str()), (Some("2026-11-0001"), Some("2026-10-0001")));
    assert_eq!((fix["reason"].as_i64(), fix["approval_no"].as_str()), (Some(2), Some(FIXED)));
}

#[test]
fn screen_6_selects_a_correction_under_the_documents_and_records_its_number() {
    use common::tui::{key, press, screen, type_text};
    use kiln::i18n::Lang;
    use kiln::tui::screens::reports::Report;
    use ratatui::crossterm::event::KeyCode;
    for lang in [Lang::Ko, Lang::En] {
        let (db, s) = corrected();
        drop(s);
        let store = db.open_as(&me());
        let mut app = kiln::tui::app::App::new(store, lang, false).unwrap();
        key(&mut app, '6');
        while app.screens().reports().report() != Report::Documents {
            press(&mut app, KeyCode::Down);
        }
        // From last month (October) to November, whose only row is the
        // correction; into the list, and `a` on it.
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 80, 24);
        assert!(t.contains("▶2026-11-0001") && t.contains("→10-0001 세"), "selected: {t}");
        assert!(t.contains(lang.pick("원본 대기", "wait orig")), "{t}");
        key(&mut app, 'a');
        let form = app.form().expect("the correction's form");
        assert_eq!(
            (form.value(Field::Statement).as_str(), form.value(Field::Corrects).as_str()),
            ("2026-11-0001", "2026-10-0001")
        );
        type_text(&mut app, FIXED);
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 80, 24);
        assert!(app.form().is_some(), "refused while the original waits");
        assert!(t.contains(lang.pick("승인번호가 아직 없습니다", "has no approval number yet")), "{t}");
        let mut other = db.open_as(&me());
        let original =
            invoice::Confirmation { statement: "2026-10-0001".into(), approval: ORIGINAL.into(), ..Default::default() };
        invoice::confirm(&mut other, "2026-10", &[original]).unwrap();
        drop(other);
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "{:?}", app.form());
        let t = screen(&app, 80, 24);
        assert!(t.contains("…000002"), "its number shown: {t}");
        let listed = invoice::month(&db.open_as(&me()), "2026-11").unwrap().corrections;
        assert_eq!(listed[0].approval.as_deref(), Some(FIXED));
    }
}
