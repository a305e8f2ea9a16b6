//! The demo's leases and yearly figures: companies in the centre building
//! renew year by year until they leave; every company reports each year.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::companies::Plan;
use super::rng::Rng;
use crate::db::room::Room;
use crate::db::{Page, Store, lease, room, yearly};
use crate::domain::lease::LeaseInput;
use crate::domain::time::date_text;
use crate::domain::yearly::YearlyInput;
use crate::domain::{RoomKind, Stage, Zone};
use crate::error::Result;

fn rent_of(r: &Room) -> i64 {
    r.rent_per_m2.map_or(0, |per| per.0 * r.area.0 / 100 / 1000 * 1000)
}

/// Gives each Gangneung company a room for as long as it stays: a lease a
/// year, each renewal a new lease starting the day the last one ended.
/// Returns how many leases were signed.
pub(super) fn leases(store: &mut Store, rng: &mut Rng, plans: &[Plan], today: NaiveDate) -> Result<usize> {
    let rooms: Vec<Room> = room::list(store, Page::ALL_FOR_CLI)?.into_iter().filter(|r| r.kind.is_leasable()).collect();
    let mut free_from: HashMap<String, NaiveDate> = HashMap::new();
    let mut n = 0;
    for p in plans.iter().filter(|p| p.zone == Zone::Gangneung) {
        // Everyone needs an office; the ones that make things take a lab or a
        // pilot plant as well.
        let mut kinds = vec![RoomKind::Office];
        if p.vigour > 45 {
            kinds.push(if p.vigour > 85 { RoomKind::PilotPlant } else { RoomKind::Lab });
        }
        for kind in kinds {
            let candidates: Vec<&Room> = rooms
                .iter()
                .filter(|r| r.kind == kind && free_from.get(&r.code).is_none_or(|d| *d <= p.admitted))
                .collect();
            if let Some(r) = candidates.get(rng.range(0, candidates.len() as i64 - 1).max(0) as usize).copied() {
                n += lease_through(store, p, r, today, &mut free_from)?;
            }
        }
    }
    Ok(n)
}

/// Leases `r` to the company year by year until it leaves.
fn lease_through(
    store: &mut Store,
    p: &Plan,
    r: &Room,
    today: NaiveDate,
    free_from: &mut HashMap<String, NaiveDate>,
) -> Result<usize> {
    let mut n = 0;
    let stays_until = p.left.unwrap_or(today + chrono::Duration::days(400));
    let mut from = p.admitted;
    while from < stays_until && from <= today + chrono::Duration::days(30) {
        // The last lease of a company that leaves is signed to its leaving day.
        let to = from.checked_add_months(chrono::Months::new(12)).unwrap_or(stays_until).min(stays_until);
        let rent = rent_of(r);
        lease::add(
            store,
            &LeaseInput {
                company: p.brn.to_string(),
                room: r.code.clone(),
                from: date_text(from),
                to: date_text(to),
                rent: rent.to_string(),
                fee: (r.area.0 / 100 * 1_800 / 1000 * 1000).to_string(),
                deposit: Some((rent * 10).to_string()),
            },
        )?;
        n += 1;
        free_from.insert(r.code.clone(), to);
        from = to;
    }
    Ok(n)
}

/// Each company's figures for every full year it was in the cluster: a few
/// people and small sales at first, growing with its vigour; scale-up plants
/// in Bukpyeong larger from the start.
pub(super) fn reports(store: &mut Store, rng: &mut Rng, plans: &[Plan], today: NaiveDate) -> Result<usize> {
    let mut n = 0;
    for p in plans {
        let last = match (p.stage, p.left) {
            (Stage::Withdrawn, Some(left)) => left.year() - 1,
            _ => today.year() - 1,
        };
        let scale = if p.zone == Zone::Bukpyeong { 5 } else { 1 };
        let mut employees = rng.range(2, 5) * scale;
        let mut sales: i64 = rng.range(5, 30) * 10_000_000 * scale;
        for year in p.admitted.year()..=last {
            let exports = if p.vigour > 60 { sales / 100 * rng.range(5, 30) } else { 0 };
            yearly::set(
                store,
                &YearlyInput {
                    company: p.brn.to_string(),
                    year: year.to_string(),
                    employees: Some(employees.to_string()),
                    sales: Some(sales.to_string()),
                    exports: Some(exports.to_string()),
                    rnd_spend: Some((sales / 100 * rng.range(5, 20)).to_string()),
                    patents_filed: Some(rng.range(0, 2 + p.vigour / 40).to_string()),
                    patents_granted: Some(rng.range(0, 1 + p.vigour / 50).to_string()),
                    investment: Some(if rng.chance(10) {
                        (rng.range(1, 30) * 100_000_000).to_string()
                    } else {
                        "0".into()
                    }),
                },
            )?;
            n += 1;
            employees += rng.range(0, 1 + p.vigour / 25) * scale.min(3);
            sales = sales / 100 * (100 + rng.range(1, 5 + p.vigour / 10)) + 10_000_000;
        }
    }
    Ok(n)
}
