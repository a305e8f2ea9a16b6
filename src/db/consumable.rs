//! Consumables (소모품): the catalogue, and what a use of a machine took.
//! A use records the catalogue's price of the day; a completed booking's
//! charge is priced again with it (the use at its recorded rate, the
//! consumables never discounted), so the month's sums and statements follow
//! — an issued month by a correction line, as for any later change.

use super::Store;
use super::booking::{self, Booking, priced};
use super::write::json;
use crate::domain::booking::BookingState;
use crate::domain::consumable::{ConsumableInput, quantity};
use crate::domain::money::required_won;
use crate::domain::party::class_code;
use crate::domain::{Capability, Field, ForField, Invalid, Problem};
use crate::error::{Refusal, Result};
use crate::store::Guard;
use crate::store::sql::consumable as sql;

pub use crate::store::sql::consumable::Consumable;

pub fn list(store: &Store, search: Option<&str>) -> Result<Vec<Consumable>> {
    let q = search.and_then(crate::domain::search::query);
    sql::list(store.sql(), q.as_deref())
}

fn find(db: crate::store::Sql<'_>, raw: &str) -> Result<Consumable> {
    let code = class_code(raw).field(Field::Consumable, raw)?;
    sql::by_code(db, &code)?.ok_or_else(|| Invalid::new(Field::Consumable, raw, Problem::NotFound).into())
}

/// Adds a consumable to the catalogue (admins).
pub fn add(store: &mut Store, input: &ConsumableInput) -> Result<Consumable> {
    let new = input.validate()?;
    store.write(Capability::Billing, |w| {
        let duplicate = || Refusal::Duplicate { field: Field::Consumable, value: new.code.clone() };
        if sql::by_code(w.sql(), &new.code)?.is_some() {
            return Err(duplicate().into());
        }
        let id = sql::insert(w.sql(), &new.code, &new.name, &new.unit, new.unit_price)
            .map_err(|e| if e.guard() == Some(Guard::Unique) { duplicate().into() } else { e })?;
        super::search::refresh(w.sql(), super::search::Table::Consumable, id)?;
        let c = find(w.sql(), &new.code)?;
        w.audit("consumable", &c.code, "add", None, Some(json(&c)))?;
        Ok(c)
    })
}

/// Sets a consumable's unit price from now on (admins); uses already
/// recorded keep theirs.
pub fn set_price(store: &mut Store, code: &str, price: &str) -> Result<Consumable> {
    let price = required_won(price, Field::UnitPrice)?;
    store.write(Capability::Billing, |w| {
        let before = find(w.sql(), code)?;
        if sql::set_price(w.sql(), &before.code, price)? {
            let after = find(w.sql(), code)?;
            w.audit("consumable", &before.code, "set-price", Some(json(&before)), Some(json(&after)))?;
            return Ok(after);
        }
        Ok(before)
    })
}

/// Records that a booking in use or completed took `qty` of a consumable
/// (equipment managers and admins); a completed one is priced again.
pub fn consume(store: &mut Store, id: &str, item: &str, qty: &str) -> Result<Booking> {
    let quantity = quantity(qty)?;
    let n =
        id.trim().parse::<i64>().map_err(|_| Invalid::new(Field::Booking, id, Problem::Format { example: "1234" }))?;
    store.write(Capability::ManageBookings, |w| {
        let before = booking::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        if !matches!(before.state, BookingState::InUse | BookingState::Completed) {
            return Err(Refusal::NotCorrectable { booking: before.id, state: before.state }.into());
        }
        let c = find(w.sql(), item)?;
        sql::record_use(w.sql(), before.id, c.id, quantity, c.unit_price, w.now(), w.who())?;
        let recorded =
            booking::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        priced::reprice(w.sql(), &recorded)?;
        let after = booking::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        let mut record = json(&after);
        record["consumed"] = serde_json::json!({ "item": c.code, "quantity": quantity, "unit_price": c.unit_price });
        w.audit("booking", &before.id.to_string(), "consume", Some(json(&before)), Some(record))?;
        Ok(after)
    })
}

/// What a booking took, at the prices recorded.
pub fn of_booking(store: &Store, id: i64) -> Result<Vec<crate::domain::pricing::ConsumableUse>> {
    sql::of_booking(store.sql(), id)
}

/// Sets a machine's operator rate per hour of staff time from now on
/// (admins); uses already assisted keep the rate they recorded.
pub fn set_operator_rate(store: &mut Store, equipment: &str, rate: &str) -> Result<crate::domain::Won> {
    let rate = required_won(rate, Field::OperatorRate)?;
    store.write(Capability::Billing, |w| {
        let eq = crate::db::equipment::by_code(w.sql(), equipment)?;
        let before = sql::operator_rate(w.sql(), eq.id)?;
        if sql::set_operator_rate(w.sql(), eq.id, rate)? {
            let of = |r: crate::domain::Won| serde_json::json!({ "equipment": eq.code, "operator_rate": r });
            w.audit("equipment", &eq.code, "set-operator-rate", Some(of(before)), Some(of(rate)))?;
        }
        Ok(rate)
    })
}

/// A machine's operator rate per hour of staff time (0: none set).
pub fn operator_rate(store: &Store, equipment: &str) -> Result<crate::domain::Won> {
    let eq = crate::db::equipment::show(store, equipment)?;
    sql::operator_rate(store.sql(), eq.id)
}

/// Records how many minutes of a use in progress or completed the centre's
/// staff assisted (equipment managers and admins), at the machine's
/// operator rate of the day; a completed booking is priced again. Given
/// again, it replaces the minutes (the rate recorded first stays).
pub fn assist(store: &mut Store, id: &str, minutes: &str) -> Result<Booking> {
    let mins = minutes
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (0..=crate::domain::booking::LONGEST_MINUTES).contains(m))
        .ok_or_else(|| {
            let max = crate::domain::booking::LONGEST_MINUTES;
            Invalid::new(Field::AssistedMinutes, minutes, Problem::OutOfRange { min: 0, max })
        })?;
    let n =
        id.trim().parse::<i64>().map_err(|_| Invalid::new(Field::Booking, id, Problem::Format { example: "1234" }))?;
    store.write(Capability::ManageBookings, |w| {
        let before = booking::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        if !matches!(before.state, BookingState::InUse | BookingState::Completed) {
            return Err(Refusal::NotCorrectable { booking: before.id, state: before.state }.into());
        }
        let rate = if let Some(r) = before.operator_rate {
            r
        } else {
            let eq = crate::db::equipment::by_code(w.sql(), &before.equipment)?;
            sql::operator_rate(w.sql(), eq.id)?
        };
        sql::set_assisted(w.sql(), before.id, mins, rate)?;
        let recorded =
            booking::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        priced::reprice(w.sql(), &recorded)?;
        let after = booking::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        w.audit("booking", &before.id.to_string(), "assist", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}
