//! The centre's settings: a value for the centre or for one machine.

use crate::domain::Minute;
use crate::error::Result;
use crate::store::Sql;

/// A value as stored, and when and by whom it was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub value: String,
    pub set_at: Minute,
    pub set_by: String,
}

const STORED: &str =
    "SELECT value, set_at, set_by FROM setting WHERE key = ?1 AND coalesce(equipment_id, 0) = coalesce(?2, 0)";

pub fn stored(db: Sql<'_>, key: &str, equipment_id: Option<i64>) -> Result<Option<Stored>> {
    db.opt(STORED, &[&key, &equipment_id], |r| Ok(Stored { value: r.get(0)?, set_at: r.get(1)?, set_by: r.get(2)? }))
}

/// The stored value alone: what is in force does not depend on when it was set.
pub fn value(db: Sql<'_>, key: &str, equipment_id: Option<i64>) -> Result<Option<String>> {
    db.opt(STORED, &[&key, &equipment_id], |r| r.get(0))
}

/// Every machine's own value: (key, machine code, value).
pub fn machines(db: Sql<'_>) -> Result<Vec<(String, String, Stored)>> {
    db.all(
        "SELECT s.key, e.code, s.value, s.set_at, s.set_by FROM setting s JOIN equipment e ON e.id = s.equipment_id
          ORDER BY s.key, e.code",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, Stored { value: r.get(2)?, set_at: r.get(3)?, set_by: r.get(4)? })),
    )
}

pub fn put(db: Sql<'_>, key: &str, equipment_id: Option<i64>, value: &str, at: Minute, by: &str) -> Result<()> {
    db.run(
        "INSERT INTO setting (key, equipment_id, value, set_at, set_by) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key, coalesce(equipment_id, 0)) DO UPDATE
                    SET value = excluded.value, set_at = excluded.set_at, set_by = excluded.set_by",
        &[&key, &equipment_id, &value, &at, &by],
    )?;
    Ok(())
}

/// Every stored setting: (key, machine code, value), in the order written
/// (PostgreSQL has no rowid and the table no id: by the minute set, then
/// by key and machine).
pub fn all(db: Sql<'_>) -> Result<Vec<(String, Option<String>, String)>> {
    db.all(
        db.pick(
            "SELECT s.key, e.code, s.value FROM setting s LEFT JOIN equipment e ON e.id = s.equipment_id ORDER BY s.rowid",
            "SELECT s.key, e.code, s.value FROM setting s LEFT JOIN equipment e ON e.id = s.equipment_id
              ORDER BY s.set_at, s.key, s.equipment_id NULLS FIRST",
        ),
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
