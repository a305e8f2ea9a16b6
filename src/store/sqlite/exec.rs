//! Running a query on SQLite: typed values in, typed values out, each
//! statement prepared once per connection.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, params_from_iter};

use crate::error::Result;
use crate::store::value::Param;

/// Queries on one SQLite connection, inside a use case's transaction or
/// outside one.
#[derive(Clone, Copy)]
pub struct Sql<'a> {
    conn: &'a Connection,
}

type Params<'p> = &'p [&'p dyn Param];

/// Column `i` as text that `parse` makes a value of; text it refuses fails
/// as a value of the wrong type does, naming `what`.
pub fn parse<T, E>(
    row: &rusqlite::Row<'_>,
    i: usize,
    what: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    let text: String = row.get(i)?;
    parse(&text).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_owned().into()).into()
    })
}

impl<'a> Sql<'a> {
    pub(super) fn new(conn: &'a Connection) -> Self {
        Sql { conn }
    }

    pub(super) fn raw(&self) -> &'a Connection {
        self.conn
    }

    pub(in crate::store) fn each(
        self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&rusqlite::Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query(params_from_iter(params.iter().map(|p| p.lite())))?;
        while let Some(row) = rows.next()? {
            f(row)?;
        }
        Ok(())
    }

    pub(in crate::store) fn first<T>(
        self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&rusqlite::Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query(params_from_iter(params.iter().map(|p| p.lite())))?;
        match rows.next()? {
            Some(row) => Ok(Some(f(row)?)),
            None => Ok(None),
        }
    }

    pub(in crate::store) fn run(self, sql: &str, params: Params<'_>) -> Result<usize> {
        let mut st = self.conn.prepare_cached(sql)?;
        Ok(st.execute(params_from_iter(params.iter().map(|p| p.lite())))?)
    }

    pub(in crate::store) fn batch(self, sql: &str) -> Result<()> {
        Ok(self.conn.execute_batch(sql)?)
    }
}

/// All pages in one step: the copy reads under one read transaction, so it
/// is the database at one moment, and in WAL mode the other terminals keep
/// writing meanwhile. (In smaller steps, every write by another connection
/// restarts the copy, and a busy centre would never finish one.)
const PAGES_PER_STEP: std::os::raw::c_int = -1;

pub(super) fn backup(conn: &Connection, target: &Path) -> rusqlite::Result<()> {
    let mut dst =
        Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    {
        let b = Backup::new(conn, &mut dst)?;
        loop {
            match b.step(PAGES_PER_STEP)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Another connection holds a lock for a moment: wait, retry.
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    // The copy is a single self-contained file.
    let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    Ok(())
}
