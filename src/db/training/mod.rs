//! The training programme: courses, cohorts and their sessions, enrolment
//! with a first-come waitlist, attendance, completion, and the
//! qualifications that gate equipment.

mod attendance;
mod enrolment;
pub mod qualification;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, equipment, raised};
use crate::domain::time::{date_text, parse_date, parse_time};
use crate::domain::training::{CohortInput, CourseInput, cohort_ref, course_code};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, text};
use crate::error::{Error, Refusal, Result};

pub use attendance::{CompletionLine, Grid, GridRow, attend, complete, grid, preview};
pub use enrolment::{Enrolment, cancel, enrol, list as enrolments, set_capacity};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Course {
    #[serde(skip)]
    pub id: i64,
    pub code: String,
    pub title: String,
    pub title_en: String,
    pub hours: i64,
    pub description: String,
    pub validity_months: i64,
    pub excused_counts: bool,
    /// Machines the course qualifies for.
    pub equipment: Vec<String>,
    pub prerequisites: Vec<String>,
}

fn course_row(r: &Row<'_>) -> rusqlite::Result<Course> {
    Ok(Course {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        title_en: r.get(3)?,
        hours: r.get(4)?,
        description: r.get(5)?,
        validity_months: r.get(6)?,
        excused_counts: r.get::<_, i64>(7)? == 1,
        equipment: Vec::new(),
        prerequisites: Vec::new(),
    })
}

fn fill_links(conn: &Connection, mut c: Course) -> Result<Course> {
    c.equipment = conn
        .prepare_cached("SELECT e.code FROM course_equipment ce JOIN equipment e ON e.id = ce.equipment_id WHERE ce.course_id = ?1 ORDER BY e.code")?
        .query_map([c.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    c.prerequisites = conn
        .prepare_cached("SELECT p.code FROM course_prerequisite cp JOIN course p ON p.id = cp.requires_id WHERE cp.course_id = ?1 ORDER BY p.code")?
        .query_map([c.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(c)
}

const COURSE: &str =
    "SELECT id, code, title, title_en, hours, description, validity_months, excused_counts FROM course";

pub(crate) fn course_by_code(conn: &Connection, raw: &str) -> Result<Course> {
    let code = course_code(raw).field(Field::Course, raw)?;
    let c = conn
        .query_row(&format!("{COURSE} WHERE code = ?1"), [&code], course_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Course, raw, Problem::NotFound))?;
    fill_links(conn, c)
}

pub fn course(store: &Store, code: &str) -> Result<Course> {
    course_by_code(store.conn(), code)
}

/// Adds a course (admins), with the machines it qualifies for and its
/// prerequisites.
pub fn add_course(store: &mut Store, input: &CourseInput) -> Result<Course> {
    let new = input.validate()?;
    store.write(Capability::ManageTraining, |w| {
        let taken: Option<i64> = w.conn().query_row("SELECT id FROM course WHERE code = ?1", [&new.code], |r| r.get(0)).optional()?;
        if taken.is_some() {
            return Err(Refusal::Duplicate { field: Field::Course, value: new.code.clone() }.into());
        }
        w.conn().execute(
            "INSERT INTO course (code, title, title_en, hours, description, validity_months, excused_counts, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![new.code, new.title, new.title_en, new.hours, new.description, new.validity_months, i64::from(new.excused_counts), w.now().to_string()],
        )?;
        let id = w.conn().last_insert_rowid();
        for code in &new.equipment {
            let eq = equipment::by_code(w.sql(), code)?;
            w.conn().execute("INSERT OR IGNORE INTO course_equipment (course_id, equipment_id) VALUES (?1, ?2)", params![id, eq.id])?;
        }
        for code in &new.prerequisites {
            let p = course_by_code(w.conn(), code).map_err(|_| Invalid::new(Field::Prerequisite, code, Problem::NotFound))?;
            w.conn().execute("INSERT OR IGNORE INTO course_prerequisite (course_id, requires_id) VALUES (?1, ?2)", params![id, p.id])?;
        }
        let c = course_by_code(w.conn(), &new.code)?;
        crate::db::search::refresh(w.sql(), crate::db::search::Table::Course, id)?;
        w.audit("course", &c.code, "add", None, Some(json(&c)))?;
        Ok(c)
    })
}

pub fn courses(store: &Store) -> Result<Vec<Course>> {
    let list: Vec<Course> = store
        .conn()
        .prepare_cached(&format!("{COURSE} ORDER BY code"))?
        .query_map([], course_row)?
        .collect::<rusqlite::Result<_>>()?;
    list.into_iter().map(|c| fill_links(store.conn(), c)).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cohort {
    #[serde(skip)]
    pub id: i64,
    pub course: String,
    pub course_title: String,
    pub code: String,
    pub capacity: i64,
    pub opens_on: String,
    pub closes_on: String,
    pub completed_on: Option<String>,
    pub enrolled: i64,
    pub waitlisted: i64,
    pub sessions: i64,
}

impl Cohort {
    /// `KILN-101/2026-1`
    pub fn reference(&self) -> String {
        format!("{}/{}", self.course, self.code)
    }
}

const COHORT: &str = "SELECT h.id, c.code, c.title, h.code, h.capacity, h.opens_on, h.closes_on, h.completed_on,
       (SELECT count(*) FROM enrolment e WHERE e.cohort_id = h.id AND e.status IN ('enrolled', 'completed', 'failed')),
       (SELECT count(*) FROM enrolment e WHERE e.cohort_id = h.id AND e.status = 'waitlisted'),
       (SELECT count(*) FROM session s WHERE s.cohort_id = h.id)
  FROM cohort h JOIN course c ON c.id = h.course_id";

fn cohort_row(r: &Row<'_>) -> rusqlite::Result<Cohort> {
    Ok(Cohort {
        id: r.get(0)?,
        course: r.get(1)?,
        course_title: r.get(2)?,
        code: r.get(3)?,
        capacity: r.get(4)?,
        opens_on: r.get(5)?,
        closes_on: r.get(6)?,
        completed_on: r.get(7)?,
        enrolled: r.get(8)?,
        waitlisted: r.get(9)?,
        sessions: r.get(10)?,
    })
}

pub(crate) fn cohort_by_ref(conn: &Connection, raw: &str) -> Result<Cohort> {
    let (course, code) = cohort_ref(raw).field(Field::Cohort, raw)?;
    conn.query_row(&format!("{COHORT} WHERE c.code = ?1 AND h.code = ?2"), [&course, &code], cohort_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Cohort, raw, Problem::NotFound).into())
}

pub(crate) fn cohort_by_id(conn: &Connection, id: i64) -> Result<Cohort> {
    Ok(conn.query_row(&format!("{COHORT} WHERE h.id = ?1"), [id], cohort_row)?)
}

pub fn cohort(store: &Store, reference: &str) -> Result<Cohort> {
    cohort_by_ref(store.conn(), reference)
}

pub fn add_cohort(store: &mut Store, input: &CohortInput) -> Result<Cohort> {
    let new = input.validate()?;
    store.write(Capability::ManageTraining, |w| {
        let c = course_by_code(w.conn(), &new.course)?;
        let reference = format!("{}/{}", c.code, new.code);
        if cohort_by_ref(w.conn(), &reference).is_ok() {
            return Err(Refusal::Duplicate { field: Field::Cohort, value: reference }.into());
        }
        w.conn().execute(
            "INSERT INTO cohort (course_id, code, capacity, opens_on, closes_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![c.id, new.code, new.capacity, date_text(new.opens), date_text(new.closes), w.now().to_string()],
        )?;
        let h = cohort_by_ref(w.conn(), &reference)?;
        w.audit("cohort", &reference, "add", None, Some(json(&h)))?;
        Ok(h)
    })
}

pub fn cohorts(store: &Store, course: Option<&str>) -> Result<Vec<Cohort>> {
    let id = course.map(|c| course_by_code(store.conn(), c)).transpose()?.map(|c| c.id);
    let rows = store
        .conn()
        .prepare_cached(&format!("{COHORT} WHERE (?1 IS NULL OR h.course_id = ?1) ORDER BY h.opens_on DESC, c.code"))?
        .query_map([id], cohort_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many cohorts there are whose course (code, title, or their 초성) or
/// own code holds `search` (every cohort for an empty one).
pub fn cohort_count(store: &Store, search: &str) -> Result<i64> {
    Ok(store.conn().query_row(
        &format!("SELECT count(*) FROM cohort h JOIN course c ON c.id = h.course_id {COHORT_MATCH}"),
        [crate::domain::search::query(search)],
        |r| r.get(0),
    )?)
}

/// `?1`: the folded query, or NULL for all.
const COHORT_MATCH: &str = "WHERE ?1 IS NULL OR instr(c.search, ?1) > 0 OR instr(lower(h.code), ?1) > 0";

/// A page of every cohort, newest first, for the screen: the page's ids are
/// picked on the cheap columns first, so the seat and session counts are
/// counted for the rows shown only (not for thousands of cohorts).
pub fn cohort_page(store: &Store, search: &str, page: Page) -> Result<Vec<Cohort>> {
    const ORDER: &str = "ORDER BY h.opens_on DESC, c.code, h.code, h.id";
    let sql = format!(
        "{COHORT} JOIN (SELECT h.id FROM cohort h JOIN course c ON c.id = h.course_id {COHORT_MATCH} {ORDER}
                         LIMIT ?2 OFFSET ?3) w
           ON w.id = h.id {ORDER}"
    );
    let rows = store
        .conn()
        .prepare_cached(&sql)?
        .query_map(params![crate::domain::search::query(search), page.limit, page.offset], cohort_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    #[serde(skip)]
    pub id: i64,
    pub number: i64,
    pub start: String,
    pub end: String,
    pub room: Option<String>,
    pub instructor: String,
}

impl Session {
    pub fn minutes(&self) -> i64 {
        match (Minute::parse(&self.start), Minute::parse(&self.end)) {
            (Ok(s), Ok(e)) => e.0 - s.0,
            _ => 0,
        }
    }
}

pub fn sessions(conn: &Connection, cohort_id: i64) -> Result<Vec<Session>> {
    let rows = conn
        .prepare_cached(
            "SELECT s.id, s.number, s.start, s.end, r.code, s.instructor FROM session s LEFT JOIN room r ON r.id = s.room_id
              WHERE s.cohort_id = ?1 ORDER BY s.number",
        )?
        .query_map([cohort_id], |r| {
            Ok(Session { id: r.get(0)?, number: r.get(1)?, start: r.get(2)?, end: r.get(3)?, room: r.get(4)?, instructor: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
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
        let h = cohort_by_ref(w.conn(), &input.cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let room: Option<i64> = match input.room.trim() {
            "" => None,
            code => Some(
                w.conn()
                    .query_row("SELECT id FROM room WHERE code = ?1", [code], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound))?,
            ),
        };
        let number: i64 = w.conn().query_row("SELECT coalesce(max(number), 0) + 1 FROM session WHERE cohort_id = ?1", [h.id], |r| r.get(0))?;
        let overlap = || Error::from(Refusal::SessionOverlap { start: period.start().to_string(), end: period.end().to_string() });
        w.conn()
            .execute(
                "INSERT INTO session (cohort_id, number, start, end, room_id, instructor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![h.id, number, period.start().to_string(), period.end().to_string(), room, instructor],
            )
            .map_err(|e| if raised(&e) == Some("session_overlap") { overlap() } else { Error::from(e) })?;
        let s = sessions(w.conn(), h.id)?.into_iter().find(|s| s.number == number).ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        w.audit("session", &format!("{}#{number}", h.reference()), "add", None, Some(json(&s)))?;
        Ok(s)
    })
}
