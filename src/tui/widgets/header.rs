//! The top line: the centre, the six screen tabs, today's date. On a narrow
//! terminal it gives up the centre's name first, then padding, then the year,
//! so the six tabs always fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::cells::width;
use crate::i18n::{Msg, labels};
use crate::tui::screens::{ScreenId, Ui};
use crate::tui::theme;

struct Variant {
    title: String,
    pad: &'static str,
    date: String,
}

fn spans(v: &Variant, current: ScreenId, ui: &Ui) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    if !v.title.is_empty() {
        out.push(Span::styled(v.title.clone(), theme::title()));
    }
    for id in ScreenId::ALL {
        let label = format!("{p}{} {}{p}", id.number(), id.title().text(ui.lang), p = v.pad);
        let style = if id == current { theme::tab_active() } else { theme::tab() };
        out.push(Span::styled(label, style));
        out.push(Span::raw(" "));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, current: ScreenId, ui: &Ui) {
    let full_date = labels::date_with_weekday(ui.today, ui.lang);
    let short_date = full_date.get(5..).unwrap_or(&full_date).to_owned();
    let name = format!(" kiln {} ", Msg::CentreName.text(ui.lang));
    let variants = [
        Variant { title: name, pad: " ", date: full_date.clone() },
        Variant { title: " kiln ".into(), pad: " ", date: full_date.clone() },
        Variant { title: " kiln ".into(), pad: "", date: full_date.clone() },
        Variant { title: " ".into(), pad: "", date: full_date },
        Variant { title: " ".into(), pad: "", date: short_date },
    ];
    let available = usize::from(area.width);
    let fits = |v: &Variant| {
        let w: usize = spans(v, current, ui).iter().map(|s| width(&s.content)).sum();
        w + width(&v.date) < available
    };
    let chosen = variants.iter().find(|v| fits(v)).unwrap_or(&variants[variants.len() - 1]);
    let mut line = spans(chosen, current, ui);
    let used: usize = line.iter().map(|s| width(&s.content)).sum();
    let gap = available.saturating_sub(used + width(&chosen.date) + 1);
    line.push(Span::raw(" ".repeat(gap)));
    line.push(Span::styled(chosen.date.clone(), theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(line)), area);
}
