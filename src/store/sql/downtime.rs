//! Downtimes of machines.

use serde::Serialize;

use crate::domain::{DowntimeReason, Minute, Period};
use crate::error::Result;
use crate::store::{Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Downtime {
    pub id: i64,
    pub equipment: String,
    pub equipment_name: String,
    pub start: Minute,
    pub end: Minute,
    pub reason: DowntimeReason,
    pub note: String,
    /// pending (waiting for bookings to move) | active | cancelled
    pub state: String,
    pub created_at: Minute,
    pub created_by: String,
    /// For a pending downtime, the active bookings it waits for (to be moved
    /// or cancelled); empty otherwise, and then left out of the JSON.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waiting_for: Vec<i64>,
}

impl Downtime {
    /// The span it holds the machine (`None` only for a row the schema's
    /// checks would not have let in).
    pub fn period(&self) -> Option<Period> {
        Period::new(self.start, self.end).ok()
    }
}

const SELECT: &str =
    "SELECT d.id, e.code, e.name, d.start, d.end, d.reason, d.note, d.state, d.created_at, d.created_by
  FROM downtime d JOIN equipment e ON e.id = d.equipment_id";

fn row(r: &Row<'_, '_>) -> Result<Downtime> {
    let reason: String = r.get(5)?;
    Ok(Downtime {
        id: r.get(0)?,
        equipment: r.get(1)?,
        equipment_name: r.get(2)?,
        start: r.get(3)?,
        end: r.get(4)?,
        reason: DowntimeReason::parse(&reason).map_err(|_| {
            crate::error::Error::from(rusqlite::Error::FromSqlConversionFailure(
                5,
                rusqlite::types::Type::Text,
                "reason".into(),
            ))
        })?,
        note: r.get(6)?,
        state: r.get(7)?,
        created_at: r.get(8)?,
        created_by: r.get(9)?,
        waiting_for: Vec::new(),
    })
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Option<Downtime>> {
    db.opt(&format!("{SELECT} WHERE d.id = ?1"), &[&id], row)
}

/// The downtime just written, which is there.
pub fn written(db: Sql<'_>, id: i64) -> Result<Downtime> {
    db.one(&format!("{SELECT} WHERE d.id = ?1"), &[&id], row)
}

/// Active bookings of the machine overlapping `period`, by start. No
/// booking is longer than 14 days, so the seek starts that far back.
pub fn overlapping_bookings(db: Sql<'_>, equipment_id: i64, period: &Period) -> Result<Vec<i64>> {
    let seek = Minute(period.start().0 - 14 * 1440);
    db.all(
        "SELECT id FROM booking INDEXED BY booking_active
              WHERE equipment_id = ?1 AND state IN ('requested', 'approved', 'in-use')
                AND start < ?3 AND start >= ?4 AND end > ?2 ORDER BY start",
        &[&equipment_id, &period.start(), &period.end(), &seek],
        |r| r.get(0),
    )
}

/// The held (pending or active) downtime of the machine that starts last
/// before `end`: (start, end).
pub fn held_before(db: Sql<'_>, equipment_id: i64, end: Minute) -> Result<Option<(Minute, Minute)>> {
    db.opt(
        "SELECT start, end FROM downtime INDEXED BY downtime_held WHERE equipment_id = ?1
                   AND state IN ('pending', 'active') AND start < ?2 ORDER BY start DESC LIMIT 1",
        &[&equipment_id, &end],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A new downtime.
pub struct New<'a> {
    pub equipment_id: i64,
    pub period: Period,
    pub reason: DowntimeReason,
    pub note: &'a str,
    pub state: &'a str,
    pub at: Minute,
    pub by: &'a str,
}

/// Adds a downtime; its id. The schema refuses one overlapping another held
/// downtime of the machine (`Guard::DowntimeOverlap`).
pub fn insert(db: Sql<'_>, d: &New<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO downtime (equipment_id, start, end, reason, note, state, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        &[&d.equipment_id, &d.period.start(), &d.period.end(), &d.reason.code(), &d.note, &d.state, &d.at, &d.by],
    )
}

/// The machine's pending downtimes, by start.
pub fn pending(db: Sql<'_>, equipment_id: i64) -> Result<Vec<i64>> {
    db.all(
        "SELECT id FROM downtime WHERE equipment_id = ?1 AND state = 'pending' ORDER BY start",
        &[&equipment_id],
        |r| r.get(0),
    )
}

pub fn activate(db: Sql<'_>, id: i64) -> Result<()> {
    db.run("UPDATE downtime SET state = 'active' WHERE id = ?1", &[&id])?;
    Ok(())
}

pub fn cancel(db: Sql<'_>, id: i64) -> Result<()> {
    db.run("UPDATE downtime SET state = 'cancelled' WHERE id = ?1", &[&id])?;
    Ok(())
}

pub fn set_end(db: Sql<'_>, id: i64, end: Minute) -> Result<()> {
    db.run("UPDATE downtime SET end = ?2 WHERE id = ?1", &[&id, &end])?;
    Ok(())
}

/// Every downtime, or a machine's, latest first.
pub fn list(db: Sql<'_>, equipment_id: Option<i64>, limit: u32, offset: u32) -> Result<Vec<Downtime>> {
    let sql = format!("{SELECT} WHERE (d.equipment_id = ?1 OR ?1 IS NULL) ORDER BY d.start DESC LIMIT ?2 OFFSET ?3");
    db.all(&sql, &[&equipment_id, &limit, &offset], row)
}

/// Held downtimes of one machine overlapping `period`, by start.
pub fn calendar(db: Sql<'_>, equipment_id: i64, period: &Period) -> Result<Vec<Downtime>> {
    let sql = format!(
        "{SELECT} WHERE d.equipment_id = ?1 AND d.state IN ('pending', 'active') AND d.start < ?3 AND d.end > ?2 ORDER BY d.start"
    );
    db.all(&sql, &[&equipment_id, &period.start(), &period.end()], row)
}
