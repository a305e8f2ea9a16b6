//! The large demo's bulk writes.
