//! Online backup: a consistent copy of the database, safe while others write.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::domain::{Field, Invalid, Problem};
use crate::error::Result;

/// Pages copied per step; between steps other connections may write, and the
/// backup restarts from their changes, so it is a snapshot of one moment.
const PAGES_PER_STEP: std::os::raw::c_int = 256;

/// Copies the database to `target`, which must not exist yet.
pub fn backup(store: &Store, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(Invalid::new(Field::File, target.display().to_string(), Problem::Exists).into());
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut dst =
        Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    {
        let b = Backup::new(store.conn(), &mut dst)?;
        b.run_to_completion(PAGES_PER_STEP, Duration::from_millis(5), None)?;
    }
    // The copy is a single self-contained file.
    let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    Ok(())
}
