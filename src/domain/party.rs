//! A billing party (청구처) as typed into a form or on the command line, and
//! its rules. A company's party is made with the company and is not typed;
//! what is typed here is an outside organisation or an individual.

use super::invalid::{Field, ForField, Invalid, Problem};
use super::person::optional;
use super::pricing::class_rate;
use super::text::{self, caps};
use super::{Brn, PartyKind, Percent, Won, contact};

/// The kinds a person adds by hand (a company's party comes with it).
pub const ADDED_KINDS: &[&str] = &["organisation", "individual"];

/// What a person typed: every field as text, empty meaning "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyInput {
    pub kind: String,
    pub name: String,
    /// An organisation's 사업자등록번호 (required for one, refused for an individual).
    pub brn: String,
    /// A rate class's code; empty leaves it to the rule of the kind.
    pub class: String,
    pub email: String,
    /// The person an individual party pays for (`P-0042`), if any.
    pub person: String,
}

/// A party that passed every rule of its own; the class and the person are
/// codes still to be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewParty {
    pub kind: PartyKind,
    pub name: String,
    pub brn: Option<Brn>,
    pub class: Option<String>,
    pub email: Option<String>,
    pub person: Option<String>,
}

impl PartyInput {
    pub fn validate(&self) -> Result<NewParty, Invalid> {
        let kind = match PartyKind::parse(&self.kind).field(Field::PartyKind, &self.kind)? {
            PartyKind::Company => {
                return Err(Invalid::new(Field::PartyKind, &self.kind, Problem::OneOf { accepted: ADDED_KINDS }));
            }
            k => k,
        };
        let name = text::name(&self.name, caps::NAME).field(Field::Name, &self.name)?;
        let brn = optional(&self.brn, Field::Brn, Brn::parse)?;
        match (kind, brn) {
            (PartyKind::Organisation, None) => return Err(Invalid::new(Field::Brn, &self.brn, Problem::Empty)),
            (PartyKind::Individual, Some(_)) => {
                return Err(Invalid::new(Field::Brn, &self.brn, Problem::NotForKind { kind: kind.code() }));
            }
            _ => {}
        }
        let class = optional(&self.class, Field::RateClass, class_code)?;
        let email = optional(&self.email, Field::Email, contact::email)?;
        let person = optional(&self.person, Field::Person, |s| Ok(s.to_owned()))?;
        if kind == PartyKind::Organisation && person.is_some() {
            return Err(Invalid::new(Field::Person, &self.person, Problem::NotForKind { kind: kind.code() }));
        }
        Ok(NewParty { kind, name, brn, class, email, person })
    }
}

/// A rate class's code: 1–20 lowercase letters, digits and dashes
/// (`sme`, `mid-size`), as the database keeps it.
pub fn class_code(raw: &str) -> Result<String, Problem> {
    let s = raw.trim().to_ascii_lowercase().replace('_', "-");
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    if s.chars().count() > 20 || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(Problem::Format { example: "sme" });
    }
    Ok(s)
}

/// A rate class as typed: code, names and the centre-wide discount.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassInput {
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
    /// `20`, `12.5 %`; empty is no discount.
    pub discount: String,
}

/// A rate class that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewClass {
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
    pub discount: Percent,
}

/// The longest name of a class, in either language.
pub const CLASS_NAME: usize = 40;

impl ClassInput {
    pub fn validate(&self) -> Result<NewClass, Invalid> {
        let code = class_code(&self.code).field(Field::RateClass, &self.code)?;
        let name_ko = text::name(&self.name_ko, CLASS_NAME).field(Field::Name, &self.name_ko)?;
        let name_en = text::name(&self.name_en, CLASS_NAME).field(Field::NameEn, &self.name_en)?;
        let discount = optional(&self.discount, Field::Discount, Percent::parse)?.unwrap_or(Percent::ZERO);
        Ok(NewClass { code, name_ko, name_en, discount })
    }
}

/// The class a company is by the rule on a day it holds a lease.
pub const TENANT: &str = "tenant";
/// The class of anyone else no class is set for.
pub const EXTERNAL: &str = "external";

/// The rate class a party is priced by on a day: the one set for it, else
/// "tenant" for a company holding a lease that day, else "external" — as
/// kiln priced before classes, so an empty centre's prices are unchanged.
pub fn class_by_rule(set: Option<&str>, company: bool, holds_lease: bool) -> &str {
    match set {
        Some(c) => c,
        None if company && holds_lease => TENANT,
        None => EXTERNAL,
    }
}

/// A machine's own price for a class as typed: a rate (`50,000`) or a
/// discount (`30 %`), or neither to remove it.
pub fn machine_price(rate: &str, discount: &str) -> Result<Option<MachinePrice>, Invalid> {
    let rate = optional(rate, Field::Rate, Won::parse)?;
    let off = optional(discount, Field::Discount, Percent::parse)?;
    match (rate, off) {
        (Some(_), Some(_)) => Err(Invalid::new(Field::Discount, discount, Problem::NotBoth { other: Field::Rate })),
        (Some(r), None) => Ok(Some(MachinePrice::Rate(r))),
        (None, Some(d)) => Ok(Some(MachinePrice::Discount(d))),
        (None, None) => Ok(None),
    }
}

/// A machine's own price for a class, if it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MachinePrice {
    Rate(Won),
    Discount(Percent),
}

/// The rate per hour or sample a class pays on a machine: the machine's own
/// price for the class (a rate, or a discount off its base rate); for the
/// tenant class without one, the machine's tenant rate; else the base (the
/// external rate) less the class's centre-wide discount.
pub fn unit_rate(
    class: &str,
    base: Won,
    tenant_rate: Won,
    machine: Option<MachinePrice>,
    class_discount: Percent,
) -> Won {
    match machine {
        Some(MachinePrice::Rate(r)) => r,
        Some(MachinePrice::Discount(d)) => class_rate(base, None, d),
        None if class == TENANT => tenant_rate,
        None => class_rate(base, None, class_discount),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation(brn: &str) -> PartyInput {
        PartyInput {
            kind: "organisation".into(),
            name: "강릉원주대학교 산학협력단".into(),
            brn: brn.into(),
            ..PartyInput::default()
        }
    }

    #[test]
    fn an_organisation_needs_a_name_and_a_brn() {
        let p = organisation("220-82-03117").validate().unwrap();
        assert_eq!((p.kind, p.brn.map(|b| b.to_string())), (PartyKind::Organisation, Some("220-82-03117".into())));
        assert_eq!(organisation("").validate().unwrap_err().field, Field::Brn);
        assert_eq!(organisation("220-82-03118").validate().unwrap_err().field, Field::Brn);
        let unnamed = PartyInput { name: " ".into(), ..organisation("220-82-03117") };
        assert_eq!(unnamed.validate().unwrap_err().field, Field::Name);
    }

    #[test]
    fn a_company_party_is_not_typed_and_an_individual_has_no_brn() {
        let company = PartyInput { kind: "company".into(), ..organisation("220-82-03117") };
        let e = company.validate().unwrap_err();
        assert_eq!((e.field, e.problem), (Field::PartyKind, Problem::OneOf { accepted: ADDED_KINDS }));
        let odd = PartyInput { kind: "individual".into(), ..organisation("220-82-03117") };
        assert_eq!(odd.validate().unwrap_err().field, Field::Brn);
        let person = PartyInput { kind: "individual".into(), name: "박지훈".into(), ..PartyInput::default() };
        assert_eq!(person.validate().unwrap().kind, PartyKind::Individual);
        let bad_kind = PartyInput { kind: "club".into(), ..organisation("220-82-03117") };
        assert_eq!(bad_kind.validate().unwrap_err().field, Field::PartyKind);
    }

    #[test]
    fn class_codes_are_short_lowercase_words() {
        assert_eq!(class_code(" Mid_Size "), Ok("mid-size".into()));
        assert_eq!(class_code(""), Err(Problem::Empty));
        assert!(class_code("중소기업").is_err());
        assert!(class_code(&"a".repeat(21)).is_err());
        let e = PartyInput { class: "중소".into(), ..organisation("220-82-03117") }.validate().unwrap_err();
        assert_eq!(e.field, Field::RateClass);
    }

    #[test]
    fn a_class_needs_a_code_two_names_and_a_discount_within_100_percent() {
        let input = ClassInput {
            code: "Start-Up".into(),
            name_ko: "창업기업".into(),
            name_en: "Start-up".into(),
            discount: "12.5 %".into(),
        };
        let c = input.validate().unwrap();
        assert_eq!((c.code.as_str(), c.discount.bp()), ("start-up", 1250));
        assert_eq!(ClassInput { discount: String::new(), ..input.clone() }.validate().unwrap().discount, Percent::ZERO);
        let e = ClassInput { discount: "120".into(), ..input.clone() }.validate().unwrap_err();
        assert_eq!(e.field, Field::Discount);
        assert_eq!(
            ClassInput { discount: "-5".into(), ..input.clone() }.validate().unwrap_err().field,
            Field::Discount
        );
        assert_eq!(ClassInput { name_en: String::new(), ..input.clone() }.validate().unwrap_err().field, Field::NameEn);
        assert_eq!(ClassInput { code: "가".into(), ..input }.validate().unwrap_err().field, Field::RateClass);
    }

    #[test]
    fn the_class_is_the_one_set_else_tenant_on_a_lease_day_else_external() {
        assert_eq!(class_by_rule(Some("academia"), true, true), "academia");
        assert_eq!(class_by_rule(None, true, true), TENANT);
        assert_eq!(class_by_rule(None, true, false), EXTERNAL);
        assert_eq!(class_by_rule(None, false, true), EXTERNAL);
    }

    #[test]
    fn a_machines_own_price_wins_then_the_tenant_rate_then_the_class_discount() {
        let (base, tenant) = (Won(90_000), Won(60_000));
        let thirty = Percent::parse("30").unwrap();
        assert_eq!(unit_rate("tenant", base, tenant, None, thirty), tenant);
        assert_eq!(unit_rate("external", base, tenant, None, Percent::ZERO), base);
        assert_eq!(unit_rate("academia", base, tenant, None, thirty), Won(63_000));
        let own = Some(MachinePrice::Rate(Won(50_000)));
        assert_eq!(unit_rate("academia", base, tenant, own, thirty), Won(50_000));
        let off = Some(MachinePrice::Discount(Percent::parse("50").unwrap()));
        assert_eq!(unit_rate("tenant", base, tenant, off, thirty), Won(45_000));
    }

    #[test]
    fn a_machine_price_is_a_rate_or_a_discount_not_both() {
        assert_eq!(machine_price("50,000", ""), Ok(Some(MachinePrice::Rate(Won(50_000)))));
        assert_eq!(machine_price("", "30 %"), Ok(Some(MachinePrice::Discount(Percent::parse("30").unwrap()))));
        assert_eq!(machine_price("", ""), Ok(None));
        let both = machine_price("50000", "30").unwrap_err();
        assert_eq!((both.field, both.problem), (Field::Discount, Problem::NotBoth { other: Field::Rate }));
        assert_eq!(machine_price("-1", "").unwrap_err().field, Field::Rate);
        assert_eq!(machine_price("", "120").unwrap_err().field, Field::Discount);
    }
}
