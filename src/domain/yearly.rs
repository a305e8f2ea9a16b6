//! A company's figures for one year (성과), as the funders ask for them.

use serde::Serialize;

use super::invalid::{Field, ForField, Invalid, Problem};
use super::money::required_won;
use super::{Won, text};

/// What was typed; `None` leaves a figure as it was (0 for a new year). A
/// figure given empty is refused: erasing a year's sales takes a typed 0.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearlyInput {
    pub company: String,
    pub year: String,
    pub employees: Option<String>,
    pub sales: Option<String>,
    pub exports: Option<String>,
    pub rnd_spend: Option<String>,
    pub patents_filed: Option<String>,
    pub patents_granted: Option<String>,
    pub investment: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub employees: i64,
    pub sales: Won,
    pub exports: Won,
    pub rnd_spend: Won,
    pub patents_filed: i64,
    pub patents_granted: i64,
    pub investment: Won,
}

/// The most people or patents a single company could report.
const MAX_COUNT: i64 = 1_000_000;

fn count(raw: &str) -> Result<i64, Problem> {
    let s: String = raw.trim().chars().filter(|c| *c != ',').collect();
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    let range = Problem::OutOfRange { min: 0, max: MAX_COUNT };
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(range);
    }
    s.parse::<i64>().ok().filter(|n| *n <= MAX_COUNT).ok_or(range)
}

/// Parses the year, between 1990 and `this_year`.
pub fn year(raw: &str, this_year: i32) -> Result<i32, Problem> {
    let range = Problem::OutOfRange { min: 1990, max: i64::from(this_year) };
    raw.trim().parse::<i32>().ok().filter(|y| (1990..=this_year).contains(y)).ok_or(range)
}

impl YearlyInput {
    /// Applies the typed figures over `base` (the year's figures so far).
    pub fn apply(&self, base: Figures) -> Result<Figures, Invalid> {
        let n = |raw: &Option<String>, field: Field, old: i64| -> Result<i64, Invalid> {
            match raw {
                None => Ok(old),
                Some(r) => {
                    let t = text::clean(r, 30).field(field, r)?;
                    count(&t).field(field, r)
                }
            }
        };
        let w = |raw: &Option<String>, field: Field, old: Won| -> Result<Won, Invalid> {
            match raw {
                None => Ok(old),
                Some(r) => required_won(r, field),
            }
        };
        Ok(Figures {
            employees: n(&self.employees, Field::Employees, base.employees)?,
            sales: w(&self.sales, Field::Sales, base.sales)?,
            exports: w(&self.exports, Field::Exports, base.exports)?,
            rnd_spend: w(&self.rnd_spend, Field::RndSpend, base.rnd_spend)?,
            patents_filed: n(&self.patents_filed, Field::PatentsFiled, base.patents_filed)?,
            patents_granted: n(&self.patents_granted, Field::PatentsGranted, base.patents_granted)?,
            investment: w(&self.investment, Field::Investment, base.investment)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_typed_figures_change() {
        let base = Figures { employees: 8, sales: Won(920_000_000), ..Figures::default() };
        let input =
            YearlyInput { employees: Some("11".into()), exports: Some("1,000,000".into()), ..YearlyInput::default() };
        let f = input.apply(base).unwrap();
        assert_eq!((f.employees, f.sales, f.exports), (11, Won(920_000_000), Won(1_000_000)));
    }

    #[test]
    fn refusals_name_the_figure() {
        let bad = |i: YearlyInput| i.apply(Figures::default()).unwrap_err().field;
        assert_eq!(bad(YearlyInput { employees: Some("-1".into()), ..YearlyInput::default() }), Field::Employees);
        assert_eq!(bad(YearlyInput { sales: Some("12억".into()), ..YearlyInput::default() }), Field::Sales);
        assert_eq!(
            bad(YearlyInput { patents_granted: Some("2000000".into()), ..YearlyInput::default() }),
            Field::PatentsGranted
        );
        for blank in ["", " "] {
            let e = YearlyInput { sales: Some(blank.into()), ..YearlyInput::default() }.apply(Figures::default());
            assert_eq!(e.map_err(|e| (e.field, e.problem)), Err((Field::Sales, Problem::Empty)));
            let e = YearlyInput { employees: Some(blank.into()), ..YearlyInput::default() }.apply(Figures::default());
            assert_eq!(e.map_err(|e| (e.field, e.problem)), Err((Field::Employees, Problem::Empty)));
        }
        assert_eq!(year("2027", 2026), Err(Problem::OutOfRange { min: 1990, max: 2026 }));
        assert_eq!(year("2025", 2026), Ok(2025));
        assert!(year("이천", 2026).is_err());
    }
}
