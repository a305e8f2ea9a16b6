//! Use that ran past the start of the machine's next booking.

use crate::domain::Minute;
use crate::error::Result;
use crate::store::Sql;

/// One overrun as stored: the booking that ran over and the one it ran into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverrunRow {
    pub booking: i64,
    pub equipment: String,
    pub person: String,
    pub company: Option<String>,
    pub booked_end: Minute,
    pub actual_end: Option<Minute>,
    pub into: i64,
    pub into_start: Minute,
    pub into_person: String,
    pub into_company: Option<String>,
}

/// The overruns of bookings that started in `[from, to)`, by start.
pub fn started_within(db: Sql<'_>, from: Minute, to: Minute) -> Result<Vec<OverrunRow>> {
    db.all(
        "SELECT b.id, e.code, p.name, c.name, b.end, b.actual_end, n.id, n.start, np.name, nc.name
           FROM booking b INDEXED BY booking_overran
           JOIN equipment e ON e.id = b.equipment_id JOIN person p ON p.id = b.person_id
           LEFT JOIN company c ON c.id = b.company_id
           JOIN booking n ON n.id = b.overran JOIN person np ON np.id = n.person_id
           LEFT JOIN company nc ON nc.id = n.company_id
          WHERE b.overran IS NOT NULL AND b.start >= ?1 AND b.start < ?2
          ORDER BY b.start, b.id",
        &[&from, &to],
        |r| {
            Ok(OverrunRow {
                booking: r.get(0)?,
                equipment: r.get(1)?,
                person: r.get(2)?,
                company: r.get(3)?,
                booked_end: r.get(4)?,
                actual_end: r.get(5)?,
                into: r.get(6)?,
                into_start: r.get(7)?,
                into_person: r.get(8)?,
                into_company: r.get(9)?,
            })
        },
    )
}
