//! Operators: OS accounts (on PostgreSQL, database roles) and their roles.
//! The account that creates a database is its first admin, unless `kiln init
//! --admin` names another; an unknown account reads only. On a PostgreSQL
//! database set up with roles.sql, every change here also moves the login
//! role between kiln's groups, in the same transaction.

use super::Store;
use super::write::json;
use crate::domain::{Capability, Field, ForField, Invalid, Problem, Role, text};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::operator as sql;
use crate::store::{Guard, Sql};

pub use crate::store::sql::operator::Operator;

/// Who is at the keyboard, as the interface shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Me {
    pub user: String,
    /// `None` for an account not registered: it may read only.
    pub role: Option<Role>,
    pub admins: Vec<String>,
}

pub(crate) fn role_in(db: Sql<'_>, user: &str) -> Result<Option<Role>> {
    Ok(role_of(sql::role(db, user)?))
}

/// The role a stored code names (`sql::ROLE` reads it); none for a code no
/// role has.
pub(crate) fn role_of(code: Option<String>) -> Option<Role> {
    code.and_then(|c| Role::parse(&c).ok())
}

pub(crate) fn admins_in(db: Sql<'_>) -> Result<Vec<String>> {
    sql::admins(db)
}

pub fn me(store: &Store) -> Result<Me> {
    Ok(Me { user: store.user().to_owned(), role: role_in(store.sql(), store.user())?, admins: admins_in(store.sql())? })
}

/// Makes the current account the first admin if the database has no
/// operators yet. Returns true if it did.
pub fn bootstrap(store: &mut Store) -> Result<bool> {
    let me = store.user().to_owned();
    first_admin(store, &me)
}

/// Makes `admin` the first admin if the database has no operators yet
/// (`kiln init --admin NAME`: on PostgreSQL the superuser sets the database
/// up for the person who will run it). Returns true if it did.
pub fn bootstrap_with(store: &mut Store, admin: &str) -> Result<bool> {
    let admin = account(admin)?;
    first_admin(store, &admin)
}

fn first_admin(store: &mut Store, admin: &str) -> Result<bool> {
    store.write_bootstrap(|w| {
        if sql::count(w.sql())? > 0 {
            return Ok(false);
        }
        let op =
            Operator { name: admin.to_owned(), role: Role::Admin, added_at: w.now(), added_by: w.who().to_owned() };
        sql::insert(w.sql(), &op)?;
        grant(w.sql(), &op.name, op.role)?;
        w.audit("operator", &op.name, "bootstrap", None, Some(json(&op)))?;
        Ok(true)
    })
}

/// On a PostgreSQL database set up with roles.sql, makes the operator's
/// login role a member of exactly its role's group, in the use case's
/// transaction; nothing elsewhere.
fn grant(db: Sql<'_>, name: &str, role: Role) -> Result<()> {
    if sql::has_roles(db)? {
        sql::grant_group(db, name, role)?;
    }
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
pub(crate) fn registered(db: Sql<'_>, raw: &str, field: Field) -> Result<String> {
    let name = account(raw).map_err(|_| Invalid::new(field, raw, Problem::Format { example: "kim" }))?;
    if role_in(db, &name)?.is_some() {
        return Ok(name);
    }
    Err(Invalid::new(field, raw, Problem::NotAnOperator { operators: sql::names(db)? }).into())
}

/// Registers an OS account with a role (admins only).
pub fn add(store: &mut Store, name: &str, role: &str) -> Result<Operator> {
    let name = account(name)?;
    let role = Role::parse(role).field(Field::Role, role)?;
    store.write(Capability::ManageOperators, |w| {
        if role_in(w.sql(), &name)?.is_some() {
            return Err(Refusal::Duplicate { field: Field::User, value: name.clone() }.into());
        }
        let op = Operator { name: name.clone(), role, added_at: w.now(), added_by: w.who().to_owned() };
        sql::insert(w.sql(), &op)?;
        grant(w.sql(), &op.name, role)?;
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
            sql::find(w.sql(), &name)?.ok_or_else(|| Invalid::new(Field::User, name.clone(), Problem::NotFound))?;
        sql::set_role(w.sql(), &name, role).map_err(|e| last_admin(e, &name))?;
        grant(w.sql(), &name, role)?;
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
            sql::find(w.sql(), &name)?.ok_or_else(|| Invalid::new(Field::User, name.clone(), Problem::NotFound))?;
        sql::remove(w.sql(), &name).map_err(|e| last_admin(e, &name))?;
        if sql::has_roles(w.sql())? {
            sql::revoke_groups(w.sql(), &name)?;
        }
        w.audit("operator", &name, "remove", Some(json(&before)), None)?;
        Ok(before)
    })
}

fn last_admin(e: Error, name: &str) -> Error {
    if e.guard() == Some(Guard::LastAdmin) { Refusal::LastAdmin { user: name.to_owned() }.into() } else { e }
}

pub fn list(store: &Store) -> Result<Vec<Operator>> {
    sql::list(store.sql())
}
