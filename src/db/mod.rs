//! The SQLite store: opening and migrating the file, and every use case as one
//! `BEGIN IMMEDIATE` transaction that checks the role, validates, writes and
//! audits. All SQL lives here (and read-only queries in `report`).

pub mod backup;
pub mod booking;
pub mod calendar;
pub mod check;
pub mod company;
pub mod downtime;
pub mod equipment;
pub mod lease;
mod migrate;
pub mod operator;
pub mod person;
pub mod quota;
pub mod room;
pub mod statement;
pub mod training;
mod write;
pub mod yearly;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::domain::{Clock, Minute, SystemClock};
use crate::error::{Error, Result};

pub use migrate::LATEST as SCHEMA_VERSION;
pub use write::Write;

/// One open kiln database and who is using it.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    user: String,
    clock: Arc<dyn Clock>,
}

/// A page of a list: which rows to fetch, never the whole table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub offset: u32,
    pub limit: u32,
}

impl Page {
    pub const ALL_FOR_CLI: Page = Page { offset: 0, limit: u32::MAX };

    pub fn new(offset: u32, limit: u32) -> Self {
        Self { offset, limit }
    }
}

impl Store {
    /// Opens (creating if need be) the database at `path` as the OS account
    /// that runs kiln, with the system clock.
    pub fn open(path: &Path) -> Result<Store> {
        let user = whoami::username().unwrap_or_else(|_| "unknown".to_owned());
        Store::open_as(path, &user, Arc::new(SystemClock))
    }

    /// Opens as a named operator with a given clock. The binary passes the OS
    /// account; tests pass whom they need.
    pub fn open_as(path: &Path, user: &str, clock: Arc<dyn Clock>) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(e, path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Read the version before any pragma that writes, so a file from a
        // newer kiln (or not a database at all) is left byte-identical.
        let found = migrate::user_version(&conn).map_err(|e| classify(e, path))?;
        if found > migrate::LATEST {
            return Err(Error::SchemaTooNew { path: path.to_owned(), found, supported: migrate::LATEST });
        }
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Keep each cached statement's plan: without this, SQLite marks a
        // statement with bound parameters for recompiling whenever the cache
        // resets it, and the booking checks spend a third of their time
        // re-preparing. kiln forces its indexes, so no plan is lost.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        let mut store = Store { conn, path: path.to_owned(), user: user.to_owned(), clock };
        migrate::migrate(&mut store.conn, path)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The operator's account name.
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn now(&self) -> Minute {
        self.clock.now()
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    /// Changes whenever another connection commits: the TUI polls it to
    /// redraw what other terminals wrote.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The connection, for the demo's reads of what it just wrote.
    pub(crate) fn conn_for_demo(&self) -> &Connection {
        &self.conn
    }

    /// For read queries in `db` and `report`.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` — many small use cases loading a new database — without
    /// waiting for the disk after each one, then makes it all durable at
    /// once. Only for filling a database nobody else relies on yet: a crash
    /// midway loses the load, never older data.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let out = f(self);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        let _: (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(FULL)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        out
    }

    /// True if the database holds no companies, rooms or people yet.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM company) + (SELECT count(*) FROM room) + (SELECT count(*) FROM person)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }
}

/// Turns "file is not a database" into kiln's own error.
fn classify(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase { path: path.to_owned() },
        _ => Error::Sqlite(e),
    }
}

/// The code a schema trigger aborted with (`RAISE(ABORT, 'code')`), if that is
/// what `e` is.
pub(crate) fn raised(e: &rusqlite::Error) -> Option<&str> {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) if f.code == ErrorCode::ConstraintViolation => Some(msg.as_str()),
        _ => None,
    }
}

/// True if `e` is a UNIQUE constraint failure.
pub(crate) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}
