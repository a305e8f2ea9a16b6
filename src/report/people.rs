//! The people tab: each person with their company, how their qualifications
//! stand (valid, expiring within 30 days, expired or revoked) and their next
//! booking; and one person's qualifications and coming bookings.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::db::booking::{self, Booking, BookingFilter};
use crate::db::person::{self, Person, PersonFilter};
use crate::db::training::qualification::{self, Qualification, QualificationFilter};
use crate::db::{Page, Store};
use crate::domain::Minute;
use crate::domain::time::date_text;
use crate::error::Result;

/// Days before its last valid day from which a qualification is "expiring".
pub const EXPIRING_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonCard {
    pub person: Person,
    pub valid: i64,
    pub expiring: i64,
    pub expired: i64,
    /// The next active booking from now: its start and machine.
    pub next: Option<(String, String)>,
}

/// A page of people matching `search` (the one search key), with their cards.
pub fn cards(store: &Store, search: &str, page: Page, now: Minute) -> Result<Vec<PersonCard>> {
    let filter =
        PersonFilter { search: Some(search.to_owned()).filter(|s| !s.trim().is_empty()), ..PersonFilter::default() };
    let today = date_text(now.date());
    let soon = date_text(now.date() + chrono::Duration::days(EXPIRING_DAYS));
    let conn = store.conn();
    let mut out = Vec::new();
    for p in person::list(store, &filter, page)? {
        let (valid, expiring, expired): (i64, i64, i64) = conn
            .prepare_cached(
                "SELECT coalesce(sum(q.revoked_at IS NULL AND q.valid_until >= ?2 AND q.valid_from <= ?2), 0),
                        coalesce(sum(q.revoked_at IS NULL AND q.valid_until >= ?2 AND q.valid_until <= ?3), 0),
                        coalesce(sum(q.revoked_at IS NOT NULL OR q.valid_until < ?2), 0)
                   FROM qualification q JOIN person p ON p.id = q.person_id WHERE p.code = ?1",
            )?
            .query_row(params![p.code, today, soon], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let next: Option<(String, String)> = conn
            .prepare_cached(
                "SELECT b.start, e.code FROM booking b INDEXED BY booking_person
                   JOIN person p ON p.id = b.person_id JOIN equipment e ON e.id = b.equipment_id
                  WHERE p.code = ?1 AND b.end > ?2 AND b.state IN ('requested', 'approved', 'in-use')
                  ORDER BY b.start LIMIT 1",
            )?
            .query_row(params![p.code, now.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        out.push(PersonCard { person: p, valid, expiring, expired, next });
    }
    Ok(out)
}

pub fn count(store: &Store, search: &str) -> Result<i64> {
    let filter =
        PersonFilter { search: Some(search.to_owned()).filter(|s| !s.trim().is_empty()), ..PersonFilter::default() };
    person::count(store, &filter)
}

/// One person's qualifications (valid first) and coming bookings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PersonDetail {
    pub qualifications: Vec<Qualification>,
    pub coming: Vec<Booking>,
}

pub fn detail(store: &Store, code: &str, now: Minute) -> Result<PersonDetail> {
    let today: NaiveDate = now.date();
    let mut qualifications = qualification::list(
        store,
        &QualificationFilter { person: Some(code.to_owned()), ..QualificationFilter::default() },
    )?;
    qualifications.sort_by_key(|q| (!q.valid_on(today), q.valid_until));
    let filter = BookingFilter { person: Some(code.to_owned()), from: Some(now), ..BookingFilter::default() };
    let coming = booking::list(store, &filter, Page::new(0, 5))?.into_iter().filter(|b| b.state.is_active()).collect();
    Ok(PersonDetail { qualifications, coming })
}
