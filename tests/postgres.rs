//! PostgreSQL's own guards and its opening rules, on a throwaway cluster:
//! every planted violation of tests/postgres/guards.sql is refused by
//! PostgreSQL itself with the SQLSTATE and constraint name kiln maps, and
//! its allowed neighbour goes through; a database from a newer kiln,
//! another program's, or an empty one is refused untouched. Skipped (said
//! once) where PostgreSQL is not installed, unless KILN_REQUIRE_PG=1.

mod common;

use std::path::Path;

use common::pg;
use kiln::db::Store;

/// A database with kiln's schema made by kiln itself, kept as a template.
fn schema_template() -> &'static str {
    static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let url = pg::database(None);
        drop(Store::open_as(Path::new(&url), "kim", common::clock()).unwrap());
        pg::name_of(&url).to_owned()
    })
}

struct Case {
    expect: Option<(String, String)>,
    sql: String,
}

struct Block {
    title: String,
    setup: String,
    cases: Vec<Case>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut title = String::new();
    let mut pending: Option<Option<(String, String)>> = None;
    let mut in_setup = false;
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("-- =====") {
            t.trim().clone_into(&mut title);
        } else if line.trim() == "-- setup" {
            out.push(Block { title: title.clone(), setup: String::new(), cases: Vec::new() });
            in_setup = true;
        } else if let Some(rest) = line.strip_prefix("-- expect ") {
            let mut w = rest.split_whitespace();
            pending = Some(Some((w.next().unwrap().to_owned(), w.next().unwrap().to_owned())));
            in_setup = false;
        } else if line.trim() == "-- ok" {
            pending = Some(None);
            in_setup = false;
        } else if line.starts_with("--") || line.trim().is_empty() {
        } else if let Some(expect) = pending.take() {
            out.last_mut().unwrap().cases.push(Case { expect, sql: line.to_owned() });
        } else if in_setup {
            let b = out.last_mut().unwrap();
            b.setup.push_str(line);
            b.setup.push('\n');
        } else {
            // A statement continued over several lines.
            let c = out.last_mut().unwrap().cases.last_mut().unwrap();
            c.sql.push('\n');
            c.sql.push_str(line);
        }
    }
    out
}

#[test]
fn postgres_itself_refuses_every_planted_violation() {
    if pg::cluster().is_none() {
        return;
    }
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/postgres/guards.sql")).unwrap();
    let blocks = blocks(&text);
    assert!(blocks.len() >= 20, "{} blocks", blocks.len());
    let mut named = std::collections::BTreeSet::new();
    for block in &blocks {
        let url = pg::database(Some(schema_template()));
        let mut client = pg::admin(pg::name_of(&url));
        client
            .batch_execute(&format!("BEGIN; {}", block.setup))
            .unwrap_or_else(|e| panic!("{}: setup: {e}", block.title));
        for case in &block.cases {
            client.batch_execute("SAVEPOINT s").unwrap();
            let got = client.batch_execute(&case.sql);
            match (&case.expect, got) {
                (None, Ok(())) => {}
                (None, Err(e)) => panic!("{}: refused what is allowed: {}\n{e:?}", block.title, case.sql),
                (Some((code, name)), Err(e)) => {
                    let db = e.as_db_error().unwrap_or_else(|| panic!("{}: {e}", block.title));
                    assert_eq!(db.code().code(), code, "{}: {}", block.title, case.sql);
                    assert_eq!(db.constraint(), Some(name.as_str()), "{}: {}", block.title, case.sql);
                    named.insert(name.clone());
                }
                (Some((code, name)), Ok(())) => {
                    panic!("{}: allowed what {code} {name} should refuse: {}", block.title, case.sql)
                }
            }
            client.batch_execute("ROLLBACK TO SAVEPOINT s").unwrap();
        }
    }
    // Every guard kiln names is raised by PostgreSQL under that name.
    for (_, name) in kiln::store::Guard::ALL {
        assert!(named.contains(name), "no planted violation of {name}");
    }
}

#[test]
fn a_database_from_a_newer_kiln_is_refused_untouched() {
    if pg::cluster().is_none() {
        return;
    }
    let url = pg::database(Some(schema_template()));
    pg::exec(&url, "UPDATE kiln_schema SET version = 99");
    let before = common::dump(Path::new(&url));
    let err = Store::open_as(Path::new(&url), "kim", common::clock()).err().unwrap();
    assert!(matches!(err, kiln::Error::SchemaTooNew { found: 99, .. }), "{err:?}");
    assert_eq!(common::dump(Path::new(&url)), before);
}

#[test]
fn another_programs_database_and_an_empty_one_are_refused_untouched() {
    if pg::cluster().is_none() {
        return;
    }
    let url = pg::database(None);
    let err = Store::open_existing_as(Path::new(&url), "kim", common::clock()).err().unwrap();
    assert!(matches!(err, kiln::Error::EmptyDatabase { .. }), "{err:?}");
    pg::exec(&url, "CREATE TABLE invoices (id int)");
    let err = Store::open_as(Path::new(&url), "kim", common::clock()).err().unwrap();
    assert!(matches!(err, kiln::Error::ForeignDatabase { .. }), "{err:?}");
    let mut client = pg::admin(pg::name_of(&url));
    let tables: i64 =
        client.query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(tables, 1);
}

#[test]
fn a_server_that_cannot_be_reached_is_said_in_one_line_naming_it() {
    let url = "postgresql://kiln:secret@127.0.0.1:1/nowhere";
    let err = Store::open_as(Path::new(url), "kim", common::clock()).err().unwrap();
    let text = err.to_string();
    assert!(text.contains("cannot connect to the PostgreSQL database postgresql://kiln@127.0.0.1:1/nowhere"), "{text}");
    assert!(!text.contains("secret"), "{text}");
    assert_eq!(text.lines().count(), 1);
}
