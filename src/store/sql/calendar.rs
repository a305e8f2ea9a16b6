//! The centre's own closed days.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::Minute;
use crate::error::Result;
use crate::store::{Row, Sql};

/// A day machines are not booked: a public holiday or a closed day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub name: String,
    /// fixed | lunar | substitute | election | temporary | closed
    pub kind: &'static str,
}

fn closed(r: &Row<'_, '_>) -> Result<Day> {
    Ok(Day { date: r.get(0)?, name: r.get(1)?, kind: "closed" })
}

/// The name of the closed day on `date`, if it is one.
pub fn closed_on(db: Sql<'_>, date: NaiveDate) -> Result<Option<String>> {
    db.opt("SELECT name FROM closed_day WHERE date = ?1", &[&date], |r| r.get(0))
}

/// The closed days of a year, by date.
pub fn closed_in(db: Sql<'_>, year: i32) -> Result<Vec<Day>> {
    // A range of typed days, not `LIKE 'YYYY-%'`: a day is a `date` on
    // PostgreSQL, which LIKE does not take.
    let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year + 1, 1, 1)) else {
        return Ok(Vec::new());
    };
    db.all("SELECT date, name FROM closed_day WHERE date >= ?1 AND date < ?2 ORDER BY date", &[&from, &to], closed)
}

pub fn closed_days(db: Sql<'_>) -> Result<Vec<Day>> {
    db.all("SELECT date, name FROM closed_day ORDER BY date", &[], closed)
}

pub fn add_closed(db: Sql<'_>, date: NaiveDate, name: &str, by: &str, at: Minute) -> Result<()> {
    db.run(
        "INSERT INTO closed_day (date, name, added_by, added_at) VALUES (?1, ?2, ?3, ?4)",
        &[&date, &name, &by, &at],
    )?;
    Ok(())
}
