//! kiln runs the Gangwon ceramic new-materials industrialization support
//! centre: tenants, rooms and leases, shared equipment and its bookings, the
//! training programme, and the statements and reports the funders ask for.
//!
//! Layers point one way: `cli` and `tui` call `db` (use cases) and `report`
//! (read models), which call `domain` (pure rules).

pub mod cells;
pub mod cli;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod files;
pub mod i18n;
pub mod import;
pub mod report;
pub mod startup;
pub mod store;
pub mod tui;

pub use error::{Error, MigrateError, Refusal, Result};
