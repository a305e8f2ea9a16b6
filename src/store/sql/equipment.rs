//! Machines and their booking rules.
