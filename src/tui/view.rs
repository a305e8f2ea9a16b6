//! Drawing the whole frame from the app's state. Nothing here changes state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay};
use super::widgets::{self, first_run, header, help, status};
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
}
