//! Moving a centre from its SQLite file to a PostgreSQL database: the copy
//! (one transaction, all or nothing), then the proof that the target is the
//! centre: `check` on it, and the rows of every table and the kept sums
//! compared with the source as the copy read it.

use std::path::{Path, PathBuf};

use super::Store;
use super::check::{self, CheckReport};
use crate::error::{MigrateError, Result};
use crate::store::copy;

/// One table's rows on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRows {
    pub table: &'static str,
    pub source: i64,
    pub target: i64,
}

/// What a move did and what the target was found to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub source: PathBuf,
    pub target: PathBuf,
    pub tables: Vec<TableRows>,
    /// `check` on the target.
    pub check: CheckReport,
    /// The kept sums (`yearly_total`, `party_month`) equal row for row.
    pub kept_equal: bool,
}

impl Moved {
    pub fn rows(&self) -> i64 {
        self.tables.iter().map(|t| t.source).sum()
    }

    pub fn counts_equal(&self) -> bool {
        self.tables.iter().all(|t| t.source == t.target)
    }

    /// Everything found wrong: check's findings, tables whose rows differ,
    /// and unequal kept sums.
    pub fn problems(&self) -> usize {
        self.check.problems()
            + self.tables.iter().filter(|t| t.source != t.target).count()
            + usize::from(!self.kept_equal)
    }

    pub fn is_clean(&self) -> bool {
        self.problems() == 0
    }

    /// The move as an error, for the command's exit status, if it is not clean.
    pub fn refusal(&self) -> Option<MigrateError> {
        (!self.is_clean()).then(|| MigrateError::Unlike { url: self.target.clone(), problems: self.problems() })
    }
}

/// Refuses a source that is not a SQLite file, before anything is opened.
pub fn source_is_a_file(source: &Path) -> Result<()> {
    if crate::store::is_server(source) {
        return Err(MigrateError::SourceOnServer { url: source.to_owned() }.into());
    }
    Ok(())
}

/// Refuses a target that is not a PostgreSQL database's URL, before
/// anything is opened (a path would be made a new SQLite file).
pub fn target_is_a_server(target: &Path) -> Result<()> {
    if !crate::store::is_server(target) {
        return Err(MigrateError::TargetNotServer { target: target.to_owned() }.into());
    }
    Ok(())
}

/// Copies the centre in `source` (a SQLite file) into `target` (a
/// PostgreSQL database, opened with kiln's schema made if it had none, and
/// holding no row), then checks the target and compares it with what was
/// copied. `progress` hears (rows sent, rows in all).
pub fn migrate(source: &Store, target: &mut Store, progress: &mut dyn FnMut(u64, u64)) -> Result<Moved> {
    source_is_a_file(source.path())?;
    target_is_a_server(target.path())?;
    let copied = copy::sqlite_to_postgres(&source.conn, &mut target.conn, progress)?;
    let now = copy::counts(target.sql())?;
    let kept_equal = copy::kept(target.sql())? == copied.kept;
    let tables = copied
        .counts
        .iter()
        .zip(&now)
        .map(|((table, source), (_, target))| TableRows { table, source: *source, target: *target })
        .collect();
    let check = check::run(target)?;
    Ok(Moved { source: source.path().to_owned(), target: target.path().to_owned(), tables, check, kept_equal })
}
