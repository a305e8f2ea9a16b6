//! What a booking's period meets beside its own row: the active booking
//! and the held downtime it may run into, the company's quota and the
//! machine's required courses — asked in one query each time, as each
//! question to a server is a round trip.

use crate::domain::Minute;
use crate::error::Result;
use crate::store::{Row, Sql};

/// An active booking a period may run into: id, start, end, person's name,
/// company's name.
pub type Active = (i64, Minute, Minute, String, Option<String>);

/// A held downtime a period may run into: start, end, reason.
pub type Held = (Minute, Minute, String);

/// The text of [`last_before`]: the active booking and the held downtime a
/// period may run into, as rows tagged 1 and 2 of seven columns (tag, id,
/// start, end, who or why, company, hours), so that [`around`] can add its
/// own parts to the same query.
macro_rules! runs_into {
    () => {
        "SELECT * FROM (SELECT 1, b.id, b.start, b.end, p.name, c.name, CAST(NULL AS INTEGER)
                          FROM booking b INDEXED BY booking_active
                          JOIN person p ON p.id = b.person_id LEFT JOIN company c ON c.id = b.company_id
                         WHERE b.equipment_id = ?1 AND b.state IN ('requested', 'approved', 'in-use') AND b.start < ?2
                         ORDER BY b.start DESC LIMIT 1) AS booked
         UNION ALL
         SELECT * FROM (SELECT 2, CAST(NULL AS INTEGER), start, end, reason, CAST(NULL AS TEXT), CAST(NULL AS INTEGER)
                          FROM downtime INDEXED BY downtime_held
                         WHERE equipment_id = ?1 AND state IN ('pending', 'active') AND start < ?3
                         ORDER BY start DESC LIMIT 1) AS held"
    };
}

/// What a new booking of a machine meets: what its period may run into, the
/// company's quota of the machine and the courses the machine requires.
#[derive(Debug, Default)]
pub struct Around {
    pub booked: Option<Active>,
    pub held: Option<Held>,
    /// Hours a month, if the company has a quota of the machine.
    pub quota_hours: Option<i64>,
    /// The codes of the courses the machine requires, in order.
    pub courses: Vec<String>,
}

fn tagged(r: &Row<'_, '_>, found: &mut Around) -> Result<()> {
    match r.get::<i64>(0)? {
        1 => found.booked = Some((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        2 => found.held = Some((r.get(2)?, r.get(3)?, r.get(4)?)),
        3 => found.quota_hours = r.get(6)?,
        _ => found.courses.push(r.get(4)?),
    }
    Ok(())
}

/// What a period of a machine may run into, in one query (each half one
/// index seek): the active booking with the greatest start before
/// `booking_before`, and the held downtime with the greatest start before
/// `downtime_before`.
pub fn last_before(
    db: Sql<'_>,
    equipment_id: i64,
    booking_before: Minute,
    downtime_before: Minute,
) -> Result<(Option<Active>, Option<Held>)> {
    let mut found = Around::default();
    db.each(runs_into!(), &[&equipment_id, &booking_before, &downtime_before], |r| tagged(r, &mut found))?;
    Ok((found.booked, found.held))
}

/// [`last_before`], the quota of `company_id` (if any) and the machine's
/// required courses, in one query: all a new booking is checked against
/// beyond its own period, one round trip on a server.
pub fn around(
    db: Sql<'_>,
    equipment_id: i64,
    booking_before: Minute,
    downtime_before: Minute,
    company_id: Option<i64>,
) -> Result<Around> {
    let mut found = Around::default();
    db.each(
        concat!(
            runs_into!(),
            "
         UNION ALL
         SELECT 3, CAST(NULL AS INTEGER), CAST(NULL AS TIMESTAMP), CAST(NULL AS TIMESTAMP), CAST(NULL AS TEXT),
                CAST(NULL AS TEXT), hours_per_month
           FROM quota WHERE company_id = ?4 AND equipment_id = ?1
         UNION ALL
         SELECT 4, CAST(NULL AS INTEGER), CAST(NULL AS TIMESTAMP), CAST(NULL AS TIMESTAMP), c.code,
                CAST(NULL AS TEXT), CAST(NULL AS INTEGER)
           FROM course_equipment ce JOIN course c ON c.id = ce.course_id WHERE ce.equipment_id = ?1
         ORDER BY 1, 5"
        ),
        &[&equipment_id, &booking_before, &downtime_before, &company_id],
        |r| tagged(r, &mut found),
    )?;
    Ok(found)
}
