//! Why kiln refused, for the refusals of the centre's money: the supplier
//! and buyers on tax documents, deposits and corrections.

use super::labels::{self, field};
use super::{Lang, fill};
use crate::error::Refusal;

/// The refusal in the person's language; `None` for one not about money
/// (`errors::refusal` says those).
pub(super) fn refusal(r: &Refusal, lang: Lang) -> Option<String> {
    Some(match r {
        Refusal::NoRepresentative { statement, party, name } => fill(
            lang.pick(
                "{0}의 공급받는자 {1}({2})에 대표자 성명이 없어 세금계산서를 쓸 수 없습니다 — 기업은 `kiln company edit … --representative`, 기관은 `kiln party set-representative {2} 이름`",
                "the buyer of {0}, {1} ({2}), has no representative, which a tax document needs — `kiln company edit … --representative` for a company, `kiln party set-representative {2} NAME` for an organisation",
            ),
            &[statement, name, party],
        ),

        Refusal::NoSupplier { field: f } => fill(
            lang.pick(
                "센터의 공급자 정보를 먼저 모두 정해야 합니다(빠진 것: {0}): 청구서 발행과 세금계산서에 쓰입니다 — `kiln centre set` 또는 6 보고서 화면의 C",
                "the centre's details as a supplier must all be set first (missing: {0}): statements and tax documents need them — `kiln centre set`, or C on screen 6",
            ),
            &[&field(*f, lang)],
        ),

        Refusal::DepositInFull { lease, agreed } => fill(
            lang.pick(
                "{0}의 보증금 {1}은(는) 이미 모두 받았습니다 — 약정 보증금을 바꾸려면 계약을 새로 맺으세요",
                "the deposit of {0}, {1}, is received in full already — sign a new lease to change it",
            ),
            &[lease, &labels::money(*agreed, lang)],
        ),

        Refusal::DepositStillLeased { lease, last_day } => fill(
            lang.pick(
                "{0}의 보증금은 입주 마지막 날({1}) 다음 날부터 정산할 수 있습니다 — 일찍 나가면 먼저 `kiln lease end {0}`",
                "the deposit of {0} can be settled from the day after its last day ({1}) — if the company leaves early, `kiln lease end {0}` first",
            ),
            &[lease, last_day],
        ),

        Refusal::NoPayer { programme, month } => fill(
            lang.pick(
                "바우처 사업 {0}이(가) {1}의 사용료 일부를 지원했지만 지불 주체가 없어 청구할 곳이 없습니다 — 먼저 `kiln voucher programme set-payer {0} --payer BP-…`로 지원금을 청구할 기관을 정하세요",
                "voucher programme {0} paid a share of {1}'s use but has no payer to bill it to — give it one first with `kiln voucher programme set-payer {0} --payer BP-…`",
            ),
            &[programme, month],
        ),

        Refusal::OriginalWaiting { corrects } => fill(
            lang.pick(
                "{0}의 세금계산서 승인번호가 아직 없습니다: 수정세금계산서는 원본이 발급된 뒤에 발급합니다 — 먼저 `kiln invoice confirm`으로 {0}의 승인번호를 기록하세요",
                "the tax invoice of {0} has no approval number yet: a correction is issued after its original — record {0}'s number first with `kiln invoice confirm`",
            ),
            &[corrects],
        ),

        Refusal::NothingHeld { lease } => fill(
            lang.pick("{0}에 보관 중인 보증금이 없습니다", "no deposit is held for {0}"),
            &[lease],
        ),
        _ => return None,
    })
}
