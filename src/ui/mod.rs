//! Rendering: what each screen and overlay looks like, drawn from `&App` only — rendering
//! never changes the state nor touches the disk.

mod agenda;
mod chrome;
pub mod fit;
mod form;
mod home;
pub use fit::ellipsis;
mod invitations;
mod meeting;
mod notes;
pub use notes::NotesShown;
mod overlay;
pub mod projection;
mod reconcile;
mod roster;
pub mod theme;
mod todo;
mod years;

use std::ops::Range;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Overlay, Screen};

/// Below this size the screen asks to be enlarged.
pub const MIN_WIDTH: u16 = 60;
/// Below this size the screen asks to be enlarged.
pub const MIN_HEIGHT: u16 = 16;

/// What scrolls on screen (the help, else the projection): how far it scrolls in a frame of
/// that size, and the lines it shows at once. The runtime hands them to the update logic after
/// each frame.
pub fn scroll_limits(app: &App, area: Rect) -> Option<(u16, u16)> {
    let projecting = matches!(&app.screen, Screen::Meeting(s) if s.projecting);
    match (app.overlays.last(), &app.screen) {
        (Some(Overlay::Help { .. }), _) => Some(overlay::help_limits(if projecting {
            area
        } else {
            regions(area)[1]
        })),
        (
            Some(Overlay::Compare {
                comparisons, shown, ..
            }),
            _,
        ) => Some(reconcile::limits(comparisons, *shown, regions(area)[1])),
        (None, Screen::Meeting(screen)) if projecting => Some(projection::scroll_limits(
            &meeting::projection_view(app, screen),
            area,
        )),
        _ => None,
    }
}

/// The band, the body, the status line and the footer.
fn regions(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// What the time looks like on screen: a frame drawn at another value of it differs. The
/// clock shows minutes; a running step timer, seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockFace {
    minute: i64,
    running: Option<u64>,
}

impl ClockFace {
    /// The face of a screen that shows the time `wall`, and a running timer at `running`
    /// seconds.
    pub fn of(wall: chrono::NaiveDateTime, running: Option<u64>) -> ClockFace {
        ClockFace {
            minute: wall.and_utc().timestamp().div_euclid(60),
            running,
        }
    }
}

/// What of the time the screen shows now.
pub fn clock_face(app: &App) -> ClockFace {
    let running = match &app.screen {
        Screen::Meeting(screen) if screen.timer_since.is_some() => {
            Some(screen.spent_seconds(screen.step_index(), app.clock.now))
        }
        _ => None,
    };
    ClockFace::of(app.clock.wall, running)
}

/// Whole minutes from `start` to `wall` as clocks show them (the minute each is in): the
/// count turns when the clock on screen does, the only moment a frame shows the time anew.
pub fn minutes_since(start: chrono::NaiveDateTime, wall: chrono::NaiveDateTime) -> i64 {
    let minute = |t: chrono::NaiveDateTime| t.and_utc().timestamp().div_euclid(60);
    minute(wall) - minute(start)
}

/// How long from `wall` until the clock on screen shows the next minute.
pub fn until_next_minute(wall: chrono::NaiveDateTime) -> Duration {
    use chrono::Timelike;
    let into_minute = Duration::from_secs(u64::from(wall.second()))
        + Duration::from_nanos(u64::from(wall.nanosecond()));
    Duration::from_secs(60).saturating_sub(into_minute)
}

/// When the time on screen changes next: at the next minute of the clock, or at the next
/// second of a running step timer. Nothing else on screen moves by itself, so an idle editor
/// need not wake before.
pub fn clock_changes_at(app: &App) -> Instant {
    let minute = app.clock.now + until_next_minute(app.clock.wall);
    let second = match &app.screen {
        Screen::Meeting(screen) => screen.timer_since.map(|since| {
            let running = app.clock.now.saturating_duration_since(since).as_secs();
            since + Duration::from_secs(running + 1)
        }),
        _ => None,
    };
    second.map_or(minute, |second| second.min(minute))
}

/// Draws the whole application.
pub fn render(app: &App, frame: &mut Frame) {
    draw_whole(app, frame);
}

/// Draws the whole application; returns what the notes pane showed, if it is on screen.
pub fn draw_whole(app: &App, frame: &mut Frame) -> Option<NotesShown> {
    panic_if_asked(app);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return None;
    }
    if let Screen::Meeting(screen) = &app.screen
        && screen.projecting
    {
        meeting::render_projection(app, screen, frame, area);
        for overlay in &app.overlays {
            if let Overlay::Help { scroll } = overlay {
                overlay::help(app, scroll.offset, frame, area);
            }
        }
        return None;
    }
    let [band, body, status, footer] = regions(area);
    chrome::band(app, frame, band);
    let whole = body;
    let body = reconcile::banner(app, frame, body);
    let notes = match &app.screen {
        Screen::Onboarding(form) => {
            form::onboarding(app, form, frame, body);
            None
        }
        Screen::Home(home) => {
            home::render(app, home, frame, body);
            None
        }
        Screen::Roster(roster) => {
            roster::render(app, roster, frame, body);
            None
        }
        Screen::Meeting(screen) => meeting::render(app, screen, frame, body),
        Screen::Years(screen) => {
            years::render(app, screen, frame, body);
            None
        }
    };
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll } => overlay::help(app, scroll.offset, frame, body),
            Overlay::Confirm(confirmation) => overlay::confirm(app, *confirmation, frame, body),
            Overlay::Form(form, _) => form::overlay(form, frame, body),
            Overlay::Agenda(editor) => agenda::render(app, editor, frame, body),
            Overlay::Subjects(picker) => agenda::render_subjects(app, picker, frame, body),
            Overlay::Invitations(state) => invitations::render(app, state, frame, body),
            Overlay::Compare {
                comparisons,
                shown,
                scroll,
            } => reconcile::comparison(comparisons, *shown, scroll.offset, frame, whole),
        }
    }
    chrome::status(app, frame.buffer_mut(), status);
    chrome::footer(app, frame.buffer_mut(), footer);
    notes
}

/// A cell to write: its column, its row, and what it shows.
pub type Written = (u16, u16, Cell);

/// Puts written cells into `shown`, the buffer that says what the screen shows. A wide
/// character covers the cells after it: what they held is gone from the screen (a narrow
/// character written there later erases it whole), so they are blank in `shown` too.
pub fn apply_cells(shown: &mut Buffer, cells: &[Written]) {
    use unicode_width::UnicodeWidthStr;
    for (x, y, cell) in cells {
        let width = cell.symbol().width() as u16;
        shown[(*x, *y)] = cell.clone();
        for covered in x.saturating_add(1)..x.saturating_add(width) {
            if covered < shown.area.right() {
                shown[(covered, *y)].reset();
            }
        }
    }
}

/// What is kept for the frames where only the notes change: one pair of buffers per part
/// drawn again (the size of a pane: allocating them for each key would cost more than drawing
/// it), and what the title and the status line said, drawn again only when it changes.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The notes pane whole, the status line, the footer.
    parts: [Part; 3],
    /// The notes' text alone, row by row.
    text: notes::ShownRows,
    title: String,
    status: Option<(String, crate::app::Level, &'static str)>,
    /// The keys the footer showed (typing on an empty line makes Ctrl+D act, and Entrée
    /// makes it stop).
    footer: Option<Vec<crate::app::keymap::Command>>,
    /// The keys the footer may show while typing, whether they act or not.
    footer_keys: Vec<crate::app::keymap::Hint>,
    /// Where the parts are, for the screen's size.
    places: Option<Places>,
}

/// Where the parts of a frame of the notes are on a screen (laid out once after each whole
/// frame, as it laid them out, banner included: laying them out again at each key was a fifth
/// of its cost).
#[derive(Debug, Clone, Copy)]
struct Places {
    screen: Rect,
    notes: Rect,
    status: Rect,
    footer: Rect,
}

impl Places {
    fn of(app: &App, screen: Rect) -> Places {
        let [_, body, status, footer] = regions(screen);
        Places {
            screen,
            notes: meeting::notes_area(reconcile::below_banner(app, body)),
            status,
            footer,
        }
    }
}

/// A part of the screen drawn alone.
#[derive(Debug, Default)]
struct Part {
    /// What the screen shows there.
    before: Buffer,
    /// The part drawn again.
    after: Buffer,
    /// Whether `before` is what the screen shows (it is after each frame of the notes, until a
    /// whole frame is drawn).
    current: bool,
}

impl Scratch {
    /// After a whole frame: everything must be read from it again.
    pub fn forget(&mut self) {
        for part in &mut self.parts {
            part.current = false;
        }
        self.text.forget();
        self.title.clear();
        self.status = None;
        self.footer = None;
        self.places = None;
    }
}

/// Makes `into` a copy of `area` of `from` (an area inside it).
fn copy_area(from: &Buffer, area: Rect, into: &mut Buffer) {
    into.resize(area);
    let width = usize::from(area.width);
    for (i, y) in (area.top()..area.bottom()).enumerate() {
        let start = from.index_of(area.x, y);
        into.content[i * width..(i + 1) * width]
            .clone_from_slice(&from.content[start..start + width]);
    }
}

impl Part {
    /// Gets ready to draw `area` again over `last`, the frame on screen.
    fn start(&mut self, last: &Buffer, area: Rect) -> &mut Buffer {
        let area = area.intersection(last.area);
        if !self.current || self.before.area != area {
            copy_area(last, area, &mut self.before);
        }
        self.after.resize(area);
        self.after.reset();
        &mut self.after
    }

    /// Adds the cells drawn again that differ from the screen; they are on screen next.
    fn finish(&mut self, cells: &mut Vec<Written>) {
        let changed = self.before.diff_iter(&self.after);
        cells.extend(changed.map(|(x, y, cell)| (x, y, cell.clone())));
        std::mem::swap(&mut self.before, &mut self.after);
        self.current = true;
    }
}

/// A frame where only the notes changed (keys typed in them): the notes drawn again over
/// `last`, the frame on screen — their text, and the pane's title or the status line when they
/// changed. Returns the cells that differ from it (as ratatui's diff finds them) and what the
/// notes showed; `None` when the keyboard is not in the notes of a meeting on screen, where a
/// whole frame is needed.
pub fn notes_frame(
    app: &App,
    last: &Buffer,
    scratch: &mut Scratch,
) -> Option<(Vec<Written>, NotesShown)> {
    let area = last.area;
    let Screen::Meeting(screen) = &app.screen else {
        return None;
    };
    let typing = app.context() == crate::app::keymap::Context::MeetingEditor;
    if !typing || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    panic_if_asked(app);
    let places = match scratch.places {
        Some(places) if places.screen == area => places,
        _ => *scratch.places.insert(Places::of(app, area)),
    };
    let (status, footer) = (places.status, places.footer);
    let pane = meeting::NotesPane::of(app, screen, places.notes)?;
    let [whole, status_line, footer_line] = &mut scratch.parts;
    let text = &mut scratch.text;
    let mut cells = Vec::new();
    let shown = if scratch.title == pane.title {
        let shown = text.draw(pane.editor(), last, pane.inner, &mut cells);
        whole.current = false;
        shown
    } else {
        let shown = pane.render(whole.start(last, pane.area))?;
        whole.finish(&mut cells);
        text.forget();
        scratch.title = pane.title;
        shown
    };
    let (message, level, saved) = chrome::status_face(app);
    let said = scratch
        .status
        .as_ref()
        .map(|(m, l, s)| (m.as_str(), *l, *s));
    if said != Some((message, level, saved)) {
        chrome::status(app, status_line.start(last, status), status);
        status_line.finish(&mut cells);
        scratch.status = Some((message.to_string(), level, saved));
    }
    if scratch.footer_keys.is_empty() {
        scratch.footer_keys =
            crate::app::keymap::footer(crate::app::keymap::Context::MeetingEditor);
    }
    let keys: Vec<_> = scratch
        .footer_keys
        .iter()
        .map(|h| h.command)
        .filter(|&command| app.acts(command))
        .collect();
    if scratch.footer.as_ref() != Some(&keys) {
        chrome::footer(app, footer_line.start(last, footer), footer);
        footer_line.finish(&mut cells);
        scratch.footer = Some(keys);
    }
    Some((cells, shown))
}

/// Fault injection for the end-to-end tests of the panic path: with `COPILNUM_TEST_PANIC` set,
/// rendering panics once the notes line under the cursor contains its value. Without the
/// variable (always, for users) this does nothing.
fn panic_if_asked(app: &App) {
    static TRIGGER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let trigger = TRIGGER.get_or_init(|| {
        std::env::var("COPILNUM_TEST_PANIC")
            .ok()
            .filter(|t| !t.is_empty())
    });
    if let (Some(trigger), Screen::Meeting(screen)) = (trigger, &app.screen)
        && screen
            .editor()
            .is_some_and(|e| e.current_line().contains(trigger.as_str()))
    {
        panic!("panique provoquée pour les tests (COPILNUM_TEST_PANIC)");
    }
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Agrandissez la fenêtre"),
        Line::from(format!(
            "(au moins {MIN_WIDTH} × {MIN_HEIGHT}, ici {} × {})",
            area.width, area.height
        )),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(theme::title()),
        area,
    );
}

/// Blanks an area for an overlay. A wide character (CJK, emoji) just left of it would spill
/// over its first column and hide its border: it is blanked too.
pub fn clear(frame: &mut Frame, rect: Rect) {
    use unicode_width::UnicodeWidthStr;
    frame.render_widget(ratatui::widgets::Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        if buffer
            .area
            .contains(ratatui::layout::Position { x: rect.x - 1, y })
        {
            let cell = &mut buffer[(rect.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// The rows worth building for a table or list `height` lines high that shows row `selected`
/// of `len`: ratatui, starting from the top, scrolls just enough to show the selection, so with
/// rows at least one line high it never shows a row outside this range, and shows the same rows
/// when given only these (with the selection moved by the range's start).
pub fn visible_rows(len: usize, selected: usize, height: u16) -> Range<usize> {
    let selected = selected.min(len.saturating_sub(1));
    let height = usize::from(height);
    selected.saturating_sub(height)..(selected + height + 1).min(len)
}

/// A rectangle of at most `width` × `height` centred in `area`, never larger than it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use ratatui::widgets::{List, ListState, Row, StatefulWidget, Table, TableState};

    use super::*;

    #[test]
    fn the_meeting_s_length_turns_with_the_clock_on_screen() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let at = |h, m, s| day.and_hms_opt(h, m, s).unwrap();
        let start = at(14, 3, 40);
        // At 14 h 03, begun at 14 h 03: none; at 14 h 04, one, 25 seconds after the start.
        assert_eq!(minutes_since(start, at(14, 3, 59)), 0);
        assert_eq!(minutes_since(start, at(14, 4, 5)), 1);
        assert_eq!(minutes_since(start, at(14, 4, 59)), 1);
        assert_eq!(minutes_since(start, at(16, 0, 0)), 117);
        // It changes only where the clock's face does: a frame is drawn then, no other time.
        let mut t = start;
        while t < at(14, 10, 0) {
            let next = t + chrono::Duration::seconds(1);
            if minutes_since(start, t) != minutes_since(start, next) {
                assert_ne!(ClockFace::of(t, None), ClockFace::of(next, None), "{next}");
            }
            t = next;
        }
    }

    /// Rows of varied heights, as the objectives table has when it has the keyboard.
    fn heights(len: usize) -> Vec<u16> {
        (0..len).map(|i| [1, 3, 1, 2][i % 4]).collect()
    }

    fn table(heights: &[u16], range: Range<usize>, selected: usize, area: Rect) -> Buffer {
        let rows = range
            .clone()
            .map(|i| Row::new([format!("ligne {i}"), "x".repeat(i % 7)]).height(heights[i]));
        let table = Table::new(rows, [Constraint::Length(10), Constraint::Min(1)])
            .header(Row::new(["Objectif", "Note"]))
            .block(ratatui::widgets::Block::bordered())
            .row_highlight_style(theme::selected())
            .highlight_symbol("▶ ");
        let mut buffer = Buffer::empty(area);
        let mut state = TableState::default().with_selected(Some(selected - range.start));
        StatefulWidget::render(table, area, &mut buffer, &mut state);
        buffer
    }

    #[test]
    fn tables_built_from_the_visible_rows_only_look_the_same() {
        for len in [1, 2, 7, 40, 300] {
            let heights = heights(len);
            for height in [3, 5, 12, 30] {
                let area = Rect::new(0, 0, 30, height);
                for selected in (0..len).step_by(len / 20 + 1).chain([len - 1]) {
                    let window = visible_rows(len, selected, height);
                    assert_eq!(
                        table(&heights, window, selected, area),
                        table(&heights, 0..len, selected, area),
                        "{len} rows, {height} high, row {selected} selected"
                    );
                }
            }
        }
    }

    #[test]
    fn lists_built_from_the_visible_items_only_look_the_same() {
        let list = |range: Range<usize>, selected: usize, area: Rect| {
            let items = range.clone().map(|i| {
                let lines: Vec<Line> = (0..=i % 3)
                    .map(|l| Line::from(format!("{i}.{l}")))
                    .collect();
                ratatui::widgets::ListItem::new(lines)
            });
            let mut buffer = Buffer::empty(area);
            let mut state = ListState::default().with_selected(Some(selected - range.start));
            StatefulWidget::render(
                List::new(items).highlight_style(theme::selected()),
                area,
                &mut buffer,
                &mut state,
            );
            buffer
        };
        for len in [1, 9, 120] {
            for height in [2, 6, 25] {
                let area = Rect::new(0, 0, 12, height);
                for selected in 0..len {
                    assert_eq!(
                        list(visible_rows(len, selected, height), selected, area),
                        list(0..len, selected, area),
                        "{len} items, {height} high, item {selected} selected"
                    );
                }
            }
        }
    }
}
