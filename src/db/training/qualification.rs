//! Qualifications: who may use which machines, from when until when. History
//! is kept: renewal is a new row, revocation marks the row, expiry is only a
//! date. A person's standing on a day is computed from the rows.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use serde::Serialize;

use super::course_by_code;
use super::enrolment::person_id;
use crate::db::booking::{self, Booking};
use crate::db::equipment::Equipment;
use crate::db::write::json;
use crate::db::{Page, Store};
use crate::domain::booking::days_touched;
use crate::domain::time::{date_text, parse_date, stored_date};
use crate::domain::training::valid_until;
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, text};
use crate::error::{Refusal, Result, Unqualified};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Qualification {
    pub id: i64,
    pub person: String,
    pub person_name: String,
    pub course: String,
    pub course_title: String,
    pub valid_from: String,
    /// The last valid day.
    pub valid_until: String,
    /// cohort | manual
    pub origin: String,
    pub cohort: Option<String>,
    pub reason: Option<String>,
    pub granted_at: String,
    pub granted_by: String,
    pub revoked_at: Option<String>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
    /// The machines the course qualifies for (`EQ-0002, EQ-0003`).
    pub machines: String,
}

impl Qualification {
    /// Valid on `day`: within its dates and not revoked by then.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        let within = stored_date(&self.valid_from).is_some_and(|f| f <= day)
            && stored_date(&self.valid_until).is_some_and(|u| day <= u);
        let revoked = self.revoked_at.as_deref().and_then(|r| Minute::parse(r).ok()).is_some_and(|r| r.date() <= day);
        within && !revoked
    }

    /// Days from `today` to the last valid day (negative once expired).
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        stored_date(&self.valid_until).map(|u| (u - today).num_days())
    }
}

const SELECT: &str = "SELECT q.id, p.code, p.name, c.code, c.title, q.valid_from, q.valid_until, q.origin,
       (SELECT c2.code || '/' || h.code FROM cohort h JOIN course c2 ON c2.id = h.course_id WHERE h.id = q.cohort_id),
       q.reason, q.granted_at, q.granted_by, q.revoked_at, q.revoked_by, q.revoke_reason,
       (SELECT group_concat(e.code, ', ') FROM course_equipment ce JOIN equipment e ON e.id = ce.equipment_id
         WHERE ce.course_id = q.course_id)
  FROM qualification q JOIN person p ON p.id = q.person_id JOIN course c ON c.id = q.course_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Qualification> {
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
        machines: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
    })
}

/// Grants a qualification by hand (admins), with the reason recorded; it
/// runs from `from` (default today) for the course's validity.
pub fn grant(store: &mut Store, person: &str, course: &str, from: Option<&str>, reason: &str) -> Result<Qualification> {
    let reason = text::required(reason, 200).field(Field::Reason, reason)?;
    let from = from.map(|f| parse_date(f).field(Field::From, f)).transpose()?;
    let today = store.now().date();
    store.write(Capability::ManageTraining, |w| {
        let (pid, _) = person_id(w.conn(), person)?;
        let c = course_by_code(w.conn(), course)?;
        if c.validity_months == 0 {
            // What is out of range is the course's validity, not its code.
            let months = c.validity_months.to_string();
            return Err(Invalid::new(Field::Validity, months, Problem::OutOfRange { min: 1, max: 240 }).into());
        }
        let from = from.unwrap_or(today);
        let until = valid_until(from, u32::try_from(c.validity_months).unwrap_or(0)).unwrap_or(from);
        w.conn().execute(
            "INSERT INTO qualification (person_id, course_id, valid_from, valid_until, origin, reason, granted_at, granted_by)
             VALUES (?1, ?2, ?3, ?4, 'manual', ?5, ?6, ?7)",
            params![pid, c.id, date_text(from), date_text(until), reason, w.now().to_string(), w.who()],
        )?;
        let q = w.conn().query_row(&format!("{SELECT} WHERE q.id = ?1"), [w.conn().last_insert_rowid()], row)?;
        w.audit("qualification", &q.id.to_string(), "grant", None, Some(json(&q)))?;
        Ok(q)
    })
}

/// Revokes a qualification (admins), keeping the row and the reason.
/// Bookings it covered stay, flagged for the manager.
pub fn revoke(store: &mut Store, id: &str, reason: &str) -> Result<Qualification> {
    let reason = text::required(reason, 200).field(Field::Reason, reason)?;
    let n = id
        .trim()
        .parse::<i64>()
        .map_err(|_| Invalid::new(Field::Qualification, id, Problem::Format { example: "12" }))?;
    store.write(Capability::ManageTraining, |w| {
        let before = w
            .conn()
            .query_row(&format!("{SELECT} WHERE q.id = ?1"), [n], row)
            .map_err(|_| Invalid::new(Field::Qualification, id, Problem::NotFound))?;
        if before.revoked_at.is_some() {
            return Err(Refusal::Duplicate { field: Field::Qualification, value: format!("#{n}") }.into());
        }
        w.conn().execute(
            "UPDATE qualification SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1",
            params![n, w.now().to_string(), w.who(), reason],
        )?;
        let after = w.conn().query_row(&format!("{SELECT} WHERE q.id = ?1"), [n], row)?;
        w.audit("qualification", &n.to_string(), "revoke", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

/// Narrows a qualification list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QualificationFilter {
    pub person: Option<String>,
    /// Only qualifications for courses that qualify for this machine.
    pub equipment: Option<String>,
    /// Only those whose last valid day falls within `(today, days)`.
    pub expiring: Option<(NaiveDate, i64)>,
}

pub fn list(store: &Store, filter: &QualificationFilter) -> Result<Vec<Qualification>> {
    let conn = store.conn();
    let pid = filter.person.as_deref().map(|p| person_id(conn, p)).transpose()?.map(|p| p.0);
    let eq = filter.equipment.as_deref().map(|e| crate::db::equipment::by_code(conn, e)).transpose()?.map(|e| e.id);
    let (from, to) = filter
        .expiring
        .map_or((None, None), |(t, d)| (Some(date_text(t)), Some(date_text(t + chrono::Duration::days(d)))));
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR q.person_id = ?1)
           AND (?2 IS NULL OR q.course_id IN (SELECT course_id FROM course_equipment WHERE equipment_id = ?2))
           AND (?3 IS NULL OR (q.valid_until >= ?3 AND q.valid_until <= ?4 AND q.revoked_at IS NULL))
         ORDER BY p.code, c.code, q.valid_from"
    );
    let rows =
        conn.prepare_cached(&sql)?.query_map(params![pid, eq, from, to], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many qualifications there are whose person or course (names, codes,
/// or their 초성) holds `search` (all for an empty one).
pub fn count(store: &Store, search: &str) -> Result<i64> {
    let Some(q) = crate::domain::search::query(search) else {
        return Ok(store.conn().query_row("SELECT count(*) FROM qualification", [], |r| r.get(0))?);
    };
    Ok(store.conn().query_row(&format!("SELECT count(*) FROM qualification q {MATCH}"), [q], |r| r.get(0))?)
}

/// `?1`: the folded query.
const MATCH: &str = "JOIN person p ON p.id = q.person_id JOIN course c ON c.id = q.course_id
  WHERE instr(p.search, ?1) > 0 OR instr(c.search, ?1) > 0";

/// A page of every qualification, soonest to expire first (then in the
/// order people and courses were added), for the screen: the page's ids are
/// picked along the expiry index first, so only the rows shown are joined
/// to their person and course.
pub fn page(store: &Store, search: &str, page: Page) -> Result<Vec<Qualification>> {
    // Valid ones first (`?4`: today), each part soonest to expire first.
    const ORDER: &str = "ORDER BY (q.revoked_at IS NOT NULL OR q.valid_until < ?4), q.valid_until, q.person_id,
                         q.course_id, q.valid_from, q.id";
    let (matching, q) = match crate::domain::search::query(search) {
        Some(q) => (MATCH, Some(q)),
        None => ("WHERE ?3 IS NULL", None),
    };
    let sql = format!(
        "{SELECT} JOIN (SELECT q.id FROM qualification q {} {ORDER} LIMIT ?1 OFFSET ?2) w ON w.id = q.id {ORDER}",
        matching.replace("?1", "?3")
    );
    let rows = store
        .conn()
        .prepare_cached(&sql)?
        .query_map(params![page.limit, page.offset, q, date_text(store.now().date())], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The courses whose qualification a machine requires (none: anyone may book it).
pub fn required_courses(conn: &Connection, equipment_id: i64) -> Result<Vec<String>> {
    let rows = conn
        .prepare_cached("SELECT c.code FROM course_equipment ce JOIN course c ON c.id = ce.course_id WHERE ce.equipment_id = ?1 ORDER BY c.code")?
        .query_map([equipment_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn held(conn: &Connection, person_id: i64, courses: &[String]) -> Result<Vec<Qualification>> {
    let mut out = Vec::new();
    for c in courses {
        let rows: Vec<Qualification> = conn
            .prepare_cached(&format!("{SELECT} WHERE q.person_id = ?1 AND c.code = ?2 ORDER BY q.valid_until DESC"))?
            .query_map(params![person_id, c], row)?
            .collect::<rusqlite::Result<_>>()?;
        out.extend(rows);
    }
    Ok(out)
}

/// The gate: refuses unless the person holds, for every day of the
/// booking, a qualification from a course the machine requires. The refusal
/// names the courses and the person's nearest qualification.
pub(crate) fn gate(conn: &Connection, eq: &Equipment, person_id: i64, period: &Period) -> Result<()> {
    let courses = required_courses(conn, eq.id)?;
    if courses.is_empty() {
        return Ok(());
    }
    let quals = held(conn, person_id, &courses)?;
    let days = days_touched(period);
    if days.iter().all(|d| quals.iter().any(|q| q.valid_on(*d))) {
        return Ok(());
    }
    let person: String = conn.query_row("SELECT name FROM person WHERE id = ?1", [person_id], |r| r.get(0))?;
    let first = days.first().copied().unwrap_or_else(|| period.start().date());
    // The nearest: the one whose span is closest to the booking's first day.
    let distance = |q: &Qualification| -> i64 {
        let (f, u) = (stored_date(&q.valid_from).unwrap_or(first), stored_date(&q.valid_until).unwrap_or(first));
        if first < f {
            (f - first).num_days()
        } else if first > u {
            (first - u).num_days()
        } else {
            0
        }
    };
    let nearest = quals
        .iter()
        .min_by_key(|q| distance(q))
        .map(|q| (q.course.clone(), q.valid_from.clone(), q.valid_until.clone(), q.revoked_at.is_some()));
    Err(Refusal::NotQualified(Box::new(Unqualified { person, courses, nearest })).into())
}

/// Active bookings from now on whose person is no longer qualified for every
/// day of them (revoked or expired since): flagged for the manager, never
/// deleted.
pub fn unqualified_bookings(store: &Store) -> Result<Vec<Booking>> {
    let conn = store.conn();
    let now = store.now().to_string();
    // A booking one qualification covers from its first day to its last
    // passes the gate; only the others (none, usually, of thousands) go
    // through the gate itself, which also accepts several qualifications
    // that cover the days between them.
    let ids: Vec<(i64, i64, i64)> = conn
        .prepare_cached(
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
        )?
        .query_map([now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, equipment_id, person_id) in ids {
        let Some(b) = booking::by_id(store.sql(), id)? else { continue };
        let Some(period) = b.period() else { continue };
        let eq = crate::db::equipment::by_id(conn, equipment_id)?;
        if gate(conn, &eq, person_id, &period).is_err() {
            out.push(b);
        }
    }
    Ok(out)
}
