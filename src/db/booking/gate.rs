//! The seam where a machine's required qualification is checked. The
//! training programme decides who is qualified; the booking use case asks
//! here, so the TUI and the CLI are gated alike.

use crate::db::equipment::Equipment;
use crate::domain::Period;
use crate::error::Result;
use crate::store::Sql;

/// Refuses unless the person may use the machine on every day of `period`.
pub(super) fn qualified(db: Sql<'_>, eq: &Equipment, person_id: i64, period: &Period) -> Result<()> {
    crate::db::training::qualification::gate(db, eq, person_id, period)
}

/// [`qualified`] with the machine's required courses already read.
pub(super) fn qualified_for(db: Sql<'_>, courses: Vec<String>, person_id: i64, period: &Period) -> Result<()> {
    crate::db::training::qualification::gate_courses(db, courses, person_id, period)
}
