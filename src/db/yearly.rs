//! Yearly reports: one row per company and year; corrections are audited.

use chrono::Datelike;

use super::write::json;
use super::{Store, company};
use crate::domain::yearly::{YearlyInput, year};
use crate::domain::{Capability, Field, ForField};
use crate::error::{Refusal, Result};
use crate::store::Guard;
use crate::store::sql::yearly as sql;

pub use crate::store::sql::yearly::YearlyReport;

/// Sets a company's figures for a year (admins only): the typed figures
/// change, the others stay. A year before the company's admission is refused.
pub fn set(store: &mut Store, input: &YearlyInput) -> Result<YearlyReport> {
    let this_year = store.now().date().year();
    let y = year(&input.year, this_year).field(Field::Year, &input.year)?;
    store.write(Capability::ManageTenants, |w| {
        let c = company::resolve(w.sql(), &input.company, Field::Company)?;
        let admitted_year = company::admitted(&c).map_or(y, |d| d.year());
        if y < admitted_year {
            return Err(Refusal::ReportBeforeAdmission {
                year: y,
                admitted: crate::domain::time::date_text(c.admitted_on),
            }
            .into());
        }
        let before = sql::find(w.sql(), c.id, y)?;
        let f = input.apply(before.as_ref().map(|b| b.figures).unwrap_or_default())?;
        sql::upsert(w.sql(), c.id, y, &f, w.now()).map_err(|e| {
            if e.guard() == Some(Guard::ReportBeforeAdmission) {
                Refusal::ReportBeforeAdmission { year: y, admitted: crate::domain::time::date_text(c.admitted_on) }
                    .into()
            } else {
                e
            }
        })?;
        let after = sql::get(w.sql(), c.id, y)?;
        let id = format!("{}/{y}", c.brn.digits());
        let action = if before.is_some() { "correct" } else { "add" };
        w.audit("yearly_report", &id, action, before.as_ref().map(json), Some(json(&after)))?;
        Ok(after)
    })
}

/// Yearly reports, of one company and/or one year, newest year first.
pub fn list(store: &Store, company: Option<&str>, year: Option<i32>) -> Result<Vec<YearlyReport>> {
    let company_id = company.map(|c| company::resolve(store.sql(), c, Field::Company)).transpose()?.map(|c| c.id);
    sql::list(store.sql(), company_id, year)
}
