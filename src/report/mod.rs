//! Read models: what the dashboard and the reports show, computed by read-only
//! queries. Nothing here writes.

pub mod dashboard;
pub mod equipment;
pub mod occupancy;
pub mod overruns;
pub mod people;
pub mod programme;
pub mod sheets;
pub mod trends;
pub mod usage;
