//! Keeping the search keys (`domain::search`) beside the rows they find:
//! written with every change of a searchable row, filled for rows already
//! there by migration 6, and compared by `kiln check`.

use crate::domain::search;
use crate::error::Result;
use crate::store::Sql;

/// A table whose rows carry a search key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    Company,
    Person,
    Equipment,
    Course,
    Party,
    Project,
    Consumable,
    Programme,
}

impl Table {
    pub const ALL: [Table; 8] = [
        Table::Company,
        Table::Person,
        Table::Equipment,
        Table::Course,
        Table::Party,
        Table::Project,
        Table::Consumable,
        Table::Programme,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Company => "company",
            Table::Person => "person",
            Table::Equipment => "equipment",
            Table::Course => "course",
            Table::Party => "party",
            Table::Project => "project",
            Table::Consumable => "consumable",
            Table::Programme => "voucher_programme",
        }
    }

    /// The columns the key is made of, in the order `key` takes them.
    fn columns(self) -> &'static str {
        match self {
            Table::Company => "name, representative, brn, ''",
            Table::Person => "name, code, coalesce(phone, ''), coalesce(email, '')",
            Table::Equipment => "code, name, model, ''",
            Table::Course => "code, title, title_en, ''",
            Table::Party => "coalesce(name, ''), code, coalesce(brn, ''), kind",
            Table::Project => "name, code, number, funder",
            Table::Consumable => "name, code, unit, ''",
            Table::Programme => "name, code, funder, ''",
        }
    }

    fn key(self, c: &[String; 4]) -> String {
        match self {
            Table::Company => search::company(&c[0], &c[1], &c[2]),
            Table::Person => search::person(&c[0], &c[1], &c[2], &c[3]),
            Table::Equipment => search::equipment(&c[0], &c[1], &c[2]),
            Table::Course => search::course(&c[0], &format!("{} {}", c[1], c[2])),
            // A company's party is found by the company's own key.
            Table::Party if c[3] == "company" => String::new(),
            Table::Party => search::party(&c[0], &c[1], &c[2]),
            Table::Project => search::key(&[&c[0], &c[1], &c[2], &c[3]]),
            Table::Consumable => search::key(&[&c[0], &c[1]]),
            Table::Programme => search::key(&[&c[0], &c[1], &c[2]]),
        }
    }
}

fn rows(db: Sql<'_>, table: Table, only: Option<i64>) -> Result<Vec<(i64, String, String)>> {
    let sql = format!(
        "SELECT id, search, {} FROM {} WHERE CAST(?1 AS BIGINT) IS NULL OR id = ?1 ORDER BY id",
        table.columns(),
        table.name()
    );
    db.all(&sql, &[&only], |r| {
        let cols = [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?];
        Ok((r.get(0)?, r.get(1)?, table.key(&cols)))
    })
}

/// Writes the key of one row after it changed.
pub(crate) fn refresh(db: Sql<'_>, table: Table, id: i64) -> Result<()> {
    fill(db, table, Some(id))
}

/// Writes every row's key that differs from what it should be: all of a
/// table (`only` `None`) or one row.
pub(crate) fn fill(db: Sql<'_>, table: Table, only: Option<i64>) -> Result<()> {
    let sql = format!("UPDATE {} SET search = ?2 WHERE id = ?1", table.name());
    for (id, stored, key) in rows(db, table, only)? {
        if stored != key {
            db.run(&sql, &[&id, &key])?;
        }
    }
    Ok(())
}

/// Fills the keys of the rows a migration from `found` made: every
/// table's after migration 6, the parties' after migration 7. Run once all
/// of the migrations have, since a table is searchable from the migration
/// that adds it.
pub(crate) fn after_migrations(db: Sql<'_>, found: i64) -> Result<()> {
    match found {
        ..6 => fill_all(db),
        6 => fill(db, Table::Party, None),
        _ => Ok(()),
    }
}

/// Fills every table's keys (migrations, the large demo).
pub(crate) fn fill_all(db: Sql<'_>) -> Result<()> {
    Table::ALL.into_iter().try_for_each(|t| fill(db, t, None))
}

/// Rows whose stored key is not what their names make: (table, id).
pub(crate) fn stale(db: Sql<'_>) -> Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::new();
    for t in Table::ALL {
        out.extend(rows(db, t, None)?.into_iter().filter(|(_, s, k)| s != k).map(|(id, _, _)| (t.name(), id)));
    }
    Ok(out)
}
