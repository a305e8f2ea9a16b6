//! Screen 2's billing parties (`B`): every party with its class, who may
//! book for it, its vouchers and projects; its class and a class's discount
//! set through forms that refuse what the command line refuses, on the
//! field, changing nothing. Korean and English, at 80×24.

mod common;

use common::tui::{clear, key, press, screen, type_text};
use common::{TempDb, dump};
use kiln::db::party;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn demo(lang: Lang) -> (TempDb, App) {
    let (db, store) = TempDb::demo();
    (db, App::new(store, lang, false).unwrap())
}

/// What the open form refuses: beside a field, or under the form.
fn refusal(app: &App) -> String {
    let form = app.form().expect("the form stays open");
    form.fields.iter().filter_map(|f| f.error.clone()).chain(form.error.clone()).collect::<Vec<_>>().join(" ")
}

/// The parties filtered to the university's 산학협력단.
fn university(app: &mut App) {
    key(app, '/');
    type_text(app, "산학협력단");
    press(app, KeyCode::Enter);
}

#[test]
fn the_parties_list_every_billing_party_and_show_its_class_members_and_projects() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, mut app) = demo(lang);
        key(&mut app, '2');
        key(&mut app, 'B');
        let t = screen(&app, 80, 24);
        assert!(t.contains(lang.pick("청구처", "Billing parties")), "{t}");
        assert!(t.contains("BP-0001"), "companies' parties are listed too: {t}");
        university(&mut app);
        let parties = app.screens().companies().parties().unwrap();
        assert_eq!(parties.selected_code().as_deref(), Some("BP-0061"));
        let t = screen(&app, 80, 24);
        for shown in [lang.pick("외부 기관", "organisation"), lang.pick("학계", "Academia"), "P-0001", "PJ-0001"]
        {
            assert!(t.contains(shown), "{shown} at 80×24:\n{t}");
        }
        // Back to the companies.
        key(&mut app, 'B');
        assert!(app.screens().companies().parties().is_none());
    }
}

#[test]
fn a_partys_class_and_a_classs_discount_are_set_by_form_and_bad_ones_refused_on_the_field() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, mut app) = demo(lang);
        key(&mut app, '2');
        key(&mut app, 'B');
        university(&mut app);
        key(&mut app, 'e');
        clear(&mut app);
        type_text(&mut app, "wizard");
        let before = dump(&db.path);
        press(&mut app, KeyCode::Enter);
        let err = refusal(&app);
        assert!(err.contains(lang.pick("이용자 구분", "rate class")) && err.contains("wizard"), "{err}");
        assert!(dump(&db.path) == before, "an unknown class changes nothing");
        clear(&mut app);
        type_text(&mut app, "institute");
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "saved");
        let t = screen(&app, 80, 24);
        assert!(t.contains(lang.pick("연구기관", "Research institute")), "{t}");
        // A discount of 120 % is refused; 25 % is taken.
        key(&mut app, 'd');
        assert_eq!(app.form().unwrap().value(kiln::domain::Field::RateClass), "institute");
        press(&mut app, KeyCode::Tab);
        clear(&mut app);
        type_text(&mut app, "120");
        let before = dump(&db.path);
        press(&mut app, KeyCode::Enter);
        let err = refusal(&app);
        assert!(err.contains(lang.pick("할인율", "discount")), "{err}");
        assert!(dump(&db.path) == before, "a discount over 100 % changes nothing");
        clear(&mut app);
        type_text(&mut app, "25");
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "saved");
        let s = db.open_as("kim");
        let classes = kiln::db::rate_class::list(&s).unwrap();
        assert_eq!(classes.iter().find(|c| c.code == "institute").map(|c| c.discount), Some(2_500));
        assert_eq!(party::show(&s, "BP-0061").unwrap().class.as_deref(), Some("institute"));
    }
}
