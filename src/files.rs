//! The files kiln writes besides its database — exports, backups, the
//! reports screen's workbooks — and what can go wrong with them. Every
//! writer takes a [`Target`], and a `Target` is only made by [`Target::new`],
//! which refuses the database itself and SQLite's files beside it: an export
//! `--out "$KILN_DB"` would otherwise overwrite the centre with a CSV file.

use std::path::{Path, PathBuf};

use crate::domain::{Field, Invalid, Problem};
use crate::error::{Error, FileProblem, Result};

/// The files SQLite keeps for the database at `db`: the file itself, its
/// write-ahead log and shared memory, and the rollback journal.
const BESIDE: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// A file kiln may write: checked not to be the database or one of its
/// files, however the path is spelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    path: PathBuf,
}

impl Target {
    /// Refuses `path` if it is, or would be, one of the database's files at
    /// `db`: the same file by device and inode (a hard link, a symlink), or
    /// the same place once `.`, `..` and symlinks are resolved (a file not
    /// there yet, such as a -wal SQLite would read on the next open).
    pub fn new(path: &Path, db: &Path) -> Result<Target> {
        if path.as_os_str().is_empty() {
            return Err(Invalid::new(Field::File, String::new(), Problem::Empty).into());
        }
        for end in BESIDE {
            let mut name = db.as_os_str().to_owned();
            name.push(end);
            let kept = PathBuf::from(name);
            if same_file(path, &kept) {
                let database = kept.display().to_string();
                return Err(
                    Invalid::new(Field::File, path.display().to_string(), Problem::IsDatabase { database }).into()
                );
            }
        }
        Ok(Target { path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An I/O error met writing this file, naming it.
    pub fn error(&self, e: &std::io::Error) -> Error {
        io_error(&self.path, e)
    }
}

/// The path with `.`, `..` and symlinks resolved; for a file not there yet,
/// its folder's resolved path and its name.
fn resolved(p: &Path) -> Option<PathBuf> {
    if let Ok(full) = std::fs::canonicalize(p) {
        return Some(full);
    }
    let name = p.file_name()?;
    let folder = p.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(folder).ok()?.join(name))
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    matches!((resolved(a), resolved(b)), (Some(x), Some(y)) if x == y)
}

/// An I/O error about the file at `path`, in words the edge can render.
pub fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::File { path: path.to_owned(), problem: FileProblem::of(e) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(path: &Path, db: &Path) -> bool {
        matches!(
            Target::new(path, db),
            Err(Error::Invalid(Invalid { field: Field::File, problem: Problem::IsDatabase { .. }, .. }))
        )
    }

    #[test]
    fn the_database_is_refused_however_it_is_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kiln.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert!(refused(&db, &db));
        assert!(refused(&sub.join("../kiln.sqlite3"), &db));
        assert!(refused(&dir.path().join("./kiln.sqlite3"), &db));
        // The files SQLite keeps beside it, there or not yet.
        for end in ["-wal", "-shm", "-journal"] {
            assert!(refused(&dir.path().join(format!("kiln.sqlite3{end}")), &db), "{end}");
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert!(refused(&link, &db));
            let hard = sub.join("hard.csv");
            std::fs::hard_link(&db, &hard).unwrap();
            assert!(refused(&hard, &db));
            // Through a symlinked folder, and to a database named through one.
            let folder = dir.path().join("folder");
            std::os::unix::fs::symlink(&sub, &folder).unwrap();
            assert!(refused(&dir.path().join("folder/../kiln.sqlite3-wal"), &db));
            assert!(refused(&db, &folder.join("hard.csv")));
        }
        assert!(Target::new(&dir.path().join("companies.csv"), &db).is_ok());
        assert!(Target::new(&dir.path().join("kiln.sqlite3.csv"), &db).is_ok());
        assert!(matches!(Target::new(Path::new(""), &db), Err(Error::Invalid(_))));
    }
}
