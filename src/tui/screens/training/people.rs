//! The people tab of screen 5: each person with their company, how their
//! qualifications stand and their next booking; under it, the selected
//! person's qualifications (with the machines they open, valid first) and
//! coming bookings. `n` adds a person, `e` corrects one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::list::{self as rows, Window};
use crate::cells::{column, cut};
use crate::db::Store;
use crate::domain::Minute;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::report::people::{self, PersonCard, PersonDetail};
use crate::tui::screens::Ui;
use crate::tui::theme;

#[derive(Default)]
pub struct People {
    pub cards: Window<PersonCard>,
    pub detail: PersonDetail,
}

impl People {
    pub fn load(&mut self, store: &Store, search: &str, now: Minute) -> Result<()> {
        let kept = self.cards.current().map(|c| c.person.code.clone());
        self.cards.load(people::count(store, search)?, |page| people::cards(store, search, page, now))?;
        if let Some(code) = kept {
            self.cards.keep(|c| c.person.code == code);
        }
        self.load_detail(store, now)
    }

    pub fn load_detail(&mut self, store: &Store, now: Minute) -> Result<()> {
        self.detail = match self.cards.current() {
            Some(c) => people::detail(store, &c.person.code, now)?,
            None => PersonDetail::default(),
        };
        Ok(())
    }
}

fn quals_text(c: &PersonCard, lang: Lang) -> String {
    if c.valid + c.expired == 0 {
        return "-".to_owned();
    }
    fill(
        lang.pick("유효 {0} · 임박 {1} · 만료 {2}", "valid {0} · soon {1} · gone {2}"),
        &[&c.valid, &c.expiring, &c.expired],
    )
}

pub fn view(p: &People, title: &str, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let block = super::view::titled(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, detail] = Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(inner);
    let w = usize::from(list.width);
    // ▶, code, name, qualifications and the next booking (`12-07 12:00 EQ-0023`).
    let company_w = w.saturating_sub(1 + 8 + 11 + 25 + 19).clamp(6, 24);
    let mut lines = vec![Line::styled(
        format!(
            " {}{}{}{}{}",
            column(lang.pick("코드", "Code"), 8),
            column(lang.pick("이름", "Name"), 11),
            column(lang.pick("소속", "Company"), company_w),
            column(lang.pick("자격", "Qualifications"), 25),
            lang.pick("다음 예약", "Next booking")
        ),
        theme::dim(),
    )];
    let visible = u32::from(list.height.saturating_sub(1));
    let top = rows::page_top(p.cards.selected, visible);
    for i in top..(top + visible).min(p.cards.total) {
        let Some(c) = p.cards.get(i) else { break };
        let next = c
            .next
            .as_ref()
            .map_or_else(String::new, |(at, eq)| format!("{} {eq}", at.to_datetime().format("%m-%d %H:%M")));
        let text = format!(
            "{}{}{}{}{}{}",
            if i == p.cards.selected { "▶" } else { " " },
            column(&c.person.code, 8),
            column(&c.person.name, 11),
            column(c.person.company_name.as_deref().unwrap_or("-"), company_w),
            column(&quals_text(c, lang), 25),
            next
        );
        lines.push(rows::row_line(cut(&text, w), i == p.cards.selected));
    }
    if p.cards.total == 0 {
        lines.push(Line::styled(Msg::NoPeople.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(Paragraph::new(detail_lines(p, ui, usize::from(detail.width))), detail);
}

fn detail_lines(p: &People, ui: &Ui, w: usize) -> Vec<Line<'static>> {
    let lang = ui.lang;
    let mut lines = vec![Line::styled(lang.pick("─ 자격", "─ Qualifications"), theme::title())];
    for q in p.detail.qualifications.iter().take(4) {
        let left = q.days_left(ui.today);
        let (state, style) = if q.revoked_at.is_some() {
            (Msg::Revoked.text(lang).to_owned(), theme::dim())
        } else if left < 0 {
            (Msg::Expired.text(lang).to_owned(), theme::error())
        } else if left <= people::EXPIRING_DAYS {
            (format!("D-{left}"), theme::soon())
        } else {
            (format!("~{}", q.valid_until), theme::info())
        };
        let text = format!(" {}{}{}", column(&q.course, 10), column(&q.course_title, 17), column(&q.machines, 17));
        lines.push(Line::from(vec![Span::raw(cut(&text, w)), Span::styled(state, style)]));
    }
    if p.detail.qualifications.is_empty() {
        lines.push(Line::styled(format!(" {}", Msg::NoQualifications.text(lang)), theme::dim()));
    }
    lines.push(Line::styled(lang.pick("─ 다가오는 예약", "─ Coming bookings"), theme::title()));
    for b in &p.detail.coming {
        lines.push(Line::raw(cut(&format!(" #{} {} {} {}", b.id, b.start, b.equipment, b.equipment_name), w)));
    }
    if p.detail.coming.is_empty() {
        lines.push(Line::styled(format!(" {}", lang.pick("없음", "none")), theme::dim()));
    }
    lines
}
