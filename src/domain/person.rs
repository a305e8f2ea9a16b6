//! A person as typed into a form or on the command line, and its rules.

use super::invalid::{Field, ForField, Invalid};
use super::text::{self, caps};
use super::{Brn, contact};

/// What a person typed: every field as text, empty meaning "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonInput {
    pub name: String,
    /// The company's 사업자등록번호, if the person belongs to one.
    pub company: String,
    pub phone: String,
    pub email: String,
}

/// A person that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPerson {
    pub name: String,
    pub company: Option<Brn>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl PersonInput {
    pub fn validate(&self) -> Result<NewPerson, Invalid> {
        let name = text::name(&self.name, caps::PERSON_NAME).field(Field::Name, &self.name)?;
        let company = optional(&self.company, Field::Company, Brn::parse)?;
        let phone = optional(&self.phone, Field::Phone, contact::phone)?;
        let email = optional(&self.email, Field::Email, contact::email)?;
        Ok(NewPerson { name, company, phone, email })
    }
}

/// A flag's value for a sum or a count: left out (`None`) stays left out,
/// but given empty it is refused, since empty is not zero and not "the
/// default" either (`--tenant-rate ""` must not make a machine free).
pub fn given(raw: Option<String>, field: Field) -> Result<Option<String>, Invalid> {
    match raw {
        Some(r) if r.trim().is_empty() => Err(Invalid::new(field, r, super::Problem::Empty)),
        other => Ok(other),
    }
}

/// Runs `parse` on text that was given; empty text is `None`. Control and bidi
/// characters are refused first, whatever the parser.
pub fn optional<T>(
    raw: &str,
    field: Field,
    parse: impl Fn(&str) -> Result<T, super::Problem>,
) -> Result<Option<T>, Invalid> {
    let cleaned = text::clean(raw, caps::NOTE).field(field, raw)?;
    if cleaned.is_empty() {
        return Ok(None);
    }
    parse(&cleaned).field(field, raw).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Problem;

    fn input(name: &str, email: &str) -> PersonInput {
        PersonInput { name: name.into(), email: email.into(), ..PersonInput::default() }
    }

    #[test]
    fn a_person_needs_only_a_name() {
        let p = input(" 김민수 ", "").validate().unwrap();
        assert_eq!(p.name, "김민수");
        assert_eq!((p.company, p.phone, p.email), (None, None, None));
    }

    #[test]
    fn a_flag_given_empty_is_refused_and_one_left_out_is_not() {
        assert_eq!(given(None, Field::Weeks), Ok(None));
        assert_eq!(given(Some("3".into()), Field::Weeks), Ok(Some("3".into())));
        let e = given(Some(" ".into()), Field::TenantRate).unwrap_err();
        assert_eq!((e.field, e.problem), (Field::TenantRate, Problem::Empty));
    }

    #[test]
    fn each_field_is_named_when_refused() {
        assert_eq!(input("", "").validate().unwrap_err().field, Field::Name);
        assert_eq!(input("김\u{202E}민수", "").validate().unwrap_err().problem, Problem::BidiControl);
        assert_eq!(input("김민수", "kim@").validate().unwrap_err().field, Field::Email);
        let bad_company =
            PersonInput { name: "김민수".into(), company: "124-81-00999".into(), ..PersonInput::default() };
        assert_eq!(bad_company.validate().unwrap_err().field, Field::Company);
        let bad_phone = PersonInput { name: "김민수".into(), phone: "12".into(), ..PersonInput::default() };
        assert_eq!(bad_phone.validate().unwrap_err().field, Field::Phone);
        assert_eq!(input(&"가".repeat(51), "").validate().unwrap_err().problem, Problem::TooLong { max: 50 });
    }
}
