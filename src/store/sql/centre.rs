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

/// PostgreSQL: moves every table's id counter past the highest id stored,
/// after rows that were written with their ids (a demo, a copied centre).
/// SQLite finds the next id from the table itself; nothing to do there.
pub fn ids_past_the_highest(db: Sql<'_>) -> Result<()> {
    if db.dialect() == crate::store::Dialect::Sqlite {
        return Ok(());
    }
    db.batch(
        "DO $$
         DECLARE t record;
         BEGIN
           FOR t IN SELECT table_name FROM information_schema.columns
                     WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
           LOOP
             EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce((SELECT max(id) FROM %I), 0) + 1, false)',
                            t.table_name, t.table_name);
           END LOOP;
         END $$",
    )
}
