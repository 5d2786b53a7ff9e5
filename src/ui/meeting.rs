//! The meeting screen: the agenda as a stepper, the current step with its time box, the
//! notes, the decisions, and the pane of the step (attendance, evaluation, axis…).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState, Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::notes::NotesShown;
use super::{ellipsis, theme};
use crate::app::App;
use crate::app::home::axis_before;
use crate::app::meeting::{MeetingScreen, Pane};
use crate::app::notes::NotesEditor;
use crate::app::review;
use crate::fr;
use crate::model::{Presence, StepKind};

/// Width from which the agenda is shown beside the step.
const AGENDA_FROM_WIDTH: u16 = 100;

/// Where the parts of the meeting screen go.
struct Panes {
    info: Rect,
    agenda: Option<Rect>,
    step: Rect,
    notes: Rect,
    decisions: Rect,
    bottom: Rect,
}

fn panes(area: Rect) -> Panes {
    let [info, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let (agenda, right) = if area.width >= AGENDA_FROM_WIDTH {
        let agenda_width = (area.width / 4).clamp(30, 48);
        let [agenda, right] =
            Layout::horizontal([Constraint::Length(agenda_width), Constraint::Min(1)]).areas(main);
        (Some(agenda), right)
    } else {
        (None, main)
    };
    let [step, panes] = Layout::vertical([Constraint::Length(3), Constraint::Min(2)]).areas(right);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(panes);
    let [notes, decisions] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(top);
    Panes {
        info,
        agenda,
        step,
        notes,
        decisions,
        bottom,
    }
}

/// Where the notes pane is in a body of that size.
pub fn notes_area(body: Rect) -> Rect {
    panes(body).notes
}

/// The notes pane of a meeting on screen, for frames where only the notes change: where it
/// is, its title, its editor, and how to draw it whole.
pub struct NotesPane<'a> {
    app: &'a App,
    screen: &'a MeetingScreen,
    editor: &'a NotesEditor,
    /// The whole pane, borders and title included.
    pub area: Rect,
    /// Its text.
    pub inner: Rect,
    /// Its title.
    pub title: String,
}

impl<'a> NotesPane<'a> {
    /// The notes pane at `area` (see [`notes_area`]), when the notes have the keyboard.
    pub fn of(app: &'a App, screen: &'a MeetingScreen, area: Rect) -> Option<NotesPane<'a>> {
        let editor = screen.editor().filter(|_| screen.focus == Pane::Notes)?;
        Some(NotesPane {
            app,
            screen,
            editor,
            area,
            inner: Block::bordered().inner(area),
            title: notes_title(app, editor),
        })
    }

    /// Draws the whole pane into `buf`.
    pub fn render(&self, buf: &mut Buffer) -> Option<NotesShown> {
        render_notes(self.app, self.screen, buf, self.area)
    }

    /// The notes drawn in it.
    pub fn editor(&self) -> &'a NotesEditor {
        self.editor
    }
}

/// Draws the meeting screen; returns what the notes pane showed.
pub fn render(
    app: &App,
    screen: &MeetingScreen,
    frame: &mut Frame,
    area: Rect,
) -> Option<NotesShown> {
    let panes = panes(area);
    render_info(app, screen, frame, panes.info);
    if let Some(agenda) = panes.agenda {
        render_agenda(app, screen, frame, agenda);
    }
    render_step(app, screen, frame, panes.step);
    let notes = render_notes(app, screen, frame.buffer_mut(), panes.notes);
    render_decisions(screen, frame, panes.decisions);
    let bottom = panes.bottom;
    match bottom_pane(screen) {
        Pane::Attendance => render_attendance(app, screen, frame, bottom),
        Pane::Review => render_review(app, screen, frame, bottom),
        Pane::Axis => render_axis(app, screen, frame, bottom),
        Pane::NextMeeting => render_next(screen, frame, bottom),
        _ => render_objectives(app, screen, frame, bottom),
    }
    notes
}

/// The projection of the open meeting (F5), full screen.
pub fn render_projection(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    super::projection::render(&projection_view(app, screen), frame, area);
}

/// What the projection of the open meeting shows.
pub fn projection_view<'a>(
    app: &'a App,
    screen: &'a MeetingScreen,
) -> super::projection::Projected<'a> {
    super::projection::Projected {
        committee: &app.session.committee,
        catalog: &app.session.catalog,
        meeting: &screen.meeting,
        step: screen.step_index(),
        summary: screen.meeting.summary,
        spent: screen.spent_seconds(screen.step_index(), app.clock.now),
        running: screen.timer_since.is_some(),
        wall: app.clock.wall,
        footer: crate::app::keymap::footer_text(&app.footer_hints()),
        notice: None,
        earlier_axis: axis_before(&app.session.meetings, screen.id).map(|(m, a)| (m.date(), a)),
        scroll: screen.scroll.offset,
    }
}

/// The pane shown under the notes: the focused one if it lives there, else the step's own.
fn bottom_pane(screen: &MeetingScreen) -> Pane {
    match screen.focus {
        Pane::Notes | Pane::Decisions => screen.step_pane().unwrap_or(Pane::Objectives),
        pane => pane,
    }
}

/// A pane's frame: the focused one is drawn thick, in colour, its title marked, so that it
/// shows from the back of the room (and in black and white).
/// Its title is cut with "…" to fit the frame, `outer` columns wide.
fn block(title: String, focused: bool, outer: u16) -> Block<'static> {
    if focused {
        Block::bordered()
            .border_type(ratatui::widgets::BorderType::Thick)
            .title(super::fit::title(&format!("▶{title}"), outer))
            .border_style(theme::focused_border())
    } else {
        Block::bordered()
            .title(super::fit::title(&title, outer))
            .border_style(theme::border())
    }
}

fn render_info(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let m = &screen.meeting;
    let at = m
        .time
        .map(|t| format!(" à {}", fr::time(t)))
        .unwrap_or_default();
    let place = if m.place.is_empty() {
        String::new()
    } else {
        format!(" · {}", m.place)
    };
    let clock = match (m.started_at, m.ended_at) {
        (_, Some(_)) => "réunion close".to_string(),
        (Some(start), None) => {
            let minutes = super::minutes_since(start, app.clock.wall);
            format!("réunion commencée depuis {}", fr::elapsed(minutes))
        }
        (None, None) => "pas commencée (Ctrl+T)".to_string(),
    };
    let left = format!(
        " {}{at} · réunion {}{place}",
        fr::date_long(m.date),
        m.kind.label()
    );
    let clock_width = clock.chars().count() as u16 + 1;
    let [l, r] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(clock_width.min(area.width / 2)),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(ellipsis(&left, l.width as usize)).style(theme::title()),
        l,
    );
    frame.render_widget(
        Paragraph::new(ellipsis(&clock, r.width as usize)).right_aligned(),
        r,
    );
}

fn render_agenda(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let now = app.clock.now;
    let width = area.width.saturating_sub(4) as usize;
    let mut items = Vec::new();
    let mut selected = 0;
    let mut step_index = 0;
    for (i, item) in screen.meeting.agenda.iter().enumerate() {
        if item.items.is_empty() {
            items.push(step_line(
                screen,
                step_index,
                &format!("{}", i + 1),
                &item.title,
                item.planned_minutes,
                width,
                now,
            ));
            if step_index == screen.step_index() {
                selected = items.len() - 1;
            }
            step_index += 1;
        } else {
            items.push(
                ListItem::new(ellipsis(&format!("  {}  {}", i + 1, item.title), width))
                    .style(theme::title()),
            );
            for (j, sub) in item.items.iter().enumerate() {
                items.push(step_line(
                    screen,
                    step_index,
                    &format!("  {}.{}", i + 1, j + 1),
                    &sub.title,
                    sub.planned_minutes,
                    width,
                    now,
                ));
                if step_index == screen.step_index() {
                    selected = items.len() - 1;
                }
                step_index += 1;
            }
        }
    }
    let list = List::new(items)
        .block(block(" Ordre du jour ".into(), false, area.width))
        .highlight_style(theme::selected());
    frame.render_stateful_widget(
        list,
        area,
        &mut ListState::default().with_selected(Some(selected)),
    );
}

fn step_line(
    screen: &MeetingScreen,
    step: usize,
    number: &str,
    title: &str,
    planned: u32,
    width: usize,
    now: std::time::Instant,
) -> ListItem<'static> {
    let mark = if step < screen.step_index() {
        "✓"
    } else if step == screen.step_index() {
        "▶"
    } else {
        " "
    };
    let spent = screen.spent_seconds(step, now);
    let time = if spent > 0 {
        fr::countdown(spent as i64)
    } else if planned > 0 {
        format!("{planned} min")
    } else {
        String::new()
    };
    let head = format!("{mark} {number}  ");
    let room = width.saturating_sub(head.chars().count() + time.chars().count() + 1);
    let text = format!("{head}{:<room$} {time}", ellipsis(title, room));
    ListItem::new(text)
}

fn render_step(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let Some((step, item)) = screen.step().zip(screen.item()) else {
        frame.render_widget(
            Paragraph::new("Cette réunion n'a pas d'ordre du jour."),
            area,
        );
        return;
    };
    let spent = screen.spent_seconds(screen.step_index(), app.clock.now) as i64;
    let planned = i64::from(item.planned_minutes) * 60;
    let running = screen.timer_since.is_some();
    let (clock, label) = if planned > 0 {
        let remaining = planned - spent;
        (
            fr::countdown(remaining),
            if remaining < 0 {
                " dépassé"
            } else {
                " restant"
            },
        )
    } else {
        (fr::countdown(spent), " écoulé")
    };
    let state = if running {
        "▶ en cours"
    } else {
        "⏸ Ctrl+T"
    };
    let box_width = 26u16.min(area.width / 2);
    let [left, right] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(box_width)]).areas(area);
    let mut lines = vec![Line::styled(
        format!(
            "Étape {}/{} · {}. {}",
            screen.step_index() + 1,
            screen.steps.len(),
            step.number,
            item.title
        ),
        theme::title(),
    )];
    let mut details: Vec<String> = item.presenter.iter().map(|p| format!("par {p}")).collect();
    details.extend(item.details.iter().cloned());
    if !details.is_empty() {
        lines.push(Line::styled(details.join(" · "), theme::secondary()));
    }
    let left = if frame.area().width < AGENDA_FROM_WIDTH {
        // No room for the agenda column: the agenda shows as one line under the title.
        let [text, steps] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(left);
        frame.render_widget(Paragraph::new(breadcrumb(screen)), steps);
        text
    } else {
        left
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), left);
    let planned_text = if planned > 0 {
        format!("sur {} min", item.planned_minutes)
    } else {
        "sans durée prévue".into()
    };
    let time = vec![
        Line::from(vec![
            Span::styled(
                format!(" {clock} "),
                theme::countdown(planned - spent, planned),
            ),
            Span::raw(label),
        ]),
        Line::from(planned_text),
        Line::from(state),
    ];
    frame.render_widget(Paragraph::new(time).right_aligned(), right);
}

/// The agenda in one line, for screens too narrow for the agenda column: done steps ticked,
/// the current one highlighted.
fn breadcrumb(screen: &MeetingScreen) -> Line<'static> {
    let spans = screen.steps.iter().enumerate().flat_map(|(i, step)| {
        let (text, style) = match i.cmp(&screen.step_index()) {
            std::cmp::Ordering::Less => (format!("✓{}", step.number), Style::default()),
            std::cmp::Ordering::Equal => (format!("▶{}", step.number), theme::selected()),
            std::cmp::Ordering::Greater => (step.number.clone(), theme::secondary()),
        };
        [Span::styled(text, style), Span::raw(" ")]
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// The title of the notes pane.
fn notes_title(app: &App, editor: &NotesEditor) -> String {
    let read_only = if app.session.read_only.is_some() {
        " · lecture seule"
    } else {
        ""
    };
    format!(
        " Notes (F3) · ligne {}/{}{read_only} ",
        editor.position().line + 1,
        editor.line_count()
    )
}

fn render_notes(
    app: &App,
    screen: &MeetingScreen,
    buf: &mut Buffer,
    area: Rect,
) -> Option<NotesShown> {
    let focused = screen.focus == Pane::Notes;
    let editor = screen.editor()?;
    let block = block(notes_title(app, editor), focused, area.width);
    let inner = block.inner(area);
    block.render(area, buf);
    if editor.is_empty() && !focused {
        Paragraph::new("Notes de la secrétaire : F3 pour écrire.")
            .style(theme::secondary())
            .render(inner, buf);
        None
    } else {
        Some(super::notes::render(editor, focused, buf, inner))
    }
}

fn render_decisions(screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let focused = screen.focus == Pane::Decisions;
    let decisions = screen.decisions();
    let block = block(
        format!(" Décisions ({}) ", decisions.len()),
        focused,
        area.width,
    );
    if decisions.is_empty() {
        let text =
            "Aucune décision. Ctrl+D : la ligne de notes sous le curseur devient une décision.";
        frame.render_widget(
            Paragraph::new(text)
                .style(theme::secondary())
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let width = area.width.saturating_sub(4) as usize;
    // Without the keyboard, the list shows its end: the decision just recorded is in view.
    let selected = if focused {
        screen.cursors.decision
    } else {
        decisions.len() - 1
    };
    let shown = super::visible_rows(decisions.len(), selected, area.height);
    let items: Vec<ListItem> = decisions[shown.clone()]
        .iter()
        .map(|d| ListItem::new(wrap_item("• ", &d.text, width)))
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(selection(focused));
    frame.render_stateful_widget(
        list,
        area,
        &mut ListState::default().with_selected(Some(selected.saturating_sub(shown.start))),
    );
}

/// A list item whose text wraps under its bullet.
fn wrap_item(bullet: &str, text: &str, width: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(bullet.chars().count()).max(8);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > room {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            Line::from(if i == 0 {
                format!("{bullet}{l}")
            } else {
                format!("{}{l}", " ".repeat(bullet.chars().count()))
            })
        })
        .collect()
}

fn presence_label(presence: Option<&Presence>) -> String {
    presence.map_or("— non noté".to_string(), Presence::label)
}

fn render_attendance(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let committee = &app.session.committee;
    let catalog = &app.session.catalog;
    let focused = screen.focus == Pane::Attendance;
    let people = screen.attendees(committee);
    let (present, excused, absent, represented) = screen.attendance_counts();
    let unknown = people
        .len()
        .saturating_sub(present + excused + absent + represented);
    let counts: Vec<String> = [
        (present, "présent", "présents"),
        (excused, "excusé", "excusés"),
        (absent, "absent", "absents"),
        (represented, "représenté", "représentés"),
        (unknown, "non noté", "non notés"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| fr::count(*n, one, many))
    .collect();
    let title = format!(" Présences (F2) · {} ", counts.join(" · "));
    let block = block(title, focused, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let round_table = screen.kind() == StepKind::RoundTable;
    let order = if round_table {
        screen.speaking_order(committee)
    } else {
        Vec::new()
    };
    let speaker = screen.meeting.speaker.filter(|_| round_table);
    let table_area = if round_table && inner.height >= 5 {
        let [head, rest] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
        frame.render_widget(
            Paragraph::new(floor_lines(app, screen, &order, head.width as usize)),
            head,
        );
        rest
    } else {
        inner
    };
    let shown = super::visible_rows(people.len(), screen.cursors.attendee, table_area.height);
    // Widths of the name and role columns, so that what does not fit ends with "…": the
    // width less the highlight symbol and the columns' spacing.
    let mark_w: u16 = if round_table { 4 } else { 0 };
    let room = table_area
        .width
        .saturating_sub(2 + mark_w + if round_table { 3 } else { 2 });
    let (name_w, role_w) = if round_table {
        (room * 34 / 100, room * 26 / 100)
    } else {
        (room * 38 / 100, room * 30 / 100)
    };
    let rows = people[shown.clone()].iter().map(|m| {
        let presence = screen.meeting.presence_of(m.id);
        let entry = screen.meeting.attendance.iter().find(|a| a.member == m.id);
        let mut label = presence_label(presence);
        if let Some(at) = entry.and_then(|a| a.arrived_at) {
            label.push_str(&format!(" · arrivé(e) à {}", fr::time(at)));
        }
        if screen.meeting.secretary == Some(m.id) {
            label.push_str(" · secrétaire de séance");
        }
        let seat = order.iter().position(|id| *id == m.id);
        let (mark, style) = match seat {
            _ if Some(m.id) == speaker => {
                (format!("» {}", seat.map_or(0, |n| n + 1)), theme::title())
            }
            Some(n) => (format!("{}", n + 1), Style::default()),
            None if round_table => {
                // Excused or absent: out of the speaking order, and it shows.
                if presence.is_some() {
                    label.push_str(" · hors tour");
                }
                ("—".to_string(), theme::secondary())
            }
            None => (String::new(), Style::default()),
        };
        let mut cells = Vec::new();
        if round_table {
            cells.push(Cell::from(mark).style(style));
        }
        cells.push(Cell::from(ellipsis(&m.name, name_w as usize)).style(style));
        cells.push(Cell::from(ellipsis(catalog.role_label(&m.role), role_w as usize)).style(style));
        let label_w = room.saturating_sub(name_w + role_w);
        cells.push(Cell::from(ellipsis(&label, label_w as usize)).style(theme::presence(presence)));
        Row::new(cells)
    });
    let mut widths = Vec::new();
    if round_table {
        widths.push(Constraint::Length(mark_w));
    }
    widths.extend([
        Constraint::Length(name_w),
        Constraint::Length(role_w),
        Constraint::Fill(1),
    ]);
    let table = Table::new(rows, widths)
        .row_highlight_style(selection(focused))
        .highlight_symbol("▶ ");
    let selected = screen.cursors.attendee.saturating_sub(shown.start);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, table_area, &mut state);
}

/// The two lines above the attendance during the tour de table: who has the floor (the
/// speaker of the meeting, not the list's cursor) with what they said, and who is next.
fn floor_lines(
    app: &App,
    screen: &MeetingScreen,
    order: &[crate::model::MemberId],
    width: usize,
) -> Vec<Line<'static>> {
    let committee = &app.session.committee;
    let catalog = &app.session.catalog;
    let next_key = crate::app::keymap::key_for(
        crate::app::keymap::Scope::Meeting,
        crate::app::keymap::Command::NextSpeaker,
    );
    let who = |id| {
        committee.member(id).map(|m| {
            (
                m.name.clone(),
                catalog.role_label(&m.role).to_string(),
                m.function.clone(),
            )
        })
    };
    let next = screen
        .next_speaker(committee)
        .and_then(who)
        .map(|(name, role, _)| format!("{name} — {role}"));
    let speaker = screen
        .meeting
        .speaker
        .and_then(|id| who(id).map(|w| (id, w)));
    match speaker {
        Some((id, (name, role, function))) => {
            let rank = order.iter().position(|m| *m == id).map_or(0, |n| n + 1);
            let said = screen
                .meeting
                .attendance
                .iter()
                .find(|a| a.member == id)
                .map(|a| a.statement.clone())
                .unwrap_or_default();
            let second = if said.is_empty() {
                function
            } else {
                format!("« {said} »")
            };
            let after = match &next {
                Some(next) => format!("Ensuite : {next} ({next_key})"),
                None => "Dernière personne du tour de table".into(),
            };
            vec![
                Line::styled(
                    ellipsis(
                        &format!("Au tour de : {name} — {role} ({rank}/{})", order.len()),
                        width,
                    ),
                    theme::title(),
                ),
                Line::styled(
                    ellipsis(
                        &if second.is_empty() {
                            after
                        } else {
                            format!("{second} · {after}")
                        },
                        width,
                    ),
                    theme::secondary(),
                ),
            ]
        }
        None => vec![
            Line::styled(
                ellipsis(
                    &format!(
                        "Personne n'a encore la parole · {} dans le tour de table",
                        fr::count(order.len(), "personne", "personnes")
                    ),
                    width,
                ),
                theme::title(),
            ),
            Line::styled(
                ellipsis(
                    &match &next {
                        Some(first) => format!("{next_key} : la parole à {first}"),
                        None => "Marquez les présents (Espace) : eux seuls ont la parole.".into(),
                    },
                    width,
                ),
                theme::secondary(),
            ),
        ],
    }
}

fn member_name(app: &App, id: crate::model::MemberId) -> String {
    app.session
        .committee
        .member(id)
        .map_or(format!("n° {}", id.0), |m| m.name.clone())
}

fn render_objectives(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let focused = screen.focus == Pane::Objectives;
    let objectives = &screen.meeting.objectives;
    let block = block(
        format!(" Objectifs opérationnels (F4) · {} ", objectives.len()),
        focused,
        area.width,
    );
    if objectives.is_empty() {
        let text = "Aucun objectif pour l'instant. Ctrl+O : nouvel objectif (responsable, échéance, indicateur).";
        frame.render_widget(
            Paragraph::new(text)
                .style(theme::secondary())
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let owners: Vec<String> = objectives
        .iter()
        .map(|o| member_name(app, o.owner))
        .collect();
    let inner = area.width.saturating_sub(2);
    let owner_w = column_width(owners.iter().map(String::as_str), "Responsable", 24);
    let crcn_w = if objectives.iter().any(|o| o.crcn.is_some()) {
        4
    } else {
        0
    };
    let domain_w = if inner >= 120 { 12 } else { 0 };
    let fixed = [owner_w, 10, crcn_w, domain_w];
    let statement_w = statement_width(inner, &fixed);
    let shown = super::visible_rows(objectives.len(), screen.cursors.objective, area.height);
    // Lines under the header: the selected row never grows past them.
    let room = usize::from(area.height.saturating_sub(3)).max(1);
    let rows = objectives
        .iter()
        .zip(&owners)
        .enumerate()
        .skip(shown.start)
        .take(shown.len())
        .map(|(i, (o, owner))| {
            let (mut statement, mut height) = wrapped(
                &format!("{}. {}", i + 1, o.statement),
                statement_w,
                lines_per_row(focused),
            );
            // A carried objective, selected: its lineage under its statement.
            let lines = room.saturating_sub(usize::from(height)).min(3);
            if focused && i == screen.cursors.objective && lines > 0 {
                let width = statement_w.saturating_sub(1);
                let events = review::objective_lineage(app, screen, o);
                let said = review::within(&events, lines * usize::from(width));
                if !said.is_empty() {
                    let (text, n) = wrapped(&said, width, lines);
                    statement.extend(text.lines.into_iter().map(|l| l.style(theme::secondary())));
                    height += n;
                }
            }
            Row::new(vec![
                Cell::from(statement),
                Cell::from(ellipsis(owner, owner_w as usize)),
                Cell::from(fr::date_short(o.due)),
                Cell::from(o.crcn.clone().unwrap_or_default()),
                Cell::from(o.domain.label()),
            ])
            .height(height)
        });
    let widths = [Constraint::Length(statement_w)]
        .into_iter()
        .chain(fixed.map(Constraint::Length));
    let header =
        Row::new(["Objectif", "Responsable", "Échéance", "CRCN", "Domaine"]).style(theme::title());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(selection(focused));
    let selected = screen.cursors.objective.saturating_sub(shown.start);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Lines a table row may take: whole statements when the pane has the keyboard (someone is
/// reading it); one line otherwise, since tall rows cost a typing frame about 0.4 ms.
fn lines_per_row(focused: bool) -> usize {
    if focused { 3 } else { 1 }
}

/// The highlight of a list's selected line: strong when the list has the keyboard.
fn selection(focused: bool) -> Style {
    if focused {
        theme::selected()
    } else {
        Style::default()
    }
}

/// Width of a column: its widest entry (or its title), at most `max`.
fn column_width<'a>(entries: impl Iterator<Item = &'a str>, title: &str, max: u16) -> u16 {
    let widest = entries
        .map(UnicodeWidthStr::width)
        .chain([title.width()])
        .max()
        .unwrap_or(0);
    (widest as u16).min(max)
}

/// What is left for the statement column once the fixed columns (and their spacing) are placed.
fn statement_width(inner: u16, fixed: &[u16]) -> u16 {
    // ratatui puts a space before every column, the empty ones too.
    let used: u16 = fixed.iter().map(|w| w + 1).sum();
    inner.saturating_sub(used).max(10)
}

/// Text wrapped to `width` columns on at most `max` lines (the last cut with "…"), and its
/// number of lines.
fn wrapped(text: &str, width: u16, max: usize) -> (Text<'static>, u16) {
    let lines: Vec<Line> = super::fit::wrapped(text, usize::from(width), max)
        .into_iter()
        .map(Line::from)
        .collect();
    let height = lines.len() as u16;
    (Text::from(lines), height)
}

fn render_review(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let focused = screen.focus == Pane::Review;
    let evaluations = &screen.meeting.evaluations;
    let done = evaluations.iter().filter(|e| e.outcome.is_some()).count();
    let block = block(
        format!(
            " Bilan des objectifs de la réunion précédente · {done}/{} évalués (Espace : résultat) ",
            evaluations.len()
        ),
        focused,
        area.width,
    );
    if evaluations.is_empty() {
        let text = "La réunion précédente n'avait fixé aucun objectif.";
        frame.render_widget(
            Paragraph::new(text).style(theme::secondary()).block(block),
            area,
        );
        return;
    }
    let owners: Vec<String> = evaluations
        .iter()
        .map(|e| e.owner.map(|id| member_name(app, id)).unwrap_or_default())
        .collect();
    let inner = area.width.saturating_sub(2);
    let owner_w = column_width(owners.iter().map(String::as_str), "Responsable", 24);
    let comment_w = if inner >= 120 { inner / 4 } else { 0 };
    let fixed = [owner_w, 21, comment_w];
    let statement_w = statement_width(inner, &fixed);
    let shown = super::visible_rows(evaluations.len(), screen.cursors.evaluation, area.height);
    // Lines under the header: the selected row never grows past them.
    let room = usize::from(area.height.saturating_sub(3)).max(1);
    let rows = evaluations
        .iter()
        .zip(&owners)
        .enumerate()
        .skip(shown.start)
        .take(shown.len())
        .map(|(i, (e, owner))| {
            let (statement, height) = review_statement(app, screen, i, statement_w, room);
            let (comment, comment_height) =
                wrapped(&e.comment, comment_w.max(1), lines_per_row(focused));
            let outcome = e.outcome.map_or("à évaluer", |o| o.label());
            Row::new(vec![
                Cell::from(statement),
                Cell::from(ellipsis(owner, owner_w as usize)),
                Cell::from(outcome).style(theme::outcome(e.outcome)),
                Cell::from(if comment_w > 0 {
                    comment
                } else {
                    Text::default()
                }),
            ])
            .height(if comment_w > 0 {
                height.max(comment_height)
            } else {
                height
            })
        });
    let widths = [Constraint::Length(statement_w)]
        .into_iter()
        .chain(fixed.map(Constraint::Length));
    let header =
        Row::new(["Objectif", "Responsable", "Résultat", "Commentaire"]).style(theme::title());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(selection(focused));
    let selected = screen.cursors.evaluation.saturating_sub(shown.start);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The statement cell of review row `i`: the statement, then whether it is carried into
/// this meeting (or the key that carries it), then, on the selected row of the focused pane,
/// the objective's lineage; within `room` lines. Returns the text and its height.
fn review_statement(
    app: &App,
    screen: &MeetingScreen,
    i: usize,
    width: u16,
    room: usize,
) -> (Text<'static>, u16) {
    let focused = screen.focus == Pane::Review;
    let selected = focused && i == screen.cursors.evaluation;
    let e = &screen.meeting.evaluations[i];
    let (mut statement, mut height) = wrapped(
        &format!("{}. {}", i + 1, e.statement),
        width,
        lines_per_row(focused).min(room),
    );
    let left = |height: u16| room.saturating_sub(usize::from(height));
    let carry = review::carry_state(&screen.meeting, i);
    let writable = app.session.read_only.is_none();
    if let Some(said) = review::carry_said(carry, writable) {
        let style = match carry {
            review::CarryState::Offered => theme::title(),
            _ => theme::secondary(),
        };
        let lines = left(height).min(2);
        if lines > 0 {
            let (text, n) = wrapped(&format!("↪ {said}"), width, lines);
            statement.extend(text.lines.into_iter().map(|l| l.style(style)));
            height += n;
        }
    }
    let lines = left(height).min(if room > 9 { 4 } else { 3 });
    if selected && lines > 0 {
        let width = width.saturating_sub(1);
        let said = review::lineage_within(app, e.objective, screen.id, lines * usize::from(width));
        if !said.is_empty() {
            let (text, n) = wrapped(&said, width, lines);
            statement.extend(text.lines.into_iter().map(|l| l.style(theme::secondary())));
            height += n;
        }
    }
    (statement, height)
}

fn render_axis(app: &App, screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let focused = screen.focus == Pane::Axis;
    let coordinator = |axis: &crate::model::PriorityAxis| {
        axis.coordinator
            .map_or("à désigner".to_string(), |id| member_name(app, id))
    };
    let lines = match (
        &screen.meeting.priority_axis,
        axis_before(&app.session.meetings, screen.id),
    ) {
        (Some(axis), _) => vec![
            Line::from(vec![
                Span::styled("Axe prioritaire : ", theme::title()),
                Span::raw(axis.statement.clone()),
            ]),
            Line::from(vec![
                Span::styled("Coordination et suivi : ", theme::title()),
                Span::raw(coordinator(axis)),
            ]),
            Line::styled("Entrée : modifier.", theme::secondary()),
        ],
        (None, Some((set_at, axis))) => vec![
            Line::from(vec![
                Span::styled(
                    format!(
                        "Axe en cours (fixé le {}) : ",
                        fr::date_short(set_at.date())
                    ),
                    theme::title(),
                ),
                Span::raw(axis.statement.clone()),
            ]),
            Line::from(vec![
                Span::styled("Coordination et suivi : ", theme::title()),
                Span::raw(coordinator(axis)),
            ]),
            Line::styled(
                "Entrée : le reconduire ou le modifier pour cette réunion.",
                theme::secondary(),
            ),
        ],
        (None, None) => vec![
            Line::from("L'axe de travail prioritaire de l'année n'est pas encore défini."),
            Line::styled(
                "Entrée : définir l'axe et désigner la personne chargée de la coordination.",
                theme::secondary(),
            ),
        ],
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block(
            " Axe prioritaire ".into(),
            focused,
            area.width,
        )),
        area,
    );
}

fn render_next(screen: &MeetingScreen, frame: &mut Frame, area: Rect) {
    let focused = screen.focus == Pane::NextMeeting;
    let lines = match &screen.meeting.next_meeting {
        Some(next) => {
            let at = next
                .time
                .map(|t| format!(" à {}", fr::time(t)))
                .unwrap_or_default();
            let place = if next.place.is_empty() {
                String::new()
            } else {
                format!(", {}", next.place)
            };
            vec![
                Line::from(vec![
                    Span::styled("Prochaine réunion : ", theme::title()),
                    Span::raw(format!("{}{at}{place}", fr::date_long(next.date))),
                ]),
                Line::styled("Entrée : modifier.", theme::secondary()),
            ]
        }
        None => vec![
            Line::from("Date de la prochaine réunion : pas encore fixée."),
            Line::styled("Tab jusqu'ici puis Entrée : la fixer.", theme::secondary()),
        ],
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block(
            " Prochaine réunion ".into(),
            focused,
            area.width,
        )),
        area,
    );
}
