//! The terminal, shared by the editor and the projector: taking it and giving it back (even
//! when it is gone), drawing a frame in one write, the thread that catches signals, and
//! printing that never panics. Keys are read by the loop itself ([`crate::inbox`]).

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{Frame, Terminal};

use crate::inbox::Post;

/// The terminal as the editor and the projector draw on it: each frame goes out in one write.
pub struct Screen {
    terminal: Terminal<CrosstermBackend<FrameWriter>>,
    pending: Rc<RefCell<Vec<u8>>>,
    /// The style the terminal writes in, as the last cells written left it (ratatui's frames
    /// end with a reset: the default after one).
    pen: Pen,
    /// Whether the cursor was hidden since the last frame (ratatui's frames may show it).
    cursor_hidden: bool,
}

impl Screen {
    /// Draws a frame and writes it to the terminal in one write; returns the frame's area.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> std::io::Result<Rect> {
        // ratatui draws from the default style and leaves it so.
        self.settle_pen()?;
        let area = self.terminal.draw(render)?.area;
        self.cursor_hidden = false;
        self.commit()?;
        Ok(area)
    }

    /// Writes these cells to the terminal, in one write, without a frame: what ratatui believes
    /// the screen shows is then out of date until [`Screen::learn`]. Only what the cells need
    /// is written: the style is changed where it differs from the one the terminal is in and
    /// left as the last cell has it (put back before anything else is drawn); the cursor is
    /// hidden once after a frame.
    pub fn write_cells(&mut self, cells: &[(u16, u16, Cell)]) -> std::io::Result<()> {
        {
            let mut out = self.pending.borrow_mut();
            if !self.cursor_hidden {
                crossterm::queue!(out, crossterm::cursor::Hide)?;
                self.cursor_hidden = true;
            }
            encode_cells(&mut out, cells, &mut self.pen)?;
        }
        self.commit()
    }

    /// Puts the terminal back in the default style, if cells left it in another one (before
    /// a frame, a clear, or giving the terminal back).
    fn settle_pen(&mut self) -> std::io::Result<()> {
        if self.pen != Pen::DEFAULT {
            use crossterm::style::{Attribute, SetAttribute};
            crossterm::queue!(self.pending.borrow_mut(), SetAttribute(Attribute::Reset))?;
            self.pen = Pen::DEFAULT;
        }
        Ok(())
    }

    /// Tells ratatui what the screen shows, writing nothing: the next frame is compared with it.
    pub fn learn(&mut self, shown: &Buffer) -> std::io::Result<()> {
        self.terminal.draw(|frame| {
            if frame.area() == shown.area {
                frame.buffer_mut().content.clone_from_slice(&shown.content);
            }
        })?;
        self.pending.borrow_mut().clear();
        Ok(())
    }

    /// Writes what is pending to the terminal, in one write, and flushes it.
    fn commit(&mut self) -> std::io::Result<()> {
        write_out(&mut self.pending.borrow_mut())
    }
}

/// A style of the terminal: the colours and modifiers the next characters are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    /// The terminal's own style, after a reset.
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };
}

/// Encodes cells as the terminal needs them, from the style `pen` says it is in (updated to
/// the last cell's): the cursor is moved only where the cells do not follow each other; a
/// modifier taken away resets the style (one short sequence), then what the cell adds to it
/// is set.
fn encode_cells(
    out: &mut Vec<u8>,
    cells: &[(u16, u16, Cell)],
    pen: &mut Pen,
) -> std::io::Result<()> {
    use crossterm::cursor::MoveTo;
    use crossterm::style::{
        Attribute, Print, SetAttribute, SetBackgroundColor, SetForegroundColor, SetUnderlineColor,
    };
    use ratatui::backend::IntoCrossterm;
    const ATTRIBUTES: [(Modifier, Attribute); 9] = [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
    ];
    let mut last: Option<(u16, u16)> = None;
    for &(x, y, ref cell) in cells {
        if !matches!(last, Some((lx, ly)) if x == lx.saturating_add(1) && y == ly) {
            crossterm::queue!(out, MoveTo(x, y))?;
        }
        last = Some((x, y));
        if !(pen.modifier - cell.modifier).is_empty() {
            crossterm::queue!(out, SetAttribute(Attribute::Reset))?;
            *pen = Pen::DEFAULT;
        }
        let added = cell.modifier - pen.modifier;
        for (modifier, attribute) in ATTRIBUTES {
            if added.contains(modifier) {
                crossterm::queue!(out, SetAttribute(attribute))?;
            }
        }
        pen.modifier = cell.modifier;
        if cell.fg != pen.fg {
            crossterm::queue!(out, SetForegroundColor(cell.fg.into_crossterm()))?;
            pen.fg = cell.fg;
        }
        if cell.bg != pen.bg {
            crossterm::queue!(out, SetBackgroundColor(cell.bg.into_crossterm()))?;
            pen.bg = cell.bg;
        }
        if cell.underline_color != pen.underline {
            crossterm::queue!(
                out,
                SetUnderlineColor(cell.underline_color.into_crossterm())
            )?;
            pen.underline = cell.underline_color;
        }
        crossterm::queue!(out, Print(cell.symbol()))?;
    }
    Ok(())
}

/// What ratatui writes through: bytes are kept until the frame is over; ratatui's flushes
/// within a frame (after the cells, after hiding the cursor, at its end) wait for the commit.
struct FrameWriter {
    pending: Rc<RefCell<Vec<u8>>>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for FrameWriter {
    fn drop(&mut self) {
        let _ = write_out(&mut self.pending.borrow_mut());
    }
}

fn write_out(pending: &mut Vec<u8>) -> std::io::Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let result = out.write_all(pending).and_then(|()| out.flush());
    pending.clear();
    result
}

/// What comes from outside the program.
#[derive(Debug)]
pub enum Input {
    /// A key, a paste, a resize.
    Event(Event),
    /// The terminal is gone (reading failed).
    Lost(String),
    /// SIGHUP, SIGTERM or SIGINT.
    Signal(i32),
}

/// Takes the terminal: alternate screen, raw mode, bracketed paste, and a panic hook that
/// gives it back before the panic is reported (as `ratatui::init` does). If that fails
/// half-way (standard output is a closed pipe or a full disk), the terminal is given back as
/// it was.
pub fn setup() -> std::io::Result<Screen> {
    let taken = take();
    if taken.is_err() {
        let _ = ratatui::try_restore();
    }
    taken
}

fn take() -> std::io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log_panic(info);
        let _ = ratatui::try_restore();
        hook(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    let pending = Rc::new(RefCell::new(Vec::with_capacity(64 * 1024)));
    let writer = FrameWriter {
        pending: Rc::clone(&pending),
    };
    Ok(Screen {
        terminal: Terminal::new(CrosstermBackend::new(writer))?,
        pending,
        pen: Pen::DEFAULT,
        cursor_hidden: false,
    })
}

/// Writes a panic's message and where it happened to the log: the terminal is about to be
/// given back and what the hook prints there may be lost with the window.
fn log_panic(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(message illisible)");
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_default();
    let thread = std::thread::current().name().unwrap_or("?").to_owned();
    tracing::error!(message, location, thread, "panique");
}

/// Gives the terminal back. It may be gone (closed window, SIGHUP): every write may fail, and
/// nothing here may panic or print through `eprintln!`. ratatui's `Terminal` shows the cursor
/// when dropped and `eprintln!`s if it cannot — which panics on a terminal that is gone — so the
/// cursor is shown here, and if writing it fails the drop is skipped.
pub fn restore(mut screen: Screen) {
    let shown = screen.settle_pen().is_ok() && screen.terminal.show_cursor().is_ok();
    if !shown || screen.commit().is_err() {
        std::mem::forget(screen);
    }
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let _ = std::io::stdout().flush();
}

/// Redraws everything at the next frame, after a resize (some terminals keep stale cells).
/// Not `Terminal::clear`: that asks the terminal where its cursor is, and the answer would
/// come back among the keys. Here the screen is cleared, then a blank frame
/// makes ratatui's idea of the screen match, so the next frame is drawn whole.
pub fn redraw_all(screen: &mut Screen) {
    use ratatui::backend::{Backend, ClearType};
    // A clear fills the screen with the current background: the default one.
    let _ = screen.settle_pen();
    let _ = screen.terminal.backend_mut().clear_region(ClearType::All);
    let _ = screen.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()));
}

/// Prints a line on stderr without panicking if stderr is a terminal that is gone.
pub use crate::output::say;

/// Catches SIGHUP, SIGTERM and SIGINT on a thread of its own and sends them.
pub fn spawn_signals<E: From<Input> + Send + 'static>(tx: Post<E>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    match signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                for signal in signals.forever() {
                    if tx.send(Input::Signal(signal).into()).is_err() {
                        break;
                    }
                }
            });
        }
        Err(e) => tracing::warn!(error = %e, "signaux non interceptés"),
    }
}
