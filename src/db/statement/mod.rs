//! Monthly statements: drafted from leases and use, issued (frozen and
//! numbered `2026-12-0007`), paid against; arrears and their age.

mod draft;

pub(crate) use draft::base_lines;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::write::json;
use super::{Store, company};
use crate::domain::statement::{Line, LineKind, Totals, Unit, month_text, number, parse_month, totals};
use crate::domain::time::{date_text, parse_date, stored_date};
use crate::domain::{Brn, Capability, Field, ForField, Invalid, PaymentMethod, Problem, Won, text};
use crate::error::{Refusal, Result};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    /// `None` for a draft not yet issued.
    pub number: Option<String>,
    pub company_brn: String,
    pub company_name: String,
    pub month: String,
    pub issued_on: Option<String>,
    pub due_on: Option<String>,
    pub lines: Vec<Line>,
    #[serde(flatten)]
    pub totals: Totals,
    pub paid: Won,
    pub outstanding: Won,
}

fn shown_brn(raw: String) -> String {
    Brn::parse(&raw).map_or(raw, |b| b.to_string())
}

fn company_row(conn: &Connection, id: i64) -> Result<(String, String)> {
    let (brn, name): (String, String) = conn
        .prepare_cached("SELECT brn, name FROM company WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((shown_brn(brn), name))
}

/// Writes an issued statement's lines, numbered from 1 in order. The demo
/// loader writes statements through this too, so they read back the same.
pub(crate) fn insert_lines(conn: &Connection, statement_id: i64, lines: &[Line]) -> rusqlite::Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO statement_line (statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, l) in lines.iter().enumerate() {
        st.execute(params![
            statement_id,
            i as i64 + 1,
            l.kind.code(),
            l.subject,
            l.detail,
            l.quantity,
            l.unit.code(),
            l.unit_price.map(|p| p.0),
            l.amount.0,
            l.source
        ])?;
    }
    Ok(())
}

/// A statement line from the row's columns `at..at + 8`: kind, subject,
/// detail, quantity, unit, unit price, amount, source.
fn line_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Line> {
    let kind: String = r.get(at)?;
    let unit: String = r.get(at + 4)?;
    Ok(Line {
        kind: LineKind::parse(&kind).unwrap_or(LineKind::Adjustment),
        subject: r.get(at + 1)?,
        detail: r.get(at + 2)?,
        quantity: r.get(at + 3)?,
        unit: Unit::parse(&unit).unwrap_or(Unit::Lump),
        unit_price: r.get::<_, Option<i64>>(at + 5)?.map(Won),
        amount: Won(r.get(at + 6)?),
        source: r.get(at + 7)?,
    })
}

fn issued_lines(conn: &Connection, statement_id: i64) -> Result<Vec<Line>> {
    let rows = conn
        .prepare_cached(
            "SELECT kind, subject, detail, quantity, unit, unit_price, amount, source
               FROM statement_line WHERE statement_id = ?1 ORDER BY position",
        )?
        .query_map([statement_id], |r| line_at(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An issued statement's own columns: id, company, number, issued and due
/// dates, supply, VAT, total, and what has been paid against it.
type IssuedRow = (i64, i64, String, String, String, i64, i64, i64, i64);

const ISSUED_COLUMNS: &str = "s.id, s.company_id, s.number, s.issued_on, s.due_on, s.supply, s.vat, s.total,
     (SELECT coalesce(sum(amount), 0) FROM payment p WHERE p.statement_id = s.id)";

fn issued_row(r: &rusqlite::Row) -> rusqlite::Result<IssuedRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
}

fn issued_statement(row: IssuedRow, month: &str, (brn, name): (String, String), lines: Vec<Line>) -> Statement {
    let (_, _, number, issued_on, due_on, supply, vat, total, paid) = row;
    Statement {
        number: Some(number),
        company_brn: brn,
        company_name: name,
        month: month.to_owned(),
        issued_on: Some(issued_on),
        due_on: Some(due_on),
        lines,
        totals: Totals { supply: Won(supply), vat: Won(vat), total: Won(total) },
        paid: Won(paid),
        outstanding: Won(total - paid),
    }
}

/// The issued statement of a company for a month, if any.
fn issued(conn: &Connection, company_id: i64, month: &str) -> Result<Option<Statement>> {
    let sql = format!("SELECT {ISSUED_COLUMNS} FROM statement s WHERE s.company_id = ?1 AND s.month = ?2");
    let row = conn.prepare_cached(&sql)?.query_row(params![company_id, month], issued_row).optional()?;
    let Some(row) = row else { return Ok(None) };
    let lines = issued_lines(conn, row.0)?;
    Ok(Some(issued_statement(row, month, company_row(conn, company_id)?, lines)))
}

/// Every statement issued for a month with its lines, by company, in two
/// queries.
fn issued_in(conn: &Connection, month: &str) -> Result<HashMap<i64, (IssuedRow, Vec<Line>)>> {
    let sql = format!("SELECT {ISSUED_COLUMNS} FROM statement s WHERE s.month = ?1");
    let mut by_id: HashMap<i64, (IssuedRow, Vec<Line>)> = HashMap::new();
    for row in conn.prepare_cached(&sql)?.query_map([month], issued_row)? {
        let row = row?;
        by_id.insert(row.0, (row, Vec::new()));
    }
    let mut st = conn.prepare_cached(
        "SELECT l.statement_id, l.kind, l.subject, l.detail, l.quantity, l.unit, l.unit_price, l.amount, l.source
           FROM statement s JOIN statement_line l ON l.statement_id = s.id
          WHERE s.month = ?1 ORDER BY l.statement_id, l.position",
    )?;
    for row in st.query_map([month], |r| Ok((r.get::<_, i64>(0)?, line_at(r, 1)?)))? {
        let (id, line) = row?;
        if let Some((_, lines)) = by_id.get_mut(&id) {
            lines.push(line);
        }
    }
    Ok(by_id.into_values().map(|(row, lines)| (row.1, (row, lines))).collect())
}

fn draft_of(conn: &Connection, company_id: i64, y: i32, m: u32) -> Result<Statement> {
    draft_with(company_row(conn, company_id)?, y, m, draft::lines(conn, company_id, y, m)?)
}

/// The draft statement of a company (its BRN and name) holding `lines`.
fn draft_with((brn, name): (String, String), y: i32, m: u32, lines: Vec<Line>) -> Result<Statement> {
    let range = Problem::OutOfRange { min: 0, max: i64::MAX };
    let t = totals(&lines).ok_or_else(|| Invalid::new(Field::Amount, month_text(y, m), range))?;
    Ok(Statement {
        number: None,
        company_brn: brn,
        company_name: name,
        month: month_text(y, m),
        issued_on: None,
        due_on: None,
        lines,
        totals: t,
        paid: Won::ZERO,
        outstanding: t.total,
    })
}

fn issued_or_draft(conn: &Connection, company_id: i64, y: i32, m: u32) -> Result<Statement> {
    match issued(conn, company_id, &month_text(y, m))? {
        Some(s) => Ok(s),
        None => draft_of(conn, company_id, y, m),
    }
}

/// The company's statement for a month: as issued if it was, else the draft
/// as it would be issued now.
pub fn show(store: &Store, brn: &str, month: &str) -> Result<Statement> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    let c = company::resolve(store.sql(), brn, Field::Company)?;
    issued_or_draft(store.conn(), c.id, y, m)
}

/// Every company's statement for a month (issued or draft) that has
/// something to bill, by company name. Read for all companies at once: at
/// 10,000 companies, asking each in turn took a quarter of a second.
pub fn month(store: &Store, month: &str) -> Result<Vec<Statement>> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    Ok(month_in(store.conn(), y, m)?.into_iter().map(|(_, s)| s).collect())
}

/// [`month`], each statement with its company's id.
fn month_in(conn: &Connection, y: i32, m: u32) -> Result<Vec<(i64, Statement)>> {
    let text = month_text(y, m);
    let mut issued = issued_in(conn, &text)?;
    let mut inputs = draft::all_inputs(conn, y, m)?;
    let mut st = conn.prepare_cached("SELECT id, brn, name FROM company ORDER BY name, id")?;
    let companies = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in companies {
        let (id, brn, name) = row?;
        let s = if let Some((row, lines)) = issued.remove(&id) {
            issued_statement(row, &text, (shown_brn(brn), name), lines)
        } else {
            // Most of 10,000 companies have nothing to bill this month.
            let Some(lines) = inputs.remove(&id).map(|i| draft::lines_from(&i, y, m)) else { continue };
            draft_with((shown_brn(brn), name), y, m, lines)?
        };
        // A company with inputs may still have nothing to bill.
        if !s.lines.is_empty() {
            out.push((id, s));
        }
    }
    Ok(out)
}

/// The month whose statements are the work in hand on `today` (screen 6
/// opens on it): the last month that has ended, while it has drafts not yet
/// issued (billing is behind, and that comes first); else this month, if it
/// has drafts (a month may be issued once begun, and offices bill on its
/// last working day, so it is next); else the last month that has ended.
/// Only these two months are read, so the choice costs at most two reads
/// of a month, whatever the history.
pub fn month_to_issue(store: &Store, today: NaiveDate) -> Result<(i32, u32)> {
    let this = (today.year(), today.month());
    let last = if this.1 == 1 { (this.0 - 1, 12) } else { (this.0, this.1 - 1) };
    for (y, m) in [last, this] {
        if month_in(store.conn(), y, m)?.iter().any(|(_, s)| s.number.is_none()) {
            return Ok((y, m));
        }
    }
    Ok(last)
}

/// Days from issue to the due date.
pub const PAYMENT_TERM_DAYS: i64 = 30;

/// Issues the month's statements (admins): for every company with something
/// to bill and no statement yet for the month (or just `brn`'s), freeze the
/// lines, number them and set the due date 30 days on. Returns those issued.
///
/// A month may be issued once it has begun (offices bill on the last working
/// day); use recorded after issue reaches the next statement as a correction.
pub fn issue(store: &mut Store, month: &str, brn: Option<&str>) -> Result<Vec<Statement>> {
    let today = store.now().date();
    issue_on(store, month, brn, today)
}

/// [`issue`] as of `today`: the demo issues past months on their own dates.
pub fn issue_on(store: &mut Store, month: &str, brn: Option<&str>, today: NaiveDate) -> Result<Vec<Statement>> {
    let (y, m) = parse_month(month).field(Field::Month, month)?;
    if (y, m) > (today.year(), today.month()) {
        let latest = month_text(today.year(), today.month());
        return Err(Invalid::new(Field::Month, month, Problem::NotAfter { latest }).into());
    }
    store.write(Capability::Billing, |w| {
        let drafts = match brn {
            Some(b) => {
                let id = company::resolve(w.sql(), b, Field::Company)?.id;
                if let Some(s) = issued(w.conn(), id, &month_text(y, m))? {
                    let value = s.number.unwrap_or_default();
                    return Err(Refusal::Duplicate { field: Field::Statement, value }.into());
                }
                vec![(id, draft_of(w.conn(), id, y, m)?)]
            }
            None => month_in(w.conn(), y, m)?.into_iter().filter(|(_, s)| s.number.is_none()).collect(),
        };
        let mut out = Vec::new();
        for (id, draft) in drafts {
            if draft.lines.is_empty() {
                continue;
            }
            let serial: i64 =
                w.conn().query_row("SELECT count(*) + 1 FROM statement WHERE month = ?1", [month_text(y, m)], |r| {
                    r.get(0)
                })?;
            let num = number(y, m, serial);
            let due = today + chrono::Duration::days(PAYMENT_TERM_DAYS);
            let t = draft.totals;
            w.conn().execute(
                "INSERT INTO statement (number, company_id, month, issued_on, due_on, supply, vat, total, issued_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    num,
                    id,
                    month_text(y, m),
                    date_text(today),
                    date_text(due),
                    t.supply.0,
                    t.vat.0,
                    t.total.0,
                    w.who()
                ],
            )?;
            let sid = w.conn().last_insert_rowid();
            insert_lines(w.conn(), sid, &draft.lines)?;
            let s = issued(w.conn(), id, &month_text(y, m))?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
            w.audit("statement", &num, "issue", None, Some(json(&s)))?;
            out.push(s);
        }
        Ok(out)
    })
}

/// Issued statements, of a month and/or a company, by number.
pub fn issued_list(store: &Store, month: Option<&str>, brn: Option<&str>) -> Result<Vec<Statement>> {
    let month = month.map(|m| parse_month(m).field(Field::Month, m)).transpose()?.map(|(y, m)| month_text(y, m));
    let company = brn.map(|b| company::resolve(store.sql(), b, Field::Company)).transpose()?.map(|c| c.id);
    let rows: Vec<(i64, String)> = store
        .conn()
        .prepare_cached(
            "SELECT company_id, month FROM statement WHERE (?1 IS NULL OR month = ?1) AND (?2 IS NULL OR company_id = ?2)
              ORDER BY number",
        )?
        .query_map(params![month, company], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().filter_map(|(id, m)| issued(store.conn(), id, &m).transpose()).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub statement: String,
    pub paid_on: String,
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
        let (id, issued_on, outstanding): (i64, String, i64) = w
            .conn()
            .query_row(
                "SELECT id, issued_on, total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
                   FROM statement s WHERE number = ?1",
                [number.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Invalid::new(Field::Statement, number, Problem::NotFound))?;
        if date_text(day) < issued_on {
            return Err(Invalid::new(Field::Date, on, Problem::NotBefore { earliest: issued_on }).into());
        }
        let today = w.now().date();
        if day > today {
            return Err(Invalid::new(Field::Date, on, Problem::NotAfter { latest: date_text(today) }).into());
        }
        if amount.0 > outstanding {
            let range = Problem::OutOfRange { min: 1, max: outstanding.max(0) };
            return Err(Invalid::new(Field::Amount, amount.0.to_string(), range).into());
        }
        w.conn().execute(
            "INSERT INTO payment (statement_id, paid_on, amount, method, note, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, date_text(day), amount.0, method.code(), note, w.now().to_string(), w.who()],
        )?;
        let p = Payment { statement: number.trim().to_owned(), paid_on: date_text(day), amount, method, note: note.clone() };
        let pid = w.conn().last_insert_rowid().to_string();
        w.audit("payment", &pid, "add", None, Some(json(&p)))?;
        Ok(p)
    })
}

/// An issued statement not yet paid in full, and how overdue it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Arrear {
    pub number: String,
    pub company_brn: String,
    pub company_name: String,
    pub due_on: String,
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
    let rows = store
        .conn()
        .prepare_cached(
            // Settled statements are dropped before the join and the sort:
            // after a year at 10,000 companies, nine in ten are.
            "SELECT s.number, c.brn, c.name, s.due_on, s.total, o.outstanding
               FROM (SELECT id, total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = statement.id), 0)
                            AS outstanding
                       FROM statement) o
               JOIN statement s ON s.id = o.id JOIN company c ON c.id = s.company_id
              WHERE o.outstanding > 0 ORDER BY s.due_on, s.number",
        )?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|r| r.5 > 0)
        .map(|(number, brn, name, due, total, outstanding)| {
            let days = stored_date(&due).map_or(0, |d| (today - d).num_days().max(0));
            Arrear {
                number,
                company_brn: shown_brn(brn),
                company_name: name,
                due_on: due,
                total: Won(total),
                outstanding: Won(outstanding),
                days_overdue: days,
                bucket: bucket(days),
            }
        })
        .collect())
}
