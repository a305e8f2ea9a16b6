-- Time is a rule (issue 15): when use was recorded, the guards that keep
-- recorded moments honest, and the centre's settings. Written so that
-- running it again changes nothing (migrate.rs skips a column already there).

-- The clock when check-in and check-out were recorded, and when an admin
-- last corrected the actual times. A recorded actual time never lies after
-- the moment it was recorded (or corrected).
ALTER TABLE booking ADD COLUMN checked_in_at TEXT;
ALTER TABLE booking ADD COLUMN checked_out_at TEXT;
ALTER TABLE booking ADD COLUMN corrected_at TEXT;
-- A check-out past the start of the machine's next booking: the booking it
-- ran into. Recorded, shown, never refused.
ALTER TABLE booking ADD COLUMN overran INTEGER REFERENCES booking (id);

-- Existing rows: the moments the audit log has.
UPDATE booking SET
    checked_in_at = (SELECT max(a.at) FROM audit_log a
                      WHERE a.entity = 'booking' AND a.entity_id = CAST(booking.id AS TEXT) AND a.action = 'check-in'),
    checked_out_at = (SELECT max(a.at) FROM audit_log a
                       WHERE a.entity = 'booking' AND a.entity_id = CAST(booking.id AS TEXT) AND a.action = 'check-out')
 WHERE actual_start IS NOT NULL;

-- Actual periods of one machine never overlap, so like booked periods they
-- are ordered by start and end alike: one seek here finds a clash.
CREATE INDEX IF NOT EXISTS booking_actual ON booking (equipment_id, actual_start) WHERE actual_start IS NOT NULL;
CREATE INDEX IF NOT EXISTS booking_overran ON booking (overran) WHERE overran IS NOT NULL;

-- A move into use or out of it records its moment.
CREATE TRIGGER IF NOT EXISTS booking_moment_recorded
BEFORE UPDATE OF state ON booking
WHEN (NEW.state = 'in-use' AND OLD.state <> 'in-use' AND NEW.checked_in_at IS NULL)
  OR (NEW.state = 'completed' AND OLD.state <> 'completed' AND NEW.checked_out_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'booking_moment_missing');
END;

-- Nothing is recorded for time that had not come when it was recorded.
CREATE TRIGGER IF NOT EXISTS booking_moment_not_future_on_update
BEFORE UPDATE OF actual_start, actual_end, checked_in_at, checked_out_at, corrected_at ON booking
WHEN (NEW.checked_in_at IS NOT NULL AND NEW.actual_start > max(NEW.checked_in_at, coalesce(NEW.corrected_at, '')))
  OR (NEW.checked_out_at IS NOT NULL AND NEW.actual_end > max(NEW.checked_out_at, coalesce(NEW.corrected_at, '')))
  OR (NEW.checked_out_at < NEW.checked_in_at)
BEGIN
    SELECT RAISE(ABORT, 'booking_moment_future');
END;

CREATE TRIGGER IF NOT EXISTS booking_moment_not_future_on_insert
BEFORE INSERT ON booking
WHEN (NEW.checked_in_at IS NOT NULL AND NEW.actual_start > max(NEW.checked_in_at, coalesce(NEW.corrected_at, '')))
  OR (NEW.checked_out_at IS NOT NULL AND NEW.actual_end > max(NEW.checked_out_at, coalesce(NEW.corrected_at, '')))
  OR (NEW.checked_out_at < NEW.checked_in_at)
BEGIN
    SELECT RAISE(ABORT, 'booking_moment_future');
END;

-- Two people never use one machine at once: the actual period with the
-- greatest start before this one's end (open while in use) must end by
-- this one's start.
CREATE TRIGGER IF NOT EXISTS booking_actual_no_overlap_on_update
BEFORE UPDATE OF actual_start, actual_end ON booking
WHEN NEW.actual_start IS NOT NULL
 AND coalesce((SELECT coalesce(b.actual_end, '9999-12-31 23:59') FROM booking b INDEXED BY booking_actual
                WHERE b.equipment_id = NEW.equipment_id AND b.actual_start IS NOT NULL
                  AND b.actual_start < coalesce(NEW.actual_end, '9999-12-31 23:59') AND b.id <> NEW.id
                ORDER BY b.actual_start DESC LIMIT 1), '') > NEW.actual_start
BEGIN
    SELECT RAISE(ABORT, 'actual_overlap');
END;

CREATE TRIGGER IF NOT EXISTS booking_actual_no_overlap_on_insert
BEFORE INSERT ON booking
WHEN NEW.actual_start IS NOT NULL
 AND coalesce((SELECT coalesce(b.actual_end, '9999-12-31 23:59') FROM booking b INDEXED BY booking_actual
                WHERE b.equipment_id = NEW.equipment_id AND b.actual_start IS NOT NULL
                  AND b.actual_start < coalesce(NEW.actual_end, '9999-12-31 23:59')
                ORDER BY b.actual_start DESC LIMIT 1), '') > NEW.actual_start
BEGIN
    SELECT RAISE(ABORT, 'actual_overlap');
END;

-- Attendance is for a session that had started when it was recorded.
CREATE TRIGGER IF NOT EXISTS attendance_after_start_on_insert
BEFORE INSERT ON attendance
WHEN (SELECT start FROM session WHERE id = NEW.session_id) > NEW.recorded_at
BEGIN
    SELECT RAISE(ABORT, 'attendance_before_session');
END;

CREATE TRIGGER IF NOT EXISTS attendance_after_start_on_update
BEFORE UPDATE OF recorded_at, session_id ON attendance
WHEN (SELECT start FROM session WHERE id = NEW.session_id) > NEW.recorded_at
BEGIN
    SELECT RAISE(ABORT, 'attendance_before_session');
END;

-- The centre's settings: a value for the centre (equipment_id NULL) or for
-- one machine. Keys and values are checked by kiln (domain::setting) and by
-- `kiln check`; a key not set here has its default.
CREATE TABLE IF NOT EXISTS setting (
    key           TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    equipment_id  INTEGER REFERENCES equipment (id),
    value         TEXT NOT NULL,
    set_at        TEXT NOT NULL,
    set_by        TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX IF NOT EXISTS setting_key ON setting (key, coalesce(equipment_id, 0));
