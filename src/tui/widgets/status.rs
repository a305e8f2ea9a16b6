//! The two bottom lines: the last message, then key hints on the left and who
//! is working on which file on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::cells::{cut, width};
use crate::i18n::labels;
use crate::tui::app::{App, Tone};
use crate::tui::keymap;
use crate::tui::theme;

pub fn message(frame: &mut Frame, area: Rect, app: &App) {
    if let Some(m) = &app.message {
        let style = match m.tone {
            Tone::Info => theme::info(),
            Tone::Error => theme::error(),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(cut(&format!(" {}", m.text), usize::from(area.width)), style)),
            area,
        );
    }
}

pub fn bar(frame: &mut Frame, area: Rect, app: &App) {
    let file = app
        .store
        .path()
        .file_name()
        .map_or_else(|| app.store.path().display().to_string(), |f| f.to_string_lossy().into_owned());
    let who = format!("{} {} · {} ", labels::role(app.me.role, app.lang), app.me.user, file);
    let who = cut(&who, usize::from(area.width) / 2);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(width(&who) as u16)]).areas(area);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, label) in keymap::hints(&app.contexts(), app.lang) {
        let w = width(&key) + width(label) + 3;
        if used + w > usize::from(left.width) {
            break;
        }
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(format!(" {label}  ")));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    frame.render_widget(Paragraph::new(Line::styled(who, theme::dim())), right);
}
