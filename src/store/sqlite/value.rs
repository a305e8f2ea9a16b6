//! kiln's values as SQLite stores them: a minute as `2026-12-01 09:30`, a
//! day as `2026-12-01` (rusqlite's chrono form), won and hundredths of m²
//! as integers. The text forms sort as the values do, which the schema's
//! indexes and range checks rely on.

use chrono::NaiveDate;
use rusqlite::Error::FromSqlConversionFailure;
use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, Type, ValueRef};

use crate::domain::{Area, Minute, Won};
use crate::store::text::{stored_date, stored_minute};

/// A value a query binds, as SQLite takes it.
pub trait LiteParam {
    fn lite(&self) -> &dyn ToSql;
}

impl<T: ToSql> LiteParam for T {
    fn lite(&self) -> &dyn ToSql {
        self
    }
}

/// A value a row's column is read as, on SQLite. Kiln's own: a stored day is read by
/// [`stored_date`] rather than chrono's format-string parser, which cost a
/// screen with thousands of dates (the training programme's) a millisecond
/// a reload.
pub trait LiteColumn: Sized {
    fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self>;
}

/// The values rusqlite reads as kiln stores them.
macro_rules! as_rusqlite_reads {
    ($($t:ty),*) => {$(
        impl LiteColumn for $t {
            fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
                row.get(i)
            }
        }
    )*};
}

as_rusqlite_reads!(i64, i32, u32, u16, u8, f64, bool, String, Minute, Won, Area);

impl<T: LiteColumn> LiteColumn for Option<T> {
    fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        match row.get_ref(i)? {
            ValueRef::Null => Ok(None),
            _ => T::column(row, i).map(Some),
        }
    }
}

impl LiteColumn for NaiveDate {
    fn column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        let text = row.get_ref(i)?.as_str().map_err(|e| FromSqlConversionFailure(i, Type::Text, Box::new(e)))?;
        stored_date(text)
            .ok_or_else(|| FromSqlConversionFailure(i, Type::Text, format!("not a stored day: {text}").into()))
    }
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
