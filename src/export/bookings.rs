//! Bookings as CSV and as an iCalendar file: one VEVENT per booking with a
//! stable UID, times in UTC so every calendar program places them right
//! without a time-zone block.

use std::path::Path;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::db::booking::Booking;
use crate::domain::Minute;
use crate::domain::booking::BookingState;
use crate::error::Result;

pub const CSV_HEADERS: [&str; 16] = [
    "id",
    "equipment",
    "equipment_name",
    "person",
    "person_name",
    "company_brn",
    "company_name",
    "start",
    "end",
    "state",
    "purpose",
    "samples",
    "actual_start",
    "actual_end",
    "billed_minutes",
    "charge",
];

fn row(b: &Booking) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    vec![
        b.id.to_string(),
        b.equipment.clone(),
        b.equipment_name.clone(),
        b.person.clone(),
        b.person_name.clone(),
        opt(&b.company_brn),
        opt(&b.company_name),
        b.start.clone(),
        b.end.clone(),
        b.state.code().to_owned(),
        b.purpose.clone(),
        b.samples.to_string(),
        opt(&b.actual_start),
        opt(&b.actual_end),
        b.billed_minutes.map(|m| m.to_string()).unwrap_or_default(),
        b.charge.map(|c| c.0.to_string()).unwrap_or_default(),
    ]
}

pub fn write_csv(path: &Path, bookings: &[Booking]) -> Result<()> {
    let rows: Vec<Vec<String>> = bookings.iter().map(row).collect();
    super::write_csv(path, &CSV_HEADERS, &rows)
}

/// A KST minute as the UTC instant it is.
fn utc(text: &str) -> Option<DateTime<Utc>> {
    let m = Minute::parse(text).ok()?;
    let naive = m.to_datetime() - chrono::Duration::hours(9);
    Some(DateTime::from_naive_utc_and_offset(naive, Utc))
}

/// The calendar file's text.
pub fn ics(bookings: &[Booking]) -> String {
    let mut cal = Calendar::new();
    cal.name("kiln 장비 예약");
    for b in bookings {
        let (Some(start), Some(end)) = (utc(&b.start), utc(&b.end)) else { continue };
        let status = match b.state {
            BookingState::Requested => EventStatus::Tentative,
            BookingState::Approved | BookingState::InUse | BookingState::Completed => EventStatus::Confirmed,
            BookingState::Rejected | BookingState::Cancelled | BookingState::NoShow => EventStatus::Cancelled,
        };
        let mut event = Event::new();
        event
            .uid(&format!("booking-{}@kiln.gangwon-ceramic.kr", b.id))
            .summary(&format!("{} {} · {}", b.equipment, b.equipment_name, b.who()))
            .description(&b.purpose)
            .starts(start)
            .ends(end)
            .status(status);
        if let Some(stamp) = utc(&b.created_at) {
            event.timestamp(stamp);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

pub fn write_ics(path: &Path, bookings: &[Booking]) -> Result<()> {
    std::fs::write(path, ics(bookings))?;
    Ok(())
}
