//! The reports' filter line: the rows read are kept whole, and the rows
//! shown are those the filter finds (charts of months and years are not
//! filtered).

use super::{ReportsScreen, reader};

impl ReportsScreen {
    /// Keeps what was read in `read`, and returns the rows the filter shows.
    pub(super) fn keep_read(&mut self, part: reader::Part) -> reader::Part {
        use reader::Part as P;
        let f = &self.filter;
        let r = &mut self.read;
        match part {
            P::Statements(v) => P::Statements(shown(&mut r.statements, v, |s| {
                f.shows(&[&s.company_name, &s.company_brn, s.number.as_deref().unwrap_or_default()])
            })),
            P::Arrears(v) => {
                P::Arrears(shown(&mut r.arrears, v, |a| f.shows(&[&a.company_name, &a.company_brn, &a.number])))
            }
            P::Utilisation(v) => P::Utilisation(shown(&mut r.utilisation, v, |m| f.shows(&[&m.equipment, &m.name]))),
            P::Training(v) => P::Training(shown(&mut r.training, v, |t| f.shows(&[&t.course, &t.title]))),
            P::TopUsers(v) => P::TopUsers(shown(&mut r.top_users, v, |u| f.shows(&[&u.company_name, &u.company_brn]))),
            // Charts of months and years: nothing to filter.
            other @ (P::Occupancy(_) | P::Kpis(_)) => other,
        }
    }

    /// The filter changed: the rows read, filtered again.
    pub(super) fn refilter(&mut self) {
        use reader::Part as P;
        let read = self.read.clone();
        for part in [
            P::Statements(read.statements),
            P::Arrears(read.arrears),
            P::Utilisation(read.utilisation),
            P::Training(read.training),
            P::TopUsers(read.top_users),
        ] {
            let shown = self.keep_read(part);
            let d = &mut self.data;
            match shown {
                P::Statements(v) => d.statements = v,
                P::Arrears(v) => d.arrears = v,
                P::Utilisation(v) => d.utilisation = v,
                P::Training(v) => d.training = v,
                P::TopUsers(v) => d.top_users = v,
                P::Occupancy(_) | P::Kpis(_) => {}
            }
        }
        self.selected = 0;
        self.picked = false;
    }
}

/// Keeps `v` in `into` and returns the rows of it that `shows`.
fn shown<T: Clone>(into: &mut Vec<T>, v: Vec<T>, shows: impl Fn(&T) -> bool) -> Vec<T> {
    *into = v;
    into.iter().filter(|x| shows(x)).cloned().collect()
}
