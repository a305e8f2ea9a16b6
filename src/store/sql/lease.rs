//! Leases of rooms.
