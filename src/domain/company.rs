//! A company as typed, and the rules it must pass to be admitted.

use chrono::NaiveDate;

use super::invalid::{Field, ForField, Invalid, Problem};
use super::person::optional;
use super::text::{self, caps};
use super::time::parse_date;
use super::{Brn, CorporateNo, Sector, Stage, Zone, contact};

/// What an administrator typed; empty fields take the defaults noted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyInput {
    pub name: String,
    pub brn: String,
    pub corporate_no: String,
    pub representative: String,
    /// Default `other`.
    pub sector: String,
    /// Default `gangneung`, the centre itself.
    pub zone: String,
    /// Default `early`; only the stages of a company still here are accepted.
    pub stage: String,
    /// Default today.
    pub admitted: String,
    pub phone: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCompany {
    pub name: String,
    pub brn: Brn,
    pub corporate_no: Option<CorporateNo>,
    pub representative: String,
    pub sector: Sector,
    pub zone: Zone,
    pub stage: Stage,
    pub admitted: NaiveDate,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The stages a company can be admitted at.
pub const ADMISSION_STAGES: &[&str] = &["pre-startup", "early", "growth"];

impl CompanyInput {
    pub fn validate(&self, today: NaiveDate) -> Result<NewCompany, Invalid> {
        let name = text::name(&self.name, caps::NAME).field(Field::Name, &self.name)?;
        let brn_text = text::clean(&self.brn, caps::SHORT).field(Field::Brn, &self.brn)?;
        let brn = Brn::parse(&brn_text).field(Field::Brn, &self.brn)?;
        let corporate_no = optional(&self.corporate_no, Field::CorporateNo, CorporateNo::parse)?;
        let representative =
            text::clean(&self.representative, caps::PERSON_NAME).field(Field::Representative, &self.representative)?;
        text::visible(&representative).field(Field::Representative, &self.representative)?;
        let sector = optional(&self.sector, Field::Sector, Sector::parse)?.unwrap_or(Sector::Other);
        let zone = optional(&self.zone, Field::Zone, Zone::parse)?.unwrap_or(Zone::Gangneung);
        let stage = optional(&self.stage, Field::Stage, Stage::parse)?.unwrap_or(Stage::Early);
        if stage.has_left() {
            return Err(Invalid::new(Field::Stage, &self.stage, Problem::OneOf { accepted: ADMISSION_STAGES }));
        }
        let admitted = optional(&self.admitted, Field::Admitted, parse_date)?.unwrap_or(today);
        let phone = optional(&self.phone, Field::Phone, contact::phone)?;
        let email = optional(&self.email, Field::Email, contact::email)?;
        Ok(NewCompany { name, brn, corporate_no, representative, sector, zone, stage, admitted, phone, email })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn defaults_fill_what_was_not_typed() {
        let c = CompanyInput { name: "세라텍(주)".into(), brn: "1248100998".into(), ..CompanyInput::default() }
            .validate(today())
            .unwrap();
        assert_eq!(c.brn.to_string(), "124-81-00998");
        assert_eq!((c.zone, c.stage, c.sector, c.admitted), (Zone::Gangneung, Stage::Early, Sector::Other, today()));
    }

    #[test]
    fn refusals_name_their_field() {
        let base = CompanyInput { name: "세라텍".into(), brn: "124-81-00998".into(), ..CompanyInput::default() };
        let cases: [(CompanyInput, Field); 7] = [
            (CompanyInput { brn: "124-81-00999".into(), ..base.clone() }, Field::Brn),
            (CompanyInput { name: " ".into(), ..base.clone() }, Field::Name),
            (CompanyInput { corporate_no: "130111-0006247".into(), ..base.clone() }, Field::CorporateNo),
            (CompanyInput { zone: "seoul".into(), ..base.clone() }, Field::Zone),
            (CompanyInput { stage: "graduated".into(), ..base.clone() }, Field::Stage),
            (CompanyInput { admitted: "2026-02-30".into(), ..base.clone() }, Field::Admitted),
            (CompanyInput { phone: "033-12".into(), ..base.clone() }, Field::Phone),
        ];
        for (input, field) in cases {
            assert_eq!(input.validate(today()).unwrap_err().field, field, "{input:?}");
        }
    }
}
