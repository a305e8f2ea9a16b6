//! The read queries of the reports (screen 6, `kiln report`).
