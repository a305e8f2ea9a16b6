//! The centre as the supplier (공급자) on its tax documents: what the
//! national upload form asks of the issuer. Every field is required before a
//! month is issued; once set, a change may name only what changes.
//!
//! Lengths are in characters: half the form's byte limits (상호 70, 성명 30,
//! 주소 150, 업태 40, 종목 60, 이메일 40 bytes, Hangul counting two), so
//! any mix of Hangul and Latin fits.

use serde::Serialize;

use super::invalid::{Field, ForField, Invalid, Problem};
use super::{Brn, contact, text};

pub const NAME: usize = 35;
pub const REPRESENTATIVE: usize = 15;
pub const ADDRESS: usize = 75;
pub const BUSINESS_TYPE: usize = 20;
pub const BUSINESS_ITEM: usize = 30;
pub const EMAIL: usize = 40;

/// The centre's details as its tax documents print them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Supplier {
    pub brn: Brn,
    /// 상호.
    pub name: String,
    /// 성명: the representative.
    pub representative: String,
    /// 사업장 주소.
    pub address: String,
    /// 업태 (`서비스`).
    pub business_type: String,
    /// 종목 (`시험분석, 장비임대`).
    pub business_item: String,
    pub email: String,
}

/// What an admin typed; `None` keeps what is set (and is refused while
/// nothing is).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SupplierInput {
    pub brn: Option<String>,
    pub name: Option<String>,
    pub representative: Option<String>,
    pub address: Option<String>,
    pub business_type: Option<String>,
    pub business_item: Option<String>,
    pub email: Option<String>,
}

impl SupplierInput {
    /// The supplier after this change to `current`, every field checked.
    pub fn apply(&self, current: Option<&Supplier>) -> Result<Supplier, Invalid> {
        let given = |raw: &Option<String>, field: Field, now: Option<&String>| -> Result<String, Invalid> {
            match (raw, now) {
                (Some(raw), _) => Ok(raw.clone()),
                (None, Some(now)) => Ok(now.clone()),
                (None, None) => Err(Invalid::new(field, "", Problem::Empty)),
            }
        };
        let brn = match (&self.brn, current) {
            (Some(raw), _) => Brn::parse(raw).field(Field::Brn, raw)?,
            (None, Some(c)) => c.brn,
            (None, None) => return Err(Invalid::new(Field::Brn, "", Problem::Empty)),
        };
        let words = |raw: &Option<String>, field: Field, now: Option<&String>, max: usize| {
            let raw = given(raw, field, now)?;
            text::name(&raw, max).field(field, &raw)
        };
        let name = words(&self.name, Field::TradeName, current.map(|c| &c.name), NAME)?;
        let representative =
            words(&self.representative, Field::Representative, current.map(|c| &c.representative), REPRESENTATIVE)?;
        let address = words(&self.address, Field::Address, current.map(|c| &c.address), ADDRESS)?;
        let business_type =
            words(&self.business_type, Field::BusinessType, current.map(|c| &c.business_type), BUSINESS_TYPE)?;
        let business_item =
            words(&self.business_item, Field::BusinessItem, current.map(|c| &c.business_item), BUSINESS_ITEM)?;
        let raw = given(&self.email, Field::Email, current.map(|c| &c.email))?;
        let email = contact::email(&raw).field(Field::Email, &raw)?;
        if email.chars().count() > EMAIL {
            return Err(Invalid::new(Field::Email, &raw, Problem::TooLong { max: EMAIL }));
        }
        Ok(Supplier { brn, name, representative, address, business_type, business_item, email })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> SupplierInput {
        SupplierInput {
            brn: Some("124-81-00998".into()),
            name: Some("강원 세라믹 산업화지원센터".into()),
            representative: Some("최영민".into()),
            address: Some("강원특별자치도 강릉시 과학단지로 100".into()),
            business_type: Some("서비스".into()),
            business_item: Some("시험분석, 장비임대".into()),
            email: Some("tax@kiln.example.kr".into()),
        }
    }

    #[test]
    fn the_first_setting_needs_every_field_and_names_the_first_missing() {
        let s = full().apply(None).unwrap();
        assert_eq!(s.brn.digits(), "1248100998");
        let missing = SupplierInput { address: None, ..full() };
        assert_eq!(missing.apply(None).unwrap_err().field, Field::Address);
        assert_eq!(SupplierInput::default().apply(None).unwrap_err().field, Field::Brn);
    }

    #[test]
    fn a_change_names_only_what_changes() {
        let now = full().apply(None).unwrap();
        let change = SupplierInput { email: Some("Bill@Kiln.Example.kr".into()), ..SupplierInput::default() };
        let after = change.apply(Some(&now)).unwrap();
        assert_eq!(after.email, "Bill@kiln.example.kr");
        assert_eq!(after.name, now.name);
    }

    #[test]
    fn bad_values_are_refused_naming_their_field() {
        let cases = [
            (SupplierInput { brn: Some("124-81-00999".into()), ..full() }, Field::Brn),
            (SupplierInput { name: Some(" ".into()), ..full() }, Field::TradeName),
            (SupplierInput { name: Some("가".repeat(NAME + 1)), ..full() }, Field::TradeName),
            (SupplierInput { representative: Some("최\u{202E}영민".into()), ..full() }, Field::Representative),
            (SupplierInput { business_item: Some("a\u{7}b".into()), ..full() }, Field::BusinessItem),
            (SupplierInput { email: Some("tax".into()), ..full() }, Field::Email),
            (SupplierInput { email: Some(format!("{}@kiln.example.kr", "a".repeat(30))), ..full() }, Field::Email),
        ];
        for (input, field) in cases {
            assert_eq!(input.apply(None).unwrap_err().field, field, "{input:?}");
        }
    }
}
