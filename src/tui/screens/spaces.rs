//! 3 공간: the building floor by floor. Rooms as tiles (vacant ones stand out,
//! leases ending within 60/30 days are coloured), and the floor's rooms as a
//! table with tenant, lease end, rent and fee.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::filter::{FilterLine, Filtered};
use super::{Outcome, Screen, Ui, list};
use crate::cells::{column, column_right, cut};
use crate::db::{Store, room};
use crate::domain::Field;
use crate::domain::money::group;
use crate::error::Result;
use crate::i18n::{Msg, fill, labels};
use crate::report::occupancy::{self, Occupancy, RoomStatus};
use crate::tui::action::Action;
use crate::tui::forms;
use crate::tui::keymap::Context;
use crate::tui::theme;

#[derive(Default)]
pub struct Spaces {
    floors: Vec<i64>,
    floor: usize,
    rooms: Vec<RoomStatus>,
    summary: Occupancy,
    selected: usize,
    /// With a filter, the rooms of every floor that match it.
    filter: FilterLine,
}

const TILE_W: u16 = 16;
/// Table cells before the tenant and after: ▶, room, use, m², 평, gap, lease end.
const FIXED: usize = 1 + 5 + KIND + 9 + 8 + 2 + 11;
/// The room kind column: the longest kind (`Pilot plant`) and a space.
const KIND: usize = 12;
const TILE_H: u16 = 5;

impl Spaces {
    fn current(&self) -> Option<&RoomStatus> {
        self.rooms.get(self.selected)
    }

    pub fn floor(&self) -> Option<i64> {
        self.floors.get(self.floor).copied()
    }

    /// The code of the room selected.
    pub fn selected_room(&self) -> Option<&str> {
        self.current().map(|s| s.room.code.as_str())
    }

    /// The room codes on the floor shown, for tests.
    pub fn room_codes(&self) -> Vec<String> {
        self.rooms.iter().map(|r| r.room.code.clone()).collect()
    }
}

fn style_for(s: &RoomStatus, today: NaiveDate) -> Style {
    match s.lease.as_ref().and_then(|l| l.days_left(today)) {
        Some(d) if d <= 30 => theme::urgent(),
        Some(d) if d <= 60 => theme::soon(),
        Some(_) => Style::new(),
        None if s.is_vacant() => theme::vacant(),
        None => theme::dim(),
    }
}

impl Screen for Spaces {
    fn contexts(&self) -> &'static [Context] {
        self.filter.contexts(&[Context::Spaces, Context::List])
    }

    /// Reads the floor again. The floor and room shown stay the same ones
    /// when another terminal adds a floor below or a room before them.
    fn refresh(&mut self, store: &Store) -> Result<()> {
        let today = store.now().date();
        let (was_floor, was_room) = (self.floor(), self.current().map(|s| s.room.code.clone()));
        self.floors = room::floors(store)?;
        if let Some(i) = was_floor.and_then(|f| self.floors.iter().position(|x| *x == f)) {
            self.floor = i;
        }
        self.floor = self.floor.min(self.floors.len().saturating_sub(1));
        let all = occupancy::rooms_on(store, today)?;
        let floor = self.floor();
        // A filter looks on every floor: a tenant's room is found without
        // knowing its floor.
        let filter = &self.filter;
        self.rooms = all
            .into_iter()
            .filter(|r| {
                if !filter.is_active() {
                    return Some(r.room.floor) == floor;
                }
                let (tenant, lease) = r.lease.as_ref().map_or(("", ""), |l| (l.company_name.as_str(), l.code.as_str()));
                filter.shows(&[&r.room.code, tenant, lease])
            })
            .collect();
        self.summary = occupancy::summarize(&self.rooms, today);
        if let Some(i) = was_room.and_then(|c| self.rooms.iter().position(|r| r.room.code == c)) {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rooms.len().saturating_sub(1));
        Ok(())
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        match self.filter.update(action) {
            Filtered::NotMine => {}
            Filtered::Kept => return Ok(Outcome::Nothing),
            Filtered::Changed => {
                self.selected = 0;
                self.refresh(store)?;
                return Ok(Outcome::Nothing);
            }
        }
        let n = self.rooms.len() as u32;
        if let Some(to) = list::moved(self.selected as u32, n, action) {
            self.selected = to as usize;
            return Ok(Outcome::Nothing);
        }
        match action {
            Action::Left | Action::Right => {
                let last = self.floors.len().saturating_sub(1);
                self.floor =
                    if action == Action::Left { self.floor.saturating_sub(1) } else { (self.floor + 1).min(last) };
                self.selected = 0;
                self.refresh(store)?;
                Ok(Outcome::Nothing)
            }
            Action::New => Ok(Outcome::OpenForm(forms::new_room(self.floor().unwrap_or(1), ui.lang))),
            Action::Lease => {
                let Some(s) = self.current() else { return Ok(Outcome::Nothing) };
                // A let room starts its next lease the day the current one ends.
                let from = s.lease.as_ref().map_or(ui.today, crate::db::lease::Lease::end);
                let term = super::lease_term(store)?;
                let mut form = forms::new_lease(None, Some(&s.room.code), from.max(ui.today), term, ui.lang);
                form.focus = 0;
                Ok(Outcome::OpenForm(form))
            }
            Action::EndLease => match self.current().and_then(|s| s.lease.clone()) {
                Some(l) => Ok(Outcome::OpenForm(forms::end_lease(&l, ui.today, ui.lang))),
                None => Ok(Outcome::Say(Msg::NoLeaseToEnd.text(ui.lang).into())),
            },
            _ => Ok(Outcome::Nothing),
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let lang = ui.lang;
        let per_row = (area.width.saturating_sub(2) / TILE_W).max(1);
        let tile_rows = (self.rooms.len() as u16).div_ceil(per_row).clamp(1, 2);
        let plan_h = (tile_rows * TILE_H + 2).min(area.height / 2);
        let [plan, table] = Layout::vertical([Constraint::Length(plan_h), Constraint::Fill(1)]).areas(area);
        let floor = match self.floor() {
            _ if self.filter.is_active() => Msg::AllFloors.text(lang).to_owned(),
            Some(f) => fill(Msg::FloorName.text(lang), &[&f]),
            None => String::new(),
        };
        let title = format!(
            " {floor} ◀ ▶ · {} {:.1} % · {}{} ",
            Msg::OccupancyTitle.text(lang),
            self.summary.area_percent(),
            fill(
                Msg::OccupancyRooms.text(lang),
                &[&self.summary.leased_rooms, &self.summary.rooms, &self.summary.vacant.len()]
            ),
            self.filter.title()
        );
        let block = Block::bordered().title(Span::styled(title, theme::title()));
        let inner = block.inner(plan);
        frame.render_widget(block, plan);
        self.view_tiles(frame, inner, ui);
        self.view_table(frame, table, ui);
    }
}

impl Spaces {
    fn view_tiles(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let per_row = usize::from((area.width / TILE_W).max(1));
        let rows = usize::from((area.height / TILE_H).max(1));
        // Keep the selected room's row of tiles in view.
        let first_row = (self.selected / per_row).saturating_sub(rows - 1);
        for (i, s) in self.rooms.iter().enumerate().skip(first_row * per_row).take(per_row * rows) {
            let col = (i % per_row) as u16;
            let row = (i / per_row - first_row) as u16;
            let rect = Rect::new(area.x + col * TILE_W, area.y + row * TILE_H, TILE_W, TILE_H).intersection(area);
            let style = style_for(s, ui.today);
            let border = if i == self.selected { theme::key() } else { Style::new() };
            let kind = if s.room.kind.is_leasable() {
                String::new()
            } else {
                format!(" {}", labels::room_kind(s.room.kind, ui.lang))
            };
            let tile =
                Block::bordered().border_style(border).title(Span::styled(format!("{}{kind}", s.room.code), border));
            let inner_w = usize::from(TILE_W - 2);
            let occupant = match &s.lease {
                Some(l) => l.company_name.clone(),
                None if s.is_vacant() => Msg::Vacant.text(ui.lang).into(),
                None => Msg::CentreUse.text(ui.lang).into(),
            };
            let days = s.lease.as_ref().and_then(|l| l.days_left(ui.today)).filter(|d| *d <= 60);
            let area_text = days.map_or_else(
                || format!("{} m²", s.room.area.m2_text()),
                |d| format!("{} D-{d}", s.room.area.m2_text()),
            );
            let lines =
                vec![Line::styled(cut(&occupant, inner_w), style), Line::styled(cut(&area_text, inner_w), style)];
            frame.render_widget(Paragraph::new(lines).block(tile), rect);
        }
    }

    fn view_table(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let lang = ui.lang;
        let block = Block::bordered().title(Span::styled(format!(" {} ", Msg::RoomList.text(lang)), theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        let wide = w >= FIXED + 24 + 10;
        let company_w = w.saturating_sub(FIXED + if wide { 24 } else { 0 }).clamp(6, 30);
        let mut header = format!(
            " {}{}{}{}{}{}",
            column(labels::field(Field::Room, lang), 5),
            column(labels::field(Field::Kind, lang), KIND),
            column_right(Msg::ColArea.text(lang), 9),
            column_right("평", 8),
            column(&format!("  {}", Msg::ColTenant.text(lang)), company_w + 2),
            column(Msg::ColLeaseEnd.text(lang), 11),
        );
        if wide {
            header.push_str(&column_right(Msg::ColRentMonth.text(lang), 12));
            header.push_str(&column_right(Msg::ColFeeMonth.text(lang), 12));
        }
        let mut lines = vec![Line::styled(cut(&header, w), theme::dim())];
        let visible = u32::from(inner.height.saturating_sub(1));
        let top = list::page_top(self.selected as u32, visible) as usize;
        for (i, s) in self.rooms.iter().enumerate().skip(top).take(visible as usize) {
            let (tenant, end, rent, fee) = match &s.lease {
                Some(l) => (
                    l.company_name.clone(),
                    l.last_day.to_string(),
                    group(i128::from(l.rent.0)),
                    group(i128::from(l.fee.0)),
                ),
                None if s.is_vacant() => (Msg::Vacant.text(lang).into(), "—".into(), "—".into(), "—".into()),
                None => (Msg::CentreUse.text(lang).into(), "—".into(), "—".into(), "—".into()),
            };
            let mut text = format!(
                "{}{}{}{}{}  {}{}",
                if i == self.selected { "▶" } else { " " },
                column(&s.room.code, 5),
                column(labels::room_kind(s.room.kind, lang), KIND),
                column_right(&s.room.area.m2_text(), 9),
                column_right(&s.room.area.pyeong_text(), 8),
                column(&tenant, company_w),
                column(&end, 11),
            );
            if wide {
                text.push_str(&column_right(&rent, 12));
                text.push_str(&column_right(&fee, 12));
            }
            let line = if i == self.selected {
                list::row_line(cut(&text, w), true)
            } else {
                Line::styled(cut(&text, w), style_for(s, ui.today))
            };
            lines.push(line);
        }
        if self.rooms.is_empty() {
            lines.push(Line::styled(Msg::NoRooms.text(lang), theme::dim()));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
