//! The days machines are not booked: Korean public holidays (in the code) and
//! the centre's own closed days (in the database, added by admins).

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Store;
use super::write::json;
use crate::domain::holidays::{self, HolidayKind};
use crate::domain::time::{date_text, parse_date};
use crate::domain::{Capability, Field, ForField, text};
use crate::error::{Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: String,
    pub name: String,
    /// fixed | lunar | substitute | election | temporary | closed
    pub kind: &'static str,
}

fn kind_code(k: HolidayKind) -> &'static str {
    match k {
        HolidayKind::Fixed => "fixed",
        HolidayKind::Lunar => "lunar",
        HolidayKind::Substitute => "substitute",
        HolidayKind::Election => "election",
        HolidayKind::Temporary => "temporary",
    }
}

/// The name of the holiday or closed day on `date`, if it is one.
pub fn closed_on(conn: &Connection, date: NaiveDate) -> Result<Option<String>> {
    if let Some(h) = holidays::holiday_on(date) {
        return Ok(Some(h.name_ko.to_owned()));
    }
    Ok(conn
        .prepare_cached("SELECT name FROM closed_day WHERE date = ?1")?
        .query_row([date_text(date)], |r| r.get(0))
        .optional()?)
}

/// Public holidays and closed days of a year, by date.
pub fn year(store: &Store, year: i32) -> Result<Vec<Day>> {
    let mut days: Vec<Day> = holidays::holidays(year)
        .into_iter()
        .map(|h| Day { date: date_text(h.date), name: h.name_ko.to_owned(), kind: kind_code(h.kind) })
        .collect();
    let mut st = store.conn().prepare_cached("SELECT date, name FROM closed_day WHERE date LIKE ?1 ORDER BY date")?;
    let closed =
        st.query_map([format!("{year}-%")], |r| Ok(Day { date: r.get(0)?, name: r.get(1)?, kind: "closed" }))?;
    for c in closed {
        days.push(c?);
    }
    days.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(days)
}

/// The English name of a public holiday, for `--lang en`.
pub fn english_name(date: &str) -> Option<&'static str> {
    crate::domain::time::stored_date(date).and_then(holidays::holiday_on).map(|h| h.name_en)
}

/// Closes the centre on a day (admins only): machines are not booked then
/// unless they take bookings on holidays.
pub fn add_closed_day(store: &mut Store, date: &str, name: &str) -> Result<Day> {
    let d = parse_date(date).field(Field::Date, date)?;
    let name = text::name(name, 50).field(Field::Name, name)?;
    store.write(Capability::ManageOperators, |w| {
        let taken: Option<String> = w
            .conn()
            .query_row("SELECT name FROM closed_day WHERE date = ?1", [date_text(d)], |r| r.get(0))
            .optional()?;
        if taken.is_some() {
            return Err(Refusal::Duplicate { field: Field::Date, value: date_text(d) }.into());
        }
        w.conn().execute(
            "INSERT INTO closed_day (date, name, added_by, added_at) VALUES (?1, ?2, ?3, ?4)",
            params![date_text(d), name, w.who(), w.now().to_string()],
        )?;
        let day = Day { date: date_text(d), name: name.clone(), kind: "closed" };
        w.audit("closed_day", &day.date, "add", None, Some(json(&day)))?;
        Ok(day)
    })
}

pub fn closed_days(store: &Store) -> Result<Vec<Day>> {
    let mut st = store.conn().prepare_cached("SELECT date, name FROM closed_day ORDER BY date")?;
    let rows = st
        .query_map([], |r| Ok(Day { date: r.get(0)?, name: r.get(1)?, kind: "closed" }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// True for Saturdays and Sundays, for calendars that shade them.
pub fn is_weekend(d: NaiveDate) -> bool {
    d.weekday().num_days_from_monday() >= 5
}
