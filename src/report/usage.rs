//! How the machines were used: utilisation per machine for a month (booked,
//! used and available hours), and the companies that used them most.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::db::calendar::closed_on;
use crate::db::equipment::{self, Equipment};
use crate::db::{Page, Store};
use crate::domain::lease::{month_period, month_start};
use crate::domain::time::weekday_index;
use crate::domain::{Minute, Period, Won};
use crate::error::Result;
use crate::store::sql::report::usage as sql;

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

fn minutes_between(a: Minute, b: Minute) -> i64 {
    (b.0 - a.0).max(0)
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
        .filter_map(crate::db::downtime::Downtime::period)
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

/// Each machine's booked, used and available hours in a month.
pub fn utilisation(store: &Store, year: i32, month: u32) -> Result<Vec<MachineUse>> {
    let Some(span) = month_period(year, month) else { return Ok(Vec::new()) };
    let (from, to) = (Minute::at(span.start(), 0, 0), Minute::at(span.end(), 0, 0));
    let closed = closed_days(store, &span)?;
    let mut out = Vec::new();
    for eq in equipment::list(store, Page::ALL_FOR_CLI)? {
        let rows = sql::held(store.sql(), eq.id, from, to)?;
        let booked: i64 = rows.iter().map(|r| minutes_between(r.start, r.end)).sum();
        let used: i64 = rows.iter().filter_map(|r| Some(minutes_between(r.actual_start?, r.actual_end?))).sum();
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
    pub charged: Won,
}

/// The companies that used the machines most in a year, by hours of use.
pub fn top_users(store: &Store, year: i32, limit: u32) -> Result<Vec<TopUser>> {
    let (Some(first), Some(next)) = (month_start(year, 1), month_start(year + 1, 1)) else { return Ok(Vec::new()) };
    Ok(sql::top_companies(store.sql(), Minute::at(first, 0, 0), Minute::at(next, 0, 0), limit)?
        .into_iter()
        .map(|u| TopUser {
            company_brn: crate::domain::Brn::parse(&u.brn).map_or(u.brn, |b| b.to_string()),
            company_name: u.name,
            bookings: u.bookings,
            hours: hours(u.minutes),
            charged: u.charged,
        })
        .collect())
}

/// The month before `today`'s, for reports that look at a finished month.
pub fn last_month(today: NaiveDate) -> (i32, u32) {
    if today.month() == 1 { (today.year() - 1, 12) } else { (today.year(), today.month() - 1) }
}
