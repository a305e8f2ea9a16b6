//! A connection to kiln's database on whichever engine its place names: a
//! file path (SQLite, the embedded default) or a `postgres://` URL.

use std::path::Path;

use super::exec::Params;
use super::{Sql, postgres, sqlite};
use crate::error::{Error, Result};

/// True if `path` names a database on a PostgreSQL server, not a file.
pub fn is_server(path: &Path) -> bool {
    postgres::url(path).is_some()
}

/// One open connection.
pub enum Conn {
    Lite(sqlite::Conn),
    Pg(Box<postgres::Conn>),
}

/// A use case's transaction.
pub enum Tx<'c> {
    Lite(sqlite::Tx<'c>),
    Pg(postgres::Tx<'c>),
}

/// Stops the statement its connection is running (the read fails, and the
/// connection stays usable); nothing if none is running.
pub enum Interrupter {
    Lite(sqlite::Interrupter),
    Pg(postgres::Interrupter),
}

impl Interrupter {
    pub fn interrupt(&self) {
        match self {
            Interrupter::Lite(i) => i.interrupt(),
            Interrupter::Pg(i) => i.interrupt(),
        }
    }
}

impl Tx<'_> {
    pub fn sql(&self) -> Sql<'_> {
        match self {
            Tx::Lite(tx) => Sql::Lite(tx.sql()),
            Tx::Pg(tx) => Sql::Pg(tx.sql()),
        }
    }

    /// True if anything was written since the transaction began.
    pub fn changed(&self) -> bool {
        match self {
            Tx::Lite(tx) => tx.changed(),
            Tx::Pg(tx) => tx.changed(),
        }
    }

    pub fn commit(self) -> Result<()> {
        match self {
            Tx::Lite(tx) => tx.commit(),
            Tx::Pg(tx) => tx.commit(),
        }
    }
}

impl Conn {
    /// Opens (and, with `make`, creates and migrates) the database at
    /// `path`. Nothing is written to one that turns out not to be kiln's, or
    /// to be from a newer kiln.
    pub fn open(path: &Path, make: bool) -> Result<Conn> {
        match postgres::url(path) {
            Some(url) => Ok(Conn::Pg(Box::new(postgres::Conn::open(url, make)?))),
            None => Ok(Conn::Lite(sqlite::Conn::open(path, make)?)),
        }
    }

    /// Another connection to the same database, read-only, for reading off
    /// the interface's loop.
    pub fn reader(&self) -> Result<Conn> {
        Ok(match self {
            Conn::Lite(c) => Conn::Lite(c.reader()?),
            Conn::Pg(c) => Conn::Pg(Box::new(c.reader()?)),
        })
    }

    /// The file, or the server's URL without its password.
    pub fn path(&self) -> &Path {
        match self {
            Conn::Lite(c) => c.path(),
            Conn::Pg(c) => c.path(),
        }
    }

    pub fn sql(&self) -> Sql<'_> {
        match self {
            Conn::Lite(c) => Sql::Lite(c.sql()),
            Conn::Pg(c) => Sql::Pg(c.sql()),
        }
    }

    pub fn interrupter(&self) -> Interrupter {
        match self {
            Conn::Lite(c) => Interrupter::Lite(c.interrupter()),
            Conn::Pg(c) => Interrupter::Pg(c.interrupter()),
        }
    }

    /// Begins a use case's transaction, waiting (up to the engine's
    /// timeout) for another writer; a savepoint inside a bulk load's.
    pub fn begin(&mut self) -> Result<Tx<'_>> {
        Ok(match self {
            Conn::Lite(c) => Tx::Lite(c.begin()?),
            Conn::Pg(c) => Tx::Pg(c.begin()?),
        })
    }

    /// [`Conn::begin`], and the first column of the first row `sql` reads
    /// in the new transaction (what every use case asks first: the
    /// operator's role). PostgreSQL sends BEGIN, the write lock and the
    /// query in one message, one round trip where there were three.
    pub fn begin_reading(&mut self, sql: &str, params: Params<'_>) -> Result<(Tx<'_>, Option<String>)> {
        match self {
            Conn::Lite(c) => {
                let tx = c.begin()?;
                let found = Sql::Lite(tx.sql()).opt(sql, params, |r| r.get(0))?;
                Ok((Tx::Lite(tx), found))
            }
            Conn::Pg(c) => {
                let query = postgres::written_in(sql, params)?;
                let (tx, found) = c.begin_reading(Some(&query))?;
                Ok((Tx::Pg(tx), found))
            }
        }
    }

    /// Changes whenever what is stored may have: another connection
    /// committed, or this one changed rows.
    pub fn generation(&self) -> Result<(i64, u64)> {
        match self {
            Conn::Lite(c) => c.generation(),
            Conn::Pg(c) => c.generation(),
        }
    }

    /// True while a bulk load's transaction is open.
    pub fn in_bulk(&self) -> bool {
        match self {
            Conn::Lite(c) => c.in_bulk(),
            Conn::Pg(c) => c.in_bulk(),
        }
    }

    pub fn bulk_begin(&self) -> Result<()> {
        match self {
            Conn::Lite(c) => c.bulk_begin(),
            Conn::Pg(c) => c.bulk_begin(),
        }
    }

    pub fn bulk_commit(&self) -> Result<()> {
        match self {
            Conn::Lite(c) => c.bulk_commit(),
            Conn::Pg(c) => c.bulk_commit(),
        }
    }

    /// Rolls back a bulk load that failed; the error that said why is the
    /// one kept, not one from the rollback.
    pub fn bulk_abandon(&self) {
        match self {
            Conn::Lite(c) => c.bulk_abandon(),
            Conn::Pg(c) => c.bulk_abandon(),
        }
    }

    /// Folds SQLite's WAL back into the file; PostgreSQL checkpoints itself.
    pub fn checkpoint(&self) {
        if let Conn::Lite(c) = self {
            c.checkpoint();
        }
    }

    pub fn is_read_only(&self) -> Result<bool> {
        match self {
            Conn::Lite(c) => c.is_read_only(),
            Conn::Pg(c) => c.is_read_only(),
        }
    }

    /// A consistent copy of the whole database at `target`. On PostgreSQL
    /// that is `pg_dump`'s work, which kiln says rather than imitates.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        match self {
            Conn::Lite(c) => c.backup_to(target),
            Conn::Pg(c) => Err(Error::BackupOnServer { url: c.path().to_owned() }),
        }
    }
}
