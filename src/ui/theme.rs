//! Colours and styles: high contrast for a projector, the meaning of each colour in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Level;
use crate::model::{Outcome, Presence};

/// The band at the top of every screen.
pub fn band() -> Style {
    Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD)
}

/// Titles.
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Secondary text (still readable on a projector: no dark grey).
pub fn secondary() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}

/// The border of the pane with the keyboard.
pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// Other borders.
pub fn border() -> Style {
    Style::new()
}

/// The selected line of a list.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// A key in the footer.
pub fn key() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

/// An error message in a form.
pub fn error() -> Style {
    Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD)
}

/// The status line, by level.
pub fn status(level: Level) -> Style {
    match level {
        Level::Info => Style::new(),
        Level::Success => Style::new().fg(Color::LightGreen),
        Level::Warning => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Level::Error => Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
    }
}

/// The countdown: normal, amber near the end, red past it.
pub fn countdown(remaining: i64, planned: i64) -> Style {
    if planned <= 0 {
        Style::new().add_modifier(Modifier::BOLD)
    } else if remaining < 0 {
        Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD)
    } else if remaining <= (planned / 5).max(60) {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::BOLD)
    }
}

/// An attendance status.
pub fn presence(presence: Option<&Presence>) -> Style {
    match presence {
        None => Style::new(),
        Some(Presence::Present) => Style::new().fg(Color::LightGreen),
        Some(Presence::Excused) => Style::new().fg(Color::Yellow),
        Some(Presence::Absent) => Style::new().fg(Color::LightRed),
        Some(Presence::RepresentedBy(_)) => Style::new().fg(Color::LightCyan),
    }
}

/// An evaluation verdict.
pub fn outcome(outcome: Option<Outcome>) -> Style {
    match outcome {
        None => Style::new().add_modifier(Modifier::ITALIC),
        Some(Outcome::Achieved) => Style::new()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::BOLD),
        Some(Outcome::PartiallyAchieved) => {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        }
        Some(Outcome::NotAchieved) => Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD),
        Some(Outcome::Postponed) => Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD),
        Some(Outcome::Abandoned) => {
            Style::new().add_modifier(Modifier::BOLD | Modifier::CROSSED_OUT)
        }
    }
}
