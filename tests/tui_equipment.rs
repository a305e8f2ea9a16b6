//! Screen 4 driven by keys as an equipment manager would: book a machine,
//! see a clash refused with the nearest free slot, approve, check in and out,
//! take a machine out of service; and the week calendar rendered.

mod common;

use common::TempDb;
use common::tui::{clear, key, press, screen, type_text};
use kiln::db::Page;
use kiln::db::booking::{self, BookingFilter};
use kiln::domain::booking::BookingState;
use kiln::i18n::Lang;
use kiln::tui::app::{App, Tone};
use kiln::tui::screens::equipment::View;
use ratatui::crossterm::event::KeyCode;

fn demo(lang: Lang) -> (TempDb, App) {
    let (db, store) = TempDb::demo();
    (db, App::new(store, lang, false).unwrap())
}

#[test]
fn the_week_calendar_renders_in_both_languages() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut app) = demo(lang);
        key(&mut app, '4');
        key(&mut app, 'j');
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screens().equipment().view_mode(), View::Calendar);
        for (w, h) in [(80, 24), (160, 48)] {
            let t = screen(&app, w, h);
            assert!(t.contains("EQ-0002 FE-SEM"), "{t}");
            assert!(t.contains("██"), "bookings are drawn: {t}");
            insta::assert_snapshot!(format!("calendar_{}_{w}x{h}", lang.code()), t);
        }
    }
}

#[test]
fn a_manager_books_sees_a_clash_approves_and_checks_out() {
    let (db, mut app) = demo(Lang::Ko);
    key(&mut app, '4');
    // EQ-0003 (particle size, no approval needed).
    key(&mut app, 'j');
    key(&mut app, 'j');
    key(&mut app, 'n');
    let form = app.form().expect("the booking form");
    assert_eq!(form.value(kiln::domain::Field::Equipment), "EQ-0003");
    type_text(&mut app, "P-0009");
    let (note, tone) = app.form().unwrap().note.clone().unwrap();
    assert_eq!(tone, Tone::Info, "{note}");
    // Move the start onto a clash: an existing booking of EQ-0003.
    let store = db.open_as("kim");
    let taken = booking::list(
        &store,
        &BookingFilter { equipment: Some("EQ-0003".into()), from: Some(store.now()), ..BookingFilter::default() },
        Page::new(0, 50),
    )
    .unwrap()
    .into_iter()
    .find(|b| b.state.is_active())
    .expect("the demo books EQ-0003 ahead");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    clear(&mut app);
    type_text(&mut app, &taken.start.to_string());
    press(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, &taken.end.to_string());
    let (note, tone) = app.form().unwrap().note.clone().unwrap();
    assert_eq!(tone, Tone::Error);
    assert!(note.contains(&format!("#{}", taken.id)) && note.contains("가장 가까운 빈 시간"), "{note}");
    press(&mut app, KeyCode::Enter);
    let err = app.form().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("겹칩니다"), "refused on save too: {err}");
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_none());

    // The approvals queue: approve the first.
    key(&mut app, 'p');
    assert_eq!(app.screens().equipment().view_mode(), View::Approvals);
    let before = booking::pending(&store, Page::new(0, 500)).unwrap();
    key(&mut app, 'a');
    let after = booking::pending(&store, Page::new(0, 500)).unwrap();
    assert_eq!(after.len(), before.len() - 1);
    let approved = booking::show(&store, &before[0].id.to_string()).unwrap();
    assert_eq!(approved.state, BookingState::Approved);
    let t = screen(&app, 100, 30);
    assert!(t.contains(&format!("#{}", approved.id)) && t.contains("승인"), "{t}");

    // Back to the list: EQ-0001 is in use this morning; check it out.
    press(&mut app, KeyCode::Esc);
    key(&mut app, 'g');
    key(&mut app, 'o');
    let form = app.form().expect("check-out form");
    assert_eq!(form.value(kiln::domain::Field::Time), "2026-11-26 10:00");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    let done = booking::list(
        &store,
        &BookingFilter {
            equipment: Some("EQ-0001".into()),
            state: Some(BookingState::Completed),
            from: Some(kiln::domain::Minute::parse("2026-11-26 00:00").unwrap()),
            ..BookingFilter::default()
        },
        Page::new(0, 5),
    )
    .unwrap();
    assert_eq!(done.len(), 1);
    assert!(done[0].charge.is_some());
}

#[test]
fn a_fault_lists_the_bookings_it_hits() {
    let (_db, mut app) = demo(Lang::En);
    key(&mut app, '4');
    key(&mut app, 'j');
    key(&mut app, 'd');
    let form = app.form().expect("downtime form");
    assert_eq!(form.value(kiln::domain::Field::Equipment), "EQ-0002");
    clear(&mut app);
    type_text(&mut app, "2026-11-27 09:00");
    press(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "2026-12-31 18:00");
    let (note, tone) = app.form().unwrap().note.clone().unwrap();
    assert_eq!(tone, Tone::Error);
    assert!(note.contains("booking(s) in the way"), "{note}");
    let t = screen(&app, 80, 24);
    insta::assert_snapshot!("downtime_form_en_80x24", t);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    let t = screen(&app, 100, 30);
    assert!(t.contains("Downtime #") && t.contains("waiting"), "{t}");
}

/// Two managers on the approvals queue: one approves the request at the top
/// while the other has the second selected. The second manager's selection
/// stays on the request it was on, so `a` never approves its neighbour.
#[test]
fn the_approvals_queue_keeps_the_selected_request_when_another_manager_approves() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::En, false).unwrap();
    key(&mut app, '4');
    key(&mut app, 'p');
    press(&mut app, KeyCode::Down);
    let mut other = db.open_as("kim");
    let queue = booking::pending(&other, Page::new(0, 500)).unwrap();
    assert!(queue.len() >= 3, "the demo has requests waiting: {}", queue.len());
    assert_eq!(app.screens().equipment().selected_booking().map(|b| b.id), Some(queue[1].id));

    booking::approve(&mut other, &queue[0].id.to_string()).unwrap();
    assert!(app.tick(), "the other manager's approval is noticed");
    assert_eq!(app.screens().equipment().selected_booking().map(|b| b.id), Some(queue[1].id));
    let t = screen(&app, 80, 24);
    assert!(!t.contains(&format!("#{} ", queue[0].id)), "the approved request left the queue: {t}");

    key(&mut app, 'a');
    assert_eq!(booking::show(&other, &queue[1].id.to_string()).unwrap().state, BookingState::Approved);
    assert_eq!(booking::show(&other, &queue[2].id.to_string()).unwrap().state, BookingState::Requested);
}

/// A clock the test moves on.
struct Turning(std::sync::atomic::AtomicI64);

impl kiln::domain::Clock for Turning {
    fn now(&self) -> kiln::domain::Minute {
        kiln::domain::Minute(self.0.load(std::sync::atomic::Ordering::SeqCst))
    }
}

/// Left open overnight: at midnight the machines' status is read again for
/// the new day, with no key pressed and nothing written.
#[test]
fn past_midnight_the_equipment_screen_reads_the_new_day() {
    let (db, store) = TempDb::demo();
    drop(store);
    let evening = kiln::domain::Minute::parse("2026-11-26 23:59").unwrap();
    let clock = std::sync::Arc::new(Turning(std::sync::atomic::AtomicI64::new(evening.0)));
    let store = kiln::db::Store::open_as(&db.path, "kim", clock.clone()).unwrap();
    let mut app = App::new(store, Lang::En, false).unwrap();
    key(&mut app, '4');
    assert_eq!(app.screens().equipment().as_of(), Some(evening));
    assert!(!app.tick(), "nothing changed yet");

    clock.0.store(evening.0 + 1, std::sync::atomic::Ordering::SeqCst);
    assert!(app.tick(), "the date turned");
    let midnight = kiln::domain::Minute::parse("2026-11-27 00:00").unwrap();
    assert_eq!(app.screens().equipment().as_of(), Some(midnight));
    let t = screen(&app, 80, 24);
    assert!(t.contains("11-27 (Fri)"), "{t}");
}

#[test]
fn a_walk_in_from_the_keyboard_is_in_use_at_once_in_korean_at_80x24() {
    let (db, mut app) = demo(Lang::Ko);
    key(&mut app, '4');
    // EQ-0003 (particle size), free this morning.
    key(&mut app, 'j');
    key(&mut app, 'j');
    key(&mut app, 'w');
    let t = screen(&app, 80, 24);
    assert!(t.contains("즉석 사용"), "{t}");
    assert_eq!(app.form().unwrap().value(kiln::domain::Field::Equipment), "EQ-0003");
    type_text(&mut app, "P-0009");
    // Without a reason the form stays open and says what is missing.
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("refused: no reason");
    let reason = form.fields.iter().position(|f| f.field == kiln::domain::Field::Reason).unwrap();
    assert!(form.fields[reason].error.is_some(), "the reason is named");
    assert_eq!(form.focus, reason, "and the caret waits there");
    type_text(&mut app, "급한 시료 확인");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let t = screen(&app, 80, 24);
    assert!(t.contains("즉석 사용 시작"), "{t}");
    let store = db.open_as("kim");
    let now = booking::list(
        &store,
        &BookingFilter {
            equipment: Some("EQ-0003".into()),
            state: Some(BookingState::InUse),
            ..BookingFilter::default()
        },
        Page::new(0, 5),
    )
    .unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].start.to_string(), "2026-11-26 10:00");
    assert!(now[0].note.as_deref().is_some_and(|n| n.contains("급한 시료 확인")));
}

#[test]
fn the_booking_form_says_what_the_time_would_cost_and_what_a_voucher_would_pay() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut app) = demo(lang);
        key(&mut app, '4');
        // EQ-0003 is billed by the sample: none given, the rate a sample.
        key(&mut app, 'j');
        key(&mut app, 'j');
        key(&mut app, 'n');
        type_text(&mut app, "P-0009");
        let (note, _) = app.form().unwrap().note.clone().unwrap();
        assert!(note.contains(lang.pick("시료당", "a sample")), "{note}");
        press(&mut app, KeyCode::Esc);
        // EQ-0007 by the hour (no qualification needed), booked by a person
        // of a company on the national voucher (70 %) with some of this
        // year's cap left.
        for _ in 0..4 {
            key(&mut app, 'j');
        }
        key(&mut app, 'n');
        assert_eq!(app.form().unwrap().value(kiln::domain::Field::Equipment), "EQ-0007");
        type_text(&mut app, "P-0009");
        let (note, tone) = app.form().unwrap().note.clone().unwrap();
        assert_eq!(tone, Tone::Info, "{note}");
        let (voucher, party) = (lang.pick("바우처 VP-0001", "voucher VP-0001"), lang.pick("자부담", "party pays"));
        assert!(note.contains(voucher) && note.contains(party), "{note}");
        assert!(note.contains(lang.pick("예상", "about")), "{note}");
        let t = screen(&app, 80, 24);
        assert!(t.contains(lang.pick("예상", "about")), "the estimate shows at 80×24: {t}");
    }
}

/// A project pays for its own party: the estimate is at that party's
/// class, and a project of another party than the one typed is refused as
/// typed, naming the project's party.
#[test]
fn the_booking_form_takes_the_project_that_pays_and_prices_it_for_the_projects_party() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, mut app) = demo(lang);
        // P-0001's own party: their company's, or their individual one.
        let own = {
            let s = db.open_as("kim");
            let p = kiln::db::person::show(&s, "P-0001").unwrap();
            p.company_brn.unwrap_or_else(|| {
                let all =
                    kiln::db::party::list(&s, &kiln::db::party::PartyFilter::default(), Page::ALL_FOR_CLI).unwrap();
                all.into_iter().find(|y| y.person.as_deref() == Some("P-0001")).unwrap().code
            })
        };
        key(&mut app, '4');
        for _ in 0..6 {
            key(&mut app, 'j');
        }
        key(&mut app, 'n');
        assert_eq!(app.form().unwrap().value(kiln::domain::Field::Equipment), "EQ-0007");
        // P-0001 books for the university's 산학협력단, whose project pays.
        type_text(&mut app, "P-0001");
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "PJ-0001");
        let (note, tone) = app.form().unwrap().note.clone().unwrap();
        assert_eq!(tone, Tone::Info, "{note}");
        assert!(note.contains(lang.pick("(학계)", "(Academia)")), "{note}");
        // Billed to the person's own party instead: not that project's.
        press(&mut app, KeyCode::Esc);
        key(&mut app, 'n');
        type_text(&mut app, "P-0001");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, &own);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "PJ-0001");
        let (note, tone) = app.form().unwrap().note.clone().unwrap();
        assert_eq!(tone, Tone::Error, "{note}");
        assert!(note.contains("PJ-0001") && note.contains("BP-0061"), "{note}");
        let t = screen(&app, 80, 24);
        assert!(t.contains("PJ-0001"), "the project field shows at 80×24: {t}");
    }
}
