//! The home screen: the committee, this year's priority axis, and the meetings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::theme;
use crate::app::App;
use crate::app::home::{Home, MeetingSummary, current_axis};
use crate::fr;

/// Draws the home screen.
pub fn render(app: &App, home: &Home, frame: &mut Frame, area: Rect) {
    let height = if area.width < 100 { 8 } else { 6 };
    let copies = match app.conflict_copies.len() {
        0 => 0,
        n => (n as u16 + 3).min(6),
    };
    let todo = super::todo::height(app, area.height.saturating_sub(height + copies + 6));
    let [committee, todo, meetings, conflicts] = Layout::vertical([
        Constraint::Length(height),
        Constraint::Length(todo),
        Constraint::Min(3),
        Constraint::Length(copies),
    ])
    .areas(area);
    render_committee(app, frame, committee);
    super::todo::render(app, frame, todo);
    render_meetings(app, home, frame, meetings);
    render_conflict_copies(app, frame, conflicts);
}

/// The copies kept in `conflits/`, newest first, and how to compare them.
fn render_conflict_copies(app: &App, frame: &mut Frame, area: Rect) {
    use crate::app::keymap::{Command, Scope, key_for};
    if area.height == 0 {
        return;
    }
    let n = app.conflict_copies.len();
    let room = usize::from(area.height.saturating_sub(3));
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" {} ", key_for(Scope::Everywhere, Command::Compare)),
            theme::key(),
        ),
        Span::raw(" comparer au fichier actuel, puis les supprimer une fois vérifiées."),
    ])];
    for copy in app.conflict_copies.iter().take(room) {
        lines.push(Line::from(copy.display().to_string()));
    }
    if n > room {
        lines.push(Line::styled(
            format!("… et {} autres", n - room),
            theme::secondary(),
        ));
    }
    let block = Block::bordered()
        .title(super::fit::title(
            &format!(
                " {} quand un fichier a été modifié ailleurs ",
                fr::count(n, "copie gardée", "copies gardées")
            ),
            area.width,
        ))
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_committee(app: &App, frame: &mut Frame, area: Rect) {
    let c = &app.session.committee;
    let catalog = &app.session.catalog;
    let scale = catalog
        .scale(&c.scale)
        .map_or(c.scale.as_str(), |s| s.label.as_str());
    let members = c.active_members().count();
    let mut lines = vec![
        Line::styled(c.name.clone(), theme::title()),
        Line::from(format!(
            "{scale} · {} · pilote : {} · {}",
            c.territory,
            c.pilot_name(),
            fr::count(members, "membre", "membres")
        )),
    ];
    lines.push(match current_axis(&app.session.meetings) {
        Some((_, axis)) => {
            let coordinator = axis
                .coordinator
                .and_then(|id| c.member(id))
                .map_or("à désigner".to_string(), |m| m.name.clone());
            Line::from(vec![
                Span::styled("Axe prioritaire : ", theme::title()),
                Span::raw(format!("{} — coordination : {coordinator}", axis.statement)),
            ])
        }
        None => Line::styled(
            "Axe prioritaire de l'année : pas encore défini.",
            theme::secondary(),
        ),
    });
    let block = Block::bordered()
        .title(" Comité ")
        .border_style(theme::border());
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

fn render_meetings(app: &App, home: &Home, frame: &mut Frame, area: Rect) {
    let today = app.clock.today();
    let title = format!(" Réunions ({}) ", app.session.meetings.len());
    let block = Block::bordered()
        .title(super::fit::title(&title, area.width))
        .border_style(theme::focused_border());
    if app.session.meetings.is_empty() {
        let text = format!(
            "Aucune réunion pour l'instant.\n{} : préparer la première réunion (ordre du jour du premier COPIL-Num).",
            crate::app::keymap::key_for(
                crate::app::keymap::Scope::Home,
                crate::app::keymap::Command::New
            )
        );
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
            area,
        );
        return;
    }
    let meetings = &app.session.meetings;
    let shown = super::visible_rows(meetings.len(), home.selected, area.height);
    let rows = meetings[shown.clone()].iter().map(|m| row(m, today));
    let widths = [
        Constraint::Length(27),
        Constraint::Length(7),
        Constraint::Length(17),
        Constraint::Length(9),
        Constraint::Length(10),
        Constraint::Min(8),
    ];
    let header =
        Row::new(["Date", "Heure", "Type", "Présents", "Objectifs", "État"]).style(theme::title());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let selected = home.selected.saturating_sub(shown.start);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

fn row(m: &MeetingSummary, today: chrono::NaiveDate) -> Row<'static> {
    let state = if let Some(error) = &m.error {
        format!("illisible : {error}")
    } else if !m.loaded {
        "…".into()
    } else {
        m.state(today).unwrap_or("…").into()
    };
    Row::new(vec![
        Cell::from(fr::date_long(m.date())),
        Cell::from(m.time.map(fr::time).unwrap_or_default()),
        Cell::from(m.kind.as_ref().map(|k| k.label()).unwrap_or_default()),
        Cell::from(
            m.present
                .map(|p| p.to_string())
                .unwrap_or_else(|| "—".into()),
        ),
        Cell::from(m.objectives.to_string()),
        Cell::from(state),
    ])
}
