//! Every SQL text of kiln, by area: each function binds typed values and
//! makes typed rows. Written in the subset both engines speak; where they
//! differ, the function picks its engine's own text.

pub mod audit;
pub mod booking;
pub mod calendar;
pub mod centre;
pub mod check;
pub mod company;
pub mod consumable;
pub mod demo;
pub mod deposit;
pub mod downtime;
pub mod equipment;
pub mod import;
pub mod invoice;
pub mod lease;
pub mod operator;
pub mod party;
pub mod person;
pub mod project;
pub mod quota;
pub mod report;
pub mod room;
pub(crate) mod search;
pub mod setting;
pub mod statement;
pub mod supplier;
pub mod training;
pub mod voucher;
pub mod yearly;

use crate::store::{Dialect, Sql};

/// The year of the day or minute column `column`, as an integer: SQLite
/// keeps them as text that starts `YYYY`, PostgreSQL as `date`/`timestamp`.
pub(crate) fn year_of(db: Sql<'_>, column: &str) -> String {
    match db.dialect() {
        Dialect::Sqlite => format!("CAST(substr({column}, 1, 4) AS INTEGER)"),
        Dialect::Postgres => format!("CAST(extract(year FROM {column}) AS INTEGER)"),
    }
}

/// The month `YYYY-MM` of the day or minute column `column`, as text.
pub(crate) fn month_of(db: Sql<'_>, column: &str) -> String {
    match db.dialect() {
        Dialect::Sqlite => format!("substr({column}, 1, 7)"),
        Dialect::Postgres => format!("to_char({column}, 'YYYY-MM')"),
    }
}
