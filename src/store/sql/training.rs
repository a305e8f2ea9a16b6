//! Courses, cohorts, sessions, enrolments, attendance, qualifications.
