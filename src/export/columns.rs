//! The columns of every table kiln exports and imports: the field name (as in
//! the JSON and the CSV header), the Korean and English titles (as in the
//! XLSX header), and the kind of value, which decides the cell format. An
//! import accepts any of the three as a header.

/// How a column's values are written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    /// Whole won: `#,##0` in a spreadsheet.
    Won,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM` (KST).
    Instant,
    /// Square metres with two decimals.
    Area,
    Bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub ko: &'static str,
    pub en: &'static str,
    pub kind: Kind,
}

const fn col(key: &'static str, ko: &'static str, en: &'static str, kind: Kind) -> Column {
    Column { key, ko, en, kind }
}

use Kind as K;

#[rustfmt::skip]
pub const COMPANIES: &[Column] = &[
    col("brn", "사업자등록번호", "BRN", K::Text),
    col("name", "기업명", "Name", K::Text),
    col("corporate_no", "법인등록번호", "Corporate no.", K::Text),
    col("representative", "대표자", "Representative", K::Text),
    col("sector", "업종", "Sector", K::Text),
    col("zone", "권역", "Zone", K::Text),
    col("stage", "단계", "Stage", K::Text),
    col("admitted_on", "입주일", "Admitted", K::Date),
    col("left_on", "졸업·퇴거일", "Left", K::Date),
    col("phone", "전화", "Phone", K::Text),
    col("email", "이메일", "Email", K::Text),
];

#[rustfmt::skip]
pub const ROOMS: &[Column] = &[
    col("code", "호실", "Room", K::Text),
    col("floor", "층", "Floor", K::Int),
    col("kind", "용도", "Use", K::Text),
    col("area_m2", "면적(m²)", "Area (m²)", K::Area),
    col("rent_per_m2", "m²당 임대료", "Rent per m²", K::Won),
    col("retired_on", "폐쇄일", "Retired", K::Date),
];

#[rustfmt::skip]
pub const PEOPLE: &[Column] = &[
    col("code", "코드", "Code", K::Text),
    col("name", "이름", "Name", K::Text),
    col("company_brn", "소속 사업자등록번호", "Company BRN", K::Text),
    col("company_name", "소속", "Company", K::Text),
    col("phone", "전화", "Phone", K::Text),
    col("email", "이메일", "Email", K::Text),
    col("created_at", "등록", "Registered", K::Instant),
];

#[rustfmt::skip]
pub const EQUIPMENT: &[Column] = &[
    col("code", "장비 코드", "Code", K::Text),
    col("name", "장비명", "Name", K::Text),
    col("model", "모델", "Model", K::Text),
    col("category", "분류", "Category", K::Text),
    col("room", "호실", "Room", K::Text),
    col("manager", "담당자", "Manager", K::Text),
    col("status", "상태", "Status", K::Text),
    col("billing_unit", "과금 단위", "Billing unit", K::Text),
    col("tenant_rate", "입주기업 요금", "Tenant rate", K::Won),
    col("external_rate", "외부 요금", "External rate", K::Won),
    col("slot_minutes", "예약 단위(분)", "Slot minutes", K::Int),
    col("min_minutes", "최소 시간(분)", "Min minutes", K::Int),
    col("max_minutes", "최대 시간(분)", "Max minutes", K::Int),
    col("notice_minutes", "사전 신청(분)", "Notice minutes", K::Int),
    col("horizon_days", "예약 가능 기간(일)", "Horizon days", K::Int),
    col("buffer_minutes", "예약 간 여유(분)", "Buffer minutes", K::Int),
    col("hours", "운영 시간", "Hours", K::Text),
    col("holidays_bookable", "공휴일 예약", "Holidays bookable", K::Bool),
    col("needs_approval", "승인 필요", "Needs approval", K::Bool),
];

#[rustfmt::skip]
pub const LEASES: &[Column] = &[
    col("code", "계약 코드", "Code", K::Text),
    col("company_brn", "사업자등록번호", "BRN", K::Text),
    col("company_name", "기업명", "Company", K::Text),
    col("room", "호실", "Room", K::Text),
    col("from", "시작일", "From", K::Date),
    col("to", "종료 다음 날", "To", K::Date),
    col("last_day", "마지막 날", "Last day", K::Date),
    col("ended_on", "조기 종료일", "Ended on", K::Date),
    col("rent", "임대료(월)", "Rent (month)", K::Won),
    col("fee", "관리비(월)", "Fee (month)", K::Won),
    col("deposit", "보증금", "Deposit", K::Won),
];

#[rustfmt::skip]
pub const YEARLY_REPORTS: &[Column] = &[
    col("company_brn", "사업자등록번호", "BRN", K::Text),
    col("company_name", "기업명", "Company", K::Text),
    col("year", "연도", "Year", K::Int),
    col("employees", "고용 인원", "Employees", K::Int),
    col("sales", "매출액", "Sales", K::Won),
    col("exports", "수출액", "Exports", K::Won),
    col("rnd_spend", "연구개발비", "R&D spend", K::Won),
    col("patents_filed", "특허 출원", "Patents filed", K::Int),
    col("patents_granted", "특허 등록", "Patents granted", K::Int),
    col("investment", "투자 유치", "Investment", K::Won),
];

#[rustfmt::skip]
pub const BOOKINGS: &[Column] = &[
    col("id", "예약 번호", "Booking", K::Int),
    col("equipment", "장비 코드", "Equipment", K::Text),
    col("equipment_name", "장비명", "Machine", K::Text),
    col("person", "인력 코드", "Person", K::Text),
    col("person_name", "이름", "Name", K::Text),
    col("company_brn", "청구 사업자등록번호", "Billed BRN", K::Text),
    col("company_name", "청구 기업", "Billed company", K::Text),
    col("party", "청구처 코드", "Party", K::Text),
    col("party_name", "청구처", "Billed party", K::Text),
    col("project", "과제", "Project", K::Text),
    col("start", "시작", "Start", K::Instant),
    col("end", "끝", "End", K::Instant),
    col("state", "상태", "State", K::Text),
    col("purpose", "용도", "Purpose", K::Text),
    col("samples", "시료 수", "Samples", K::Int),
    col("actual_start", "사용 시작", "Used from", K::Instant),
    col("actual_end", "사용 종료", "Used to", K::Instant),
    col("billed_minutes", "과금 시간(분)", "Billed minutes", K::Int),
    col("rate_class", "이용자 구분", "Rate class", K::Text),
    col("rate", "단가", "Rate", K::Won),
    col("charge", "사용료", "Charge", K::Won),
    col("voucher", "바우처 사업", "Voucher", K::Text),
    col("voucher_share", "바우처 지원액", "Voucher share", K::Won),
];

/// Equipment use: completed bookings, as billed.
#[rustfmt::skip]
pub const USAGE: &[Column] = &[
    col("id", "예약 번호", "Booking", K::Int),
    col("equipment", "장비 코드", "Equipment", K::Text),
    col("equipment_name", "장비명", "Machine", K::Text),
    col("company_brn", "청구 사업자등록번호", "Billed BRN", K::Text),
    col("company_name", "청구 기업", "Billed company", K::Text),
    col("party", "청구처 코드", "Party", K::Text),
    col("party_name", "청구처", "Billed party", K::Text),
    col("project", "과제", "Project", K::Text),
    col("person_name", "사용자", "Used by", K::Text),
    col("actual_start", "사용 시작", "Used from", K::Instant),
    col("actual_end", "사용 종료", "Used to", K::Instant),
    col("billed_minutes", "과금 시간(분)", "Billed minutes", K::Int),
    col("actual_samples", "시료 수", "Samples", K::Int),
    col("rate_class", "이용자 구분", "Rate class", K::Text),
    col("rate", "단가", "Rate", K::Won),
    col("charge", "사용료", "Charge", K::Won),
    col("voucher", "바우처 사업", "Voucher", K::Text),
    col("voucher_share", "바우처 지원액", "Voucher share", K::Won),
];

/// Issued statements, one row each (their lines are in the JSON of
/// `kiln statement list`).
#[rustfmt::skip]
pub const STATEMENTS: &[Column] = &[
    col("number", "청구서 번호", "Statement", K::Text),
    col("month", "청구 월", "Month", K::Text),
    col("party", "청구처 코드", "Party", K::Text),
    col("brn", "사업자등록번호", "BRN", K::Text),
    col("name", "청구처", "Billed party", K::Text),
    col("issued_on", "발행일", "Issued", K::Date),
    col("due_on", "납부기한", "Due", K::Date),
    col("supply", "공급가액", "Supply", K::Won),
    col("vat", "부가세", "VAT", K::Won),
    col("total", "합계", "Total", K::Won),
    col("paid", "납부액", "Paid", K::Won),
    col("outstanding", "미납액", "Outstanding", K::Won),
];

/// What admins wrote off of parties' months already issued (손실 처리).
#[rustfmt::skip]
pub const WRITE_OFFS: &[Column] = &[
    col("party", "청구처 코드", "Party", K::Text),
    col("name", "청구처", "Billed party", K::Text),
    col("month", "대상 월", "Month", K::Text),
    col("amount", "손실 처리액", "Written off", K::Won),
    col("statement", "해당 청구서", "Statement", K::Text),
    col("reason", "사유", "Reason", K::Text),
    col("written_at", "처리 시각", "Written at", K::Instant),
    col("written_by", "처리자", "Written by", K::Text),
];

/// The centre as the supplier (공급자) on its tax documents: one row.
pub const SUPPLIER: &[Column] = &[
    col("brn", "사업자등록번호", "BRN", K::Text),
    col("name", "상호", "Trade name", K::Text),
    col("representative", "대표자", "Representative", K::Text),
    col("address", "사업장 주소", "Address", K::Text),
    col("business_type", "업태", "Business type", K::Text),
    col("business_item", "종목", "Business item", K::Text),
    col("email", "이메일", "E-mail", K::Text),
    col("set_at", "정한 시각", "Set at", K::Instant),
    col("set_by", "정한 사람", "Set by", K::Text),
];

/// Deposits (보증금): every movement, chain by chain, with what the chain
/// held after it.
pub const DEPOSITS: &[Column] = &[
    col("company", "기업", "Company", K::Text),
    col("brn", "사업자등록번호", "BRN", K::Text),
    col("room", "호실", "Room", K::Text),
    col("lease", "계약", "Lease", K::Text),
    col("on", "일자", "Date", K::Date),
    col("kind", "구분", "Kind", K::Text),
    col("statement", "청구서", "Statement", K::Text),
    col("amount", "금액", "Amount", K::Won),
    col("held", "보관 잔액", "Held", K::Won),
    col("note", "비고", "Note", K::Text),
];

/// The approval numbers (승인번호) of tax documents and corrections.
pub const APPROVALS: &[Column] = &[
    col("statement", "청구서", "Statement", K::Text),
    col("kind", "종류", "Kind", K::Text),
    col("corrects", "원본 청구서", "Corrects", K::Text),
    col("reason", "수정사유", "Reason", K::Int),
    col("approval_no", "승인번호", "Approval no.", K::Text),
    col("confirmed_on", "기록일", "Recorded on", K::Date),
    col("confirmed_by", "기록한 사람", "Recorded by", K::Text),
];

/// Billing parties (청구처): companies' own, outside organisations and
/// individuals.
#[rustfmt::skip]
pub const PARTIES: &[Column] = &[
    col("code", "청구처 코드", "Party", K::Text),
    col("kind", "구분", "Kind", K::Text),
    col("name", "이름", "Name", K::Text),
    col("brn", "사업자등록번호", "BRN", K::Text),
    col("person", "인력 코드", "Person", K::Text),
    col("class", "이용자 구분", "Rate class", K::Text),
    col("email", "이메일", "E-mail", K::Text),
    col("members", "구성원", "Members", K::Text),
];

/// Projects (과제) with what each has spent.
#[rustfmt::skip]
pub const PROJECTS: &[Column] = &[
    col("code", "과제 코드", "Project", K::Text),
    col("party", "청구처 코드", "Party", K::Text),
    col("party_name", "청구처", "Party name", K::Text),
    col("name", "과제명", "Name", K::Text),
    col("number", "과제번호", "Number", K::Text),
    col("funder", "전문기관", "Funder", K::Text),
    col("from", "시작일", "From", K::Date),
    col("last_day", "마지막 날", "Last day", K::Date),
    col("budget", "예산(장비 사용)", "Budget", K::Won),
    col("spent", "사용액", "Spent", K::Won),
    col("booked", "예약 중", "Booked", K::Int),
    col("committed", "예약 포함 추정액", "With bookings", K::Won),
];

/// The catalogue of consumables (소모품).
#[rustfmt::skip]
pub const CONSUMABLES: &[Column] = &[
    col("code", "소모품 코드", "Consumable", K::Text),
    col("name", "이름", "Name", K::Text),
    col("unit", "단위", "Unit", K::Text),
    col("unit_price", "단가", "Unit price", K::Won),
];

/// Voucher programmes (바우처 사업) with what each has paid.
#[rustfmt::skip]
pub const VOUCHER_PROGRAMMES: &[Column] = &[
    col("code", "사업 코드", "Programme", K::Text),
    col("name", "사업명", "Name", K::Text),
    col("funder", "주관기관", "Funder", K::Text),
    col("payer", "지불 주체", "Payer", K::Text),
    col("payer_name", "지불 주체 이름", "Payer name", K::Text),
    col("cap", "연간 지원 한도", "Yearly cap", K::Won),
    col("from", "시작일", "From", K::Date),
    col("last_day", "마지막 날", "Last day", K::Date),
    col("grants", "지원 대상 수", "Grants", K::Int),
    col("paid", "지원액", "Paid", K::Won),
];

/// Grants of voucher programmes to parties, per year, with their balance.
#[rustfmt::skip]
pub const VOUCHER_GRANTS: &[Column] = &[
    col("programme", "사업 코드", "Programme", K::Text),
    col("programme_name", "사업명", "Programme name", K::Text),
    col("party", "청구처 코드", "Party", K::Text),
    col("party_name", "청구처", "Party name", K::Text),
    col("year", "연도", "Year", K::Int),
    col("cap", "연간 지원 한도", "Cap", K::Won),
    col("used", "지원액", "Used", K::Won),
    col("remaining", "잔액", "Remaining", K::Won),
];

#[rustfmt::skip]
pub const ENROLMENTS: &[Column] = &[
    col("cohort", "기수", "Cohort", K::Text),
    col("person", "인력 코드", "Person", K::Text),
    col("person_name", "이름", "Name", K::Text),
    col("company_name", "소속", "Company", K::Text),
    col("status", "상태", "Status", K::Text),
    col("position", "대기 순번", "Waitlist position", K::Int),
    col("enrolled_at", "신청", "Enrolled", K::Instant),
    col("promoted_at", "대기에서 확정", "Promoted", K::Instant),
    col("cancelled_at", "취소", "Cancelled", K::Instant),
    col("certificate", "수료증 번호", "Certificate", K::Text),
];

#[rustfmt::skip]
pub const QUALIFICATIONS: &[Column] = &[
    col("id", "자격 번호", "Qualification", K::Int),
    col("person", "인력 코드", "Person", K::Text),
    col("person_name", "이름", "Name", K::Text),
    col("course", "교육과정", "Course", K::Text),
    col("course_title", "과정명", "Title", K::Text),
    col("valid_from", "유효 시작", "Valid from", K::Date),
    col("valid_until", "유효 마지막 날", "Valid until", K::Date),
    col("origin", "근거", "Origin", K::Text),
    col("cohort", "기수", "Cohort", K::Text),
    col("reason", "부여 사유", "Reason", K::Text),
    col("revoked_at", "취소", "Revoked", K::Instant),
    col("revoke_reason", "취소 사유", "Revoke reason", K::Text),
];

/// The tables that can be exported, by the name `kiln export` takes.
pub const TABLES: &[(&str, &[Column])] = &[
    ("companies", COMPANIES),
    ("rooms", ROOMS),
    ("people", PEOPLE),
    ("equipment", EQUIPMENT),
    ("leases", LEASES),
    ("yearly-reports", YEARLY_REPORTS),
    ("bookings", BOOKINGS),
    ("usage", USAGE),
    ("statements", STATEMENTS),
    ("write-offs", WRITE_OFFS),
    ("parties", PARTIES),
    ("projects", PROJECTS),
    ("consumables", CONSUMABLES),
    ("voucher-programmes", VOUCHER_PROGRAMMES),
    ("voucher-grants", VOUCHER_GRANTS),
    ("enrolments", ENROLMENTS),
    ("qualifications", QUALIFICATIONS),
    ("supplier", SUPPLIER),
    ("deposits", DEPOSITS),
    ("approvals", APPROVALS),
];

pub fn table(name: &str) -> Option<&'static [Column]> {
    TABLES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// The field a header names: its key, or its Korean or English title
/// (case and surrounding spaces ignored).
pub fn key_for(columns: &[Column], header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}').trim();
    columns.iter().find(|c| c.key.eq_ignore_ascii_case(h) || c.ko == h || c.en.eq_ignore_ascii_case(h)).map(|c| c.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_header_names_one_field() {
        for (name, cols) in TABLES {
            let mut seen = std::collections::HashMap::new();
            for c in *cols {
                for h in [c.key, c.ko, c.en].into_iter().map(str::to_lowercase).collect::<HashSet<_>>() {
                    let other = seen.insert(h.clone(), c.key);
                    assert!(other.is_none(), "{name}: '{h}' names two columns");
                }
                assert_eq!(key_for(cols, c.ko), Some(c.key));
                assert_eq!(key_for(cols, &c.en.to_uppercase()), Some(c.key));
                assert_eq!(key_for(cols, &format!("\u{feff} {} ", c.key)), Some(c.key));
            }
        }
        assert_eq!(key_for(COMPANIES, "unknown"), None);
    }
}
