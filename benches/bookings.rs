//! Equipment bookings at 10,000 and 1,000,000 bookings: the checked booking
//! use case against a bare INSERT, the overlap check alone and a week's
//! calendar of one machine. See `benches/README.md` for how to run it, how the
//! data is made and cached, and the figures.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use kiln::db::booking::{self, BookingInput, PastBooking};
use kiln::db::{Store, company, equipment, operator, person};
use kiln::domain::booking::BookingState;
use kiln::domain::company::CompanyInput;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::{Brn, FixedClock, Minute, Period};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

/// The store's clock, as in the integration tests.
const NOW: &str = "2026-11-26 10:00";
const USER: &str = "kim";
/// Bump when the generated data changes, so cached files are rebuilt.
const DATA_VERSION: u32 = 1;

const MACHINES: usize = 200;
const COMPANIES: usize = 20;
/// People 1..=200 belong to a company (round robin), the rest are external.
const PEOPLE: usize = 300;
const PEOPLE_WITH_COMPANY: usize = 200;
/// Bookings per `booking::record` call (one transaction each).
const CHUNK: usize = 50_000;
/// Years of history before `NOW`.
const YEARS: i64 = 20;
/// Active bookings to come, made through `booking::add`: one a day for
/// `FUTURE_DAYS` days on each of the first `FUTURE_MACHINES` machines. They
/// are the same at every size and count towards it.
const FUTURE_MACHINES: usize = 20;
const FUTURE_DAYS: i64 = 50;

/// The machine every benchmark uses: it has its share of the history and
/// the coming bookings above.
const BENCH_MACHINE: &str = "EQ-0001";
const BENCH_PERSON: &str = "P-0001";
/// The adds walk 30-minute slots from here; the horizon (730 days from NOW)
/// leaves about 31,800 of them, so a run uses at most this many before the
/// added rows are deleted and the walk starts again.
const ADD_FROM: &str = "2027-02-01 00:00";
const ADD_SLOTS: usize = 30_000;

const PURPOSES: [&str; 6] =
    ["시료 분석", "소결 조건 시험", "원료 입도 확인", "제품 품질 검사", "시제품 제작", "논문 데이터"];

fn minute(s: &str) -> Minute {
    Minute::parse(s).expect("a valid minute")
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(minute(NOW)))
}

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// `target/bench-data/` in the repository.
fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

fn label(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}m", n / 1_000_000)
    } else if n >= 1_000 && n.is_multiple_of(1_000) {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// What a cached file depends on: the schema it was made with (migration 1
/// may still change in place while unreleased, so its text, not its number)
/// and the generator's version.
fn data_key() -> String {
    let schema = include_str!("../schema.sql");
    // FNV-1a: stable across Rust versions, unlike std's hasher.
    let hash = schema.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("s{}-{:08x}-v{DATA_VERSION}", kiln::db::SCHEMA_VERSION, hash >> 32)
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The cached database of `n` bookings, built if missing.
fn cached(n: usize) -> PathBuf {
    let dir = data_dir();
    let stem = format!("bookings-{}-", label(n));
    let path = dir.join(format!("{stem}{}.sqlite3", data_key()));
    if path.exists() {
        eprintln!("bench data: reusing {}", path.display());
        return path;
    }
    // Files of this size for another schema or generator are stale.
    for entry in std::fs::read_dir(&dir).expect("list target/bench-data").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&stem) && name.ends_with(".sqlite3") {
            eprintln!("bench data: removing stale {name}");
            remove_db(&entry.path());
        }
    }
    let partial = dir.join(format!("bookings-{}.partial.sqlite3", label(n)));
    remove_db(&partial);
    let t = Instant::now();
    eprintln!("bench data: building {} bookings in {} …", n, partial.display());
    let mut store = Store::open_as(&partial, USER, clock()).expect("open a new store");
    operator::bootstrap(&mut store).expect("bootstrap the admin");
    store.bulk(|s| generate(s, n)).expect("generate the bookings");
    drop(store);
    remove_db(&path);
    std::fs::rename(&partial, &path).expect("move the finished database into place");
    remove_db(&partial);
    eprintln!("bench data: built {} in {:.1?}", path.display(), t.elapsed());
    path
}

fn generate(store: &mut Store, n: usize) -> kiln::Result<()> {
    let t = Instant::now();
    let mut rng = Rng(0x6b69_6c6e ^ n as u64);
    let mut brns = Vec::new();
    let mut serial = 1;
    while brns.len() < COMPANIES {
        let s = format!("22681{serial:04}");
        serial += 1;
        let mut d = [0u8; 9];
        for (i, b) in s.bytes().enumerate() {
            d[i] = b - b'0';
        }
        let Some(brn) = Brn::complete(d) else { continue };
        company::add(
            store,
            &CompanyInput {
                name: format!("벤치세라믹 {:02}", brns.len() + 1),
                brn: brn.to_string(),
                admitted: "2005-03-01".into(),
                ..CompanyInput::default()
            },
        )?;
        brns.push(brn);
    }
    let mut people = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let company = if i < PEOPLE_WITH_COMPANY { brns[i % COMPANIES].to_string() } else { String::new() };
        let p = person::add(
            store,
            &PersonInput { name: format!("사용자{:03}", i + 1), company, ..PersonInput::default() },
        )?;
        people.push(p.code);
    }
    let categories = ["analysis", "processing", "testing"];
    for m in 0..MACHINES {
        equipment::add(
            store,
            &EquipmentInput {
                code: format!("EQ-{:04}", m + 1),
                name: format!("벤치 장비 {:03}", m + 1),
                category: categories[m % 3].into(),
                billing_unit: "hour".into(),
                tenant_rate: "20000".into(),
                external_rate: "30000".into(),
                slot_minutes: "30".into(),
                min_minutes: "30".into(),
                max_minutes: "480".into(),
                horizon_days: "730".into(),
                hours: "always".into(),
                holidays_bookable: "yes".into(),
                needs_approval: "no".into(),
                ..EquipmentInput::default()
            },
        )?;
    }
    eprintln!("bench data: companies, people and machines in {:.1?}", t.elapsed());

    // The coming bookings, through the checked use case.
    let future = FUTURE_MACHINES * FUTURE_DAYS as usize;
    let tomorrow = minute("2026-11-27 00:00");
    for m in 0..FUTURE_MACHINES {
        for d in 0..FUTURE_DAYS {
            let start = Minute(tomorrow.0 + d * 1440 + 10 * 60);
            let input = BookingInput {
                equipment: format!("EQ-{:04}", m + 1),
                person: people[(m * 7 + d as usize) % PEOPLE].clone(),
                from: start.to_string(),
                to: Minute(start.0 + 120).to_string(),
                purpose: PURPOSES[d as usize % PURPOSES.len()].into(),
                samples: "2".into(),
                ..BookingInput::default()
            };
            booking::add(store, &input)?;
        }
    }
    eprintln!("bench data: {future} coming bookings in {:.1?}", t.elapsed());

    // The history: round k books every machine once, in the k-th slice of
    // the 20 years, so rows go in roughly in time order as they would have.
    let past = n.saturating_sub(future);
    let rounds = past.div_ceil(MACHINES).max(1) as i64;
    let first = Minute(minute(NOW).0 - YEARS * 365 * 1440);
    let last = minute("2026-11-25 00:00");
    let slice = ((last.0 - first.0) / rounds) / 30 * 30;
    assert!(slice >= 90, "history too dense for {n} bookings");
    let mut done = 0;
    while done < past {
        let rows: Vec<PastBooking> = (done..past.min(done + CHUNK))
            .map(|i| {
                let (k, m) = ((i / MACHINES) as i64, i % MACHINES);
                let len = (rng.range(1, 8) * 30).min(slice - 30);
                let offset = rng.range(0, (slice - len) / 30 - 1) * 30;
                let start = Minute(first.0 + k * slice + offset);
                let end = Minute(start.0 + len);
                let state = if rng.range(0, 99) < 92 { BookingState::Completed } else { BookingState::Cancelled };
                let late = rng.range(0, 15);
                let early = rng.range(0, 20).min(len - late - 5);
                PastBooking {
                    equipment: format!("EQ-{:04}", m + 1),
                    person: people[rng.range(0, PEOPLE as i64 - 1) as usize].clone(),
                    period: Period::new(start, end).expect("a period"),
                    state,
                    purpose: PURPOSES[rng.range(0, PURPOSES.len() as i64 - 1) as usize].into(),
                    samples: rng.range(1, 8),
                    actual: Period::new(Minute(start.0 + late), Minute(end.0 - early)).ok(),
                }
            })
            .collect();
        done += booking::record(store, &rows)?;
        eprintln!("bench data: {done} past bookings in {:.1?}", t.elapsed());
    }
    Ok(())
}

/// A copy of the cached database in a temp dir (on the same disk, so fsync
/// costs what it costs there), opened as the app opens it, plus a plain
/// connection on the same file with the same pragmas.
struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    raw: Connection,
    eq_id: i64,
    person_id: i64,
    company_id: Option<i64>,
    /// Rows above this id were added by a benchmark and are deleted between runs.
    max_id: i64,
    inputs: Vec<BookingInput>,
}

impl Fixture {
    fn new(n: usize) -> Fixture {
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
        let from = minute(ADD_FROM);
        let inputs = (0..ADD_SLOTS as i64)
            .map(|i| BookingInput {
                equipment: BENCH_MACHINE.into(),
                person: BENCH_PERSON.into(),
                from: Minute(from.0 + i * 30).to_string(),
                to: Minute(from.0 + i * 30 + 30).to_string(),
                purpose: "벤치마크".into(),
                samples: "1".into(),
                ..BookingInput::default()
            })
            .collect();
        Fixture { _dir: dir, store, raw, eq_id, person_id, company_id, max_id, inputs }
    }

    /// The bench machine, person and company, for the bare insert.
    fn ids(&self) -> (i64, i64, Option<i64>) {
        (self.eq_id, self.person_id, self.company_id)
    }

    /// Deletes what the benchmarks booked, so every run starts from the
    /// cached state (the audit log keeps its rows: it cannot be deleted).
    fn reset(&self) {
        self.raw.execute("DELETE FROM booking WHERE id > ?1", [self.max_id]).expect("delete the added bookings");
    }

    /// `iters` bookings over fresh slots, `batch(fixture, count)` booking
    /// `count` of them from the first slot and timing what it should; the
    /// clean-up between batches is not timed.
    fn walk(&mut self, iters: u64, mut batch: impl FnMut(&mut Fixture, usize) -> Duration) -> Duration {
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

/// Books the first `count` slots and says how long the timed part took.
type Batch = fn(&mut Fixture, usize) -> Duration;

/// `booking::add` of each slot, as the app books.
fn checked_adds(fx: &mut Fixture, count: usize) -> Duration {
    let t = Instant::now();
    for input in &fx.inputs[..count] {
        black_box(booking::add(&mut fx.store, input).expect("a free slot books"));
    }
    t.elapsed()
}

/// The same inside `Store::bulk`: one transaction, each add a savepoint in
/// it, as the demo and imports run; what the use case costs without waiting
/// for the disk. The COMMIT and checkpoint `bulk` ends with are not timed.
fn checked_adds_nosync(fx: &mut Fixture, count: usize) -> Duration {
    let inputs = &fx.inputs[..count];
    fx.store
        .bulk(|store| {
            let t = Instant::now();
            for input in inputs {
                black_box(booking::add(store, input)?);
            }
            Ok(t.elapsed())
        })
        .expect("a free slot books")
}

/// The same row as `booking::add` writes, with a plain INSERT in its own
/// BEGIN IMMEDIATE … COMMIT: no rules, no read-back, no audit. The schema's
/// overlap trigger still runs.
fn bare_insert(raw: &Connection, ids: (i64, i64, Option<i64>), input: &BookingInput) {
    let tx = Transaction::new_unchecked(raw, TransactionBehavior::Immediate).expect("begin");
    bare_row(&tx, ids, input);
    tx.commit().expect("commit");
}

/// The INSERT itself, in whatever transaction `raw` is in.
fn bare_row(raw: &Connection, (eq_id, person_id, company_id): (i64, i64, Option<i64>), input: &BookingInput) {
    raw.prepare_cached(
        "INSERT INTO booking (equipment_id, person_id, company_id, start, end, state, purpose, samples, series, note,
                              created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 'approved', ?6, 1, NULL, NULL, ?7, ?8)",
    )
    .expect("prepare")
    .execute(params![eq_id, person_id, company_id, input.from, input.to, input.purpose, NOW, USER])
    .expect("insert");
}

/// The bare counterpart of an add inside `Store::bulk`: the row in a
/// savepoint of one transaction the caller holds open (as `bulk` runs each
/// use case), so neither waits for the disk. Returns how long the insert
/// took.
fn bare_in_bulk(raw: &Connection, ids: (i64, i64, Option<i64>), input: &BookingInput) -> Duration {
    let t = Instant::now();
    raw.execute_batch("SAVEPOINT bare").expect("savepoint");
    bare_row(raw, ids, input);
    raw.execute_batch("RELEASE bare").expect("release");
    t.elapsed()
}

fn bare_inserts(fx: &mut Fixture, count: usize) -> Duration {
    let ids = fx.ids();
    let t = Instant::now();
    for input in &fx.inputs[..count] {
        bare_insert(&fx.raw, ids, input);
    }
    t.elapsed()
}

/// `count` bare rows inside one transaction, as `checked_adds_nosync` adds
/// inside `Store::bulk`; the COMMIT is not timed.
fn bare_inserts_nosync(fx: &mut Fixture, count: usize) -> Duration {
    let ids = fx.ids();
    fx.raw.execute_batch("BEGIN IMMEDIATE").expect("begin");
    let took = fx.inputs[..count].iter().map(|input| bare_in_bulk(&fx.raw, ids, input)).sum();
    fx.raw.execute_batch("COMMIT").expect("commit");
    took
}

fn median_us(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e6
}

/// Checked adds and bare inserts taken in turns, `rounds` of each, so both
/// meet the disk in the same mood: fsync on this kind of machine swings
/// between a fraction of a millisecond and several while other work writes,
/// which separate criterion runs of the two cannot control for. Prints the
/// median of each and their ratio.
fn paired(fx: &mut Fixture, rounds: usize, sync: bool) {
    let ids = fx.ids();
    let (mut checked, mut bare) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    let mut round = |store: &mut Store, raw: &Connection, inputs: &[BookingInput], i: usize| {
        let add = |store: &mut Store| {
            let t = Instant::now();
            black_box(booking::add(store, &inputs[2 * i]).expect("a free slot books"));
            t.elapsed()
        };
        let insert = || {
            let t = Instant::now();
            bare_insert(raw, ids, &inputs[2 * i + 1]);
            t.elapsed()
        };
        if i.is_multiple_of(2) {
            checked.push(add(store));
            bare.push(insert());
        } else {
            bare.push(insert());
            checked.push(add(store));
        }
    };
    let Fixture { store, raw, inputs, .. } = &mut *fx;
    if sync {
        for i in 0..rounds {
            round(store, raw, inputs, i);
        }
    } else {
        // Without the disk each side runs inside one transaction, and only
        // one connection may hold one: the turns are blocks of 50.
        for (b, block) in (0..rounds).collect::<Vec<_>>().chunks(50).enumerate() {
            let adds = |checked: &mut Vec<Duration>, store: &mut Store| {
                store
                    .bulk(|s| {
                        for &i in block {
                            let t = Instant::now();
                            black_box(booking::add(s, &inputs[2 * i])?);
                            checked.push(t.elapsed());
                        }
                        Ok(())
                    })
                    .expect("a free slot books");
            };
            let inserts = |bare: &mut Vec<Duration>| {
                raw.execute_batch("BEGIN IMMEDIATE").expect("begin");
                bare.extend(block.iter().map(|&i| bare_in_bulk(raw, ids, &inputs[2 * i + 1])));
                raw.execute_batch("COMMIT").expect("commit");
            };
            if b % 2 == 0 {
                adds(&mut checked, store);
                inserts(&mut bare);
            } else {
                inserts(&mut bare);
                adds(&mut checked, store);
            }
        }
    }
    fx.reset();
    let (c, b) = (median_us(checked), median_us(bare));
    eprintln!(
        "paired, synchronous={}, {rounds} rounds: checked add median {c:.1} µs, bare insert median {b:.1} µs, ratio {:.2}×",
        if sync { "FULL" } else { "OFF" },
        c / b
    );
}

/// Free afternoons between the coming 10:00–12:00 bookings of the bench
/// machine: the overlap check finds that morning's booking and sees it ends
/// in time.
fn free_afternoons() -> Vec<Period> {
    let day0 = minute("2026-11-27 14:00");
    (0..FUTURE_DAYS)
        .map(|d| Period::new(Minute(day0.0 + d * 1440), Minute(day0.0 + d * 1440 + 60)).expect("a period"))
        .collect()
}

/// The coming week: the same seven bookings at every size.
fn coming_week() -> Period {
    Period::new(minute("2026-11-30 00:00"), minute("2026-12-07 00:00")).expect("a week")
}

/// A week ten years back: its bookings grow with the history.
fn past_week() -> Period {
    Period::new(minute("2016-06-06 00:00"), minute("2016-06-13 00:00")).expect("a week")
}

fn bookings(c: &mut Criterion) {
    let afternoons = free_afternoons();
    let (coming, past) = (coming_week(), past_week());
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // once per benchmark as a test, where the small size is enough.
    let sizes: &[usize] = if std::env::args().any(|a| a == "--bench") { &[10_000, 1_000_000] } else { &[10_000] };
    for &n in sizes {
        let mut wrote = false;
        let mut fixture: Option<Fixture> = None;
        let mut setup = || {
            let fx = Fixture::new(n);
            for p in &afternoons {
                assert!(booking::clash_for(&fx.raw, fx.eq_id, p, 0).expect("clash_for").is_none());
            }
            for (name, week) in [("coming", &coming), ("past", &past)] {
                let rows = booking::calendar(&fx.store, fx.eq_id, week).expect("calendar").len();
                eprintln!("bench data: the {name} week's calendar of {BENCH_MACHINE} shows {rows} bookings");
            }
            fx
        };
        let mut group = c.benchmark_group(format!("bookings_{}", label(n)));
        group.sample_size(20).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5));

        let writes: [(&str, Batch); 4] = [
            ("checked_add", checked_adds),
            ("bare_insert", bare_inserts),
            ("checked_add_nosync", checked_adds_nosync),
            ("bare_insert_nosync", bare_inserts_nosync),
        ];
        for (name, batch) in writes {
            group.bench_function(name, |b| {
                let fx = fixture.get_or_insert_with(&mut setup);
                wrote = true;
                b.iter_custom(|iters| fx.walk(iters, batch));
            });
        }
        group.bench_function("clash_for", |b| {
            let fx = fixture.get_or_insert_with(&mut setup);
            let mut i = 0;
            b.iter(|| {
                let p = &afternoons[i % afternoons.len()];
                i += 1;
                black_box(booking::clash_for(&fx.raw, fx.eq_id, p, 0).expect("clash_for"))
            });
        });
        group.bench_function("calendar_week", |b| {
            let fx = fixture.get_or_insert_with(&mut setup);
            b.iter(|| black_box(booking::calendar(&fx.store, fx.eq_id, &coming).expect("calendar")));
        });
        group.bench_function("calendar_past_week", |b| {
            let fx = fixture.get_or_insert_with(&mut setup);
            b.iter(|| black_box(booking::calendar(&fx.store, fx.eq_id, &past).expect("calendar")));
        });
        group.finish();
        if let Some(mut fx) = fixture.take() {
            if wrote {
                eprintln!("bookings_{}:", label(n));
                paired(&mut fx, 300, true);
                paired(&mut fx, 1_000, false);
            }
            fx.reset();
        }
    }
}

criterion_group!(benches, bookings);
criterion_main!(benches);
