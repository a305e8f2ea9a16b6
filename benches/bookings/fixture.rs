//! A run's copy of the cached centre: the store as the app opens it, a
//! plain connection beside it, and the slots the write benchmarks book.

use std::time::{Duration, Instant};

use kiln::db::booking::BookingInput;
use kiln::db::{Store, equipment};
use kiln::domain::Minute;
use kiln::store::Conn;
use rusqlite::Connection;
use rusqlite::config::DbConfig;

use crate::data::{ADD_FROM, ADD_SLOTS, BENCH_MACHINE, BENCH_PERSON, USER, cached, clock, data_dir, minute};

/// A copy of the cached database in a temp dir (on the same disk, so fsync
/// costs what it costs there), opened as the app opens it, plus a plain
/// connection on the same file with the same pragmas.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub raw: Connection,
    /// The store's engine on the same file, for the queries benchmarked alone.
    pub engine: Conn,
    pub eq_id: i64,
    pub person_id: i64,
    pub company_id: Option<i64>,
    /// Rows above this id were added by a benchmark and are deleted between runs.
    pub max_id: i64,
    pub inputs: Vec<BookingInput>,
}

/// The slots the write benchmarks book, in order.
pub fn inputs() -> Vec<BookingInput> {
    let from = minute(ADD_FROM);
    (0..ADD_SLOTS as i64)
        .map(|i| BookingInput {
            equipment: BENCH_MACHINE.into(),
            person: BENCH_PERSON.into(),
            from: Minute(from.0 + i * 30).to_string(),
            to: Minute(from.0 + i * 30 + 30).to_string(),
            purpose: "벤치마크".into(),
            samples: "1".into(),
            ..BookingInput::default()
        })
        .collect()
}

impl Fixture {
    pub fn new(n: usize) -> Fixture {
        let src = cached(n);
        let dir = tempfile::Builder::new().prefix("run-").tempdir_in(data_dir()).expect("a temp dir");
        let path = dir.path().join("kiln.sqlite3");
        let t = Instant::now();
        std::fs::copy(&src, &path).expect("copy the cached database");
        eprintln!("bench data: copied to {} in {:.1?}", path.display(), t.elapsed());
        let store = Store::open_as(&path, USER, clock()).expect("open the store");
        let raw = Connection::open(&path).expect("open a plain connection");
        raw.busy_timeout(Duration::from_secs(5)).expect("busy timeout");
        let mode: String = raw.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).expect("WAL");
        assert_eq!(mode, "wal");
        raw.pragma_update(None, "synchronous", "FULL").expect("synchronous");
        raw.pragma_update(None, "foreign_keys", "ON").expect("foreign keys");
        // As `Store::open_as` does, so `clash_for` here runs as in the app.
        raw.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).expect("QPSG on");
        let engine = Conn::open(&path, false).expect("open the engine");
        let eq_id = equipment::show(&store, BENCH_MACHINE).expect("the bench machine").id;
        let (person_id, company_id) = raw
            .query_row("SELECT id, company_id FROM person WHERE code = ?1", [BENCH_PERSON], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("the bench person");
        let max_id = raw.query_row("SELECT max(id) FROM booking", [], |r| r.get(0)).expect("max id");
        let (count, active): (i64, i64) = raw
            .query_row(
                "SELECT count(*), count(*) FILTER (WHERE state IN ('requested', 'approved', 'in-use')) FROM booking",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("count");
        let on_machine: i64 = raw
            .query_row("SELECT count(*) FROM booking WHERE equipment_id = ?1", [eq_id], |r| r.get(0))
            .expect("count");
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        // Other work on the machine skews the figures: say how busy it was.
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        eprintln!("bench data: load average {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
        eprintln!(
            "bench data: {count} bookings ({active} active, {on_machine} on {BENCH_MACHINE}), {:.0} MiB",
            bytes as f64 / 1_048_576.0
        );
        let inputs = inputs();
        Fixture { _dir: dir, store, raw, engine, eq_id, person_id, company_id, max_id, inputs }
    }

    /// The bench machine, person and company, for the bare insert.
    pub fn ids(&self) -> (i64, i64, Option<i64>) {
        (self.eq_id, self.person_id, self.company_id)
    }

    /// Deletes what the benchmarks booked, so every run starts from the
    /// cached state (the audit log keeps its rows: it cannot be deleted).
    pub fn reset(&self) {
        self.raw.execute("DELETE FROM booking WHERE id > ?1", [self.max_id]).expect("delete the added bookings");
    }

    /// `iters` bookings over fresh slots, `batch(fixture, count)` booking
    /// `count` of them from the first slot and timing what it should; the
    /// clean-up between batches is not timed.
    pub fn walk(&mut self, iters: u64, mut batch: impl FnMut(&mut Fixture, usize) -> Duration) -> Duration {
        let mut total = Duration::ZERO;
        let mut left = iters;
        while left > 0 {
            let count = left.min(ADD_SLOTS as u64) as usize;
            total += batch(self, count);
            self.reset();
            left -= count as u64;
        }
        total
    }
}
