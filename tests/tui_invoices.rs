//! The dashboard's warning of last month's tax documents still waiting for
//! their approval numbers: from the 8th (late issue costs 1 % of the
//! supply), with the day they are due, in Korean and English, gone once
//! every document is confirmed.

mod common;

use std::sync::Arc;

use common::TempDb;
use common::tui::screen;
use kiln::db::Store;
use kiln::db::invoice::{self, Confirmation};
use kiln::domain::{FixedClock, Minute};
use kiln::i18n::Lang;
use kiln::tui::app::App;

fn on(db: &TempDb, now: &str, lang: Lang) -> App {
    let store = Store::open_as(&db.path, "kim", Arc::new(FixedClock(Minute::parse(now).unwrap()))).unwrap();
    App::new(store, lang, false).unwrap()
}

#[test]
fn last_months_waiting_documents_are_warned_of_from_the_8th_until_confirmed() {
    let (db, mut s) = TempDb::demo();
    let waiting = invoice::month(&s, "2026-10").unwrap().documents;
    assert!(!waiting.is_empty() && waiting.iter().all(|d| d.approval.is_none()));
    let n = waiting.len();
    let t = screen(&on(&db, "2026-11-07 09:00", Lang::Ko), 80, 24);
    assert!(!t.contains('⚠'), "not before the 8th: {t}");
    let t = screen(&on(&db, "2026-11-08 09:00", Lang::Ko), 80, 24);
    assert!(t.contains(&format!("⚠ 10월 세금계산서 {n}건 대기 · 11-10까지")), "{t}");
    let t = screen(&on(&db, "2026-11-26 10:00", Lang::En), 80, 24);
    assert!(t.contains(&format!("⚠ {n} tax documents of 2026-10 due 11-10")), "{t}");
    // September's were confirmed in the demo: in October nothing waits.
    let t = screen(&on(&db, "2026-10-20 09:00", Lang::Ko), 80, 24);
    assert!(!t.contains('⚠'), "{t}");
    let all: Vec<Confirmation> = waiting
        .iter()
        .enumerate()
        .map(|(i, d)| Confirmation {
            statement: d.statement.clone(),
            kind: d.document.kind.key().into(),
            approval: format!("2026111041000000{:08}", 90_000 + i),
        })
        .collect();
    invoice::confirm(&mut s, "2026-10", &all).unwrap();
    let t = screen(&on(&db, "2026-11-26 10:00", Lang::Ko), 80, 24);
    assert!(!t.contains('⚠'), "every document confirmed: {t}");
}

#[test]
fn screen_6_lists_the_months_documents_confirms_one_and_writes_the_upload_form() {
    use common::tui::{clear, key, press, type_text};
    use kiln::domain::Field;
    use kiln::tui::screens::reports::Report;
    use ratatui::crossterm::event::KeyCode;
    for lang in [Lang::Ko, Lang::En] {
        let (db, _s) = TempDb::demo();
        std::env::set_current_dir(db.dir.path()).unwrap();
        let mut app = on(&db, common::NOW, lang);
        key(&mut app, '6');
        while app.screens().reports().report() != Report::Documents {
            press(&mut app, KeyCode::Down);
        }
        let docs = app.screens().reports().data().documents.clone();
        let n = docs.documents.len();
        assert!(n > 1);
        let t = screen(&app, 80, 24);
        insta::assert_snapshot!(format!("documents_{}_80x24", lang.code()), t);
        let (ko, en) =
            (format!("세금계산서 2026-10 · {n}건 · 대기 {n}"), format!("Tax documents 2026-10 · {n} · waiting {n}"));
        let head = lang.pick(&ko, &en);
        assert!(t.contains(head), "last month's, all waiting: {t}");
        // The second document, confirmed through the form.
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        key(&mut app, 'a');
        let form = app.form().expect("the confirm form");
        assert_eq!(form.value(Field::Statement), docs.documents[1].statement, "opens on the selected document");
        let at = form.fields.iter().position(|f| f.field == Field::ApprovalNo).unwrap();
        assert_eq!(form.focus, at, "only the number is left to type");
        type_text(&mut app, "2026111041");
        press(&mut app, KeyCode::Enter);
        let e = app.form().and_then(|f| f.fields[at].error.clone());
        assert!(e.is_some_and(|e| e.contains(lang.pick("승인번호", "approval number"))), "{:?}", app.form());
        clear(&mut app);
        type_text(&mut app, "20261110-41000000-55555555");
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "{:?}", app.form());
        let shown = app.screens().reports().data().documents.clone();
        let d = shown.documents.iter().find(|d| d.statement == docs.documents[1].statement).unwrap();
        assert_eq!(d.approval.as_deref(), Some("202611104100000055555555"));
        let t = screen(&app, 80, 24);
        assert!(t.contains("…555555 ") || t.contains("…555555│"), "{t}");
        // x writes the form Hometax takes, here.
        key(&mut app, 'x');
        let file = db.dir.path().join("kiln-tax-invoices-2026-10-1.xlsx");
        assert!(file.exists(), "{}", screen(&app, 120, 30));
        assert!(screen(&app, 120, 30).contains("kiln-tax-invoices-2026-10-1.xlsx"));
    }
}
