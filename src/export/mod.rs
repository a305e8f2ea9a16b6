//! Writing what kiln holds to files others open: CSV with the same field
//! names as the JSON (so an export imports back), XLSX with Korean titles
//! for people, and iCalendar for bookings.

pub mod book;
pub mod bookings;
pub mod columns;
pub mod hometax;
pub mod sheet;
pub mod tables;

use crate::error::{Error, Result};
use crate::files::Target;

/// Writes rows as CSV, UTF-8 with a byte-order mark so Korean Excel opens
/// Hangul correctly; the header row holds the JSON field names.
pub fn write_csv(target: &Target, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| target.error(&e);
    let csv = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => target.error(&e),
        other => Error::Io(std::io::Error::other(format!("{other:?}"))),
    };
    let mut file = std::fs::File::create(target.path()).map_err(io)?;
    file.write_all("\u{feff}".as_bytes()).map_err(io)?;
    let mut w = csv::Writer::from_writer(file);
    w.write_record(headers).map_err(csv)?;
    for row in rows {
        w.write_record(row).map_err(csv)?;
    }
    w.flush().map_err(io)?;
    Ok(())
}

/// Writes `bytes` made in memory (a workbook, JSON, iCalendar) to `target`.
pub fn write_bytes(target: &Target, bytes: &[u8]) -> Result<()> {
    std::fs::write(target.path(), bytes).map_err(|e| target.error(&e))
}
