//! The forms of screen 6's voucher report: a new programme (`n`) and a
//! grant of one to a party for a year (`g`). Both are the CLI's use cases
//! (`kiln voucher programme add`, `kiln voucher grant add`), refusing what
//! they refuse — a cap of 0, a programme that ends before it starts.

use super::text;
use crate::db::Store;
use crate::db::rate_class::{self, RateClass};
use crate::db::voucher::{self, Programme};
use crate::domain::Field;
use crate::domain::money::group;
use crate::domain::voucher::{GrantInput, ProgrammeInput};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::app::Tone;
use crate::tui::form::{BillingForm, Form};

/// A new programme. The machines and classes are lists (`EQ-0001, EQ-0002`);
/// left empty, the programme covers every machine or every class.
pub fn programme_form(classes: &[RateClass], year: i32, lang: Lang) -> Form {
    let fields = vec![
        text(Field::ProgrammeName, "", "연구장비 공동이용 지원사업", lang),
        text(Field::Funder, "", "과학기술정보통신부", lang),
        text(Field::Payer, "", Msg::FormPayerHint.text(lang), lang),
        text(Field::SupportShare, "", "70", lang),
        text(Field::Cap, "", "30,000,000", lang),
        text(Field::From, &format!("{year}-01-01"), "YYYY-MM-DD", lang),
        text(Field::LastDay, &format!("{year}-12-31"), "YYYY-MM-DD", lang),
        text(Field::Equipment, "", Msg::FormEveryMachineHint.text(lang), lang).many(),
        text(Field::RateClass, "", Msg::FormEveryClassHint.text(lang), lang),
    ];
    let mut form = Form::new(BillingForm::Programme, Msg::FormProgramme.text(lang).to_owned(), fields);
    let named = classes.iter().map(|c| format!("{} {}", c.code, lang.pick(&c.name_ko, &c.name_en)));
    form.note = Some((named.collect::<Vec<_>>().join(" · "), Tone::Info));
    form
}

/// A grant of `chosen` (the selected grant's programme, or the first) to a
/// party for `year`. The programmes are named under the form.
pub fn grant_form(programmes: &[Programme], chosen: Option<&str>, year: i32, lang: Lang) -> Form {
    let chosen = chosen.and_then(|c| programmes.iter().find(|p| p.code == c)).or(programmes.first());
    let cap = chosen.map(|p| fill(Msg::FormGrantCapHint.text(lang), &[&group(i128::from(p.cap.0))]));
    let fields = vec![
        text(Field::Programme, chosen.map_or("", |p| p.code.as_str()), "VP-0001", lang),
        text(Field::Party, "", Msg::FormGrantPartyHint.text(lang), lang),
        text(Field::Year, &year.to_string(), "2026", lang),
        text(Field::Cap, "", cap.as_deref().unwrap_or_default(), lang),
    ];
    let mut form = Form::new(BillingForm::Grant, Msg::FormGrant.text(lang).to_owned(), fields);
    let named =
        programmes.iter().map(|p| format!("{} {} ({}, {})", p.code, p.name, p.share, group(i128::from(p.cap.0))));
    let note = named.collect::<Vec<_>>().join(" · ");
    form.note =
        Some(if note.is_empty() { (Msg::NoProgrammes.text(lang).to_owned(), Tone::Error) } else { (note, Tone::Info) });
    form
}

/// Opens the programme form with the classes listed.
pub fn new_programme(store: &Store, year: i32, lang: Lang) -> Result<Form> {
    Ok(programme_form(&rate_class::list(store)?, year, lang))
}

/// Opens the grant form on the programmes there are.
pub fn new_grant(store: &Store, chosen: Option<&str>, year: i32, lang: Lang) -> Result<Form> {
    Ok(grant_form(&voucher::list(store, None)?, chosen, year, lang))
}

pub(super) fn submit_programme(form: &Form, store: &mut Store, lang: Lang) -> Result<String> {
    let input = ProgrammeInput {
        name: form.value(Field::ProgrammeName),
        funder: form.value(Field::Funder),
        payer: form.value(Field::Payer),
        share: form.value(Field::SupportShare),
        cap: form.value(Field::Cap),
        from: form.value(Field::From),
        last_day: form.value(Field::LastDay),
        machines: vec![form.value(Field::Equipment)],
        classes: vec![form.value(Field::RateClass)],
    };
    let p = voucher::add(store, &input)?;
    Ok(fill(Msg::SavedProgramme.text(lang), &[&p.code, &p.name]))
}

pub(super) fn submit_grant(form: &Form, store: &mut Store, lang: Lang) -> Result<String> {
    let input = GrantInput {
        programme: form.value(Field::Programme),
        party: form.value(Field::Party),
        year: form.value(Field::Year),
        cap: form.value(Field::Cap),
    };
    let g = voucher::grant(store, &input)?;
    Ok(fill(Msg::SavedGrant.text(lang), &[&g.programme, &g.party_name, &g.year, &group(i128::from(g.cap.0))]))
}
