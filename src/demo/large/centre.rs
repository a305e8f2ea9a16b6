//! The large centre's building, companies, people, leases and yearly figures.

use std::collections::HashSet;
use std::ops::Range;

use chrono::{Datelike, Months, NaiveDate};

use super::super::companies::fate;
use super::super::names;
use super::super::rng::Rng;
use super::{Loaded, Scale, month_index, month_start};
use crate::db::Write;
use crate::domain::brn::Brn;
use crate::domain::{Area, Minute, Period, RoomKind, Sector, Stage, Won, Zone};
use crate::error::Result;
use crate::store::sql::demo::centre as sql;

/// A room as planned: its id, code, kind, area (hundredths of m²) and rent per m².
pub(super) struct Room {
    pub id: i64,
    pub code: String,
    pub kind: RoomKind,
    pub area: i64,
    pub rent_per_m2: Option<i64>,
}

/// A company as planned.
pub(super) struct Firm {
    pub id: i64,
    pub brn: String,
    pub name: String,
    pub zone: Zone,
    pub sector: Sector,
    pub admitted: NaiveDate,
    pub stage: Stage,
    pub left: Option<NaiveDate>,
    /// 0–99: how fast it grows.
    pub vigour: i64,
    pub representative: String,
    pub phone: String,
    pub email: String,
    /// Its people's ids.
    pub people: Range<i64>,
    /// Its leases' effective spans, for the tenant rate.
    pub leased: Vec<Period<NaiveDate>>,
}

impl Firm {
    /// True if the company holds a lease on `day`.
    pub fn tenant_on(&self, day: NaiveDate) -> bool {
        self.leased.iter().any(|p| p.start() <= day && day < p.end())
    }
}

/// People with no company: centre staff and external users, after every
/// company's people.
pub(super) struct Externals(pub Range<i64>);

/// A lease as planned.
pub(super) struct Lease {
    pub firm: usize,
    pub room: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The building, larger than the small demo's: 91 rooms on five floors,
/// 1,980 평 of the 2,000 the building may hold.
pub(super) fn rooms(w: &mut Write<'_>, loaded: &Loaded<'_>) -> Result<Vec<Room>> {
    use RoomKind as K;
    // (floor, first number, how many, kind, 평, won per m² per month)
    type Plan = (i64, i64, i64, RoomKind, i64, Option<i64>);
    let plan: &[Plan] = &[
        (1, 101, 4, K::PilotPlant, 100, Some(7_000)),
        (1, 105, 1, K::Shared, 80, None),
        (1, 106, 2, K::Storage, 30, Some(5_000)),
        (2, 201, 8, K::Lab, 30, Some(9_000)),
        (2, 209, 1, K::Shared, 50, None),
        (2, 210, 8, K::Lab, 30, Some(9_000)),
        (3, 301, 12, K::Office, 20, Some(10_000)),
        (3, 313, 1, K::Classroom, 40, None),
        (3, 314, 12, K::Office, 15, Some(10_000)),
        (4, 401, 10, K::Office, 10, Some(10_000)),
        (4, 411, 1, K::Classroom, 30, None),
        (4, 412, 1, K::Shared, 20, None),
        (4, 413, 20, K::Office, 10, Some(10_000)),
        (5, 501, 10, K::Office, 10, Some(10_000)),
    ];
    let mut out = Vec::new();
    for &(floor, first, count, kind, pyeong, rent) in plan {
        // 1 평 = 400/121 m², in hundredths of m², rounded.
        let area = (pyeong * 40_000 * 2 + 121) / 242;
        for code in first..first + count {
            let id = out.len() as i64 + 1;
            let code = code.to_string();
            let row = sql::Room { id, code: &code, floor, kind, area: Area(area), rent_per_m2: rent.map(Won) };
            sql::room(w.sql(), &row)?;
            out.push(Room { id, code, kind, area, rent_per_m2: rent });
        }
    }
    loaded.table(w, "room", out.len())?;
    Ok(out)
}

fn brn(rng: &mut Rng) -> Option<Brn> {
    let office = *rng.pick(&[226, 222, 224, 221, 227, 225, 223]);
    let kind = *rng.pick(&[81, 86, 87, 88]);
    let serial = rng.range(1, 9999);
    let s = format!("{office:03}{kind:02}{serial:04}");
    let mut d = [0u8; 9];
    for (i, b) in s.bytes().enumerate() {
        d[i] = b - b'0';
    }
    Brn::complete(d)
}

/// A name not used yet: the small demo's names, with a word between stem
/// and suffix when they run out.
fn unique_name(rng: &mut Rng, used: &mut HashSet<String>) -> (String, String) {
    const MIDDLE: [(&str, &str); 8] = [
        ("", ""),
        ("첨단", "adv"),
        ("정밀", "prec"),
        ("나노", "nano"),
        ("케이", "k"),
        ("에스", "s"),
        ("신", "shin"),
        ("하이", "hi"),
    ];
    for attempt in 0..50 {
        let (stem, stem_en) = *rng.pick(names::STEMS);
        let (mid, mid_en) = if attempt < 3 { MIDDLE[0] } else { *rng.pick(&MIDDLE) };
        let (suffix, suffix_en) = *rng.pick(names::SUFFIXES);
        let base = format!("{stem}{mid}{suffix}");
        let name = match rng.range(0, 3) {
            0 => format!("(주){base}"),
            1 => format!("{base}(주)"),
            2 => format!("주식회사 {base}"),
            _ => base,
        };
        if used.insert(name.clone()) {
            return (name, format!("{stem_en}{mid_en}{suffix_en}.co.kr"));
        }
    }
    let name = format!("세라믹{}(주)", used.len() + 1);
    used.insert(name.clone());
    (name, format!("ceramic{}.co.kr", used.len()))
}

/// The companies, admitted evenly over the years, in order of admission.
pub(super) fn companies(rng: &mut Rng, scale: &Scale, first: NaiveDate, today: NaiveDate) -> Vec<Firm> {
    let span = (today - first).num_days().max(1);
    let mut admitted: Vec<NaiveDate> =
        (0..scale.companies).map(|_| first + chrono::Duration::days(rng.range(0, span - 1))).collect();
    admitted.sort();
    let mut names_used = HashSet::new();
    let mut brns_used = HashSet::new();
    let mut out = Vec::with_capacity(scale.companies);
    for (i, admitted) in admitted.into_iter().enumerate() {
        let (name, domain) = unique_name(rng, &mut names_used);
        let brn = loop {
            if let Some(b) = brn(rng).filter(|b| brns_used.insert(*b)) {
                break b;
            }
        };
        let zone = match rng.range(0, 9) {
            0..=4 => Zone::Gangneung,
            5..=7 => Zone::Bukpyeong,
            _ => Zone::RawMaterial,
        };
        let sector = if zone == Zone::RawMaterial && rng.chance(60) {
            Sector::RawMaterial
        } else {
            *rng.pick(&Sector::ALL[..6])
        };
        let (stage, left) = fate(rng, admitted, today);
        out.push(Firm {
            id: i as i64 + 1,
            brn: brn.digits(),
            name,
            zone,
            sector,
            admitted,
            stage,
            left,
            vigour: rng.range(0, 99),
            representative: names::person(rng),
            phone: format!("033-{}-{:04}", rng.range(530, 660), rng.range(0, 9999)),
            email: format!("info@{domain}"),
            people: 0..0,
            leased: Vec::new(),
        });
    }
    out
}

/// Nine in ten people belong to a company (about as many each); the rest are
/// centre staff and external users. Ids follow the companies' order.
pub(super) fn people(rng: &mut Rng, firms: &mut [Firm], scale: &Scale) {
    let with_company = scale.people * 9 / 10;
    let avg = (with_company / firms.len().max(1)).max(1) as i64;
    let mut next = 1i64;
    let last = with_company as i64;
    for f in firms.iter_mut() {
        let n = rng.range((avg / 2).max(1), avg * 3 / 2).min(last - next + 1).max(0);
        f.people = next..next + n;
        next += n;
    }
}

/// The people with no company: every id after the companies' people.
pub(super) fn externals(firms: &[Firm], scale: &Scale) -> Externals {
    let from = firms.last().map_or(1, |f| f.people.end.max(1));
    Externals(from..scale.people as i64 + 1)
}

fn rent_of(r: &Room) -> i64 {
    r.rent_per_m2.map_or(0, |per| per * r.area / 100 / 1000 * 1000)
}

/// Gangneung companies take an office, and a lab or pilot plant if they
/// make things, when one is free on the day they are admitted, and renew it
/// year by year until they leave.
pub(super) fn leases(rng: &mut Rng, firms: &mut [Firm], rooms: &[Room], today: NaiveDate) -> Vec<Lease> {
    let mut free_from: Vec<NaiveDate> = vec![NaiveDate::MIN; rooms.len()];
    let mut out = Vec::new();
    for (fi, f) in firms.iter_mut().enumerate() {
        if f.zone != Zone::Gangneung {
            continue;
        }
        let mut kinds = vec![RoomKind::Office];
        if f.vigour > 45 {
            kinds.push(if f.vigour > 85 { RoomKind::PilotPlant } else { RoomKind::Lab });
        }
        for kind in kinds {
            let free: Vec<usize> =
                (0..rooms.len()).filter(|&r| rooms[r].kind == kind && free_from[r] <= f.admitted).collect();
            if free.is_empty() {
                continue;
            }
            let r = free[rng.range(0, free.len() as i64 - 1) as usize];
            let stays_until = f.left.unwrap_or(today + chrono::Duration::days(400));
            let mut from = f.admitted;
            while from < stays_until && from <= today + chrono::Duration::days(30) {
                let to = from.checked_add_months(Months::new(12)).unwrap_or(stays_until).min(stays_until);
                out.push(Lease { firm: fi, room: r, from, to });
                if let Ok(p) = Period::new(from, to) {
                    f.leased.push(p);
                }
                free_from[r] = to;
                from = to;
            }
        }
    }
    out
}

/// Companies first as they started (a company that has left takes no new
/// lease), then their leases, then where they stand today.
pub(super) fn write_companies(
    w: &mut Write<'_>,
    loaded: &Loaded<'_>,
    firms: &[Firm],
    rooms: &[Room],
    leases: &[Lease],
) -> Result<usize> {
    for f in firms {
        let stage = if f.stage == Stage::PreStartup { Stage::PreStartup } else { Stage::Early };
        let row = sql::Company {
            id: f.id,
            brn: &f.brn,
            name: &f.name,
            representative: &f.representative,
            sector: f.sector,
            zone: f.zone,
            stage,
            admitted_on: f.admitted,
            phone: &f.phone,
            email: &f.email,
        };
        sql::company(w.sql(), &row)?;
    }
    loaded.tick(firms.len());
    for l in leases {
        let r = &rooms[l.room];
        let rent = rent_of(r);
        let fee = r.area / 100 * 1_800 / 1000 * 1000;
        let row = sql::Lease {
            company_id: firms[l.firm].id,
            room_id: r.id,
            from: l.from,
            to: l.to,
            rent: Won(rent),
            fee: Won(fee),
            deposit: Won(rent * 10),
            created_at: Minute::at(l.from - chrono::Duration::days(14), 10, 0),
        };
        sql::lease(w.sql(), &row)?;
    }
    loaded.tick(leases.len());
    for f in firms.iter().filter(|f| !matches!(f.stage, Stage::PreStartup | Stage::Early)) {
        sql::company_now(w.sql(), f.id, f.stage, f.left)?;
    }
    loaded.table(w, "lease", leases.len())?;
    loaded.table(w, "company", firms.len())
}

/// Each company's people, then the people of no company, numbered `P-0001`
/// on; each registered soon after their company was admitted.
pub(super) fn write_people(
    w: &mut Write<'_>,
    loaded: &Loaded<'_>,
    rng: &mut Rng,
    firms: &[Firm],
    externals: &Externals,
    (first, today): (NaiveDate, NaiveDate),
) -> Result<usize> {
    let mut n = 0;
    let span = (today - first).num_days().max(1);
    let owners = firms
        .iter()
        .flat_map(|f| f.people.clone().map(move |id| (id, Some(f))))
        .chain(externals.0.clone().map(|id| (id, None)));
    for (id, firm) in owners {
        let day = match firm {
            Some(f) => (f.admitted + chrono::Duration::days(rng.range(0, 60))).min(today),
            None => first + chrono::Duration::days(rng.range(0, span - 1)),
        };
        let created_at = Minute::at(day, rng.range(9, 17) as u32, 0);
        let email = match firm {
            Some(f) if rng.chance(60) => Some(format!("p{id}@{}", f.email.trim_start_matches("info@"))),
            _ => None,
        };
        // The name is drawn before the phone number, as it always was.
        let name = names::person(rng);
        let phone = names::mobile(rng);
        let row = sql::Person {
            id,
            code: &crate::domain::codes::numbered("P", id),
            name: &name,
            company_id: firm.map(|f| f.id),
            phone: &phone,
            email: email.as_deref(),
            created_at,
        };
        sql::person(w.sql(), &row)?;
        n += 1;
        if n % 10_000 == 0 {
            loaded.tick(10_000);
        }
    }
    loaded.tick(n % 10_000);
    loaded.table(w, "person", n)
}

/// Which companies with people were present for the whole of each month,
/// to draw bookers and trainees from.
pub(super) struct ActiveByMonth {
    first: NaiveDate,
    months: Vec<Vec<u32>>,
}

impl ActiveByMonth {
    pub fn new(firms: &[Firm], first: NaiveDate, today: NaiveDate) -> ActiveByMonth {
        let n = month_index(first, today) + 3;
        let mut months = vec![Vec::new(); n];
        for (i, f) in firms.iter().enumerate() {
            if f.people.is_empty() {
                continue;
            }
            for (m, list) in months.iter_mut().enumerate() {
                let Some(start) = month_start(first, m) else { continue };
                let end = start.checked_add_months(Months::new(1)).unwrap_or(start);
                if f.admitted <= start && f.left.is_none_or(|l| l >= end) {
                    list.push(i as u32);
                }
            }
        }
        ActiveByMonth { first, months }
    }

    /// A company present for the whole month of `day`, if any.
    pub fn pick(&self, rng: &mut Rng, day: NaiveDate) -> Option<usize> {
        let list = self.months.get(month_index(self.first, day))?;
        if list.is_empty() {
            return None;
        }
        Some(list[rng.range(0, list.len() as i64 - 1) as usize] as usize)
    }
}

/// Someone to book or train on `day`: mostly a person of a company present
/// that month, otherwise one of no company.
pub(super) fn someone(rng: &mut Rng, firms: &[Firm], active: &ActiveByMonth, ext: &Externals, day: NaiveDate) -> i64 {
    if rng.chance(85)
        && let Some(f) = active.pick(rng, day).map(|i| &firms[i])
        && !f.people.is_empty()
    {
        return rng.range(f.people.start, f.people.end - 1);
    }
    if ext.0.is_empty() {
        // Every person belongs to a company: any will do.
        let last = firms.last().map_or(1, |f| f.people.end - 1).max(1);
        return rng.range(1, last);
    }
    rng.range(ext.0.start, ext.0.end - 1)
}

/// Each company's figures for every full year it was in the cluster: a few
/// people and small sales at first, growing with its vigour; scale-up plants
/// in Bukpyeong larger from the start.
pub(super) fn yearly_reports(
    w: &mut Write<'_>,
    loaded: &Loaded<'_>,
    rng: &mut Rng,
    firms: &[Firm],
    today: NaiveDate,
) -> Result<usize> {
    let mut n = 0;
    let now = Minute::at(today, 9, 0);
    for f in firms {
        let last = match (f.stage, f.left) {
            (Stage::Withdrawn, Some(left)) => left.year() - 1,
            _ => today.year() - 1,
        };
        let scale = if f.zone == Zone::Bukpyeong { 5 } else { 1 };
        let mut employees = rng.range(2, 5) * scale;
        let mut sales: i64 = rng.range(5, 30) * 10_000_000 * scale;
        for year in f.admitted.year()..=last {
            let exports = if f.vigour > 60 { sales / 100 * rng.range(5, 30) } else { 0 };
            let investment = if rng.chance(10) { rng.range(1, 30) * 100_000_000 } else { 0 };
            let reported = NaiveDate::from_ymd_opt(year + 1, 3, 31).map_or(now, |d| Minute::at(d, 17, 0).min(now));
            // Struct fields are evaluated in the order written: the draws
            // stay in the order they always were.
            let row = sql::YearlyReport {
                company_id: f.id,
                year,
                employees,
                sales: Won(sales),
                exports: Won(exports),
                rnd_spend: Won(sales / 100 * rng.range(5, 20)),
                patents_filed: rng.range(0, 2 + f.vigour / 40),
                patents_granted: rng.range(0, 1 + f.vigour / 50),
                investment: Won(investment),
                updated_at: reported,
            };
            sql::yearly_report(w.sql(), &row)?;
            n += 1;
            employees += rng.range(0, 1 + f.vigour / 25) * scale.min(3);
            sales = sales / 100 * (100 + rng.range(1, 5 + f.vigour / 10)) + 10_000_000;
        }
    }
    loaded.tick(firms.len() * 10);
    loaded.table(w, "yearly_report", n)
}
