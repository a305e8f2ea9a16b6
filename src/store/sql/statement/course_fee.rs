//! Course fees charged and refunded and not yet on a statement: what the
//! party's next statement bills.

use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::Sql;

/// A seat charged its course's fee, or a charged seat cancelled before the
/// first session and so refunded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeEvent {
    pub party_id: i64,
    pub enrolment_id: i64,
    pub course: String,
    pub title: String,
    pub cohort: String,
    pub person: String,
    pub fee: Won,
    /// `exempt` or `taxable`.
    pub tax: String,
    pub refund: bool,
    pub at: Minute,
}

/// The charges and refunds of a party (or of every party) that happened
/// before `before` and are on no statement yet, in the order they happened.
pub fn unbilled(db: Sql<'_>, party_id: Option<i64>, before: Minute) -> Result<Vec<FeeEvent>> {
    db.all(
        "SELECT e.party_id, e.id, c.code, c.title, h.code, p.name, e.fee, e.fee_tax, 'charge', e.charged_at
           FROM enrolment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id
           JOIN person p ON p.id = e.person_id
          WHERE e.fee IS NOT NULL AND e.charged_at < ?2 AND (e.party_id = ?1 OR ?1 IS NULL)
            AND NOT EXISTS (SELECT 1 FROM statement_line l WHERE l.enrolment_id = e.id AND l.amount > 0)
         UNION ALL
         SELECT e.party_id, e.id, c.code, c.title, h.code, p.name, e.fee, e.fee_tax, 'refund', e.refunded_at
           FROM enrolment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id
           JOIN person p ON p.id = e.person_id
          WHERE e.refunded_at IS NOT NULL AND e.refunded_at < ?2 AND (e.party_id = ?1 OR ?1 IS NULL)
            AND NOT EXISTS (SELECT 1 FROM statement_line l WHERE l.enrolment_id = e.id AND l.amount < 0)
          ORDER BY 10, 2, 9",
        &[&party_id, &before],
        |r| {
            let what: String = r.get(8)?;
            Ok(FeeEvent {
                party_id: r.get(0)?,
                enrolment_id: r.get(1)?,
                course: r.get(2)?,
                title: r.get(3)?,
                cohort: r.get(4)?,
                person: r.get(5)?,
                fee: r.get(6)?,
                tax: r.get(7)?,
                refund: what == "refund",
                at: r.get(9)?,
            })
        },
    )
}
