//! The years screen: the filters in force, the search box, then either every school year
//! (its axis and coordinator, its meetings, its objectives with their status) or the texts the
//! search found, and below the history of the selected objective or the hit's whole context.
//! Only the lines on screen are written out, so that a frame costs the same whatever the
//! number of years.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{ellipsis, theme};
use crate::app::App;
use crate::app::history::History;
use crate::app::years::{SearchResults, YearsScreen, filters_said, listed, shown};
use crate::fr;
use crate::model::lineage::{Record, Status};
use crate::model::year::Year;
use crate::model::{Meeting, MeetingId};

/// Draws the years screen.
pub fn render(app: &App, screen: &YearsScreen, frame: &mut Frame, area: Rect) {
    let detail_height = if area.height >= 30 { 10 } else { 6 };
    let [head, search, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    let Some(history) = &app.history.current else {
        frame.render_widget(
            Paragraph::new("Lecture des réunions…").style(theme::secondary()),
            list,
        );
        return;
    };
    let years = shown(history.derived(), &screen.filter);
    let objectives = listed(&years);
    let said = format!(
        " Filtres (F2) : {} · {}{}",
        filters_said(app, &screen.filter),
        fr::count(objectives.len(), "objectif", "objectifs"),
        if app.history.stale() {
            " · mise à jour…"
        } else {
            ""
        }
    );
    frame.render_widget(
        Paragraph::new(ellipsis(&said, head.width as usize)).style(theme::title()),
        head,
    );
    render_search(screen, frame, search);
    match &screen.search {
        Some(results) => {
            render_hits(history, results, screen.hit, frame, list);
            render_hit(history, results, screen.hit, frame, detail);
        }
        None => {
            render_years(
                app,
                &years,
                screen.selected,
                screen.filter != Default::default(),
                frame,
                list,
            );
            render_history(
                app,
                history,
                objectives.get(screen.selected).copied(),
                frame,
                detail,
            );
        }
    }
}

fn render_search(screen: &YearsScreen, frame: &mut Frame, area: Rect) {
    let count = match &screen.search {
        Some(r) if r.total > r.hits.len() => format!(
            "  · {} (les {} premiers listés)",
            fr::count(r.total, "texte trouvé", "textes trouvés"),
            r.hits.len()
        ),
        Some(r) => format!(
            "  · {}",
            fr::count(r.total, "texte trouvé", "textes trouvés")
        ),
        None => String::new(),
    };
    let line = if screen.query.is_empty() {
        Line::styled(
            "Tapez un mot : « ecole » trouve aussi « École ».",
            theme::secondary(),
        )
    } else {
        Line::from(vec![
            Span::styled(format!("{}▏", screen.query), theme::title()),
            Span::styled(count, theme::secondary()),
        ])
    };
    let block = Block::bordered()
        .title(super::fit::title(
            " Chercher dans les notes, décisions et objectifs de toutes les réunions (Échap : effacer) ",
            area.width,
        ))
        .border_style(if screen.query.is_empty() {
            theme::border()
        } else {
            theme::focused_border()
        });
    frame.render_widget(Paragraph::new(line).block(block), area);
}

/// One line of the years list.
enum Entry<'h> {
    Year(&'h Year<'h>),
    Meeting(MeetingId, &'h Meeting),
    Objective(usize, &'h Record<'h>),
    Note(&'static str),
    Blank,
}

fn entries<'h>(years: &'h [Year<'h>], filtered: bool) -> Vec<Entry<'h>> {
    let mut entries = Vec::new();
    let mut n = 0;
    for year in years {
        entries.push(Entry::Year(year));
        entries.extend(
            year.meetings
                .iter()
                .rev()
                .map(|(id, m)| Entry::Meeting(*id, m)),
        );
        if year.objectives.is_empty() {
            entries.push(Entry::Note(if filtered {
                "Aucun objectif de cette année ne correspond aux filtres."
            } else {
                "Aucun objectif fixé cette année."
            }));
        }
        for record in &year.objectives {
            entries.push(Entry::Objective(n, record));
            n += 1;
        }
        entries.push(Entry::Blank);
    }
    entries
}

/// The first line shown so that line `at` is in view, a third of the way down.
fn window(at: usize, total: usize, height: usize) -> usize {
    at.saturating_sub(height / 3)
        .min(total.saturating_sub(height))
}

fn render_years(
    app: &App,
    years: &[Year<'_>],
    selected: usize,
    filtered: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::bordered()
        .title(super::fit::title(
            " Les années scolaires, de la plus récente (↑↓ : objectif · Entrée : ouvrir sa réunion) ",
            area.width,
        ))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if years.is_empty() {
        frame.render_widget(
            Paragraph::new("Aucune réunion pour l'instant.").style(theme::secondary()),
            inner,
        );
        return;
    }
    let entries = entries(years, filtered);
    let at = entries
        .iter()
        .position(|e| matches!(e, Entry::Objective(n, _) if *n == selected))
        .unwrap_or(0);
    let height = inner.height as usize;
    let mut start = window(at, entries.len(), height);
    if matches!(entries.get(start), Some(Entry::Blank)) && start < at {
        start += 1;
    }
    let width = inner.width as usize;
    let lines: Vec<Line> = entries[start..]
        .iter()
        .take(height)
        .map(|e| entry_line(app, e, selected, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn entry_line(app: &App, entry: &Entry<'_>, selected: usize, width: usize) -> Line<'static> {
    let committee = &app.session.committee;
    let name = |id| {
        committee
            .member(id)
            .map_or_else(|| format!("membre n° {}", id.0), |m| m.name.clone())
    };
    match entry {
        Entry::Year(year) => {
            let axis = match &year.axis {
                Some(axis) => {
                    let coordinator = axis.axis.coordinator.map_or("à désigner".into(), name);
                    let since = if axis.inherited(year.year) {
                        format!(" (fixé le {})", fr::date_short(axis.set_at.date))
                    } else {
                        String::new()
                    };
                    format!(
                        "axe prioritaire{since} : {} — coordination : {coordinator}",
                        axis.axis.statement
                    )
                }
                None => "axe prioritaire pas encore défini".into(),
            };
            Line::styled(
                ellipsis(&format!("{} · {axis}", year.year), width),
                theme::title(),
            )
        }
        Entry::Meeting(id, m) => {
            let state = crate::app::home::meeting_state(
                m.ended_at.is_some(),
                m.started_at.is_some(),
                id.date >= app.clock.today(),
            );
            let present = if m.attendance.is_empty() {
                "présences non notées".to_string()
            } else {
                fr::count(m.attendance_count(), "présent", "présents")
            };
            let set = match m.objectives.len() {
                0 => "aucun objectif fixé".to_string(),
                n => fr::count(n, "objectif fixé", "objectifs fixés"),
            };
            let text = format!(
                "  Réunion {} du {} · {state} · {present} · {set}",
                m.kind.label(),
                fr::date_long(id.date),
            );
            Line::from(ellipsis(&text, width))
        }
        Entry::Objective(n, record) => {
            let status = record.status();
            let label = status.label();
            let style = match status {
                Status::Evaluated(o) => theme::outcome(Some(o)),
                _ => theme::secondary(),
            };
            let mark = if *n == selected { "▶ " } else { "  " };
            let o = record.objective;
            let rest = format!("n° {} {} — {}", o.id.0, o.statement, name(o.owner));
            let head = format!("{mark}{label:<21} ");
            let line = Line::from(vec![
                Span::styled(head.clone(), style),
                Span::raw(ellipsis(&rest, width.saturating_sub(head.chars().count()))),
            ]);
            if *n == selected {
                line.style(theme::selected())
            } else {
                line
            }
        }
        Entry::Note(text) => Line::styled(format!("  {text}"), theme::secondary()),
        Entry::Blank => Line::from(""),
    }
}

fn render_history(
    app: &App,
    history: &History,
    record: Option<&Record<'_>>,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(record) = record else {
        let block = Block::bordered()
            .title(" Historique ")
            .border_style(theme::border());
        frame.render_widget(
            Paragraph::new("Aucun objectif choisi.")
                .style(theme::secondary())
                .block(block),
            area,
        );
        return;
    };
    let o = record.objective;
    let catalog = &app.session.catalog;
    let owner = app
        .session
        .committee
        .member(o.owner)
        .map_or_else(|| format!("membre n° {}", o.owner.0), |m| m.name.clone());
    let crcn = o
        .crcn
        .as_deref()
        .map(|c| {
            let name = catalog.competence(c).map_or("", |x| x.name.as_str());
            format!(" · CRCN {c} {name}")
        })
        .unwrap_or_default();
    let mut lines = vec![Line::from(format!(
        "Responsable : {owner} · {}{crcn} · indicateur : {}",
        o.domain.label(),
        if o.indicator.trim().is_empty() {
            "—"
        } else {
            o.indicator.as_str()
        }
    ))];
    for event in history.derived().ledger.history(o.id) {
        lines.push(Line::from(vec![
            Span::styled(format!("n° {} ", event.objective().0), theme::secondary()),
            Span::raw(event.describe()),
        ]));
    }
    let title = format!(" Historique de l'objectif n° {} : {} ", o.id.0, o.statement);
    let block = Block::bordered()
        .title(ellipsis(&title, area.width.saturating_sub(4) as usize))
        .border_style(theme::border());
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// The step a hit is in: "3.1 Les usages pédagogiques".
fn step_name(history: &History, meeting: MeetingId, step: Option<usize>) -> Option<String> {
    let m = history.meeting(meeting)?;
    let steps = m.steps();
    let s = steps.get(step?)?;
    let item = crate::model::agenda::item_at(&m.agenda, s.path)?;
    Some(format!("{} {}", s.number, item.title))
}

fn render_hits(
    history: &History,
    results: &SearchResults,
    selected: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::bordered()
        .title(super::fit::title(
            " Textes trouvés, de la réunion la plus ancienne (↑↓ · Entrée : ouvrir à l'étape) ",
            area.width,
        ))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if results.hits.is_empty() {
        frame.render_widget(
            Paragraph::new("Rien trouvé. Les accents et les majuscules ne comptent pas ; plusieurs mots doivent être dans le même texte.")
                .wrap(Wrap { trim: true })
                .style(theme::secondary()),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let start = window(selected, results.hits.len(), height);
    let width = inner.width as usize;
    let lines: Vec<Line> = results.hits[start..]
        .iter()
        .take(height)
        .enumerate()
        .map(|(k, hit)| {
            let chosen = start + k == selected;
            let mut head = format!(
                "{}{} · {}",
                if chosen { "▶ " } else { "  " },
                fr::date_short(hit.meeting.date),
                hit.found.label()
            );
            if let Some(step) = step_name(history, hit.meeting, hit.step) {
                head = ellipsis(&format!("{head} · {step}"), (width * 2 / 5).max(head.len()));
            }
            head.push_str(" : ");
            let room = width.saturating_sub(head.chars().count());
            let (before, rest) = hit.snippet.split_at(hit.highlight.start);
            let (found, after) = rest.split_at(hit.highlight.len());
            let mut spans = vec![Span::styled(head, theme::secondary())];
            let mut used = 0;
            for (text, style) in [
                (before, Style::default()),
                (found, theme::key()),
                (after, Style::default()),
            ] {
                let piece = ellipsis(text, room.saturating_sub(used));
                used += piece.chars().count();
                spans.push(Span::styled(piece, style));
            }
            let line = Line::from(spans);
            if chosen {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_hit(
    history: &History,
    results: &SearchResults,
    selected: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::bordered()
        .title(" Le texte trouvé ")
        .border_style(theme::border());
    let Some(hit) = results.hits.get(selected) else {
        frame.render_widget(block, area);
        return;
    };
    let step = step_name(history, hit.meeting, hit.step)
        .map(|s| format!(" · étape {s}"))
        .unwrap_or_default();
    let lines = vec![
        Line::styled(
            format!("Réunion du {}{step}", fr::date_long(hit.meeting.date)),
            theme::title(),
        ),
        Line::from(format!(
            "{} : {}",
            crate::app::capitalised(hit.found.label()),
            hit.text
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
