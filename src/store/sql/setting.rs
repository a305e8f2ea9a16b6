//! Settings of the centre and its machines.
