//! `kiln demo`: fills an empty database with a believable centre, the same for
//! the same seed. It goes through the same use cases as the CLI and the TUI,
//! so demo data obeys every rule real data does.

mod billing;
mod companies;
mod deposits;
mod equipment;
pub mod large;
mod names;
mod parties;
mod policy;
mod rng;
mod tenancy;
mod training;
mod vouchers;

use crate::db::{Store, company, operator, person, room};
use crate::domain::brn::Brn;
use crate::domain::person::PersonInput;
use crate::domain::room::RoomInput;
use crate::domain::supplier::SupplierInput;
use crate::domain::{Area, RoomKind};
use crate::error::{Refusal, Result};
use rng::Rng;

pub const DEFAULT_SEED: u64 = 2005;

/// What the demo put in.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub companies: usize,
    pub rooms: usize,
    pub leases: usize,
    pub yearly_reports: usize,
    pub people: usize,
    pub machines: usize,
    pub bookings: usize,
    pub cohorts: usize,
    pub statements: usize,
}

/// Fills an empty database. The account running it becomes the first admin
/// if there is none yet. A database that already holds data is refused.
pub fn load(store: &mut Store, seed: u64) -> Result<DemoSummary> {
    operator::bootstrap(store)?;
    if !store.is_empty()? {
        return Err(Refusal::NotEmpty.into());
    }
    store.bulk(|store| fill(store, seed))
}

/// The demo centre as the supplier (공급자) on its tax documents.
pub fn supplier() -> SupplierInput {
    let some = |t: &str| Some(t.to_owned());
    SupplierInput {
        brn: some("226-82-00175"),
        name: some("강원 세라믹 산업화지원센터"),
        representative: some("최영민"),
        address: some("강원특별자치도 강릉시 과학단지로 130"),
        business_type: some("서비스"),
        business_item: some("시험분석, 장비임대, 교육"),
        email: some("tax@kiln-centre.kr"),
    }
}

fn fill(store: &mut Store, seed: u64) -> Result<DemoSummary> {
    let mut rng = Rng::new(seed);
    let today = store.now().date();
    // The demo centre signs leases for two years.
    crate::db::setting::set(store, "lease-term", "24", None)?;
    crate::db::supplier::set(store, &supplier())?;
    let rooms = add_rooms(store)?;
    let plans = companies::admit(store, &mut rng, today)?;
    let leases = tenancy::leases(store, &mut rng, &plans, today)?;
    companies::settle(store, &plans)?;
    let yearly_reports = tenancy::reports(store, &mut rng, &plans, today)?;
    let brns: Vec<Brn> = plans.iter().map(|p| p.brn).collect();
    let people = add_people(store, &mut rng, &brns)?;
    parties::add(store)?;
    vouchers::add(store)?;
    let codes: Vec<String> =
        crate::db::person::list(store, &crate::db::person::PersonFilter::default(), crate::db::Page::ALL_FOR_CLI)?
            .into_iter()
            .map(|p| p.code)
            .collect();
    let machines = equipment::machines(store)?;
    vouchers::register_machines(store)?;
    policy::set(store)?;
    let cohorts = training::add(store, &mut rng, &codes, today)?;
    let bookings = equipment::bookings(store, &mut rng, today)? + parties::project_bookings(store)?;
    parties::consumables(store)?;
    policy::happen(store)?;
    let statements = billing::statements(store, &mut rng, today)?;
    deposits::add(store, today)?;
    let cohorts = cohorts + training::paid_course(store, &codes, today)?;
    Ok(DemoSummary {
        companies: plans.len(),
        rooms,
        leases,
        yearly_reports,
        people,
        machines,
        bookings,
        cohorts,
        statements,
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
                    rent_per_m2: rent.map(|r| r.to_string()),
                },
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// Centre staff, and two to four people of each company still here.
fn add_people(store: &mut Store, rng: &mut Rng, brns: &[Brn]) -> Result<usize> {
    let mut n = 0;
    for _ in 0..8 {
        person::add(
            store,
            &PersonInput { name: names::person(rng), phone: names::mobile(rng), ..PersonInput::default() },
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
        person::add(store, &PersonInput { name: names::person(rng), ..PersonInput::default() })?;
        n += 1;
    }
    Ok(n)
}
