//! Billing parties (청구처): who a booking is billed to, who may book for
//! them, and the rate class each is priced by.
//!
//! A company's party is made with the company (by the schema, so no way of
//! adding a company can leave one without). An outside organisation or an
//! individual is added by an admin; an individual party is also made the
//! first time a person with no company books, so that their use is billed
//! to someone.

use super::write::json;
use super::{Page, Store, Write};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::party::{NewParty, PartyInput, class_code};
use crate::domain::{Brn, Capability, Field, ForField, Invalid, PartyKind, Problem};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::party as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::party::{Party, RateClass};

/// Narrows a party list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyFilter {
    /// A part of the name, the code or the BRN.
    pub search: Option<String>,
    pub kind: Option<String>,
}

/// Finds a party by code (`BP-0007`, `bp-7`, `7`) or by the BRN of its
/// company or organisation; unknown ones are refused naming `field`.
pub(crate) fn resolve(db: Sql<'_>, raw: &str, field: Field) -> Result<Party> {
    let found = if let Ok(brn) = Brn::parse(raw) {
        sql::by_brn(db, &brn.digits())?
    } else {
        let n = parse_numbered("BP", raw, "BP-0001").field(field, raw)?;
        sql::by_code(db, &numbered("BP", n))?
    };
    found.ok_or_else(|| Invalid::new(field, raw, Problem::NotFound).into())
}

fn class_id(db: Sql<'_>, code: &str) -> Result<i64> {
    sql::class_id(db, code)?.ok_or_else(|| Invalid::new(Field::RateClass, code, Problem::NotFound).into())
}

pub fn show(store: &Store, code: &str) -> Result<Party> {
    resolve(store.sql(), code, Field::Party)
}

fn filter(f: &PartyFilter) -> Result<sql::Filter> {
    let kind = match f.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(PartyKind::parse(k).field(Field::PartyKind, k)?),
        None => None,
    };
    Ok(sql::Filter { search: f.search.as_deref().and_then(crate::domain::search::query), kind })
}

pub fn list(store: &Store, f: &PartyFilter, page: Page) -> Result<Vec<Party>> {
    sql::list(store.sql(), &filter(f)?, page.limit, page.offset)
}

pub fn count(store: &Store, f: &PartyFilter) -> Result<i64> {
    sql::count(store.sql(), &filter(f)?)
}

/// Adds an outside organisation or an individual (admins).
pub fn add(store: &mut Store, input: &PartyInput) -> Result<Party> {
    let new = input.validate()?;
    store.write(Capability::Billing, |w| add_in(w, &new))
}

pub(crate) fn add_in(w: &mut Write<'_>, new: &NewParty) -> Result<Party> {
    let db = w.sql();
    let class = new.class.as_deref().map(|c| class_id(db, c)).transpose()?;
    let person_id = match new.person.as_deref() {
        Some(p) => Some(person_id(db, p)?),
        None => None,
    };
    if let Some(brn) = new.brn {
        if let Some(company) = super::company::by_brn(db, brn)? {
            let party = sql::of_company(db, company.id)?.unwrap_or_default();
            return Err(Refusal::PartyIsCompany { brn: brn.to_string(), party: numbered("BP", party) }.into());
        }
        if sql::by_brn(db, &brn.digits())?.is_some() {
            return Err(Refusal::Duplicate { field: Field::Brn, value: brn.to_string() }.into());
        }
    }
    if let Some(id) = person_id
        && let Some(own) = sql::of_person(db, id)?
    {
        let person = new.person.clone().unwrap_or_default();
        return Err(
            Refusal::Duplicate { field: Field::Person, value: format!("{person} ({})", numbered("BP", own)) }.into()
        );
    }
    let id = sql::next_id(db)?;
    let code = numbered("BP", id);
    let row = sql::New {
        id,
        code: &code,
        kind: new.kind,
        name: &new.name,
        brn: new.brn.map(|b| b.digits()),
        person_id,
        class_id: class,
        email: new.email.as_deref(),
    };
    sql::insert(db, &row).map_err(|e| guarded(e, new))?;
    written(w, &code)
}

/// The party just written: its search key made, the audit log told.
fn written(w: &mut Write<'_>, code: &str) -> Result<Party> {
    let party = sql::by_code(w.sql(), code)?.ok_or_else(|| Invalid::new(Field::Party, code, Problem::NotFound))?;
    super::search::refresh(w.sql(), super::search::Table::Party, party.id)?;
    w.audit("party", code, "add", None, Some(json(&party)))?;
    Ok(party)
}

fn guarded(e: Error, new: &NewParty) -> Error {
    let brn = new.brn.map(|b| b.to_string()).unwrap_or_default();
    match e.guard() {
        Some(Guard::PartyIsCompany) => Refusal::PartyIsCompany { brn, party: String::new() }.into(),
        Some(Guard::Unique) => Refusal::Duplicate { field: Field::Brn, value: brn }.into(),
        _ => e,
    }
}

fn person_id(db: Sql<'_>, raw: &str) -> Result<i64> {
    let n = parse_numbered("P", raw, "P-0001").field(Field::Person, raw)?;
    crate::store::sql::person::id(db, &numbered("P", n))?
        .ok_or_else(|| Invalid::new(Field::Person, raw, Problem::NotFound).into())
}

/// Sets a party's rate class (admins); an empty class clears it, so that
/// the rule of its kind applies again (a company: "tenant" on a day it
/// holds a lease, "external" otherwise).
pub fn set_class(store: &mut Store, party: &str, class: &str) -> Result<Party> {
    let code = match class.trim() {
        "" => None,
        c => Some(class_code(c).field(Field::RateClass, class)?),
    };
    store.write(Capability::Billing, |w| {
        let before = resolve(w.sql(), party, Field::Party)?;
        let id = code.as_deref().map(|c| class_id(w.sql(), c)).transpose()?;
        if sql::set_class(w.sql(), before.id, id)? {
            let after = resolve(w.sql(), &before.code, Field::Party)?;
            w.audit("party", &before.code, "set-class", Some(json(&before)), Some(json(&after)))?;
            return Ok(after);
        }
        Ok(before)
    })
}

/// Sets an outside organisation's representative (대표자), whom its tax
/// documents name as the buyer's 성명 (admins); empty clears it. A
/// company's is the company's own (`kiln company edit --representative`).
pub fn set_representative(store: &mut Store, party: &str, name: &str) -> Result<Party> {
    let clean = crate::domain::text::clean(name, 50).field(Field::Representative, name)?;
    crate::domain::text::visible(&clean).field(Field::Representative, name)?;
    store.write(Capability::Billing, |w| {
        let before = resolve(w.sql(), party, Field::Party)?;
        if before.kind != PartyKind::Organisation {
            let kind = before.kind.code();
            return Err(Invalid::new(Field::Representative, name, Problem::NotForKind { kind }).into());
        }
        let value = (!clean.is_empty()).then_some(clean.as_str());
        // What it was, for the audit (an organisation has no company).
        let was = sql::buyer(w.sql(), &before.code)?.map(|(r, _)| r).filter(|r| !r.is_empty());
        if sql::set_representative(w.sql(), before.id, value)? {
            let old = Some(serde_json::json!({ "representative": was }));
            w.audit(
                "party",
                &before.code,
                "set-representative",
                old,
                Some(serde_json::json!({ "representative": value })),
            )?;
        }
        Ok(before)
    })
}

/// Lets a person book for a party (admins).
pub fn join(store: &mut Store, party: &str, person: &str) -> Result<Party> {
    membership(store, party, person, true)
}

/// Stops a person booking for a party (admins). Their bookings stay billed
/// to it.
pub fn leave(store: &mut Store, party: &str, person: &str) -> Result<Party> {
    membership(store, party, person, false)
}

fn membership(store: &mut Store, party: &str, person: &str, joins: bool) -> Result<Party> {
    store.write(Capability::Billing, |w| {
        let before = resolve(w.sql(), party, Field::Party)?;
        let who = person_id(w.sql(), person)?;
        let changed = if joins { sql::join(w.sql(), before.id, who)? } else { sql::leave(w.sql(), before.id, who)? };
        if !changed {
            return Ok(before);
        }
        let after = resolve(w.sql(), &before.code, Field::Party)?;
        let action = if joins { "join" } else { "leave" };
        w.audit("party", &before.code, action, Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

/// Who a booking bills: the party asked for (a company's party, which
/// anyone may bill as `--company` always could, or one the person belongs
/// to), else the company asked for, else the person's own: their company's
/// party, or their individual party, made now if they have none. The
/// company is the party's, so a party other than a company's bills no
/// company. Returns (company, party).
pub(crate) fn for_booking(
    w: &mut Write<'_>,
    (person_id, own_company, own_party): crate::store::sql::equipment::Party,
    asked_party: &str,
    asked_company: &str,
) -> Result<(Option<i64>, i64)> {
    let db = w.sql();
    if let Some((company, party)) = asked(db, person_id, asked_party)? {
        return Ok((company, party));
    }
    if !asked_company.trim().is_empty() {
        let company = super::company::resolve(db, asked_company.trim(), Field::Company)?;
        let party = sql::of_company(db, company.id)?
            .ok_or_else(|| Invalid::new(Field::Party, asked_company, Problem::NotFound))?;
        return Ok((Some(company.id), party));
    }
    // A person's own party is their company's when they have one.
    if let Some(party) = own_party {
        return Ok((own_company, party));
    }
    Ok((None, individual(w, person_id)?))
}

/// The party that pays for what a person did for `company` (or for no
/// company): the company's, else the person's individual party.
pub(crate) fn of_booker(w: &mut Write<'_>, person_id: i64, company_id: Option<i64>) -> Result<i64> {
    match company_id {
        Some(c) => sql::of_company(w.sql(), c)?
            .ok_or_else(|| Invalid::new(Field::Party, c.to_string(), Problem::NotFound).into()),
        None => individual(w, person_id),
    }
}

/// The party asked for by a person who books (none if nothing was asked):
/// its company and id, or the refusal if the person may not bill it — the
/// booking form says so as it is typed, before saving.
pub(crate) fn asked(db: Sql<'_>, person_id: i64, asked_party: &str) -> Result<Option<(Option<i64>, i64)>> {
    if asked_party.trim().is_empty() {
        return Ok(None);
    }
    let party = resolve(db, asked_party.trim(), Field::Party)?;
    let company = sql::company_of(db, party.id)?;
    if company.is_none() && !sql::may_book(db, party.id, person_id)? {
        let person = crate::store::sql::person::code(db, person_id)?;
        return Err(Refusal::NotPartyMember { party: party.code, person }.into());
    }
    Ok(Some((company, party.id)))
}

/// A person's individual party, made (and audited) if they have none.
pub(crate) fn individual(w: &mut Write<'_>, person_id: i64) -> Result<i64> {
    if let Some(id) = sql::of_person(w.sql(), person_id)? {
        return Ok(id);
    }
    let person = crate::store::sql::person::code(w.sql(), person_id)?;
    let who = crate::store::sql::person::by_code(w.sql(), &person)?
        .ok_or_else(|| Invalid::new(Field::Person, &person, Problem::NotFound))?;
    let new = NewParty {
        kind: PartyKind::Individual,
        name: who.name,
        brn: None,
        class: None,
        email: who.email,
        person: Some(person),
    };
    let party = add_in(w, &new)?;
    Ok(party.id)
}

/// The rate classes, in the order they were made.
pub fn classes(store: &Store) -> Result<Vec<RateClass>> {
    sql::classes(store.sql())
}

/// Who pays for a party's use and how, as its page shows it: the class it
/// is priced by today (set, or by the rule), its projects, and this year's
/// voucher grants with what is left.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Billing {
    pub party: String,
    pub rate_class: String,
    /// The class's name in Korean and in English.
    pub class_name: (String, String),
    /// True if an admin set the class; false if the rule gives it.
    pub class_set: bool,
    pub projects: Vec<crate::db::project::Project>,
    pub grants: Vec<crate::db::voucher::Grant>,
}

/// A party's [`Billing`] today, by code or BRN.
pub fn billing(store: &Store, raw: &str) -> Result<Billing> {
    let db = store.sql();
    let party = resolve(db, raw, Field::Party)?;
    let today = store.now().date();
    let (set, company, lease) =
        sql::terms(db, party.id, today)?.ok_or_else(|| Invalid::new(Field::Party, raw, Problem::NotFound))?;
    let class_set = set.is_some();
    let rate_class = crate::domain::party::class_by_rule(set.as_deref(), company, lease).to_owned();
    let class_name = sql::class_by_code(db, &rate_class)?
        .map_or_else(|| (rate_class.clone(), rate_class.clone()), |c| (c.name_ko, c.name_en));
    let projects = crate::db::project::list(
        store,
        &crate::db::project::ProjectFilter { party: Some(party.code.clone()), ..Default::default() },
    )?;
    let grants = crate::db::voucher::grants(
        store,
        &crate::db::voucher::GrantFilter {
            party: Some(party.code.clone()),
            year: Some(chrono::Datelike::year(&today)),
            ..Default::default()
        },
    )?;
    Ok(Billing { party: party.code, rate_class, class_name, class_set, projects, grants })
}
