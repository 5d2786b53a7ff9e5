//! The agenda editor over the open meeting — points and sub-points with their planned minutes,
//! who presents them and their subjects, the selected point's subjects in full below — and
//! the list of the catalogue's subjects to pick from, with the seed's full wording.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};

use super::{centred, ellipsis, theme};
use crate::app::App;
use crate::app::Screen;
use crate::app::agenda::{AgendaEditor, SubjectPicker, rows, subjects};
use crate::app::meeting::MeetingScreen;
use crate::fr;
use crate::model::agenda::item_at;
use crate::model::{AgendaItem, Domain, StepKind};

fn open_meeting(app: &App) -> Option<&MeetingScreen> {
    match &app.screen {
        Screen::Meeting(screen) => Some(screen),
        _ => None,
    }
}

/// What a step is for, as the editor says it.
fn kind_label(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Discussion => "",
        StepKind::RoundTable => "tour de table",
        StepKind::Review => "bilan",
        StepKind::PriorityAxis => "axe",
        StepKind::Objectives => "objectifs",
        StepKind::NextMeeting => "date suivante",
    }
}

/// Draws the agenda editor over the body.
pub fn render(app: &App, editor: &AgendaEditor, frame: &mut Frame, area: Rect) {
    let Some(screen) = open_meeting(app) else {
        return;
    };
    super::clear(frame, area);
    let agenda = &screen.meeting.agenda;
    let total: u32 = agenda.iter().map(AgendaItem::total_planned_minutes).sum();
    let detail_height = if area.height >= 30 { 8 } else { 5 };
    let [table_area, detail] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(area);
    let wide = area.width >= 120;
    let paths = rows(agenda);
    let mut widths = vec![
        Constraint::Length(7),
        Constraint::Min(20),
        Constraint::Length(9),
        Constraint::Length(if wide { 22 } else { 14 }),
        Constraint::Length(13),
    ];
    let mut header = vec!["N°", "Point", "Durée", "Présenté par", "Étape"];
    if wide {
        widths.push(Constraint::Length(36));
        header.push("Sujets");
    }
    let columns = super::fit::columns(&widths, table_area.width.saturating_sub(2), 2);
    let table_rows = paths.iter().map(|&path| {
        let item = item_at(agenda, path).expect("rows of this agenda");
        let number = match path {
            (i, None) => format!("{}", i + 1),
            (i, Some(j)) => format!("   {}.{}", i + 1, j + 1),
        };
        let minutes = if item.items.is_empty() || item.planned_minutes > 0 {
            fr::duration(item.planned_minutes)
        } else {
            format!("({})", fr::duration(item.total_planned_minutes()))
        };
        let mut cells = vec![
            Cell::from(number),
            Cell::from(ellipsis(&item.title, usize::from(columns[1]))),
            Cell::from(minutes),
            Cell::from(ellipsis(
                item.presenter.as_deref().unwrap_or_default(),
                usize::from(columns[3]),
            )),
            Cell::from(kind_label(item.kind)).style(theme::secondary()),
        ];
        if wide {
            cells.push(Cell::from(ellipsis(
                &subjects_short(app, item),
                usize::from(columns[5]),
            )));
        }
        Row::new(cells)
    });
    let title = format!(
        " Ordre du jour de la réunion du {} · {} prévues · Échap : fermer (tout est enregistré) ",
        fr::date_short(screen.meeting.date),
        fr::duration(total)
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
    let mut state = TableState::default().with_selected(Some(editor.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    render_detail(
        app,
        paths.get(editor.selected).and_then(|p| item_at(agenda, *p)),
        frame,
        detail,
    );
}

/// The subjects of a point, short: their identifiers' labels cut.
fn subjects_short(app: &App, item: &AgendaItem) -> String {
    item.subjects
        .iter()
        .map(|id| {
            app.session
                .catalog
                .subject(id)
                .map_or(id.clone(), |(_, s)| {
                    s.label
                        .split([':', '('])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string()
                })
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn domain_short(domain: Domain) -> &'static str {
    match domain {
        Domain::Pedagogical => "pédagogique",
        Domain::Technical => "technique",
        Domain::Financial => "financier",
    }
}

fn render_detail(app: &App, item: Option<&AgendaItem>, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(super::fit::title(
            " Sujets du point (F3 pour les choisir) ",
            area.width,
        ))
        .border_style(theme::border());
    let Some(item) = item else {
        frame.render_widget(block, area);
        return;
    };
    let mut lines: Vec<Line> = item
        .details
        .iter()
        .map(|d| Line::styled(format!("· {d}"), theme::secondary()))
        .collect();
    if item.subjects.is_empty() {
        lines.push(Line::styled(
            "Aucun sujet : F3 pour en choisir dans les listes pédagogique, technique et financière.",
            theme::secondary(),
        ));
    }
    for id in &item.subjects {
        let (domain, label) = app
            .session
            .catalog
            .subject(id)
            .map_or(("?", id.as_str()), |(d, s)| {
                (domain_short(d), s.label.as_str())
            });
        lines.push(Line::from(vec![
            Span::styled(format!("{domain} : "), theme::title()),
            Span::raw(label.to_string()),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// Draws the subjects of a point, by dimension, with the seed's full wording.
pub fn render_subjects(app: &App, picker: &SubjectPicker, frame: &mut Frame, area: Rect) {
    let Some(screen) = open_meeting(app) else {
        return;
    };
    let rect = centred(area, 110, area.height);
    super::clear(frame, rect);
    let item = item_at(&screen.meeting.agenda, picker.path);
    let chosen = item.map(|i| i.subjects.as_slice()).unwrap_or_default();
    let width = rect.width.saturating_sub(4) as usize;
    let mut items = Vec::new();
    let mut selected_at = 0;
    let mut domain = None;
    for (n, (d, subject)) in subjects(&app.session.catalog).into_iter().enumerate() {
        if domain != Some(d) {
            domain = Some(d);
            items.push(ListItem::new(Line::styled(
                d.label().to_string(),
                theme::title(),
            )));
        }
        if n == picker.selected {
            selected_at = items.len();
        }
        let mark = if chosen.contains(&subject.id) {
            "[✓] "
        } else {
            "[ ] "
        };
        let lines: Vec<Line> = wrap(&subject.label, width.saturating_sub(4).max(10))
            .into_iter()
            .enumerate()
            .map(|(k, l)| {
                Line::from(if k == 0 {
                    format!("{mark}{l}")
                } else {
                    format!("    {l}")
                })
            })
            .collect();
        items.push(ListItem::new(lines));
    }
    let title = format!(
        " Sujets de « {} » · Espace : mettre ou retirer · Entrée : terminer ",
        item.map_or("", |i| i.title.as_str())
    );
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(ellipsis(&title, rect.width.saturating_sub(4) as usize))
                .border_style(theme::focused_border()),
        )
        .highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(
        list,
        rect,
        &mut ListState::default().with_selected(Some(selected_at)),
    );
}

/// Text cut into lines of at most `width` columns, between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
}
