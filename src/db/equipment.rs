//! The centre's shared machines and their booking rules.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, Write, is_unique_violation};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::equipment::{EquipmentInput, NewEquipment, Rules, WeekHours};
use crate::domain::{BillingUnit, Capability, Category, Field, ForField, Invalid, Problem, Won};
use crate::error::{Error, Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Equipment {
    #[serde(skip)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub model: String,
    pub category: Category,
    pub room: Option<String>,
    pub manager: Option<String>,
    pub status: String,
    pub billing_unit: BillingUnit,
    pub tenant_rate: Won,
    pub external_rate: Won,
    #[serde(flatten)]
    pub rules: Rules,
}

impl Equipment {
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }
}

const SELECT: &str = "SELECT e.id, e.code, e.name, e.model, e.category, r.code, e.manager, e.status, e.billing_unit,
       e.tenant_rate, e.external_rate, e.slot_minutes, e.min_minutes, e.max_minutes, e.notice_minutes,
       e.horizon_days, e.buffer_minutes, e.hours, e.holidays_bookable, e.needs_approval
  FROM equipment e LEFT JOIN room r ON r.id = e.room_id";

fn bad(i: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "equipment".into())
}

fn row(r: &Row<'_>) -> rusqlite::Result<Equipment> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let n = |i: usize| -> rusqlite::Result<u32> { r.get(i) };
    Ok(Equipment {
        id: r.get(0)?,
        code: text(1)?,
        name: text(2)?,
        model: text(3)?,
        category: Category::parse(&text(4)?).map_err(|_| bad(4))?,
        room: r.get(5)?,
        manager: r.get(6)?,
        status: text(7)?,
        billing_unit: BillingUnit::parse(&text(8)?).map_err(|_| bad(8))?,
        tenant_rate: Won(r.get(9)?),
        external_rate: Won(r.get(10)?),
        rules: Rules {
            slot_minutes: n(11)?,
            min_minutes: n(12)?,
            max_minutes: n(13)?,
            notice_minutes: n(14)?,
            horizon_days: n(15)?,
            buffer_minutes: n(16)?,
            hours: WeekHours::parse(&text(17)?).map_err(|_| bad(17))?,
            holidays_bookable: r.get::<_, i64>(18)? == 1,
            needs_approval: r.get::<_, i64>(19)? == 1,
        },
    })
}

pub(crate) fn by_code(conn: &Connection, raw: &str) -> Result<Equipment> {
    let n = parse_numbered("EQ", raw, "EQ-0001").field(Field::Equipment, raw)?;
    // Cached: every booking looks its machine up.
    conn.prepare_cached(&format!("{SELECT} WHERE e.code = ?1"))?
        .query_row([numbered("EQ", n)], row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Equipment, raw, Problem::NotFound).into())
}

pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Equipment> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?.query_row([id], row)?)
}

pub fn show(store: &Store, code: &str) -> Result<Equipment> {
    by_code(store.conn(), code)
}

fn room_id(conn: &Connection, code: Option<&str>) -> Result<Option<i64>> {
    let Some(code) = code else { return Ok(None) };
    conn.query_row("SELECT id FROM room WHERE code = ?1", [code], |r| r.get(0))
        .optional()?
        .map(Some)
        .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// A machine's columns from `name` to `needs_approval`, in the order both
/// the INSERT and the UPDATE name them.
fn columns(new: &NewEquipment, room: Option<i64>) -> [Value; 17] {
    let r = &new.rules;
    [
        Value::from(new.name.clone()),
        Value::from(new.model.clone()),
        Value::from(new.category.code().to_owned()),
        Value::from(room),
        Value::from(new.manager.clone()),
        Value::from(new.billing_unit.code().to_owned()),
        Value::from(new.tenant_rate.0),
        Value::from(new.external_rate.0),
        Value::from(r.slot_minutes),
        Value::from(r.min_minutes),
        Value::from(r.max_minutes),
        Value::from(r.notice_minutes),
        Value::from(r.horizon_days),
        Value::from(r.buffer_minutes),
        Value::from(r.hours.to_string()),
        Value::from(r.holidays_bookable),
        Value::from(r.needs_approval),
    ]
}

/// Registers a machine (admins and equipment managers).
pub fn add(store: &mut Store, input: &EquipmentInput) -> Result<Equipment> {
    let new = input.validate()?;
    store.write(Capability::ManageEquipment, |w| add_in(w, &new))
}

/// [`add`] inside a transaction the caller holds, so an import can add many.
pub(crate) fn add_in(w: &mut Write<'_>, new: &NewEquipment) -> Result<Equipment> {
    let code = numbered("EQ", new.code);
    let room = room_id(w.conn(), new.room.as_deref())?;
    if let Some(manager) = &new.manager {
        super::operator::registered(w.sql(), manager, Field::User)?;
    }
    let now = Value::from(w.now().to_string());
    w.conn()
        .execute(
            "INSERT INTO equipment (code, name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
                slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
                holidays_bookable, needs_approval, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            params_from_iter([Value::from(code.clone())].into_iter().chain(columns(new, room)).chain([now])),
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                Refusal::Duplicate { field: Field::Equipment, value: code.clone() }.into()
            } else {
                Error::from(e)
            }
        })?;
    let e = by_code(w.conn(), &code)?;
    super::search::refresh(w.sql(), super::search::Table::Equipment, e.id)?;
    w.audit("equipment", &e.code, "add", None, Some(json(&e)))?;
    Ok(e)
}

/// Changes a machine's details or rules; fields left empty keep their value.
/// Existing bookings stay as they are; the new rules apply to new bookings.
pub fn edit(store: &mut Store, code: &str, changes: &EquipmentInput) -> Result<Equipment> {
    if *changes == (EquipmentInput { code: changes.code.clone(), ..EquipmentInput::default() }) {
        return Err(Error::NothingToChange);
    }
    store.write(Capability::ManageEquipment, |w| {
        let before = by_code(w.conn(), code)?;
        let keep = |new: &str, old: String| if new.trim().is_empty() { old } else { new.to_owned() };
        let b = &before.rules;
        let yn = |v: bool| if v { "yes".to_owned() } else { "no".to_owned() };
        let merged = EquipmentInput {
            code: before.code.clone(),
            name: keep(&changes.name, before.name.clone()),
            model: keep(&changes.model, before.model.clone()),
            category: keep(&changes.category, before.category.code().into()),
            room: keep(&changes.room, before.room.clone().unwrap_or_default()),
            manager: keep(&changes.manager, before.manager.clone().unwrap_or_default()),
            billing_unit: keep(&changes.billing_unit, before.billing_unit.code().into()),
            tenant_rate: keep(&changes.tenant_rate, before.tenant_rate.0.to_string()),
            external_rate: keep(&changes.external_rate, before.external_rate.0.to_string()),
            slot_minutes: keep(&changes.slot_minutes, b.slot_minutes.to_string()),
            min_minutes: keep(&changes.min_minutes, b.min_minutes.to_string()),
            max_minutes: keep(&changes.max_minutes, b.max_minutes.to_string()),
            notice_minutes: keep(&changes.notice_minutes, b.notice_minutes.to_string()),
            horizon_days: keep(&changes.horizon_days, b.horizon_days.to_string()),
            buffer_minutes: keep(&changes.buffer_minutes, b.buffer_minutes.to_string()),
            hours: keep(&changes.hours, b.hours.to_string()),
            holidays_bookable: keep(&changes.holidays_bookable, yn(b.holidays_bookable)),
            needs_approval: keep(&changes.needs_approval, yn(b.needs_approval)),
        };
        let new = merged.validate()?;
        let room = room_id(w.conn(), new.room.as_deref())?;
        // Only a manager being changed is checked: one recorded before
        // managers had to be registered must not block other corrections.
        if !changes.manager.trim().is_empty()
            && let Some(manager) = &new.manager
        {
            super::operator::registered(w.sql(), manager, Field::User)?;
        }
        w.conn().execute(
            // Values the machine already has write nothing (and need no audit).
            "UPDATE equipment SET (name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
                slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
                holidays_bookable, needs_approval)
                = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
             WHERE id = ?1
               AND (name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
                slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
                holidays_bookable, needs_approval)
                IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params_from_iter([Value::from(before.id)].into_iter().chain(columns(&new, room))),
        )?;
        let after = by_id(w.conn(), before.id)?;
        if after != before {
            super::search::refresh(w.sql(), super::search::Table::Equipment, before.id)?;
            w.audit("equipment", &after.code, "edit", Some(json(&before)), Some(json(&after)))?;
        }
        Ok(after)
    })
}

/// Retires a machine: no new bookings; its history stays. Refused while it
/// has active bookings from now on.
pub fn retire(store: &mut Store, code: &str) -> Result<Equipment> {
    store.write(Capability::ManageEquipment, |w| {
        let before = by_code(w.conn(), code)?;
        let now = w.now().to_string();
        let pending: i64 = w.conn().query_row(
            "SELECT count(*) FROM booking WHERE equipment_id = ?1 AND state IN ('requested', 'approved', 'in-use') AND end > ?2",
            params![before.id, now],
            |r| r.get(0),
        )?;
        if pending > 0 {
            return Err(Refusal::EquipmentBooked { equipment: before.code.clone(), bookings: pending }.into());
        }
        w.conn().execute("UPDATE equipment SET status = 'retired' WHERE id = ?1", [before.id])?;
        let after = by_id(w.conn(), before.id)?;
        w.audit("equipment", &after.code, "retire", Some(json(&before)), Some(json(&after)))?;
        Ok(after)
    })
}

pub fn list(store: &Store, page: Page) -> Result<Vec<Equipment>> {
    let mut st = store.conn().prepare_cached(&format!("{SELECT} ORDER BY e.code LIMIT ?1 OFFSET ?2"))?;
    let rows = st.query_map(params![page.limit, page.offset], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(store: &Store) -> Result<i64> {
    Ok(store.conn().query_row("SELECT count(*) FROM equipment", [], |r| r.get(0))?)
}

/// The machines whose code, name or model (or their 초성) hold `search`.
pub fn list_matching(store: &Store, search: &str, page: Page) -> Result<Vec<Equipment>> {
    let Some(q) = crate::domain::search::query(search) else { return list(store, page) };
    let sql = format!("{SELECT} WHERE instr(e.search, ?3) > 0 ORDER BY e.code LIMIT ?1 OFFSET ?2");
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(params![page.limit, page.offset, q], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count_matching(store: &Store, search: &str) -> Result<i64> {
    let Some(q) = crate::domain::search::query(search) else { return count(store) };
    Ok(store.conn().query_row("SELECT count(*) FROM equipment WHERE instr(search, ?1) > 0", [q], |r| r.get(0))?)
}

/// The next free asset number, for forms.
pub fn next_code(store: &Store) -> Result<String> {
    let n: i64 = store.conn().query_row(
        "SELECT coalesce(max(CAST(substr(code, 4) AS INTEGER)), 0) + 1 FROM equipment",
        [],
        |r| r.get(0),
    )?;
    Ok(numbered("EQ", n))
}
