//! Monthly statements: drafted from leases and use, issued (frozen and
//! numbered `2026-12-0007`), paid against; arrears and their age.

mod course_fee;
mod draft;
mod funded;
mod write_off;

pub use write_off::{WriteOff, write_off, write_offs};

pub(crate) use draft::base_lines;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Store;
use super::write::json;
use crate::domain::lease::month_start;
use crate::domain::statement::{Line, Totals, as_month, month_text, number, parse_month, totals};
use crate::domain::time::{date_text, parse_date};
use crate::domain::{Brn, Capability, Field, ForField, Invalid, PaymentMethod, Problem, Won, text};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::statement::{self as sql, BilledTo, Issued, NewPayment, NewStatement};

pub(crate) use crate::store::sql::statement::insert_lines;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    /// `None` for a draft not yet issued.
    pub number: Option<String>,
    /// The billing party's code (`BP-0007`).
    pub party: String,
    /// The party's name: its company's, for a company's party.
    pub name: String,
    /// `220-81-62517`; empty for an individual.
    pub brn: String,
    /// The month's first day.
    #[serde(serialize_with = "as_month")]
    pub month: NaiveDate,
    pub issued_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub lines: Vec<Line>,
    #[serde(flatten)]
    pub totals: Totals,
    pub paid: Won,
    pub outstanding: Won,
}

impl Statement {
    /// The party as a statement's head names it: its BRN, or its code for
    /// an individual, who has none.
    pub fn billed_id(&self) -> &str {
        if self.brn.is_empty() { &self.party } else { &self.brn }
    }
}

/// A BRN as people read it (`220-81-62517`); as stored if it does not
/// parse, empty when there is none.
pub(crate) fn shown_brn(raw: Option<String>) -> String {
    raw.map(|raw| Brn::parse(&raw).map_or(raw, |b| b.to_string())).unwrap_or_default()
}

/// The first day of a month read by `parse_month`, which always has one.
fn first_day(y: i32, m: u32) -> Result<NaiveDate> {
    month_start(y, m)
        .ok_or_else(|| Invalid::new(Field::Month, month_text(y, m), Problem::Format { example: "2026-12" }).into())
}

fn issued_statement(row: Issued, month: NaiveDate, to: BilledTo, lines: Vec<Line>) -> Statement {
    Statement {
        number: Some(row.number),
        party: to.code,
        name: to.name,
        brn: shown_brn(to.brn),
        month,
        issued_on: Some(row.issued_on),
        due_on: Some(row.due_on),
        lines,
        totals: row.totals,
        paid: row.paid,
        outstanding: Won(row.totals.total.0 - row.paid.0),
    }
}

/// The issued statement of a party for a month, if any.
fn issued(db: Sql<'_>, party_id: i64, month: NaiveDate) -> Result<Option<Statement>> {
    let Some(row) = sql::issued(db, party_id, month)? else { return Ok(None) };
    let lines = sql::lines(db, row.id)?;
    Ok(Some(issued_statement(row, month, sql::party(db, party_id)?, lines)))
}

fn draft_of(db: Sql<'_>, party_id: i64, y: i32, m: u32) -> Result<Statement> {
    draft_with(sql::party(db, party_id)?, y, m, draft::lines(db, party_id, y, m)?)
}

/// The draft statement to a party holding `lines`.
fn draft_with(to: BilledTo, y: i32, m: u32, lines: Vec<Line>) -> Result<Statement> {
    let range = Problem::OutOfRange { min: 0, max: i64::MAX };
    let t = totals(&lines).ok_or_else(|| Invalid::new(Field::Amount, month_text(y, m), range))?;
    Ok(Statement {
        number: None,
        party: to.code,
        name: to.name,
        brn: shown_brn(to.brn),
        month: first_day(y, m)?,
        issued_on: None,
        due_on: None,
        lines,
        totals: t,
        paid: Won::ZERO,
        outstanding: t.total,
    })
}

fn issued_or_draft(db: Sql<'_>, party_id: i64, y: i32, m: u32) -> Result<Statement> {
    match issued(db, party_id, first_day(y, m)?)? {
        Some(s) => Ok(s),
        None => draft_of(db, party_id, y, m),
    }
}

/// A party's statement for a month: as issued if it was, else the draft as
/// it would be issued now. The party is named by its code (`BP-0007`) or
/// by the BRN of its company or organisation.
pub fn show(store: &Store, party: &str, month: &str) -> Result<Statement> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    let p = super::party::resolve(store.sql(), party, Field::Party)?;
    issued_or_draft(store.sql(), p.id, y, m)
}

/// Every party's statement for a month (issued or draft) that has
/// something to bill, by name. Read for all parties at once: at 10,000
/// companies, asking each in turn took a quarter of a second.
pub fn month(store: &Store, month: &str) -> Result<Vec<Statement>> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    Ok(month_in(store.sql(), y, m)?.into_iter().map(|(_, s)| s).collect())
}

/// [`month`], each statement with its party's id. The lines come first:
/// most parties have nothing to bill, and only those that do are named.
fn month_in(db: Sql<'_>, y: i32, m: u32) -> Result<Vec<(i64, Statement)>> {
    let first = first_day(y, m)?;
    let mut issued = sql::issued_in(db, first)?;
    issued.retain(|_, (_, lines)| !lines.is_empty());
    let (inputs, closed) = draft::all_inputs(db, y, m)?;
    let mut drafts: std::collections::HashMap<i64, Vec<Line>> = inputs
        .into_iter()
        .filter(|(id, _)| !issued.contains_key(id))
        .map(|(id, i)| (id, draft::lines_from(&i, &closed, y, m)))
        .filter(|(_, lines)| !lines.is_empty())
        .collect();
    let wanted: std::collections::HashSet<i64> = issued.keys().chain(drafts.keys()).copied().collect();
    let mut out = Vec::with_capacity(issued.len() + drafts.len());
    sql::each_party(db, &wanted, |id, to| {
        if let Some((row, lines)) = issued.remove(&id) {
            out.push((id, issued_statement(row, first, to, lines)));
        } else if let Some(lines) = drafts.remove(&id) {
            out.push((id, draft_with(to, y, m, lines)?));
        }
        Ok(())
    })?;
    // By name as written, byte for byte, on both engines.
    out.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.cmp(&b.0)));
    Ok(out)
}

/// The month whose statements are the work in hand on `today` (screen 6
/// opens on it): the last month that has ended, while it has drafts and
/// nothing of it has been issued (billing is behind, and that comes first);
/// else this month, if it has drafts (a month may be issued once begun, and
/// offices bill on its last working day, so it is next); else the last
/// month that has ended. Use found after a month was issued does not hold
/// the screen there: the party's next statement carries it. Only these two
/// months are read, so the choice costs at most two reads of a month,
/// whatever the history.
pub fn month_to_issue(store: &Store, today: NaiveDate) -> Result<(i32, u32)> {
    let this = (today.year(), today.month());
    let last = if this.1 == 1 { (this.0 - 1, 12) } else { (this.0, this.1 - 1) };
    for (y, m) in [last, this] {
        let month = month_in(store.sql(), y, m)?;
        let behind = (y, m) == this || month.iter().all(|(_, s)| s.number.is_none());
        if behind && month.iter().any(|(_, s)| s.number.is_none()) {
            return Ok((y, m));
        }
    }
    Ok(last)
}

/// Days from issue to the due date.
pub const PAYMENT_TERM_DAYS: i64 = 30;

/// Issues the month's statements (admins): for every party with something
/// to bill and no statement yet for the month (or just `party`'s), freeze the
/// lines, number them and set the due date 30 days on. Returns those issued.
///
/// A month may be issued once it has begun (offices bill on the last working
/// day); use recorded after issue reaches the next statement as a correction.
pub fn issue(store: &mut Store, month: &str, party: Option<&str>) -> Result<Vec<Statement>> {
    let today = store.now().date();
    issue_on(store, month, party, today)
}

/// [`issue`] as of `today`: the demo issues past months on their own dates.
pub fn issue_on(store: &mut Store, month: &str, party: Option<&str>, today: NaiveDate) -> Result<Vec<Statement>> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    if (y, m) > (today.year(), today.month()) {
        let latest = month_text(today.year(), today.month());
        return Err(Invalid::new(Field::Month, month, Problem::NotAfter { latest }).into());
    }
    let first = first_day(y, m)?;
    store.write(Capability::Billing, |w| {
        // Each statement is the ground of a tax document naming its issuer.
        super::supplier::required(w.sql())?;
        // Every voucher share is billed to someone.
        let span = crate::domain::lease::month_period(y, m)
            .ok_or_else(|| Invalid::new(Field::Month, month, Problem::Format { example: "2026-12" }))?;
        let (from, until) =
            (crate::domain::Minute::at(span.start(), 0, 0), crate::domain::Minute::at(span.end(), 0, 0));
        if let Some(programme) = crate::store::sql::voucher::unpaid(w.sql(), from, until)?.into_iter().next() {
            return Err(Refusal::NoPayer { programme, month: month_text(y, m) }.into());
        }
        let drafts = match party {
            Some(p) => {
                let id = super::party::resolve(w.sql(), p, Field::Party)?.id;
                if let Some(s) = issued(w.sql(), id, first)? {
                    let value = s.number.unwrap_or_default();
                    return Err(Refusal::Duplicate { field: Field::Statement, value }.into());
                }
                vec![(id, draft_of(w.sql(), id, y, m)?)]
            }
            None => month_in(w.sql(), y, m)?.into_iter().filter(|(_, s)| s.number.is_none()).collect(),
        };
        let mut out = Vec::new();
        for (id, draft) in drafts {
            if draft.lines.is_empty() {
                continue;
            }
            let num = number(y, m, sql::next_serial(w.sql(), first)?);
            let due = today + chrono::Duration::days(PAYMENT_TERM_DAYS);
            let new = NewStatement {
                number: &num,
                party_id: id,
                month: first,
                issued_on: today,
                due_on: due,
                totals: draft.totals,
                issued_by: w.who(),
            };
            let sid = sql::insert(w.sql(), &new)?;
            insert_lines(w.sql(), sid, &draft.lines)?;
            // Just written in this transaction, so it is there.
            let Some(s) = issued(w.sql(), id, first)? else {
                return Err(Invalid::new(Field::Statement, num, Problem::NotFound).into());
            };
            w.audit("statement", &num, "issue", None, Some(json(&s)))?;
            out.push(s);
        }
        Ok(out)
    })
}

/// Issued statements, of a month and/or a party, by number.
pub fn issued_list(store: &Store, month: Option<&str>, party: Option<&str>) -> Result<Vec<Statement>> {
    let month =
        month.map(|m| parse_month(m).field(Field::Month, m)).transpose()?.map(|(y, m)| first_day(y, m)).transpose()?;
    let party = party.map(|p| super::party::resolve(store.sql(), p, Field::Party)).transpose()?.map(|p| p.id);
    let rows = sql::listed(store.sql(), month, party)?;
    rows.into_iter().filter_map(|(id, m)| issued(store.sql(), id, m).transpose()).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub statement: String,
    pub paid_on: NaiveDate,
    pub amount: Won,
    pub method: PaymentMethod,
    pub note: String,
}

/// Records a payment against an issued statement (admins). It may not be
/// dated before the statement was issued nor after today, and may not pay
/// more than is outstanding (a refund is not a payment).
pub fn pay(store: &mut Store, number: &str, on: &str, amount: &str, method: &str, note: &str) -> Result<Payment> {
    let day = parse_date(on).field(Field::Date, on)?;
    let amount = Won::parse(amount).field(Field::Amount, amount)?;
    if amount == Won::ZERO {
        return Err(Invalid::new(Field::Amount, "0", Problem::OutOfRange { min: 1, max: Won::LIMIT.0 }).into());
    }
    let method = PaymentMethod::parse(method).field(Field::Method, method)?;
    let note = text::clean(note, 200).field(Field::Reason, note)?;
    store.write(Capability::Billing, |w| {
        let (id, issued_on, outstanding) = sql::to_pay(w.sql(), number.trim())?
            .ok_or_else(|| Invalid::new(Field::Statement, number, Problem::NotFound))?;
        if day < issued_on {
            let earliest = date_text(issued_on);
            return Err(Invalid::new(Field::Date, on, Problem::NotBefore { earliest }).into());
        }
        let today = w.now().date();
        if day > today {
            return Err(Invalid::new(Field::Date, on, Problem::NotAfter { latest: date_text(today) }).into());
        }
        if amount.0 > outstanding.0 {
            let range = Problem::OutOfRange { min: 1, max: outstanding.0.max(0) };
            return Err(Invalid::new(Field::Amount, amount.0.to_string(), range).into());
        }
        let new = NewPayment {
            statement_id: id,
            paid_on: day,
            amount,
            method: method.code(),
            note: &note,
            recorded_at: w.now(),
            recorded_by: w.who(),
        };
        let pid = sql::insert_payment(w.sql(), &new)?.to_string();
        let p = Payment { statement: number.trim().to_owned(), paid_on: day, amount, method, note: note.clone() };
        w.audit("payment", &pid, "add", None, Some(json(&p)))?;
        Ok(p)
    })
}

/// An issued statement not yet paid in full, and how overdue it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Arrear {
    pub number: String,
    /// The billing party's code, name and BRN (empty for an individual).
    pub party: String,
    pub name: String,
    pub brn: String,
    pub due_on: NaiveDate,
    pub total: Won,
    pub outstanding: Won,
    /// Days past the due date (0 if not yet due).
    pub days_overdue: i64,
    /// current | 1-30 | 31-60 | 61-90 | 90+
    pub bucket: &'static str,
}

/// The ageing bucket of a debt `days_overdue` days past its due date.
pub fn bucket(days_overdue: i64) -> &'static str {
    match days_overdue {
        d if d <= 0 => "current",
        1..=30 => "1-30",
        31..=60 => "31-60",
        61..=90 => "61-90",
        _ => "90+",
    }
}

/// Statements with money outstanding on `today`, oldest due first.
pub fn arrears(store: &Store, today: NaiveDate) -> Result<Vec<Arrear>> {
    Ok(sql::owed(store.sql())?
        .into_iter()
        .filter(|r| r.outstanding.0 > 0)
        .map(|r| {
            let days = (today - r.due_on).num_days().max(0);
            Arrear {
                number: r.number,
                party: r.to.code,
                name: r.to.name,
                brn: shown_brn(r.to.brn),
                due_on: r.due_on,
                total: r.total,
                outstanding: r.outstanding,
                days_overdue: days,
                bucket: bucket(days),
            }
        })
        .collect())
}
