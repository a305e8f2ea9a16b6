//! `kiln check`: SQLite's own integrity checks, then kiln's invariants read
//! back from the data. The schema's triggers keep these on every write; the
//! check finds what got in around them (a hand edit in `sqlite3`, a file
//! restored from elsewhere, a bug).

use rusqlite::Connection;
use serde::Serialize;

use super::Store;
use crate::error::Result;
use crate::i18n::Lang;

/// One broken rule: which (a stable code, for scripts) and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// `booking_overlap`, `lease_overlap`, `cohort_over_capacity`,
    /// `building_area`, `statement_sum`, `statement_vat`, `overpaid`,
    /// `yearly_total`, `use_month`, `actual_after_recorded`,
    /// `check_out_before_check_in`, `actual_overlap`,
    /// `attendance_before_session`, `setting_value`.
    pub rule: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// What `PRAGMA integrity_check` found; empty when it says ok.
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_keys: Vec<String>,
    /// kiln's own rules found broken.
    pub invariants: Vec<Violation>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.invariants.is_empty()
    }

    pub fn problems(&self) -> usize {
        self.integrity.len() + self.foreign_keys.len() + self.invariants.len()
    }
}

/// Each invariant: its rule code, how a violation is said (a printf format
/// in Korean and in English, taking the same values in the same order) and
/// the query that finds them. Overlaps are found in one ordered pass (a
/// window over the rows by start), not by joining a table with itself, so the
/// check stays quick at a million bookings.
const INVARIANTS: &[(&str, &str, &str, &str)] = &[
    (
        "booking_overlap",
        "예약 #%d (%s, %s–%s)이(가) %s에 끝나는 앞 예약과 겹칩니다",
        "booking #%d (%s, %s–%s) overlaps an earlier booking ending %s",
        "SELECT printf(?1, b.id, e.code, b.start, b.end, b.prev_end)
           FROM (SELECT id, equipment_id, start, end,
                        max(end) OVER (PARTITION BY equipment_id ORDER BY start, id
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                   FROM booking INDEXED BY booking_active WHERE state IN ('requested', 'approved', 'in-use')) b
           JOIN equipment e ON e.id = b.equipment_id
          WHERE b.prev_end > b.start",
    ),
    (
        "lease_overlap",
        "입주계약 L-%04d (%s호, %s–%s)이(가) %s에 끝나는 앞 계약과 겹칩니다",
        "lease L-%04d (room %s, %s–%s) overlaps an earlier lease ending %s",
        "SELECT printf(?1, l.id, r.code, l.from_date, l.end_date, l.prev_end)
           FROM (SELECT id, room_id, from_date, end_date,
                        max(end_date) OVER (PARTITION BY room_id ORDER BY from_date, id
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                   FROM lease WHERE end_date > from_date) l
           JOIN room r ON r.id = l.room_id
          WHERE l.prev_end > l.from_date",
    ),
    (
        "cohort_over_capacity",
        "기수 %s-%s: 정원 %d명보다 많은 %d명이 등록되어 있습니다",
        "cohort %s-%s: %d seats but %d trainees",
        "SELECT printf(?1, co.code, c.code, c.capacity, count(*))
           FROM enrolment n JOIN cohort c ON c.id = n.cohort_id JOIN course co ON co.id = c.course_id
          WHERE n.status IN ('enrolled', 'completed', 'failed')
          GROUP BY c.id HAVING count(*) > c.capacity",
    ),
    (
        "building_area",
        "사용 중인 호실 면적 %.2f m²가 건물 6,611.57 m²(2,000평)보다 큽니다",
        "rooms in use cover %.2f m², more than the building's 6,611.57 m² (2,000 평)",
        "SELECT printf(?1, sum(area) / 100.0) FROM room WHERE retired_on IS NULL HAVING sum(area) > 661157",
    ),
    (
        "statement_sum",
        "청구서 %s: 공급가액 %d원이 내역 합계 %d원과 다릅니다",
        "statement %s: supply %d but its lines add up to %d",
        "SELECT printf(?1, s.number, s.supply, coalesce(sum(l.amount), 0))
           FROM statement s LEFT JOIN statement_line l ON l.statement_id = s.id
          GROUP BY s.id HAVING s.supply <> coalesce(sum(l.amount), 0)",
    ),
    (
        "statement_vat",
        "청구서 %s: 부가세 %d원·합계 %d원이 공급가액 %d원과 맞지 않습니다",
        "statement %s: VAT %d and total %d do not follow from supply %d",
        "SELECT printf(?1, number, vat, total, supply) FROM statement WHERE vat <> supply / 10 OR total <> supply + vat",
    ),
    (
        "overpaid",
        "청구서 %s: 청구액 %d원보다 많은 %d원이 납부되었습니다",
        "statement %s: %d billed but %d paid",
        "SELECT printf(?1, s.number, s.total, sum(p.amount))
           FROM statement s JOIN payment p ON p.statement_id = s.id
          GROUP BY s.id HAVING sum(p.amount) > s.total",
    ),
    (
        // The sums the dashboard reads are kept by triggers (migration 3);
        // a report written around them would leave them wrong.
        "yearly_total",
        "%d년 성과 합계(보고 %d건, 매출 %d원)가 기업별 연도 성과(보고 %d건, 매출 %d원)와 맞지 않습니다",
        "the kept sums of %d (%d reports, sales %d) differ from its yearly reports (%d reports, sales %d)",
        "SELECT printf(?1, coalesce(t.year, r.year), coalesce(t.reporting, 0), coalesce(t.sales, 0),
                       coalesce(r.reporting, 0), coalesce(r.sales, 0))
           FROM (SELECT year, count(*) AS reporting, sum(employees) AS employees, sum(sales) AS sales,
                        sum(exports) AS exports, sum(rnd_spend) AS rnd_spend, sum(patents_filed) AS filed,
                        sum(patents_granted) AS granted, sum(investment) AS investment
                   FROM yearly_report GROUP BY year) r
           FULL JOIN yearly_total t ON t.year = r.year
          WHERE (t.reporting IS NOT r.reporting OR t.employees IS NOT r.employees OR t.sales IS NOT r.sales
                 OR t.exports IS NOT r.exports OR t.rnd_spend IS NOT r.rnd_spend OR t.patents_filed IS NOT r.filed
                 OR t.patents_granted IS NOT r.granted OR t.investment IS NOT r.investment)
            AND NOT (r.year IS NULL AND t.reporting = 0)",
    ),
    (
        // The month's statements read completed use from sums kept by
        // triggers (migration 4); a booking written around them would
        // leave a correction unbilled.
        "use_month",
        "%s %s의 장비 사용 합계(%d원, %d건)가 완료된 예약(%d원, %d건)과 맞지 않습니다",
        "the kept use in %s of %s (%d won, %d bookings) differs from its completed bookings (%d won, %d)",
        "SELECT printf(?1, coalesce(t.month, b.month),
                       (SELECT name FROM company WHERE id = coalesce(t.company_id, b.company_id)), coalesce(t.charge, 0),
                       coalesce(t.bookings, 0), coalesce(b.charge, 0), coalesce(b.bookings, 0))
           FROM (SELECT substr(start, 1, 7) AS month, company_id, sum(charge) AS charge, count(*) AS bookings
                   FROM booking WHERE state = 'completed' AND company_id IS NOT NULL GROUP BY 1, 2) b
           FULL JOIN use_month t ON t.month = b.month AND t.company_id = b.company_id
          WHERE (t.charge IS NOT b.charge OR t.bookings IS NOT b.bookings)
            AND NOT (b.month IS NULL AND t.bookings = 0)",
    ),
    (
        // Issue 15: a recorded actual time lies no later than the moment it
        // was recorded (or last corrected by an admin).
        "actual_after_recorded",
        "예약 #%d (%s): 실제 사용 %s–%s이(가) 기록한 시각(입실 %s, 퇴실 %s)보다 뒤입니다",
        "booking #%d (%s): actual use %s to %s lies after it was recorded (check-in %s, check-out %s)",
        "SELECT printf(?1, b.id, e.code, b.actual_start, coalesce(b.actual_end, '…'), b.checked_in_at,
                       coalesce(b.checked_out_at, '-'))
           FROM booking b JOIN equipment e ON e.id = b.equipment_id
          WHERE (b.checked_in_at IS NOT NULL AND b.actual_start > max(b.checked_in_at, coalesce(b.corrected_at, '')))
             OR (b.checked_out_at IS NOT NULL AND b.actual_end > max(b.checked_out_at, coalesce(b.corrected_at, '')))",
    ),
    (
        "check_out_before_check_in",
        "예약 #%d (%s): 퇴실 %s이(가) 입실 %s보다 앞섭니다",
        "booking #%d (%s): check-out %s comes before check-in %s",
        "SELECT printf(?1, b.id, e.code, coalesce(b.checked_out_at, b.actual_end), coalesce(b.checked_in_at, b.actual_start))
           FROM booking b JOIN equipment e ON e.id = b.equipment_id
          WHERE b.checked_out_at < b.checked_in_at OR b.actual_end <= b.actual_start",
    ),
    (
        // Strict: a check-in is refused while the machine is in use, so an
        // overrun runs into the next booking's booked time, never into its
        // actual use; no flag excuses two people on one machine at once.
        "actual_overlap",
        "예약 #%d (%s, 실제 %s–%s)이(가) %s까지 쓴 앞 사용과 겹칩니다",
        "booking #%d (%s, actual %s to %s) overlaps earlier use that ran until %s",
        "SELECT printf(?1, b.id, e.code, b.actual_start, coalesce(b.actual_end, '…'), b.prev_end)
           FROM (SELECT id, equipment_id, actual_start, actual_end,
                        max(coalesce(actual_end, '9999-12-31 23:59')) OVER (PARTITION BY equipment_id ORDER BY actual_start, id
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                   FROM booking INDEXED BY booking_actual WHERE actual_start IS NOT NULL) b
           JOIN equipment e ON e.id = b.equipment_id
          WHERE b.prev_end > b.actual_start",
    ),
    (
        "attendance_before_session",
        "%s-%s %d회차(%s 시작) 출석이 시작 전 %s에 기록되었습니다",
        "attendance for %s-%s session %d (starting %s) was recorded before it started, at %s",
        "SELECT printf(?1, co.code, h.code, s.number, s.start, a.recorded_at)
           FROM attendance a JOIN session s ON s.id = a.session_id JOIN cohort h ON h.id = s.cohort_id
           JOIN course co ON co.id = h.course_id
          WHERE a.recorded_at < s.start",
    ),
];

fn texts(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map(params, |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Runs every check; violations are described in `lang`.
pub fn run(store: &Store, lang: Lang) -> Result<CheckReport> {
    let conn = store.conn();
    // SQLite may return its findings as one text of many lines, headed by
    // the schema's name; each line is one problem.
    let integrity: Vec<String> = texts(conn, "PRAGMA integrity_check", [])?
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| *l != "ok" && !l.starts_with("*** in database"))
        .map(str::to_owned)
        .collect();
    // A row that breaks a CHECK or NOT NULL (written around kiln) is not
    // damage; anything else is broken pages.
    let row_level = |l: &String| l.starts_with("CHECK constraint failed") || l.starts_with("NULL value in");
    if !integrity.iter().all(row_level) {
        // A damaged file: the other checks would read the same broken pages
        // and fail or mislead. The damage is what to report, and restore.
        return Ok(CheckReport { integrity, ..CheckReport::default() });
    }
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let foreign_keys = st
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!("{table} row {} → {parent}", rowid.map_or_else(|| "?".to_owned(), |n| n.to_string())))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut invariants = Vec::new();
    for (rule, ko, en, sql) in INVARIANTS {
        invariants.extend(texts(conn, sql, [lang.pick(ko, en)])?.into_iter().map(|detail| Violation { rule, detail }));
    }
    // Search keys are made by `domain::search`, which SQL cannot call.
    for (table, id) in super::search::stale(store.sql())? {
        let detail = match lang {
            Lang::Ko => format!("{table} #{id}의 검색 키가 이름·코드와 맞지 않습니다 (찾기에서 빠집니다)"),
            Lang::En => {
                format!("{table} #{id}: its search key does not match its names and codes (search would miss it)")
            }
        };
        invariants.push(Violation { rule: "search_key", detail });
    }
    // Settings are typed in `domain::setting`, which SQL cannot read.
    for (key, machine, value) in super::setting::unacceptable(conn)? {
        let at = machine.map(|m| format!(" ({m})")).unwrap_or_default();
        let detail = match lang {
            Lang::Ko => format!("설정 {key}{at}의 값 '{value}'은(는) kiln이 받지 않는 값입니다"),
            Lang::En => format!("setting {key}{at} holds '{value}', which kiln does not accept"),
        };
        invariants.push(Violation { rule: "setting_value", detail });
    }
    Ok(CheckReport { integrity, foreign_keys, invariants })
}
