//! Rooms of the centre building.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::room::NewRoom;
use crate::domain::{Area, RoomKind, Won};
use crate::error::Result;
use crate::store::{Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Room {
    pub code: String,
    pub floor: i64,
    pub kind: RoomKind,
    #[serde(rename = "area_m2")]
    pub area: Area,
    pub rent_per_m2: Option<Won>,
    pub retired_on: Option<NaiveDate>,
}

const SELECT: &str = "SELECT code, floor, kind, area, rent_per_m2, retired_on FROM room";

fn row(r: &Row<'_, '_>) -> Result<Room> {
    Ok(Room {
        code: r.get(0)?,
        floor: r.get(1)?,
        kind: r.parse(2, "room kind", RoomKind::parse)?,
        area: r.get(3)?,
        rent_per_m2: r.get(4)?,
        retired_on: r.get(5)?,
    })
}

/// The floor area of the building's rooms in use.
pub fn area_in_use(db: Sql<'_>) -> Result<Area> {
    db.value("SELECT coalesce(sum(area), 0) FROM room WHERE retired_on IS NULL", &[])
}

/// A room's id, by code.
pub fn id(db: Sql<'_>, code: &str) -> Result<Option<i64>> {
    db.opt("SELECT id FROM room WHERE code = ?1", &[&code], |r| r.get(0))
}

pub fn taken(db: Sql<'_>, code: &str) -> Result<bool> {
    Ok(id(db, code)?.is_some())
}

pub fn insert(db: Sql<'_>, new: &NewRoom) -> Result<()> {
    db.run(
        "INSERT INTO room (code, floor, kind, area, rent_per_m2) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&new.code, &new.floor, &new.kind.code(), &new.area, &new.rent_per_m2],
    )?;
    Ok(())
}

pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Room>> {
    db.opt(&format!("{SELECT} WHERE code = ?1"), &[&code], row)
}

pub fn list(db: Sql<'_>, limit: u32, offset: u32) -> Result<Vec<Room>> {
    db.all(&format!("{SELECT} ORDER BY floor, code LIMIT ?1 OFFSET ?2"), &[&limit, &offset], row)
}

/// The company and last day of the lease of `room` that runs longest past
/// `on`, if one does.
pub fn leased_past(db: Sql<'_>, room: &str, on: NaiveDate) -> Result<Option<(String, NaiveDate)>> {
    // The day before the end is counted here, not in SQL: SQLite's
    // `date(x, '-1 day')` has no PostgreSQL spelling.
    db.opt(
        "SELECT c.name, l.end_date FROM lease l JOIN room r ON r.id = l.room_id
             JOIN company c ON c.id = l.company_id WHERE r.code = ?1 AND l.end_date > ?2 AND l.end_date > l.from_date ORDER BY l.end_date DESC LIMIT 1",
        &[&room, &on],
        // The day before the end is computed here, the same on both engines.
        |r| {
            let end: NaiveDate = r.get(1)?;
            Ok((r.get(0)?, end.pred_opt().unwrap_or(end)))
        },
    )
}

pub fn retire(db: Sql<'_>, code: &str, on: NaiveDate) -> Result<()> {
    db.run("UPDATE room SET retired_on = ?2 WHERE code = ?1", &[&code, &on])?;
    Ok(())
}

/// The floors that have rooms, lowest first.
pub fn floors(db: Sql<'_>) -> Result<Vec<i64>> {
    db.all("SELECT DISTINCT floor FROM room ORDER BY floor", &[], |r| r.get(0))
}
