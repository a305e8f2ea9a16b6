//! Numbered schema migrations tracked by `PRAGMA user_version`. Migration 1 is
//! `schema.sql`; later ones are appended, never edited once released.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Migration 1 (`schema.sql`) and every later one, in order.
pub(in crate::store) const MIGRATIONS: &[&str] = &[
    include_str!("../../../schema.sql"),
    include_str!("../../../migrations/0002_attendance_by_enrolment.sql"),
    include_str!("../../../migrations/0003_programme_at_scale.sql"),
    include_str!("../../../migrations/0004_statements_at_scale.sql"),
    include_str!("../../../migrations/0005_time_rules.sql"),
    include_str!("../../../migrations/0006_search_keys.sql"),
    include_str!("../../../migrations/0007_parties.sql"),
    include_str!("../../../migrations/0008_class_prices.sql"),
    include_str!("../../../migrations/0009_projects.sql"),
    include_str!("../../../migrations/0010_consumables.sql"),
    include_str!("../../../migrations/0011_operator_surcharge.sql"),
    include_str!("../../../migrations/0012_vouchers.sql"),
    include_str!("../../../migrations/0013_statements_by_party.sql"),
    include_str!("../../../migrations/0014_cancellation_charges.sql"),
    include_str!("../../../migrations/0015_every_party_billed.sql"),
    include_str!("../../../migrations/0016_supplier.sql"),
    include_str!("../../../migrations/0017_party_representative.sql"),
    include_str!("../../../migrations/0018_tax_approval.sql"),
    include_str!("../../../migrations/0019_deposits.sql"),
    include_str!("../../../migrations/0020_course_fees.sql"),
    include_str!("../../../migrations/0021_tax_corrections.sql"),
    include_str!("../../../migrations/0022_voucher_payers.sql"),
    include_str!("../../../migrations/0023_voucher_use_by_month.sql"),
    include_str!("../../../migrations/0024_correction_kinds.sql"),
];

/// The schema version this kiln writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the file up to [`SCHEMA_VERSION`] in one IMMEDIATE transaction, so two
/// processes opening a new file at once migrate it once. A migration that
/// makes a table anew (SQLite cannot alter a CHECK) drops it while rows of
/// other tables refer to it, so foreign keys are off while the migrations
/// run and checked once before the commit, as SQLite's own procedure for
/// such changes does.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if user_version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let done = run(conn, path);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    done
}

fn run(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION });
    }
    for sql in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(&rerunnable(&tx, sql)?)?;
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        let what = format!("the migration would leave {broken} row(s) referring to nothing; nothing was changed");
        return Err(crate::store::EngineError::Shape(what).into());
    }
    // Search keys are made by domain::search, which SQL cannot call.
    crate::store::sql::search::after_migrations(crate::store::Sql::Lite(super::Sql::new(&tx)), found)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// A migration with its `ALTER TABLE t ADD COLUMN c …;` lines (one a line)
/// left out where `t` has `c` already: SQLite has no `ADD COLUMN IF NOT
/// EXISTS`, and every migration must run again changing nothing (a file
/// whose version was set back, a copy restored over a newer one). So too
/// the lines from `-- kiln:unless-column t c` to `-- kiln:end`: a table
/// made anew, left out once it has its new column.
fn rerunnable(conn: &Connection, sql: &str) -> rusqlite::Result<String> {
    let has = |table: &str, column: &str| -> rusqlite::Result<bool> {
        let n: i64 =
            conn.query_row("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", [table, column], |r| {
                r.get(0)
            })?;
        Ok(n > 0)
    };
    let mut out = String::with_capacity(sql.len());
    let mut skipping = false;
    for line in sql.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["--", "kiln:unless-column", table, column] => {
                skipping = has(table, column)?;
                continue;
            }
            ["--", "kiln:end"] => {
                skipping = false;
                continue;
            }
            ["ALTER", "TABLE", table, "ADD", "COLUMN", column, ..] if has(table, column)? => continue,
            _ if skipping => continue,
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}
