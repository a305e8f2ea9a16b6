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

/// A document's buyer (공급받는자) beyond its name: the form's required
/// 성명 and an optional e-mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buyer {
    /// Ten digits, no dashes.
    pub brn: String,
    pub representative: String,
    pub email: Option<String>,
}

/// What the upload form is filled from: the centre as supplier and each
/// document with its buyer.
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    pub supplier: crate::domain::supplier::Supplier,
    pub documents: Vec<(MonthDocument, Buyer)>,
}

/// The month's documents ready for the upload form; refused, before any
/// file is written, when the supplier is not set or a buyer has no
/// representative (the form's required 성명), naming the first.
pub fn upload(store: &Store, month_text: &str) -> Result<Upload> {
    let supplier = super::supplier::required(store.sql())?;
    let mut documents = Vec::new();
    for d in month(store, month_text)?.documents {
        let (representative, email) = crate::store::sql::party::buyer(store.sql(), &d.party)?.unwrap_or_default();
        if representative.is_empty() {
            let refusal = crate::error::Refusal::NoRepresentative {
                statement: d.statement.clone(),
                party: d.party.clone(),
                name: d.name.clone(),
            };
            return Err(refusal.into());
        }
        let brn = crate::domain::Brn::parse(&d.brn).map_or_else(|_| d.brn.replace('-', ""), |b| b.digits());
        documents.push((d, Buyer { brn, representative, email }));
    }
    Ok(Upload { supplier, documents })
}
