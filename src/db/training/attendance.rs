//! Attendance per session, and completing a cohort: who reached 80 % of the
//! session hours, their certificates, and the qualifications they earn.

use serde::Serialize;

use super::enrolment::{Enrolment, by_id, person_id};
use super::{Session, cohort_by_id, cohort_by_ref, course_by_code, sessions};
use crate::db::Store;
use crate::db::write::json;
use crate::domain::actual;
use crate::domain::time::{date_text, parse_date};
use crate::domain::training::{attended_minutes, certificate, passes, valid_until};
use crate::domain::{Attendance, Capability, EnrolmentStatus, Field, ForField, Invalid, Problem};
use crate::error::{Refusal, Result};
use crate::store::sql::training::attendance as sql;

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
        let h = cohort_by_ref(w.sql(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        let s = sessions(w.sql(), h.id)?
            .into_iter()
            .find(|s| s.number == number)
            .ok_or_else(|| Invalid::new(Field::Session, number.to_string(), Problem::NotFound))?;
        let (pid, name) = person_id(w.sql(), person)?;
        // Attendance for time not yet spent would raise the rate and could
        // complete a cohort and grant a qualification.
        actual::attendance(s.start, w.now()).map_err(|_| Refusal::SessionNotStarted {
            cohort: h.reference(),
            session: number,
            start: s.start.to_string(),
        })?;
        let enrolment = sql::enrolled(w.sql(), h.id, pid)?.ok_or_else(|| Refusal::NotEnrolled {
            person: format!("{} {name}", person.trim()),
            cohort: h.reference(),
        })?;
        let before = sql::mark(w.sql(), s.id, enrolment)?;
        sql::record(w.sql(), s.id, enrolment, status.code(), w.now(), w.who())?;
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
    let db = store.sql();
    let h = cohort_by_ref(db, cohort)?;
    let course = course_by_code(db, &h.course)?;
    let sessions = sessions(db, h.id)?;
    let mut rows = Vec::new();
    for id in sql::seated(db, h.id)? {
        let marks: Vec<Option<Attendance>> = sessions
            .iter()
            .map(|s| Ok(sql::mark(db, s.id, id)?.and_then(|c| Attendance::parse(&c).ok())))
            .collect::<Result<_>>()?;
        let pairs: Vec<(i64, Option<Attendance>)> =
            sessions.iter().map(Session::minutes).zip(marks.iter().copied()).collect();
        let (attended, total) = attended_minutes(&pairs, course.excused_counts);
        rows.push(GridRow {
            enrolment: by_id(db, id)?,
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
        let h = cohort_by_ref(w.sql(), cohort)?;
        if h.completed_on.is_some() {
            return Err(Refusal::CohortCompleted { cohort: h.reference() }.into());
        }
        // A cohort completes once its last session has started, on a day
        // from that session's until today.
        if let Some(last) = lines.sessions.iter().map(|s| s.start).max() {
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
        let course = course_by_code(w.sql(), &h.course)?;
        let mut out = Vec::new();
        let mut serial = 0;
        for row in lines.rows.iter().filter(|r| r.enrolment.status == EnrolmentStatus::Enrolled) {
            let before = row.enrolment.clone();
            if row.passes {
                serial += 1;
                let cert = certificate(&course.code, &h.code, serial);
                sql::complete(w.sql(), before.id, &cert)?;
                if course.validity_months > 0 && !course.equipment.is_empty() {
                    let until = valid_until(day, u32::try_from(course.validity_months).unwrap_or(0)).unwrap_or(day);
                    let earned = sql::Earned {
                        person_id: sql::person_of(w.sql(), before.id)?,
                        course_id: course.id,
                        from: day,
                        until,
                        cohort_id: h.id,
                        at: w.now(),
                        by: w.who(),
                    };
                    let q = sql::grant(w.sql(), &earned)?;
                    let after = serde_json::json!({ "person": before.person, "course": course.code, "valid_from": date_text(day), "valid_until": date_text(until) });
                    w.audit("qualification", &q.to_string(), "grant", None, Some(after))?;
                }
            } else {
                sql::fail(w.sql(), before.id)?;
            }
            let after = by_id(w.sql(), before.id)?;
            w.audit("enrolment", &before.id.to_string(), "complete", Some(json(&before)), Some(json(&after)))?;
            out.push(after);
        }
        sql::cancel_waiting(w.sql(), h.id, w.now())?;
        sql::close_cohort(w.sql(), h.id, day)?;
        let after = cohort_by_id(w.sql(), h.id)?;
        w.audit("cohort", &after.reference(), "complete", Some(json(&h)), Some(json(&after)))?;
        Ok(out)
    })
}
