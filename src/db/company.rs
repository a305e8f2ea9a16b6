//! Companies: admitting, finding and the moment they leave.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, is_unique_violation};
use crate::domain::company::CompanyInput;
use crate::domain::time::date_text;
use crate::domain::{Brn, Capability, Field, ForField, Invalid, Problem, Sector, Stage, Zone};
use crate::error::{Refusal, Result};

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
    pub admitted_on: String,
    pub left_on: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

const COLUMNS: &str = "id, brn, name, corporate_no, representative, sector, zone, stage, admitted_on, left_on, phone, email";

fn bad(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        what.to_owned().into(),
    )
}

fn row(r: &Row<'_>) -> rusqlite::Result<Company> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    Ok(Company {
        id: r.get(0)?,
        brn: Brn::parse(&text(1)?).map_err(|_| bad(1, "brn"))?,
        name: text(2)?,
        corporate_no: r.get(3)?,
        representative: text(4)?,
        sector: Sector::parse(&text(5)?).map_err(|_| bad(5, "sector"))?,
        zone: Zone::parse(&text(6)?).map_err(|_| bad(6, "zone"))?,
        stage: Stage::parse(&text(7)?).map_err(|_| bad(7, "stage"))?,
        admitted_on: text(8)?,
        left_on: r.get(9)?,
        phone: r.get(10)?,
        email: r.get(11)?,
    })
}

pub(crate) fn by_brn(conn: &Connection, brn: Brn) -> Result<Option<Company>> {
    let sql = format!("SELECT {COLUMNS} FROM company WHERE brn = ?1");
    Ok(conn.query_row(&sql, [brn.digits()], row).optional()?)
}

/// Finds a company by its 사업자등록번호 as typed; unknown or malformed
/// numbers are refused naming `field`.
pub(crate) fn resolve(conn: &Connection, raw: &str, field: Field) -> Result<Company> {
    let brn = Brn::parse(raw).field(field, raw)?;
    by_brn(conn, brn)?.ok_or_else(|| Invalid::new(field, raw, Problem::NotFound).into())
}

pub fn show(store: &Store, brn: &str) -> Result<Company> {
    resolve(store.conn(), brn, Field::Brn)
}

/// Admits a company (admins only). The BRN must be unused.
pub fn add(store: &mut Store, input: &CompanyInput) -> Result<Company> {
    let new = input.validate(store.now().date())?;
    store.write(Capability::ManageTenants, |w| {
        if by_brn(w.conn(), new.brn)?.is_some() {
            return Err(Refusal::Duplicate { field: Field::Brn, value: new.brn.to_string() }.into());
        }
        w.conn()
            .execute(
                "INSERT INTO company (brn, name, corporate_no, representative, sector, zone, stage, admitted_on, phone, email)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    new.brn.digits(),
                    new.name,
                    new.corporate_no.map(|c| c.to_string()),
                    new.representative,
                    new.sector.code(),
                    new.zone.code(),
                    new.stage.code(),
                    date_text(new.admitted),
                    new.phone,
                    new.email
                ],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    Refusal::Duplicate { field: Field::Brn, value: new.brn.to_string() }.into()
                } else {
                    crate::error::Error::from(e)
                }
            })?;
        let company = by_brn(w.conn(), new.brn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        w.audit("company", &company.brn.digits(), "add", None, Some(json(&company)))?;
        Ok(company)
    })
}

/// Records that a company graduated or withdrew on `on` (admins only).
pub fn leave(store: &mut Store, brn: &str, stage: Stage, on: NaiveDate) -> Result<Company> {
    if !stage.has_left() {
        return Err(Invalid::new(
            Field::Stage,
            stage.code(),
            Problem::OneOf {
                accepted: &["graduated", "withdrawn"],
            },
        )
        .into());
    }
    store.write(Capability::ManageTenants, |w| {
        let before = resolve(w.conn(), brn, Field::Brn)?;
        if on < crate::domain::time::stored_date(&before.admitted_on).unwrap_or(on) {
            return Err(Invalid::new(
                Field::Date,
                date_text(on),
                Problem::NotBefore {
                    earliest: before.admitted_on.clone(),
                },
            )
            .into());
        }
        w.conn().execute(
            "UPDATE company SET stage = ?2, left_on = ?3 WHERE id = ?1",
            params![before.id, stage.code(), date_text(on)],
        )?;
        let after = by_brn(w.conn(), before.brn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        w.audit(
            "company",
            &before.brn.digits(),
            stage.code(),
            Some(json(&before)),
            Some(json(&after)),
        )?;
        Ok(after)
    })
}

/// Moves a company still at the centre to another of the stages before
/// leaving (pre-startup, early, growth); leaving is [`leave`].
pub fn set_stage(store: &mut Store, brn: &str, stage: Stage) -> Result<Company> {
    if stage.has_left() {
        return Err(Invalid::new(
            Field::Stage,
            stage.code(),
            Problem::OneOf {
                accepted: crate::domain::company::ADMISSION_STAGES,
            },
        )
        .into());
    }
    store.write(Capability::ManageTenants, |w| {
        let before = resolve(w.conn(), brn, Field::Brn)?;
        if before.stage.has_left() {
            return Err(Invalid::new(
                Field::Stage,
                before.stage.code(),
                Problem::OneOf {
                    accepted: crate::domain::company::ADMISSION_STAGES,
                },
            )
            .into());
        }
        w.conn().execute(
            "UPDATE company SET stage = ?2 WHERE id = ?1",
            params![before.id, stage.code()],
        )?;
        let after = by_brn(w.conn(), before.brn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        w.audit(
            "company",
            &before.brn.digits(),
            "set-stage",
            Some(json(&before)),
            Some(json(&after)),
        )?;
        Ok(after)
    })
}

pub fn list(store: &Store, page: Page) -> Result<Vec<Company>> {
    let sql = format!("SELECT {COLUMNS} FROM company ORDER BY name, id LIMIT ?1 OFFSET ?2");
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st
        .query_map(params![page.limit, page.offset], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
