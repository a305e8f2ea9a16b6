//! Operators and their roles.

use serde::Serialize;

use crate::domain::{Minute, Role};
use crate::error::Result;
use crate::store::{Row, Sql};

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
pub fn role(db: Sql<'_>, user: &str) -> Result<Option<String>> {
    db.opt("SELECT role FROM operator WHERE name = ?1", &[&user], |r| r.get(0))
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
