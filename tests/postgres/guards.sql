-- Planted violations: each guard of migrations/postgres refuses what it
-- should, with the SQLSTATE and constraint name the engine maps, and lets
-- its allowed neighbour through.
--
-- Format. A block starts at a line `-- setup`; the plain SQL after it runs
-- first (it must succeed). Then pairs: a line `-- expect <SQLSTATE> <name>`
-- or `-- ok`, followed by exactly one statement (ending in `;`) that must
-- fail with that SQLSTATE and constraint name, or succeed. Each block runs
-- in a fresh database made from migrations 0001..0009; each expect/ok
-- statement in its own savepoint. Within a block the expects come before
-- the oks and the oks do not disturb one another, so the outcome is the same
-- whether an ok's savepoint is released or rolled back.
-- Instants are written as kiln stores them ('YYYY-MM-DD HH:MM').

-- ===== booking_overlap: active bookings of one machine, and bookings vs downtimes
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (2, 'EQ-0002', 'SEM', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (2, 1, 1, 1, 1, '2026-12-01 10:15', '2026-12-01 10:45', 'cancelled', '2026-11-20 09:00', 'op');
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (1, 1, '2026-12-01 14:00', '2026-12-01 15:00', 'maintenance', 'pending', '2026-11-20 09:00', 'op');
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (2, 1, '2026-12-01 16:00', '2026-12-01 17:00', 'fault', 'cancelled', '2026-11-20 09:00', 'op');
-- expect 23P01 booking_overlap
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (10, 1, 1, 1, 1, '2026-12-01 10:30', '2026-12-01 11:30', 'requested', '2026-11-21 09:00', 'op');
-- expect 23P01 booking_overlap
UPDATE booking SET state = 'requested' WHERE id = 2;
-- expect 23P01 booking_overlap
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (11, 1, 1, 1, 1, '2026-12-01 14:30', '2026-12-01 15:30', 'approved', '2026-11-21 09:00', 'op');
-- expect 23P01 booking_overlap
UPDATE booking SET start = '2026-12-01 13:30', "end" = '2026-12-01 14:30' WHERE id = 1;
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (20, 1, 1, 1, 1, '2026-12-01 11:00', '2026-12-01 12:00', 'approved', '2026-11-21 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (21, 1, 1, 1, 1, '2026-12-01 10:30', '2026-12-01 11:30', 'cancelled', '2026-11-21 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (22, 2, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-21 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (23, 1, 1, 1, 1, '2026-12-01 15:00', '2026-12-01 16:00', 'approved', '2026-11-21 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (24, 1, 1, 1, 1, '2026-12-01 16:00', '2026-12-01 17:00', 'requested', '2026-11-21 09:00', 'op');

-- ===== downtime_overlap: held downtimes of one machine, and active downtimes vs active bookings
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (2, 1, 1, 1, 1, '2026-12-01 16:30', '2026-12-01 17:30', 'approved', '2026-11-20 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (3, 1, 1, 1, 1, '2026-12-01 19:00', '2026-12-01 20:00', 'rejected', '2026-11-20 09:00', 'op');
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (1, 1, '2026-12-01 14:00', '2026-12-01 15:00', 'maintenance', 'pending', '2026-11-20 09:00', 'op');
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (2, 1, '2026-12-01 16:00', '2026-12-01 17:00', 'calibration', 'pending', '2026-11-20 09:00', 'op');
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (3, 1, '2026-12-01 18:00', '2026-12-01 19:00', 'fault', 'cancelled', '2026-11-20 09:00', 'op');
-- expect 23P01 downtime_overlap
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (10, 1, '2026-12-01 14:30', '2026-12-01 15:30', 'fault', 'pending', '2026-11-21 09:00', 'op');
-- expect 23P01 downtime_overlap
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (11, 1, '2026-12-01 10:30', '2026-12-01 11:30', 'fault', 'active', '2026-11-21 09:00', 'op');
-- expect 23P01 downtime_overlap
UPDATE downtime SET state = 'active' WHERE id = 2;
-- expect 23P01 downtime_overlap
UPDATE downtime SET "end" = '2026-12-01 16:30' WHERE id = 1;
-- ok
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (20, 1, '2026-12-01 09:30', '2026-12-01 10:30', 'maintenance', 'pending', '2026-11-21 09:00', 'op');
-- ok
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (21, 1, '2026-12-01 11:00', '2026-12-01 12:00', 'maintenance', 'active', '2026-11-21 09:00', 'op');
-- ok
INSERT INTO downtime (id, equipment_id, start, "end", reason, state, created_at, created_by) VALUES (22, 1, '2026-12-01 18:00', '2026-12-01 20:00', 'maintenance', 'active', '2026-11-21 09:00', 'op');
-- ok
UPDATE downtime SET state = 'active' WHERE id = 1;

-- ===== actual_overlap: two people never use one machine at once
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (2, 'EQ-0002', 'SEM', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, actual_end, charge, checked_in_at, checked_out_at, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'completed', '2026-12-01 10:00', '2026-12-01 11:00', 10000, '2026-12-01 10:00', '2026-12-01 11:00', '2026-11-20 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, checked_in_at, created_at, created_by) VALUES (2, 1, 1, 1, 1, '2026-12-01 13:00', '2026-12-01 14:00', 'in-use', '2026-12-01 13:00', '2026-12-01 13:00', '2026-11-20 09:00', 'op');
-- expect 23P01 actual_overlap
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, checked_in_at, created_at, created_by) VALUES (10, 1, 1, 1, 1, '2026-12-01 11:00', '2026-12-01 12:00', 'in-use', '2026-12-01 10:30', '2026-12-01 10:30', '2026-11-20 09:00', 'op');
-- expect 23P01 actual_overlap
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, checked_in_at, created_at, created_by) VALUES (11, 1, 1, 1, 1, '2026-12-01 15:00', '2026-12-01 16:00', 'in-use', '2026-12-01 15:00', '2026-12-01 15:00', '2026-11-20 09:00', 'op');
-- expect 23P01 actual_overlap
UPDATE booking SET actual_end = '2026-12-01 13:30', corrected_at = '2026-12-01 14:00' WHERE id = 1;
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, actual_end, charge, checked_in_at, checked_out_at, created_at, created_by) VALUES (20, 1, 1, 1, 1, '2026-12-01 11:00', '2026-12-01 12:00', 'completed', '2026-12-01 11:00', '2026-12-01 12:00', 10000, '2026-12-01 11:00', '2026-12-01 12:00', '2026-11-20 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, checked_in_at, created_at, created_by) VALUES (21, 2, 1, 1, 1, '2026-12-01 13:00', '2026-12-01 14:00', 'in-use', '2026-12-01 13:00', '2026-12-01 13:00', '2026-11-20 09:00', 'op');
-- ok
UPDATE booking SET actual_end = '2026-12-01 10:30', corrected_at = '2026-12-01 14:00' WHERE id = 1;

-- ===== lease_overlap: leases of one room, on [from_date, coalesce(ended_on, to_date))
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 5000);
INSERT INTO room (id, code, floor, kind, area) VALUES (2, '102', 1, 'office', 5000);
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (1, 1, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, ended_on, rent, fee, deposit, created_at) VALUES (2, 1, 1, '2027-01-01', '2028-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (3, 1, 1, '2025-01-01', '2026-01-01', 500000, 50000, 1000000, '2024-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, ended_on, rent, fee, deposit, created_at) VALUES (4, 1, 2, '2026-01-01', '2027-01-01', '2026-06-01', 500000, 50000, 1000000, '2025-12-01 09:00');
-- expect 23P01 lease_overlap
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (10, 1, 1, '2026-06-01', '2026-12-01', 500000, 50000, 1000000, '2026-05-01 09:00');
-- expect 23P01 lease_overlap
UPDATE lease SET to_date = '2026-02-01' WHERE id = 3;
-- expect 23P01 lease_overlap
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (11, 1, 2, '2026-05-01', '2026-07-01', 500000, 50000, 1000000, '2026-04-01 09:00');
-- ok
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (20, 1, 1, '2027-01-01', '2027-06-01', 500000, 50000, 1000000, '2026-05-01 09:00');
-- ok
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (21, 1, 2, '2026-06-01', '2027-01-01', 500000, 50000, 1000000, '2026-05-01 09:00');
-- ok
UPDATE lease SET ended_on = '2026-06-01' WHERE id = 1;

-- ===== session_overlap: sessions of one cohort, and sessions in one room
-- setup
INSERT INTO room (id, code, floor, kind, area) VALUES (1, 'C1', 2, 'classroom', 5000);
INSERT INTO room (id, code, floor, kind, area) VALUES (2, 'C2', 2, 'classroom', 5000);
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (1, 1, '2026-1', 10, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (2, 1, '2026-2', 10, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO session (id, cohort_id, number, start, "end", room_id) VALUES (1, 1, 1, '2026-12-01 10:00', '2026-12-01 12:00', 1);
-- expect 23P01 session_overlap
INSERT INTO session (id, cohort_id, number, start, "end", room_id) VALUES (10, 1, 2, '2026-12-01 11:00', '2026-12-01 13:00', NULL);
-- expect 23P01 session_overlap
INSERT INTO session (id, cohort_id, number, start, "end", room_id) VALUES (11, 2, 1, '2026-12-01 11:00', '2026-12-01 13:00', 1);
-- ok
INSERT INTO session (id, cohort_id, number, start, "end", room_id) VALUES (20, 1, 3, '2026-12-01 12:00', '2026-12-01 14:00', 1);
-- ok
INSERT INTO session (id, cohort_id, number, start, "end", room_id) VALUES (21, 2, 2, '2026-12-01 10:00', '2026-12-01 12:00', 2);
-- ok
INSERT INTO session (id, cohort_id, number, start, "end", room_id) VALUES (22, 2, 3, '2026-12-01 14:00', '2026-12-01 16:00', NULL);

-- ===== cohort_full: no seat beyond capacity, nobody seated ahead of someone waiting
-- setup
INSERT INTO person (id, code, name, created_at) VALUES (1, 'P-0001', 'Kim', '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (2, 'P-0002', 'Lee', '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (3, 'P-0003', 'Park', '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (4, 'P-0004', 'Choi', '2026-01-05 09:00');
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (1, 1, '2026-1', 2, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (2, 1, '2026-2', 2, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (1, 1, 1, 'enrolled', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (2, 1, 2, 'enrolled', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (3, 2, 1, 'enrolled', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (4, 2, 2, 'waitlisted', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (5, 2, 3, 'waitlisted', '2026-10-02 09:00');
-- expect 23514 cohort_full
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (10, 1, 3, 'enrolled', '2026-10-03 09:00');
-- expect 23514 cohort_full
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (11, 2, 4, 'enrolled', '2026-10-03 09:00');
-- expect 23514 cohort_full
UPDATE enrolment SET status = 'enrolled', promoted_at = '2026-10-03 09:00' WHERE id = 5;
-- ok
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (20, 1, 3, 'waitlisted', '2026-10-03 09:00');
-- ok
UPDATE enrolment SET status = 'enrolled', promoted_at = '2026-10-03 09:00' WHERE id = 4;
-- ok
UPDATE enrolment SET status = 'cancelled', cancelled_at = '2026-10-03 09:00' WHERE id = 2;

-- ===== capacity_below_enrolled: a cohort's capacity holds the seats taken
-- setup
INSERT INTO person (id, code, name, created_at) VALUES (1, 'P-0001', 'Kim', '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (2, 'P-0002', 'Lee', '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (3, 'P-0003', 'Park', '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (4, 'P-0004', 'Choi', '2026-01-05 09:00');
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (1, 1, '2026-1', 4, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (1, 1, 1, 'enrolled', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (2, 1, 2, 'enrolled', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at, certificate) VALUES (3, 1, 3, 'completed', '2026-10-02 09:00', 'C-2026-0001');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at, cancelled_at) VALUES (4, 1, 4, 'cancelled', '2026-10-02 09:00', '2026-10-05 09:00');
-- expect 23514 capacity_below_enrolled
UPDATE cohort SET capacity = 2 WHERE id = 1;
-- ok
UPDATE cohort SET capacity = 3 WHERE id = 1;
-- ok
UPDATE cohort SET code = '2026-1a' WHERE id = 1;

-- ===== attendance_before_session: attendance is recorded once the session has started
-- setup
INSERT INTO person (id, code, name, created_at) VALUES (1, 'P-0001', 'Kim', '2026-01-05 09:00');
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (1, 1, '2026-1', 10, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO session (id, cohort_id, number, start, "end") VALUES (1, 1, 1, '2026-12-01 10:00', '2026-12-01 12:00');
INSERT INTO session (id, cohort_id, number, start, "end") VALUES (2, 1, 2, '2026-12-02 10:00', '2026-12-02 12:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (1, 1, 1, 'enrolled', '2026-10-02 09:00');
INSERT INTO attendance (session_id, enrolment_id, status, recorded_at, recorded_by) VALUES (2, 1, 'present', '2026-12-02 10:30', 'op');
-- expect 23514 attendance_before_session
INSERT INTO attendance (session_id, enrolment_id, status, recorded_at, recorded_by) VALUES (1, 1, 'present', '2026-12-01 09:59', 'op');
-- expect 23514 attendance_before_session
UPDATE attendance SET recorded_at = '2026-12-02 09:00' WHERE session_id = 2 AND enrolment_id = 1;
-- ok
INSERT INTO attendance (session_id, enrolment_id, status, recorded_at, recorded_by) VALUES (1, 1, 'late', '2026-12-01 10:00', 'op');
-- ok
UPDATE attendance SET status = 'late', recorded_at = '2026-12-02 10:00' WHERE session_id = 2 AND enrolment_id = 1;

-- ===== booking_moment_future: nothing recorded for time that had not come
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (2, 'EQ-0002', 'SEM', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_moment_future
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, checked_in_at, created_at, created_by) VALUES (10, 1, 1, 1, 1, '2026-12-01 12:00', '2026-12-01 13:00', 'in-use', '2026-12-01 12:05', '2026-12-01 12:00', '2026-11-20 09:00', 'op');
-- expect 23514 booking_moment_future
UPDATE booking SET state = 'in-use', actual_start = '2026-12-01 10:10', checked_in_at = '2026-12-01 10:00' WHERE id = 1;
-- expect 23514 booking_moment_future
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, actual_end, charge, checked_in_at, checked_out_at, created_at, created_by) VALUES (11, 1, 1, 1, 1, '2026-12-01 14:00', '2026-12-01 15:00', 'completed', '2026-12-01 14:00', '2026-12-01 15:00', 10000, '2026-12-01 14:00', '2026-12-01 14:59', '2026-11-20 09:00', 'op');
-- expect 23514 booking_moment_future
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, actual_end, charge, checked_in_at, checked_out_at, created_at, created_by) VALUES (12, 1, 1, 1, 1, '2026-12-01 14:00', '2026-12-01 15:00', 'completed', '2026-12-01 14:00', '2026-12-01 15:00', 10000, '2026-12-01 16:00', '2026-12-01 15:30', '2026-11-20 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, actual_end, charge, checked_in_at, checked_out_at, created_at, created_by) VALUES (20, 2, 1, 1, 1, '2026-12-01 16:00', '2026-12-01 17:00', 'completed', '2026-12-01 15:50', '2026-12-01 17:00', 10000, '2026-12-01 16:00', '2026-12-01 17:05', '2026-11-20 09:00', 'op');
-- ok
UPDATE booking SET state = 'in-use', actual_start = '2026-12-01 10:10', checked_in_at = '2026-12-01 10:00', corrected_at = '2026-12-01 10:15' WHERE id = 1;

-- ===== booking_moment_missing: a move into use or out of it records its moment
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (2, 'EQ-0002', 'SEM', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, checked_in_at, created_at, created_by) VALUES (2, 2, 1, 1, 1, '2026-12-01 12:00', '2026-12-01 13:00', 'in-use', '2026-12-01 12:00', '2026-12-01 12:00', '2026-11-20 09:00', 'op');
-- expect 23514 booking_moment_missing
UPDATE booking SET state = 'in-use', actual_start = '2026-12-01 10:00' WHERE id = 1;
-- expect 23514 booking_moment_missing
UPDATE booking SET state = 'completed', actual_end = '2026-12-01 13:00', charge = 10000 WHERE id = 2;
-- ok
UPDATE booking SET state = 'in-use', actual_start = '2026-12-01 10:00', checked_in_at = '2026-12-01 10:00' WHERE id = 1;
-- ok
UPDATE booking SET state = 'completed', actual_end = '2026-12-01 13:00', charge = 10000, checked_out_at = '2026-12-01 13:00' WHERE id = 2;

-- ===== building_area: rooms in use never add up to more than 661,157 hundredths of m² (2,000 평)
-- setup
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 600000);
INSERT INTO room (id, code, floor, kind, area, retired_on) VALUES (2, '102', 1, 'office', 100000, '2025-01-01');
-- expect 23514 building_area
INSERT INTO room (id, code, floor, kind, area) VALUES (10, '201', 2, 'lab', 61158);
-- expect 23514 building_area
UPDATE room SET retired_on = NULL WHERE id = 2;
-- expect 23514 building_area
UPDATE room SET area = 661158 WHERE id = 1;
-- ok
INSERT INTO room (id, code, floor, kind, area) VALUES (20, '202', 2, 'lab', 61157);
-- ok
INSERT INTO room (id, code, floor, kind, area, retired_on) VALUES (21, '203', 2, 'lab', 999999, '2025-01-01');
-- ok
UPDATE room SET area = 500000 WHERE id = 1;

-- ===== company_has_leases: a company leaves only once its leases end by then
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (2, '1000000002', 'Beta', 'bio', 'bukpyeong', 'early', '2024-03-01');
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 5000);
INSERT INTO room (id, code, floor, kind, area) VALUES (2, '102', 1, 'office', 5000);
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (1, 1, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, ended_on, rent, fee, deposit, created_at) VALUES (2, 2, 2, '2026-01-01', '2027-01-01', '2026-03-01', 500000, 50000, 1000000, '2025-12-01 09:00');
-- expect 23514 company_has_leases
UPDATE company SET stage = 'graduated', left_on = '2026-06-30' WHERE id = 1;
-- ok
UPDATE company SET stage = 'graduated', left_on = '2027-01-01' WHERE id = 1;
-- ok
UPDATE company SET stage = 'withdrawn', left_on = '2026-03-01' WHERE id = 2;

-- ===== company_left: no new lease to a company that has left
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on, left_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'graduated', '2020-03-01', '2025-12-31');
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on, left_on) VALUES (2, '1000000002', 'Beta', 'bio', 'bukpyeong', 'withdrawn', '2020-03-01', '2025-12-31');
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (3, '1000000003', 'Gamma', 'other', 'gangneung', 'pre-startup', '2025-03-01');
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 5000);
-- expect 23514 company_left
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (10, 1, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
-- expect 23514 company_left
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (11, 2, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
-- ok
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (20, 3, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');

-- ===== report_before_admission: no yearly report for a year before the company came
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
-- expect 23514 report_before_admission
INSERT INTO yearly_report (company_id, year, employees, updated_at) VALUES (1, 2023, 5, '2026-01-10 09:00');
-- ok
INSERT INTO yearly_report (company_id, year, employees, updated_at) VALUES (1, 2024, 5, '2026-01-10 09:00');

-- ===== room_leased: a room is retired only when no lease runs past the retirement
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 5000);
INSERT INTO room (id, code, floor, kind, area) VALUES (2, '102', 1, 'office', 5000);
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (1, 1, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, ended_on, rent, fee, deposit, created_at) VALUES (2, 1, 2, '2026-01-01', '2027-01-01', '2026-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
-- expect 23514 room_leased
UPDATE room SET retired_on = '2026-06-30' WHERE id = 1;
-- ok
UPDATE room SET retired_on = '2027-01-01' WHERE id = 1;
-- ok
UPDATE room SET retired_on = '2026-01-01' WHERE id = 2;

-- ===== room_retired: no new lease on a retired room
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO room (id, code, floor, kind, area, retired_on) VALUES (1, '101', 1, 'office', 5000, '2025-12-31');
INSERT INTO room (id, code, floor, kind, area) VALUES (2, '102', 1, 'office', 5000);
-- expect 23514 room_retired
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (10, 1, 1, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
-- ok
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (20, 1, 2, '2026-01-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');

-- ===== last_admin: the last admin is neither demoted nor removed
-- setup
INSERT INTO operator (name, role, added_at, added_by) VALUES ('alice', 'admin', '2026-01-05 09:00', 'install');
INSERT INTO operator (name, role, added_at, added_by) VALUES ('carol', 'viewer', '2026-01-05 09:00', 'alice');
-- expect 23514 last_admin
UPDATE operator SET role = 'viewer' WHERE name = 'alice';
-- expect 23514 last_admin
DELETE FROM operator WHERE name = 'alice';
-- ok
UPDATE operator SET role = 'admin' WHERE name = 'alice';
-- ok
DELETE FROM operator WHERE name = 'carol';

-- ===== last_admin, with two admins: one may go, not both
-- setup
INSERT INTO operator (name, role, added_at, added_by) VALUES ('alice', 'admin', '2026-01-05 09:00', 'install');
INSERT INTO operator (name, role, added_at, added_by) VALUES ('bob', 'admin', '2026-01-05 09:00', 'alice');
-- expect 23514 last_admin
UPDATE operator SET role = 'viewer' WHERE role = 'admin';
-- expect 23514 last_admin
DELETE FROM operator;
-- ok
UPDATE operator SET role = 'equipment-manager' WHERE name = 'alice';

-- ===== audit_append_only: the audit log is appended to, never changed
-- setup
INSERT INTO audit_log (id, at, who, entity, entity_id, action, before, after) VALUES (1, '2026-12-01 09:00', 'alice', 'company', '1', 'add', NULL, '{"name": "Alpha"}');
-- expect 23514 audit_append_only
UPDATE audit_log SET who = 'mallory' WHERE id = 1;
-- expect 23514 audit_append_only
DELETE FROM audit_log WHERE id = 1;
-- expect 23514 audit_append_only
TRUNCATE audit_log;
-- expect 23514 audit_log_after_check
INSERT INTO audit_log (id, at, who, entity, entity_id, action, before, after) VALUES (3, '2026-12-01 09:05', 'alice', 'company', '1', 'edit', NULL, '{"name": ');
-- ok
INSERT INTO audit_log (id, at, who, entity, entity_id, action, before, after) VALUES (2, '2026-12-01 09:05', 'alice', 'company', '1', 'edit', '{"name": "Alpha"}', '{"name": "Alpha Co."}');

-- ===== statement_frozen: an issued statement and its lines never change
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO statement (id, number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES (1, '2026-12-0001', 1, 1, '2026-11', '2026-12-01', '2026-12-31', 550000, 55000, 605000, 'alice');
INSERT INTO statement_line (id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount, source) VALUES (1, 1, 1, 'rent', '101', '2026-11', 1, 'month', 500000, 500000, 'L-1');
-- expect 23514 statement_frozen
UPDATE statement SET due_on = '2027-01-31' WHERE id = 1;
-- expect 23514 statement_frozen
DELETE FROM statement WHERE id = 1;
-- expect 23514 statement_frozen
UPDATE statement_line SET amount = 0 WHERE id = 1;
-- expect 23514 statement_frozen
DELETE FROM statement_line WHERE id = 1;
-- ok
INSERT INTO statement_line (id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount, source) VALUES (2, 1, 2, 'fee', '101', '2026-11', 1, 'month', 50000, 50000, 'L-1');
-- ok
INSERT INTO payment (id, statement_id, paid_on, amount, method, recorded_at, recorded_by) VALUES (1, 1, '2026-12-10', 605000, 'transfer', '2026-12-10 14:00', 'alice');

-- ===== qualification_history: a qualification's terms are kept; revoking keeps the row
-- setup
INSERT INTO person (id, code, name, created_at) VALUES (1, 'P-0001', 'Kim', '2026-01-05 09:00');
INSERT INTO course (id, code, title, hours, validity_months, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, 24, '2026-01-05 09:00');
INSERT INTO qualification (id, person_id, course_id, valid_from, valid_until, origin, reason, granted_at, granted_by) VALUES (1, 1, 1, '2026-01-10', '2028-01-09', 'manual', 'certified elsewhere', '2026-01-10 09:00', 'alice');
-- expect 23514 qualification_history
UPDATE qualification SET valid_until = '2029-01-09' WHERE id = 1;
-- expect 23514 qualification_history
DELETE FROM qualification WHERE id = 1;
-- ok
UPDATE qualification SET revoked_at = '2026-06-01 10:00', revoked_by = 'alice', revoke_reason = 'misuse' WHERE id = 1;
-- ok
INSERT INTO qualification (id, person_id, course_id, valid_from, valid_until, origin, reason, granted_at, granted_by) VALUES (2, 1, 1, '2028-01-10', '2030-01-09', 'manual', 'renewed', '2027-12-10 09:00', 'alice');

-- ===== code: a stored code in the wrong shape
-- setup
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 5000);
-- expect 23514 code
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-12', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
-- expect 23514 code
INSERT INTO room (id, code, floor, kind, area) VALUES (2, '', 1, 'office', 5000);
-- expect 23514 code
INSERT INTO person (id, code, name, created_at) VALUES (1, 'X-0001', 'Kim', '2026-01-05 09:00');
-- expect 23514 code
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'kiln-101', 'Kiln basics', 16, '2026-01-05 09:00');
-- ok
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0007', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
-- ok
INSERT INTO room (id, code, floor, kind, area) VALUES (2, '301', 3, 'lab', 5000);
-- ok
INSERT INTO person (id, code, name, created_at) VALUES (1, 'P-00012', 'Kim', '2026-01-05 09:00');
-- ok
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00');

-- ===== UNIQUE (23505): a BRN, a setting per key and machine, one place per cohort
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO setting (key, equipment_id, value, set_at, set_by) VALUES ('booking.notice', NULL, '60', '2026-01-05 09:00', 'alice');
INSERT INTO person (id, code, name, created_at) VALUES (1, 'P-0001', 'Kim', '2026-01-05 09:00');
INSERT INTO course (id, code, title, hours, created_at) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00');
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (1, 1, '2026-1', 10, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (1, 1, 1, 'enrolled', '2026-10-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at, cancelled_at) VALUES (2, 1, 1, 'cancelled', '2026-09-02 09:00', '2026-09-03 09:00');
-- expect 23505 company_brn_key
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (2, '1000000001', 'Alpha again', 'glass', 'gangneung', 'growth', '2024-03-01');
-- expect 23505 setting_key
INSERT INTO setting (key, equipment_id, value, set_at, set_by) VALUES ('booking.notice', NULL, '30', '2026-01-06 09:00', 'alice');
-- expect 23505 enrolment_once
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (3, 1, 1, 'waitlisted', '2026-10-03 09:00');
-- ok
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (2, '1000000002', 'Beta', 'glass', 'gangneung', 'growth', '2024-03-01');
-- ok
INSERT INTO setting (key, equipment_id, value, set_at, set_by) VALUES ('booking.notice', 1, '30', '2026-01-06 09:00', 'alice');
-- ok
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at, cancelled_at) VALUES (4, 1, 1, 'cancelled', '2026-10-03 09:00', '2026-10-03 09:00');

-- ===== booking_party: a booking names its party, and bills the company of a company's party
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO person (id, code, name, created_at) VALUES (2, 'P-0002', 'Lee', '2026-01-05 09:00');
INSERT INTO party (id, code, kind, name, person_id) VALUES (2, 'BP-0002', 'individual', 'Lee', 2);
INSERT INTO party (id, code, kind, name, brn) VALUES (3, 'BP-0003', 'organisation', 'Uni', '2208203117');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_party
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (10, 1, 2, 1, 2, '2026-12-02 10:00', '2026-12-02 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_party
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (11, 1, 2, NULL, 1, '2026-12-02 10:00', '2026-12-02 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_party
UPDATE booking SET party_id = 3 WHERE id = 1;
-- expect 23514 party_is_company
INSERT INTO party (id, code, kind, name, brn) VALUES (4, 'BP-0004', 'organisation', 'Alpha again', '1000000001');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (20, 1, 2, NULL, 2, '2026-12-02 10:00', '2026-12-02 11:00', 'approved', '2026-11-20 09:00', 'op');
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (21, 1, 1, NULL, 3, '2026-12-03 10:00', '2026-12-03 11:00', 'approved', '2026-11-20 09:00', 'op');
-- ok
UPDATE booking SET company_id = NULL, party_id = 3 WHERE id = 1;

-- ===== booking_project: a booking is paid only from a project of its own party
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO party (id, code, kind, name, brn) VALUES (2, 'BP-0002', 'organisation', 'Uni', '2208203117');
INSERT INTO project (id, code, party_id, name, number, funder, from_date, last_day, budget, created_at) VALUES (1, 'PJ-0001', 1, 'Sintering', 'RS-1', 'KEIT', '2026-01-01', '2026-12-31', 1000000, '2026-01-05 09:00');
INSERT INTO project (id, code, party_id, name, number, funder, from_date, last_day, created_at) VALUES (2, 'PJ-0002', 2, 'Glazes', 'RS-2', 'NRF', '2026-01-01', '2026-12-31', '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_project
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, project_id, start, "end", state, created_at, created_by) VALUES (10, 1, 1, 1, 1, 2, '2026-12-02 10:00', '2026-12-02 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_project
UPDATE booking SET project_id = 2 WHERE id = 1;
-- expect 23514 booking_project
UPDATE booking SET company_id = NULL, party_id = 2, project_id = 1 WHERE id = 1;
-- ok
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, project_id, start, "end", state, created_at, created_by) VALUES (20, 1, 1, 1, 1, 1, '2026-12-02 10:00', '2026-12-02 11:00', 'approved', '2026-11-20 09:00', 'op');
-- ok
UPDATE booking SET company_id = NULL, party_id = 2, project_id = 2 WHERE id = 1;

-- ===== voucher_cap and booking_voucher: a grant is never drawn past its cap, and only by a completed booking of its own party and year
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO party (id, code, kind, name, brn) VALUES (2, 'BP-0002', 'organisation', 'Uni', '2208203117');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO voucher_programme (id, code, name, funder, share, cap, from_date, last_day, created_at) VALUES (1, 'VP-0001', 'Equipment voucher', 'MSIT', 7000, 10000, '2026-01-01', '2026-12-31', '2026-01-05 09:00');
INSERT INTO voucher_grant (id, programme_id, party_id, year, cap, granted_at, granted_by) VALUES (1, 1, 1, 2026, 10000, '2026-01-05 09:00', 'op');
INSERT INTO voucher_grant (id, programme_id, party_id, year, cap, granted_at, granted_by) VALUES (2, 1, 2, 2026, 10000, '2026-01-05 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, actual_start, actual_end, billed_minutes, rate, charge, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-11-02 10:00', '2026-11-02 11:00', 'completed', '2026-11-02 10:00', '2026-11-02 11:00', 60, 10000, 10000, '2026-10-20 09:00', 'op');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (2, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
-- ok
UPDATE booking SET voucher_grant_id = 1, voucher_share = 7000 WHERE id = 1;
-- expect 23514 voucher_cap
UPDATE booking SET voucher_grant_id = 1, voucher_share = 10001 WHERE id = 1;
-- expect 23514 voucher_cap
UPDATE voucher_grant SET used = 10001 WHERE id = 1;
-- expect 23514 booking_voucher
UPDATE booking SET voucher_grant_id = 2, voucher_share = 7000 WHERE id = 1;
-- expect 23514 booking_voucher
UPDATE booking SET voucher_grant_id = 1, voucher_share = 700 WHERE id = 2;
-- expect 23514 booking_voucher
UPDATE booking SET voucher_grant_id = 1 WHERE id = 1;

-- ===== statement_party: a statement names its party's company, or none for another party
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (2, '1000000002', 'Beta', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO party (id, code, kind, name, brn) VALUES (3, 'BP-0003', 'organisation', 'Uni', '2208203117');
-- ok
INSERT INTO statement (number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES ('2026-10-0001', 1, 1, '2026-10', '2026-11-05', '2026-12-04', 100, 10, 110, 'op');
-- ok
INSERT INTO statement (number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES ('2026-10-0002', 3, NULL, '2026-10', '2026-11-05', '2026-12-04', 100, 10, 110, 'op');
-- expect 23514 statement_party
INSERT INTO statement (number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES ('2026-10-0003', 1, 2, '2026-10', '2026-11-05', '2026-12-04', 100, 10, 110, 'op');
-- expect 23514 statement_party
INSERT INTO statement (number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES ('2026-10-0004', 3, 1, '2026-10', '2026-11-05', '2026-12-04', 100, 10, 110, 'op');

-- ===== booking_penalty: only a cancelled booking or a no-show is charged a penalty
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO equipment (id, code, name, category, billing_unit, tenant_rate, external_rate, slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours, holidays_bookable, needs_approval, created_at) VALUES (1, 'EQ-0001', 'XRD', 'analysis', 'hour', 10000, 20000, 30, 30, 240, 0, 60, 0, 'mon-fri 09:00-18:00', 0, 0, '2026-01-05 09:00');
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, created_at, created_by) VALUES (1, 1, 1, 1, 1, '2026-12-01 10:00', '2026-12-01 11:00', 'approved', '2026-11-20 09:00', 'op');
-- expect 23514 booking_penalty
UPDATE booking SET penalty = 5000 WHERE id = 1;
-- ok
UPDATE booking SET state = 'cancelled', penalty = 5000, rate = 10000 WHERE id = 1;
-- expect 23514 booking_penalty
INSERT INTO booking (id, equipment_id, person_id, company_id, party_id, start, "end", state, penalty, created_at, created_by) VALUES (2, 1, 1, 1, 1, '2026-12-02 10:00', '2026-12-02 11:00', 'approved', 100, '2026-11-20 09:00', 'op');

-- ===== deposit_held: no more of a deposit is refunded or offset than the company's entries for the room hold
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (2, '1000000002', 'Beta', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO room (id, code, floor, kind, area) VALUES (1, '101', 1, 'office', 5000);
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (1, 1, 1, '2026-01-01', '2026-07-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (2, 1, 1, '2026-07-01', '2027-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO lease (id, company_id, room_id, from_date, to_date, rent, fee, deposit, created_at) VALUES (3, 2, 1, '2027-01-01', '2028-01-01', 500000, 50000, 1000000, '2025-12-01 09:00');
INSERT INTO deposit_entry (lease_id, kind, on_date, amount, recorded_at, recorded_by) VALUES (1, 'received', '2026-01-02', 1000000, '2026-01-02 09:00', 'op');
-- expect 23514 deposit_held
INSERT INTO deposit_entry (lease_id, kind, on_date, amount, recorded_at, recorded_by) VALUES (2, 'refunded', '2027-01-05', 1000001, '2027-01-05 09:00', 'op');
-- expect 23514 deposit_held
INSERT INTO deposit_entry (lease_id, kind, on_date, amount, recorded_at, recorded_by) VALUES (3, 'refunded', '2028-01-05', 1, '2028-01-05 09:00', 'op');
-- expect 23514 statement_frozen
UPDATE deposit_entry SET amount = 5;
-- ok
INSERT INTO deposit_entry (lease_id, kind, on_date, amount, recorded_at, recorded_by) VALUES (2, 'refunded', '2027-01-05', 1000000, '2027-01-05 09:00', 'op');

-- ===== enrolment_fee: a charged seat names who pays and when, a waiting seat is never charged, a charge stays as it was
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (1, 'P-0001', 'Kim', 1, '2026-01-05 09:00');
INSERT INTO person (id, code, name, company_id, created_at) VALUES (2, 'P-0002', 'Lee', 1, '2026-01-05 09:00');
INSERT INTO course (id, code, title, hours, created_at, fee) VALUES (1, 'KILN-101', 'Kiln basics', 16, '2026-01-05 09:00', 300000);
INSERT INTO cohort (id, course_id, code, capacity, opens_on, closes_on, created_at) VALUES (1, 1, '2026-1', 1, '2026-11-01', '2026-11-20', '2026-10-01 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at, fee, fee_tax, party_id, charged_at) VALUES (1, 1, 1, 'enrolled', '2026-11-02 09:00', 300000, 'exempt', 1, '2026-11-02 09:00');
INSERT INTO enrolment (id, cohort_id, person_id, status, enrolled_at) VALUES (2, 1, 2, 'waitlisted', '2026-11-02 09:05');
-- expect 23514 enrolment_fee
UPDATE enrolment SET fee = 5, fee_tax = 'exempt', party_id = 1, charged_at = '2026-11-02 09:05' WHERE id = 2;
-- expect 23514 enrolment_fee
UPDATE enrolment SET fee = 1 WHERE id = 1;
-- expect 23514 enrolment_fee
UPDATE enrolment SET refunded_at = '2026-11-03 09:00' WHERE id = 1;
-- expect 23514 enrolment_fee
UPDATE enrolment SET party_id = NULL WHERE id = 1;
-- ok
UPDATE enrolment SET status = 'cancelled', cancelled_at = '2026-11-03 09:00', refunded_at = '2026-11-03 09:00' WHERE id = 1;

-- ===== approval_once: an approval number is one document's, a 세금계산서's or a correction's
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO statement (id, number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES (1, '2026-10-0001', 1, 1, '2026-10', '2026-11-05', '2026-12-04', 100, 10, 110, 'op');
INSERT INTO statement (id, number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES (2, '2026-11-0001', 1, 1, '2026-11', '2026-12-05', '2027-01-04', -50, -5, -55, 'op');
INSERT INTO tax_approval (statement_id, kind, approval_no, confirmed_on, confirmed_by) VALUES (1, 'tax-invoice', '202611054100000000000001', '2026-11-06', 'op');
-- expect 23505 approval_once
INSERT INTO tax_correction (statement_id, corrects_id, reason, approval_no, confirmed_on, confirmed_by) VALUES (2, 1, 2, '202611054100000000000001', '2026-12-06', 'op');
-- ok
INSERT INTO tax_correction (statement_id, corrects_id, reason, approval_no, confirmed_on, confirmed_by) VALUES (2, 1, 2, '202612064100000000000002', '2026-12-06', 'op');

-- ===== voucher_payer: a programme's payer is given once, and kept
-- setup
INSERT INTO company (id, brn, name, sector, zone, stage, admitted_on) VALUES (1, '1000000001', 'Alpha', 'glass', 'gangneung', 'growth', '2024-03-01');
INSERT INTO voucher_programme (id, code, name, funder, share, cap, from_date, last_day, created_at) VALUES (1, 'VP-0001', 'Shared equipment', 'Ministry', 7000, 1000000, '2026-01-01', '2026-12-31', '2026-01-05 09:00');
INSERT INTO voucher_programme (id, code, name, funder, share, cap, from_date, last_day, created_at, payer_id) VALUES (2, 'VP-0002', 'Regional', 'Province', 5000, 1000000, '2026-01-01', '2026-12-31', '2026-01-05 09:00', 1);
INSERT INTO statement (id, number, party_id, company_id, month, issued_on, due_on, supply, vat, total, issued_by) VALUES (1, '2026-11-0001', 1, 1, '2026-11', '2026-12-05', '2027-01-04', 100, 10, 110, 'op');
-- expect 23514 voucher_payer
UPDATE voucher_programme SET payer_from = '2026-11-01' WHERE id = 1;
-- ok
UPDATE voucher_programme SET payer_id = 1, payer_from = '2026-11-01' WHERE id = 1;
-- expect 23514 voucher_payer
UPDATE voucher_programme SET payer_id = 1 WHERE id = 2;
-- expect 23514 voucher_payer
UPDATE voucher_programme SET payer_id = NULL WHERE id = 2;
-- expect 23514 statement_line_paid_for
INSERT INTO statement_line (statement_id, position, kind, subject, detail, quantity, unit, amount, source, voucher) VALUES (1, 1, 'voucher', 'EQ-0001 FE-SEM', '11-02 09:00–13:00', 4, 'hour', 100, '1', 'VP-0001');
-- ok
INSERT INTO statement_line (statement_id, position, kind, subject, detail, quantity, unit, amount, source, voucher, paid_for) VALUES (1, 1, 'voucher', 'EQ-0001 FE-SEM', '11-02 09:00–13:00', 4, 'hour', 100, '1', 'VP-0001', 1);
