//! The text forms kiln writes days and minutes in (SQLite stores them so;
//! PostgreSQL takes them where a shared SQL text binds one), read strictly
//! and fast, without the forgiving parser people's input goes through.

use chrono::NaiveDate;

use crate::domain::Minute;

/// `YYYY-MM-DD` exactly, as kiln writes a day.
pub(crate) fn stored_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(b, 0, 4)?).ok()?, digits(b, 5, 7)?, digits(b, 8, 10)?)
}

fn digits(b: &[u8], from: usize, to: usize) -> Option<u32> {
    b.get(from..to)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
}

/// `YYYY-MM-DD HH:MM` exactly, as the SQLite schema's GLOB checks allow.
pub(crate) fn stored_minute(text: &str) -> Option<Minute> {
    let b = text.as_bytes();
    if b.len() != 16 || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let date = stored_date(text.get(..10)?)?;
    let time = chrono::NaiveTime::from_hms_opt(digits(b, 11, 13)?, digits(b, 14, 16)?, 0)?;
    Some(Minute::from_datetime(date.and_time(time)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_is_stored_as_its_text_and_read_back() {
        let m = Minute::parse("2026-12-01 09:30").unwrap_or(Minute(0));
        assert_eq!(stored_minute(&m.to_string()), Some(m));
        assert_eq!(stored_minute("2026-12-01T09:30"), None);
        assert_eq!(stored_minute("2026-12-01 9:30"), None);
        assert_eq!(stored_date("2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        for bad in ["2026-02-30", "2026-2-28", "2026/02/28", "2026-02-28 ", "２０２６-02-28"] {
            assert_eq!(stored_date(bad), None, "{bad}");
        }
    }
}
