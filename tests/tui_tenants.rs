//! Screens 1–3 driven by keys as an administrator would, in Korean: admitting
//! a company, giving it a room, seeing it on the floor view and the dashboard,
//! recording its figures and graduating it.

mod common;

use common::TempDb;
use common::tui::{clear, draw, key, press, type_text};
use kiln::db::{company, lease, room};
use kiln::domain::Stage;
use kiln::domain::company::CompanyInput;
use kiln::domain::room::RoomInput;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

/// An empty centre with one room, 301.
fn centre() -> (TempDb, App) {
    let (db, mut store) = TempDb::with_admin("kim");
    room::add(
        &mut store,
        &RoomInput {
            code: "301".into(),
            floor: "3".into(),
            kind: "office".into(),
            area_m2: "66.12".into(),
            rent_per_m2: Some("10000".into()),
        },
    )
    .unwrap();
    room::add(
        &mut store,
        &RoomInput {
            code: "302".into(),
            floor: "3".into(),
            kind: "office".into(),
            area_m2: "99.17".into(),
            rent_per_m2: None,
        },
    )
    .unwrap();
    let app = App::new(store, Lang::Ko, false).unwrap();
    (db, app)
}

#[test]
fn an_administrator_admits_a_company_leases_it_a_room_and_graduates_it() {
    let (db, mut app) = centre();
    // Screen 2, new company.
    key(&mut app, '2');
    key(&mut app, 'n');
    assert!(app.form().is_some());
    type_text(&mut app, "세라텍(주)");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "124-81-00998");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "박서준");
    // Sector: structural is one step right of … whatever is first; pick by cycling.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert!(
        app.form().is_none(),
        "saved: {:?}",
        app.form().map(|f| f.fields.iter().map(|x| &x.error).collect::<Vec<_>>())
    );
    let (t, _) = draw(&app, 100, 30);
    assert!(t.contains("세라텍(주)") && t.contains("124-81-00998"), "{t}");
    let store = db.open_as("kim");
    let c = company::show(&store, "1248100998").unwrap();
    assert_eq!((c.name.as_str(), c.representative.as_str(), c.stage), ("세라텍(주)", "박서준", Stage::Early));

    // A lease from the company's screen: company filled in, room typed.
    key(&mut app, 'l');
    type_text(&mut app, "301");
    let note = app.form().and_then(|f| f.note.clone()).map(|n| n.0).unwrap_or_default();
    assert!(note.contains("비어 있음") && note.contains("661,000원"), "live feedback: {note}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    // The last day offered is the end of the centre's standard term (12 months unless set).
    assert_eq!(app.form().unwrap().value(kiln::domain::Field::LastDay), "2027-11-25");
    clear(&mut app);
    type_text(&mut app, "2026-12-31");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "660000");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "120000");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    let (t, _) = draw(&app, 100, 30);
    assert!(t.contains("301") && t.contains("2026-11-26–2026-12-31"), "{t}");

    // The floor view shows it; the dashboard counts it and lists it as ending soon.
    key(&mut app, '3');
    key(&mut app, 'g');
    let (t, _) = draw(&app, 100, 30);
    assert!(t.contains("3층") && t.contains("세라텍(주)") && t.contains("D-35"), "{t}");
    key(&mut app, '1');
    let (t, _) = draw(&app, 100, 30);
    assert!(t.contains("세라텍(주)") && t.contains("D-35"), "{t}");

    // Yearly figures: the form opens on 2026 (admitted that year); 2025 is refused.
    key(&mut app, '2');
    key(&mut app, 'r');
    assert_eq!(app.form().unwrap().value(kiln::domain::Field::Year), "2026");
    clear(&mut app);
    type_text(&mut app, "2025");
    press(&mut app, KeyCode::Enter);
    let err = app.form().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("입주일"), "refused under the form: {err}");
    clear(&mut app);
    type_text(&mut app, "2026");
    press(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    let (t, _) = draw(&app, 100, 30);
    assert!(t.contains("2026") && t.contains("성과"), "{t}");
    let store = db.open_as("kim");
    assert_eq!(kiln::db::yearly::list(&store, Some("124-81-00998"), Some(2026)).unwrap()[0].figures.employees, 3);

    // Graduate: the lease ends that day.
    key(&mut app, 'x');
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    let store = db.open_as("kim");
    assert_eq!(company::show(&store, "1248100998").unwrap().stage, Stage::Graduated);
    let l = lease::show(&store, "L-0001").unwrap();
    assert_eq!(l.ended_on.map(|d| d.to_string()).as_deref(), Some("2026-11-26"));
}

#[test]
fn a_refused_form_keeps_what_was_typed_and_names_the_field() {
    let (_db, mut app) = centre();
    key(&mut app, '2');
    key(&mut app, 'n');
    type_text(&mut app, "세라텍");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "124-81-00999");
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("still open");
    assert_eq!(form.value(kiln::domain::Field::Name), "세라텍");
    assert_eq!(form.value(kiln::domain::Field::Brn), "124-81-00999");
    let brn = form.fields.iter().find(|f| f.field == kiln::domain::Field::Brn).unwrap();
    assert!(brn.error.as_deref().unwrap_or_default().contains("검증번호"), "{brn:?}");
    let (t, buf) = draw(&app, 80, 24);
    assert!(t.contains("✖"), "{t}");
    let (x, y) =
        (0..24u16).flat_map(|y| (0..80u16).map(move |x| (x, y))).find(|&(x, y)| buf[(x, y)].symbol() == "✖").unwrap();
    assert_eq!(buf[(x, y)].fg, Color::Red, "the refusal is red");
    insta::assert_snapshot!("company_form_refused_ko_80x24", t);
    // Fixing the number saves.
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "998");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
}

#[test]
fn the_lease_form_shows_a_clash_before_saving() {
    let (db, mut app) = centre();
    {
        let mut store = db.open_as("kim");
        company::add(
            &mut store,
            &CompanyInput { name: "한빛소재".into(), brn: "220-81-62517".into(), ..CompanyInput::default() },
        )
        .unwrap();
        company::add(
            &mut store,
            &CompanyInput { name: "세라텍".into(), brn: "124-81-00998".into(), ..CompanyInput::default() },
        )
        .unwrap();
        lease::add(
            &mut store,
            &kiln::domain::lease::LeaseInput {
                company: "220-81-62517".into(),
                room: "301".into(),
                from: "2026-01-01".into(),
                to: "2027-07-01".into(),
                rent: "1".into(),
                fee: "1".into(),
                deposit: None,
            },
        )
        .unwrap();
    }
    app.update(kiln::tui::action::Action::DataChanged);
    key(&mut app, '2');
    // 세라텍 sorts after 한빛? No: by name, 세라텍 < 한빛소재. Select 세라텍 (first).
    key(&mut app, 'g');
    key(&mut app, 'l');
    type_text(&mut app, "301");
    let (note, tone) = app.form().and_then(|f| f.note.clone()).unwrap();
    assert!(note.contains("한빛소재") && note.contains("2027-06-30"), "{note}");
    assert_eq!(tone, kiln::tui::app::Tone::Error);
    let (t, _) = draw(&app, 80, 24);
    insta::assert_snapshot!("lease_form_clash_ko_80x24", t);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2");
    let (note, tone) = app.form().and_then(|f| f.note.clone()).unwrap();
    assert!(note.contains("302") && note.contains("비어 있음"), "{note}");
    assert_eq!(tone, kiln::tui::app::Tone::Info);
}

#[test]
fn the_company_filter_takes_hangul_and_brn_digits() {
    let (db, mut store) = TempDb::demo();
    let all = company::list(&store, &company::CompanyFilter::default(), kiln::db::Page::new(0, 1000)).unwrap();
    let target =
        all.iter().find(|c| c.name.chars().next().is_some_and(|ch| ('가'..='힣').contains(&ch))).unwrap().clone();
    let _ = &mut store;
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '2');
    key(&mut app, '/');
    let part: String = target.name.chars().skip(1).take(2).collect();
    type_text(&mut app, &part);
    let names = app.screens().companies().names();
    assert!(!names.is_empty() && names.iter().all(|n| n.contains(&part)), "{part}: {names:?}");
    // q is text while filtering, not quit.
    key(&mut app, 'q');
    assert!(!app.quit);
    press(&mut app, KeyCode::Esc);
    let digits = target.brn.digits()[..6].to_owned();
    key(&mut app, '/');
    type_text(&mut app, &digits);
    press(&mut app, KeyCode::Enter);
    let (dbg, _) = draw(&app, 80, 24);
    assert!(
        app.screens().companies().names().contains(&target.name),
        "{digits}: {:?} {:?}\n{dbg}",
        app.screens().companies().names(),
        target
    );
    let (t, _) = draw(&app, 80, 24);
    assert!(t.contains(&format!("/ {digits}")), "{t}");
    drop(db);
}

#[test]
fn floors_change_with_arrows_and_columns_stay_aligned_in_korean() {
    let (_db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '3');
    assert_eq!(app.screens().spaces().floor(), Some(1));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.screens().spaces().floor(), Some(3));
    assert!(app.screens().spaces().room_codes().iter().all(|c| c.starts_with('3')));
    let (t, _) = draw(&app, 120, 40);
    // Every row of the room table shows the lease end in the header's column,
    // whatever the width of the tenant's name.
    let header = t.lines().find(|l| l.contains("계약 종료") && l.contains("입주기업")).unwrap();
    let col = kiln::cells::width(&header[..header.find("계약 종료").unwrap()]);
    let rows: Vec<&str> = t.lines().filter(|l| l.contains(" 사무실 ")).collect();
    assert!(rows.len() >= 10, "{t}");
    for row in rows {
        let cell = cells(row, col, 10);
        assert!(cell == "—         " || (cell.starts_with("20") && cell.len() == 10), "{cell:?} in {row}");
    }
    press(&mut app, KeyCode::Left);
    assert_eq!(app.screens().spaces().floor(), Some(2));
}

/// The text in display cells `[from, from + len)` of a line.
fn cells(line: &str, from: usize, len: usize) -> String {
    let mut out = String::new();
    let mut at = 0;
    for c in line.chars() {
        let w = kiln::cells::width(&c.to_string());
        if at >= from && at + w <= from + len {
            out.push(c);
        }
        at += w;
    }
    out
}

/// Another terminal adds a floor below and a room that sorts first on the
/// floor shown: the same floor and the same room stay in front.
#[test]
fn the_floor_and_room_shown_stay_when_others_add_rooms() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '3');
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let floor = app.screens().spaces().floor();
    let chosen = app.screens().spaces().selected_room().map(str::to_owned);
    assert_eq!(floor, Some(2));
    assert!(chosen.is_some());
    let mut other = db.open_as("kim");
    for (code, floor) in [("B101", "-1"), ("200", "2")] {
        let r = RoomInput {
            code: code.into(),
            floor: floor.into(),
            kind: "office".into(),
            area_m2: "10".into(),
            rent_per_m2: None,
        };
        room::add(&mut other, &r).unwrap();
    }
    assert!(app.tick(), "the write is seen");
    let spaces = app.screens().spaces();
    assert_eq!(spaces.floor(), Some(2), "the same floor, though one was added below");
    assert_eq!(spaces.room_codes()[0], "200", "the new room is listed first");
    assert_eq!(spaces.selected_room().map(str::to_owned), chosen, "the same room chosen");
}

/// Companies report a year in the next: the yearly-figures form of a
/// company admitted before this year opens on last year, with its figures.
#[test]
fn the_yearly_figures_form_opens_on_last_year() {
    let (_db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '2');
    key(&mut app, 'r');
    let form = app.form().unwrap();
    assert_eq!(form.value(kiln::domain::Field::Year), "2025");
    assert_ne!(form.value(kiln::domain::Field::Employees), "0", "last year's figures on file fill it");
}

#[test]
fn a_companys_page_shows_its_party_class_and_what_is_left_of_its_voucher() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, store) = TempDb::demo();
        let all = company::list(&store, &company::CompanyFilter::default(), kiln::db::Page::new(0, 100)).unwrap();
        let c = all.iter().find(|c| c.name == "경포케미칼").unwrap();
        let billing = kiln::db::party::billing(&store, &c.brn.to_string()).unwrap();
        let grant = billing.grants.iter().find(|g| g.programme == "VP-0001").expect("the demo's national voucher");
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '2');
        key(&mut app, '/');
        type_text(&mut app, "경포케미칼");
        press(&mut app, KeyCode::Enter);
        let (t, _) = draw(&app, 80, 24);
        let class = if lang == Lang::Ko { &billing.class_name.0 } else { &billing.class_name.1 };
        assert!(t.contains(&billing.party) && t.contains(class.as_str()), "{t}");
        let left = kiln::domain::money::group(i128::from(grant.remaining.0));
        assert!(t.contains("VP-0001") && t.contains(&left), "{left}: {t}");
    }
}
