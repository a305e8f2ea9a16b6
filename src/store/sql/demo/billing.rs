//! The large demo's statements and payments.

use chrono::NaiveDate;

use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::Sql;

/// The parties with a completed booking that started in `[from, to)`, or
/// whose company held a lease in the month starting `first` and ending
/// before `next`: the only ones a first year of statements can bill. In
/// the order `statement issue` numbers them, by name.
pub fn billable(db: Sql<'_>, from: Minute, to: Minute, first: NaiveDate, next: NaiveDate) -> Result<Vec<i64>> {
    db.all(
        "SELECT y.id FROM party y LEFT JOIN company c ON c.id = y.company_id
          WHERE y.id IN (SELECT party_id FROM booking INDEXED BY booking_state_start
                          WHERE state = 'completed' AND start >= ?1 AND start < ?2)
             OR y.company_id IN (SELECT company_id FROM lease
                                  WHERE from_date < ?4 AND end_date > ?3 AND end_date > from_date)
          ORDER BY coalesce(c.name, y.name), y.id",
        &[&from, &to, &first, &next],
        |r| r.get(0),
    )
}

/// A statement as issued; its lines go in after it.
pub struct Statement<'a> {
    pub number: &'a str,
    pub party_id: i64,
    /// `YYYY-MM`.
    pub month: &'a str,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub supply: Won,
    pub vat: Won,
    pub total: Won,
    pub issued_by: &'a str,
}

/// Writes the statement; its id.
pub fn statement(db: Sql<'_>, s: &Statement<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO statement (number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by)
             VALUES (?1, ?2, (SELECT company_id FROM party WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        &[&s.number, &s.party_id, &s.month, &s.issued_on, &s.due_on, &s.supply, &s.vat, &s.total, &s.issued_by],
    )
}

/// A payment with no note.
pub struct Payment<'a> {
    pub statement_id: i64,
    pub paid_on: NaiveDate,
    pub amount: Won,
    pub method: &'a str,
    pub recorded_at: Minute,
    pub recorded_by: &'a str,
}

pub fn payment(db: Sql<'_>, p: &Payment<'_>) -> Result<()> {
    db.run(
        "INSERT INTO payment (statement_id, paid_on, amount, method, note, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, '', ?5, ?6)",
        &[&p.statement_id, &p.paid_on, &p.amount, &p.method, &p.recorded_at, &p.recorded_by],
    )?;
    Ok(())
}
