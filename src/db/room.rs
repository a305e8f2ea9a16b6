//! Rooms of the centre building.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, Write, is_unique_violation, raised};
use crate::domain::room::{NewRoom, RoomInput};
use crate::domain::{Area, Capability, Field, ForField, Invalid, Problem, RoomKind, Won};
use crate::error::{Error, Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Room {
    pub code: String,
    pub floor: i64,
    pub kind: RoomKind,
    #[serde(rename = "area_m2")]
    pub area: Area,
    pub rent_per_m2: Option<Won>,
    pub retired_on: Option<String>,
}

const SELECT: &str = "SELECT code, floor, kind, area, rent_per_m2, retired_on FROM room";

fn row(r: &Row<'_>) -> rusqlite::Result<Room> {
    let kind: String = r.get(2)?;
    Ok(Room {
        code: r.get(0)?,
        floor: r.get(1)?,
        kind: RoomKind::parse(&kind).map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, "room kind".into())
        })?,
        area: Area(r.get(3)?),
        rent_per_m2: r.get::<_, Option<i64>>(4)?.map(Won),
        retired_on: r.get(5)?,
    })
}

/// The floor area of the building's rooms in use.
pub fn area_in_use(conn: &rusqlite::Connection) -> Result<Area> {
    Ok(Area(conn.query_row("SELECT coalesce(sum(area), 0) FROM room WHERE retired_on IS NULL", [], |r| r.get(0))?))
}

/// Adds a room (admins only). The rooms in use never add up to more than the
/// building's 6,611.57 m².
pub fn add(store: &mut Store, input: &RoomInput) -> Result<Room> {
    let new = input.validate()?;
    store.write(Capability::ManageTenants, |w| add_in(w, &new))
}

/// [`add`] inside a transaction the caller holds, so an import can add many.
pub(crate) fn add_in(w: &mut Write<'_>, new: &NewRoom) -> Result<Room> {
    let taken: Option<String> =
        w.conn().query_row("SELECT code FROM room WHERE code = ?1", [&new.code], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(Refusal::Duplicate { field: Field::RoomCode, value: new.code.clone() }.into());
    }
    let total = area_in_use(w.conn())?;
    let refusal = Refusal::BuildingArea { total: total.0, adding: new.area.0, limit: Area::BUILDING.0 };
    if total.checked_add(new.area).is_none_or(|t| t > Area::BUILDING) {
        return Err(refusal.into());
    }
    w.conn()
        .execute(
            "INSERT INTO room (code, floor, kind, area, rent_per_m2) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![new.code, new.floor, new.kind.code(), new.area.0, new.rent_per_m2.map(|w| w.0)],
        )
        .map_err(|e| match raised(&e) {
            Some("building_area") => refusal.clone().into(),
            _ if is_unique_violation(&e) => {
                Refusal::Duplicate { field: Field::RoomCode, value: new.code.clone() }.into()
            }
            _ => Error::from(e),
        })?;
    let room = w.conn().query_row(&format!("{SELECT} WHERE code = ?1"), [&new.code], row)?;
    w.audit("room", &room.code, "add", None, Some(json(&room)))?;
    Ok(room)
}

pub fn list(store: &Store, page: Page) -> Result<Vec<Room>> {
    let sql = format!("{SELECT} ORDER BY floor, code LIMIT ?1 OFFSET ?2");
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(params![page.limit, page.offset], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Retires a room from `on` (admins only): it takes no new leases, and its
/// history stays. Refused while a lease runs past that day.
pub fn retire(store: &mut Store, code: &str, on: &str) -> Result<Room> {
    let on_date = crate::domain::time::parse_date(on).field(Field::Date, on)?;
    store.write(Capability::ManageTenants, |w| retire_in(w, code, on_date))
}

/// [`retire`] inside a transaction the caller holds.
pub(crate) fn retire_in(w: &mut Write<'_>, code: &str, on_date: NaiveDate) -> Result<Room> {
    let on_text = crate::domain::time::date_text(on_date);
    let before = w
        .conn()
        .query_row(&format!("{SELECT} WHERE code = ?1"), [code.trim()], row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound))?;
    if before.retired_on.is_some() {
        return Err(Refusal::RoomRetired { room: before.code.clone() }.into());
    }
    let blocking: Option<(String, String)> = w
        .conn()
        .query_row(
            "SELECT c.name, date(l.end_date, '-1 day') FROM lease l JOIN room r ON r.id = l.room_id
             JOIN company c ON c.id = l.company_id WHERE r.code = ?1 AND l.end_date > ?2 AND l.end_date > l.from_date ORDER BY l.end_date DESC LIMIT 1",
            params![before.code, on_text],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((company, last_day)) = blocking {
        return Err(Refusal::RoomLeased { room: before.code.clone(), company, last_day }.into());
    }
    w.conn().execute("UPDATE room SET retired_on = ?2 WHERE code = ?1", params![before.code, on_text])?;
    let after = w.conn().query_row(&format!("{SELECT} WHERE code = ?1"), [&before.code], row)?;
    w.audit("room", &after.code, "retire", Some(json(&before)), Some(json(&after)))?;
    Ok(after)
}

pub fn show(store: &Store, code: &str) -> Result<Room> {
    store
        .conn()
        .query_row(&format!("{SELECT} WHERE code = ?1"), [code.trim()], row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// The floors that have rooms, lowest first.
pub fn floors(store: &Store) -> Result<Vec<i64>> {
    let mut st = store.conn().prepare_cached("SELECT DISTINCT floor FROM room ORDER BY floor")?;
    let rows = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
