//! Reserved but not used: a booking cancelled with less notice than its
//! machine's policy, or not claimed at all, is charged its share of the
//! booked time at the party's class rate, recorded when it happens, billed
//! on the month's statement and in its kept sums, never paid by a voucher.
//! On a real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::cli::{json, kiln, stdout};
use common::money::{BRN, centre, me};
use kiln::db::booking::{self, BookingInput};
use kiln::db::{Store, check, setting, statement, voucher};
use kiln::domain::booking::BookingState;
use kiln::domain::statement::LineKind;
use kiln::domain::voucher::GrantInput;
use kiln::domain::{Field, Won};
use kiln::error::Error;

/// The centre's policy: free until 24 hours before the start, half the
/// booked time after, all of it for a no-show.
fn policy(s: &mut Store) {
    setting::set(s, "free-cancel-notice", "1440", None).unwrap();
    setting::set(s, "late-cancel-share", "50", None).unwrap();
    setting::set(s, "no-show-share", "100", None).unwrap();
}

/// Two hours of SEM (84,000원 at the SME's 42,000원 an hour).
fn sem(from: &str, to: &str) -> BookingInput {
    BookingInput {
        equipment: "EQ-0001".into(),
        person: "P-0001".into(),
        from: from.into(),
        to: to.into(),
        purpose: "단면 관찰".into(),
        ..BookingInput::default()
    }
}

fn book(s: &mut Store, from: &str, to: &str) -> String {
    booking::add(s, &sem(from, to)).unwrap().booked.remove(0).id.to_string()
}

#[test]
fn a_late_cancellation_is_charged_its_share_an_early_one_nothing_and_the_statement_bills_it() {
    let (_db, mut s) = centre();
    policy(&mut s);
    // Even with a voucher to draw on, a programme never pays a penalty.
    let grant = GrantInput { programme: "VP-0001".into(), party: BRN.into(), year: "2026".into(), cap: String::new() };
    voucher::grant(&mut s, &grant).unwrap();
    // Now is Thursday 26 November 10:00. Tomorrow 09:00 is 23 hours away.
    let late = book(&mut s, "2026-11-27 09:00", "2026-11-27 11:00");
    let early = book(&mut s, "2026-11-30 09:00", "2026-11-30 11:00");
    let waived = book(&mut s, "2026-11-27 13:00", "2026-11-27 15:00");
    let charged = booking::cancel(&mut s, &late, "일정 변경").unwrap();
    assert_eq!(charged.state, BookingState::Cancelled);
    assert_eq!(
        (charged.penalty, charged.rate, charged.rate_class.as_deref()),
        (Some(Won(42_000)), Some(Won(42_000)), Some("sme"))
    );
    let free = booking::cancel(&mut s, &early, "일정 변경").unwrap();
    assert_eq!(free.penalty, None, "four days' notice is free");
    // The centre's own reason waives it, and must be given.
    let e = booking::cancel_free(&mut s, &waived, " ").unwrap_err();
    assert!(matches!(&e, Error::Invalid(i) if i.field == Field::Reason), "{e:?}");
    let waived = booking::cancel_free(&mut s, &waived, "장비 고장").unwrap();
    assert_eq!(waived.penalty, None);
    // November's statement bills the late cancellation, at its rate and
    // booked hours, with nothing from the voucher.
    let st = statement::show(&s, BRN, "2026-11").unwrap();
    let lines: Vec<_> = st.lines.iter().filter(|l| l.kind == LineKind::LateCancel).collect();
    assert_eq!(lines.len(), 1, "{:?}", st.lines);
    let l = lines[0];
    assert_eq!(
        (l.amount, l.unit_price, l.quantity, l.source.as_str()),
        (Won(42_000), Some(Won(42_000)), 2.0, late.as_str())
    );
    assert_eq!((l.terms.voucher.as_deref(), l.terms.voucher_share), (None, Won(0)));
    assert_eq!(st.totals.supply, Won(42_000));
    let g = voucher::grants(&s, &voucher::GrantFilter::default()).unwrap().remove(0);
    assert_eq!(g.used, Won(0));
    // The month's kept sums follow (check compares them with the bookings).
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn a_no_show_is_charged_by_the_machines_own_policy_when_marked() {
    let (db, mut s) = centre();
    policy(&mut s);
    // The SEM's own policy: a no-show costs 80 %.
    setting::set(&mut s, "no-show-share", "80", Some("EQ-0001")).unwrap();
    let id = book(&mut s, "2026-11-26 13:00", "2026-11-26 15:00");
    drop(s);
    let mut s = common::open_at(&db.path, &me(), "2026-11-26 13:40");
    let marked = booking::mark_no_shows(&mut s, 30).unwrap();
    assert_eq!(marked.len(), 1);
    assert_eq!((marked[0].id.to_string(), marked[0].state), (id.clone(), BookingState::NoShow));
    assert_eq!(marked[0].penalty, Some(Won(67_200)), "80 % of 84,000");
    let st = statement::show(&s, BRN, "2026-11").unwrap();
    assert!(st.lines.iter().any(|l| l.kind == LineKind::NoShow && l.amount == Won(67_200)), "{:?}", st.lines);
    assert!(check::run(&s).unwrap().is_clean());
    // The person arrives at 13:45: a manager takes the no-show back, with a
    // reason; the charge goes, and the use is checked in as any other.
    let e = booking::revert_no_show(&mut s, &id, "").unwrap_err();
    assert!(matches!(&e, Error::Invalid(i) if i.field == Field::Reason), "{e:?}");
    let back = booking::revert_no_show(&mut s, &id, "교통 사고로 지연 도착").unwrap();
    assert_eq!((back.state, back.penalty), (BookingState::Approved, None));
    let e = booking::revert_no_show(&mut s, &id, "다시").unwrap_err();
    assert!(matches!(e, Error::Refused(kiln::error::Refusal::IllegalTransition { .. })), "{e:?}");
    assert_eq!(booking::check_in(&mut s, &id, None).unwrap().state, BookingState::InUse);
    let st = statement::show(&s, BRN, "2026-11").unwrap();
    assert!(st.lines.iter().all(|l| l.kind != LineKind::NoShow), "{:?}", st.lines);
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn an_empty_centre_charges_nothing_for_cancelling() {
    let (_db, mut s) = centre();
    let id = book(&mut s, "2026-11-26 13:00", "2026-11-26 15:00");
    assert_eq!(booking::cancel(&mut s, &id, "").unwrap().penalty, None);
}

#[test]
fn cancel_on_the_command_line_prints_what_it_charges() {
    let (db, mut s) = centre();
    policy(&mut s);
    let late = book(&mut s, "2026-11-27 09:00", "2026-11-27 11:00");
    let other = book(&mut s, "2026-11-27 06:00", "2026-11-27 08:00");
    drop(s);
    let said = json(kiln(&db).args(["booking", "cancel", &late, "--reason", "일정 변경", "--json"]));
    assert_eq!((said["state"].as_str(), said["penalty"].as_i64()), (Some("cancelled"), Some(42_000)));
    let text =
        stdout(kiln(&db).args(["booking", "cancel", &other, "--reason", "일정 변경"]).env("LANG", "ko_KR.UTF-8"));
    assert!(text.contains("늦은 취소 요금 42,000원"), "{text}");
    let bad = common::cli::fails(kiln(&db).args(["setting", "set", "late-cancel-share", "120"]), 2);
    assert!(bad.contains("late-cancel-share") || bad.contains("100"), "{bad}");
}

#[test]
fn the_schema_refuses_a_penalty_on_use_and_check_finds_one_planted_behind_it() {
    let (db, mut s) = centre();
    policy(&mut s);
    let late = book(&mut s, "2026-11-27 09:00", "2026-11-27 11:00");
    booking::cancel(&mut s, &late, "").unwrap();
    drop(s);
    let e = common::behind(&db.path, &format!("UPDATE booking SET state = 'approved' WHERE id = {late}")).unwrap_err();
    assert!(e.contains("booking_penalty"), "{e}");
    let plant = if common::pg::is_url(&db.path) {
        format!(
            "ALTER TABLE booking DROP CONSTRAINT booking_penalty; UPDATE booking SET penalty = 1000000 WHERE id = {late};"
        )
    } else {
        format!("UPDATE booking SET penalty = 1000000 WHERE id = {late};")
    };
    common::behind(&db.path, &plant).unwrap();
    let s = db.open_as(&me());
    let rules: Vec<&str> = check::run(&s).unwrap().invariants.iter().map(|v| v.rule).collect();
    assert!(rules.contains(&"booking_penalty"), "more than its booked time: {rules:?}");
}

#[test]
fn the_booking_form_says_what_cancelling_right_after_would_cost() {
    use common::tui::{key, type_text};
    use kiln::i18n::Lang;
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut s) = centre();
        policy(&mut s);
        let mut app = kiln::tui::app::App::new(s, lang, false).unwrap();
        key(&mut app, '4');
        key(&mut app, 'n');
        assert_eq!(app.form().unwrap().value(Field::Equipment), "EQ-0001");
        type_text(&mut app, "P-0001");
        // The form opens on the next hour today: within the 24 hours'
        // notice, so cancelling costs half of it.
        let (note, _) = app.form().unwrap().note.clone().unwrap();
        let half = kiln::i18n::labels::money(Won(21_000), lang);
        let said = lang.pick("지금 취소하면", "cancelling now costs");
        assert!(note.contains(said) && note.contains(&half), "{note}");
    }
}
