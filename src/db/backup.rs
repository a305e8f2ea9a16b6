//! Online backup: a consistent copy of the database, safe while others write.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::domain::{Field, Invalid, Problem};
use crate::error::{Error, FileProblem, Result};
use crate::files::{Target, io_error};

/// All pages in one step: the copy reads under one read transaction, so it
/// is the database at one moment, and in WAL mode the other terminals keep
/// writing meanwhile. (In smaller steps, every write by another connection
/// restarts the copy, and a busy centre would never finish one.)
const PAGES_PER_STEP: std::os::raw::c_int = -1;

/// Copies the database to `target`, which must not exist yet (nor be the
/// database's own -wal, -shm or -journal, which SQLite would then misread).
pub fn backup(store: &Store, target: &Path) -> Result<()> {
    let checked = Target::new(target, store.path())?;
    if target.exists() {
        return Err(Invalid::new(Field::File, target.display().to_string(), Problem::Exists).into());
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| folder_error(parent, &e))?;
    }
    copy(store, checked.path()).map_err(|e| Error::Sqlite(e).on_file(target))
}

/// `create_dir_all` says "File exists" when a part of the path is a file:
/// in words, that part is not a folder.
fn folder_error(folder: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        return Error::File { path: folder.to_owned(), problem: FileProblem::NotAFolder };
    }
    io_error(folder, e)
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
