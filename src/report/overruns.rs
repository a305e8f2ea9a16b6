//! Overruns: use that ran past the start of the machine's next booking. They
//! are recorded, never refused (the work happened); the manager reads them
//! here to talk to the people whose time was taken.

use rusqlite::params;
use serde::Serialize;

use crate::db::Store;
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overrun {
    pub booking: i64,
    pub equipment: String,
    pub who: String,
    /// When the booking was to end, and when use really ended.
    pub booked_end: String,
    pub actual_end: String,
    /// The booking it ran into: its number, start and person.
    pub into: i64,
    pub into_start: String,
    pub into_who: String,
}

/// The overruns of bookings that started in `year`-`month`, by start.
pub fn of_month(store: &Store, year: i32, month: u32) -> Result<Vec<Overrun>> {
    let from = format!("{year:04}-{month:02}-01 00:00");
    let to = format!("{year:04}-{month:02}-32");
    let mut st = store.conn().prepare(
        "SELECT b.id, e.code, p.name, c.name, b.end, b.actual_end, n.id, n.start, np.name, nc.name
           FROM booking b INDEXED BY booking_overran
           JOIN equipment e ON e.id = b.equipment_id JOIN person p ON p.id = b.person_id
           LEFT JOIN company c ON c.id = b.company_id
           JOIN booking n ON n.id = b.overran JOIN person np ON np.id = n.person_id
           LEFT JOIN company nc ON nc.id = n.company_id
          WHERE b.overran IS NOT NULL AND b.start >= ?1 AND b.start < ?2
          ORDER BY b.start, b.id",
    )?;
    let who = |person: String, company: Option<String>| match company {
        Some(c) => format!("{person}({c})"),
        None => person,
    };
    let rows = st
        .query_map(params![from, to], |r| {
            Ok(Overrun {
                booking: r.get(0)?,
                equipment: r.get(1)?,
                who: who(r.get(2)?, r.get(3)?),
                booked_end: r.get(4)?,
                actual_end: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                into: r.get(6)?,
                into_start: r.get(7)?,
                into_who: who(r.get(8)?, r.get(9)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
