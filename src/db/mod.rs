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
pub(crate) mod search;
pub mod setting;
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

/// Whether opening may make kiln's schema in a file without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Schema {
    Make,
    Expect,
}

/// Stops the statement its connection is running (the read fails, and the
/// connection stays usable); nothing if none is running.
pub struct Interrupter(rusqlite::InterruptHandle);

impl Interrupter {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
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
        Store::open_with(path, user, clock, Schema::Make)
    }

    /// Opens a kiln database that is already there: an empty file (0 bytes,
    /// or an SQLite file with nothing in it) is refused untouched, since only
    /// `kiln init` and the interface's first run make the schema.
    pub fn open_existing_as(path: &Path, user: &str, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_with(path, user, clock, Schema::Expect)
    }

    fn open_with(path: &Path, user: &str, clock: Arc<dyn Clock>, schema: Schema) -> Result<Store> {
        let new = !path.exists();
        let opened = Store::set_up(path, user, clock, schema);
        if opened.is_err() && new {
            // A file this call made but could not set up (a full disk, a
            // read-only folder) holds nothing: leave none of it behind, so
            // that the next start is a first start again.
            Store::unmake(path);
        }
        opened.map_err(|e| e.on_file(path))
    }

    /// Removes a database file and its -wal and -shm that this process has
    /// just made and that hold nothing yet.
    pub fn unmake(path: &Path) {
        for end in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(end);
            let _ = std::fs::remove_file(name);
        }
    }

    fn set_up(path: &Path, user: &str, clock: Arc<dyn Clock>, schema: Schema) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|_| Error::Fault { path: path.to_owned(), fault: crate::error::Fault::CantOpen })?;
        }
        if !path.exists() {
            // If this fails, SQLite's own open below says why in its words.
            let _ = create_as_umask_allows(path);
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
        // A kiln file has a version from its first migration on; tables
        // without one are another program's, which kiln must not add to.
        if found == 0 {
            let tables = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
            if tables > 0 {
                return Err(Error::ForeignDatabase { path: path.to_owned() });
            }
            // Asked before any pragma writes, so the file stays as it was
            // (0 bytes stays 0 bytes). Its content may sit in a -wal while
            // another terminal has it open; SQLite has read that too.
            if schema == Schema::Expect {
                return Err(Error::EmptyDatabase { path: path.to_owned() });
            }
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

    /// Another connection to the same file, read-only, for reading off the
    /// interface's loop: in WAL mode it reads while this one writes.
    pub fn reader(&self) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).map_err(|e| classify(e, &self.path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(Store { conn, path: self.path.clone(), user: self.user.clone(), clock: self.clock() })
    }

    /// A handle that stops what this connection is reading, from another
    /// thread: a read ahead that a person's key made moot.
    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.conn.get_interrupt_handle())
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

    /// Changes whenever what is stored may have: another connection
    /// committed, or this one changed rows. While it stays the same, a
    /// screen may keep what it loaded instead of reading it again.
    pub fn generation(&self) -> Result<(i64, u64)> {
        Ok((self.data_version()?, self.conn.total_changes()))
    }

    /// The connection, for the demo's reads of what it just wrote.
    pub(crate) fn conn_for_demo(&self) -> &Connection {
        &self.conn
    }

    /// For read queries in `db` and `report`.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` — many small use cases loading a demo or an import — as one
    /// transaction, each use case a savepoint inside it: a load that fails,
    /// or is killed, midway leaves nothing of itself, and one that finishes
    /// is there whole. The disk is waited for once, at the commit, and the
    /// WAL is folded back into the file at the end. Other writers wait (up
    /// to the busy timeout) while it runs.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let out = f(self).and_then(|v| {
            self.conn.execute_batch("COMMIT")?;
            Ok(v)
        });
        if !self.conn.is_autocommit() {
            // A failed load, or a COMMIT the disk refused: keep the error
            // that said why, not one from the rollback.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let out = out?;
        // The load is committed and durable in the WAL by now; a checkpoint
        // the disk refuses is retried by SQLite later, so it is no failure.
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(FULL)", [], |r| r.get::<_, i64>(0));
        Ok(out)
    }

    /// Refuses a file this account may only read. The interface is for
    /// changing the centre, so it will not open on one; the command line
    /// still reads it (lists, exports, backups).
    pub fn refuse_read_only(&self) -> Result<()> {
        if self.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Error::Fault { path: self.path.clone(), fault: crate::error::Fault::ReadOnlyFile });
        }
        Ok(())
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

/// Creates the empty database file with the mode the umask allows (0666
/// less it). SQLite would create it 0644 less the umask, so under `umask 007`
/// on a shared server the group could read but not write. SQLite gives the
/// -wal and -shm files the database file's own mode, so this one file decides.
#[cfg(unix)]
fn create_as_umask_allows(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o666).open(path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn create_as_umask_allows(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Turns "file is not a database", "read-only", "disk full" … into kiln's
/// own errors naming the file.
fn classify(e: rusqlite::Error, path: &Path) -> Error {
    Error::Sqlite(e).on_file(path)
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
