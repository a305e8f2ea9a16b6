//! Companies.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::company::NewCompany;
use crate::domain::{Brn, Sector, Stage, Zone};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Company {
    #[serde(skip)]
    pub id: i64,
    pub brn: Brn,
    pub name: String,
    pub corporate_no: Option<String>,
    pub representative: String,
    pub sector: Sector,
    pub zone: Zone,
    pub stage: Stage,
    pub admitted_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

const COLUMNS: &str =
    "id, brn, name, corporate_no, representative, sector, zone, stage, admitted_on, left_on, phone, email";

fn row(r: &Row<'_, '_>) -> Result<Company> {
    Ok(Company {
        id: r.get(0)?,
        brn: r.parse(1, "brn", Brn::parse)?,
        name: r.get(2)?,
        corporate_no: r.get(3)?,
        representative: r.get(4)?,
        sector: r.parse(5, "sector", Sector::parse)?,
        zone: r.parse(6, "zone", Zone::parse)?,
        stage: r.parse(7, "stage", Stage::parse)?,
        admitted_on: r.get(8)?,
        left_on: r.get(9)?,
        phone: r.get(10)?,
        email: r.get(11)?,
    })
}

pub fn by_brn(db: Sql<'_>, brn: Brn) -> Result<Option<Company>> {
    db.opt(&format!("SELECT {COLUMNS} FROM company WHERE brn = ?1"), &[&brn.digits()], row)
}

pub fn insert(db: Sql<'_>, new: &NewCompany) -> Result<()> {
    db.run(
        "INSERT INTO company (brn, name, corporate_no, representative, sector, zone, stage, admitted_on, phone, email)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[
            &new.brn.digits(),
            &new.name,
            &new.corporate_no.map(|c| c.to_string()),
            &new.representative,
            &new.sector.code(),
            &new.zone.code(),
            &new.stage.code(),
            &new.admitted,
            &new.phone,
            &new.email,
        ],
    )?;
    Ok(())
}

/// Writes the company's details; values it already has write nothing.
pub fn update(db: Sql<'_>, id: i64, new: &NewCompany, stage: Stage) -> Result<()> {
    db.run(
        "UPDATE company SET (name, corporate_no, representative, sector, zone, stage, admitted_on, phone, email)
                    = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             WHERE id = ?1
               AND (name, corporate_no, representative, sector, zone, stage, admitted_on, phone, email)
                   IS DISTINCT FROM (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[
            &id,
            &new.name,
            &new.corporate_no.map(|c| c.to_string()),
            &new.representative,
            &new.sector.code(),
            &new.zone.code(),
            &stage.code(),
            &new.admitted,
            &new.phone,
            &new.email,
        ],
    )?;
    Ok(())
}

pub fn set_left(db: Sql<'_>, id: i64, stage: Stage, on: NaiveDate) -> Result<()> {
    db.run("UPDATE company SET stage = ?2, left_on = ?3 WHERE id = ?1", &[&id, &stage.code(), &on])?;
    Ok(())
}

/// Narrows a company list; `search` is a key as `domain::search::query` makes it.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub search: Option<String>,
    pub zone: Option<Zone>,
    pub stage: Option<Stage>,
}

/// The filter's WHERE clause; its values are bound from `?1` in the order
/// `args` lists them. `codes` are the zone's and the stage's.
fn where_clause<'a>(
    filter: &'a Filter,
    codes: &'a (Option<&'static str>, Option<&'static str>),
) -> (String, Vec<&'a dyn Param>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<&dyn Param> = Vec::new();
    if let Some(q) = &filter.search {
        args.push(q);
        let _ = write!(sql, " AND instr(search, ?{}) > 0", args.len());
    }
    if let Some(z) = &codes.0 {
        args.push(z);
        let _ = write!(sql, " AND zone = ?{}", args.len());
    }
    if let Some(st) = &codes.1 {
        args.push(st);
        let _ = write!(sql, " AND stage = ?{}", args.len());
    }
    (sql, args)
}

fn codes(filter: &Filter) -> (Option<&'static str>, Option<&'static str>) {
    (filter.zone.map(Zone::code), filter.stage.map(Stage::code))
}

pub fn list(db: Sql<'_>, filter: &Filter, limit: u32, offset: u32) -> Result<Vec<Company>> {
    let codes = codes(filter);
    let (clause, mut args) = where_clause(filter, &codes);
    let n = args.len();
    let (limit, offset) = (i64::from(limit), i64::from(offset));
    args.push(&limit);
    args.push(&offset);
    let sql = format!("SELECT {COLUMNS} FROM company{clause} ORDER BY name, id LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
    db.all(&sql, &args, row)
}

pub fn count(db: Sql<'_>, filter: &Filter) -> Result<i64> {
    let codes = codes(filter);
    let (clause, args) = where_clause(filter, &codes);
    db.value(&format!("SELECT count(*) FROM company{clause}"), &args)
}
