//! kiln's values as PostgreSQL stores them: a minute as `timestamp(0)` (so
//! that `EXCLUDE USING gist` can guard ranges of them), a day as `date`, a
//! month as `YYYY-MM` text, won, hundredths of m² and flags as `bigint`.
//!
//! The shared SQL texts were written for SQLite, which binds anything
//! anywhere; PostgreSQL infers each parameter's type from where it stands.
//! So a bound value is encoded for the type the server asked for (an id
//! compared with an `integer` cast, a minute concatenated as text), and a
//! column is read from whatever type the expression has (`sum` of `bigint`
//! is `numeric`, a comparison is `boolean`).

use std::borrow::Cow;
use std::error::Error as StdError;

use bytes::BytesMut;
use chrono::{NaiveDate, NaiveDateTime};
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};

use crate::domain::{Area, Minute, Won};

type Fail = Box<dyn StdError + Sync + Send>;

/// A value bound to a query, encoded once the server says what it expects.
#[derive(Debug)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Float(f64),
    Text(Cow<'a, str>),
    Minute(Minute),
    Date(NaiveDate),
}

/// A value a query binds, as PostgreSQL takes it.
pub trait PgParam {
    fn pg(&self) -> Value<'_>;
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl PgParam for $t {
            fn pg(&self) -> Value<'_> {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}

ints!(i64, i32, u32, u16, u8, i16, bool);

impl PgParam for usize {
    fn pg(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl PgParam for u64 {
    fn pg(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl PgParam for f64 {
    fn pg(&self) -> Value<'_> {
        Value::Float(*self)
    }
}

impl PgParam for str {
    fn pg(&self) -> Value<'_> {
        Value::Text(Cow::Borrowed(self))
    }
}

impl PgParam for String {
    fn pg(&self) -> Value<'_> {
        Value::Text(Cow::Borrowed(self))
    }
}

impl PgParam for Minute {
    fn pg(&self) -> Value<'_> {
        Value::Minute(*self)
    }
}

impl PgParam for NaiveDate {
    fn pg(&self) -> Value<'_> {
        Value::Date(*self)
    }
}

impl PgParam for Won {
    fn pg(&self) -> Value<'_> {
        Value::Int(self.0)
    }
}

impl PgParam for Area {
    fn pg(&self) -> Value<'_> {
        Value::Int(self.0)
    }
}

impl<T: PgParam> PgParam for Option<T> {
    fn pg(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, PgParam::pg)
    }
}

impl<T: PgParam + ?Sized> PgParam for &T {
    fn pg(&self) -> Value<'_> {
        (**self).pg()
    }
}

/// A value written into SQL text, for the few statements sent where
/// nothing can be bound (see `exec::literal_text`). kiln's connections keep
/// `standard_conforming_strings` on (PostgreSQL's default, and set when kiln
/// connects), so inside '…' the quote is the only character to double. Text
/// with a NUL, which no PostgreSQL text can hold, is refused.
pub(super) fn literal(v: &Value<'_>) -> crate::error::Result<String> {
    Ok(match v {
        Value::Null => "NULL".to_owned(),
        // Quoted too, so that the server reads a number as the type its
        // column has (a flag as `boolean`), as a bound value is encoded.
        Value::Int(i) => format!("'{i}'"),
        Value::Float(f) if f.is_finite() => format!("'{f:?}'"),
        Value::Float(f) => return Err(crate::store::EngineError::Shape(format!("{f} is not a number")).into()),
        Value::Text(t) if t.contains('\0') => {
            return Err(crate::store::EngineError::Shape("text holds a NUL character".to_owned()).into());
        }
        Value::Text(t) => format!("'{}'", t.replace('\'', "''")),
        Value::Minute(m) => format!("'{m}'"),
        Value::Date(d) => format!("'{}'", d.format("%Y-%m-%d")),
    })
}

fn is_text(ty: &Type) -> bool {
    [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME, Type::UNKNOWN].contains(ty)
}

fn minute_text(m: Minute) -> String {
    m.to_string()
}

impl ToSql for Value<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, Fail> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => int_to_sql(*n, ty, out),
            Value::Float(x) => match *ty {
                Type::FLOAT4 => (*x as f32).to_sql(ty, out),
                Type::NUMERIC => Err("a fraction cannot be bound as numeric".into()),
                _ if is_text(ty) => x.to_string().to_sql(&Type::TEXT, out),
                _ => x.to_sql(&Type::FLOAT8, out),
            },
            Value::Text(s) => match *ty {
                Type::TIMESTAMP => match crate::store::text::stored_minute(s) {
                    Some(m) => m.to_datetime().to_sql(ty, out),
                    None => Err(format!("not a minute: {s}").into()),
                },
                Type::DATE => match crate::store::text::stored_date(s) {
                    Some(d) => d.to_sql(ty, out),
                    None => Err(format!("not a day: {s}").into()),
                },
                _ => s.as_ref().to_sql(&Type::TEXT, out),
            },
            Value::Minute(m) => match *ty {
                Type::DATE => m.date().to_sql(ty, out),
                _ if is_text(ty) => minute_text(*m).to_sql(&Type::TEXT, out),
                _ => m.to_datetime().to_sql(&Type::TIMESTAMP, out),
            },
            Value::Date(d) => match *ty {
                Type::TIMESTAMP => d.and_time(chrono::NaiveTime::MIN).to_sql(ty, out),
                _ if is_text(ty) => d.format("%Y-%m-%d").to_string().to_sql(&Type::TEXT, out),
                _ => d.to_sql(&Type::DATE, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn int_to_sql(n: i64, ty: &Type, out: &mut BytesMut) -> Result<IsNull, Fail> {
    match *ty {
        Type::INT4 => i32::try_from(n)?.to_sql(ty, out),
        Type::INT2 => i16::try_from(n)?.to_sql(ty, out),
        Type::BOOL => (n != 0).to_sql(ty, out),
        Type::FLOAT8 => (n as f64).to_sql(ty, out),
        Type::FLOAT4 => (n as f32).to_sql(ty, out),
        Type::NUMERIC => {
            numeric_to_sql(n, out);
            Ok(IsNull::No)
        }
        _ if is_text(ty) => n.to_string().to_sql(&Type::TEXT, out),
        _ => n.to_sql(&Type::INT8, out),
    }
}

/// An integer in `numeric`'s binary form: base-10000 digits, most
/// significant first, with the weight of the first.
fn numeric_to_sql(n: i64, out: &mut BytesMut) {
    let mut digits = Vec::new();
    let mut rest = n.unsigned_abs();
    while rest > 0 {
        digits.push((rest % 10_000) as i16);
        rest /= 10_000;
    }
    digits.reverse();
    let weight = digits.len() as i16 - 1;
    out.extend_from_slice(&(digits.len() as i16).to_be_bytes());
    out.extend_from_slice(&weight.max(0).to_be_bytes());
    out.extend_from_slice(&(if n < 0 { 0x4000u16 } else { 0 }).to_be_bytes());
    out.extend_from_slice(&0i16.to_be_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_be_bytes());
    }
}

/// A column's value, whatever PostgreSQL type the expression has.
#[derive(Debug)]
pub enum Any {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
    Minute(NaiveDateTime),
    Date(NaiveDate),
}

impl<'a> FromSql<'a> for Any {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Any, Fail> {
        Ok(match *ty {
            Type::INT8 => Any::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Any::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Any::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::OID => Any::Int(i64::from(u32::from_sql(ty, raw)?)),
            Type::BOOL => Any::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::FLOAT8 => Any::Float(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Any::Float(f64::from(f32::from_sql(ty, raw)?)),
            Type::NUMERIC => numeric_from_sql(raw)?,
            Type::TIMESTAMP => Any::Minute(NaiveDateTime::from_sql(ty, raw)?),
            Type::DATE => Any::Date(NaiveDate::from_sql(ty, raw)?),
            Type::JSONB => Any::Text(String::from_utf8(raw.get(1..).unwrap_or_default().to_vec())?),
            _ => Any::Text(String::from_utf8(raw.to_vec())?),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Any, Fail> {
        Ok(Any::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// `numeric` (what `sum` and `avg` of integers give) as an integer when it
/// has no fraction, else as a float.
fn numeric_from_sql(raw: &[u8]) -> Result<Any, Fail> {
    let word = |i: usize| -> Result<i16, Fail> {
        let b = raw.get(i * 2..i * 2 + 2).ok_or("numeric too short")?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    };
    let (count, weight, sign) = (word(0)?, word(1)?, word(2)? as u16);
    if sign == 0xC000 {
        return Err("numeric NaN".into());
    }
    let mut whole: i128 = 0;
    let mut value = 0f64;
    let mut fraction = false;
    for i in 0..usize::try_from(count)? {
        let d = word(4 + i)?;
        let power = i32::from(weight) - i as i32;
        value += f64::from(d) * 10_000f64.powi(power);
        if power >= 0 {
            whole += i128::from(d) * 10_000i128.pow(power as u32);
        } else if d != 0 {
            fraction = true;
        }
    }
    let negative = sign == 0x4000;
    if fraction {
        return Ok(Any::Float(if negative { -value } else { value }));
    }
    let whole = i64::try_from(if negative { -whole } else { whole })?;
    Ok(Any::Int(whole))
}

/// A value a row's column is read as, on PostgreSQL.
pub trait PgColumn: Sized {
    /// `None` when the column holds a value of another kind.
    fn from_any(v: Any) -> Option<Self>;
}

impl PgColumn for i64 {
    fn from_any(v: Any) -> Option<Self> {
        match v {
            Any::Int(n) => Some(n),
            _ => None,
        }
    }
}

macro_rules! narrow_ints {
    ($($t:ty),*) => {$(
        impl PgColumn for $t {
            fn from_any(v: Any) -> Option<Self> {
                i64::from_any(v).and_then(|n| <$t>::try_from(n).ok())
            }
        }
    )*};
}

narrow_ints!(i32, u32, u16, u8, usize);

impl PgColumn for bool {
    fn from_any(v: Any) -> Option<Self> {
        i64::from_any(v).map(|n| n != 0)
    }
}

impl PgColumn for f64 {
    fn from_any(v: Any) -> Option<Self> {
        match v {
            Any::Float(x) => Some(x),
            Any::Int(n) => Some(n as f64),
            _ => None,
        }
    }
}

impl PgColumn for String {
    fn from_any(v: Any) -> Option<Self> {
        match v {
            Any::Text(s) => Some(s),
            Any::Minute(dt) => Some(minute_text(Minute::from_datetime(dt))),
            Any::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
            _ => None,
        }
    }
}

impl PgColumn for Minute {
    fn from_any(v: Any) -> Option<Self> {
        match v {
            Any::Minute(dt) => Some(Minute::from_datetime(dt)),
            Any::Text(s) => crate::store::text::stored_minute(&s),
            _ => None,
        }
    }
}

impl PgColumn for NaiveDate {
    fn from_any(v: Any) -> Option<Self> {
        match v {
            Any::Date(d) => Some(d),
            Any::Text(s) => crate::store::text::stored_date(&s),
            _ => None,
        }
    }
}

impl PgColumn for Won {
    fn from_any(v: Any) -> Option<Self> {
        i64::from_any(v).map(Won)
    }
}

impl PgColumn for Area {
    fn from_any(v: Any) -> Option<Self> {
        i64::from_any(v).map(Area)
    }
}

impl<T: PgColumn> PgColumn for Option<T> {
    fn from_any(v: Any) -> Option<Self> {
        match v {
            Any::Null => Some(None),
            v => T::from_any(v).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_reads_back_what_it_wrote() {
        for n in [0i64, 1, 9_999, 10_000, 123_456_789, -42, -10_000_001, i64::MAX / 3] {
            let mut out = BytesMut::new();
            numeric_to_sql(n, &mut out);
            match numeric_from_sql(&out) {
                Ok(Any::Int(m)) => assert_eq!(m, n),
                other => panic!("{n}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_numeric_with_a_fraction_is_a_float() {
        // 12.5: digits [12, 5000], weight 0, positive, dscale 1
        let raw: Vec<u8> = [2i16, 0, 0, 1, 12, 5000].iter().flat_map(|w| w.to_be_bytes()).collect();
        match numeric_from_sql(&raw) {
            Ok(Any::Float(x)) => assert!((x - 12.5).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
    }
}
