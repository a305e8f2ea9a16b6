//! Figures over time: occupancy month by month, the programme year by year,
//! and the training programme's outcomes per course and year.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::occupancy;
use super::programme::{self, Programme};
use crate::db::Store;
use crate::domain::lease::month_start;
use crate::error::Result;
use crate::store::sql::report::trends as sql;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OccupancyPoint {
    /// The month's first day, shown as `2026-11`.
    #[serde(serialize_with = "crate::domain::statement::as_month")]
    pub month: NaiveDate,
    /// Basis points of the leasable area let at the month's end.
    pub area_rate_bp: i64,
    pub leased_rooms: i64,
    pub rooms: i64,
}

/// Occupancy at the end of each of the `months` months up to `today`'s.
pub fn occupancy_series(store: &Store, today: NaiveDate, months: u32) -> Result<Vec<OccupancyPoint>> {
    let mut out = Vec::new();
    for back in (0..months).rev() {
        let Some(first) =
            month_start(today.year(), today.month()).and_then(|d| d.checked_sub_months(chrono::Months::new(back)))
        else {
            continue;
        };
        let end = first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
        let day = end.min(today);
        let o = occupancy::occupancy(store, day)?;
        out.push(OccupancyPoint {
            month: first,
            area_rate_bp: o.area_rate_bp,
            leased_rooms: o.leased_rooms,
            rooms: o.rooms,
        });
    }
    Ok(out)
}

/// The programme against its targets for each year from the first
/// admission to `last`.
pub fn programme_years(store: &Store, last: i32) -> Result<Vec<Programme>> {
    let first = sql::first_admitted(store.sql())?.map_or(last, |d| d.year());
    programme::programmes(store, first, last)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrainingOutcome {
    pub course: String,
    pub title: String,
    /// The year the cohorts were completed.
    pub year: i32,
    pub cohorts: i64,
    /// Trainees who held a seat to the end.
    pub trainees: i64,
    pub completed: i64,
    /// Completed over trainees, in percent.
    pub completion_rate: f64,
    pub qualifications: i64,
}

/// Per course and year: cohorts completed, trainees, completions and the
/// qualifications they earned.
pub fn training_outcomes(store: &Store) -> Result<Vec<TrainingOutcome>> {
    Ok(sql::course_years(store.sql())?
        .into_iter()
        .map(|r| TrainingOutcome {
            completion_rate: if r.trainees > 0 {
                (r.completed as f64 * 1000.0 / r.trainees as f64).round() / 10.0
            } else {
                0.0
            },
            course: r.course,
            title: r.title,
            year: r.year,
            cohorts: r.cohorts,
            trainees: r.trainees,
            completed: r.completed,
            qualifications: r.qualifications,
        })
        .collect())
}
