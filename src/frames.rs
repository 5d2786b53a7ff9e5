//! Which frames the editor draws, and how: none when nothing on screen changed (an idle
//! editor writes nothing; a running step timer redraws once a second); when only the notes
//! changed (keys typed in them), their pane and the status line are drawn again and only the
//! cells that differ are written; anything else is a whole frame through ratatui.

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
    /// The notes and the status line only.
    Notes,
    /// Anything.
    Everything,
}

/// What a message changes on screen, told before it is handled: keys typed or pasted in the
/// notes change the notes and the status line, and so does the report of a save that wrote
/// every file as it was sent (the status line says so); anything else may change anything (a
/// merge, a copy kept aside or an error brings a notice).
pub fn change_of(app: &App, msg: &Msg) -> Change {
    let typing = app.context() == Context::MeetingEditor;
    match msg {
        Msg::Key(key) if typing && keymap::command(Context::MeetingEditor, key).is_none() => {
            Change::Notes
        }
        Msg::Paste(_) if typing => Change::Notes,
        Msg::Saved(report) if typing && report.plain() => Change::Notes,
        _ => Change::Everything,
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
    if change == Change::Notes
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
