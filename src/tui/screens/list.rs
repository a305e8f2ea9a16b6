//! Moving through a list that is longer than the screen, and drawing its
//! rows: the screen keeps only the rows it shows (a window of the table),
//! never the whole table.

use ratatui::text::Line;

use crate::db::Page;
use crate::error::Result;
use crate::tui::action::Action;
use crate::tui::theme;

/// How many rows a screen fetches around the selection.
pub const WINDOW: u32 = 200;

/// How far PgUp/PgDn move.
pub const PAGE: u32 = 15;

/// Moves `selected` within `0..total` for a movement action; `None` if the
/// action is not a movement.
pub fn moved(selected: u32, total: u32, action: Action) -> Option<u32> {
    let last = total.saturating_sub(1);
    let to = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => selected.saturating_add(1).min(last),
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::PageDown => selected.saturating_add(PAGE).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => return None,
    };
    Some(to)
}

/// Where a window of [`WINDOW`] rows should start so `selected` sits in its middle.
pub fn window_start(selected: u32) -> u32 {
    selected.saturating_sub(WINDOW / 2)
}

/// The first row shown when `visible` rows fit: the list scrolls a page at a
/// time, so rows stay put while the selection moves within a page.
pub fn page_top(selected: u32, visible: u32) -> u32 {
    selected.checked_div(visible).map_or(0, |pages| pages * visible)
}

/// A long list as a screen holds it: how many rows there are, which is
/// selected, and the [`WINDOW`] rows around the selection.
#[derive(Clone, Debug)]
pub struct Window<T> {
    pub total: u32,
    pub selected: u32,
    /// The list row of `rows[0]`.
    pub start: u32,
    pub rows: Vec<T>,
}

impl<T> Default for Window<T> {
    fn default() -> Self {
        Window { total: 0, selected: 0, start: 0, rows: Vec::new() }
    }
}

impl<T> Window<T> {
    /// List row `i`, if it is in the window.
    pub fn get(&self, i: u32) -> Option<&T> {
        self.rows.get(i.checked_sub(self.start)? as usize)
    }

    pub fn current(&self) -> Option<&T> {
        self.get(self.selected)
    }

    /// Reloads the window around the selection from a list of `total` rows,
    /// `fetch` reading one page of it.
    pub fn load(&mut self, total: i64, fetch: impl FnOnce(Page) -> Result<Vec<T>>) -> Result<()> {
        self.total = u32::try_from(total).unwrap_or(u32::MAX);
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.start = window_start(self.selected);
        self.rows = fetch(Page::new(self.start, WINDOW))?;
        Ok(())
    }

    /// Moves the selection for a movement action; `Some(true)` if the new
    /// row is outside the window, which must then be reloaded; `None` if the
    /// action is not a movement.
    pub fn moved(&mut self, action: Action) -> Option<bool> {
        self.selected = moved(self.selected, self.total, action)?;
        Some(self.get(self.selected).is_none())
    }

    /// Selects the row of the window that `is` picks, if one does: after a
    /// reload, to stay on the same record rather than the same row.
    pub fn keep(&mut self, is: impl Fn(&T) -> bool) {
        if let Some(at) = self.rows.iter().position(is) {
            self.selected = self.start + u32::try_from(at).unwrap_or(0);
        }
    }
}

/// A row line, reversed when selected.
pub fn row_line(text: String, selected: bool) -> Line<'static> {
    if selected { Line::styled(text, theme::selected()) } else { Line::from(text) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn selection_stays_in_the_list(sel in 0u32..1000, total in 1u32..1000, a in prop::sample::select(vec![Action::Up, Action::Down, Action::PageUp, Action::PageDown, Action::First, Action::Last])) {
            let sel = sel % total;
            let to = moved(sel, total, a).unwrap();
            prop_assert!(to < total);
        }

        #[test]
        fn the_selected_row_is_on_the_page_and_in_the_window(sel in 0u32..100_000, visible in 1u32..100) {
            let top = page_top(sel, visible);
            prop_assert!(top <= sel && sel < top + visible);
            let w = window_start(sel);
            prop_assert!(w <= top && top + visible <= w + WINDOW);
        }
    }
}
