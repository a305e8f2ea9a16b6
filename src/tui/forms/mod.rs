//! The forms of the screens: how each is laid out, what saving it does (the
//! same use cases as the CLI), and the live feedback while typing.

mod billing;
mod documents;
mod equipment;
mod people;
pub mod picker;
mod reports;
mod tenants;
mod training;
mod vouchers;

use crate::db::Store;
use crate::domain::Field;
use crate::error::{Error, Result};
use crate::i18n::{Lang, labels};
use crate::tui::form::{Form, FormField, FormKind};

pub use billing::{class_discount_form, party_class_form};
pub use documents::{confirm_form, correction_form};
pub use equipment::{
    booking_form, cancel_form, check_out_form, downtime_form, new_equipment, reject_form, walk_in_form,
};
pub use people::person_form;
pub use reports::{backup_form, default_backup, issue_form, settings_form, supplier_form};
pub use tenants::{edit_company, end_lease, leave_company, new_company, new_lease, new_room, yearly_report};
pub use training::{cancel_enrolment_form, complete_form, enrol_form, new_cohort, revoke_form, session_form};
pub use vouchers::{grant_form, new_grant, new_programme, programme_form};

pub(super) fn label(f: Field, lang: Lang) -> String {
    let l = labels::field(f, lang);
    let mut c = l.chars();
    c.next().map_or_else(String::new, |first| first.to_uppercase().chain(c).collect())
}

pub(super) fn text(f: Field, value: &str, hint: &str, lang: Lang) -> FormField {
    FormField::text(f, &label(f, lang), value, hint)
}

/// Saves the form through its use case; returns what to tell the user.
/// Each family saves all of its own kinds (see [`FormKind`]).
pub fn submit(form: &Form, store: &mut Store, lang: Lang) -> Result<String> {
    match &form.kind {
        FormKind::Tenant(kind) => tenants::submit(form, kind, store, lang),
        FormKind::Equipment(kind) => equipment::submit(form, kind, store, lang),
        FormKind::Training(kind) => training::submit(form, kind, store, lang),
        FormKind::Reports(kind) => reports::submit(form, kind, store, lang),
        FormKind::People(kind) => people::submit(form, kind, store, lang),
        FormKind::Billing(kind) => billing::submit(form, kind, store, lang),
    }
}

/// Saves the form and reports a refusal on the form itself: beside its field
/// when it is about one, under the form otherwise. True when saved.
pub fn save(form: &mut Form, store: &mut Store, lang: Lang) -> Option<String> {
    match submit(form, store, lang) {
        Ok(msg) => Some(msg),
        Err(e) => {
            let field = match &e {
                // The lease form's last day stands for the lease's `to`.
                Error::Invalid(i) if i.field == Field::To && !form.fields.iter().any(|f| f.field == Field::To) => {
                    Some(Field::LastDay)
                }
                Error::Invalid(i) => Some(i.field),
                // A taken BRN or code is fixed in its own field.
                Error::Refused(crate::error::Refusal::Duplicate { field, .. }) => Some(*field),
                _ => None,
            };
            form.refuse(field, e.on_screen(lang));
            None
        }
    }
}

/// Live feedback while typing: the picker's offer for the focused field,
/// and the form's own checks.
pub fn check(form: &mut Form, store: &Store, lang: Lang) {
    picker::lookup(form, store, lang);
    feedback(form, store, lang);
}

/// The form's own checks (only some forms have any): a clash, a free room.
pub fn feedback(form: &mut Form, store: &Store, lang: Lang) {
    match &form.kind {
        FormKind::Tenant(_) => tenants::check(form, store, lang),
        FormKind::Equipment(_) => equipment::check(form, store, lang),
        FormKind::Training(_) | FormKind::Reports(_) | FormKind::People(_) | FormKind::Billing(_) => {}
    }
}
