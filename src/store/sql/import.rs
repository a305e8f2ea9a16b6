//! Savepoints of an all-or-nothing import.
