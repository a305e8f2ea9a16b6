//! Savepoints of an all-or-nothing import: one around the whole file, so a
//! dry run can take it all back while its write still commits normally, and
//! one around each row, so a bad row takes back what it half wrote.

use crate::error::Result;
use crate::store::Sql;

/// Which of the import's two savepoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Savepoint {
    /// Around the whole file.
    File,
    /// Around one row, inside the file's.
    Row,
}

pub fn savepoint(db: Sql<'_>, sp: Savepoint) -> Result<()> {
    db.batch(match sp {
        Savepoint::File => "SAVEPOINT import",
        Savepoint::Row => "SAVEPOINT import_row",
    })
}

/// Keeps what was written since `sp` began, and ends it.
pub fn release(db: Sql<'_>, sp: Savepoint) -> Result<()> {
    db.batch(match sp {
        Savepoint::File => "RELEASE import",
        Savepoint::Row => "RELEASE import_row",
    })
}

/// Takes back what was written since `sp` began; `sp` stays open.
pub fn rollback_to(db: Sql<'_>, sp: Savepoint) -> Result<()> {
    db.batch(match sp {
        Savepoint::File => "ROLLBACK TO import",
        Savepoint::Row => "ROLLBACK TO import_row",
    })
}
