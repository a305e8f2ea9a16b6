//! Monthly statements: drafts, issued lines, payments.

pub mod course_fee;
pub mod draft;
pub mod funded;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::lease::month_start;
use crate::domain::statement::{Line, LineKind, LineTerms, Tax, Totals, Unit, month_of, parse_month};
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::{Row, Sql};

/// A month as the schema keeps it, `2026-12`, from its first day.
fn month_key(first: NaiveDate) -> String {
    month_of(first)
}

/// Column `i`, a month as the schema keeps it, as its first day.
fn month_at(r: &Row<'_, '_>, i: usize) -> Result<NaiveDate> {
    r.parsed(i, "month", |t| parse_month(t).ok().and_then(|(y, m)| month_start(y, m)))
}

/// The latest month issued to anyone (its first day), if any.
pub fn latest_month(db: Sql<'_>) -> Result<Option<NaiveDate>> {
    db.opt("SELECT month FROM statement ORDER BY month DESC LIMIT 1", &[], |r| month_at(r, 0))
}

/// An issued statement's own columns, and what has been paid against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issued {
    pub id: i64,
    pub party_id: i64,
    pub number: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub totals: Totals,
    pub paid: Won,
}

const ISSUED_COLUMNS: &str = "s.id, s.party_id, s.number, s.issued_on, s.due_on, s.supply, s.vat, s.total,
     (SELECT coalesce(sum(amount), 0) FROM payment p WHERE p.statement_id = s.id), s.exempt";

fn issued_row(r: &Row<'_, '_>) -> Result<Issued> {
    Ok(Issued {
        id: r.get(0)?,
        party_id: r.get(1)?,
        number: r.get(2)?,
        issued_on: r.get(3)?,
        due_on: r.get(4)?,
        totals: Totals { supply: r.get(5)?, exempt: r.get(9)?, vat: r.get(6)?, total: r.get(7)? },
        paid: r.get(8)?,
    })
}

/// The columns [`line_at`] reads, from `l`.
const LINE_COLUMNS: &str = "l.kind, l.subject, l.detail, l.quantity, l.unit, l.unit_price, l.amount, l.source,
     l.project, l.nfec, l.voucher, l.voucher_share, l.tax, l.enrolment_id, l.paid_for";

/// A statement line from the row's columns `at..at + 15` ([`LINE_COLUMNS`]).
fn line_at(r: &Row<'_, '_>, at: usize) -> Result<Line> {
    let kind: String = r.get(at)?;
    let unit: String = r.get(at + 4)?;
    let tax: String = r.get(at + 12)?;
    Ok(Line {
        kind: LineKind::parse(&kind).unwrap_or(LineKind::Adjustment),
        subject: r.get(at + 1)?,
        detail: r.get(at + 2)?,
        quantity: r.get(at + 3)?,
        unit: Unit::parse(&unit).unwrap_or(Unit::Lump),
        unit_price: r.get(at + 5)?,
        amount: r.get(at + 6)?,
        source: r.get(at + 7)?,
        terms: LineTerms {
            project: r.get(at + 8)?,
            nfec: r.get(at + 9)?,
            voucher: r.get(at + 10)?,
            voucher_share: r.get(at + 11)?,
            tax: Tax::parse(&tax).unwrap_or_default(),
            enrolment: r.get(at + 13)?,
            paid_for: r.get(at + 14)?,
        },
    })
}

/// Who a statement is to: the billing party's code, its name (its
/// company's, for a company's party) and its BRN as stored (none for an
/// individual).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BilledTo {
    pub code: String,
    pub name: String,
    pub brn: Option<String>,
}

const BILLED_TO: &str = "SELECT y.id, y.code, coalesce(c.name, y.name), coalesce(c.brn, y.brn)
       FROM party y LEFT JOIN company c ON c.id = y.company_id";

fn billed_to(r: &Row<'_, '_>) -> Result<BilledTo> {
    Ok(BilledTo { code: r.get(1)?, name: r.get(2)?, brn: r.get(3)? })
}

/// The party `id` as a statement names it.
pub fn party(db: Sql<'_>, id: i64) -> Result<BilledTo> {
    db.one(&format!("{BILLED_TO} WHERE y.id = ?1"), &[&id], billed_to)
}

/// Each party of `wanted` as a statement names it, in no order, to `f`
/// with its id. The others are passed over unread: at 25,000 parties, a
/// month bills a tenth of them.
pub fn each_party<S: std::hash::BuildHasher>(
    db: Sql<'_>,
    wanted: &std::collections::HashSet<i64, S>,
    mut f: impl FnMut(i64, BilledTo) -> Result<()>,
) -> Result<()> {
    db.each(BILLED_TO, &[], |r| {
        let id: i64 = r.get(0)?;
        if wanted.contains(&id) { f(id, billed_to(r)?) } else { Ok(()) }
    })
}

/// Writes an issued statement's lines, numbered from 1 in order. The demo
/// loader writes statements through this too, so they read back the same.
pub fn insert_lines(db: Sql<'_>, statement_id: i64, lines: &[Line]) -> Result<()> {
    for (i, l) in lines.iter().enumerate() {
        db.run(
            "INSERT INTO statement_line (statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount,
                                         source, project, nfec, voucher, voucher_share, tax, enrolment_id, paid_for)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            &[
                &statement_id,
                &(i as i64 + 1),
                &l.kind.code(),
                &l.subject,
                &l.detail,
                &l.quantity,
                &l.unit.code(),
                &l.unit_price,
                &l.amount,
                &l.source,
                &l.terms.project,
                &l.terms.nfec,
                &l.terms.voucher,
                &l.terms.voucher_share,
                &l.terms.tax.code(),
                &l.terms.enrolment,
                &l.terms.paid_for,
            ],
        )?;
    }
    Ok(())
}

pub fn lines(db: Sql<'_>, statement_id: i64) -> Result<Vec<Line>> {
    db.all(
        &format!("SELECT {LINE_COLUMNS} FROM statement_line l WHERE l.statement_id = ?1 ORDER BY l.position"),
        &[&statement_id],
        |r| line_at(r, 0),
    )
}

/// The statement issued to a party for the month (its first day), if any.
pub fn issued(db: Sql<'_>, party_id: i64, month: NaiveDate) -> Result<Option<Issued>> {
    let sql = format!("SELECT {ISSUED_COLUMNS} FROM statement s WHERE s.party_id = ?1 AND s.month = ?2");
    db.opt(&sql, &[&party_id, &month_key(month)], issued_row)
}

/// Every statement issued for a month with its lines, by party, in two
/// queries.
pub fn issued_in(db: Sql<'_>, month: NaiveDate) -> Result<HashMap<i64, (Issued, Vec<Line>)>> {
    let key = month_key(month);
    let sql = format!("SELECT {ISSUED_COLUMNS} FROM statement s WHERE s.month = ?1");
    let mut by_id: HashMap<i64, (Issued, Vec<Line>)> = HashMap::new();
    db.each(&sql, &[&key], |r| {
        let row = issued_row(r)?;
        by_id.insert(row.id, (row, Vec::new()));
        Ok(())
    })?;
    db.each(
        &format!(
            "SELECT l.statement_id, {LINE_COLUMNS} FROM statement s JOIN statement_line l ON l.statement_id = s.id
              WHERE s.month = ?1 ORDER BY l.statement_id, l.position"
        ),
        &[&key],
        |r| {
            let id: i64 = r.get(0)?;
            let line = line_at(r, 1)?;
            if let Some((_, lines)) = by_id.get_mut(&id) {
                lines.push(line);
            }
            Ok(())
        },
    )?;
    Ok(by_id.into_values().map(|(row, lines)| (row.party_id, (row, lines))).collect())
}

/// The serial number the month's next statement takes.
pub fn next_serial(db: Sql<'_>, month: NaiveDate) -> Result<i64> {
    db.value("SELECT count(*) + 1 FROM statement WHERE month = ?1", &[&month_key(month)])
}

/// A statement as issued, without its lines.
pub struct NewStatement<'a> {
    pub number: &'a str,
    pub party_id: i64,
    pub month: NaiveDate,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub totals: Totals,
    pub issued_by: &'a str,
}

/// Writes an issued statement; its id.
pub fn insert(db: Sql<'_>, s: &NewStatement<'_>) -> Result<i64> {
    let t = s.totals;
    db.value(
        "INSERT INTO statement (number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by,
                                exempt)
                 VALUES (?1, ?2, (SELECT company_id FROM party WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
              RETURNING id",
        &[
            &s.number,
            &s.party_id,
            &month_key(s.month),
            &s.issued_on,
            &s.due_on,
            &t.supply,
            &t.vat,
            &t.total,
            &s.issued_by,
            &t.exempt,
        ],
    )
}

/// The party and month of each statement issued (of a month and/or a
/// party), by number.
pub fn listed(db: Sql<'_>, month: Option<NaiveDate>, party_id: Option<i64>) -> Result<Vec<(i64, NaiveDate)>> {
    db.all(
        "SELECT party_id, month FROM statement WHERE (month = ?1 OR ?1 IS NULL) AND (party_id = ?2 OR ?2 IS NULL)
              ORDER BY number",
        &[&month.map(month_key), &party_id],
        |r| Ok((r.get(0)?, month_at(r, 1)?)),
    )
}

/// The id, issue date and outstanding amount of the statement `number`.
pub fn to_pay(db: Sql<'_>, number: &str) -> Result<Option<(i64, NaiveDate, Won)>> {
    db.opt(
        "SELECT id, issued_on, total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
                   FROM statement s WHERE number = ?1",
        &[&number],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// A payment as recorded.
pub struct NewPayment<'a> {
    pub statement_id: i64,
    pub paid_on: NaiveDate,
    pub amount: Won,
    pub method: &'a str,
    pub note: &'a str,
    pub recorded_at: Minute,
    pub recorded_by: &'a str,
}

/// Records a payment; its id.
pub fn insert_payment(db: Sql<'_>, p: &NewPayment<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO payment (statement_id, paid_on, amount, method, note, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        &[&p.statement_id, &p.paid_on, &p.amount, &p.method, &p.note, &p.recorded_at, &p.recorded_by],
    )
}

/// An issued statement with money outstanding.
pub struct Owed {
    pub number: String,
    pub to: BilledTo,
    pub due_on: NaiveDate,
    pub total: Won,
    pub outstanding: Won,
}

/// Statements with money outstanding, oldest due first.
pub fn owed(db: Sql<'_>) -> Result<Vec<Owed>> {
    db.all(
        // Settled statements are dropped before the join and the sort:
        // after a year at 10,000 companies, nine in ten are.
        "SELECT s.number, y.code, coalesce(c.name, y.name), coalesce(c.brn, y.brn), s.due_on, s.total, o.outstanding
               FROM (SELECT id, total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = statement.id), 0)
                            AS outstanding
                       FROM statement) o
               JOIN statement s ON s.id = o.id JOIN party y ON y.id = s.party_id
               LEFT JOIN company c ON c.id = y.company_id
              WHERE o.outstanding > 0 ORDER BY s.due_on, s.number",
        &[],
        |r| {
            Ok(Owed {
                number: r.get(0)?,
                to: BilledTo { code: r.get(1)?, name: r.get(2)?, brn: r.get(3)? },
                due_on: r.get(4)?,
                total: r.get(5)?,
                outstanding: r.get(6)?,
            })
        },
    )
}

/// A party's oldest statement not paid in full that fell due before
/// `before`: its number, due date and what is outstanding.
pub fn oldest_unpaid(db: Sql<'_>, party_id: i64, before: NaiveDate) -> Result<Option<(String, NaiveDate, Won)>> {
    db.opt(
        "SELECT number, due_on, total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
           FROM statement s
          WHERE party_id = ?1 AND due_on < ?2
            AND total > coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
          ORDER BY due_on, number LIMIT 1",
        &[&party_id, &before],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
