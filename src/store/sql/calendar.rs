//! The week calendar's reads.
