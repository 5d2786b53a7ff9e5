//! The invitations of the open meeting: the roster with who is invited, by role, and how
//! many out of how many.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use super::{ellipsis, theme};
use crate::app::App;
use crate::app::Screen;
use crate::app::invitations::{Invitations, invited, is_invited, rows};
use crate::fr;

/// Draws the invitations over the body.
pub fn render(app: &App, state: &Invitations, frame: &mut Frame, area: Rect) {
    let Screen::Meeting(screen) = &app.screen else {
        return;
    };
    super::clear(frame, area);
    let committee = &app.session.committee;
    let catalog = &app.session.catalog;
    let meeting = &screen.meeting;
    let members = rows(committee, meeting);
    let count = invited(committee, meeting).len();
    let wide = area.width >= 120;
    let mut widths = vec![
        Constraint::Length(14),
        Constraint::Length(if wide { 28 } else { 24 }),
        Constraint::Min(12),
    ];
    let mut header = vec!["", "Membre", "Rôle"];
    if wide {
        widths.push(Constraint::Min(30));
        widths.push(Constraint::Length(30));
        header.extend(["Fonction", "E-mail"]);
    }
    let columns = super::fit::columns(&widths, area.width.saturating_sub(2), 2);
    let table_rows = members.iter().map(|m| {
        let on = is_invited(meeting, m);
        let mark = if on { "[✓] invité(e)" } else { "[ ]" };
        let mut cells = vec![
            Cell::from(mark).style(if on {
                theme::title()
            } else {
                theme::secondary()
            }),
            Cell::from(ellipsis(&m.name, usize::from(columns[1]))),
            Cell::from(ellipsis(
                catalog.role_label(&m.role),
                usize::from(columns[2]),
            )),
        ];
        if wide {
            cells.push(Cell::from(ellipsis(&m.function, usize::from(columns[3]))));
            cells.push(Cell::from(ellipsis(
                m.email.as_deref().unwrap_or("pas d'adresse"),
                usize::from(columns[4]),
            )));
        }
        Row::new(cells)
    });
    let who = if meeting.invited.is_empty() {
        "tout le comité".to_string()
    } else {
        format!("{} sur {}", count, committee.active_members().count())
    };
    let title = format!(
        " Invités de la réunion {} du {} : {who} ",
        meeting.kind.label(),
        fr::date_short(meeting.date),
    );
    let table = Table::new(table_rows, widths)
        .header(Row::new(header).style(theme::title()))
        .block(
            Block::bordered()
                .title(ellipsis(&title, area.width.saturating_sub(4) as usize))
                .border_style(theme::focused_border()),
        )
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}
