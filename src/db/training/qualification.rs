//! Qualifications: who may use which machines, from when until when. History
//! is kept: renewal is a new row, revocation marks the row, expiry is only a
//! date. A person's standing on a day is computed from the rows.

use chrono::NaiveDate;

use super::course_by_code;
use super::enrolment::person_id;
use crate::db::booking::{self, Booking};
use crate::db::equipment::Equipment;
use crate::db::write::json;
use crate::db::{Page, Store};
use crate::domain::booking::days_touched;
use crate::domain::time::{date_text, parse_date};
use crate::domain::training::valid_until;
use crate::domain::{Capability, Field, ForField, Invalid, Period, Problem, text};
use crate::error::{Refusal, Result, Unqualified};
use crate::store::Sql;
use crate::store::sql::training::qualification as sql;

pub use crate::store::sql::training::qualification::Qualification;

impl Qualification {
    /// Valid on `day`: within its dates and not revoked by then.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        let within = self.valid_from <= day && day <= self.valid_until;
        let revoked = self.revoked_at.is_some_and(|r| r.date() <= day);
        within && !revoked
    }

    /// Days from `today` to the last valid day (negative once expired).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.valid_until - today).num_days()
    }
}

/// Grants a qualification by hand (admins), with the reason recorded; it
/// runs from `from` (default today) for the course's validity.
pub fn grant(store: &mut Store, person: &str, course: &str, from: Option<&str>, reason: &str) -> Result<Qualification> {
    let reason = text::required(reason, 200).field(Field::Reason, reason)?;
    let from = from.map(|f| parse_date(f).field(Field::From, f)).transpose()?;
    let today = store.now().date();
    store.write(Capability::ManageTraining, |w| {
        let (pid, _) = person_id(w.sql(), person)?;
        let c = course_by_code(w.sql(), course)?;
        if c.validity_months == 0 {
            // What is out of range is the course's validity, not its code.
            let months = c.validity_months.to_string();
            return Err(Invalid::new(Field::Validity, months, Problem::OutOfRange { min: 1, max: 240 }).into());
        }
        let from = from.unwrap_or(today);
        let until = valid_until(from, u32::try_from(c.validity_months).unwrap_or(0)).unwrap_or(from);
        let granted =
            sql::Manual { person_id: pid, course_id: c.id, from, until, reason: &reason, at: w.now(), by: w.who() };
        let id = sql::grant(w.sql(), &granted)?;
        let q = sql::by_id(w.sql(), id)?;
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
        let before = sql::by_id(w.sql(), n).map_err(|_| Invalid::new(Field::Qualification, id, Problem::NotFound))?;
        if before.revoked_at.is_some() {
            return Err(Refusal::Duplicate { field: Field::Qualification, value: format!("#{n}") }.into());
        }
        sql::revoke(w.sql(), n, w.now(), w.who(), &reason)?;
        let after = sql::by_id(w.sql(), n)?;
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
    let db = store.sql();
    let pid = filter.person.as_deref().map(|p| person_id(db, p)).transpose()?.map(|p| p.0);
    let eq = filter.equipment.as_deref().map(|e| crate::db::equipment::by_code(db, e)).transpose()?.map(|e| e.id);
    let expiring = filter.expiring.map(|(t, d)| (t, t + chrono::Duration::days(d)));
    sql::list(db, pid, eq, expiring)
}

/// How many qualifications there are whose person or course (names, codes,
/// or their 초성) holds `search` (all for an empty one).
pub fn count(store: &Store, search: &str) -> Result<i64> {
    sql::count(store.sql(), crate::domain::search::query(search).as_deref())
}

/// A page of every qualification, soonest to expire first (then in the
/// order people and courses were added), for the screen.
pub fn page(store: &Store, search: &str, page: Page) -> Result<Vec<Qualification>> {
    let q = crate::domain::search::query(search);
    sql::page(store.sql(), q.as_deref(), page.limit, page.offset, store.now().date())
}

/// The courses whose qualification a machine requires (none: anyone may book it).
pub fn required_courses(db: Sql<'_>, equipment_id: i64) -> Result<Vec<String>> {
    sql::required_courses(db, equipment_id)
}

fn held(db: Sql<'_>, person_id: i64, courses: &[String]) -> Result<Vec<Qualification>> {
    let mut out = Vec::new();
    for c in courses {
        out.extend(sql::held(db, person_id, c)?);
    }
    Ok(out)
}

/// The gate: refuses unless the person holds, for every day of the
/// booking, a qualification from a course the machine requires. The refusal
/// names the courses and the person's nearest qualification.
pub(crate) fn gate(db: Sql<'_>, eq: &Equipment, person_id: i64, period: &Period) -> Result<()> {
    gate_courses(db, required_courses(db, eq.id)?, person_id, period)
}

/// [`gate`] with the machine's required courses already read (with the
/// quota, in one query, as a booking is checked).
pub(crate) fn gate_courses(db: Sql<'_>, courses: Vec<String>, person_id: i64, period: &Period) -> Result<()> {
    if courses.is_empty() {
        return Ok(());
    }
    let quals = held(db, person_id, &courses)?;
    let days = days_touched(period);
    if days.iter().all(|d| quals.iter().any(|q| q.valid_on(*d))) {
        return Ok(());
    }
    let person = sql::person_name(db, person_id)?;
    let first = days.first().copied().unwrap_or_else(|| period.start().date());
    // The nearest: the one whose span is closest to the booking's first day.
    let distance = |q: &Qualification| -> i64 {
        if first < q.valid_from {
            (q.valid_from - first).num_days()
        } else if first > q.valid_until {
            (first - q.valid_until).num_days()
        } else {
            0
        }
    };
    let nearest = quals
        .iter()
        .min_by_key(|q| distance(q))
        .map(|q| (q.course.clone(), date_text(q.valid_from), date_text(q.valid_until), q.revoked_at.is_some()));
    Err(Refusal::NotQualified(Box::new(Unqualified { person, courses, nearest })).into())
}

/// Active bookings from now on whose person is no longer qualified for every
/// day of them (revoked or expired since): flagged for the manager, never
/// deleted.
pub fn unqualified_bookings(store: &Store) -> Result<Vec<Booking>> {
    let db = store.sql();
    // A booking one qualification covers from its first day to its last
    // passes the gate; only the others (none, usually, of thousands) go
    // through the gate itself, which also accepts several qualifications
    // that cover the days between them.
    let mut out = Vec::new();
    for (id, equipment_id, person_id) in sql::uncovered_bookings(db, store.now())? {
        let Some(b) = booking::by_id(db, id)? else { continue };
        let Some(period) = b.period() else { continue };
        let eq = crate::db::equipment::by_id(db, equipment_id)?;
        if gate(db, &eq, person_id, &period).is_err() {
            out.push(b);
        }
    }
    Ok(out)
}
