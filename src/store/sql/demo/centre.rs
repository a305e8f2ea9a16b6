//! The large demo's building, companies, leases, people and yearly figures.

use chrono::NaiveDate;

use crate::domain::{Area, Minute, RoomKind, Sector, Stage, Won, Zone};
use crate::error::Result;
use crate::store::Sql;

pub struct Room<'a> {
    pub id: i64,
    pub code: &'a str,
    pub floor: i64,
    pub kind: RoomKind,
    pub area: Area,
    pub rent_per_m2: Option<Won>,
}

pub fn room(db: Sql<'_>, r: &Room<'_>) -> Result<()> {
    db.run(
        "INSERT INTO room (id, code, floor, kind, area, rent_per_m2, retired_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)",
        &[&r.id, &r.code, &r.floor, &r.kind.code(), &r.area, &r.rent_per_m2],
    )?;
    Ok(())
}

/// A company as it started: not yet left.
pub struct Company<'a> {
    pub id: i64,
    pub brn: &'a str,
    pub name: &'a str,
    pub representative: &'a str,
    pub sector: Sector,
    pub zone: Zone,
    pub stage: Stage,
    pub admitted_on: NaiveDate,
    pub phone: &'a str,
    pub email: &'a str,
}

pub fn company(db: Sql<'_>, c: &Company<'_>) -> Result<()> {
    db.run(
        "INSERT INTO company (id, brn, name, representative, sector, zone, stage, admitted_on, left_on, phone, email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10)",
        &[
            &c.id,
            &c.brn,
            &c.name,
            &c.representative,
            &c.sector.code(),
            &c.zone.code(),
            &c.stage.code(),
            &c.admitted_on,
            &c.phone,
            &c.email,
        ],
    )?;
    Ok(())
}

/// Where company `id` stands today.
pub fn company_now(db: Sql<'_>, id: i64, stage: Stage, left_on: Option<NaiveDate>) -> Result<()> {
    db.run("UPDATE company SET stage = ?2, left_on = ?3 WHERE id = ?1", &[&id, &stage.code(), &left_on])?;
    Ok(())
}

pub struct Lease {
    pub company_id: i64,
    pub room_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rent: Won,
    pub fee: Won,
    pub deposit: Won,
    pub created_at: Minute,
}

pub fn lease(db: Sql<'_>, l: &Lease) -> Result<()> {
    db.run(
        "INSERT INTO lease (company_id, room_id, from_date, to_date, rent, fee, deposit, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[&l.company_id, &l.room_id, &l.from, &l.to, &l.rent, &l.fee, &l.deposit, &l.created_at],
    )?;
    Ok(())
}

pub struct Person<'a> {
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub company_id: Option<i64>,
    pub phone: &'a str,
    pub email: Option<&'a str>,
    pub created_at: Minute,
}

pub fn person(db: Sql<'_>, p: &Person<'_>) -> Result<()> {
    db.run(
        "INSERT INTO person (id, code, name, company_id, phone, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[&p.id, &p.code, &p.name, &p.company_id, &p.phone, &p.email, &p.created_at],
    )?;
    Ok(())
}

pub struct YearlyReport {
    pub company_id: i64,
    pub year: i32,
    pub employees: i64,
    pub sales: Won,
    pub exports: Won,
    pub rnd_spend: Won,
    pub patents_filed: i64,
    pub patents_granted: i64,
    pub investment: Won,
    pub updated_at: Minute,
}

pub fn yearly_report(db: Sql<'_>, y: &YearlyReport) -> Result<()> {
    db.run(
        "INSERT INTO yearly_report (company_id, year, employees, sales, exports, rnd_spend, patents_filed,
                                    patents_granted, investment, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[
            &y.company_id,
            &y.year,
            &y.employees,
            &y.sales,
            &y.exports,
            &y.rnd_spend,
            &y.patents_filed,
            &y.patents_granted,
            &y.investment,
            &y.updated_at,
        ],
    )?;
    Ok(())
}
