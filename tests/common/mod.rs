//! Shared by the integration tests: real database files in temp dirs.
#![allow(dead_code)]

pub mod cli;
pub mod money;
pub mod pg;
pub mod tui;

/// A kiln file reached behind kiln's back, one module per engine: the tests
/// that plant what a hand edit could (a dropped trigger, a row no use case
/// would write) and read what kiln stored go through here, so that a second
/// engine (issue 18) adds its twin in this one place.
pub mod sqlite {
    use std::path::Path;

    /// A connection of its own to the file at `path`.
    pub fn raw(path: impl AsRef<Path>) -> rusqlite::Connection {
        try_raw(path).unwrap()
    }

    /// The same, for a file that may not open.
    pub fn try_raw(path: impl AsRef<Path>) -> rusqlite::Result<rusqlite::Connection> {
        rusqlite::Connection::open(path)
    }

    /// Runs `sql`, one or more statements, on the file at `path`.
    pub fn exec(path: impl AsRef<Path>, sql: &str) {
        raw(path).execute_batch(sql).unwrap();
    }
}

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kiln::db::Store;
use kiln::domain::{FixedClock, Minute};

/// The field and problem of bad input; panics on any other error.
pub fn invalid(e: kiln::error::Error) -> (kiln::domain::Field, kiln::domain::Problem) {
    match e {
        kiln::error::Error::Invalid(i) => (i.field, i.problem),
        other => panic!("expected bad input, got {other:?}"),
    }
}

pub const NOW: &str = "2026-11-26 10:00";

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(Minute::parse(NOW).unwrap()))
}

/// A temp dir holding `kiln.sqlite3`, not yet created; on PostgreSQL
/// (`pg::active()`), a new empty database, whose URL `path` holds as kiln's
/// `--db` takes it.
pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        if pg::active() {
            let url = pg::database(None);
            return TempDb { dir, path: PathBuf::from(url) };
        }
        let path = dir.path().join("kiln.sqlite3");
        TempDb { dir, path }
    }

    /// A copy of the database kept at `template` (a file, or a database
    /// on the cluster).
    pub fn copy_of(template: &Path) -> Self {
        if pg::active() {
            let dir = tempfile::tempdir().unwrap();
            let url = pg::database(Some(pg::name_of(template.to_str().unwrap())));
            return TempDb { dir, path: PathBuf::from(url) };
        }
        let db = TempDb::new();
        std::fs::copy(template, &db.path).unwrap();
        db
    }

    /// Keeps the database past this value's life, as a template; where.
    pub fn keep(mut self) -> PathBuf {
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap());
        let path = std::mem::take(&mut self.path);
        let kept = dir.keep();
        if pg::active() { path } else { kept.join("kiln.sqlite3") }
    }

    /// Opens as `user` (the first to open a new file and bootstrap is admin).
    pub fn open_as(&self, user: &str) -> Store {
        Store::open_as(&self.path, user, clock()).unwrap()
    }

    /// A database whose first admin is `kim`.
    pub fn with_admin(user: &str) -> (Self, Store) {
        let db = TempDb::new();
        let mut store = db.open_as(user);
        kiln::db::operator::bootstrap(&mut store).unwrap();
        (db, store)
    }

    /// A demo built afresh, not copied.
    pub fn fresh_demo() -> (Self, Store) {
        let (db, mut store) = TempDb::with_admin("kim");
        kiln::demo::load(&mut store, kiln::demo::DEFAULT_SEED).unwrap();
        (db, store)
    }

    /// A database with the demo centre, admin `kim`. The demo is built once
    /// per test binary and copied, since every test may change its copy.
    pub fn demo() -> (Self, Store) {
        static TEMPLATE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
        let build = || {
            let (db, mut store) = TempDb::with_admin("kim");
            kiln::demo::load(&mut store, kiln::demo::DEFAULT_SEED).unwrap();
            drop(store);
            db.keep()
        };
        let template = TEMPLATE.get_or_init(|| {
            if pg::active() {
                PathBuf::from(pg::url(&pg::shared("demo", || build().to_str().unwrap().to_owned())))
            } else {
                shared_file("demo", build)
            }
        });
        let db = TempDb::copy_of(template);
        let store = db.open_as("kim");
        (db, store)
    }
}

/// When the kiln under test was built: templates made by another build are
/// not reused.
pub fn built() -> u64 {
    std::fs::metadata(env!("CARGO_BIN_EXE_kiln"))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs())
}

/// A template file made once per build of kiln and shared by every test
/// process (nextest runs each test in its own), so that a run leaves one
/// file per kind rather than one per test: `make` builds it, kept, and
/// returns its path. The files of earlier builds are removed.
pub fn shared_file(kind: &str, make: impl FnOnce() -> PathBuf) -> PathBuf {
    let built = built();
    let dir = std::env::temp_dir().join("kiln-test-templates");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{kind}-{built}.sqlite3"));
    if !path.exists() {
        let made = make();
        // Atomic: a process that raced this one renames an equal file.
        std::fs::rename(&made, &path).unwrap();
        if let Some(parent) = made.parent() {
            let _ = std::fs::remove_dir_all(parent);
        }
        for old in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = old.file_name().to_string_lossy().into_owned();
            if name.starts_with(&format!("{kind}-")) && old.path() != path {
                let _ = std::fs::remove_file(old.path());
            }
        }
    }
    path
}

/// Opens `path` as `user` with the clock stopped at `at`: the same centre,
/// later (use is recorded once it has happened).
pub fn open_at(path: &Path, user: &str, at: &str) -> Store {
    Store::open_as(path, user, Arc::new(FixedClock(Minute::parse(at).unwrap()))).unwrap()
}

/// Every row of every table, as text: two equal dumps mean nothing changed.
pub fn dump(path: &Path) -> String {
    if pg::is_url(path) {
        return pg_dump(path);
    }
    let conn = sqlite::raw(path);
    let mut out = String::new();
    for t in tables(path) {
        out.push_str("## ");
        out.push_str(&t);
        out.push('\n');
        let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// The names of the database's tables, by name, on either engine.
pub fn tables(path: &Path) -> Vec<String> {
    let sql = if pg::is_url(path) {
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    };
    texts(path, sql).into_iter().filter_map(|mut r| r.swap_remove(0)).collect()
}

fn pg_dump(path: &Path) -> String {
    let mut client = pg::admin(pg::name_of(path.to_str().unwrap()));
    let mut out = String::new();
    for t in tables(path) {
        out.push_str("## ");
        out.push_str(&t);
        out.push('\n');
        for row in client.query(&format!("SELECT x::text FROM \"{t}\" x ORDER BY 1"), &[]).unwrap() {
            out.push_str(&row.get::<_, String>(0));
            out.push('\n');
        }
    }
    out
}

pub fn audit_count(path: &Path) -> i64 {
    if pg::is_url(path) {
        let mut client = pg::admin(pg::name_of(path.to_str().unwrap()));
        return client.query_one("SELECT count(*) FROM audit_log", &[]).unwrap().get(0);
    }
    let conn = sqlite::raw(path);
    conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

/// Runs `sql` (one or more statements) on the database at `path` behind
/// kiln's back, on either engine, as a hand edit could; the engine's error
/// as text (it names the guard: a trigger's code, a constraint's name).
pub fn behind(path: &Path, sql: &str) -> Result<(), String> {
    if pg::is_url(path) {
        return pg::admin(pg::name_of(path.to_str().unwrap())).batch_execute(sql).map_err(|e| match e.as_db_error() {
            // The message, and the constraint named (a guard's code).
            Some(db) => format!("{}: {} ({})", db.code().code(), db.message(), db.constraint().unwrap_or("")),
            None => e.to_string(),
        });
    }
    sqlite::raw(path).execute_batch(sql).map_err(|e| e.to_string())
}

/// Breaks, behind kiln's back, each rule `check` recomputes from the rows,
/// as a hand edit in sqlite3 or a superuser in psql could, on the engine
/// `path` names: two overlapping active bookings, two overlapping leases, a
/// statement whose total is not its lines' sum, one whose VAT is not a
/// tenth, a yearly total and a month's kept use that differ from their
/// rows. `check` reports them as booking_overlap, lease_overlap,
/// statement_sum, statement_vat, yearly_total, party_month.
/// The rules `check` reports after [`plant_rule_breaks`], in its order.
pub const PLANTED_RULES: [&str; 8] = [
    "booking_overlap",
    "lease_overlap",
    "statement_sum",
    "statement_vat",
    "yearly_total",
    "party_month",
    "booking_party",
    // The charge raised behind kiln is no longer what its use comes to.
    "booking_charge",
];

pub fn plant_rule_breaks(path: &Path) {
    let sql = if pg::is_url(path) {
        // The overlap and VAT guards are constraints there, which no setting
        // turns off; replica mode turns off the triggers.
        "SET session_replication_role = replica;
         ALTER TABLE booking DROP CONSTRAINT booking_overlap;
         INSERT INTO booking (equipment_id, company_id, person_id, party_id, purpose, start, \"end\", state, created_at, created_by)
           SELECT equipment_id, company_id, person_id, party_id, purpose, start, \"end\", 'approved', created_at, created_by
             FROM booking WHERE state = 'approved' ORDER BY id LIMIT 1;
         ALTER TABLE lease DROP CONSTRAINT lease_overlap;
         INSERT INTO lease (company_id, room_id, from_date, to_date, rent, fee, deposit, created_at)
           SELECT company_id, room_id, from_date, to_date, rent, fee, deposit, created_at
             FROM lease WHERE ended_on IS NULL AND company_id IN (SELECT id FROM company WHERE left_on IS NULL)
            ORDER BY id LIMIT 1;
         UPDATE statement SET supply = supply + 10, vat = vat + 1, total = total + 11 WHERE id = 1;
         DO $$ DECLARE c text; BEGIN
           FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'statement'::regclass
                       AND (pg_get_constraintdef(oid) LIKE '%vat = ((supply - exempt) / 10)%'
                            OR pg_get_constraintdef(oid) LIKE '%total = (supply + vat)%')
           LOOP EXECUTE format('ALTER TABLE statement DROP CONSTRAINT %I', c); END LOOP;
         END $$;
         UPDATE statement SET vat = vat + 1 WHERE id = 2;
         UPDATE yearly_total SET sales = sales + 1 WHERE year = (SELECT max(year) FROM yearly_total);
         UPDATE booking SET charge = charge + 1000
           WHERE id = (SELECT min(id) FROM booking WHERE state = 'completed' AND company_id IS NOT NULL);
         UPDATE booking SET party_id = (SELECT min(id) FROM party WHERE kind = 'individual')
           WHERE id = (SELECT min(id) FROM booking WHERE company_id IS NOT NULL);"
    } else {
        "DROP TRIGGER booking_no_overlap_on_insert;
         INSERT INTO booking (equipment_id, company_id, person_id, party_id, purpose, start, end, state, created_at, created_by)
           SELECT equipment_id, company_id, person_id, party_id, purpose, start, end, 'approved', created_at, created_by
             FROM booking WHERE state = 'approved' ORDER BY id LIMIT 1;
         DROP TRIGGER lease_no_overlap_on_insert;
         INSERT INTO lease (company_id, room_id, from_date, to_date, rent, fee, deposit, created_at)
           SELECT company_id, room_id, from_date, to_date, rent, fee, deposit, created_at
             FROM lease WHERE ended_on IS NULL AND company_id IN (SELECT id FROM company WHERE left_on IS NULL)
            ORDER BY id LIMIT 1;
         DROP TRIGGER statement_frozen;
         UPDATE statement SET supply = supply + 10, vat = vat + 1, total = total + 11 WHERE id = 1;
         PRAGMA ignore_check_constraints = ON;
         UPDATE statement SET vat = vat + 1 WHERE id = 2;
         UPDATE yearly_total SET sales = sales + 1 WHERE year = (SELECT max(year) FROM yearly_total);
         DROP TRIGGER party_month_change;
         UPDATE booking SET charge = charge + 1000
           WHERE id = (SELECT min(id) FROM booking WHERE state = 'completed' AND company_id IS NOT NULL);
         DROP TRIGGER booking_party_on_update;
         UPDATE booking SET party_id = (SELECT min(id) FROM party WHERE kind = 'individual')
           WHERE id = (SELECT min(id) FROM booking WHERE company_id IS NOT NULL);"
    };
    behind(path, sql).unwrap();
}

/// The rows of `sql` on the database at `path`, read behind kiln's back on
/// either engine; every column must be text (or NULL): cast it in `sql`.
pub fn texts(path: &Path, sql: &str) -> Vec<Vec<Option<String>>> {
    if pg::is_url(path) {
        let rows = pg::admin(pg::name_of(path.to_str().unwrap())).query(sql, &[]).unwrap();
        return rows.iter().map(|r| (0..r.len()).map(|i| r.get(i)).collect()).collect();
    }
    let conn = sqlite::raw(path);
    let mut st = conn.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| (0..n).map(|i| r.get(i)).collect::<rusqlite::Result<Vec<_>>>())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A database on the cluster goes with its `TempDb`, as a temp dir does: a
/// run of every test would otherwise leave gigabytes of demo copies.
impl Drop for TempDb {
    fn drop(&mut self) {
        if let Some(url) = self.path.to_str().filter(|p| pg::is_url(Path::new(p))) {
            pg::drop_database(pg::name_of(url));
        }
    }
}
