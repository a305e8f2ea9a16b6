//! Pickers: a field that takes a company, person, room, machine, course or
//! cohort offers, as you type part of a name, a BRN, a code or the 초성, the
//! rows the one search key finds; ↑↓ choose and Enter puts the code in the
//! field. Nobody has to know `P-0042` or a BRN by heart.

use crate::db::company::{self, CompanyFilter};
use crate::db::party::{self, PartyFilter};
use crate::db::person::{self, PersonFilter};
use crate::db::project::{self, ProjectFilter};
use crate::db::{Page, Store, equipment, room, training};
use crate::domain::{Field, search};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::form::Form;

/// How many rows a picker offers.
const OFFERED: u32 = 6;

/// True for the fields a picker serves.
pub fn is_picked(field: Field) -> bool {
    matches!(
        field,
        Field::Company
            | Field::Person
            | Field::Party
            | Field::Payer
            | Field::Project
            | Field::Room
            | Field::Equipment
            | Field::Course
            | Field::Cohort
    )
}

/// Offers the rows the focused field's text finds, or none (not a picker
/// field, nothing typed, or exactly the one code already there).
pub fn lookup(form: &mut Form, store: &Store, lang: Lang) {
    let found = form.fields.get(form.focus).filter(|f| is_picked(f.field)).and_then(|f| {
        let typed = f.looked_up();
        if typed.is_empty() {
            return None;
        }
        let offered = candidates(store, f.field, typed, lang).ok()?;
        // The code is there already: nothing left to choose.
        if offered.len() == 1 && offered[0].0.eq_ignore_ascii_case(typed) {
            return None;
        }
        Some(offered)
    });
    form.picks = found.unwrap_or_default();
    form.pick = 0;
}

/// `(code, what the row shows)` for a field's typed text.
fn candidates(store: &Store, field: Field, typed: &str, lang: Lang) -> Result<Vec<(String, String)>> {
    let page = Page::new(0, OFFERED);
    let some = Some(typed.to_owned());
    Ok(match field {
        Field::Company => company::list(store, &CompanyFilter { search: some, ..CompanyFilter::default() }, page)?
            .into_iter()
            .map(|c| (c.brn.to_string(), format!("{} · {}", c.name, c.brn)))
            .collect(),
        Field::Person => person::list(store, &PersonFilter { search: some, ..PersonFilter::default() }, page)?
            .into_iter()
            .map(|p| {
                let at = p.company_name.map(|c| format!(" · {c}")).unwrap_or_default();
                (p.code.clone(), format!("{} · {}{at}", p.name, p.code))
            })
            .collect(),
        Field::Party | Field::Payer => {
            party::list(store, &PartyFilter { search: some, ..PartyFilter::default() }, page)?
                .into_iter()
                .map(|p| {
                    let brn = p.brn.map(|b| format!(" · {b}")).unwrap_or_default();
                    (p.code.clone(), format!("{} · {}{brn}", p.name, p.code))
                })
                .collect()
        }
        Field::Project => project::list(store, &ProjectFilter { search: some, ..ProjectFilter::default() })?
            .into_iter()
            .take(OFFERED as usize)
            .map(|p| (p.code.clone(), format!("{} · {} · {}", p.name, p.code, p.party_name)))
            .collect(),
        Field::Equipment => equipment::list_matching(store, typed, page)?
            .into_iter()
            .map(|e| (e.code.clone(), format!("{} · {}", e.code, e.name)))
            .collect(),
        Field::Room => room::list(store, Page::ALL_FOR_CLI)?
            .into_iter()
            .filter(|r| search::matches(&search::key(&[&r.code]), typed))
            .take(OFFERED as usize)
            .map(|r| (r.code.clone(), format!("{} · {}", r.code, fill(Msg::FloorName.text(lang), &[&r.floor]))))
            .collect(),
        Field::Course => training::courses(store)?
            .into_iter()
            .filter(|c| search::matches(&search::course(&c.code, &c.title), typed))
            .take(OFFERED as usize)
            .map(|c| (c.code.clone(), format!("{} · {}", c.code, c.title)))
            .collect(),
        Field::Cohort => training::cohort_page(store, typed, page)?
            .into_iter()
            .map(|h| (h.reference(), format!("{} · {}", h.reference(), h.course_title)))
            .collect(),
        _ => Vec::new(),
    })
}
