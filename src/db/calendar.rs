//! The days machines are not booked: Korean public holidays (in the code) and
//! the centre's own closed days (in the database, added by admins).

use chrono::{Datelike, NaiveDate};

use super::Store;
use super::write::json;
use crate::domain::holidays::{self, HolidayKind};
use crate::domain::time::{date_text, parse_date};
use crate::domain::{Capability, Field, ForField, text};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::calendar as sql;

pub use crate::store::sql::calendar::Day;

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
pub fn closed_on(db: Sql<'_>, date: NaiveDate) -> Result<Option<String>> {
    if let Some(h) = holidays::holiday_on(date) {
        return Ok(Some(h.name_ko.to_owned()));
    }
    sql::closed_on(db, date)
}

/// Public holidays and closed days of a year, by date.
pub fn year(store: &Store, year: i32) -> Result<Vec<Day>> {
    let mut days: Vec<Day> = holidays::holidays(year)
        .into_iter()
        .map(|h| Day { date: h.date, name: h.name_ko.to_owned(), kind: kind_code(h.kind) })
        .collect();
    days.extend(sql::closed_in(store.sql(), year)?);
    days.sort_by_key(|d| d.date);
    Ok(days)
}

/// The English name of a public holiday, for `--lang en`.
pub fn english_name(date: NaiveDate) -> Option<&'static str> {
    holidays::holiday_on(date).map(|h| h.name_en)
}

/// Closes the centre on a day (admins only): machines are not booked then
/// unless they take bookings on holidays.
pub fn add_closed_day(store: &mut Store, date: &str, name: &str) -> Result<Day> {
    let d = parse_date(date).field(Field::Date, date)?;
    let name = text::name(name, 50).field(Field::Name, name)?;
    store.write(Capability::ManageOperators, |w| {
        if sql::closed_on(w.sql(), d)?.is_some() {
            return Err(Refusal::Duplicate { field: Field::Date, value: date_text(d) }.into());
        }
        sql::add_closed(w.sql(), d, &name, w.who(), w.now())?;
        let day = Day { date: d, name: name.clone(), kind: "closed" };
        w.audit("closed_day", &date_text(day.date), "add", None, Some(json(&day)))?;
        Ok(day)
    })
}

pub fn closed_days(store: &Store) -> Result<Vec<Day>> {
    sql::closed_days(store.sql())
}

/// True for Saturdays and Sundays, for calendars that shade them.
pub fn is_weekend(d: NaiveDate) -> bool {
    d.weekday().num_days_from_monday() >= 5
}
