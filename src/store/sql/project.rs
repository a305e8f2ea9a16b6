//! Projects (과제) and what their bookings come to.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::project::NewProject;
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    pub code: String,
    pub party: String,
    pub party_name: String,
    pub name: String,
    pub number: String,
    pub funder: String,
    pub from: NaiveDate,
    pub last_day: NaiveDate,
    pub budget: Option<Won>,
    /// What its completed bookings were charged, less what voucher
    /// programmes paid of them.
    pub spent: Won,
    /// How many of its bookings are requested, approved or in use.
    pub booked: i64,
    /// What it has spent and its bookings to come are estimated at, as the
    /// party's class prices them now (what a new booking is checked with).
    pub committed: Won,
    #[serde(skip)]
    pub id: i64,
    #[serde(skip)]
    pub party_id: i64,
}

const SELECT: &str = "SELECT j.id, j.code, y.code, coalesce(y.name, c.name), j.name, j.number, j.funder, j.from_date,
       j.last_day, j.budget,
       (SELECT coalesce(sum(b.charge - coalesce(b.voucher_share, 0)), 0) FROM booking b
         WHERE b.project_id = j.id AND b.state = 'completed'),
       (SELECT count(*) FROM booking b WHERE b.project_id = j.id AND b.state IN ('requested', 'approved', 'in-use')),
       j.party_id
  FROM project j JOIN party y ON y.id = j.party_id LEFT JOIN company c ON c.id = y.company_id";

fn row(r: &Row<'_, '_>) -> Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        code: r.get(1)?,
        party: r.get(2)?,
        party_name: r.get(3)?,
        name: r.get(4)?,
        number: r.get(5)?,
        funder: r.get(6)?,
        from: r.get(7)?,
        last_day: r.get(8)?,
        budget: r.get(9)?,
        spent: r.get(10)?,
        booked: r.get(11)?,
        committed: r.get(10)?,
        party_id: r.get(12)?,
    })
}

pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Project>> {
    db.opt(&format!("{SELECT} WHERE j.code = ?1"), &[&code], row)
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Option<Project>> {
    db.opt(&format!("{SELECT} WHERE j.id = ?1"), &[&id], row)
}

pub fn next_id(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT coalesce(max(id), 0) + 1 FROM project", &[])
}

pub fn number_taken(db: Sql<'_>, number: &str) -> Result<Option<String>> {
    db.opt("SELECT code FROM project WHERE number = ?1", &[&number], |r| r.get(0))
}

pub fn insert(db: Sql<'_>, id: i64, code: &str, party_id: i64, p: &NewProject, at: Minute) -> Result<()> {
    db.run(
        "INSERT INTO project (id, code, party_id, name, number, funder, from_date, last_day, budget, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[&id, &code, &party_id, &p.name, &p.number, &p.funder, &p.from, &p.last_day, &p.budget, &at],
    )?;
    Ok(())
}

/// A booking to come: its machine, party, start, end and samples.
pub type Coming = (i64, i64, Minute, Minute, i64);

/// The active bookings of a project but `except`, to estimate what they
/// will come to.
pub fn active(db: Sql<'_>, project_id: i64, except: i64) -> Result<Vec<Coming>> {
    db.all(
        "SELECT equipment_id, party_id, start, \"end\", samples FROM booking
          WHERE project_id = ?1 AND id <> ?2 AND state IN ('requested', 'approved', 'in-use')",
        &[&project_id, &except],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
}

/// Names the project a booking is paid from.
pub fn set_on_booking(db: Sql<'_>, booking: i64, project_id: i64) -> Result<()> {
    db.run("UPDATE booking SET project_id = ?2 WHERE id = ?1", &[&booking, &project_id])?;
    Ok(())
}

/// A booking's project, if it names one.
pub fn of_booking(db: Sql<'_>, booking: i64) -> Result<Option<i64>> {
    Ok(db.opt("SELECT project_id FROM booking WHERE id = ?1", &[&booking], |r| r.get::<Option<i64>>(0))?.flatten())
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub search: Option<String>,
    pub party_id: Option<i64>,
}

pub fn list(db: Sql<'_>, filter: &Filter) -> Result<Vec<Project>> {
    let mut sql = format!("{SELECT} WHERE 1 = 1");
    let mut args: Vec<&dyn Param> = Vec::new();
    if let Some(q) = &filter.search {
        args.push(q);
        let _ = write!(sql, " AND instr(j.search, ?{}) > 0", args.len());
    }
    if let Some(p) = &filter.party_id {
        args.push(p);
        let _ = write!(sql, " AND j.party_id = ?{}", args.len());
    }
    sql.push_str(" ORDER BY j.id");
    db.all(&sql, &args, row)
}
