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
