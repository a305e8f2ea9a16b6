//! What a company owes for a month, computed from the leases and the
//! completed bookings as they stand now, plus corrections of statements
//! already issued whose month has changed since.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{Connection, params};

use crate::domain::lease::{charge_for_month, month_period, month_start};
use crate::domain::statement::{Line, LineKind, Unit, month_text, parse_month};
use crate::domain::time::{date_text, stored_date};
use crate::domain::{Period, Won};
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
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, room, from, end, rent, fee) = row?;
        let (Some(from), Some(end)) = (stored_date(&from), stored_date(&end)) else { continue };
        let Ok(period) = Period::new(from, end) else { continue };
        out.push((crate::domain::codes::numbered("L", id), room, period, Won(rent), Won(fee)));
    }
    Ok(out)
}

fn md(d: NaiveDate) -> String {
    d.format("%m/%d").to_string()
}

/// One completed booking's figures, as billed.
type Use = (i64, String, String, String, String, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);

fn usage(conn: &Connection, company_id: i64, span: &Period<NaiveDate>) -> Result<Vec<Use>> {
    let mut st = conn.prepare_cached(
        "SELECT b.id, e.code, e.name, e.billing_unit, b.actual_start, b.actual_end, b.billed_minutes, b.actual_samples,
                b.rate, b.charge
           FROM booking b INDEXED BY booking_company_start JOIN equipment e ON e.id = b.equipment_id
          WHERE b.company_id = ?1 AND b.start >= ?2 AND b.start < ?3 AND b.state = 'completed'
          ORDER BY b.start, b.id",
    )?;
    let from = format!("{} 00:00", date_text(span.start()));
    let to = format!("{} 00:00", date_text(span.end()));
    let rows = st
        .query_map(params![company_id, from, to], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The rent, fee and usage lines of `company_id` for a month. Use is billed
/// in the month its booking started.
pub(crate) fn base_lines(conn: &Connection, company_id: i64, year: i32, month: u32) -> Result<Vec<Line>> {
    let Some(span) = month_period(year, month) else { return Ok(Vec::new()) };
    let mut lines = Vec::new();
    for (code, room, period, rent, fee) in leases(conn, company_id, &span)? {
        let Some(covered) = period.intersection(&span) else { continue };
        let full = covered == span;
        let (quantity, unit) = if full { (1.0, Unit::Month) } else { (covered.days() as f64, Unit::Day) };
        let last = covered.end().pred_opt().unwrap_or(covered.end());
        let detail = format!("{}–{}", md(covered.start()), md(last));
        for (kind, monthly) in [(LineKind::Rent, rent), (LineKind::Fee, fee)] {
            let amount = charge_for_month(&period, monthly, year, month);
            if amount != Won::ZERO {
                let (subject, detail, source) = (room.clone(), detail.clone(), code.clone());
                lines.push(Line { kind, subject, detail, quantity, unit, unit_price: Some(monthly), amount, source });
            }
        }
    }
    for (id, code, name, unit, start, end, minutes, samples, rate, charge) in usage(conn, company_id, &span)? {
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
        let detail = format!("{}–{until}", start.get(5..).unwrap_or(&start));
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
    Ok(lines)
}

/// What each month from `from` up to (not including) `until` comes to now
/// for the company, by `YYYY-MM`: the same sums as [`base_lines`], in three
/// queries whatever the number of months.
fn month_totals(conn: &Connection, company_id: i64, span: &Period<NaiveDate>) -> Result<HashMap<String, i64>> {
    let mut out: HashMap<String, i64> = HashMap::new();
    let leases = leases(conn, company_id, span)?;
    let mut first = span.start();
    while first < span.end() {
        let (y, m) = (first.year(), first.month());
        let rent: i64 = leases
            .iter()
            .map(|(_, _, period, rent, fee)| {
                charge_for_month(period, *rent, y, m).0 + charge_for_month(period, *fee, y, m).0
            })
            .sum();
        *out.entry(month_text(y, m)).or_default() += rent;
        let Some(next) = first.checked_add_months(Months::new(1)) else { break };
        first = next;
    }
    let mut st = conn.prepare_cached(
        "SELECT substr(start, 1, 7), coalesce(sum(charge), 0) FROM booking INDEXED BY booking_company_start
          WHERE company_id = ?1 AND start >= ?2 AND start < ?3 AND state = 'completed' GROUP BY 1",
    )?;
    let from = format!("{} 00:00", date_text(span.start()));
    let to = format!("{} 00:00", date_text(span.end()));
    for row in st.query_map(params![company_id, from, to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (m, sum) = row?;
        *out.entry(m).or_default() += sum;
    }
    Ok(out)
}

/// Corrections of the company's statements issued before `month`: what each
/// month comes to now, less what was issued for it and corrected since.
fn adjustments(conn: &Connection, company_id: i64, month: &str) -> Result<Vec<Line>> {
    let issued: Vec<(String, String, i64)> = conn
        .prepare_cached(
            "SELECT s.number, s.month,
                    (SELECT coalesce(sum(amount), 0) FROM statement_line l WHERE l.statement_id = s.id AND l.kind <> 'adjustment')
               FROM statement s WHERE s.company_id = ?1 AND s.month < ?2 ORDER BY s.month",
        )?
        .query_map(params![company_id, month], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let Some((_, first, _)) = issued.first() else { return Ok(Vec::new()) };
    let start = parse_month(first).ok().and_then(|(y, m)| month_start(y, m));
    let end = parse_month(month).ok().and_then(|(y, m)| month_start(y, m));
    let Some(span) = start.zip(end).and_then(|(s, e)| Period::new(s, e).ok()) else { return Ok(Vec::new()) };
    let now = month_totals(conn, company_id, &span)?;
    let corrected: HashMap<String, i64> = conn
        .prepare_cached(
            "SELECT l.source, sum(l.amount) FROM statement_line l JOIN statement s ON s.id = l.statement_id
              WHERE s.company_id = ?1 AND l.kind = 'adjustment' GROUP BY l.source",
        )?
        .query_map([company_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (number, m, issued_base) in issued {
        let diff = now.get(&m).copied().unwrap_or(0) - issued_base - corrected.get(&number).copied().unwrap_or(0);
        if diff != 0 {
            out.push(Line {
                kind: LineKind::Adjustment,
                subject: number.clone(),
                detail: m,
                quantity: 1.0,
                unit: Unit::Lump,
                unit_price: None,
                amount: Won(diff),
                source: number,
            });
        }
    }
    Ok(out)
}

/// Every line a statement for `company_id` and the month would hold now.
pub(crate) fn lines(conn: &Connection, company_id: i64, year: i32, month: u32) -> Result<Vec<Line>> {
    let mut lines = base_lines(conn, company_id, year, month)?;
    lines.extend(adjustments(conn, company_id, &month_text(year, month))?);
    Ok(lines)
}
