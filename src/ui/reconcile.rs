//! What the screen shows of files changed elsewhere: the banner that stays until acknowledged
//! and the comparison of a copy kept in `conflits/` with the current file, side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{ellipsis, theme};
use crate::app::keymap::{Command, Scope, key_for};
use crate::app::reconcile::{Comparison, Row};
use crate::app::{App, Level};

/// The banner's lines for the oldest notice, wrapped to `width`: what happened and where the
/// copy is first, then the details, then the keys.
fn banner_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let Some(notice) = app.notices.first() else {
        return Vec::new();
    };
    let copies: Vec<String> = notice
        .copies
        .iter()
        .map(|c| c.display().to_string())
        .collect();
    let copies = copies.join(", ");
    let head = if notice.diverted {
        format!(
            "⚠ {} modifié ailleurs ne se lit plus : vos changements vont dans {copies}.",
            notice.file
        )
    } else {
        format!(
            "⚠ {} modifié ailleurs : fusionné. L'autre version est gardée dans {copies}.",
            notice.file
        )
    };
    let more = match app.notices.len() {
        1 => String::new(),
        n => format!(" ({} autres messages après celui-ci.)", n - 1),
    };
    let width = width.saturating_sub(2) as usize;
    let mut text: Vec<String> = wrap(&head, width)
        .into_iter()
        .chain(wrap(&format!("{}{more}", notice.text), width))
        .collect();
    if text.len() > 4 {
        // Cut: the last line shown says so (the comparison shows everything).
        text.truncate(4);
        let last = format!("{} …", text[3]);
        text[3] = ellipsis(&last, width);
        if !text[3].ends_with('…') {
            text[3] = last;
        }
    }
    let mut lines: Vec<Line<'static>> = text
        .into_iter()
        .map(|l| Line::from(format!(" {l}")))
        .collect();
    let keys = format!(
        "{} : comparer avec la copie · {} : lu",
        key_for(Scope::Everywhere, Command::Compare),
        key_for(Scope::Everywhere, Command::Acknowledge)
    );
    lines.push(Line::from(vec![
        Span::raw(" "),
        Span::styled(keys, theme::key()),
    ]));
    lines
}

/// Simple word wrapping to `width` columns, for the banner.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| ellipsis(&l, width)).collect()
}

/// Takes the banner's rows from the top of `body` when a notice waits; returns what is left.
pub fn banner(app: &App, frame: &mut Frame, body: Rect) -> Rect {
    let lines = banner_lines(app, body.width);
    let (top, rest) = banner_split(lines.len(), body);
    if let Some(top) = top {
        frame.render_widget(
            Paragraph::new(lines).style(theme::status(Level::Warning)),
            top,
        );
    }
    rest
}

/// What [`banner`] leaves of `body`, without drawing.
pub fn below_banner(app: &App, body: Rect) -> Rect {
    if app.notices.is_empty() {
        return body;
    }
    banner_split(banner_lines(app, body.width).len(), body).1
}

/// The banner's rows at the top of `body` for that many lines, if any, and the rest.
fn banner_split(lines: usize, body: Rect) -> (Option<Rect>, Rect) {
    if lines == 0 {
        return (None, body);
    }
    // Never more than a third of the body: the meeting must stay usable.
    let height = (lines as u16).min(body.height / 3).max(1);
    let [top, rest] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(body);
    (Some(top), rest)
}

/// The comparison of a copy with the current file, over the whole body.
pub fn comparison(
    comparisons: &[Comparison],
    shown: usize,
    scroll: u16,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(c) = comparisons.get(shown) else {
        return;
    };
    super::clear(frame, area);
    let title = format!(
        " Copie {}/{} : {} différence(s) — {}{} défiler · {}{} autre copie · {} fermer ",
        shown + 1,
        comparisons.len(),
        c.differences,
        key_for(Scope::Compare, Command::Up),
        key_for(Scope::Compare, Command::Down),
        key_for(Scope::Compare, Command::PrevCopy),
        key_for(Scope::Compare, Command::NextCopy),
        key_for(Scope::Compare, Command::Close),
    );
    let block = Block::bordered()
        .title(ellipsis(&title, area.width.saturating_sub(2) as usize))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    let [left_head, right_head] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(head);
    frame.render_widget(
        Paragraph::new(ellipsis(
            &format!("Fichier actuel : {}", c.file),
            left_head.width as usize,
        ))
        .style(theme::title()),
        left_head,
    );
    frame.render_widget(
        Paragraph::new(ellipsis(
            &format!("Copie : {}", c.copy),
            right_head.width as usize,
        ))
        .style(theme::title()),
        right_head,
    );
    let offset = usize::from(scroll.min(limits(comparisons, shown, area).0));
    let height = body.height as usize;
    let (mut l, mut r) = (Vec::new(), Vec::new());
    for row in c.rows.iter().skip(offset) {
        if l.len() >= height {
            break;
        }
        match row {
            // Lines that differ are shown whole, wrapped: the difference may be at their end.
            Row::Differ(a, b) => {
                let wrap = |t: &Option<String>, width: u16| {
                    t.as_deref()
                        .map_or_else(Vec::new, |t| chunks(t, width.saturating_sub(1)))
                };
                let (a, b) = (wrap(a, left.width), wrap(b, right.width));
                for i in 0..a.len().max(b.len()).max(1) {
                    let line = |part: Option<&String>| {
                        part.map_or_else(Line::default, |p| {
                            Line::styled(p.clone(), theme::status(Level::Warning))
                        })
                    };
                    l.push(line(a.get(i)));
                    r.push(line(b.get(i)));
                }
            }
            row => {
                let (a, b) = side(row, left.width as usize, right.width as usize);
                l.push(a);
                r.push(b);
            }
        }
    }
    l.truncate(height);
    r.truncate(height);
    frame.render_widget(Paragraph::new(l), left);
    frame.render_widget(Paragraph::new(r), right);
}

/// A line cut in pieces of at most `width` columns, nothing left out.
fn chunks(text: &str, width: u16) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = usize::from(width.max(1));
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in text.replace('\t', "    ").chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
        used += w;
    }
    pieces
}

fn side(row: &Row, left: usize, right: usize) -> (Line<'static>, Line<'static>) {
    let cut =
        |text: &str, width: usize| ellipsis(&text.replace('\t', "    "), width.saturating_sub(1));
    match row {
        Row::Same(text) => (
            Line::styled(cut(text, left), theme::secondary()),
            Line::styled(cut(text, right), theme::secondary()),
        ),
        Row::Differ(a, b) => {
            let show = |t: &Option<String>, width| match t {
                Some(t) => Line::styled(cut(t, width), theme::status(Level::Warning)),
                None => Line::styled("", theme::secondary()),
            };
            (show(a, left), show(b, right))
        }
        Row::Gap => (
            Line::styled("…", theme::secondary()),
            Line::styled("…", theme::secondary()),
        ),
    }
}

/// How far the comparison scrolls in that area (in rows: a row that differs may take several
/// lines, so the last row can come to the top), and the rows it shows at once.
pub fn limits(comparisons: &[Comparison], shown: usize, area: Rect) -> (u16, u16) {
    let page = area.height.saturating_sub(4);
    let rows = comparisons.get(shown).map_or(0, |c| c.rows.len());
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    (rows.saturating_sub(1), page.max(1))
}
