//! Names of the centre's words (fields, zones, stages …) as shown to people.

use chrono::NaiveDate;

use super::{Lang, Msg};
use crate::domain::statement::{LineKind, Unit};
use crate::domain::time::weekday_index;
use crate::domain::{Capability, Field, Role, RoomKind, Sector, Stage, Zone};

pub fn field(f: Field, lang: Lang) -> &'static str {
    use Field as F;
    let (ko, en) = match f {
        F::Name => ("이름", "name"),
        F::Brn => ("사업자등록번호", "business registration no."),
        F::CorporateNo => ("법인등록번호", "corporate registration no."),
        F::Representative => ("대표자", "representative"),
        F::Sector => ("업종", "sector"),
        F::Zone => ("권역", "zone"),
        F::Stage => ("단계", "stage"),
        F::Admitted => ("입주일", "admitted"),
        F::Phone => ("전화", "phone"),
        F::Email => ("이메일", "email"),
        F::Company => ("기업", "company"),
        F::Person => ("인력", "person"),
        F::Room => ("호실", "room"),
        F::RoomCode => ("호실 번호", "room code"),
        F::Floor => ("층", "floor"),
        F::Kind => ("용도", "use"),
        F::Area => ("면적(m²)", "area (m²)"),
        F::Rent => ("임대료", "rent"),
        F::Fee => ("관리비", "maintenance fee"),
        F::Deposit => ("보증금", "deposit"),
        F::Year => ("연도", "year"),
        F::Month => ("월", "month"),
        F::Employees => ("고용 인원", "employees"),
        F::Sales => ("매출액", "sales"),
        F::Exports => ("수출액", "exports"),
        F::RndSpend => ("연구개발비", "R&D spend"),
        F::PatentsFiled => ("특허 출원", "patents filed"),
        F::PatentsGranted => ("특허 등록", "patents granted"),
        F::Investment => ("투자 유치", "investment"),
        F::Lease => ("입주계약", "lease"),
        F::Reason => ("사유", "reason"),
        F::Equipment => ("장비", "equipment"),
        F::Model => ("모델", "model"),
        F::Category => ("장비 분류", "category"),
        F::BillingUnit => ("과금 단위", "billing unit"),
        F::TenantRate => ("입주기업 요금", "tenant rate"),
        F::ExternalRate => ("외부 요금", "external rate"),
        F::Slot => ("예약 단위(분)", "slot minutes"),
        F::MinLength => ("최소 시간(분)", "minimum minutes"),
        F::MaxLength => ("최대 시간(분)", "maximum minutes"),
        F::Notice => ("사전 신청(분)", "notice minutes"),
        F::Horizon => ("예약 가능 기간(일)", "horizon days"),
        F::Buffer => ("예약 간 여유(분)", "buffer minutes"),
        F::Hours => ("운영 시간", "opening hours"),
        F::Holidays => ("공휴일 예약", "holidays bookable"),
        F::Approval => ("승인 필요", "needs approval"),
        F::Booking => ("예약", "booking"),
        F::Purpose => ("용도", "purpose"),
        F::Samples => ("시료 수", "samples"),
        F::Weeks => ("반복 주 수", "weeks"),
        F::Downtime => ("장비 중단", "downtime"),
        F::Quota => ("사용 한도(시간/월)", "quota hours per month"),
        F::Format => ("형식", "format"),
        F::BookFree => ("겹치는 주 건너뛰기", "skip clashing weeks"),
        F::OnClash => ("겹치는 예약", "overlapping bookings"),
        F::Note => ("취소 사유", "cancel reason"),
        F::Details => ("내용", "details"),
        F::Course => ("교육과정", "course"),
        F::CourseHours => ("교육 시간", "hours"),
        F::Cohort => ("기수", "cohort"),
        F::Title => ("과정명", "title"),
        F::Validity => ("자격 유효 기간(개월)", "validity months"),
        F::Excused => ("공결 인정", "excused counts"),
        F::Prerequisite => ("선수 과정", "prerequisite"),
        F::Capacity => ("정원", "capacity"),
        F::Session => ("회차", "session"),
        F::Instructor => ("강사", "instructor"),
        F::Status => ("상태", "status"),
        F::Enrolment => ("수강 신청", "enrolment"),
        F::Qualification => ("장비 사용 자격", "qualification"),
        F::Statement => ("청구서", "statement"),
        F::Method => ("납부 방법", "method"),
        F::Amount => ("금액", "amount"),
        F::User => ("사용자", "user"),
        F::Role => ("역할", "role"),
        F::Date => ("날짜", "date"),
        F::Time => ("시각", "time"),
        F::Setting => ("설정", "setting"),
        F::Value => ("값", "value"),
        F::CheckInWindow => ("사용 시작 허용(시작 몇 분 전부터)", "check-in window (minutes before the start)"),
        F::ClockTolerance => ("시계 허용 오차(분)", "clock tolerance (minutes)"),
        F::LeaseTerm => ("표준 임대 기간(개월)", "standard lease term (months)"),
        F::MachineWindow => ("그 장비의 값", "that machine's value"),
        F::From => ("시작", "from"),
        F::To => ("끝", "to"),
        F::LastDay => ("마지막 날", "last day"),
        F::Seed => ("시드", "seed"),
        F::Lang => ("언어", "language"),
        F::Search => ("검색어", "search"),
        F::File => ("파일", "file"),
        F::Party => ("청구처", "billing party"),
        F::PartyKind => ("청구처 구분", "party kind"),
        F::RateClass => ("이용자 구분", "rate class"),
        F::NameEn => ("영문 이름", "English name"),
        F::Discount => ("할인율", "discount"),
        F::Share => ("비율", "share"),
        F::Rate => ("장비 요금", "rate"),
        F::MinimumCharge => ("최소 사용료", "minimum charge"),
        F::OperatorRate => ("기술 지원 요금(시간당)", "operator rate per hour"),
        F::Rounding => ("과금 시간 단위(분)", "billing rounding (minutes)"),
        F::FreeCancel => ("무료 취소 기한(시작 몇 분 전까지)", "free cancellation notice (minutes before the start)"),
        F::Tier => ("사용량 구간(분기 누적 분)", "volume tier (minutes a quarter)"),
        F::BookedMinutes => ("예약 시간(분)", "booked minutes"),
        F::UsedMinutes => ("사용 시간(분)", "used minutes"),
        F::AssistedMinutes => ("기술 지원 시간(분)", "assisted minutes"),
        F::QuarterMinutes => ("이번 분기 누적 사용 시간(분)", "minutes billed this quarter"),
        F::Quantity => ("수량", "quantity"),
        F::UnitPrice => ("단가", "unit price"),
        F::VoucherRemaining => ("바우처 잔액", "voucher remaining"),
        F::Project => ("과제", "project"),
        F::ProjectNumber => ("과제번호", "project number"),
        F::Funder => ("전문기관", "funder"),
        F::Payer => ("지불 주체", "payer"),
        F::LateCancelShare => ("늦은 취소 부과율(%)", "late cancellation charge (%)"),
        F::NoShowShare => ("노쇼 부과율(%)", "no-show charge (%)"),
        F::ArrearsBlock => ("연체 시 예약 제한(개월)", "arrears: block bookings after (months)"),
        F::ArrearsSurcharge => ("연체 가산금 부과(개월)", "arrears: surcharge after (months)"),
        F::SurchargeShare => ("연체 가산율(%)", "arrears surcharge (%)"),
        F::BookedTime => ("과금 시간", "time billed"),
        F::TradeName => ("상호", "trade name"),
        F::ApprovalNo => ("승인번호", "approval number"),
        F::Corrects => ("원본 청구서", "corrects"),
        F::Refund => ("반환액", "refund"),
        F::Remark => ("비고", "note"),
        F::CourseFee => ("교육비", "course fee"),
        F::FeeTax => ("교육비 과세 구분", "course fee tax"),
        F::Address => ("사업장 주소", "address"),
        F::BusinessType => ("업태", "business type"),
        F::BusinessItem => ("종목", "business item"),
        F::ProjectName => ("과제명", "project name"),
        F::ProgrammeName => ("사업명", "programme name"),
        F::Budget => ("예산(장비 사용)", "budget (equipment use)"),
        F::Consumable => ("소모품", "consumable"),
        F::Programme => ("바우처 사업", "voucher programme"),
        F::SupportShare => ("지원 비율", "support share"),
        F::Cap => ("연간 지원 한도", "yearly cap"),
        F::Nfec => ("NFEC 등록번호", "NFEC number"),
        F::Unit => ("단위", "unit"),
    };
    lang.pick(ko, en)
}

pub fn party_kind(k: crate::domain::PartyKind, lang: Lang) -> &'static str {
    match k {
        crate::domain::PartyKind::Company => lang.pick("기업", "company"),
        crate::domain::PartyKind::Organisation => lang.pick("외부 기관", "organisation"),
        crate::domain::PartyKind::Individual => lang.pick("개인", "individual"),
    }
}

pub fn zone(z: Zone, lang: Lang) -> &'static str {
    match z {
        Zone::Gangneung => lang.pick("강릉", "Gangneung"),
        Zone::Bukpyeong => lang.pick("북평", "Bukpyeong"),
        Zone::RawMaterial => lang.pick("원료", "Raw-material"),
    }
}

/// A tax document's kind as the CLI and the forms name it.
pub fn doc_kind(k: crate::domain::tax_document::DocKind, lang: Lang) -> &'static str {
    match k {
        crate::domain::tax_document::DocKind::TaxInvoice => lang.pick("세금계산서", "tax invoice"),
        crate::domain::tax_document::DocKind::Invoice => lang.pick("계산서", "invoice (exempt)"),
    }
}

/// Whether a supply bears VAT: 과세 or 면세.
pub fn tax(t: crate::domain::statement::Tax, lang: Lang) -> &'static str {
    match t {
        crate::domain::statement::Tax::Taxable => lang.pick("과세", "taxable"),
        crate::domain::statement::Tax::Exempt => lang.pick("면세", "exempt"),
    }
}

/// What happened to deposit money: 입금, 반환, 상계.
pub fn deposit_kind(k: crate::domain::deposit::EntryKind, lang: Lang) -> &'static str {
    use crate::domain::deposit::EntryKind as K;
    match k {
        K::Received => lang.pick("입금", "received"),
        K::Refunded => lang.pick("반환", "refunded"),
        K::Offset => lang.pick("상계", "offset"),
    }
}

pub fn stage(s: Stage, lang: Lang) -> &'static str {
    match s {
        Stage::PreStartup => lang.pick("예비", "Pre-startup"),
        Stage::Early => lang.pick("초기", "Early"),
        Stage::Growth => lang.pick("성장", "Growth"),
        Stage::Graduated => lang.pick("졸업", "Graduated"),
        Stage::Withdrawn => lang.pick("퇴거", "Withdrawn"),
    }
}

pub fn sector(s: Sector, lang: Lang) -> &'static str {
    match s {
        Sector::Structural => lang.pick("구조 세라믹", "Structural ceramics"),
        Sector::Electronic => lang.pick("전자 세라믹", "Electronic ceramics"),
        Sector::Bio => lang.pick("바이오 세라믹", "Bio-ceramics"),
        Sector::Glass => lang.pick("유리", "Glass"),
        Sector::Refractory => lang.pick("내화물", "Refractories"),
        Sector::RawMaterial => lang.pick("원료", "Raw materials"),
        Sector::Other => lang.pick("기타", "Other"),
    }
}

pub fn room_kind(k: RoomKind, lang: Lang) -> &'static str {
    match k {
        RoomKind::Office => lang.pick("사무실", "Office"),
        RoomKind::Lab => lang.pick("실험실", "Lab"),
        RoomKind::PilotPlant => lang.pick("시험생산동", "Pilot plant"),
        RoomKind::Storage => lang.pick("창고", "Storage"),
        RoomKind::Classroom => lang.pick("강의실", "Classroom"),
        RoomKind::Shared => lang.pick("공용", "Shared"),
    }
}

pub fn booking_state(s: crate::domain::booking::BookingState, lang: Lang) -> &'static str {
    use crate::domain::booking::BookingState as S;
    match s {
        S::Requested => lang.pick("신청", "requested"),
        S::Approved => lang.pick("승인", "approved"),
        S::InUse => lang.pick("사용 중", "in use"),
        S::Completed => lang.pick("완료", "completed"),
        S::Rejected => lang.pick("반려", "rejected"),
        S::Cancelled => lang.pick("취소", "cancelled"),
        S::NoShow => lang.pick("노쇼", "no-show"),
    }
}

pub fn enrolment_status(s: crate::domain::EnrolmentStatus, lang: Lang) -> &'static str {
    use crate::domain::EnrolmentStatus as S;
    match s {
        S::Enrolled => lang.pick("수강", "enrolled"),
        S::Waitlisted => lang.pick("대기", "waitlisted"),
        S::Cancelled => lang.pick("취소", "cancelled"),
        S::Completed => lang.pick("수료", "completed"),
        S::Failed => lang.pick("미수료", "not completed"),
    }
}

pub fn attendance(a: crate::domain::Attendance, lang: Lang) -> &'static str {
    use crate::domain::Attendance as A;
    match a {
        A::Present => lang.pick("출석", "present"),
        A::Late => lang.pick("지각", "late"),
        A::Absent => lang.pick("결석", "absent"),
        A::Excused => lang.pick("공결", "excused"),
    }
}

pub fn category(c: crate::domain::Category, lang: Lang) -> &'static str {
    use crate::domain::Category as C;
    match c {
        C::Analysis => lang.pick("분석", "analysis"),
        C::Processing => lang.pick("공정", "processing"),
        C::Testing => lang.pick("시험", "testing"),
    }
}

pub fn downtime_reason(r: crate::domain::DowntimeReason, lang: Lang) -> &'static str {
    use crate::domain::DowntimeReason as D;
    match r {
        D::Maintenance => lang.pick("정기 점검", "maintenance"),
        D::Calibration => lang.pick("교정", "calibration"),
        D::Fault => lang.pick("고장", "fault"),
    }
}

/// A downtime's state: pending (waiting for bookings to move), active, cancelled.
pub fn downtime_state(state: &str, lang: Lang) -> &str {
    match state {
        "pending" => lang.pick("대기(예약 이동 전)", "pending (bookings in the way)"),
        "active" => lang.pick("적용", "active"),
        "cancelled" => lang.pick("취소", "cancelled"),
        other => other,
    }
}

pub fn billing_unit(u: crate::domain::BillingUnit, lang: Lang) -> &'static str {
    match u {
        crate::domain::BillingUnit::Hour => lang.pick("시간", "hour"),
        crate::domain::BillingUnit::Sample => lang.pick("시료", "sample"),
    }
}

pub fn role(r: Option<Role>, lang: Lang) -> &'static str {
    match r {
        Some(Role::Admin) => lang.pick("관리자", "admin"),
        Some(Role::EquipmentManager) => lang.pick("장비 담당자", "equipment manager"),
        Some(Role::Viewer) => lang.pick("열람자", "viewer"),
        None => lang.pick("미등록(열람 전용)", "unregistered (read-only)"),
    }
}

/// What a capability lets one do: a noun in Korean (`장비 예약 관리` 권한),
/// a verb in English (is not allowed to `manage bookings`), so that the
/// refusal reads naturally in both.
pub fn capability(c: Capability, lang: Lang) -> &'static str {
    use Capability as C;
    match c {
        C::ManageOperators => lang.pick("사용자 관리", "manage operators"),
        C::ManageTenants => lang.pick("입주기업·공간 관리", "manage tenants and spaces"),
        C::ManagePeople => lang.pick("인력 관리", "manage people"),
        C::ManageEquipment => lang.pick("장비 관리", "manage equipment"),
        C::ManageBookings => lang.pick("장비 예약 관리", "manage bookings"),
        C::ManageTraining => lang.pick("교육 관리", "manage training"),
        C::RecordAttendance => lang.pick("출석 기록", "record attendance"),
        C::Billing => lang.pick("청구", "handle billing"),
        C::LoadDemo => lang.pick("예시 데이터 넣기", "load demo data"),
        C::ManageSettings => lang.pick("설정·사용 시각 정정", "change settings or correct recorded use"),
    }
}

/// `목` / `Thu`
pub fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    const KO: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let w = weekday_index(d);
    lang.pick(KO[w], EN[w])
}

/// `2026-11-26 (목)` / `2026-11-26 (Thu)`
pub fn date_with_weekday(d: NaiveDate, lang: Lang) -> String {
    format!("{} ({})", d.format("%Y-%m-%d"), weekday(d, lang))
}

/// A statement line's words: `임대료 301 (12/01–12/31)`.
pub fn statement_line(line: &crate::domain::statement::Line, lang: Lang) -> String {
    let what = match line.kind {
        LineKind::Rent => Msg::LineRent,
        LineKind::Fee => Msg::LineFee,
        LineKind::Usage => Msg::LineUsage,
        LineKind::Operator => Msg::LineOperator,
        LineKind::Consumable => Msg::LineConsumable,
        LineKind::LateCancel => Msg::LineLateCancel,
        LineKind::NoShow => Msg::LineNoShow,
        LineKind::Surcharge => Msg::LineSurcharge,
        LineKind::Adjustment => Msg::LineAdjustment,
        LineKind::WriteOff => Msg::LineWriteOff,
        LineKind::CourseFee => Msg::LineCourseFee,
        LineKind::Voucher => Msg::LineVoucherShare,
    };
    if line.kind == LineKind::CourseFee && line.amount.0 < 0 {
        return format!("{} {} ({})", Msg::LineCourseRefund.text(lang), line.subject, line.detail);
    }
    // Use carried from a month the party had no statement for names the
    // month alone.
    if line.kind == LineKind::Adjustment && line.subject.is_empty() {
        return format!("{} {}", Msg::LineCarried.text(lang), line.detail);
    }
    format!("{} {} ({})", what.text(lang), line.subject, line.detail)
}

/// What a voucher programme paid beside a line (its amount is the rest),
/// as `바우처 VP-0001 -58,800`; `None` if none did.
pub fn voucher_note(line: &crate::domain::statement::Line, lang: Lang) -> Option<String> {
    let programme = line.terms.voucher.as_ref()?;
    let share = crate::domain::money::group(i128::from(line.terms.voucher_share.0));
    Some(super::fill(Msg::LineVoucher.text(lang), &[programme, &share]))
}

/// `1개월`, `15일`, `2.5시간`, `3시료`.
pub fn quantity(quantity: f64, unit: Unit, lang: Lang) -> String {
    let n = if quantity.fract() == 0.0 { format!("{quantity:.0}") } else { format!("{quantity:.1}") };
    let u = match unit {
        Unit::Month => Msg::UnitMonth,
        Unit::Day => Msg::UnitDay,
        Unit::Hour => Msg::UnitHour,
        Unit::Sample => Msg::UnitSample,
        Unit::Lump => return String::new(),
    };
    format!("{n}{}", u.text(lang))
}

/// An ageing bucket's words: `not due`, `31-60 days`.
pub fn bucket(b: &str, lang: Lang) -> String {
    match b {
        "current" => lang.pick("기한 전", "not due").to_owned(),
        other => format!("{other}{}", lang.pick("일", " days")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(date_with_weekday(d, Lang::Ko), "2026-11-26 (목)");
        assert_eq!(date_with_weekday(d, Lang::En), "2026-11-26 (Thu)");
    }
}

/// A sum in full, as a reader of `lang` writes it: `1,234,500원` in Korean,
/// `1,234,500 won` in English.
pub fn money(w: crate::domain::Won, lang: Lang) -> String {
    match lang {
        Lang::Ko => w.to_string(),
        Lang::En => format!("{} won", crate::domain::money::group(i128::from(w.0))),
    }
}

/// A large sum, as a reader of `lang` reads it aloud: `74억 3,555만 490원`
/// in Korean; English has no 만/억, so it is written in full (`7,435,550,490 won`).
pub fn money_large(w: crate::domain::Won, lang: Lang) -> String {
    match lang {
        Lang::Ko => w.korean(),
        Lang::En => money(w, lang),
    }
}

/// A sum short enough for a gauge: `9.2억`, `1,284억`, `350만`; in English
/// `₩0.92bn`, `₩128.4bn`, `₩3.5M`.
pub fn money_short(w: crate::domain::Won, lang: Lang) -> String {
    use crate::domain::money::group;
    let n = i128::from(w.0);
    match lang {
        Lang::Ko if n.abs() >= 10_000_000_000 => format!("{}억", group(n / 100_000_000)),
        Lang::Ko if n.abs() >= 100_000_000 => format!("{}.{}억", n / 100_000_000, (n.abs() % 100_000_000) / 10_000_000),
        Lang::Ko => format!("{}만", group(n / 10_000)),
        Lang::En if n.abs() >= 100_000_000 => format!("₩{:.1}bn", n as f64 / 1e9),
        Lang::En => format!("₩{:.1}M", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod money_tests {
    use super::*;
    use crate::domain::Won;

    #[test]
    fn sums_read_in_the_readers_language() {
        assert_eq!(money(Won(661_000), Lang::Ko), "661,000원");
        assert_eq!(money(Won(661_000), Lang::En), "661,000 won");
        assert_eq!(money_large(Won(7_435_550_490), Lang::Ko), "74억 3,555만 490원");
        assert_eq!(money_large(Won(7_435_550_490), Lang::En), "7,435,550,490 won");
    }

    #[test]
    fn short_sums() {
        assert_eq!(money_short(Won(920_000_000), Lang::Ko), "9.2억");
        assert_eq!(money_short(Won(128_400_000_000), Lang::Ko), "1,284억");
        assert_eq!(money_short(Won(3_500_000), Lang::Ko), "350만");
        assert_eq!(money_short(Won(128_400_000_000), Lang::En), "₩128.4bn");
        assert_eq!(money_short(Won(3_500_000), Lang::En), "₩3.5M");
    }
}
