//! The roster: every active member with role, function and e-mail.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

use super::theme;
use crate::app::App;
use crate::app::roster::{Roster, shown};

/// Draws the roster.
pub fn render(app: &App, roster: &Roster, frame: &mut Frame, area: Rect) {
    let members = shown(&app.session.committee);
    let block = Block::bordered()
        .title(super::fit::title(
            &format!(" Membres du comité ({}) ", members.len()),
            area.width,
        ))
        .border_style(theme::focused_border());
    if members.is_empty() {
        let text = format!(
            "Personne pour l'instant.\n{} : ajouter un membre (IEN, ERUN, directeurs, élus, parents, techniciens…).",
            crate::app::keymap::key_for(
                crate::app::keymap::Scope::Roster,
                crate::app::keymap::Command::New
            )
        );
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
            area,
        );
        return;
    }
    let catalog = &app.session.catalog;
    let shown = super::visible_rows(members.len(), roster.selected, area.height);
    let email = if area.width >= 110 { 26 } else { 0 };
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Fill(4),
        Constraint::Length(email),
    ];
    let columns = super::fit::columns(&widths, area.width.saturating_sub(2), 2);
    let rows = members[shown.clone()].iter().map(|m| {
        let email = m.email.clone().unwrap_or_default();
        Row::new(super::fit::cells(
            [
                m.name.as_str(),
                catalog.role_label(&m.role),
                m.function.as_str(),
                email.as_str(),
            ],
            &columns,
        ))
    });
    let header =
        Row::new(["Nom", "Rôle", "Fonction, organisation", "E-mail"]).style(theme::title());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let selected = roster.selected.saturating_sub(shown.start);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}
