//! The interface rendered to a TestBackend, and driven by keys and Actions.

mod common;

use common::TempDb;
use common::tui::text;
use kiln::db::{operator, person};
use kiln::domain::person::PersonInput;
use kiln::i18n::Lang;
use kiln::tui::action::Action;
use kiln::tui::app::{App, Overlay};
use kiln::tui::screens::ScreenId;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn demo_app(lang: Lang) -> (TempDb, App) {
    let (db, store) = TempDb::demo();
    let app = App::new(store, lang, false).unwrap();
    (db, app)
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    common::tui::draw(app, w, h).1
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn every_screen_renders_in_both_languages_and_sizes() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut app) = demo_app(lang);
        for id in ScreenId::ALL {
            app.update(Action::GoTo(id));
            app.settle();
            for (w, h) in [(80, 24), (160, 48)] {
                let buf = render(&app, w, h);
                let t = text(&buf);
                let name = format!("screen_{}_{}_{w}x{h}", id.number(), lang.code());
                insta::assert_snapshot!(name.clone(), t);
                // The header names the screen, highlighted; the status bar says who.
                let title = id.title().text(lang);
                assert!(t.lines().next().unwrap().contains(title), "{name}");
                assert!(t.lines().last().unwrap().contains("kim · kiln.sqlite3"), "{name}");
            }
        }
    }
}

#[test]
fn the_current_tab_is_highlighted() {
    let (_db, mut app) = demo_app(Lang::En);
    app.update(Action::GoTo(ScreenId::Spaces));
    let buf = render(&app, 100, 30);
    let row = text(&buf).lines().next().unwrap().to_owned();
    let x = row.find("3 Spaces").unwrap() as u16;
    assert_eq!(buf[(x, 0)].bg, Color::Cyan);
    let other = row.find("2 Companies").unwrap() as u16;
    assert_ne!(buf[(other, 0)].bg, Color::Cyan);
}

#[test]
fn the_dashboard_shows_the_programme_against_its_targets() {
    let (_db, app) = demo_app(Lang::Ko);
    let t = text(&render(&app, 100, 30));
    assert!(t.contains("2010 목표 대비 · 2025년"), "{t}");
    assert!(t.contains("/ 100"));
    assert!(t.contains("강릉") && t.contains("/ 40"));
    assert!(t.contains("/ 2,400") && t.contains("/ 2,000억"), "jobs and sales against their targets");
    assert!(t.contains("입주율") && t.contains("곧 끝나는 입주계약") && t.contains("D-"), "{t}");
    assert!(t.contains("졸업"));
    let d = app.screens().dashboard();
    assert_eq!(d.year(), 2025);
}

#[test]
fn below_80_by_24_it_says_the_terminal_is_too_small() {
    let (_db, app) = demo_app(Lang::Ko);
    for (w, h) in [(79, 24), (80, 23), (40, 10)] {
        let t = text(&render(&app, w, h));
        assert!(t.contains("터미널이 너무 작습니다"), "{w}x{h}: {t}");
    }
    let t = text(&render(&app, 80, 24));
    assert!(!t.contains("터미널이 너무 작습니다"));
}

#[test]
fn keys_move_between_screens_and_overlays() {
    let (_db, mut app) = demo_app(Lang::En);
    app.handle_key(&key('2'));
    assert_eq!(app.screen, ScreenId::Companies);
    app.handle_key(&code(KeyCode::Tab));
    assert_eq!(app.screen, ScreenId::Spaces);
    app.handle_key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.screen, ScreenId::Companies);
    app.handle_key(&key('6'));
    app.handle_key(&code(KeyCode::Tab));
    assert_eq!(app.screen, ScreenId::Dashboard, "Tab wraps");
    app.handle_key(&KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT));
    assert_eq!(app.overlays, vec![Overlay::Help { scroll: 0 }]);
    // Inside help, screen keys do nothing; ? or Esc close it.
    app.handle_key(&key('2'));
    assert_eq!(app.screen, ScreenId::Dashboard);
    app.handle_key(&key('?'));
    assert!(app.overlays.is_empty());
    app.handle_key(&key('?'));
    app.handle_key(&code(KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert!(!app.quit);
    // q quits from anywhere, help included.
    app.handle_key(&key('?'));
    app.handle_key(&key('q'));
    assert!(app.quit);
}

#[test]
fn help_lists_the_keymap_and_the_status_bar_hints_it() {
    let (_db, mut app) = demo_app(Lang::Ko);
    let t = text(&render(&app, 80, 24));
    let status = t.lines().last().unwrap();
    for hint in ["1-6 화면", "Tab 다음", "? 도움말", "q 끝내기"] {
        assert!(status.contains(hint), "{status}");
    }
    app.update(Action::ToggleHelp);
    let t = text(&render(&app, 80, 24));
    insta::assert_snapshot!("help_ko_80x24", t);
    for b in kiln::tui::keymap::bindings(&app.help_contexts()) {
        assert!(t.contains(b.label.text(Lang::Ko)), "{}", b.key.text());
    }
}

#[test]
fn first_run_offers_the_demo_or_an_empty_start() {
    for (choice, demo) in [('d', true), ('e', false)] {
        let (db, store) = TempDb::with_admin("kim");
        assert!(operator::me(&store).unwrap().role.is_some());
        let mut app = App::new(store, Lang::Ko, true).unwrap();
        let t = text(&render(&app, 80, 24));
        assert!(t.contains("새 데이터베이스"), "{t}");
        if demo {
            insta::assert_snapshot!("first_run_ko_80x24", t);
        }
        app.handle_key(&key(choice));
        assert!(app.overlays.is_empty());
        let store = db.open_as("kim");
        assert_eq!(store.is_empty().unwrap(), !demo);
        let t = text(&render(&app, 80, 24));
        assert_eq!(t.contains("예시 센터를 넣었습니다"), demo, "{t}");
    }
}

#[test]
fn another_terminals_write_shows_without_a_key() {
    let (db, mut app) = demo_app(Lang::En);
    let before = text(&render(&app, 100, 30));
    assert!(!app.tick(), "nothing changed yet");
    let mut other = db.open_as("kim");
    person::add(&mut other, &PersonInput { name: "김민수".into(), ..PersonInput::default() }).unwrap();
    assert!(app.tick(), "the write is noticed");
    let after = text(&render(&app, 100, 30));
    assert_ne!(before, after);
    let count = |t: &str| {
        t.lines().find_map(|l| l.split("people ").nth(1)).map(|s| s.split_whitespace().next().unwrap().to_owned())
    };
    let (b, a) = (count(&before).unwrap(), count(&after).unwrap());
    assert_eq!(a.parse::<i64>().unwrap(), b.parse::<i64>().unwrap() + 1);
}

#[test]
fn an_unregistered_account_is_told_it_may_only_read() {
    let (db, _kim) = TempDb::with_admin("kim");
    let app = App::new(db.open_as("stranger"), Lang::Ko, false).unwrap();
    let t = text(&render(&app, 100, 30));
    assert!(t.contains("'stranger' 계정은 등록되지 않아 열람만 할 수 있습니다 — 관리자: kim"), "{t}");
    assert!(t.contains("미등록(열람 전용)"), "{t}");
}
