//! The tax documents of an issued month (`kiln invoice list`): what each
//! issued statement makes by `domain::tax_document`, the 세금계산서 for its
//! taxable lines and the 계산서 for its exempt ones.
//!
//! Choice: an individual (a party with no 사업자등록번호) gets no tax
//! document — a 세금계산서 goes to a business; their statements are named
//! apart so that nobody wonders where they went.

use chrono::Months;
use serde::Serialize;

use super::{Store, statement};
use crate::domain::statement::parse_month;
use crate::domain::tax_document::{Document, documents};
use crate::domain::{Field, ForField, Invalid, Problem};
use crate::error::Result;

/// A document with the statement it comes from and the party it goes to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthDocument {
    pub statement: String,
    pub party: String,
    pub name: String,
    pub brn: String,
    #[serde(flatten)]
    pub document: Document,
}

/// A month's documents, and the statements that make none because their
/// party has no BRN.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MonthDocuments {
    pub documents: Vec<MonthDocument>,
    pub without_brn: Vec<String>,
}

/// The documents of `month`'s issued statements, in statement order.
pub fn month(store: &Store, month: &str) -> Result<MonthDocuments> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    let first = chrono::NaiveDate::from_ymd_opt(y, m, 1);
    let last_day = first
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Invalid::new(Field::Month, month, Problem::Format { example: "2026-12" }))?;
    let mut out = MonthDocuments::default();
    for s in statement::issued_list(store, Some(month), None)? {
        let number = s.number.clone().unwrap_or_default();
        if s.brn.is_empty() {
            out.without_brn.push(number);
            continue;
        }
        let made = documents(last_day, &s.lines)
            .ok_or_else(|| Invalid::new(Field::Amount, &number, Problem::OutOfRange { min: 0, max: i64::MAX }))?;
        for document in made {
            out.documents.push(MonthDocument {
                statement: number.clone(),
                party: s.party.clone(),
                name: s.name.clone(),
                brn: s.brn.clone(),
                document,
            });
        }
    }
    Ok(out)
}
