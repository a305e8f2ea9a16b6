//! The centre's values and rules as pure functions: no I/O, no SQL, no
//! terminal. Everything here can be tested without a database.

pub mod actual;
pub mod area;
pub mod booking;
pub mod brn;
pub mod clock;
pub mod codes;
pub mod company;
pub mod consumable;
pub mod contact;
pub mod corporate_no;
pub mod deposit;
pub mod equipment;
pub mod holidays;
pub mod invalid;
pub mod lease;
pub mod money;
pub mod party;
pub mod percent;
pub mod period;
pub mod person;
pub mod pricing;
pub mod project;
pub mod role;
pub mod room;
pub mod search;
pub mod setting;
pub mod statement;
pub mod supplier;
pub mod tax_correction;
pub mod tax_document;
pub mod text;
pub mod time;
pub mod training;
pub mod voucher;
pub mod yearly;

pub use area::Area;
pub use brn::Brn;
pub use clock::{Clock, FixedClock, SystemClock};
pub use codes::{
    Attendance, BillingUnit, Category, DowntimeReason, EnrolmentStatus, PartyKind, PaymentMethod, RoomKind, Sector,
    Stage, Zone,
};
pub use corporate_no::CorporateNo;
pub use invalid::{BrnProblem, Field, ForField, Invalid, Problem};
pub use money::Won;
pub use percent::Percent;
pub use period::Period;
pub use role::{Capability, Role};
pub use time::Minute;
