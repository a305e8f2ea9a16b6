//! The read queries of the reports (screen 6, `kiln report`), one file per
//! report; the reports in `crate::report` shape what these read.

pub mod dashboard;
pub mod equipment;
pub mod overruns;
pub mod people;
pub mod programme;
pub mod trends;
pub mod usage;
