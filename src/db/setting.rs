//! The centre's settings, audited like any other change. A key nobody set
//! has its default (`domain::setting`); a machine may have its own value for
//! the keys that allow it, and otherwise follows the centre's.

use serde::Serialize;

use super::Store;
use crate::domain::setting::{SettingKey, Unit};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Problem};
use crate::error::Result;
use crate::store::Sql;
use crate::store::sql::setting::{self as sql, Stored};

/// One setting as it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SettingRow {
    pub key: SettingKey,
    /// The machine this value is for; `None`: the centre's.
    pub equipment: Option<String>,
    pub value: i64,
    pub default: i64,
    pub unit: Unit,
    pub min: i64,
    pub max: i64,
    /// When and by whom it was set; `None` while it has its default.
    pub set_at: Option<Minute>,
    pub set_by: Option<String>,
}

fn row_of(key: SettingKey, equipment: Option<String>, stored: Option<Stored>) -> SettingRow {
    let (min, max) = key.range();
    let (value, set_at, set_by) = match stored {
        // A value that does not parse (written around kiln) is reported by
        // `kiln check`; until then the default holds.
        Some(s) => (key.parse_value(&s.value).unwrap_or(key.default_value()), Some(s.set_at), Some(s.set_by)),
        None => (key.default_value(), None, None),
    };
    SettingRow { key, equipment, value, default: key.default_value(), unit: key.unit(), min, max, set_at, set_by }
}

/// The value in force: the machine's own, else the centre's, else the default.
pub(crate) fn value(db: Sql<'_>, key: SettingKey, equipment_id: Option<i64>) -> Result<i64> {
    if let Some(id) = equipment_id.filter(|_| key.per_machine())
        && let Some(v) = sql::value(db, key.code(), Some(id))?
        && let Ok(n) = key.parse_value(&v)
    {
        return Ok(n);
    }
    Ok(sql::value(db, key.code(), None)?.and_then(|v| key.parse_value(&v).ok()).unwrap_or(key.default_value()))
}

/// The value in force for the centre.
pub fn centre(store: &Store, key: SettingKey) -> Result<i64> {
    value(store.sql(), key, None)
}

/// Every key for the centre (set or default), then each machine's own values.
pub fn list(store: &Store) -> Result<Vec<SettingRow>> {
    let db = store.sql();
    let mut out = Vec::new();
    for key in SettingKey::ALL {
        out.push(row_of(key, None, sql::stored(db, key.code(), None)?));
    }
    for (key, code, v) in sql::machines(db)? {
        if let Ok(key) = SettingKey::parse(&key) {
            out.push(row_of(key, Some(code), Some(v)));
        }
    }
    Ok(out)
}

/// One change of a setting, and the field to name if its value is refused.
#[derive(Clone, Debug)]
pub struct Change<'a> {
    pub key: &'a str,
    pub value: &'a str,
    pub equipment: Option<&'a str>,
    pub field: Field,
}

/// Sets a key for the centre or, where the key allows, for one machine
/// (admins). Nothing changes if the value is already in force.
pub fn set(store: &mut Store, key: &str, value: &str, equipment: Option<&str>) -> Result<SettingRow> {
    // A bad value is refused naming the setting (`노쇼 부과율(%)`), not "value".
    let field = SettingKey::parse(key).map_or(Field::Value, SettingKey::field);
    let change = Change { key, value, equipment, field };
    let mut rows = set_many(store, &[change])?;
    rows.pop().ok_or_else(|| Invalid::new(Field::Setting, key, Problem::NotFound).into())
}

/// Sets several settings in one transaction (the settings form): all or none.
pub fn set_many(store: &mut Store, changes: &[Change<'_>]) -> Result<Vec<SettingRow>> {
    let mut parsed = Vec::with_capacity(changes.len());
    for c in changes {
        let k = SettingKey::parse(c.key).field(Field::Setting, c.key)?;
        let n = k.parse_value(c.value).field(c.field, c.value)?;
        let equipment = c.equipment.map(str::trim).filter(|e| !e.is_empty());
        if let Some(e) = equipment.filter(|_| !k.per_machine()) {
            return Err(Invalid::new(Field::Equipment, e, Problem::NotPerMachine).into());
        }
        parsed.push((k, n, equipment));
    }
    store.write(Capability::ManageSettings, |w| {
        let mut out = Vec::with_capacity(parsed.len());
        for (k, n, equipment) in &parsed {
            let eq = equipment.map(|e| super::equipment::by_code(w.sql(), e).map(|m| (m.id, m.code))).transpose()?;
            let id = eq.as_ref().map(|e| e.0);
            let before = sql::stored(w.sql(), k.code(), id)?;
            if before.as_ref().is_some_and(|s| k.parse_value(&s.value) == Ok(*n)) {
                out.push(row_of(*k, eq.map(|e| e.1), before));
                continue;
            }
            sql::put(w.sql(), k.code(), id, &n.to_string(), w.now(), w.who())?;
            let name = match &eq {
                Some(e) => format!("{}@{}", k.code(), e.1),
                None => k.code().to_owned(),
            };
            let old = before.as_ref().map(|s| serde_json::json!({ "value": s.value }));
            w.audit("setting", &name, "set", old, Some(serde_json::json!({ "value": n.to_string() })))?;
            out.push(row_of(*k, eq.map(|e| e.1), sql::stored(w.sql(), k.code(), id)?));
        }
        Ok(out)
    })
}

/// The value a machine has of its own, if any.
pub fn machine(store: &Store, key: SettingKey, equipment: &str) -> Result<Option<i64>> {
    let id = super::equipment::by_code(store.sql(), equipment)?.id;
    Ok(sql::value(store.sql(), key.code(), Some(id))?.and_then(|v| key.parse_value(&v).ok()))
}

/// Stored settings whose key or value kiln would not accept: (key, machine, value).
pub(crate) fn unacceptable(db: Sql<'_>) -> Result<Vec<(String, Option<String>, String)>> {
    Ok(sql::all(db)?
        .into_iter()
        .filter(|(k, e, v)| match SettingKey::parse(k) {
            Ok(key) => key.parse_value(v).is_err() || (e.is_some() && !key.per_machine()),
            Err(_) => true,
        })
        .collect())
}
