//! The SQLite engine: one file opened in WAL mode, its schema and
//! migrations, its statements, and the table that turns its errors into
//! kiln's. The only place that names rusqlite.

mod exec;
mod guard;
mod migrate;
mod value;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub(super) use exec::{Sql, parse};
pub(super) use guard::{fault, guard, not_a_database};
#[cfg(test)]
pub(super) use migrate::MIGRATIONS;
pub use migrate::SCHEMA_VERSION;
pub(super) use value::{LiteColumn, LiteParam};

use crate::error::{Error, Result};

/// Statements kept prepared per connection: the use cases' hot queries and
/// the screens' filtered lists, whose text varies with the filter.
const STATEMENT_CACHE: usize = 256;

/// The version of the SQLite library kiln is built with.
pub fn engine_version() -> &'static str {
    rusqlite::version()
}

/// One open connection to a kiln file.
pub struct Conn {
    conn: Connection,
    path: PathBuf,
}

/// Stops the statement its connection is running (the read fails, and the
/// connection stays usable); nothing if none is running.
pub struct Interrupter(rusqlite::InterruptHandle);

impl Interrupter {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// A use case's transaction: its own IMMEDIATE one, or a savepoint inside the
/// one a bulk load holds, so that the load commits whole or not at all.
pub struct Tx<'c> {
    scope: Scope<'c>,
    changes_before: u64,
}

enum Scope<'c> {
    Own(rusqlite::Transaction<'c>),
    Within(rusqlite::Savepoint<'c>),
}

impl Tx<'_> {
    pub fn sql(&self) -> Sql<'_> {
        Sql::new(match &self.scope {
            Scope::Own(tx) => tx,
            Scope::Within(sp) => sp,
        })
    }

    /// True if anything was written since the transaction began.
    pub fn changed(&self) -> bool {
        self.sql().raw().total_changes() != self.changes_before
    }

    pub fn commit(self) -> Result<()> {
        match self.scope {
            Scope::Own(tx) => tx.commit()?,
            Scope::Within(sp) => sp.commit()?,
        }
        Ok(())
    }
}

impl Conn {
    /// Opens (and, with `make`, creates and migrates) the file at `path`.
    /// Nothing is written to a file that turns out not to be kiln's, or to be
    /// from a newer kiln.
    pub fn open(path: &Path, make: bool) -> Result<Conn> {
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
        .map_err(|e| Error::from(e).on_file(path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Read the version before any pragma that writes, so a file from a
        // newer kiln (or not a database at all) is left byte-identical.
        let found = migrate::user_version(&conn).map_err(|e| Error::from(e).on_file(path))?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION });
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
            if !make {
                return Err(Error::EmptyDatabase { path: path.to_owned() });
            }
        }
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut conn = Conn::tuned(conn, path)?;
        migrate::migrate(&mut conn.conn, path)?;
        Ok(conn)
    }

    /// Keeps each cached statement's plan: without this, SQLite marks a
    /// statement with bound parameters for recompiling whenever the cache
    /// resets it, and the booking checks spend a third of their time
    /// re-preparing. kiln forces its indexes, so no plan is lost.
    fn tuned(conn: Connection, path: &Path) -> Result<Conn> {
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Conn { conn, path: path.to_owned() })
    }

    /// Another connection to the same file, read-only, for reading off the
    /// interface's loop: in WAL mode it reads while this one writes.
    pub fn reader(&self) -> Result<Conn> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).map_err(|e| Error::from(e).on_file(&self.path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        Conn::tuned(conn, &self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn sql(&self) -> Sql<'_> {
        Sql::new(&self.conn)
    }

    /// The connection itself, for the copy to another engine, which reads
    /// every column as whatever SQLite holds.
    pub(in crate::store) fn raw(&self) -> &Connection {
        &self.conn
    }

    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.conn.get_interrupt_handle())
    }

    /// Begins a use case's transaction: IMMEDIATE (waiting up to the busy
    /// timeout for another writer), or a savepoint inside a bulk load's.
    pub fn begin(&mut self) -> Result<Tx<'_>> {
        let changes_before = self.conn.total_changes();
        let scope = if self.conn.is_autocommit() {
            Scope::Own(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
        } else {
            Scope::Within(self.conn.savepoint()?)
        };
        Ok(Tx { scope, changes_before })
    }

    /// Changes whenever what is stored may have: another connection
    /// committed, or this one changed rows.
    pub fn generation(&self) -> Result<(i64, u64)> {
        let version = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((version, self.conn.total_changes()))
    }

    /// True while a bulk load's transaction is open.
    pub fn in_bulk(&self) -> bool {
        !self.conn.is_autocommit()
    }

    pub fn bulk_begin(&self) -> Result<()> {
        Ok(self.conn.execute_batch("BEGIN IMMEDIATE")?)
    }

    pub fn bulk_commit(&self) -> Result<()> {
        Ok(self.conn.execute_batch("COMMIT")?)
    }

    /// Rolls back a bulk load that failed; the error that said why is the
    /// one kept, not one from the rollback.
    pub fn bulk_abandon(&self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    /// Folds the WAL back into the file. The load is committed and durable in
    /// the WAL by now; a checkpoint the disk refuses is retried by SQLite
    /// later, so it is no failure.
    pub fn checkpoint(&self) {
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(FULL)", [], |r| r.get::<_, i64>(0));
    }

    pub fn is_read_only(&self) -> Result<bool> {
        Ok(self.conn.is_readonly(rusqlite::MAIN_DB)?)
    }

    /// A consistent copy of the whole file at `target`, safe while others
    /// write; errors are about `target`.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        exec::backup(&self.conn, target).map_err(|e| Error::from(e).on_file(target))
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
