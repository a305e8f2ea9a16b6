-- Counterpart of migrations/0002_attendance_by_enrolment.sql.
-- Attendance by enrolment: a trainee's record, and the foreign key from
-- attendance to enrolment (PostgreSQL, too, indexes no referencing column
-- by itself: without it every enrolment delete scans attendance).
CREATE INDEX attendance_enrolment ON attendance (enrolment_id);
