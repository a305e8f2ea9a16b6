//! 2 기업 → 청구처 (`B`): every billing party — the companies' own, outside
//! organisations (a university's 산학협력단, an institute) and individuals —
//! filterable by name, code or BRN, with the selected one's class today
//! (set, or by rule), who may book for it, its voucher balances and its
//! projects. `e` sets its rate class, `d` a class's discount.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::filter::{FilterLine, Filtered};
use super::list::{self, WINDOW};
use super::{Outcome, Ui};
use crate::cells::{column, cut};
use crate::db::party::{self, Billing, Party, PartyFilter};
use crate::db::{Page, Store, rate_class};
use crate::error::Result;
use crate::i18n::{Msg, fill, labels};
use crate::tui::action::Action;
use crate::tui::forms;
use crate::tui::keymap::Context;
use crate::tui::theme;

#[derive(Default)]
pub struct Parties {
    filter: FilterLine,
    total: u32,
    selected: u32,
    window_start: u32,
    rows: Vec<Party>,
    detail: Option<(Party, Option<Billing>)>,
}

impl Parties {
    fn party_filter(&self) -> PartyFilter {
        let search = Some(self.filter.text().to_owned()).filter(|s| !s.trim().is_empty());
        PartyFilter { search, ..PartyFilter::default() }
    }

    fn load_rows(&mut self, store: &Store) -> Result<()> {
        let filter = self.party_filter();
        self.total = u32::try_from(party::count(store, &filter)?).unwrap_or(u32::MAX);
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.window_start = list::window_start(self.selected);
        self.rows = party::list(store, &filter, Page::new(self.window_start, WINDOW))?;
        Ok(())
    }

    fn load_detail(&mut self, store: &Store) -> Result<()> {
        let row = self.rows.get(self.selected.saturating_sub(self.window_start) as usize).cloned();
        self.detail = match row {
            Some(p) => {
                let billing = party::billing(store, &p.code)?;
                Some((p, Some(billing)))
            }
            None => None,
        };
        Ok(())
    }

    /// The party selected, for tests.
    pub fn selected_code(&self) -> Option<String> {
        self.detail.as_ref().map(|(p, _)| p.code.clone())
    }

    pub(super) fn contexts(&self) -> &'static [Context] {
        self.filter.contexts(&[Context::Parties, Context::List])
    }

    /// Reads the list again, staying on the same party.
    pub(super) fn refresh(&mut self, store: &Store) -> Result<()> {
        let kept = self.selected_code();
        self.load_rows(store)?;
        if let Some(at) = kept.and_then(|code| self.rows.iter().position(|p| p.code == code)) {
            self.selected = self.window_start + u32::try_from(at).unwrap_or(0);
        }
        self.load_detail(store)
    }

    pub(super) fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        match self.filter.update(action) {
            Filtered::NotMine => {}
            Filtered::Kept => return Ok(Outcome::Nothing),
            Filtered::Changed => {
                self.selected = 0;
                self.load_rows(store)?;
                self.load_detail(store)?;
                return Ok(Outcome::Nothing);
            }
        }
        if let Some(to) = list::moved(self.selected, self.total, action) {
            self.selected = to;
            if !(to >= self.window_start && to < self.window_start + self.rows.len() as u32) {
                self.load_rows(store)?;
            }
            self.load_detail(store)?;
            return Ok(Outcome::Nothing);
        }
        let selected = self.detail.as_ref().map(|(p, b)| (p.clone(), b.as_ref().map(|b| b.rate_class.clone())));
        Ok(match (action, selected) {
            (Action::Edit, Some((p, _))) => {
                Outcome::OpenForm(forms::party_class_form(&p, &rate_class::list(store)?, ui.lang))
            }
            (Action::Discount, class) => {
                let classes = rate_class::list(store)?;
                Outcome::OpenForm(forms::class_discount_form(&classes, class.and_then(|c| c.1).as_deref(), ui.lang))
            }
            _ => Outcome::Nothing,
        })
    }

    pub(super) fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let [left, right] = Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(area);
        self.view_list(frame, left, ui);
        self.view_detail(frame, right, ui);
    }

    fn view_list(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let lang = ui.lang;
        let title = fill(Msg::PartiesTitle.text(lang), &[&self.total]) + &self.filter.title();
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        let kind_w = 10;
        let name_w = w.saturating_sub(1 + 8 + kind_w).max(8);
        let row = |code: &str, kind: &str, name: &str| {
            format!("{}{}{}", column(code, 8), column(kind, kind_w), column(name, name_w))
        };
        let head = format!(" {}", row(Msg::ColCode.text(lang), Msg::ColKind.text(lang), Msg::ColName.text(lang)));
        let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
        let visible = u32::from(inner.height.saturating_sub(1));
        let top = list::page_top(self.selected, visible);
        for i in top..(top + visible).min(self.total) {
            let Some(p) = self.rows.get(i.saturating_sub(self.window_start) as usize) else { break };
            let marker = if i == self.selected { "▶" } else { " " };
            let text = format!("{marker}{}", row(&p.code, labels::party_kind(p.kind, lang), &p.name));
            lines.push(list::row_line(cut(&text, w), i == self.selected));
        }
        if self.total == 0 {
            lines.push(Line::styled(Msg::NoParties.text(lang), theme::dim()));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn view_detail(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let lang = ui.lang;
        let Some((p, billing)) = &self.detail else {
            frame.render_widget(Block::bordered(), area);
            return;
        };
        let block = Block::bordered().title(Span::styled(format!(" {} · {} ", p.name, p.code), theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        let mut lines: Vec<Line> = Vec::new();
        let mut about = vec![labels::party_kind(p.kind, lang).to_owned()];
        about.extend(p.brn.clone());
        about.extend(p.person.clone());
        about.extend(p.email.clone());
        lines.push(Line::from(cut(&about.join(" · "), w)));
        if !p.members.is_empty() {
            lines.push(Line::from(cut(&format!("{}: {}", Msg::MembersHeading.text(lang), p.members.join(", ")), w)));
        }
        if let Some(b) = billing {
            super::companies::billing(&mut lines, b, w, lang);
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
