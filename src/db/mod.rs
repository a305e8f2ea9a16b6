//! The store's use cases: opening kiln's database (a SQLite file or a
//! PostgreSQL database), and every use case as one transaction that holds
//! the writers' lock, checks the role, validates, writes and audits. The
//! SQL they run lives in `store`, which knows the engines.

pub mod backup;
pub mod booking;
pub mod calendar;
pub mod check;
pub mod company;
pub mod consumable;
pub mod correction;
pub mod deposit;
pub mod downtime;
pub mod equipment;
pub mod invoice;
pub mod lease;
pub mod migrate;
pub mod operator;
pub mod party;
pub mod person;
pub mod project;
pub mod quota;
pub mod rate_class;
pub mod room;
pub mod setting;
pub mod statement;
pub mod supplier;
pub mod training;
pub mod voucher;
mod write;
pub mod yearly;

use std::path::Path;
use std::sync::Arc;

use crate::domain::{Clock, Minute, SystemClock};
use crate::error::Result;
use crate::store::{Conn, Sql};

pub(crate) use crate::store::sql::search;
pub use crate::store::{Interrupter, SCHEMA_VERSION};
pub use write::Write;

/// One open kiln database and who is using it.
pub struct Store {
    conn: Conn,
    user: String,
    clock: Arc<dyn Clock>,
}

/// Whether opening may make kiln's schema in a file without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Schema {
    Make,
    Expect,
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
    /// Opens (creating if need be) the database at `path` as whoever runs
    /// kiln, with the system clock: see [`Store::open_here`].
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_here(path, Arc::new(SystemClock))
    }

    /// Opens as whoever runs kiln. On SQLite that is the OS account; on
    /// PostgreSQL it is the role the server connected (`session_user`): with
    /// peer authentication the same name, over the network the role the
    /// password or certificate proved, so that nobody can claim another
    /// person's name by setting an environment variable.
    pub fn open_here(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_who(path, clock, Schema::Make)
    }

    /// [`Store::open_here`] for a database that must already be kiln's.
    pub fn open_existing_here(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_who(path, clock, Schema::Expect)
    }

    fn open_who(path: &Path, clock: Arc<dyn Clock>, schema: Schema) -> Result<Store> {
        let account = whoami::username().unwrap_or_else(|_| "unknown".to_owned());
        let mut store = Store::open_with(path, &account, clock, schema)?;
        if let Some(role) = crate::store::sql::operator::session_user(store.sql())? {
            store.user = role;
        }
        Ok(store)
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
        if crate::store::is_server(path) {
            // A role in none of kiln's groups may not even read the schema's
            // version: say so in kiln's words.
            return Store::set_up(path, user, clock, schema).map_err(|e| e.denied_to(user));
        }
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
        let conn = Conn::open(path, schema == Schema::Make)?;
        Ok(Store { conn, user: user.to_owned(), clock })
    }

    /// Another connection to the same file, read-only, for reading off the
    /// interface's loop: in WAL mode it reads while this one writes.
    pub fn reader(&self) -> Result<Store> {
        Ok(Store { conn: self.conn.reader()?, user: self.user.clone(), clock: self.clock() })
    }

    /// A handle that stops what this connection is reading, from another
    /// thread: a read ahead that a person's key made moot.
    pub fn interrupter(&self) -> Interrupter {
        self.conn.interrupter()
    }

    pub fn path(&self) -> &Path {
        self.conn.path()
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
        Ok(self.conn.generation()?.0)
    }

    /// Changes whenever what is stored may have: another connection
    /// committed, or this one changed rows. While it stays the same, a
    /// screen may keep what it loaded instead of reading it again.
    pub fn generation(&self) -> Result<(i64, u64)> {
        self.conn.generation()
    }

    /// For the reads of `db` and `report`, through the engine's queries.
    pub(crate) fn sql(&self) -> Sql<'_> {
        self.conn.sql()
    }

    /// Runs `f` — many small use cases loading a demo or an import — as one
    /// transaction, each use case a savepoint inside it: a load that fails,
    /// or is killed, midway leaves nothing of itself, and one that finishes
    /// is there whole. The disk is waited for once, at the commit, and the
    /// WAL is folded back into the file at the end. Other writers wait (up
    /// to the busy timeout) while it runs.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.conn.in_bulk() {
            return f(self);
        }
        self.conn.bulk_begin()?;
        let out = f(self).and_then(|v| {
            self.conn.bulk_commit()?;
            Ok(v)
        });
        // A failed load, or a COMMIT the disk refused: keep the error that
        // said why, not one from the rollback.
        self.conn.bulk_abandon();
        let out = out?;
        self.conn.checkpoint();
        Ok(out)
    }

    /// Refuses a file this account may only read. The interface is for
    /// changing the centre, so it will not open on one; the command line
    /// still reads it (lists, exports, backups).
    pub fn refuse_read_only(&self) -> Result<()> {
        if self.conn.is_read_only()? {
            return Err(crate::Error::Fault { path: self.path().to_owned(), fault: crate::error::Fault::ReadOnlyFile });
        }
        Ok(())
    }

    /// True if the database holds no companies, rooms or people yet.
    pub fn is_empty(&self) -> Result<bool> {
        crate::store::sql::centre::is_empty(self.sql())
    }
}
