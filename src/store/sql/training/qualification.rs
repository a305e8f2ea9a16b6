//! Qualifications: granted, revoked, listed, and asked by the booking gate.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::Minute;
use crate::error::Result;
use crate::store::{Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Qualification {
    pub id: i64,
    pub person: String,
    pub person_name: String,
    pub course: String,
    pub course_title: String,
    pub valid_from: NaiveDate,
    /// The last valid day.
    pub valid_until: NaiveDate,
    /// cohort | manual
    pub origin: String,
    pub cohort: Option<String>,
    pub reason: Option<String>,
    pub granted_at: Minute,
    pub granted_by: String,
    pub revoked_at: Option<Minute>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
    /// The machines the course qualifies for (`EQ-0002, EQ-0003`).
    pub machines: String,
}

const SELECT: &str = "SELECT q.id, p.code, p.name, c.code, c.title, q.valid_from, q.valid_until, q.origin,
       (SELECT c2.code || '/' || h.code FROM cohort h JOIN course c2 ON c2.id = h.course_id WHERE h.id = q.cohort_id),
       q.reason, q.granted_at, q.granted_by, q.revoked_at, q.revoked_by, q.revoke_reason,
       (SELECT string_agg(e.code, ', ') FROM course_equipment ce JOIN equipment e ON e.id = ce.equipment_id
         WHERE ce.course_id = q.course_id)
  FROM qualification q JOIN person p ON p.id = q.person_id JOIN course c ON c.id = q.course_id";

fn row(r: &Row<'_, '_>) -> Result<Qualification> {
    Ok(Qualification {
        id: r.get(0)?,
        person: r.get(1)?,
        person_name: r.get(2)?,
        course: r.get(3)?,
        course_title: r.get(4)?,
        valid_from: r.get(5)?,
        valid_until: r.get(6)?,
        origin: r.get(7)?,
        cohort: r.get(8)?,
        reason: r.get(9)?,
        granted_at: r.get(10)?,
        granted_by: r.get(11)?,
        revoked_at: r.get(12)?,
        revoked_by: r.get(13)?,
        revoke_reason: r.get(14)?,
        machines: r.get::<Option<String>>(15)?.unwrap_or_default(),
    })
}

/// A qualification granted by hand.
pub struct Manual<'a> {
    pub person_id: i64,
    pub course_id: i64,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub reason: &'a str,
    pub at: Minute,
    pub by: &'a str,
}

/// Adds a qualification granted by hand; its id.
pub fn grant(db: Sql<'_>, q: &Manual<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO qualification (person_id, course_id, valid_from, valid_until, origin, reason, granted_at, granted_by)
             VALUES (?1, ?2, ?3, ?4, 'manual', ?5, ?6, ?7) RETURNING id",
        &[&q.person_id, &q.course_id, &q.from, &q.until, &q.reason, &q.at, &q.by],
    )
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Qualification> {
    db.one(&format!("{SELECT} WHERE q.id = ?1"), &[&id], row)
}

pub fn revoke(db: Sql<'_>, id: i64, at: Minute, who: &str, reason: &str) -> Result<()> {
    db.run(
        "UPDATE qualification SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1",
        &[&id, &at, &who, &reason],
    )?;
    Ok(())
}

/// Qualifications of a person and/or for a machine's courses and/or whose
/// last valid day falls within `expiring` (not revoked), by person, course
/// and start.
pub fn list(
    db: Sql<'_>,
    person_id: Option<i64>,
    equipment_id: Option<i64>,
    expiring: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<Qualification>> {
    let (from, to) = expiring.unzip();
    let sql = format!(
        "{SELECT} WHERE (q.person_id = ?1 OR ?1 IS NULL)
           AND (q.course_id IN (SELECT course_id FROM course_equipment WHERE equipment_id = ?2) OR ?2 IS NULL)
           AND ((q.valid_until >= ?3 AND q.valid_until <= ?4 AND q.revoked_at IS NULL) OR ?3 IS NULL)
         ORDER BY p.code, c.code, q.valid_from"
    );
    db.all(&sql, &[&person_id, &equipment_id, &from, &to], row)
}

/// `?1`: the folded query.
const MATCH: &str = "JOIN person p ON p.id = q.person_id JOIN course c ON c.id = q.course_id
  WHERE instr(p.search, ?1) > 0 OR instr(c.search, ?1) > 0";

/// How many qualifications match the folded query `search` (all for `None`).
pub fn count(db: Sql<'_>, search: Option<&str>) -> Result<i64> {
    match search {
        None => db.value("SELECT count(*) FROM qualification", &[]),
        Some(q) => db.value(&format!("SELECT count(*) FROM qualification q {MATCH}"), &[&q]),
    }
}

/// A page of the qualifications matching `search`, valid ones first (on
/// `today`), each part soonest to expire first: the page's ids are picked
/// along the expiry index first, so only the rows shown are joined to their
/// person and course.
pub fn page(
    db: Sql<'_>,
    search: Option<&str>,
    limit: u32,
    offset: u32,
    today: NaiveDate,
) -> Result<Vec<Qualification>> {
    const ORDER: &str = "ORDER BY (q.revoked_at IS NOT NULL OR q.valid_until < ?4), q.valid_until, q.person_id,
                         q.course_id, q.valid_from, q.id";
    let matching = if search.is_some() { MATCH } else { "WHERE CAST(?3 AS TEXT) IS NULL" };
    let sql = format!(
        "{SELECT} JOIN (SELECT q.id FROM qualification q {} {ORDER} LIMIT ?1 OFFSET ?2) w ON w.id = q.id {ORDER}",
        matching.replace("?1", "?3")
    );
    db.all(&sql, &[&limit, &offset, &search, &today], row)
}

/// The courses whose qualification a machine requires (none: anyone may book it).
pub fn required_courses(db: Sql<'_>, equipment_id: i64) -> Result<Vec<String>> {
    db.all(
        "SELECT c.code FROM course_equipment ce JOIN course c ON c.id = ce.course_id WHERE ce.equipment_id = ?1 ORDER BY c.code",
        &[&equipment_id],
        |r| r.get(0),
    )
}

/// The person's qualifications from the course, latest ending first.
pub fn held(db: Sql<'_>, person_id: i64, course: &str) -> Result<Vec<Qualification>> {
    db.all(
        &format!("{SELECT} WHERE q.person_id = ?1 AND c.code = ?2 ORDER BY q.valid_until DESC"),
        &[&person_id, &course],
        row,
    )
}

pub fn person_name(db: Sql<'_>, person_id: i64) -> Result<String> {
    db.value("SELECT name FROM person WHERE id = ?1", &[&person_id])
}

/// Active bookings ending after `now` whose machine requires a course and
/// that no one qualification of their person covers from their first day
/// to their last: (booking, machine, person), by start.
pub fn uncovered_bookings(db: Sql<'_>, now: Minute) -> Result<Vec<(i64, i64, i64)>> {
    db.all(
        db.pick(
            "SELECT b.id, b.equipment_id, b.person_id FROM booking b
              WHERE b.state IN ('requested', 'approved', 'in-use') AND b.end > ?1
                AND b.equipment_id IN (SELECT equipment_id FROM course_equipment)
                AND NOT EXISTS (
                    SELECT 1 FROM course_equipment ce
                      JOIN qualification q ON q.person_id = b.person_id AND q.course_id = ce.course_id
                     WHERE ce.equipment_id = b.equipment_id
                       AND q.valid_from <= substr(b.start, 1, 10)
                       AND q.valid_until >= date(b.end, '-1 minute')
                       AND (q.revoked_at IS NULL OR substr(q.revoked_at, 1, 10) > date(b.end, '-1 minute')))
              ORDER BY b.start",
            // The same with the days of timestamps: a booking's last day is
            // the day of its last minute.
            "SELECT b.id, b.equipment_id, b.person_id FROM booking b
              WHERE b.state IN ('requested', 'approved', 'in-use') AND b.end > ?1
                AND b.equipment_id IN (SELECT equipment_id FROM course_equipment)
                AND NOT EXISTS (
                    SELECT 1 FROM course_equipment ce
                      JOIN qualification q ON q.person_id = b.person_id AND q.course_id = ce.course_id
                     WHERE ce.equipment_id = b.equipment_id
                       AND q.valid_from <= b.start::date
                       AND q.valid_until >= (b.end - interval '1 minute')::date
                       AND (q.revoked_at IS NULL OR q.revoked_at::date > (b.end - interval '1 minute')::date))
              ORDER BY b.start",
        ),
        &[&now],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
