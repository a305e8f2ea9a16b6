//! The forms of the people tab: a new person, and correcting one.

use super::text;
use crate::db::Store;
use crate::db::person::{self, Person};
use crate::domain::Field;
use crate::domain::person::PersonInput;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::form::{Form, PeopleForm};

/// A new person (`None`) or the one to correct, as it stands.
pub fn person_form(p: Option<&Person>, lang: Lang) -> Form {
    let v = |f: fn(&Person) -> Option<String>| p.and_then(f).unwrap_or_default();
    let fields = vec![
        text(Field::Name, &v(|p| Some(p.name.clone())), "김민수", lang),
        text(Field::Company, &v(|p| p.company_brn.clone()), Msg::FormCompanyHint.text(lang), lang),
        text(Field::Phone, &v(|p| p.phone.clone()), "010-1234-5678", lang),
        text(Field::Email, &v(|p| p.email.clone()), "name@example.kr", lang),
    ];
    match p {
        Some(p) => Form::new(
            PeopleForm::EditPerson { code: p.code.clone() },
            format!("{} · {} {}", Msg::FormEditPerson.text(lang), p.code, p.name),
            fields,
        ),
        None => Form::new(PeopleForm::NewPerson, Msg::FormNewPerson.text(lang).to_owned(), fields),
    }
}

pub(super) fn submit(form: &Form, kind: &PeopleForm, store: &mut Store, lang: Lang) -> Result<String> {
    let input = || PersonInput {
        name: form.value(Field::Name),
        company: form.value(Field::Company),
        phone: form.value(Field::Phone),
        email: form.value(Field::Email),
    };
    let saved = |p: Person| fill(Msg::SavedPerson.text(lang), &[&p.code, &p.name]);
    match kind {
        PeopleForm::NewPerson => person::add(store, &input()).map(saved),
        PeopleForm::EditPerson { code } => person::edit(store, code, &input()).map(saved),
    }
}
