//! The large centre's machines, twenty years of their bookings and the
//! coming month's, and their downtime: a yearly service of each machine, a
//! calibration next week and a kiln down with a fault today.

use crate::domain::party::{EXTERNAL, TENANT};
use chrono::NaiveDate;

use super::super::equipment::{MACHINES, PURPOSES, round_the_clock};
use super::super::rng::Rng;
use super::centre::{ActiveByMonth, Externals, Firm, Room, someone};
use super::training::{Course, Qualified};
use super::{Loaded, Scale};
use crate::db::Write;
use crate::domain::booking::{BookingState, billable_minutes, charge};
use crate::domain::equipment::WeekHours;
use crate::domain::{BillingUnit, Field, Invalid, Minute, Period, Won};
use crate::error::Result;
use crate::store::sql::booking;
use crate::store::sql::demo::equipment as sql;

/// A machine as loaded, with what booking it needs.
pub(super) struct Machine {
    pub id: i64,
    slot: i64,
    min: i64,
    max: i64,
    buffer: i64,
    hours: WeekHours,
    holidays: bool,
    approval: bool,
    unit: BillingUnit,
    tenant_rate: i64,
    external_rate: i64,
}

/// `n` machines: the small demo's 25 models, several of each.
pub(super) fn machines(w: &mut Write<'_>, loaded: &Loaded<'_>, n: usize, rooms: &[Room]) -> Result<Vec<Machine>> {
    let created_at = Minute(w.now().0 - 20 * 366 * 1440);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let m = &MACHINES[i % MACHINES.len()];
        let (name, model, category, unit, tenant, external, slot, min, max, hours, room, approval) = *m;
        let copy = i / MACHINES.len() + 1;
        let name = if copy == 1 { name.to_owned() } else { format!("{name} ({copy}호기)") };
        let always = round_the_clock(m);
        let hours = WeekHours::parse(hours).unwrap_or(WeekHours::OFFICE);
        let room_id = rooms.iter().find(|r| r.code == room).map(|r| r.id);
        let unit = if unit == "sample" { BillingUnit::Sample } else { BillingUnit::Hour };
        let id = i as i64 + 1;
        let row = sql::Machine {
            id,
            code: &crate::domain::codes::numbered("EQ", id),
            name: &name,
            model,
            category,
            room_id,
            unit,
            tenant_rate: Won(tenant),
            external_rate: Won(external),
            slot_minutes: slot,
            min_minutes: min,
            max_minutes: max,
            notice_minutes: if always { 240 } else { 60 },
            buffer_minutes: if always { 120 } else { 0 },
            hours: &hours,
            holidays_bookable: always,
            needs_approval: approval,
            created_at,
        };
        sql::machine(w.sql(), &row)?;
        out.push(Machine {
            id,
            slot: i64::from(slot),
            min: i64::from(min),
            max: i64::from(max),
            buffer: if always { 120 } else { 0 },
            hours,
            holidays: always,
            approval,
            unit,
            tenant_rate: tenant,
            external_rate: external,
        });
    }
    loaded.table(w, "equipment", out.len())?;
    Ok(out)
}

/// One booking as planned.
struct Planned {
    machine: u32,
    person: i64,
    company: Option<i64>,
    start: Minute,
    end: Minute,
    state: BookingState,
    purpose: u8,
    samples: i64,
    actual: Option<Period>,
    /// Minutes billed, rate, charge, and whether at the tenant class.
    billed: Option<(i64, i64, i64, bool)>,
}

/// A downtime as planned: machine id, period, reason, note.
type Down = (i64, Period, &'static str, &'static str);

/// Days from `first` up to `until` and whether the centre is closed on each.
struct Calendar {
    first: NaiveDate,
    closed: Vec<bool>,
}

impl Calendar {
    fn new(first: NaiveDate, until: NaiveDate) -> Calendar {
        let closed = first
            .iter_days()
            .take_while(|d| *d < until)
            .map(|d| crate::domain::holidays::holiday_on(d).is_some())
            .collect();
        Calendar { first, closed }
    }

    fn day(&self, i: usize) -> NaiveDate {
        self.first + chrono::Duration::days(i as i64)
    }
}

/// What the bookings need to know of the rest of the centre.
pub(super) struct Centre<'a> {
    pub firms: &'a [Firm],
    pub active: &'a ActiveByMonth,
    pub externals: &'a Externals,
    pub courses: &'a [Course],
    pub qualified: &'a Qualified,
}

/// Plans and writes every machine's bookings and downtime; returns how many
/// bookings.
pub(super) fn write(
    w: &mut Write<'_>,
    loaded: &Loaded<'_>,
    rng: &mut Rng,
    scale: &Scale,
    machines: &[Machine],
    centre: &Centre<'_>,
    first: NaiveDate,
) -> Result<usize> {
    let now = w.now();
    let today = now.date();
    let calendar = Calendar::new(first, today + chrono::Duration::days(31));
    let mut planned = Vec::with_capacity(scale.bookings);
    let mut downs: Vec<Down> = Vec::new();
    for (i, m) in machines.iter().enumerate() {
        let n = scale.bookings / machines.len() + usize::from(i < scale.bookings % machines.len());
        let blocked = downtime(m, i, first, now, &mut downs);
        let mut rows = plan_machine(rng, m, i as u32, n, &calendar, &blocked, centre, now);
        // Planned with a margin for the days nobody qualified was there:
        // keep exactly `n`, evenly.
        if rows.len() > n {
            let total = rows.len();
            let keep: Vec<bool> = {
                let mut k = vec![false; total];
                for j in 0..n {
                    k[j * total / n] = true;
                }
                k
            };
            let mut it = keep.into_iter();
            rows.retain(|_| it.next().unwrap_or(false));
        }
        planned.extend(rows);
        if i % 10 == 9 {
            loaded.tick(n * 10 / 2);
        }
    }
    // Ids follow the calendar across machines, as they would have.
    planned.sort_unstable_by_key(|b| (b.start, b.machine));
    let who = w.who().to_owned();
    let mut parties = std::collections::HashMap::new();
    for (k, b) in planned.iter().enumerate() {
        let key = (b.company, b.company.is_none().then_some(b.person));
        let party_id = if let Some(p) = parties.get(&key) {
            *p
        } else {
            let p = crate::db::party::of_booker(w, b.person, b.company)?;
            parties.insert(key, p);
            p
        };
        let completed = b.state == BookingState::Completed;
        // The plan's periods are made from a start and a positive length.
        let period = Period::new(b.start, b.end).map_err(|p| Invalid::new(Field::To, b.end.to_string(), p))?;
        let row = booking::Past {
            equipment_id: machines[b.machine as usize].id,
            person_id: b.person,
            company_id: b.company,
            party_id,
            period,
            state: b.state,
            purpose: PURPOSES[b.purpose as usize],
            samples: b.samples,
            actual_start: b.actual.map(|a| a.start()),
            actual_end: b.actual.filter(|_| completed).map(|a| a.end()),
            actual_samples: completed.then_some(b.samples),
            billed_minutes: b.billed.map(|x| x.0),
            rate: b.billed.map(|x| Won(x.1)),
            charge: b.billed.map(|x| Won(x.2)),
            rate_class: b.billed.map(|x| if x.3 { TENANT } else { EXTERNAL }),
            created_at: Minute((b.start.0 - 3 * 1440).min(now.0 - 60)),
            created_by: &who,
        };
        booking::insert_past(w.sql(), &row)?;
        if k % 10_000 == 9_999 {
            loaded.tick(5_000);
        }
    }
    for &(equipment_id, p, reason, note) in &downs {
        let row = sql::Downtime {
            equipment_id,
            start: p.start(),
            end: p.end(),
            reason,
            note,
            created_at: Minute((p.start().0 - 14 * 1440).min(now.0 - 60)),
            created_by: &who,
        };
        sql::downtime(w.sql(), &row)?;
    }
    loaded.table(w, "downtime", downs.len())?;
    loaded.table(w, "booking", planned.len())
}

/// The machine's downtime, and the days it blocks for bookings (sorted):
/// a service each year, a fault on the second kiln since yesterday, a
/// calibration of the first XRD next week.
fn downtime(m: &Machine, i: usize, first: NaiveDate, now: Minute, downs: &mut Vec<Down>) -> Vec<NaiveDate> {
    let today = now.date();
    let mut blocked = Vec::new();
    let mut add = |from: Minute, to: Minute, reason, note, blocked: &mut Vec<NaiveDate>| {
        if let Ok(p) = Period::new(from, to) {
            downs.push((m.id, p, reason, note));
            blocked.extend(from.date().iter_days().take_while(|d| *d <= Minute(to.0 - 1).date()));
        }
    };
    let mut day = first + chrono::Duration::days(30 + (i as i64 * 37) % 300);
    let mut k = 0;
    while day < today - chrono::Duration::days(7) {
        let (reason, note) =
            if k % 2 == 0 { ("maintenance", "정기 점검") } else { ("calibration", "연간 교정") };
        add(Minute::at(day, 9, 0), Minute::at(day, 13, 0), reason, note, &mut blocked);
        day += chrono::Duration::days(365);
        k += 1;
    }
    if i == 18 {
        let (from, to) = (today - chrono::Duration::days(1), today + chrono::Duration::days(1));
        add(Minute::at(from, 8, 0), Minute::at(to, 18, 0), "fault", "히터 단선", &mut blocked);
    }
    if i == 0 {
        let on = today + chrono::Duration::days(7);
        add(Minute::at(on, 9, 0), Minute::at(on, 18, 0), "calibration", "연간 교정", &mut blocked);
    }
    blocked.sort();
    blocked.dedup();
    blocked
}

/// About `n` (a little more) bookings of one machine, spread evenly over
/// its bookable days from the first year to a month ahead: one or two a
/// working day for instruments, a firing every day or two for kilns. None
/// overlaps another or the machine's downtime.
#[allow(clippy::too_many_arguments, clippy::many_single_char_names)]
fn plan_machine(
    rng: &mut Rng,
    m: &Machine,
    index: u32,
    n: usize,
    calendar: &Calendar,
    blocked: &[NaiveDate],
    centre: &Centre<'_>,
    now: Minute,
) -> Vec<Planned> {
    let days: Vec<(NaiveDate, u32, u32)> = (0..calendar.closed.len())
        .filter(|&d| m.holidays || !calendar.closed[d])
        .map(|d| calendar.day(d))
        .filter(|d| blocked.binary_search(d).is_err())
        .filter_map(|d| {
            let (open, close) = m.hours.on(crate::domain::time::weekday_index(d))?;
            Some((d, open, close))
        })
        .collect();
    if days.is_empty() || n == 0 {
        return Vec::new();
    }
    let always = m.buffer > 0;
    let want = n + n / 20 + 1;
    // Starts first, so each booking can end before the next one begins.
    let mut starts: Vec<(Minute, Minute)> = Vec::with_capacity(want);
    let mut k = 0;
    while k < want {
        let d = k * days.len() / want;
        let mut c = 1;
        while k + c < want && (k + c) * days.len() / want == d {
            c += 1;
        }
        let (day, open, close) = days[d];
        let (open, close) = if always { (8 * 60, 20 * 60) } else { (i64::from(open), i64::from(close)) };
        let width = (close - open) / c as i64 / m.slot * m.slot;
        for j in 0..c as i64 {
            let from = open + j * width;
            if width < m.min {
                continue;
            }
            let start = Minute(Minute::at(day, 0, 0).0 + from + m.slot * rng.range(0, (width - m.min) / m.slot));
            let limit = if always { Minute(i64::MAX / 2) } else { Minute(Minute::at(day, 0, 0).0 + from + width) };
            starts.push((start, limit));
        }
        k += c;
    }
    let gates: Vec<usize> = (0..centre.courses.len()).filter(|&c| centre.courses[c].machines.contains(&m.id)).collect();
    let mut out = Vec::with_capacity(starts.len());
    for (j, &(start, limit)) in starts.iter().enumerate() {
        let next = starts.get(j + 1).map_or(Minute(i64::MAX / 2), |s| s.0);
        let next_block =
            blocked.iter().find(|d| **d > start.date()).map_or(Minute(i64::MAX / 2), |d| Minute::at(*d, 0, 0));
        let bound = Minute(next.0.min(next_block.0) - m.buffer).min(limit);
        let cap = if always { 36 * 60 } else { 240 };
        let longest = m.max.min(bound.0 - start.0).min(cap.max(m.min));
        if longest < m.min {
            continue;
        }
        let len = m.slot * rng.range((m.min + m.slot - 1) / m.slot, longest / m.slot);
        let Ok(period) = Period::new(start, Minute(start.0 + len)) else { continue };
        let person = if gates.is_empty() {
            someone_for(rng, centre, start.date())
        } else {
            match centre.qualified.pick(rng, &gates, &period) {
                Some(p) => p,
                None => continue,
            }
        };
        out.push(booking(rng, m, index, person, period, centre, now));
    }
    out
}

fn someone_for(rng: &mut Rng, centre: &Centre<'_>, day: NaiveDate) -> i64 {
    someone(rng, centre.firms, centre.active, centre.externals, day)
}

/// The company whose person `person` is, if any.
fn firm_of(firms: &[Firm], person: i64) -> Option<&Firm> {
    let i = firms.partition_point(|f| f.people.end <= person);
    firms.get(i).filter(|f| f.people.contains(&person))
}

/// How a booking went: past ones mostly used (priced as check-out prices
/// them), some cancelled, rejected or not claimed; the current one in use;
/// coming ones approved or, where approval is needed, some still requested.
fn booking(
    rng: &mut Rng,
    m: &Machine,
    index: u32,
    person: i64,
    period: Period,
    centre: &Centre<'_>,
    now: Minute,
) -> Planned {
    let (start, end) = (period.start(), period.end());
    let state = if end <= now {
        match rng.range(0, 99) {
            0..=84 => BookingState::Completed,
            85..=92 => BookingState::Cancelled,
            93..=96 => BookingState::NoShow,
            _ if m.approval => BookingState::Rejected,
            _ => BookingState::Cancelled,
        }
    } else if start <= now {
        BookingState::InUse
    } else if m.approval && rng.chance(30) {
        BookingState::Requested
    } else {
        BookingState::Approved
    };
    let firm = firm_of(centre.firms, person);
    let samples = rng.range(1, 8);
    let (late, early) = (rng.range(0, 15), rng.range(0, 20));
    let actual = match state {
        BookingState::Completed => {
            Period::new(Minute(start.0 + late), Minute((end.0 - early).max(start.0 + late + 5))).ok()
        }
        BookingState::InUse => Period::new(Minute((start.0 + late).min(now.0)), end).ok(),
        _ => None,
    };
    let billed = actual.filter(|_| state == BookingState::Completed).map(|a| {
        let minutes = billable_minutes(&a, m.slot as u32);
        let tenant = firm.is_some_and(|f| f.tenant_on(start.date()));
        let rate = if tenant { m.tenant_rate } else { m.external_rate };
        let billed = if m.unit == BillingUnit::Hour { minutes } else { a.minutes() };
        let amount = charge(m.unit, crate::domain::Won(rate), minutes, samples).map_or(0, |c| c.0);
        (billed, rate, amount, tenant)
    });
    Planned {
        machine: index,
        person,
        company: firm.map(|f| f.id),
        start,
        end,
        state,
        purpose: rng.range(0, PURPOSES.len() as i64 - 1) as u8,
        samples,
        actual,
        billed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_per_machine_in_turn() {
        assert_eq!(MACHINES.len(), 25);
        assert!(round_the_clock(&MACHINES[18]), "the machine with today's fault is a kiln");
    }
}
