//! The centre as the supplier (공급자) on its tax documents: set by an
//! admin (`kiln centre set`, screen 6's `C`), required before a month's
//! statements are issued, since each becomes a 세금계산서 or 계산서 that
//! names its issuer.

use serde::Serialize;

use super::Store;
use super::write::json;
use crate::domain::supplier::{Supplier, SupplierInput};
use crate::domain::{Capability, Field, Invalid, Minute};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::supplier::{self as sql, Stored};

/// The supplier as set, and when and by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Centre {
    #[serde(flatten)]
    pub supplier: Supplier,
    pub set_at: Minute,
    pub set_by: String,
}

/// The row read back through the domain's rules: `Err` names the first
/// field kiln would not accept (a row written around kiln).
fn checked(s: &Stored) -> std::result::Result<Supplier, Invalid> {
    let some = |t: &String| Some(t.clone());
    SupplierInput {
        brn: some(&s.brn),
        name: some(&s.name),
        representative: some(&s.representative),
        address: some(&s.address),
        business_type: some(&s.business_type),
        business_item: some(&s.business_item),
        email: some(&s.email),
    }
    .apply(None)
}

/// The centre's details as set, or `None` before an admin sets them.
pub fn show(store: &Store) -> Result<Option<Centre>> {
    let Some(s) = sql::get(store.sql())? else { return Ok(None) };
    let supplier = checked(&s)?;
    Ok(Some(Centre { supplier, set_at: s.set_at, set_by: s.set_by }))
}

/// Sets the centre's details (admins): every field the first time, then
/// only what changes. Audited with what it was.
pub fn set(store: &mut Store, input: &SupplierInput) -> Result<Centre> {
    store.write(Capability::ManageSettings, |w| {
        let before = sql::get(w.sql())?;
        // A row that fails the rules now is replaced whole, not patched.
        let current = before.as_ref().and_then(|s| checked(s).ok());
        let supplier = input.apply(current.as_ref())?;
        // Nothing changes: nothing written, nothing audited.
        if let (Some(s), true) = (&before, current.as_ref() == Some(&supplier)) {
            return Ok(Centre { supplier, set_at: s.set_at, set_by: s.set_by.clone() });
        }
        sql::put(w.sql(), &supplier, w.now(), w.who())?;
        let old = current.as_ref().map(json);
        w.audit("supplier", "centre", "set", old, Some(json(&supplier)))?;
        Ok(Centre { supplier, set_at: w.now(), set_by: w.who().to_owned() })
    })
}

/// The supplier a month is issued under, or the refusal naming what is
/// missing.
pub(crate) fn required(db: Sql<'_>) -> Result<Supplier> {
    let Some(s) = sql::get(db)? else { return Err(Refusal::NoSupplier { field: Field::Brn }.into()) };
    checked(&s).map_err(|i| Refusal::NoSupplier { field: i.field }.into())
}

/// For `kiln check`: the first field of a stored row kiln would not
/// accept, with its value.
pub(crate) fn unacceptable(db: Sql<'_>) -> Result<Option<(Field, String)>> {
    Ok(sql::get(db)?.and_then(|s| checked(&s).err()).map(|i| (i.field, i.value)))
}
