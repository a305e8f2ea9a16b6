//! Screen 2 shows what each running lease chain of the selected company
//! holds as deposit beside what it was signed with, in Korean and English
//! at 80×24.

mod common;

use common::TempDb;
use common::tui::{key, press, screen, type_text};
use kiln::db::deposit;
use kiln::i18n::{Lang, Msg, fill, labels};
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_companys_deposits_held_are_shown_under_its_leases() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, store) = TempDb::demo();
        // The demo's 가온신소재 holds two rooms on running chains, their
        // deposits paid in full.
        let chains = deposit::list(&store, None).unwrap();
        let held: Vec<_> =
            chains.iter().filter(|c| c.company.contains("가온신소재") && c.held.0 > 0).cloned().collect();
        assert!(!held.is_empty(), "{chains:?}");
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '2');
        key(&mut app, '/');
        type_text(&mut app, "가온신소재");
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 80, 24);
        assert_eq!(app.screens().companies().selected_name().as_deref(), Some(held[0].company.as_str()));
        let line = fill(Msg::DepositHeld.text(lang), &[&labels::money(held[0].held, lang)]);
        assert!(t.contains(&line), "{line} at 80×24:\n{t}");
        insta::assert_snapshot!(format!("held_{}_80x24", lang.code()), t);
    }
}

#[test]
fn a_company_that_left_shows_its_deposit_settled() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, store) = TempDb::demo();
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '2');
        key(&mut app, '/');
        type_text(&mut app, "미래세라믹스");
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 80, 24);
        assert!(t.contains(Msg::DepositSettled.text(lang)), "80×24:\n{t}");
    }
}
