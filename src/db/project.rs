//! Projects (과제): a party's projects, which its bookings may be paid
//! from. A booking whose estimate would take a project past its budget is
//! refused when it is made and when it is approved; use is never refused at
//! check-out, and spending past the budget shows in the project's figures.

use super::booking::priced;
use super::write::json;
use super::{Store, Write, equipment, party};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::project::{ProjectInput, passes_budget};
use crate::domain::time::date_text;
use crate::domain::{Capability, Field, ForField, Invalid, Period, Problem, Won};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::project as sql;

pub use crate::store::sql::project::Project;

/// Narrows a project list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    /// A part of the name, code, number or funder.
    pub search: Option<String>,
    /// Only the projects of this party (`BP-0075` or a BRN).
    pub party: Option<String>,
}

/// Finds a project by code (`PJ-0001`, `pj-1`, `1`).
pub(crate) fn resolve(db: Sql<'_>, raw: &str) -> Result<Project> {
    let n = parse_numbered("PJ", raw, "PJ-0001").field(Field::Project, raw)?;
    sql::by_code(db, &numbered("PJ", n))?.ok_or_else(|| Invalid::new(Field::Project, raw, Problem::NotFound).into())
}

pub fn show(store: &Store, code: &str) -> Result<Project> {
    with_committed(store.sql(), resolve(store.sql(), code)?)
}

fn with_committed(db: Sql<'_>, mut p: Project) -> Result<Project> {
    p.committed = committed(db, &p, 0)?;
    Ok(p)
}

pub fn list(store: &Store, filter: &ProjectFilter) -> Result<Vec<Project>> {
    let party_id = match filter.party.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(party::resolve(store.sql(), p, Field::Party)?.id),
        None => None,
    };
    let search = filter.search.as_deref().and_then(crate::domain::search::query);
    sql::list(store.sql(), &sql::Filter { search, party_id })?
        .into_iter()
        .map(|p| with_committed(store.sql(), p))
        .collect()
}

/// Adds a project of a party (admins); its 과제번호 must be new.
pub fn add(store: &mut Store, input: &ProjectInput) -> Result<Project> {
    let new = input.validate()?;
    store.write(Capability::Billing, |w| {
        let payer = party::resolve(w.sql(), &new.party, Field::Party)?;
        if let Some(code) = sql::number_taken(w.sql(), &new.number)? {
            return Err(
                Refusal::Duplicate { field: Field::ProjectNumber, value: format!("{} ({code})", new.number) }.into()
            );
        }
        let id = sql::next_id(w.sql())?;
        let code = numbered("PJ", id);
        sql::insert(w.sql(), id, &code, payer.id, &new, w.now())?;
        super::search::refresh(w.sql(), super::search::Table::Project, id)?;
        let project = with_committed(w.sql(), resolve(w.sql(), &code)?)?;
        w.audit("project", &code, "add", None, Some(json(&project)))?;
        Ok(project)
    })
}

/// What a booking of `period` on machine `equipment_id` for `party_id` is
/// estimated at: its booked time (or samples) at the party's class rate.
fn estimate(db: Sql<'_>, equipment_id: i64, party_id: i64, period: &Period, samples: i64) -> Result<Won> {
    let eq = crate::store::sql::equipment::by_id(db, equipment_id)?;
    let (_, rate) = priced::class_and_rate(db, &eq, party_id, period.start().date())?;
    let rules = priced::time_rules(db, &eq)?;
    Ok(priced::use_charge(&eq, rules, rate, priced::span(period, period, samples))?.1)
}

/// What a project has spent and has booked but `except`, estimated.
fn committed(db: Sql<'_>, project: &Project, except: i64) -> Result<Won> {
    let mut sum = project.spent;
    for (eq, payer, start, end, samples) in sql::active(db, project.id, except)? {
        let Ok(period) = Period::new(start, end) else { continue };
        sum = Won(sum.0.saturating_add(estimate(db, eq, payer, &period, samples)?.0));
    }
    Ok(sum)
}

/// Refuses a booking of `period` that its project would not pay for: one
/// outside the project's period, or one whose estimate takes it past its
/// budget. `except` is the booking itself once it exists (at approval).
pub(crate) fn admit(
    db: Sql<'_>,
    project: &Project,
    equipment_id: i64,
    party_id: i64,
    period: &Period,
    samples: i64,
    except: i64,
) -> Result<()> {
    let day = period.start().date();
    if day < project.from {
        let earliest = date_text(project.from);
        return Err(Invalid::new(Field::Project, &project.code, Problem::NotBefore { earliest }).into());
    }
    if day > project.last_day {
        let latest = date_text(project.last_day);
        return Err(Invalid::new(Field::Project, &project.code, Problem::NotAfter { latest }).into());
    }
    if project.budget.is_none() {
        return Ok(());
    }
    let cost = estimate(db, equipment_id, party_id, period, samples)?;
    let so_far = committed(db, project, except)?;
    if passes_budget(project.budget, so_far, cost) {
        return Err(Refusal::OverBudget {
            project: project.code.clone(),
            budget: project.budget.unwrap_or_default(),
            committed: so_far,
            estimate: cost,
        }
        .into());
    }
    Ok(())
}

/// The project a booking names, checked against it at approval.
pub(crate) fn at_approval(w: &Write<'_>, booking: &super::booking::Booking) -> Result<()> {
    let Some(id) = sql::of_booking(w.sql(), booking.id)? else { return Ok(()) };
    let project =
        sql::by_id(w.sql(), id)?.ok_or_else(|| Invalid::new(Field::Project, id.to_string(), Problem::NotFound))?;
    let eq = equipment::by_code(w.sql(), &booking.equipment)?;
    let period = Period::new(booking.start, booking.end).field(Field::To, &booking.end.to_string())?;
    admit(w.sql(), &project, eq.id, booking.party_id, &period, booking.samples, booking.id)
}
