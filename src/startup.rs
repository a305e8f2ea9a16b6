//! Starting kiln, for both of its faces (the command line and the terminal
//! interface): where the database is, what time it is, and what a command
//! needs to run. The faces import this, never each other; `main.rs` picks
//! the face.

use std::path::PathBuf;
use std::sync::Arc;

use crate::db::Store;
use crate::domain::{Clock, Field, FixedClock, ForField, Minute, SystemClock};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Where the database is when neither --db nor KILN_DB says.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("kr", "gangwon-ceramic", "kiln").map(|d| d.data_dir().join("kiln.sqlite3"))
}

/// The clock: the machine's, unless KILN_NOW fixes the moment
/// (`2026-11-26 10:00`), for tests, training sessions and demos.
pub fn clock_from_env() -> Result<Arc<dyn Clock>> {
    match std::env::var("KILN_NOW") {
        Ok(s) if !s.trim().is_empty() => Ok(Arc::new(FixedClock(Minute::parse(&s).field(Field::Time, &s)?))),
        _ => Ok(Arc::new(SystemClock)),
    }
}

/// Everything a command needs to run.
pub struct Env {
    pub path: PathBuf,
    pub lang: Lang,
    pub clock: Arc<dyn Clock>,
}

impl Env {
    /// True if the database is there: the file exists, or (on PostgreSQL,
    /// where `createdb` makes the database) always; an empty one is then
    /// told apart by opening it.
    pub fn exists(&self) -> bool {
        crate::store::is_server(&self.path) || self.path.exists()
    }

    /// Opens a database that must already exist, as whoever runs kiln (the
    /// OS account; on PostgreSQL the role the server connected).
    pub fn open_existing(&self) -> Result<Store> {
        if !self.exists() {
            return Err(Error::NoDatabase { path: self.path.clone() });
        }
        Store::open_existing_here(&self.path, Arc::clone(&self.clock))
    }

    /// Opens the database, creating it if need be.
    pub fn open(&self) -> Result<Store> {
        self.open_at(&self.path)
    }

    /// Opens (making kiln's schema in it if need be) another database than
    /// `--db`'s, as the same account and clock: the target of a move.
    pub fn open_at(&self, path: &std::path::Path) -> Result<Store> {
        Store::open_here(path, Arc::clone(&self.clock))
    }
}
