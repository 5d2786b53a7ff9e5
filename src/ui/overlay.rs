//! Overlays other than forms: the help, generated from the key table, and confirmations.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{centred, theme};
use crate::app::App;
use crate::app::dialogs::{Confirmation, question};
use crate::app::keymap::{BINDINGS, Command, Scope, key_for, scope_title};

/// The help: every binding, by where it applies.
pub fn help(_app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let rect = centred(area, 84, area.height);
    super::clear(frame, rect);
    let lines = help_lines();
    let scroll = scroll.min(help_limits(area).0);
    let block = Block::bordered()
        .title(super::fit::title(
            &format!(
                " Aide — toutes les touches (↑↓ pour défiler, {} pour fermer) ",
                key_for(Scope::Everywhere, Command::Close)
            ),
            rect.width,
        ))
        .border_style(theme::focused_border());
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

/// How far the help scrolls in that area, and the lines it shows at once.
pub fn help_limits(area: Rect) -> (u16, u16) {
    let shown = centred(area, 84, area.height).height.saturating_sub(2);
    let total = u16::try_from(help_lines().len()).unwrap_or(u16::MAX);
    (total.saturating_sub(shown), shown)
}

fn help_lines() -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let scopes = [
        Scope::Everywhere,
        Scope::Home,
        Scope::Roster,
        Scope::Meeting,
        Scope::Projection,
        Scope::Present,
        Scope::Editor,
        Scope::List,
        Scope::Form,
        Scope::Confirm,
        Scope::Compare,
        Scope::Years,
        Scope::Agenda,
        Scope::Subjects,
        Scope::Invitations,
    ];
    for scope in scopes {
        lines.push(Line::styled(scope_title(scope), theme::title()));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<8} ", b.key()), theme::key()),
                Span::raw(format!("  {}", b.label)),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(
        "Dans les notes, tout ce qui se tape est du texte :",
        theme::secondary(),
    ));
    lines.push(Line::styled(
        "les commandes sont les touches F et Ctrl.",
        theme::secondary(),
    ));
    lines
}

/// A confirmation before deleting.
pub fn confirm(app: &App, confirmation: Confirmation, frame: &mut Frame, area: Rect) {
    let rect = centred(area, 64, 7);
    super::clear(frame, rect);
    let lines = vec![
        Line::from(question(app, confirmation)),
        Line::from(""),
        Line::from(vec![
            Span::styled(
                format!(" {} ", key_for(Scope::Confirm, Command::Yes)),
                theme::key(),
            ),
            Span::raw(" confirmer   "),
            Span::styled(
                format!(" {} ", key_for(Scope::Confirm, Command::Close)),
                theme::key(),
            ),
            Span::raw(" annuler"),
        ]),
    ];
    let block = Block::bordered()
        .title(" Confirmation ")
        .border_style(theme::focused_border());
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        rect,
    );
}
