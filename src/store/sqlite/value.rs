//! kiln's values as SQLite stores them: a minute as `2026-12-01 09:30`, a
//! day as `2026-12-01` (rusqlite's chrono form), won and hundredths of m²
//! as integers. The text forms sort as the values do, which the schema's
//! indexes and range checks rely on.

use chrono::NaiveDate;
use rusqlite::Error::FromSqlConversionFailure;
use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, Type, ValueRef};

use crate::domain::{Area, Minute, Won};

/// A value a query binds. PostgreSQL's engine adds its own encoding here.
pub trait Param {
    fn lite(&self) -> &dyn ToSql;
}

impl<T: ToSql> Param for T {
    fn lite(&self) -> &dyn ToSql {
        self
    }
}

/// A value a row's column is read as. Kiln's own: a stored day is read by
/// [`stored_date`] rather than chrono's format-string parser, which cost a
/// screen with thousands of dates (the training programme's) a millisecond
/// a reload.
pub trait Column: Sized {
    fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self>;
}

/// The values rusqlite reads as kiln stores them.
macro_rules! as_rusqlite_reads {
    ($($t:ty),*) => {$(
        impl Column for $t {
            fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
                row.get(i)
            }
        }
    )*};
}

as_rusqlite_reads!(i64, i32, u32, u16, u8, f64, bool, String, Minute, Won, Area);

impl<T: Column> Column for Option<T> {
    fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        match row.get_ref(i)? {
            ValueRef::Null => Ok(None),
            _ => T::column(row, i).map(Some),
        }
    }
}

impl Column for NaiveDate {
    fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        let text = row.get_ref(i)?.as_str().map_err(|e| FromSqlConversionFailure(i, Type::Text, Box::new(e)))?;
        stored_date(text)
            .ok_or_else(|| FromSqlConversionFailure(i, Type::Text, format!("not a stored day: {text}").into()))
    }
}

/// `YYYY-MM-DD` exactly, as kiln writes a day.
fn stored_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(b, 0, 4)?).ok()?, digits(b, 5, 7)?, digits(b, 8, 10)?)
}

fn digits(b: &[u8], from: usize, to: usize) -> Option<u32> {
    b.get(from..to)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
}

impl ToSql for Minute {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Minute {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        stored_minute(text).ok_or_else(|| FromSqlError::Other(format!("not a stored minute: {text}").into()))
    }
}

/// `YYYY-MM-DD HH:MM` exactly, as the schema's GLOB checks allow, read
/// without the forgiving parser people's input goes through.
fn stored_minute(text: &str) -> Option<Minute> {
    let b = text.as_bytes();
    if b.len() != 16 || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let date = stored_date(text.get(..10)?)?;
    let time = chrono::NaiveTime::from_hms_opt(digits(b, 11, 13)?, digits(b, 14, 16)?, 0)?;
    Some(Minute::from_datetime(date.and_time(time)))
}

impl ToSql for Won {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Won {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Won)
    }
}

impl ToSql for Area {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Area {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Area)
    }
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
