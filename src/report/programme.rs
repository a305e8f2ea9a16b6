//! The programme against its 2010 targets: companies by zone, jobs, sales.

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::Store;
use crate::domain::{Won, Zone};
use crate::error::Result;
use crate::store::Sql;
use crate::store::sql::report::programme as sql;

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

impl Programme {
    /// A year before any company was admitted: nothing yet, against the
    /// same targets (the KPI report reads years from the first admission).
    pub fn before_any(year: i32) -> Programme {
        Programme {
            year,
            target_companies: TARGET_COMPANIES,
            by_zone: Zone::ALL
                .iter()
                .map(|z| ZoneCount { zone: *z, companies: 0, target: i64::from(z.target()) })
                .collect(),
            target_employees: TARGET_JOBS,
            target_sales: TARGET_SALES,
            trend: (year - 9..=year).map(|y| YearPoint { year: y, ..YearPoint::default() }).collect(),
            ..Programme::default()
        }
    }
}

/// The programme for `year`.
pub fn programme(store: &Store, year: i32) -> Result<Programme> {
    Ok(programmes(store, year, year)?.pop().unwrap_or_default())
}

/// Companies admitted, withdrawn and graduated in each year, by zone where
/// it counts: three scans of a covering index, whatever the number of years.
#[derive(Default)]
struct Movements {
    /// `(zone, year, companies)`
    admitted: Vec<(String, i32, i64)>,
    withdrawn: Vec<(String, i32, i64)>,
    /// `(year, companies)`
    graduated: Vec<(i32, i64)>,
}

impl Movements {
    /// What the years `first..=last` need. For one year, the companies as
    /// they stood at its end, counted as such: half the work of counting
    /// every year's movements (the dashboard asks for one).
    fn read(db: Sql<'_>, first: i32, last: i32) -> Result<Movements> {
        let Some(end) = NaiveDate::from_ymd_opt(last, 12, 31) else { return Ok(Movements::default()) };
        if first == last {
            return Ok(Movements {
                admitted: sql::in_cluster_at(db, end, last)?,
                withdrawn: Vec::new(),
                graduated: sql::graduated_at(db, end, last)?,
            });
        }
        Ok(Movements {
            admitted: sql::admitted(db, end)?,
            withdrawn: sql::withdrawn(db, end)?,
            graduated: sql::graduated(db, end)?,
        })
    }

    /// Companies in the cluster in `zone` at the end of `year`: admitted by
    /// then, less those withdrawn by then (a company leaves on or after the
    /// day it was admitted, so those are among the admitted).
    fn in_cluster(&self, zone: Zone, year: i32) -> i64 {
        let upto = |rows: &[(String, i32, i64)]| -> i64 {
            rows.iter().filter(|(z, y, _)| z == zone.code() && *y <= year).map(|r| r.2).sum()
        };
        upto(&self.admitted) - upto(&self.withdrawn)
    }

    fn graduated_by(&self, year: i32) -> i64 {
        self.graduated.iter().filter(|(y, _)| *y <= year).map(|r| r.1).sum()
    }
}

/// The programme for each year from `first` to `last`, in the same few
/// queries however many years: the KPI report shows twenty at once.
pub fn programmes(store: &Store, first: i32, last: i32) -> Result<Vec<Programme>> {
    let db = store.sql();
    let moves = Movements::read(db, first, last)?;
    // Each year's trend reaches nine years back.
    let sums = sql::sums(db, first - 9, last)?;
    let of = |y: i32| sums.iter().find(|(sy, _)| *sy == y).map(|(_, s)| *s).unwrap_or_default();
    Ok((first..=last)
        .map(|year| {
            let by_zone: Vec<ZoneCount> = Zone::ALL
                .iter()
                .map(|z| ZoneCount { zone: *z, companies: moves.in_cluster(*z, year), target: i64::from(z.target()) })
                .collect();
            let s = of(year);
            let trend = (year - 9..=year)
                .map(|y| {
                    let t = of(y);
                    YearPoint { year: y, employees: t.employees, sales: t.sales }
                })
                .collect();
            Programme {
                year,
                companies: by_zone.iter().map(|z| z.companies).sum(),
                target_companies: TARGET_COMPANIES,
                by_zone,
                graduated: moves.graduated_by(year),
                reporting: s.reporting,
                employees: s.employees,
                target_employees: TARGET_JOBS,
                sales: s.sales,
                target_sales: TARGET_SALES,
                exports: s.exports,
                rnd_spend: s.rnd_spend,
                patents_filed: s.patents_filed,
                patents_granted: s.patents_granted,
                investment: s.investment,
                trend,
            }
        })
        .collect())
}
