//! The centre's shared machines and their booking rules.

use super::write::json;
use super::{Page, Store, Write};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::equipment::{EquipmentInput, NewEquipment};
use crate::domain::{Capability, Field, ForField, Invalid, Problem};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::equipment as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::equipment::Equipment;

pub(crate) fn by_code(db: Sql<'_>, raw: &str) -> Result<Equipment> {
    let n = parse_numbered("EQ", raw, "EQ-0001").field(Field::Equipment, raw)?;
    sql::by_code(db, &numbered("EQ", n))?.ok_or_else(|| Invalid::new(Field::Equipment, raw, Problem::NotFound).into())
}

pub(crate) fn by_id(db: Sql<'_>, id: i64) -> Result<Equipment> {
    sql::by_id(db, id)
}

pub fn show(store: &Store, code: &str) -> Result<Equipment> {
    by_code(store.sql(), code)
}

fn room_id(db: Sql<'_>, code: Option<&str>) -> Result<Option<i64>> {
    let Some(code) = code else { return Ok(None) };
    crate::store::sql::room::id(db, code)?
        .map(Some)
        .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// Registers a machine (admins and equipment managers).
pub fn add(store: &mut Store, input: &EquipmentInput) -> Result<Equipment> {
    let new = input.validate()?;
    store.write(Capability::ManageEquipment, |w| add_in(w, &new))
}

/// [`add`] inside a transaction the caller holds, so an import can add many.
pub(crate) fn add_in(w: &mut Write<'_>, new: &NewEquipment) -> Result<Equipment> {
    let code = numbered("EQ", new.code);
    let room = room_id(w.sql(), new.room.as_deref())?;
    if let Some(manager) = &new.manager {
        super::operator::registered(w.sql(), manager, Field::User)?;
    }
    sql::insert(w.sql(), &code, new, room, w.now()).map_err(|e| {
        if e.guard() == Some(Guard::Unique) {
            Refusal::Duplicate { field: Field::Equipment, value: code.clone() }.into()
        } else {
            e
        }
    })?;
    let e = by_code(w.sql(), &code)?;
    super::search::refresh(w.sql(), super::search::Table::Equipment, e.id)?;
    w.audit("equipment", &e.code, "add", None, Some(json(&e)))?;
    Ok(e)
}

/// Changes a machine's details or rules; fields left empty keep their value.
/// Existing bookings stay as they are; the new rules apply to new bookings.
pub fn edit(store: &mut Store, code: &str, changes: &EquipmentInput) -> Result<Equipment> {
    if *changes == (EquipmentInput { code: changes.code.clone(), ..EquipmentInput::default() }) {
        return Err(Error::NothingToChange);
    }
    store.write(Capability::ManageEquipment, |w| {
        let before = by_code(w.sql(), code)?;
        let keep = |new: &str, old: String| if new.trim().is_empty() { old } else { new.to_owned() };
        let b = &before.rules;
        let yn = |v: bool| if v { "yes".to_owned() } else { "no".to_owned() };
        let merged = EquipmentInput {
            code: before.code.clone(),
            name: keep(&changes.name, before.name.clone()),
            model: keep(&changes.model, before.model.clone()),
            category: keep(&changes.category, before.category.code().into()),
            room: keep(&changes.room, before.room.clone().unwrap_or_default()),
            manager: keep(&changes.manager, before.manager.clone().unwrap_or_default()),
            billing_unit: keep(&changes.billing_unit, before.billing_unit.code().into()),
            tenant_rate: keep(&changes.tenant_rate, before.tenant_rate.0.to_string()),
            external_rate: keep(&changes.external_rate, before.external_rate.0.to_string()),
            slot_minutes: keep(&changes.slot_minutes, b.slot_minutes.to_string()),
            min_minutes: keep(&changes.min_minutes, b.min_minutes.to_string()),
            max_minutes: keep(&changes.max_minutes, b.max_minutes.to_string()),
            notice_minutes: keep(&changes.notice_minutes, b.notice_minutes.to_string()),
            horizon_days: keep(&changes.horizon_days, b.horizon_days.to_string()),
            buffer_minutes: keep(&changes.buffer_minutes, b.buffer_minutes.to_string()),
            hours: keep(&changes.hours, b.hours.to_string()),
            holidays_bookable: keep(&changes.holidays_bookable, yn(b.holidays_bookable)),
            needs_approval: keep(&changes.needs_approval, yn(b.needs_approval)),
        };
        let new = merged.validate()?;
        let room = room_id(w.sql(), new.room.as_deref())?;
        // Only a manager being changed is checked: one recorded before
        // managers had to be registered must not block other corrections.
        if !changes.manager.trim().is_empty()
            && let Some(manager) = &new.manager
        {
            super::operator::registered(w.sql(), manager, Field::User)?;
        }
        sql::update(w.sql(), before.id, &new, room)?;
        let after = by_id(w.sql(), before.id)?;
        if after != before {
            super::search::refresh(w.sql(), super::search::Table::Equipment, before.id)?;
            w.audit("equipment", &after.code, "edit", Some(json(&before)), Some(json(&after)))?;
        }
        Ok(after)
    })
}

/// Retires a machine: no new bookings; its history stays. Refused while it
/// has active bookings from now on.
pub fn retire(store: &mut Store, code: &str) -> Result<Equipment> {
    store.write(Capability::ManageEquipment, |w| {
        let before = by_code(w.sql(), code)?;
        let pending = sql::pending_bookings(w.sql(), before.id, w.now())?;
        if pending > 0 {
            return Err(Refusal::EquipmentBooked { equipment: before.code.clone(), bookings: pending }.into());
        }
        sql::retire(w.sql(), before.id)?;
        let after = by_id(w.sql(), before.id)?;
        w.audit("equipment", &after.code, "retire", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

pub fn list(store: &Store, page: Page) -> Result<Vec<Equipment>> {
    sql::list(store.sql(), page.limit, page.offset)
}

pub fn count(store: &Store) -> Result<i64> {
    sql::count(store.sql())
}

/// The machines whose code, name or model (or their 초성) hold `search`.
pub fn list_matching(store: &Store, search: &str, page: Page) -> Result<Vec<Equipment>> {
    let Some(q) = crate::domain::search::query(search) else { return list(store, page) };
    sql::list_matching(store.sql(), &q, page.limit, page.offset)
}

pub fn count_matching(store: &Store, search: &str) -> Result<i64> {
    let Some(q) = crate::domain::search::query(search) else { return count(store) };
    sql::count_matching(store.sql(), &q)
}

/// The next free asset number, for forms.
pub fn next_code(store: &Store) -> Result<String> {
    Ok(numbered("EQ", sql::next_number(store.sql())?))
}

/// A machine's NFEC number, which statements print on its lines (R&D money
/// may pay only for registered machines).
pub fn nfec(store: &Store, code: &str) -> Result<Option<String>> {
    let eq = by_code(store.sql(), code)?;
    sql::nfec(store.sql(), eq.id)
}

/// Sets a machine's NFEC number, or clears it with an empty one (admins
/// and equipment managers); statements issued keep what they printed.
pub fn set_nfec(store: &mut Store, code: &str, raw: &str) -> Result<Option<String>> {
    let number = crate::domain::equipment::nfec(raw)?;
    store.write(Capability::ManageEquipment, |w| {
        let eq = by_code(w.sql(), code)?;
        let before = sql::nfec(w.sql(), eq.id)?;
        if before != number {
            sql::set_nfec(w.sql(), eq.id, number.as_deref())?;
            let of = |n: &Option<String>| serde_json::json!({ "equipment": eq.code, "nfec": n });
            w.audit("equipment", &eq.code, "nfec", Some(of(&before)), Some(of(&number)))?;
        }
        Ok(number.clone())
    })
}
