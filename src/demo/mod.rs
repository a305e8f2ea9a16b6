//! `kiln demo`: fills an empty database with a believable centre, the same for
//! the same seed. It goes through the same use cases as the CLI and the TUI,
//! so demo data obeys every rule real data does.

mod names;
mod rng;

use chrono::{Datelike, NaiveDate};

use crate::db::{Store, company, operator, person, room};
use crate::domain::brn::Brn;
use crate::domain::company::CompanyInput;
use crate::domain::person::PersonInput;
use crate::domain::room::RoomInput;
use crate::domain::time::date_text;
use crate::domain::{Area, RoomKind, Sector, Stage, Zone};
use crate::error::{Refusal, Result};
use rng::Rng;

pub const DEFAULT_SEED: u64 = 2005;

/// What the demo put in.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub companies: usize,
    pub rooms: usize,
    pub people: usize,
}

/// Fills an empty database. The account running it becomes the first admin
/// if there is none yet. A database that already holds data is refused.
pub fn load(store: &mut Store, seed: u64) -> Result<DemoSummary> {
    operator::bootstrap(store)?;
    if !store.is_empty()? {
        return Err(Refusal::NotEmpty.into());
    }
    let mut rng = Rng::new(seed);
    let today = store.now().date();
    let rooms = add_rooms(store)?;
    let brns = add_companies(store, &mut rng, today)?;
    let people = add_people(store, &mut rng, &brns)?;
    Ok(DemoSummary {
        companies: brns.len(),
        rooms,
        people,
    })
}

/// The centre building: pilot plants on the ground floor, labs on the second,
/// offices above, with classrooms and shared rooms. About 55 % of the 2,000 평
/// is rentable; the rest is corridors, plant rooms and the centre's own office.
fn add_rooms(store: &mut Store) -> Result<usize> {
    use RoomKind as K;
    // (floor, first number, how many, kind, 평, won per m² per month)
    type Plan = (i64, i64, i64, RoomKind, i64, Option<i64>);
    let plan: &[Plan] = &[
        (1, 101, 2, K::PilotPlant, 100, Some(7_000)),
        (1, 103, 1, K::PilotPlant, 60, Some(7_000)),
        (1, 104, 1, K::Storage, 30, Some(5_000)),
        (1, 105, 1, K::Shared, 80, None),
        (2, 201, 8, K::Lab, 30, Some(9_000)),
        (2, 209, 1, K::Shared, 50, None),
        (3, 301, 12, K::Office, 20, Some(10_000)),
        (3, 313, 1, K::Classroom, 40, None),
        (4, 401, 10, K::Office, 10, Some(10_000)),
        (4, 411, 1, K::Classroom, 30, None),
        (4, 412, 1, K::Shared, 20, None),
    ];
    let mut n = 0;
    for &(floor, first, count, kind, pyeong, rent) in plan {
        // 1 평 = 400/121 m², in hundredths of m², rounded.
        let area = Area((pyeong * 40_000 * 2 + 121) / 242);
        for code in first..first + count {
            room::add(
                store,
                &RoomInput {
                    code: code.to_string(),
                    floor: floor.to_string(),
                    kind: kind.code().into(),
                    area_m2: area.m2_text().replace(',', ""),
                    rent_per_m2: rent.map(|r| r.to_string()).unwrap_or_default(),
                },
            )?;
            n += 1;
        }
    }
    Ok(n)
}

fn brn(rng: &mut Rng) -> Option<Brn> {
    // Tax offices of the Gangwon coast, and the codes of corporations.
    let office = *rng.pick(&[226, 222, 224, 221, 227]);
    let kind = *rng.pick(&[81, 86, 87, 81, 88]);
    let serial = rng.range(1, 9999);
    let s = format!("{office:03}{kind:02}{serial:04}");
    let mut d = [0u8; 9];
    for (i, b) in s.bytes().enumerate() {
        d[i] = b - b'0';
    }
    Brn::complete(d)
}

fn company_stage(
    rng: &mut Rng,
    admitted: NaiveDate,
    today: NaiveDate,
) -> (Stage, Option<NaiveDate>) {
    let years = (today - admitted).num_days() / 365;
    if years < 1 {
        return (
            if rng.chance(40) {
                Stage::PreStartup
            } else {
                Stage::Early
            },
            None,
        );
    }
    if years < 3 {
        return (Stage::Early, None);
    }
    let roll = rng.range(0, 99);
    let left = admitted + chrono::Duration::days(rng.range(3 * 365, (years * 365).min(9 * 365)));
    let left = left.min(today);
    match roll {
        0..=54 => (Stage::Graduated, Some(left)),
        55..=69 => (Stage::Withdrawn, Some(left)),
        _ => (Stage::Growth, None),
    }
}

/// The 21 incubator tenants of 2005, and later arrivals to about sixty.
fn add_companies(store: &mut Store, rng: &mut Rng, today: NaiveDate) -> Result<Vec<Brn>> {
    let mut brns: Vec<Brn> = Vec::new();
    let mut used_names = std::collections::HashSet::new();
    let sectors = Sector::ALL;
    let last_year = today.year();
    let mut arrivals: Vec<(NaiveDate, Zone)> = (0..21)
        .map(|i| {
            (
                NaiveDate::from_ymd_opt(2005, 3 + (i % 9) as u32, 1 + (i as u32 * 3) % 27)
                    .unwrap_or(today),
                Zone::Gangneung,
            )
        })
        .collect();
    for _ in 0..39 {
        let year = rng.range(2006, i64::from(last_year)) as i32;
        let date = NaiveDate::from_ymd_opt(year, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
            .unwrap_or(today)
            .min(today);
        let zone = match rng.range(0, 9) {
            0..=4 => Zone::Gangneung,
            5..=7 => Zone::Bukpyeong,
            _ => Zone::RawMaterial,
        };
        arrivals.push((date, zone));
    }
    arrivals.sort();
    for (admitted, zone) in arrivals {
        let (name, domain) = loop {
            let candidate = names::company(rng);
            if used_names.insert(candidate.0.clone()) {
                break candidate;
            }
        };
        let brn = loop {
            if let Some(b) = brn(rng).filter(|b| !brns.contains(b)) {
                break b;
            }
        };
        let sector = if zone == Zone::RawMaterial && rng.chance(60) {
            Sector::RawMaterial
        } else {
            *rng.pick(&sectors[..6])
        };
        let (stage, left) = company_stage(rng, admitted, today);
        let early = if stage.has_left() || stage == Stage::Growth {
            Stage::Early
        } else {
            stage
        };
        let input = CompanyInput {
            name,
            brn: brn.to_string(),
            corporate_no: String::new(),
            representative: names::person(rng),
            sector: sector.code().into(),
            zone: zone.code().into(),
            stage: early.code().into(),
            admitted: date_text(admitted),
            phone: format!("033-{}-{:04}", rng.range(530, 660), rng.range(0, 9999)),
            email: format!("info@{domain}"),
        };
        company::add(store, &input)?;
        if let Some(on) = left {
            company::leave(store, &brn.to_string(), stage, on)?;
        } else if stage == Stage::Growth {
            set_stage(store, brn, Stage::Growth)?;
        }
        brns.push(brn);
    }
    Ok(brns)
}

/// The demo's only shortcut: companies that grew are put straight at growth.
fn set_stage(store: &mut Store, brn: Brn, stage: Stage) -> Result<()> {
    company::set_stage(store, &brn.to_string(), stage)?;
    Ok(())
}

/// Centre staff, and two to four people of each company still here.
fn add_people(store: &mut Store, rng: &mut Rng, brns: &[Brn]) -> Result<usize> {
    let mut n = 0;
    for _ in 0..8 {
        person::add(
            store,
            &PersonInput {
                name: names::person(rng),
                phone: names::mobile(rng),
                ..PersonInput::default()
            },
        )?;
        n += 1;
    }
    for brn in brns {
        let c = company::show(store, &brn.to_string())?;
        if c.stage.has_left() {
            continue;
        }
        for _ in 0..rng.range(2, 4) {
            let input = PersonInput {
                name: names::person(rng),
                company: brn.to_string(),
                phone: names::mobile(rng),
                email: String::new(),
            };
            person::add(store, &input)?;
            n += 1;
        }
    }
    for _ in 0..6 {
        person::add(
            store,
            &PersonInput {
                name: names::person(rng),
                ..PersonInput::default()
            },
        )?;
        n += 1;
    }
    Ok(n)
}
