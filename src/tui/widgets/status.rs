//! The two bottom lines: the last message, then key hints on the left and who
//! is working on which file on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::cells::{cut, width};
use crate::i18n::labels;
use crate::tui::app::{App, Tone};
use crate::tui::keymap::{self, KeyHint, Rank};
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

/// How one hint is shown: with its label, or as its key alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Full,
    KeyOnly,
    Dropped,
}

/// The cells a hint takes as shown: `n 예약  ` or `n `.
fn cells(h: &KeyHint, shown: Shown) -> usize {
    match shown {
        Shown::Full => width(&h.key) + 1 + width(h.label) + 2,
        Shown::KeyOnly => width(&h.key) + 1,
        Shown::Dropped => 0,
    }
}

/// Fits the hints and the `who` text (the account and file, `who` cells
/// wide) into `total` cells. What gives way first: moving-about hints (from
/// the last), then the labels of the screen's keys (from the last; the keys
/// stay), then the account and file, then the screen's keys themselves;
/// `?` help goes only when nothing else is left. Returns how each hint is
/// shown and how many cells `who` keeps.
pub fn layout(hints: &[KeyHint], who: usize, total: usize) -> (Vec<Shown>, usize) {
    let mut shown = vec![Shown::Full; hints.len()];
    // A leading space before the first hint.
    let used = |shown: &[Shown]| 1 + hints.iter().zip(shown).map(|(h, s)| cells(h, *s)).sum::<usize>();
    let fits = |shown: &[Shown], who: usize| used(shown) + who <= total;
    let mut who_w = who.min(total / 2);
    let steps: [(Rank, Shown); 3] =
        [(Rank::Nav, Shown::Dropped), (Rank::Main, Shown::KeyOnly), (Rank::Main, Shown::Dropped)];
    for (i, (rank, to)) in steps.into_iter().enumerate() {
        for at in (0..hints.len()).rev() {
            if fits(&shown, who_w) {
                return (shown, who_w);
            }
            if hints[at].rank == rank && shown[at] != Shown::Dropped {
                shown[at] = to;
            }
        }
        // Before a key of the screen is dropped, the right side gives up its room.
        if i == 1 && !fits(&shown, who_w) {
            who_w = total.saturating_sub(used(&shown));
        }
    }
    for at in (0..hints.len()).rev() {
        if fits(&shown, who_w) {
            break;
        }
        shown[at] = Shown::Dropped;
    }
    let who_w = who_w.min(total.saturating_sub(used(&shown)));
    (shown, who_w)
}

/// What the status bar calls the database: a file's name, or the name of
/// a database on a server (the URL's path, without its host or options).
fn database_name(path: &std::path::Path) -> String {
    if crate::store::is_server(path) {
        let url = path.to_string_lossy();
        let rest = url.split_once("://").map_or(&*url, |(_, r)| r);
        let name = rest.split('?').next().unwrap_or_default().rsplit_once('/').map_or("", |(_, n)| n);
        if !name.is_empty() {
            return name.to_owned();
        }
    }
    path.file_name().map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into_owned())
}

pub fn bar(frame: &mut Frame, area: Rect, app: &App) {
    let file = database_name(app.store.path());
    let who = format!("{} {} · {} ", labels::role(app.me.role, app.lang), app.me.user, file);
    let hints = keymap::hints(&app.contexts(), app.lang);
    let (shown, who_w) = layout(&hints, width(&who), usize::from(area.width));
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (h, s) in hints.iter().zip(&shown) {
        match s {
            Shown::Full => {
                spans.push(Span::styled(h.key.clone(), theme::key()));
                spans.push(Span::raw(format!(" {}  ", h.label)));
            }
            Shown::KeyOnly => {
                spans.push(Span::styled(h.key.clone(), theme::key()));
                spans.push(Span::raw(" "));
            }
            Shown::Dropped => {}
        }
        used += cells(h, *s);
    }
    if who_w > 0 {
        let who = cut(&who, who_w);
        let gap = usize::from(area.width).saturating_sub(used + width(&who));
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(who, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(key: &str, label: &'static str, rank: Rank) -> KeyHint {
        KeyHint { key: key.into(), label, rank }
    }

    fn screen_six() -> Vec<KeyHint> {
        vec![
            h("↑↓", "이동", Rank::Nav),
            h("←→", "기간", Rank::Main),
            h("Enter", "목록 ↔ 내용", Rank::Main),
            h("I", "이달 청구서 발행", Rank::Main),
            h("x", "엑셀로 내보내기", Rank::Main),
            h("c", "CSV로 내보내기", Rank::Main),
            h("b", "백업", Rank::Main),
            h("1-6", "화면", Rank::Nav),
            h("Tab", "다음", Rank::Nav),
            h("?", "도움말", Rank::Help),
            h("q", "끝내기", Rank::Nav),
        ]
    }

    #[test]
    fn help_and_every_key_of_the_screen_stay_at_80_columns() {
        let hints = screen_six();
        let (shown, who) = layout(&hints, 26, 80);
        for (hint, s) in hints.iter().zip(&shown) {
            match hint.rank {
                Rank::Help => assert_eq!(*s, Shown::Full, "? keeps its label"),
                Rank::Main => assert_ne!(*s, Shown::Dropped, "{} is kept", hint.key),
                Rank::Nav => {}
            }
        }
        let used: usize = 1 + hints.iter().zip(&shown).map(|(h, s)| cells(h, *s)).sum::<usize>();
        assert!(used + who <= 80);
    }

    #[test]
    fn wide_enough_shows_everything() {
        let hints = screen_six();
        let (shown, who) = layout(&hints, 26, 200);
        assert!(shown.iter().all(|s| *s == Shown::Full));
        assert_eq!(who, 26);
    }

    #[test]
    fn the_account_gives_way_before_help() {
        let hints = vec![h("?", "도움말", Rank::Help), h("n", "예약", Rank::Main)];
        // `? 도움말  n ` is 13 cells with the leading space.
        let (shown, who) = layout(&hints, 30, 16);
        assert_eq!(shown[0], Shown::Full);
        assert!(who <= 3);
    }
}
