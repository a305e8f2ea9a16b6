//! Course fees (교육비): charged to the trainee's party when a seat is taken
//! (never for a waiting seat), exempt unless the course says otherwise,
//! refunded in full as a negative line when cancelled before the first
//! session, each billed once. On a real file, and on PostgreSQL with
//! KILN_TEST_ENGINE=postgres.

mod common;

use common::cli::{fails, json, kiln};
use common::invalid;
use common::money::{BRN, centre, me};
use common::{TempDb, open_at};
use kiln::db::training;
use kiln::db::{Store, check, correction, invoice, statement};
use kiln::domain::statement::{LineKind, Tax};
use kiln::domain::tax_correction::Reason;
use kiln::domain::tax_document::DocKind;
use kiln::domain::{EnrolmentStatus, Field, Won};

const COHORT: &str = "KILN-301/2026-4";

/// The SME's 김하늘 (P-0001) and 이바다 (P-0002) and a cohort of one seat of
/// a 300,000원 course (exempt) whose first session is on 12-10.
fn course() -> (TempDb, Store) {
    let (db, mut s) = centre();
    common::money::paid_course(&mut s, "1");
    (db, s)
}

fn fee_lines(s: &Store, month: &str) -> Vec<(Won, Tax)> {
    let st = statement::show(s, BRN, month).unwrap();
    st.lines.iter().filter(|l| l.kind == LineKind::CourseFee).map(|l| (l.amount, l.terms.tax)).collect()
}

#[test]
fn a_seat_is_charged_a_waiting_one_is_not_and_a_cancellation_before_the_first_session_refunds() {
    let (db, mut s) = course();
    let seated = training::enrol(&mut s, COHORT, "P-0001", None).unwrap();
    assert_eq!((seated.status, seated.fee), (EnrolmentStatus::Enrolled, Some(Won(300_000))));
    let waiting = training::enrol(&mut s, COHORT, "P-0002", None).unwrap();
    assert_eq!((waiting.status, waiting.fee), (EnrolmentStatus::Waitlisted, None), "a waiting seat is not charged");
    assert_eq!(fee_lines(&s, "2026-11"), [(Won(300_000), Tax::Exempt)]);
    let st = statement::show(&s, BRN, "2026-11").unwrap();
    assert_eq!((st.totals.exempt, st.totals.vat), (Won(300_000), Won(0)), "an exempt fee bears no VAT");

    // 김하늘 cancels before the first session: refunded; 이바다 is seated
    // and charged.
    let (cancelled, promoted) = training::cancel(&mut s, COHORT, "P-0001").unwrap();
    assert!(cancelled.refunded_at.is_some());
    assert_eq!(promoted[0].fee, Some(Won(300_000)));
    assert_eq!(
        fee_lines(&s, "2026-11"),
        [(Won(300_000), Tax::Exempt), (Won(-300_000), Tax::Exempt), (Won(300_000), Tax::Exempt)]
    );
    let lines = statement::show(&s, BRN, "2026-11").unwrap().lines;
    let refund = lines.iter().find(|l| l.amount.0 < 0).unwrap();
    let said = kiln::i18n::labels::statement_line(refund, kiln::i18n::Lang::Ko);
    assert_eq!(said, "교육비 환불 KILN-301 소결로 운전 실무 (2026-4 · 김하늘)");
    drop(s);

    // Issued on 12-05: billed once, and the 계산서 has the fee.
    let mut s = open_at(&db.path, &me(), "2026-12-05 09:00");
    statement::issue(&mut s, "2026-11", None).unwrap();
    assert_eq!(fee_lines(&s, "2026-12"), [], "nothing billed twice");
    // Nor taken back: a fee is not the month's use, which later months
    // correct.
    let december = statement::show(&s, BRN, "2026-12").unwrap();
    assert!(december.lines.iter().all(|l| l.kind != LineKind::Adjustment), "{:?}", december.lines);
    let docs = invoice::month(&s, "2026-11").unwrap();
    let exempt = docs.documents.iter().find(|d| d.document.kind == DocKind::Invoice).unwrap();
    assert_eq!((exempt.document.supply, exempt.document.tax), (Won(300_000), Won(0)));
    assert_eq!(exempt.document.items[0].name, "교육비");
    drop(s);

    // 이바다 cancels after the first session began: nothing is refunded.
    let mut s = open_at(&db.path, &me(), "2026-12-10 10:00");
    let (late, _) = training::cancel(&mut s, COHORT, "P-0002").unwrap();
    assert_eq!((late.fee, late.refunded_at), (Some(Won(300_000)), None));
    assert_eq!(fee_lines(&s, "2026-12"), []);
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());
}

#[test]
fn a_taxable_course_bills_vat_and_a_fee_set_later_is_for_seats_taken_later() {
    let (_db, mut s) = course();
    training::enrol(&mut s, COHORT, "P-0001", None).unwrap();
    let c = training::set_course_fee(&mut s, "KILN-301", "500,000", "taxable").unwrap();
    assert_eq!((c.fee, c.fee_tax), (Won(500_000), Tax::Taxable));
    assert_eq!(fee_lines(&s, "2026-11"), [(Won(300_000), Tax::Exempt)], "a seat keeps what it was charged");
    training::set_capacity(&mut s, COHORT, "2").unwrap();
    training::enrol(&mut s, COHORT, "P-0002", None).unwrap();
    assert_eq!(fee_lines(&s, "2026-11"), [(Won(300_000), Tax::Exempt), (Won(500_000), Tax::Taxable)]);
    let st = statement::show(&s, BRN, "2026-11").unwrap();
    assert_eq!(st.totals.vat, Won(50_000));
    let e = training::set_course_fee(&mut s, "KILN-301", "30만", "").unwrap_err();
    assert_eq!(invalid(e).0, Field::CourseFee);
    let e = training::set_course_fee(&mut s, "KILN-301", "1", "vat").unwrap_err();
    assert_eq!(invalid(e).0, Field::FeeTax);
}

#[test]
fn the_schema_keeps_a_charge_as_it_was_and_check_finds_a_refund_after_the_first_session() {
    let (db, mut s) = course();
    training::enrol(&mut s, COHORT, "P-0001", None).unwrap();
    training::enrol(&mut s, COHORT, "P-0002", None).unwrap();
    drop(s);
    let e = common::behind(&db.path, "UPDATE enrolment SET fee = 1 WHERE fee IS NOT NULL").unwrap_err();
    assert!(e.contains("enrolment_fee"), "{e}");
    let e = common::behind(
        &db.path,
        "UPDATE enrolment SET fee = 5, fee_tax = 'exempt', party_id = 1, charged_at = '2026-11-26 10:00'
          WHERE status = 'waitlisted'",
    )
    .unwrap_err();
    assert!(e.contains("enrolment_fee"), "a waiting seat is never charged: {e}");
    let mut s = open_at(&db.path, &me(), "2026-12-10 10:00");
    training::cancel(&mut s, COHORT, "P-0001").unwrap();
    drop(s);
    // Behind kiln: the late cancellation recorded as refunded.
    common::behind(&db.path, "UPDATE enrolment SET refunded_at = cancelled_at WHERE cancelled_at IS NOT NULL").unwrap();
    let s = db.open_as(&me());
    let rules: Vec<&str> = check::run(&s).unwrap().invariants.iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["course_fee"]);
}

#[test]
fn the_command_line_sets_a_fee_and_refuses_a_bad_one_in_one_line() {
    let (db, s) = course();
    drop(s);
    let c = json(kiln(&db).args(["course", "set-fee", "KILN-301", "--fee", "250,000", "--tax", "과세", "--json"]));
    assert_eq!((c["fee"].as_i64(), c["fee_tax"].as_str()), (Some(250_000), Some("taxable")));
    let bad = fails(kiln(&db).args(["course", "set-fee", "KILN-301", "--fee", "250,000", "--tax", "vat"]), 2);
    assert!(bad.contains("course fee tax") && bad.contains("exempt"), "{bad}");
    let bad = fails(
        kiln(&db)
            .args(["course", "add", "--code", "KILN-302", "--title", "x", "--hours", "3", "--fee", "-1"])
            .env("LANG", "ko_KR.UTF-8"),
        2,
    );
    assert!(bad.contains("교육비"), "{bad}");
    let enrolled = json(kiln(&db).args(["enrol", "--cohort", COHORT, "--person", "P-0001", "--json"]));
    assert_eq!(enrolled["fee"].as_i64(), Some(250_000));
    let text = common::cli::stdout(
        kiln(&db).args(["statement", "--party", BRN, "--month", "2026-11"]).env("LANG", "ko_KR.UTF-8"),
    );
    assert!(text.contains("교육비 KILN-301"), "{text}");
}

#[test]
fn the_enrol_form_says_what_a_seat_costs_and_the_cancel_form_whether_it_is_refunded() {
    use common::tui::{key, press, screen, type_text};
    use kiln::i18n::{Lang, Msg, fill, labels};
    use ratatui::crossterm::event::KeyCode;
    for lang in [Lang::Ko, Lang::En] {
        let (_db, s) = course();
        let mut app = kiln::tui::app::App::new(s, lang, false).unwrap();
        key(&mut app, '5');
        press(&mut app, KeyCode::Enter);
        key(&mut app, 'n');
        let fee = labels::money(Won(300_000), lang);
        let note = app.form().and_then(|f| f.note.clone()).unwrap().0;
        assert_eq!(note, fill(Msg::NoteCourseFee.text(lang), &[&fee, &labels::tax(Tax::Exempt, lang)]));
        insta::assert_snapshot!(format!("enrol_form_{}_80x24", lang.code()), screen(&app, 80, 24));
        type_text(&mut app, "P-0001");
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
        key(&mut app, 'x');
        let note = app.form().and_then(|f| f.note.clone()).unwrap().0;
        assert!(note.starts_with(&fill(Msg::NoteFeeRefunded.text(lang), &[&fee])), "{note}");
    }
}

#[test]
fn a_fee_refunded_after_its_statement_was_issued_corrects_that_months_invoice_with_reason_4() {
    let (db, mut s) = course();
    training::enrol(&mut s, COHORT, "P-0001", None).unwrap();
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-12-01 09:00");
    statement::issue(&mut s, "2026-11", None).unwrap();
    let november = statement::show(&s, BRN, "2026-11").unwrap().number.unwrap();
    drop(s);
    // Cancelled on 12-03, before the first session (12-10): refunded.
    let mut s = open_at(&db.path, &me(), "2026-12-03 09:00");
    training::cancel(&mut s, COHORT, "P-0001").unwrap();
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-12-31 17:00");
    statement::issue(&mut s, "2026-12", None).unwrap();
    assert_eq!(fee_lines(&s, "2026-12"), [(Won(-300_000), Tax::Exempt)]);
    let december = statement::show(&s, BRN, "2026-12").unwrap().number.unwrap();
    let m = invoice::month(&s, "2026-12").unwrap();
    assert!(
        m.documents.iter().all(|d| d.document.kind != DocKind::Invoice),
        "December supplied no seat: no 계산서 of its own: {:?}",
        m.documents
    );
    assert_eq!(m.corrections.len(), 1, "{:?}", m.corrections);
    let c = &m.corrections[0];
    assert_eq!((c.statement.as_str(), c.correction.corrects.as_str()), (december.as_str(), november.as_str()));
    let fix = &c.correction;
    assert_eq!(
        (fix.kind, fix.reason, fix.supply, fix.tax),
        (DocKind::Invoice, Reason::Cancelled, Won(-300_000), Won(0))
    );
    assert_eq!(fix.written_on.to_string(), "2026-12-31");
    assert_eq!(c.original_approval, None, "waits for November's 계산서");
    // November's 계산서 confirmed, then its correction.
    let original = invoice::Confirmation {
        statement: november.clone(),
        kind: "invoice".into(),
        approval: "202612104100000000000011".into(),
    };
    invoice::confirm(&mut s, "2026-11", &[original]).unwrap();
    let e = correction::confirm(&mut s, "2026-12", (&december, &november, "tax-invoice"), "202612314100000000000012")
        .unwrap_err();
    assert_eq!(invalid(e).0, Field::Statement, "no correction of its 세금계산서");
    drop(s);
    // From the command line, naming the document corrected.
    let done = json(kiln(&db).args([
        "invoice",
        "confirm",
        "--month",
        "2026-12",
        "--statement",
        &december,
        "--corrects",
        &november,
        "--kind",
        "invoice",
        "--approval",
        "20261231-41000000-00000012",
        "--json",
    ]));
    assert_eq!(
        (done["kind"].as_str(), done["reason"].as_str(), done["approval"].as_str()),
        (Some("invoice"), Some("cancelled"), Some("202612314100000000000012"))
    );
    let s = db.open_as(&me());
    let listed = invoice::month(&s, "2026-12").unwrap().corrections;
    assert_eq!(listed[0].approval.as_deref(), Some("202612314100000000000012"));
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());
}
