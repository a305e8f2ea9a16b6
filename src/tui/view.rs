//! Drawing the whole frame from the app's state. Nothing here changes state.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay};
use super::widgets::{self, first_run, header, help, status};
use crate::cells;
use crate::i18n::Msg;
use crate::tui::theme;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let lines = vec![
            Line::styled(Msg::TooSmall.text(app.lang), theme::error()),
            Line::from(format!("{} ({}×{})", Msg::TooSmallNeed.text(app.lang), area.width, area.height)),
        ];
        let box_area = widgets::centered(area, area.width, 2);
        frame.render_widget(Paragraph::new(lines).centered(), box_area);
        return;
    }
    let ui = app.ui();
    let [top, body, message, bar] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    header::render(frame, top, app.screen, &ui);
    app.screens.get(app.screen).view(frame, body, &ui);
    status::message(frame, message, app);
    status::bar(frame, bar, app);
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll } => help::render(frame, body, app, *scroll),
            Overlay::FirstRun => first_run::render(frame, body, app),
            Overlay::Form(form) => form.view(frame, body),
        }
    }
    blank_cut_wide_chars(frame.buffer_mut());
}

/// A form drawn over a table can cover the right half of a Hangul character
/// just left of it. The terminal would still draw the whole character, over
/// the form's border (ratatui assumes a wide character's hidden cells stay
/// blank), so such a cut character becomes a blank.
fn blank_cut_wide_chars(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let w = cells::width(buf[(x, y)].symbol()) as u16;
            let cut = (x + 1..(x + w).min(area.right())).any(|h| !buf[(h, y)].symbol().trim().is_empty());
            if cut {
                buf[(x, y)].set_symbol(" ");
            }
            x += if cut { 1 } else { w.max(1) };
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    #[test]
    fn a_hangul_character_cut_by_a_border_becomes_a_blank() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "가나다", ratatui::style::Style::default());
        buf[(3, 0)].set_symbol("│");
        blank_cut_wide_chars(&mut buf);
        let row: Vec<&str> = (0..6).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(row, ["가", " ", " ", "│", "다", " "]);
    }
}
