-- kiln schema, migration 1: operators, the audit log, companies, rooms, people.
--
-- Every rule that two terminals could break between a read and a write lives
-- here, as a CHECK, a UNIQUE, a foreign key or a trigger that aborts with a
-- short code (RAISE(ABORT, 'code')) that db/ turns into a friendly message.
-- Instants are TEXT 'YYYY-MM-DD HH:MM' (KST), dates TEXT 'YYYY-MM-DD', money
-- INTEGER won, areas INTEGER hundredths of m². Tables are STRICT.

-- An OS account that may use kiln, and what it may do.
CREATE TABLE operator (
    name      TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
    role      TEXT NOT NULL CHECK (role IN ('admin', 'equipment-manager', 'viewer')),
    added_at  TEXT NOT NULL CHECK (added_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
    added_by  TEXT NOT NULL
) STRICT;

-- There is always an admin once there is anyone: the last one cannot be
-- demoted or removed.
CREATE TRIGGER operator_keeps_an_admin_on_update
BEFORE UPDATE OF role ON operator
WHEN OLD.role = 'admin' AND NEW.role <> 'admin'
     AND (SELECT count(*) FROM operator WHERE role = 'admin') = 1
BEGIN
    SELECT RAISE(ABORT, 'last_admin');
END;

CREATE TRIGGER operator_keeps_an_admin_on_delete
BEFORE DELETE ON operator
WHEN OLD.role = 'admin' AND (SELECT count(*) FROM operator WHERE role = 'admin') = 1
BEGIN
    SELECT RAISE(ABORT, 'last_admin');
END;

-- Who changed what, when, with the row before and after. Append-only.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
    who        TEXT NOT NULL CHECK (length(who) >= 1),
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_append_only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_append_only');
END;

-- A tenant or programme company. Never deleted: it graduates or withdraws.
CREATE TABLE company (
    id              INTEGER PRIMARY KEY,
    brn             TEXT NOT NULL UNIQUE CHECK (length(brn) = 10 AND brn NOT GLOB '*[^0-9]*'),
    corporate_no    TEXT CHECK (corporate_no IS NULL OR (length(corporate_no) = 13 AND corporate_no NOT GLOB '*[^0-9]*')),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    representative  TEXT NOT NULL DEFAULT '' CHECK (length(representative) <= 50),
    sector          TEXT NOT NULL CHECK (sector IN ('structural', 'electronic', 'bio', 'glass', 'refractory', 'raw-material', 'other')),
    zone            TEXT NOT NULL CHECK (zone IN ('gangneung', 'bukpyeong', 'raw-material')),
    stage           TEXT NOT NULL CHECK (stage IN ('pre-startup', 'early', 'growth', 'graduated', 'withdrawn')),
    admitted_on     TEXT NOT NULL CHECK (date(admitted_on, '+0 days') IS admitted_on),
    left_on         TEXT CHECK (left_on IS NULL OR (date(left_on, '+0 days') IS left_on AND left_on >= admitted_on)),
    phone           TEXT CHECK (phone IS NULL OR length(phone) <= 20),
    email           TEXT CHECK (email IS NULL OR length(email) <= 254),
    -- a company has left exactly when it has graduated or withdrawn
    CHECK ((stage IN ('graduated', 'withdrawn')) = (left_on IS NOT NULL))
) STRICT;

CREATE INDEX company_name ON company (name);
CREATE INDEX company_zone_stage ON company (zone, stage);

-- A room of the centre building. Retired, never deleted, once it has history.
CREATE TABLE room (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 10),
    floor            INTEGER NOT NULL CHECK (floor BETWEEN -3 AND 20),
    kind             TEXT NOT NULL CHECK (kind IN ('office', 'lab', 'pilot-plant', 'storage', 'classroom', 'shared')),
    area             INTEGER NOT NULL CHECK (area > 0),  -- hundredths of m²
    rent_per_m2      INTEGER CHECK (rent_per_m2 IS NULL OR rent_per_m2 >= 0),  -- won per m² per month
    retired_on       TEXT CHECK (retired_on IS NULL OR date(retired_on, '+0 days') IS retired_on)
) STRICT;

-- The rooms in use never add up to more than the building: 2,000 평.
CREATE TRIGGER room_fits_the_building_on_insert
BEFORE INSERT ON room
WHEN NEW.retired_on IS NULL
     AND (SELECT coalesce(sum(area), 0) FROM room WHERE retired_on IS NULL) + NEW.area > 661157
BEGIN
    SELECT RAISE(ABORT, 'building_area');
END;

CREATE TRIGGER room_fits_the_building_on_update
BEFORE UPDATE OF area, retired_on ON room
WHEN NEW.retired_on IS NULL
     AND (SELECT coalesce(sum(area), 0) FROM room WHERE retired_on IS NULL AND id <> OLD.id) + NEW.area > 661157
BEGIN
    SELECT RAISE(ABORT, 'building_area');
END;

-- A trainee, equipment user or staff member, of a company or external.
CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB 'P-[0-9][0-9][0-9][0-9]*'),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    company_id  INTEGER REFERENCES company (id),
    phone       TEXT CHECK (phone IS NULL OR length(phone) <= 20),
    email       TEXT CHECK (email IS NULL OR length(email) <= 254),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX person_company ON person (company_id);
CREATE INDEX person_name ON person (name);

-- A company's lease of a room, [from_date, to_date). Ending early sets
-- ended_on and keeps to_date as signed; an extension is a new lease. A lease
-- ended on its first day (ended_on = from_date) never ran and holds nothing.
CREATE TABLE lease (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES company (id),
    room_id     INTEGER NOT NULL REFERENCES room (id),
    from_date   TEXT NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date     TEXT NOT NULL CHECK (date(to_date, '+0 days') IS to_date AND to_date > from_date),
    ended_on    TEXT CHECK (ended_on IS NULL OR (date(ended_on, '+0 days') IS ended_on AND ended_on >= from_date AND ended_on < to_date)),
    end_reason  TEXT CHECK (end_reason IS NULL OR length(end_reason) <= 200),
    rent        INTEGER NOT NULL CHECK (rent >= 0),     -- won per month
    fee         INTEGER NOT NULL CHECK (fee >= 0),      -- maintenance fee, won per month
    deposit     INTEGER NOT NULL CHECK (deposit >= 0),  -- won
    created_at  TEXT NOT NULL,
    -- the effective end: ended_on when ended early, else to_date
    end_date    TEXT GENERATED ALWAYS AS (coalesce(ended_on, to_date)) VIRTUAL
) STRICT;

CREATE INDEX lease_room_from ON lease (room_id, from_date);
CREATE INDEX lease_company ON lease (company_id);
CREATE INDEX lease_end ON lease (end_date);

-- No two leases of one room overlap. Touching leases ([a, b) then [b, c)) do not.
CREATE TRIGGER lease_no_overlap_on_insert
BEFORE INSERT ON lease
WHEN EXISTS (
    SELECT 1 FROM lease l
    WHERE l.room_id = NEW.room_id
      AND l.from_date < coalesce(NEW.ended_on, NEW.to_date)
      AND l.end_date > NEW.from_date
      AND l.end_date > l.from_date
)
BEGIN
    SELECT RAISE(ABORT, 'lease_overlap');
END;

CREATE TRIGGER lease_no_overlap_on_update
BEFORE UPDATE OF room_id, from_date, to_date, ended_on ON lease
WHEN EXISTS (
    SELECT 1 FROM lease l
    WHERE l.room_id = NEW.room_id AND l.id <> OLD.id
      AND l.from_date < coalesce(NEW.ended_on, NEW.to_date)
      AND l.end_date > NEW.from_date
      AND l.end_date > l.from_date
      AND coalesce(NEW.ended_on, NEW.to_date) > NEW.from_date
)
BEGIN
    SELECT RAISE(ABORT, 'lease_overlap');
END;

-- No new lease on a retired room, or to a company that has left.
CREATE TRIGGER lease_room_in_use
BEFORE INSERT ON lease
WHEN (SELECT retired_on FROM room WHERE id = NEW.room_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'room_retired');
END;

CREATE TRIGGER lease_company_present
BEFORE INSERT ON lease
WHEN (SELECT stage FROM company WHERE id = NEW.company_id) IN ('graduated', 'withdrawn')
BEGIN
    SELECT RAISE(ABORT, 'company_left');
END;

-- A room is retired only when no lease runs past the retirement.
CREATE TRIGGER room_retire_unleased
BEFORE UPDATE OF retired_on ON room
WHEN NEW.retired_on IS NOT NULL
     AND EXISTS (SELECT 1 FROM lease WHERE room_id = NEW.id AND end_date > NEW.retired_on AND end_date > from_date)
BEGIN
    SELECT RAISE(ABORT, 'room_leased');
END;

-- A company leaves only once its leases end by then.
CREATE TRIGGER company_leaves_without_leases
BEFORE UPDATE OF stage, left_on ON company
WHEN NEW.left_on IS NOT NULL
     AND EXISTS (SELECT 1 FROM lease WHERE company_id = NEW.id AND end_date > NEW.left_on AND end_date > from_date)
BEGIN
    SELECT RAISE(ABORT, 'company_has_leases');
END;

-- A company's figures for one year (성과). One row per company and year.
CREATE TABLE yearly_report (
    company_id       INTEGER NOT NULL REFERENCES company (id),
    year             INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    employees        INTEGER NOT NULL DEFAULT 0 CHECK (employees >= 0),
    sales            INTEGER NOT NULL DEFAULT 0 CHECK (sales >= 0),          -- won
    exports          INTEGER NOT NULL DEFAULT 0 CHECK (exports >= 0),        -- won
    rnd_spend        INTEGER NOT NULL DEFAULT 0 CHECK (rnd_spend >= 0),      -- won
    patents_filed    INTEGER NOT NULL DEFAULT 0 CHECK (patents_filed >= 0),
    patents_granted  INTEGER NOT NULL DEFAULT 0 CHECK (patents_granted >= 0),
    investment       INTEGER NOT NULL DEFAULT 0 CHECK (investment >= 0),     -- won
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (company_id, year)
) STRICT;

CREATE INDEX yearly_report_year ON yearly_report (year);

CREATE TRIGGER yearly_report_after_admission
BEFORE INSERT ON yearly_report
WHEN NEW.year < CAST(substr((SELECT admitted_on FROM company WHERE id = NEW.company_id), 1, 4) AS INTEGER)
BEGIN
    SELECT RAISE(ABORT, 'report_before_admission');
END;

-- A shared machine of the centre and its booking rules.
CREATE TABLE equipment (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE CHECK (code GLOB 'EQ-[0-9][0-9][0-9][0-9]*'),
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    model              TEXT NOT NULL DEFAULT '' CHECK (length(model) <= 100),
    category           TEXT NOT NULL CHECK (category IN ('analysis', 'processing', 'testing')),
    room_id            INTEGER REFERENCES room (id),
    manager            TEXT CHECK (manager IS NULL OR length(manager) BETWEEN 1 AND 64),
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    billing_unit       TEXT NOT NULL CHECK (billing_unit IN ('hour', 'sample')),
    tenant_rate        INTEGER NOT NULL CHECK (tenant_rate >= 0),    -- won per hour or sample
    external_rate      INTEGER NOT NULL CHECK (external_rate >= 0),
    slot_minutes       INTEGER NOT NULL CHECK (slot_minutes IN (5, 10, 15, 20, 30, 60, 120, 240)),
    min_minutes        INTEGER NOT NULL CHECK (min_minutes > 0),
    max_minutes        INTEGER NOT NULL CHECK (max_minutes >= min_minutes),
    notice_minutes     INTEGER NOT NULL CHECK (notice_minutes >= 0),
    horizon_days       INTEGER NOT NULL CHECK (horizon_days > 0),
    buffer_minutes     INTEGER NOT NULL CHECK (buffer_minutes >= 0),
    hours              TEXT NOT NULL,                                -- 'mon-fri 09:00-18:00, sat 09:00-13:00'
    holidays_bookable  INTEGER NOT NULL CHECK (holidays_bookable IN (0, 1)),
    needs_approval     INTEGER NOT NULL CHECK (needs_approval IN (0, 1)),
    created_at         TEXT NOT NULL
) STRICT;

-- A booking of a machine, [start, end) in KST. Requested, approved and in-use
-- bookings are active: they hold their time.
CREATE TABLE booking (
    id              INTEGER PRIMARY KEY,
    equipment_id    INTEGER NOT NULL REFERENCES equipment (id),
    person_id       INTEGER NOT NULL REFERENCES person (id),
    company_id      INTEGER REFERENCES company (id),     -- billed; NULL: an external person pays the external rate
    start           TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
    end             TEXT NOT NULL CHECK (end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]' AND end > start),
    state           TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'in-use', 'completed', 'rejected', 'cancelled', 'no-show')),
    purpose         TEXT NOT NULL DEFAULT '' CHECK (length(purpose) <= 200),
    samples         INTEGER NOT NULL DEFAULT 0 CHECK (samples >= 0),
    series          INTEGER,                                -- the first booking of a weekly series
    actual_start    TEXT,
    actual_end      TEXT CHECK (actual_end IS NULL OR actual_end > actual_start),
    actual_samples  INTEGER CHECK (actual_samples IS NULL OR actual_samples >= 0),
    billed_minutes  INTEGER,
    rate            INTEGER,                                -- won per hour or sample, as charged
    charge          INTEGER CHECK (charge IS NULL OR charge >= 0),
    note            TEXT CHECK (note IS NULL OR length(note) <= 200),   -- why rejected, cancelled, over quota …
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    CHECK ((state IN ('in-use', 'completed')) = (actual_start IS NOT NULL)),
    CHECK ((state = 'completed') = (actual_end IS NOT NULL AND charge IS NOT NULL))
) STRICT;

-- The overlap check seeks here: active bookings of a machine by start.
CREATE INDEX booking_active ON booking (equipment_id, start) WHERE state IN ('requested', 'approved', 'in-use');
CREATE INDEX booking_equipment_start ON booking (equipment_id, start);
CREATE INDEX booking_company_start ON booking (company_id, start);
CREATE INDEX booking_person ON booking (person_id);
CREATE INDEX booking_state_start ON booking (state, start);

-- A machine out of service: maintenance, calibration or a fault. A pending
-- downtime waits for the bookings it overlaps to be moved; an active one
-- holds its time like a booking.
CREATE TABLE downtime (
    id            INTEGER PRIMARY KEY,
    equipment_id  INTEGER NOT NULL REFERENCES equipment (id),
    start         TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
    end           TEXT NOT NULL CHECK (end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]' AND end > start),
    reason        TEXT NOT NULL CHECK (reason IN ('maintenance', 'calibration', 'fault')),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    state         TEXT NOT NULL CHECK (state IN ('pending', 'active', 'cancelled')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
) STRICT;

CREATE INDEX downtime_held ON downtime (equipment_id, start) WHERE state IN ('pending', 'active');
CREATE INDEX downtime_equipment_start ON downtime (equipment_id, start);

-- Invariant 1: no two active bookings or downtimes of one machine overlap.
-- The active periods of one machine never overlap, so they are ordered by
-- start and by end alike: a new [s, e) clashes iff the active period with the
-- greatest start before e ends after s. One seek per table, whatever its size.
CREATE TRIGGER booking_no_overlap_on_insert
BEFORE INSERT ON booking
WHEN NEW.state IN ('requested', 'approved', 'in-use') AND (
    coalesce((SELECT b.end FROM booking b INDEXED BY booking_active
              WHERE b.equipment_id = NEW.equipment_id AND b.state IN ('requested', 'approved', 'in-use') AND b.start < NEW.end
              ORDER BY b.start DESC LIMIT 1), '') > NEW.start
    OR coalesce((SELECT d.end FROM downtime d INDEXED BY downtime_held
                 WHERE d.equipment_id = NEW.equipment_id AND d.state IN ('pending', 'active') AND d.start < NEW.end
                 ORDER BY d.start DESC LIMIT 1), '') > NEW.start)
BEGIN
    SELECT RAISE(ABORT, 'booking_overlap');
END;

CREATE TRIGGER booking_no_overlap_on_update
BEFORE UPDATE OF equipment_id, start, end, state ON booking
WHEN NEW.state IN ('requested', 'approved', 'in-use') AND (
    coalesce((SELECT b.end FROM booking b INDEXED BY booking_active
              WHERE b.equipment_id = NEW.equipment_id AND b.state IN ('requested', 'approved', 'in-use') AND b.start < NEW.end
                AND b.id <> NEW.id
              ORDER BY b.start DESC LIMIT 1), '') > NEW.start
    OR coalesce((SELECT d.end FROM downtime d INDEXED BY downtime_held
                 WHERE d.equipment_id = NEW.equipment_id AND d.state IN ('pending', 'active') AND d.start < NEW.end
                 ORDER BY d.start DESC LIMIT 1), '') > NEW.start)
BEGIN
    SELECT RAISE(ABORT, 'booking_overlap');
END;

-- Downtimes of one machine never overlap each other; an active one overlaps
-- no active booking.
CREATE TRIGGER downtime_no_overlap_on_insert
BEFORE INSERT ON downtime
WHEN NEW.state IN ('pending', 'active') AND (
    coalesce((SELECT d.end FROM downtime d INDEXED BY downtime_held
              WHERE d.equipment_id = NEW.equipment_id AND d.state IN ('pending', 'active') AND d.start < NEW.end
              ORDER BY d.start DESC LIMIT 1), '') > NEW.start
    OR (NEW.state = 'active' AND coalesce((SELECT b.end FROM booking b INDEXED BY booking_active
              WHERE b.equipment_id = NEW.equipment_id AND b.state IN ('requested', 'approved', 'in-use') AND b.start < NEW.end
              ORDER BY b.start DESC LIMIT 1), '') > NEW.start))
BEGIN
    SELECT RAISE(ABORT, 'downtime_overlap');
END;

CREATE TRIGGER downtime_no_overlap_on_update
BEFORE UPDATE OF start, end, state ON downtime
WHEN NEW.state IN ('pending', 'active') AND (
    coalesce((SELECT d.end FROM downtime d INDEXED BY downtime_held
              WHERE d.equipment_id = NEW.equipment_id AND d.state IN ('pending', 'active') AND d.start < NEW.end
                AND d.id <> NEW.id
              ORDER BY d.start DESC LIMIT 1), '') > NEW.start
    OR (NEW.state = 'active' AND coalesce((SELECT b.end FROM booking b INDEXED BY booking_active
              WHERE b.equipment_id = NEW.equipment_id AND b.state IN ('requested', 'approved', 'in-use') AND b.start < NEW.end
              ORDER BY b.start DESC LIMIT 1), '') > NEW.start))
BEGIN
    SELECT RAISE(ABORT, 'downtime_overlap');
END;

-- Days the centre is closed beyond the public holidays (kept in the code).
CREATE TABLE closed_day (
    date      TEXT PRIMARY KEY CHECK (date(date, '+0 days') IS date),
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
) STRICT;

-- Hours per month a company may book a machine; beyond it a manager overrides.
CREATE TABLE quota (
    company_id      INTEGER NOT NULL REFERENCES company (id),
    equipment_id    INTEGER NOT NULL REFERENCES equipment (id),
    hours_per_month INTEGER NOT NULL CHECK (hours_per_month >= 0),
    PRIMARY KEY (company_id, equipment_id)
) STRICT;

-- A course of the technical training programme (기술인력 양성).
CREATE TABLE course (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z]*-[0-9]*' AND length(code) <= 20),
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    title_en         TEXT NOT NULL DEFAULT '' CHECK (length(title_en) <= 100),
    hours            INTEGER NOT NULL CHECK (hours > 0),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    validity_months  INTEGER NOT NULL DEFAULT 0 CHECK (validity_months BETWEEN 0 AND 240),  -- 0: qualifies for nothing
    excused_counts   INTEGER NOT NULL DEFAULT 0 CHECK (excused_counts IN (0, 1)),
    created_at       TEXT NOT NULL
) STRICT;

-- The machines a course qualifies people for. A machine listed here requires
-- a qualification from one of its courses.
CREATE TABLE course_equipment (
    course_id     INTEGER NOT NULL REFERENCES course (id),
    equipment_id  INTEGER NOT NULL REFERENCES equipment (id),
    PRIMARY KEY (course_id, equipment_id)
) STRICT;

CREATE INDEX course_equipment_by_equipment ON course_equipment (equipment_id);

CREATE TABLE course_prerequisite (
    course_id    INTEGER NOT NULL REFERENCES course (id),
    requires_id  INTEGER NOT NULL REFERENCES course (id),
    PRIMARY KEY (course_id, requires_id),
    CHECK (course_id <> requires_id)
) STRICT;

-- A run of a course (기수), e.g. KILN-101 2026-1.
CREATE TABLE cohort (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES course (id),
    code          TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    capacity      INTEGER NOT NULL CHECK (capacity > 0),
    opens_on      TEXT NOT NULL CHECK (date(opens_on, '+0 days') IS opens_on),
    closes_on     TEXT NOT NULL CHECK (date(closes_on, '+0 days') IS closes_on AND closes_on >= opens_on),
    completed_on  TEXT CHECK (completed_on IS NULL OR date(completed_on, '+0 days') IS completed_on),
    created_at    TEXT NOT NULL,
    UNIQUE (course_id, code)
) STRICT;

-- A class of a cohort: a day, a time, a room, an instructor.
CREATE TABLE session (
    id          INTEGER PRIMARY KEY,
    cohort_id   INTEGER NOT NULL REFERENCES cohort (id),
    number      INTEGER NOT NULL CHECK (number > 0),
    start       TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
    end         TEXT NOT NULL CHECK (end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]' AND end > start),
    room_id     INTEGER REFERENCES room (id),
    instructor  TEXT NOT NULL DEFAULT '' CHECK (length(instructor) <= 50),
    UNIQUE (cohort_id, number)
) STRICT;

CREATE INDEX session_cohort_start ON session (cohort_id, start);
CREATE INDEX session_room_start ON session (room_id, start);

-- Sessions of one cohort never overlap, nor do sessions in one room.
CREATE TRIGGER session_no_overlap
BEFORE INSERT ON session
WHEN EXISTS (SELECT 1 FROM session s WHERE s.cohort_id = NEW.cohort_id AND s.start < NEW.end AND s.end > NEW.start)
  OR (NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM session s WHERE s.room_id = NEW.room_id AND s.start < NEW.end AND s.end > NEW.start))
BEGIN
    SELECT RAISE(ABORT, 'session_overlap');
END;

-- A person's place in a cohort. Enrolled, completed and failed hold a seat;
-- waitlisted ones wait in the order they came (by id).
CREATE TABLE enrolment (
    id               INTEGER PRIMARY KEY,
    cohort_id        INTEGER NOT NULL REFERENCES cohort (id),
    person_id        INTEGER NOT NULL REFERENCES person (id),
    status           TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'cancelled', 'completed', 'failed')),
    enrolled_at      TEXT NOT NULL,
    promoted_at      TEXT,
    cancelled_at     TEXT,
    override_reason  TEXT CHECK (override_reason IS NULL OR length(override_reason) <= 200),
    certificate      TEXT UNIQUE,
    CHECK ((status = 'completed') = (certificate IS NOT NULL))
) STRICT;

CREATE INDEX enrolment_cohort_status ON enrolment (cohort_id, status, id);
CREATE INDEX enrolment_person ON enrolment (person_id);
-- A person holds one place in a cohort at a time.
CREATE UNIQUE INDEX enrolment_once ON enrolment (cohort_id, person_id) WHERE status <> 'cancelled';

-- Invariant 3: a cohort never holds more enrolled trainees than its capacity,
-- and nobody is seated ahead of someone already waiting.
CREATE TRIGGER enrolment_capacity_on_insert
BEFORE INSERT ON enrolment
WHEN NEW.status = 'enrolled' AND (
    (SELECT count(*) FROM enrolment WHERE cohort_id = NEW.cohort_id AND status IN ('enrolled', 'completed', 'failed'))
        >= (SELECT capacity FROM cohort WHERE id = NEW.cohort_id)
    OR EXISTS (SELECT 1 FROM enrolment WHERE cohort_id = NEW.cohort_id AND status = 'waitlisted'))
BEGIN
    SELECT RAISE(ABORT, 'cohort_full');
END;

CREATE TRIGGER enrolment_capacity_on_update
BEFORE UPDATE OF status ON enrolment
WHEN NEW.status = 'enrolled' AND OLD.status <> 'enrolled' AND (
    (SELECT count(*) FROM enrolment WHERE cohort_id = NEW.cohort_id AND status IN ('enrolled', 'completed', 'failed'))
        >= (SELECT capacity FROM cohort WHERE id = NEW.cohort_id)
    OR EXISTS (SELECT 1 FROM enrolment WHERE cohort_id = NEW.cohort_id AND status = 'waitlisted' AND id < OLD.id))
BEGIN
    SELECT RAISE(ABORT, 'cohort_full');
END;

CREATE TRIGGER cohort_capacity_holds_the_enrolled
BEFORE UPDATE OF capacity ON cohort
WHEN NEW.capacity < (SELECT count(*) FROM enrolment WHERE cohort_id = NEW.id AND status IN ('enrolled', 'completed', 'failed'))
BEGIN
    SELECT RAISE(ABORT, 'capacity_below_enrolled');
END;

CREATE TABLE attendance (
    session_id    INTEGER NOT NULL REFERENCES session (id),
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id),
    status        TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused')),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    PRIMARY KEY (session_id, enrolment_id)
) STRICT;

-- The right to use machines, from a cohort or granted by hand. Renewal is a
-- new row; revoking keeps the row; expiry is only a date.
CREATE TABLE qualification (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    course_id      INTEGER NOT NULL REFERENCES course (id),
    valid_from     TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    valid_until    TEXT NOT NULL CHECK (date(valid_until, '+0 days') IS valid_until AND valid_until >= valid_from),  -- last valid day
    origin         TEXT NOT NULL CHECK (origin IN ('cohort', 'manual')),
    cohort_id      INTEGER REFERENCES cohort (id),
    reason         TEXT CHECK (reason IS NULL OR length(reason) <= 200),
    granted_at     TEXT NOT NULL,
    granted_by     TEXT NOT NULL,
    revoked_at     TEXT,
    revoked_by     TEXT,
    revoke_reason  TEXT CHECK (revoke_reason IS NULL OR length(revoke_reason) <= 200),
    CHECK ((origin = 'cohort') = (cohort_id IS NOT NULL)),
    CHECK (origin = 'cohort' OR reason IS NOT NULL),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
) STRICT;

CREATE INDEX qualification_person_course ON qualification (person_id, course_id, valid_from);
CREATE INDEX qualification_until ON qualification (valid_until);

CREATE TRIGGER qualification_history_kept
BEFORE UPDATE OF person_id, course_id, valid_from, valid_until, origin ON qualification
BEGIN
    SELECT RAISE(ABORT, 'qualification_history');
END;

CREATE TRIGGER qualification_never_deleted
BEFORE DELETE ON qualification
BEGIN
    SELECT RAISE(ABORT, 'qualification_history');
END;

-- A company's statement for a month (청구서), frozen when issued: later edits
-- to leases or bookings never change it; a difference becomes an adjustment
-- line on a later statement.
CREATE TABLE statement (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE CHECK (number GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    company_id  INTEGER NOT NULL REFERENCES company (id),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    issued_on   TEXT NOT NULL CHECK (date(issued_on, '+0 days') IS issued_on),
    due_on      TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on AND due_on >= issued_on),
    supply      INTEGER NOT NULL,                      -- won, before VAT
    vat         INTEGER NOT NULL CHECK (vat = supply / 10),
    total       INTEGER NOT NULL CHECK (total = supply + vat),
    issued_by   TEXT NOT NULL,
    UNIQUE (company_id, month)
) STRICT;

CREATE INDEX statement_month ON statement (month);

-- The lines of an issued statement, as they stood when it was issued.
CREATE TABLE statement_line (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statement (id),
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rent', 'fee', 'usage', 'adjustment')),
    subject       TEXT NOT NULL,                       -- room code, machine, or statement corrected
    detail        TEXT NOT NULL,                       -- the period or time of use
    quantity      REAL NOT NULL,
    unit          TEXT NOT NULL CHECK (unit IN ('month', 'day', 'hour', 'sample', 'lump')),
    unit_price    INTEGER,
    amount        INTEGER NOT NULL,
    source        TEXT NOT NULL,                       -- lease code, booking id, or statement number
    UNIQUE (statement_id, position)
) STRICT;

CREATE INDEX statement_line_source ON statement_line (kind, source);

CREATE TRIGGER statement_frozen BEFORE UPDATE ON statement
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER statement_kept BEFORE DELETE ON statement
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER statement_line_frozen BEFORE UPDATE ON statement_line
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER statement_line_kept BEFORE DELETE ON statement_line
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

-- Money received against a statement.
CREATE TABLE payment (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statement (id),
    paid_on       TEXT NOT NULL CHECK (date(paid_on, '+0 days') IS paid_on),
    amount        INTEGER NOT NULL CHECK (amount > 0),
    method        TEXT NOT NULL CHECK (method IN ('transfer', 'card', 'cash', 'other')),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
) STRICT;

CREATE INDEX payment_statement ON payment (statement_id);
