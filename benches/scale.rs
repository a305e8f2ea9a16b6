//! kiln at scale: the large demo centre at 10,000 and 1,000,000 bookings.
//! The queries behind the busiest screens (the machines with their state
//! now, a company's statement, the month's statements, utilisation), and
//! every screen of the app drawn at 160×48: a plain redraw, a key and its
//! frame, going to the screen, and another terminal's write seen by the
//! loop's tick, each with its frame; each frame's p50/p99 timed on the side. See `benches/README.md` for how to run it and the figures.

#[path = "postgres/cluster.rs"]
mod cluster;
#[path = "scale/data.rs"]
mod data;
#[path = "scale/frames.rs"]
mod frames;

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Datelike;
use criterion::{Criterion, criterion_group, criterion_main};
use data::{Copy, Size};
use frames::{Case, SCENES, Stage};
use kiln::db::equipment;
use kiln::db::statement;
use kiln::db::{Page, Store};
use kiln::report::equipment as status;
use kiln::report::usage;
use kiln::tui::screens::list::WINDOW;

/// What the queries are asked about, picked from the data.
struct Subject {
    /// The company with the most completed bookings last month.
    brn: String,
    bookings: i64,
    /// This month (a draft) and last month (issued).
    this_month: String,
    last_month: String,
    /// The last whole year.
    year: i32,
}

fn subject(copy: &Copy, store: &Store) -> Subject {
    let raw = copy.raw();
    let today = store.now().date();
    let (y, m) = usage::last_month(today);
    // The company that used the machines most in the last month, which has
    // a statement issued for it (the demo issues the last twelve months).
    let (brn, bookings): (String, i64) = raw
        .query_row(
            "SELECT c.brn, count(*) FROM booking b JOIN company c ON c.id = b.company_id
              WHERE b.state = 'completed' AND b.start >= ?1 AND b.start < ?2
              GROUP BY b.company_id ORDER BY 2 DESC, 1 LIMIT 1",
            [format!("{y:04}-{m:02}-01 00:00"), format!("{:04}-{:02}-01 00:00", today.year(), today.month())],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a company with bookings last month");
    let s = Subject {
        brn,
        bookings,
        this_month: format!("{:04}-{:02}", today.year(), today.month()),
        last_month: format!("{y:04}-{m:02}"),
        year: today.year() - 1,
    };
    let draft = statement::show(store, &s.brn, &s.this_month).expect("the draft");
    let issued = statement::show(store, &s.brn, &s.last_month).expect("the issued statement");
    eprintln!(
        "bench data: {} had {} completed bookings in {}; its {} draft has {} lines, its {} statement has {} lines ({})",
        s.brn,
        s.bookings,
        s.last_month,
        s.this_month,
        draft.lines.len(),
        s.last_month,
        issued.lines.len(),
        issued.number.as_deref().unwrap_or("not issued"),
    );
    s
}

/// The machine list as screen 4 shows it: the first window of machines,
/// each with its state now.
fn equipment_now(store: &Store) -> usize {
    let now = store.now();
    let machines = equipment::list(store, Page::new(0, WINDOW)).expect("the machines");
    status::states(store, &machines, now).expect("the states now").len()
}

/// The 12 months of a year, as the utilisation report is per month.
fn utilisation_year(store: &Store, year: i32) -> usize {
    (1..=12).map(|m| usage::utilisation(store, year, m).expect("utilisation").len()).sum()
}

/// `_postgres` after the size in the ids of the benchmarks run on
/// PostgreSQL, so that criterion keeps the two engines' figures apart.
fn suffix() -> &'static str {
    if data::on_postgres() { "_postgres" } else { "" }
}

fn queries(c: &mut Criterion, size: Size, full: bool) {
    let mut fixture: Option<(Copy, Store, Subject)> = None;
    let mut setup = || {
        let copy = Copy::new(size);
        let store = copy.store();
        let s = subject(&copy, &store);
        (copy, store, s)
    };
    let mut group = c.benchmark_group(format!("scale_{}{}/query", size.label, suffix()));
    group.sample_size(if full { 30 } else { 10 }).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("equipment_now", |b| {
        let (_, store, _) = fixture.get_or_insert_with(&mut setup);
        b.iter(|| black_box(equipment_now(store)));
    });
    group.bench_function("statement_draft", |b| {
        let (_, store, s) = fixture.get_or_insert_with(&mut setup);
        b.iter(|| black_box(statement::show(store, &s.brn, &s.this_month).expect("draft")));
    });
    group.bench_function("statement_issued", |b| {
        let (_, store, s) = fixture.get_or_insert_with(&mut setup);
        b.iter(|| black_box(statement::show(store, &s.brn, &s.last_month).expect("issued")));
    });
    group.bench_function("statements_of_month", |b| {
        let (_, store, s) = fixture.get_or_insert_with(&mut setup);
        b.iter(|| black_box(statement::month(store, &s.last_month).expect("the month's statements")));
    });
    group.bench_function("statements_of_month_drafts", |b| {
        let (_, store, s) = fixture.get_or_insert_with(&mut setup);
        b.iter(|| black_box(statement::month(store, &s.this_month).expect("this month's drafts")));
    });
    group.bench_function("utilisation_month", |b| {
        let (_, store, _) = fixture.get_or_insert_with(&mut setup);
        let (y, m) = usage::last_month(store.now().date());
        b.iter(|| black_box(usage::utilisation(store, y, m).expect("utilisation")));
    });
    group.bench_function("utilisation_year", |b| {
        let (_, store, s) = fixture.get_or_insert_with(&mut setup);
        b.iter(|| black_box(utilisation_year(store, s.year)));
    });
    group.finish();
}

fn screens(c: &mut Criterion, size: Size, full: bool) {
    let mut copy: Option<Copy> = None;
    let mut measured = BTreeSet::new();
    for scene in &SCENES {
        let mut stage: Option<Stage> = None;
        let mut group = c.benchmark_group(format!("scale_{}{}/{}", size.label, suffix(), scene.name));
        group.sample_size(if full { 20 } else { 10 }).warm_up_time(Duration::from_secs(1));
        // Flat: a case that waits for a report (`shown`) may take a quarter
        // of a second a frame; linear sampling would run it for minutes.
        group.measurement_time(Duration::from_secs(3)).sampling_mode(criterion::SamplingMode::Flat);
        for case in Case::ALL {
            group.bench_function(case.name(), |b| {
                let st = stage.get_or_insert_with(|| {
                    let copy = copy.get_or_insert_with(|| Copy::new(size));
                    Stage::new(copy.store(), scene)
                });
                measured.insert(scene.name);
                b.iter_custom(|iters| {
                    let mut took = Duration::ZERO;
                    for _ in 0..iters {
                        st.prepare(case);
                        let t = Instant::now();
                        st.frame(case);
                        took += t.elapsed();
                    }
                    took
                });
                st.settle();
            });
        }
        group.finish();
        if let Some(st) = &stage
            && std::env::var_os("KILN_BENCH_SHOW").is_some()
        {
            eprintln!("{}:\n{}", scene.name, st.text());
        }
    }
    // Criterion gives means and medians; a frame that is late once in a
    // hundred is what a person notices, so time frames one by one too.
    let (frames, budget) = if full { (200, Duration::from_secs(20)) } else { (3, Duration::ZERO) };
    for scene in SCENES.iter().filter(|s| measured.contains(s.name)) {
        let Some(copy) = &copy else { break };
        let mut stage = Stage::new(copy.store(), scene);
        for case in Case::ALL {
            let s = frames::time_frames(&mut stage, case, frames, budget);
            eprintln!(
                "frames, {}, {}, {}, {}: p50 {}, p99 {}, max {} ({} frames)",
                data::engine(),
                size.label,
                scene.name,
                case.name(),
                frames::ms(s.p50),
                frames::ms(s.p99),
                frames::ms(s.max),
                s.n
            );
        }
    }
}

fn scale(c: &mut Criterion) {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // once per benchmark as a test, where the small size is enough.
    let full = std::env::args().any(|a| a == "--bench");
    let sizes = if full { vec![Size::small(), Size::large()] } else { vec![Size::small()] };
    for size in sizes {
        queries(c, size, full);
        screens(c, size, full);
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
