//! The same kinds of bad values typed into the forms of the terminal
//! interface: each refusal shows on the form beside the field typed into,
//! the form stays open with everything typed, and the database is unchanged.

use kiln::db::Store;
use kiln::domain::Field as F;
use kiln::i18n::{Lang, labels};
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;

use crate::common::tui::{clear, key, press, screen, type_text};
use crate::common::{clock, dump};
use crate::{base, copy};

/// Keys that open a form (`⏎` is Enter, `↓` the down arrow), the field typed into, the text
/// typed (`{10k}` a 10 kB paste), and where the refusal must show: beside
/// that field, beside another, or (`None`) under the form.
struct Case {
    keys: &'static str,
    field: F,
    value: &'static str,
    shown: Option<F>,
}

const fn c(keys: &'static str, field: F, value: &'static str) -> Case {
    Case { keys, field, value, shown: Some(field) }
}

const fn at(keys: &'static str, field: F, value: &'static str, shown: Option<F>) -> Case {
    Case { keys, field, value, shown }
}

const CASES: &[Case] = &[
    // Companies: new, edit, leave, yearly figures.
    c("2n", F::Brn, "124-81-00999"),
    c("2n", F::Brn, ""),
    c("2n", F::Brn, "{10k}"),
    c("2n", F::Name, "세라\u{202E}텍"),
    c("2n", F::Name, "a\u{7}b"),
    c("2n", F::Name, "{10k}"),
    c("2n", F::Admitted, "2026-02-30"),
    c("2n", F::Admitted, "tomorrow"),
    c("2n", F::Phone, "abc"),
    c("2n", F::Email, "foo"),
    c("2n", F::CorporateNo, "130111-0006247"),
    c("2n", F::Brn, "124-81-00998"),
    c("2e", F::Name, ""),
    c("2e", F::Admitted, "2026-13-01"),
    c("2e", F::Representative, "박\u{2066}서준"),
    c("2x", F::Date, "2026-02-30"),
    c("2r", F::Year, "3000"),
    c("2r", F::Employees, "-1"),
    c("2r", F::Sales, "-1"),
    c("2r", F::Sales, "99999999999999999999"),
    c("2r", F::Exports, "1.5"),
    c("2r", F::Investment, "9223372036854775807"),
    // Leases and rooms.
    c("2l", F::Room, "999"),
    at("2l", F::Room, "301", None),
    c("2l", F::From, "2026-02-30"),
    c("2l", F::LastDay, "2026-13-01"),
    c("2l", F::LastDay, "2026-01-01"),
    c("2l", F::Rent, "-1"),
    c("2l", F::Fee, "1.5"),
    c("2l", F::Deposit, "99999999999999999999"),
    c("2l", F::Rent, "{10k}"),
    c("3a", F::RoomCode, ""),
    c("3a", F::RoomCode, "{10k}"),
    c("3a", F::Floor, "99"),
    c("3a", F::Area, "66.123"),
    c("3a", F::Area, "0"),
    c("3a", F::Area, "-5"),
    c("3a", F::Rent, "-1"),
    c("3x", F::Date, "2026-02-30"),
    c("3x", F::Reason, "a\u{202E}b"),
    // Equipment: bookings, downtime, a new machine.
    c("4n", F::Equipment, "EQ-9999"),
    c("4n", F::Person, "P-9999"),
    c("4n", F::Person, "zz"),
    c("4n", F::Party, "220-81-62517"),
    c("4n", F::Party, "BP-9999"),
    c("4n", F::From, "2026-12-02 24:00"),
    c("4n", F::To, "2026-11-01 09:00"),
    c("4n", F::Purpose, "gpj.exe\u{202E}"),
    c("4n", F::Samples, "-1"),
    c("4n", F::Project, "PJ-9999"),
    c("4n", F::Weeks, "0"),
    c("4d", F::From, "2026-12-05 25:00"),
    c("4d", F::To, "2026-11-01 09:00"),
    c("4d", F::Details, "a\u{1b}[31m"),
    c("4A", F::Equipment, "XX-1"),
    c("4A", F::Name, ""),
    c("4A", F::TenantRate, "-1"),
    c("4A", F::ExternalRate, "99999999999999999999"),
    c("4A", F::Hours, "funday 09:00-18:00"),
    c("4A", F::Slot, "7"),
    c("4A", F::Room, "999"),
    // Billing parties: a party's class, a class's discount.
    c("2Be", F::RateClass, "wizard"),
    c("2Bd", F::RateClass, "wizard"),
    c("2Bd", F::Discount, "120"),
    c("2Bd", F::Discount, "-5"),
    // Screen 6's vouchers: a programme, a grant.
    c("6↓↓↓↓↓↓↓n", F::Cap, "0"),
    c("6↓↓↓↓↓↓↓n", F::LastDay, "2025-12-31"),
    c("6↓↓↓↓↓↓↓n", F::SupportShare, "120"),
    c("6↓↓↓↓↓↓↓n", F::ProgrammeName, ""),
    c("6↓↓↓↓↓↓↓n", F::RateClass, "wizard"),
    c("6↓↓↓↓↓↓↓n", F::Equipment, "EQ-9999"),
    c("6↓↓↓↓↓↓↓g", F::Programme, "VP-9999"),
    c("6↓↓↓↓↓↓↓g", F::Year, "3000"),
    c("6↓↓↓↓↓↓↓g", F::Cap, "-1"),
    // Screen 6: the centre as supplier.
    c("6C", F::Brn, "226-82-00176"),
    c("6C", F::Email, "foo"),
    c("6C", F::Address, ""),
    // Training: cohorts, sessions, enrolment, completion.
    c("5n", F::Cohort, ""),
    c("5n", F::Capacity, "0"),
    c("5n", F::From, "2026-02-30"),
    c("5n", F::To, "2026-01-01"),
    c("5⏎s", F::Date, "2026-02-30"),
    c("5⏎s", F::From, "24:00"),
    c("5⏎s", F::To, "08:00"),
    c("5⏎s", F::Room, "999"),
    c("5⏎s", F::Instructor, "{10k}"),
    c("5⏎n", F::Person, "P-9999"),
    c("5⏎C", F::Date, "2026-02-30"),
];

/// Good values for a form's required fields, typed before the bad one so
/// that the refusal is about the bad one.
fn good(keys: &str) -> &'static [(F, &'static str)] {
    match keys {
        "2n" => &[(F::Name, "신소재"), (F::Brn, "220-81-62517")],
        "2l" => &[(F::Room, "302"), (F::Rent, "100000"), (F::Fee, "10000")],
        "3a" => &[(F::RoomCode, "303"), (F::Area, "10")],
        "4n" => &[(F::Person, "P-0001")],
        "4A" => &[(F::Name, "SEM")],
        "5n" => &[(F::Cohort, "2026-4")],
        "6↓↓↓↓↓↓↓n" => &[
            (F::ProgrammeName, "강원 세라믹 바우처"),
            (F::Funder, "강원도"),
            (F::SupportShare, "50"),
            (F::Cap, "1,000,000"),
        ],
        "6↓↓↓↓↓↓↓g" => &[(F::Programme, "VP-0001"), (F::Party, "124-81-00998")],
        _ => &[],
    }
}

/// Focuses `field` with Tab and types `value` over what it holds.
fn fill(app: &mut App, field: F, value: &str) -> Result<(), String> {
    let form = app.form().ok_or("no form opened")?;
    let i = form.fields.iter().position(|f| f.field == field).ok_or(format!("the form has no field {field:?}"))?;
    for _ in 0..form.fields.len() {
        if app.form().is_some_and(|f| f.focus == i) {
            break;
        }
        press(app, KeyCode::Tab);
    }
    clear(app);
    type_text(app, value);
    Ok(())
}

/// The base centre opened in the interface as its admin, on a fresh copy.
fn open(lang: Lang) -> (crate::common::TempDb, App) {
    let db = copy();
    let sql = "SELECT name FROM operator WHERE role = 'admin' ORDER BY name LIMIT 1";
    let admin: String = if crate::common::pg::active() {
        crate::common::pg::admin(crate::common::pg::name_of(db.path.to_str().unwrap()))
            .query_one(sql, &[])
            .unwrap()
            .get(0)
    } else {
        crate::common::sqlite::raw(&db.path).query_row(sql, [], |r| r.get(0)).unwrap()
    };
    let store = Store::open_as(&db.path, &admin, clock()).unwrap();
    (db, App::new(store, lang, false).unwrap())
}

fn run(case: &Case, lang: Lang) -> Result<(), String> {
    let (db, mut app) = open(lang);
    for k in case.keys.chars() {
        match k {
            '⏎' => press(&mut app, KeyCode::Enter),
            '↓' => press(&mut app, KeyCode::Down),
            _ => key(&mut app, k),
        }
    }
    for (field, value) in good(case.keys) {
        fill(&mut app, *field, value)?;
    }
    let value = case.value.replace("{10k}", &"가나다라마".repeat(2048));
    fill(&mut app, case.field, &value)?;
    let typed: Vec<String> = app.form().map(|f| f.fields.iter().map(|x| x.value.clone()).collect()).unwrap_or_default();
    press(&mut app, KeyCode::Enter);
    let mut problems = Vec::new();
    let Some(form) = app.form() else { return Err("the form closed: it was saved".into()) };
    if form.value(case.field) != value {
        problems.push("the typed text was lost".to_owned());
    }
    if form.fields.iter().map(|x| x.value.clone()).collect::<Vec<_>>() != typed {
        problems.push("another field changed".to_owned());
    }
    let beside = |f: F| form.fields.iter().find(|x| x.field == f).and_then(|x| x.error.clone());
    let shown = match case.shown {
        Some(f) => beside(f).ok_or_else(|| {
            format!(
                "not beside {f:?}: {:?} {:?}",
                form.error,
                form.fields.iter().filter_map(|x| x.error.clone()).collect::<Vec<_>>()
            )
        }),
        None => form.error.clone().ok_or_else(|| "nothing under the form".to_owned()),
    };
    match shown {
        Ok(m) if case.shown.is_some() && !m.contains(labels::field(case.field, lang)) && case.field != F::LastDay => {
            problems.push(format!("does not name the field: {m}"));
        }
        Ok(_) => {}
        Err(e) => problems.push(e),
    }
    if !screen(&app, 80, 24).contains('✖') {
        problems.push("no ✖ on the screen".to_owned());
    }
    if dump(&db.path) != base().dump {
        problems.push("the database changed".to_owned());
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

#[test]
fn every_form_refuses_bad_values_beside_the_field_and_keeps_them() {
    base();
    let mut failures = Vec::new();
    for (i, case) in CASES.iter().enumerate() {
        let langs: &[Lang] = if i % 2 == 0 { &[Lang::Ko, Lang::En] } else { &[Lang::Ko] };
        for &lang in langs {
            if let Err(e) = run(case, lang) {
                let value: String = case.value.chars().take(30).collect();
                failures.push(format!("[{}] {} {:?} {value:?}: {e}", lang.code(), case.keys, case.field));
            }
        }
    }
    assert!(failures.is_empty(), "{} refusals went wrong:\n{}", failures.len(), failures.join("\n"));
}
