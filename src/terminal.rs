//! The terminal, shared by the editor and the projector: taking it and giving it back (even
//! when it is gone), the thread that reads keys, the thread that catches signals, and printing
//! that never panics.

use std::io::Write;
use std::sync::mpsc::Sender;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::DefaultTerminal;

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

/// Takes the terminal: alternate screen, raw mode, bracketed paste. If that fails half-way
/// (standard output is a closed pipe or a full disk), the terminal is given back as it was.
pub fn setup() -> std::io::Result<DefaultTerminal> {
    let taken = ratatui::try_init().and_then(|terminal| {
        crossterm::execute!(std::io::stdout(), EnableBracketedPaste).map(|()| terminal)
    });
    if taken.is_err() {
        let _ = ratatui::try_restore();
    }
    taken
}

/// Gives the terminal back. It may be gone (closed window, SIGHUP): every write may fail, and
/// nothing here may panic or print through `eprintln!`. ratatui's `Terminal` shows the cursor
/// when dropped and `eprintln!`s if it cannot — which panics on a terminal that is gone — so the
/// cursor is shown here, and if that fails the drop is skipped.
pub fn restore(mut terminal: DefaultTerminal) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let _ = std::io::stdout().flush();
}

/// Redraws everything at the next frame, after a resize (some terminals keep stale cells).
/// Not `Terminal::clear`: that asks the terminal where its cursor is, through the event reader
/// that the input thread holds — a deadlock. Here the screen is cleared, then a blank frame
/// makes ratatui's idea of the screen match, so the next frame is drawn whole.
pub fn redraw_all(terminal: &mut DefaultTerminal) {
    use ratatui::backend::{Backend, ClearType};
    let _ = terminal.backend_mut().clear_region(ClearType::All);
    let _ = terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()));
}

/// Prints a line on stderr without panicking if stderr is a terminal that is gone.
pub use crate::output::say;

/// Reads the terminal on a thread of its own and sends what comes.
pub fn spawn_input<E: From<Input> + Send + 'static>(tx: Sender<E>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(event) => {
                    if tx.send(Input::Event(event).into()).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Input::Lost(e.to_string()).into());
                    break;
                }
            }
        }
    });
}

/// Catches SIGHUP, SIGTERM and SIGINT on a thread of its own and sends them.
pub fn spawn_signals<E: From<Input> + Send + 'static>(tx: Sender<E>) {
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
