//! The invariants of money: who a booking is billed to and paid from, what
//! it is charged, and what voucher programmes paid.

use super::{Found, Query, Text};

pub(super) const INVARIANTS: &[Query] = &[
    (
        Text::Both(
            "SELECT b.id, e.code, y.code
           FROM booking b JOIN equipment e ON e.id = b.equipment_id LEFT JOIN party y ON y.id = b.party_id
          WHERE y.id IS NULL OR b.company_id IS DISTINCT FROM y.company_id",
        ),
        |r| Ok(Found::BookingParty { booking: r.get(0)?, equipment: r.get(1)?, party: r.get(2)? }),
    ),
    (
        Text::Both(
            "SELECT b.id, e.code, j.code
           FROM booking b JOIN equipment e ON e.id = b.equipment_id JOIN project j ON j.id = b.project_id
          WHERE b.party_id IS DISTINCT FROM j.party_id",
        ),
        |r| Ok(Found::BookingProject { booking: r.get(0)?, equipment: r.get(1)?, project: r.get(2)? }),
    ),
    (
        // What domain::pricing charges for use at a recorded rate: by the
        // minute from the hourly rate, truncated, or by the sample; plus
        // staff time rounded up to the slot at the recorded operator rate,
        // and the consumables at their recorded prices.
        Text::Both(
            "SELECT b.id, e.code, b.charge, b.priced
           FROM (SELECT b.id, b.equipment_id, b.charge,
                        CASE e.billing_unit WHEN 'hour' THEN b.rate * b.billed_minutes / 60
                             ELSE b.rate * b.actual_samples END
                        + coalesce(b.operator_rate * ((b.assisted_minutes + e.slot_minutes - 1) / e.slot_minutes
                                                      * e.slot_minutes) / 60, 0)
                        + coalesce((SELECT sum(u.quantity * u.unit_price) FROM booking_consumable u
                                     WHERE u.booking_id = b.id), 0) AS priced
                   FROM booking b JOIN equipment e ON e.id = b.equipment_id
                  WHERE b.state = 'completed' AND b.rate IS NOT NULL) b
           JOIN equipment e ON e.id = b.equipment_id
          WHERE b.charge <> b.priced",
        ),
        |r| Ok(Found::BookingCharge { booking: r.get(0)?, equipment: r.get(1)?, charge: r.get(2)?, priced: r.get(3)? }),
    ),
    (
        // A grant's kept sum is what its bookings drew, and within its cap.
        Text::Both(
            "SELECT v.code, y.code, g.year, g.cap, g.used, coalesce(s.drawn, 0)
           FROM voucher_grant g JOIN voucher_programme v ON v.id = g.programme_id JOIN party y ON y.id = g.party_id
           LEFT JOIN (SELECT voucher_grant_id, sum(voucher_share) AS drawn FROM booking
                       WHERE voucher_grant_id IS NOT NULL GROUP BY voucher_grant_id) s ON s.voucher_grant_id = g.id
          WHERE g.used > g.cap OR g.used <> coalesce(s.drawn, 0) OR coalesce(s.drawn, 0) > g.cap",
        ),
        |r| {
            Ok(Found::VoucherCap {
                programme: r.get(0)?,
                party: r.get(1)?,
                year: r.get(2)?,
                cap: r.get(3)?,
                used: r.get(4)?,
                drawn: r.get(5)?,
            })
        },
    ),
    (
        // A draw on a grant of the booking's own party and year, of a
        // completed use the programme covers (machine, class, day), at most
        // the programme's share of the charge.
        Text::Each {
            sqlite: "SELECT b.id, e.code, v.code
           FROM booking b JOIN equipment e ON e.id = b.equipment_id JOIN voucher_grant g ON g.id = b.voucher_grant_id
           JOIN voucher_programme v ON v.id = g.programme_id
          WHERE b.state <> 'completed' OR b.party_id <> g.party_id
             OR CAST(substr(b.start, 1, 4) AS INTEGER) <> g.year
             OR b.voucher_share > b.charge * v.share / 10000
             OR substr(b.start, 1, 10) < v.from_date OR substr(b.start, 1, 10) > v.last_day
             OR (EXISTS (SELECT 1 FROM voucher_machine m WHERE m.programme_id = v.id)
                 AND NOT EXISTS (SELECT 1 FROM voucher_machine m WHERE m.programme_id = v.id
                                    AND m.equipment_id = b.equipment_id))
             OR (EXISTS (SELECT 1 FROM voucher_class k WHERE k.programme_id = v.id)
                 AND NOT EXISTS (SELECT 1 FROM voucher_class k JOIN rate_class r ON r.id = k.class_id
                                  WHERE k.programme_id = v.id AND r.code = b.rate_class))",
            postgres: "SELECT b.id, e.code, v.code
           FROM booking b JOIN equipment e ON e.id = b.equipment_id JOIN voucher_grant g ON g.id = b.voucher_grant_id
           JOIN voucher_programme v ON v.id = g.programme_id
          WHERE b.state <> 'completed' OR b.party_id <> g.party_id
             OR extract(year FROM b.start) <> g.year
             OR b.voucher_share > b.charge * v.share / 10000
             OR CAST(b.start AS date) < v.from_date OR CAST(b.start AS date) > v.last_day
             OR (EXISTS (SELECT 1 FROM voucher_machine m WHERE m.programme_id = v.id)
                 AND NOT EXISTS (SELECT 1 FROM voucher_machine m WHERE m.programme_id = v.id
                                    AND m.equipment_id = b.equipment_id))
             OR (EXISTS (SELECT 1 FROM voucher_class k WHERE k.programme_id = v.id)
                 AND NOT EXISTS (SELECT 1 FROM voucher_class k JOIN rate_class r ON r.id = k.class_id
                                  WHERE k.programme_id = v.id AND r.code = b.rate_class))",
        },
        |r| Ok(Found::BookingVoucher { booking: r.get(0)?, equipment: r.get(1)?, programme: r.get(2)? }),
    ),

    (
        // A penalty is a share of the booked time at the recorded rate:
        // never more than all of it, and only on a cancellation or a no-show.
        Text::Each {
            sqlite: "SELECT b.id, e.code, b.penalty FROM booking b INDEXED BY booking_penalty_start
           JOIN equipment e ON e.id = b.equipment_id
          WHERE b.penalty IS NOT NULL
            AND (b.state NOT IN ('cancelled', 'no-show') OR b.rate IS NULL
                 OR b.penalty > CASE e.billing_unit
                                  WHEN 'hour' THEN b.rate * (((CAST(strftime('%s', b.end) AS INTEGER)
                                                             - CAST(strftime('%s', b.start) AS INTEGER)) / 60
                                                            + e.slot_minutes - 1) / e.slot_minutes * e.slot_minutes) / 60
                                  ELSE b.rate * b.samples END)",
            postgres: "SELECT b.id, e.code, b.penalty FROM booking b JOIN equipment e ON e.id = b.equipment_id
          WHERE b.penalty IS NOT NULL
            AND (b.state NOT IN ('cancelled', 'no-show') OR b.rate IS NULL
                 OR b.penalty > CASE e.billing_unit
                                  WHEN 'hour' THEN b.rate * ((CAST(extract(epoch FROM b.\"end\" - b.start) AS bigint) / 60
                                                            + e.slot_minutes - 1) / e.slot_minutes * e.slot_minutes) / 60
                                  ELSE b.rate * b.samples END)",
        },
        |r| Ok(Found::BookingPenalty { booking: r.get(0)?, equipment: r.get(1)?, penalty: r.get(2)? }),
    ),
    (
        // Only use of a month already issued is written off: before, it is
        // simply on the month's statement.
        Text::Both(
            "SELECT y.code, w.month, w.amount FROM write_off w JOIN party y ON y.id = w.party_id
          WHERE NOT EXISTS (SELECT 1 FROM statement s WHERE s.month = w.month)",
        ),
        |r| Ok(Found::WriteOff { party: r.get(0)?, month: r.get(1)?, amount: r.get(2)? }),
    ),
    (
        // A course fee line bills its enrolment's fee (or refunds it) to the
        // party charged, taxed as charged; a refund is for a seat
        // cancelled before its cohort's first session.
        Text::Both(
            "SELECT s.number, c.code || '/' || h.code, p.code, l.amount
           FROM statement_line l JOIN statement s ON s.id = l.statement_id
           JOIN enrolment e ON e.id = l.enrolment_id JOIN cohort h ON h.id = e.cohort_id
           JOIN course c ON c.id = h.course_id JOIN person p ON p.id = e.person_id
          WHERE l.kind = 'course-fee'
            AND (e.fee IS NULL OR s.party_id IS DISTINCT FROM e.party_id OR l.tax IS DISTINCT FROM e.fee_tax
                 OR (l.amount > 0 AND l.amount <> e.fee)
                 OR (l.amount <= 0 AND (l.amount <> -e.fee OR e.refunded_at IS NULL)))
         UNION ALL
         SELECT NULL, c.code || '/' || h.code, p.code, e.fee
           FROM enrolment e JOIN cohort h ON h.id = e.cohort_id
           JOIN course c ON c.id = h.course_id JOIN person p ON p.id = e.person_id
          WHERE e.refunded_at IS NOT NULL
            AND EXISTS (SELECT 1 FROM session x WHERE x.cohort_id = e.cohort_id AND x.start <= e.refunded_at)",
        ),
        |r| {
            Ok(Found::CourseFee {
                statement: r.get(0)?,
                cohort: r.get(1)?,
                person: r.get(2)?,
                amount: r.get(3)?,
            })
        },
    ),
    (
        // A voucher share is billed to its programme's payer, for the use
        // of the party whose booking drew it.
        Text::Both(
            "SELECT s.number, l.voucher, l.source FROM statement_line l INDEXED BY statement_line_source
           JOIN statement s ON s.id = l.statement_id LEFT JOIN voucher_programme v ON v.code = l.voucher
          WHERE l.kind = 'voucher'
            AND (v.payer_id IS DISTINCT FROM s.party_id
                 OR l.paid_for IS DISTINCT FROM (SELECT b.party_id FROM booking b WHERE b.id = CAST(l.source AS BIGINT)))",
        ),
        |r| Ok(Found::VoucherBilled { statement: r.get(0)?, programme: r.get(1)?, booking: r.get(2)? }),
    ),
    (
        // An approval number is one document's: a 세금계산서, a 계산서 or a
        // correction, whichever table records it.
        Text::Both(
            "SELECT approval_no, count(*) FROM (SELECT approval_no FROM tax_approval
                                                 UNION ALL SELECT approval_no FROM tax_correction) a
          GROUP BY approval_no HAVING count(*) > 1",
        ),
        |r| Ok(Found::ApprovalNo { approval: r.get(0)?, documents: r.get(1)? }),
    ),
];
