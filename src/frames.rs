//! Which frames the editor draws, and how: none when nothing on screen changed (an idle
//! editor writes nothing; a running step timer redraws once a second); when only the notes
//! changed (keys typed in them), their pane and the status line are drawn again and only the
//! cells that differ are written; anything else is a whole frame through ratatui. While the
//! secretary types, the save indicator does not blink at each autosave: what a save's report
//! changes on screen waits until typing pauses ([`Pace`]).

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::keymap::{self, Context};
use crate::app::{App, Msg};
use crate::terminal::Screen;
use crate::ui::{self, ClockFace, NotesShown};

/// What changed since the last frame, from the least to the most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing: no frame is drawn (unless the time on screen changed).
    Nothing,
    /// The status line only (a save's report, the autosave starting): drawn like the notes,
    /// and it may wait until typing pauses.
    Indicator,
    /// The notes and the status line only.
    Notes,
    /// Anything.
    Everything,
}

/// What a message changes on screen, told before it is handled: keys typed or pasted in the
/// notes change the notes and the status line; the report of a save that wrote every file as
/// it was sent changes only the status line (it says so); anything else may change anything
/// (a merge, a copy kept aside or an error brings a notice).
pub fn change_of(app: &App, msg: &Msg) -> Change {
    let typing = app.context() == Context::MeetingEditor;
    match msg {
        Msg::Key(key) if typing && keymap::command(Context::MeetingEditor, key).is_none() => {
            Change::Notes
        }
        Msg::Paste(_) if typing => Change::Notes,
        Msg::Saved(report) if typing && report.plain() => Change::Indicator,
        _ => Change::Everything,
    }
}

/// How long the status line keeps still after a key typed in the notes: the autosave runs
/// every second while the secretary types, and its « ✓ enregistré » would flash between two
/// keys, on the wall, before the next key makes it « ● enregistrement… » again.
pub const SETTLE: Duration = Duration::from_millis(500);

/// When frames are drawn: at once, except those of the status line alone while the secretary
/// types, which wait until [`SETTLE`] after the last key (any other frame draws the status line
/// as it stands, and takes their place).
#[derive(Debug, Default)]
pub struct Pace {
    /// When the last key typed in the notes was handled.
    typed_at: Option<Instant>,
    /// A frame of the status line waits.
    held: bool,
}

impl Pace {
    /// Notes that a message changing `change` was handled at `now`: a key typed in the notes
    /// changes them; a command (a step, Ctrl+S…) ends the typing, and what its save reports
    /// shows at once.
    pub fn handled(&mut self, change: Change, now: Instant) {
        match change {
            Change::Notes => self.typed_at = Some(now),
            Change::Everything => self.typed_at = None,
            Change::Nothing | Change::Indicator => {}
        }
    }

    /// What to draw at `now` of `change`: a frame of the status line alone waits while the
    /// secretary types; one that waited is drawn once typing paused.
    pub fn frame(&mut self, change: Change, now: Instant) -> Change {
        let typing = self.typed_at.is_some_and(|at| now < at + SETTLE);
        match change {
            Change::Indicator if typing => {
                self.held = true;
                Change::Nothing
            }
            Change::Nothing if self.held && !typing => {
                self.held = false;
                Change::Indicator
            }
            Change::Nothing => Change::Nothing,
            drawn => {
                self.held = false;
                drawn
            }
        }
    }

    /// When a frame that waits is due.
    pub fn due(&self) -> Option<Instant> {
        self.held
            .then_some(self.typed_at)
            .flatten()
            .map(|at| at + SETTLE)
    }
}

/// What is kept from one frame to the next.
#[derive(Debug, Default)]
pub struct Canvas {
    /// What the screen shows, while the keyboard is in the notes.
    shown: Option<Buffer>,
    /// Whether cells were written since ratatui's last frame.
    written: bool,
    /// The time as the screen shows it.
    face: Option<ClockFace>,
    /// Where frames of the notes are drawn.
    scratch: ui::Scratch,
}

impl Canvas {
    /// Forgets what the screen showed (it was cleared, after a resize): the next frame is
    /// drawn whole, on what ratatui knows the screen to be.
    pub fn forget(&mut self) {
        self.shown = None;
        self.written = false;
    }
}

/// What a frame showed, for the update logic.
#[derive(Debug, Clone, Copy, Default)]
pub struct Drawn {
    /// The frame's area, after a whole frame.
    pub area: Option<Rect>,
    /// What the notes pane showed.
    pub notes: Option<NotesShown>,
}

/// Draws what `change` and the time call for on `screen`; returns what was drawn, or nothing.
pub fn paint(
    app: &App,
    screen: &mut Screen,
    canvas: &mut Canvas,
    change: Change,
) -> std::io::Result<Option<Drawn>> {
    let face = ui::clock_face(app);
    let on_time = canvas.face == Some(face);
    if change == Change::Nothing && on_time {
        return Ok(None);
    }
    canvas.face = Some(face);
    if matches!(change, Change::Notes | Change::Indicator)
        && on_time
        && let Some(shown) = canvas.shown.as_mut()
        && let Some((cells, notes)) = ui::notes_frame(app, shown, &mut canvas.scratch)
    {
        ui::apply_cells(shown, &cells);
        screen.write_cells(&cells)?;
        canvas.written = true;
        return Ok(Some(Drawn {
            area: None,
            notes: Some(notes),
        }));
    }
    if canvas.written
        && let Some(shown) = &canvas.shown
    {
        screen.learn(shown)?;
    }
    canvas.written = false;
    canvas.scratch.forget();
    let mut notes = None;
    let mut whole = None;
    let area = screen.draw(|frame| {
        notes = ui::draw_whole(app, frame);
        whole = notes.map(|_| frame.buffer_mut().clone());
    })?;
    canvas.shown = whole;
    Ok(Some(Drawn {
        area: Some(area),
        notes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn the_indicator_waits_while_keys_are_typed_and_shows_when_they_pause() {
        let t0 = Instant::now();
        let mut pace = Pace::default();
        pace.handled(Change::Notes, t0);
        // A save reported 40 ms after a key: nothing drawn yet, a frame due at the pause.
        assert_eq!(pace.frame(Change::Indicator, t0 + 40 * MS), Change::Nothing);
        assert_eq!(pace.due(), Some(t0 + SETTLE));
        // Another key: its frame draws the status line as it stands; nothing waits.
        pace.handled(Change::Notes, t0 + 100 * MS);
        assert_eq!(pace.frame(Change::Notes, t0 + 100 * MS), Change::Notes);
        assert_eq!(pace.due(), None);
        // The next report waits for the pause after that key, and is drawn then.
        assert_eq!(
            pace.frame(Change::Indicator, t0 + 150 * MS),
            Change::Nothing
        );
        assert_eq!(pace.frame(Change::Nothing, t0 + 599 * MS), Change::Nothing);
        assert_eq!(pace.due(), Some(t0 + 100 * MS + SETTLE));
        assert_eq!(
            pace.frame(Change::Nothing, t0 + 100 * MS + SETTLE),
            Change::Indicator
        );
        assert_eq!(pace.due(), None);
        assert_eq!(pace.frame(Change::Nothing, t0 + 2000 * MS), Change::Nothing);
    }

    #[test]
    fn the_indicator_shows_at_once_when_nobody_types() {
        let t0 = Instant::now();
        let mut pace = Pace::default();
        assert_eq!(pace.frame(Change::Indicator, t0), Change::Indicator);
        pace.handled(Change::Notes, t0);
        assert_eq!(
            pace.frame(Change::Indicator, t0 + SETTLE),
            Change::Indicator
        );
        // A command ends the typing: what its save reports shows at once (Ctrl+S).
        pace.handled(Change::Notes, t0 + SETTLE);
        pace.handled(Change::Everything, t0 + SETTLE + MS);
        assert_eq!(
            pace.frame(Change::Indicator, t0 + SETTLE + 2 * MS),
            Change::Indicator
        );
        assert_eq!(pace.due(), None);
    }

    #[test]
    fn any_other_frame_takes_the_place_of_the_one_that_waits() {
        let t0 = Instant::now();
        let mut pace = Pace::default();
        pace.handled(Change::Notes, t0);
        assert_eq!(pace.frame(Change::Indicator, t0 + MS), Change::Nothing);
        assert_eq!(
            pace.frame(Change::Everything, t0 + 2 * MS),
            Change::Everything
        );
        assert_eq!(pace.due(), None);
        assert_eq!(
            pace.frame(Change::Nothing, t0 + SETTLE * 2),
            Change::Nothing
        );
    }
}
