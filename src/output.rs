//! What the commands print, without ever panicking: a reader that went away (`copilnum
//! meetings | head -3`) ends the command quietly with status 0, as a program killed by SIGPIPE
//! would; any other failure to write (a full disk) ends it with a French message and status 1.
//!
//! Rust ignores SIGPIPE, so a write to a closed pipe fails with `BrokenPipe`; `println!` turns
//! that into a panic. Here it is an error carried up to [`crate::cli`], which decides.

use std::fmt::Display;
use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;

use crate::store::french_io;

/// Standard output could not be written.
#[derive(Debug)]
pub struct OutputError(pub io::Error);

/// Why a command stopped: a French message for standard error, or its output that failed.
#[derive(Debug)]
pub enum Failure {
    /// What went wrong, in French (printed as `copilnum : …`, status 1).
    Message(String),
    /// Standard output failed (closed: status 0 and silence; else a French message).
    Output(OutputError),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Message(message.to_string())
    }
}

impl From<OutputError> for Failure {
    fn from(error: OutputError) -> Failure {
        Failure::Output(error)
    }
}

impl Failure {
    /// Says what went wrong on standard error (unless the output was closed) and gives the
    /// exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Message(message) => {
                say(&message);
                ExitCode::FAILURE
            }
            Failure::Output(error) => error.report(),
        }
    }
}

impl OutputError {
    /// Whether the reader went away (a closed pipe): nothing to say, nothing went wrong.
    pub fn is_closed(&self) -> bool {
        self.0.kind() == ErrorKind::BrokenPipe
    }

    /// The French message, or `None` for a closed pipe.
    pub fn message(&self) -> Option<String> {
        (!self.is_closed()).then(|| {
            format!(
                "écriture impossible sur la sortie standard ({})",
                french_io(&self.0)
            )
        })
    }

    /// Says it on standard error and gives the exit code: 0 for a closed pipe, else 1.
    pub fn report(self) -> ExitCode {
        match self.message() {
            None => ExitCode::SUCCESS,
            Some(message) => {
                say(&message);
                ExitCode::FAILURE
            }
        }
    }
}

/// Where a command writes its results: standard output, or any writer in tests.
pub struct Out<W: Write = io::Stdout> {
    writer: W,
}

/// Standard output (line-buffered, so that a failure shows at the line that met it).
pub fn stdout() -> Out {
    Out::new(io::stdout())
}

impl<W: Write> Out<W> {
    /// Output to this writer.
    pub fn new(writer: W) -> Out<W> {
        Out { writer }
    }

    /// Writes a line.
    pub fn line(&mut self, text: impl Display) -> Result<(), OutputError> {
        writeln!(self.writer, "{text}").map_err(OutputError)
    }

    /// Writes text as it is, without adding a line end.
    pub fn text(&mut self, text: &str) -> Result<(), OutputError> {
        self.writer.write_all(text.as_bytes()).map_err(OutputError)
    }

    /// Writes out what is buffered: the last failure shows here at the latest.
    pub fn flush(&mut self) -> Result<(), OutputError> {
        self.writer.flush().map_err(OutputError)
    }

    /// The writer, for tests.
    pub fn into_inner(self) -> W {
        self.writer
    }
}

/// Prints `copilnum : LINE` on standard error. Nothing can be done if that fails (a closed
/// or full standard error): the exit status still tells.
pub fn say(line: &str) {
    let _ = writeln!(io::stderr(), "copilnum : {line}");
}

/// The exit code when the terminal cannot be taken: silence and 0 if standard output is a
/// closed pipe, else a French message naming what is wrong, and 1.
pub fn terminal_unusable(error: &io::Error) -> ExitCode {
    match terminal_problem(error) {
        None => ExitCode::SUCCESS,
        Some(reason) => {
            say(&reason);
            ExitCode::FAILURE
        }
    }
}

/// Why the terminal cannot be taken, in French; `None` when standard output is a closed pipe
/// (nobody is reading: nothing to say).
pub fn terminal_problem(error: &io::Error) -> Option<String> {
    if error.kind() == ErrorKind::BrokenPipe {
        return None;
    }
    Some(if no_terminal(error) {
        // No controlling terminal: a cron job, an IDE's console, input from a file.
        "pas de terminal : l'interface de copilnum s'ouvre dans une fenêtre de terminal".into()
    } else {
        format!("terminal inutilisable ({})", french_io(error))
    })
}

/// Whether the error says there is no terminal at all (ENXIO, ENOTTY).
#[cfg(unix)]
fn no_terminal(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::ENXIO | libc::ENOTTY))
}

#[cfg(not(unix))]
fn no_terminal(_: &io::Error) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with this error.
    struct Failing(ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    #[test]
    fn lines_are_written_with_their_end() {
        let mut out = Out::new(Vec::new());
        out.line("Réunion").unwrap();
        out.text("sans fin").unwrap();
        out.flush().unwrap();
        assert_eq!(out.into_inner(), "Réunion\nsans fin".as_bytes());
    }

    #[test]
    fn a_closed_pipe_is_silent_and_successful() {
        let error = Out::new(Failing(ErrorKind::BrokenPipe))
            .line("x")
            .unwrap_err();
        assert!(error.is_closed());
        assert_eq!(error.message(), None);
        assert_eq!(error.report(), ExitCode::SUCCESS);
    }

    #[test]
    fn a_full_disk_is_said_in_french() {
        let error = Out::new(Failing(ErrorKind::StorageFull))
            .line("x")
            .unwrap_err();
        assert_eq!(
            error.message().as_deref(),
            Some("écriture impossible sur la sortie standard (disque plein)")
        );
        assert_eq!(
            Failure::from(error).report(),
            ExitCode::FAILURE,
            "status 1 after the message"
        );
    }

    #[test]
    fn no_terminal_is_said_in_french() {
        assert_eq!(
            terminal_problem(&io::Error::from(ErrorKind::BrokenPipe)),
            None
        );
        assert_eq!(
            terminal_problem(&io::Error::from_raw_os_error(libc::ENXIO)).as_deref(),
            Some("pas de terminal : l'interface de copilnum s'ouvre dans une fenêtre de terminal")
        );
        assert_eq!(
            terminal_problem(&io::Error::from(ErrorKind::StorageFull)).as_deref(),
            Some("terminal inutilisable (disque plein)")
        );
    }
}
