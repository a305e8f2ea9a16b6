//! Downtimes of machines.
