//! Projects (과제): the research or support projects a party's use may be
//! paid from — 과제명, 과제번호, the funder (전문기관), its period and maybe a
//! budget for the centre's equipment.

use chrono::NaiveDate;

use super::invalid::{Field, ForField, Invalid, Problem};
use super::person::optional;
use super::text;
use super::time::{date_text, parse_date};
use super::{Won, money::required_won};

/// What an administrator typed for a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectInput {
    /// The paying party: `BP-0075` or a BRN.
    pub party: String,
    /// 과제명.
    pub name: String,
    /// 과제번호, as the funder writes it (`RS-2025-00412345`).
    pub number: String,
    /// 전문기관: the agency that funds it.
    pub funder: String,
    /// First day of the project.
    pub from: String,
    /// Last day of the project (as agreements write it: 2025-04-01 ~ 2026-03-31).
    pub last_day: String,
    /// The part of its budget for the centre's equipment; empty: none set.
    pub budget: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProject {
    pub party: String,
    pub name: String,
    pub number: String,
    pub funder: String,
    pub from: NaiveDate,
    pub last_day: NaiveDate,
    pub budget: Option<Won>,
}

/// Letters, digits and dashes, as funders number projects.
fn number(raw: &str) -> Result<String, Problem> {
    let s = text::required(raw, 50)?;
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(s)
    } else {
        Err(Problem::Format { example: "RS-2025-00412345" })
    }
}

impl ProjectInput {
    pub fn validate(&self) -> Result<NewProject, Invalid> {
        let party = text::required(&self.party, 20).field(Field::Party, &self.party)?;
        let name = text::name(&self.name, 200).field(Field::ProjectName, &self.name)?;
        let number = number(&self.number).field(Field::ProjectNumber, &self.number)?;
        let funder = text::name(&self.funder, 100).field(Field::Funder, &self.funder)?;
        let from = parse_date(&self.from).field(Field::From, &self.from)?;
        let last_day = parse_date(&self.last_day).field(Field::LastDay, &self.last_day)?;
        if last_day < from {
            return Err(Invalid::new(Field::LastDay, &self.last_day, Problem::NotBefore { earliest: date_text(from) }));
        }
        let budget = match optional(&self.budget, Field::Budget, |s| Ok(s.to_owned()))? {
            Some(_) => {
                let b = required_won(&self.budget, Field::Budget)?;
                if b.0 == 0 {
                    return Err(Invalid::new(
                        Field::Budget,
                        &self.budget,
                        Problem::OutOfRange { min: 1, max: Won::LIMIT.0 },
                    ));
                }
                Some(b)
            }
            None => None,
        };
        Ok(NewProject { party, name, number, funder, from, last_day, budget })
    }
}

/// True if a booking estimated at `estimate` would take a project past its
/// budget, given what is already `committed` (use charged, and estimates of
/// bookings still to come). A project with no budget is never passed.
pub fn passes_budget(budget: Option<Won>, committed: Won, estimate: Won) -> bool {
    budget.is_some_and(|b| committed.0.saturating_add(estimate.0) > b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProjectInput {
        ProjectInput {
            party: "BP-0061".into(),
            name: "고강도 세라믹 소결 공정 개발".into(),
            number: "RS-2025-00412345".into(),
            funder: "한국산업기술기획평가원".into(),
            from: "2025-04-01".into(),
            last_day: "2026-12-31".into(),
            budget: "30,000,000".into(),
        }
    }

    #[test]
    fn a_project_has_a_name_a_number_a_funder_a_period_and_maybe_a_budget() {
        let p = input().validate().unwrap();
        assert_eq!((p.budget, p.last_day.to_string()), (Some(Won(30_000_000)), "2026-12-31".to_owned()));
        assert_eq!(ProjectInput { budget: String::new(), ..input() }.validate().unwrap().budget, None);
        let cases = [
            (ProjectInput { name: String::new(), ..input() }, Field::ProjectName),
            (ProjectInput { number: "RS 2025/1".into(), ..input() }, Field::ProjectNumber),
            (ProjectInput { funder: String::new(), ..input() }, Field::Funder),
            (ProjectInput { last_day: "2025-03-31".into(), ..input() }, Field::LastDay),
            (ProjectInput { budget: "0".into(), ..input() }, Field::Budget),
            (ProjectInput { budget: "-5".into(), ..input() }, Field::Budget),
            (ProjectInput { from: "2025-02-30".into(), ..input() }, Field::From),
        ];
        for (bad, field) in cases {
            assert_eq!(bad.validate().unwrap_err().field, field, "{bad:?}");
        }
    }

    #[test]
    fn only_a_budget_can_be_passed_and_reaching_it_exactly_does_not() {
        assert!(!passes_budget(None, Won(1_000_000_000), Won(1)));
        assert!(!passes_budget(Some(Won(100)), Won(60), Won(40)));
        assert!(passes_budget(Some(Won(100)), Won(60), Won(41)));
    }
}
