//! Why a value was refused, as data: the edge renders it in the user's language.

/// The field a user filled in. Its label lives in `i18n`, so a refusal names it
/// in Korean or English alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Brn,
    CorporateNo,
    Representative,
    Sector,
    Zone,
    Stage,
    Admitted,
    Phone,
    Email,
    Company,
    Person,
    Room,
    RoomCode,
    Floor,
    Kind,
    Area,
    Rent,
    Fee,
    Deposit,
    Year,
    Month,
    Employees,
    Sales,
    Exports,
    RndSpend,
    PatentsFiled,
    PatentsGranted,
    Investment,
    Lease,
    Reason,
    Equipment,
    Model,
    Category,
    BillingUnit,
    TenantRate,
    ExternalRate,
    Slot,
    MinLength,
    MaxLength,
    Notice,
    Horizon,
    Buffer,
    Hours,
    Holidays,
    Approval,
    Booking,
    Purpose,
    Samples,
    Weeks,
    Downtime,
    Quota,
    Format,
    BookFree,
    OnClash,
    Note,
    Details,
    Course,
    CourseHours,
    Cohort,
    Title,
    Validity,
    Excused,
    Prerequisite,
    Capacity,
    Session,
    Instructor,
    Status,
    Enrolment,
    Qualification,
    Statement,
    Method,
    Amount,
    User,
    Role,
    Date,
    Time,
    Setting,
    Value,
    CheckInWindow,
    ClockTolerance,
    LeaseTerm,
    /// A machine's own check-in window, in the settings form.
    MachineWindow,
    From,
    To,
    /// The last day of a period, as people say it (the day before `To`).
    LastDay,
    Seed,
    Lang,
    Search,
    File,
    /// A billing party (청구처).
    Party,
    PartyKind,
    RateClass,
    /// A name in English, beside the Korean one.
    NameEn,
    /// A class discount or a volume tier's discount, in percent.
    Discount,
    /// A share in percent: of a cancelled booking's cost, or a voucher's.
    Share,
    /// A machine's unit rate for a class of user.
    Rate,
    /// The least a use is charged.
    MinimumCharge,
    /// The charge per hour of use assisted by the centre's staff.
    OperatorRate,
    /// The unit billed time is rounded up to, in minutes.
    Rounding,
    /// Minutes of notice from which cancelling is free.
    FreeCancel,
    /// A volume tier's threshold, in minutes a quarter.
    Tier,
    BookedMinutes,
    UsedMinutes,
    AssistedMinutes,
    /// Minutes the party was billed on the class of machine this quarter.
    QuarterMinutes,
    Quantity,
    UnitPrice,
    /// What is left of a party's voucher cap this year.
    VoucherRemaining,
    /// A project (과제), by code.
    Project,
    /// 과제번호.
    ProjectNumber,
    /// 전문기관: who funds a project or a voucher programme.
    Funder,
    /// The billing party a voucher programme's shares are billed to.
    Payer,
    Budget,
    /// A consumable (소모품), by code.
    Consumable,
    /// The share of a late cancellation's booked cost charged (a setting).
    LateCancelShare,
    /// The share of a no-show's booked cost charged (a setting).
    NoShowShare,
    /// Months overdue after which a party's bookings are blocked (a setting).
    ArrearsBlock,
    /// Months overdue after which a statement is surcharged (a setting).
    ArrearsSurcharge,
    /// The arrears surcharge in percent (a setting).
    SurchargeShare,
    /// Whether the booked time is billed when longer than the used (a setting).
    BookedTime,
    /// 승인번호: the number Hometax gave an issued tax document.
    ApprovalNo,
    /// The statement whose document a correction (수정세금계산서) corrects.
    Corrects,
    /// 상호: the centre's name as a supplier.
    TradeName,
    /// 사업장 주소: the centre's address as a supplier.
    Address,
    /// 업태: the centre's type of business as a supplier.
    BusinessType,
    /// 종목: the centre's items of business as a supplier.
    BusinessItem,
    /// A project's name (과제명).
    ProjectName,
    /// A voucher programme's name (사업명).
    ProgrammeName,
    /// A voucher programme (바우처 사업), by code.
    Programme,
    /// The share of a covered line a voucher programme pays.
    SupportShare,
    /// The most a programme pays for one party in one year.
    Cap,
    /// A machine's registration number in the national equipment portal.
    Nfec,
    /// How a consumable is counted.
    Unit,
    /// What of a deposit is handed back (보증금 반환액).
    Refund,
    /// A free note on a money entry (비고).
    Remark,
    /// A course's fee per enrolment (교육비).
    CourseFee,
    /// Whether a course fee bears VAT.
    FeeTax,
}

/// What was wrong with the value, and so what would be accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing was given where something is required.
    Empty,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Holds a control character (tab, newline, escape …).
    ControlCharacter,
    /// Holds a bidirectional override or isolate, which can make text read
    /// differently from what it is.
    BidiControl,
    /// Holds a character that shows as nothing (U+200B zero-width space,
    /// U+FEFF, a Hangul filler …): two names could look the same and differ.
    Invisible { code_point: char },
    /// Not in the expected shape; `example` shows one that is.
    Format { example: &'static str },
    /// A 사업자등록번호 that fails one of its rules.
    Brn(BrnProblem),
    /// A number outside `[min, max]`.
    OutOfRange { min: i64, max: i64 },
    /// A number outside `[min, max]`, bounds written as people type them
    /// (`0.01`, `9,917.36`), for numbers with decimals.
    Between { min: &'static str, max: &'static str },
    /// A date in the right form that is not on the calendar (2026-02-30, 2026-13-01).
    NoSuchDay,
    /// A time in the right form that is not on the clock (24:00, 25:00, 12:60).
    NoSuchTime,
    /// More decimal places than `max`.
    TooManyDecimals { max: u8 },
    /// Not one of the accepted words.
    OneOf { accepted: &'static [&'static str] },
    /// An account kiln does not know; `operators` are those it does.
    NotAnOperator { operators: Vec<String> },
    /// No such record: the code or number the user gave is unknown.
    NotFound,
    /// An end that is not after its start.
    EndNotAfterStart,
    /// A date before the earliest one allowed (`earliest`, `YYYY-MM-DD`).
    NotBefore { earliest: String },
    /// A date after the latest one allowed (`latest`, `YYYY-MM-DD` or `YYYY-MM`).
    NotAfter { latest: String },
    /// A file that would be overwritten.
    Exists,
    /// A setting that is the centre's alone, given for one machine.
    NotPerMachine,
    /// A field that a party of `kind` does not have (an individual's BRN).
    NotForKind { kind: &'static str },
    /// A project (or the like) that belongs to `party`, not to the one asked.
    OtherParty { party: String },
    /// Given together with `other`, where one or the other is taken.
    NotBoth { other: Field },
    /// A month no statement has been issued for yet: its drafts still bill
    /// everything in it, so nothing of it can be written off.
    NotIssued,
    /// A party's month that owes nothing beyond what was billed for it.
    NothingUnbilled,
    /// A statement of another month than the one named.
    OtherMonth { month: String },
    /// A file to write that is the database, or one of the files SQLite
    /// keeps beside it (`database` names which).
    IsDatabase { database: String },
}

/// The rules of a 사업자등록번호, each refused on its own so the message can say
/// which part is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrnProblem {
    /// Not ten digits (dashes aside).
    Length,
    /// The first three digits (tax-office code) are below 101.
    TaxOffice,
    /// The middle two digits are 00.
    Kind,
    /// The serial (digits 6–9) is 0000.
    Serial,
    /// The last digit does not match the check digit.
    CheckDigit,
}

/// A refused value: which field, what it was, and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: Field,
    pub value: String,
    pub problem: Problem,
}

impl Invalid {
    pub fn new(field: Field, value: impl Into<String>, problem: Problem) -> Self {
        Self { field, value: value.into(), problem }
    }
}

/// Attaches the field to a problem found by a parser that does not know it.
pub trait ForField<T> {
    fn field(self, field: Field, value: &str) -> Result<T, Invalid>;
}

impl<T> ForField<T> for Result<T, Problem> {
    fn field(self, field: Field, value: &str) -> Result<T, Invalid> {
        self.map_err(|problem| Invalid::new(field, value, problem))
    }
}
