//! Running a query on SQLite: typed values in, typed values out, each
//! statement prepared once per connection.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::value::{Column, Param};
use crate::error::Result;

/// A handle to run queries on a connection, inside a use case's
/// transaction or outside one (a read).
#[derive(Clone, Copy)]
pub struct Sql<'a> {
    conn: &'a Connection,
}

/// One row of a result.
pub struct Row<'a, 'r> {
    row: &'a rusqlite::Row<'r>,
}

impl Row<'_, '_> {
    /// Column `i` (from 0) as `T`.
    pub fn get<T: Column>(&self, i: usize) -> Result<T> {
        Ok(T::column(self.row, i)?)
    }

    /// Column `i` as text that `parse` makes a value of (a code, a BRN); text
    /// it refuses fails as a value of the wrong type does, naming `what`.
    pub fn parse<T, E>(
        &self,
        i: usize,
        what: &str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<T> {
        let text: String = self.row.get(i)?;
        parse(&text).map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_owned().into()).into()
        })
    }

    /// Column `i` as text that `parse` makes a value of (a state, a month);
    /// text it does not read fails as a column of the wrong type does.
    pub fn parsed<T>(&self, i: usize, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T> {
        self.parse(i, what, |s| parse(s).ok_or(()))
    }
}

type Params<'p> = &'p [&'p dyn Param];

impl<'a> Sql<'a> {
    pub(super) fn new(conn: &'a Connection) -> Self {
        Sql { conn }
    }

    pub(super) fn raw(&self) -> &'a Connection {
        self.conn
    }

    /// Every row, each made by `f`.
    pub fn all<T>(self, sql: &str, params: Params<'_>, mut f: impl FnMut(&Row<'_, '_>) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, params, |r| {
            out.push(f(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// `f` on each row in turn, without keeping them.
    pub fn each(self, sql: &str, params: Params<'_>, mut f: impl FnMut(&Row<'_, '_>) -> Result<()>) -> Result<()> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query(params_from_iter(params.iter().map(|p| p.lite())))?;
        while let Some(row) = rows.next()? {
            f(&Row { row })?;
        }
        Ok(())
    }

    /// The first row, if there is one.
    pub fn opt<T>(self, sql: &str, params: Params<'_>, f: impl FnOnce(&Row<'_, '_>) -> Result<T>) -> Result<Option<T>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query(params_from_iter(params.iter().map(|p| p.lite())))?;
        match rows.next()? {
            Some(row) => Ok(Some(f(&Row { row })?)),
            None => Ok(None),
        }
    }

    /// The first row, which the query always has (a count, a sum, an
    /// INSERT … RETURNING).
    pub fn one<T>(self, sql: &str, params: Params<'_>, f: impl FnOnce(&Row<'_, '_>) -> Result<T>) -> Result<T> {
        match self.opt(sql, params, f)? {
            Some(v) => Ok(v),
            None => Err(rusqlite::Error::QueryReturnedNoRows.into()),
        }
    }

    /// The first column of the one row, as `T`.
    pub fn value<T: Column>(self, sql: &str, params: Params<'_>) -> Result<T> {
        self.one(sql, params, |r| r.get(0))
    }

    /// Runs a statement that returns no rows; how many rows it changed.
    pub fn run(self, sql: &str, params: Params<'_>) -> Result<usize> {
        let mut st = self.conn.prepare_cached(sql)?;
        Ok(st.execute(params_from_iter(params.iter().map(|p| p.lite())))?)
    }

    /// Runs several statements with no parameters (a migration, a savepoint).
    pub fn batch(self, sql: &str) -> Result<()> {
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
