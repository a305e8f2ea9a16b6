//! How the screen takes in the figures its reader thread answers with: the
//! answer to the question out, one read ahead (kept for later), or, when
//! the thread is gone, the question answered on the loop.

use super::{ReportsScreen, VoucherReport, reader};
use crate::db::Store;
use crate::error::Result;

impl ReportsScreen {
    pub(super) fn clamp(&mut self) {
        self.selected = self.selected.min(self.rows().saturating_sub(1));
    }

    /// Keeps `part`, the figures read for `ask`. The row selected stays on
    /// the same statement, debt, machine or course when rows come or go
    /// above it (another terminal's payment, a new company's draft).
    pub(super) fn take(&mut self, ask: reader::Ask, part: reader::Part) {
        let part = self.keep_read(part);
        let (d, at) = (&mut self.data, &mut self.selected);
        // A row nobody chose (the first) stays the first.
        let mut unpicked = 0;
        let at = if self.picked { at } else { &mut unpicked };
        match part {
            reader::Part::Statements(v) => d.statements = kept(&d.statements, v, at, |s| s.party.clone()),
            reader::Part::Arrears(v) => d.arrears = kept(&d.arrears, v, at, |a| a.number.clone()),
            reader::Part::Occupancy(v) => d.occupancy = v,
            reader::Part::Utilisation(v) => d.utilisation = kept(&d.utilisation, v, at, |m| m.equipment.clone()),
            reader::Part::Training(v) => d.training = kept(&d.training, v, at, |t| (t.course.clone(), t.year)),
            reader::Part::Kpis(v) => d.kpis = v,
            reader::Part::TopUsers(v) => d.top_users = v,
            reader::Part::Documents(v) => {
                let old = std::mem::take(&mut d.documents.documents);
                let kept = kept(&old, v.documents, at, |x| (x.statement.clone(), x.document.kind));
                d.documents = crate::db::invoice::MonthDocuments { documents: kept, ..v };
            }
            reader::Part::Vouchers(v) => {
                let (old, grants) = (&d.vouchers.grants, v.grants.clone());
                let grants = kept(old, grants, at, |g| (g.programme.clone(), g.party.clone()));
                d.vouchers = VoucherReport { grants, ..*v };
            }
        }
        self.loaded.retain(|(r, _)| *r != ask.report);
        self.loaded.push((ask.report, ask.key));
        self.clamp();
    }

    /// Takes the answer to the question out, if this is it (an answer to
    /// an earlier one is dropped: a newer question is on its way). True if
    /// something changed on screen.
    pub(super) fn answered(&mut self, (ask, part): reader::Answer) -> Result<bool> {
        if self.pending != Some(ask) {
            // Read ahead, or asked before a newer question: kept for later.
            if let Ok(part) = &part {
                self.remember(ask, part);
            }
            return Ok(false);
        }
        self.pending = None;
        let part = part?;
        self.remember(ask, &part);
        self.take(ask, part);
        self.read_ahead(ask);
        Ok(true)
    }

    /// Reads `ask` here, and every report on the loop from now on: the
    /// thread could not start, or is gone.
    pub(super) fn read_here(&mut self, store: &Store, ask: reader::Ask) -> Result<()> {
        self.reading = reader::Reading::OnLoop;
        self.pending = None;
        let part = reader::read(store, &ask)?;
        self.take(ask, part);
        Ok(())
    }

    /// The thread is gone: answers the question out here.
    pub(super) fn lost(&mut self, store: &Store) -> Result<bool> {
        let Some(ask) = self.pending else { return Ok(false) };
        self.read_here(store, ask)?;
        Ok(true)
    }
}

/// `new`, with `selected` moved to the row whose key the selected row of
/// `old` had, if it is still there.
fn kept<T, K: PartialEq>(old: &[T], new: Vec<T>, selected: &mut usize, key: impl Fn(&T) -> K) -> Vec<T> {
    if let Some(k) = old.get(*selected).map(&key)
        && let Some(i) = new.iter().position(|row| key(row) == k)
    {
        *selected = i;
    }
    new
}
