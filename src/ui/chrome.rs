//! What frames every screen: the band at the top, the status line and the key footer.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{ellipsis, theme};
use crate::app::{App, Level, SaveState, Screen, keymap};
use crate::fr;

/// The top band: the committee, and the date and time.
pub fn band(app: &App, frame: &mut Frame, area: Rect) {
    let clock = format!(
        " {} · {} ",
        fr::date_long(app.clock.today()),
        fr::time(app.clock.wall.time())
    );
    let name = match &app.screen {
        Screen::Onboarding(_) => "nouveau comité".to_string(),
        _ => app.session.committee.name.clone(),
    };
    let clock_width = clock.chars().count() as u16;
    let [left, right] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(clock_width.min(area.width / 2)),
    ])
    .areas(area);
    // "Lecture seule" comes first: it is what the room must not miss, and what cutting drops last.
    let marker = if app.session.read_only.is_some() {
        " LECTURE SEULE "
    } else {
        ""
    };
    let room = (left.width as usize).saturating_sub(marker.chars().count());
    let title = Line::from(vec![
        Span::styled(marker, theme::status(Level::Error)),
        Span::styled(
            ellipsis(&format!(" copilnum · {name}"), room),
            theme::band(),
        ),
    ]);
    frame.render_widget(Paragraph::new(title).style(theme::band()), left);
    frame.render_widget(
        Paragraph::new(ellipsis(&clock, right.width as usize))
            .style(theme::band())
            .right_aligned(),
        right,
    );
}

/// What the status line says: the message, how it reads, and how the saving stands (never
/// "enregistré" while something waits or needs a look).
pub fn status_face(app: &App) -> (&str, Level, &'static str) {
    let saved = match app.save_state() {
        SaveState::ReadOnly => "lecture seule",
        SaveState::Diverted => "⚠ non enregistré (copie)",
        SaveState::Saving => "● enregistrement…",
        SaveState::Merged => "⚠ fusionné : à vérifier",
        SaveState::Saved => "✓ enregistré",
    };
    (&app.status.text, app.status.level, saved)
}

/// The status line: the last message, and whether everything is saved.
pub fn status(app: &App, buf: &mut Buffer, area: Rect) {
    let (_, _, saved) = status_face(app);
    let saved_width = saved.chars().count() as u16 + 2;
    let [left, right] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(saved_width.min(area.width / 3)),
    ])
    .areas(area);
    let text = ellipsis(&format!(" {}", app.status.text), left.width as usize);
    Paragraph::new(text)
        .style(theme::status(app.status.level))
        .render(left, buf);
    Paragraph::new(ellipsis(saved, right.width as usize))
        .right_aligned()
        .render(right, buf);
}

/// The footer: the main keys of where the keyboard is, from the key table. Help and quit
/// always show (help first, quit last); the others as long as they fit.
pub fn footer(app: &App, buf: &mut Buffer, area: Rect) {
    let hints = app.footer_hints();
    let width = |h: &keymap::Hint| h.key.chars().count() + h.label.chars().count() + 4;
    let mut room =
        (area.width as usize).saturating_sub(hints.iter().filter(|h| h.essential).map(width).sum());
    let help = |h: &&keymap::Hint| h.command == keymap::Command::Help;
    let mut shown: Vec<keymap::Hint> = hints
        .iter()
        .filter(|h| h.essential && help(h))
        .cloned()
        .collect();
    for hint in hints.iter().filter(|h| !h.essential) {
        if width(hint) <= room {
            room -= width(hint);
            shown.push(hint.clone());
        }
    }
    shown.extend(hints.iter().filter(|h| h.essential && !help(h)).cloned());
    let spans: Vec<Span> = shown
        .iter()
        .flat_map(|h| {
            [
                Span::styled(format!(" {} ", h.key), theme::key()),
                Span::raw(format!(" {} ", h.label)),
            ]
        })
        .collect();
    Paragraph::new(Line::from(spans)).render(area, buf);
}
