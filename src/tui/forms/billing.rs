//! The forms of screen 2's billing parties: a party's rate class, and a
//! class's centre-wide discount. Both are the CLI's use cases
//! (`kiln party class`, `kiln rate-class set`), refusing what they refuse.

use super::text;
use crate::db::Store;
use crate::db::party::{self, Party};
use crate::db::rate_class::{self, ClassChange, RateClass};
use crate::domain::Field;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::app::Tone;
use crate::tui::form::{BillingForm, Form};

/// The classes as the hint lists them: `tenant, sme, …`.
fn codes(classes: &[RateClass]) -> String {
    classes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>().join(", ")
}

/// The classes as the form's note names them: `tenant 입주기업 · sme 중소기업 …`.
fn named(classes: &[RateClass], lang: Lang) -> String {
    classes.iter().map(|c| format!("{} {}", c.code, lang.pick(&c.name_ko, &c.name_en))).collect::<Vec<_>>().join(" · ")
}

/// Sets `p`'s class (empty: by rule), the classes named under the field.
pub fn party_class_form(p: &Party, classes: &[RateClass], lang: Lang) -> Form {
    let fields =
        vec![text(Field::RateClass, p.class.as_deref().unwrap_or_default(), Msg::FormClassHint.text(lang), lang)];
    let title = format!("{} · {} {}", Msg::FormPartyClass.text(lang), p.code, p.name);
    let mut form = Form::new(BillingForm::PartyClass { party: p.code.clone() }, title, fields);
    form.note = Some((named(classes, lang), Tone::Info));
    form
}

/// A class's discount, opening on `class` (the selected party's) with its
/// discount as it stands.
pub fn class_discount_form(classes: &[RateClass], class: Option<&str>, lang: Lang) -> Form {
    let chosen = class.and_then(|c| classes.iter().find(|k| k.code == c)).or(classes.first());
    // As typed: `30`, `12.5`.
    let typed = |bp: i64| {
        let whole = format!("{}.{:02}", bp / 100, bp % 100);
        whole.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    let discount = chosen.map(|c| typed(c.discount)).unwrap_or_default();
    let fields = vec![
        text(Field::RateClass, chosen.map_or("", |c| c.code.as_str()), &codes(classes), lang),
        text(Field::Discount, &discount, "30", lang),
    ];
    let mut form = Form::new(BillingForm::ClassDiscount, Msg::FormClassDiscount.text(lang).to_owned(), fields);
    form.note = Some((named(classes, lang), Tone::Info));
    form
}

pub(super) fn submit(form: &Form, kind: &BillingForm, store: &mut Store, lang: Lang) -> Result<String> {
    match kind {
        BillingForm::PartyClass { party } => {
            let p = party::set_class(store, party, &form.value(Field::RateClass))?;
            let class = party::billing(store, &p.code)?;
            let name = lang.pick(&class.class_name.0, &class.class_name.1).to_owned();
            Ok(fill(Msg::SavedPartyClass.text(lang), &[&p.code, &p.name, &name]))
        }
        BillingForm::ClassDiscount => {
            let change = ClassChange { discount: Some(form.value(Field::Discount)), ..ClassChange::default() };
            let c = rate_class::set(store, &form.value(Field::RateClass), &change)?;
            Ok(fill(Msg::SavedClassDiscount.text(lang), &[&c.code, &rate_class::discount_text(c.discount)]))
        }
        BillingForm::Programme => super::vouchers::submit_programme(form, store, lang),
        BillingForm::Grant => super::vouchers::submit_grant(form, store, lang),
        BillingForm::Confirm { month } => super::documents::submit_confirm(form, month, store, lang),
        BillingForm::ConfirmCorrection { month } => super::documents::submit_correction(form, month, store, lang),
    }
}
