-- Counterpart of migrations/0005_time_rules.sql: time is a rule (issue 15):
-- when use was recorded, the guards that keep recorded moments honest, and
-- the centre's settings. Every rule here compares columns of the row (or of
-- its session), never the server's clock: kiln's clock is its own.

-- The clock when check-in and check-out were recorded, and when an admin
-- last corrected the actual times. A recorded actual time never lies after
-- the moment it was recorded (or corrected).
ALTER TABLE booking ADD COLUMN checked_in_at timestamp(0) CHECK (checked_in_at = date_trunc('minute', checked_in_at));
ALTER TABLE booking ADD COLUMN checked_out_at timestamp(0) CHECK (checked_out_at = date_trunc('minute', checked_out_at));
ALTER TABLE booking ADD COLUMN corrected_at timestamp(0) CHECK (corrected_at = date_trunc('minute', corrected_at));
-- A check-out past the start of the machine's next booking: the booking it
-- ran into. Recorded, shown, never refused.
ALTER TABLE booking ADD COLUMN overran bigint REFERENCES booking (id) DEFERRABLE INITIALLY IMMEDIATE;

-- Existing rows: the moments the audit log has.
UPDATE booking SET
    checked_in_at = (SELECT max(a.at) FROM audit_log a
                      WHERE a.entity = 'booking' AND a.entity_id = booking.id::text AND a.action = 'check-in'),
    checked_out_at = (SELECT max(a.at) FROM audit_log a
                       WHERE a.entity = 'booking' AND a.entity_id = booking.id::text AND a.action = 'check-out')
 WHERE actual_start IS NOT NULL;

CREATE INDEX booking_actual ON booking (equipment_id, actual_start) WHERE actual_start IS NOT NULL;
CREATE INDEX booking_overran ON booking (overran) WHERE overran IS NOT NULL;

-- Two people never use one machine at once: actual periods [actual_start,
-- actual_end) of one machine never overlap, one still in use (actual_end
-- NULL) running without end. Touching periods do not overlap.
ALTER TABLE booking ADD CONSTRAINT actual_overlap
    EXCLUDE USING gist (equipment_id WITH =, tsrange(actual_start, actual_end, '[)') WITH &&)
    WHERE (actual_start IS NOT NULL);

-- A move into use or out of it records its moment.
CREATE FUNCTION booking_moment_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.state = 'in-use' AND OLD.state <> 'in-use' AND NEW.checked_in_at IS NULL)
       OR (NEW.state = 'completed' AND OLD.state <> 'completed' AND NEW.checked_out_at IS NULL) THEN
        RAISE EXCEPTION 'booking_moment_missing' USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_moment_missing';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER booking_moment_recorded
BEFORE UPDATE OF state ON booking
FOR EACH ROW EXECUTE FUNCTION booking_moment_recorded();

-- Nothing is recorded for time that had not come when it was recorded.
-- (SQLite's max(x, coalesce(corrected_at, '')) is greatest(), which skips a
-- NULL corrected_at.)
CREATE FUNCTION booking_moment_not_future() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.checked_in_at IS NOT NULL AND NEW.actual_start > greatest(NEW.checked_in_at, NEW.corrected_at))
       OR (NEW.checked_out_at IS NOT NULL AND NEW.actual_end > greatest(NEW.checked_out_at, NEW.corrected_at))
       OR (NEW.checked_out_at < NEW.checked_in_at) THEN
        RAISE EXCEPTION 'booking_moment_future' USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_moment_future';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER booking_moment_not_future_on_update
BEFORE UPDATE OF actual_start, actual_end, checked_in_at, checked_out_at, corrected_at ON booking
FOR EACH ROW EXECUTE FUNCTION booking_moment_not_future();

CREATE TRIGGER booking_moment_not_future_on_insert
BEFORE INSERT ON booking
FOR EACH ROW EXECUTE FUNCTION booking_moment_not_future();

-- Attendance is for a session that had started when it was recorded.
-- No lock: SQLite guards no change of a session's start, so an attendance
-- racing one is an order SQLite allows too.
CREATE FUNCTION attendance_after_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT start FROM session WHERE id = NEW.session_id) > NEW.recorded_at THEN
        RAISE EXCEPTION 'attendance_before_session' USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_before_session';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER attendance_after_start_on_insert
BEFORE INSERT ON attendance
FOR EACH ROW EXECUTE FUNCTION attendance_after_start();

CREATE TRIGGER attendance_after_start_on_update
BEFORE UPDATE OF recorded_at, session_id ON attendance
FOR EACH ROW EXECUTE FUNCTION attendance_after_start();

-- The centre's settings: a value for the centre (equipment_id NULL) or for
-- one machine. Keys and values are checked by kiln (domain::setting) and by
-- `kiln check`; a key not set here has its default.
CREATE TABLE setting (
    key           text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 64),
    equipment_id  bigint REFERENCES equipment (id) DEFERRABLE INITIALLY IMMEDIATE,
    value         text NOT NULL,
    set_at        timestamp(0) NOT NULL CHECK (set_at = date_trunc('minute', set_at)),
    set_by        text NOT NULL
);

CREATE UNIQUE INDEX setting_key ON setting (key, coalesce(equipment_id, 0));

CREATE TRIGGER setting_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON setting
FOR EACH STATEMENT EXECUTE FUNCTION kiln_changed();
