//! Overruns: use that ran past the start of the machine's next booking. They
//! are recorded, never refused (the work happened); the manager reads them
//! here to talk to the people whose time was taken.

use serde::{Serialize, Serializer};

use crate::db::Store;
use crate::domain::Minute;
use crate::domain::lease::month_period;
use crate::error::Result;
use crate::store::sql::report::overruns::{self as sql, OverrunRow};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overrun {
    pub booking: i64,
    pub equipment: String,
    pub who: String,
    /// When the booking was to end, and when use really ended.
    pub booked_end: Minute,
    /// The report has always written an end not recorded as empty text.
    #[serde(serialize_with = "or_empty")]
    pub actual_end: Option<Minute>,
    /// The booking it ran into: its number, start and person.
    pub into: i64,
    pub into_start: Minute,
    pub into_who: String,
}

// serde's `serialize_with` hands the field over by reference.
#[allow(clippy::ref_option)]
fn or_empty<S: Serializer>(m: &Option<Minute>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match m {
        Some(m) => m.serialize(s),
        None => s.serialize_str(""),
    }
}

impl Overrun {
    /// When use really ended, or nothing if it was not recorded.
    pub fn actual_end_text(&self) -> String {
        self.actual_end.map_or_else(String::new, |m| m.to_string())
    }
}

/// The overruns of bookings that started in `year`-`month`, by start.
pub fn of_month(store: &Store, year: i32, month: u32) -> Result<Vec<Overrun>> {
    let Some(span) = month_period(year, month) else { return Ok(Vec::new()) };
    let (from, to) = (Minute::at(span.start(), 0, 0), Minute::at(span.end(), 0, 0));
    let who = |person: String, company: Option<String>| match company {
        Some(c) => format!("{person}({c})"),
        None => person,
    };
    Ok(sql::started_within(store.sql(), from, to)?
        .into_iter()
        .map(|r: OverrunRow| Overrun {
            booking: r.booking,
            equipment: r.equipment,
            who: who(r.person, r.company),
            booked_end: r.booked_end,
            actual_end: r.actual_end,
            into: r.into,
            into_start: r.into_start,
            into_who: who(r.into_person, r.into_company),
        })
        .collect())
}
