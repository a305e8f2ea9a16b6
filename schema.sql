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
