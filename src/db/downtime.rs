//! Downtime: a machine out of service for maintenance, calibration or a
//! fault. Creating one lists the active bookings it overlaps; the manager
//! either cancels them (with the reason recorded) or holds the downtime as
//! pending until they are moved. Nothing is deleted silently.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::booking::{self, Booking};
use super::write::json;
use super::{Page, Store, Write, equipment, raised};
use crate::domain::{Capability, DowntimeReason, Field, ForField, Invalid, Minute, Period, Problem, text};
use crate::error::{Error, Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Downtime {
    pub id: i64,
    pub equipment: String,
    pub equipment_name: String,
    pub start: String,
    pub end: String,
    pub reason: DowntimeReason,
    pub note: String,
    /// pending (waiting for bookings to move) | active | cancelled
    pub state: String,
    pub created_at: String,
    pub created_by: String,
    /// For a pending downtime, the active bookings it waits for (to be moved
    /// or cancelled); empty otherwise, and then left out of the JSON.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waiting_for: Vec<i64>,
}

const SELECT: &str =
    "SELECT d.id, e.code, e.name, d.start, d.end, d.reason, d.note, d.state, d.created_at, d.created_by
  FROM downtime d JOIN equipment e ON e.id = d.equipment_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Downtime> {
    let reason: String = r.get(5)?;
    Ok(Downtime {
        id: r.get(0)?,
        equipment: r.get(1)?,
        equipment_name: r.get(2)?,
        start: r.get(3)?,
        end: r.get(4)?,
        reason: DowntimeReason::parse(&reason)
            .map_err(|_| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, "reason".into()))?,
        note: r.get(6)?,
        state: r.get(7)?,
        created_at: r.get(8)?,
        created_by: r.get(9)?,
        waiting_for: Vec::new(),
    })
}

/// Fills in which bookings each pending downtime waits for.
fn with_waiting(conn: &Connection, mut rows: Vec<Downtime>) -> Result<Vec<Downtime>> {
    for d in rows.iter_mut().filter(|d| d.state == "pending") {
        let (Ok(s), Ok(e)) = (Minute::parse(&d.start), Minute::parse(&d.end)) else { continue };
        let Ok(period) = Period::new(s, e) else { continue };
        let eq = equipment::by_code(conn, &d.equipment)?;
        d.waiting_for = overlapping(conn, eq.id, &period)?.iter().map(|b| b.id).collect();
    }
    Ok(rows)
}

fn by_id(conn: &Connection, id: i64) -> Result<Option<Downtime>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], row).optional()?)
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DowntimeInput {
    pub equipment: String,
    pub from: String,
    pub to: String,
    /// maintenance | calibration | fault
    pub reason: String,
    pub note: String,
}

/// What to do with the active bookings a new downtime overlaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnClash {
    /// Keep them; the downtime waits (pending) until they are moved.
    Hold,
    /// Cancel them, recording why.
    Cancel { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DowntimeAdded {
    pub downtime: Downtime,
    /// The bookings it overlapped: cancelled, or still waiting to be moved.
    pub affected_bookings: Vec<Booking>,
}

fn period_of(input: &DowntimeInput) -> Result<Period> {
    let start = Minute::parse(&input.from).field(Field::From, &input.from)?;
    let end = Minute::parse(&input.to).field(Field::To, &input.to)?;
    Ok(Period::new(start, end).field(Field::To, &input.to)?)
}

/// Active bookings of the machine overlapping `period`, by start.
fn overlapping(conn: &Connection, equipment_id: i64, period: &Period) -> Result<Vec<Booking>> {
    let seek = Minute(period.start().0 - 14 * 1440);
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM booking INDEXED BY booking_active
              WHERE equipment_id = ?1 AND state IN ('requested', 'approved', 'in-use')
                AND start < ?3 AND start >= ?4 AND end > ?2 ORDER BY start",
        )?
        .query_map(
            params![equipment_id, period.start().to_string(), period.end().to_string(), seek.to_string()],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().filter_map(|id| booking::by_id(conn.into(), id).transpose()).collect()
}

/// The bookings a downtime over the typed period would hit, for the form.
pub fn affected(store: &Store, input: &DowntimeInput) -> Result<Vec<Booking>> {
    let period = period_of(input)?;
    let eq = equipment::by_code(store.conn(), &input.equipment)?;
    overlapping(store.conn(), eq.id, &period)
}

/// Takes a machine out of service (admins and equipment managers).
pub fn add(store: &mut Store, input: &DowntimeInput, on_clash: &OnClash) -> Result<DowntimeAdded> {
    let period = period_of(input)?;
    let reason = DowntimeReason::parse(&input.reason).field(Field::Reason, &input.reason)?;
    // The note and the reason for cancelling are fields of their own, so a
    // refusal lands beside the one that holds the bad text.
    let note = text::clean(&input.note, 200).field(Field::Details, &input.note)?;
    let cancel_reason = match on_clash {
        OnClash::Cancel { reason } => Some(text::required(reason, 200).field(Field::Note, reason)?),
        OnClash::Hold => None,
    };
    store.write(Capability::ManageEquipment, |w| {
        let eq = equipment::by_code(w.conn(), &input.equipment)?;
        let other: Option<(String, String)> = w
            .conn()
            .query_row(
                "SELECT start, end FROM downtime INDEXED BY downtime_held WHERE equipment_id = ?1
                   AND state IN ('pending', 'active') AND start < ?2 ORDER BY start DESC LIMIT 1",
                params![eq.id, period.end().to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((start, end)) = other.filter(|(_, e)| *e > period.start().to_string()) {
            return Err(Refusal::DowntimeOverlap { start, end }.into());
        }
        let hit = overlapping(w.conn(), eq.id, &period)?;
        let mut affected = Vec::new();
        if let Some(why) = &cancel_reason {
            for b in &hit {
                affected.push(booking::cancel_in(w, b, &format!("downtime: {why}"))?);
            }
        } else {
            affected.clone_from(&hit);
        }
        let state = if cancel_reason.is_none() && !hit.is_empty() { "pending" } else { "active" };
        w.conn()
            .execute(
                "INSERT INTO downtime (equipment_id, start, end, reason, note, state, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    eq.id,
                    period.start().to_string(),
                    period.end().to_string(),
                    reason.code(),
                    note,
                    state,
                    w.now().to_string(),
                    w.who()
                ],
            )
            .map_err(|e| match raised(&e) {
                Some("downtime_overlap") => {
                    Refusal::DowntimeOverlap { start: period.start().to_string(), end: period.end().to_string() }.into()
                }
                _ => Error::from(e),
            })?;
        let d = by_id(w.conn(), w.conn().last_insert_rowid())?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        w.audit("downtime", &d.id.to_string(), "add", None, Some(json(&d)))?;
        Ok(DowntimeAdded { downtime: d, affected_bookings: affected })
    })
}

/// Makes pending downtimes of the machine active once no booking is in their way.
pub(crate) fn activate_cleared(w: &mut Write<'_>, equipment_id: i64) -> Result<()> {
    let pending: Vec<i64> = w
        .conn()
        .prepare_cached("SELECT id FROM downtime WHERE equipment_id = ?1 AND state = 'pending' ORDER BY start")?
        .query_map([equipment_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in pending {
        let Some(before) = by_id(w.conn(), id)? else { continue };
        let (Ok(s), Ok(e)) = (Minute::parse(&before.start), Minute::parse(&before.end)) else { continue };
        let Ok(period) = Period::new(s, e) else { continue };
        if overlapping(w.conn(), equipment_id, &period)?.is_empty() {
            w.conn().execute("UPDATE downtime SET state = 'active' WHERE id = ?1", [id])?;
            let after = by_id(w.conn(), id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
            w.audit("downtime", &id.to_string(), "activate", Some(json(&before)), Some(json(&after)))?;
        }
    }
    Ok(())
}

/// Ends a downtime at `at` (default now): the machine is back. A downtime
/// ended before it began is cancelled.
pub fn end(store: &mut Store, id: &str, at: Option<&str>) -> Result<Downtime> {
    let n = booking::parse_id(id).map_err(|_| Invalid::new(Field::Downtime, id, Problem::Format { example: "12" }))?;
    let now = store.now();
    let at = match at.map(str::trim).filter(|s| !s.is_empty()) {
        None => now,
        Some(s) => Minute::parse(s).field(Field::To, s)?,
    };
    store.write(Capability::ManageEquipment, |w| {
        let before = by_id(w.conn(), n)?.ok_or_else(|| Invalid::new(Field::Downtime, id, Problem::NotFound))?;
        if before.state == "cancelled" || before.end <= at.to_string() {
            return Err(
                Invalid::new(Field::To, at.to_string(), Problem::NotBefore { earliest: before.end.clone() }).into()
            );
        }
        if before.start >= at.to_string() {
            w.conn().execute("UPDATE downtime SET state = 'cancelled' WHERE id = ?1", [n])?;
        } else {
            w.conn().execute("UPDATE downtime SET end = ?2 WHERE id = ?1", params![n, at.to_string()])?;
        }
        let after = by_id(w.conn(), n)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        w.audit("downtime", &n.to_string(), "end", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

pub fn list(store: &Store, equipment_code: Option<&str>, page: Page) -> Result<Vec<Downtime>> {
    let eq = equipment_code.map(|c| equipment::by_code(store.conn(), c)).transpose()?.map(|e| e.id);
    let sql = format!("{SELECT} WHERE (?1 IS NULL OR d.equipment_id = ?1) ORDER BY d.start DESC LIMIT ?2 OFFSET ?3");
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(params![eq, page.limit, page.offset], row)?.collect::<rusqlite::Result<_>>()?;
    with_waiting(store.conn(), rows)
}

/// Held downtimes of one machine overlapping `period`, for calendars.
pub fn calendar(store: &Store, equipment_id: i64, period: &Period) -> Result<Vec<Downtime>> {
    let sql = format!(
        "{SELECT} WHERE d.equipment_id = ?1 AND d.state IN ('pending', 'active') AND d.start < ?3 AND d.end > ?2 ORDER BY d.start"
    );
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st
        .query_map(params![equipment_id, period.start().to_string(), period.end().to_string()], row)?
        .collect::<rusqlite::Result<_>>()?;
    with_waiting(store.conn(), rows)
}
