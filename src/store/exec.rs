//! Running a query on whichever engine the store opened: typed values in,
//! typed values out. The texts in `sql/` are written once; each engine
//! prepares and caches them its own way.

use super::value::{Column, Param};
use super::{EngineError, postgres, sqlite};
use crate::error::Result;

/// Which SQL an engine speaks, for the few queries whose text differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A handle to run queries on a connection, inside a use case's
/// transaction or outside one (a read).
#[derive(Clone, Copy)]
pub enum Sql<'a> {
    Lite(sqlite::Sql<'a>),
    Pg(postgres::Sql<'a>),
}

/// One row of a result.
pub enum Row<'a, 'r> {
    Lite(&'a rusqlite::Row<'r>),
    Pg(&'a ::postgres::Row),
}

pub(super) type Params<'p> = &'p [&'p dyn Param];

impl Row<'_, '_> {
    /// Column `i` (from 0) as `T`.
    pub fn get<T: Column>(&self, i: usize) -> Result<T> {
        match self {
            Row::Lite(row) => Ok(T::column(row, i)?),
            Row::Pg(row) => postgres::column(row, i),
        }
    }

    /// Column `i` as text that `parse` makes a value of (a code, a BRN); text
    /// it refuses fails as a value of the wrong type does, naming `what`.
    pub fn parse<T, E>(
        &self,
        i: usize,
        what: &str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<T> {
        match self {
            Row::Lite(row) => sqlite::parse(row, i, what, parse),
            Row::Pg(_) => {
                let text: String = self.get(i)?;
                parse(&text).map_err(|_| EngineError::Shape(format!("column {i}: not {what}: {text}")).into())
            }
        }
    }

    /// Column `i` as text that `parse` makes a value of (a state, a month);
    /// text it does not read fails as a column of the wrong type does.
    pub fn parsed<T>(&self, i: usize, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T> {
        self.parse(i, what, |s| parse(s).ok_or(()))
    }
}

impl Sql<'_> {
    pub fn dialect(self) -> Dialect {
        match self {
            Sql::Lite(_) => Dialect::Sqlite,
            Sql::Pg(_) => Dialect::Postgres,
        }
    }

    /// The text for this engine, where the two differ.
    pub fn pick(self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        match self {
            Sql::Lite(_) => sqlite,
            Sql::Pg(_) => postgres,
        }
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
        match self {
            Sql::Lite(s) => s.each(sql, params, &mut |r| f(&Row::Lite(r))),
            Sql::Pg(s) => s.each(sql, params, &mut |r| f(&Row::Pg(r))),
        }
    }

    /// The first row, if there is one.
    pub fn opt<T>(self, sql: &str, params: Params<'_>, f: impl FnOnce(&Row<'_, '_>) -> Result<T>) -> Result<Option<T>> {
        match self {
            Sql::Lite(s) => s.first(sql, params, |r| f(&Row::Lite(r))),
            Sql::Pg(s) => s.first(sql, params, |r| f(&Row::Pg(r))),
        }
    }

    /// The first row, which the query always has (a count, a sum, an
    /// INSERT … RETURNING).
    pub fn one<T>(self, sql: &str, params: Params<'_>, f: impl FnOnce(&Row<'_, '_>) -> Result<T>) -> Result<T> {
        match self.opt(sql, params, f)? {
            Some(v) => Ok(v),
            None => Err(match self {
                Sql::Lite(_) => rusqlite::Error::QueryReturnedNoRows.into(),
                Sql::Pg(_) => EngineError::Shape(format!("no row from: {sql}")).into(),
            }),
        }
    }

    /// The first column of the one row, as `T`.
    pub fn value<T: Column>(self, sql: &str, params: Params<'_>) -> Result<T> {
        self.one(sql, params, |r| r.get(0))
    }

    /// Runs a statement that returns no rows; how many rows it changed.
    pub fn run(self, sql: &str, params: Params<'_>) -> Result<usize> {
        match self {
            Sql::Lite(s) => s.run(sql, params),
            Sql::Pg(s) => s.run(sql, params),
        }
    }

    /// A write that nothing later in this transaction reads (an audit row):
    /// SQLite runs it now; PostgreSQL sends it with the transaction's COMMIT
    /// (or its savepoint's RELEASE) in one message, a round trip less per
    /// use case. An error in it fails the commit, which rolls all back.
    pub fn append(self, sql: &str, params: Params<'_>) -> Result<()> {
        match self {
            Sql::Lite(s) => s.run(sql, params).map(|_| ()),
            Sql::Pg(s) => s.append(sql, params),
        }
    }

    /// Runs several statements with no parameters (a migration, a savepoint).
    pub fn batch(self, sql: &str) -> Result<()> {
        match self {
            Sql::Lite(s) => s.batch(sql),
            Sql::Pg(s) => s.batch(sql),
        }
    }
}
