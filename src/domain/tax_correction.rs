//! Corrections as Korean practice wants them (수정세금계산서): receivables
//! stay on statements, where a change to an issued month is an adjustment
//! line on the party's next statement; beside it, that line makes a
//! correction document of the original's 세금계산서.
//!
//! Choices, where the reference leaves them to us:
//! - The reason (수정사유) is 2, 공급가액 변동, in difference form (one
//!   document, plus or minus the difference); when the change withdraws
//!   the original's whole supply it is 4, 계약의 해제 (one document, minus
//!   the full amount). Codes 1, 3, 5 and 6 are for errors kiln does not
//!   make (a wrong buyer, goods returned, a local L/C, a double issue).
//! - It is dated the day the change was billed — the day the statement
//!   carrying the adjustment was issued — which is when the difference is
//!   known, and issued by the 10th of the next month.
//! - Adjustments bill rent, fees and use, all taxable, so corrections are
//!   of 세금계산서; use carried from a month the party had no statement
//!   for is a first supply, an item of this month's document instead.
//! - The national bulk form has no reason or original-number column, so a
//!   correction is issued one by one in Hometax from what kiln lists (the
//!   reason, the original's approval number and date, the amounts), and
//!   waits for the original's approval number if that is not recorded.

use chrono::NaiveDate;
use serde::Serialize;

use super::Won;
use super::statement::{Line, LineKind, Tax};

/// 수정사유, as Hometax numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// 1 기재사항 착오정정.
    Mistake,
    /// 2 공급가액 변동.
    SupplyChanged,
    /// 3 환입.
    Returned,
    /// 4 계약의 해제.
    Cancelled,
    /// 5 내국신용장 사후개설.
    LocalLetterOfCredit,
    /// 6 착오에 의한 이중발급.
    IssuedTwice,
}

impl Reason {
    pub fn code(self) -> u8 {
        match self {
            Reason::Mistake => 1,
            Reason::SupplyChanged => 2,
            Reason::Returned => 3,
            Reason::Cancelled => 4,
            Reason::LocalLetterOfCredit => 5,
            Reason::IssuedTwice => 6,
        }
    }

    pub fn name_ko(self) -> &'static str {
        match self {
            Reason::Mistake => "기재사항 착오정정",
            Reason::SupplyChanged => "공급가액 변동",
            Reason::Returned => "환입",
            Reason::Cancelled => "계약의 해제",
            Reason::LocalLetterOfCredit => "내국신용장 사후개설",
            Reason::IssuedTwice => "착오에 의한 이중발급",
        }
    }
}

/// A correction document of the 세금계산서 of statement `corrects`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The statement whose document is corrected.
    pub corrects: String,
    pub reason: Reason,
    /// 작성일자: the day the change was billed.
    pub written_on: NaiveDate,
    /// The original's 작성일자 (the last day of its month), for 비고.
    pub original_written_on: NaiveDate,
    /// The difference: negative lowers the original.
    pub supply: Won,
    /// A tenth of the difference, truncated toward zero.
    pub tax: Won,
}

/// The corrections an issued statement's lines make: one per adjustment
/// naming an earlier statement, dated `written_on`. `original` gives a
/// corrected statement's taxable supply as issued and its month's last
/// day; a statement it does not know (no tax document was made for it) is
/// corrected by none.
pub fn corrections(
    lines: &[Line],
    written_on: NaiveDate,
    original: impl Fn(&str) -> Option<(Won, NaiveDate)>,
) -> Vec<Correction> {
    lines
        .iter()
        .filter(|l| l.kind == LineKind::Adjustment && !l.subject.is_empty() && l.terms.tax == Tax::Taxable)
        .filter(|l| l.amount != Won::ZERO)
        .filter_map(|l| {
            let (supply, original_written_on) = original(&l.subject)?;
            let reason = if l.amount.0 == -supply.0 { Reason::Cancelled } else { Reason::SupplyChanged };
            Some(Correction {
                corrects: l.subject.clone(),
                reason,
                written_on,
                original_written_on,
                supply: l.amount,
                tax: l.amount.vat(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statement::{LineTerms, Unit};

    fn adjustment(subject: &str, amount: i64) -> Line {
        Line {
            kind: LineKind::Adjustment,
            subject: subject.into(),
            detail: "2026-10".into(),
            quantity: 1.0,
            unit: Unit::Lump,
            unit_price: None,
            amount: Won(amount),
            source: subject.into(),
            terms: LineTerms::default(),
        }
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_change_of_supply_is_reason_2_in_difference_form_and_a_withdrawal_reason_4() {
        let october = |n: &str| (n == "2026-10-0001").then_some((Won(780_000), d(10, 31)));
        let lines = [adjustment("2026-10-0001", -35_005), adjustment("", 10_000), adjustment("2026-09-0004", 5)];
        let made = corrections(&lines, d(12, 5), october);
        assert_eq!(made.len(), 1, "carried use and a statement without a document make none: {made:?}");
        let c = &made[0];
        assert_eq!((c.reason.code(), c.supply, c.tax), (2, Won(-35_005), Won(-3_500)));
        assert_eq!((c.written_on, c.original_written_on), (d(12, 5), d(10, 31)));
        let all = corrections(&[adjustment("2026-10-0001", -780_000)], d(12, 5), october);
        assert_eq!((all[0].reason, all[0].reason.name_ko()), (Reason::Cancelled, "계약의 해제"));
    }
}
