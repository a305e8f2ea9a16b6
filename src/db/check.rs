//! `kiln check`: SQLite's own integrity checks, then kiln's invariants read
//! back from the data. The schema's triggers keep these on every write; the
//! check finds what got in around them (a hand edit in `sqlite3`, a file
//! restored from elsewhere, a bug).

use super::Store;
use crate::error::Result;
use crate::store::sql::check as sql;

pub use crate::store::sql::check::Found;

/// One broken rule: which (a stable code, for scripts) and the facts that
/// show it; `i18n::check` says it in the person's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// `booking_overlap`, `lease_overlap`, `cohort_over_capacity`,
    /// `building_area`, `statement_sum`, `statement_vat`, `overpaid`,
    /// `yearly_total`, `party_month`, `actual_after_recorded`,
    /// `check_out_before_check_in`, `actual_overlap`,
    /// `attendance_before_session`, `search_key`, `setting_value`, and the
    /// money rules `booking_party`, `booking_project`, `booking_charge`,
    /// `voucher_cap`, `booking_voucher`, `booking_penalty`, `write_off`,
    /// `supplier`, `deposit`, `course_fee`, `voucher_billed`, `approval_no`.
    pub rule: &'static str,
    pub found: Found,
}

impl From<Found> for Violation {
    fn from(found: Found) -> Self {
        Violation { rule: found.rule(), found }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// What `PRAGMA integrity_check` found; empty when it says ok.
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_keys: Vec<String>,
    /// kiln's own rules found broken.
    pub invariants: Vec<Violation>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.invariants.is_empty()
    }

    pub fn problems(&self) -> usize {
        self.integrity.len() + self.foreign_keys.len() + self.invariants.len()
    }
}

/// Runs every check.
pub fn run(store: &Store) -> Result<CheckReport> {
    let db = store.sql();
    // SQLite may return its findings as one text of many lines, headed by
    // the schema's name; each line is one problem.
    let integrity: Vec<String> = sql::integrity(db)?
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| *l != "ok" && !l.starts_with("*** in database"))
        .map(str::to_owned)
        .collect();
    // A row that breaks a CHECK or NOT NULL (written around kiln) is not
    // damage; anything else is broken pages.
    let row_level = |l: &String| l.starts_with("CHECK constraint failed") || l.starts_with("NULL value in");
    if !integrity.iter().all(row_level) {
        // A damaged file: the other checks would read the same broken pages
        // and fail or mislead. The damage is what to report, and restore.
        return Ok(CheckReport { integrity, ..CheckReport::default() });
    }
    let foreign_keys = sql::foreign_keys(db)?
        .into_iter()
        .map(|(table, rowid, parent)| {
            format!("{table} row {} → {parent}", rowid.map_or_else(|| "?".to_owned(), |n| n.to_string()))
        })
        .collect();
    let mut invariants: Vec<Violation> = sql::invariants(db)?.into_iter().map(Violation::from).collect();
    // Search keys are made by `domain::search`, which SQL cannot call.
    for (table, id) in super::search::stale(db)? {
        invariants.push(Found::SearchKey { table, id }.into());
    }
    // Settings are typed in `domain::setting`, which SQL cannot read.
    for (key, machine, value) in super::setting::unacceptable(db)? {
        invariants.push(Found::SettingValue { key, machine, value }.into());
    }
    // The supplier's BRN has a check digit, which SQL does not compute.
    if let Some((field, value)) = super::supplier::unacceptable(db)? {
        invariants.push(Found::Supplier { field, value }.into());
    }
    // A deposit is held by a lease chain, which SQL does not follow.
    for (lease, amount, statement) in super::deposit::broken(db)? {
        invariants.push(Found::Deposit { lease, amount, statement }.into());
    }
    Ok(CheckReport { integrity, foreign_keys, invariants })
}
