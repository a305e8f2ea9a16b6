//! Companies: admitting, finding, correcting, and the day they leave.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, Write, is_unique_violation, lease};
use crate::domain::company::{ADMISSION_STAGES, CompanyInput, NewCompany};
use crate::domain::time::{date_text, parse_date, stored_date};
use crate::domain::{Brn, Capability, Field, ForField, Invalid, Problem, Sector, Stage, Zone};
use crate::error::{Error, Refusal, Result};

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

const COLUMNS: &str =
    "id, brn, name, corporate_no, representative, sector, zone, stage, admitted_on, left_on, phone, email";

fn bad(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_owned().into())
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

fn duplicate(brn: Brn) -> Error {
    Refusal::Duplicate { field: Field::Brn, value: brn.to_string() }.into()
}

/// Admits a company (admins only). The BRN must be unused.
pub fn add(store: &mut Store, input: &CompanyInput) -> Result<Company> {
    let new = input.validate(store.now().date())?;
    store.write(Capability::ManageTenants, |w| add_in(w, &new))
}

/// [`add`] inside a transaction the caller holds, so an import can add many.
pub(crate) fn add_in(w: &mut Write<'_>, new: &NewCompany) -> Result<Company> {
    if by_brn(w.conn(), new.brn)?.is_some() {
        return Err(duplicate(new.brn));
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
        .map_err(|e| if is_unique_violation(&e) { duplicate(new.brn) } else { Error::from(e) })?;
    let company = by_brn(w.conn(), new.brn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    super::search::refresh(w.sql(), super::search::Table::Company, company.id)?;
    w.audit("company", &company.brn.digits(), "add", None, Some(json(&company)))?;
    Ok(company)
}

/// Corrections to a company; `None` keeps what is there. The BRN itself is
/// the company's identity and is not edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyEdit {
    pub name: Option<String>,
    pub corporate_no: Option<String>,
    pub representative: Option<String>,
    pub sector: Option<String>,
    pub zone: Option<String>,
    /// Only among the stages before leaving (pre-startup, early, growth).
    pub stage: Option<String>,
    pub admitted: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Corrects a company's details (admins only); the audit log keeps the old ones.
pub fn edit(store: &mut Store, brn: &str, changes: &CompanyEdit) -> Result<Company> {
    if *changes == CompanyEdit::default() {
        return Err(Error::NothingToChange);
    }
    let today = store.now().date();
    store.write(Capability::ManageTenants, |w| {
        let before = resolve(w.conn(), brn, Field::Brn)?;
        let keep = |new: &Option<String>, old: &str| new.clone().unwrap_or_else(|| old.to_owned());
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        if changes.stage.is_some() && before.stage.has_left() {
            return Err(
                Invalid::new(Field::Stage, before.stage.code(), Problem::OneOf { accepted: ADMISSION_STAGES }).into()
            );
        }
        let input = CompanyInput {
            name: keep(&changes.name, &before.name),
            brn: before.brn.to_string(),
            corporate_no: keep(&changes.corporate_no, &opt(&before.corporate_no)),
            representative: keep(&changes.representative, &before.representative),
            sector: keep(&changes.sector, before.sector.code()),
            zone: keep(&changes.zone, before.zone.code()),
            stage: if before.stage.has_left() { String::new() } else { keep(&changes.stage, before.stage.code()) },
            admitted: keep(&changes.admitted, &before.admitted_on),
            phone: keep(&changes.phone, &opt(&before.phone)),
            email: keep(&changes.email, &opt(&before.email)),
        };
        let new = input.validate(today)?;
        let stage = if before.stage.has_left() { before.stage } else { new.stage };
        if let Some(left) = before.left_on.as_deref().and_then(stored_date)
            && new.admitted > left
        {
            return Err(Invalid::new(Field::Admitted, date_text(new.admitted), Problem::EndNotAfterStart).into());
        }
        // Values the company already has write nothing, so there is nothing
        // to audit and the edit is simply done.
        w.conn().execute(
            "UPDATE company SET (name, corporate_no, representative, sector, zone, stage, admitted_on, phone, email)
                    = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             WHERE id = ?1
               AND (name, corporate_no, representative, sector, zone, stage, admitted_on, phone, email)
                   IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                before.id,
                new.name,
                new.corporate_no.map(|c| c.to_string()),
                new.representative,
                new.sector.code(),
                new.zone.code(),
                stage.code(),
                date_text(new.admitted),
                new.phone,
                new.email
            ],
        )?;
        let after = by_brn(w.conn(), before.brn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        if after != before {
            super::search::refresh(w.sql(), super::search::Table::Company, before.id)?;
            w.audit("company", &before.brn.digits(), "edit", Some(json(&before)), Some(json(&after)))?;
        }
        Ok(after)
    })
}

/// Records that a company graduated or withdrew on `on` (admins only): its
/// leases that run past that day end then, and all its history stays.
pub fn leave(store: &mut Store, brn: &str, stage: Stage, on: &str) -> Result<Company> {
    if !stage.has_left() {
        let accepted = &["graduated", "withdrawn"];
        return Err(Invalid::new(Field::Stage, stage.code(), Problem::OneOf { accepted }).into());
    }
    let on_date = parse_date(on).field(Field::Date, on)?;
    store.write(Capability::ManageTenants, |w| leave_in(w, brn, stage, on_date, on))
}

/// [`leave`] inside a transaction the caller holds; `stage` has left and
/// `on` is the date as typed (`on_date` parsed), for the refusal.
pub(crate) fn leave_in(w: &mut Write<'_>, brn: &str, stage: Stage, on_date: NaiveDate, on: &str) -> Result<Company> {
    let before = resolve(w.conn(), brn, Field::Brn)?;
    if before.stage.has_left() {
        return Err(Refusal::CompanyLeft { company: before.name.clone(), stage: before.stage }.into());
    }
    let admitted = stored_date(&before.admitted_on).unwrap_or(on_date);
    if on_date < admitted {
        return Err(Invalid::new(Field::Date, on, Problem::NotBefore { earliest: before.admitted_on.clone() }).into());
    }
    for l in lease::running_past(w.conn(), before.id, on_date)? {
        lease::end_in(w, &l, on_date, stage.code())?;
    }
    w.conn().execute(
        "UPDATE company SET stage = ?2, left_on = ?3 WHERE id = ?1",
        params![before.id, stage.code(), date_text(on_date)],
    )?;
    let after = by_brn(w.conn(), before.brn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    w.audit("company", &before.brn.digits(), stage.code(), Some(json(&before)), Some(json(&after)))?;
    Ok(after)
}

/// Moves a company still at the centre to another stage before leaving
/// (pre-startup, early, growth); leaving is [`leave`].
pub fn set_stage(store: &mut Store, brn: &str, stage: Stage) -> Result<Company> {
    edit(store, brn, &CompanyEdit { stage: Some(stage.code().to_owned()), ..CompanyEdit::default() })
}

/// Narrows a company list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyFilter {
    /// A part of the name or the representative's name, or of the BRN (dashes
    /// optional), or their 초성 (`domain::search`).
    pub search: Option<String>,
    pub zone: Option<Zone>,
    pub stage: Option<Stage>,
}

fn where_clause(filter: &CompanyFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(q) = filter.search.as_deref().and_then(crate::domain::search::query) {
        args.push(Value::Text(q));
        let _ = write!(sql, " AND instr(search, ?{}) > 0", args.len());
    }
    if let Some(z) = filter.zone {
        args.push(Value::Text(z.code().to_owned()));
        let _ = write!(sql, " AND zone = ?{}", args.len());
    }
    if let Some(st) = filter.stage {
        args.push(Value::Text(st.code().to_owned()));
        let _ = write!(sql, " AND stage = ?{}", args.len());
    }
    (sql, args)
}

pub fn list(store: &Store, filter: &CompanyFilter, page: Page) -> Result<Vec<Company>> {
    let (clause, mut args) = where_clause(filter);
    let n = args.len();
    args.push(rusqlite::types::Value::Integer(i64::from(page.limit)));
    args.push(rusqlite::types::Value::Integer(i64::from(page.offset)));
    let sql = format!("SELECT {COLUMNS} FROM company{clause} ORDER BY name, id LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args), row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(store: &Store, filter: &CompanyFilter) -> Result<i64> {
    let (clause, args) = where_clause(filter);
    let sql = format!("SELECT count(*) FROM company{clause}");
    Ok(store.conn().query_row(&sql, rusqlite::params_from_iter(args), |r| r.get(0))?)
}

/// The first day a company may be reported for, for forms.
pub fn admitted(company: &Company) -> Option<NaiveDate> {
    stored_date(&company.admitted_on)
}
