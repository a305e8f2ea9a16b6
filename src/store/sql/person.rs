//! People: trainees, users, staff.
