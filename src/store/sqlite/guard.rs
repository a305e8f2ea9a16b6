//! SQLite's errors in kiln's terms, in one table: the schema's guards (a
//! trigger's `RAISE(ABORT, 'code')` arrives as SQLITE_CONSTRAINT_TRIGGER with
//! the code as its only payload; a UNIQUE index as SQLITE_CONSTRAINT_UNIQUE)
//! and the faults of the file or the disk.

use rusqlite::{ErrorCode, ffi};

use crate::error::{Error, Fault};
use crate::store::Guard;

/// An error of the engine that no rule of the centre explains, kept whole so
/// that its message can be shown.
#[derive(Debug)]
pub struct EngineError(rusqlite::Error);

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for EngineError {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Engine(EngineError(e))
    }
}

impl EngineError {
    /// The schema's guard that refused the write, if that is what this is.
    pub fn guard(&self) -> Option<Guard> {
        let rusqlite::Error::SqliteFailure(f, msg) = &self.0 else { return None };
        match f.extended_code {
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => Some(Guard::Unique),
            ffi::SQLITE_CONSTRAINT_TRIGGER => msg.as_deref().and_then(Guard::named),
            _ => None,
        }
    }

    /// True if the file is not an SQLite database at all.
    pub fn not_a_database(&self) -> bool {
        self.0.sqlite_error_code() == Some(ErrorCode::NotADatabase)
    }

    /// The fault this is about, if it is about the file or the disk rather
    /// than the request.
    pub fn fault(&self) -> Option<Fault> {
        let rusqlite::Error::SqliteFailure(f, _) = &self.0 else { return None };
        Some(match f.code {
            ErrorCode::ReadOnly => match f.extended_code {
                ffi::SQLITE_READONLY_DIRECTORY | ffi::SQLITE_READONLY_CANTINIT | ffi::SQLITE_READONLY_CANTLOCK => {
                    Fault::ReadOnlyFolder
                }
                _ => Fault::ReadOnlyFile,
            },
            ErrorCode::DiskFull => Fault::DiskFull,
            ErrorCode::SystemIoFailure => Fault::Io,
            ErrorCode::DatabaseCorrupt => Fault::Corrupt,
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Fault::Busy,
            ErrorCode::CannotOpen => Fault::CantOpen,
            _ => return None,
        })
    }
}
