//! Bookings: the overlap seeks, the lists, the recorded use.
