//! Course fees on statements: each seat charged its fee once, on its
//! party's first statement issued after the seat was taken, and each
//! refund once, as a negative line, on the first after the cancellation.
//! The statement line names its enrolment; the schema refuses a second.

use crate::domain::statement::{Line, LineKind, LineTerms, Tax, Unit};
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::Sql;
use crate::store::sql::statement::course_fee::{self as sql, FeeEvent};

pub(super) use crate::store::sql::statement::course_fee::FeeEvent as Event;

/// The charges and refunds of a party (or of all) before `before` that no
/// statement has billed yet.
pub(super) fn unbilled(db: Sql<'_>, party_id: Option<i64>, before: Minute) -> Result<Vec<FeeEvent>> {
    sql::unbilled(db, party_id, before)
}

/// A line for each: the course, the cohort and the trainee; the fee, or
/// its refund as a negative amount, taxed as the course said when the seat
/// was taken.
pub(super) fn lines(events: &[FeeEvent]) -> Vec<Line> {
    events
        .iter()
        .map(|e| Line {
            kind: LineKind::CourseFee,
            subject: format!("{} {}", e.course, e.title),
            detail: format!("{} · {}", e.cohort, e.person),
            quantity: 1.0,
            unit: Unit::Lump,
            unit_price: Some(e.fee),
            amount: if e.refund { Won(-e.fee.0) } else { e.fee },
            source: format!("{}/{}", e.course, e.cohort),
            terms: LineTerms {
                tax: Tax::parse(&e.tax).unwrap_or(Tax::Exempt),
                enrolment: Some(e.enrolment_id),
                ..LineTerms::default()
            },
        })
        .collect()
}
