//! Equipment bookings at 10,000 and 1,000,000 bookings: the checked booking
//! use case against a bare INSERT, the overlap check alone and a week's
//! calendar of one machine. See `benches/README.md` for how to run it, how the
//! data is made and cached, and the figures.

#[path = "postgres/cluster.rs"]
mod cluster;
#[path = "bookings/data.rs"]
mod data;
#[path = "bookings/fixture.rs"]
mod fixture;
#[path = "bookings/postgres.rs"]
mod pg_fixture;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use kiln::db::Store;
use kiln::db::booking::{self, BookingInput};
use kiln::domain::{Minute, Period};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use cluster::Cluster;
use data::{ADD_SLOTS, BENCH_MACHINE, FUTURE_DAYS, NOW, USER, data_dir, label, minute};
use fixture::Fixture;
use pg_fixture::PgFixture;

/// Books the first `count` slots and says how long the timed part took.
type Batch = fn(&mut Fixture, usize) -> Duration;
/// Books the given slots through a store and says how long that took.
type StoreBatch = fn(&mut Store, &[BookingInput]) -> Duration;

/// `booking::add` of each slot, as the app books.
fn checked_adds(fx: &mut Fixture, count: usize) -> Duration {
    adds(&mut fx.store, &fx.inputs[..count])
}

fn adds(store: &mut Store, inputs: &[BookingInput]) -> Duration {
    let t = Instant::now();
    for input in inputs {
        black_box(booking::add(store, input).expect("a free slot books"));
    }
    t.elapsed()
}

/// The same inside `Store::bulk`: one transaction, each add a savepoint in
/// it, as the demo and imports run; what the use case costs without waiting
/// for the disk. The COMMIT and checkpoint `bulk` ends with are not timed.
fn checked_adds_nosync(fx: &mut Fixture, count: usize) -> Duration {
    adds_in_bulk(&mut fx.store, &fx.inputs[..count])
}

fn adds_in_bulk(store: &mut Store, inputs: &[BookingInput]) -> Duration {
    store
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

/// The checked add on each engine taken in turns, the same slot on both, each
/// committed as the app commits (SQLite `synchronous = FULL`; PostgreSQL with
/// fsync and `synchronous_commit` on): the fair comparison, for the same
/// reason as [`paired`]. Prints the median of each and their ratio.
fn paired_engines(fx: &mut Fixture, pg: &mut PgFixture, rounds: usize) {
    let (mut lite, mut server) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for (i, input) in fx.inputs[..rounds].iter().enumerate() {
        let add = |store: &mut Store| {
            let t = Instant::now();
            black_box(booking::add(store, input).expect("a free slot books"));
            t.elapsed()
        };
        if i.is_multiple_of(2) {
            lite.push(add(&mut fx.store));
            server.push(add(&mut pg.store));
        } else {
            server.push(add(&mut pg.store));
            lite.push(add(&mut fx.store));
        }
    }
    fx.reset();
    pg.reset();
    let (l, s) = (median_us(lite), median_us(server));
    eprintln!(
        "paired engines, {rounds} rounds: checked add on SQLite (synchronous=FULL) median {l:.1} µs, \
         on PostgreSQL (durable) median {s:.1} µs, ratio {:.2}×",
        s / l
    );
}

/// The PostgreSQL group of a size: the same use cases as on the file, then
/// the two engines in turns.
fn postgres_side(
    c: &mut Criterion,
    cluster: &Cluster,
    n: usize,
    fixture: &mut Option<Fixture>,
    setup: &mut dyn FnMut() -> Fixture,
) {
    let afternoons = free_afternoons();
    let (coming, past) = (coming_week(), past_week());
    let mut pg: Option<PgFixture> = None;
    let mut wrote = false;
    let mut group = c.benchmark_group(format!("bookings_{}_postgres", label(n)));
    group.sample_size(20).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5));
    // The slots of the file's fixture: the same work on both engines.
    let inputs = fixture::inputs();
    let writes: [(&str, StoreBatch); 2] = [("checked_add", adds), ("checked_add_nosync", adds_in_bulk)];
    for (name, batch) in writes {
        group.bench_function(name, |b| {
            let pg = pg.get_or_insert_with(|| PgFixture::new(cluster, n));
            wrote = true;
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                let mut left = iters as usize;
                while left > 0 {
                    let count = left.min(ADD_SLOTS);
                    total += batch(&mut pg.store, &inputs[..count]);
                    pg.reset();
                    left -= count;
                }
                total
            });
        });
    }
    group.bench_function("clash_for", |b| {
        let pg = pg.get_or_insert_with(|| PgFixture::new(cluster, n));
        let mut i = 0;
        b.iter(|| {
            let p = &afternoons[i % afternoons.len()];
            i += 1;
            black_box(booking::clash_for(pg.engine.sql(), pg.eq_id, p, 0).expect("clash_for"))
        });
    });
    group.bench_function("calendar_week", |b| {
        let pg = pg.get_or_insert_with(|| PgFixture::new(cluster, n));
        b.iter(|| black_box(booking::calendar(&pg.store, pg.eq_id, &coming).expect("calendar")));
    });
    group.bench_function("calendar_past_week", |b| {
        let pg = pg.get_or_insert_with(|| PgFixture::new(cluster, n));
        b.iter(|| black_box(booking::calendar(&pg.store, pg.eq_id, &past).expect("calendar")));
    });
    group.finish();
    if let (Some(pg), true) = (&mut pg, wrote) {
        eprintln!("bookings_{}, SQLite and PostgreSQL:", label(n));
        paired_engines(fixture.get_or_insert_with(setup), pg, 300);
    }
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
    let cluster = Cluster::start(&data_dir());
    for &n in sizes {
        let mut wrote = false;
        let mut fixture: Option<Fixture> = None;
        let mut setup = || {
            let fx = Fixture::new(n);
            for p in &afternoons {
                assert!(booking::clash_for(fx.engine.sql(), fx.eq_id, p, 0).expect("clash_for").is_none());
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
                black_box(booking::clash_for(fx.engine.sql(), fx.eq_id, p, 0).expect("clash_for"))
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
        if let Some(fx) = &mut fixture
            && wrote
        {
            eprintln!("bookings_{}:", label(n));
            paired(fx, 300, true);
            paired(fx, 1_000, false);
        }
        if let Some(cluster) = &cluster {
            postgres_side(c, cluster, n, &mut fixture, &mut setup);
        }
        if let Some(fx) = fixture.take() {
            fx.reset();
        }
    }
}

criterion_group!(benches, bookings);
criterion_main!(benches);
