//! The filter line every list has: `/` opens it, every key is then text
//! (digits and `q` too) until `Enter` keeps the filter or `Esc` clears it.
//! What it matches is the one search key (`domain::search`): in the database
//! for long lists, in memory for the rows a screen already holds.

use crate::domain::search;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterLine {
    text: String,
    typing: bool,
}

/// What the filter line did with an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filtered {
    /// Not the filter's: the screen handles it.
    NotMine,
    /// Taken, nothing to read again (the line opened or closed as it was).
    Kept,
    /// The filter changed: read the list again from its first row.
    Changed,
}

impl FilterLine {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_typing(&self) -> bool {
        self.typing
    }

    pub fn is_active(&self) -> bool {
        !self.text.is_empty()
    }

    /// The screen's contexts while the line is open: only the filter's.
    pub fn contexts(&self, otherwise: &'static [Context]) -> &'static [Context] {
        if self.typing { &[Context::Filter] } else { otherwise }
    }

    pub fn update(&mut self, action: Action) -> Filtered {
        if self.typing {
            match action {
                Action::Type(c) => self.text.push(c),
                Action::Erase => {
                    if self.text.pop().is_none() {
                        return Filtered::Kept;
                    }
                }
                Action::ClearField => self.text.clear(),
                Action::Submit => {
                    self.typing = false;
                    return Filtered::Kept;
                }
                Action::Back => {
                    self.typing = false;
                    if self.text.is_empty() {
                        return Filtered::Kept;
                    }
                    self.text.clear();
                }
                _ => return Filtered::Kept,
            }
            return Filtered::Changed;
        }
        match action {
            Action::Filter => {
                self.typing = true;
                Filtered::Kept
            }
            Action::Back if !self.text.is_empty() => {
                self.text.clear();
                Filtered::Changed
            }
            _ => Filtered::NotMine,
        }
    }

    /// True if a row whose names and codes are `parts` is shown.
    pub fn shows(&self, parts: &[&str]) -> bool {
        self.text.is_empty() || search::matches(&search::key(parts), &self.text)
    }

    /// ` · / text▏` for a list's title while a filter is typed or kept.
    pub fn title(&self) -> String {
        if !self.typing && self.text.is_empty() {
            return String::new();
        }
        format!(" · / {}{}", self.text, if self.typing { "▏" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn while_typing_every_key_is_text_and_esc_clears() {
        let mut f = FilterLine::default();
        assert_eq!(f.update(Action::Up), Filtered::NotMine);
        assert_eq!(f.update(Action::Filter), Filtered::Kept);
        for c in ['1', 'q', '/'] {
            assert_eq!(f.update(Action::Type(c)), Filtered::Changed);
        }
        assert_eq!(f.text(), "1q/");
        assert_eq!(f.update(Action::Quit), Filtered::Kept, "nothing leaves the line but Enter and Esc");
        assert_eq!(f.update(Action::Submit), Filtered::Kept);
        assert!(!f.is_typing() && f.is_active());
        assert_eq!(f.update(Action::Back), Filtered::Changed);
        assert!(!f.is_active());
    }

    #[test]
    fn rows_are_shown_by_the_search_key() {
        let mut f = FilterLine::default();
        f.update(Action::Filter);
        for c in "ㅅㄹ".chars() {
            f.update(Action::Type(c));
        }
        assert!(f.shows(&["세라텍", "EQ-0001"]));
        assert!(!f.shows(&["강릉소재"]));
    }
}
