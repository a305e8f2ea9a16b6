//! The engine layer under the store's use cases. `db` (the use cases: role,
//! validation, audit, naming the clash) knows no SQL engine; this module
//! owns every SQL text (`sql`, one file per area), the engines that run it
//! (`sqlite`, the embedded default, and `postgres`) and the mapping of each
//! engine's guard errors to the neutral [`Guard`]. docs/STORE.md says why the
//! seam has this shape.
//!
//! A query is written once, in the subset both engines speak, and bound
//! with typed values ([`Minute`](crate::domain::Minute), `NaiveDate`,
//! [`Won`](crate::domain::Won), [`Area`](crate::domain::Area)); where the
//! dialects differ, the area's function picks the engine's own text.

mod conn;
pub mod copy;
mod error;
mod exec;
mod postgres;
pub mod sql;
mod sqlite;
mod text;
mod value;

pub use conn::{Conn, Interrupter, Tx, is_server};
pub use error::EngineError;
pub use exec::{Dialect, Row, Sql};
pub use sqlite::{SCHEMA_VERSION, engine_version};
pub use value::{Column, Param};

/// A rule the schema itself refused: the last guard behind the use case's
/// own check. Each engine maps its errors to these in one table (SQLite: the
/// code a trigger raises and the extended result code; PostgreSQL: SQLSTATE
/// and constraint name), never by reading a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// A UNIQUE constraint (a BRN, an asset code, a room code …).
    Unique,
    BookingOverlap,
    /// Two bookings in use of one machine at once.
    ActualOverlap,
    DowntimeOverlap,
    LeaseOverlap,
    SessionOverlap,
    CohortFull,
    CapacityBelowEnrolled,
    AttendanceBeforeSession,
    BookingMomentFuture,
    BookingMomentMissing,
    BuildingArea,
    CompanyHasLeases,
    CompanyLeft,
    ReportBeforeAdmission,
    RoomLeased,
    RoomRetired,
    LastAdmin,
    AuditAppendOnly,
    StatementFrozen,
    QualificationHistory,
    /// A booking with no party, or billed to a company other than its party's.
    BookingParty,
    /// An outside organisation with the BRN of a cluster company.
    PartyIsCompany,
    /// A booking naming a project of another party.
    BookingProject,
    /// A grant drawn past its cap.
    VoucherCap,
    /// A booking drawing on another party's grant, another year's, or
    /// before it is completed.
    BookingVoucher,
    /// A statement naming a company other than its party's.
    StatementParty,
    /// A penalty on a booking neither cancelled nor a no-show.
    BookingPenalty,
    /// A deposit paid out (refunded or offset) beyond what is held.
    DepositHeld,
    /// A course fee charged for a waiting seat, refunded for one not
    /// cancelled, or changed once charged.
    EnrolmentFee,
    /// An approval number recorded for a second document.
    ApprovalOnce,
    /// A voucher programme's payer changed or taken away once given.
    VoucherPayer,
    /// A stored code in the wrong shape (`EQ-0007`, `301`).
    Code,
}

impl Guard {
    /// The guard's name in the schema: the code SQLite's triggers raise and
    /// the constraint names PostgreSQL's schema gives.
    pub const ALL: [(Guard, &'static str); 32] = [
        (Guard::BookingOverlap, "booking_overlap"),
        (Guard::ActualOverlap, "actual_overlap"),
        (Guard::DowntimeOverlap, "downtime_overlap"),
        (Guard::LeaseOverlap, "lease_overlap"),
        (Guard::SessionOverlap, "session_overlap"),
        (Guard::CohortFull, "cohort_full"),
        (Guard::CapacityBelowEnrolled, "capacity_below_enrolled"),
        (Guard::AttendanceBeforeSession, "attendance_before_session"),
        (Guard::BookingMomentFuture, "booking_moment_future"),
        (Guard::BookingMomentMissing, "booking_moment_missing"),
        (Guard::BuildingArea, "building_area"),
        (Guard::CompanyHasLeases, "company_has_leases"),
        (Guard::CompanyLeft, "company_left"),
        (Guard::ReportBeforeAdmission, "report_before_admission"),
        (Guard::RoomLeased, "room_leased"),
        (Guard::RoomRetired, "room_retired"),
        (Guard::LastAdmin, "last_admin"),
        (Guard::AuditAppendOnly, "audit_append_only"),
        (Guard::StatementFrozen, "statement_frozen"),
        (Guard::QualificationHistory, "qualification_history"),
        (Guard::BookingParty, "booking_party"),
        (Guard::PartyIsCompany, "party_is_company"),
        (Guard::BookingProject, "booking_project"),
        (Guard::VoucherCap, "voucher_cap"),
        (Guard::BookingVoucher, "booking_voucher"),
        (Guard::StatementParty, "statement_party"),
        (Guard::BookingPenalty, "booking_penalty"),
        (Guard::DepositHeld, "deposit_held"),
        (Guard::EnrolmentFee, "enrolment_fee"),
        (Guard::ApprovalOnce, "approval_once"),
        (Guard::VoucherPayer, "voucher_payer"),
        (Guard::Code, "code"),
    ];

    pub fn named(name: &str) -> Option<Guard> {
        Guard::ALL.iter().find(|(_, n)| *n == name).map(|(g, _)| *g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code a trigger of the SQLite schema raises is in the table, so
    /// no refusal of the schema reaches a person as "database error".
    #[test]
    fn every_raised_code_is_a_guard() {
        let mut found = 0;
        for text in sqlite::MIGRATIONS {
            for part in text.split("RAISE(ABORT,").skip(1) {
                let code = part.trim_start().trim_start_matches('\'');
                let code = code.split('\'').next().unwrap_or_default();
                assert!(Guard::named(code).is_some(), "trigger code {code} has no Guard");
                found += 1;
            }
        }
        assert!(found > 20);
    }

    /// PostgreSQL's migrations are numbered as SQLite's, one for one.
    #[test]
    fn both_engines_have_every_migration() {
        assert_eq!(sqlite::MIGRATIONS.len(), postgres::PG_MIGRATIONS.len());
    }
}
