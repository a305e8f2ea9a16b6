//! `kiln demo --size large`: a centre with twenty years of history — about
//! 10,000 companies, 100,000 people, 200 machines, a million bookings and
//! 5,000 cohorts — for trying kiln at scale and for the benchmarks.
//!
//! The small demo goes through the use cases row by row; they write about
//! 8,000 rows a second, which would take minutes here. This loader plans the
//! whole centre in memory, deterministically from the seed, then writes it
//! with direct SQL in one transaction through cached prepared statements.
//! Every schema trigger stays in force: the plan keeps every rule the
//! triggers guard (no overlapping bookings, leases or sessions, cohorts within
//! capacity, rooms within the building, no lease for a company that has left,
//! statements that add up), so `kiln check` is clean afterwards.
//!
//! **Audit.** The use cases write one audit row per changed row. This loader
//! writes one audit row per table it fills (entity `demo`, the table's name as
//! the id, action `load`, and the row count and seed as `after`): a million
//! audit rows restating generated data would double the file and tell a
//! reader nothing the tables do not.

mod billing;
mod bookings;
mod centre;
mod training;
mod vouchers;

use chrono::{Months, NaiveDate};
use indicatif::ProgressBar;
use serde_json::json;

use super::DemoSummary;
use super::rng::Rng;
use crate::db::{Store, Write, operator};
use crate::domain::{Capability, RoomKind};
use crate::error::{Refusal, Result};
use crate::store::sql::demo as sql;

/// How big a centre to make. [`Scale::LARGE`] is what `--size large` makes;
/// tests use a fraction of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub companies: usize,
    pub people: usize,
    pub machines: usize,
    pub bookings: usize,
    pub cohorts: usize,
}

impl Scale {
    pub const LARGE: Scale =
        Scale { companies: 10_000, people: 100_000, machines: 200, bookings: 1_000_000, cohorts: 5_000 };

    /// `LARGE` divided by `n`, with at least one of each: the same density of
    /// bookings per machine and of people per company (cohorts: see below).
    pub fn fraction(n: usize) -> Scale {
        let n = n.max(1);
        let l = Scale::LARGE;
        Scale {
            companies: (l.companies / n).max(1),
            people: (l.people / n).max(1),
            machines: (l.machines / n).max(1),
            bookings: l.bookings / n,
            // Ten times the share of cohorts: a centre this small still
            // trains enough people for its gated machines to be booked.
            cohorts: (l.cohorts * 10 / n).clamp(1, l.cohorts),
        }
    }
}

/// Years of history before today.
pub const YEARS: u32 = 20;

/// Fills an empty database with a centre of `scale`, the same for the same
/// seed and clock. The account running it becomes the first admin if there
/// is none yet; a database that already holds data is refused. `progress`
/// counts rows written (pass `ProgressBar::hidden()` for none).
pub fn load(store: &mut Store, seed: u64, scale: &Scale, progress: &ProgressBar) -> Result<DemoSummary> {
    operator::bootstrap(store)?;
    if !store.is_empty()? {
        return Err(Refusal::NotEmpty.into());
    }
    sql::loading(store.sql())?;
    let out = store.bulk(|store| store.write(Capability::LoadDemo, |w| fill(w, seed, scale, progress)));
    sql::loaded(store.sql())?;
    progress.finish_and_clear();
    out
}

/// Counts rows as they are written and audits each table once.
pub(super) struct Loaded<'p> {
    seed: u64,
    progress: &'p ProgressBar,
}

impl Loaded<'_> {
    /// Records that `rows` rows of `table` were loaded.
    fn table(&self, w: &mut Write<'_>, table: &str, rows: usize) -> Result<usize> {
        w.audit("demo", table, "load", None, Some(json!({ "table": table, "rows": rows, "seed": self.seed })))?;
        Ok(rows)
    }

    fn tick(&self, n: usize) {
        self.progress.inc(n as u64);
    }
}

fn fill(w: &mut Write<'_>, seed: u64, scale: &Scale, progress: &ProgressBar) -> Result<DemoSummary> {
    let mut rng = Rng::new(seed);
    let now = w.now();
    let today = now.date();
    let first = today.checked_sub_months(Months::new(YEARS * 12)).unwrap_or(today);
    let loaded = Loaded { seed, progress };
    let supplier = super::supplier().apply(None)?;
    crate::store::sql::supplier::put(w.sql(), &supplier, now, w.who())?;
    // The bar counts rows; statements are counted by the bookings they bill.
    progress.set_length((scale.companies * 12 + scale.people + scale.bookings * 2 + scale.cohorts * 60) as u64);

    // Sessions go in after the attendance that names them (see training).
    sql::defer_foreign_keys(w.sql())?;

    let rooms = centre::rooms(w, &loaded)?;
    let mut firms = centre::companies(&mut rng, scale, first, today);
    centre::people(&mut rng, &mut firms, scale);
    let externals = centre::externals(&firms, scale);
    let leases = centre::leases(&mut rng, &mut firms, &rooms, today);
    let companies = centre::write_companies(w, &loaded, &firms, &rooms, &leases)?;
    let people = centre::write_people(w, &loaded, &mut rng, &firms, &externals, (first, today))?;
    let yearly_reports = centre::yearly_reports(w, &loaded, &mut rng, &firms, today)?;

    let machines = bookings::machines(w, &loaded, scale.machines, &rooms)?;
    let active = centre::ActiveByMonth::new(&firms, first, today);
    let courses = training::courses(w, &loaded, scale.machines, now)?;
    let classrooms: Vec<i64> = rooms.iter().filter(|r| r.kind == RoomKind::Classroom).map(|r| r.id).collect();
    let trained =
        training::cohorts(w, &loaded, &mut rng, scale, &courses, &classrooms, (&firms, &active, &externals), first)?;
    let centre = bookings::Centre {
        firms: &firms,
        active: &active,
        externals: &externals,
        courses: &courses,
        qualified: &trained.qualified,
    };
    let booked = bookings::write(w, &loaded, &mut rng, scale, &machines, &centre, first)?;
    vouchers::add(w, &loaded, first)?;
    let statements = billing::statements(w, &loaded, &mut rng, &firms, today)?;
    // Rows went in directly: their search keys are made in one pass.
    crate::db::search::fill_all(w.sql())?;
    Ok(DemoSummary {
        companies,
        rooms: rooms.len(),
        leases: leases.len(),
        yearly_reports,
        people,
        machines: machines.len(),
        bookings: booked,
        cohorts: trained.count,
        statements,
    })
}

/// The first day of the month `i` months after `first`'s month.
fn month_start(first: NaiveDate, i: usize) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(chrono::Datelike::year(&first), chrono::Datelike::month(&first), 1)?;
    d.checked_add_months(Months::new(u32::try_from(i).ok()?))
}

/// How many months after `first`'s month `d` falls.
fn month_index(first: NaiveDate, d: NaiveDate) -> usize {
    use chrono::Datelike;
    let months = (d.year() - first.year()) * 12 + d.month() as i32 - first.month() as i32;
    usize::try_from(months).unwrap_or(0)
}
