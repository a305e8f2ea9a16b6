//! The invariants `kiln check` asks the file: each query returns the facts of
//! what it found, and the faces say them in the person's language. Overlaps
//! are found in one ordered pass (a window over the rows by start), not by
//! joining a table with itself, so the check stays quick at a million
//! bookings.

use crate::error::Result;
use crate::store::{Dialect, Row, Sql};

mod found;
mod money;

pub use found::Found;

/// A query's text, one for both engines or one each where the dialects
/// differ, and how a row of it says what was found.
pub(super) type Query = (Text, fn(&Row<'_, '_>) -> Result<Found>);

#[derive(Clone, Copy)]
pub(super) enum Text {
    Both(&'static str),
    Each { sqlite: &'static str, postgres: &'static str },
}

/// Each invariant the SQL finds, in the order they are reported.
const INVARIANTS: &[Query] = &[
    (
        Text::Both("SELECT b.id, e.code, b.start, b.end, b.prev_end
           FROM (SELECT id, equipment_id, start, end,
                        max(end) OVER (PARTITION BY equipment_id ORDER BY start, id
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                   FROM booking INDEXED BY booking_active WHERE state IN ('requested', 'approved', 'in-use')) b
           JOIN equipment e ON e.id = b.equipment_id
          WHERE b.prev_end > b.start"),
        |r| {
            Ok(Found::BookingOverlap {
                booking: r.get(0)?,
                equipment: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                prev_end: r.get(4)?,
            })
        },
    ),
    (
        Text::Both("SELECT l.id, r.code, l.from_date, l.end_date, l.prev_end
           FROM (SELECT id, room_id, from_date, end_date,
                        max(end_date) OVER (PARTITION BY room_id ORDER BY from_date, id
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                   FROM lease WHERE end_date > from_date) l
           JOIN room r ON r.id = l.room_id
          WHERE l.prev_end > l.from_date"),
        |r| {
            Ok(Found::LeaseOverlap {
                lease: r.get(0)?,
                room: r.get(1)?,
                from: r.get(2)?,
                end: r.get(3)?,
                prev_end: r.get(4)?,
            })
        },
    ),
    (
        Text::Both("SELECT co.code, c.code, c.capacity, count(*)
           FROM enrolment n JOIN cohort c ON c.id = n.cohort_id JOIN course co ON co.id = c.course_id
          WHERE n.status IN ('enrolled', 'completed', 'failed')
          GROUP BY c.id, co.id HAVING count(*) > c.capacity"),
        |r| Ok(Found::CohortOverCapacity { course: r.get(0)?, cohort: r.get(1)?, capacity: r.get(2)?, enrolled: r.get(3)? }),
    ),
    (
        Text::Both("SELECT sum(area) FROM room WHERE retired_on IS NULL HAVING sum(area) > 661157"),
        |r| Ok(Found::BuildingArea { in_use: r.get(0)? }),
    ),
    (
        Text::Both("SELECT s.number, s.supply, coalesce(sum(l.amount), 0)
           FROM statement s LEFT JOIN statement_line l ON l.statement_id = s.id
          GROUP BY s.id HAVING s.supply <> coalesce(sum(l.amount), 0)"),
        |r| Ok(Found::StatementSum { statement: r.get(0)?, supply: r.get(1)?, lines: r.get(2)? }),
    ),
    (
        Text::Both("SELECT number, vat, total, supply FROM statement
          WHERE vat <> (supply - exempt) / 10 OR total <> supply + vat"),
        |r| Ok(Found::StatementVat { statement: r.get(0)?, vat: r.get(1)?, total: r.get(2)?, supply: r.get(3)? }),
    ),
    (
        Text::Both("SELECT s.number, s.total, sum(p.amount)
           FROM statement s JOIN payment p ON p.statement_id = s.id
          GROUP BY s.id HAVING sum(p.amount) > s.total"),
        |r| Ok(Found::Overpaid { statement: r.get(0)?, total: r.get(1)?, paid: r.get(2)? }),
    ),
    (
        // The sums the dashboard reads are kept by triggers (migration 3);
        // a report written around them would leave them wrong.
        Text::Both("SELECT coalesce(t.year, r.year), coalesce(t.reporting, 0), coalesce(t.sales, 0),
                       coalesce(r.reporting, 0), coalesce(r.sales, 0)
           FROM (SELECT year, count(*) AS reporting, sum(employees) AS employees, sum(sales) AS sales,
                        sum(exports) AS exports, sum(rnd_spend) AS rnd_spend, sum(patents_filed) AS filed,
                        sum(patents_granted) AS granted, sum(investment) AS investment
                   FROM yearly_report GROUP BY year) r
           FULL JOIN yearly_total t ON t.year = r.year
          WHERE (t.reporting IS DISTINCT FROM r.reporting OR t.employees IS DISTINCT FROM r.employees OR t.sales IS DISTINCT FROM r.sales
                 OR t.exports IS DISTINCT FROM r.exports OR t.rnd_spend IS DISTINCT FROM r.rnd_spend OR t.patents_filed IS DISTINCT FROM r.filed
                 OR t.patents_granted IS DISTINCT FROM r.granted OR t.investment IS DISTINCT FROM r.investment)
            AND NOT (r.year IS NULL AND t.reporting = 0)"),
        |r| {
            Ok(Found::YearlyTotal {
                year: r.get(0)?,
                kept_reports: r.get(1)?,
                kept_sales: r.get(2)?,
                reports: r.get(3)?,
                sales: r.get(4)?,
            })
        },
    ),
    (
        // The month's statements read completed use from sums kept by
        // triggers (migration 4): what each party is billed (migration 15),
        // its charges less what voucher programmes paid (migration 12) and
        // its penalties. A booking written around them would leave a
        // correction unbilled.
        Text::Each {
            sqlite: "SELECT coalesce(t.month, b.month), (SELECT coalesce(c.name, y.name) FROM party y
                              LEFT JOIN company c ON c.id = y.company_id WHERE y.id = coalesce(t.party_id, b.party_id)),
                       coalesce(t.charge, 0), coalesce(t.bookings, 0), coalesce(b.charge, 0), coalesce(b.bookings, 0)
           FROM (SELECT substr(start, 1, 7) AS month, party_id,
                        sum(CASE WHEN state = 'completed' THEN charge - coalesce(voucher_share, 0) ELSE 0 END
                            + coalesce(penalty, 0)) AS charge, count(*) AS bookings
                   FROM booking WHERE (state = 'completed' OR penalty IS NOT NULL) AND party_id IS NOT NULL
                  GROUP BY 1, 2) b
           FULL JOIN party_month t ON t.month = b.month AND t.party_id = b.party_id
          WHERE (t.charge IS DISTINCT FROM b.charge OR t.bookings IS DISTINCT FROM b.bookings)
            AND NOT (b.month IS NULL AND t.bookings = 0)",
            // A month of a timestamp, as kiln writes one.
            postgres: "SELECT coalesce(t.month, b.month), (SELECT coalesce(c.name, y.name) FROM party y
                              LEFT JOIN company c ON c.id = y.company_id WHERE y.id = coalesce(t.party_id, b.party_id)),
                       coalesce(t.charge, 0), coalesce(t.bookings, 0), coalesce(b.charge, 0), coalesce(b.bookings, 0)
           FROM (SELECT to_char(start, 'YYYY-MM') AS month, party_id,
                        sum(CASE WHEN state = 'completed' THEN charge - coalesce(voucher_share, 0) ELSE 0 END
                            + coalesce(penalty, 0)) AS charge, count(*) AS bookings
                   FROM booking WHERE (state = 'completed' OR penalty IS NOT NULL) AND party_id IS NOT NULL
                  GROUP BY 1, 2) b
           FULL JOIN party_month t ON t.month = b.month AND t.party_id = b.party_id
          WHERE (t.charge IS DISTINCT FROM b.charge OR t.bookings IS DISTINCT FROM b.bookings)
            AND NOT (b.month IS NULL AND t.bookings = 0)",
        },
        |r| {
            Ok(Found::PartyMonth {
                month: r.get(0)?,
                company: r.get(1)?,
                kept_charge: r.get(2)?,
                kept_bookings: r.get(3)?,
                charge: r.get(4)?,
                bookings: r.get(5)?,
            })
        },
    ),
    (
        // Issue 15: a recorded actual time lies no later than the moment it
        // was recorded (or last corrected by an admin).
        Text::Each {
            sqlite: "SELECT b.id, e.code, b.actual_start, b.actual_end, b.checked_in_at, b.checked_out_at
           FROM booking b JOIN equipment e ON e.id = b.equipment_id
          WHERE (b.checked_in_at IS NOT NULL AND b.actual_start > max(b.checked_in_at, coalesce(b.corrected_at, '')))
             OR (b.checked_out_at IS NOT NULL AND b.actual_end > max(b.checked_out_at, coalesce(b.corrected_at, '')))",
            // greatest() passes over a NULL as SQLite's max() over the '' that
            // sorts first; a timestamp has no '' to compare with.
            postgres: "SELECT b.id, e.code, b.actual_start, b.actual_end, b.checked_in_at, b.checked_out_at
           FROM booking b JOIN equipment e ON e.id = b.equipment_id
          WHERE (b.checked_in_at IS NOT NULL AND b.actual_start > greatest(b.checked_in_at, b.corrected_at))
             OR (b.checked_out_at IS NOT NULL AND b.actual_end > greatest(b.checked_out_at, b.corrected_at))",
        },
        |r| {
            Ok(Found::ActualAfterRecorded {
                booking: r.get(0)?,
                equipment: r.get(1)?,
                actual_start: r.get(2)?,
                actual_end: r.get(3)?,
                checked_in_at: r.get(4)?,
                checked_out_at: r.get(5)?,
            })
        },
    ),
    (
        Text::Both("SELECT b.id, e.code, coalesce(b.checked_out_at, b.actual_end), coalesce(b.checked_in_at, b.actual_start)
           FROM booking b JOIN equipment e ON e.id = b.equipment_id
          WHERE b.checked_out_at < b.checked_in_at OR b.actual_end <= b.actual_start"),
        |r| {
            Ok(Found::CheckOutBeforeCheckIn {
                booking: r.get(0)?,
                equipment: r.get(1)?,
                check_out: r.get(2)?,
                check_in: r.get(3)?,
            })
        },
    ),
    (
        // Strict: a check-in is refused while the machine is in use, so an
        // overrun runs into the next booking's booked time, never into its
        // actual use; no flag excuses two people on one machine at once.
        Text::Both("SELECT b.id, e.code, b.actual_start, b.actual_end, b.prev_end
           FROM (SELECT id, equipment_id, actual_start, actual_end,
                        max(coalesce(actual_end, '9999-12-31 23:59')) OVER (PARTITION BY equipment_id ORDER BY actual_start, id
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                   FROM booking INDEXED BY booking_actual WHERE actual_start IS NOT NULL) b
           JOIN equipment e ON e.id = b.equipment_id
          WHERE b.prev_end > b.actual_start"),
        |r| {
            Ok(Found::ActualOverlap {
                booking: r.get(0)?,
                equipment: r.get(1)?,
                actual_start: r.get(2)?,
                actual_end: r.get(3)?,
                prev_end: r.get(4)?,
            })
        },
    ),
    (
        Text::Both("SELECT co.code, h.code, s.number, s.start, a.recorded_at
           FROM attendance a JOIN session s ON s.id = a.session_id JOIN cohort h ON h.id = s.cohort_id
           JOIN course co ON co.id = h.course_id
          WHERE a.recorded_at < s.start"),
        |r| {
            Ok(Found::AttendanceBeforeSession {
                course: r.get(0)?,
                cohort: r.get(1)?,
                session: r.get(2)?,
                start: r.get(3)?,
                recorded_at: r.get(4)?,
            })
        },
    ),
];

/// What SQLite's own integrity check says, as it says it. PostgreSQL has no
/// counterpart in its core: a damaged page fails the query that reads it
/// (and data checksums, where the cluster has them on, name it), and the
/// `amcheck` extension that verifies indexes needs a superuser to install.
/// So on PostgreSQL this finds nothing, and damage shows as an error of the
/// checks below.
pub fn integrity(db: Sql<'_>) -> Result<Vec<String>> {
    if db.dialect() == Dialect::Postgres {
        return Ok(Vec::new());
    }
    db.all("PRAGMA integrity_check", &[], |r| r.get(0))
}

/// Rows whose foreign key points nowhere: (table, rowid, parent table).
///
/// PostgreSQL enforces every foreign key itself (they are DEFERRABLE, never
/// NOT VALID), so no use case and no other program can leave one dangling;
/// only a superuser who turns the enforcement off
/// (`session_replication_role = replica`) can. As SQLite's
/// `foreign_key_check` does, this looks anyway: one anti-join per key, the
/// keys read from the catalog, so that a key added by a migration is
/// checked without a line here. The row is named by its `id` (SQLite's
/// rowid is the same column); a table without one names none.
pub fn foreign_keys(db: Sql<'_>) -> Result<Vec<(String, Option<i64>, String)>> {
    if db.dialect() == Dialect::Sqlite {
        return db.all("PRAGMA foreign_key_check", &[], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)));
    }
    let keys = db.all(
        "SELECT t.relname::text, quote_ident(t.relname), quote_ident(a.attname),
                p.relname::text, quote_ident(p.relname), quote_ident(pa.attname),
                EXISTS (SELECT 1 FROM pg_attribute i WHERE i.attrelid = c.conrelid AND i.attname = 'id' AND NOT i.attisdropped)
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_class p ON p.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
          WHERE c.contype = 'f' AND t.relnamespace = to_regnamespace(current_schema())
          ORDER BY t.relname, c.conname",
        &[],
        |r| {
            Ok(ForeignKey {
                table: r.get(0)?,
                child: r.get(1)?,
                column: r.get(2)?,
                parent_table: r.get(3)?,
                parent: r.get(4)?,
                parent_key: r.get(5)?,
                has_id: r.get(6)?,
            })
        },
    )?;
    let mut out = Vec::new();
    for k in keys {
        let ForeignKey { child, column, parent, parent_key: key, .. } = &k;
        let id = if k.has_id { "c.id" } else { "NULL::bigint" };
        let sql = format!(
            "SELECT {id} FROM {child} c WHERE c.{column} IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{column}) ORDER BY 1"
        );
        for row in db.all(&sql, &[], |r| r.get::<Option<i64>>(0))? {
            out.push((k.table.clone(), row, k.parent_table.clone()));
        }
    }
    Ok(out)
}

/// A foreign key as PostgreSQL's catalog has it: the tables' names as
/// shown, and as quoted for a query.
struct ForeignKey {
    table: String,
    child: String,
    column: String,
    parent_table: String,
    parent: String,
    parent_key: String,
    has_id: bool,
}

/// Everything the SQL invariants find, rule by rule.
pub fn invariants(db: Sql<'_>) -> Result<Vec<Found>> {
    let mut out = Vec::new();
    for (text, found) in INVARIANTS.iter().chain(money::INVARIANTS) {
        let sql = match *text {
            Text::Both(sql) => sql,
            Text::Each { sqlite, postgres } => db.pick(sqlite, postgres),
        };
        db.each(sql, &[], |r| {
            out.push(found(r)?);
            Ok(())
        })?;
    }
    Ok(out)
}
