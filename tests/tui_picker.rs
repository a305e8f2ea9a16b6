//! Pickers (issue 16 §1): a field that takes a person, company, machine,
//! room, course or cohort offers what part of a name, a code or the 초성
//! finds; ↑↓ choose, Enter (or Tab) takes the code, Esc closes the offer. In Korean
//! at 80×24.

mod common;

use common::TempDb;
use common::tui::{key, press, screen, type_text};
use kiln::db::Page;
use kiln::db::person::{self, PersonFilter};
use kiln::domain::Field;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_person_is_picked_by_name_in_the_booking_form() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    let s = db.open_as("kim");
    let people = person::list(&s, &PersonFilter::default(), Page::new(0, 100)).unwrap();
    // A family name several people share: the offer lists them.
    let family = people[8].name.chars().next().unwrap().to_string();
    key(&mut app, '4');
    key(&mut app, 'j');
    key(&mut app, 'j');
    key(&mut app, 'n');
    type_text(&mut app, &family);
    let form = app.form().unwrap();
    assert!(form.picking(), "typing {family} offers people");
    assert!(
        form.picks.iter().all(|(code, shown)| code.starts_with("P-") && shown.contains(&family)),
        "{:?}",
        form.picks
    );
    let t = screen(&app, 80, 24);
    assert!(t.contains(&format!("▶ {family}")), "the first is chosen: {t}");
    // ↓ chooses the second; Enter takes its code and moves on; the form stays open.
    let second = form.picks.get(1).map_or_else(|| form.picks[0].0.clone(), |(c, _)| c.clone());
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("taking a pick does not save the form");
    assert_eq!(form.value(Field::Person), second);
    assert_eq!(form.fields[form.focus].field, Field::Party, "on to the next field");
    assert!(!form.picking());
}

#[test]
fn tab_takes_the_chosen_person_as_enter_does() {
    let (_db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '4');
    key(&mut app, 'n');
    let form = app.form().unwrap();
    assert_eq!(form.fields[form.focus].field, Field::Person);
    // Clear the person the form starts with, then type part of a name.
    let kept = form.value(Field::Person).chars().count();
    for _ in 0..kept {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "이");
    let form = app.form().unwrap();
    assert!(form.picking() && form.picks.len() > 1, "{:?}", form.picks);
    let second = form.picks[1].0.clone();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    let form = app.form().expect("Tab does not save the form");
    assert_eq!(form.value(Field::Person), second, "Tab took the chosen person's code");
    assert_eq!(form.fields[form.focus].field, Field::Party, "on to the next field");
    assert!(!form.picking());
}

#[test]
fn a_company_is_picked_by_its_initials_and_esc_closes_only_the_offer() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    let s = db.open_as("kim");
    let firm =
        kiln::db::company::list(&s, &kiln::db::company::CompanyFilter::default(), Page::new(0, 1)).unwrap().remove(0);
    let initials: String = firm.name.chars().filter_map(kiln::domain::search::initial).collect();
    // A new lease from the spaces screen: the company is the first field.
    key(&mut app, '3');
    key(&mut app, 'n');
    type_text(&mut app, &initials);
    let form = app.form().unwrap();
    assert!(form.picks.iter().any(|(brn, _)| *brn == firm.brn.to_string()), "{initials}: {:?}", form.picks);
    // Esc closes the offer, not the form, and keeps what was typed.
    press(&mut app, KeyCode::Esc);
    let form = app.form().expect("the form is still open");
    assert!(!form.picking());
    assert_eq!(form.value(Field::Company), initials);
    // Typing again offers again; Enter on the one found takes its BRN.
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, &initials.chars().last().unwrap().to_string());
    for _ in 0..6 {
        let f = app.form().unwrap();
        if f.picks.get(f.pick).is_some_and(|(b, _)| *b == firm.brn.to_string()) {
            break;
        }
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form().unwrap().value(Field::Company), firm.brn.to_string());
    let t = screen(&app, 80, 24);
    assert!(t.contains(&firm.brn.to_string()), "{t}");
}

#[test]
fn a_billing_party_is_picked_by_name_in_the_booking_form() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, store) = TempDb::demo();
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '4');
        key(&mut app, 'n');
        // The demo's university: P-0001 is one of its members.
        let kept = app.form().unwrap().value(Field::Person).chars().count();
        for _ in 0..kept {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "P-0001");
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.form().unwrap().fields[app.form().unwrap().focus].field, Field::Party);
        type_text(&mut app, "산학");
        let form = app.form().unwrap();
        assert_eq!(form.picks.len(), 1, "{:?}", form.picks);
        assert!(form.picks[0].0.starts_with("BP-") && form.picks[0].1.contains("산학협력단"), "{:?}", form.picks);
        let t = screen(&app, 80, 24);
        assert!(t.contains("산학협력단"), "offered at 80×24: {t}");
        assert!(t.contains(lang.pick("청구처", "Billing party")), "the field is named: {t}");
        press(&mut app, KeyCode::Enter);
        let code = app.form().unwrap().value(Field::Party);
        assert!(code.starts_with("BP-"), "{code}");
        drop(db);
    }
}

#[test]
fn the_booking_form_says_before_saving_that_a_person_may_not_bill_an_organisation_they_are_not_in() {
    let (_db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '4');
    // EQ-0007, which needs no qualification.
    for _ in 0..6 {
        key(&mut app, 'j');
    }
    key(&mut app, 'n');
    assert!(app.form().unwrap().value(Field::Equipment) == "EQ-0007");
    let kept = app.form().unwrap().value(Field::Person).chars().count();
    for _ in 0..kept {
        press(&mut app, KeyCode::Backspace);
    }
    // P-0010 is of no organisation of the demo.
    type_text(&mut app, "P-0010");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "산학");
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 80, 24);
    assert!(t.contains("구성원이 아닙니다"), "said before saving: {t}");
    assert!(app.form().is_some(), "nothing saved, the form stays");
}
