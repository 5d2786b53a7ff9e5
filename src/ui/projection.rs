//! The projection: what the room reads on the wall. The step's title in large letters, its
//! countdown, and only its public content — decisions, objectives, the speaker of the tour de
//! table, the evaluated objectives, the priority axis — never the secretary's notes. Shared by
//! F5 in the editor and by `copilnum present`.

use chrono::NaiveDateTime;
use font8x8::UnicodeFonts;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::{ellipsis, theme};
use crate::catalog::Catalog;
use crate::fr;
use crate::model::agenda::item_at;
use crate::model::{AgendaItem, Committee, Meeting, MemberId, StepKind};

/// What the projection shows, whoever projects it.
#[derive(Debug, Clone)]
pub struct Projected<'a> {
    /// The committee (names of people).
    pub committee: &'a Committee,
    /// The catalogue (labels of roles).
    pub catalog: &'a Catalog,
    /// The meeting.
    pub meeting: &'a Meeting,
    /// The step shown.
    pub step: usize,
    /// Whether the end-of-meeting summary is shown instead of a step.
    pub summary: bool,
    /// Seconds spent on the step shown, counting a running timer.
    pub spent: u64,
    /// Whether the step's timer runs.
    pub running: bool,
    /// The time now.
    pub wall: NaiveDateTime,
    /// The last line: keys, and what the projector should know (in French).
    pub footer: String,
    /// A discreet notice, e.g. a file briefly unreadable.
    pub notice: Option<&'a str>,
    /// The priority axis in force, set at an earlier meeting (day, axis), shown by a follow-up
    /// meeting's axis step until this meeting sets its own.
    pub earlier_axis: Option<(chrono::NaiveDate, &'a crate::model::PriorityAxis)>,
    /// The first line of the body shown, when it is longer than the screen.
    pub scroll: u16,
}

/// The text of the view that scrolls when it is longer than the screen, and where it goes.
struct Body<'a> {
    lines: Vec<Line<'a>>,
    area: Rect,
}

impl<'a> Body<'a> {
    /// The text without its trailing blank lines, which would only push the end off screen.
    fn new(mut lines: Vec<Line<'a>>, area: Rect) -> Body<'a> {
        while lines.last().is_some_and(|l| l.width() == 0) {
            lines.pop();
        }
        Body { lines, area }
    }

    /// Lines once wrapped, and lines that fit.
    fn extent(&self) -> (u16, u16) {
        let total = Paragraph::new(self.lines.clone())
            .wrap(Wrap { trim: false })
            .line_count(self.area.width);
        (u16::try_from(total).unwrap_or(u16::MAX), self.area.height)
    }

    /// How far it scrolls (0 when it fits) and the lines shown at once. When it does not fit,
    /// its last row says so.
    fn limits(&self) -> (u16, u16) {
        let (total, height) = self.extent();
        if total <= height || height < 2 {
            (0, height)
        } else {
            (total - (height - 1), height - 1)
        }
    }

    fn render(self, scroll: u16, frame: &mut Frame) {
        let (limit, shown) = self.limits();
        let offset = scroll.min(limit);
        let [text, mark] = Layout::vertical([
            Constraint::Length(shown),
            Constraint::Length(if limit > 0 { 1 } else { 0 }),
        ])
        .areas(self.area);
        frame.render_widget(
            Paragraph::new(self.lines)
                .wrap(Wrap { trim: false })
                .scroll((offset, 0)),
            text,
        );
        if limit > 0 {
            let hint = if offset < limit {
                "▼ suite : ↓ ou Page ↓"
            } else {
                "▲ fin du texte : ↑ ou Page ↑"
            };
            frame.render_widget(
                Paragraph::new(Span::styled(hint, NOTICE)).right_aligned(),
                mark,
            );
        }
    }
}

/// How far the body of the view scrolls in that area (0 when it fits), and the lines it shows
/// at once: what the runtime reports to the update logic after each frame.
pub fn scroll_limits(view: &Projected, area: Rect) -> (u16, u16) {
    let [_, _, body, _] = regions(area);
    match shown(view) {
        Shown::Summary => summary_body(view, body).limits(),
        Shown::Step(number, item) => step_parts(view, &number, item, body).body.limits(),
        Shown::Nothing => (0, body.height),
    }
}

/// What the body holds: the summary, a step (its number and item), or nothing to show.
enum Shown<'a> {
    Summary,
    Step(String, &'a AgendaItem),
    Nothing,
}

fn shown<'a>(view: &Projected<'a>) -> Shown<'a> {
    if view.summary {
        return Shown::Summary;
    }
    let meeting = view.meeting;
    meeting
        .steps()
        .into_iter()
        .nth(view.step)
        .and_then(|step| item_at(&meeting.agenda, step.path).map(|item| (step.number, item)))
        .map_or(Shown::Nothing, |(number, item)| Shown::Step(number, item))
}

/// The band, the heading, the body and the footer.
fn regions(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

const TEXT: Style = Style::new().fg(Color::White);
const STRONG: Style = Style::new().fg(Color::White).add_modifier(Modifier::BOLD);
const ACCENT: Style = Style::new()
    .fg(Color::LightCyan)
    .add_modifier(Modifier::BOLD);
const QUIET: Style = Style::new().fg(Color::Gray);
const NOTICE: Style = Style::new().fg(Color::Yellow);

/// Draws the projection over the whole area.
pub fn render(view: &Projected, frame: &mut Frame, area: Rect) {
    frame.render_widget(Block::new().style(Style::new().bg(Color::Black)), area);
    let [band, head, body, foot] = regions(area);
    render_band(view, frame, band);
    let head_text = if view.summary {
        "Synthèse de la réunion".to_string()
    } else {
        format!(
            "Étape {}/{}{}",
            view.step + 1,
            view.meeting.steps().len(),
            meeting_clock(view)
        )
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {head_text}"), ACCENT)),
        head,
    );
    match shown(view) {
        Shown::Summary => summary_body(view, body).render(view.scroll, frame),
        Shown::Step(number, item) => {
            step_parts(view, &number, item, body).render(view, frame);
        }
        Shown::Nothing => frame.render_widget(
            Paragraph::new("Cette réunion n'a pas d'ordre du jour.").style(STRONG),
            body,
        ),
    }
    // A notice goes first: it is what the person at the keyboard must see.
    let mut spans = Vec::new();
    if let Some(notice) = view.notice {
        spans.push(Span::styled(format!(" {notice} ·"), NOTICE));
    }
    spans.push(Span::styled(format!(" {}", view.footer), QUIET));
    frame.render_widget(Paragraph::new(Line::from(spans)), foot);
}

fn render_band(view: &Projected, frame: &mut Frame, area: Rect) {
    let clock = format!(
        " {} · {} ",
        fr::date_long(view.wall.date()),
        fr::time(view.wall.time())
    );
    let width = (clock.chars().count() as u16).min(area.width / 2);
    let [left, right] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(width)]).areas(area);
    frame.render_widget(
        Paragraph::new(ellipsis(
            &format!(" {}", view.committee.name),
            left.width as usize,
        ))
        .style(theme::band()),
        left,
    );
    frame.render_widget(
        Paragraph::new(ellipsis(&clock, right.width as usize))
            .style(theme::band())
            .right_aligned(),
        right,
    );
}

fn meeting_clock(view: &Projected) -> String {
    match (view.meeting.started_at, view.meeting.ended_at) {
        (_, Some(_)) => " · réunion close".into(),
        (Some(start), None) => {
            let minutes = super::minutes_since(start, view.wall);
            format!(" · réunion commencée depuis {}", fr::elapsed(minutes))
        }
        (None, None) => String::new(),
    }
}

/// Where the parts of a step go, and its text.
struct StepParts<'a> {
    title: String,
    title_area: Rect,
    clock: String,
    clock_style: Style,
    clock_size: Option<PixelSize>,
    clock_area: Rect,
    /// For the evaluation step: the lines above the table, their place, and the table's.
    review: Option<(Vec<Line<'a>>, Rect, Rect)>,
    /// During the tour de table: the speaker's name, in large letters, and where.
    speaker: Option<(String, Rect)>,
    body: Body<'a>,
}

fn step_parts<'a>(
    view: &Projected<'a>,
    number: &str,
    item: &'a AgendaItem,
    area: Rect,
) -> StepParts<'a> {
    let planned = i64::from(item.planned_minutes) * 60;
    let spent = view.spent as i64;
    let clock = if planned > 0 {
        fr::countdown(planned - spent)
    } else {
        fr::countdown(-spent).trim_start_matches('+').to_string()
    };
    let clock_style = match theme::countdown(planned - spent, planned).bg {
        Some(Color::Red) => Style::new().fg(Color::LightRed),
        Some(Color::Yellow) => Style::new().fg(Color::Yellow),
        _ => Style::new().fg(Color::LightGreen),
    };
    // The title and the countdown share the top: as large as they fit in two fifths of it.
    let max_rows = (area.height * 2 / 5).max(3);
    let clock_size = big_size(&clock, area.width / 3, max_rows).map(|(size, _)| size);
    let clock_width = clock_size.map_or(clock.chars().count() as u16 + 2, |size| {
        glyph(size).0 * clock.chars().count() as u16 + 2
    });
    let clock_rows = clock_size.map_or(1, |size| glyph(size).1);
    let title = format!("{number}. {}", item.title);
    let title_width = area.width.saturating_sub(clock_width + 1);
    // During the tour de table, the person speaking is what the room reads: their name takes
    // the large letters, the step's title one line.
    let speaking = (item.kind == StepKind::RoundTable)
        .then(|| {
            view.meeting
                .speaker
                .and_then(|id| view.committee.member(id))
        })
        .flatten();
    let title_rows = match big_size(&title, title_width, max_rows) {
        _ if speaking.is_some() => 1,
        Some((size, lines)) => lines.len() as u16 * glyph(size).1,
        None => (title.chars().count() as u16)
            .div_ceil(title_width.max(1))
            .clamp(1, max_rows),
    };
    let [top, _, content] = Layout::vertical([
        Constraint::Length(title_rows.max(clock_rows)),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let [title_area, clock_area] =
        Layout::horizontal([Constraint::Length(title_width), Constraint::Min(1)]).areas(top);
    let (speaker_part, content) = match speaking {
        Some(member) => {
            let rows = big_size(&member.name, content.width, (content.height / 2).max(4))
                .map_or(1, |(size, lines)| lines.len() as u16 * glyph(size).1);
            let [name, _, rest] = Layout::vertical([
                Constraint::Length(rows),
                Constraint::Length(1),
                Constraint::Min(1),
            ])
            .areas(content);
            (Some((member.name.clone(), name)), rest)
        }
        None => (None, content),
    };
    let mut parts = StepParts {
        title,
        title_area,
        clock,
        clock_style,
        clock_size,
        clock_area,
        review: None,
        speaker: speaker_part,
        body: Body::new(Vec::new(), content),
    };
    let mut lines: Vec<Line> = Vec::new();
    // Who speaks comes first, right under their name; the step's details after.
    if parts.speaker.is_some() {
        speaker(view, &mut lines);
    }
    let mut details: Vec<String> = item.presenter.iter().map(|p| format!("par {p}")).collect();
    details.extend(item.details.iter().cloned());
    if !details.is_empty() {
        lines.push(Line::styled(details.join(" · "), QUIET));
    }
    let timer = if view.running {
        "chrono en cours"
    } else {
        "chrono arrêté"
    };
    let planned_text = if planned > 0 {
        format!("{} min prévues · {timer}", item.planned_minutes)
    } else {
        timer.to_string()
    };
    lines.push(Line::styled(planned_text, QUIET));
    lines.push(Line::from(""));
    match item.kind {
        StepKind::RoundTable if parts.speaker.is_some() => {}
        StepKind::RoundTable => speaker(view, &mut lines),
        StepKind::Review => {
            // The table of verdicts stays; the decisions under it scroll.
            let rows = evaluations_height(view, content.width);
            let [text, table, rest] = Layout::vertical([
                Constraint::Length(lines.len() as u16),
                Constraint::Length(rows),
                Constraint::Min(0),
            ])
            .areas(content);
            let mut after = Vec::new();
            decisions(item, &mut after);
            parts.body = Body::new(after, rest);
            parts.review = Some((lines, text, table));
            return parts;
        }
        StepKind::PriorityAxis => axis(view, &mut lines),
        StepKind::Objectives => objectives(view, &mut lines),
        StepKind::NextMeeting => next_meeting(view, &mut lines),
        StepKind::Discussion => {}
    }
    decisions(item, &mut lines);
    if item.kind == StepKind::Discussion && item.decisions.is_empty() {
        lines.push(Line::styled("Pas encore de décision sur ce point.", QUIET));
        lines.push(Line::from(""));
    }
    // An agenda without an objectives step (the seed's first meeting): the objectives show
    // where they are set, as they are set.
    if objectives_without_their_step(view.meeting) && item.kind != StepKind::Objectives {
        objectives(view, &mut lines);
    }
    parts.body = Body::new(lines, content);
    parts
}

impl StepParts<'_> {
    fn render(self, view: &Projected, frame: &mut Frame) {
        match &self.speaker {
            Some((name, area)) => {
                frame.render_widget(
                    Paragraph::new(ellipsis(&self.title, self.title_area.width as usize))
                        .style(ACCENT),
                    self.title_area,
                );
                big_or_plain(name, STRONG, frame, *area);
            }
            None => big_or_plain(&self.title, STRONG, frame, self.title_area),
        }
        match self.clock_size {
            Some(size) => frame.render_widget(
                BigText::builder()
                    .pixel_size(size)
                    .lines(vec![Line::from(self.clock)])
                    .style(self.clock_style)
                    .right_aligned()
                    .build(),
                self.clock_area,
            ),
            None => frame.render_widget(
                Paragraph::new(self.clock)
                    .style(self.clock_style.add_modifier(Modifier::BOLD))
                    .right_aligned(),
                self.clock_area,
            ),
        }
        if let Some((lines, text, table)) = self.review {
            frame.render_widget(Paragraph::new(lines), text);
            evaluations(view, frame, table);
        }
        self.body.render(view.scroll, frame);
    }
}

fn decisions<'a>(item: &'a AgendaItem, lines: &mut Vec<Line<'a>>) {
    if item.decisions.is_empty() {
        return;
    }
    lines.push(Line::styled("Décisions", ACCENT));
    for d in &item.decisions {
        lines.push(Line::styled(format!("• {}", d.text), STRONG));
    }
    lines.push(Line::from(""));
}

fn name(view: &Projected, id: MemberId) -> String {
    view.committee
        .member(id)
        .map_or(format!("n° {}", id.0), |m| m.name.clone())
}

fn speaker(view: &Projected, lines: &mut Vec<Line>) {
    let present = view.meeting.speaking_order(view.committee).len();
    match view
        .meeting
        .speaker
        .and_then(|id| view.committee.member(id))
    {
        // The name is above, in large letters: here, who they are and what they said.
        Some(member) => {
            let role = view.catalog.role_label(&member.role);
            let who = if member.function.trim().is_empty() {
                role.to_string()
            } else {
                format!("{role} — {}", member.function)
            };
            lines.push(Line::styled(who, STRONG));
            if let Some(entry) = view
                .meeting
                .attendance
                .iter()
                .find(|a| a.member == member.id)
                && !entry.statement.is_empty()
            {
                lines.push(Line::styled(
                    format!("« {} »", entry.statement),
                    TEXT.add_modifier(Modifier::ITALIC),
                ));
            }
            lines.push(Line::from(""));
            match view
                .meeting
                .next_speaker(view.committee)
                .and_then(|id| view.committee.member(id))
            {
                Some(next) => lines.push(Line::from(vec![
                    Span::styled("Ensuite : ", ACCENT),
                    Span::styled(
                        format!("{} — {}", next.name, view.catalog.role_label(&next.role)),
                        STRONG,
                    ),
                ])),
                None => lines.push(Line::styled("Dernière personne du tour de table", QUIET)),
            }
        }
        None => lines.push(Line::styled(
            "Tour de table des participants : rôles et fonctions",
            STRONG,
        )),
    }
    if present > 0 {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!(
                "{} autour de la table",
                fr::count(present, "participant", "participants")
            ),
            QUIET,
        ));
    }
    lines.push(Line::from(""));
}

/// The columns of the wall's table of evaluations: statement, owner, outcome.
const EVALUATION_COLUMNS: [Constraint; 3] = [
    Constraint::Fill(3),
    Constraint::Length(22),
    Constraint::Length(22),
];

/// An evaluated objective's statement on its rows: the room reads whole statements, on up to
/// three rows, the last cut with "…".
fn evaluation_statement(index: usize, statement: &str, width: usize) -> Vec<String> {
    super::fit::wrapped(&format!("{}. {}", index + 1, statement), width, 3)
}

/// Rows the table of evaluations takes `width` columns wide: its header, its rows, a blank.
fn evaluations_height(view: &Projected, width: u16) -> u16 {
    let statement_w = usize::from(super::fit::columns(&EVALUATION_COLUMNS, width, 0)[0]);
    let rows: usize = view
        .meeting
        .evaluations
        .iter()
        .enumerate()
        .map(|(i, e)| evaluation_statement(i, &e.statement, statement_w).len())
        .sum();
    u16::try_from(rows.max(1) + 2).unwrap_or(u16::MAX)
}

fn evaluations(view: &Projected, frame: &mut Frame, area: Rect) {
    if view.meeting.evaluations.is_empty() {
        frame.render_widget(
            Paragraph::new("La réunion précédente n'avait pas fixé d'objectif.").style(TEXT),
            area,
        );
        return;
    }
    let constraints = EVALUATION_COLUMNS;
    let widths = super::fit::columns(&constraints, area.width, 0);
    let statement_w = usize::from(widths[0]);
    let rows = view.meeting.evaluations.iter().enumerate().map(|(i, e)| {
        let outcome = e.outcome.map_or("à évaluer", |o| o.label());
        let style = match theme::outcome(e.outcome).fg {
            Some(color) => Style::new().fg(color).add_modifier(Modifier::BOLD),
            None => QUIET,
        };
        let statement = evaluation_statement(i, &e.statement, statement_w);
        let height = statement.len() as u16;
        let owner = e.owner.map(|id| name(view, id)).unwrap_or_default();
        let owner = ellipsis(&owner, usize::from(widths[1]));
        let outcome = ellipsis(outcome, usize::from(widths[2]));
        Row::new(vec![
            Cell::from(ratatui::text::Text::from(
                statement.into_iter().map(Line::from).collect::<Vec<_>>(),
            ))
            .style(STRONG),
            Cell::from(owner).style(TEXT),
            Cell::from(outcome).style(style),
        ])
        .height(height)
    });
    let header = super::fit::cells(
        [
            "Objectif fixé à la réunion précédente",
            "Responsable",
            "Résultat",
        ],
        &widths,
    );
    let table = Table::new(rows, constraints)
        .header(Row::new(header).style(ACCENT))
        .block(Block::new().borders(Borders::NONE));
    frame.render_widget(table, area);
}

fn axis(view: &Projected, lines: &mut Vec<Line>) {
    let (title, axis) = match (&view.meeting.priority_axis, view.earlier_axis) {
        (Some(axis), _) => ("Axe de travail prioritaire de l'année".to_string(), axis),
        (None, Some((day, axis))) => (
            format!(
                "Axe de travail prioritaire en cours, fixé le {}",
                fr::date_short(day)
            ),
            axis,
        ),
        (None, None) => {
            lines.push(Line::styled(
                "L'axe prioritaire de l'année reste à définir.",
                STRONG,
            ));
            lines.push(Line::from(""));
            return;
        }
    };
    lines.push(Line::styled(title, ACCENT));
    lines.push(Line::styled(axis.statement.clone(), STRONG));
    lines.push(Line::from(""));
    lines.push(Line::styled("Coordination et suivi", ACCENT));
    lines.push(Line::styled(
        axis.coordinator
            .map_or("à désigner".to_string(), |id| name(view, id)),
        STRONG,
    ));
    lines.push(Line::from(""));
}

fn objectives(view: &Projected, lines: &mut Vec<Line>) {
    lines.push(Line::styled(
        "Objectifs opérationnels, à évaluer à la prochaine réunion",
        ACCENT,
    ));
    if view.meeting.objectives.is_empty() {
        lines.push(Line::styled("Aucun pour l'instant.", QUIET));
    }
    for (i, o) in view.meeting.objectives.iter().enumerate() {
        lines.push(Line::styled(format!("{}. {}", i + 1, o.statement), STRONG));
        let indicator = if o.indicator.is_empty() {
            String::new()
        } else {
            format!(" · réussi si : {}", o.indicator)
        };
        lines.push(Line::styled(
            format!(
                "   {} · d'ici le {}{indicator}",
                name(view, o.owner),
                fr::date_short(o.due)
            ),
            TEXT,
        ));
        if let Some(from) = o.carried_from {
            lines.push(Line::styled(carried_line(view, from), QUIET));
        }
    }
    lines.push(Line::from(""));
}

/// Where a carried objective comes from, as the room reads it: the earlier objective's
/// verdict at this meeting's review, and its comment.
fn carried_line(view: &Projected, from: crate::model::ObjectiveId) -> String {
    match view
        .meeting
        .evaluations
        .iter()
        .find(|e| e.objective == from)
    {
        Some(e) => {
            let outcome = e.outcome.map_or("à évaluer", |o| o.label());
            let comment = if e.comment.is_empty() {
                String::new()
            } else {
                format!(" : {}", e.comment)
            };
            format!("   ↪ reporté de la réunion précédente ({outcome}{comment})")
        }
        None => "   ↪ reporté d'une réunion précédente".to_string(),
    }
}

/// Whether the meeting has set objectives that no step of its agenda is there to show.
fn objectives_without_their_step(meeting: &Meeting) -> bool {
    !meeting.objectives.is_empty()
        && meeting
            .steps()
            .iter()
            .filter_map(|step| item_at(&meeting.agenda, step.path))
            .all(|item| item.kind != StepKind::Objectives)
}

fn next_meeting(view: &Projected, lines: &mut Vec<Line>) {
    lines.push(Line::styled("Prochaine réunion", ACCENT));
    lines.push(Line::styled(
        next_text(view.meeting).unwrap_or_else(|| "date à fixer".into()),
        STRONG,
    ));
    lines.push(Line::from(""));
}

fn next_text(meeting: &Meeting) -> Option<String> {
    meeting.next_meeting.as_ref().map(|n| {
        let at = n
            .time
            .map(|t| format!(" à {}", fr::time(t)))
            .unwrap_or_default();
        let place = if n.place.is_empty() {
            String::new()
        } else {
            format!(", {}", n.place)
        };
        format!("{}{at}{place}", fr::date_long(n.date))
    })
}

fn summary_body<'a>(view: &Projected<'a>, area: Rect) -> Body<'a> {
    let mut lines = Vec::new();
    lines.push(Line::styled("Décisions", ACCENT));
    let steps = view.meeting.steps();
    let mut any = false;
    for step in &steps {
        if let Some(item) = item_at(&view.meeting.agenda, step.path) {
            for d in &item.decisions {
                any = true;
                lines.push(Line::styled(
                    format!("• {} ({})", d.text, step.number),
                    STRONG,
                ));
            }
        }
    }
    if !any {
        lines.push(Line::styled("Aucune décision.", QUIET));
    }
    lines.push(Line::from(""));
    objectives(view, &mut lines);
    if let Some(axis) = &view.meeting.priority_axis {
        lines.push(Line::styled("Axe prioritaire de l'année", ACCENT));
        let who = axis
            .coordinator
            .map_or("à désigner".to_string(), |id| name(view, id));
        lines.push(Line::styled(
            format!("{} — coordination : {who}", axis.statement),
            STRONG,
        ));
        lines.push(Line::from(""));
    }
    next_meeting(view, &mut lines);
    Body::new(lines, area)
}

/// Cells per glyph of a big-text size.
fn glyph(size: PixelSize) -> (u16, u16) {
    match size {
        PixelSize::Full => (8, 8),
        PixelSize::HalfHeight => (8, 4),
        PixelSize::HalfWidth => (4, 8),
        _ => (4, 4),
    }
}

/// The text the big font can draw: typographic signs it lacks become their plain forms;
/// `None` if some character has no glyph at all.
pub fn big_text_form(text: &str) -> Option<String> {
    let text = text.replace("« ", "«").replace(" »", "»");
    let plain: String = text
        .chars()
        .flat_map(|c| match c {
            '’' | '‘' => "'".chars().collect::<Vec<_>>(),
            '«' | '»' | '“' | '”' => vec!['"'],
            'œ' => vec!['o', 'e'],
            'Œ' => vec!['O', 'E'],
            '–' | '—' => vec!['-'],
            '…' => vec!['.', '.', '.'],
            '\u{a0}' | '\u{202f}' => vec![' '],
            c => vec![c],
        })
        .collect();
    let fonts: [&dyn UnicodeFonts; 2] = [&font8x8::BASIC_FONTS, &font8x8::LATIN_FONTS];
    plain
        .chars()
        .all(|c| fonts.iter().any(|f| f.get(c).is_some()))
        .then_some(plain)
}

/// The largest size (drawn only with block characters every terminal font has) at which the
/// text, cut at word boundaries, fits; with its lines.
fn big_size(text: &str, width: u16, height: u16) -> Option<(PixelSize, Vec<String>)> {
    let text = big_text_form(text)?;
    [PixelSize::Full, PixelSize::HalfHeight, PixelSize::Quadrant]
        .into_iter()
        .find_map(|size| {
            let (w, h) = glyph(size);
            let per_line = (width / w) as usize;
            let lines = super::fit::words_on_rows(&text, per_line)?;
            (lines.len() as u16 * h <= height).then_some((size, lines))
        })
}

/// The text in large letters if it fits, else in bold.
fn big_or_plain(text: &str, style: Style, frame: &mut Frame, area: Rect) {
    match big_size(text, area.width, area.height) {
        Some((size, lines)) => {
            let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
            frame.render_widget(
                BigText::builder()
                    .pixel_size(size)
                    .lines(lines)
                    .style(style)
                    .build(),
                area,
            );
        }
        None => frame.render_widget(
            Paragraph::new(text.to_string())
                .style(style)
                .wrap(Wrap { trim: true }),
            area,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_glyph_of_a_french_title_can_be_drawn_large() {
        let title =
            "Définition de l’axe « prioritaire » — Œuvre commune, cœur, ça, à, É, À, ç, ï, ù…";
        let form = big_text_form(title).expect("drawable");
        assert!(
            form.contains("l'axe \"prioritaire\" - OEuvre commune, coeur, ça, à, É, À, ç, ï, ù..."),
            "{form}"
        );
        assert_eq!(
            big_text_form("中文"),
            None,
            "what the font lacks falls back to plain text"
        );
    }

    #[test]
    fn the_largest_size_that_fits_is_chosen_and_words_are_not_cut() {
        let (size, lines) = big_size("Tour de table", 240, 20).unwrap();
        assert_eq!(size, PixelSize::Full);
        assert_eq!(lines, ["Tour de table"]);
        let (size, lines) = big_size("Tour de table des nouveaux participants", 80, 12).unwrap();
        assert_eq!(
            size,
            PixelSize::Quadrant,
            "20 characters a line, 4 rows each"
        );
        assert_eq!(lines, ["Tour de table des", "nouveaux", "participants"]);
        assert!(
            big_size("Tour de table des nouveaux participants", 80, 8).is_none(),
            "too tall: plain text"
        );
        assert_eq!(
            lines.join(" "),
            "Tour de table des nouveaux participants",
            "no word is cut"
        );
        assert!(
            big_size("Anticonstitutionnellement", 40, 20).is_none(),
            "a word too long for the line"
        );
    }
}
