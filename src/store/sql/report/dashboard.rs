//! The dashboard's counts.

use crate::domain::Minute;
use crate::error::Result;
use crate::store::Sql;

/// `(stage code, companies)` for each stage that has any.
pub fn stages(db: Sql<'_>) -> Result<Vec<(String, i64)>> {
    db.all("SELECT stage, count(*) FROM company GROUP BY stage", &[], |r| Ok((r.get(0)?, r.get(1)?)))
}

pub fn people(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT count(*) FROM person", &[])
}

/// Bookings waiting for approval.
pub fn pending(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT count(*) FROM booking INDEXED BY booking_state_start WHERE state = 'requested'", &[])
}

/// Active or completed bookings starting in `[from, to)`.
pub fn starting(db: Sql<'_>, from: Minute, to: Minute) -> Result<i64> {
    db.value(
        "SELECT count(*) FROM booking INDEXED BY booking_state_start
                  WHERE state IN ('requested', 'approved', 'in-use', 'completed') AND start >= ?1 AND start < ?2",
        &[&from, &to],
    )
}
