//! Online backup: a consistent copy of the database, safe while others write.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::domain::{Field, Invalid, Problem};
use crate::error::{Error, Result};

/// All pages in one step: the copy reads under one read transaction, so it
/// is the database at one moment, and in WAL mode the other terminals keep
/// writing meanwhile. (In smaller steps, every write by another connection
/// restarts the copy, and a busy centre would never finish one.)
const PAGES_PER_STEP: std::os::raw::c_int = -1;

/// Copies the database to `target`, which must not exist yet.
pub fn backup(store: &Store, target: &Path) -> Result<()> {
    if target.as_os_str().is_empty() {
        return Err(Invalid::new(Field::File, String::new(), Problem::Empty).into());
    }
    if target.exists() {
        return Err(Invalid::new(Field::File, target.display().to_string(), Problem::Exists).into());
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    copy(store, target).map_err(|e| Error::Sqlite(e).on_file(target))
}

/// The copy itself; its errors are about `target` (a full disk, a
/// read-only folder), not the database, and are named so.
fn copy(store: &Store, target: &Path) -> rusqlite::Result<()> {
    let mut dst =
        Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    {
        let b = Backup::new(store.conn(), &mut dst)?;
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
