//! The correction documents (수정세금계산서) a month's statements make:
//! each adjustment of an earlier statement corrects that statement's
//! 세금계산서 (`domain::tax_correction`), waiting first for the original's
//! approval number and then for its own.

use chrono::NaiveDate;
use serde::Serialize;

use super::Store;
use super::statement::Statement;
use crate::domain::statement::{LineKind, Tax, parse_month};
use crate::domain::tax_correction::{Correction, corrections};
use crate::domain::tax_document::{DocKind, documents, refunds_earlier_charge};
use crate::domain::{Capability, Field, ForField, Invalid, Problem, Won};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::invoice as sql;

/// A correction with the statement carrying it and the party it goes to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthCorrection {
    /// The statement whose adjustment line made it.
    pub statement: String,
    pub party: String,
    pub name: String,
    pub brn: String,
    #[serde(flatten)]
    pub correction: Correction,
    /// The corrected document's approval number; until it is recorded the
    /// correction cannot be issued.
    pub original_approval: Option<String>,
    /// Its own approval number, once issued in Hometax and recorded.
    pub approval: Option<String>,
}

/// The last day of the month `2026-10`.
fn last_day(month: &str) -> Option<NaiveDate> {
    let (y, m) = parse_month(month).ok()?;
    crate::domain::lease::month_period(y, m)?.end().pred_opt()
}

/// What a corrected statement's document of `kind` was: its supply, its
/// month's last day and its approval number (if recorded); none when it
/// made no such document.
fn original(db: Sql<'_>, number: &str, kind: DocKind) -> Result<Option<(Won, NaiveDate, Option<String>)>> {
    let Some((id, month, approval)) = sql::original(db, number, kind.key())? else { return Ok(None) };
    let Some(last) = last_day(&month) else { return Ok(None) };
    let lines = crate::store::sql::statement::lines(db, id)?;
    let made = documents(last, &lines).and_then(|d| d.into_iter().find(|d| d.kind == kind));
    Ok(made.map(|d| (d.supply, last, approval)))
}

/// A statement's document corrected, and what [`original`] found of it.
type Original = ((String, DocKind), (Won, NaiveDate, Option<String>));

/// The corrections the issued statements `list` (of `month`) make, with
/// the approvals recorded for them.
pub(super) fn of(db: Sql<'_>, month: &str, list: &[Statement]) -> Result<Vec<MonthCorrection>> {
    let recorded = sql::corrections_of_month(db, month)?;
    let mut out = Vec::new();
    for s in list.iter().filter(|s| !s.brn.is_empty()) {
        let (Some(number), Some(issued_on)) = (s.number.as_deref(), s.issued_on) else { continue };
        let mut originals: Vec<Original> = Vec::new();
        // Only corrections name another statement: one lookup each.
        for l in s.lines.iter().filter(|l| l.kind == LineKind::Adjustment && !l.subject.is_empty()) {
            if let Some(o) = original(db, &l.subject, DocKind::TaxInvoice)? {
                originals.push(((l.subject.clone(), DocKind::TaxInvoice), o));
            }
        }
        // And course fees refunded after the statement that charged them.
        let mut charged: Vec<(i64, String)> = Vec::new();
        for l in s.lines.iter().filter(|l| refunds_earlier_charge(l, &s.lines)) {
            let Some(enrolment) = l.terms.enrolment else { continue };
            let Some(on) = sql::charged_on(db, enrolment)? else { continue };
            let kind = if l.terms.tax == Tax::Exempt { DocKind::Invoice } else { DocKind::TaxInvoice };
            if let Some(o) = original(db, &on, kind)? {
                originals.push(((on.clone(), kind), o));
            }
            charged.push((enrolment, on));
        }
        let find = |n: &str, k: DocKind| originals.iter().find(|((x, y), _)| x == n && *y == k).map(|(_, o)| o.clone());
        let charged_on = |e: i64| charged.iter().find(|(x, _)| *x == e).map(|(_, n)| n.clone());
        let made =
            corrections(&s.lines, issued_on, |n, k| find(n, k).map(|(supply, last, _)| (supply, last)), charged_on);
        for correction in made {
            let approval = recorded
                .iter()
                .find(|(st, o, k, _)| st == number && *o == correction.corrects && k == correction.kind.key())
                .map(|(_, _, _, a)| a.clone());
            out.push(MonthCorrection {
                statement: number.to_owned(),
                party: s.party.clone(),
                name: s.name.clone(),
                brn: s.brn.clone(),
                original_approval: find(&correction.corrects, correction.kind).and_then(|(_, _, a)| a),
                correction,
                approval,
            });
        }
    }
    Ok(out)
}

/// Records the approval number Hometax gave a correction (admins): the one
/// the month's statement `statement` makes of `corrects`'s document of
/// `kind` (`tax-invoice` or `invoice`; empty: the one there is). Refused
/// when there is no such correction, while the original's number is not
/// recorded, once it is confirmed, and for a number recorded before.
pub fn confirm(
    store: &mut Store,
    month: &str,
    (statement, corrects, kind): (&str, &str, &str),
    approval: &str,
) -> Result<MonthCorrection> {
    let number = crate::domain::tax_document::approval_no(approval).field(Field::ApprovalNo, approval)?;
    let wanted = match kind.trim() {
        "" => None,
        k => Some(DocKind::parse(k).field(Field::Kind, k)?),
    };
    let list = super::invoice::month(store, month)?.corrections;
    let (statement, corrects) = (statement.trim(), corrects.trim());
    let mut found = list.iter().filter(|c| {
        c.statement == statement && c.correction.corrects == corrects && wanted.is_none_or(|k| c.correction.kind == k)
    });
    let (Some(c), None) = (found.next(), found.next()) else {
        return Err(Invalid::new(Field::Statement, format!("{statement} → {corrects}"), Problem::NotFound).into());
    };
    if c.original_approval.is_none() {
        return Err(Refusal::OriginalWaiting { corrects: corrects.to_owned() }.into());
    }
    if c.approval.is_some() {
        return Err(Refusal::Duplicate { field: Field::Statement, value: format!("{statement} → {corrects}") }.into());
    }
    let mut done = c.clone();
    done.approval = Some(number.clone());
    let today = store.now().date();
    store.write(Capability::Billing, |w| {
        if sql::holder(w.sql(), &number)?.is_some() {
            return Err(Refusal::Duplicate { field: Field::ApprovalNo, value: approval.to_owned() }.into());
        }
        let id = |n: &str| -> Result<i64> {
            Ok(sql::statement(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Statement, n, Problem::NotFound))?.0)
        };
        let ids = (id(statement)?, id(corrects)?);
        let (reason, kind) = (done.correction.reason.code(), done.correction.kind.key());
        sql::insert_correction(w.sql(), ids, (reason, kind), &number, today, w.who())?;
        let after = serde_json::json!({
            "corrects": corrects, "kind": kind, "reason": reason, "approval_no": number
        });
        w.audit("tax_correction", statement, "confirm", None, Some(after))?;
        Ok(())
    })?;
    Ok(done)
}
