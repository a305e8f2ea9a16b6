//! Online backup: a consistent copy of the database, safe while others write.

use std::path::Path;

use super::Store;
use crate::domain::{Field, Invalid, Problem};
use crate::error::{Error, FileProblem, Result};
use crate::files::{Target, io_error};

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
    store.conn.backup_to(checked.path()).map_err(|e| e.on_file(target))
}

/// `create_dir_all` says "File exists" when a part of the path is a file:
/// in words, that part is not a folder.
fn folder_error(folder: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        return Error::File { path: folder.to_owned(), problem: FileProblem::NotAFolder };
    }
    io_error(folder, e)
}
