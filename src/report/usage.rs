//! How the machines were used: utilisation per machine for a month (booked,
//! used and available hours), and the companies that used them most.

use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use crate::db::calendar::closed_on;
use crate::db::equipment::{self, Equipment};
use crate::db::{Page, Store};
use crate::domain::lease::month_period;
use crate::domain::time::weekday_index;
use crate::domain::{Minute, Period};
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MachineUse {
    pub equipment: String,
    pub name: String,
    /// Hours held by approved, in-use, completed or unclaimed bookings.
    pub booked_hours: f64,
    /// Hours of recorded use.
    pub used_hours: f64,
    /// Opening hours of the month less holidays and downtime.
    pub available_hours: f64,
    /// Used over available, in percent.
    pub utilisation: f64,
}

fn minutes_between(a: &str, b: &str) -> i64 {
    match (Minute::parse(a), Minute::parse(b)) {
        (Ok(a), Ok(b)) => (b.0 - a.0).max(0),
        _ => 0,
    }
}

/// Whether the centre is closed on each day of `month` (a holiday or a
/// closed day): the same for every machine, so looked up once a report.
fn closed_days(store: &Store, month: &Period<NaiveDate>) -> Result<Vec<bool>> {
    month
        .start()
        .iter_days()
        .take_while(|d| *d < month.end())
        .map(|d| Ok(closed_on(store.sql(), d)?.is_some()))
        .collect()
}

/// Minutes of `eq`'s opening hours in `month` on days it can be booked,
/// less the downtime within them. The machine's downtime of the month is
/// read once and cut to each day.
fn available_minutes(store: &Store, eq: &Equipment, month: &Period<NaiveDate>, closed: &[bool]) -> Result<i64> {
    let Ok(span) = Period::new(Minute::at(month.start(), 0, 0), Minute::at(month.end(), 0, 0)) else { return Ok(0) };
    let down: Vec<Period> = crate::db::downtime::calendar(store, eq.id, &span)?
        .iter()
        .filter(|d| d.state == "active")
        .filter_map(|d| Period::new(Minute::parse(&d.start).ok()?, Minute::parse(&d.end).ok()?).ok())
        .collect();
    let mut total = 0;
    for (i, day) in month.start().iter_days().take_while(|d| *d < month.end()).enumerate() {
        if !eq.rules.holidays_bookable && closed.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some((open, close)) = eq.rules.hours.on(weekday_index(day)) else { continue };
        let base = Minute::at(day, 0, 0).0;
        let Ok(window) = Period::new(Minute(base + i64::from(open)), Minute(base + i64::from(close))) else { continue };
        let down: i64 = down.iter().filter_map(|p| p.intersection(&window)).map(|p| p.minutes()).sum();
        total += window.minutes() - down;
    }
    Ok(total)
}

fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

/// A booking's start and end, and its actual start and end if used.
type Held = (String, String, Option<String>, Option<String>);

/// Each machine's booked, used and available hours in a month.
pub fn utilisation(store: &Store, year: i32, month: u32) -> Result<Vec<MachineUse>> {
    let Some(span) = month_period(year, month) else { return Ok(Vec::new()) };
    let (from, to) = (Minute::at(span.start(), 0, 0).to_string(), Minute::at(span.end(), 0, 0).to_string());
    let closed = closed_days(store, &span)?;
    let mut out = Vec::new();
    for eq in equipment::list(store, Page::ALL_FOR_CLI)? {
        let rows: Vec<Held> = store
            .conn()
            .prepare_cached(
                "SELECT start, end, actual_start, actual_end FROM booking INDEXED BY booking_equipment_start
                  WHERE equipment_id = ?1 AND start >= ?2 AND start < ?3
                    AND state IN ('approved', 'in-use', 'completed', 'no-show')",
            )?
            .query_map(params![eq.id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let booked: i64 = rows.iter().map(|r| minutes_between(&r.0, &r.1)).sum();
        let used: i64 = rows.iter().filter_map(|r| Some(minutes_between(r.2.as_deref()?, r.3.as_deref()?))).sum();
        let available = available_minutes(store, &eq, &span, &closed)?;
        let utilisation = if available > 0 { (used as f64 * 1000.0 / available as f64).round() / 10.0 } else { 0.0 };
        out.push(MachineUse {
            equipment: eq.code.clone(),
            name: eq.name.clone(),
            booked_hours: hours(booked),
            used_hours: hours(used),
            available_hours: hours(available),
            utilisation,
        });
    }
    Ok(out)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopUser {
    pub company_brn: String,
    pub company_name: String,
    pub bookings: i64,
    pub hours: f64,
    pub charged: i64,
}

/// The companies that used the machines most in a year, by hours of use.
pub fn top_users(store: &Store, year: i32, limit: u32) -> Result<Vec<TopUser>> {
    let (from, to) = (format!("{year}-01-01 00:00"), format!("{}-01-01 00:00", year + 1));
    let rows = store
        .conn()
        .prepare_cached(
            // Summed per company first, then joined to the few companies:
            // joining each of a year's 40,000 bookings to its company cost
            // a third of the time.
            "SELECT c.brn, c.name, u.bookings, u.minutes, u.charged
               FROM (SELECT company_id, count(*) AS bookings, coalesce(sum(billed_minutes), 0) AS minutes,
                            coalesce(sum(charge), 0) AS charged
                       FROM booking INDEXED BY booking_state_start
                      WHERE state = 'completed' AND start >= ?1 AND start < ?2 AND company_id IS NOT NULL
                      GROUP BY company_id) u
               JOIN company c ON c.id = u.company_id
              ORDER BY u.minutes DESC, c.name LIMIT ?3",
        )?
        .query_map(params![from, to, limit], |r| {
            let brn: String = r.get(0)?;
            Ok(TopUser {
                company_brn: crate::domain::Brn::parse(&brn).map_or(brn, |b| b.to_string()),
                company_name: r.get(1)?,
                bookings: r.get(2)?,
                hours: hours(r.get(3)?),
                charged: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The month before `today`'s, for reports that look at a finished month.
pub fn last_month(today: NaiveDate) -> (i32, u32) {
    if today.month() == 1 { (today.year() - 1, 12) } else { (today.year(), today.month() - 1) }
}
