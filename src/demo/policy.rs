//! The demo centre's cancellation policy (free until 24 hours before, half
//! the booked time after, all of it for a no-show; the kilns a week ahead,
//! as firings are planned, and billed their booked time by the hour) and what it charged this morning: the bookings
//! nobody claimed marked as no-shows, and a late cancellation.

use crate::db::booking::{self, BookingFilter};
use crate::db::{Page, Store, setting};
use crate::domain::booking::BookingState;
use crate::error::Result;

/// Sets the policy.
pub fn set(store: &mut Store) -> Result<()> {
    setting::set(store, "free-cancel-notice", "1440", None)?;
    setting::set(store, "late-cancel-share", "50", None)?;
    setting::set(store, "no-show-share", "100", None)?;
    for kiln in ["EQ-0018", "EQ-0019"] {
        setting::set(store, "free-cancel-notice", "10080", Some(kiln))?;
        // A firing holds the kiln for its whole programme: the booked
        // time is billed even if the load comes out early, by the hour.
        setting::set(store, "bill-booked-time", "1", Some(kiln))?;
        setting::set(store, "billing-rounding", "60", Some(kiln))?;
    }
    Ok(())
}

/// Marks this morning's unclaimed bookings as no-shows and cancels the
/// first approved booking of tomorrow morning, late; how many were charged.
pub fn happen(store: &mut Store) -> Result<usize> {
    let charged = booking::mark_no_shows(store, 30)?.iter().filter(|b| b.penalty.is_some()).count();
    let now = store.now();
    let soon = BookingFilter {
        state: Some(BookingState::Approved),
        from: Some(now),
        to: Some(crate::domain::Minute(now.0 + 20 * 60)),
        ..BookingFilter::default()
    };
    let ahead = booking::list(store, &soon, Page::new(0, 50))?;
    let late = match ahead.iter().find(|b| b.start > now) {
        Some(b) => booking::cancel(store, &b.id.to_string(), "일정 변경")?.penalty.is_some(),
        None => false,
    };
    Ok(charged + usize::from(late))
}
