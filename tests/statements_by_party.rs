//! Migration 13 makes the statement tables anew (SQLite cannot alter a
//! CHECK): a demo whose statements are put back in the old shape comes
//! through with every number, total and line as it was, each statement
//! its company's party's, and `check` clean before and after.

mod common;

use common::TempDb;
use kiln::db::check;

/// What schema 12 could hold: statements of companies only (the demo now
/// bills organisations and individuals too).
const COMPANIES_ONLY: &str = "
DROP TRIGGER statement_kept;
DROP TRIGGER statement_line_kept;
DROP TRIGGER tax_approval_kept;
DROP TRIGGER tax_correction_kept;
DELETE FROM tax_approval WHERE statement_id IN (SELECT id FROM statement WHERE company_id IS NULL);
DELETE FROM tax_correction WHERE statement_id IN (SELECT id FROM statement WHERE company_id IS NULL)
                              OR corrects_id IN (SELECT id FROM statement WHERE company_id IS NULL);
DELETE FROM payment WHERE statement_id IN (SELECT id FROM statement WHERE company_id IS NULL);
DELETE FROM statement_line WHERE statement_id IN (SELECT id FROM statement WHERE company_id IS NULL);
DELETE FROM statement WHERE company_id IS NULL;
";

/// The statement tables as schema 12 had them.
const OLD_SHAPE: &str = "
PRAGMA foreign_keys = OFF;
CREATE TABLE statement_old (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    company_id INTEGER NOT NULL REFERENCES company (id),
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    issued_on TEXT NOT NULL CHECK (date(issued_on, '+0 days') IS issued_on),
    due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on AND due_on >= issued_on),
    supply INTEGER NOT NULL,
    vat INTEGER NOT NULL CHECK (vat = supply / 10),
    total INTEGER NOT NULL CHECK (total = supply + vat),
    issued_by TEXT NOT NULL,
    UNIQUE (company_id, month)
) STRICT;
INSERT INTO statement_old SELECT id, number, company_id, month, issued_on, due_on, supply, vat, total, issued_by FROM statement;
DROP TABLE statement;
ALTER TABLE statement_old RENAME TO statement;
CREATE INDEX statement_month ON statement (month);
CREATE TABLE statement_line_old (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statement (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('rent', 'fee', 'usage', 'adjustment')),
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    quantity REAL NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('month', 'day', 'hour', 'sample', 'lump')),
    unit_price INTEGER,
    amount INTEGER NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (statement_id, position)
) STRICT;
INSERT INTO statement_line_old SELECT id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount, source
  FROM statement_line;
DROP TABLE statement_line;
ALTER TABLE statement_line_old RENAME TO statement_line;
CREATE INDEX statement_line_source ON statement_line (kind, source);
CREATE TRIGGER statement_frozen BEFORE UPDATE ON statement BEGIN SELECT RAISE(ABORT, 'statement_frozen'); END;
CREATE TRIGGER statement_kept BEFORE DELETE ON statement BEGIN SELECT RAISE(ABORT, 'statement_frozen'); END;
CREATE TRIGGER statement_line_frozen BEFORE UPDATE ON statement_line BEGIN SELECT RAISE(ABORT, 'statement_frozen'); END;
CREATE TRIGGER statement_line_kept BEFORE DELETE ON statement_line BEGIN SELECT RAISE(ABORT, 'statement_frozen'); END;
ALTER TABLE equipment DROP COLUMN nfec;
PRAGMA user_version = 12;
";

fn statements(path: &std::path::Path) -> Vec<Vec<Option<String>>> {
    common::texts(
        path,
        "SELECT s.number, CAST(s.company_id AS TEXT), s.month, CAST(s.supply AS TEXT), CAST(s.vat AS TEXT),
                CAST(s.total AS TEXT), CAST(count(l.id) AS TEXT), CAST(sum(l.amount) AS TEXT)
           FROM statement s LEFT JOIN statement_line l ON l.statement_id = s.id GROUP BY s.id ORDER BY s.id",
    )
}

#[test]
fn the_demos_statements_come_through_the_rebuild_whole_and_each_is_its_partys() {
    if common::pg::active() {
        // PostgreSQL alters the tables in place; tests/postgres.rs and the
        // moved demo cover its migration.
        return;
    }
    let (db, s) = TempDb::demo();
    assert!(check::run(&s).unwrap().is_clean());
    drop(s);
    common::sqlite::exec(&db.path, COMPANIES_ONLY);
    let before = statements(&db.path);
    assert!(before.len() > 100, "the demo has issued statements");
    common::sqlite::exec(&db.path, OLD_SHAPE);
    let s = db.open_as("kim");
    assert_eq!(statements(&db.path), before, "every number, total and line as it was");
    let orphans = common::texts(
        &db.path,
        "SELECT s.number FROM statement s JOIN party y ON y.id = s.party_id WHERE y.company_id IS NOT s.company_id",
    );
    assert!(orphans.is_empty(), "each statement is its company's party's: {orphans:?}");
    assert!(check::run(&s).unwrap().is_clean(), "check clean after");
    // Run again (a copy restored over a newer one): nothing changes.
    drop(s);
    common::sqlite::exec(&db.path, "PRAGMA user_version = 12;");
    let s = db.open_as("kim");
    assert_eq!(statements(&db.path), before);
    assert!(check::run(&s).unwrap().is_clean());
}
