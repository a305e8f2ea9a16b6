//! Rate classes (이용자 구분): the classes parties are priced by, each with
//! a centre-wide discount. The eight of the glossary come with the schema,
//! discounting nothing until an admin sets them; admins add more.

use super::write::json;
use super::{Store, Write};
use crate::domain::party::{ClassInput, class_code};
use crate::domain::{Capability, Field, ForField, Invalid, Percent, Problem};
use crate::error::{Refusal, Result};
use crate::store::Guard;
use crate::store::sql::party as sql;

pub use crate::store::sql::party::RateClass;

/// A change to a class: `None` keeps what is there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassChange {
    pub name_ko: Option<String>,
    pub name_en: Option<String>,
    pub discount: Option<String>,
}

pub fn list(store: &Store) -> Result<Vec<RateClass>> {
    sql::classes(store.sql())
}

/// `12.5 %` for 1250 basis points.
pub fn discount_text(bp: i64) -> String {
    Percent::from_bp(bp).map_or_else(|_| format!("{bp} bp"), |p| p.to_string())
}

fn written(w: &Write<'_>, code: &str) -> Result<RateClass> {
    sql::class_by_code(w.sql(), code)?.ok_or_else(|| Invalid::new(Field::RateClass, code, Problem::NotFound).into())
}

/// Adds a class (admins); its code must be new.
pub fn add(store: &mut Store, input: &ClassInput) -> Result<RateClass> {
    let new = input.validate()?;
    store.write(Capability::Billing, |w| {
        let duplicate = || Refusal::Duplicate { field: Field::RateClass, value: new.code.clone() };
        if sql::class_id(w.sql(), &new.code)?.is_some() {
            return Err(duplicate().into());
        }
        let row = RateClass {
            code: new.code.clone(),
            name_ko: new.name_ko.clone(),
            name_en: new.name_en.clone(),
            discount: new.discount.bp(),
            parties: 0,
        };
        sql::insert_class(w.sql(), &row)
            .map_err(|e| if e.guard() == Some(Guard::Unique) { duplicate().into() } else { e })?;
        let class = written(w, &new.code)?;
        w.audit("rate_class", &class.code, "add", None, Some(json(&class)))?;
        Ok(class)
    })
}

/// Changes a class's names or discount (admins). Bookings already priced
/// keep the prices recorded on them.
pub fn set(store: &mut Store, code: &str, change: &ClassChange) -> Result<RateClass> {
    let code = class_code(code).field(Field::RateClass, code)?;
    store.write(Capability::Billing, |w| {
        let before = written(w, &code)?;
        let input = ClassInput {
            code: code.clone(),
            name_ko: change.name_ko.clone().unwrap_or_else(|| before.name_ko.clone()),
            name_en: change.name_en.clone().unwrap_or_else(|| before.name_en.clone()),
            discount: match &change.discount {
                Some(d) if d.trim().is_empty() => return Err(Invalid::new(Field::Discount, d, Problem::Empty).into()),
                Some(d) => d.clone(),
                None => discount_text(before.discount),
            },
        };
        let new = input.validate()?;
        let row =
            RateClass { discount: new.discount.bp(), name_ko: new.name_ko, name_en: new.name_en, ..before.clone() };
        if sql::update_class(w.sql(), &row)? {
            let after = written(w, &code)?;
            w.audit("rate_class", &code, "set", Some(json(&before)), Some(json(&after)))?;
            return Ok(after);
        }
        Ok(before)
    })
}
