//! The people tab's figures per person.

use chrono::NaiveDate;

use crate::domain::Minute;
use crate::error::Result;
use crate::store::Sql;

/// `(valid, expiring, expired)` qualifications of the person `code` on
/// `today`, expiring meaning a last valid day by `soon`.
pub fn qualification_counts(db: Sql<'_>, code: &str, today: NaiveDate, soon: NaiveDate) -> Result<(i64, i64, i64)> {
    db.one(
        "SELECT count(*) FILTER (WHERE q.revoked_at IS NULL AND q.valid_until >= ?2 AND q.valid_from <= ?2),
                        count(*) FILTER (WHERE q.revoked_at IS NULL AND q.valid_until >= ?2 AND q.valid_until <= ?3),
                        count(*) FILTER (WHERE q.revoked_at IS NOT NULL OR q.valid_until < ?2)
                   FROM qualification q JOIN person p ON p.id = q.person_id WHERE p.code = ?1",
        &[&code, &today, &soon],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The start and machine code of the person's next active booking not over
/// by `now`.
pub fn next_booking(db: Sql<'_>, code: &str, now: Minute) -> Result<Option<(Minute, String)>> {
    db.opt(
        "SELECT b.start, e.code FROM booking b INDEXED BY booking_person
                   JOIN person p ON p.id = b.person_id JOIN equipment e ON e.id = b.equipment_id
                  WHERE p.code = ?1 AND b.end > ?2 AND b.state IN ('requested', 'approved', 'in-use')
                  ORDER BY b.start LIMIT 1",
        &[&code, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
