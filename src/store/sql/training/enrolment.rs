//! Places in cohorts: seated, waitlisted, cancelled, completed or failed.

use serde::Serialize;

use crate::domain::{EnrolmentStatus, Minute, Won};
use crate::error::{Error, Result};
use crate::store::{Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Enrolment {
    #[serde(skip)]
    pub id: i64,
    pub cohort: String,
    pub person: String,
    pub person_name: String,
    pub company_name: Option<String>,
    pub status: EnrolmentStatus,
    /// 1 for the first in line, while waitlisted.
    pub position: Option<i64>,
    pub enrolled_at: Minute,
    /// Set when a seat came from the waitlist: the person is told.
    pub promoted_at: Option<Minute>,
    pub cancelled_at: Option<Minute>,
    pub override_reason: Option<String>,
    pub certificate: Option<String>,
    /// The course fee charged when the seat was taken (none for a free
    /// course or a seat still waiting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<Won>,
    /// When a cancellation before the first session refunded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refunded_at: Option<Minute>,
}

const SELECT: &str = "SELECT e.id, c.code || '/' || h.code, p.code, p.name, co.name, e.status, e.enrolled_at, e.promoted_at,
       e.cancelled_at, e.override_reason, e.certificate,
       CASE WHEN e.status = 'waitlisted' THEN
         (SELECT count(*) FROM enrolment w WHERE w.cohort_id = e.cohort_id AND w.status = 'waitlisted' AND w.id <= e.id) END,
       e.fee, e.refunded_at
  FROM enrolment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id
  JOIN person p ON p.id = e.person_id LEFT JOIN company co ON co.id = p.company_id";

fn row(r: &Row<'_, '_>) -> Result<Enrolment> {
    let status: String = r.get(5)?;
    Ok(Enrolment {
        id: r.get(0)?,
        cohort: r.get(1)?,
        person: r.get(2)?,
        person_name: r.get(3)?,
        company_name: r.get(4)?,
        status: EnrolmentStatus::parse(&status).map_err(|_| not_a(5, "status"))?,
        enrolled_at: r.get(6)?,
        promoted_at: r.get(7)?,
        cancelled_at: r.get(8)?,
        override_reason: r.get(9)?,
        certificate: r.get(10)?,
        position: r.get(11)?,
        fee: r.get(12)?,
        refunded_at: r.get(13)?,
    })
}

/// A stored code that is none of its kind's, as the engine reports a column
/// it cannot convert.
pub(super) fn not_a(column: usize, what: &str) -> Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, what.into()).into()
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Enrolment> {
    db.one(&format!("{SELECT} WHERE e.id = ?1"), &[&id], row)
}

/// The id and name of the person with this (canonical) code.
pub fn person(db: Sql<'_>, code: &str) -> Result<Option<(i64, String)>> {
    db.opt("SELECT id, name FROM person WHERE code = ?1", &[&code], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// The person's place in the cohort that is not cancelled, if any.
pub fn place(db: Sql<'_>, cohort_id: i64, person_id: i64) -> Result<Option<i64>> {
    db.opt(
        "SELECT id FROM enrolment WHERE cohort_id = ?1 AND person_id = ?2 AND status <> 'cancelled'",
        &[&cohort_id, &person_id],
        |r| r.get(0),
    )
}

pub fn seated(db: Sql<'_>, cohort_id: i64) -> Result<i64> {
    db.value(
        "SELECT count(*) FROM enrolment WHERE cohort_id = ?1 AND status IN ('enrolled', 'completed', 'failed')",
        &[&cohort_id],
    )
}

pub fn waiting(db: Sql<'_>, cohort_id: i64) -> Result<i64> {
    db.value("SELECT count(*) FROM enrolment WHERE cohort_id = ?1 AND status = 'waitlisted'", &[&cohort_id])
}

/// The earliest waiting place of the cohort.
pub fn first_waiting(db: Sql<'_>, cohort_id: i64) -> Result<Option<i64>> {
    db.value("SELECT min(id) FROM enrolment WHERE cohort_id = ?1 AND status = 'waitlisted'", &[&cohort_id])
}

pub fn promote(db: Sql<'_>, id: i64, at: Minute) -> Result<()> {
    db.run("UPDATE enrolment SET status = 'enrolled', promoted_at = ?2 WHERE id = ?1", &[&id, &at])?;
    Ok(())
}

/// How many times the person completed the course.
pub fn completed(db: Sql<'_>, person_id: i64, course: &str) -> Result<i64> {
    db.value(
        "SELECT count(*) FROM enrolment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id
                  WHERE e.person_id = ?1 AND c.code = ?2 AND e.status = 'completed'",
        &[&person_id, &course],
    )
}

/// Adds a place; its id. The schema refuses a seat beyond the capacity
/// (`Guard::CohortFull`).
pub fn insert(
    db: Sql<'_>,
    cohort_id: i64,
    person_id: i64,
    status: EnrolmentStatus,
    at: Minute,
    reason: Option<&str>,
) -> Result<i64> {
    db.value(
        "INSERT INTO enrolment (cohort_id, person_id, status, enrolled_at, override_reason) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        &[&cohort_id, &person_id, &status.code(), &at, &reason],
    )
}

/// The fee a seat in the cohort is charged now, its tax (`exempt`,
/// `taxable`), and the company of the person `person_id` (whose party pays).
pub fn fee_terms(db: Sql<'_>, cohort_id: i64, person_id: i64) -> Result<(Won, String, Option<i64>)> {
    db.one(
        "SELECT c.fee, c.fee_tax, (SELECT company_id FROM person WHERE id = ?2)
           FROM cohort h JOIN course c ON c.id = h.course_id WHERE h.id = ?1",
        &[&cohort_id, &person_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Charges a seat its course's fee, to `party_id`, at `at`.
pub fn charge(db: Sql<'_>, id: i64, fee: Won, tax: &str, party_id: i64, at: Minute) -> Result<()> {
    db.run(
        "UPDATE enrolment SET fee = ?2, fee_tax = ?3, party_id = ?4, charged_at = ?5 WHERE id = ?1",
        &[&id, &fee, &tax, &party_id, &at],
    )?;
    Ok(())
}

/// Refunds a cancelled seat's fee, if it was charged one and the cohort's
/// first session has not begun by `at` (or it has none).
pub fn refund(db: Sql<'_>, id: i64, at: Minute) -> Result<()> {
    db.run(
        "UPDATE enrolment SET refunded_at = ?2
          WHERE id = ?1 AND fee IS NOT NULL AND status = 'cancelled'
            AND NOT EXISTS (SELECT 1 FROM session s WHERE s.cohort_id = enrolment.cohort_id AND s.start <= ?2)",
        &[&id, &at],
    )?;
    Ok(())
}

pub fn cancel(db: Sql<'_>, id: i64, at: Minute) -> Result<()> {
    db.run("UPDATE enrolment SET status = 'cancelled', cancelled_at = ?2 WHERE id = ?1", &[&id, &at])?;
    Ok(())
}

/// Sets a cohort's capacity; the schema refuses one below the seated
/// (`Guard::CapacityBelowEnrolled`).
pub fn set_capacity(db: Sql<'_>, cohort_id: i64, capacity: i64) -> Result<()> {
    db.run("UPDATE cohort SET capacity = ?2 WHERE id = ?1", &[&cohort_id, &capacity])?;
    Ok(())
}

/// Places in a cohort and/or of a person: seated first, then the waitlist in order.
pub fn list(db: Sql<'_>, cohort_id: Option<i64>, person_id: Option<i64>) -> Result<Vec<Enrolment>> {
    let sql = format!(
        "{SELECT} WHERE (e.cohort_id = ?1 OR ?1 IS NULL) AND (e.person_id = ?2 OR ?2 IS NULL)
          ORDER BY e.cohort_id, CASE e.status WHEN 'waitlisted' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END, e.id"
    );
    db.all(&sql, &[&cohort_id, &person_id], row)
}
