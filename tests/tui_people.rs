//! The people tab of screen 5 (issue 16 §1): people with their company, how
//! their qualifications stand and their next booking; adding and correcting
//! a person; and the qualifications list naming the machines, valid first.
//! In Korean and English at 80×24.

mod common;

use common::TempDb;
use common::tui::{clear, key, press, screen, type_text};
use kiln::db::Page;
use kiln::db::person::{self, PersonFilter};
use kiln::domain::Field;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use kiln::tui::screens::training::View;
use ratatui::crossterm::event::KeyCode;

#[test]
fn people_are_listed_with_their_qualifications_and_next_booking_in_both_languages() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, store) = TempDb::demo();
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '5');
        key(&mut app, 'P');
        assert_eq!(app.screens().training().view_mode(), View::People);
        let t = screen(&app, 80, 24);
        assert!(t.contains(lang.pick("인력 ", "People ")) && t.contains("P-0001"), "{t}");
        assert!(t.contains(lang.pick("다가오는 예약", "Coming bookings")), "{t}");
        // Someone qualified: their card counts it, the detail names the machine.
        let people = app.screens().training().people();
        let qualified =
            (0..people.total).filter_map(|i| people.get(i)).find(|c| c.valid > 0).map(|c| c.person.name.clone());
        let name = qualified.expect("the demo has qualified people");
        key(&mut app, '/');
        type_text(&mut app, &name);
        press(&mut app, KeyCode::Enter);
        let t = screen(&app, 80, 24);
        assert!(t.contains(&name) && t.contains("EQ-"), "{t}");
        assert!(t.contains(lang.pick("유효 ", "valid ")), "{t}");
    }
}

#[test]
fn a_person_is_added_and_corrected_from_the_people_tab() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '5');
    key(&mut app, 'P');
    key(&mut app, 'n');
    assert!(screen(&app, 80, 24).contains("인력 등록"));
    type_text(&mut app, "한지민");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "010-2222-3333");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.fields.iter().map(|x| &x.error).collect::<Vec<_>>()));
    let s = db.open_as("kim");
    let found =
        person::list(&s, &PersonFilter { search: Some("ㅎㅈㅁ".into()), ..PersonFilter::default() }, Page::new(0, 5))
            .unwrap();
    assert_eq!(found.len(), 1);
    let code = found[0].code.clone();
    // Find them by the filter and correct the phone.
    key(&mut app, '/');
    type_text(&mut app, "한지민");
    press(&mut app, KeyCode::Enter);
    key(&mut app, 'e');
    assert_eq!(app.form().unwrap().value(Field::Name), "한지민");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "010-4444-5555");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    assert_eq!(person::show(&s, &code).unwrap().phone.as_deref(), Some("010-4444-5555"));
    assert!(screen(&app, 80, 24).contains(&code));
}

#[test]
fn the_qualifications_list_names_the_machine_and_shows_valid_ones_first() {
    let (_db, store) = TempDb::demo();
    let today = store.now().date();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '5');
    key(&mut app, 'Q');
    let quals = app.screens().training().qualifications();
    let first = quals.get(0).unwrap();
    assert!(first.valid_on(today), "valid first: {first:?}");
    assert!(!first.machines.is_empty(), "{first:?}");
    let t = screen(&app, 80, 24);
    assert!(t.contains(&first.machines[..7]), "{t}");
}
