//! How the machines stand now: seeks on the active indexes.

use std::collections::HashMap;

use crate::domain::Minute;
use crate::error::Result;
use crate::store::{Row, Sql};

/// The active booking of the machine that started last by `now`.
pub fn booking_at(db: Sql<'_>, equipment_id: i64, now: Minute) -> Result<Option<i64>> {
    db.opt(
        "SELECT id FROM booking INDEXED BY booking_active WHERE equipment_id = ?1
               AND state IN ('requested', 'approved', 'in-use') AND start <= ?2 ORDER BY start DESC LIMIT 1",
        &[&equipment_id, &now],
        |r| r.get(0),
    )
}

/// The machine's first active booking after `now` and before `tomorrow`.
pub fn next_before(db: Sql<'_>, equipment_id: i64, now: Minute, tomorrow: Minute) -> Result<Option<i64>> {
    db.opt(
        "SELECT id FROM booking INDEXED BY booking_active WHERE equipment_id = ?1
               AND state IN ('requested', 'approved', 'in-use') AND start > ?2 AND start < ?3 ORDER BY start LIMIT 1",
        &[&equipment_id, &now, &tomorrow],
        |r| r.get(0),
    )
}

/// Keeps the row's `(machine, id)` if it is the machine's first: the rows
/// stream by in the order that puts the one wanted first.
fn keep_first(out: &mut HashMap<i64, i64>, r: &Row<'_, '_>) -> Result<()> {
    let (machine, id) = (r.get::<i64>(0)?, r.get::<i64>(1)?);
    out.entry(machine).or_insert(id);
    Ok(())
}

/// Per machine, the active downtime over the minute from `at` that starts
/// first.
pub fn down_now(db: Sql<'_>, at: Minute, next_minute: Minute) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    db.each(
        "SELECT equipment_id, id FROM downtime INDEXED BY downtime_held
          WHERE state IN ('pending', 'active') AND state = 'active' AND start < ?1 AND end > ?2
          ORDER BY equipment_id, start",
        &[&next_minute, &at],
        |r| keep_first(&mut out, r),
    )?;
    Ok(out)
}

/// Per machine, the active booking that started last by `at`.
pub fn started_by(db: Sql<'_>, at: Minute) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    db.each(
        "SELECT equipment_id, id FROM booking INDEXED BY booking_state_start
          WHERE state IN ('requested', 'approved', 'in-use') AND start <= ?1 ORDER BY equipment_id, start DESC",
        &[&at],
        |r| keep_first(&mut out, r),
    )?;
    Ok(out)
}

/// Per machine, the first active booking after `at` and before `tomorrow`.
pub fn later(db: Sql<'_>, at: Minute, tomorrow: Minute) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    db.each(
        "SELECT equipment_id, id FROM booking INDEXED BY booking_state_start
          WHERE state IN ('requested', 'approved', 'in-use') AND start > ?1 AND start < ?2 ORDER BY equipment_id, start",
        &[&at, &tomorrow],
        |r| keep_first(&mut out, r),
    )?;
    Ok(out)
}

/// Bookings waiting for approval, as screen 4's queue counts them.
pub fn requested(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT count(*) FROM booking WHERE state = 'requested'", &[])
}
