//! Importing a table from CSV: the same columns an export writes (or the
//! Korean and English titles of the XLSX export), UTF-8 or CP949, and all or
//! nothing — every row is validated and checked against the database and the
//! other rows in one transaction, and one bad row imports none.

mod read;
mod tables;

pub use read::{Encoding, Sheet, decode};

use indicatif::ProgressBar;
use serde::Serialize;

use crate::db::{Store, Write};
use crate::domain::Capability;
use crate::error::{ImportError, ImportFailure, Result};
use crate::export::columns::{COMPANIES, Column, EQUIPMENT, PEOPLE, ROOMS};
use crate::store::sql::import::{self as sql, Savepoint};

/// The tables that can be imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    Companies,
    Rooms,
    Equipment,
    People,
}

/// Above this many rows the load runs without waiting for the disk after
/// each statement, and the CLI shows its progress.
pub const LARGE: usize = 1000;

impl Table {
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Companies => COMPANIES,
            Table::Rooms => ROOMS,
            Table::Equipment => EQUIPMENT,
            Table::People => PEOPLE,
        }
    }

    /// The columns a file must have; the others may be absent.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Table::Companies => &["brn", "name"],
            Table::Rooms => &["code", "floor", "kind", "area_m2"],
            Table::Equipment => &["code", "name", "category"],
            Table::People => &["name"],
        }
    }

    fn capability(self) -> Capability {
        match self {
            Table::Companies | Table::Rooms => Capability::ManageTenants,
            Table::Equipment => Capability::ManageEquipment,
            Table::People => Capability::ManagePeople,
        }
    }
}

/// What an import did, or with `dry_run` would have done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub table: Table,
    pub imported: usize,
    pub dry_run: bool,
}

/// Decodes and parses a file for `table`; refuses an encoding it cannot read
/// and a header with unknown or missing columns.
pub fn read(table: Table, bytes: &[u8], encoding: Option<Encoding>) -> Result<Sheet> {
    let text = decode(bytes, encoding)?;
    read::parse(&text, table.columns(), table.required())
}

/// Imports every row of `sheet` into `table`, or none: any bad row refuses
/// the whole file with [`ImportError::Rows`] listing each one. With
/// `dry_run` everything is checked and then nothing is kept. `progress`
/// advances by a row at a time.
pub fn load(store: &mut Store, table: Table, sheet: &Sheet, dry_run: bool, progress: &ProgressBar) -> Result<Outcome> {
    let run = |store: &mut Store| store.write(table.capability(), |w| load_in(w, table, sheet, dry_run, progress));
    // One transaction waits for the disk once anyway; `bulk` saves the
    // checkpoints a large load would otherwise trigger along the way.
    let imported = if sheet.len() > LARGE { store.bulk(run)? } else { run(store)? };
    Ok(Outcome { table, imported, dry_run })
}

fn load_in(w: &mut Write<'_>, table: Table, sheet: &Sheet, dry_run: bool, progress: &ProgressBar) -> Result<usize> {
    // Savepoints let a failed row take back what it half wrote (a company
    // added but not left), so later rows are checked against good rows only,
    // and let a dry run take back everything while the write still commits
    // its (now empty) transaction normally.
    sql::savepoint(w.sql(), Savepoint::File)?;
    let mut failures = Vec::new();
    let mut seen = tables::Seen::default();
    for i in tables::order(table, sheet) {
        progress.inc(1);
        let record = &sheet.rows[i];
        let width = sheet.headers.len();
        let extra_blank = record.cells.iter().skip(width).all(|c| c.trim().is_empty());
        if record.cells.len() < width || !extra_blank {
            let problem = crate::error::RowProblem::Cells { found: record.cells.len(), expected: width };
            failures.push(ImportFailure { line: record.line, column: None, problem });
            continue;
        }
        sql::savepoint(w.sql(), Savepoint::Row)?;
        match tables::add(w, table, &tables::Row { sheet, record }, &mut seen) {
            Ok(()) => sql::release(w.sql(), Savepoint::Row)?,
            Err(tables::Fail::Fatal(e)) => return Err(e),
            Err(tables::Fail::Row { field, problem }) => {
                sql::rollback_to(w.sql(), Savepoint::Row)?;
                sql::release(w.sql(), Savepoint::Row)?;
                let column = field.and_then(|f| tables::column_of(table, f)).and_then(|k| sheet.header(k));
                failures.push(ImportFailure { line: record.line, column, problem });
            }
        }
    }
    if !failures.is_empty() {
        failures.sort_by_key(|f| f.line);
        return Err(ImportError::Rows(failures).into());
    }
    if dry_run {
        sql::rollback_to(w.sql(), Savepoint::File)?;
    }
    sql::release(w.sql(), Savepoint::File)?;
    Ok(sheet.len())
}
