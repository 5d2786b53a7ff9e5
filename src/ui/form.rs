//! Forms: as an overlay over the screen, or as the whole onboarding screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{centred, ellipsis, theme};
use crate::app::App;
use crate::app::form::{FieldKind, Form};

/// Rows a field takes: label, value, hint or error.
const FIELD_ROWS: u16 = 3;

/// Lines of context a form shows at the most (the latest, after a line saying "…").
const CONTEXT_ROWS: usize = 6;

/// A form over the screen.
pub fn overlay(form: &Form, frame: &mut Frame, area: Rect) {
    let height = FIELD_ROWS * form.fields.len() as u16 + 4 + context_rows(form);
    let width = 76.min(area.width.saturating_sub(2)).max(20);
    let rect = centred(area, width, height);
    super::clear(frame, rect);
    render_form(form, frame, rect);
}

/// The first-run screen: a welcome and the committee form.
pub fn onboarding(_app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let intro = "Bienvenue dans copilnum. Ce dossier ne contient pas encore de comité : \
                 quatre renseignements suffisent pour le créer. Vous ajouterez ensuite les membres (F6) \
                 et préparerez la première réunion (Ctrl+N).";
    let height = FIELD_ROWS * form.fields.len() as u16 + 4;
    let [text, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), text);
    let rect = centred(rest, 76.min(rest.width), height);
    render_form(form, frame, rect);
}

fn render_form(form: &Form, frame: &mut Frame, rect: Rect) {
    let title = format!(
        " {} ",
        ellipsis(&form.title, rect.width.saturating_sub(4) as usize)
    );
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // The context first, as long as a field still fits under it.
    let context = context_rows(form).min(inner.height.saturating_sub(FIELD_ROWS));
    let [above, inner] =
        Layout::vertical([Constraint::Length(context), Constraint::Min(0)]).areas(inner);
    render_context(form, frame, above);
    // At the bottom, the message of the form, or the whole error of the focused field (a field's
    // own line may cut it).
    let message = form
        .error
        .clone()
        .or_else(|| form.fields.get(form.focus).and_then(|f| f.error.clone()));
    let message_rows = match &message {
        Some(m) if inner.height > FIELD_ROWS + 1 => (m.chars().count() as u16)
            .div_ceil(inner.width.max(1))
            .clamp(1, 3),
        _ => 0,
    };
    let [fields, bottom] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(message_rows)]).areas(inner);
    // The fields that fit, scrolled so that the focused one is always shown.
    let fit = (fields.height / FIELD_ROWS).max(1) as usize;
    let first = form
        .focus
        .saturating_sub(fit - 1)
        .min(form.fields.len().saturating_sub(fit));
    for (row, (i, field)) in form
        .fields
        .iter()
        .enumerate()
        .skip(first)
        .take(fit)
        .enumerate()
    {
        let area = Rect {
            y: fields.y + row as u16 * FIELD_ROWS,
            height: FIELD_ROWS.min(fields.height),
            ..fields
        };
        render_field(field, i == form.focus, frame, area);
    }
    if let Some(message) = message
        && message_rows > 0
    {
        frame.render_widget(
            Paragraph::new(Span::styled(message, theme::error())).wrap(Wrap { trim: true }),
            bottom,
        );
    }
}

/// Rows the context of a form takes: its lines (at most [`CONTEXT_ROWS`]) and a blank one.
fn context_rows(form: &Form) -> u16 {
    match form.context.len() {
        0 => 0,
        n => n.min(CONTEXT_ROWS) as u16 + 1,
    }
}

/// The context of a form, one line each; when too long, its latest lines after "…".
fn render_context(form: &Form, frame: &mut Frame, area: Rect) {
    let rows = usize::from(area.height.saturating_sub(1));
    if rows == 0 {
        return;
    }
    let lines = &form.context;
    let (skipped, shown) = if lines.len() > rows {
        (true, &lines[lines.len() - (rows - 1)..])
    } else {
        (false, &lines[..])
    };
    let width = usize::from(area.width);
    let text: Vec<Line> = skipped
        .then(|| "…".to_string())
        .into_iter()
        .chain(shown.iter().cloned())
        .map(|line| Line::styled(ellipsis(&line, width), theme::secondary()))
        .collect();
    frame.render_widget(Paragraph::new(text), area);
}

/// One field: its label, its value, and its hint or error, on three lines.
fn render_field(field: &crate::app::form::Field, focused: bool, frame: &mut Frame, area: Rect) {
    let label_style = if focused {
        theme::title()
    } else {
        Style::default()
    };
    let marker = if focused { "▶ " } else { "  " };
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("{marker}{}", field.label),
            label_style,
        )),
        Rect { height: 1, ..area },
    );
    if area.height < 2 {
        return;
    }
    let value_area = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: 1,
    };
    match &field.kind {
        FieldKind::Text(text) if focused => frame.render_widget(&**text, value_area),
        FieldKind::Text(text) => {
            frame.render_widget(Paragraph::new(text.lines().join(" ")), value_area)
        }
        FieldKind::Choice(choice) => {
            let label = choice
                .options
                .get(choice.selected)
                .map_or("", |(l, _)| l.as_str());
            let filter = if choice.filter.is_empty() {
                String::new()
            } else {
                format!("  (« {} » : {})", choice.filter, choice.matches().len())
            };
            let style = if focused {
                theme::selected()
            } else {
                Style::default()
            };
            let text = ellipsis(&format!("◀ {label} ▶{filter}"), value_area.width as usize);
            frame.render_widget(Paragraph::new(Span::styled(text, style)), value_area);
        }
    }
    if area.height < 3 {
        return;
    }
    let note = match (&field.error, &field.hint) {
        (Some(error), _) => Some(Span::styled(error.clone(), theme::error())),
        (None, Some(hint)) if focused => Some(Span::styled(hint.clone(), theme::secondary())),
        _ => None,
    };
    if let Some(note) = note {
        let note_area = Rect {
            x: area.x + 2,
            y: area.y + 2,
            width: area.width.saturating_sub(2),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                ellipsis(&note.content, note_area.width as usize),
                note.style,
            )),
            note_area,
        );
    }
}
