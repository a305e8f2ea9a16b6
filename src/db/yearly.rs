//! Yearly reports: one row per company and year; corrections are audited.

use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Store, company, raised};
use crate::domain::yearly::{Figures, YearlyInput, year};
use crate::domain::{Capability, Field, ForField, Won};
use crate::error::{Error, Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearlyReport {
    pub company_brn: String,
    pub company_name: String,
    pub year: i32,
    #[serde(flatten)]
    pub figures: Figures,
    pub updated_at: String,
}

const SELECT: &str = "SELECT c.brn, c.name, y.year, y.employees, y.sales, y.exports, y.rnd_spend, y.patents_filed,
                             y.patents_granted, y.investment, y.updated_at
                      FROM yearly_report y JOIN company c ON c.id = y.company_id";

fn row(r: &Row<'_>) -> rusqlite::Result<YearlyReport> {
    let brn: String = r.get(0)?;
    Ok(YearlyReport {
        company_brn: crate::domain::Brn::parse(&brn).map_or(brn, |b| b.to_string()),
        company_name: r.get(1)?,
        year: r.get(2)?,
        figures: Figures {
            employees: r.get(3)?,
            sales: Won(r.get(4)?),
            exports: Won(r.get(5)?),
            rnd_spend: Won(r.get(6)?),
            patents_filed: r.get(7)?,
            patents_granted: r.get(8)?,
            investment: Won(r.get(9)?),
        },
        updated_at: r.get(10)?,
    })
}

fn find(conn: &Connection, company_id: i64, year: i32) -> Result<Option<YearlyReport>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE y.company_id = ?1 AND y.year = ?2"), params![company_id, year], row)
        .optional()?)
}

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
        let before = find(w.conn(), c.id, y)?;
        let f = input.apply(before.as_ref().map(|b| b.figures).unwrap_or_default())?;
        w.conn()
            .execute(
                "INSERT INTO yearly_report (company_id, year, employees, sales, exports, rnd_spend, patents_filed,
                                            patents_granted, investment, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (company_id, year) DO UPDATE SET employees = excluded.employees, sales = excluded.sales,
                    exports = excluded.exports, rnd_spend = excluded.rnd_spend, patents_filed = excluded.patents_filed,
                    patents_granted = excluded.patents_granted, investment = excluded.investment,
                    updated_at = excluded.updated_at",
                params![
                    c.id,
                    y,
                    f.employees,
                    f.sales.0,
                    f.exports.0,
                    f.rnd_spend.0,
                    f.patents_filed,
                    f.patents_granted,
                    f.investment.0,
                    w.now().to_string()
                ],
            )
            .map_err(|e| match raised(&e) {
                Some("report_before_admission") => {
                    Refusal::ReportBeforeAdmission { year: y, admitted: crate::domain::time::date_text(c.admitted_on) }
                        .into()
                }
                _ => Error::from(e),
            })?;
        let after = find(w.conn(), c.id, y)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        let id = format!("{}/{y}", c.brn.digits());
        let action = if before.is_some() { "correct" } else { "add" };
        w.audit("yearly_report", &id, action, before.as_ref().map(json), Some(json(&after)))?;
        Ok(after)
    })
}

/// Yearly reports, of one company and/or one year, newest year first.
pub fn list(store: &Store, company: Option<&str>, year: Option<i32>) -> Result<Vec<YearlyReport>> {
    let company_id = company.map(|c| company::resolve(store.sql(), c, Field::Company)).transpose()?.map(|c| c.id);
    // Only the filters given: `?1 IS NULL OR …` would keep SQLite from
    // seeking the key, and one company's reports would cost a scan of every
    // company's (40 ms at 10,000 companies, on every move in screen 2).
    let clause = match (company_id, year) {
        (Some(_), Some(_)) => " WHERE y.company_id = ?1 AND y.year = ?2",
        (Some(_), None) => " WHERE y.company_id = ?1 AND ?2 IS NULL",
        (None, Some(_)) => " WHERE ?1 IS NULL AND y.year = ?2",
        (None, None) => " WHERE ?1 IS NULL AND ?2 IS NULL",
    };
    let sql = format!("{SELECT}{clause} ORDER BY y.year DESC, c.name");
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(params![company_id, year], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
