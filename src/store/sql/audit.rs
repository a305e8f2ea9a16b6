//! The audit log: appended in the use case's own transaction.

use crate::domain::Minute;
use crate::error::Result;
use crate::store::Sql;

/// One entry: who, when, which row, what was done, and the row before and
/// after as JSON text.
pub struct Entry<'a> {
    pub at: Minute,
    pub who: &'a str,
    pub entity: &'a str,
    pub id: &'a str,
    pub action: &'a str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Appended with the transaction's end on PostgreSQL (see
/// [`Sql::append`]): nothing in a use case reads the audit log it writes.
pub fn append(db: Sql<'_>, e: &Entry<'_>) -> Result<()> {
    db.append(
        "INSERT INTO audit_log (at, who, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[&e.at, &e.who, &e.entity, &e.id, &e.action, &e.before, &e.after],
    )
}
