//! Consumables (소모품) as typed: a catalogue entry, and a quantity used.

use super::invalid::{Field, ForField, Invalid, Problem};
use super::money::required_won;
use super::party::class_code;
use super::{Won, text};

/// What an administrator typed for a consumable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsumableInput {
    /// A short code: lowercase letters, digits and dashes (`au-target`).
    pub code: String,
    pub name: String,
    /// How it is counted: 개, g, mL, 장 …
    pub unit: String,
    pub unit_price: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConsumable {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub unit_price: Won,
}

impl ConsumableInput {
    pub fn validate(&self) -> Result<NewConsumable, Invalid> {
        let code = class_code(&self.code).field(Field::Consumable, &self.code)?;
        let name = text::name(&self.name, 100).field(Field::Name, &self.name)?;
        let unit = text::required(&self.unit, 10).field(Field::Unit, &self.unit)?;
        let unit_price = required_won(&self.unit_price, Field::UnitPrice)?;
        Ok(NewConsumable { code, name, unit, unit_price })
    }
}

/// The most of one consumable a single use records.
pub const MOST: i64 = 100_000;

/// A quantity used: a whole number from 1.
pub fn quantity(raw: &str) -> Result<i64, Invalid> {
    let t = raw.trim().replace(',', "");
    t.parse::<i64>()
        .ok()
        .filter(|n| (1..=MOST).contains(n))
        .ok_or_else(|| Invalid::new(Field::Quantity, raw, Problem::OutOfRange { min: 1, max: MOST }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_consumable_has_a_code_a_name_a_unit_and_a_price() {
        let ok = ConsumableInput {
            code: "Au-Target".into(),
            name: "금 스퍼터 타깃".into(),
            unit: "회".into(),
            unit_price: "12,000".into(),
        };
        let c = ok.validate().unwrap();
        assert_eq!((c.code.as_str(), c.unit_price), ("au-target", Won(12_000)));
        assert_eq!(
            ConsumableInput { unit_price: "-1".into(), ..ok.clone() }.validate().unwrap_err().field,
            Field::UnitPrice
        );
        assert_eq!(ConsumableInput { unit: String::new(), ..ok.clone() }.validate().unwrap_err().field, Field::Unit);
        assert_eq!(ConsumableInput { code: "금".into(), ..ok }.validate().unwrap_err().field, Field::Consumable);
    }

    #[test]
    fn a_quantity_is_a_whole_number_from_one() {
        assert_eq!(quantity(" 3 "), Ok(3));
        assert_eq!(quantity("1,000"), Ok(1000));
        for bad in ["0", "-2", "1.5", "", "100001"] {
            assert_eq!(quantity(bad).unwrap_err().field, Field::Quantity, "{bad}");
        }
    }
}
