//! Questions about the whole file.

use crate::error::Result;
use crate::store::Sql;

/// True if the database holds no companies, rooms or people yet.
pub fn is_empty(db: Sql<'_>) -> Result<bool> {
    let n: i64 = db.value(
        "SELECT (SELECT count(*) FROM company) + (SELECT count(*) FROM room) + (SELECT count(*) FROM person)",
        &[],
    )?;
    Ok(n == 0)
}
