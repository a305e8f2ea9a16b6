//! Figures over time: occupancy month by month, the programme year by year,
//! and the training programme's outcomes per course and year.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::occupancy;
use super::programme::{self, Programme};
use crate::db::Store;
use crate::domain::lease::month_start;
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OccupancyPoint {
    /// `2026-11`
    pub month: String,
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
            month: format!("{:04}-{:02}", first.year(), first.month()),
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
    let first: Option<String> = store.conn().query_row("SELECT min(admitted_on) FROM company", [], |r| r.get(0))?;
    let first = first.and_then(|d| d.get(..4).and_then(|y| y.parse::<i32>().ok())).unwrap_or(last);
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
    let rows = store
        .conn()
        .prepare_cached(
            // Each cohort's counts once, summed per course and year: asking
            // per course and year for the counts of all its cohorts took
            // 0.7 s at 5,000 cohorts.
            "SELECT c.code, c.title, CAST(substr(h.completed_on, 1, 4) AS INTEGER), count(*),
                    coalesce(sum(e.trainees), 0), coalesce(sum(e.completed), 0), coalesce(sum(q.n), 0)
               FROM cohort h JOIN course c ON c.id = h.course_id
               LEFT JOIN (SELECT cohort_id, sum(status IN ('completed', 'failed')) AS trainees,
                                 sum(status = 'completed') AS completed
                            FROM enrolment GROUP BY cohort_id) e ON e.cohort_id = h.id
               LEFT JOIN (SELECT cohort_id, count(*) AS n FROM qualification WHERE cohort_id IS NOT NULL
                           GROUP BY cohort_id) q ON q.cohort_id = h.id
              WHERE h.completed_on IS NOT NULL
              GROUP BY c.id, substr(h.completed_on, 1, 4)
              ORDER BY 3 DESC, c.code",
        )?
        .query_map([], |r| {
            let trainees: i64 = r.get(4)?;
            let completed: i64 = r.get(5)?;
            Ok(TrainingOutcome {
                course: r.get(0)?,
                title: r.get(1)?,
                year: r.get(2)?,
                cohorts: r.get(3)?,
                trainees,
                completed,
                completion_rate: if trainees > 0 {
                    (completed as f64 * 1000.0 / trainees as f64).round() / 10.0
                } else {
                    0.0
                },
                qualifications: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
