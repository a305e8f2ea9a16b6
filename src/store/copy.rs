//! Moving a centre from one engine to the other: every row of a SQLite file
//! into an empty PostgreSQL database, as one transaction. The only place
//! that names both engines' crates: it reads each column as whatever SQLite
//! holds and streams it to PostgreSQL's COPY in text form, so a million
//! bookings go in as one stream rather than a million statements.

use std::io::Write as _;

use rusqlite::types::ValueRef;

use super::{Conn, Sql, Tx};
use crate::error::{Error, MigrateError, Result};

/// Every table of kiln's schema, parents before children. The engines'
/// own bookkeeping (`kiln_schema` on PostgreSQL, `PRAGMA user_version` on
/// SQLite) is not a table of the centre and is not copied: the target has
/// its own, made when kiln made its schema. A test compares this list with
/// each engine's tables, so a table added by a migration cannot be left
/// behind.
pub const TABLES: &[&str] = &[
    "operator",
    "audit_log",
    "company",
    "room",
    "person",
    "rate_class",
    "party",
    "party_member",
    "project",
    "lease",
    "yearly_report",
    "yearly_total",
    "equipment",
    "equipment_class",
    "equipment_operator",
    "voucher_programme",
    "voucher_machine",
    "voucher_class",
    "voucher_grant",
    "booking",
    "consumable",
    "booking_consumable",
    "downtime",
    "closed_day",
    "quota",
    "course",
    "course_equipment",
    "course_prerequisite",
    "cohort",
    "session",
    "enrolment",
    "attendance",
    "qualification",
    "statement",
    "statement_line",
    "payment",
    "write_off",
    "tax_approval",
    "tax_correction",
    "deposit_entry",
    "party_month",
    "setting",
    "supplier",
];

/// Tables whose rows kiln's schema makes itself (the eight rate classes of
/// the glossary): an empty target holds them already, and they are
/// replaced by the source's, which may have been renamed, discounted or
/// added to.
const SEEDED: &[&str] = &["rate_class"];

/// Rows sent between two reports of progress.
const PROGRESS_EVERY: u64 = 5_000;

/// The rows of each table, in [`TABLES`]' order.
pub type Counts = Vec<(&'static str, i64)>;

/// The sums the schema keeps by triggers, which the copy carries as they
/// are: equal on both sides, row for row, or the copy is not the centre.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kept {
    /// year, reporting, employees, sales, exports, rnd_spend,
    /// patents_filed, patents_granted, investment.
    pub yearly_total: Vec<[i64; 9]>,
    /// month, party id, charge, bookings.
    pub party_month: Vec<(String, i64, i64, i64)>,
}

/// What the copy read from its source, at the one moment it copied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub counts: Counts,
    pub kept: Kept,
}

/// How many rows each table holds.
pub fn counts(db: Sql<'_>) -> Result<Counts> {
    TABLES.iter().map(|t| Ok((*t, db.value(&format!("SELECT count(*) FROM {t}"), &[])?))).collect()
}

/// The kept sums, in key order.
pub fn kept(db: Sql<'_>) -> Result<Kept> {
    let yearly_total = db.all(
        "SELECT year, reporting, employees, sales, exports, rnd_spend, patents_filed, patents_granted, investment
           FROM yearly_total ORDER BY year",
        &[],
        |r| {
            let mut row = [0i64; 9];
            for (i, v) in row.iter_mut().enumerate() {
                *v = r.get(i)?;
            }
            Ok(row)
        },
    )?;
    let party_month =
        db.all("SELECT month, party_id, charge, bookings FROM party_month ORDER BY month, party_id", &[], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    Ok(Kept { yearly_total, party_month })
}

/// Copies every row of the SQLite database `source` into the PostgreSQL
/// database `target`, which holds kiln's schema and no row. One
/// transaction on each side: the source is read at one moment (others may
/// write meanwhile), and the target gets the whole centre or, should
/// anything fail or the process die, nothing. `progress` hears (rows sent,
/// rows in all) as the copy goes.
pub fn sqlite_to_postgres(source: &Conn, target: &mut Conn, progress: &mut dyn FnMut(u64, u64)) -> Result<Copied> {
    let Conn::Lite(lite) = source else {
        return Err(MigrateError::SourceOnServer { url: source.path().to_owned() }.into());
    };
    let place = target.path().to_owned();
    if !matches!(target, Conn::Pg(_)) {
        return Err(MigrateError::TargetNotServer { target: place }.into());
    }
    // A deferred transaction: SQLite fixes its snapshot at the first read,
    // and WAL lets other terminals write while this one reads.
    let read = rusqlite::Transaction::new_unchecked(lite.raw(), rusqlite::TransactionBehavior::Deferred)?;
    let from = source.sql();
    let counts = counts(from)?;
    let kept = kept(from)?;
    let total: u64 = counts.iter().map(|(_, n)| u64::try_from(*n).unwrap_or(0)).sum();

    // The writers' lock, as every use case takes it: no kiln writes to the
    // target while it fills, and none finds it half full.
    let tx = target.begin()?;
    let Tx::Pg(pg) = &tx else { return Err(MigrateError::TargetNotServer { target: place }.into()) };
    let to = tx.sql();
    for table in TABLES.iter().filter(|t| !SEEDED.contains(t)) {
        let any: bool = to.value(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), &[])?;
        if any {
            let rows: i64 = to.value(&format!("SELECT count(*) FROM {table}"), &[])?;
            return Err(MigrateError::TargetNotEmpty { url: place, table: (*table).to_owned(), rows }.into());
        }
    }
    // The triggers that keep sums, refuse edits of history and check the
    // time rules would recompute or refuse what the source already holds as
    // kiln kept it: the rows go in as they are. Constraints (CHECK, UNIQUE,
    // EXCLUDE, foreign keys) still hold every row. All are switched off
    // before the first row: PostgreSQL refuses ALTER TABLE on a table with
    // foreign key checks still pending.
    for table in TABLES {
        to.batch(&format!("ALTER TABLE {table} DISABLE TRIGGER USER"))?;
    }
    // Foreign keys are checked once every parent is in.
    to.batch("SET CONSTRAINTS ALL DEFERRED")?;
    for table in SEEDED {
        to.batch(&format!("DELETE FROM {table}"))?;
    }
    let mut sent = 0u64;
    progress(0, total);
    for table in TABLES {
        let columns: Vec<String> = to.all(
            "SELECT quote_ident(column_name::text) FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = ?1 AND is_generated = 'NEVER'
              ORDER BY ordinal_position",
            &[&(*table).to_owned()],
            |r| r.get(0),
        )?;
        let list = columns.join(", ");
        let mut st = lite.raw().prepare(&format!("SELECT {list} FROM {table}"))?;
        let mut rows = st.query([])?;
        let mut client = pg.client();
        let mut copy = client.copy_in(&format!("COPY {table} ({list}) FROM STDIN"))?;
        let mut line = Vec::with_capacity(512);
        let mut since = 0u64;
        while let Some(row) = rows.next()? {
            line.clear();
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    line.push(b'\t');
                }
                field(&mut line, row.get_ref(i)?, table, column)?;
            }
            line.push(b'\n');
            copy.write_all(&line).map_err(|e| copy_failed(table, &e))?;
            sent += 1;
            since += 1;
            if since == PROGRESS_EVERY {
                since = 0;
                progress(sent, total);
            }
        }
        copy.finish()?;
        drop(client);
        progress(sent, total);
    }
    // The deferred foreign keys, checked now, so that the triggers can be
    // switched back on before the commit.
    to.batch("SET CONSTRAINTS ALL IMMEDIATE")?;
    for table in TABLES {
        to.batch(&format!("ALTER TABLE {table} ENABLE TRIGGER USER"))?;
    }
    super::sql::centre::ids_past_the_highest(to)?;
    // Anyone listening (an interface already open on the target) reads again.
    to.batch("SELECT pg_notify('kiln', '')")?;
    tx.commit()?;
    drop(read);
    Ok(Copied { counts, kept })
}

/// One column in COPY's text form: `\N` for NULL, text with backslash,
/// tab, newline and carriage return escaped, numbers as written. SQLite's
/// minutes (`YYYY-MM-DD HH:MM`) and days go in as they are: PostgreSQL reads
/// them as timestamp and date.
fn field(out: &mut Vec<u8>, value: ValueRef<'_>, table: &str, column: &str) -> Result<()> {
    match value {
        ValueRef::Null => out.extend_from_slice(b"\\N"),
        ValueRef::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
        // Rust writes the shortest text that reads back as the same double.
        ValueRef::Real(x) => out.extend_from_slice(format!("{x:?}").as_bytes()),
        ValueRef::Text(bytes) => {
            for &b in bytes {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
        }
        // kiln stores no bytes; a blob is something else's, not to guess at.
        ValueRef::Blob(_) => {
            return Err(crate::store::EngineError::Shape(format!("{table}.{column} holds bytes (a blob)")).into());
        }
    }
    Ok(())
}

/// A write to COPY fails when the server has refused the stream; the
/// server's own words come with the end of the copy, which the rollback
/// drops, so say at least where.
fn copy_failed(table: &str, e: &std::io::Error) -> Error {
    crate::store::EngineError::Shape(format!("copying {table}: {e}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(v: ValueRef<'_>) -> String {
        let mut out = Vec::new();
        field(&mut out, v, "t", "c").unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn copy_text_escapes_what_copy_reads_as_syntax() {
        assert_eq!(escaped(ValueRef::Null), "\\N");
        assert_eq!(escaped(ValueRef::Integer(-42)), "-42");
        assert_eq!(escaped(ValueRef::Real(0.1)), "0.1");
        assert_eq!(escaped(ValueRef::Real(2.0)), "2.0");
        assert_eq!(escaped(ValueRef::Text("a\\b\tc\nd\re \\N".as_bytes())), "a\\\\b\\tc\\nd\\re \\\\N");
        assert_eq!(escaped(ValueRef::Text("2026-12-01 09:30".as_bytes())), "2026-12-01 09:30");
        assert_eq!(escaped(ValueRef::Text("세라텍".as_bytes())), "세라텍");
        assert!(field(&mut Vec::new(), ValueRef::Blob(b"x"), "t", "c").is_err());
    }

    /// Every table SQLite's schema makes is copied, and nothing else.
    #[test]
    fn the_copy_names_every_table_of_the_schema() {
        let dir = std::env::temp_dir().join(format!("kiln-copy-tables-{}", std::process::id()));
        let path = dir.join("kiln.sqlite3");
        let conn = Conn::open(&path, true).unwrap();
        let Conn::Lite(lite) = &conn else { unreachable!() };
        let mut st = lite
            .raw()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let found: Vec<String> = st.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        drop(st);
        drop(conn);
        let _ = std::fs::remove_dir_all(&dir);
        let mut listed: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
        listed.sort();
        assert_eq!(found, listed, "a table of the schema is missing from store::copy::TABLES (or one listed is gone)");
    }
}
