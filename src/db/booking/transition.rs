//! A booking's moves: approve, reject, cancel, check in, check out (which
//! prices actual use), no-show. Each is a use case with its role check and
//! audit entry; an illegal move is refused naming the state it is in.

use super::{Booking, by_id, parse_id, priced};
use crate::db::write::json;
use crate::db::{Store, Write, downtime, equipment};
use crate::domain::booking::{BookingState, Transition};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, Won, text};
use crate::error::{Refusal, Result};
use crate::store::sql::booking as sql;

pub(super) use crate::store::sql::booking::Changes;

pub(super) fn step(w: &mut Write<'_>, before: &Booking, t: Transition, ch: &Changes) -> Result<Booking> {
    let Some(next) = before.state.apply(t) else {
        return Err(Refusal::IllegalTransition { booking: before.id, state: before.state, action: t }.into());
    };
    sql::step(w.sql(), before.id, next, ch).map_err(|e| super::guard(e, &before.equipment, before.period()))?;
    let after = sql::written(w.sql(), before.id)?;
    w.audit("booking", &before.id.to_string(), t.code(), Some(json(before)), Some(json(&after)))?;
    if !next.is_active() {
        let eq = equipment::by_code(w.sql(), &before.equipment)?;
        downtime::activate_cleared(w, eq.id)?;
    }
    Ok(after)
}

fn run(
    store: &mut Store,
    id: &str,
    t: Transition,
    changes: impl FnOnce(&Write<'_>, &Booking) -> Result<Changes>,
) -> Result<Booking> {
    let n = parse_id(id)?;
    store.write(Capability::ManageBookings, |w| {
        let before = by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        if before.state.apply(t).is_none() {
            return Err(Refusal::IllegalTransition { booking: before.id, state: before.state, action: t }.into());
        }
        let ch = changes(w, &before)?;
        step(w, &before, t, &ch)
    })
}

fn reason(raw: &str) -> Result<Option<String>> {
    Ok(Some(text::clean(raw, 200).field(Field::Reason, raw)?).filter(|r| !r.is_empty()))
}

/// Approves a request; one paid from a project whose budget it would now
/// pass (a lower budget, other bookings since) is refused.
pub fn approve(store: &mut Store, id: &str) -> Result<Booking> {
    run(store, id, Transition::Approve, |w, before| {
        crate::db::project::at_approval(w, before)?;
        Ok(Changes::default())
    })
}

pub fn reject(store: &mut Store, id: &str, why: &str) -> Result<Booking> {
    let note = reason(why)?;
    run(store, id, Transition::Reject, |_, _| Ok(Changes { note, ..Changes::default() }))
}

/// Cancels a booking. An approved one cancelled with less notice than its
/// machine's `free-cancel-notice` is charged the machine's
/// `late-cancel-share` of its booked time at the party's class rate (see
/// `priced::penalty`); a request never approved costs nothing.
pub fn cancel(store: &mut Store, id: &str, why: &str) -> Result<Booking> {
    let note = reason(why)?;
    run(store, id, Transition::Cancel, |w, before| {
        let charged = match before.state {
            BookingState::Approved => {
                let eq = equipment::by_code(w.sql(), &before.equipment)?;
                priced::penalty(w.sql(), &eq, before, w.now(), false)?
            }
            _ => None,
        };
        Ok(with_penalty(Changes { note, ..Changes::default() }, charged))
    })
}

/// Cancels a booking free of any charge, for the centre's reason (a fault,
/// a staff error), which must be given and is kept in the audit.
pub fn cancel_free(store: &mut Store, id: &str, why: &str) -> Result<Booking> {
    let note = reason(why)?;
    if note.is_none() {
        return Err(Invalid::new(Field::Reason, why, Problem::Empty).into());
    }
    run(store, id, Transition::Cancel, |_, _| Ok(Changes { note, ..Changes::default() }))
}

/// A penalty's class, rate and amount, recorded with the step.
fn with_penalty(ch: Changes, charged: Option<(String, Won, Won)>) -> Changes {
    match charged {
        Some((class, rate, amount)) => {
            Changes { penalty: Some(amount), rate: Some(rate), rate_class: Some(class), ..ch }
        }
        None => ch,
    }
}

/// What a no-show of `before` is charged, by its machine's `no-show-share`.
fn no_show_changes(w: &Write<'_>, before: &Booking) -> Result<Changes> {
    let eq = equipment::by_code(w.sql(), &before.equipment)?;
    Ok(with_penalty(Changes::default(), priced::penalty(w.sql(), &eq, before, w.now(), true)?))
}

/// Cancels `before` inside a running use case (a downtime that takes its time).
pub(crate) fn cancel_in(w: &mut Write<'_>, before: &Booking, why: &str) -> Result<Booking> {
    let ch = Changes { note: Some(why.to_owned()), ..Changes::default() };
    step(w, before, Transition::Cancel, &ch)
}

pub fn no_show(store: &mut Store, id: &str) -> Result<Booking> {
    run(store, id, Transition::NoShow, no_show_changes)
}

/// Takes back a no-show (managers), with the reason kept in the audit: the
/// person came after the grace. The booking is approved again, ready to be
/// checked in, and its no-show charge is dropped; if its time was booked by
/// someone else meanwhile, the clash is refused as any other.
pub fn revert_no_show(store: &mut Store, id: &str, why: &str) -> Result<Booking> {
    let note = reason(why)?;
    if note.is_none() {
        return Err(Invalid::new(Field::Reason, why, Problem::Empty).into());
    }
    run(store, id, Transition::Revert, |_, _| Ok(Changes { note, clear_penalty: true, ..Changes::default() }))
}

fn moment(raw: Option<&str>, field: Field, now: Minute) -> Result<Minute> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(now),
        Some(s) => Ok(Minute::parse(s).field(field, s)?),
    }
}

/// Starts use: records when the person began (default now), from the
/// machine's check-in window before the booking's start until its end, never
/// ahead of the clock, and never while another booking of the machine is in
/// use (the refusal names it).
pub fn check_in(store: &mut Store, id: &str, at: Option<&str>) -> Result<Booking> {
    let now = store.now();
    let typed = moment(at, Field::Time, now)?;
    run(store, id, Transition::CheckIn, |w, before| {
        let eq = equipment::by_code(w.sql(), &before.equipment)?;
        let at = super::actual::check_in_moment(w, before, eq.id, typed)?;
        Ok(Changes { actual_start: Some(at), checked_in_at: Some(w.now()), ..Changes::default() })
    })
}

/// Ends use: records when (default now) and the samples run, and prices it:
/// time rounded up to the machine's slot, or samples, at the rate of the
/// party's rate class on the booking's day (see `priced`), recording both.
pub fn check_out(store: &mut Store, id: &str, at: Option<&str>, samples: Option<&str>) -> Result<Booking> {
    let now = store.now();
    let at = moment(at, Field::Time, now)?;
    let samples = samples.map(str::trim).filter(|s| !s.is_empty()).map(super::samples).transpose()?;
    run(store, id, Transition::CheckOut, |w, before| {
        let eq = equipment::by_code(w.sql(), &before.equipment)?;
        let started = before.actual_start.unwrap_or(at);
        let at = super::actual::check_out_moment(w, started, at)?;
        let used = Period::new(started, at).field(Field::Time, &at.to_string())?;
        let samples = samples.unwrap_or(before.samples);
        let (class, rate) = priced::class_and_rate(w.sql(), &eq, before.party_id, before.start.date())?;
        let booked = Period::new(before.start, before.end).field(Field::To, &before.end.to_string())?;
        let drawn = crate::db::voucher::draw(w.sql(), before.party_id, eq.id, &class, before.start)?;
        let took = priced::took(w.sql(), before)?;
        let rules = priced::time_rules(w.sql(), &eq)?;
        let span = priced::span(&booked, &used, samples);
        let (billed, amount, voucher) = priced::with_draw(&eq, rules, rate, span, took, drawn)?;
        Ok(Changes {
            voucher,
            checked_out_at: Some(w.now()),
            overran: super::actual::ran_into(w.sql(), eq.id, before, at)?,
            actual_end: Some(at),
            actual_samples: Some(samples),
            billed_minutes: Some(billed),
            rate: Some(rate),
            rate_class: Some(class),
            charge: Some(amount),
            ..Changes::default()
        })
    })
}

/// Marks approved bookings nobody checked in to within `grace` minutes of
/// their start as no-shows, freeing the rest of their time. A booking whose
/// machine is still in use by someone else is left alone: its person could
/// not check in.
pub fn mark_no_shows(store: &mut Store, grace_minutes: u32) -> Result<Vec<Booking>> {
    store.write(Capability::ManageBookings, |w| {
        let cutoff = Minute(w.now().0 - i64::from(grace_minutes));
        let ids = sql::no_show_candidates(w.sql(), cutoff)?;
        let mut out = Vec::new();
        for id in ids {
            let before = sql::written(w.sql(), id)?;
            let ch = no_show_changes(w, &before)?;
            out.push(step(w, &before, Transition::NoShow, &ch)?);
        }
        Ok(out)
    })
}
