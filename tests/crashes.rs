//! The real binary killed (SIGKILL) at random moments of a demo load, a CSV
//! import and a burst of bookings: afterwards the file passes SQLite's
//! integrity check (on PostgreSQL: once the server has dropped the killed
//! connections) and `kiln check`, and each unit of work is wholly there
//! or wholly absent. The kill delays are random; the seed is printed, and
//! `KILN_KILL_SEED=N` repeats a run.

mod common;

use std::fmt::Write as _;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::cli::{init, stdout};
use common::{NOW, TempDb};
use kiln::domain::Brn;

/// The binary `KILN_TEST_BIN` names (`.ci/run` builds the release one, in
/// which the large demo takes seconds, not minutes), else cargo's debug one.
fn bin() -> std::path::PathBuf {
    std::env::var_os("KILN_TEST_BIN")
        .filter(|p| !p.is_empty())
        .map_or_else(|| env!("CARGO_BIN_EXE_kiln").into(), std::path::PathBuf::from)
}

/// `kiln ARGS --db db` as the tests run it, by the binary under test.
fn kiln(db: &TempDb) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(bin());
    c.env("KILN_NOW", NOW).env("LANG", "en_US.UTF-8").env_remove("LC_ALL").env_remove("KILN_DB");
    c.arg("--db").arg(&db.path);
    c
}

/// Random kill delays from a seed the test prints.
struct Dice(u64);

impl Dice {
    fn new(test: &str) -> Dice {
        let seed = std::env::var("KILN_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
            t.as_nanos() as u64 ^ u64::from(std::process::id())
        });
        eprintln!("{test}: kill delays from KILN_KILL_SEED={seed}");
        Dice(seed | 1)
    }

    /// A share of `span` from 0 to `percent` %, uniformly.
    fn delay(&mut self, span: Duration, percent: u64) -> Duration {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let r = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % (percent * 10 + 1);
        span * r as u32 / 1000
    }
}

/// `kiln ARGS --db db` as a plain process, to be killed.
fn process(db: &TempDb, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.env("KILN_NOW", NOW).env("LANG", "en_US.UTF-8").env_remove("LC_ALL").env_remove("KILN_DB");
    c.arg("--db").arg(&db.path).args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

/// Runs `cmd` for `delay`, then sends SIGKILL if it is still running.
/// Returns its status and what it printed.
fn kill_after(mut cmd: Command, delay: Duration) -> (ExitStatus, String, String) {
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    (out.status, String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn killed(status: ExitStatus) -> bool {
    status.signal() == Some(9)
}

/// On PostgreSQL, waits until the server has noticed that the killed
/// processes' connections dropped (and so rolled back what they had begun,
/// or finished a commit already sent): no connection to the database is left.
fn settled(path: &Path) {
    if !common::pg::active() {
        return;
    }
    let name = common::pg::name_of(path.to_str().unwrap());
    let mut admin = common::pg::admin("postgres");
    let start = Instant::now();
    loop {
        let left: i64 =
            admin.query_one("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", &[&name]).unwrap().get(0);
        if left == 0 {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{left} connection(s) to {name} outlive their process");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// SQLite's own check of the file, from a fresh connection (PostgreSQL's
/// storage is the server's: nothing of the kind to ask there), then
/// `kiln check`.
fn assert_sound(db: &TempDb) {
    settled(&db.path);
    if !common::pg::active() {
        let conn = common::sqlite::raw(&db.path);
        let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(verdict, "ok");
    }
    stdout(kiln(db).arg("check"));
}

/// Rows per table, to tell an empty database from a whole one.
fn counts(path: &Path) -> Vec<(String, i64)> {
    settled(path);
    common::tables(path)
        .into_iter()
        .map(|t| {
            let rows = common::texts(path, &format!("SELECT CAST(count(*) AS TEXT) FROM \"{t}\""));
            let n = rows[0][0].as_deref().unwrap().parse().unwrap();
            (t, n)
        })
        .collect()
}

fn timed(cmd: &mut assert_cmd::Command) -> Duration {
    let start = Instant::now();
    stdout(cmd);
    start.elapsed()
}

/// Kills `kiln demo ARGS` `kills` times at random moments of a load that
/// takes as long as a whole one did. Each kill leaves the database as
/// `kiln init` made it, for the next demo to fill (it would exit 1 at once
/// on a database that is not empty), or whole.
fn kill_demos(test: &str, args: &[&str], kills: usize) {
    let mut dice = Dice::new(test);
    let fresh = counts(&init().path);
    let reference = init();
    let took = timed(kiln(&reference).arg("demo").args(args));
    let whole = counts(&reference.path);
    let mut db = init();
    for _ in 0..kills {
        let demo = process(&db, &[&["demo"][..], args].concat());
        let (status, _, err) = kill_after(demo, dice.delay(took, 100));
        assert!(killed(status) || status.success(), "{status}: {err}");
        assert_sound(&db);
        let now = counts(&db.path);
        if now == fresh {
            eprintln!("{test}: killed ({status}), nothing was left");
            continue;
        }
        eprintln!("{test}: {status}, the whole demo was left");
        assert_eq!(now, whole, "a demo killed after {status} is whole");
        db = init();
    }
}

#[test]
fn a_killed_demo_leaves_an_empty_database_or_a_whole_one() {
    kill_demos("demo", &[], 3);
}

#[test]
#[ignore = "minutes in a debug build; .ci/run runs it on the release binary: KILN_TEST_BIN=target/release/kiln cargo test --test crashes -- --ignored"]
fn a_killed_large_demo_leaves_an_empty_database_or_a_whole_one() {
    kill_demos("large demo", &["--size", "large"], 2);
}

/// A valid 사업자등록번호, different for each `n` below 10,000.
fn brn(n: u16) -> String {
    let d = |k: u16| (n / k % 10) as u8;
    Brn::complete([2, 2, 1, 8, 7, d(1000), d(100), d(10), d(1)]).unwrap().to_string()
}

fn rows_of(db: &TempDb, sql: &str) -> i64 {
    settled(&db.path);
    if common::pg::active() {
        return common::pg::admin(common::pg::name_of(db.path.to_str().unwrap())).query_one(sql, &[]).unwrap().get(0);
    }
    let conn = common::sqlite::raw(&db.path);
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_killed_import_leaves_every_row_or_none() {
    const ROWS: u16 = 3000;
    let mut dice = Dice::new("import");
    let scratch = TempDb::new();
    let file = scratch.dir.path().join("companies.csv");
    let mut csv = String::from("brn,name,zone,stage,admitted_on,email\n");
    for n in 1..=ROWS {
        writeln!(csv, "{},세라텍 {n}(주),gangneung,early,2025-03-02,", brn(n)).unwrap();
    }
    std::fs::write(&file, csv).unwrap();
    let import = |db: &TempDb| process(db, &["import", "companies", file.to_str().unwrap()]);
    let reference = init();
    let took = timed(kiln(&reference).args(["import", "companies"]).arg(&file));
    let mut db = init();
    let (mut none, mut all) = (0, 0);
    for _ in 0..8 {
        let (status, _, err) = kill_after(import(&db), dice.delay(took, 150));
        assert!(killed(status) || status.success(), "{status}: {err}");
        assert_sound(&db);
        let companies = rows_of(&db, "SELECT count(*) FROM company");
        let audited = rows_of(&db, "SELECT count(*) FROM audit_log WHERE entity = 'company'");
        assert_eq!(audited, companies, "each company imported has its audit row");
        if companies == 0 {
            none += 1;
        } else {
            assert_eq!(companies, i64::from(ROWS));
            all += 1;
            db = init();
        }
    }
    eprintln!("import: {none} kill(s) left no row, {all} left every row");
}

/// A centre with one machine, one company and two people to book it.
fn centre() -> TempDb {
    let db = init();
    let run = |args: &[&str]| stdout(kiln(&db).args(args));
    run(&["company", "add", "--name", "세라텍", "--brn", "124-81-00998"]);
    run(&["person", "add", "--name", "김민수", "--company", "124-81-00998"]);
    run(&["person", "add", "--name", "이서연"]);
    run(&["equipment", "add", "--code", "EQ-0002", "--name", "FE-SEM", "--category", "analysis"]);
    db
}

/// Every booking has the audit row of its making, and every such audit row
/// its booking.
fn assert_bookings_audited(db: &TempDb) {
    let unaudited = rows_of(
        db,
        "SELECT count(*) FROM booking b WHERE NOT EXISTS
           (SELECT 1 FROM audit_log a WHERE a.entity = 'booking' AND a.entity_id = CAST(b.id AS TEXT))",
    );
    let orphaned = rows_of(
        db,
        "SELECT count(*) FROM audit_log a WHERE a.entity = 'booking' AND NOT EXISTS
           (SELECT 1 FROM booking b WHERE CAST(b.id AS TEXT) = a.entity_id)",
    );
    let audits = rows_of(db, "SELECT count(*) FROM audit_log WHERE entity = 'booking'");
    let bookings = rows_of(db, "SELECT count(*) FROM booking");
    assert_eq!((unaudited, orphaned, audits), (0, 0, bookings));
}

#[test]
fn a_burst_of_bookings_killed_midway_keeps_each_booking_with_its_audit_row() {
    let mut dice = Dice::new("bookings");
    let db = centre();
    let book = |person: &str, day: u32, hour: u32| {
        let from = format!("2026-12-{day:02} {hour:02}:00");
        let to = format!("2026-12-{day:02} {:02}:00", hour + 1);
        let args = ["booking", "add", "--equipment", "EQ-0002", "--person", person, "--from", &from, "--to", &to];
        process(&db, &[&args[..], &["--json"][..]].concat())
    };
    let took = timed(&mut assert_cmd::Command::from_std(book("P-0001", 30, 9)));
    // Tuesday to Friday, 09:00–17:00: two people ask for each hour at once,
    // while every one of them is killed at a random moment on two of the
    // days, most while they queue for the write lock.
    let mut booked = 1;
    for (round, day) in [1, 2, 3, 4].into_iter().enumerate() {
        let start = Instant::now();
        let mut children: Vec<_> = (9..17)
            .flat_map(|hour| ["P-0001", "P-0002"].map(|p| book(p, day, hour)))
            .map(|mut cmd| cmd.spawn().unwrap())
            .collect();
        if round % 2 == 0 {
            let mut kills: Vec<_> = (0..children.len()).map(|i| (dice.delay(took * 4, 100), i)).collect();
            kills.sort();
            for (at, i) in kills {
                std::thread::sleep(at.saturating_sub(start.elapsed()));
                let _ = children[i].kill();
            }
        }
        let (mut ids, mut refused, mut killed_here) = (Vec::new(), 0, 0);
        for child in children {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => ids.push(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["id"].clone()),
                Some(1) => {
                    assert!(err.starts_with("error: ") && err.lines().count() == 1, "{err}");
                    refused += 1;
                }
                _ => {
                    assert!(killed(out.status), "{}: {err}", out.status);
                    killed_here += 1;
                }
            }
        }
        eprintln!("bookings, day {day}: {} made, {refused} refused, {killed_here} killed", ids.len());
        assert_sound(&db);
        assert_bookings_audited(&db);
        for id in &ids {
            let n = rows_of(&db, &format!("SELECT count(*) FROM booking WHERE id = {}", id.as_i64().unwrap()));
            assert_eq!(n, 1, "booking {id}, reported made, is there");
        }
        let now = rows_of(&db, "SELECT count(*) FROM booking");
        assert!(now - booked <= 8, "at most one booking an hour: {now}");
        booked = now;
    }
}
