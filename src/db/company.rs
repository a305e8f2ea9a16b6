//! Companies: admitting, finding, correcting, and the day they leave.

use chrono::NaiveDate;

use super::write::json;
use super::{Page, Store, Write, lease};
use crate::domain::company::{ADMISSION_STAGES, CompanyInput, NewCompany};
use crate::domain::time::{date_text, parse_date};
use crate::domain::{Brn, Capability, Field, ForField, Invalid, Problem, Stage, Zone};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::company as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::company::Company;

pub(crate) fn by_brn(db: Sql<'_>, brn: Brn) -> Result<Option<Company>> {
    sql::by_brn(db, brn)
}

/// The company just written, which is there.
fn written(db: Sql<'_>, brn: Brn) -> Result<Company> {
    by_brn(db, brn)?.ok_or_else(|| Invalid::new(Field::Brn, brn.to_string(), Problem::NotFound).into())
}

/// Finds a company by its 사업자등록번호 as typed; unknown or malformed
/// numbers are refused naming `field`.
pub(crate) fn resolve(db: Sql<'_>, raw: &str, field: Field) -> Result<Company> {
    let brn = Brn::parse(raw).field(field, raw)?;
    by_brn(db, brn)?.ok_or_else(|| Invalid::new(field, raw, Problem::NotFound).into())
}

pub fn show(store: &Store, brn: &str) -> Result<Company> {
    resolve(store.sql(), brn, Field::Brn)
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
    if by_brn(w.sql(), new.brn)?.is_some() {
        return Err(duplicate(new.brn));
    }
    sql::insert(w.sql(), new).map_err(|e| if e.guard() == Some(Guard::Unique) { duplicate(new.brn) } else { e })?;
    let company = written(w.sql(), new.brn)?;
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
        let before = resolve(w.sql(), brn, Field::Brn)?;
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
            admitted: keep(&changes.admitted, &date_text(before.admitted_on)),
            phone: keep(&changes.phone, &opt(&before.phone)),
            email: keep(&changes.email, &opt(&before.email)),
        };
        let new = input.validate(today)?;
        let stage = if before.stage.has_left() { before.stage } else { new.stage };
        if let Some(left) = before.left_on
            && new.admitted > left
        {
            return Err(Invalid::new(Field::Admitted, date_text(new.admitted), Problem::EndNotAfterStart).into());
        }
        // Values the company already has write nothing, so there is nothing
        // to audit and the edit is simply done.
        sql::update(w.sql(), before.id, &new, stage)?;
        let after = written(w.sql(), before.brn)?;
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
    let before = resolve(w.sql(), brn, Field::Brn)?;
    if before.stage.has_left() {
        return Err(Refusal::CompanyLeft { company: before.name.clone(), stage: before.stage }.into());
    }
    if on_date < before.admitted_on {
        let earliest = date_text(before.admitted_on);
        return Err(Invalid::new(Field::Date, on, Problem::NotBefore { earliest }).into());
    }
    for l in lease::running_past(w.sql(), before.id, on_date)? {
        lease::end_in(w, &l, on_date, stage.code())?;
    }
    sql::set_left(w.sql(), before.id, stage, on_date)?;
    let after = written(w.sql(), before.brn)?;
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

fn filter(filter: &CompanyFilter) -> sql::Filter {
    sql::Filter {
        search: filter.search.as_deref().and_then(crate::domain::search::query),
        zone: filter.zone,
        stage: filter.stage,
    }
}

pub fn list(store: &Store, filter: &CompanyFilter, page: Page) -> Result<Vec<Company>> {
    sql::list(store.sql(), &self::filter(filter), page.limit, page.offset)
}

pub fn count(store: &Store, filter: &CompanyFilter) -> Result<i64> {
    sql::count(store.sql(), &self::filter(filter))
}

/// The first day a company may be reported for, for forms.
pub fn admitted(company: &Company) -> Option<NaiveDate> {
    Some(company.admitted_on)
}
