//! PostgreSQL's migrations, numbered as SQLite's: file N brings a database
//! to what SQLite's migration N makes, in PostgreSQL's own terms (ranges
//! guarded by exclusion constraints, triggers in PL/pgSQL). The version is
//! kept in `kiln_schema`; migrations run under the writers' lock, so two
//! kilns opening a new database at once make the schema once.

use std::path::Path;

use super::exec::{Session, Sql};
use crate::error::{Error, Result};

/// Migration 1 and every later one, in order; `tests` check there are as
/// many as SQLite's.
pub(in crate::store) const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/postgres/0001_schema.sql"),
    include_str!("../../../migrations/postgres/0002_attendance_by_enrolment.sql"),
    include_str!("../../../migrations/postgres/0003_programme_at_scale.sql"),
    include_str!("../../../migrations/postgres/0004_statements_at_scale.sql"),
    include_str!("../../../migrations/postgres/0005_time_rules.sql"),
    include_str!("../../../migrations/postgres/0006_search_keys.sql"),
    include_str!("../../../migrations/postgres/0007_parties.sql"),
    include_str!("../../../migrations/postgres/0008_class_prices.sql"),
    include_str!("../../../migrations/postgres/0009_projects.sql"),
    include_str!("../../../migrations/postgres/0010_consumables.sql"),
    include_str!("../../../migrations/postgres/0011_operator_surcharge.sql"),
    include_str!("../../../migrations/postgres/0012_vouchers.sql"),
    include_str!("../../../migrations/postgres/0013_statements_by_party.sql"),
    include_str!("../../../migrations/postgres/0014_cancellation_charges.sql"),
    include_str!("../../../migrations/postgres/0015_every_party_billed.sql"),
    include_str!("../../../migrations/postgres/0016_supplier.sql"),
    include_str!("../../../migrations/postgres/0017_party_representative.sql"),
    include_str!("../../../migrations/postgres/0018_tax_approval.sql"),
    include_str!("../../../migrations/postgres/0019_deposits.sql"),
    include_str!("../../../migrations/postgres/0020_course_fees.sql"),
    include_str!("../../../migrations/postgres/0021_tax_corrections.sql"),
    include_str!("../../../migrations/postgres/0022_voucher_payers.sql"),
    include_str!("../../../migrations/postgres/0023_voucher_use_by_month.sql"),
    include_str!("../../../migrations/postgres/0024_correction_kinds.sql"),
];

pub(super) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The version the database is at: 0 for one kiln has not made.
pub(super) fn version(sql: Sql<'_>) -> Result<i64> {
    let kept: bool = crate::store::Sql::Pg(sql).value("SELECT to_regclass('kiln_schema') IS NOT NULL", &[])?;
    if !kept {
        return Ok(0);
    }
    crate::store::Sql::Pg(sql).value("SELECT coalesce(max(version), 0) FROM kiln_schema", &[])
}

/// True if the database's schema holds any table (another program's).
pub(super) fn has_tables(sql: Sql<'_>) -> Result<bool> {
    crate::store::Sql::Pg(sql).value("SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())", &[])
}

pub(super) fn migrate(session: &Session, place: &Path) -> Result<()> {
    let sql = Sql::new(session);
    if version(sql)? == SCHEMA_VERSION {
        return Ok(());
    }
    sql.batch("BEGIN")?;
    session.depth.set(1);
    let done = apply(sql, place);
    session.depth.set(0);
    match done {
        Ok(()) => sql.batch("COMMIT"),
        Err(e) => {
            let _ = sql.batch("ROLLBACK");
            Err(e)
        }
    }
}

fn apply(sql: Sql<'_>, place: &Path) -> Result<()> {
    crate::store::Sql::Pg(sql).value::<i64>("SELECT 1 FROM pg_advisory_xact_lock(?1)", &[&super::WRITE_LOCK])?;
    let found = version(sql)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { path: place.to_owned(), found, supported: SCHEMA_VERSION });
    }
    for text in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        sql.batch(text)?;
    }
    // Search keys are made by domain::search, which SQL cannot call.
    crate::store::sql::search::after_migrations(crate::store::Sql::Pg(sql), found)?;
    sql.batch("CREATE TABLE IF NOT EXISTS kiln_schema (version bigint NOT NULL); DELETE FROM kiln_schema")?;
    sql.run("INSERT INTO kiln_schema (version) VALUES (?1)", &[&SCHEMA_VERSION])?;
    Ok(())
}
