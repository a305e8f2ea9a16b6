//! The programme's movements and yearly sums: scans of a covering index and
//! of the kept yearly totals.

use chrono::NaiveDate;

use crate::domain::Won;
use crate::error::Result;
use crate::store::Sql;

/// `(zone code, year, companies)`
pub type ZoneYear = (String, i32, i64);

fn zone_year(db: Sql<'_>, sql: &str, end: NaiveDate, year: Option<i32>) -> Result<Vec<ZoneYear>> {
    let row = |r: &crate::store::Row<'_, '_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
    match year {
        Some(y) => db.all(sql, &[&end, &y], row),
        None => db.all(sql, &[&end], row),
    }
}

/// Per zone, the companies in the cluster at `end` (admitted by then and
/// not withdrawn by then), counted as of `year`.
pub fn in_cluster_at(db: Sql<'_>, end: NaiveDate, year: i32) -> Result<Vec<ZoneYear>> {
    zone_year(
        db,
        "SELECT zone, CAST(?2 AS INTEGER), count(*) FROM company INDEXED BY company_programme
                      WHERE admitted_on <= ?1 AND NOT (stage = 'withdrawn' AND left_on <= ?1) GROUP BY zone",
        end,
        Some(year),
    )
}

/// The companies graduated by `end`, counted as of `year`: `(year, companies)`.
pub fn graduated_at(db: Sql<'_>, end: NaiveDate, year: i32) -> Result<Vec<(i32, i64)>> {
    db.all(
        "SELECT CAST(?2 AS INTEGER), count(*) FROM company INDEXED BY company_programme
                      WHERE admitted_on <= ?1 AND stage = 'graduated' AND left_on <= ?1",
        &[&end, &year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Per zone and year of admission, the companies admitted by `end`.
pub fn admitted(db: Sql<'_>, end: NaiveDate) -> Result<Vec<ZoneYear>> {
    // A day is text on SQLite and a `date` on PostgreSQL: its year, each way.
    zone_year(
        db,
        &format!(
            "SELECT zone, {}, count(*) FROM company INDEXED BY company_programme
                  WHERE admitted_on <= ?1 GROUP BY 1, 2",
            crate::store::sql::year_of(db, "admitted_on")
        ),
        end,
        None,
    )
}

/// Per zone and year of leaving, the companies admitted and withdrawn by `end`.
pub fn withdrawn(db: Sql<'_>, end: NaiveDate) -> Result<Vec<ZoneYear>> {
    zone_year(
        db,
        &format!(
            "SELECT zone, {}, count(*) FROM company INDEXED BY company_programme
                  WHERE admitted_on <= ?1 AND stage = 'withdrawn' AND left_on <= ?1 GROUP BY 1, 2",
            crate::store::sql::year_of(db, "left_on")
        ),
        end,
        None,
    )
}

/// Per year of leaving, the companies admitted and graduated by `end`.
pub fn graduated(db: Sql<'_>, end: NaiveDate) -> Result<Vec<(i32, i64)>> {
    db.all(
        &format!(
            "SELECT {}, count(*) FROM company INDEXED BY company_programme
                  WHERE admitted_on <= ?1 AND stage = 'graduated' AND left_on <= ?1 GROUP BY 1",
            crate::store::sql::year_of(db, "left_on")
        ),
        &[&end],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A year's sums of the yearly reports, as the schema keeps them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub reporting: i64,
    pub employees: i64,
    pub sales: Won,
    pub exports: Won,
    pub rnd_spend: Won,
    pub patents_filed: i64,
    pub patents_granted: i64,
    pub investment: Won,
}

/// `(year, sums)` for the years from `first` to `last` that have any.
pub fn sums(db: Sql<'_>, first: i32, last: i32) -> Result<Vec<(i32, Sums)>> {
    db.all(
        "SELECT year, reporting, employees, sales, exports, rnd_spend, patents_filed, patents_granted, investment
               FROM yearly_total WHERE year BETWEEN ?1 AND ?2",
        &[&first, &last],
        |r| {
            Ok((
                r.get(0)?,
                Sums {
                    reporting: r.get(1)?,
                    employees: r.get(2)?,
                    sales: r.get(3)?,
                    exports: r.get(4)?,
                    rnd_spend: r.get(5)?,
                    patents_filed: r.get(6)?,
                    patents_granted: r.get(7)?,
                    investment: r.get(8)?,
                },
            ))
        },
    )
}
