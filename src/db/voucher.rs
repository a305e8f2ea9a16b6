//! Vouchers (바우처): support programmes that pay a share of a party's use
//! of the centre's machines, up to a cap per party and year. An admin adds
//! a programme and grants it to parties for a year; a completed booking
//! draws on its party's grant when it is priced (check-out, a record of
//! past use, a correction), the programme's share computed by the one
//! pricing function. The grant's running sum is kept by the schema, which
//! refuses a draw past the cap whoever writes: kiln draws at most what
//! remains, read under the write lock (SQLite's IMMEDIATE transaction,
//! PostgreSQL's writer lock and the grant's row lock), so two managers
//! drawing the last of a grant at once get what remains between them.
//!
//! Choices: a use draws on one grant only — of the party's grants for the
//! year whose programme covers the machine, the class and the day, the one
//! whose programme ends first (money that lapses sooner is spent first),
//! while any of it remains. A programme with no machines listed covers
//! every machine, and with no classes listed every class. Penalties
//! (late cancellation, no-show) are never paid by a voucher.

use chrono::Datelike;

use super::write::json;
use super::{Store, equipment, party};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::party::class_code;
use crate::domain::pricing::VoucherTerms;
use crate::domain::voucher::{GrantInput, ProgrammeInput, grant_terms};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Problem, Won, text};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::voucher as sql;

pub use crate::store::sql::voucher::{Grant, Programme, UseRow};

fn find(db: Sql<'_>, raw: &str) -> Result<Programme> {
    let n = parse_numbered("VP", raw, "VP-0001").field(Field::Programme, raw)?;
    sql::by_code(db, &numbered("VP", n))?.ok_or_else(|| Invalid::new(Field::Programme, raw, Problem::NotFound).into())
}

pub fn show(store: &Store, code: &str) -> Result<Programme> {
    find(store.sql(), code)
}

/// Every programme, or those whose name, code or funder holds `search`.
pub fn list(store: &Store, search: Option<&str>) -> Result<Vec<Programme>> {
    let q = search.and_then(crate::domain::search::query);
    sql::list(store.sql(), q.as_deref())
}

/// Adds a programme (admins), with the machines and classes it covers.
pub fn add(store: &mut Store, input: &ProgrammeInput) -> Result<Programme> {
    let new = input.validate()?;
    store.write(Capability::Billing, |w| {
        let mut machines = Vec::new();
        for code in &new.machines {
            machines.push(equipment::by_code(w.sql(), code)?.id);
        }
        let mut classes = Vec::new();
        for raw in &new.classes {
            let code = class_code(raw).field(Field::RateClass, raw)?;
            let id = crate::store::sql::party::class_id(w.sql(), &code)?
                .ok_or_else(|| Invalid::new(Field::RateClass, raw, Problem::NotFound))?;
            classes.push(id);
        }
        let payer = new.payer.as_deref().map(|p| party::resolve(w.sql(), p, Field::Payer)).transpose()?;
        let id = sql::next_id(w.sql())?;
        let code = numbered("VP", id);
        sql::insert(w.sql(), id, &code, (&new, payer.map(|p| p.id)), (&machines, &classes), w.now())?;
        super::search::refresh(w.sql(), super::search::Table::Programme, id)?;
        let p = find(w.sql(), &code)?;
        w.audit("voucher_programme", &code, "add", None, Some(json(&p)))?;
        Ok(p)
    })
}

/// Gives a programme its payer (admins): the billing party its shares are
/// billed to, from the first month not yet issued (the shares of months
/// issued before were settled outside kiln). Once only: a payer changed
/// would move shares already billed.
pub fn set_payer(store: &mut Store, code: &str, payer: &str) -> Result<Programme> {
    let raw = payer;
    let payer = text::required(raw, 100).field(Field::Payer, raw)?;
    store.write(Capability::Billing, |w| {
        let p = find(w.sql(), code)?;
        let party = party::resolve(w.sql(), &payer, Field::Payer)?;
        if let Some(given) = &p.payer {
            let value = format!("{} {given}", p.code);
            return Err(Refusal::Duplicate { field: Field::Payer, value }.into());
        }
        let latest = crate::store::sql::statement::latest_month(w.sql())?;
        let from = latest.and_then(|m| m.checked_add_months(chrono::Months::new(1)));
        sql::set_payer(w.sql(), p.id, party.id, from)?;
        let after = find(w.sql(), code)?;
        w.audit("voucher_programme", &p.code, "set-payer", Some(json(&p)), Some(json(&after)))?;
        Ok(after)
    })
}

/// Narrows a list of grants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantFilter {
    pub programme: Option<String>,
    pub party: Option<String>,
    pub year: Option<i32>,
}

pub fn grants(store: &Store, filter: &GrantFilter) -> Result<Vec<Grant>> {
    let db = store.sql();
    let given = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let programme_id = given(&filter.programme).map(|p| find(db, &p)).transpose()?.map(|p| p.id);
    let party_id = given(&filter.party).map(|p| party::resolve(db, &p, Field::Party)).transpose()?.map(|p| p.id);
    sql::grants(db, &sql::GrantFilter { programme_id, party_id, year: filter.year })
}

/// Admits a party to a programme for a year (admins), with the
/// programme's cap or a lower one; once a year per programme and party.
pub fn grant(store: &mut Store, input: &GrantInput) -> Result<Grant> {
    let new = input.validate()?;
    store.write(Capability::Billing, |w| {
        let p = find(w.sql(), &new.programme)?;
        let payer = party::resolve(w.sql(), &new.party, Field::Party)?;
        let cap = grant_terms(p.cap, p.from, p.last_day, &new, input)?;
        let taken = sql::grants(
            w.sql(),
            &sql::GrantFilter { programme_id: Some(p.id), party_id: Some(payer.id), year: Some(new.year) },
        )?;
        if !taken.is_empty() {
            let value = format!("{} {} {}", p.code, payer.code, new.year);
            return Err(Refusal::Duplicate { field: Field::Programme, value }.into());
        }
        let id = sql::insert_grant(w.sql(), (p.id, payer.id, new.year), cap, w.now(), w.who())?;
        let g =
            sql::grant_by_id(w.sql(), id)?.ok_or_else(|| Invalid::new(Field::Programme, &p.code, Problem::NotFound))?;
        w.audit("voucher_grant", &format!("{} {} {}", g.programme, g.party, g.year), "add", None, Some(json(&g)))?;
        Ok(g)
    })
}

/// The grant a use may draw on and its terms: what remains of it, plus
/// what this booking drew before (`already`, when it is priced again).
pub(crate) type Draw = (i64, VoucherTerms);

/// The grant a use of `equipment_id` by `party_id` at `class`, starting at
/// `start`, draws on when it is first priced, if any covers it and has
/// anything left.
pub(crate) fn draw(db: Sql<'_>, party_id: i64, equipment_id: i64, class: &str, start: Minute) -> Result<Option<Draw>> {
    first_open(db, (party_id, equipment_id, class, start), true)
}

/// What [`draw`] would draw on, read without locking: for an estimate.
pub(crate) fn would_draw(
    db: Sql<'_>,
    party_id: i64,
    equipment_id: i64,
    class: &str,
    start: Minute,
) -> Result<Option<Draw>> {
    first_open(db, (party_id, equipment_id, class, start), false)
}

fn first_open(
    db: Sql<'_>,
    (party_id, equipment_id, class, start): (i64, i64, &str, Minute),
    lock: bool,
) -> Result<Option<Draw>> {
    let day = start.date();
    for g in sql::open(db, party_id, day.year(), lock)? {
        let remaining = Won(g.cap.0 - g.used.0);
        if remaining.0 > 0 && g.coverage.covers(equipment_id, class, day) {
            return Ok(Some((g.grant_id, VoucherTerms { share: g.share, remaining })));
        }
    }
    Ok(None)
}

/// The code of the programme a grant belongs to.
pub(crate) fn programme_of(db: Sql<'_>, grant_id: i64) -> Result<Option<String>> {
    Ok(sql::grant_by_id(db, grant_id)?.map(|g| g.programme))
}

/// The terms of the grant a booking drew on, to price it again (a time
/// correction, a consumable added after check-out): what remains of the
/// grant with this booking's own share given back.
pub(crate) fn redraw(db: Sql<'_>, grant_id: i64, own: Won) -> Result<Option<Draw>> {
    let Some(g) = sql::grant_by_id(db, grant_id)? else { return Ok(None) };
    Ok(Some((grant_id, VoucherTerms { share: g.share, remaining: Won(g.remaining.0 + own.0) })))
}

/// A year of one programme, or of all: each grant's cap, use and balance,
/// and the use by programme, party and month — what the funders'
/// settlements are made of.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct VoucherReport {
    /// The programme reported, or `None` for all of them.
    pub programme: Option<Programme>,
    pub year: i32,
    pub grants: Vec<Grant>,
    pub uses: Vec<UseRow>,
}

pub fn report(store: &Store, programme: Option<&str>, year: i32) -> Result<VoucherReport> {
    let db = store.sql();
    let p = programme.map(|p| find(db, p)).transpose()?;
    let programme_id = p.as_ref().map(|p| p.id);
    let grants = sql::grants(db, &sql::GrantFilter { programme_id, year: Some(year), ..Default::default() })?;
    let uses = sql::use_by_month(db, programme_id, year)?;
    Ok(VoucherReport { programme: p, year, grants, uses })
}
