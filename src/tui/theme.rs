//! The few styles kiln uses, so colour always means the same thing.

use ratatui::style::{Color, Modifier, Style};

pub const ACCENT: Color = Color::Cyan;

pub fn title() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

pub fn tab() -> Style {
    Style::new()
}

pub fn tab_active() -> Style {
    Style::new().fg(Color::Black).bg(ACCENT).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A vacant room that could be leased.
pub fn vacant() -> Style {
    Style::new().fg(Color::Green)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn info() -> Style {
    Style::new().fg(Color::Green)
}

/// A lease ending within 30 days.
pub fn urgent() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// A lease ending within 60 days.
pub fn soon() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn gauge() -> Style {
    Style::new().fg(ACCENT)
}
