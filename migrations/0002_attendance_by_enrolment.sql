-- Attendance by enrolment: a trainee's record, and the foreign key from
-- attendance to enrolment. Without it every enrolment insert or delete made
-- while a deferred foreign key is outstanding scans the whole attendance
-- table (the large demo writes attendance before its sessions).
CREATE INDEX attendance_enrolment ON attendance (enrolment_id);
