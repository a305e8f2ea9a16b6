//! kiln's errors, typed. They are rendered once, at the edge (CLI line or TUI
//! status), in the user's language by `i18n::errors`.

use std::path::PathBuf;

use crate::domain::{Capability, Field, Invalid, Role, Won};
use crate::i18n::{Lang, errors::render};

/// A request a rule of the centre refused: the input was well formed, but
/// doing it would break a rule. The CLI exits 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The operator's role does not allow the write; `admins` can change that.
    NotPermitted { user: String, role: Option<Role>, need: Capability, admins: Vec<String> },
    /// The last admin cannot be demoted or removed.
    LastAdmin { user: String },
    /// A booking whose estimate would take its project past its budget.
    OverBudget { project: String, budget: Won, committed: Won, estimate: Won },
    /// A person books for a party they do not belong to.
    NotPartyMember { party: String, person: String },
    /// The party's oldest unpaid statement is past due by more than the
    /// centre allows (`arrears-block-months`).
    InArrears { party: String, statement: String, outstanding: Won, due: chrono::NaiveDate },
    /// An outside organisation given the BRN of a cluster company, whose
    /// party is the company's own.
    PartyIsCompany { brn: String, party: String },
    /// PostgreSQL itself refused (SQLSTATE 42501): the database role
    /// `user` lacks the grant, whatever kiln's operator list says.
    RoleDenied { user: String },
    /// A month is issued before the centre's details as a supplier are
    /// all set; `field` is the first missing (or, behind kiln, unfit).
    NoSupplier { field: Field },
    /// A tax document's buyer has no representative (the form's required
    /// 성명).
    NoRepresentative { statement: String, party: String, name: String },
    /// A deposit received in full already: what its last lease was signed with.
    DepositInFull { lease: String, agreed: Won },
    /// A deposit settled while the company still holds the room.
    DepositStillLeased { lease: String, last_day: String },
    /// A deposit settled with nothing held.
    NothingHeld { lease: String },
    /// A correction document confirmed before the document it corrects.
    OriginalWaiting { corrects: String },
    /// A month issued while a voucher programme with no payer paid a share
    /// of its use: no one could be billed the share.
    NoPayer { programme: String, month: String },
    /// A value that must be unique is taken.
    Duplicate { field: Field, value: String },
    /// The demo fills only an empty database.
    NotEmpty,
    /// `kiln check` found this many problems in the file.
    Integrity { problems: usize },
    /// The room is leased to another company over part of the period.
    LeaseOverlap { room: String, company: String, from: String, last_day: String },
    /// The room is retired: no new leases.
    RoomRetired { room: String },
    /// The company has graduated or withdrawn: no new leases.
    CompanyLeft { company: String, stage: crate::domain::Stage },
    /// The room is leased past the day it would be retired.
    RoomLeased { room: String, company: String, last_day: String },
    /// Yearly figures for a year before the company was admitted.
    ReportBeforeAdmission { year: i32, admitted: String },
    /// The lease has already ended.
    LeaseEnded { lease: String, last_day: String },
    /// The machine has active bookings ahead; they must be moved first.
    EquipmentBooked { equipment: String, bookings: i64 },
    /// The machine is retired.
    EquipmentRetired { equipment: String },
    /// The period breaks one of the machine's booking rules.
    BookingRule(crate::domain::booking::RuleBreak),
    /// The period overlaps another booking or a downtime; `free` is the
    /// nearest free period of the same length, if there is one.
    BookingClash { clash: Box<Clash>, free: Option<crate::domain::Period> },
    /// Some occurrences of a weekly series clash; nothing was booked.
    SeriesClashes { clashes: Vec<String> },
    /// The company would pass its monthly hours on the machine.
    QuotaExceeded { company: String, equipment: String, quota_hours: i64, used_minutes: i64, asking_minutes: i64 },
    /// The booking is not in a state that allows this.
    IllegalTransition {
        booking: i64,
        state: crate::domain::booking::BookingState,
        action: crate::domain::booking::Transition,
    },
    /// The downtime overlaps another downtime of the machine.
    DowntimeOverlap { start: String, end: String },
    /// The person lacks a prerequisite course (a manager may override with a reason).
    MissingPrerequisite { person: String, course: String, missing: Vec<String> },
    /// Capacity cannot go below the trainees already enrolled.
    CapacityBelowEnrolled { cohort: String, enrolled: i64 },
    /// The schema refused a seat: the cohort is full (a guard behind kiln's own count).
    CohortFull { cohort: String },
    /// The cohort is completed: no more enrolments, attendance or sessions.
    CohortCompleted { cohort: String },
    /// The session overlaps another of the cohort or of the room.
    SessionOverlap { start: String, end: String },
    /// The person holds no qualification valid on every day of the booking.
    NotQualified(Box<Unqualified>),
    /// A check-in outside the booking's window: from `from` (the machine's
    /// check-in window before its start) until `until` (its end).
    CheckInWindow { booking: i64, at: String, from: String, until: String },
    /// Another booking is using the machine (`booking` `None`: the schema's
    /// guard found it); `until` is when that use ended, if it has.
    MachineInUse { equipment: String, booking: Option<i64>, who: String, since: String, until: Option<String> },
    /// Recorded times are corrected only for use in progress (its start) or
    /// completed use.
    NotCorrectable { booking: i64, state: crate::domain::booking::BookingState },
    /// Attendance is marked once a session has started.
    SessionNotStarted { cohort: String, session: i64, start: String },
    /// A cohort completes once its last session has started.
    CohortNotOver { cohort: String, last_start: String },
    /// The person holds no place in the cohort.
    NotEnrolled { person: String, cohort: String },
    /// The rooms of the building would add up to more than its floor area.
    BuildingArea { total: i64, adding: i64, limit: i64 },
}

/// Why a person may not book a machine that requires a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unqualified {
    pub person: String,
    /// The courses any of which would qualify.
    pub courses: Vec<String>,
    /// The person's closest qualification, if any: (course, from, until, revoked).
    pub nearest: Option<(String, String, String, bool)>,
}

/// What a requested period ran into.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Clash {
    /// The clashing booking's id, or `None` for a downtime.
    pub booking: Option<i64>,
    /// The person and company booked, or the downtime's reason.
    pub who: String,
    pub start: crate::domain::Minute,
    pub end: crate::domain::Minute,
}

/// Why a CSV import was refused as a whole. Nothing was imported. The CLI
/// exits 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Rows that failed, in file order; the other rows were good but are not
    /// imported either, since an import is all or nothing.
    Rows(Vec<ImportFailure>),
    /// The bytes are not text in the encoding given or guessed (`utf-8`, `cp949`).
    Encoding { encoding: &'static str },
    /// The file holds no header row.
    Empty,
    /// The header names a column the table does not have; `accepted` are the
    /// field keys it does.
    UnknownColumn { column: String, accepted: Vec<&'static str> },
    /// Two header cells name the same field.
    RepeatedColumn { column: String },
    /// Columns the table needs that the header lacks (field keys).
    MissingColumns { missing: Vec<&'static str> },
}

/// One refused row: its line in the file (the header is line 1), the column
/// as its header is written, if the failure is about one, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFailure {
    pub line: u64,
    pub column: Option<String>,
    pub problem: RowProblem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A value a use case's validation refused.
    Invalid(Invalid),
    /// A rule refused the row against the database (a BRN taken …).
    Refused(Refusal),
    /// The row's key (BRN, code) is on an earlier line of the file too.
    Repeated { value: String, first_line: u64 },
    /// A company's left date whose stage is not graduated or withdrawn.
    LeftWithoutStage { value: String },
    /// More or fewer cells than the header has columns.
    Cells { found: usize, expected: usize },
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: the CLI exits 2.
    #[error("{}", render(self, Lang::En))]
    Invalid(Invalid),
    /// A rule refused the request: the CLI exits 1.
    #[error("{}", render(self, Lang::En))]
    Refused(Refusal),
    /// The database file does not exist and this command does not create one.
    #[error("{}", render(self, Lang::En))]
    NoDatabase { path: PathBuf },
    /// The file was written by a newer kiln; it is left untouched.
    #[error("{}", render(self, Lang::En))]
    SchemaTooNew { path: PathBuf, found: i64, supported: i64 },
    /// The file is not an SQLite database; it is left untouched.
    #[error("{}", render(self, Lang::En))]
    NotADatabase { path: PathBuf },
    /// The file is an SQLite database of another program; it is left untouched.
    #[error("{}", render(self, Lang::En))]
    ForeignDatabase { path: PathBuf },
    /// The database file, its folder or the disk under it failed kiln; the
    /// transaction was rolled back.
    #[error("{}", render(self, Lang::En))]
    Fault { path: PathBuf, fault: Fault },
    /// A write that recorded no audit entry: a bug in kiln, refused rather
    /// than committed.
    #[error("{}", render(self, Lang::En))]
    Unaudited,
    /// A file kiln reads or writes besides its database (an import, an
    /// export, a backup) failed: which file, and what is wrong with it. The
    /// CLI exits 1, as for the database's own faults.
    #[error("{}", render(self, Lang::En))]
    File { path: PathBuf, problem: FileProblem },
    /// The database file exists but is empty: only `kiln init` (or the
    /// interface's first run) makes a kiln database. The CLI exits 2.
    #[error("{}", render(self, Lang::En))]
    EmptyDatabase { path: PathBuf },
    /// The interface was started without a terminal to draw on.
    #[error("{}", render(self, Lang::En))]
    NoTerminal,
    /// An edit that names nothing to change. The CLI exits 2.
    #[error("{}", render(self, Lang::En))]
    NothingToChange,
    /// A CSV import refused: nothing was imported. The CLI exits 2.
    #[error("{}", render(self, Lang::En))]
    Import(ImportError),
    /// The PostgreSQL server named by `--db` could not be reached or
    /// refused the connection (the URL without its password, and why).
    #[error("{}", render(self, Lang::En))]
    Server { url: PathBuf, reason: String },
    /// `kiln backup` on a PostgreSQL database: that is pg_dump's work.
    #[error("{}", render(self, Lang::En))]
    BackupOnServer { url: PathBuf },
    /// `kiln migrate` refused, or found its copy unlike the source.
    #[error("{}", render(self, Lang::En))]
    Migrate(MigrateError),
    /// An error of the database engine that no rule explains.
    #[error("{}", render(self, Lang::En))]
    Engine(crate::store::EngineError),
    #[error("{}", render(self, Lang::En))]
    Io(#[from] std::io::Error),
}

/// Why `kiln migrate` refused, or what it found wrong with its copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrateError {
    /// The source (`--db`) is a database on a server, not a SQLite file.
    SourceOnServer { url: PathBuf },
    /// `--to` names a file, not a PostgreSQL database.
    TargetNotServer { target: PathBuf },
    /// The target already holds rows: `rows` in `table` (the first found).
    TargetNotEmpty { url: PathBuf, table: String, rows: i64 },
    /// The copy was committed, but `check` found problems in it or it
    /// differs from the source (`problems` findings in all).
    Unlike { url: PathBuf, problems: usize },
}

impl From<MigrateError> for Error {
    fn from(e: MigrateError) -> Self {
        Error::Migrate(e)
    }
}

/// What is wrong with a file kiln reads or writes besides its database, in
/// the words the edge renders (never the OS's English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    IsAFolder,
    /// A part of the path before the last is a file, not a folder.
    NotAFolder,
    NotFound,
    NoPermission,
    DiskFull,
    ReadOnlyDisk,
    AlreadyExists,
    /// Anything else, with the OS's own words.
    Other(String),
}

impl FileProblem {
    pub fn of(e: &std::io::Error) -> FileProblem {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::IsADirectory => FileProblem::IsAFolder,
            K::NotADirectory => FileProblem::NotAFolder,
            K::NotFound => FileProblem::NotFound,
            K::PermissionDenied => FileProblem::NoPermission,
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => FileProblem::DiskFull,
            K::ReadOnlyFilesystem => FileProblem::ReadOnlyDisk,
            K::AlreadyExists => FileProblem::AlreadyExists,
            _ => FileProblem::Other(e.to_string()),
        }
    }
}

/// What is wrong with the database file, its folder or the disk, rather
/// than with the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The account may read the file but not write it.
    ReadOnlyFile,
    /// SQLite cannot create or write the -wal and -shm files beside the
    /// database (a read-only folder, or those files left read-only).
    ReadOnlyFolder,
    DiskFull,
    /// A read or write failed: a full disk under a file-size limit, a
    /// removed or failing disk.
    Io,
    /// SQLite found a malformed page.
    Corrupt,
    /// Another process held the write lock past the busy timeout.
    Busy,
    /// The file cannot be opened or created at all.
    CantOpen,
}

impl From<Invalid> for Error {
    fn from(i: Invalid) -> Self {
        Error::Invalid(i)
    }
}

impl From<ImportError> for Error {
    fn from(e: ImportError) -> Self {
        Error::Import(e)
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused(r)
    }
}

impl Error {
    /// The CLI's exit status: 2 for bad input or usage, 1 for everything a
    /// rule or the environment refused.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_)
            | Error::NoDatabase { .. }
            | Error::EmptyDatabase { .. }
            | Error::Import(_)
            | Error::NothingToChange
            | Error::NoTerminal
            | Error::Migrate(MigrateError::SourceOnServer { .. } | MigrateError::TargetNotServer { .. }) => 2,
            _ => 1,
        }
    }

    /// Names the database file in an SQLite error about the file or the
    /// disk (read-only, full, damaged, busy, not a database), so that the
    /// message can say which file and what to do.
    #[must_use]
    pub fn on_file(self, path: &std::path::Path) -> Error {
        let Error::Engine(e) = &self else { return self };
        if e.not_a_database() {
            return Error::NotADatabase { path: path.to_owned() };
        }
        match e.fault() {
            Some(fault) => Error::Fault { path: path.to_owned(), fault },
            None => self,
        }
    }

    /// PostgreSQL's refusal for want of a privilege as kiln's refusal naming
    /// the database role `user`; any other error as it is.
    #[must_use]
    pub fn denied_to(self, user: &str) -> Error {
        match &self {
            Error::Engine(e) if e.denied() => Refusal::RoleDenied { user: user.to_owned() }.into(),
            _ => self,
        }
    }

    /// The schema's guard that refused a write, if that is what this is.
    pub fn guard(&self) -> Option<crate::store::Guard> {
        match self {
            Error::Engine(e) => e.guard(),
            _ => None,
        }
    }

    /// The one-line message in `lang`, as the command line prints it.
    pub fn message(&self, lang: Lang) -> String {
        render(self, lang)
    }

    /// The message as the interface shows it: advice that names a command
    /// line flag names what to do on screen instead.
    pub fn on_screen(&self, lang: Lang) -> String {
        crate::i18n::screen::on_screen(self, lang)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
