//! Downtime: a machine out of service for maintenance, calibration or a
//! fault. Creating one lists the active bookings it overlaps; the manager
//! either cancels them (with the reason recorded) or holds the downtime as
//! pending until they are moved. Nothing is deleted silently.

use serde::Serialize;

use super::booking::{self, Booking};
use super::write::json;
use super::{Page, Store, Write, equipment};
use crate::domain::{Capability, DowntimeReason, Field, ForField, Invalid, Minute, Period, Problem, text};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::downtime as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::downtime::Downtime;

/// Fills in which bookings each pending downtime waits for.
fn with_waiting(db: Sql<'_>, mut rows: Vec<Downtime>) -> Result<Vec<Downtime>> {
    for d in rows.iter_mut().filter(|d| d.state == "pending") {
        let Some(period) = d.period() else { continue };
        let eq = equipment::by_code(db, &d.equipment)?;
        d.waiting_for = overlapping(db, eq.id, &period)?.iter().map(|b| b.id).collect();
    }
    Ok(rows)
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
fn overlapping(db: Sql<'_>, equipment_id: i64, period: &Period) -> Result<Vec<Booking>> {
    let ids = sql::overlapping_bookings(db, equipment_id, period)?;
    ids.into_iter().filter_map(|id| booking::by_id(db, id).transpose()).collect()
}

/// The bookings a downtime over the typed period would hit, for the form.
pub fn affected(store: &Store, input: &DowntimeInput) -> Result<Vec<Booking>> {
    let period = period_of(input)?;
    let eq = equipment::by_code(store.sql(), &input.equipment)?;
    overlapping(store.sql(), eq.id, &period)
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
        let eq = equipment::by_code(w.sql(), &input.equipment)?;
        let other = sql::held_before(w.sql(), eq.id, period.end())?;
        if let Some((start, end)) = other.filter(|(_, e)| *e > period.start()) {
            return Err(Refusal::DowntimeOverlap { start: start.to_string(), end: end.to_string() }.into());
        }
        let hit = overlapping(w.sql(), eq.id, &period)?;
        let mut affected = Vec::new();
        if let Some(why) = &cancel_reason {
            for b in &hit {
                affected.push(booking::cancel_in(w, b, &format!("downtime: {why}"))?);
            }
        } else {
            affected.clone_from(&hit);
        }
        let state = if cancel_reason.is_none() && !hit.is_empty() { "pending" } else { "active" };
        let new = sql::New { equipment_id: eq.id, period, reason, note: &note, state, at: w.now(), by: w.who() };
        let id = sql::insert(w.sql(), &new).map_err(|e| {
            if e.guard() == Some(Guard::DowntimeOverlap) {
                Error::from(Refusal::DowntimeOverlap {
                    start: period.start().to_string(),
                    end: period.end().to_string(),
                })
            } else {
                e
            }
        })?;
        let d = sql::written(w.sql(), id)?;
        w.audit("downtime", &d.id.to_string(), "add", None, Some(json(&d)))?;
        Ok(DowntimeAdded { downtime: d, affected_bookings: affected })
    })
}

/// Makes pending downtimes of the machine active once no booking is in their way.
pub(crate) fn activate_cleared(w: &mut Write<'_>, equipment_id: i64) -> Result<()> {
    for id in sql::pending(w.sql(), equipment_id)? {
        let Some(before) = sql::by_id(w.sql(), id)? else { continue };
        let Some(period) = before.period() else { continue };
        if overlapping(w.sql(), equipment_id, &period)?.is_empty() {
            sql::activate(w.sql(), id)?;
            let after = sql::written(w.sql(), id)?;
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
        let before = sql::by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Downtime, id, Problem::NotFound))?;
        if before.state == "cancelled" || before.end <= at {
            return Err(Invalid::new(
                Field::To,
                at.to_string(),
                Problem::NotBefore { earliest: before.end.to_string() },
            )
            .into());
        }
        if before.start >= at {
            sql::cancel(w.sql(), n)?;
        } else {
            sql::set_end(w.sql(), n, at)?;
        }
        let after = sql::written(w.sql(), n)?;
        w.audit("downtime", &n.to_string(), "end", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

pub fn list(store: &Store, equipment_code: Option<&str>, page: Page) -> Result<Vec<Downtime>> {
    let eq = equipment_code.map(|c| equipment::by_code(store.sql(), c)).transpose()?.map(|e| e.id);
    let rows = sql::list(store.sql(), eq, page.limit, page.offset)?;
    with_waiting(store.sql(), rows)
}

/// Held downtimes of one machine overlapping `period`, for calendars.
pub fn calendar(store: &Store, equipment_id: i64, period: &Period) -> Result<Vec<Downtime>> {
    let rows = sql::calendar(store.sql(), equipment_id, period)?;
    with_waiting(store.sql(), rows)
}
