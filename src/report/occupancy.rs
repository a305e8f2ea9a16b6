//! Who is in which room on a day, and how full the building is.

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::lease::{self, Lease, LeaseFilter};
use crate::db::room::{self, Room};
use crate::db::{Page, Store};
use crate::domain::time::date_text;
use crate::domain::{Area, Won};
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoomStatus {
    #[serde(flatten)]
    pub room: Room,
    /// The lease running that day, if any.
    pub lease: Option<Lease>,
}

impl RoomStatus {
    pub fn is_vacant(&self) -> bool {
        self.lease.is_none() && self.room.kind.is_leasable()
    }
}

/// The rooms in use on `on`, with their tenants, by floor then code.
pub fn rooms_on(store: &Store, on: NaiveDate) -> Result<Vec<RoomStatus>> {
    let rooms = room::list(store, Page::ALL_FOR_CLI)?;
    let leases = lease::list(store, &LeaseFilter { active_on: Some(on), ..LeaseFilter::default() }, Page::ALL_FOR_CLI)?;
    Ok(rooms
        .into_iter()
        .filter(|r| r.retired_on.is_none_or(|d| d > on))
        .map(|room| {
            let lease = leases.iter().find(|l| l.room == room.code).cloned();
            RoomStatus { room, lease }
        })
        .collect())
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Occupancy {
    pub on: String,
    pub rooms: i64,
    pub leased_rooms: i64,
    /// Hundredths of m², of the rooms that can be leased.
    pub area: Area,
    pub leased_area: Area,
    /// Rent of the leases running that day, per month.
    pub monthly_rent: Won,
    /// Monthly rent per m² leased, in won.
    pub rent_per_m2: Won,
    /// Basis points (1/100 of a percent) of the area leased.
    pub area_rate_bp: i64,
    pub vacant: Vec<String>,
}

impl Occupancy {
    pub fn area_percent(&self) -> f64 {
        self.area_rate_bp as f64 / 100.0
    }
}

/// Occupancy on `on`: rooms and area leased out of those that can be leased.
pub fn occupancy(store: &Store, on: NaiveDate) -> Result<Occupancy> {
    Ok(summarize(&rooms_on(store, on)?, on))
}

pub fn summarize(statuses: &[RoomStatus], on: NaiveDate) -> Occupancy {
    let leasable: Vec<&RoomStatus> = statuses.iter().filter(|s| s.room.kind.is_leasable()).collect();
    let area: i64 = leasable.iter().map(|s| s.room.area.0).sum();
    let leased: Vec<&&RoomStatus> = leasable.iter().filter(|s| s.lease.is_some()).collect();
    let leased_area: i64 = leased.iter().map(|s| s.room.area.0).sum();
    let monthly_rent: i64 = statuses.iter().filter_map(|s| s.lease.as_ref()).map(|l| l.rent.0).sum();
    Occupancy {
        on: date_text(on),
        rooms: leasable.len() as i64,
        leased_rooms: leased.len() as i64,
        area: Area(area),
        leased_area: Area(leased_area),
        monthly_rent: Won(monthly_rent),
        rent_per_m2: Won(if leased_area > 0 { monthly_rent * 100 / leased_area } else { 0 }),
        area_rate_bp: if area > 0 { leased_area * 10_000 / area } else { 0 },
        vacant: leasable.iter().filter(|s| s.lease.is_none()).map(|s| s.room.code.clone()).collect(),
    }
}
