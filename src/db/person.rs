//! People: trainees, equipment users and staff.

use std::fmt::Write as _;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, Write, company};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::person::{NewPerson, PersonInput};
use crate::domain::{Brn, Capability, Field, ForField, Invalid, Minute, Problem};
use crate::error::{Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    pub code: String,
    pub name: String,
    pub company_brn: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub created_at: String,
}

/// Narrows a person list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonFilter {
    /// A part of the name or the code, phone or e-mail.
    pub search: Option<String>,
    /// Only people of this company (사업자등록번호).
    pub company: Option<String>,
}

const SELECT: &str = "SELECT p.code, p.name, c.brn, c.name, p.phone, p.email, p.created_at
                      FROM person p LEFT JOIN company c ON c.id = p.company_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Person> {
    let brn: Option<String> = r.get(2)?;
    Ok(Person {
        code: r.get(0)?,
        name: r.get(1)?,
        company_brn: brn.and_then(|b| Brn::parse(&b).ok()).map(|b| b.to_string()),
        company_name: r.get(3)?,
        phone: r.get(4)?,
        email: r.get(5)?,
        created_at: r.get(6)?,
    })
}

fn by_code(conn: &Connection, code: &str) -> Result<Option<Person>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE p.code = ?1"), [code], row).optional()?)
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
        Some(brn) => Some(company::resolve(w.conn(), &brn.to_string(), Field::Company)?.id),
        None => None,
    };
    let id: i64 = match code {
        Some(n) => {
            let taken: Option<i64> = w
                .conn()
                .query_row("SELECT id FROM person WHERE id = ?1 OR code = ?2", params![n, numbered("P", n)], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some() {
                return Err(Refusal::Duplicate { field: Field::Person, value: numbered("P", n) }.into());
            }
            n
        }
        None => w.conn().query_row("SELECT coalesce(max(id), 0) + 1 FROM person", [], |r| r.get(0))?,
    };
    let code = numbered("P", id);
    let created = created.unwrap_or_else(|| w.now());
    w.conn().execute(
        "INSERT INTO person (id, code, name, company_id, phone, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, code, new.name, company_id, new.phone, new.email, created.to_string()],
    )?;
    let person = by_code(w.conn(), &code)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
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
        let before = by_code(w.conn(), &code)?.ok_or_else(|| Invalid::new(Field::Person, &code, Problem::NotFound))?;
        let company_id = match new.company {
            Some(brn) => Some(company::resolve(w.conn(), &brn.to_string(), Field::Company)?.id),
            None => None,
        };
        w.conn().execute(
            "UPDATE person SET (name, company_id, phone, email) = (?2, ?3, ?4, ?5)
              WHERE code = ?1 AND (name, company_id, phone, email) IS NOT (?2, ?3, ?4, ?5)",
            params![code, new.name, company_id, new.phone, new.email],
        )?;
        let after = by_code(w.conn(), &code)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        if after != before {
            let id: i64 = w.conn().query_row("SELECT id FROM person WHERE code = ?1", [&code], |r| r.get(0))?;
            super::search::refresh(w.sql(), super::search::Table::Person, id)?;
            w.audit("person", &code, "edit", Some(json(&before)), Some(json(&after)))?;
        }
        Ok(after)
    })
}

/// One person by code (`P-0042`, `p-42` or `42`).
pub fn show(store: &Store, code: &str) -> Result<Person> {
    let n = parse_numbered("P", code, "P-0001").field(Field::Person, code)?;
    by_code(store.conn(), &numbered("P", n))?.ok_or_else(|| Invalid::new(Field::Person, code, Problem::NotFound).into())
}

fn where_clause(filter: &PersonFilter, store: &Store) -> Result<(String, Vec<rusqlite::types::Value>)> {
    use rusqlite::types::Value;
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(q) = filter.search.as_deref().and_then(crate::domain::search::query) {
        args.push(Value::Text(q));
        let _ = write!(sql, " AND instr(p.search, ?{}) > 0", args.len());
    }
    if let Some(c) = filter.company.as_deref() {
        let company = company::resolve(store.conn(), c, Field::Company)?;
        args.push(Value::Integer(company.id));
        let _ = write!(sql, " AND p.company_id = ?{}", args.len());
    }
    Ok((sql, args))
}

pub fn list(store: &Store, filter: &PersonFilter, page: Page) -> Result<Vec<Person>> {
    let (clause, mut args) = where_clause(filter, store)?;
    args.push(rusqlite::types::Value::Integer(i64::from(page.limit)));
    args.push(rusqlite::types::Value::Integer(i64::from(page.offset)));
    let (l, o) = (args.len() - 1, args.len());
    let sql = format!("{SELECT}{clause} ORDER BY p.id LIMIT ?{l} OFFSET ?{o}");
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args), row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(store: &Store, filter: &PersonFilter) -> Result<i64> {
    let (clause, args) = where_clause(filter, store)?;
    let sql = format!("SELECT count(*) FROM person p{clause}");
    Ok(store.conn().query_row(&sql, rusqlite::params_from_iter(args), |r| r.get(0))?)
}
