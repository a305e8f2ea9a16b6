//! Rooms of the building.
