//! The help overlay: the keys that work under it, straight from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::cells::fit;
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let lang = app.lang;
    let mut lines = vec![Line::from(vec![
        Span::styled(fit(Msg::HelpKey.text(lang), 12), theme::dim()),
        Span::styled(Msg::HelpDoes.text(lang), theme::dim()),
    ])];
    for b in keymap::bindings(&app.help_contexts()) {
        lines.push(Line::from(vec![Span::styled(fit(&b.key.text(), 12), theme::key()), Span::raw(b.label.text(lang))]));
    }
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = centered(area, 50, height);
    let block = Block::bordered().title(Span::styled(format!(" {} ", Msg::HelpTitle.text(lang)), theme::title()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), popup);
}
