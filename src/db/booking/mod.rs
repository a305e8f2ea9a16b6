//! Bookings of the shared machines. A booking is made within the machine's
//! rules, never overlaps another active booking or a downtime (checked here
//! with a message naming the clash and the nearest free slot, and by a
//! trigger behind it), and is charged from actual use.

mod actual;
mod gate;
mod history;
pub mod priced;
mod slots;
mod transition;

use super::write::json;
use super::{Page, Store, Write, company, equipment, party};
use crate::domain::booking::{self as rules, BookingState};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, text};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::booking as sql;
use crate::store::{Guard, Sql};

pub use actual::{correct, walk_in};
pub use history::{PastBooking, record};
pub use slots::{Preview, clash_for, preview, suggest};
pub(crate) use transition::cancel_in;
pub use transition::{
    approve, cancel, cancel_free, check_in, check_out, mark_no_shows, no_show, reject, revert_no_show,
};

pub use crate::store::sql::booking::Booking;

impl Booking {
    pub fn period(&self) -> Option<Period> {
        Period::new(self.start, self.end).ok()
    }

    /// The booked period as lists write it ([`Period::text`]).
    pub fn span(&self) -> String {
        crate::domain::period::shown(self.start, self.end)
    }

    /// The booked times alone ([`Period::times`]).
    pub fn span_times(&self) -> String {
        crate::domain::period::shown_times(self.start, self.end)
    }

    /// `김민수(세라텍)` or `김민수` for someone external.
    pub fn who(&self) -> String {
        match &self.company_name {
            Some(c) => format!("{}({c})", self.person_name),
            None => self.person_name.clone(),
        }
    }
}

/// Bookings by id, keyed by id, in one query.
pub(crate) fn by_ids(db: Sql<'_>, ids: &[i64]) -> Result<std::collections::HashMap<i64, Booking>> {
    sql::by_ids(db, ids)
}

pub(crate) fn by_id(db: Sql<'_>, id: i64) -> Result<Option<Booking>> {
    sql::by_id(db, id)
}

/// A booking number as typed: `123` or `#123`.
pub(crate) fn parse_id(raw: &str) -> Result<i64> {
    let s = raw.trim().trim_start_matches('#');
    s.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Invalid::new(Field::Booking, raw, Problem::Format { example: "123" }).into())
}

pub fn show(store: &Store, id: &str) -> Result<Booking> {
    let n = parse_id(id)?;
    by_id(store.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound).into())
}

/// What was typed to book a machine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingInput {
    pub equipment: String,
    pub person: String,
    /// The company billed (사업자등록번호); empty: the person's company.
    pub company: String,
    /// The billing party (청구처: `BP-0007` or a BRN); empty: the company
    /// above, else the project's party, else the person's own party.
    pub party: String,
    /// The project (과제) that pays (`PJ-0001`), one of the party's; empty: none.
    pub project: String,
    pub from: String,
    pub to: String,
    pub purpose: String,
    pub samples: String,
    /// Book the same time on this many weeks (1: just this once).
    pub weeks: String,
    /// In a series, book the free occurrences and skip the clashing ones.
    pub book_free: bool,
    /// Book beyond the company's monthly quota, for this reason.
    pub override_quota: Option<String>,
}

/// The validated parts of a [`BookingInput`].
pub(crate) struct Request {
    pub period: Period,
    pub purpose: String,
    pub samples: i64,
    pub weeks: u32,
}

/// Samples as typed: empty is none.
pub(super) fn samples(raw: &str) -> Result<i64> {
    match raw.trim() {
        "" => Ok(0),
        s => Ok(s
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=10_000).contains(n))
            .ok_or_else(|| Invalid::new(Field::Samples, raw, Problem::OutOfRange { min: 0, max: 10_000 }))?),
    }
}

pub(crate) fn request(input: &BookingInput) -> Result<Request> {
    let start = Minute::parse(&input.from).field(Field::From, &input.from)?;
    let end = Minute::parse(&input.to).field(Field::To, &input.to)?;
    let period = Period::new(start, end).field(Field::To, &input.to)?;
    let purpose = text::clean(&input.purpose, 200).field(Field::Purpose, &input.purpose)?;
    let samples = samples(&input.samples)?;
    let weeks = match input.weeks.trim() {
        "" => 1,
        s => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=52).contains(n))
            .ok_or_else(|| Invalid::new(Field::Weeks, &input.weeks, Problem::OutOfRange { min: 1, max: 52 }))?,
    };
    Ok(Request { period, purpose, samples, weeks })
}

/// The validated parts of a walk-in: it starts now; `to`, if typed, ends it.
pub(crate) fn request_walk_in(
    input: &BookingInput,
    rules: &crate::domain::equipment::Rules,
    now: Minute,
) -> Result<Request> {
    let to = match input.to.trim() {
        "" => None,
        s => Some(Minute::parse(s).field(Field::To, s)?),
    };
    let period = rules::walk_in_period(rules, now, to).field(Field::To, &input.to)?;
    let purpose = text::clean(&input.purpose, 200).field(Field::Purpose, &input.purpose)?;
    let samples = samples(&input.samples)?;
    Ok(Request { period, purpose, samples, weeks: 1 })
}

/// The result of a booking request: what was booked, and for a series the
/// occurrences skipped because they clash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Booked {
    pub booked: Vec<Booking>,
    pub skipped: Vec<Skipped>,
}

/// An occurrence of a series left out, and the refusal that left it out:
/// typed, so that it is rendered at the edge in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub period: Period,
    pub refusal: Refusal,
}

/// Who books and who pays: the person, the company billed and the party.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::struct_field_names)]
pub(crate) struct Who {
    pub person_id: i64,
    pub company_id: Option<i64>,
    pub party_id: i64,
}

/// The id of the person who books, by code.
pub(crate) fn booker(db: Sql<'_>, input: &BookingInput) -> Result<i64> {
    let n = parse_numbered("P", &input.person, "P-0001").field(Field::Person, &input.person)?;
    let own = sql::person(db, &numbered("P", n))?
        .ok_or_else(|| Invalid::new(Field::Person, &input.person, Problem::NotFound))?;
    Ok(own.0)
}

/// The person by code, and who pays (see [`party::for_booking`]).
pub(crate) fn parties(w: &mut Write<'_>, input: &BookingInput) -> Result<Who> {
    let n = parse_numbered("P", &input.person, "P-0001").field(Field::Person, &input.person)?;
    let own = sql::person(w.sql(), &numbered("P", n))?
        .ok_or_else(|| Invalid::new(Field::Person, &input.person, Problem::NotFound))?;
    billed(w, input, own)
}

fn billed(w: &mut Write<'_>, input: &BookingInput, own: crate::store::sql::equipment::Party) -> Result<Who> {
    let (company_id, party_id) = party::for_booking(w, own, &input.party, &input.company)?;
    Ok(Who { person_id: own.0, company_id, party_id })
}

fn in_service(eq: equipment::Equipment) -> Result<equipment::Equipment> {
    if !eq.is_active() {
        return Err(Refusal::EquipmentRetired { equipment: eq.code.clone() }.into());
    }
    Ok(eq)
}

/// The machine asked for, if it is in service, and who books it and pays.
/// The machine and the person are one question when both codes read well (a
/// round trip less on a server); the refusals come in the same order either
/// way: the machine, its being in service, then the person.
pub(crate) fn machine_and_parties(w: &mut Write<'_>, input: &BookingInput) -> Result<(equipment::Equipment, Who)> {
    let db = w.sql();
    let machine = parse_numbered("EQ", &input.equipment, "EQ-0001").field(Field::Equipment, &input.equipment)?;
    let Ok(person) = parse_numbered("P", &input.person, "P-0001") else {
        let eq = in_service(equipment::by_code(db, &input.equipment)?)?;
        return Ok((eq, parties(w, input)?));
    };
    let (eq, party) =
        crate::store::sql::equipment::by_code_with_person(db, &numbered("EQ", machine), &numbered("P", person))?
            .ok_or_else(|| Invalid::new(Field::Equipment, &input.equipment, Problem::NotFound))?;
    let eq = in_service(eq)?;
    let own = party.ok_or_else(|| Invalid::new(Field::Person, &input.person, Problem::NotFound))?;
    Ok((eq, billed(w, input, own)?))
}

/// Books a machine (admins and equipment managers). Each occurrence of a
/// weekly series is checked; a series with clashes books nothing unless
/// `book_free` asks for the free occurrences. Refusals say which rule, or
/// which booking clashes and the nearest free slot.
pub fn add(store: &mut Store, input: &BookingInput) -> Result<Booked> {
    let req = request(input)?;
    let override_reason =
        input.override_quota.as_deref().map(|r| text::required(r, 200).field(Field::Reason, r)).transpose()?;
    store.write(Capability::ManageBookings, |w| {
        let project = match input.project.trim() {
            "" => None,
            code => Some(super::project::resolve(w.sql(), code)?),
        };
        let paid_by_project;
        let input = match &project {
            Some(p) if input.party.trim().is_empty() && input.company.trim().is_empty() => {
                paid_by_project = BookingInput { party: p.party.clone(), ..input.clone() };
                &paid_by_project
            }
            _ => input,
        };
        let (eq, who) = machine_and_parties(w, input)?;
        in_arrears(w, who.party_id)?;
        if let Some(p) = project.as_ref().filter(|p| p.party_id != who.party_id) {
            return Err(Invalid::new(Field::Project, &p.code, Problem::OtherParty { party: p.party.clone() }).into());
        }
        let occurrences = rules::weekly(&req.period, req.weeks);
        let mut out = Booked::default();
        let mut first: Option<i64> = None;
        for period in occurrences {
            let who_pays = (who.person_id, who.company_id);
            let admitted =
                slots::admissible(w, &eq, who_pays, &period, slots::Coming::Ahead, override_reason.is_some()).and_then(
                    |()| match &project {
                        Some(p) => super::project::admit(w.sql(), p, eq.id, who.party_id, &period, req.samples, 0),
                        None => Ok(()),
                    },
                );
            match admitted {
                Ok(()) => {}
                Err(Error::Refused(r)) if req.weeks > 1 => {
                    out.skipped.push(Skipped { period, refusal: r });
                    continue;
                }
                Err(e) => return Err(e),
            }
            let mut booking = insert(w, &eq, who, &period, &req, first, override_reason.as_deref(), None)?;
            if let Some(p) = &project {
                crate::store::sql::project::set_on_booking(w.sql(), booking.id, p.id)?;
                booking = sql::written(w.sql(), booking.id)?;
            }
            first = first.or(Some(booking.id));
            out.booked.push(booking);
        }
        if !out.skipped.is_empty() && !input.book_free {
            let clashes = out.skipped.iter().map(|s| s.period.start().to_string()).collect();
            return Err(Refusal::SeriesClashes { clashes }.into());
        }
        Ok(out)
    })
}

/// Refuses a booking billed to a party whose oldest unpaid statement fell
/// due more than `arrears-block-months` ago (0, the default: never).
pub(crate) fn in_arrears(w: &Write<'_>, party_id: i64) -> Result<()> {
    use chrono::Months;
    let months = crate::db::setting::value(w.sql(), crate::domain::setting::SettingKey::ArrearsBlockMonths, None)?;
    let Some(months) = u32::try_from(months).ok().filter(|m| *m > 0) else { return Ok(()) };
    let today = w.now().date();
    let Some(before) = today.checked_sub_months(Months::new(months)) else { return Ok(()) };
    let Some((statement, due, outstanding)) = crate::store::sql::statement::oldest_unpaid(w.sql(), party_id, before)?
    else {
        return Ok(());
    };
    let party = crate::store::sql::party::code_of(w.sql(), party_id)?;
    Err(Refusal::InArrears { party, statement, outstanding, due }.into())
}

#[allow(clippy::too_many_arguments)]
fn insert(
    w: &mut Write<'_>,
    eq: &equipment::Equipment,
    who: Who,
    period: &Period,
    req: &Request,
    series: Option<i64>,
    over_quota: Option<&str>,
    walk_in: Option<&str>,
) -> Result<Booking> {
    // A walk-in is approved by the manager standing at the machine.
    let state =
        if eq.rules.needs_approval && walk_in.is_none() { BookingState::Requested } else { BookingState::Approved };
    let note = match (walk_in, over_quota) {
        (Some(w), Some(q)) => Some(format!("walk-in: {w}; quota override: {q}")),
        (Some(w), None) => Some(format!("walk-in: {w}")),
        (None, q) => q.map(|r| format!("quota override: {r}")),
    };
    let row = sql::New {
        equipment_id: eq.id,
        person_id: who.person_id,
        company_id: who.company_id,
        party_id: who.party_id,
        period: *period,
        state,
        purpose: &req.purpose,
        samples: req.samples,
        series,
        note,
        created_at: w.now(),
        created_by: w.who(),
    };
    let booking = sql::insert_written(w.sql(), &row).map_err(|e| guard(e, &eq.code, Some(*period)))?;
    let id = booking.id;
    let action = match (walk_in, over_quota) {
        (Some(_), _) => "walk-in",
        (None, Some(_)) => "add-over-quota",
        (None, None) => "add",
    };
    w.audit("booking", &id.to_string(), action, None, Some(json(&booking)))?;
    Ok(booking)
}

/// The schema's guards behind the booking rules, as refusals: a booked
/// period that overlaps another (`period`, the one being written), or use of
/// `equipment` that overlaps another's. Any other error stays as it is.
pub(crate) fn guard(e: Error, equipment: &str, period: Option<Period>) -> Error {
    match (e.guard(), period) {
        (Some(Guard::BookingOverlap), Some(p)) => Refusal::BookingClash {
            clash: Box::new(crate::error::Clash { booking: None, who: String::new(), start: p.start(), end: p.end() }),
            free: None,
        }
        .into(),
        (Some(Guard::ActualOverlap), _) => Refusal::MachineInUse {
            equipment: equipment.to_owned(),
            booking: None,
            who: String::new(),
            since: String::new(),
            until: None,
        }
        .into(),
        _ => e,
    }
}

/// Narrows a booking list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingFilter {
    pub equipment: Option<String>,
    pub person: Option<String>,
    pub company: Option<String>,
    pub state: Option<BookingState>,
    /// Bookings ending after this minute.
    pub from: Option<Minute>,
    /// Bookings starting before this minute.
    pub to: Option<Minute>,
}

pub fn list(store: &Store, filter: &BookingFilter, page: Page) -> Result<Vec<Booking>> {
    let db = store.sql();
    let mut ids = sql::Filter::default();
    if let Some(e) = &filter.equipment {
        ids.equipment_id = Some(equipment::by_code(store.sql(), e)?.id);
    }
    if let Some(p) = &filter.person {
        let n = parse_numbered("P", p, "P-0001").field(Field::Person, p)?;
        // A person no one has is a typo, not a person without bookings.
        let id = crate::store::sql::person::id(db, &numbered("P", n))?
            .ok_or_else(|| Invalid::new(Field::Person, p, Problem::NotFound))?;
        ids.person_id = Some(id);
    }
    if let Some(c) = &filter.company {
        ids.company_id = Some(company::resolve(store.sql(), c, Field::Company)?.id);
    }
    ids.state = filter.state.map(BookingState::code);
    ids.from = filter.from;
    ids.to = filter.to;
    sql::list(db, &ids, page.limit, page.offset)
}

/// The bookings of one machine that a calendar of `period` shows: active and
/// completed ones, by start. Seeks on (machine, start), so it costs the same
/// whatever the table's size.
pub fn calendar(store: &Store, equipment_id: i64, period: &Period) -> Result<Vec<Booking>> {
    // No booking is longer than two weeks (machines' rules, and `record`
    // for the past), so starting the seek two weeks early finds every overlap.
    let seek = Minute(period.start().0 - crate::domain::booking::LONGEST_MINUTES);
    sql::calendar(store.sql(), equipment_id, period, seek)
}

/// Bookings waiting for approval, across machines, oldest first.
pub fn pending(store: &Store, page: Page) -> Result<Vec<Booking>> {
    list(store, &BookingFilter { state: Some(BookingState::Requested), ..BookingFilter::default() }, page)
}
