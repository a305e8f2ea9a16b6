//! Offered once, on a brand-new database: load the demo centre or start empty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::cells::wrap;

use super::centered;
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::tui::theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let popup = centered(area, 64, 11);
    // Wrapped by cells: ratatui's word wrap loses Hangul at a line's edge.
    let mut lines: Vec<Line> = wrap(Msg::FirstRunBody.text(lang), usize::from(popup.width.saturating_sub(2)))
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::default());
    for keymap::KeyHint { key, label, .. } in keymap::hints(&[Context::FirstRun], lang) {
        lines.push(Line::from(vec![Span::styled(format!("  {key}  "), theme::key()), Span::raw(label)]));
    }
    let block = Block::bordered().title(Span::styled(format!(" {} ", Msg::FirstRunTitle.text(lang)), theme::title()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
