//! `/` filters every list (issue 16 §1): while the filter line is open every
//! key is text — digits and `q` never switch screens or quit — and the list
//! shows what the one search key finds (names, codes, 초성).

mod common;

use common::TempDb;
use common::tui::{key, press, screen, type_text};
use kiln::i18n::Lang;
use kiln::tui::app::App;
use kiln::tui::keymap::Context;
use ratatui::crossterm::event::KeyCode;

fn demo(lang: Lang) -> (TempDb, App) {
    let (db, store) = TempDb::demo();
    (db, App::new(store, lang, false).unwrap())
}

/// Keys that reach each list: the screen, then the view.
const LISTS: [&[char]; 10] =
    [&['2'], &['3'], &['4'], &['4', 'p'], &['4', '\n'], &['5'], &['5', 'Q'], &['5', 'P'], &['6'], &['5', '\n']];

#[test]
fn on_every_list_the_filter_line_takes_every_key_as_text() {
    for lang in [Lang::Ko, Lang::En] {
        for keys in LISTS {
            let (_db, mut app) = demo(lang);
            for &k in keys {
                if k == '\n' { press(&mut app, KeyCode::Enter) } else { key(&mut app, k) }
            }
            key(&mut app, '/');
            assert_eq!(app.contexts().first(), Some(&Context::Filter), "{keys:?}: / opens the filter line");
            type_text(&mut app, "5Q/1q");
            assert_eq!(app.contexts().first(), Some(&Context::Filter), "{keys:?}: still typing");
            assert!(!app.quit, "{keys:?}: q is text");
            let t = screen(&app, 120, 36);
            assert!(t.contains("/ 5Q/1q"), "{keys:?}: the filter shows in the title: {t}");
            // Esc clears the filter and closes the line; the list is whole again.
            press(&mut app, KeyCode::Esc);
            assert_ne!(app.contexts().first(), Some(&Context::Filter), "{keys:?}");
            assert!(!screen(&app, 120, 36).contains("/ 5Q/1q"), "{keys:?}");
        }
    }
}

#[test]
fn filters_find_by_name_code_and_initials() {
    let (db, mut app) = demo(Lang::Ko);
    // Machines by 초성: ㅇㄷ is 입도(분석기).
    key(&mut app, '4');
    key(&mut app, '/');
    type_text(&mut app, "ㅇㄷ");
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 80, 24);
    assert!(t.contains("EQ-0003") && !t.contains("EQ-0001"), "{t}");
    // Cohorts by course code.
    key(&mut app, '5');
    key(&mut app, '/');
    type_text(&mut app, "KILN-110");
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 80, 24);
    assert!(t.contains("KILN-110") && !t.contains("KILN-101 "), "{t}");
    // Rooms on every floor by the tenant's name.
    key(&mut app, '3');
    let store = db.open_as("kim");
    let rooms = kiln::report::occupancy::rooms_on(&store, store.now().date()).unwrap();
    // A tenant on an upper floor, so that floor 1 shown first does not hold it.
    let leased = rooms.iter().rev().find_map(|r| r.lease.as_ref()).expect("a leased room");
    let tenant = leased.company_name.clone();
    key(&mut app, '/');
    type_text(&mut app, &tenant);
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 120, 36);
    assert!(t.contains(&tenant), "{t}");
    assert!(t.contains("모든 층"), "{t}");
}

#[test]
fn the_week_calendar_filters_its_bookings_by_person() {
    let (_db, mut app) = demo(Lang::Ko);
    key(&mut app, '4');
    key(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 160, 48);
    let grid =
        |t: &str| t.lines().filter(|l| l.chars().nth(1).is_some_and(|c| c.is_ascii_digit())).any(|l| l.contains("██"));
    assert!(grid(&t), "bookings are drawn: {t}");
    key(&mut app, '/');
    type_text(&mut app, "아무도없는이름");
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 160, 48);
    assert!(!grid(&t), "no booking of nobody: {t}");
    press(&mut app, KeyCode::Esc);
    assert!(grid(&screen(&app, 160, 48)), "the week's bookings again");
}
