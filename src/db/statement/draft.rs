//! What a company owes for a month, computed from the leases and the
//! completed bookings as they stand now, plus corrections of statements
//! already issued whose month has changed since.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::lease::{charge_for_month, month_period, month_start};
use crate::domain::statement::{Line, LineKind, Unit, month_text, parse_month};
use crate::domain::time::{date_text, stored_date};
use crate::domain::{Minute, Period, Won};
use crate::error::Result;

/// A lease's code, room, period and monthly rent and fee.
type LeaseTerms = (String, String, Period<NaiveDate>, Won, Won);

fn leases(conn: &Connection, company_id: i64, month: &Period<NaiveDate>) -> Result<Vec<LeaseTerms>> {
    let mut st = conn.prepare_cached(
        "SELECT l.id, r.code, l.from_date, l.end_date, l.rent, l.fee FROM lease l JOIN room r ON r.id = l.room_id
          WHERE l.company_id = ?1 AND l.from_date < ?3 AND l.end_date > ?2 AND l.end_date > l.from_date
          ORDER BY r.code, l.from_date",
    )?;
    let rows = st.query_map(params![company_id, date_text(month.start()), date_text(month.end())], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        out.extend(lease_terms(row?));
    }
    Ok(out)
}

/// A lease row (id, room, from, end, rent, fee) as billed; `None` for
/// dates that do not read (the schema's checks keep them out).
fn lease_terms((id, room, from, end, rent, fee): (i64, String, String, String, i64, i64)) -> Option<LeaseTerms> {
    let (from, end) = (stored_date(&from)?, stored_date(&end)?);
    let period = Period::new(from, end).ok()?;
    Some((crate::domain::codes::numbered("L", id), room, period, Won(rent), Won(fee)))
}

fn md(d: NaiveDate) -> String {
    d.format("%m/%d").to_string()
}

/// One completed booking's figures, as billed.
type Use = (i64, String, String, String, String, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);

/// A [`Use`] from the row's columns `at..at + 10`.
fn use_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Use> {
    Ok((
        r.get(at)?,
        r.get(at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
        r.get(at + 5)?,
        r.get(at + 6)?,
        r.get(at + 7)?,
        r.get(at + 8)?,
        r.get(at + 9)?,
    ))
}

fn usage(conn: &Connection, company_id: i64, span: &Period<NaiveDate>) -> Result<Vec<Use>> {
    let mut st = conn.prepare_cached(
        "SELECT b.id, e.code, e.name, e.billing_unit, b.actual_start, b.actual_end, b.billed_minutes, b.actual_samples,
                b.rate, b.charge
           FROM booking b INDEXED BY booking_company_start JOIN equipment e ON e.id = b.equipment_id
          WHERE b.company_id = ?1 AND b.start >= ?2 AND b.start < ?3 AND b.state = 'completed'
          ORDER BY b.start, b.id",
    )?;
    let rows = st
        .query_map(params![company_id, midnight(span.start()), midnight(span.end())], |r| use_at(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a company's draft is made of. Read for one company (a statement
/// shown or issued) or for every company at once (the month's list, in a
/// few queries instead of a few per company), and turned into lines by the
/// same code either way.
#[derive(Default)]
pub(super) struct Inputs {
    /// Leases overlapping the months from the first statement issued (or
    /// this month, if none) to this one, by room code and start.
    leases: Vec<LeaseTerms>,
    /// This month's completed bookings, by start.
    uses: Vec<Use>,
    /// Statements issued for earlier months, by month: number, month, and
    /// their rent, fee and use as issued.
    issued: Vec<(String, String, i64)>,
    /// Completed bookings' charges by month `YYYY-MM`, over those months.
    used: HashMap<String, i64>,
    /// Corrections issued so far, by the number of the statement corrected.
    corrected: HashMap<String, i64>,
}

/// The first minute of `d`, as bookings' times are stored.
fn midnight(d: NaiveDate) -> String {
    Minute::at(d, 0, 0).to_string()
}

fn span_of(first: (i32, u32), year: i32, month: u32) -> Option<Period<NaiveDate>> {
    let start = month_start(first.0, first.1)?;
    let end = month_period(year, month)?.end();
    Period::new(start, end).ok()
}

/// The inputs of one company's statement for a month.
pub(super) fn inputs(conn: &Connection, company_id: i64, year: i32, month: u32) -> Result<Inputs> {
    let Some(this) = month_period(year, month) else { return Ok(Inputs::default()) };
    let issued: Vec<(String, String, i64)> = conn
        .prepare_cached(
            // What was billed for the month itself: the supply amount less
            // the corrections of earlier months it carried (the rule
            // `statement_sum` holds the supply to its lines).
            "SELECT s.number, s.month,
                    s.supply - (SELECT coalesce(sum(amount), 0) FROM statement_line l
                                 WHERE l.statement_id = s.id AND l.kind = 'adjustment')
               FROM statement s WHERE s.company_id = ?1 AND s.month < ?2 ORDER BY s.month",
        )?
        .query_map(params![company_id, month_text(year, month)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let first = issued.first().and_then(|(_, m, _)| parse_month(m).ok()).unwrap_or((year, month));
    let span = span_of(first, year, month).unwrap_or(this);
    let mut out =
        Inputs { leases: leases(conn, company_id, &span)?, uses: usage(conn, company_id, &this)?, ..Inputs::default() };
    if issued.is_empty() {
        return Ok(out);
    }
    let mut st = conn.prepare_cached(
        "SELECT substr(start, 1, 7), coalesce(sum(charge), 0) FROM booking INDEXED BY booking_company_start
          WHERE company_id = ?1 AND start >= ?2 AND start < ?3 AND state = 'completed' GROUP BY 1",
    )?;
    let rows = st.query_map(params![company_id, midnight(span.start()), midnight(this.start())], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    out.used = rows.collect::<rusqlite::Result<_>>()?;
    out.corrected = conn
        .prepare_cached(
            "SELECT l.source, sum(l.amount) FROM statement_line l JOIN statement s ON s.id = l.statement_id
              WHERE s.company_id = ?1 AND l.kind = 'adjustment' GROUP BY l.source",
        )?
        .query_map([company_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    out.issued = issued;
    Ok(out)
}

/// The inputs of every company that has any for the month: a lease in it
/// or after the first statement it was issued, use in it, or a statement
/// issued before it. Companies without any have nothing to bill.
pub(super) fn all_inputs(conn: &Connection, year: i32, month: u32) -> Result<HashMap<i64, Inputs>> {
    let Some(this) = month_period(year, month) else { return Ok(HashMap::new()) };
    let mut out: HashMap<i64, Inputs> = HashMap::new();
    let issued = conn
        .prepare_cached(
            "SELECT s.company_id, s.number, s.month, s.supply - coalesce(a.amount, 0) FROM statement s
               LEFT JOIN (SELECT statement_id, sum(amount) AS amount FROM statement_line INDEXED BY statement_line_source
                           WHERE kind = 'adjustment' GROUP BY statement_id) a ON a.statement_id = s.id
              WHERE s.month < ?1 ORDER BY s.company_id, s.month",
        )?
        .query_map([month_text(year, month)], |r| {
            Ok((r.get::<_, i64>(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut first = (year, month);
    for (company, row) in issued {
        if let Ok(m) = parse_month(&row.1) {
            first = first.min(m);
        }
        out.entry(company).or_default().issued.push(row);
    }
    // One span for all: a company's leases before its own first statement
    // only add to months it has no statement for, which nothing reads.
    let span = span_of(first, year, month).unwrap_or(this);
    let mut st = conn.prepare_cached(
        "SELECT l.company_id, l.id, r.code, l.from_date, l.end_date, l.rent, l.fee FROM lease l JOIN room r ON r.id = l.room_id
          WHERE l.from_date < ?2 AND l.end_date > ?1 AND l.end_date > l.from_date
          ORDER BY r.code, l.from_date",
    )?;
    let rows = st.query_map(params![date_text(span.start()), date_text(span.end())], |r| {
        Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
    })?;
    for row in rows {
        let (company, raw) = row?;
        if let Some(terms) = lease_terms(raw) {
            out.entry(company).or_default().leases.push(terms);
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT b.company_id, b.id, e.code, e.name, e.billing_unit, b.actual_start, b.actual_end, b.billed_minutes,
                b.actual_samples, b.rate, b.charge
           FROM booking b INDEXED BY booking_state_start JOIN equipment e ON e.id = b.equipment_id
          WHERE b.state = 'completed' AND b.start >= ?1 AND b.start < ?2 AND b.company_id IS NOT NULL
          ORDER BY b.start, b.id",
    )?;
    let rows = st.query_map(params![midnight(this.start()), midnight(this.end())], |r| {
        Ok((r.get::<_, i64>(0)?, use_at(r, 1)?))
    })?;
    for row in rows {
        let (company, used) = row?;
        out.entry(company).or_default().uses.push(used);
    }
    if first < (year, month) {
        // Summed as bookings change (migration 4): a year of use at a
        // million bookings is 24,000 rows to sum, here one per company.
        let mut st = conn.prepare_cached(
            "SELECT company_id, month, charge FROM use_month WHERE month >= ?1 AND month < ?2 AND bookings > 0",
        )?;
        let (from, until) = (month_text(first.0, first.1), month_text(year, month));
        let rows = st.query_map(params![from, until], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
        })?;
        for row in rows {
            let (company, m, sum) = row?;
            // Only companies with an earlier statement read these sums.
            if let Some(i) = out.get_mut(&company).filter(|i| !i.issued.is_empty()) {
                i.used.insert(m, sum);
            }
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT s.company_id, l.source, sum(l.amount) FROM statement_line l INDEXED BY statement_line_source
           JOIN statement s ON s.id = l.statement_id WHERE l.kind = 'adjustment' GROUP BY 1, 2",
    )?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
    for row in rows {
        let (company, number, sum) = row?;
        if let Some(i) = out.get_mut(&company) {
            i.corrected.insert(number, sum);
        }
    }
    Ok(out)
}

/// The rent, fee and usage lines of `company_id` for a month. Use is billed
/// in the month its booking started.
pub(crate) fn base_lines(conn: &Connection, company_id: i64, year: i32, month: u32) -> Result<Vec<Line>> {
    let Some(this) = month_period(year, month) else { return Ok(Vec::new()) };
    let inputs =
        Inputs { leases: leases(conn, company_id, &this)?, uses: usage(conn, company_id, &this)?, ..Inputs::default() };
    Ok(base_from(&inputs, year, month))
}

fn base_from(inputs: &Inputs, year: i32, month: u32) -> Vec<Line> {
    let Some(span) = month_period(year, month) else { return Vec::new() };
    let mut lines = Vec::new();
    for (code, room, period, rent, fee) in &inputs.leases {
        let Some(covered) = period.intersection(&span) else { continue };
        let full = covered == span;
        let (quantity, unit) = if full { (1.0, Unit::Month) } else { (covered.days() as f64, Unit::Day) };
        let last = covered.end().pred_opt().unwrap_or(covered.end());
        let detail = format!("{}–{}", md(covered.start()), md(last));
        for (kind, monthly) in [(LineKind::Rent, *rent), (LineKind::Fee, *fee)] {
            let amount = charge_for_month(period, monthly, year, month);
            if amount != Won::ZERO {
                let (subject, detail, source) = (room.clone(), detail.clone(), code.clone());
                lines.push(Line { kind, subject, detail, quantity, unit, unit_price: Some(monthly), amount, source });
            }
        }
    }
    for (id, code, name, unit, start, end, minutes, samples, rate, charge) in &inputs.uses {
        let (quantity, unit) = if unit == "sample" {
            (samples.unwrap_or(0) as f64, Unit::Sample)
        } else {
            (minutes.unwrap_or(0) as f64 / 60.0, Unit::Hour)
        };
        // Firings run for days: show the end's date when it is another day.
        let until = match end.as_deref() {
            Some(e) if e.get(..10) == start.get(..10) => e.get(11..).unwrap_or_default(),
            Some(e) => e.get(5..).unwrap_or_default(),
            None => "",
        };
        let detail = format!("{}–{until}", start.get(5..).unwrap_or(start));
        lines.push(Line {
            kind: LineKind::Usage,
            subject: format!("{code} {name}"),
            detail,
            quantity,
            unit,
            unit_price: rate.map(Won),
            amount: Won(charge.unwrap_or(0)),
            source: id.to_string(),
        });
    }
    lines
}

/// Corrections of the statements issued before `month`: what each month
/// comes to now, less what was issued for it and corrected since.
fn adjustments_from(inputs: &Inputs) -> Vec<Line> {
    let mut out = Vec::new();
    for (number, m, issued_base) in &inputs.issued {
        let Ok((y, mo)) = parse_month(m) else { continue };
        let rent: i64 = inputs
            .leases
            .iter()
            .map(|(_, _, period, rent, fee)| {
                charge_for_month(period, *rent, y, mo).0 + charge_for_month(period, *fee, y, mo).0
            })
            .sum();
        let now = rent + inputs.used.get(m).copied().unwrap_or(0);
        let diff = now - issued_base - inputs.corrected.get(number).copied().unwrap_or(0);
        if diff != 0 {
            out.push(Line {
                kind: LineKind::Adjustment,
                subject: number.clone(),
                detail: m.clone(),
                quantity: 1.0,
                unit: Unit::Lump,
                unit_price: None,
                amount: Won(diff),
                source: number.clone(),
            });
        }
    }
    out
}

/// Every line a statement for the month would hold now, from its inputs.
pub(super) fn lines_from(inputs: &Inputs, year: i32, month: u32) -> Vec<Line> {
    let mut lines = base_from(inputs, year, month);
    lines.extend(adjustments_from(inputs));
    lines
}

/// Every line a statement for `company_id` and the month would hold now.
pub(crate) fn lines(conn: &Connection, company_id: i64, year: i32, month: u32) -> Result<Vec<Line>> {
    Ok(lines_from(&inputs(conn, company_id, year, month)?, year, month))
}
