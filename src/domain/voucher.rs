//! Vouchers (바우처): a support programme pays a share of a party's use of
//! the centre's machines, up to a cap per party and year. What an admin
//! types for a programme and a grant, checked; which programme covers a
//! use; and the split itself is [`super::pricing`]'s.

use chrono::{Datelike, NaiveDate};

use super::invalid::{Field, ForField, Invalid, Problem};
use super::money::required_won;
use super::text;
use super::time::{date_text, parse_date};
use super::{Percent, Won};

/// What an administrator typed for a programme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgrammeInput {
    /// 사업명 (`연구장비 공동이용 지원사업`).
    pub name: String,
    /// 주관기관, by name, as printed.
    pub funder: String,
    /// The billing party its shares are billed to (`BP-0012` or a BRN):
    /// the funder as kiln bills it. Empty: none yet (nothing it pays can be
    /// issued until one is given).
    pub payer: String,
    /// The programme's share of a covered line, in percent (`70`).
    pub share: String,
    /// The most it pays for one party in one year, in won.
    pub cap: String,
    pub from: String,
    pub last_day: String,
    /// Machine codes it covers; none: every machine.
    pub machines: Vec<String>,
    /// Rate class codes it covers; none: every class.
    pub classes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProgramme {
    pub name: String,
    pub funder: String,
    pub payer: Option<String>,
    pub share: Percent,
    pub cap: Won,
    pub from: NaiveDate,
    pub last_day: NaiveDate,
    pub machines: Vec<String>,
    pub classes: Vec<String>,
}

/// A positive sum of won: a cap of 0 would admit a party to nothing.
fn positive_won(raw: &str, field: Field) -> Result<Won, Invalid> {
    let w = required_won(raw, field)?;
    if w.0 <= 0 {
        return Err(Invalid::new(field, raw, Problem::OutOfRange { min: 1, max: Won::LIMIT.0 }));
    }
    Ok(w)
}

/// A share a programme can pay: more than nothing, at most all.
fn share(raw: &str) -> Result<Percent, Invalid> {
    // Nothing is not a share a programme pays: the range said is 1–100.
    let range = || Invalid::new(Field::SupportShare, raw, Problem::OutOfRange { min: 1, max: 100 });
    match Percent::parse(raw) {
        Ok(p) if p == Percent::ZERO => Err(range()),
        Ok(p) => Ok(p),
        Err(Problem::OutOfRange { .. }) => Err(range()),
        Err(problem) => Err(Invalid::new(Field::SupportShare, raw, problem)),
    }
}

/// Codes as typed, each trimmed, empty ones and repeats left out.
fn codes(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in raw.iter().flat_map(|c| c.split(',')).map(str::trim).filter(|c| !c.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(c)) {
            out.push(c.to_owned());
        }
    }
    out
}

impl ProgrammeInput {
    pub fn validate(&self) -> Result<NewProgramme, Invalid> {
        let name = text::name(&self.name, 200).field(Field::ProgrammeName, &self.name)?;
        let funder = text::name(&self.funder, 100).field(Field::Funder, &self.funder)?;
        let payer = text::clean(&self.payer, 100).field(Field::Payer, &self.payer)?;
        let payer = Some(payer).filter(|p| !p.is_empty());
        let share = share(&self.share)?;
        let cap = positive_won(&self.cap, Field::Cap)?;
        let from = parse_date(&self.from).field(Field::From, &self.from)?;
        let last_day = parse_date(&self.last_day).field(Field::LastDay, &self.last_day)?;
        if last_day < from {
            return Err(Invalid::new(Field::LastDay, &self.last_day, Problem::NotBefore { earliest: date_text(from) }));
        }
        let (machines, classes) = (codes(&self.machines), codes(&self.classes));
        Ok(NewProgramme { name, funder, payer, share, cap, from, last_day, machines, classes })
    }
}

/// What an administrator typed to admit a party to a programme for a year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantInput {
    /// `VP-0001`.
    pub programme: String,
    /// `BP-0075` or a BRN.
    pub party: String,
    /// The year it pays for (`2026`).
    pub year: String,
    /// At most the programme's cap; empty: the programme's cap.
    pub cap: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewGrant {
    pub programme: String,
    pub party: String,
    pub year: i32,
    pub cap: Option<Won>,
}

impl GrantInput {
    pub fn validate(&self) -> Result<NewGrant, Invalid> {
        let programme = text::required(&self.programme, 20).field(Field::Programme, &self.programme)?;
        let party = text::required(&self.party, 20).field(Field::Party, &self.party)?;
        let year = self.year.trim();
        let year = year
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2999).contains(y))
            .ok_or_else(|| Invalid::new(Field::Year, &self.year, Problem::OutOfRange { min: 2000, max: 2999 }))?;
        let cap = match self.cap.trim() {
            "" => None,
            _ => Some(positive_won(&self.cap, Field::Cap)?),
        };
        Ok(NewGrant { programme, party, year, cap })
    }
}

/// A grant's terms, as checked against a programme: its year must fall in
/// the programme's period, and its cap is at most the programme's.
pub fn grant_terms(
    programme_cap: Won,
    from: NaiveDate,
    last_day: NaiveDate,
    new: &NewGrant,
    raw: &GrantInput,
) -> Result<Won, Invalid> {
    if new.year < from.year() || new.year > last_day.year() {
        let (min, max) = (i64::from(from.year()), i64::from(last_day.year()));
        return Err(Invalid::new(Field::Year, &raw.year, Problem::OutOfRange { min, max }));
    }
    match new.cap {
        Some(c) if c > programme_cap => {
            Err(Invalid::new(Field::Cap, &raw.cap, Problem::OutOfRange { min: 1, max: programme_cap.0 }))
        }
        Some(c) => Ok(c),
        None => Ok(programme_cap),
    }
}

/// A programme's terms, as a use is checked against them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub from: NaiveDate,
    pub last_day: NaiveDate,
    /// Machine ids it covers; empty: every machine.
    pub machines: Vec<i64>,
    /// Class codes it covers; empty: every class.
    pub classes: Vec<String>,
}

impl Coverage {
    /// Whether the programme pays for use of `equipment_id` priced by
    /// `class` on `day`.
    pub fn covers(&self, equipment_id: i64, class: &str, day: NaiveDate) -> bool {
        (self.from..=self.last_day).contains(&day)
            && (self.machines.is_empty() || self.machines.contains(&equipment_id))
            && (self.classes.is_empty() || self.classes.iter().any(|c| c == class))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProgrammeInput {
        ProgrammeInput {
            name: "연구장비 공동이용 지원사업".into(),
            funder: "과학기술정보통신부".into(),
            share: "70".into(),
            cap: "30,000,000".into(),
            from: "2026-01-01".into(),
            last_day: "2026-12-31".into(),
            machines: vec!["EQ-0001, EQ-0002".into(), "eq-0001".into()],
            classes: Vec::new(),
            payer: String::new(),
        }
    }

    #[test]
    fn a_programme_as_typed_is_read_with_its_codes_once_each() {
        let p = input().validate().unwrap();
        assert_eq!(p.share, Percent::from_bp(7000).unwrap());
        assert_eq!(p.cap, Won(30_000_000));
        assert_eq!(p.machines, ["EQ-0001", "EQ-0002"]);
        assert_eq!(p.payer, None, "no payer typed: none yet");
        let paid = ProgrammeInput { payer: " BP-0012 ".into(), ..input() }.validate().unwrap();
        assert_eq!(paid.payer.as_deref(), Some("BP-0012"));
    }

    #[test]
    fn a_share_of_nothing_or_past_all_a_cap_of_zero_and_a_backward_period_are_refused() {
        for (change, field) in [
            (ProgrammeInput { share: "0".into(), ..input() }, Field::SupportShare),
            (ProgrammeInput { share: "120".into(), ..input() }, Field::SupportShare),
            (ProgrammeInput { share: "seventy".into(), ..input() }, Field::SupportShare),
            (ProgrammeInput { cap: "0".into(), ..input() }, Field::Cap),
            (ProgrammeInput { cap: "-5".into(), ..input() }, Field::Cap),
            (ProgrammeInput { cap: String::new(), ..input() }, Field::Cap),
            (ProgrammeInput { last_day: "2025-12-31".into(), ..input() }, Field::LastDay),
            (ProgrammeInput { funder: " ".into(), ..input() }, Field::Funder),
            (ProgrammeInput { payer: "BP-\u{7}".into(), ..input() }, Field::Payer),
        ] {
            assert_eq!(change.validate().unwrap_err().field, field, "{change:?}");
        }
    }

    #[test]
    fn a_grant_falls_in_the_programmes_years_and_under_its_cap() {
        let (from, last) =
            (NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
        let raw = GrantInput {
            programme: "VP-0001".into(),
            party: "BP-0003".into(),
            year: "2027".into(),
            cap: String::new(),
        };
        let cap = Won(1_000_000);
        assert_eq!(grant_terms(cap, from, last, &raw.validate().unwrap(), &raw), Ok(cap));
        let lower = GrantInput { cap: "500,000".into(), ..raw.clone() };
        assert_eq!(grant_terms(cap, from, last, &lower.validate().unwrap(), &lower), Ok(Won(500_000)));
        let over = GrantInput { cap: "1,000,001".into(), ..raw.clone() };
        assert_eq!(grant_terms(cap, from, last, &over.validate().unwrap(), &over).unwrap_err().field, Field::Cap);
        let late = GrantInput { year: "2028".into(), ..raw.clone() };
        assert_eq!(grant_terms(cap, from, last, &late.validate().unwrap(), &late).unwrap_err().field, Field::Year);
        for bad in ["", "26", "abc", "3000"] {
            let g = GrantInput { year: bad.into(), ..raw.clone() };
            assert_eq!(g.validate().unwrap_err().field, Field::Year, "{bad}");
        }
        let zero = GrantInput { cap: "0".into(), ..raw };
        assert_eq!(zero.validate().unwrap_err().field, Field::Cap);
    }

    #[test]
    fn a_programme_covers_its_period_machines_and_classes_and_none_listed_is_all() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let all = Coverage { from: d(3, 1), last_day: d(11, 30), machines: Vec::new(), classes: Vec::new() };
        assert!(all.covers(7, "external", d(3, 1)));
        assert!(all.covers(7, "external", d(11, 30)));
        assert!(!all.covers(7, "external", d(2, 28)));
        assert!(!all.covers(7, "external", d(12, 1)));
        let some = Coverage { machines: vec![2], classes: vec!["sme".into(), "tenant".into()], ..all };
        assert!(some.covers(2, "sme", d(5, 5)));
        assert!(!some.covers(3, "sme", d(5, 5)));
        assert!(!some.covers(2, "large", d(5, 5)));
    }
}
