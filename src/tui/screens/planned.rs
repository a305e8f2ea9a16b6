//! A screen whose features are not built yet: it says what it will hold, so
//! nobody mistakes an empty page for lost data.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Screen, ScreenId, Ui};
use crate::db::Store;
use crate::error::Result;
use crate::i18n::{Msg, messages_planned};
use crate::tui::theme;

pub struct Planned {
    id: ScreenId,
}

impl Planned {
    pub fn new(id: ScreenId) -> Self {
        Planned { id }
    }
}

impl Screen for Planned {
    fn refresh(&mut self, _store: &Store) -> Result<()> {
        Ok(())
    }

    fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let mut lines = vec![Line::styled(Msg::PlannedNote.text(ui.lang), theme::dim()), Line::default()];
        for item in messages_planned(self.id.number(), ui.lang) {
            lines.push(Line::from(vec![Span::styled(" • ", theme::key()), Span::raw(*item)]));
        }
        let title = format!(" {} {} ", self.id.number(), self.id.title().text(ui.lang));
        let block = Block::bordered().title(Span::styled(title, theme::title()));
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
    }
}
