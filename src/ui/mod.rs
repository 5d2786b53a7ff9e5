//! Rendering: what each screen and overlay looks like, drawn from `&App` only — rendering
//! never changes the state nor touches the disk.

mod agenda;
mod chrome;
mod form;
mod home;
mod invitations;
mod meeting;
mod overlay;
pub mod projection;
mod reconcile;
mod roster;
pub mod theme;
mod todo;
mod years;

use ratatui::Frame;
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

/// Draws the whole application.
pub fn render(app: &App, frame: &mut Frame) {
    panic_if_asked(app);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
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
        return;
    }
    let [band, body, status, footer] = regions(area);
    chrome::band(app, frame, band);
    let whole = body;
    let body = reconcile::banner(app, frame, body);
    match &app.screen {
        Screen::Onboarding(form) => form::onboarding(app, form, frame, body),
        Screen::Home(home) => home::render(app, home, frame, body),
        Screen::Roster(roster) => roster::render(app, roster, frame, body),
        Screen::Meeting(screen) => meeting::render(app, screen, frame, body),
        Screen::Years(screen) => years::render(app, screen, frame, body),
    }
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
    chrome::status(app, frame, status);
    chrome::footer(app, frame, footer);
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

/// Cuts text to `width` columns, with "…" when cut.
pub fn ellipsis(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}
