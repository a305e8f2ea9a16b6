//! `kiln migrate --to postgres://…`: a centre's SQLite file copied into an
//! empty PostgreSQL database, whole or not at all, and found equal to its
//! source, table by table and value by value. These need a PostgreSQL
//! cluster (`common::pg::cluster()`); where none is installed they say so
//! once and pass. The source is always a SQLite file, whichever engine
//! `KILN_TEST_ENGINE` names.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::cli::{fails, json, stdout};
use common::{NOW, TempDb, pg};
use kiln::store::copy::TABLES;

/// The binary `KILN_TEST_BIN` names (`.ci/run` builds the release one, in
/// which the large demo takes seconds), else cargo's debug one.
fn bin() -> PathBuf {
    std::env::var_os("KILN_TEST_BIN")
        .filter(|p| !p.is_empty())
        .map_or_else(|| env!("CARGO_BIN_EXE_kiln").into(), PathBuf::from)
}

/// `kiln --db db ARGS` as the tests run it.
fn kiln(db: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(bin());
    c.env("KILN_NOW", NOW).env("LANG", "en_US.UTF-8").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c.env_remove("KILN_DB").arg("--db").arg(db);
    c
}

/// A SQLite file in a temp dir, whatever engine the other tests run on.
fn sqlite_file() -> TempDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiln.sqlite3");
    TempDb { dir, path }
}

/// A demo centre in a SQLite file, made through the binary with `args` once
/// and kept in cargo's temp folder for the tests (a move only reads its
/// source): nextest runs each test in a process of its own, and the large
/// one takes minutes to make. Made under a name of its own, then renamed, so
/// a process killed while making it leaves no half centre to reuse.
fn cached_demo(name: &str, args: &[&str]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let kept = dir.join(format!("migrate-{name}.sqlite3"));
    if kept.exists() {
        return kept;
    }
    let making = tempfile::tempdir_in(&dir).unwrap();
    let path = making.path().join("kiln.sqlite3");
    let started = Instant::now();
    stdout(kiln(&path).arg("init"));
    stdout(kiln(&path).arg("demo").args(args));
    eprintln!("{name} demo made in {:?}", started.elapsed());
    // One file: no -wal or -shm left beside it once kiln has closed it.
    std::fs::rename(&path, &kept).unwrap();
    kept
}

/// The small demo centre in a SQLite file.
fn demo_file() -> &'static Path {
    static FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| cached_demo("small", &[]))
}

/// A new empty database on the cluster, or `None` (said once) where
/// PostgreSQL is not installed.
fn empty_target() -> Option<PathBuf> {
    pg::cluster()?;
    Some(PathBuf::from(pg::database(None)))
}

fn client(url: &Path) -> postgres::Client {
    pg::admin(pg::name_of(url.to_str().unwrap()))
}

/// Rows of every kiln table on PostgreSQL.
fn pg_counts(url: &Path) -> Vec<(String, i64)> {
    let mut c = client(url);
    TABLES
        .iter()
        .map(|t| ((*t).to_owned(), c.query_one(&format!("SELECT count(*) FROM {t}"), &[]).unwrap().get(0)))
        .collect()
}

fn sqlite_counts(path: &Path) -> Vec<(String, i64)> {
    let conn = common::sqlite::raw(path);
    TABLES
        .iter()
        .map(|t| ((*t).to_owned(), conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()))
        .collect()
}

/// The columns kiln copies (those not generated), with PostgreSQL's type.
fn columns(c: &mut postgres::Client, table: &str) -> Vec<(String, String)> {
    c.query(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
          ORDER BY ordinal_position",
        &[&table],
    )
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect()
}

/// Every row of `table` as text, sorted: SQLite's values as stored, and
/// PostgreSQL's written back in SQLite's form (a minute as
/// `YYYY-MM-DD HH:MM`, a day as `YYYY-MM-DD`, a double as Rust writes it).
fn rows_both(sqlite: &Path, url: &Path, table: &str) -> (Vec<String>, Vec<String>) {
    let mut c = client(url);
    let cols = columns(&mut c, table);
    let names: Vec<String> = cols.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    let conn = common::sqlite::raw(sqlite);
    let mut st = conn.prepare(&format!("SELECT {} FROM {table}", names.join(", "))).unwrap();
    let mut lite: Vec<String> = st
        .query_map([], |r| {
            Ok((0..names.len())
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => "NULL".to_owned(),
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Real(x) => format!("{x:?}"),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
                    rusqlite::types::ValueRef::Blob(_) => panic!("a blob in {table}"),
                })
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let exprs: Vec<String> = cols
        .iter()
        .map(|(n, ty)| match ty.as_str() {
            "timestamp without time zone" => format!("to_char(\"{n}\", 'YYYY-MM-DD HH24:MI')"),
            "double precision" => format!("\"{n}\""),
            _ => format!("\"{n}\"::text"),
        })
        .collect();
    let mut theirs: Vec<String> = c
        .query(&format!("SELECT {} FROM {table}", exprs.join(", ")), &[])
        .unwrap()
        .iter()
        .map(|r| {
            cols.iter()
                .enumerate()
                .map(|(i, (_, ty))| {
                    if ty == "double precision" {
                        r.get::<_, Option<f64>>(i).map_or_else(|| "NULL".to_owned(), |x| format!("{x:?}"))
                    } else {
                        r.get::<_, Option<String>>(i).unwrap_or_else(|| "NULL".to_owned())
                    }
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    lite.sort();
    theirs.sort();
    (lite, theirs)
}

/// The copy list names every table PostgreSQL's schema makes, as it does
/// SQLite's (the unit test in `store::copy` compares it with sqlite_master).
#[test]
fn the_copy_list_is_every_table_of_the_postgres_schema() {
    let Some(url) = empty_target() else { return };
    stdout(kiln(&url).arg("init"));
    let mut found: Vec<String> = client(&url)
        .query("SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'kiln_schema' ORDER BY 1", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    found.sort();
    let mut listed: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    listed.sort();
    assert_eq!(found, listed);
}

#[test]
fn the_demo_moves_whole_value_for_value_and_checks_clean() {
    let Some(url) = empty_target() else { return };
    let source = demo_file();
    let out = stdout(kiln(source).arg("migrate").arg("--to").arg(&url));
    assert!(out.contains("Moved") && out.contains("check: clean"), "{out}");
    let counts = sqlite_counts(source);
    assert_eq!(pg_counts(&url), counts);
    assert!(counts.iter().filter(|(_, n)| *n > 0).count() > 20, "the demo fills most tables: {counts:?}");
    for table in TABLES {
        let (lite, theirs) = rows_both(source, &url, table);
        assert_eq!(lite.len(), theirs.len(), "{table}");
        for (a, b) in lite.iter().zip(&theirs) {
            assert_eq!(a, b, "{table}");
        }
    }
    // The target is kiln's, and in use: its checks pass, its triggers are
    // back on, and a new row takes the next id.
    stdout(kiln(&url).arg("check"));
    let mut c = client(&url);
    let disabled: i64 =
        c.query_one("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'", &[]).unwrap().get(0);
    assert_eq!(disabled, 0, "every trigger enabled again");
    // The account that made the file is its admin on the server too.
    let before: i64 = c.query_one("SELECT max(id) FROM person", &[]).unwrap().get(0);
    stdout(kiln(&url).args(["person", "add", "--name", "새사람"]));
    let after: i64 = c.query_one("SELECT max(id) FROM person", &[]).unwrap().get(0);
    assert_eq!(after, before + 1);
}

#[test]
fn migrate_as_json_says_each_table_and_that_all_is_clean() {
    let Some(url) = empty_target() else { return };
    let report = json(kiln(demo_file()).arg("migrate").arg("--to").arg(&url).arg("--json"));
    assert_eq!(report["clean"], true, "{report}");
    assert_eq!(report["counts_equal"], true);
    assert_eq!(report["kept_sums_equal"], true);
    let tables = report["tables"].as_array().unwrap();
    assert_eq!(tables.len(), TABLES.len());
    let rows: i64 = tables.iter().map(|t| t["source"].as_i64().unwrap()).sum();
    assert_eq!(report["rows"].as_i64(), Some(rows));
    assert!(tables.iter().all(|t| t["source"] == t["target"]));
    assert_eq!(report["check"]["invariants"].as_array().unwrap().len(), 0);
    assert!(report["target"].as_str().unwrap().starts_with("postgresql://"));
}

#[test]
fn a_target_holding_rows_is_refused_and_left_as_it_was() {
    let Some(url) = empty_target() else { return };
    stdout(kiln(&url).arg("init"));
    stdout(kiln(&url).args(["person", "add", "--name", "먼저온사람"]));
    let before = common::dump(&url);
    let line = fails(kiln(demo_file()).arg("migrate").arg("--to").arg(&url), 1);
    assert!(line.contains("not empty") && line.contains("operator") && line.contains("1 rows"), "{line}");
    assert_eq!(common::dump(&url), before);
    // Korean too.
    let line = fails(kiln(demo_file()).args(["--lang", "ko", "migrate", "--to"]).arg(&url), 1);
    assert!(line.contains("비어 있지 않습니다"), "{line}");
}

#[test]
fn a_target_of_another_program_or_a_newer_kiln_is_refused_untouched() {
    let Some(url) = empty_target() else { return };
    pg::exec(url.to_str().unwrap(), "CREATE TABLE invoices (n int); INSERT INTO invoices VALUES (1);");
    let line = fails(kiln(demo_file()).arg("migrate").arg("--to").arg(&url), 1);
    assert!(line.contains("not a kiln database") || line.contains("another program"), "{line}");
    let tables: i64 =
        client(&url).query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(tables, 1, "nothing made beside the other program's table");

    let Some(url) = empty_target() else { return };
    stdout(kiln(&url).arg("init"));
    pg::exec(url.to_str().unwrap(), "UPDATE kiln_schema SET version = 999;");
    let line = fails(kiln(demo_file()).arg("migrate").arg("--to").arg(&url), 1);
    assert!(line.contains("newer kiln"), "{line}");
}

#[test]
fn a_source_on_a_server_or_a_target_that_is_a_file_is_refused() {
    let Some(url) = empty_target() else { return };
    stdout(kiln(&url).arg("init"));
    let other = empty_target().unwrap();
    let line = fails(kiln(&url).arg("migrate").arg("--to").arg(&other), 2);
    assert!(line.contains("must be a SQLite file"), "{line}");
    assert_eq!(pg_counts_or_none(&other), 0, "the target was not even opened");
    let file = sqlite_file();
    let target = file.dir.path().join("other.sqlite3");
    let line = fails(kiln(demo_file()).arg("migrate").arg("--to").arg(&target), 2);
    assert!(line.contains("--to takes a PostgreSQL"), "{line}");
    assert!(!target.exists(), "no file made");
}

/// How many kiln tables `url` holds: 0 for a database kiln never opened.
fn pg_counts_or_none(url: &Path) -> usize {
    let n: i64 =
        client(url).query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    usize::try_from(n).unwrap()
}

#[test]
fn backup_on_postgres_says_to_use_pg_dump() {
    let Some(url) = empty_target() else { return };
    stdout(kiln(&url).arg("init"));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kiln.backup");
    let line = fails(kiln(&url).arg("backup").arg(&target), 1);
    assert!(line.contains("pg_dump -Fc"), "{line}");
    assert!(!target.exists());
    let line = fails(kiln(&url).args(["--lang", "ko", "backup"]).arg(&target), 1);
    assert!(line.contains("pg_dump"), "{line}");
}

/// The large demo (a million bookings) in a SQLite file, made by the
/// binary under test.
fn large_file() -> &'static Path {
    static FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| cached_demo("large", &["--size", "large"]))
}

#[test]
#[ignore = "a million bookings; .ci/run runs it with the release binary (KILN_TEST_BIN)"]
fn the_large_demo_moves_whole_and_checks_clean() {
    let Some(url) = empty_target() else { return };
    let source = large_file();
    let started = Instant::now();
    let report = json(kiln(source).arg("migrate").arg("--to").arg(&url).arg("--json"));
    eprintln!("large demo moved and checked in {:?}", started.elapsed());
    assert_eq!(report["clean"], true, "{report}");
    assert_eq!(pg_counts(&url), sqlite_counts(source));
    let bookings = pg_counts(&url).into_iter().find(|(t, _)| t == "booking").unwrap().1;
    assert!(bookings >= 1_000_000, "{bookings}");
}

#[test]
#[ignore = "a million bookings; .ci/run runs it with the release binary (KILN_TEST_BIN)"]
fn a_move_killed_midway_leaves_the_target_empty() {
    let Some(url) = empty_target() else { return };
    let source = large_file();
    let name = pg::name_of(url.to_str().unwrap()).to_owned();
    let mut child = Command::new(bin())
        .env("KILN_NOW", NOW)
        .env("LANG", "en_US.UTF-8")
        .env_remove("KILN_DB")
        .arg("--db")
        .arg(source)
        .arg("migrate")
        .arg("--to")
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Midway: once the bookings are streaming in.
    let mut watch = pg::admin("postgres");
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let copying: i64 = watch
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE 'COPY booking%'",
                &[&name],
            )
            .unwrap()
            .get(0);
        if copying > 0 {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "kiln migrate ended before the bookings were copied");
        assert!(Instant::now() < deadline, "no COPY of the bookings seen");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "killed midway, not finished: {status}");
    // The server ends the dead client's transaction when it finds the
    // socket closed; wait for that, then look.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left: i64 = watch
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'kiln'",
                &[&name],
            )
            .unwrap()
            .get(0);
        if left == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the killed client's session lingers");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Empty as kiln made it: nothing but the eight rate classes its schema
    // comes with.
    let counts = pg_counts(&url);
    assert!(counts.iter().all(|(t, n)| *n == if *t == "rate_class" { 8 } else { 0 }), "{counts:?}");
    // Still kiln's, empty and whole: its triggers are on.
    let disabled: i64 = client(&url)
        .query_one("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'", &[])
        .unwrap()
        .get(0);
    assert_eq!(disabled, 0);
}

/// `kiln check` on PostgreSQL says what it says on SQLite: the demo moved to
/// the server and kept in its file, the same rules broken around kiln on
/// both (as a hand edit in sqlite3 or a superuser in psql could), and the
/// two reports equal, word for word.
#[test]
fn check_on_a_moved_centre_finds_what_it_finds_in_the_file() {
    let Some(url) = empty_target() else { return };
    stdout(kiln(demo_file()).arg("migrate").arg("--to").arg(&url));
    let file = sqlite_file();
    std::fs::copy(demo_file(), &file.path).unwrap();
    let both = |path: &Path| json(kiln(path).args(["check", "--json"]));
    assert_eq!(both(&url), both(&file.path));
    // Besides the rules `check` recomputes, a person of a company that is
    // not there: foreign keys off on the file, replica mode on the server.
    common::plant_rule_breaks(&file.path);
    common::sqlite::exec(&file.path, "PRAGMA foreign_keys = OFF; UPDATE person SET company_id = 99999 WHERE id = 1;");
    common::plant_rule_breaks(&url);
    pg::exec(
        url.to_str().unwrap(),
        "SET session_replication_role = replica; UPDATE person SET company_id = 99999 WHERE id = 1;",
    );
    let broken = |path: &Path, args: &[&str]| {
        let out = kiln(path).args(args).assert().code(1).get_output().clone();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    // One difference, of the plant and not of the check: SQLite's integrity
    // check reports the row that breaks the CHECK on VAT, which had to be
    // ignored there and dropped on the server, where no row can break a
    // CHECK that stands.
    let (on_server, said) = broken(&url, &["check", "--json"]);
    let (in_file, _) = broken(&file.path, &["check", "--json"]);
    let mut report: serde_json::Value = serde_json::from_str(&on_server).unwrap();
    let mut file_report: serde_json::Value = serde_json::from_str(&in_file).unwrap();
    assert_eq!(report["integrity"], serde_json::json!([]));
    assert_eq!(file_report["integrity"], serde_json::json!(["CHECK constraint failed in statement"]));
    report["integrity"].take();
    file_report["integrity"].take();
    assert_eq!(report, file_report);
    assert_eq!(said, "error: the check found 9 problem(s) — see the list above and restore from a backup\n");
    let rules: Vec<&str> =
        report["invariants"].as_array().unwrap().iter().map(|v| v["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, common::PLANTED_RULES);
    assert_eq!(report["foreign_keys"][0], "person row 1 → company", "{report}");
    // And as people read it, in Korean too.
    let (server_lines, _) = broken(&url, &["--lang", "ko", "check"]);
    let (file_lines, _) = broken(&file.path, &["--lang", "ko", "check"]);
    let file_lines: Vec<&str> = file_lines.lines().filter(|l| !l.starts_with("CHECK constraint failed")).collect();
    assert_eq!(server_lines.lines().collect::<Vec<_>>(), file_lines);
    assert!(server_lines.contains("겹칩니다"), "{server_lines}");
}
