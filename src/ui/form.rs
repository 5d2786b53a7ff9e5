//! Forms: as an overlay over the screen, or as the whole onboarding screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centred, ellipsis, theme};
use crate::app::App;
use crate::app::form::{FieldKind, Form};

/// Rows a field takes: label, value, hint or error.
const FIELD_ROWS: u16 = 3;

/// A form over the screen.
pub fn overlay(form: &Form, frame: &mut Frame, area: Rect) {
    let height = FIELD_ROWS * form.fields.len() as u16 + 4;
    let width = 76.min(area.width.saturating_sub(2)).max(20);
    let rect = centred(area, width, height);
    frame.render_widget(Clear, rect);
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
    let block = Block::bordered()
        .title(format!(
            " {} ",
            ellipsis(&form.title, rect.width.saturating_sub(4) as usize)
        ))
        .border_style(theme::focused_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (i, field) in form.fields.iter().enumerate() {
        if y + 2 > bottom {
            break;
        }
        let focused = i == form.focus;
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
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
        let value_area = Rect {
            x: inner.x + 2,
            y: y + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        };
        match &field.kind {
            FieldKind::Text(area) if focused => frame.render_widget(&**area, value_area),
            FieldKind::Text(area) => {
                frame.render_widget(Paragraph::new(area.lines().join(" ")), value_area)
            }
            FieldKind::Choice(choice) => {
                let label = choice
                    .options
                    .get(choice.selected)
                    .map_or("", |(l, _)| l.as_str());
                let matches = choice.matches().len();
                let filter = if choice.filter.is_empty() {
                    String::new()
                } else {
                    format!("  (« {} » : {matches})", choice.filter)
                };
                let text = format!("◀ {label} ▶{filter}");
                let style = if focused {
                    theme::selected()
                } else {
                    Style::default()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        ellipsis(&text, value_area.width as usize),
                        style,
                    )),
                    value_area,
                );
            }
        }
        if y + 2 < bottom {
            let note = match (&field.error, &field.hint) {
                (Some(error), _) => Some(Span::styled(error.clone(), theme::error())),
                (None, Some(hint)) if focused => {
                    Some(Span::styled(hint.clone(), theme::secondary()))
                }
                _ => None,
            };
            if let Some(note) = note {
                let text = ellipsis(&note.content, inner.width.saturating_sub(2) as usize);
                frame.render_widget(
                    Paragraph::new(Span::styled(text, note.style)),
                    Rect {
                        x: inner.x + 2,
                        y: y + 2,
                        width: inner.width.saturating_sub(2),
                        height: 1,
                    },
                );
            }
        }
        y += FIELD_ROWS;
    }
    if let Some(error) = &form.error
        && y < bottom
    {
        frame.render_widget(
            Paragraph::new(Span::styled(error.clone(), theme::error())).wrap(Wrap { trim: true }),
            Rect {
                y,
                height: bottom - y,
                ..inner
            },
        );
    }
}
