//! The reports' filter line: the rows read are kept whole, and the rows
//! shown are those the filter finds (charts of months and years are not
//! filtered).

use super::{ReportsScreen, reader};
use crate::db::invoice::{MonthDocument, MonthDocuments};
use crate::db::statement::{Arrear, Statement};
use crate::db::voucher::{Grant, UseRow, VoucherReport};
use crate::report::trends::TrainingOutcome;
use crate::report::usage::{MachineUse, TopUser};
use crate::tui::screens::filter::FilterLine;

/// What each report's row is found by.
fn statement(f: &FilterLine, s: &Statement) -> bool {
    f.shows(&[&s.name, &s.brn, &s.party, s.number.as_deref().unwrap_or_default()])
}

fn arrear(f: &FilterLine, a: &Arrear) -> bool {
    f.shows(&[&a.name, &a.brn, &a.party, &a.number])
}

fn machine(f: &FilterLine, m: &MachineUse) -> bool {
    f.shows(&[&m.equipment, &m.name])
}

fn course(f: &FilterLine, t: &TrainingOutcome) -> bool {
    f.shows(&[&t.course, &t.title])
}

fn user(f: &FilterLine, u: &TopUser) -> bool {
    f.shows(&[&u.company_name, &u.company_brn])
}

fn document(f: &FilterLine, d: &MonthDocument) -> bool {
    f.shows(&[&d.name, &d.brn, &d.party, &d.statement])
}

/// A month's documents narrowed; those of individuals stay counted.
fn documents(f: &FilterLine, m: &MonthDocuments) -> MonthDocuments {
    MonthDocuments { documents: pick(&m.documents, |d| document(f, d)), ..m.clone() }
}

fn grant(f: &FilterLine, g: &Grant) -> bool {
    f.shows(&[&g.party_name, &g.party, &g.programme, &g.programme_name])
}

fn voucher_use(f: &FilterLine, u: &UseRow) -> bool {
    f.shows(&[&u.party_name, &u.party, &u.programme])
}

/// A year of vouchers, its grants and use narrowed alike.
fn vouchers(f: &FilterLine, r: &VoucherReport) -> VoucherReport {
    VoucherReport { grants: pick(&r.grants, |g| grant(f, g)), uses: pick(&r.uses, |u| voucher_use(f, u)), ..r.clone() }
}

/// The rows of `all` that `shows`.
fn pick<T: Clone>(all: &[T], shows: impl Fn(&T) -> bool) -> Vec<T> {
    all.iter().filter(|x| shows(x)).cloned().collect()
}

impl ReportsScreen {
    /// Keeps what was read in `read`, and returns the rows the filter shows.
    pub(super) fn keep_read(&mut self, part: reader::Part) -> reader::Part {
        use reader::Part as P;
        let (f, r) = (&self.filter, &mut self.read);
        match part {
            P::Statements(v) => {
                r.statements = v;
                P::Statements(pick(&r.statements, |s| statement(f, s)))
            }
            P::Arrears(v) => {
                r.arrears = v;
                P::Arrears(pick(&r.arrears, |a| arrear(f, a)))
            }
            P::Utilisation(v) => {
                r.utilisation = v;
                P::Utilisation(pick(&r.utilisation, |m| machine(f, m)))
            }
            P::Training(v) => {
                r.training = v;
                P::Training(pick(&r.training, |t| course(f, t)))
            }
            P::TopUsers(v) => {
                r.top_users = v;
                P::TopUsers(pick(&r.top_users, |u| user(f, u)))
            }
            P::Vouchers(v) => {
                r.vouchers = *v;
                P::Vouchers(Box::new(vouchers(f, &r.vouchers)))
            }
            P::Documents(v) => {
                r.documents = v;
                P::Documents(documents(f, &r.documents))
            }
            // Charts of months and years: nothing to filter.
            other @ (P::Occupancy(_) | P::Kpis(_)) => other,
        }
    }

    /// The filter changed: the rows read, filtered again.
    pub(super) fn refilter(&mut self) {
        let (f, r, d) = (&self.filter, &self.read, &mut self.data);
        d.statements = pick(&r.statements, |s| statement(f, s));
        d.arrears = pick(&r.arrears, |a| arrear(f, a));
        d.utilisation = pick(&r.utilisation, |m| machine(f, m));
        d.training = pick(&r.training, |t| course(f, t));
        d.top_users = pick(&r.top_users, |u| user(f, u));
        d.vouchers = vouchers(f, &r.vouchers);
        d.documents = documents(f, &r.documents);
        self.selected = 0;
        self.picked = false;
    }
}
