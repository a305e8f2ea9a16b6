//! How each machine stands right now, and a week of one machine, for the
//! equipment screen and the dashboard.

use chrono::NaiveDate;

use crate::db::Store;
use crate::db::booking::{self, Booking};
use crate::db::calendar::closed_on;
use crate::db::downtime::{self, Downtime};
use crate::db::equipment::Equipment;
use crate::domain::{Minute, Period};
use crate::error::Result;
use crate::store::sql::report::equipment as sql;

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
    let current = match sql::booking_at(store.sql(), eq.id, now)? {
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
    let tomorrow = Minute::at(now.date() + chrono::Duration::days(1), 0, 0);
    let next = match sql::next_before(store.sql(), eq.id, now, tomorrow)? {
        Some(id) => booking::by_id(store.sql(), id)?,
        None => None,
    };
    Ok(Now::Free(next))
}

/// Where each of `machines` stands at `now`, as [`now`] says of one, with
/// three queries for all of them instead of three or four each: the
/// dashboard and screen 4 ask about 200 machines on every reload.
pub fn states(store: &Store, machines: &[Equipment], now: Minute) -> Result<Vec<Now>> {
    let tomorrow = Minute::at(now.date() + chrono::Duration::days(1), 0, 0);
    // As `now` reads them: the active downtime over this minute that
    // starts first; the active booking that started last by now; the first
    // one later today.
    let db = store.sql();
    let down = sql::down_now(db, now, Minute(now.0 + 1))?;
    let started = sql::started_by(db, now)?;
    let later = sql::later(db, now, tomorrow)?;
    // Every machine's booking read at once: on a server a query per
    // machine would be two hundred round trips behind one screen.
    let ids: Vec<i64> = started.values().chain(later.values()).copied().collect();
    let mut bookings = booking::by_ids(db, &ids)?;
    let mut out = Vec::with_capacity(machines.len());
    for eq in machines {
        if down.contains_key(&eq.id)
            && let Some(here) = Period::new(now, Minute(now.0 + 1)).ok()
            && let Some(d) = downtime::calendar(store, eq.id, &here)?.into_iter().find(|d| d.state == "active")
        {
            out.push(Now::Down(d));
            continue;
        }
        let current = started.get(&eq.id).and_then(|id| bookings.remove(id)).filter(|b| b.end > now);
        out.push(match current {
            Some(b) if b.state == crate::domain::booking::BookingState::InUse => Now::InUse(b),
            Some(b) => Now::Free(Some(b)),
            None => Now::Free(later.get(&eq.id).and_then(|id| bookings.remove(id))),
        });
    }
    Ok(out)
}

/// Bookings waiting for approval, as screen 4's queue counts them.
pub fn requested(store: &Store) -> Result<i64> {
    sql::requested(store.sql())
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
