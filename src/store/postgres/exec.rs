//! Running a query on PostgreSQL: the shared text made PostgreSQL's
//! (`?N` → `$N`, SQLite's index hints left out), prepared once per
//! connection, bound with values encoded for the types the server asks.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, Statement};

use super::value::{PgColumn, Value};
use crate::error::Result;
use crate::store::EngineError;
use crate::store::value::Param;

/// Statements kept prepared per connection, as on SQLite.
const STATEMENT_CACHE: usize = 256;

/// One connection and what kiln keeps beside it.
pub struct Session {
    pub(super) client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
    /// Rows written through this connection, as SQLite's `total_changes`.
    pub(super) changes: Cell<u64>,
    /// Notices of commits (anyone's) received so far.
    pub(super) notices: Cell<i64>,
    /// 0 outside a transaction, 1 in one, more in its savepoints.
    pub(super) depth: Cell<u32>,
    /// Writes that nothing later in the transaction reads (the audit log's
    /// rows), as SQL text with their values written in: sent in one message
    /// with whatever next begins or ends a transaction or savepoint, so
    /// that they cost no round trip of their own.
    pending: RefCell<Vec<String>>,
}

impl Session {
    pub(super) fn new(client: Client) -> Session {
        Session {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            changes: Cell::new(0),
            notices: Cell::new(0),
            depth: Cell::new(0),
            pending: RefCell::new(Vec::new()),
        }
    }

    /// `then` after the pending writes, as one message. The pending writes
    /// are gone whatever the outcome: sent, or rolled back with the
    /// transaction they were part of.
    pub(super) fn with_pending(&self, then: &str) -> String {
        let mut pending = self.pending.borrow_mut();
        if pending.is_empty() {
            return then.to_owned();
        }
        pending.push(then.to_owned());
        let text = pending.join(";\n");
        pending.clear();
        text
    }

    /// Forgets the pending writes of a transaction or savepoint rolled back.
    pub(super) fn drop_pending(&self) {
        self.pending.borrow_mut().clear();
    }
}

/// Queries on one PostgreSQL connection.
#[derive(Clone, Copy)]
pub struct Sql<'a> {
    session: &'a Session,
}

type Params<'p> = &'p [&'p dyn Param];

impl From<postgres::Error> for crate::Error {
    fn from(e: postgres::Error) -> Self {
        crate::Error::Engine(EngineError::Pg(e))
    }
}

impl<'a> Sql<'a> {
    pub(super) fn new(session: &'a Session) -> Self {
        Sql { session }
    }

    fn prepare(self, sql: &str) -> Result<Statement> {
        if let Some(st) = self.session.statements.borrow().get(sql) {
            return Ok(st.clone());
        }
        let text = postgres_text(sql);
        let st = self
            .session
            .client
            .borrow_mut()
            .prepare(&text)
            .map_err(|e| EngineError::Shape(format!("{}: {text}", super::message(&e))))?;
        let mut cache = self.session.statements.borrow_mut();
        if cache.len() >= STATEMENT_CACHE {
            cache.clear();
        }
        cache.insert(sql.to_owned(), st.clone());
        Ok(st)
    }

    fn query(self, sql: &str, params: Params<'_>) -> Result<Vec<postgres::Row>> {
        let st = self.prepare(sql)?;
        let values = values(params);
        let rows = self.session.client.borrow_mut().query(&st, &bound(&values))?;
        if writes(sql) {
            self.session.changes.set(self.session.changes.get() + rows.len() as u64);
        }
        Ok(rows)
    }

    pub(in crate::store) fn each(
        self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&postgres::Row) -> Result<()>,
    ) -> Result<()> {
        // Read whole before `f` runs, so that `f` may query the same
        // connection (SQLite allows it; a PostgreSQL connection reads one
        // result at a time).
        for row in &self.query(sql, params)? {
            f(row)?;
        }
        Ok(())
    }

    pub(in crate::store) fn first<T>(
        self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&postgres::Row) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.query(sql, params)?.first() {
            Some(row) => Ok(Some(f(row)?)),
            None => Ok(None),
        }
    }

    pub(in crate::store) fn run(self, sql: &str, params: Params<'_>) -> Result<usize> {
        let st = self.prepare(sql)?;
        let values = values(params);
        let n = self.session.client.borrow_mut().execute(&st, &bound(&values))?;
        self.session.changes.set(self.session.changes.get() + n);
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// Runs statements with no parameters: transaction control, a
    /// migration. The pending writes go first, in the same message, so they
    /// land where they were made: before a savepoint is set or released,
    /// before COMMIT. A rollback takes them back unsent instead: everything
    /// pending was written after the last message of this kind, so inside
    /// whatever is being rolled back (and in a transaction a failed
    /// statement has aborted, sending them would fail the rollback itself).
    pub(in crate::store) fn batch(self, sql: &str) -> Result<()> {
        let text = if sql.trim_start().starts_with("ROLLBACK") {
            self.session.drop_pending();
            sql.to_owned()
        } else {
            self.session.with_pending(sql)
        };
        Ok(self.session.client.borrow_mut().batch_execute(&text)?)
    }

    /// A write nothing later in this transaction reads, kept to be sent with
    /// the next message that sets, releases or ends a savepoint or the
    /// transaction (see [`Sql::batch`]). Outside a transaction it runs at
    /// once.
    pub(in crate::store) fn append(self, sql: &str, params: Params<'_>) -> Result<()> {
        if self.session.depth.get() == 0 {
            self.run(sql, params)?;
            return Ok(());
        }
        let text = literal_text(sql, &values(params))?;
        self.session.pending.borrow_mut().push(text);
        self.session.changes.set(self.session.changes.get() + 1);
        Ok(())
    }

    /// Runs `sql` (one or more statements, no parameters) after the pending
    /// writes, in one message, and returns the first column of the first row
    /// the last statement read.
    pub(super) fn batch_reading(self, sql: &str) -> Result<Option<String>> {
        use postgres::SimpleQueryMessage;
        let text = self.session.with_pending(sql);
        let messages = self.session.client.borrow_mut().simple_query(&text)?;
        let statements = messages.iter().filter(|m| matches!(m, SimpleQueryMessage::CommandComplete(_))).count();
        let mut done = 0;
        for m in &messages {
            match m {
                SimpleQueryMessage::CommandComplete(_) => done += 1,
                SimpleQueryMessage::Row(row) if done + 1 == statements => return Ok(row.get(0).map(str::to_owned)),
                _ => {}
            }
        }
        Ok(None)
    }
}

/// The parameters as PostgreSQL takes them, encoded once the server says
/// which types it expects.
fn values(params: Params<'_>) -> Vec<Value<'_>> {
    params.iter().map(|p| p.pg()).collect()
}

fn bound<'v>(values: &'v [Value<'_>]) -> Vec<&'v (dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// Column `i` of a row as `T`.
pub fn column<T: PgColumn>(row: &postgres::Row, i: usize) -> Result<T> {
    let v: super::value::Any = row.try_get(i)?;
    let shown = format!("{v:?}");
    T::from_any(v).ok_or_else(|| {
        EngineError::Shape(format!("column {i} holds {shown}, not a {}", std::any::type_name::<T>())).into()
    })
}

/// True for a statement that writes rows (an INSERT … RETURNING read as a
/// query counts its rows as changes), also when the write is the first
/// part of a `WITH`, whose rows are read back with their joins.
fn writes(sql: &str) -> bool {
    let word = sql.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or_default();
    if word.eq_ignore_ascii_case("WITH") {
        return sql.split_once('(').is_some_and(|(_, body)| writes(body));
    }
    ["INSERT", "UPDATE", "DELETE"].iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The shared text as PostgreSQL reads it: SQLite's numbered parameters
/// (`?3`, or a bare `?` as the next number) become `$3`; SQLite's index
/// hints (`INDEXED BY name`, `NOT INDEXED`), which PostgreSQL's planner does
/// without, are left out; and the column `end` (kiln's SQL writes keywords
/// in capitals, so a lowercase `end` is always the column), a reserved word
/// to PostgreSQL, is quoted. Quoted text and comments are kept as they are.
pub(super) fn postgres_text(sql: &str) -> String {
    rewrite(sql, |n, out| {
        out.push('$');
        out.push_str(&n.to_string());
        Ok(())
    })
    .unwrap_or_default()
}

/// The shared text with its parameters' values written in, for the
/// statements sent in one simple-protocol message with a transaction's
/// BEGIN or COMMIT, where nothing can be bound.
pub(super) fn literal_text(sql: &str, values: &[Value<'_>]) -> Result<String> {
    rewrite(sql, |n, out| {
        let v = usize::try_from(n).ok().and_then(|n| values.get(n.checked_sub(1)?));
        let v = v.ok_or_else(|| EngineError::Shape(format!("no value for ?{n} in: {sql}")))?;
        out.push_str(&super::value::literal(v)?);
        Ok(())
    })
}

/// `sql` with `params` written in, to be sent in a message of its own
/// making (see [`literal_text`]).
pub fn written_in(sql: &str, params: Params<'_>) -> Result<String> {
    literal_text(sql, &values(params))
}

/// [`postgres_text`] with each parameter `?N` written by `param`.
fn rewrite(sql: &str, mut param: impl FnMut(u32, &mut String) -> Result<()>) -> Result<String> {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut i = 0;
    let mut last = 0usize;
    let mut highest = 0u32;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\'' | b'"' => {
                let end = b[i + 1..].iter().position(|&x| x == c).map_or(b.len(), |p| i + 1 + p + 1);
                i = end;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i = b[i..].iter().position(|&x| x == b'\n').map_or(b.len(), |p| i + p);
            }
            b'?' => {
                out.push_str(&sql[last..i]);
                let digits = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                let n = if digits == 0 { highest + 1 } else { sql[i + 1..i + 1 + digits].parse().unwrap_or(0) };
                highest = highest.max(n);
                param(n, &mut out)?;
                i += 1 + digits;
                last = i;
            }
            _ if c.is_ascii_alphabetic() && (i == 0 || !is_word(b[i - 1])) => {
                let word_end = i + b[i..].iter().take_while(|&&x| is_word(x)).count();
                let word = &sql[i..word_end];
                if let Some(end) = hint_end(sql, i, word) {
                    out.push_str(&sql[last..i]);
                    i = end;
                    last = i;
                } else if word == "end" && (i == 0 || b[i - 1] != b'.') {
                    out.push_str(&sql[last..i]);
                    out.push_str("\"end\"");
                    i = word_end;
                    last = i;
                } else {
                    i = word_end;
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&sql[last..]);
    Ok(out)
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Where an index hint starting at `at` (with its first `word`) ends.
fn hint_end(sql: &str, at: usize, word: &str) -> Option<usize> {
    let words = |from: usize, n: usize| -> Option<(Vec<&str>, usize)> {
        let mut found = Vec::new();
        let mut pos = from;
        for _ in 0..n {
            let rest = &sql[pos..];
            let skip = rest.len() - rest.trim_start().len();
            let start = pos + skip;
            let len = sql[start..].bytes().take_while(|&x| is_word(x)).count();
            if len == 0 {
                return None;
            }
            found.push(&sql[start..start + len]);
            pos = start + len;
        }
        Some((found, pos))
    };
    if word.eq_ignore_ascii_case("INDEXED") {
        let (w, end) = words(at, 3)?;
        return w[1].eq_ignore_ascii_case("BY").then_some(end);
    }
    if word.eq_ignore_ascii_case("NOT") {
        let (w, end) = words(at, 2)?;
        return w[1].eq_ignore_ascii_case("INDEXED").then_some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_hints_become_postgres() {
        assert_eq!(
            postgres_text("SELECT id FROM booking INDEXED BY booking_equipment_start WHERE a = ?1 AND b IN (?2, ?2)"),
            "SELECT id FROM booking  WHERE a = $1 AND b IN ($2, $2)"
        );
        assert_eq!(postgres_text("SELECT ? , ?, ?7, ?"), "SELECT $1 , $2, $7, $8");
        assert_eq!(postgres_text("SELECT '?1 INDEXED BY x' FROM t NOT INDEXED"), "SELECT '?1 INDEXED BY x' FROM t ");
        assert_eq!(postgres_text("SELECT 1 -- why?\n, ?1"), "SELECT 1 -- why?\n, $1");
        assert_eq!(postgres_text("SELECT reindexed_by FROM t WHERE NOT x"), "SELECT reindexed_by FROM t WHERE NOT x");
        assert_eq!(
            postgres_text("SELECT start, end, b.end, CASE WHEN end > ?1 THEN 1 END, ends FROM b"),
            "SELECT start, \"end\", b.end, CASE WHEN \"end\" > $1 THEN 1 END, ends FROM b"
        );
    }

    #[test]
    fn writes_are_told_by_their_first_word() {
        assert!(writes("  insert INTO x VALUES (1) RETURNING id"));
        assert!(writes("UPDATE x SET a = 1"));
        assert!(!writes("SELECT 1"));
        assert!(writes("WITH b AS (INSERT INTO x VALUES (1) RETURNING *) SELECT * FROM b"));
        assert!(!writes("WITH b AS (SELECT 1) SELECT * FROM b"));
    }

    #[test]
    fn values_are_written_in_as_literals() {
        let values = [Value::Int(7), Value::Text("it's".into()), Value::Null, Value::Minute(crate::domain::Minute(0))];
        assert_eq!(
            literal_text("INSERT INTO t VALUES (?1, ?2, ?3, ?4, '?9')", &values).unwrap(),
            "INSERT INTO t VALUES ('7', 'it''s', NULL, '1970-01-01 00:00', '?9')"
        );
        assert!(literal_text("SELECT ?5", &values).is_err(), "a missing value is an error, not NULL");
        assert!(literal_text("SELECT ?1", &[Value::Text("a\0b".into())]).is_err(), "no text holds NUL");
    }
}
