//! 5 교육: cohorts of the courses; a cohort's roster with its attendance grid
//! (Space cycles a mark), the waitlist in order, enrolment and cancellation
//! (which seats the first in line), completion; and the qualifications with
//! their expiry.

mod people;
mod view;

use super::filter::{FilterLine, Filtered};
use super::list::Window;
use super::{Outcome, Screen, Ui};
use crate::db::Store;
use crate::db::training::qualification::unqualified_bookings;
use crate::db::training::qualification::{self, Qualification};
use crate::db::training::{self, Cohort, Enrolment};
use crate::domain::{Attendance, EnrolmentStatus};
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::forms;
use crate::tui::keymap::Context;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Cohorts,
    Roster,
    Qualifications,
    /// People with their qualifications and coming bookings.
    People,
}

/// A cohort's roster as shown.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub cohort: Option<Cohort>,
    pub grid: training::Grid,
    pub waitlist: Vec<Enrolment>,
}

/// The cohorts and the qualifications are windows of their tables: a
/// centre twenty years old has thousands of each.
#[derive(Default)]
pub struct TrainingScreen {
    view: View,
    cohorts: Window<Cohort>,
    roster: Roster,
    /// Cursor in the grid: trainee row and session column.
    row: usize,
    col: usize,
    quals: Window<Qualification>,
    /// Active bookings whose person is no longer qualified.
    flagged: usize,
    /// A filter line for each view's list.
    filters: [FilterLine; 4],
    people: people::People,
}

impl TrainingScreen {
    pub fn view_mode(&self) -> View {
        self.view
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The cohorts held: a window of them around the selection.
    pub fn cohorts(&self) -> &Window<Cohort> {
        &self.cohorts
    }

    /// The people tab's rows, as held.
    pub fn people(&self) -> &Window<crate::report::people::PersonCard> {
        &self.people.cards
    }

    fn load_people(&mut self, store: &Store) -> Result<()> {
        let q = self.filters[View::People as usize].text().to_owned();
        self.people.load(store, &q, store.now())
    }

    pub fn qualifications(&self) -> &Window<Qualification> {
        &self.quals
    }

    fn filter(&self, view: View) -> &FilterLine {
        &self.filters[view as usize]
    }

    /// The filter's part of a view's title.
    pub(super) fn filter_title(&self, view: View) -> String {
        self.filter(view).title()
    }

    fn reference(&self) -> Option<String> {
        self.roster.cohort.as_ref().map(Cohort::reference)
    }

    fn load_cohorts(&mut self, store: &Store) -> Result<()> {
        let q = &self.filters[View::Cohorts as usize].text().to_owned();
        self.cohorts.load(training::cohort_count(store, q)?, |page| training::cohort_page(store, q, page))
    }

    fn load_quals(&mut self, store: &Store) -> Result<()> {
        let q = &self.filters[View::Qualifications as usize].text().to_owned();
        self.quals.load(qualification::count(store, q)?, |page| qualification::page(store, q, page))
    }

    fn load_roster(&mut self, store: &Store) -> Result<()> {
        let Some(reference) = self.reference() else { return Ok(()) };
        let cohort = training::cohort(store, &reference)?;
        self.roster.grid = training::grid(store, &reference)?;
        // The roster holds only the trainees the filter shows, so the cursor
        // and the keys act on what is on screen.
        let filter = &self.filters[View::Roster as usize];
        self.roster.grid.rows.retain(|r| filter.shows(&[&r.enrolment.person_name, &r.enrolment.person]));
        self.roster.waitlist = training::enrolments(store, Some(&reference), None)?
            .into_iter()
            .filter(|e| e.status == EnrolmentStatus::Waitlisted)
            .collect();
        self.roster.cohort = Some(cohort);
        self.row = self.row.min(self.roster.grid.rows.len().saturating_sub(1));
        self.col = self.col.min(self.roster.grid.sessions.len().saturating_sub(1));
        Ok(())
    }

    /// The next mark in the cycle present → late → absent → excused → present.
    fn next_mark(a: Option<Attendance>) -> Attendance {
        match a {
            None | Some(Attendance::Excused) => Attendance::Present,
            Some(Attendance::Present) => Attendance::Late,
            Some(Attendance::Late) => Attendance::Absent,
            Some(Attendance::Absent) => Attendance::Excused,
        }
    }
}

impl Screen for TrainingScreen {
    fn contexts(&self) -> &'static [Context] {
        let f = self.filter(self.view);
        match self.view {
            View::Cohorts => f.contexts(&[Context::Training, Context::List]),
            View::Roster => f.contexts(&[Context::Roster]),
            View::Qualifications => f.contexts(&[Context::Qualifications, Context::List]),
            View::People => f.contexts(&[Context::People, Context::List]),
        }
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        // A cohort added elsewhere may sort above the selected one: keep the
        // cohort selected, not the row.
        let kept = self.cohorts.current().map(|c| c.id);
        self.load_cohorts(store)?;
        if let Some(id) = kept {
            self.cohorts.keep(|c| c.id == id);
        }
        self.load_roster(store)?;
        let kept = self.quals.current().map(|q| q.id);
        self.load_quals(store)?;
        if let Some(id) = kept {
            self.quals.keep(|q| q.id == id);
        }
        self.flagged = unqualified_bookings(store)?.len();
        if self.view == View::People {
            self.load_people(store)?;
        }
        Ok(())
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        let lang = ui.lang;
        match self.filters[self.view as usize].update(action) {
            Filtered::NotMine => {}
            Filtered::Kept => return Ok(Outcome::Nothing),
            Filtered::Changed => {
                match self.view {
                    View::Cohorts => {
                        self.cohorts.selected = 0;
                        self.load_cohorts(store)?;
                    }
                    View::Roster => {
                        self.row = 0;
                        self.load_roster(store)?;
                    }
                    View::Qualifications => {
                        self.quals.selected = 0;
                        self.load_quals(store)?;
                    }
                    View::People => {
                        self.people.cards.selected = 0;
                        self.load_people(store)?;
                    }
                }
                return Ok(Outcome::Nothing);
            }
        }
        match self.view {
            View::Cohorts => {
                if let Some(outside) = self.cohorts.moved(action) {
                    if outside {
                        self.load_cohorts(store)?;
                    }
                    return Ok(Outcome::Nothing);
                }
                match action {
                    Action::Open => {
                        if let Some(c) = self.cohorts.current().cloned() {
                            self.roster = Roster { cohort: Some(c), ..Roster::default() };
                            self.row = 0;
                            self.col = 0;
                            self.load_roster(store)?;
                            self.view = View::Roster;
                        }
                    }
                    Action::New => return Ok(Outcome::OpenForm(forms::new_cohort(store, ui.today, lang)?)),
                    Action::Qualifications => self.view = View::Qualifications,
                    Action::People => {
                        self.view = View::People;
                        self.load_people(store)?;
                    }
                    _ => {}
                }
            }
            View::Roster => {
                let rows = self.roster.grid.rows.len();
                let cols = self.roster.grid.sessions.len();
                let Some(reference) = self.reference() else { return Ok(Outcome::Nothing) };
                match action {
                    Action::Up => self.row = self.row.saturating_sub(1),
                    Action::Down => self.row = (self.row + 1).min(rows.saturating_sub(1)),
                    Action::Left => self.col = self.col.saturating_sub(1),
                    Action::Right => self.col = (self.col + 1).min(cols.saturating_sub(1)),
                    Action::Back => self.view = View::Cohorts,
                    Action::Toggle => {
                        let (Some(r), Some(s)) =
                            (self.roster.grid.rows.get(self.row), self.roster.grid.sessions.get(self.col))
                        else {
                            return Ok(Outcome::Nothing);
                        };
                        let mark = Self::next_mark(r.marks.get(self.col).copied().flatten());
                        training::attend(store, &reference, &s.number.to_string(), &r.enrolment.person, mark.code())?;
                        self.load_roster(store)?;
                    }
                    Action::New => {
                        let h = training::cohort(store, &reference)?;
                        let c = training::course(store, &h.course)?;
                        let fee = (c.fee.0 > 0).then_some((c.fee, c.fee_tax));
                        return Ok(Outcome::OpenForm(forms::enrol_form(&reference, fee, lang)));
                    }
                    Action::Cancel => {
                        if let Some(r) = self.roster.grid.rows.get(self.row) {
                            let first = self.roster.waitlist.first();
                            let now = store.now();
                            let begun = self.roster.grid.sessions.iter().any(|x| x.start <= now);
                            return Ok(Outcome::OpenForm(forms::cancel_enrolment_form(
                                &reference,
                                &r.enrolment,
                                first,
                                begun,
                                lang,
                            )));
                        }
                    }
                    Action::AddSession => {
                        return Ok(Outcome::OpenForm(forms::session_form(store, &reference, ui.today, lang)?));
                    }
                    Action::Complete => {
                        return Ok(Outcome::OpenForm(forms::complete_form(store, &reference, ui.today, lang)?));
                    }
                    _ => {}
                }
            }
            View::Qualifications => {
                if let Some(outside) = self.quals.moved(action) {
                    if outside {
                        self.load_quals(store)?;
                    }
                    return Ok(Outcome::Nothing);
                }
                match action {
                    Action::Qualifications | Action::Back => self.view = View::Cohorts,
                    Action::People => {
                        self.view = View::People;
                        self.load_people(store)?;
                    }
                    Action::Reject => {
                        if let Some(q) = self.quals.current().filter(|q| q.revoked_at.is_none()) {
                            return Ok(Outcome::OpenForm(forms::revoke_form(q, lang)));
                        }
                    }
                    _ => {}
                }
            }
            View::People => {
                if let Some(outside) = self.people.cards.moved(action) {
                    if outside {
                        self.load_people(store)?;
                    } else {
                        self.people.load_detail(store, store.now())?;
                    }
                    return Ok(Outcome::Nothing);
                }
                match action {
                    Action::People | Action::Back => self.view = View::Cohorts,
                    Action::Qualifications => self.view = View::Qualifications,
                    Action::New => return Ok(Outcome::OpenForm(forms::person_form(None, lang))),
                    Action::Edit => {
                        if let Some(c) = self.people.cards.current() {
                            return Ok(Outcome::OpenForm(forms::person_form(Some(&c.person), lang)));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(Outcome::Nothing)
    }

    fn view(&self, frame: &mut ratatui::Frame, area: ratatui::layout::Rect, ui: &Ui) {
        match self.view {
            View::Cohorts => view::cohorts(self, frame, area, ui),
            View::Roster => view::roster(self, frame, area, ui),
            View::Qualifications => view::qualifications(self, frame, area, ui),
            View::People => {
                let title = crate::i18n::fill(crate::i18n::Msg::PeopleTitle.text(ui.lang), &[&self.people.cards.total])
                    + &self.filter_title(View::People);
                people::view(&self.people, &title, frame, area, ui);
            }
        }
    }
}
