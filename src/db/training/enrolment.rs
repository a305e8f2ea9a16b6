//! Enrolment: a seat while there is one, else a place on the waitlist; a
//! cancellation seats the earliest waiting person in the same transaction.

use super::{Cohort, cohort_by_id, cohort_by_ref, course_by_code};
use crate::db::write::json;
use crate::db::{Store, Write};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::{Capability, EnrolmentStatus, Field, ForField, Invalid, Problem, text};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::training::enrolment as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::training::enrolment::Enrolment;

pub(super) fn by_id(db: Sql<'_>, id: i64) -> Result<Enrolment> {
    sql::by_id(db, id)
}

pub(super) fn person_id(db: Sql<'_>, raw: &str) -> Result<(i64, String)> {
    let n = parse_numbered("P", raw, "P-0001").field(Field::Person, raw)?;
    sql::person(db, &numbered("P", n))?.ok_or_else(|| Invalid::new(Field::Person, raw, Problem::NotFound).into())
}

/// Charges a seat just taken its course's fee, if the course has one, to
/// the person's party: their company's, else their own (made now if they
/// have none). A waiting seat is charged when it is seated.
fn charge(w: &mut Write<'_>, id: i64, cohort_id: i64, person_id: i64) -> Result<()> {
    let (fee, tax, company) = sql::fee_terms(w.sql(), cohort_id, person_id)?;
    if fee.0 > 0 {
        let party = crate::db::party::of_booker(w, person_id, company)?;
        sql::charge(w.sql(), id, fee, &tax, party, w.now())?;
    }
    Ok(())
}

/// Seats waiting people, earliest first, while there are seats.
fn promote(w: &mut Write<'_>, cohort: &Cohort) -> Result<Vec<Enrolment>> {
    let mut promoted = Vec::new();
    while sql::seated(w.sql(), cohort.id)? < cohort.capacity {
        let Some(id) = sql::first_waiting(w.sql(), cohort.id)? else { break };
        let before = by_id(w.sql(), id)?;
        sql::promote(w.sql(), id, w.now())?;
        let (pid, _) = person_id(w.sql(), &before.person)?;
        charge(w, id, cohort.id, pid)?;
        let after = by_id(w.sql(), id)?;
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
        let h = cohort_by_ref(w.sql(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let (pid, name) = person_id(w.sql(), person)?;
        if sql::place(w.sql(), h.id, pid)?.is_some() {
            return Err(
                Refusal::Duplicate { field: Field::Enrolment, value: format!("{} {name}", h.reference()) }.into()
            );
        }
        let course = course_by_code(w.sql(), &h.course)?;
        let mut missing = Vec::new();
        for p in &course.prerequisites {
            if sql::completed(w.sql(), pid, p)? == 0 {
                missing.push(p.clone());
            }
        }
        if !missing.is_empty() && reason.is_none() {
            return Err(Refusal::MissingPrerequisite { person: name, course: course.code.clone(), missing }.into());
        }
        let waiting = sql::waiting(w.sql(), h.id)?;
        let status = if sql::seated(w.sql(), h.id)? < h.capacity && waiting == 0 {
            EnrolmentStatus::Enrolled
        } else {
            EnrolmentStatus::Waitlisted
        };
        let reason = if missing.is_empty() { None } else { reason.clone() };
        let id = sql::insert(w.sql(), h.id, pid, status, w.now(), reason.as_deref()).map_err(|e| {
            // Only a bug could get past the count above within one IMMEDIATE transaction; the schema holds.
            if e.guard() == Some(Guard::CohortFull) {
                Error::Refused(Refusal::CohortFull { cohort: h.reference() })
            } else {
                e
            }
        })?;
        if status == EnrolmentStatus::Enrolled {
            charge(w, id, h.id, pid)?;
        }
        let e = by_id(w.sql(), id)?;
        w.audit("enrolment", &e.id.to_string(), "enrol", None, Some(json(&e)))?;
        Ok(e)
    })
}

/// Cancels a person's place (admins); a freed seat goes to the earliest
/// waiting person in the same transaction. Returns the cancelled place and
/// whoever was seated from the waitlist.
pub fn cancel(store: &mut Store, cohort: &str, person: &str) -> Result<(Enrolment, Vec<Enrolment>)> {
    store.write(Capability::ManageTraining, |w| {
        let h = cohort_by_ref(w.sql(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let (pid, name) = person_id(w.sql(), person)?;
        let id = sql::place(w.sql(), h.id, pid)?
            .ok_or_else(|| Invalid::new(Field::Enrolment, format!("{} {name}", h.reference()), Problem::NotFound))?;
        let before = by_id(w.sql(), id)?;
        sql::cancel(w.sql(), id, w.now())?;
        // Cancelled before the first session: the fee is refunded in full.
        sql::refund(w.sql(), id, w.now())?;
        let after = by_id(w.sql(), id)?;
        w.audit("enrolment", &id.to_string(), "cancel", Some(json(&before)), Some(json(&after)))?;
        let promoted = promote(w, &cohort_by_id(w.sql(), h.id)?)?;
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
        let before = cohort_by_ref(w.sql(), cohort)?;
        let below = || Refusal::CapacityBelowEnrolled { cohort: before.reference(), enrolled: before.enrolled };
        if n < before.enrolled {
            return Err(below().into());
        }
        sql::set_capacity(w.sql(), before.id, n)
            .map_err(|e| if e.guard() == Some(Guard::CapacityBelowEnrolled) { below().into() } else { e })?;
        let after = cohort_by_id(w.sql(), before.id)?;
        w.audit("cohort", &after.reference(), "capacity", Some(json(&before)), Some(json(&after)))?;
        let promoted = promote(w, &after)?;
        Ok((cohort_by_id(w.sql(), before.id)?, promoted))
    })
}

/// Places in a cohort and/or of a person: seated first, then the waitlist in order.
pub fn list(store: &Store, cohort: Option<&str>, person: Option<&str>) -> Result<Vec<Enrolment>> {
    let cohort_id = cohort.map(|c| cohort_by_ref(store.sql(), c)).transpose()?.map(|c| c.id);
    let person_id = person.map(|p| person_id(store.sql(), p)).transpose()?.map(|p| p.0);
    sql::list(store.sql(), cohort_id, person_id)
}
