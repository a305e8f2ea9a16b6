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
//! - Adjustments bill rent, fees and use, all taxable, so their
//!   corrections are of 세금계산서; use carried from a month the party had
//!   no statement for is a first supply, an item of this month's document
//!   instead.
//! - A course fee refunded after the statement that charged it was issued
//!   is a correction of that statement's document (계산서 for an exempt
//!   fee, 세금계산서 for a taxable one), reason 4, 계약의 해제: the seat's
//!   contract was cancelled. The refunds of one statement correcting one
//!   document are one correction.
//! - The national bulk form has no reason or original-number column, so a
//!   correction is issued one by one in Hometax from what kiln lists (the
//!   reason, the original's approval number and date, the amounts), and
//!   waits for the original's approval number if that is not recorded.

use chrono::NaiveDate;
use serde::Serialize;

use super::Won;
use super::statement::{Line, LineKind, Tax};
use super::tax_document::{DocKind, refunds_earlier_charge};

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
    /// Which of its documents: the 세금계산서 or the 계산서.
    #[serde(serialize_with = "kind_key")]
    pub kind: DocKind,
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

fn kind_key<S: serde::Serializer>(kind: &DocKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.key())
}

/// The corrections an issued statement's lines make, dated `written_on`:
/// one per adjustment naming an earlier statement (of its 세금계산서), and
/// one per earlier statement whose course fees it refunds (of that
/// statement's document of the fees' kind). `original` gives a statement's
/// document of a kind as issued (its supply) and its month's last day;
/// `charged_on` the statement that charged an enrolment's fee. A document
/// it does not know (none was made) is corrected by none.
pub fn corrections(
    lines: &[Line],
    written_on: NaiveDate,
    original: impl Fn(&str, DocKind) -> Option<(Won, NaiveDate)>,
    charged_on: impl Fn(i64) -> Option<String>,
) -> Vec<Correction> {
    let mut out: Vec<Correction> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Adjustment && !l.subject.is_empty() && l.terms.tax == Tax::Taxable)
        .filter(|l| l.amount != Won::ZERO)
        .filter_map(|l| {
            let (supply, original_written_on) = original(&l.subject, DocKind::TaxInvoice)?;
            let reason = if l.amount.0 == -supply.0 { Reason::Cancelled } else { Reason::SupplyChanged };
            Some(Correction {
                corrects: l.subject.clone(),
                kind: DocKind::TaxInvoice,
                reason,
                written_on,
                original_written_on,
                supply: l.amount,
                tax: l.amount.vat(),
            })
        })
        .collect();
    let mut refunds: Vec<Correction> = Vec::new();
    for l in lines.iter().filter(|l| refunds_earlier_charge(l, lines)) {
        let Some(number) = l.terms.enrolment.and_then(&charged_on) else { continue };
        let kind = if l.terms.tax == Tax::Exempt { DocKind::Invoice } else { DocKind::TaxInvoice };
        let Some((_, original_written_on)) = original(&number, kind) else { continue };
        match refunds.iter_mut().find(|c| c.corrects == number && c.kind == kind) {
            Some(c) => c.supply = Won(c.supply.0 + l.amount.0),
            None => refunds.push(Correction {
                corrects: number,
                kind,
                reason: Reason::Cancelled,
                written_on,
                original_written_on,
                supply: l.amount,
                tax: Won::ZERO,
            }),
        }
    }
    // A 계산서 bears no tax; a 세금계산서's is a tenth of the sum, truncated.
    for c in refunds.iter_mut().filter(|c| c.kind == DocKind::TaxInvoice) {
        c.tax = c.supply.vat();
    }
    out.extend(refunds);
    out
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
        let made = corrections(&lines, d(12, 5), |n, _| october(n), |_| None);
        assert_eq!(made.len(), 1, "carried use and a statement without a document make none: {made:?}");
        let c = &made[0];
        assert_eq!((c.reason.code(), c.supply, c.tax), (2, Won(-35_005), Won(-3_500)));
        assert_eq!((c.written_on, c.original_written_on), (d(12, 5), d(10, 31)));
        let all = corrections(&[adjustment("2026-10-0001", -780_000)], d(12, 5), |n, _| october(n), |_| None);
        assert_eq!((all[0].reason, all[0].reason.name_ko()), (Reason::Cancelled, "계약의 해제"));
    }

    fn fee(enrolment: i64, amount: i64, tax: Tax) -> Line {
        Line {
            kind: LineKind::CourseFee,
            subject: "KILN-301 소결로 운전 실무".into(),
            detail: "2026-4 · 김하늘".into(),
            quantity: 1.0,
            unit: Unit::Lump,
            unit_price: Some(Won(300_000)),
            amount: Won(amount),
            source: "KILN-301/2026-4".into(),
            terms: LineTerms { tax, enrolment: Some(enrolment), ..LineTerms::default() },
        }
    }

    #[test]
    fn a_refund_of_a_fee_charged_earlier_is_a_reason_4_correction_of_that_document_and_one_charged_here_nets() {
        let november =
            |n: &str, k: DocKind| (n == "2026-11-0003" && k == DocKind::Invoice).then_some((Won(600_000), d(11, 30)));
        let charged = |e: i64| (e < 10).then(|| "2026-11-0003".to_owned());
        // Two seats charged in November, refunded in December; one charged
        // and refunded in December (nets in December's own 계산서).
        let lines = [
            fee(1, -300_000, Tax::Exempt),
            fee(2, -300_000, Tax::Exempt),
            fee(11, 300_000, Tax::Exempt),
            fee(11, -300_000, Tax::Exempt),
        ];
        let made = corrections(&lines, d(12, 31), november, charged);
        assert_eq!(made.len(), 1, "one correction of November's 계산서: {made:?}");
        let c = &made[0];
        assert_eq!((c.kind, c.reason, c.supply, c.tax), (DocKind::Invoice, Reason::Cancelled, Won(-600_000), Won(0)));
        assert_eq!(c.corrects, "2026-11-0003");
        // A taxable fee's refund corrects the 세금계산서, with its tax.
        let taxable = |n: &str, k: DocKind| {
            (n == "2026-11-0003" && k == DocKind::TaxInvoice).then_some((Won(500_000), d(11, 30)))
        };
        let made = corrections(&[fee(3, -500_001, Tax::Taxable)], d(12, 31), taxable, charged);
        assert_eq!((made[0].kind, made[0].supply, made[0].tax), (DocKind::TaxInvoice, Won(-500_001), Won(-50_000)));
        // Charged where no document of its kind was made: none.
        assert!(corrections(&[fee(4, -300_000, Tax::Exempt)], d(12, 31), taxable, charged).is_empty());
    }
}
