//! A monthly statement's arithmetic: lines, supply amount, VAT, total.

use serde::Serialize;

use super::Won;
use super::invalid::Problem;

/// What a statement line charges for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    Rent,
    Fee,
    /// A machine's use.
    Usage,
    /// Staff time on a use (기술료).
    Operator,
    Consumable,
    /// Booked time cancelled too late to be free.
    LateCancel,
    NoShow,
    /// A surcharge on a statement long unpaid.
    Surcharge,
    /// A correction of an earlier statement: leases or bookings changed
    /// after it was issued.
    Adjustment,
    /// Use an admin chose not to bill, with a reason.
    WriteOff,
    /// A course's fee for an enrolment (교육비), or its refund.
    CourseFee,
    /// A voucher programme's share of a party's use, billed to the
    /// programme's payer.
    Voucher,
}

impl LineKind {
    pub const ALL: [LineKind; 12] = [
        LineKind::Rent,
        LineKind::Fee,
        LineKind::Usage,
        LineKind::Operator,
        LineKind::Consumable,
        LineKind::LateCancel,
        LineKind::NoShow,
        LineKind::Surcharge,
        LineKind::Adjustment,
        LineKind::WriteOff,
        LineKind::CourseFee,
        LineKind::Voucher,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LineKind::Rent => "rent",
            LineKind::Fee => "fee",
            LineKind::Usage => "usage",
            LineKind::Operator => "operator",
            LineKind::Consumable => "consumable",
            LineKind::LateCancel => "late-cancel",
            LineKind::NoShow => "no-show",
            LineKind::Surcharge => "surcharge",
            LineKind::Adjustment => "adjustment",
            LineKind::WriteOff => "write-off",
            LineKind::CourseFee => "course-fee",
            LineKind::Voucher => "voucher",
        }
    }

    pub fn parse(s: &str) -> Option<LineKind> {
        LineKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Whether a line bears VAT. The centre's rent, fees and equipment use are
/// taxable; exempt supplies (as some course fees are) carry none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tax {
    #[default]
    Taxable,
    Exempt,
}

impl Tax {
    pub fn code(self) -> &'static str {
        match self {
            Tax::Taxable => "taxable",
            Tax::Exempt => "exempt",
        }
    }

    pub fn parse(s: &str) -> Option<Tax> {
        [Tax::Taxable, Tax::Exempt].into_iter().find(|t| t.code() == s)
    }
}

/// Who else has a part in a line, and how it is taxed: the project (과제번호)
/// that pays it, the machine's NFEC registration number (which R&D money
/// requires on the statement), and a voucher programme's share paid beside
/// the line's amount (which is what the party is billed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LineTerms {
    pub project: Option<String>,
    pub nfec: Option<String>,
    pub voucher: Option<String>,
    pub voucher_share: Won,
    pub tax: Tax,
    /// The enrolment a course fee (or its refund) is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrolment: Option<i64>,
    /// The party whose use a voucher share paid (its id; the line's detail
    /// names it).
    #[serde(skip)]
    pub paid_for: Option<i64>,
}

/// The unit a quantity is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Month,
    Day,
    Hour,
    Sample,
    Lump,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::Month => "month",
            Unit::Day => "day",
            Unit::Hour => "hour",
            Unit::Sample => "sample",
            Unit::Lump => "lump",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        [Unit::Month, Unit::Day, Unit::Hour, Unit::Sample, Unit::Lump].into_iter().find(|u| u.code() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub kind: LineKind,
    /// The room, the machine, or the statement corrected.
    pub subject: String,
    /// The period or the time of use.
    pub detail: String,
    pub quantity: f64,
    pub unit: Unit,
    pub unit_price: Option<Won>,
    pub amount: Won,
    /// The lease code, booking id or statement number the line comes from.
    pub source: String,
    #[serde(flatten)]
    pub terms: LineTerms,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub supply: Won,
    /// The part of the supply free of VAT.
    pub exempt: Won,
    pub vat: Won,
    pub total: Won,
}

/// Supply is the sum of the lines; VAT is 10 % of the taxable part,
/// truncated to the won; the total is both. `None` if the sums overflow.
pub fn totals(lines: &[Line]) -> Option<Totals> {
    let supply = lines.iter().try_fold(Won::ZERO, |acc, l| acc.checked_add(l.amount))?;
    let exempt =
        lines.iter().filter(|l| l.terms.tax == Tax::Exempt).try_fold(Won::ZERO, |acc, l| acc.checked_add(l.amount))?;
    let vat = supply.checked_sub(exempt)?.vat();
    Some(Totals { supply, exempt, vat, total: supply.checked_add(vat)? })
}

/// `2026-12` as `(2026, 12)`.
pub fn parse_month(raw: &str) -> Result<(i32, u32), Problem> {
    let example = Problem::Format { example: "2026-12" };
    let (y, m) = raw.trim().split_once(['-', '.', '/']).ok_or(example.clone())?;
    let y: i32 = y.parse().map_err(|_| example.clone())?;
    let m: u32 = m.trim_end_matches('.').parse().map_err(|_| example.clone())?;
    if !super::time::YEARS.contains(&y) || !(1..=12).contains(&m) {
        return Err(example);
    }
    Ok((y, m))
}

pub fn month_text(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// A month held as its first day, shown and serialized as `2026-12`.
pub fn month_of(first: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    month_text(first.year(), first.month())
}

/// Serializes a month held as its first day as `2026-12`.
pub fn as_month<S: serde::Serializer>(first: &chrono::NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&month_of(*first))
}

/// `2026-12-0007`: the month and a number counting that month's statements.
pub fn number(y: i32, m: u32, serial: i64) -> String {
    format!("{y:04}-{m:02}-{serial:04}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(amount: i64) -> Line {
        Line {
            kind: LineKind::Usage,
            subject: String::new(),
            detail: String::new(),
            quantity: 1.0,
            unit: Unit::Hour,
            unit_price: None,
            amount: Won(amount),
            source: String::new(),
            terms: LineTerms::default(),
        }
    }

    #[test]
    fn the_sketch_adds_up() {
        let lines = [line(660_000), line(120_000), line(150_000), line(60_000)];
        let want = Totals { supply: Won(990_000), exempt: Won(0), vat: Won(99_000), total: Won(1_089_000) };
        assert_eq!(totals(&lines), Some(want));
        assert_eq!(totals(&[line(i64::MAX), line(1)]), None);
    }

    #[test]
    fn vat_is_a_tenth_of_the_taxable_supply_only() {
        let course = Line { terms: LineTerms { tax: Tax::Exempt, ..LineTerms::default() }, ..line(300_000) };
        let t = totals(&[line(660_000), course, line(45_009)]).unwrap();
        assert_eq!((t.supply, t.exempt, t.vat, t.total), (Won(1_005_009), Won(300_000), Won(70_500), Won(1_075_509)));
    }

    #[test]
    fn months() {
        assert_eq!(parse_month("2026-12"), Ok((2026, 12)));
        assert_eq!(parse_month("2026.1"), Ok((2026, 1)));
        for bad in ["2026-13", "2026", "12-2026", "2026-00", ""] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
        assert_eq!(number(2026, 12, 7), "2026-12-0007");
    }

    proptest! {
        #[test]
        fn totals_are_the_sum_and_a_truncated_tenth(amounts in proptest::collection::vec(-1_000_000i64..100_000_000, 0..30)) {
            let lines: Vec<Line> = amounts.iter().map(|a| line(*a)).collect();
            let t = totals(&lines).unwrap();
            let sum: i64 = amounts.iter().sum();
            prop_assert_eq!(t.supply, Won(sum));
            prop_assert_eq!(t.vat, Won(sum / 10));
            if sum >= 0 {
                prop_assert!(t.vat.0 * 10 <= sum && sum < (t.vat.0 + 1) * 10);
            }
            prop_assert_eq!(t.total, Won(sum + sum / 10));
        }
    }
}
