//! The demo's companies: the 21 incubator tenants of 2005 and later arrivals,
//! about sixty in all across the three zones.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use super::names;
use super::rng::Rng;
use crate::db::{Store, company};
use crate::domain::brn::Brn;
use crate::domain::company::CompanyInput;
use crate::domain::time::date_text;
use crate::domain::{Sector, Stage, Zone};
use crate::error::Result;

/// A company as the demo means it to turn out.
pub(super) struct Plan {
    pub brn: Brn,
    pub zone: Zone,
    pub admitted: NaiveDate,
    pub stage: Stage,
    pub left: Option<NaiveDate>,
    /// 0–99: how fast it grows.
    pub vigour: i64,
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

/// How a company admitted on `admitted` has fared by `today` (both demos).
pub(super) fn fate(rng: &mut Rng, admitted: NaiveDate, today: NaiveDate) -> (Stage, Option<NaiveDate>) {
    let years = (today - admitted).num_days() / 365;
    if years < 1 {
        return (if rng.chance(40) { Stage::PreStartup } else { Stage::Early }, None);
    }
    if years < 3 {
        return (Stage::Early, None);
    }
    let left = admitted + chrono::Duration::days(rng.range(3 * 365, (years * 365).min(9 * 365)));
    match rng.range(0, 99) {
        0..=54 => (Stage::Graduated, Some(left.min(today))),
        55..=69 => (Stage::Withdrawn, Some(left.min(today))),
        _ => (Stage::Growth, None),
    }
}

/// Admits every company at the stage it started at; the caller moves them on
/// once their leases are in.
pub(super) fn admit(store: &mut Store, rng: &mut Rng, today: NaiveDate) -> Result<Vec<Plan>> {
    let mut arrivals: Vec<(NaiveDate, Zone)> = (0..21u32)
        .map(|i| (NaiveDate::from_ymd_opt(2005, 3 + i % 9, 1 + i * 3 % 27).unwrap_or(today), Zone::Gangneung))
        .collect();
    for _ in 0..39 {
        let year = rng.range(2006, i64::from(today.year())) as i32;
        let date = NaiveDate::from_ymd_opt(year, rng.range(1, 12) as u32, rng.range(1, 28) as u32).unwrap_or(today);
        let zone = match rng.range(0, 9) {
            0..=4 => Zone::Gangneung,
            5..=7 => Zone::Bukpyeong,
            _ => Zone::RawMaterial,
        };
        arrivals.push((date.min(today), zone));
    }
    arrivals.sort();
    let mut names_used = HashSet::new();
    let mut brns_used = HashSet::new();
    let mut plans = Vec::new();
    for (admitted, zone) in arrivals {
        let (name, domain) = loop {
            let candidate = names::company(rng);
            if names_used.insert(candidate.0.clone()) {
                break candidate;
            }
        };
        let brn = loop {
            if let Some(b) = brn(rng).filter(|b| brns_used.insert(*b)) {
                break b;
            }
        };
        let sector = if zone == Zone::RawMaterial && rng.chance(60) {
            Sector::RawMaterial
        } else {
            *rng.pick(&Sector::ALL[..6])
        };
        let (stage, left) = fate(rng, admitted, today);
        let first = if stage == Stage::PreStartup { Stage::PreStartup } else { Stage::Early };
        company::add(
            store,
            &CompanyInput {
                name,
                brn: brn.to_string(),
                corporate_no: String::new(),
                representative: names::person(rng),
                sector: sector.code().into(),
                zone: zone.code().into(),
                stage: first.code().into(),
                admitted: date_text(admitted),
                phone: format!("033-{}-{:04}", rng.range(530, 660), rng.range(0, 9999)),
                email: format!("info@{domain}"),
            },
        )?;
        plans.push(Plan { brn, zone, admitted, stage, left, vigour: rng.range(0, 99) });
    }
    Ok(plans)
}

/// Moves each company to the stage it reached: graduated or withdrawn (its
/// leases end that day), or grown.
pub(super) fn settle(store: &mut Store, plans: &[Plan]) -> Result<()> {
    for p in plans {
        match (p.stage, p.left) {
            (stage, Some(on)) => {
                company::leave(store, &p.brn.to_string(), stage, &date_text(on))?;
            }
            (Stage::Growth, None) => {
                company::set_stage(store, &p.brn.to_string(), Stage::Growth)?;
            }
            _ => {}
        }
    }
    Ok(())
}
