//! Operators: OS accounts and their roles. The account that creates a
//! database is its first admin; an unknown account reads only.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::write::json;
use super::{Store, raised};
use crate::domain::{Capability, Field, ForField, Invalid, Problem, Role, text};
use crate::error::{Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Operator {
    pub name: String,
    pub role: Role,
    pub added_at: String,
    pub added_by: String,
}

/// Who is at the keyboard, as the interface shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Me {
    pub user: String,
    /// `None` for an account not registered: it may read only.
    pub role: Option<Role>,
    pub admins: Vec<String>,
}

pub(crate) fn role_in(conn: &Connection, user: &str) -> Result<Option<Role>> {
    // Cached: every write asks.
    let code: Option<String> =
        conn.prepare_cached("SELECT role FROM operator WHERE name = ?1")?.query_row([user], |r| r.get(0)).optional()?;
    Ok(code.and_then(|c| Role::parse(&c).ok()))
}

pub(crate) fn admins_in(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT name FROM operator WHERE role = 'admin' ORDER BY name")?;
    let names = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

pub fn me(store: &Store) -> Result<Me> {
    Ok(Me {
        user: store.user().to_owned(),
        role: role_in(store.conn(), store.user())?,
        admins: admins_in(store.conn())?,
    })
}

/// Makes the current account the first admin if the database has no
/// operators yet. Returns true if it did.
pub fn bootstrap(store: &mut Store) -> Result<bool> {
    store.write_bootstrap(|w| {
        let n: i64 = w.conn().query_row("SELECT count(*) FROM operator", [], |r| r.get(0))?;
        if n > 0 {
            return Ok(false);
        }
        let op = Operator {
            name: w.who().to_owned(),
            role: Role::Admin,
            added_at: w.now().to_string(),
            added_by: w.who().to_owned(),
        };
        insert(w.conn(), &op)?;
        w.audit("operator", &op.name, "bootstrap", None, Some(json(&op)))?;
        Ok(true)
    })
}

fn insert(conn: &Connection, op: &Operator) -> Result<()> {
    conn.execute(
        "INSERT INTO operator (name, role, added_at, added_by) VALUES (?1, ?2, ?3, ?4)",
        params![op.name, op.role.code(), op.added_at, op.added_by],
    )?;
    Ok(())
}

/// An OS account name: visible characters, no spaces, at most 64.
fn account(raw: &str) -> Result<String> {
    let name = text::name(raw, 64).field(Field::User, raw)?;
    if name.contains(char::is_whitespace) {
        return Err(Invalid::new(Field::User, raw, Problem::Format { example: "kim" }).into());
    }
    Ok(name)
}

/// The account of a registered operator, for fields that name one (a
/// machine's manager): an account kiln does not know is refused with the
/// ones it does.
pub(crate) fn registered(conn: &Connection, raw: &str, field: Field) -> Result<String> {
    let name = account(raw).map_err(|_| Invalid::new(field, raw, Problem::Format { example: "kim" }))?;
    if role_in(conn, &name)?.is_some() {
        return Ok(name);
    }
    let mut st = conn.prepare_cached("SELECT name FROM operator ORDER BY name")?;
    let operators = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Err(Invalid::new(field, raw, Problem::NotAnOperator { operators }).into())
}

/// Registers an OS account with a role (admins only).
pub fn add(store: &mut Store, name: &str, role: &str) -> Result<Operator> {
    let name = account(name)?;
    let role = Role::parse(role).field(Field::Role, role)?;
    store.write(Capability::ManageOperators, |w| {
        if role_in(w.conn(), &name)?.is_some() {
            return Err(Refusal::Duplicate { field: Field::User, value: name.clone() }.into());
        }
        let op = Operator { name: name.clone(), role, added_at: w.now().to_string(), added_by: w.who().to_owned() };
        insert(w.conn(), &op)?;
        w.audit("operator", &op.name, "add", None, Some(json(&op)))?;
        Ok(op)
    })
}

/// Changes an operator's role (admins only); the last admin stays admin.
pub fn set_role(store: &mut Store, name: &str, role: &str) -> Result<Operator> {
    let name = account(name)?;
    let role = Role::parse(role).field(Field::Role, role)?;
    store.write(Capability::ManageOperators, |w| {
        let before =
            find(w.conn(), &name)?.ok_or_else(|| Invalid::new(Field::User, name.clone(), Problem::NotFound))?;
        w.conn()
            .execute("UPDATE operator SET role = ?2 WHERE name = ?1", params![name, role.code()])
            .map_err(|e| last_admin(e, &name))?;
        let after = Operator { role, ..before.clone() };
        w.audit("operator", &name, "set-role", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

/// Removes an operator's access (admins only); the audit log keeps their
/// history.
pub fn remove(store: &mut Store, name: &str) -> Result<Operator> {
    let name = account(name)?;
    store.write(Capability::ManageOperators, |w| {
        let before =
            find(w.conn(), &name)?.ok_or_else(|| Invalid::new(Field::User, name.clone(), Problem::NotFound))?;
        w.conn().execute("DELETE FROM operator WHERE name = ?1", [&name]).map_err(|e| last_admin(e, &name))?;
        w.audit("operator", &name, "remove", Some(json(&before)), None)?;
        Ok(before)
    })
}

fn last_admin(e: rusqlite::Error, name: &str) -> crate::error::Error {
    if raised(&e) == Some("last_admin") { Refusal::LastAdmin { user: name.to_owned() }.into() } else { e.into() }
}

fn find(conn: &Connection, name: &str) -> Result<Option<Operator>> {
    Ok(conn.query_row("SELECT name, role, added_at, added_by FROM operator WHERE name = ?1", [name], row).optional()?)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Operator> {
    let role: String = r.get(1)?;
    Ok(Operator {
        name: r.get(0)?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        added_at: r.get(2)?,
        added_by: r.get(3)?,
    })
}

pub fn list(store: &Store) -> Result<Vec<Operator>> {
    let mut st = store.conn().prepare_cached("SELECT name, role, added_at, added_by FROM operator ORDER BY name")?;
    let ops = st.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(ops)
}
