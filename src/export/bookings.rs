//! Bookings as an iCalendar file: one VEVENT per booking with a
//! stable UID, times in UTC so every calendar program places them right
//! without a time-zone block.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::db::booking::Booking;
use crate::domain::Minute;
use crate::domain::booking::BookingState;
use crate::error::Result;

/// A KST minute as the UTC instant it is.
fn utc(m: Minute) -> DateTime<Utc> {
    let naive = m.to_datetime() - chrono::Duration::hours(9);
    DateTime::from_naive_utc_and_offset(naive, Utc)
}

/// The calendar file's text.
pub fn ics(bookings: &[Booking]) -> String {
    let mut cal = Calendar::new();
    cal.name("kiln 장비 예약");
    for b in bookings {
        let (start, end) = (utc(b.start), utc(b.end));
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
        event.timestamp(utc(b.created_at));
        cal.push(event.done());
    }
    cal.done().to_string()
}

pub fn write_ics(path: &crate::files::Target, bookings: &[Booking]) -> Result<()> {
    super::write_bytes(path, ics(bookings).as_bytes())
}
