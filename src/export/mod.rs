//! Writing what kiln holds to files others open: CSV with the same field
//! names as the JSON (so an export imports back), XLSX with Korean titles
//! for people, and iCalendar for bookings.

pub mod book;
pub mod bookings;
pub mod columns;
pub mod sheet;
pub mod tables;

use std::path::Path;

use crate::error::Result;

/// Writes rows as CSV, UTF-8 with a byte-order mark so Korean Excel opens
/// Hangul correctly; the header row holds the JSON field names.
pub fn write_csv(path: &Path, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(file);
    w.write_record(headers).map_err(|e| csv_error(&e))?;
    for row in rows {
        w.write_record(row).map_err(|e| csv_error(&e))?;
    }
    w.flush()?;
    Ok(())
}

fn csv_error(e: &csv::Error) -> crate::error::Error {
    std::io::Error::other(e.to_string()).into()
}
