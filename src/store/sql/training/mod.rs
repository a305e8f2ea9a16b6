//! Courses, cohorts and their sessions; enrolment, attendance and
//! qualifications in their own files.

pub mod attendance;
pub mod enrolment;
pub mod qualification;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::training::{NewCohort, NewCourse};
use crate::domain::{Minute, Period};
use crate::error::Result;
use crate::store::{Row, Sql};

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
    /// The fee charged per enrolment (0: free), and how it is taxed.
    pub fee: crate::domain::Won,
    pub fee_tax: crate::domain::statement::Tax,
}

fn course_row(r: &Row<'_, '_>) -> Result<Course> {
    Ok(Course {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        title_en: r.get(3)?,
        hours: r.get(4)?,
        description: r.get(5)?,
        validity_months: r.get(6)?,
        excused_counts: r.get::<i64>(7)? == 1,
        equipment: Vec::new(),
        prerequisites: Vec::new(),
        fee: r.get(8)?,
        fee_tax: r.parsed(9, "fee_tax", crate::domain::statement::Tax::parse)?,
    })
}

fn fill_links(db: Sql<'_>, mut c: Course) -> Result<Course> {
    c.equipment = db.all(
        "SELECT e.code FROM course_equipment ce JOIN equipment e ON e.id = ce.equipment_id WHERE ce.course_id = ?1 ORDER BY e.code",
        &[&c.id],
        |r| r.get(0),
    )?;
    c.prerequisites = db.all(
        "SELECT p.code FROM course_prerequisite cp JOIN course p ON p.id = cp.requires_id WHERE cp.course_id = ?1 ORDER BY p.code",
        &[&c.id],
        |r| r.get(0),
    )?;
    Ok(c)
}

const COURSE: &str =
    "SELECT id, code, title, title_en, hours, description, validity_months, excused_counts, fee, fee_tax FROM course";

/// The course with this (canonical) code, with its machines and prerequisites.
pub fn course(db: Sql<'_>, code: &str) -> Result<Option<Course>> {
    db.opt(&format!("{COURSE} WHERE code = ?1"), &[&code], course_row)?.map(|c| fill_links(db, c)).transpose()
}

pub fn courses(db: Sql<'_>) -> Result<Vec<Course>> {
    let list = db.all(&format!("{COURSE} ORDER BY code"), &[], course_row)?;
    list.into_iter().map(|c| fill_links(db, c)).collect()
}

pub fn course_taken(db: Sql<'_>, code: &str) -> Result<bool> {
    Ok(db.opt("SELECT id FROM course WHERE code = ?1", &[&code], |r| r.get::<i64>(0))?.is_some())
}

/// Adds the course row; its id.
pub fn insert_course(db: Sql<'_>, new: &NewCourse, at: Minute) -> Result<i64> {
    db.value(
        "INSERT INTO course (code, title, title_en, hours, description, validity_months, excused_counts, created_at,
                             fee, fee_tax)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        &[
            &new.code,
            &new.title,
            &new.title_en,
            &new.hours,
            &new.description,
            &new.validity_months,
            &i64::from(new.excused_counts),
            &at,
            &new.fee,
            &new.fee_tax.code(),
        ],
    )
}

/// Sets a course's fee and its tax, for seats taken from now on.
pub fn set_fee(db: Sql<'_>, course_id: i64, fee: crate::domain::Won, tax: crate::domain::statement::Tax) -> Result<()> {
    db.run("UPDATE course SET fee = ?2, fee_tax = ?3 WHERE id = ?1", &[&course_id, &fee, &tax.code()])?;
    Ok(())
}

pub fn link_equipment(db: Sql<'_>, course_id: i64, equipment_id: i64) -> Result<()> {
    db.run(
        "INSERT INTO course_equipment (course_id, equipment_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        &[&course_id, &equipment_id],
    )?;
    Ok(())
}

pub fn link_prerequisite(db: Sql<'_>, course_id: i64, requires_id: i64) -> Result<()> {
    db.run(
        "INSERT INTO course_prerequisite (course_id, requires_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        &[&course_id, &requires_id],
    )?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cohort {
    #[serde(skip)]
    pub id: i64,
    pub course: String,
    pub course_title: String,
    pub code: String,
    pub capacity: i64,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
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

fn cohort_row(r: &Row<'_, '_>) -> Result<Cohort> {
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

/// The cohort `code` of the course `course` (both canonical).
pub fn cohort(db: Sql<'_>, course: &str, code: &str) -> Result<Option<Cohort>> {
    db.opt(&format!("{COHORT} WHERE c.code = ?1 AND h.code = ?2"), &[&course, &code], cohort_row)
}

pub fn cohort_by_id(db: Sql<'_>, id: i64) -> Result<Cohort> {
    db.one(&format!("{COHORT} WHERE h.id = ?1"), &[&id], cohort_row)
}

pub fn insert_cohort(db: Sql<'_>, course_id: i64, new: &NewCohort, at: Minute) -> Result<()> {
    db.run(
        "INSERT INTO cohort (course_id, code, capacity, opens_on, closes_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&course_id, &new.code, &new.capacity, &new.opens, &new.closes, &at],
    )?;
    Ok(())
}

/// Every cohort, or those of one course, newest first.
pub fn cohorts(db: Sql<'_>, course_id: Option<i64>) -> Result<Vec<Cohort>> {
    db.all(
        &format!("{COHORT} WHERE (h.course_id = ?1 OR ?1 IS NULL) ORDER BY h.opens_on DESC, c.code"),
        &[&course_id],
        cohort_row,
    )
}

/// `?1`: the folded query, or NULL for all.
const COHORT_MATCH: &str = "WHERE CAST(?1 AS TEXT) IS NULL OR instr(c.search, ?1) > 0 OR instr(lower(h.code), ?1) > 0";

/// How many cohorts match the folded query `search` (all for `None`).
pub fn cohort_count(db: Sql<'_>, search: Option<&str>) -> Result<i64> {
    db.value(&format!("SELECT count(*) FROM cohort h JOIN course c ON c.id = h.course_id {COHORT_MATCH}"), &[&search])
}

/// A page of the cohorts matching `search`, newest first: the page's ids
/// are picked on the cheap columns first, so the seat and session counts
/// are counted for the rows shown only (not for thousands of cohorts).
pub fn cohort_page(db: Sql<'_>, search: Option<&str>, limit: u32, offset: u32) -> Result<Vec<Cohort>> {
    const ORDER: &str = "ORDER BY h.opens_on DESC, c.code, h.code, h.id";
    let sql = format!(
        "{COHORT} JOIN (SELECT h.id FROM cohort h JOIN course c ON c.id = h.course_id {COHORT_MATCH} {ORDER}
                         LIMIT ?2 OFFSET ?3) w
           ON w.id = h.id {ORDER}"
    );
    db.all(&sql, &[&search, &limit, &offset], cohort_row)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    #[serde(skip)]
    pub id: i64,
    pub number: i64,
    pub start: Minute,
    pub end: Minute,
    pub room: Option<String>,
    pub instructor: String,
}

impl Session {
    pub fn minutes(&self) -> i64 {
        self.end.0 - self.start.0
    }
}

pub fn sessions(db: Sql<'_>, cohort_id: i64) -> Result<Vec<Session>> {
    db.all(
        "SELECT s.id, s.number, s.start, s.end, r.code, s.instructor FROM session s LEFT JOIN room r ON r.id = s.room_id
              WHERE s.cohort_id = ?1 ORDER BY s.number",
        &[&cohort_id],
        |r| {
            Ok(Session {
                id: r.get(0)?,
                number: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                room: r.get(4)?,
                instructor: r.get(5)?,
            })
        },
    )
}

pub fn next_session_number(db: Sql<'_>, cohort_id: i64) -> Result<i64> {
    db.value("SELECT coalesce(max(number), 0) + 1 FROM session WHERE cohort_id = ?1", &[&cohort_id])
}

/// Adds a session; the schema refuses one overlapping another of the
/// cohort or of the room (`Guard::SessionOverlap`).
pub fn insert_session(
    db: Sql<'_>,
    cohort_id: i64,
    number: i64,
    period: &Period,
    room_id: Option<i64>,
    instructor: &str,
) -> Result<()> {
    db.run(
        "INSERT INTO session (cohort_id, number, start, end, room_id, instructor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&cohort_id, &number, &period.start(), &period.end(), &room_id, &instructor],
    )?;
    Ok(())
}
