//! People: trainees, equipment users and staff.

use super::write::json;
use super::{Page, Store, Write, company};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::person::{NewPerson, PersonInput};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Problem};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::person as sql;

pub use crate::store::sql::person::Person;

/// Narrows a person list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonFilter {
    /// A part of the name or the code, phone or e-mail.
    pub search: Option<String>,
    /// Only people of this company (사업자등록번호).
    pub company: Option<String>,
}

/// The person just written, who is there.
fn written(db: Sql<'_>, code: &str) -> Result<Person> {
    sql::by_code(db, code)?.ok_or_else(|| Invalid::new(Field::Person, code, Problem::NotFound).into())
}

/// Registers a person and gives them the next code (`P-0001`, …).
pub fn add(store: &mut Store, input: &PersonInput) -> Result<Person> {
    let new = input.validate()?;
    store.write(Capability::ManagePeople, |w| add_in(w, &new, None, None))
}

/// [`add`] inside a transaction the caller holds. An import keeps the code
/// number (`P-0042` is 42) and registration time an export wrote, so bookings
/// and certificates that name the person still do; a code already taken is
/// refused. Without them the person gets the next code, registered now.
pub(crate) fn add_in(w: &mut Write<'_>, new: &NewPerson, code: Option<i64>, created: Option<Minute>) -> Result<Person> {
    let company_id = match new.company {
        Some(brn) => Some(company::resolve(w.sql(), &brn.to_string(), Field::Company)?.id),
        None => None,
    };
    let id: i64 = match code {
        Some(n) => {
            if sql::taken(w.sql(), n, &numbered("P", n))? {
                return Err(Refusal::Duplicate { field: Field::Person, value: numbered("P", n) }.into());
            }
            n
        }
        None => sql::next_id(w.sql())?,
    };
    let code = numbered("P", id);
    let created = created.unwrap_or_else(|| w.now());
    sql::insert(w.sql(), id, &code, new, company_id, created)?;
    let person = written(w.sql(), &code)?;
    super::search::refresh(w.sql(), super::search::Table::Person, id)?;
    w.audit("person", &code, "add", None, Some(json(&person)))?;
    Ok(person)
}

/// Corrects a person's name, company, phone or e-mail (admins and
/// equipment managers): the whole record as the form holds it. The code and
/// the history that names it stay.
pub fn edit(store: &mut Store, code: &str, input: &PersonInput) -> Result<Person> {
    let n = parse_numbered("P", code, "P-0001").field(Field::Person, code)?;
    let new = input.validate()?;
    store.write(Capability::ManagePeople, |w| {
        let code = numbered("P", n);
        let before =
            sql::by_code(w.sql(), &code)?.ok_or_else(|| Invalid::new(Field::Person, &code, Problem::NotFound))?;
        let company_id = match new.company {
            Some(brn) => Some(company::resolve(w.sql(), &brn.to_string(), Field::Company)?.id),
            None => None,
        };
        sql::update(w.sql(), &code, &new, company_id)?;
        let after = written(w.sql(), &code)?;
        if after != before {
            let id = sql::id(w.sql(), &code)?.ok_or_else(|| Invalid::new(Field::Person, &code, Problem::NotFound))?;
            super::search::refresh(w.sql(), super::search::Table::Person, id)?;
            w.audit("person", &code, "edit", Some(json(&before)), Some(json(&after)))?;
        }
        Ok(after)
    })
}

/// One person by code (`P-0042`, `p-42` or `42`).
pub fn show(store: &Store, code: &str) -> Result<Person> {
    let n = parse_numbered("P", code, "P-0001").field(Field::Person, code)?;
    sql::by_code(store.sql(), &numbered("P", n))?
        .ok_or_else(|| Invalid::new(Field::Person, code, Problem::NotFound).into())
}

fn filter(filter: &PersonFilter, store: &Store) -> Result<sql::Filter> {
    let company_id = match filter.company.as_deref() {
        Some(c) => Some(company::resolve(store.sql(), c, Field::Company)?.id),
        None => None,
    };
    Ok(sql::Filter { search: filter.search.as_deref().and_then(crate::domain::search::query), company_id })
}

pub fn list(store: &Store, filter: &PersonFilter, page: Page) -> Result<Vec<Person>> {
    sql::list(store.sql(), &self::filter(filter, store)?, page.limit, page.offset)
}

pub fn count(store: &Store, filter: &PersonFilter) -> Result<i64> {
    sql::count(store.sql(), &self::filter(filter, store)?)
}
