//! Rooms of the centre building.

use chrono::NaiveDate;

use super::write::json;
use super::{Page, Store, Write};
use crate::domain::room::{NewRoom, RoomInput};
use crate::domain::time::date_text;
use crate::domain::{Area, Capability, Field, ForField, Invalid, Problem};
use crate::error::{Refusal, Result};
use crate::store::sql::room as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::room::Room;

/// The floor area of the building's rooms in use.
pub fn area_in_use(store: &Store) -> Result<Area> {
    sql::area_in_use(store.sql())
}

/// The room just written, which is there.
fn written(db: Sql<'_>, code: &str) -> Result<Room> {
    sql::by_code(db, code)?.ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// Adds a room (admins only). The rooms in use never add up to more than the
/// building's 6,611.57 m².
pub fn add(store: &mut Store, input: &RoomInput) -> Result<Room> {
    let new = input.validate()?;
    store.write(Capability::ManageTenants, |w| add_in(w, &new))
}

/// [`add`] inside a transaction the caller holds, so an import can add many.
pub(crate) fn add_in(w: &mut Write<'_>, new: &NewRoom) -> Result<Room> {
    let duplicate = || Refusal::Duplicate { field: Field::RoomCode, value: new.code.clone() };
    if sql::taken(w.sql(), &new.code)? {
        return Err(duplicate().into());
    }
    let total = sql::area_in_use(w.sql())?;
    let refusal = Refusal::BuildingArea { total: total.0, adding: new.area.0, limit: Area::BUILDING.0 };
    if total.checked_add(new.area).is_none_or(|t| t > Area::BUILDING) {
        return Err(refusal.into());
    }
    sql::insert(w.sql(), new).map_err(|e| match e.guard() {
        Some(Guard::BuildingArea) => refusal.clone().into(),
        Some(Guard::Unique) => duplicate().into(),
        _ => e,
    })?;
    let room = written(w.sql(), &new.code)?;
    w.audit("room", &room.code, "add", None, Some(json(&room)))?;
    Ok(room)
}

pub fn list(store: &Store, page: Page) -> Result<Vec<Room>> {
    sql::list(store.sql(), page.limit, page.offset)
}

/// Retires a room from `on` (admins only): it takes no new leases, and its
/// history stays. Refused while a lease runs past that day.
pub fn retire(store: &mut Store, code: &str, on: &str) -> Result<Room> {
    let on_date = crate::domain::time::parse_date(on).field(Field::Date, on)?;
    store.write(Capability::ManageTenants, |w| retire_in(w, code, on_date))
}

/// [`retire`] inside a transaction the caller holds.
pub(crate) fn retire_in(w: &mut Write<'_>, code: &str, on_date: NaiveDate) -> Result<Room> {
    let before =
        sql::by_code(w.sql(), code.trim())?.ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound))?;
    if before.retired_on.is_some() {
        return Err(Refusal::RoomRetired { room: before.code.clone() }.into());
    }
    if let Some((company, last_day)) = sql::leased_past(w.sql(), &before.code, on_date)? {
        return Err(Refusal::RoomLeased { room: before.code.clone(), company, last_day: date_text(last_day) }.into());
    }
    sql::retire(w.sql(), &before.code, on_date)?;
    let after = written(w.sql(), &before.code)?;
    w.audit("room", &after.code, "retire", Some(json(&before)), Some(json(&after)))?;
    Ok(after)
}

pub fn show(store: &Store, code: &str) -> Result<Room> {
    sql::by_code(store.sql(), code.trim())?.ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// The floors that have rooms, lowest first.
pub fn floors(store: &Store) -> Result<Vec<i64>> {
    sql::floors(store.sql())
}
