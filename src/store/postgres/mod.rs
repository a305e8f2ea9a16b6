//! The PostgreSQL engine: a database named by a `postgres://` URL, its
//! schema and migrations, its statements, and the table that turns its
//! errors into kiln's. The only place that names the `postgres` crate.
//!
//! Writers take one transaction-scoped advisory lock, as SQLite's
//! `BEGIN IMMEDIATE` takes the file's write lock: kiln's use cases read,
//! check and write under it, so two terminals never interleave their
//! checks, and no serialization failure can reach a person. Readers are
//! never blocked. The schema's own guards (exclusion constraints, triggers
//! that lock what they count) hold against anyone else who writes: psql, a
//! reporting tool, another program.

mod exec;
mod guard;
mod migrate;
mod tls;
mod value;

use std::path::{Path, PathBuf};

use postgres::{Client, Config};

pub(super) use exec::{Session, Sql, column, written_in};
pub(super) use guard::{denied, describe, fault, guard, message};
#[cfg(test)]
pub(super) use migrate::MIGRATIONS as PG_MIGRATIONS;
pub(super) use value::{PgColumn, PgParam};

use crate::error::{Error, Result};

/// The lock every writer holds until its transaction ends ('kiln').
const WRITE_LOCK: i64 = 0x6b69_6c6e;

/// How long a writer waits for another's lock, as SQLite's busy timeout.
const LOCK_TIMEOUT: &str = "5s";

/// The URL in `path`, if it names a PostgreSQL database.
pub fn url(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    (text.starts_with("postgres://") || text.starts_with("postgresql://")).then_some(text)
}

/// The URL as kiln shows it: any password left out.
fn shown(url: &str) -> PathBuf {
    let Some((scheme, rest)) = url.split_once("://") else { return PathBuf::from(url) };
    let (auth, tail) = match rest.split_once('@') {
        Some((auth, tail)) if !auth.contains('/') => (auth, tail),
        _ => return PathBuf::from(url),
    };
    let user = auth.split_once(':').map_or(auth, |(u, _)| u);
    PathBuf::from(format!("{scheme}://{user}@{tail}"))
}

/// One open connection to a kiln database on PostgreSQL.
pub struct Conn {
    session: Session,
    url: String,
    place: PathBuf,
    tls: tls::Tls,
}

/// Stops the query its connection is running, from another thread.
pub struct Interrupter(postgres::CancelToken, tls::Tls);

impl Interrupter {
    pub fn interrupt(&self) {
        self.1.cancel(&self.0);
    }
}

/// A use case's transaction: its own (holding the write lock), or a
/// savepoint inside the one a bulk load holds.
pub struct Tx<'c> {
    session: &'c Session,
    savepoint: Option<u32>,
    changes_before: u64,
    done: bool,
}

impl Tx<'_> {
    pub fn sql(&self) -> Sql<'_> {
        Sql::new(self.session)
    }

    pub fn changed(&self) -> bool {
        self.session.changes.get() != self.changes_before
    }

    /// The client itself, for the copy from another engine, which streams
    /// rows in with COPY. Held only while the copy runs.
    pub(in crate::store) fn client(&self) -> std::cell::RefMut<'_, Client> {
        self.session.client.borrow_mut()
    }

    /// Commits (or releases the savepoint), sending the pending writes in
    /// the same message. If one of them fails, the transaction is rolled
    /// back as on any error, and the error returned.
    pub fn commit(mut self) -> Result<()> {
        let end = match self.savepoint {
            None => "COMMIT".to_owned(),
            Some(n) => format!("RELEASE SAVEPOINT kiln_{n}"),
        };
        self.sql().batch(&end)?;
        self.done = true;
        self.session.depth.set(self.savepoint.map_or(0, |n| n - 1));
        Ok(())
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let undo = match self.savepoint {
            None => {
                self.session.depth.set(0);
                "ROLLBACK".to_owned()
            }
            Some(n) => {
                self.session.depth.set(n - 1);
                format!("ROLLBACK TO SAVEPOINT kiln_{n}; RELEASE SAVEPOINT kiln_{n}")
            }
        };
        let _ = self.sql().batch(&undo);
    }
}

fn connect(url: &str, place: &Path) -> Result<(Client, tls::Tls)> {
    let refused = |reason: String| Error::Server { url: place.to_owned(), reason };
    let mut config: Config = url.parse().map_err(|e| refused(message(&e)))?;
    config.application_name("kiln");
    // libpq's variable, so that a password need not sit in KILN_DB or in
    // the shell's history (the crate reads no environment itself).
    if config.get_password().is_none()
        && let Some(password) = std::env::var_os("PGPASSWORD").filter(|p| !p.is_empty())
    {
        config.password(password.as_encoded_bytes());
    }
    tls::connect(&config).map_err(refused)
}

/// `then`, followed by `first` if there is one, as one message's text.
fn then_reading(then: String, first: Option<&str>) -> String {
    match first {
        Some(q) => format!("{then}; {q}"),
        None => then,
    }
}

/// What every kiln connection sets first. Literals kiln writes into a
/// message (`value::literal`) rely on standard strings, whatever the
/// server's or the role's default. Plans do not depend on the values bound,
/// as SQLite's query planner stability guarantee makes them on the file:
/// kiln's statements are written for index seeks, and a plan made for the
/// values would be made again at every execution (a week's calendar at a
/// million bookings: 0.23 ms of planning for 0.04 ms of work).
fn settings() -> String {
    format!(
        "SET lock_timeout = '{LOCK_TIMEOUT}'; SET standard_conforming_strings = on; \
         SET plan_cache_mode = force_generic_plan"
    )
}

impl Conn {
    /// Connects to the database at `url` and (with `make`) makes kiln's
    /// schema in it. A database holding another program's tables, or one
    /// from a newer kiln, is left untouched.
    pub fn open(url: &str, make: bool) -> Result<Conn> {
        let place = shown(url);
        let (client, tls) = connect(url, &place)?;
        let conn = Conn { session: Session::new(client), url: url.to_owned(), place, tls };
        let sql = conn.sql();
        sql.batch(&format!("{}; LISTEN kiln", settings()))?;
        let found = migrate::version(sql)?;
        if found > migrate::SCHEMA_VERSION {
            return Err(Error::SchemaTooNew { path: conn.place.clone(), found, supported: migrate::SCHEMA_VERSION });
        }
        if found == 0 {
            if migrate::has_tables(sql)? {
                return Err(Error::ForeignDatabase { path: conn.place.clone() });
            }
            if !make {
                return Err(Error::EmptyDatabase { path: conn.place.clone() });
            }
        }
        migrate::migrate(&conn.session, &conn.place)?;
        Ok(conn)
    }

    /// Another connection to the same database that only reads, for
    /// reading off the interface's loop.
    pub fn reader(&self) -> Result<Conn> {
        let (client, tls) = connect(&self.url, &self.place)?;
        let conn = Conn { session: Session::new(client), url: self.url.clone(), place: self.place.clone(), tls };
        conn.sql().batch(&format!("{}; SET default_transaction_read_only = on", settings()))?;
        Ok(conn)
    }

    pub fn path(&self) -> &Path {
        &self.place
    }

    pub fn sql(&self) -> Sql<'_> {
        Sql::new(&self.session)
    }

    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.session.client.borrow().cancel_token(), self.tls.clone())
    }

    /// Begins a use case's transaction, holding the write lock (waiting up
    /// to the lock timeout for another writer), or a savepoint inside a bulk
    /// load's.
    pub fn begin(&mut self) -> Result<Tx<'_>> {
        Ok(self.begin_reading(None)?.0)
    }

    /// [`Conn::begin`], then `first` (a query with its values written in)
    /// in the same message: one round trip for what every use case starts
    /// with. The first column of its first row.
    pub fn begin_reading(&mut self, first: Option<&str>) -> Result<(Tx<'_>, Option<String>)> {
        let depth = self.session.depth.get();
        let changes_before = self.session.changes.get();
        if depth == 0 {
            let found = self.lock(first)?;
            return Ok((Tx { session: &self.session, savepoint: None, changes_before, done: false }, found));
        }
        let n = depth + 1;
        self.session.depth.set(n);
        let tx = Tx { session: &self.session, savepoint: Some(n), changes_before, done: false };
        // A failed read rolls back to the savepoint as the Tx drops.
        let found = self.sql().batch_reading(&then_reading(format!("SAVEPOINT kiln_{n}"), first))?;
        Ok((tx, found))
    }

    /// BEGIN and the write lock, then `first` if given, in one message;
    /// nothing held if the lock is not had (or the read fails).
    fn lock(&self, first: Option<&str>) -> Result<Option<String>> {
        self.session.depth.set(1);
        let begin = format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})");
        self.sql().batch_reading(&then_reading(begin, first)).inspect_err(|_| {
            let _ = self.sql().batch("ROLLBACK");
            self.session.depth.set(0);
        })
    }

    /// Changes whenever what is stored may have: anyone committed a change
    /// (the schema's triggers notify `kiln`), or this connection wrote.
    pub fn generation(&self) -> Result<(i64, u64)> {
        let mut client = self.session.client.borrow_mut();
        // One round trip first, as SQLite's `PRAGMA data_version` is one: the
        // server sends the notices it holds before it says it is ready, so a
        // commit that ended before this call is always seen by it.
        client.batch_execute("")?;
        let seen = postgres::fallible_iterator::FallibleIterator::count(client.notifications().iter())?;
        self.session.notices.set(self.session.notices.get() + i64::try_from(seen).unwrap_or(i64::MAX));
        Ok((self.session.notices.get(), self.session.changes.get()))
    }

    pub fn in_bulk(&self) -> bool {
        self.session.depth.get() > 0
    }

    pub fn bulk_begin(&self) -> Result<()> {
        self.lock(None).map(drop)
    }

    pub fn bulk_commit(&self) -> Result<()> {
        let done = self.sql().batch("COMMIT");
        if done.is_err() {
            let _ = self.sql().batch("ROLLBACK");
        }
        self.session.depth.set(0);
        done
    }

    pub fn bulk_abandon(&self) {
        if self.session.depth.get() > 0 {
            self.session.depth.set(0);
            let _ = self.sql().batch("ROLLBACK");
        }
    }

    /// True on a standby (a read replica) or a connection set to read only.
    pub fn is_read_only(&self) -> Result<bool> {
        crate::store::Sql::Pg(self.sql())
            .value("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'", &[])
    }
}
