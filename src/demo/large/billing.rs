//! The large centre's last year of statements, issued on the 5th of the next
//! month to every party with something to bill, and their payments: most
//! pay within the month, a few late, part or not at all.

use chrono::{Datelike, Months, NaiveDate};

use super::super::rng::Rng;
use super::Loaded;
use super::centre::Firm;
use crate::db::Write;
use crate::db::statement::{PAYMENT_TERM_DAYS, base_lines, insert_lines};
use crate::domain::statement::{month_text, number, totals};
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::sql::demo::billing as sql;

/// How many finished months are issued.
const MONTHS: u32 = 12;
/// The day of the next month a statement is issued on.
const ISSUE_DAY: u32 = 5;

#[derive(Default)]
struct Counts {
    statements: usize,
    lines: usize,
    payments: usize,
}

/// Issues the last twelve finished months as `kiln statement issue` would
/// have on their issue days (the lines are the drafts', from the same
/// query), and records payments; returns how many statements.
pub(super) fn statements(
    w: &mut Write<'_>,
    loaded: &Loaded<'_>,
    rng: &mut Rng,
    firms: &[Firm],
    today: NaiveDate,
) -> Result<usize> {
    let mut counts = Counts::default();
    let Some(this_month) = NaiveDate::from_ymd_opt(today.year(), today.month(), 1) else { return Ok(0) };
    for back in (1..=MONTHS).rev() {
        let Some(first) = this_month.checked_sub_months(Months::new(back)) else { continue };
        let Some(next) = first.checked_add_months(Months::new(1)) else { continue };
        let Some(issued_on) = next.with_day(ISSUE_DAY) else { continue };
        if issued_on > today {
            continue;
        }
        issue_month(w, rng, (first, next), issued_on, today, &mut counts)?;
        loaded.tick(firms.len());
    }
    loaded.table(w, "statement", counts.statements)?;
    loaded.table(w, "statement_line", counts.lines)?;
    loaded.table(w, "payment", counts.payments)?;
    Ok(counts.statements)
}

#[allow(clippy::many_single_char_names)]
fn issue_month(
    w: &mut Write<'_>,
    rng: &mut Rng,
    month: (NaiveDate, NaiveDate),
    issued_on: NaiveDate,
    today: NaiveDate,
    counts: &mut Counts,
) -> Result<()> {
    let (y, m) = (month.0.year(), month.0.month());
    let due = issued_on + chrono::Duration::days(PAYMENT_TERM_DAYS);
    let mut serial = 0;
    let (first, next) = month;
    for party_id in sql::billable(w.sql(), Minute::at(first, 0, 0), Minute::at(next, 0, 0), first, next)? {
        let lines = base_lines(w.sql(), party_id, y, m)?;
        let Some(t) = totals(&lines).filter(|_| !lines.is_empty()) else { continue };
        serial += 1;
        let num = number(y, m, serial);
        let row = sql::Statement {
            number: &num,
            party_id,
            month: &month_text(y, m),
            issued_on,
            due_on: due,
            supply: t.supply,
            vat: t.vat,
            total: t.total,
            issued_by: w.who(),
        };
        let sid = sql::statement(w.sql(), &row)?;
        insert_lines(w.sql(), sid, &lines)?;
        counts.statements += 1;
        counts.lines += lines.len();
        if let Some((on, amount, method)) = payment(rng, t.total.0, issued_on, today) {
            let row = sql::Payment {
                statement_id: sid,
                paid_on: on,
                amount: Won(amount),
                method,
                recorded_at: Minute::at(on, 16, 0),
                recorded_by: w.who(),
            };
            sql::payment(w.sql(), &row)?;
            counts.payments += 1;
        }
    }
    Ok(())
}

/// When and how much a company paid, if it has: late but in full, half
/// now, nothing yet, or (most) in full within the term.
fn payment(
    rng: &mut Rng,
    total: i64,
    issued_on: NaiveDate,
    today: NaiveDate,
) -> Option<(NaiveDate, i64, &'static str)> {
    if total <= 0 {
        return None;
    }
    let (days, amount) = match rng.range(0, 100) {
        0..=7 => (rng.range(PAYMENT_TERM_DAYS + 5, PAYMENT_TERM_DAYS + 60), total),
        8..=11 => (rng.range(10, PAYMENT_TERM_DAYS), total / 2),
        12..=15 => return None,
        _ => (rng.range(3, PAYMENT_TERM_DAYS), total),
    };
    let on = issued_on + chrono::Duration::days(days);
    let method = if rng.chance(85) { "transfer" } else { "card" };
    (on <= today && amount > 0).then_some((on, amount, method))
}
