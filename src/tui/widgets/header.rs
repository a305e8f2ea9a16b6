//! The top line: the centre, the six screen tabs, today's date.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::cells::width;
use crate::i18n::{Msg, labels};
use crate::tui::screens::{ScreenId, Ui};
use crate::tui::theme;

pub fn render(frame: &mut Frame, area: Rect, current: ScreenId, ui: &Ui) {
    let date = labels::date_with_weekday(ui.today, ui.lang);
    let mut tabs: Vec<Span> = Vec::new();
    for id in ScreenId::ALL {
        let label = format!(" {} {} ", id.number(), id.title().text(ui.lang));
        tabs.push(Span::styled(
            label,
            if id == current {
                theme::tab_active()
            } else {
                theme::tab()
            },
        ));
    }
    let tabs_width: usize = tabs.iter().map(|s| width(&s.content)).sum();
    let full_title = format!(" kiln {} ", Msg::CentreName.text(ui.lang));
    // The centre's name goes first when there is room for it.
    let room = usize::from(area.width).saturating_sub(tabs_width + width(&date) + 2);
    let title = if width(&full_title) <= room {
        full_title
    } else {
        " kiln ".to_owned()
    };
    let mut spans = vec![Span::styled(title, theme::title())];
    spans.extend(tabs);
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width(&date) as u16 + 1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    frame.render_widget(Paragraph::new(Line::styled(date, theme::dim())), right);
}
