//! People: trainees, equipment users and staff.

use std::fmt::Write as _;

use serde::Serialize;

use crate::domain::person::NewPerson;
use crate::domain::{Brn, Minute};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    pub code: String,
    pub name: String,
    pub company_brn: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub created_at: Minute,
}

const SELECT: &str = "SELECT p.code, p.name, c.brn, c.name, p.phone, p.email, p.created_at
                      FROM person p LEFT JOIN company c ON c.id = p.company_id";

fn row(r: &Row<'_, '_>) -> Result<Person> {
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

pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Person>> {
    db.opt(&format!("{SELECT} WHERE p.code = ?1"), &[&code], row)
}

/// True if a person has the id or the code already.
pub fn taken(db: Sql<'_>, id: i64, code: &str) -> Result<bool> {
    Ok(db.opt("SELECT id FROM person WHERE id = ?1 OR code = ?2", &[&id, &code], |r| r.get::<i64>(0))?.is_some())
}

pub fn next_id(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT coalesce(max(id), 0) + 1 FROM person", &[])
}

/// A person's code, by id.
pub fn code(db: Sql<'_>, id: i64) -> Result<String> {
    db.value("SELECT code FROM person WHERE id = ?1", &[&id])
}

/// A person's id, by code.
pub fn id(db: Sql<'_>, code: &str) -> Result<Option<i64>> {
    db.opt("SELECT id FROM person WHERE code = ?1", &[&code], |r| r.get(0))
}

pub fn insert(
    db: Sql<'_>,
    id: i64,
    code: &str,
    new: &NewPerson,
    company_id: Option<i64>,
    created: Minute,
) -> Result<()> {
    db.run(
        "INSERT INTO person (id, code, name, company_id, phone, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[&id, &code, &new.name, &company_id, &new.phone, &new.email, &created],
    )?;
    Ok(())
}

/// Writes the person's details; values they already have write nothing.
pub fn update(db: Sql<'_>, code: &str, new: &NewPerson, company_id: Option<i64>) -> Result<()> {
    db.run(
        "UPDATE person SET (name, company_id, phone, email) = (?2, ?3, ?4, ?5)
              WHERE code = ?1 AND (name, company_id, phone, email) IS DISTINCT FROM (?2, ?3, ?4, ?5)",
        &[&code, &new.name, &company_id, &new.phone, &new.email],
    )?;
    Ok(())
}

/// Narrows a person list; `search` is a key as `domain::search::query` makes it.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub search: Option<String>,
    pub company_id: Option<i64>,
}

fn where_clause(filter: &Filter) -> (String, Vec<&dyn Param>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<&dyn Param> = Vec::new();
    if let Some(q) = &filter.search {
        args.push(q);
        let _ = write!(sql, " AND instr(p.search, ?{}) > 0", args.len());
    }
    if let Some(c) = &filter.company_id {
        args.push(c);
        let _ = write!(sql, " AND p.company_id = ?{}", args.len());
    }
    (sql, args)
}

pub fn list(db: Sql<'_>, filter: &Filter, limit: u32, offset: u32) -> Result<Vec<Person>> {
    let (clause, mut args) = where_clause(filter);
    let (limit, offset) = (i64::from(limit), i64::from(offset));
    args.push(&limit);
    args.push(&offset);
    let (l, o) = (args.len() - 1, args.len());
    db.all(&format!("{SELECT}{clause} ORDER BY p.id LIMIT ?{l} OFFSET ?{o}"), &args, row)
}

pub fn count(db: Sql<'_>, filter: &Filter) -> Result<i64> {
    let (clause, args) = where_clause(filter);
    db.value(&format!("SELECT count(*) FROM person p{clause}"), &args)
}
