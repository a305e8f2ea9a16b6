//! The programme at a glance: targets, occupancy, leases ending soon, stages.

use chrono::{Datelike, NaiveDate};

use super::equipment::{self as status, Now};
use super::occupancy::{Occupancy, occupancy};
use super::programme::{Programme, programme};
use crate::db::equipment::{self, Equipment};
use crate::db::lease::{self, Lease, LeaseFilter};
use crate::db::{Page, Store};
use crate::domain::{Minute, Stage};
use crate::error::Result;
use crate::store::sql::report::dashboard as sql;

/// How far ahead leases ending are listed.
pub const EXPIRY_HORIZON_DAYS: i64 = 60;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub programme: Programme,
    pub occupancy: Occupancy,
    /// Leases whose last day is within 60 days, soonest first.
    pub expiring: Vec<Lease>,
    pub companies_by_stage: Vec<(Stage, i64)>,
    pub people: i64,
    /// Machines not idle now (in use, down, or with a booking later today).
    pub machines: Vec<(String, String, Now)>,
    /// Bookings waiting for approval.
    pub pending: i64,
    /// Active or completed bookings starting today.
    pub today: i64,
    /// From the 8th: last month's tax documents still waiting for their
    /// approval numbers, and the day they are due.
    pub waiting: Option<Waiting>,
}

/// Tax documents of a month not yet confirmed as issued in Hometax.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waiting {
    pub month: String,
    pub documents: usize,
    pub due: NaiveDate,
}

/// Last month's documents still waiting, once the warning is due
/// (from the 8th; late issue costs 1 % of the supply).
fn waiting(store: &Store, today: NaiveDate) -> Result<Option<Waiting>> {
    use crate::domain::tax_document::{WARN_FROM_DAY, issue_by};
    use chrono::Datelike;
    let Some(last) = today.with_day(1).and_then(|d| d.pred_opt()) else { return Ok(None) };
    if today.day() < WARN_FROM_DAY {
        return Ok(None);
    }
    let month = crate::domain::statement::month_text(last.year(), last.month());
    let m = crate::db::invoice::month(store, &month)?;
    // Corrections dated last month are due by the same day.
    let dated_last_month = |d: NaiveDate| (d.year(), d.month()) == (last.year(), last.month());
    let documents = m.documents.iter().filter(|d| d.approval.is_none()).count()
        + m.corrections.iter().filter(|c| c.approval.is_none() && dated_last_month(c.correction.written_on)).count();
    let due = issue_by(last.year(), last.month()).unwrap_or(today);
    Ok((documents > 0).then_some(Waiting { month, documents, due }))
}

/// The dashboard for `year`'s figures, as of `today`.
pub fn load(store: &Store, year: i32, today: NaiveDate) -> Result<Dashboard> {
    let db = store.sql();
    let stages = sql::stages(db)?;
    let filter = LeaseFilter { ending_within: Some((today, EXPIRY_HORIZON_DAYS)), ..LeaseFilter::default() };
    let day = store.now().date();
    Ok(Dashboard {
        programme: programme(store, year)?,
        occupancy: occupancy(store, today)?,
        expiring: lease::list(store, &filter, Page::new(0, 20))?,
        companies_by_stage: Stage::ALL
            .iter()
            .map(|s| (*s, stages.iter().find(|(c, _)| c == s.code()).map_or(0, |(_, n)| *n)))
            .collect(),
        people: sql::people(db)?,
        machines: machines_now(store)?,
        pending: sql::pending(db)?,
        today: sql::starting(db, Minute::at(day, 0, 0), Minute::at(day + chrono::Duration::days(1), 0, 0))?,
        waiting: waiting(store, day)?,
    })
}

/// Each active machine that is busy, down or booked later today.
fn machines_now(store: &Store) -> Result<Vec<(String, String, Now)>> {
    let now = store.now();
    let machines: Vec<Equipment> =
        equipment::list(store, Page::ALL_FOR_CLI)?.into_iter().filter(Equipment::is_active).collect();
    let states = status::states(store, &machines, now)?;
    Ok(machines
        .into_iter()
        .zip(states)
        .filter(|(_, state)| !matches!(state, Now::Free(None)))
        .map(|(eq, state)| (eq.code, eq.name, state))
        .collect())
}

/// The year whose figures the dashboard opens on: companies report a year's
/// figures in the next, so last year's are the newest complete ones.
pub fn default_year(today: NaiveDate) -> i32 {
    today.year() - 1
}
