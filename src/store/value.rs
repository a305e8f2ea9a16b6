//! The values a query binds and reads, as both engines take them: each
//! engine's `value.rs` says how it stores a minute, a day, won and m².

use super::postgres::{PgColumn, PgParam};
use super::sqlite::{LiteColumn, LiteParam};

/// A value a query binds.
pub trait Param: LiteParam + PgParam {}

impl<T: LiteParam + PgParam> Param for T {}

/// A value a row's column is read as.
pub trait Column: LiteColumn + PgColumn {}

impl<T: LiteColumn + PgColumn> Column for T {}
