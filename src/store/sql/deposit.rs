//! Deposits (보증금): the leases they are held against, and their ledger.

use chrono::NaiveDate;

use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::Sql;

/// A lease as deposits see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaseRow {
    pub id: i64,
    pub company_id: i64,
    pub room_id: i64,
    pub room: String,
    pub company: String,
    /// Ten digits.
    pub brn: String,
    pub from: NaiveDate,
    /// The first day the company no longer holds the room.
    pub end: NaiveDate,
    /// The deposit the lease was signed with.
    pub agreed: Won,
}

/// The leases of a company (or all), by id.
pub fn leases(db: Sql<'_>, company_id: Option<i64>) -> Result<Vec<LeaseRow>> {
    db.all(
        "SELECT l.id, l.company_id, l.room_id, r.code, c.name, c.brn, l.from_date,
                coalesce(l.ended_on, l.to_date), l.deposit
           FROM lease l JOIN room r ON r.id = l.room_id JOIN company c ON c.id = l.company_id
          WHERE l.company_id = ?1 OR ?1 IS NULL ORDER BY l.id",
        &[&company_id],
        |r| {
            Ok(LeaseRow {
                id: r.get(0)?,
                company_id: r.get(1)?,
                room_id: r.get(2)?,
                room: r.get(3)?,
                company: r.get(4)?,
                brn: r.get(5)?,
                from: r.get(6)?,
                end: r.get(7)?,
                agreed: r.get(8)?,
            })
        },
    )
}

/// The company a lease is of, if there is that lease.
pub fn company_of(db: Sql<'_>, lease_id: i64) -> Result<Option<i64>> {
    db.opt("SELECT company_id FROM lease WHERE id = ?1", &[&lease_id], |r| r.get(0))
}

/// One movement of deposit money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub lease_id: i64,
    /// `received`, `refunded`, `offset`.
    pub kind: String,
    pub on: NaiveDate,
    pub amount: Won,
    pub note: String,
    /// The statement an offset paid.
    pub statement: Option<String>,
}

/// The ledger of a company's leases (or every lease), in the order written.
pub fn entries(db: Sql<'_>, company_id: Option<i64>) -> Result<Vec<Entry>> {
    db.all(
        "SELECT e.lease_id, e.kind, e.on_date, e.amount, e.note, s.number
           FROM deposit_entry e JOIN lease l ON l.id = e.lease_id
           LEFT JOIN payment p ON p.id = e.payment_id LEFT JOIN statement s ON s.id = p.statement_id
          WHERE l.company_id = ?1 OR ?1 IS NULL ORDER BY e.id",
        &[&company_id],
        |r| {
            Ok(Entry {
                lease_id: r.get(0)?,
                kind: r.get(1)?,
                on: r.get(2)?,
                amount: r.get(3)?,
                note: r.get(4)?,
                statement: r.get(5)?,
            })
        },
    )
}

/// An entry as written.
pub struct NewEntry<'a> {
    pub lease_id: i64,
    pub kind: &'a str,
    pub on: NaiveDate,
    pub amount: Won,
    pub payment_id: Option<i64>,
    pub note: &'a str,
    pub recorded_at: Minute,
    pub recorded_by: &'a str,
}

/// Writes an entry; its id.
pub fn insert(db: Sql<'_>, e: &NewEntry<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO deposit_entry (lease_id, kind, on_date, amount, payment_id, note, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        &[&e.lease_id, &e.kind, &e.on, &e.amount, &e.payment_id, &e.note, &e.recorded_at, &e.recorded_by],
    )
}

/// An issued statement with money outstanding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owed {
    pub id: i64,
    pub number: String,
    pub outstanding: Won,
}

/// A party's statements issued by `on` with money outstanding, oldest due
/// first: what a deposit settles.
pub fn owed(db: Sql<'_>, party_id: i64, on: NaiveDate) -> Result<Vec<Owed>> {
    db.all(
        "SELECT id, number, outstanding
           FROM (SELECT s.id, s.number, s.due_on,
                        s.total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
                        AS outstanding
                   FROM statement s WHERE s.party_id = ?1 AND s.issued_on <= ?2) o
          WHERE outstanding > 0 ORDER BY due_on, number",
        &[&party_id, &on],
        |r| Ok(Owed { id: r.get(0)?, number: r.get(1)?, outstanding: r.get(2)? }),
    )
}

/// An offset whose payment is not what it says: another amount, or a
/// statement of another company's party. The lease, the entry's amount and
/// the statement.
pub fn unmatched_offsets(db: Sql<'_>) -> Result<Vec<(i64, Won, Option<String>)>> {
    db.all(
        "SELECT e.lease_id, e.amount, s.number
           FROM deposit_entry e JOIN lease l ON l.id = e.lease_id
           LEFT JOIN payment p ON p.id = e.payment_id LEFT JOIN statement s ON s.id = p.statement_id
           LEFT JOIN party y ON y.id = s.party_id
          WHERE e.kind = 'offset'
            AND (p.id IS NULL OR p.amount <> e.amount OR y.company_id IS DISTINCT FROM l.company_id)
          ORDER BY e.id",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
