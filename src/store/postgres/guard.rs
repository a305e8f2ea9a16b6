//! PostgreSQL's errors in kiln's terms, in one table: the schema's guards
//! arrive with a SQLSTATE (23P01 an exclusion, 23505 a unique key, 23514 a
//! check or a trigger's refusal) and the constraint's name, which is the
//! guard's own name (`booking_overlap`); the faults of the server or the
//! connection by their SQLSTATE class.

use postgres::error::SqlState;

use crate::error::Fault;
use crate::store::Guard;

/// The schema's guard that refused the write, if that is what this is.
pub(in crate::store) fn guard(e: &postgres::Error) -> Option<Guard> {
    let db = e.as_db_error()?;
    let code = db.code();
    let named = db.constraint().and_then(Guard::named);
    if [SqlState::EXCLUSION_VIOLATION, SqlState::CHECK_VIOLATION, SqlState::UNIQUE_VIOLATION, SqlState::RAISE_EXCEPTION]
        .contains(code)
        && named.is_some()
    {
        return named;
    }
    (*code == SqlState::UNIQUE_VIOLATION).then_some(Guard::Unique)
}

/// The fault this is about, if it is about the server or the connection
/// rather than the request.
pub(in crate::store) fn fault(e: &postgres::Error) -> Option<Fault> {
    let db = e.as_db_error()?;
    let code = db.code();
    Some(match code.code() {
        "53100" => Fault::DiskFull,
        "25006" => Fault::ReadOnlyFile,
        "55P03" | "40001" | "40P01" => Fault::Busy,
        "58030" => Fault::Io,
        "XX001" | "XX002" => Fault::Corrupt,
        _ => return None,
    })
}

/// True if PostgreSQL refused for want of a privilege (42501): the role
/// connected lacks a grant that kiln's roles.sql gives its group, or is in
/// no kiln group at all.
pub(in crate::store) fn denied(e: &postgres::Error) -> bool {
    e.as_db_error().is_some_and(|db| *db.code() == SqlState::INSUFFICIENT_PRIVILEGE)
}

/// The server's own words for an error.
pub(in crate::store) fn message(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_owned();
    }
    // The crate's own line names only the kind ("error performing TLS
    // handshake"); what went wrong is in its source.
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

pub(in crate::store) fn describe(e: &postgres::Error, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    f.write_str(&message(e))
}
