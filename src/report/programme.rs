//! The programme against its 2010 targets: companies by zone, jobs, sales.

use serde::Serialize;

use crate::db::Store;
use crate::domain::{Won, Zone};
use crate::error::Result;

/// The cluster plan's targets for 2010.
pub const TARGET_COMPANIES: i64 = 100;
pub const TARGET_JOBS: i64 = 2_400;
pub const TARGET_SALES: Won = Won(200_000_000_000);

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ZoneCount {
    pub zone: Zone,
    pub companies: i64,
    pub target: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct YearPoint {
    pub year: i32,
    pub employees: i64,
    pub sales: Won,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub year: i32,
    /// Companies in the cluster at the end of the year: admitted by then and
    /// not withdrawn by then (a graduate has left the incubator, not the cluster).
    pub companies: i64,
    pub target_companies: i64,
    pub by_zone: Vec<ZoneCount>,
    /// Companies that had graduated by the end of the year.
    pub graduated: i64,
    /// Companies whose figures for the year are in.
    pub reporting: i64,
    pub employees: i64,
    pub target_employees: i64,
    pub sales: Won,
    pub target_sales: Won,
    pub exports: Won,
    pub rnd_spend: Won,
    pub patents_filed: i64,
    pub patents_granted: i64,
    pub investment: Won,
    /// Employees and sales for the ten years up to `year`.
    pub trend: Vec<YearPoint>,
}

pub fn programme(store: &Store, year: i32) -> Result<Programme> {
    let conn = store.conn();
    let end = format!("{year}-12-31");
    let mut st = conn.prepare_cached(
        "SELECT zone, count(*) FROM company
         WHERE admitted_on <= ?1 AND NOT (stage = 'withdrawn' AND left_on <= ?1) GROUP BY zone",
    )?;
    let zones: Vec<(String, i64)> =
        st.query_map([&end], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let by_zone: Vec<ZoneCount> = Zone::ALL
        .iter()
        .map(|z| ZoneCount {
            zone: *z,
            companies: zones.iter().find(|(c, _)| c == z.code()).map_or(0, |(_, n)| *n),
            target: i64::from(z.target()),
        })
        .collect();
    let graduated: i64 =
        conn.query_row("SELECT count(*) FROM company WHERE stage = 'graduated' AND left_on <= ?1", [&end], |r| {
            r.get(0)
        })?;
    let sums = conn.query_row(
        "SELECT count(*), coalesce(sum(employees), 0), coalesce(sum(sales), 0), coalesce(sum(exports), 0),
                coalesce(sum(rnd_spend), 0), coalesce(sum(patents_filed), 0), coalesce(sum(patents_granted), 0),
                coalesce(sum(investment), 0)
         FROM yearly_report WHERE year = ?1",
        [year],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
            ))
        },
    )?;
    let mut st = conn.prepare_cached(
        "SELECT year, sum(employees), sum(sales) FROM yearly_report WHERE year BETWEEN ?1 AND ?2 GROUP BY year",
    )?;
    let found: Vec<(i32, i64, i64)> =
        st.query_map([year - 9, year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let trend = (year - 9..=year)
        .map(|y| {
            let (employees, sales) = found.iter().find(|(fy, ..)| *fy == y).map_or((0, 0), |(_, e, s)| (*e, *s));
            YearPoint { year: y, employees, sales: Won(sales) }
        })
        .collect();
    Ok(Programme {
        year,
        companies: by_zone.iter().map(|z| z.companies).sum(),
        target_companies: TARGET_COMPANIES,
        by_zone,
        graduated,
        reporting: sums.0,
        employees: sums.1,
        target_employees: TARGET_JOBS,
        sales: Won(sums.2),
        target_sales: TARGET_SALES,
        exports: Won(sums.3),
        rnd_spend: Won(sums.4),
        patents_filed: sums.5,
        patents_granted: sums.6,
        investment: Won(sums.7),
        trend,
    })
}
