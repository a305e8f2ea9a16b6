//! The tax documents of an issued month (`kiln invoice list`): what each
//! issued statement makes by `domain::tax_document`, the 세금계산서 for its
//! taxable lines and the 계산서 for its exempt ones.
//!
//! Choice: an individual (a party with no 사업자등록번호) gets no tax
//! document — a 세금계산서 goes to a business; their statements are named
//! apart so that nobody wonders where they went.

use serde::Serialize;

use super::{Store, statement};
use crate::domain::statement::{month_text, parse_month};
use crate::domain::tax_document::{DocKind, Document, approval_no, documents};
use crate::domain::{Capability, Field, ForField, Invalid, Problem};
use crate::error::{Refusal, Result};
use crate::store::sql::invoice as sql;

/// A document with the statement it comes from and the party it goes to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthDocument {
    pub statement: String,
    pub party: String,
    pub name: String,
    pub brn: String,
    #[serde(flatten)]
    pub document: Document,
    /// The 국세청 승인번호 once recorded; until then the document is waiting.
    pub approval: Option<String>,
}

/// A month's documents, and the statements that make none because their
/// party has no BRN.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MonthDocuments {
    pub documents: Vec<MonthDocument>,
    pub without_brn: Vec<String>,
    /// The correction documents (수정세금계산서) the month's statements make
    /// of earlier ones: issued one by one in Hometax, not uploaded.
    pub corrections: Vec<super::correction::MonthCorrection>,
}

/// The documents of `month`'s issued statements, in statement order.
pub fn month(store: &Store, month: &str) -> Result<MonthDocuments> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    let last_day = crate::domain::lease::month_period(y, m)
        .and_then(|p| p.end().pred_opt())
        .ok_or_else(|| Invalid::new(Field::Month, month, Problem::Format { example: "2026-12" }))?;
    let mut out = MonthDocuments::default();
    let approvals = sql::of_month(store.sql(), &month_text(y, m))?;
    let approval = |number: &str, kind: DocKind| {
        approvals.iter().find(|a| a.statement == number && a.kind == kind.key()).map(|a| a.approval_no.clone())
    };
    let list = statement::issued_list(store, Some(month), None)?;
    out.corrections = super::correction::of(store.sql(), &month_text(y, m), &list)?;
    for s in list {
        let number = s.number.clone().unwrap_or_default();
        if s.brn.is_empty() {
            out.without_brn.push(number);
            continue;
        }
        let made = documents(last_day, &s.lines)
            .ok_or_else(|| Invalid::new(Field::Amount, &number, Problem::OutOfRange { min: 0, max: i64::MAX }))?;
        for document in made {
            out.documents.push(MonthDocument {
                approval: approval(&number, document.kind),
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

/// An approval number to record: a statement of the month, which of its
/// documents (`tax-invoice`, the default, or `invoice`), and the number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confirmation {
    pub statement: String,
    pub kind: String,
    pub approval: String,
}

/// Records the approval numbers Hometax gave the month's documents
/// (admins), all or none: refused for a statement of another month, a
/// document not made or already confirmed, and a number recorded before.
/// Returns the documents confirmed.
pub fn confirm(store: &mut Store, month_raw: &str, items: &[Confirmation]) -> Result<Vec<MonthDocument>> {
    let (y, m) = parse_month(month_raw).field(Field::Month, month_raw)?;
    let key = month_text(y, m);
    let mut wanted: Vec<(String, DocKind, String)> = Vec::with_capacity(items.len());
    for c in items {
        let kind = DocKind::parse(&c.kind).field(Field::Kind, &c.kind)?;
        let number = approval_no(&c.approval).field(Field::ApprovalNo, &c.approval)?;
        if wanted.iter().any(|(_, _, n)| *n == number) {
            return Err(Refusal::Duplicate { field: Field::ApprovalNo, value: c.approval.clone() }.into());
        }
        wanted.push((c.statement.trim().to_owned(), kind, number));
    }
    let docs = month(store, &key)?.documents;
    let mut chosen = Vec::with_capacity(wanted.len());
    for (statement, kind, number) in &wanted {
        let Some(d) = docs.iter().find(|d| d.statement == *statement && d.document.kind == *kind) else {
            let problem = match sql::statement(store.sql(), statement)? {
                Some((_, other)) if other != key => Problem::OtherMonth { month: key.clone() },
                _ => Problem::NotFound,
            };
            return Err(Invalid::new(Field::Statement, statement, problem).into());
        };
        if d.approval.is_some() {
            let value = format!("{statement} {}", kind.name_ko());
            return Err(Refusal::Duplicate { field: Field::Statement, value }.into());
        }
        let mut d = d.clone();
        d.approval = Some(number.clone());
        chosen.push(d);
    }
    let today = store.now().date();
    store.write(Capability::Billing, |w| {
        for d in &chosen {
            let number = d.approval.as_deref().unwrap_or_default();
            if sql::holder(w.sql(), number)?.is_some() {
                return Err(Refusal::Duplicate { field: Field::ApprovalNo, value: number.to_owned() }.into());
            }
            let id = sql::statement(w.sql(), &d.statement)?
                .ok_or_else(|| Invalid::new(Field::Statement, &d.statement, Problem::NotFound))?
                .0;
            sql::insert(w.sql(), id, d.document.kind.key(), number, today, w.who())?;
            let after = serde_json::json!({ "kind": d.document.kind.key(), "approval_no": number });
            w.audit("tax_approval", &d.statement, "confirm", None, Some(after))?;
        }
        Ok(())
    })?;
    Ok(chosen)
}

pub use crate::store::sql::invoice::Recorded;

/// Every approval number recorded, of one month's statements or of all:
/// the 세금계산서, 계산서 and corrections issued in Hometax.
pub fn approvals(store: &Store, month: Option<&str>) -> Result<Vec<Recorded>> {
    let month = match month {
        Some(raw) => {
            let (y, m) = parse_month(raw).field(Field::Month, raw)?;
            Some(month_text(y, m))
        }
        None => None,
    };
    sql::recorded(store.sql(), month.as_deref())
}
