//! Writing off what a party was never billed for a month already issued
//! (손실 처리). Use recorded after a month was issued, or use by a party
//! that had no statement that month, reaches the party's next statement as
//! an adjustment naming the month; an admin may instead let it go, with a
//! reason. The write-off is frozen once written and audited, and the
//! adjustment then leaves the draft.

use chrono::{Datelike, Months};

use super::draft;
use super::{Store, first_day};
use crate::db::write::json;
use crate::domain::statement::{month_text, parse_month};
use crate::domain::{Capability, Field, ForField, Invalid, Problem, Won, text};
use crate::error::Result;
pub use crate::store::sql::statement::draft::WriteOff;
use crate::store::sql::statement::draft::{self as sql, NewWriteOff};
use crate::store::sql::statement::party as billed_to;

/// Every write-off, or those of `party`, by month.
pub fn write_offs(store: &Store, party: Option<&str>) -> Result<Vec<WriteOff>> {
    let id = party.map(|p| crate::db::party::resolve(store.sql(), p, Field::Party)).transpose()?.map(|p| p.id);
    sql::write_offs(store.sql(), id)
}

/// Writes off what `party` owes for `month` beyond what was billed for it
/// (admins). Refused for a month no statement has been issued for (its
/// drafts bill it), for one with nothing unbilled, and without a reason.
pub fn write_off(store: &mut Store, party: &str, month: &str, reason: &str) -> Result<WriteOff> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    let first = first_day(y, m)?;
    let reason = text::required(reason, 200).field(Field::Reason, reason)?;
    let next = first
        .checked_add_months(Months::new(1))
        .ok_or_else(|| Invalid::new(Field::Month, month, Problem::Format { example: "2026-12" }))?;
    store.write(Capability::Billing, |w| {
        let p = crate::db::party::resolve(w.sql(), party, Field::Party)?;
        let closed = draft::closed(w.sql(), next.year(), next.month())?;
        if !closed.contains(&first) {
            return Err(Invalid::new(Field::Month, month_text(y, m), Problem::NotIssued).into());
        }
        let inputs = draft::inputs(w.sql(), p.id, next.year(), next.month(), &closed)?;
        let (statement, amount) = draft::unbilled(&inputs, first);
        let statement = statement.map(str::to_owned);
        if amount == Won::ZERO {
            return Err(Invalid::new(Field::Month, month_text(y, m), Problem::NothingUnbilled).into());
        }
        let new = NewWriteOff {
            party_id: p.id,
            month: first,
            amount,
            reason: &reason,
            written_at: w.now(),
            written_by: w.who(),
        };
        let id = sql::insert_write_off(w.sql(), &new)?.to_string();
        let to = billed_to(w.sql(), p.id)?;
        let (written_at, written_by) = (w.now(), w.who().to_owned());
        let out = WriteOff {
            party: to.code,
            name: to.name,
            month: first,
            amount,
            statement,
            reason: reason.clone(),
            written_at,
            written_by,
        };
        w.audit("write_off", &id, "add", None, Some(json(&out)))?;
        Ok(out)
    })
}
