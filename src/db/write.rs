//! The one way to change the database: an IMMEDIATE transaction that checks the
//! operator's role first and will not commit without an audit entry.

use serde_json::Value;

use super::{Store, operator};
use crate::domain::{Capability, Minute};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::audit;
use crate::store::{Sql, Tx};

/// A use case's transaction. Reads through [`Write::sql`] see the locked,
/// current state; [`Write::audit`] records what changed.
pub struct Write<'c> {
    tx: Tx<'c>,
    who: String,
    now: Minute,
    audited: usize,
}

impl Write<'_> {
    pub fn sql(&self) -> Sql<'_> {
        self.tx.sql()
    }

    pub fn now(&self) -> Minute {
        self.now
    }

    pub fn who(&self) -> &str {
        &self.who
    }

    /// Appends to the audit log in this transaction: who, when, which row,
    /// what was done, and the row before and after as JSON.
    pub fn audit(
        &mut self,
        entity: &str,
        id: &str,
        action: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<()> {
        let entry = audit::Entry {
            at: self.now,
            who: &self.who,
            entity,
            id,
            action,
            before: before.map(|v| v.to_string()),
            after: after.map(|v| v.to_string()),
        };
        audit::append(self.tx.sql(), &entry)?;
        self.audited += 1;
        Ok(())
    }
}

/// A value as JSON for the audit log.
pub fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

impl Store {
    /// Runs `f` as one use case: BEGIN IMMEDIATE (waiting up to the busy
    /// timeout for another writer), check that the operator's role allows
    /// `need`, run, and commit only if `f` succeeded and audited what it wrote. Any error
    /// rolls everything back.
    pub(crate) fn write<T>(&mut self, need: Capability, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        self.write_as(Some(need), f)
    }

    /// Like [`Store::write`] with no role check: only for making the first
    /// admin of a new database.
    pub(crate) fn write_bootstrap<T>(&mut self, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        self.write_as(None, f)
    }

    fn write_as<T>(&mut self, need: Option<Capability>, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        let user = self.user.clone();
        // kiln's own check above passed (or was not asked), yet PostgreSQL's
        // grants refused: the database role's group says less than kiln's
        // operator list. Say that, not the server's English.
        self.write_checked(need, f).map_err(|e| e.denied_to(&user))
    }

    fn write_checked<T>(&mut self, need: Option<Capability>, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let user = self.user.clone();
        let tx = match need {
            None => self.conn.begin()?,
            Some(need) => {
                // The role is read with BEGIN, in one round trip on a server.
                let (tx, role) = self.conn.begin_reading(crate::store::sql::operator::ROLE, &[&user])?;
                let role = operator::role_of(role);
                if !role.is_some_and(|r| r.allows(need)) {
                    return Err(
                        Refusal::NotPermitted { user, role, need, admins: operator::admins_in(tx.sql())? }.into()
                    );
                }
                tx
            }
        };
        let mut w = Write { tx, who: user, now, audited: 0 };
        let out = f(&mut w)?;
        if w.audited == 0 {
            // A use case that found nothing to do commits nothing; one that
            // wrote without saying so in the audit log is refused.
            if !w.tx.changed() {
                return Ok(out);
            }
            return Err(Error::Unaudited);
        }
        w.tx.commit()?;
        Ok(out)
    }
}
