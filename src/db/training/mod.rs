//! The training programme: courses, cohorts and their sessions, enrolment
//! with a first-come waitlist, attendance, completion, and the
//! qualifications that gate equipment.

mod attendance;
mod enrolment;
pub mod qualification;

use super::write::json;
use super::{Page, Store, equipment};
use crate::domain::time::{parse_date, parse_time};
use crate::domain::training::{CohortInput, CourseInput, cohort_ref, course_code};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, text};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::training as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::training::{Cohort, Course, Session};
pub use attendance::{CompletionLine, Grid, GridRow, attend, complete, grid, preview};
pub use enrolment::{Enrolment, cancel, enrol, list as enrolments, set_capacity};

pub(crate) fn course_by_code(db: Sql<'_>, raw: &str) -> Result<Course> {
    let code = course_code(raw).field(Field::Course, raw)?;
    sql::course(db, &code)?.ok_or_else(|| Invalid::new(Field::Course, raw, Problem::NotFound).into())
}

pub fn course(store: &Store, code: &str) -> Result<Course> {
    course_by_code(store.sql(), code)
}

/// Adds a course (admins), with the machines it qualifies for and its
/// prerequisites.
pub fn add_course(store: &mut Store, input: &CourseInput) -> Result<Course> {
    let new = input.validate()?;
    store.write(Capability::ManageTraining, |w| {
        if sql::course_taken(w.sql(), &new.code)? {
            return Err(Refusal::Duplicate { field: Field::Course, value: new.code.clone() }.into());
        }
        let id = sql::insert_course(w.sql(), &new, w.now())?;
        for code in &new.equipment {
            let eq = equipment::by_code(w.sql(), code)?;
            sql::link_equipment(w.sql(), id, eq.id)?;
        }
        for code in &new.prerequisites {
            let p = course_by_code(w.sql(), code)
                .map_err(|_| Invalid::new(Field::Prerequisite, code, Problem::NotFound))?;
            sql::link_prerequisite(w.sql(), id, p.id)?;
        }
        let c = course_by_code(w.sql(), &new.code)?;
        crate::db::search::refresh(w.sql(), crate::db::search::Table::Course, id)?;
        w.audit("course", &c.code, "add", None, Some(json(&c)))?;
        Ok(c)
    })
}

/// Sets a course's fee per enrolment and how it is taxed (admins). Seats
/// taken before keep the fee they were charged.
pub fn set_course_fee(store: &mut Store, code: &str, fee: &str, tax: &str) -> Result<Course> {
    let amount = crate::domain::training::course_fee(fee)?;
    let tax = crate::domain::training::fee_tax(tax)?;
    store.write(Capability::ManageTraining, |w| {
        let before = course_by_code(w.sql(), code)?;
        sql::set_fee(w.sql(), before.id, amount, tax)?;
        let after = course_by_code(w.sql(), &before.code)?;
        w.audit("course", &after.code, "fee", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

pub fn courses(store: &Store) -> Result<Vec<Course>> {
    sql::courses(store.sql())
}

pub(crate) fn cohort_by_ref(db: Sql<'_>, raw: &str) -> Result<Cohort> {
    let (course, code) = cohort_ref(raw).field(Field::Cohort, raw)?;
    sql::cohort(db, &course, &code)?.ok_or_else(|| Invalid::new(Field::Cohort, raw, Problem::NotFound).into())
}

pub(crate) fn cohort_by_id(db: Sql<'_>, id: i64) -> Result<Cohort> {
    sql::cohort_by_id(db, id)
}

pub fn cohort(store: &Store, reference: &str) -> Result<Cohort> {
    cohort_by_ref(store.sql(), reference)
}

pub fn add_cohort(store: &mut Store, input: &CohortInput) -> Result<Cohort> {
    let new = input.validate()?;
    store.write(Capability::ManageTraining, |w| {
        let c = course_by_code(w.sql(), &new.course)?;
        let reference = format!("{}/{}", c.code, new.code);
        if cohort_by_ref(w.sql(), &reference).is_ok() {
            return Err(Refusal::Duplicate { field: Field::Cohort, value: reference }.into());
        }
        sql::insert_cohort(w.sql(), c.id, &new, w.now())?;
        let h = cohort_by_ref(w.sql(), &reference)?;
        w.audit("cohort", &reference, "add", None, Some(json(&h)))?;
        Ok(h)
    })
}

pub fn cohorts(store: &Store, course: Option<&str>) -> Result<Vec<Cohort>> {
    let id = course.map(|c| course_by_code(store.sql(), c)).transpose()?.map(|c| c.id);
    sql::cohorts(store.sql(), id)
}

/// How many cohorts there are whose course (code, title, or their 초성) or
/// own code holds `search` (every cohort for an empty one).
pub fn cohort_count(store: &Store, search: &str) -> Result<i64> {
    sql::cohort_count(store.sql(), crate::domain::search::query(search).as_deref())
}

/// A page of every cohort, newest first, for the screen.
pub fn cohort_page(store: &Store, search: &str, page: Page) -> Result<Vec<Cohort>> {
    sql::cohort_page(store.sql(), crate::domain::search::query(search).as_deref(), page.limit, page.offset)
}

pub fn sessions(db: Sql<'_>, cohort_id: i64) -> Result<Vec<Session>> {
    sql::sessions(db, cohort_id)
}

/// What was typed for a session: a date, start and end times, a room.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub cohort: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub room: String,
    pub instructor: String,
}

/// Adds the next session of a cohort; sessions of one cohort, and of one
/// room, never overlap.
pub fn add_session(store: &mut Store, input: &SessionInput) -> Result<Session> {
    let date = parse_date(&input.date).field(Field::Date, &input.date)?;
    let start = parse_time(&input.start).field(Field::From, &input.start)?;
    let end = parse_time(&input.end).field(Field::To, &input.end)?;
    let period = Period::new(Minute::from_datetime(date.and_time(start)), Minute::from_datetime(date.and_time(end)))
        .field(Field::To, &input.end)?;
    let instructor = text::clean(&input.instructor, 50).field(Field::Instructor, &input.instructor)?;
    store.write(Capability::ManageTraining, |w| {
        let h = cohort_by_ref(w.sql(), &input.cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let room: Option<i64> = match input.room.trim() {
            "" => None,
            code => Some(
                crate::store::sql::room::id(w.sql(), code)?
                    .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound))?,
            ),
        };
        let number = sql::next_session_number(w.sql(), h.id)?;
        sql::insert_session(w.sql(), h.id, number, &period, room, &instructor).map_err(|e| {
            if e.guard() == Some(Guard::SessionOverlap) {
                Error::from(Refusal::SessionOverlap {
                    start: period.start().to_string(),
                    end: period.end().to_string(),
                })
            } else {
                e
            }
        })?;
        // Just written in this transaction, so it is there.
        let s = sessions(w.sql(), h.id)?
            .into_iter()
            .find(|s| s.number == number)
            .ok_or_else(|| Invalid::new(Field::Session, number.to_string(), Problem::NotFound))?;
        w.audit("session", &format!("{}#{number}", h.reference()), "add", None, Some(json(&s)))?;
        Ok(s)
    })
}
