//! Screen 6's `C`: the centre as the supplier on its tax documents, set
//! through a form before the first month is issued, in Korean and English
//! at 80×24; `I` says beforehand that nothing can be issued without it.

mod common;

use common::TempDb;
use common::tui::{clear, key, press, screen, type_text};
use kiln::db::{statement, supplier};
use kiln::domain::Field;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn fill(app: &mut App, field: Field, value: &str) {
    let at = app.form().and_then(|f| f.fields.iter().position(|x| x.field == field)).expect("the form has the field");
    while app.form().is_some_and(|f| f.focus != at) {
        press(app, KeyCode::Tab);
    }
    clear(app);
    type_text(app, value);
}

#[test]
fn the_supplier_is_set_on_screen_6_before_the_first_month_is_issued() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, store) = TempDb::with_admin("kim");
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '6');
        key(&mut app, 'I');
        let t = screen(&app, 80, 24);
        assert!(t.contains(lang.pick("센터 공급자 정보가 없어", "supplier details are set")), "{t}");
        press(&mut app, KeyCode::Enter);
        let said = app.form().and_then(|f| f.error.clone()).unwrap_or_default();
        assert!(said.contains("kiln centre set"), "refused on the form: {said}");
        press(&mut app, KeyCode::Esc);
        key(&mut app, 'C');
        let t = screen(&app, 80, 24);
        insta::assert_snapshot!(format!("supplier_form_{}_80x24", lang.code()), t);
        assert!(t.contains(lang.pick("업태", "Business type")), "{t}");
        let demo = kiln::demo::supplier();
        for (field, value) in [
            (Field::Brn, "226-82-00176"),
            (Field::TradeName, demo.name.as_deref().unwrap()),
            (Field::Representative, demo.representative.as_deref().unwrap()),
            (Field::Address, demo.address.as_deref().unwrap()),
            (Field::BusinessType, demo.business_type.as_deref().unwrap()),
            (Field::BusinessItem, demo.business_item.as_deref().unwrap()),
            (Field::Email, demo.email.as_deref().unwrap()),
        ] {
            fill(&mut app, field, value);
        }
        let before = common::dump(&db.path);
        press(&mut app, KeyCode::Enter);
        let e = app.form().and_then(|f| f.fields.iter().find(|x| x.field == Field::Brn)?.error.clone());
        assert!(e.is_some_and(|e| e.contains(lang.pick("검증번호", "check digit"))), "{:?}", app.form());
        assert_eq!(common::dump(&db.path), before, "nothing saved");
        fill(&mut app, Field::Brn, "2268200175");
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "{:?}", app.form());
        let s = db.open_as("kim");
        assert_eq!(supplier::show(&s).unwrap().unwrap().supplier.brn.to_string(), "226-82-00175");
        // Opened again, it holds what was saved.
        key(&mut app, 'C');
        assert_eq!(app.form().unwrap().value(Field::Brn), "226-82-00175");
        press(&mut app, KeyCode::Esc);
        key(&mut app, 'I');
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "issued: {:?}", app.form());
        assert!(statement::issued_list(&s, None, None).unwrap().is_empty(), "an empty centre bills nobody");
    }
}
