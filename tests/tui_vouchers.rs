//! Screen 6's voucher report driven by keys: a new programme and a grant
//! through their forms, in Korean and English at 80×24, the refusals (a cap
//! of 0, a programme that ends before it starts) beside their fields with
//! nothing saved.

mod common;

use common::TempDb;
use common::tui::{clear, key, press, screen, type_text};
use kiln::db::voucher::{self, GrantFilter};
use kiln::domain::Field;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use kiln::tui::screens::reports::Report;
use ratatui::crossterm::event::KeyCode;

fn vouchers(lang: Lang) -> (TempDb, App) {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, lang, false).unwrap();
    key(&mut app, '6');
    while app.screens().reports().report() != Report::Vouchers {
        press(&mut app, KeyCode::Down);
    }
    (db, app)
}

/// Focuses `field` with Tab and types `value` over what it holds.
fn fill(app: &mut App, field: Field, value: &str) {
    let form = app.form().expect("a form is open");
    let i = form.fields.iter().position(|f| f.field == field).expect("the form has the field");
    while app.form().is_some_and(|f| f.focus != i) {
        press(app, KeyCode::Tab);
    }
    clear(app);
    type_text(app, value);
}

fn error_beside(app: &App, field: Field) -> Option<String> {
    app.form()?.fields.iter().find(|f| f.field == field)?.error.clone()
}

#[test]
fn a_programme_is_added_through_its_form_and_its_refusals_show_beside_the_field() {
    let (db, mut app) = vouchers(Lang::Ko);
    let before = voucher::list(&db.open_as("kim"), None).unwrap();
    key(&mut app, 'n');
    let t = screen(&app, 80, 24);
    insta::assert_snapshot!("programme_form_ko_80x24", t);
    for label in
        ["새 바우처 지원사업", "사업명", "지불 주체", "지원 비율", "연간 지원 한도", "마지막 날", "비우면 모든 장비"]
    {
        assert!(t.contains(label), "{label}: {t}");
    }
    fill(&mut app, Field::ProgrammeName, "강릉 세라믹 바우처");
    fill(&mut app, Field::Funder, "강원특별자치도");
    // Who is billed the shares: a billing party, picked by name.
    fill(&mut app, Field::Payer, "강원특별");
    assert!(app.form().unwrap().picks.iter().any(|(_, row)| row.starts_with("강원특별자치도")), "offered");
    press(&mut app, KeyCode::Enter);
    let payer = app.form().unwrap().value(Field::Payer);
    assert!(payer.starts_with("BP-"), "the picked party's code: {payer}");
    fill(&mut app, Field::SupportShare, "50");
    fill(&mut app, Field::Cap, "0");
    press(&mut app, KeyCode::Enter);
    let cap = error_beside(&app, Field::Cap).expect("a cap of 0 is refused beside the field");
    assert!(cap.contains("연간 지원 한도"), "{cap}");
    fill(&mut app, Field::Cap, "1,000,000");
    fill(&mut app, Field::LastDay, "2025-12-31");
    press(&mut app, KeyCode::Enter);
    let last = error_beside(&app, Field::LastDay).expect("ending before it starts is refused");
    assert!(last.contains("2026-01-01"), "names the earliest day accepted: {last}");
    assert!(screen(&app, 80, 24).contains('✖'));
    assert_eq!(voucher::list(&db.open_as("kim"), None).unwrap(), before, "nothing saved");
    fill(&mut app, Field::LastDay, "2026-12-31");
    // The machines are a list: the picker serves the item being typed.
    fill(&mut app, Field::Equipment, "EQ-0001, EQ-000");
    let at = app.form().unwrap().picks.iter().position(|(code, _)| code == "EQ-0002");
    for _ in 0..at.expect("EQ-0002 is offered for the last item") {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form().unwrap().value(Field::Equipment), "EQ-0001, EQ-0002");
    fill(&mut app, Field::RateClass, "sme");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "saved: {:?}", app.form());
    let t = screen(&app, 80, 24);
    let added = voucher::list(&db.open_as("kim"), Some("강릉 세라믹")).unwrap();
    assert_eq!(added.len(), 1);
    let p = &added[0];
    assert!(t.contains(&format!("지원사업 {} 강릉 세라믹 바우처을(를) 추가했습니다", p.code)), "{t}");
    assert_eq!((p.share.to_string().as_str(), p.cap.0), ("50 %", 1_000_000));
    assert_eq!(p.machines, ["EQ-0001", "EQ-0002"]);
    assert_eq!(p.classes, ["sme"]);
    assert_eq!((p.payer.as_deref(), p.payer_name.as_deref()), (Some(payer.as_str()), Some("강원특별자치도")));
}

#[test]
fn a_grant_is_made_through_its_form_on_the_selected_programme() {
    for lang in [Lang::Ko, Lang::En] {
        let (db, mut app) = vouchers(lang);
        let first = app.screens().reports().data().vouchers.grants[0].clone();
        key(&mut app, 'g');
        let t = screen(&app, 80, 24);
        insta::assert_snapshot!(format!("grant_form_{}_80x24", lang.code()), t);
        assert!(t.contains(lang.pick("바우처 지원 대상 추가", "Grant a voucher")), "{t}");
        let form = app.form().unwrap();
        assert_eq!(form.value(Field::Programme), first.programme, "opens on the selected grant's programme");
        assert_eq!(form.value(Field::Year), "2026");
        // A party that holds no grant of it this year, found by name.
        let s = db.open_as("kim");
        let held: Vec<String> = voucher::grants(
            &s,
            &GrantFilter { programme: Some(first.programme.clone()), year: Some(2026), ..GrantFilter::default() },
        )
        .unwrap()
        .into_iter()
        .map(|g| g.party)
        .collect();
        let parties =
            kiln::db::party::list(&s, &kiln::db::party::PartyFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap();
        let party = parties.iter().find(|p| !held.contains(&p.code)).unwrap().clone();
        // A cap above the programme's is refused beside the cap.
        fill(&mut app, Field::Party, &party.code);
        fill(&mut app, Field::Cap, "999,999,999,999");
        press(&mut app, KeyCode::Enter);
        assert!(error_beside(&app, Field::Cap).is_some(), "{:?}", app.form());
        fill(&mut app, Field::Cap, "");
        press(&mut app, KeyCode::Enter);
        assert!(app.form().is_none(), "saved: {:?}", app.form());
        let made = voucher::grants(
            &s,
            &GrantFilter { party: Some(party.code.clone()), year: Some(2026), ..GrantFilter::default() },
        )
        .unwrap();
        let g = made.iter().find(|g| g.programme == first.programme).expect("the grant is there");
        let programme = voucher::show(&s, &first.programme).unwrap();
        assert_eq!(g.cap, programme.cap, "an empty cap is the programme's");
        let shown = app.screens().reports().data().vouchers.clone();
        assert!(shown.grants.iter().any(|x| x.party == party.code && x.programme == first.programme));
        // The same grant again is refused beside the programme.
        key(&mut app, 'g');
        fill(&mut app, Field::Programme, &first.programme);
        fill(&mut app, Field::Party, &party.code);
        press(&mut app, KeyCode::Enter);
        assert!(error_beside(&app, Field::Programme).is_some(), "{:?}", app.form());
    }
}
