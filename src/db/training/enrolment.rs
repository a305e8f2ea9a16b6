//! Enrolment: a seat while there is one, else a place on the waitlist; a
//! cancellation seats the earliest waiting person in the same transaction.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Cohort, cohort_by_id, cohort_by_ref, course_by_code};
use crate::db::write::json;
use crate::db::{Store, Write, raised};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::{Capability, EnrolmentStatus, Field, ForField, Invalid, Problem, text};
use crate::error::{Error, Refusal, Result};

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
    pub enrolled_at: String,
    /// Set when a seat came from the waitlist: the person is told.
    pub promoted_at: Option<String>,
    pub cancelled_at: Option<String>,
    pub override_reason: Option<String>,
    pub certificate: Option<String>,
}

const SELECT: &str = "SELECT e.id, c.code || '/' || h.code, p.code, p.name, co.name, e.status, e.enrolled_at, e.promoted_at,
       e.cancelled_at, e.override_reason, e.certificate,
       CASE WHEN e.status = 'waitlisted' THEN
         (SELECT count(*) FROM enrolment w WHERE w.cohort_id = e.cohort_id AND w.status = 'waitlisted' AND w.id <= e.id) END
  FROM enrolment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id
  JOIN person p ON p.id = e.person_id LEFT JOIN company co ON co.id = p.company_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Enrolment> {
    let status: String = r.get(5)?;
    Ok(Enrolment {
        id: r.get(0)?,
        cohort: r.get(1)?,
        person: r.get(2)?,
        person_name: r.get(3)?,
        company_name: r.get(4)?,
        status: EnrolmentStatus::parse(&status)
            .map_err(|_| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, "status".into()))?,
        enrolled_at: r.get(6)?,
        promoted_at: r.get(7)?,
        cancelled_at: r.get(8)?,
        override_reason: r.get(9)?,
        certificate: r.get(10)?,
        position: r.get(11)?,
    })
}

pub(super) fn by_id(conn: &Connection, id: i64) -> Result<Enrolment> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?.query_row([id], row)?)
}

pub(super) fn person_id(conn: &Connection, raw: &str) -> Result<(i64, String)> {
    let n = parse_numbered("P", raw, "P-0001").field(Field::Person, raw)?;
    conn.query_row("SELECT id, name FROM person WHERE code = ?1", [numbered("P", n)], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Person, raw, Problem::NotFound).into())
}

/// The person's place in the cohort that is not cancelled, if any.
fn place(conn: &Connection, cohort_id: i64, person_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM enrolment WHERE cohort_id = ?1 AND person_id = ?2 AND status <> 'cancelled'",
            params![cohort_id, person_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn seated(conn: &Connection, cohort_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM enrolment WHERE cohort_id = ?1 AND status IN ('enrolled', 'completed', 'failed')",
        [cohort_id],
        |r| r.get(0),
    )?)
}

/// Seats waiting people, earliest first, while there are seats.
fn promote(w: &mut Write<'_>, cohort: &Cohort) -> Result<Vec<Enrolment>> {
    let mut promoted = Vec::new();
    while seated(w.conn(), cohort.id)? < cohort.capacity {
        let next: Option<i64> = w.conn().query_row(
            "SELECT min(id) FROM enrolment WHERE cohort_id = ?1 AND status = 'waitlisted'",
            [cohort.id],
            |r| r.get(0),
        )?;
        let Some(id) = next else { break };
        let before = by_id(w.conn(), id)?;
        w.conn().execute(
            "UPDATE enrolment SET status = 'enrolled', promoted_at = ?2 WHERE id = ?1",
            params![id, w.now().to_string()],
        )?;
        let after = by_id(w.conn(), id)?;
        w.audit("enrolment", &id.to_string(), "promote", Some(json(&before)), Some(json(&after)))?;
        promoted.push(after);
    }
    Ok(promoted)
}

/// Enrols a person (admins): a seat if one is free and nobody waits,
/// otherwise the next place on the waitlist. Without the prerequisite
/// courses it is refused unless `override_reason` is given.
pub fn enrol(store: &mut Store, cohort: &str, person: &str, override_reason: Option<&str>) -> Result<Enrolment> {
    let reason = override_reason.map(|r| text::required(r, 200).field(Field::Reason, r)).transpose()?;
    store.write(Capability::ManageTraining, |w| {
        let h = cohort_by_ref(w.conn(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let (pid, name) = person_id(w.conn(), person)?;
        if place(w.conn(), h.id, pid)?.is_some() {
            return Err(Refusal::Duplicate { field: Field::Enrolment, value: format!("{} {name}", h.reference()) }.into());
        }
        let course = course_by_code(w.conn(), &h.course)?;
        let mut missing = Vec::new();
        for p in &course.prerequisites {
            let done: i64 = w.conn().query_row(
                "SELECT count(*) FROM enrolment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id
                  WHERE e.person_id = ?1 AND c.code = ?2 AND e.status = 'completed'",
                params![pid, p],
                |r| r.get(0),
            )?;
            if done == 0 {
                missing.push(p.clone());
            }
        }
        if !missing.is_empty() && reason.is_none() {
            return Err(Refusal::MissingPrerequisite { person: name, course: course.code.clone(), missing }.into());
        }
        let waiting: i64 = w.conn().query_row("SELECT count(*) FROM enrolment WHERE cohort_id = ?1 AND status = 'waitlisted'", [h.id], |r| r.get(0))?;
        let status = if seated(w.conn(), h.id)? < h.capacity && waiting == 0 { EnrolmentStatus::Enrolled } else { EnrolmentStatus::Waitlisted };
        let reason = if missing.is_empty() { None } else { reason.clone() };
        w.conn()
            .execute(
                "INSERT INTO enrolment (cohort_id, person_id, status, enrolled_at, override_reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![h.id, pid, status.code(), w.now().to_string(), reason],
            )
            .map_err(|e| match raised(&e) {
                // Only a bug could get past the count above within one IMMEDIATE transaction; the schema holds.
                Some("cohort_full") => Error::Refused(Refusal::CohortFull { cohort: h.reference() }),
                _ => Error::from(e),
            })?;
        let e = by_id(w.conn(), w.conn().last_insert_rowid())?;
        w.audit("enrolment", &e.id.to_string(), "enrol", None, Some(json(&e)))?;
        Ok(e)
    })
}

/// Cancels a person's place (admins); a freed seat goes to the earliest
/// waiting person in the same transaction. Returns the cancelled place and
/// whoever was seated from the waitlist.
pub fn cancel(store: &mut Store, cohort: &str, person: &str) -> Result<(Enrolment, Vec<Enrolment>)> {
    store.write(Capability::ManageTraining, |w| {
        let h = cohort_by_ref(w.conn(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let (pid, name) = person_id(w.conn(), person)?;
        let id = place(w.conn(), h.id, pid)?
            .ok_or_else(|| Invalid::new(Field::Enrolment, format!("{} {name}", h.reference()), Problem::NotFound))?;
        let before = by_id(w.conn(), id)?;
        w.conn().execute(
            "UPDATE enrolment SET status = 'cancelled', cancelled_at = ?2 WHERE id = ?1",
            params![id, w.now().to_string()],
        )?;
        let after = by_id(w.conn(), id)?;
        w.audit("enrolment", &id.to_string(), "cancel", Some(json(&before)), Some(json(&after)))?;
        let promoted = promote(w, &cohort_by_id(w.conn(), h.id)?)?;
        Ok((after, promoted))
    })
}

/// Changes a cohort's capacity (admins): raising it seats waiting people in
/// order; lowering it below those enrolled is refused.
pub fn set_capacity(store: &mut Store, cohort: &str, capacity: &str) -> Result<(Cohort, Vec<Enrolment>)> {
    let n = capacity
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=500).contains(n))
        .ok_or_else(|| Invalid::new(Field::Capacity, capacity, Problem::OutOfRange { min: 1, max: 500 }))?;
    store.write(Capability::ManageTraining, |w| {
        let before = cohort_by_ref(w.conn(), cohort)?;
        if n < before.enrolled {
            return Err(Refusal::CapacityBelowEnrolled { cohort: before.reference(), enrolled: before.enrolled }.into());
        }
        w.conn().execute("UPDATE cohort SET capacity = ?2 WHERE id = ?1", params![before.id, n]).map_err(|e| {
            match raised(&e) {
                Some("capacity_below_enrolled") => {
                    Refusal::CapacityBelowEnrolled { cohort: before.reference(), enrolled: before.enrolled }.into()
                }
                _ => Error::from(e),
            }
        })?;
        let after = cohort_by_id(w.conn(), before.id)?;
        w.audit("cohort", &after.reference(), "capacity", Some(json(&before)), Some(json(&after)))?;
        let promoted = promote(w, &after)?;
        Ok((cohort_by_id(w.conn(), before.id)?, promoted))
    })
}

/// Places in a cohort and/or of a person: seated first, then the waitlist in order.
pub fn list(store: &Store, cohort: Option<&str>, person: Option<&str>) -> Result<Vec<Enrolment>> {
    let cohort_id = cohort.map(|c| cohort_by_ref(store.conn(), c)).transpose()?.map(|c| c.id);
    let person_id = person.map(|p| person_id(store.conn(), p)).transpose()?.map(|p| p.0);
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR e.cohort_id = ?1) AND (?2 IS NULL OR e.person_id = ?2)
          ORDER BY e.cohort_id, CASE e.status WHEN 'waitlisted' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END, e.id"
    );
    let rows = store
        .conn()
        .prepare_cached(&sql)?
        .query_map(params![cohort_id, person_id], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
