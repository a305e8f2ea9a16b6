//! The large demo's courses, cohorts, sessions, enrolments, attendance and
//! qualifications.

use chrono::NaiveDate;

use crate::domain::{Attendance, Minute};
use crate::error::Result;
use crate::store::Sql;

pub struct Course<'a> {
    pub id: i64,
    pub code: &'a str,
    pub title: &'a str,
    pub title_en: &'a str,
    pub hours: u32,
    pub validity_months: u32,
    pub excused_counts: bool,
    pub created_at: Minute,
}

pub fn course(db: Sql<'_>, c: &Course<'_>) -> Result<()> {
    db.run(
        "INSERT INTO course (id, code, title, title_en, hours, validity_months, excused_counts, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[
            &c.id,
            &c.code,
            &c.title,
            &c.title_en,
            &c.hours,
            &c.validity_months,
            &i64::from(c.excused_counts),
            &c.created_at,
        ],
    )?;
    Ok(())
}

/// Course `course_id` qualifies for machine `equipment_id`.
pub fn course_equipment(db: Sql<'_>, course_id: i64, equipment_id: i64) -> Result<()> {
    db.run("INSERT INTO course_equipment (course_id, equipment_id) VALUES (?1, ?2)", &[&course_id, &equipment_id])?;
    Ok(())
}

/// Course `course_id` asks for course `requires_id` first.
pub fn course_prerequisite(db: Sql<'_>, course_id: i64, requires_id: i64) -> Result<()> {
    db.run("INSERT INTO course_prerequisite (course_id, requires_id) VALUES (?1, ?2)", &[&course_id, &requires_id])?;
    Ok(())
}

pub struct Cohort<'a> {
    pub id: i64,
    pub course_id: i64,
    pub code: &'a str,
    pub capacity: i64,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub created_at: Minute,
}

pub fn cohort(db: Sql<'_>, c: &Cohort<'_>) -> Result<()> {
    db.run(
        "INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, completed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[&c.id, &c.course_id, &c.code, &c.capacity, &c.opens_on, &c.closes_on, &c.completed_on, &c.created_at],
    )?;
    Ok(())
}

/// A session with no instructor named.
pub struct Session {
    pub id: i64,
    pub cohort_id: i64,
    pub number: i64,
    pub start: Minute,
    pub end: Minute,
    pub room_id: Option<i64>,
}

pub fn session(db: Sql<'_>, s: &Session) -> Result<()> {
    db.run(
        "INSERT INTO session (id, cohort_id, number, start, end, room_id, instructor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
        &[&s.id, &s.cohort_id, &s.number, &s.start, &s.end, &s.room_id],
    )?;
    Ok(())
}

pub struct Enrolment<'a> {
    pub id: i64,
    pub cohort_id: i64,
    pub person_id: i64,
    pub status: &'a str,
    pub enrolled_at: Minute,
    pub promoted_at: Option<Minute>,
    pub cancelled_at: Option<Minute>,
    pub override_reason: Option<&'a str>,
    pub certificate: Option<&'a str>,
}

pub fn enrolment(db: Sql<'_>, e: &Enrolment<'_>) -> Result<()> {
    db.run(
        "INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at, promoted_at, cancelled_at,
                                    override_reason, certificate)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            &e.id,
            &e.cohort_id,
            &e.person_id,
            &e.status,
            &e.enrolled_at,
            &e.promoted_at,
            &e.cancelled_at,
            &e.override_reason,
            &e.certificate,
        ],
    )?;
    Ok(())
}

pub struct Mark<'a> {
    pub session_id: i64,
    pub enrolment_id: i64,
    pub status: Attendance,
    pub recorded_at: Minute,
    pub recorded_by: &'a str,
}

pub fn attendance(db: Sql<'_>, m: &Mark<'_>) -> Result<()> {
    db.run(
        "INSERT INTO attendance (session_id, enrolment_id, status, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&m.session_id, &m.enrolment_id, &m.status.code(), &m.recorded_at, &m.recorded_by],
    )?;
    Ok(())
}

/// A qualification granted by completing a cohort.
pub struct Qualification<'a> {
    pub person_id: i64,
    pub course_id: i64,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub cohort_id: i64,
    pub granted_at: Minute,
    pub granted_by: &'a str,
}

pub fn qualification(db: Sql<'_>, q: &Qualification<'_>) -> Result<()> {
    db.run(
        "INSERT INTO qualification (person_id, course_id, valid_from, valid_until, origin, cohort_id, granted_at, granted_by)
             VALUES (?1, ?2, ?3, ?4, 'cohort', ?5, ?6, ?7)",
        &[&q.person_id, &q.course_id, &q.valid_from, &q.valid_until, &q.cohort_id, &q.granted_at, &q.granted_by],
    )?;
    Ok(())
}
