//! 4 장비: the machines with their state now, a week calendar per machine
//! with a cursor to book into, and the queue of bookings awaiting approval.
//! Approve, reject, cancel, check in and out, and downtime act on the booking
//! selected in whichever view is showing.

mod view;

pub use view::now_text;

use chrono::{Datelike, NaiveDate};

use super::filter::{FilterLine, Filtered};
use super::list::{self, WINDOW};
use super::{Outcome, Screen, Ui};
use crate::db::booking::{self, Booking};
use crate::db::equipment::{self, Equipment};
use crate::db::{Page, Store};
use crate::domain::Minute;
use crate::error::Result;
use crate::i18n::{Msg, fill, labels};
use crate::report::equipment::{self as status, Now, Week};
use crate::tui::action::Action;
use crate::tui::forms;
use crate::tui::keymap::Context;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    List,
    Calendar,
    Approvals,
}

#[derive(Default)]
pub struct EquipmentScreen {
    view: View,
    now: Option<Minute>,
    machines: Vec<(Equipment, Now)>,
    total: u32,
    selected: u32,
    window_start: u32,
    pending: i64,
    /// The machine whose week is shown.
    machine: Option<Equipment>,
    monday: Option<NaiveDate>,
    week: Week,
    cursor_day: usize,
    /// Minute of the day of the cursor's row.
    cursor_minute: u32,
    queue: Vec<Booking>,
    queue_selected: usize,
    /// The filter lines of the machine list and of the approvals queue.
    machine_filter: FilterLine,
    queue_filter: FilterLine,
    /// The week calendar's: its bookings by person, company, purpose or
    /// number — scoped to the machine and the week on screen.
    week_filter: FilterLine,
}

/// Calendar rows are an hour, or the machine's slot when it is longer.
/// A calendar row is one of the machine's slots (30 minutes unless it says
/// otherwise), so a half-hour booking fills half an hour and a half-hour start
/// can be chosen.
fn row_minutes(eq: &Equipment) -> u32 {
    eq.rules.slot_minutes.max(1)
}

/// The hours a week calendar of `eq` spans: earliest opening to latest closing.
pub fn span(eq: &Equipment) -> (u32, u32) {
    let days = eq.rules.hours.0.iter().flatten();
    let open = days.clone().map(|h| h.0).min().unwrap_or(9 * 60);
    let close = days.map(|h| h.1).max().unwrap_or(18 * 60);
    (open / 60 * 60, close.div_ceil(60) * 60)
}

impl EquipmentScreen {
    pub fn view_mode(&self) -> View {
        self.view
    }

    /// The moment the machines' status was last read at.
    pub fn as_of(&self) -> Option<Minute> {
        self.now
    }

    fn machine_at(&self, i: u32) -> Option<&(Equipment, Now)> {
        self.machines.get(i.checked_sub(self.window_start)? as usize)
    }

    /// The booking the action keys act on in the view showing.
    pub fn selected_booking(&self) -> Option<Booking> {
        match self.view {
            View::List => match &self.machine_at(self.selected)?.1 {
                Now::InUse(b) | Now::Free(Some(b)) => Some(b.clone()),
                _ => None,
            },
            View::Calendar => {
                let at = self.cursor()?;
                self.week.bookings.iter().find(|b| b.start <= at && b.end > at && b.state.is_active()).cloned()
            }
            View::Approvals => self.queue.get(self.queue_selected).cloned(),
        }
    }

    /// The machine the action keys act on.
    fn selected_machine(&self, store: &Store) -> Option<Equipment> {
        match self.view {
            View::List => self.machine_at(self.selected).map(|(e, _)| e.clone()),
            View::Calendar => self.machine.clone(),
            View::Approvals => {
                self.queue.get(self.queue_selected).and_then(|b| equipment::show(store, &b.equipment).ok())
            }
        }
    }

    /// The minute at the calendar cursor.
    pub fn cursor(&self) -> Option<Minute> {
        let day = self.monday? + chrono::Duration::days(self.cursor_day as i64);
        Some(Minute(Minute::at(day, 0, 0).0 + i64::from(self.cursor_minute)))
    }

    fn open_calendar(&mut self, store: &Store, eq: Equipment, at: Minute) -> Result<()> {
        let day = at.date();
        self.monday = Some(day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday())));
        self.cursor_day = day.weekday().num_days_from_monday() as usize;
        let (open, close) = span(&eq);
        let row = row_minutes(&eq);
        self.cursor_minute = (at.minute_of_day() / row * row).clamp(open, close.saturating_sub(row));
        self.machine = Some(eq);
        self.view = View::Calendar;
        self.load_week(store)
    }

    fn load_week(&mut self, store: &Store) -> Result<()> {
        if let (Some(eq), Some(monday)) = (&self.machine, self.monday) {
            self.week = status::week(store, eq, monday)?;
            let filter = &self.week_filter;
            self.week.bookings.retain(|b| {
                let company = b.company_name.clone().unwrap_or_default();
                filter.shows(&[&b.person_name, &b.person, &company, &b.purpose, &format!("#{}", b.id)])
            });
        }
        Ok(())
    }

    fn move_cursor(&mut self, store: &Store, action: Action) -> Result<()> {
        let Some(eq) = &self.machine else { return Ok(()) };
        let (open, close) = span(eq);
        let row = row_minutes(eq);
        match action {
            Action::Up => self.cursor_minute = self.cursor_minute.saturating_sub(row).max(open),
            Action::Down => self.cursor_minute = (self.cursor_minute + row).min(close.saturating_sub(row)),
            Action::Left if self.cursor_day == 0 => return self.shift_week(store, -1, 6),
            Action::Right if self.cursor_day == 6 => return self.shift_week(store, 1, 0),
            Action::Left => self.cursor_day -= 1,
            Action::Right => self.cursor_day += 1,
            Action::PrevWeek => return self.shift_week(store, -1, self.cursor_day),
            Action::NextWeek => return self.shift_week(store, 1, self.cursor_day),
            _ => {}
        }
        Ok(())
    }

    fn shift_week(&mut self, store: &Store, weeks: i64, day: usize) -> Result<()> {
        self.monday = self.monday.map(|m| m + chrono::Duration::weeks(weeks));
        self.cursor_day = day;
        self.load_week(store)
    }

    /// The length a new booking of `eq` is offered with.
    fn offered_length(eq: &Equipment) -> i64 {
        i64::from(eq.rules.min_minutes.max(60).min(eq.rules.max_minutes))
    }

    /// A booking form for `eq` at the first free time from `from`.
    fn book(store: &Store, eq: &Equipment, from: Minute, ui: &Ui, now: Minute) -> Result<Outcome> {
        let length = Self::offered_length(eq);
        let start = booking::suggest(store.sql(), eq, length, from, now)?.map_or(from, |p| p.start());
        Ok(Outcome::OpenForm(forms::booking_form(Some(eq), start, length, ui.lang)))
    }

    /// A booking form for `eq` from the calendar cursor's slot, as chosen;
    /// the form says at once if that time cannot be booked, and the nearest
    /// time that can.
    fn book_at(eq: &Equipment, at: Minute, ui: &Ui) -> Outcome {
        Outcome::OpenForm(forms::booking_form(Some(eq), at, Self::offered_length(eq), ui.lang))
    }
}

impl Screen for EquipmentScreen {
    fn contexts(&self) -> &'static [Context] {
        match self.view {
            View::List => self.machine_filter.contexts(&[Context::EquipmentList, Context::Equipment, Context::List]),
            View::Calendar => self.week_filter.contexts(&[Context::Calendar, Context::Equipment]),
            View::Approvals => self.queue_filter.contexts(&[Context::Equipment, Context::List]),
        }
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        let now = store.now();
        self.now = Some(now);
        let q = self.machine_filter.text();
        self.total = u32::try_from(equipment::count_matching(store, q)?).unwrap_or(u32::MAX);
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.window_start = list::window_start(self.selected);
        let machines = equipment::list_matching(store, q, Page::new(self.window_start, WINDOW))?;
        let states = status::states(store, &machines, now)?;
        self.machines = machines.into_iter().zip(states).collect();
        self.pending = status::requested(store)?;
        // Another manager may have approved a request above the selected one:
        // stay on the same request, so a key never acts on its neighbour.
        let kept = self.queue.get(self.queue_selected).map(|b| b.id);
        let filter = &self.queue_filter;
        self.queue = booking::pending(store, Page::new(0, WINDOW))?
            .into_iter()
            .filter(|b| {
                let company = b.company_name.clone().unwrap_or_default();
                filter.shows(&[&b.equipment, &b.equipment_name, &b.person_name, &b.person, &company, &b.purpose])
            })
            .collect();
        self.queue_selected = kept
            .and_then(|id| self.queue.iter().position(|b| b.id == id))
            .unwrap_or_else(|| self.queue_selected.min(self.queue.len().saturating_sub(1)));
        if let Some(code) = self.machine.as_ref().map(|m| m.code.clone()) {
            self.machine = Some(equipment::show(store, &code)?);
        }
        self.load_week(store)
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        let lang = ui.lang;
        let now = store.now();
        let filter = match self.view {
            View::List => Some(&mut self.machine_filter),
            View::Approvals => Some(&mut self.queue_filter),
            View::Calendar => Some(&mut self.week_filter),
        };
        match filter.map_or(Filtered::NotMine, |f| f.update(action)) {
            Filtered::NotMine => {}
            Filtered::Kept => return Ok(Outcome::Nothing),
            Filtered::Changed => {
                (self.selected, self.queue_selected) = (0, 0);
                self.refresh(store)?;
                return Ok(Outcome::Nothing);
            }
        }
        match (self.view, action) {
            (View::List, a) if list::moved(self.selected, self.total, a).is_some() => {
                self.selected = list::moved(self.selected, self.total, a).unwrap_or(0);
                if self.machine_at(self.selected).is_none() {
                    self.refresh(store)?;
                }
                return Ok(Outcome::Nothing);
            }
            (View::Approvals, a) if list::moved(self.queue_selected as u32, self.queue.len() as u32, a).is_some() => {
                self.queue_selected =
                    list::moved(self.queue_selected as u32, self.queue.len() as u32, a).unwrap_or(0) as usize;
                return Ok(Outcome::Nothing);
            }
            (
                View::Calendar,
                Action::Up | Action::Down | Action::Left | Action::Right | Action::PrevWeek | Action::NextWeek,
            ) => {
                self.move_cursor(store, action)?;
                return Ok(Outcome::Nothing);
            }
            (View::List, Action::Open) => {
                if let Some((eq, _)) = self.machine_at(self.selected).cloned() {
                    self.open_calendar(store, eq, now)?;
                }
                return Ok(Outcome::Nothing);
            }
            (_, Action::Back) => {
                self.view = View::List;
                return Ok(Outcome::Nothing);
            }
            (_, Action::Approvals) => {
                self.view = if self.view == View::Approvals { View::List } else { View::Approvals };
                return Ok(Outcome::Nothing);
            }
            (View::List, Action::New) => return Ok(Outcome::OpenForm(forms::new_equipment(store, lang)?)),
            _ => {}
        }
        let booking = self.selected_booking();
        let machine = self.selected_machine(store);
        let state = |b: &Booking| fill(Msg::SavedState.text(lang), &[&b.id, &labels::booking_state(b.state, lang)]);
        let outcome = match (action, booking, machine) {
            (Action::Book, _, Some(eq)) => match (self.view, self.cursor()) {
                (View::Calendar, Some(at)) => Self::book_at(&eq, at, ui),
                _ => Self::book(store, &eq, now, ui, now)?,
            },
            (Action::Approve, Some(b), _) => {
                let b = booking::approve(store, &b.id.to_string())?;
                Outcome::Say(state(&b))
            }
            (Action::Reject, Some(b), _) => Outcome::OpenForm(forms::reject_form(&b, lang)),
            (Action::Cancel, Some(b), _) => Outcome::OpenForm(forms::cancel_form(&b, lang)),
            (Action::CheckIn, Some(b), _) => {
                let b = booking::check_in(store, &b.id.to_string(), None)?;
                Outcome::Say(state(&b))
            }
            (Action::CheckOut, Some(b), _) => Outcome::OpenForm(forms::check_out_form(&b, now, lang)),
            (Action::WalkIn, _, Some(eq)) => Outcome::OpenForm(forms::walk_in_form(&eq, lang)),
            (Action::Downtime, _, Some(eq)) => {
                let at = if self.view == View::Calendar { self.cursor().unwrap_or(now) } else { now };
                Outcome::OpenForm(forms::downtime_form(&eq, at, lang))
            }
            (Action::NoShows, _, _) => {
                let marked = booking::mark_no_shows(store, 30)?;
                Outcome::Say(fill(Msg::MarkedNoShows.text(lang), &[&marked.len()]))
            }
            (Action::Approve | Action::Reject | Action::Cancel | Action::CheckIn | Action::CheckOut, None, _) => {
                Outcome::Say(Msg::NoBookingSelected.text(lang).into())
            }
            _ => Outcome::Nothing,
        };
        if matches!(outcome, Outcome::Say(_)) {
            self.refresh(store)?;
        }
        Ok(outcome)
    }

    fn view(&self, frame: &mut ratatui::Frame, area: ratatui::layout::Rect, ui: &Ui) {
        match self.view {
            View::List => view::list(self, frame, area, ui),
            View::Calendar => view::calendar(self, frame, area, ui),
            View::Approvals => view::approvals(self, frame, area, ui),
        }
    }
}
