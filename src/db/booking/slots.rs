//! Whether a period is free on a machine, and the nearest free one if not.
//! Active periods of one machine never overlap, so they are ordered by start
//! and by end alike: a period `[s, e)` clashes iff the active period with the
//! greatest start before `e` ends after `s`. Each check is one index seek per
//! table, the same at a thousand bookings and at a million.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::{BookingInput, Write, gate, parties, request};
use crate::db::Store;
use crate::db::calendar::closed_on;
use crate::db::equipment::{self, Equipment};
use crate::domain::booking::{RuleBreak, check_rules, check_walk_in, next_on_grid};
use crate::domain::{Minute, Period};
use crate::error::{Clash, Error, Refusal, Result};

/// The active booking or held downtime `period` runs into, keeping `buffer`
/// minutes clear on either side of bookings.
pub fn clash_for(conn: &Connection, equipment_id: i64, period: &Period, buffer: u32) -> Result<Option<Clash>> {
    let b = i64::from(buffer);
    let (s, e) = (Minute(period.start().0 - b), Minute(period.end().0 + b));
    let booking: Option<(i64, String, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT b.id, b.start, b.end, p.name, c.name
               FROM booking b INDEXED BY booking_active
               JOIN person p ON p.id = b.person_id LEFT JOIN company c ON c.id = b.company_id
              WHERE b.equipment_id = ?1 AND b.state IN ('requested', 'approved', 'in-use') AND b.start < ?2
              ORDER BY b.start DESC LIMIT 1",
        )?
        .query_row(params![equipment_id, e.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    if let Some((id, start, end, person, company)) = booking
        && end > s.to_string()
    {
        let who = company.map_or_else(|| person.clone(), |c| format!("{person}({c})"));
        return Ok(Some(Clash { booking: Some(id), who, start, end }));
    }
    let downtime: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT start, end, reason FROM downtime INDEXED BY downtime_held
              WHERE equipment_id = ?1 AND state IN ('pending', 'active') AND start < ?2
              ORDER BY start DESC LIMIT 1",
        )?
        .query_row(params![equipment_id, period.end().to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((start, end, reason)) = downtime
        && end > period.start().to_string()
    {
        return Ok(Some(Clash { booking: None, who: reason, start, end }));
    }
    Ok(None)
}

/// A date's holiday or closed-day name; errors read as "not closed" so a
/// failed lookup never blocks a check (the write itself reports it).
fn closed(conn: &Connection) -> impl Fn(NaiveDate) -> Option<String> + '_ {
    move |d| closed_on(conn, d).ok().flatten()
}

/// The nearest free period of `length` minutes starting at or after `from`
/// that keeps every rule, within the booking horizon.
pub fn suggest(conn: &Connection, eq: &Equipment, length: i64, from: Minute, now: Minute) -> Result<Option<Period>> {
    let rules = &eq.rules;
    let slot = i64::from(rules.slot_minutes.max(1));
    let earliest = next_on_grid(Minute(now.0 + i64::from(rules.notice_minutes)), rules.slot_minutes);
    let mut t = next_on_grid(from.max(earliest), rules.slot_minutes);
    let last = now.date() + chrono::Duration::days(i64::from(rules.horizon_days));
    let is_closed = closed(conn);
    // A horizon of 60 days in 30-minute slots is under 3,000 steps; clashes
    // jump past whole bookings.
    for _ in 0..20_000 {
        if t.date() > last {
            return Ok(None);
        }
        let Ok(candidate) = Period::new(t, Minute(t.0 + length)) else { return Ok(None) };
        match check_rules(rules, &candidate, now, &is_closed) {
            Ok(()) => match clash_for(conn, eq.id, &candidate, rules.buffer_minutes)? {
                None => return Ok(Some(candidate)),
                Some(c) => {
                    let end = Minute::parse(&c.end).map_or(t.0 + slot, |m| m.0);
                    let buffer = if c.booking.is_some() { i64::from(rules.buffer_minutes) } else { 0 };
                    t = next_on_grid(Minute((end + buffer).max(t.0 + slot)), rules.slot_minutes);
                }
            },
            Err(RuleBreak::TooShort { .. } | RuleBreak::TooLong { .. } | RuleBreak::Granularity { .. }) => {
                return Ok(None);
            }
            Err(RuleBreak::OutsideHours { date, .. } | RuleBreak::Closed { date, .. }) if t.date() < date => {
                t = Minute::at(date, 0, 0);
            }
            Err(_) => t = Minute(t.0 + slot),
        }
    }
    Ok(None)
}

fn minutes_between(a: &str, b: &str) -> i64 {
    match (Minute::parse(a), Minute::parse(b)) {
        (Ok(a), Ok(b)) => b.0 - a.0,
        _ => 0,
    }
}

/// Minutes a company has booked or used on a machine in the month of `day`.
fn used_minutes(conn: &Connection, company_id: i64, equipment_id: i64, day: NaiveDate) -> Result<i64> {
    let month = format!("{:04}-{:02}", day.year(), day.month());
    let mut st = conn.prepare_cached(
        "SELECT start, end, billed_minutes FROM booking INDEXED BY booking_company_start
          WHERE company_id = ?1 AND equipment_id = ?2 AND start >= ?3 AND start < ?4
            AND state IN ('requested', 'approved', 'in-use', 'completed')",
    )?;
    let rows = st
        .query_map(params![company_id, equipment_id, format!("{month}-01 00:00"), format!("{month}-32")], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?))
        })?;
    let mut total = 0;
    for r in rows {
        let (s, e, billed) = r?;
        total += billed.unwrap_or_else(|| minutes_between(&s, &e));
    }
    Ok(total)
}

/// How a new booking came: requested ahead, or a walk-in starting now
/// (the machine's rules without the notice and the grid of its start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Coming {
    Ahead,
    WalkIn,
}

/// Every check a new booking must pass, in the order people think of them:
/// the machine's rules, a clash (with the nearest free slot), the quota, the
/// qualification.
pub(super) fn admissible(
    w: &Write<'_>,
    eq: &Equipment,
    (person_id, company_id): (i64, Option<i64>),
    period: &Period,
    coming: Coming,
    quota_overridden: bool,
) -> Result<()> {
    let closed = closed(w.conn());
    match coming {
        Coming::Ahead => check_rules(&eq.rules, period, w.now(), &closed),
        Coming::WalkIn => check_walk_in(&eq.rules, period, &closed),
    }
    .map_err(Refusal::BookingRule)?;
    free_and_allowed(w, eq, person_id, company_id, period, quota_overridden)
}

/// No clash (naming the nearest free slot), within the quota, qualified.
fn free_and_allowed(
    w: &Write<'_>,
    eq: &Equipment,
    person_id: i64,
    company_id: Option<i64>,
    period: &Period,
    quota_overridden: bool,
) -> Result<()> {
    let conn = w.conn();
    if let Some(clash) = clash_for(conn, eq.id, period, eq.rules.buffer_minutes)? {
        let free = suggest(conn, eq, period.minutes(), period.start(), w.now())?
            .map(|p| (p.start().to_string(), p.end().to_string()));
        return Err(Refusal::BookingClash { clash: Box::new(clash), free }.into());
    }
    if let Some(company_id) = company_id {
        let quota: Option<i64> = conn
            .prepare_cached("SELECT hours_per_month FROM quota WHERE company_id = ?1 AND equipment_id = ?2")?
            .query_row(params![company_id, eq.id], |r| r.get(0))
            .optional()?;
        if let Some(hours) = quota {
            let used = used_minutes(conn, company_id, eq.id, period.start().date())?;
            if used + period.minutes() > hours * 60 && !quota_overridden {
                let company: String =
                    conn.query_row("SELECT name FROM company WHERE id = ?1", [company_id], |r| r.get(0))?;
                return Err(Refusal::QuotaExceeded {
                    company,
                    equipment: eq.code.clone(),
                    quota_hours: hours,
                    used_minutes: used,
                    asking_minutes: period.minutes(),
                }
                .into());
            }
        }
    }
    gate::qualified(w.sql(), eq, person_id, period)
}

/// What the booking form shows while typing: whether the period can be
/// booked, and if not why (typed, rendered by the interface in its
/// language) and the nearest free slot.
#[derive(Debug)]
pub enum Preview {
    /// Not enough typed yet to say.
    Incomplete,
    Free,
    Refused {
        why: Error,
        free: Option<Period>,
    },
}

pub fn preview(store: &Store, input: &BookingInput) -> Preview {
    let conn = store.conn();
    let (Ok(req), Ok(eq)) = (request(input), equipment::by_code(conn.into(), &input.equipment)) else {
        return Preview::Incomplete;
    };
    let now = store.now();
    if let Err(r) = check_rules(&eq.rules, &req.period, now, &closed(conn)) {
        let free = suggest(conn, &eq, req.period.minutes(), req.period.start(), now).ok().flatten();
        return Preview::Refused { why: Refusal::BookingRule(r).into(), free };
    }
    match clash_for(conn, eq.id, &req.period, eq.rules.buffer_minutes) {
        Ok(None) => {}
        Ok(Some(c)) => {
            let free = suggest(conn, &eq, req.period.minutes(), req.period.start(), now).ok().flatten();
            return Preview::Refused { why: Refusal::BookingClash { clash: Box::new(c), free: None }.into(), free };
        }
        Err(e) => return Preview::Refused { why: e, free: None },
    }
    match parties(conn, input).and_then(|(p, _)| gate::qualified(store.sql(), &eq, p, &req.period)) {
        Ok(()) => Preview::Free,
        Err(Error::Invalid(_)) => Preview::Incomplete,
        Err(e) => Preview::Refused { why: e, free: None },
    }
}
