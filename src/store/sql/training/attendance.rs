//! Attendance marks, and the writes that complete a cohort.

use chrono::NaiveDate;

use crate::domain::Minute;
use crate::error::Result;
use crate::store::Sql;

/// The person's seated (enrolled) place in the cohort.
pub fn enrolled(db: Sql<'_>, cohort_id: i64, person_id: i64) -> Result<Option<i64>> {
    db.opt(
        "SELECT id FROM enrolment WHERE cohort_id = ?1 AND person_id = ?2 AND status = 'enrolled'",
        &[&cohort_id, &person_id],
        |r| r.get(0),
    )
}

/// The mark's code, if one is recorded.
pub fn mark(db: Sql<'_>, session_id: i64, enrolment_id: i64) -> Result<Option<String>> {
    db.opt(
        "SELECT status FROM attendance WHERE session_id = ?1 AND enrolment_id = ?2",
        &[&session_id, &enrolment_id],
        |r| r.get(0),
    )
}

/// Records a mark, replacing one recorded before.
pub fn record(db: Sql<'_>, session_id: i64, enrolment_id: i64, status: &str, at: Minute, who: &str) -> Result<()> {
    db.run(
        "INSERT INTO attendance (session_id, enrolment_id, status, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (session_id, enrolment_id) DO UPDATE SET status = excluded.status, recorded_at = excluded.recorded_at,
                recorded_by = excluded.recorded_by",
        &[&session_id, &enrolment_id, &status, &at, &who],
    )?;
    Ok(())
}

/// The cohort's seated places (enrolled, completed or failed), in order.
pub fn seated(db: Sql<'_>, cohort_id: i64) -> Result<Vec<i64>> {
    db.all(
        "SELECT id FROM enrolment WHERE cohort_id = ?1 AND status IN ('enrolled', 'completed', 'failed') ORDER BY id",
        &[&cohort_id],
        |r| r.get(0),
    )
}

pub fn complete(db: Sql<'_>, enrolment_id: i64, certificate: &str) -> Result<()> {
    db.run(
        "UPDATE enrolment SET status = 'completed', certificate = ?2 WHERE id = ?1",
        &[&enrolment_id, &certificate],
    )?;
    Ok(())
}

pub fn fail(db: Sql<'_>, enrolment_id: i64) -> Result<()> {
    db.run("UPDATE enrolment SET status = 'failed' WHERE id = ?1", &[&enrolment_id])?;
    Ok(())
}

pub fn person_of(db: Sql<'_>, enrolment_id: i64) -> Result<i64> {
    db.value("SELECT person_id FROM enrolment WHERE id = ?1", &[&enrolment_id])
}

/// What completing a cohort grants one trainee.
pub struct Earned<'a> {
    pub person_id: i64,
    pub course_id: i64,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub cohort_id: i64,
    pub at: Minute,
    pub by: &'a str,
}

/// Adds the qualification a completed cohort earned; its id.
pub fn grant(db: Sql<'_>, q: &Earned<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO qualification (person_id, course_id, valid_from, valid_until, origin, cohort_id, granted_at, granted_by)
                         VALUES (?1, ?2, ?3, ?4, 'cohort', ?5, ?6, ?7) RETURNING id",
        &[&q.person_id, &q.course_id, &q.from, &q.until, &q.cohort_id, &q.at, &q.by],
    )
}

/// Cancels the places still waiting when a cohort completes.
pub fn cancel_waiting(db: Sql<'_>, cohort_id: i64, at: Minute) -> Result<()> {
    db.run(
        "UPDATE enrolment SET status = 'cancelled', cancelled_at = ?2 WHERE cohort_id = ?1 AND status = 'waitlisted'",
        &[&cohort_id, &at],
    )?;
    Ok(())
}

pub fn close_cohort(db: Sql<'_>, cohort_id: i64, on: NaiveDate) -> Result<()> {
    db.run("UPDATE cohort SET completed_on = ?2 WHERE id = ?1", &[&cohort_id, &on])?;
    Ok(())
}
