//! The read queries of the reports (screen 6, `kiln report`), one file per
//! report; the reports in `crate::report` shape what these read.

pub mod dashboard;
pub mod equipment;
pub mod overruns;
pub mod people;
pub mod programme;
pub mod trends;
pub mod usage;

use crate::store::Sql;

/// The year of the day column `column`, as an integer: SQLite keeps a day
/// as `YYYY-MM-DD` text, PostgreSQL as a `date`.
fn year_of(db: Sql<'_>, column: &str) -> String {
    match db.dialect() {
        crate::store::Dialect::Sqlite => format!("CAST(substr({column}, 1, 4) AS INTEGER)"),
        crate::store::Dialect::Postgres => format!("CAST(extract(year FROM {column}) AS INTEGER)"),
    }
}
