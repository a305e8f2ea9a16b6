//! The programme at a glance: companies by zone and stage, people and space.

use crate::db::Store;
use crate::db::room::area_in_use;
use crate::domain::{Area, Stage, Zone};
use crate::error::Result;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// Companies in the cluster per zone: every company but the withdrawn
    /// (a graduate has left the incubator, not the cluster).
    pub companies_by_zone: Vec<(Zone, i64)>,
    pub companies_by_stage: Vec<(Stage, i64)>,
    pub people: i64,
    pub rooms: i64,
    pub room_area: Area,
}

impl Dashboard {
    pub fn companies_in_cluster(&self) -> i64 {
        self.companies_by_zone.iter().map(|(_, n)| n).sum()
    }
}

pub fn load(store: &Store) -> Result<Dashboard> {
    let conn = store.conn();
    let count_by = |sql: &str| -> Result<Vec<(String, i64)>> {
        let mut st = conn.prepare_cached(sql)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    };
    let zones =
        count_by("SELECT zone, count(*) FROM company WHERE stage <> 'withdrawn' GROUP BY zone")?;
    let stages = count_by("SELECT stage, count(*) FROM company GROUP BY stage")?;
    let find = |rows: &[(String, i64)], code: &str| {
        rows.iter().find(|(c, _)| c == code).map_or(0, |(_, n)| *n)
    };
    Ok(Dashboard {
        companies_by_zone: Zone::ALL
            .iter()
            .map(|z| (*z, find(&zones, z.code())))
            .collect(),
        companies_by_stage: Stage::ALL
            .iter()
            .map(|s| (*s, find(&stages, s.code())))
            .collect(),
        people: conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?,
        rooms: conn.query_row(
            "SELECT count(*) FROM room WHERE retired_on IS NULL",
            [],
            |r| r.get(0),
        )?,
        room_area: area_in_use(conn)?,
    })
}
