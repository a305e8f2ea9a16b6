//! One row of each importable table, through the same use cases as the
//! command line and the interface: validated, then added inside the import's
//! transaction.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::Table;
use super::read::{Record, Sheet};
use crate::db::{Write, company, equipment, person, room};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::company::CompanyInput;
use crate::domain::equipment::EquipmentInput;
use crate::domain::person::{PersonInput, optional};
use crate::domain::room::RoomInput;
use crate::domain::time::parse_date;
use crate::domain::{Brn, Field, ForField, Invalid, Minute, Problem, Stage};
use crate::error::{Error, Refusal, RowProblem};

/// Why a row failed: about one field (so one column) or the whole row, or a
/// failure of the database itself, which ends the import.
pub(super) enum Fail {
    Row { field: Option<Field>, problem: RowProblem },
    Fatal(Error),
}

impl Fail {
    fn row(field: Field, problem: RowProblem) -> Fail {
        Fail::Row { field: Some(field), problem }
    }
}

impl From<Invalid> for Fail {
    fn from(i: Invalid) -> Self {
        Fail::row(i.field, RowProblem::Invalid(i))
    }
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(i) => i.into(),
            Error::Refused(r) => Fail::Row { field: refused_field(&r), problem: RowProblem::Refused(r) },
            other => Fail::Fatal(other),
        }
    }
}

/// The field a refusal of one of the import's use cases is about.
fn refused_field(r: &Refusal) -> Option<Field> {
    match r {
        Refusal::Duplicate { field, .. } => Some(*field),
        Refusal::BuildingArea { .. } => Some(Field::Area),
        Refusal::RoomRetired { .. } | Refusal::RoomLeased { .. } => Some(Field::Date),
        Refusal::CompanyLeft { .. } => Some(Field::Stage),
        _ => None,
    }
}

/// The column each field a refusal may name is read from, per table.
pub(super) fn column_of(table: Table, field: Field) -> Option<&'static str> {
    use Field as F;
    let map: &[(Field, &str)] = match table {
        Table::Companies => &[
            (F::Brn, "brn"),
            (F::Name, "name"),
            (F::CorporateNo, "corporate_no"),
            (F::Representative, "representative"),
            (F::Sector, "sector"),
            (F::Zone, "zone"),
            (F::Stage, "stage"),
            (F::Admitted, "admitted_on"),
            (F::Date, "left_on"),
            (F::Phone, "phone"),
            (F::Email, "email"),
        ],
        Table::Rooms => &[
            (F::RoomCode, "code"),
            (F::Room, "code"),
            (F::Floor, "floor"),
            (F::Kind, "kind"),
            (F::Area, "area_m2"),
            (F::Rent, "rent_per_m2"),
            (F::Date, "retired_on"),
        ],
        Table::People => &[
            (F::Person, "code"),
            (F::Name, "name"),
            (F::Company, "company_brn"),
            (F::Phone, "phone"),
            (F::Email, "email"),
            (F::Time, "created_at"),
        ],
        Table::Equipment => &[
            (F::Equipment, "code"),
            (F::Name, "name"),
            (F::Model, "model"),
            (F::Category, "category"),
            (F::Room, "room"),
            (F::User, "manager"),
            (F::BillingUnit, "billing_unit"),
            (F::TenantRate, "tenant_rate"),
            (F::ExternalRate, "external_rate"),
            (F::Slot, "slot_minutes"),
            (F::MinLength, "min_minutes"),
            (F::MaxLength, "max_minutes"),
            (F::Notice, "notice_minutes"),
            (F::Horizon, "horizon_days"),
            (F::Buffer, "buffer_minutes"),
            (F::Hours, "hours"),
            (F::Holidays, "holidays_bookable"),
            (F::Approval, "needs_approval"),
        ],
    };
    map.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
}

/// The keys seen so far in the file and the line each was first on, so a row
/// repeating another is refused naming both lines. A key is noted before the
/// rest of its row is checked, so a repeat is caught even when the first row
/// has another fault.
#[derive(Default)]
pub(super) struct Seen(HashMap<String, u64>);

impl Seen {
    fn once(&mut self, key: String, line: u64, field: Field, shown: String) -> Result<(), Fail> {
        match self.0.entry(key) {
            Entry::Occupied(e) => Err(Fail::row(field, RowProblem::Repeated { value: shown, first_line: *e.get() })),
            Entry::Vacant(v) => {
                v.insert(line);
                Ok(())
            }
        }
    }
}

/// One row of the file, read by field key.
pub(super) struct Row<'a> {
    pub sheet: &'a Sheet,
    pub record: &'a Record,
}

impl Row<'_> {
    fn get(&self, key: &str) -> String {
        self.sheet.cell(self.record, key).to_owned()
    }
}

/// Validates and adds one row.
pub(super) fn add(w: &mut Write<'_>, table: Table, row: &Row<'_>, seen: &mut Seen) -> Result<(), Fail> {
    match table {
        Table::Companies => add_company(w, row, seen),
        Table::Rooms => add_room(w, row, seen),
        Table::Equipment => add_equipment(w, row, seen),
        Table::People => add_person(w, row, seen),
    }
}

/// A company still at the centre is admitted; one whose stage says it
/// graduated or withdrew is admitted and then leaves on its `left_on` day,
/// as it did, so an export of the whole register imports back unchanged.
fn add_company(w: &mut Write<'_>, row: &Row<'_>, seen: &mut Seen) -> Result<(), Fail> {
    if let Ok(brn) = Brn::parse(&row.get("brn")) {
        seen.once(brn.digits(), row.record.line, Field::Brn, brn.to_string())?;
    }
    let stage = row.get("stage");
    let left = Stage::parse(&stage).ok().filter(|s| s.has_left());
    let input = CompanyInput {
        name: row.get("name"),
        brn: row.get("brn"),
        corporate_no: row.get("corporate_no"),
        representative: row.get("representative"),
        sector: row.get("sector"),
        zone: row.get("zone"),
        // The stage before leaving is not in the file: admitted at the default.
        stage: if left.is_some() { String::new() } else { stage },
        admitted: row.get("admitted_on"),
        phone: row.get("phone"),
        email: row.get("email"),
    };
    let new = input.validate(w.now().date())?;
    let left_raw = row.get("left_on");
    let leaving = match (left, left_raw.trim().is_empty()) {
        (None, true) => None,
        (None, false) => return Err(Fail::row(Field::Date, RowProblem::LeftWithoutStage { value: left_raw })),
        (Some(_), true) => return Err(Invalid::new(Field::Date, left_raw, Problem::Empty).into()),
        (Some(stage), false) => Some((stage, parse_date(&left_raw).field(Field::Date, &left_raw)?)),
    };
    company::add_in(w, &new)?;
    if let Some((stage, on)) = leaving {
        company::leave_in(w, &new.brn.digits(), stage, on, &left_raw)?;
    }
    Ok(())
}

/// A room with a `retired_on` day is added and retired from that day.
fn add_room(w: &mut Write<'_>, row: &Row<'_>, seen: &mut Seen) -> Result<(), Fail> {
    let code = row.get("code").trim().to_owned();
    if !code.is_empty() {
        seen.once(code.clone(), row.record.line, Field::RoomCode, code)?;
    }
    let input = RoomInput {
        code: row.get("code"),
        floor: row.get("floor"),
        kind: row.get("kind"),
        area_m2: row.get("area_m2"),
        rent_per_m2: Some(row.get("rent_per_m2")).filter(|s| !s.trim().is_empty()),
    };
    let new = input.validate()?;
    let retired = optional(&row.get("retired_on"), Field::Date, parse_date)?;
    room::add_in(w, &new)?;
    if let Some(on) = retired {
        room::retire_in(w, &new.code, on)?;
    }
    Ok(())
}

fn add_equipment(w: &mut Write<'_>, row: &Row<'_>, seen: &mut Seen) -> Result<(), Fail> {
    if let Ok(n) = parse_numbered("EQ", &row.get("code"), "EQ-0001") {
        let code = numbered("EQ", n);
        seen.once(code.clone(), row.record.line, Field::Equipment, code)?;
    }
    let input = EquipmentInput {
        code: row.get("code"),
        name: row.get("name"),
        model: row.get("model"),
        category: row.get("category"),
        room: row.get("room"),
        manager: row.get("manager"),
        billing_unit: row.get("billing_unit"),
        tenant_rate: row.get("tenant_rate"),
        external_rate: row.get("external_rate"),
        slot_minutes: row.get("slot_minutes"),
        min_minutes: row.get("min_minutes"),
        max_minutes: row.get("max_minutes"),
        notice_minutes: row.get("notice_minutes"),
        horizon_days: row.get("horizon_days"),
        buffer_minutes: row.get("buffer_minutes"),
        hours: row.get("hours"),
        holidays_bookable: row.get("holidays_bookable"),
        needs_approval: row.get("needs_approval"),
    };
    equipment::add_in(w, &input.validate()?)?;
    Ok(())
}

/// A person keeps the code and registration time the file gives, so a
/// register exported elsewhere comes back under the same codes; without a
/// code the person gets the next one.
fn add_person(w: &mut Write<'_>, row: &Row<'_>, seen: &mut Seen) -> Result<(), Fail> {
    let raw_code = row.get("code");
    let code = optional(&raw_code, Field::Person, |s| parse_numbered("P", s, "P-0001"))?;
    if code.is_some_and(|n| n < 1) {
        return Err(Invalid::new(Field::Person, raw_code, Problem::Format { example: "P-0001" }).into());
    }
    if let Some(n) = code {
        seen.once(n.to_string(), row.record.line, Field::Person, numbered("P", n))?;
    }
    let created = optional(&row.get("created_at"), Field::Time, Minute::parse)?;
    let input = PersonInput {
        name: row.get("name"),
        company: row.get("company_brn"),
        phone: row.get("phone"),
        email: row.get("email"),
    };
    let new = input.validate()?;
    person::add_in(w, &new, code, created)?;
    Ok(())
}

/// The order rows are added in: the file's, except that people with a code
/// come first, so a person given the next free code cannot take one a later
/// row of the file names.
pub(super) fn order(table: Table, sheet: &Sheet) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sheet.rows.len()).collect();
    if table == Table::People {
        order.sort_by_key(|&i| sheet.cell(&sheet.rows[i], "code").trim().is_empty());
    }
    order
}
