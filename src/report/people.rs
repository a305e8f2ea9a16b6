//! The people tab: each person with their company, how their qualifications
//! stand (valid, expiring within 30 days, expired or revoked) and their next
//! booking; and one person's qualifications and coming bookings.

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::booking::{self, Booking, BookingFilter};
use crate::db::person::{self, Person, PersonFilter};
use crate::db::training::qualification::{self, Qualification, QualificationFilter};
use crate::db::{Page, Store};
use crate::domain::Minute;
use crate::error::Result;
use crate::store::sql::report::people as sql;

/// Days before its last valid day from which a qualification is "expiring".
pub const EXPIRING_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonCard {
    pub person: Person,
    pub valid: i64,
    pub expiring: i64,
    pub expired: i64,
    /// The next active booking from now: its start and machine.
    pub next: Option<(Minute, String)>,
}

/// A page of people matching `search` (the one search key), with their cards.
pub fn cards(store: &Store, search: &str, page: Page, now: Minute) -> Result<Vec<PersonCard>> {
    let filter =
        PersonFilter { search: Some(search.to_owned()).filter(|s| !s.trim().is_empty()), ..PersonFilter::default() };
    let (today, soon) = (now.date(), now.date() + chrono::Duration::days(EXPIRING_DAYS));
    let db = store.sql();
    let mut out = Vec::new();
    for p in person::list(store, &filter, page)? {
        let (valid, expiring, expired) = sql::qualification_counts(db, &p.code, today, soon)?;
        let next = sql::next_booking(db, &p.code, now)?;
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
