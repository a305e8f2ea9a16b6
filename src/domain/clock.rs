//! The one way kiln learns what time it is. Use cases take a `Clock` so tests
//! (and `KILN_NOW`) can fix the moment.

use chrono::{NaiveDate, NaiveDateTime, Utc};

use super::time::Minute;

pub trait Clock: Send + Sync {
    /// Now, in KST, to the minute.
    fn now(&self) -> Minute;

    fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// The machine's clock, converted to KST.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Minute {
        let kst: NaiveDateTime = Utc::now().naive_utc() + chrono::Duration::hours(9);
        Minute::from_datetime(kst)
    }
}

/// A clock stopped at one minute.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Minute);

impl Clock for FixedClock {
    fn now(&self) -> Minute {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_gives_its_minute_and_day() {
        let c = FixedClock(Minute::parse("2026-11-26 10:00").unwrap());
        assert_eq!(c.now().to_string(), "2026-11-26 10:00");
        assert_eq!(c.today().to_string(), "2026-11-26");
    }

    #[test]
    fn system_clock_is_kst() {
        let utc = Minute::from_datetime(Utc::now().naive_utc());
        let diff = SystemClock.now().0 - utc.0;
        assert!((539..=541).contains(&diff), "{diff}");
    }
}
