//! An engine's error that no rule of the centre explains, kept whole so that
//! its message can be shown; each engine's `guard.rs` reads its own kind.

use super::{Guard, postgres, sqlite};
use crate::error::Fault;

#[derive(Debug)]
pub enum EngineError {
    Lite(rusqlite::Error),
    Pg(::postgres::Error),
    /// A stored value or a result not of the shape kiln wrote.
    Shape(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Lite(e) => e.fmt(f),
            EngineError::Pg(e) => postgres::describe(e, f),
            EngineError::Shape(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for EngineError {}

impl From<EngineError> for crate::Error {
    fn from(e: EngineError) -> Self {
        crate::Error::Engine(e)
    }
}

impl EngineError {
    /// The schema's guard that refused the write, if that is what this is.
    pub fn guard(&self) -> Option<Guard> {
        match self {
            EngineError::Lite(e) => sqlite::guard(e),
            EngineError::Pg(e) => postgres::guard(e),
            EngineError::Shape(_) => None,
        }
    }

    /// True if the server refused for want of a privilege (PostgreSQL's
    /// grants; SQLite has none).
    pub fn denied(&self) -> bool {
        match self {
            EngineError::Pg(e) => postgres::denied(e),
            _ => false,
        }
    }

    /// True if the file is not an SQLite database at all.
    pub fn not_a_database(&self) -> bool {
        match self {
            EngineError::Lite(e) => sqlite::not_a_database(e),
            _ => false,
        }
    }

    /// The fault this is about, if it is about the file, the disk or the
    /// server rather than the request.
    pub fn fault(&self) -> Option<Fault> {
        match self {
            EngineError::Lite(e) => sqlite::fault(e),
            EngineError::Pg(e) => postgres::fault(e),
            EngineError::Shape(_) => None,
        }
    }
}
