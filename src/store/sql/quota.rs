//! Monthly hours per company per machine.
