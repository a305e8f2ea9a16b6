//! How each machine stands right now, and a week of one machine, for the
//! equipment screen and the dashboard.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, ToSql, params};

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
    // The booking holding the machine now: in use, or one that should have
    // started but was not checked in yet, which is still "next".
    let current = match booking_at(store, eq.id, now)? {
        Some(id) => booking::by_id(store.sql(), id)?.filter(|b| b.end > now),
        None => None,
    };
    if let Some(b) = current {
        return Ok(if b.state == crate::domain::booking::BookingState::InUse {
            Now::InUse(b)
        } else {
            Now::Free(Some(b))
        });
    }
    let next = match next_today(store, eq.id, now)? {
        Some(id) => booking::by_id(store.sql(), id)?,
        None => None,
    };
    Ok(Now::Free(next))
}

/// Per machine, the id of its first row in `sql`'s `(machine, id)` pairs.
fn per_machine(store: &Store, sql: &str, args: &[&dyn ToSql]) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    let mut st = store.conn().prepare_cached(sql)?;
    for row in st.query_map(args, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (machine, id) = row?;
        out.entry(machine).or_insert(id);
    }
    Ok(out)
}

/// Where each of `machines` stands at `now`, as [`now`] says of one, with
/// three queries for all of them instead of three or four each: the
/// dashboard and screen 4 ask about 200 machines on every reload.
pub fn states(store: &Store, machines: &[Equipment], now: Minute) -> Result<Vec<Now>> {
    let (at, next_minute) = (now.to_string(), Minute(now.0 + 1).to_string());
    let tomorrow = Minute::at(now.date() + chrono::Duration::days(1), 0, 0).to_string();
    // As `now` reads them: the active downtime over this minute that
    // starts first; the active booking that started last by now; the first
    // one later today.
    let down = per_machine(
        store,
        "SELECT equipment_id, id FROM downtime INDEXED BY downtime_held
          WHERE state IN ('pending', 'active') AND state = 'active' AND start < ?1 AND end > ?2
          ORDER BY equipment_id, start",
        &[&next_minute, &at],
    )?;
    let started = per_machine(
        store,
        "SELECT equipment_id, id FROM booking INDEXED BY booking_state_start
          WHERE state IN ('requested', 'approved', 'in-use') AND start <= ?1 ORDER BY equipment_id, start DESC",
        &[&at],
    )?;
    let later = per_machine(
        store,
        "SELECT equipment_id, id FROM booking INDEXED BY booking_state_start
          WHERE state IN ('requested', 'approved', 'in-use') AND start > ?1 AND start < ?2 ORDER BY equipment_id, start",
        &[&at, &tomorrow],
    )?;
    let db = store.sql();
    let mut out = Vec::with_capacity(machines.len());
    for eq in machines {
        if down.contains_key(&eq.id)
            && let Some(here) = Period::new(now, Minute(now.0 + 1)).ok()
            && let Some(d) = downtime::calendar(store, eq.id, &here)?.into_iter().find(|d| d.state == "active")
        {
            out.push(Now::Down(d));
            continue;
        }
        let current = match started.get(&eq.id) {
            Some(id) => booking::by_id(db, *id)?.filter(|b| b.end > now),
            None => None,
        };
        out.push(match current {
            Some(b) if b.state == crate::domain::booking::BookingState::InUse => Now::InUse(b),
            Some(b) => Now::Free(Some(b)),
            None => Now::Free(match later.get(&eq.id) {
                Some(id) => booking::by_id(db, *id)?,
                None => None,
            }),
        });
    }
    Ok(out)
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
            closed_on(store.sql(), d).ok().flatten().map(|n| (d, n))
        })
        .collect();
    Ok(Week {
        monday: Some(monday),
        bookings: booking::calendar(store, eq.id, &span)?,
        downtime: downtime::calendar(store, eq.id, &span)?,
        closed,
    })
}
