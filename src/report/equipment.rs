//! How each machine stands right now, and a week of one machine, for the
//! equipment screen and the dashboard.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::db::Store;
use crate::db::booking::{self, Booking};
use crate::db::calendar::closed_on;
use crate::db::downtime::{self, Downtime};
use crate::db::equipment::Equipment;
use crate::domain::{Minute, Period};
use crate::error::Result;

/// A machine's state now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Now {
    /// Someone is using it (checked in), until the booking's end.
    InUse(Booking),
    /// Down for maintenance, calibration or a fault.
    Down(Downtime),
    /// Free now; the next booking today, if any.
    Free(Option<Booking>),
}

fn booking_at(store: &Store, equipment_id: i64, now: Minute) -> Result<Option<i64>> {
    Ok(store
        .conn()
        .prepare_cached(
            "SELECT id FROM booking INDEXED BY booking_active WHERE equipment_id = ?1
               AND state IN ('requested', 'approved', 'in-use') AND start <= ?2 ORDER BY start DESC LIMIT 1",
        )?
        .query_row(params![equipment_id, now.to_string()], |r| r.get(0))
        .optional()?)
}

fn next_today(store: &Store, equipment_id: i64, now: Minute) -> Result<Option<i64>> {
    let tomorrow = Minute::at(now.date() + chrono::Duration::days(1), 0, 0);
    Ok(store
        .conn()
        .prepare_cached(
            "SELECT id FROM booking INDEXED BY booking_active WHERE equipment_id = ?1
               AND state IN ('requested', 'approved', 'in-use') AND start > ?2 AND start < ?3 ORDER BY start LIMIT 1",
        )?
        .query_row(params![equipment_id, now.to_string(), tomorrow.to_string()], |r| r.get(0))
        .optional()?)
}

/// Where `eq` stands at `now`: each a seek or two on the active indexes.
pub fn now(store: &Store, eq: &Equipment, now: Minute) -> Result<Now> {
    let here = Period::new(now, Minute(now.0 + 1)).ok();
    if let Some(p) = here
        && let Some(d) = downtime::calendar(store, eq.id, &p)?.into_iter().find(|d| d.state == "active")
    {
        return Ok(Now::Down(d));
    }
    if let Some(id) = booking_at(store, eq.id, now)?
        && let Some(b) = booking::by_id(store.conn(), id)?
        && b.end > now.to_string()
        && b.state == crate::domain::booking::BookingState::InUse
    {
        return Ok(Now::InUse(b));
    }
    let next = match next_today(store, eq.id, now)? {
        Some(id) => booking::by_id(store.conn(), id)?,
        None => None,
    };
    // A booking that should have started but was not checked in yet is still "next".
    let current = match booking_at(store, eq.id, now)? {
        Some(id) => booking::by_id(store.conn(), id)?.filter(|b| b.end > now.to_string()),
        None => None,
    };
    Ok(Now::Free(current.or(next)))
}

/// A week (or any span) of one machine: its bookings, downtime and closed days.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Week {
    pub monday: Option<NaiveDate>,
    pub bookings: Vec<Booking>,
    pub downtime: Vec<Downtime>,
    /// `(date, name)` of holidays and closed days.
    pub closed: Vec<(NaiveDate, String)>,
}

pub fn week(store: &Store, eq: &Equipment, monday: NaiveDate) -> Result<Week> {
    let start = Minute::at(monday, 0, 0);
    let Ok(span) = Period::new(start, Minute(start.0 + 7 * 1440)) else { return Ok(Week::default()) };
    let closed = (0..7)
        .filter_map(|i| {
            let d = monday + chrono::Duration::days(i);
            closed_on(store.conn(), d).ok().flatten().map(|n| (d, n))
        })
        .collect();
    Ok(Week {
        monday: Some(monday),
        bookings: booking::calendar(store, eq.id, &span)?,
        downtime: downtime::calendar(store, eq.id, &span)?,
        closed,
    })
}
