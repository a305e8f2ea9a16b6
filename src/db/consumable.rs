//! Consumables (소모품): the catalogue, and what a use of a machine took.
//! A use records the catalogue's price of the day; a completed booking's
//! charge is priced again with it (the use at its recorded rate, the
//! consumables never discounted), so the month's sums and statements follow
//! — an issued month by a correction line, as for any later change.

use super::booking::{self, Booking, priced};
use super::write::json;
use super::{Store, equipment};
use crate::domain::booking::BookingState;
use crate::domain::consumable::{ConsumableInput, quantity};
use crate::domain::money::required_won;
use crate::domain::party::class_code;
use crate::domain::{Capability, Field, ForField, Invalid, Period, Problem};
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
        if let (Some(start), Some(end), Some(rate)) = (before.actual_start, before.actual_end, before.rate) {
            let eq = equipment::by_code(w.sql(), &before.equipment)?;
            let booked = Period::new(before.start, before.end).field(Field::To, &before.end.to_string())?;
            let used = Period::new(start, end).field(Field::To, &end.to_string())?;
            let samples = before.actual_samples.unwrap_or(before.samples);
            let took = sql::of_booking(w.sql(), before.id)?;
            let (_, charge) = priced::charge(&eq, rate, &booked, &used, samples, took)?;
            sql::set_charge(w.sql(), before.id, charge)?;
        }
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
