//! Figures kept and read ahead. A month's statements at 10,000 companies take
//! ~45 ms to work out; a person going back and forth between months, or
//! back month by month, should not wait for them each time. So the answers
//! of the last few questions are kept (they hold while nothing was written:
//! a question names the store's generation), and once the month in front is
//! in, the thread reads the months on either side of it while the person
//! looks. A question asked now goes first: a key pressed meanwhile stops
//! the read ahead under way and skips the queued ones (`reader.rs`).

use chrono::Datelike;

use super::{Report, ReportsScreen, reader};

/// How many answers are kept.
const KEPT: usize = 8;

impl ReportsScreen {
    /// Keeps an answer for when its question comes again.
    pub(super) fn remember(&mut self, ask: reader::Ask, part: &reader::Part) {
        self.kept.retain(|(a, _)| *a != ask);
        self.kept.push((ask, part.clone()));
        if self.kept.len() > KEPT {
            self.kept.remove(0);
        }
    }

    /// The answer kept for `ask`, if its figures still hold.
    pub(super) fn kept_for(&self, ask: &reader::Ask) -> Option<reader::Part> {
        self.kept.iter().find(|(a, _)| a == ask).map(|(_, p)| p.clone())
    }

    /// Takes in the answers that came while nobody waited (reads ahead), so
    /// that a key for a month read ahead finds it kept.
    pub(super) fn take_in_arrived(&mut self) -> crate::error::Result<()> {
        loop {
            let reader::Reading::Thread(thread) = &self.reading else { return Ok(()) };
            match thread.answer() {
                Ok(Some(answer)) => {
                    self.answered(answer)?;
                }
                Ok(None) | Err(()) => return Ok(()),
            }
        }
    }

    /// Asks the thread for the months either side of `ask`'s (reports by
    /// month only), unless they are kept already.
    pub(super) fn read_ahead(&self, ask: reader::Ask) {
        if !matches!(ask.report, Report::Statements | Report::Utilisation) {
            return;
        }
        let reader::Reading::Thread(thread) = &self.reading else { return };
        let (generation, today, period) = ask.key;
        let this = today.year() * 12 + today.month() as i32;
        // The thread reads ahead in the order asked: the month before first,
        // as people go back through months more than forward.
        for by in [-1, 1] {
            let p = period + by;
            if !(2005 * 12 + 1..=this).contains(&p) {
                continue;
            }
            let month = ((p - 1).div_euclid(12), (p - 1).rem_euclid(12) as u32 + 1);
            let near = reader::Ask { key: (generation, today, p), month, ..ask };
            if self.kept_for(&near).is_none() {
                thread.ask_ahead(near);
            }
        }
    }
}
