//! What `kiln check` found, said in Korean or English: the store returns the
//! facts of each broken rule, and this says them.

use serde::Serialize;

use super::Lang;
use crate::db::check::{CheckReport, Found, Violation};
use crate::domain::{Area, Minute};

/// A check report as the command line prints it and as `--json` writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Said {
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub invariants: Vec<SaidViolation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SaidViolation {
    pub rule: &'static str,
    pub detail: String,
}

pub fn said(report: &CheckReport, lang: Lang) -> Said {
    Said {
        integrity: report.integrity.clone(),
        foreign_keys: report.foreign_keys.clone(),
        invariants: report.invariants.iter().map(|v| SaidViolation { rule: v.rule, detail: detail(v, lang) }).collect(),
    }
}

/// `m²` with two decimals and no grouping, as SQLite's `%.2f` wrote it.
fn m2(a: Area) -> String {
    let sign = if a.0 < 0 { "-" } else { "" };
    let n = a.0.unsigned_abs();
    format!("{sign}{}.{:02}", n / 100, n % 100)
}

/// A moment not (yet) recorded is said as `none`.
fn or(m: Option<Minute>, none: &str) -> String {
    m.map_or_else(|| none.to_owned(), |m| m.to_string())
}

/// How the violation is said in `lang`.
pub fn detail(v: &Violation, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    match &v.found {
        Found::BookingOverlap { booking, equipment, start, end, prev_end } => {
            if ko {
                format!("예약 #{booking} ({equipment}, {start}–{end})이(가) {prev_end}에 끝나는 앞 예약과 겹칩니다")
            } else {
                format!("booking #{booking} ({equipment}, {start}–{end}) overlaps an earlier booking ending {prev_end}")
            }
        }
        Found::LeaseOverlap { lease, room, from, end, prev_end } => {
            if ko {
                format!("입주계약 L-{lease:04} ({room}호, {from}–{end})이(가) {prev_end}에 끝나는 앞 계약과 겹칩니다")
            } else {
                format!("lease L-{lease:04} (room {room}, {from}–{end}) overlaps an earlier lease ending {prev_end}")
            }
        }
        Found::CohortOverCapacity { course, cohort, capacity, enrolled } => {
            if ko {
                format!("기수 {course}-{cohort}: 정원 {capacity}명보다 많은 {enrolled}명이 등록되어 있습니다")
            } else {
                format!("cohort {course}-{cohort}: {capacity} seats but {enrolled} trainees")
            }
        }
        Found::BuildingArea { in_use } => {
            let a = m2(*in_use);
            if ko {
                format!("사용 중인 호실 면적 {a} m²가 건물 6,611.57 m²(2,000평)보다 큽니다")
            } else {
                format!("rooms in use cover {a} m², more than the building's 6,611.57 m² (2,000 평)")
            }
        }
        Found::StatementSum { statement, supply, lines } => {
            let (supply, lines) = (supply.0, lines.0);
            if ko {
                format!("청구서 {statement}: 공급가액 {supply}원이 내역 합계 {lines}원과 다릅니다")
            } else {
                format!("statement {statement}: supply {supply} but its lines add up to {lines}")
            }
        }
        Found::StatementVat { statement, vat, total, supply } => {
            let (vat, total, supply) = (vat.0, total.0, supply.0);
            if ko {
                format!("청구서 {statement}: 부가세 {vat}원·합계 {total}원이 공급가액 {supply}원과 맞지 않습니다")
            } else {
                format!("statement {statement}: VAT {vat} and total {total} do not follow from supply {supply}")
            }
        }
        Found::Overpaid { statement, total, paid } => {
            let (total, paid) = (total.0, paid.0);
            if ko {
                format!("청구서 {statement}: 청구액 {total}원보다 많은 {paid}원이 납부되었습니다")
            } else {
                format!("statement {statement}: {total} billed but {paid} paid")
            }
        }
        Found::YearlyTotal { year, kept_reports, kept_sales, reports, sales } => {
            let (kept_sales, sales) = (kept_sales.0, sales.0);
            if ko {
                format!(
                    "{year}년 성과 합계(보고 {kept_reports}건, 매출 {kept_sales}원)가 기업별 연도 성과(보고 {reports}건, 매출 {sales}원)와 맞지 않습니다"
                )
            } else {
                format!(
                    "the kept sums of {year} ({kept_reports} reports, sales {kept_sales}) differ from its yearly reports ({reports} reports, sales {sales})"
                )
            }
        }
        Found::PartyMonth { month, company, kept_charge, kept_bookings, charge, bookings } => {
            let company = company.as_deref().unwrap_or_default();
            let (kept_charge, charge) = (kept_charge.0, charge.0);
            if ko {
                format!(
                    "{month} {company}의 장비 사용 합계({kept_charge}원, {kept_bookings}건)가 완료된 예약({charge}원, {bookings}건)과 맞지 않습니다"
                )
            } else {
                format!(
                    "the kept use in {month} of {company} ({kept_charge} won, {kept_bookings} bookings) differs from its completed bookings ({charge} won, {bookings})"
                )
            }
        }
        Found::ActualAfterRecorded { booking, equipment, actual_start, actual_end, checked_in_at, checked_out_at } => {
            let (end, out) = (or(*actual_end, "…"), or(*checked_out_at, "-"));
            if ko {
                format!(
                    "예약 #{booking} ({equipment}): 실제 사용 {actual_start}–{end}이(가) 기록한 시각(입실 {checked_in_at}, 퇴실 {out})보다 뒤입니다"
                )
            } else {
                format!(
                    "booking #{booking} ({equipment}): actual use {actual_start} to {end} lies after it was recorded (check-in {checked_in_at}, check-out {out})"
                )
            }
        }
        Found::CheckOutBeforeCheckIn { booking, equipment, check_out, check_in } => {
            if ko {
                format!("예약 #{booking} ({equipment}): 퇴실 {check_out}이(가) 입실 {check_in}보다 앞섭니다")
            } else {
                format!("booking #{booking} ({equipment}): check-out {check_out} comes before check-in {check_in}")
            }
        }
        Found::ActualOverlap { booking, equipment, actual_start, actual_end, prev_end } => {
            let end = or(*actual_end, "…");
            if ko {
                format!(
                    "예약 #{booking} ({equipment}, 실제 {actual_start}–{end})이(가) {prev_end}까지 쓴 앞 사용과 겹칩니다"
                )
            } else {
                format!(
                    "booking #{booking} ({equipment}, actual {actual_start} to {end}) overlaps earlier use that ran until {prev_end}"
                )
            }
        }
        Found::AttendanceBeforeSession { course, cohort, session, start, recorded_at } => {
            if ko {
                format!("{course}-{cohort} {session}회차({start} 시작) 출석이 시작 전 {recorded_at}에 기록되었습니다")
            } else {
                format!(
                    "attendance for {course}-{cohort} session {session} (starting {start}) was recorded before it started, at {recorded_at}"
                )
            }
        }
        Found::SearchKey { table, id } => {
            if ko {
                format!("{table} #{id}의 검색 키가 이름·코드와 맞지 않습니다 (찾기에서 빠집니다)")
            } else {
                format!("{table} #{id}: its search key does not match its names and codes (search would miss it)")
            }
        }
        Found::BookingParty { booking, equipment, party } => match (party, ko) {
            (None, true) => format!("{equipment} 예약 #{booking}에 청구처가 없습니다"),
            (None, false) => format!("booking #{booking} of {equipment} is billed to no party"),
            (Some(p), true) => format!("{equipment} 예약 #{booking}의 청구 기업이 청구처 {p}의 기업과 다릅니다"),
            (Some(p), false) => {
                format!("booking #{booking} of {equipment} bills a company other than its party {p}'s")
            }
        },
        Found::BookingProject { booking, equipment, project } => {
            if ko {
                format!("{equipment} 예약 #{booking}의 과제 {project}는 예약의 청구처의 과제가 아닙니다")
            } else {
                format!("booking #{booking} of {equipment} is paid from project {project} of another party")
            }
        }
        Found::BookingCharge { booking, equipment, charge, priced } => {
            if ko {
                format!(
                    "{equipment} 예약 #{booking}의 사용료 {charge}이(가) 기록된 사용·단가·소모품으로 계산한 {priced}과(와) 다릅니다"
                )
            } else {
                format!(
                    "booking #{booking} of {equipment} is charged {charge}, but its recorded use, rate and consumables come to {priced}"
                )
            }
        }
        Found::VoucherCap { programme, party, year, cap, used, drawn } => {
            let (cap, used, drawn) = (cap.korean(), used.korean(), drawn.korean());
            if ko {
                format!(
                    "바우처 {programme}의 {party} {year}년 지원액이 어긋납니다: 한도 {cap}, 기록 {used}, 예약 합계 {drawn}"
                )
            } else {
                format!(
                    "voucher {programme} for {party} in {year} is off: cap {cap}, kept {used}, drawn by bookings {drawn}"
                )
            }
        }
        Found::BookingVoucher { booking, equipment, programme } => {
            if ko {
                format!("{equipment} 예약 #{booking}의 바우처 {programme} 지원액은 그 사업이 지원하지 않는 금액입니다")
            } else {
                format!("booking #{booking} of {equipment} draws on voucher {programme} for what it does not pay")
            }
        }
        Found::BookingPenalty { booking, equipment, penalty } => {
            let penalty = penalty.korean();
            if ko {
                format!(
                    "{equipment} 예약 #{booking}의 취소·노쇼 요금 {penalty}이(가) 취소·노쇼가 아니거나 예약 시간의 사용료를 넘습니다"
                )
            } else {
                format!(
                    "booking #{booking} of {equipment} is charged {penalty} for a cancellation or no-show it is not, or beyond its booked time's cost"
                )
            }
        }
        Found::WriteOff { party, month, amount } => {
            let amount = amount.korean();
            if ko {
                format!(
                    "{party}의 {month} 손실 처리 {amount}: 그 달은 청구서가 발행된 적이 없습니다(발행 전 사용은 그 달 청구서에 듭니다)"
                )
            } else {
                format!(
                    "{party}'s write-off of {amount} for {month} is for a month never issued (use before issuing is on that month's statement)"
                )
            }
        }
        Found::Supplier { field, value } => {
            let name = super::labels::field(*field, lang);
            if ko {
                format!(
                    "센터의 공급자 정보 {name} '{value}'은(는) kiln이 받지 않는 값입니다 — `kiln centre set`으로 고치세요"
                )
            } else {
                format!(
                    "the centre's supplier {name} '{value}' is not a value kiln accepts — fix it with `kiln centre set`"
                )
            }
        }
        Found::Deposit { lease, amount, statement: None } => {
            let amount = amount.korean();
            if ko {
                format!("{lease}의 보증금 보관액이 {amount}입니다: 받은 것보다 많이 반환·상계되었습니다")
            } else {
                format!("the deposit of {lease} holds {amount}: more was refunded and offset than received")
            }
        }
        Found::Deposit { lease, amount, statement: Some(number) } => {
            let amount = amount.korean();
            if ko {
                format!(
                    "{lease}의 보증금 상계 {amount}이(가) 청구서 {number}의 결제와 맞지 않습니다(금액 또는 기업이 다름)"
                )
            } else {
                format!(
                    "{lease}'s deposit offset of {amount} does not match its payment on {number} (another amount or company)"
                )
            }
        }
        Found::CourseFee { statement: Some(number), cohort, person, amount } => {
            let amount = amount.korean();
            if ko {
                format!(
                    "청구서 {number}의 교육비 {amount}이(가) {cohort} {person}에게 부과된 교육비(또는 그 환불)와 맞지 않습니다"
                )
            } else {
                format!(
                    "the course fee of {amount} on {number} is not what {person} was charged for {cohort} (or its refund)"
                )
            }
        }
        Found::CourseFee { statement: None, cohort, person, amount } => {
            let amount = amount.korean();
            if ko {
                format!("{cohort} {person}의 교육비 {amount}이(가) 첫 수업이 시작된 뒤에 환불로 기록되었습니다")
            } else {
                format!(
                    "{person}'s course fee of {amount} for {cohort} was recorded as refunded after the first session began"
                )
            }
        }
        Found::VoucherBilled { statement, programme, booking } => {
            let programme = programme.as_deref().unwrap_or("?");
            if ko {
                format!(
                    "청구서 {statement}의 바우처 지원금(사업 {programme}, 예약 {booking})이 그 사업의 지불 주체나 예약의 청구처와 맞지 않습니다"
                )
            } else {
                format!(
                    "the voucher share on {statement} (programme {programme}, booking {booking}) is not billed to the programme's payer for the booking's party"
                )
            }
        }
        Found::ApprovalNo { approval, documents } => {
            if ko {
                format!(
                    "승인번호 {approval}이(가) 문서 {documents}건에 기록되어 있습니다: 승인번호는 문서 하나의 것입니다"
                )
            } else {
                format!("approval number {approval} is recorded for {documents} documents: each is one document's")
            }
        }
        Found::SettingValue { key, machine, value } => {
            let at = machine.as_ref().map(|m| format!(" ({m})")).unwrap_or_default();
            if ko {
                format!("설정 {key}{at}의 값 '{value}'은(는) kiln이 받지 않는 값입니다")
            } else {
                format!("setting {key}{at} holds '{value}', which kiln does not accept")
            }
        }
    }
}
