//! The large demo's bulk writes: one INSERT per table, each a statement
//! prepared once and run per row with typed values, inside the one
//! transaction the load holds. Nothing here reads back what it wrote.

pub mod billing;
pub mod centre;
pub mod equipment;
pub mod training;
pub mod vouchers;

use crate::error::Result;
use crate::store::{Dialect, Sql};

/// Sets the connection up for a load: the indexes of a million bookings are
/// written far faster when their pages stay in the cache, and each INSERT a
/// trigger could abort keeps a statement journal of the pages it changes,
/// which costs little in memory and much in a temp file.
/// (PostgreSQL keeps its own cache; nothing to set.)
pub fn loading(db: Sql<'_>) -> Result<()> {
    match db.dialect() {
        Dialect::Sqlite => db.batch("PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY"),
        Dialect::Postgres => Ok(()),
    }
}

/// Puts back what [`loading`] changed (SQLite's defaults). On PostgreSQL,
/// moves each table's id counter past the ids the load wrote itself, so
/// that the next row kiln adds gets a free one.
pub fn loaded(db: Sql<'_>) -> Result<()> {
    match db.dialect() {
        Dialect::Sqlite => db.batch("PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT"),
        Dialect::Postgres => crate::store::sql::centre::ids_past_the_highest(db),
    }
}

/// Checks foreign keys at the commit instead of row by row, for the rest of
/// this transaction: the sessions go in after the attendance that names them.
pub fn defer_foreign_keys(db: Sql<'_>) -> Result<()> {
    db.batch(db.pick("PRAGMA defer_foreign_keys = ON", "SET CONSTRAINTS ALL DEFERRED"))
}
