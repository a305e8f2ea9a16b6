//! The tax documents an issued statement makes (세금계산서 for its taxable
//! lines, 계산서 for its exempt ones), as the national bulk-issue form wants
//! them: dated the month's last day, at most four item lines, the items'
//! supply and tax adding up exactly to the document's.
//!
//! Choices, where the reference leaves them to us:
//! - A correction of an earlier statement (an adjustment line naming it)
//!   is not on this month's documents: it is a 수정세금계산서 of the one it
//!   corrects. Use carried from a month the party had no statement for
//!   (미청구 사용) is a supply first invoiced now, so it is an item here.
//! - A document whose supply is zero or less is not made: the form has no
//!   negative original, and what lowers a supply already invoiced is a
//!   correction.
//! - Items group the lines by what was supplied, in a fixed order; each
//!   item's tax is a tenth of its supply, truncated, and the truncation's
//!   remainder is put on the last item, so Σ item tax = 10 % of the
//!   document's supply, truncated. A single line's quantity and unit price
//!   are kept on its item; a group of several has none.

use chrono::NaiveDate;
use serde::Serialize;

use super::Won;
use super::invalid::Problem;
use super::statement::{Line, LineKind, Tax};

/// The form holds four items; a fifth and later fold into the fourth.
pub const MAX_ITEMS: usize = 4;

/// Which document, by the form it is uploaded on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// 전자세금계산서, type code `01`.
    TaxInvoice,
    /// 전자계산서 (VAT-exempt), type code `05`.
    Invoice,
}

impl DocKind {
    /// The form's type code (column A).
    pub fn code(self) -> &'static str {
        match self {
            DocKind::TaxInvoice => "01",
            DocKind::Invoice => "05",
        }
    }

    pub fn name_ko(self) -> &'static str {
        match self {
            DocKind::TaxInvoice => "세금계산서",
            DocKind::Invoice => "계산서",
        }
    }
}

impl DocKind {
    /// As stored and typed: `tax-invoice`, `invoice`.
    pub fn key(self) -> &'static str {
        match self {
            DocKind::TaxInvoice => "tax-invoice",
            DocKind::Invoice => "invoice",
        }
    }

    /// `tax-invoice`/`01`/`세금계산서` or `invoice`/`05`/`계산서`; empty: the
    /// 세금계산서, which nearly every statement makes.
    pub fn parse(raw: &str) -> Result<DocKind, Problem> {
        match raw.trim() {
            "" | "tax-invoice" | "01" | "세금계산서" => Ok(DocKind::TaxInvoice),
            "invoice" | "05" | "계산서" => Ok(DocKind::Invoice),
            _ => Err(Problem::OneOf { accepted: &["tax-invoice", "invoice"] }),
        }
    }
}

/// A 국세청 승인번호 as typed (`20261110-41000000-12345678`): 24 digits,
/// dashes and spaces ignored; kept as the digits.
pub fn approval_no(raw: &str) -> Result<String, Problem> {
    let digits: String = raw.chars().filter(|c| *c != '-' && !c.is_whitespace()).collect();
    if digits.len() == 24 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(Problem::Format { example: "20261110-41000000-12345678" })
    }
}

/// The day a month's documents must be issued by: the 10th of the next
/// month, or the next business day when that is a Saturday, Sunday or
/// public holiday (부가가치세법 시행령 §70).
pub fn issue_by(year: i32, month: u32) -> Option<NaiveDate> {
    use chrono::{Datelike, Weekday};
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let mut day = NaiveDate::from_ymd_opt(y, m, 10)?;
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || super::holidays::holiday_on(day).is_some() {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// From this day of the next month the dashboard warns of a month's
/// documents still waiting for their approval numbers.
pub const WARN_FROM_DAY: u32 = 8;

/// One item line (품목) of a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// The day of the month (일자), inside the document's month.
    pub day: u32,
    /// 품목: what was supplied, `장비사용료` or `관리비 외 2건`.
    pub name: String,
    pub quantity: Option<f64>,
    pub unit_price: Option<Won>,
    pub supply: Won,
    /// Zero on a 계산서.
    pub tax: Won,
}

/// A document made from one statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub kind: DocKind,
    /// 작성일자: the last day of the billed month.
    pub written_on: NaiveDate,
    pub supply: Won,
    pub tax: Won,
    pub items: Vec<Item>,
}

/// What an item groups, in the order items are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Rent,
    Fee,
    Usage,
    Operator,
    Consumable,
    Cancellation,
    Surcharge,
    Carried,
    CourseFee,
    Voucher,
}

impl Group {
    fn of(line: &Line) -> Option<Group> {
        Some(match line.kind {
            LineKind::Rent => Group::Rent,
            LineKind::Fee => Group::Fee,
            LineKind::Usage => Group::Usage,
            LineKind::Operator => Group::Operator,
            LineKind::Consumable => Group::Consumable,
            LineKind::LateCancel | LineKind::NoShow => Group::Cancellation,
            LineKind::Surcharge => Group::Surcharge,
            LineKind::CourseFee => Group::CourseFee,
            LineKind::Voucher => Group::Voucher,
            LineKind::Adjustment if line.subject.is_empty() => Group::Carried,
            // A correction is a 수정세금계산서; a write-off is not billed.
            LineKind::Adjustment | LineKind::WriteOff => return None,
        })
    }

    /// 품목 as the documents print it (always Korean: they are filed in Korea).
    fn name(self) -> &'static str {
        match self {
            Group::Rent => "임대료",
            Group::Fee => "관리비",
            Group::Usage => "장비사용료",
            Group::Operator => "기술지원료",
            Group::Consumable => "소모품",
            Group::Cancellation => "예약 취소·불참 요금",
            Group::Surcharge => "연체 가산금",
            Group::Carried => "미청구 사용",
            Group::CourseFee => "교육비",
            Group::Voucher => "장비사용료 바우처 지원금",
        }
    }
}

/// A course fee's refund whose charge is not on the same statement: it
/// corrects the earlier statement's document (reason 4, 계약의 해제)
/// rather than lowering this month's, which never supplied the seat. A
/// charge and its refund on one statement net within its document.
pub fn refunds_earlier_charge(line: &Line, lines: &[Line]) -> bool {
    line.kind == LineKind::CourseFee
        && line.amount.0 < 0
        && line.terms.enrolment.is_some_and(|e| {
            !lines.iter().any(|l| l.kind == LineKind::CourseFee && l.amount.0 > 0 && l.terms.enrolment == Some(e))
        })
}

/// The documents of a statement for the month ending `last_day`: a
/// 세금계산서 for its taxable lines and a 계산서 for its exempt ones, each
/// made only when its supply is above zero. `None` if a sum overflows.
pub fn documents(last_day: NaiveDate, lines: &[Line]) -> Option<Vec<Document>> {
    let mut out = Vec::new();
    for (kind, tax) in [(DocKind::TaxInvoice, Tax::Taxable), (DocKind::Invoice, Tax::Exempt)] {
        let mine: Vec<(Group, &Line)> = lines
            .iter()
            .filter(|l| l.terms.tax == tax && !refunds_earlier_charge(l, lines))
            .filter_map(|l| Group::of(l).map(|g| (g, l)))
            .collect();
        let supply = mine.iter().try_fold(Won::ZERO, |acc, (_, l)| acc.checked_add(l.amount))?;
        if supply <= Won::ZERO {
            continue;
        }
        let doc_tax = if kind == DocKind::TaxInvoice { supply.vat() } else { Won::ZERO };
        let items = items(last_day, &mine, kind, doc_tax)?;
        out.push(Document { kind, written_on: last_day, supply, tax: doc_tax, items });
    }
    Some(out)
}

/// The lines grouped into at most [`MAX_ITEMS`] items, taxed to add up.
fn items(last_day: NaiveDate, lines: &[(Group, &Line)], kind: DocKind, doc_tax: Won) -> Option<Vec<Item>> {
    use chrono::Datelike;
    let mut groups: Vec<(Group, Vec<&Line>)> = Vec::new();
    for (g, l) in lines {
        match groups.iter_mut().find(|(k, _)| k == g) {
            Some((_, ls)) => ls.push(l),
            None => groups.push((*g, vec![l])),
        }
    }
    groups.sort_by_key(|(g, _)| *g);
    let mut items: Vec<Item> = Vec::new();
    for (g, ls) in &groups {
        let supply = ls.iter().try_fold(Won::ZERO, |acc, l| acc.checked_add(l.amount))?;
        if supply == Won::ZERO {
            continue;
        }
        let one = (ls.len() == 1).then(|| ls[0]);
        let name = match (g, one) {
            (Group::Carried, Some(l)) => format!("{} {}", g.name(), l.detail),
            _ => g.name().to_owned(),
        };
        items.push(Item {
            day: last_day.day(),
            name,
            quantity: one.filter(|l| l.unit_price.is_some()).map(|l| l.quantity),
            unit_price: one.and_then(|l| l.unit_price),
            supply,
            tax: Won::ZERO,
        });
    }
    if items.len() > MAX_ITEMS {
        let rest = items.split_off(MAX_ITEMS - 1);
        let supply = rest.iter().try_fold(Won::ZERO, |acc, i| acc.checked_add(i.supply))?;
        let name = format!("{} 외 {}건", rest[0].name, rest.len() - 1);
        items.push(Item { day: last_day.day(), name, quantity: None, unit_price: None, supply, tax: Won::ZERO });
    }
    if kind == DocKind::TaxInvoice {
        for i in &mut items {
            i.tax = i.supply.vat();
        }
        let taxed = items.iter().try_fold(Won::ZERO, |acc, i| acc.checked_add(i.tax))?;
        if let Some(last) = items.last_mut() {
            last.tax = last.tax.checked_add(doc_tax.checked_sub(taxed)?)?;
        }
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statement::{LineTerms, Unit};
    use proptest::prelude::*;

    fn line(kind: LineKind, amount: i64) -> Line {
        Line {
            kind,
            subject: "EQ-0001".into(),
            detail: String::new(),
            quantity: 2.0,
            unit: Unit::Hour,
            unit_price: Some(Won(amount / 2)),
            amount: Won(amount),
            source: String::new(),
            terms: LineTerms::default(),
        }
    }

    fn exempt(mut l: Line) -> Line {
        l.terms.tax = Tax::Exempt;
        l
    }

    fn october() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()
    }

    #[test]
    fn a_tenants_month_by_hand_in_won() {
        let lines = [
            line(LineKind::Rent, 660_000),
            line(LineKind::Fee, 120_000),
            line(LineKind::Usage, 80_000),
            line(LineKind::Usage, 45_000),
            line(LineKind::Operator, 30_000),
            line(LineKind::Consumable, 12_345),
            exempt(line(LineKind::Consumable, 300_000)),
        ];
        let docs = documents(october(), &lines).unwrap();
        assert_eq!(docs.len(), 2);
        let t = &docs[0];
        assert_eq!(
            (t.kind, t.written_on, t.supply, t.tax),
            (DocKind::TaxInvoice, october(), Won(947_345), Won(94_734))
        );
        let items: Vec<(&str, i64, i64)> = t.items.iter().map(|i| (i.name.as_str(), i.supply.0, i.tax.0)).collect();
        assert_eq!(
            items,
            [
                ("임대료", 660_000, 66_000),
                ("관리비", 120_000, 12_000),
                ("장비사용료", 125_000, 12_500),
                ("기술지원료 외 1건", 42_345, 4_234)
            ]
        );
        assert_eq!(t.items.iter().map(|i| i.tax.0).sum::<i64>(), 94_734, "adds up exactly");
        assert!(t.items.iter().all(|i| i.day == 31));
        assert_eq!(t.items[0].unit_price, Some(Won(330_000)), "one line keeps its price");
        assert_eq!(t.items[2].unit_price, None, "two lines do not");
        let e = &docs[1];
        assert_eq!((e.kind, e.supply, e.tax, e.items.len()), (DocKind::Invoice, Won(300_000), Won::ZERO, 1));
        assert_eq!((e.kind.code(), t.kind.code()), ("05", "01"));
    }

    #[test]
    fn the_truncation_remainder_goes_on_the_last_item() {
        let docs = documents(october(), &[line(LineKind::Rent, 12_345), line(LineKind::Fee, 6_789)]).unwrap();
        let taxes: Vec<i64> = docs[0].items.iter().map(|i| i.tax.0).collect();
        assert_eq!((docs[0].tax.0, taxes), (1_913, vec![1_234, 679]));
    }

    #[test]
    fn corrections_are_left_to_their_own_documents_and_carried_use_is_an_item() {
        let mut correction = line(LineKind::Adjustment, 50_000);
        correction.subject = "2026-09-0003".into();
        let mut carried = line(LineKind::Adjustment, 120_000);
        carried.subject = String::new();
        carried.detail = "2026-09".into();
        let docs = documents(october(), &[correction.clone(), carried, line(LineKind::Usage, 10_000)]).unwrap();
        let names: Vec<&str> = docs[0].items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["장비사용료", "미청구 사용 2026-09"]);
        assert_eq!(docs[0].supply, Won(130_000));
        assert!(documents(october(), &[correction]).unwrap().is_empty(), "a correction alone makes none");
    }

    #[test]
    fn approval_numbers_are_24_digits_as_typed_with_dashes() {
        assert_eq!(approval_no("20261110-41000000-12345678").unwrap(), "202611104100000012345678");
        assert!(approval_no("20261110-41000000-1234567").is_err());
        assert!(approval_no("20261110-41000000-1234567x").is_err());
        assert_eq!(DocKind::parse("").unwrap(), DocKind::TaxInvoice);
        assert_eq!(DocKind::parse("계산서").unwrap(), DocKind::Invoice);
        assert!(DocKind::parse("receipt").is_err());
    }

    #[test]
    fn documents_are_due_on_the_tenth_or_the_next_business_day() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        // 2026-11-10 is a Tuesday.
        assert_eq!(issue_by(2026, 10), d(2026, 11, 10));
        // 2026-10-10 is a Saturday; Monday the 12th.
        assert_eq!(issue_by(2026, 9), d(2026, 10, 12));
        // December's are due in January.
        assert_eq!(issue_by(2026, 12), d(2027, 1, 11), "2027-01-10 is a Sunday");
    }

    #[test]
    fn nothing_or_less_makes_no_document() {
        assert!(documents(october(), &[]).unwrap().is_empty());
        let mut credit = line(LineKind::Adjustment, -20_000);
        credit.subject = String::new();
        assert!(documents(october(), &[credit, line(LineKind::Usage, 10_000)]).unwrap().is_empty());
    }

    fn kind() -> impl Strategy<Value = LineKind> {
        prop::sample::select(LineKind::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn documents_always_add_up(
            raw in prop::collection::vec((kind(), -2_000_000i64..50_000_000, any::<bool>(), any::<bool>()), 0..24)
        ) {
            let lines: Vec<Line> = raw
                .into_iter()
                .map(|(k, amount, is_exempt, carried)| {
                    let mut l = line(k, amount);
                    if carried { l.subject = String::new(); }
                    if is_exempt { exempt(l) } else { l }
                })
                .collect();
            for d in documents(october(), &lines).unwrap() {
                prop_assert!(d.supply > Won::ZERO);
                prop_assert!(!d.items.is_empty() && d.items.len() <= MAX_ITEMS);
                prop_assert_eq!(d.items.iter().map(|i| i.supply.0).sum::<i64>(), d.supply.0);
                prop_assert_eq!(d.items.iter().map(|i| i.tax.0).sum::<i64>(), d.tax.0);
                let tax = if d.kind == DocKind::TaxInvoice { d.supply.vat() } else { Won::ZERO };
                prop_assert_eq!(d.tax, tax);
                prop_assert!(d.items.iter().all(|i| i.day == 31 && !i.name.is_empty()));
            }
        }
    }
}
