//! What `kiln check` found: one variant per rule, with the facts that show
//! it; `i18n::check` says them in the person's language.

use chrono::NaiveDate;

use crate::domain::{Area, Minute, Won};

/// One broken rule and the facts that show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// An active booking starts before an earlier one of its machine ends.
    BookingOverlap {
        booking: i64,
        equipment: String,
        start: Minute,
        end: Minute,
        prev_end: Minute,
    },
    /// A lease starts before an earlier one of its room ends (`end` the first
    /// day after it).
    LeaseOverlap {
        lease: i64,
        room: String,
        from: NaiveDate,
        end: NaiveDate,
        prev_end: NaiveDate,
    },
    CohortOverCapacity {
        course: String,
        cohort: String,
        capacity: i64,
        enrolled: i64,
    },
    /// The rooms in use cover more than the building.
    BuildingArea {
        in_use: Area,
    },
    StatementSum {
        statement: String,
        supply: Won,
        lines: Won,
    },
    StatementVat {
        statement: String,
        vat: Won,
        total: Won,
        supply: Won,
    },
    Overpaid {
        statement: String,
        total: Won,
        paid: Won,
    },
    /// The kept sums of a year differ from its yearly reports.
    YearlyTotal {
        year: i64,
        kept_reports: i64,
        kept_sales: Won,
        reports: i64,
        sales: Won,
    },
    /// The kept use of a company in a month (`YYYY-MM`) differs from its
    /// completed bookings; `company` `None` if it is not there.
    PartyMonth {
        month: String,
        company: Option<String>,
        kept_charge: Won,
        kept_bookings: i64,
        charge: Won,
        bookings: i64,
    },
    /// Actual use recorded later than the moment it was recorded.
    ActualAfterRecorded {
        booking: i64,
        equipment: String,
        actual_start: Minute,
        actual_end: Option<Minute>,
        checked_in_at: Minute,
        checked_out_at: Option<Minute>,
    },
    CheckOutBeforeCheckIn {
        booking: i64,
        equipment: String,
        check_out: Minute,
        check_in: Minute,
    },
    /// Actual use that starts before earlier use of the machine ended.
    ActualOverlap {
        booking: i64,
        equipment: String,
        actual_start: Minute,
        actual_end: Option<Minute>,
        prev_end: Minute,
    },
    AttendanceBeforeSession {
        course: String,
        cohort: String,
        session: i64,
        start: Minute,
        recorded_at: Minute,
    },
    /// A row whose stored search key is not what its names make.
    SearchKey {
        table: &'static str,
        id: i64,
    },
    /// A booking billed to no party, or to a company other than its
    /// party's (`party` `None` if it names none that is there).
    BookingParty {
        booking: i64,
        equipment: String,
        party: Option<String>,
    },
    /// A booking paid from a project of another party.
    BookingProject {
        booking: i64,
        equipment: String,
        project: String,
    },
    /// A completed booking charged other than its recorded use at its
    /// recorded rate plus the consumables it took.
    BookingCharge {
        booking: i64,
        equipment: String,
        charge: Won,
        priced: Won,
    },
    /// A voucher grant drawn past its cap, or whose kept sum is not what
    /// its bookings drew.
    VoucherCap {
        programme: String,
        party: String,
        year: i32,
        cap: Won,
        used: Won,
        drawn: Won,
    },
    /// A booking's voucher share that its programme does not pay: another
    /// party's or year's grant, a use it does not cover, or more than its
    /// share of the charge.
    BookingVoucher {
        booking: i64,
        equipment: String,
        programme: String,
    },
    /// A penalty on a booking neither cancelled nor a no-show, or more
    /// than its booked time would have cost at its recorded rate.
    BookingPenalty {
        booking: i64,
        equipment: String,
        penalty: Won,
    },
    /// Use let go for a month no statement was issued for.
    WriteOff {
        party: String,
        month: String,
        amount: Won,
    },
    /// The centre's supplier details hold a value kiln would not accept.
    Supplier {
        field: crate::domain::Field,
        value: String,
    },
    /// A lease chain's deposit paid out beyond what came in (`statement`
    /// none; `amount` what is held), or an offset whose payment on
    /// `statement` is another amount or another company's.
    Deposit {
        lease: String,
        amount: Won,
        statement: Option<String>,
    },
    /// A course fee line on `statement` that is not its enrolment's fee
    /// (or its refund) for the party charged; or (`statement` none) a
    /// refund recorded after the cohort's first session began.
    CourseFee {
        statement: Option<String>,
        cohort: String,
        person: String,
        amount: Won,
    },
    /// A voucher share billed to another than its programme's payer, or
    /// for another's use than the booking's party.
    VoucherBilled {
        statement: String,
        programme: Option<String>,
        booking: String,
    },
    /// One approval number recorded for several documents.
    ApprovalNo {
        approval: String,
        documents: i64,
    },
    /// A stored setting kiln would not accept.
    SettingValue {
        key: String,
        machine: Option<String>,
        value: String,
    },
}

impl Found {
    /// The rule's stable code, for scripts.
    pub fn rule(&self) -> &'static str {
        match self {
            Found::BookingOverlap { .. } => "booking_overlap",
            Found::LeaseOverlap { .. } => "lease_overlap",
            Found::CohortOverCapacity { .. } => "cohort_over_capacity",
            Found::BuildingArea { .. } => "building_area",
            Found::StatementSum { .. } => "statement_sum",
            Found::StatementVat { .. } => "statement_vat",
            Found::Overpaid { .. } => "overpaid",
            Found::YearlyTotal { .. } => "yearly_total",
            Found::PartyMonth { .. } => "party_month",
            Found::ActualAfterRecorded { .. } => "actual_after_recorded",
            Found::CheckOutBeforeCheckIn { .. } => "check_out_before_check_in",
            Found::ActualOverlap { .. } => "actual_overlap",
            Found::AttendanceBeforeSession { .. } => "attendance_before_session",
            Found::SearchKey { .. } => "search_key",
            Found::SettingValue { .. } => "setting_value",
            Found::BookingParty { .. } => "booking_party",
            Found::BookingProject { .. } => "booking_project",
            Found::BookingCharge { .. } => "booking_charge",
            Found::VoucherCap { .. } => "voucher_cap",
            Found::BookingVoucher { .. } => "booking_voucher",
            Found::BookingPenalty { .. } => "booking_penalty",
            Found::WriteOff { .. } => "write_off",
            Found::Supplier { .. } => "supplier",
            Found::Deposit { .. } => "deposit",
            Found::CourseFee { .. } => "course_fee",
            Found::ApprovalNo { .. } => "approval_no",
            Found::VoucherBilled { .. } => "voucher_billed",
        }
    }
}
