//! Rate classes (이용자 구분): the classes parties are priced by, each with
//! a centre-wide discount. The eight of the glossary come with the schema,
//! discounting nothing until an admin sets them; admins add more.

use super::write::json;
use super::{Store, Write};
use crate::domain::party::{ClassInput, MachinePrice, class_code, machine_price};
use crate::domain::{Capability, Field, ForField, Invalid, Percent, Problem, Won};
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

/// What a class pays on one machine, as a booking of that class is priced.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MachineRate {
    pub class: String,
    pub name_ko: String,
    pub name_en: String,
    /// Per hour or sample, after every discount.
    pub rate: Won,
    /// The machine's own price for the class, if it has one: a rate, or a
    /// discount off its external rate in basis points.
    pub own_rate: Option<Won>,
    pub own_discount: Option<i64>,
    /// The class's centre-wide discount, in basis points.
    pub class_discount: i64,
}

/// Every class's rate on a machine (`EQ-0001`).
pub fn on_machine(store: &Store, equipment: &str) -> Result<Vec<MachineRate>> {
    let eq = crate::db::equipment::show(store, equipment)?;
    rates(store.sql(), &eq)
}

fn rates(db: crate::store::Sql<'_>, eq: &crate::db::equipment::Equipment) -> Result<Vec<MachineRate>> {
    sql::classes_on_machine(db, eq.id)?
        .into_iter()
        .map(|(c, own_rate, own_discount)| {
            let rate = crate::db::booking::priced::rate_on(eq, &c.code, c.discount, own_rate, own_discount)?;
            Ok(MachineRate {
                class: c.code,
                name_ko: c.name_ko,
                name_en: c.name_en,
                rate,
                own_rate,
                own_discount,
                class_discount: c.discount,
            })
        })
        .collect()
}

/// Sets a machine's own price for a class (admins): a rate, or a discount
/// off its external rate; neither removes it, so the class's centre-wide
/// discount applies again. Bookings already priced keep their prices.
pub fn set_on_machine(
    store: &mut Store,
    class: &str,
    equipment: &str,
    rate: &str,
    discount: &str,
) -> Result<Vec<MachineRate>> {
    let code = class_code(class).field(Field::RateClass, class)?;
    let price = machine_price(rate, discount)?;
    store.write(Capability::Billing, |w| {
        let eq = crate::db::equipment::by_code(w.sql(), equipment)?;
        if sql::class_id(w.sql(), &code)?.is_none() {
            return Err(Invalid::new(Field::RateClass, class, Problem::NotFound).into());
        }
        let before = rates(w.sql(), &eq)?;
        let (r, d) = match price {
            Some(MachinePrice::Rate(r)) => (Some(r), None),
            Some(MachinePrice::Discount(d)) => (None, Some(d.bp())),
            None => (None, None),
        };
        if sql::set_on_machine(w.sql(), eq.id, &code, r, d)? {
            let after = rates(w.sql(), &eq)?;
            let of = |v: &[MachineRate]| v.iter().find(|m| m.class == code).map(json);
            w.audit("equipment_class", &format!("{} {code}", eq.code), "set", of(&before), of(&after))?;
            return Ok(after);
        }
        Ok(before)
    })
}
