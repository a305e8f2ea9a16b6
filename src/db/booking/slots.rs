//! Whether a period is free on a machine, and the nearest free one if not.
//! Active periods of one machine never overlap, so they are ordered by start
//! and by end alike: a period `[s, e)` clashes iff the active period with the
//! greatest start before `e` ends after `s`. Each check is one index seek per
//! table, the same at a thousand bookings and at a million.

use chrono::NaiveDate;

use super::{BookingInput, Write, booker, gate, request};
use crate::db::Store;
use crate::db::calendar::closed_on;
use crate::db::equipment::{self, Equipment};
use crate::domain::booking::{RuleBreak, check_rules, check_walk_in, next_on_grid};
use crate::domain::{Minute, Period};
use crate::error::{Clash, Error, Refusal, Result};
use crate::store::Sql;
use crate::store::sql::booking as sql;

/// The active booking or held downtime `period` runs into, keeping `buffer`
/// minutes clear on either side of bookings.
pub fn clash_for(db: Sql<'_>, equipment_id: i64, period: &Period, buffer: u32) -> Result<Option<Clash>> {
    let (booked, held) = sql::last_before(db, equipment_id, buffered(period, buffer).1, period.end())?;
    Ok(clash_in(booked, held, period, buffer))
}

/// The period widened by `buffer` minutes on either side.
fn buffered(period: &Period, buffer: u32) -> (Minute, Minute) {
    let b = i64::from(buffer);
    (Minute(period.start().0 - b), Minute(period.end().0 + b))
}

/// The clash, if the latest active booking before the (buffered) end, or
/// the latest held downtime before the end, reaches into the period.
fn clash_in(booked: Option<sql::Active>, held: Option<sql::Held>, period: &Period, buffer: u32) -> Option<Clash> {
    let s = buffered(period, buffer).0;
    if let Some((id, start, end, person, company)) = booked
        && end > s
    {
        let who = company.map_or_else(|| person.clone(), |c| format!("{person}({c})"));
        return Some(Clash { booking: Some(id), who, start, end });
    }
    if let Some((start, end, reason)) = held
        && end > period.start()
    {
        return Some(Clash { booking: None, who: reason, start, end });
    }
    None
}

/// A date's holiday or closed-day name; errors read as "not closed" so a
/// failed lookup never blocks a check (the write itself reports it).
fn closed(db: Sql<'_>) -> impl Fn(NaiveDate) -> Option<String> + '_ {
    move |d| closed_on(db, d).ok().flatten()
}

/// The nearest free period of `length` minutes starting at or after `from`
/// that keeps every rule, within the booking horizon.
pub fn suggest(db: Sql<'_>, eq: &Equipment, length: i64, from: Minute, now: Minute) -> Result<Option<Period>> {
    let rules = &eq.rules;
    let slot = i64::from(rules.slot_minutes.max(1));
    let earliest = next_on_grid(Minute(now.0 + i64::from(rules.notice_minutes)), rules.slot_minutes);
    let mut t = next_on_grid(from.max(earliest), rules.slot_minutes);
    let last = now.date() + chrono::Duration::days(i64::from(rules.horizon_days));
    let is_closed = closed(db);
    // A horizon of 60 days in 30-minute slots is under 3,000 steps; clashes
    // jump past whole bookings.
    for _ in 0..20_000 {
        if t.date() > last {
            return Ok(None);
        }
        let Ok(candidate) = Period::new(t, Minute(t.0 + length)) else { return Ok(None) };
        match check_rules(rules, &candidate, now, &is_closed) {
            Ok(()) => match clash_for(db, eq.id, &candidate, rules.buffer_minutes)? {
                None => return Ok(Some(candidate)),
                Some(c) => {
                    let end = c.end.0;
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

/// Minutes a company has booked or used on a machine in the month of `day`.
fn used_minutes(db: Sql<'_>, company_id: i64, equipment_id: i64, day: NaiveDate) -> Result<i64> {
    let rows = sql::month_of_company(db, company_id, equipment_id, day)?;
    Ok(rows.into_iter().map(|(s, e, billed)| billed.unwrap_or(e.0 - s.0)).sum())
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
    let closed = closed(w.sql());
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
    let db = w.sql();
    let buffer = eq.rules.buffer_minutes;
    let around = sql::around(db, eq.id, buffered(period, buffer).1, period.end(), company_id)?;
    if let Some(clash) = clash_in(around.booked, around.held, period, buffer) {
        let free = suggest(db, eq, period.minutes(), period.start(), w.now())?;
        return Err(Refusal::BookingClash { clash: Box::new(clash), free }.into());
    }
    if let Some(company_id) = company_id
        && let Some(hours) = around.quota_hours
    {
        let used = used_minutes(db, company_id, eq.id, period.start().date())?;
        if used + period.minutes() > hours * 60 && !quota_overridden {
            let company = sql::company_name(db, company_id)?;
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
    gate::qualified_for(db, around.courses, person_id, period)
}

/// What the booking form shows while typing: whether the period can be
/// booked, and if not why (typed, rendered by the interface in its
/// language) and the nearest free slot.
#[derive(Debug)]
pub enum Preview {
    /// Not enough typed yet to say.
    Incomplete,
    /// It can be booked; what it would cost used as booked, once the
    /// party is known.
    Free(Option<super::priced::Estimate>),
    Refused {
        why: Error,
        free: Option<Period>,
    },
}

/// The estimate of a booking by `person` for the party asked (else their
/// own: their company's, or their individual party once they have one).
fn estimate(
    db: Sql<'_>,
    eq: &equipment::Equipment,
    (person, asked): (i64, Option<(Option<i64>, i64)>),
    req: &super::Request,
    now: Minute,
) -> Result<Option<super::priced::Estimate>> {
    let party = match asked {
        Some((_, party)) => Some(party),
        None => crate::store::sql::party::own_of_person(db, person)?,
    };
    party.map(|p| super::priced::estimate(db, eq, p, (&req.period, req.samples), now)).transpose()
}

pub fn preview(store: &Store, input: &BookingInput) -> Preview {
    let db = store.sql();
    let (Ok(req), Ok(eq)) = (request(input), equipment::by_code(store.sql(), &input.equipment)) else {
        return Preview::Incomplete;
    };
    let now = store.now();
    if let Err(r) = check_rules(&eq.rules, &req.period, now, &closed(db)) {
        let free = suggest(db, &eq, req.period.minutes(), req.period.start(), now).ok().flatten();
        return Preview::Refused { why: Refusal::BookingRule(r).into(), free };
    }
    match clash_for(db, eq.id, &req.period, eq.rules.buffer_minutes) {
        Ok(None) => {}
        Ok(Some(c)) => {
            let free = suggest(db, &eq, req.period.minutes(), req.period.start(), now).ok().flatten();
            return Preview::Refused { why: Refusal::BookingClash { clash: Box::new(c), free: None }.into(), free };
        }
        Err(e) => return Preview::Refused { why: e, free: None },
    }
    // A project pays for its own party: the estimate is that party's, and
    // a project of another party than the one asked is refused as typed.
    let project = match input.project.trim() {
        "" => None,
        code => match super::super::project::resolve(db, code) {
            Ok(p) => Some(p),
            Err(e) => return Preview::Refused { why: e, free: None },
        },
    };
    let party = match (&project, input.party.trim()) {
        (Some(p), "") => p.party.clone(),
        (_, asked) => asked.to_owned(),
    };
    let who = booker(db, input).and_then(|p| gate::qualified(db, &eq, p, &req.period).map(|()| p));
    match who.and_then(|p| Ok((p, crate::db::party::asked(db, p, &party)?))) {
        Ok(who) => {
            if let Some(p) = project.filter(|p| who.1.is_some_and(|(_, id)| id != p.party_id)) {
                use crate::domain::{Field, Invalid, Problem};
                let why = Invalid::new(Field::Project, &p.code, Problem::OtherParty { party: p.party }).into();
                return Preview::Refused { why, free: None };
            }
            Preview::Free(estimate(db, &eq, who, &req, now).ok().flatten())
        }
        Err(Error::Invalid(_)) => Preview::Incomplete,
        Err(e) => Preview::Refused { why: e, free: None },
    }
}
