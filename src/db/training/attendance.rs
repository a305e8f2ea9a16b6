//! Attendance per session, and completing a cohort: who reached 80 % of the
//! session hours, their certificates, and the qualifications they earn.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::enrolment::{Enrolment, by_id, person_id};
use super::{Session, cohort_by_id, cohort_by_ref, course_by_code, sessions};
use crate::db::Store;
use crate::db::write::json;
use crate::domain::actual;
use crate::domain::time::{date_text, parse_date};
use crate::domain::training::{attended_minutes, certificate, passes, valid_until};
use crate::domain::{Attendance, Capability, EnrolmentStatus, Field, ForField, Invalid, Minute, Problem};
use crate::error::{Refusal, Result};

/// Records how a trainee attended a session (admins and equipment managers).
pub fn attend(store: &mut Store, cohort: &str, session: &str, person: &str, status: &str) -> Result<()> {
    let number = session
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Invalid::new(Field::Session, session, Problem::Format { example: "3" }))?;
    let status = Attendance::parse(status).field(Field::Status, status)?;
    store.write(Capability::RecordAttendance, |w| {
        let h = cohort_by_ref(w.conn(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let s = sessions(w.conn(), h.id)?.into_iter().find(|s| s.number == number).ok_or_else(|| Invalid::new(Field::Session, number.to_string(), Problem::NotFound))?;
        let (pid, name) = person_id(w.conn(), person)?;
        // Attendance for time not yet spent would raise the rate and could
        // complete a cohort and grant a qualification.
        if let Ok(start) = Minute::parse(&s.start) {
            actual::attendance(start, w.now())
                .map_err(|_| Refusal::SessionNotStarted { cohort: h.reference(), session: number, start: s.start.clone() })?;
        }
        let enrolment: i64 = w
            .conn()
            .query_row("SELECT id FROM enrolment WHERE cohort_id = ?1 AND person_id = ?2 AND status = 'enrolled'", params![h.id, pid], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Refusal::NotEnrolled { person: format!("{} {name}", person.trim()), cohort: h.reference() })?;
        let before: Option<String> = w
            .conn()
            .query_row("SELECT status FROM attendance WHERE session_id = ?1 AND enrolment_id = ?2", params![s.id, enrolment], |r| r.get(0))
            .optional()?;
        w.conn().execute(
            "INSERT INTO attendance (session_id, enrolment_id, status, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (session_id, enrolment_id) DO UPDATE SET status = excluded.status, recorded_at = excluded.recorded_at,
                recorded_by = excluded.recorded_by",
            params![s.id, enrolment, status.code(), w.now().to_string(), w.who()],
        )?;
        let id = format!("{}#{number}/{}", h.reference(), person.trim());
        let after = serde_json::json!({ "status": status.code() });
        w.audit("attendance", &id, "record", before.map(|b| serde_json::json!({ "status": b })), Some(after))?;
        Ok(())
    })
}

/// A cohort's attendance: its sessions, and each seated trainee's marks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub sessions: Vec<Session>,
    pub rows: Vec<GridRow>,
    pub excused_counts: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GridRow {
    pub enrolment: Enrolment,
    /// One per session, in order; `None` where nothing is recorded.
    pub marks: Vec<Option<Attendance>>,
    pub attended_minutes: i64,
    pub total_minutes: i64,
    pub passes: bool,
}

pub fn grid(store: &Store, cohort: &str) -> Result<Grid> {
    let conn = store.conn();
    let h = cohort_by_ref(conn, cohort)?;
    let course = course_by_code(conn, &h.course)?;
    let sessions = sessions(conn, h.id)?;
    let seated: Vec<i64> = conn
        .prepare_cached("SELECT id FROM enrolment WHERE cohort_id = ?1 AND status IN ('enrolled', 'completed', 'failed') ORDER BY id")?
        .query_map([h.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Vec::new();
    for id in seated {
        let marks: Vec<Option<Attendance>> = sessions
            .iter()
            .map(|s| {
                conn.prepare_cached("SELECT status FROM attendance WHERE session_id = ?1 AND enrolment_id = ?2")?
                    .query_row(params![s.id, id], |r| r.get::<_, String>(0))
                    .optional()
                    .map(|o| o.and_then(|c| Attendance::parse(&c).ok()))
            })
            .collect::<rusqlite::Result<_>>()?;
        let pairs: Vec<(i64, Option<Attendance>)> =
            sessions.iter().map(Session::minutes).zip(marks.iter().copied()).collect();
        let (attended, total) = attended_minutes(&pairs, course.excused_counts);
        rows.push(GridRow {
            enrolment: by_id(conn, id)?,
            marks,
            attended_minutes: attended,
            total_minutes: total,
            passes: passes(attended, total),
        });
    }
    Ok(Grid { sessions, rows, excused_counts: course.excused_counts })
}

/// Who would pass and who would not, before completing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CompletionLine {
    pub person: String,
    pub person_name: String,
    pub attended_minutes: i64,
    pub total_minutes: i64,
    pub passes: bool,
}

pub fn preview(store: &Store, cohort: &str) -> Result<Vec<CompletionLine>> {
    Ok(grid(store, cohort)?
        .rows
        .into_iter()
        .map(|r| CompletionLine {
            person: r.enrolment.person.clone(),
            person_name: r.enrolment.person_name.clone(),
            attended_minutes: r.attended_minutes,
            total_minutes: r.total_minutes,
            passes: r.passes,
        })
        .collect())
}

/// Completes a cohort on `on` (admins): each seated trainee with ≥ 80 % of
/// the session hours completes, gets a certificate number and, if the course
/// qualifies for machines, a qualification from that day for its validity;
/// the others fail. Waitlisted places are cancelled.
pub fn complete(store: &mut Store, cohort: &str, on: &str) -> Result<Vec<Enrolment>> {
    let day = parse_date(on).field(Field::Date, on)?;
    let lines = grid(store, cohort)?;
    store.write(Capability::ManageTraining, |w| {
        let h = cohort_by_ref(w.conn(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        // A cohort completes once its last session has started, on a day
        // from that session's until today.
        if let Some(last) = lines.sessions.iter().filter_map(|s| Minute::parse(&s.start).ok()).max() {
            if last > w.now() {
                return Err(Refusal::CohortNotOver { cohort: h.reference(), last_start: last.to_string() }.into());
            }
            if day < last.date() {
                return Err(Invalid::new(Field::Date, on, Problem::NotBefore { earliest: date_text(last.date()) }).into());
            }
        }
        if day > w.now().date() {
            return Err(Invalid::new(Field::Date, on, Problem::NotAfter { latest: date_text(w.now().date()) }).into());
        }
        let course = course_by_code(w.conn(), &h.course)?;
        let mut out = Vec::new();
        let mut serial = 0;
        for row in lines.rows.iter().filter(|r| r.enrolment.status == EnrolmentStatus::Enrolled) {
            let before = row.enrolment.clone();
            if row.passes {
                serial += 1;
                let cert = certificate(&course.code, &h.code, serial);
                w.conn().execute("UPDATE enrolment SET status = 'completed', certificate = ?2 WHERE id = ?1", params![before.id, cert])?;
                if course.validity_months > 0 && !course.equipment.is_empty() {
                    let until = valid_until(day, u32::try_from(course.validity_months).unwrap_or(0)).unwrap_or(day);
                    let pid: i64 = w.conn().query_row("SELECT person_id FROM enrolment WHERE id = ?1", [before.id], |r| r.get(0))?;
                    w.conn().execute(
                        "INSERT INTO qualification (person_id, course_id, valid_from, valid_until, origin, cohort_id, granted_at, granted_by)
                         VALUES (?1, ?2, ?3, ?4, 'cohort', ?5, ?6, ?7)",
                        params![pid, course.id, date_text(day), date_text(until), h.id, w.now().to_string(), w.who()],
                    )?;
                    let q = w.conn().last_insert_rowid();
                    let after = serde_json::json!({ "person": before.person, "course": course.code, "valid_from": date_text(day), "valid_until": date_text(until) });
                    w.audit("qualification", &q.to_string(), "grant", None, Some(after))?;
                }
            } else {
                w.conn().execute("UPDATE enrolment SET status = 'failed' WHERE id = ?1", [before.id])?;
            }
            let after = by_id(w.conn(), before.id)?;
            w.audit("enrolment", &before.id.to_string(), "complete", Some(json(&before)), Some(json(&after)))?;
            out.push(after);
        }
        w.conn().execute(
            "UPDATE enrolment SET status = 'cancelled', cancelled_at = ?2 WHERE cohort_id = ?1 AND status = 'waitlisted'",
            params![h.id, w.now().to_string()],
        )?;
        w.conn().execute("UPDATE cohort SET completed_on = ?2 WHERE id = ?1", params![h.id, date_text(day)])?;
        let after = cohort_by_id(w.conn(), h.id)?;
        w.audit("cohort", &after.reference(), "complete", Some(json(&h)), Some(json(&after)))?;
        Ok(out)
    })
}
