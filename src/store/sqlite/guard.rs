//! SQLite's errors in kiln's terms, in one table: the schema's guards (a
//! trigger's `RAISE(ABORT, 'code')` arrives as SQLITE_CONSTRAINT_TRIGGER with
//! the code as its only payload; a UNIQUE index as SQLITE_CONSTRAINT_UNIQUE)
//! and the faults of the file or the disk.

use rusqlite::{ErrorCode, ffi};

use crate::error::{Error, Fault};
use crate::store::{EngineError, Guard};

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Engine(EngineError::Lite(e))
    }
}

/// The schema's guard that refused the write, if that is what this is.
pub(in crate::store) fn guard(e: &rusqlite::Error) -> Option<Guard> {
    let rusqlite::Error::SqliteFailure(f, msg) = e else { return None };
    match f.extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => Some(Guard::Unique),
        ffi::SQLITE_CONSTRAINT_TRIGGER => msg.as_deref().and_then(Guard::named),
        _ => None,
    }
}

/// True if the file is not an SQLite database at all.
pub(in crate::store) fn not_a_database(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(ErrorCode::NotADatabase)
}

/// The fault this is about, if it is about the file or the disk rather
/// than the request.
pub(in crate::store) fn fault(e: &rusqlite::Error) -> Option<Fault> {
    let rusqlite::Error::SqliteFailure(f, _) = e else { return None };
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
