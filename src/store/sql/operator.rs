//! Operators and their roles.

use serde::Serialize;

use crate::domain::{Minute, Role};
use crate::error::Result;
use crate::store::{Dialect, Row, Sql};

/// An OS account allowed to use kiln, and its role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Operator {
    pub name: String,
    pub role: Role,
    pub added_at: Minute,
    pub added_by: String,
}

const SELECT: &str = "SELECT name, role, added_at, added_by FROM operator";

fn row(r: &Row<'_, '_>) -> Result<Operator> {
    let role: String = r.get(1)?;
    Ok(Operator {
        name: r.get(0)?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        added_at: r.get(2)?,
        added_by: r.get(3)?,
    })
}

/// The role code of `user`, if they are an operator. Every write asks.
/// An operator's role, by name (`?1`).
pub const ROLE: &str = "SELECT role FROM operator WHERE name = ?1";

pub fn role(db: Sql<'_>, user: &str) -> Result<Option<String>> {
    db.opt(ROLE, &[&user], |r| r.get(0))
}

pub fn admins(db: Sql<'_>) -> Result<Vec<String>> {
    db.all("SELECT name FROM operator WHERE role = 'admin' ORDER BY name", &[], |r| r.get(0))
}

pub fn names(db: Sql<'_>) -> Result<Vec<String>> {
    db.all("SELECT name FROM operator ORDER BY name", &[], |r| r.get(0))
}

pub fn count(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT count(*) FROM operator", &[])
}

pub fn find(db: Sql<'_>, name: &str) -> Result<Option<Operator>> {
    db.opt(&format!("{SELECT} WHERE name = ?1"), &[&name], row)
}

pub fn list(db: Sql<'_>) -> Result<Vec<Operator>> {
    db.all(&format!("{SELECT} ORDER BY name"), &[], row)
}

pub fn insert(db: Sql<'_>, op: &Operator) -> Result<()> {
    db.run(
        "INSERT INTO operator (name, role, added_at, added_by) VALUES (?1, ?2, ?3, ?4)",
        &[&op.name, &op.role.code(), &op.added_at, &op.added_by],
    )?;
    Ok(())
}

pub fn set_role(db: Sql<'_>, name: &str, role: Role) -> Result<()> {
    db.run("UPDATE operator SET role = ?2 WHERE name = ?1", &[&name, &role.code()])?;
    Ok(())
}

pub fn remove(db: Sql<'_>, name: &str) -> Result<()> {
    db.run("DELETE FROM operator WHERE name = ?1", &[&name])?;
    Ok(())
}

/// The database role the server connected (`session_user`) on PostgreSQL,
/// where the server, not the client, says who is there; `None` on SQLite,
/// which knows no users.
pub fn session_user(db: Sql<'_>) -> Result<Option<String>> {
    match db.dialect() {
        Dialect::Sqlite => Ok(None),
        Dialect::Postgres => Ok(Some(db.value("SELECT session_user::text", &[])?)),
    }
}

/// True if the database was set up with migrations/postgres/roles.sql:
/// then an operator is also a login role in one of kiln's groups, which
/// `kiln_add_user` grants. Never on SQLite.
pub fn has_roles(db: Sql<'_>) -> Result<bool> {
    match db.dialect() {
        Dialect::Sqlite => Ok(false),
        Dialect::Postgres => db.value("SELECT to_regprocedure('kiln_add_user(text,text)') IS NOT NULL", &[]),
    }
}

/// The PostgreSQL group role of a kiln role (roles.sql makes them).
pub fn group(role: Role) -> &'static str {
    match role {
        Role::Admin => "kiln_admin",
        Role::EquipmentManager => "kiln_equipment_manager",
        Role::Viewer => "kiln_viewer",
    }
}

/// Makes `name` a login role in exactly `role`'s group, in this
/// transaction (roles.sql's SECURITY DEFINER function: the caller needs no
/// CREATEROLE).
pub fn grant_group(db: Sql<'_>, name: &str, role: Role) -> Result<()> {
    db.value::<i64>("SELECT count(*) FROM (SELECT kiln_add_user(?1, ?2)) AS done", &[&name, &group(role)])?;
    Ok(())
}

/// Takes `name` out of kiln's groups; the login role stays.
pub fn revoke_groups(db: Sql<'_>, name: &str) -> Result<()> {
    db.value::<i64>("SELECT count(*) FROM (SELECT kiln_remove_user(?1)) AS done", &[&name])?;
    Ok(())
}
