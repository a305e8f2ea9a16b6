//! `kiln check`: SQLite's own integrity checks, and later kiln's invariants.

use serde::Serialize;

use super::Store;
use crate::error::Result;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// What `PRAGMA integrity_check` found; empty when it says ok.
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_keys: Vec<String>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty()
    }
}

pub fn run(store: &Store) -> Result<CheckReport> {
    let conn = store.conn();
    let mut st = conn.prepare("PRAGMA integrity_check")?;
    let integrity: Vec<String> = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|l| l != "ok")
        .collect();
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let foreign_keys = st
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!("{table} row {} → {parent}", rowid.map_or_else(|| "?".to_owned(), |n| n.to_string())))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CheckReport { integrity, foreign_keys })
}
