//! The invariants `kiln check` asks the file.
