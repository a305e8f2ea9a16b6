//! Issue 16 §2 "See": what makes kiln look unfinished, checked on the drawn
//! screen at 80×24 (and wider) in Korean and English — the status bar keeps
//! `?` and the screen's keys, columns never touch, wrapped messages keep
//! every character, a night's booking names both days, the calendar works
//! in the machine's slots, the clash note shows the whole nearest free time,
//! a waiting downtime names its booking, money has separators, and a
//! refusal on screen never names a command-line flag.

mod common;

use common::TempDb;
use common::tui::{clear, draw, key, press, screen, type_text};
use kiln::db::Page;
use kiln::db::booking::{self, BookingFilter, BookingInput};
use kiln::db::downtime::{self, DowntimeInput, OnClash};
use kiln::domain::Field;
use kiln::i18n::Lang;
use kiln::tui::app::{App, Tone};
use ratatui::crossterm::event::KeyCode;

fn demo(lang: Lang) -> (TempDb, App) {
    let (db, store) = TempDb::demo();
    (db, App::new(store, lang, false).unwrap())
}

/// The bottom line of a frame: the status bar.
fn status_bar(t: &str) -> &str {
    t.lines().last().unwrap_or_default()
}

/// Text without spaces or box drawing, to compare what was drawn across
/// line breaks with what was meant.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !"│┌┐└┘─".contains(*c)).collect()
}

/// The text inside a form drawn over a screen at 80 columns (`│ │…│ │`).
fn popup(t: &str) -> String {
    t.lines().filter_map(|l| l.split('│').nth(2)).collect::<Vec<_>>().join("\n")
}

/// Someone booked on `equipment` from now on (so holding what it requires).
fn a_booker_of(store: &kiln::db::Store, equipment: &str) -> String {
    let f = BookingFilter { equipment: Some(equipment.into()), from: Some(store.now()), ..BookingFilter::default() };
    booking::list(store, &f, Page::new(0, 1)).unwrap().remove(0).person
}

#[test]
fn the_status_bar_keeps_help_and_the_screens_keys_at_80_columns() {
    // The keys each screen must keep at 80 columns, besides `?`.
    let main: [(char, &[&str]); 6] = [
        ('1', &["←→"]),
        ('2', &["n", "e", "l", "r", "x"]),
        ('3', &["←→", "n", "x", "a"]),
        ('4', &["Enter", "n", "a", "r", "c", "i", "o", "d", "p", "m", "w"]),
        ('5', &["Enter", "n", "Q"]),
        ('6', &["←→", "Enter", "I", "x", "c", "b"]),
    ];
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut app) = demo(lang);
        for (screen_key, keys) in main {
            key(&mut app, screen_key);
            let t = screen(&app, 80, 24);
            let bar = status_bar(&t);
            let help = format!("? {}", kiln::i18n::Msg::KeyHelp.text(lang));
            assert!(bar.contains(&help), "screen {screen_key} {lang:?}: {bar}");
            let words: Vec<&str> = bar.split_whitespace().collect();
            for k in keys {
                assert!(words.contains(k), "screen {screen_key} {lang:?} keeps {k}: {bar}");
            }
        }
    }
}

#[test]
fn columns_never_touch_whatever_is_cut_into_them() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut app) = demo(lang);
        key(&mut app, '2');
        for (w, h) in [(80, 24), (120, 36)] {
            let t = screen(&app, w, h);
            // A name as wide as its column used to run into the zone beside it.
            for glued in ["세라믹스강릉", "이엔지Gangneung", "신소재Gangneung", "이엔지강릉"] {
                assert!(!t.contains(glued), "{glued} at {w}×{h}: {t}");
            }
        }
        key(&mut app, '4');
        key(&mut app, 'p');
        for (w, h) in [(80, 24), (120, 36)] {
            let t = screen(&app, w, h);
            assert!(!t.contains("분석기2026"), "the machine's name runs into the date at {w}×{h}: {t}");
        }
    }
}

/// Opens the booking form on EQ-0003 for P-0009 over the time of its first
/// active booking ahead.
fn book_over_a_taken_slot(db: &TempDb, app: &mut App) {
    let store = db.open_as("kim");
    let taken = booking::list(
        &store,
        &BookingFilter { equipment: Some("EQ-0003".into()), from: Some(store.now()), ..BookingFilter::default() },
        Page::new(0, 50),
    )
    .unwrap()
    .into_iter()
    .find(|b| b.state.is_active())
    .unwrap();
    key(app, '4');
    key(app, 'j');
    key(app, 'j');
    key(app, 'n');
    type_text(app, "P-0009");
    // Past the party and the project, to the start.
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    clear(app);
    type_text(app, &taken.start.to_string());
    press(app, KeyCode::Tab);
    clear(app);
    type_text(app, &taken.end.to_string());
}

/// The booking form's live note at 80×24: a clash names the booking and the
/// nearest free time, all of it, and every Hangul syllable survives the wrap.
#[test]
fn the_clash_note_shows_the_whole_nearest_free_time_at_80x24() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, mut app) = demo(lang);
        book_over_a_taken_slot(&db, &mut app);
        let (note, tone) = app.form().unwrap().note.clone().unwrap();
        assert_eq!(tone, Tone::Error);
        let t = screen(&app, 80, 24);
        assert!(squeezed(&popup(&t)).contains(&squeezed(&note)), "the whole note is drawn:\n{note}\n{t}");
        let nearest = kiln::i18n::Msg::NoteNearest.text(lang).replace("{0}", "");
        assert!(note.contains(nearest.trim_end()), "{note}");
    }
}

/// A refused save's message wraps by cells: nothing is lost at a line's edge.
#[test]
fn a_wrapped_refusal_keeps_every_character() {
    let (db, mut app) = demo(Lang::Ko);
    book_over_a_taken_slot(&db, &mut app);
    // A weekly series over a clash: refused as a whole, with advice.
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    clear(&mut app);
    type_text(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("the series is refused");
    let err = form.error.clone().or_else(|| form.fields.iter().find_map(|f| f.error.clone())).unwrap();
    assert!(!err.contains("--"), "no command-line flag on screen: {err}");
    assert!(err.contains("겹치는 주 건너뛰기"), "names the form's own field: {err}");
    let t = screen(&app, 80, 24);
    assert!(squeezed(&popup(&t)).contains(&squeezed(&err)), "the whole refusal:\n{err}\n{t}");
}

#[test]
fn the_calendar_works_in_the_machines_half_hour_slots() {
    let (db, mut app) = demo(Lang::Ko);
    let mut store = db.open_as("kim");
    // EQ-0002 books in 30-minute slots; Friday 15:00–16:30 is free in the demo.
    let person = a_booker_of(&store, "EQ-0002");
    let input = BookingInput {
        equipment: "EQ-0002".into(),
        person,
        from: "2026-11-27 15:00".into(),
        to: "2026-11-27 16:30".into(),
        ..BookingInput::default()
    };
    booking::add(&mut store, &input).unwrap();
    key(&mut app, '4');
    key(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    let (t, buf) = draw(&app, 120, 36);
    let y = |hm: &str| t.lines().position(|l| l.starts_with(&format!("│{hm} "))).expect(hm) as u16;
    // The border, the time labels, then four days of 16 cells before Friday.
    let friday = |hm: &str| buf[(1 + 6 + 4 * 16, y(hm))].symbol().to_owned();
    for hm in ["15:00", "15:30", "16:00"] {
        assert_eq!(friday(hm), "▒", "{hm} is booked: {t}");
    }
    assert_ne!(friday("16:30"), "▒", "16:30 is free: {t}");
    // The cursor moves a slot at a time, and Enter books from its slot.
    let before = app.screens().equipment().cursor().unwrap();
    press(&mut app, KeyCode::Down);
    let after = app.screens().equipment().cursor().unwrap();
    assert_eq!(after.0 - before.0, 30);
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("a booking form");
    assert_eq!(form.value(Field::From), after.to_string());
    assert!(after.to_string().ends_with(":30"), "{after}");
}

#[test]
fn a_night_booking_names_both_days() {
    let (db, mut app) = demo(Lang::Ko);
    let mut store = db.open_as("kim");
    let person = a_booker_of(&store, "EQ-0022");
    let input = BookingInput {
        equipment: "EQ-0022".into(),
        person,
        from: "2026-12-01 22:00".into(),
        to: "2026-12-02 03:00".into(),
        ..BookingInput::default()
    };
    let b = booking::add(&mut store, &input).unwrap().booked.remove(0);
    key(&mut app, '4');
    key(&mut app, 'p');
    let t = screen(&app, 120, 36);
    let line = t.lines().find(|l| l.contains(&format!("#{}", b.id))).unwrap_or_default();
    assert!(line.contains("2026-12-01 22:00–2026-12-02 03:00"), "{line}\n{t}");
}

#[test]
fn a_waiting_downtime_names_the_booking_it_waits_for() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, mut app) = demo(lang);
        let mut store = db.open_as("kim");
        let person = a_booker_of(&store, "EQ-0002");
        let input = BookingInput {
            equipment: "EQ-0002".into(),
            person,
            from: "2026-11-27 15:00".into(),
            to: "2026-11-27 16:00".into(),
            ..BookingInput::default()
        };
        let b = booking::add(&mut store, &input).unwrap().booked.remove(0);
        let d = DowntimeInput {
            equipment: "EQ-0002".into(),
            from: "2026-11-27 14:00".into(),
            to: "2026-11-27 18:00".into(),
            reason: "calibration".into(),
            note: String::new(),
        };
        let out = downtime::add(&mut store, &d, &OnClash::Hold).unwrap();
        assert_eq!(out.downtime.state, "pending");
        key(&mut app, '4');
        key(&mut app, 'j');
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 80, 24);
        assert!(t.contains(&format!("#{}(", b.id)), "the booking it waits for: {t}");
        let t = screen(&app, 120, 36);
        let waits = kiln::i18n::fill(kiln::i18n::Msg::WaitsFor.text(lang), &[&format!("#{}(", b.id)]);
        let before_id = waits.split('(').next().unwrap_or_default();
        assert!(t.contains(before_id), "{before_id}: {t}");
    }
}

#[test]
fn the_company_pane_writes_rent_with_separators() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, mut app) = demo(lang);
        let store = db.open_as("kim");
        // A lease running today: the company's page lists those (else its last).
        let leases =
            kiln::db::lease::list(&store, &kiln::db::lease::LeaseFilter::default(), Page::new(0, 500)).unwrap();
        let today = store.now().date();
        let l = leases.iter().find(|l| l.days_left(today).is_some()).unwrap();
        key(&mut app, '2');
        key(&mut app, '/');
        type_text(&mut app, &l.company_name);
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 120, 36);
        let rent = kiln::i18n::labels::money(l.rent, lang);
        assert!(t.contains(&rent), "{rent}: {t}");
        assert!(!t.contains(&format!(" {} ", l.rent.0)), "no bare figure: {t}");
    }
}

#[test]
fn a_manager_without_the_right_reads_a_natural_refusal() {
    let (db, _app) = demo(Lang::En);
    let mut admin = db.open_as("kim");
    kiln::db::operator::add(&mut admin, "park", "viewer").unwrap();
    let mut store = db.open_as("park");
    let input = BookingInput {
        equipment: "EQ-0003".into(),
        person: "P-0009".into(),
        from: "2026-12-01 09:00".into(),
        to: "2026-12-01 10:00".into(),
        ..BookingInput::default()
    };
    let e = booking::add(&mut store, &input).unwrap_err();
    let text = e.on_screen(Lang::En);
    assert!(text.contains("is not allowed to manage bookings"), "{text}");
    assert!(!text.contains("may not do"), "{text}");
}
