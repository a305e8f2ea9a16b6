//! The one way to change the database: an IMMEDIATE transaction that checks the
//! operator's role first and will not commit without an audit entry.

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior, params};
use serde_json::Value;

use super::{Store, operator};
use crate::domain::{Capability, Minute};
use crate::error::{Error, Refusal, Result};

/// A use case's transaction. Reads through [`Write::conn`] see the locked,
/// current state; [`Write::audit`] records what changed.
pub struct Write<'c> {
    tx: Scope<'c>,
    who: String,
    now: Minute,
    audited: usize,
}

/// A use case's own transaction, or a savepoint inside the one a bulk load
/// holds, so that the load commits whole or not at all.
enum Scope<'c> {
    Own(Transaction<'c>),
    Within(Savepoint<'c>),
}

impl Scope<'_> {
    fn conn(&self) -> &Connection {
        match self {
            Scope::Own(tx) => tx,
            Scope::Within(sp) => sp,
        }
    }

    fn commit(self) -> rusqlite::Result<()> {
        match self {
            Scope::Own(tx) => tx.commit(),
            Scope::Within(sp) => sp.commit(),
        }
    }
}

impl Write<'_> {
    pub fn conn(&self) -> &Connection {
        self.tx.conn()
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
        self.tx.conn().prepare_cached(
            "INSERT INTO audit_log (at, who, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?.execute(
            params![
                self.now.to_string(),
                self.who,
                entity,
                id,
                action,
                before.map(|v| v.to_string()),
                after.map(|v| v.to_string())
            ],
        )?;
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
        let now = self.clock.now();
        let tx = if self.conn.is_autocommit() {
            Scope::Own(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
        } else {
            Scope::Within(self.conn.savepoint()?)
        };
        if let Some(need) = need {
            let role = operator::role_in(tx.conn(), &self.user)?;
            if !role.is_some_and(|r| r.allows(need)) {
                return Err(Refusal::NotPermitted {
                    user: self.user.clone(),
                    role,
                    need,
                    admins: operator::admins_in(tx.conn())?,
                }
                .into());
            }
        }
        let changes_before = tx.conn().total_changes();
        let mut w = Write { tx, who: self.user.clone(), now, audited: 0 };
        let out = f(&mut w)?;
        if w.audited == 0 {
            // A use case that found nothing to do commits nothing; one that
            // wrote without saying so in the audit log is refused.
            if w.tx.conn().total_changes() == changes_before {
                return Ok(out);
            }
            return Err(Error::Unaudited);
        }
        w.tx.commit()?;
        Ok(out)
    }
}
