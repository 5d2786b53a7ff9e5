//! A small harness that runs the real `copilnum` binary in a pseudo-terminal: a fixed size,
//! `TERM=xterm-256color`, the log in the test's temporary folder, a reader thread feeding a
//! channel, a `vt100` screen polled with deadlines, keys as bytes, resizes through the master
//! and signals through `kill`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long a test waits for something the app should do promptly. Generous: a busy 2-core
/// machine running the other tests in parallel must not make a test flake.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Keys as the terminal sends them (xterm, normal cursor mode).
pub mod keys {
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
    pub const F3: &str = "\x1bOR";
    pub const F4: &str = "\x1bOS";
    pub const F5: &str = "\x1b[15~";
    pub const F6: &str = "\x1b[17~";
    pub const F7: &str = "\x1b[18~";
    pub const F8: &str = "\x1b[19~";
    pub const F9: &str = "\x1b[20~";
    pub const F10: &str = "\x1b[21~";
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const SPACE: &str = " ";
    pub const BACKSPACE: &str = "\x7f";
    pub const DELETE: &str = "\x1b[3~";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const PAGE_UP: &str = "\x1b[5~";
    /// Escape: always sent as a write of its own (see [`super::Tui::esc`]).
    pub const ESC: &str = "\x1b";

    /// Ctrl + a letter: the letter's byte with only its low five bits.
    pub fn ctrl(letter: char) -> String {
        assert!(letter.is_ascii_alphabetic(), "Ctrl+{letter}");
        char::from(letter.to_ascii_lowercase() as u8 & 0x1f).to_string()
    }

    /// Text as a terminal sends it when it is pasted with bracketed paste on.
    pub fn bracketed_paste(text: &str) -> String {
        format!("\x1b[200~{text}\x1b[201~")
    }
}

/// What to start.
pub struct Spawn<'a> {
    /// Arguments after the program name.
    pub args: &'a [&'a str],
    /// Working directory; the log goes to `copilnum.log` in it.
    pub cwd: &'a Path,
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
    /// Extra environment variables.
    pub env: Vec<(&'a str, &'a str)>,
    /// The program, if not copilnum itself (a wrapper that ends by running it).
    pub program: Option<&'a str>,
}

impl<'a> Spawn<'a> {
    /// `copilnum ARGS` in `cwd`, at 100x30.
    pub fn new(cwd: &'a Path, args: &'a [&'a str]) -> Spawn<'a> {
        Spawn {
            args,
            cwd,
            cols: 100,
            rows: 30,
            env: Vec::new(),
            program: None,
        }
    }

    /// Through another program, given the arguments (which must end by running copilnum).
    pub fn program(mut self, program: &'a str) -> Spawn<'a> {
        self.program = Some(program);
        self
    }

    /// With an environment variable set.
    pub fn env(mut self, key: &'a str, value: &'a str) -> Spawn<'a> {
        self.env.push((key, value));
        self
    }

    /// At another size.
    pub fn size(mut self, cols: u16, rows: u16) -> Spawn<'a> {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// Starts it.
    pub fn start(self) -> Tui {
        Tui::start(self)
    }
}

/// The binary running in a pseudo-terminal, and the screen a user would see.
pub struct Tui {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Everything the program wrote, to look for escape codes.
    raw: Vec<u8>,
    /// The child's process id.
    pub pid: u32,
    /// Where the program logs.
    pub log: PathBuf,
    status: Option<ExitStatus>,
    eof: bool,
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

impl Tui {
    fn start(spawn: Spawn<'_>) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: spawn.rows,
                cols: spawn.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let log = spawn.cwd.join("copilnum.log");
        let mut cmd = CommandBuilder::new(spawn.program.unwrap_or(env!("CARGO_BIN_EXE_copilnum")));
        cmd.args(spawn.args);
        cmd.cwd(spawn.cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("COPILNUM_LOG", &log);
        cmd.env_remove("COPILNUM_DIR");
        cmd.env_remove("NO_COLOR");
        for (key, value) in &spawn.env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn copilnum");
        // Without this the reader would never see the end of the output.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        // Our own handle on the master to write with: portable-pty's writer sends "\n" and
        // the EOF character (Ctrl+D) when dropped, which the program would take as keys.
        let raw = pair.master.as_raw_fd().expect("master fd");
        // SAFETY: `raw` is the master's descriptor, open while `pair.master` lives; it is only
        // borrowed to duplicate it.
        #[allow(unsafe_code)]
        let owned = unsafe { BorrowedFd::borrow_raw(raw) }
            .try_clone_to_owned()
            .expect("dup master fd");
        let writer: Box<dyn Write + Send> = Box::new(std::fs::File::from(owned));
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Tui {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            output,
            parser: vt100::Parser::new(nonzero(spawn.rows), nonzero(spawn.cols), 0),
            raw: Vec::new(),
            pid,
            log,
            status: None,
            eof: false,
        }
    }

    /// Feeds the screen with what arrived, waiting at most `wait` for something.
    fn pump(&mut self, wait: Duration) {
        if self.eof {
            std::thread::sleep(wait.min(Duration::from_millis(20)));
            return;
        }
        let first = match self.output.recv_timeout(wait) {
            Ok(bytes) => bytes,
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                return;
            }
        };
        let mut chunks = vec![first];
        chunks.extend(self.output.try_iter());
        for bytes in chunks {
            self.process(&bytes);
        }
    }

    fn process(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.raw.extend_from_slice(bytes);
        // Answer a cursor position query, as a terminal would (vt100 does not).
        if bytes.windows(4).any(|w| w == b"\x1b[6n") {
            let (row, col) = self.parser.screen().cursor_position();
            let answer = format!("\x1b[{};{}R", row + 1, col + 1);
            if let Some(w) = self.writer.as_mut() {
                let _ = w.write_all(answer.as_bytes());
                let _ = w.flush();
            }
        }
    }

    /// The screen as text, one line per row.
    pub fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    /// The vt100 screen, for colours and cells.
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Every byte the program wrote so far.
    pub fn raw_output(&self) -> &[u8] {
        &self.raw
    }

    /// Reads what arrived without waiting.
    pub fn refresh(&mut self) {
        self.pump(Duration::ZERO);
    }

    /// Waits until the screen shows `text`; fails with the screen and the log otherwise.
    #[track_caller]
    pub fn wait_for(&mut self, text: &str) {
        self.wait_for_within(text, DEADLINE);
    }

    /// Same, with another deadline.
    #[track_caller]
    pub fn wait_for_within(&mut self, text: &str, deadline: Duration) {
        let ok = self.wait_until(deadline, |s| s.contents().contains(text));
        if !ok {
            self.fail(&format!("« {text} » never appeared on screen"));
        }
    }

    /// Waits until the screen no longer shows `text`.
    #[track_caller]
    pub fn wait_gone(&mut self, text: &str) {
        let ok = self.wait_until(DEADLINE, |s| !s.contents().contains(text));
        if !ok {
            self.fail(&format!("« {text} » stayed on screen"));
        }
    }

    /// Waits until `done` holds for the screen, or the deadline passes; says which.
    pub fn wait_until(&mut self, deadline: Duration, mut done: impl FnMut(&Tui) -> bool) -> bool {
        let end = Instant::now() + deadline;
        loop {
            self.refresh();
            if done(self) {
                return true;
            }
            let now = Instant::now();
            if now >= end || self.eof {
                self.refresh();
                return done(self);
            }
            self.pump((end - now).min(Duration::from_millis(50)));
        }
    }

    /// Fails the test with what a user would see and the end of the log.
    #[track_caller]
    pub fn fail(&mut self, why: &str) -> ! {
        self.refresh();
        let alive = self.alive();
        panic!(
            "{why}\n(process {}; {})\n----- screen -----\n{}\n----- log -----\n{}",
            self.pid,
            if alive {
                "still running".to_string()
            } else {
                format!("exited: {:?}", self.status)
            },
            self.dump(),
            self.log_tail()
        );
    }

    /// The screen without its trailing blank lines, each row trimmed at the right.
    pub fn dump(&self) -> String {
        let text = self.contents();
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let end = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        lines[..end].join("\n")
    }

    /// The last lines of the program's log.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// Sends bytes to the program, as typed.
    #[track_caller]
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes.as_ref()).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Types text (the same as [`Tui::send`], named for what it means).
    pub fn type_text(&mut self, text: &str) {
        self.send(text);
    }

    /// Presses Escape, as a write of its own, and lets it arrive alone: `ESC` followed by more
    /// bytes in the same read would be taken as Alt+key.
    pub fn esc(&mut self) {
        self.send(keys::ESC);
        // The next write must not join it: give the program a moment to read it alone.
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Pastes text with bracketed paste.
    pub fn paste(&mut self, text: &str) {
        self.send(keys::bracketed_paste(text));
    }

    /// Resizes the terminal (the kernel sends SIGWINCH); the screen model follows, at least
    /// 1x1 since a vt100 screen cannot be empty.
    #[track_caller]
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.refresh();
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }

    /// Sends a signal ("HUP", "TERM", "KILL"…) with the `kill` command.
    #[track_caller]
    pub fn signal(&mut self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {} failed", self.pid);
    }

    /// Hangs up: closes the master side, as when the terminal window is closed. The kernel
    /// sends SIGHUP to the program once the last descriptor of the master is closed; the
    /// screen can no longer be read.
    pub fn hang_up(&mut self) {
        self.refresh();
        // The reader thread holds a descriptor of the master too, blocked in `read`: it lets
        // go of it when it next reads something and finds nobody listening. Stop listening,
        // and make the program draw (a resize) so that it reads.
        let (_, dead) = mpsc::channel();
        self.output = dead;
        self.eof = true;
        if let Some(master) = &self.master {
            let size = master.get_size().expect("pty size");
            let _ = master.resize(PtySize {
                cols: size.cols.saturating_sub(1).max(1),
                ..size
            });
        }
        self.writer = None;
        self.master = None;
    }

    /// Whether the program is still running.
    pub fn alive(&mut self) -> bool {
        if self.status.is_some() {
            return false;
        }
        match self.child.try_wait() {
            Ok(Some(status)) => {
                self.status = Some(status);
                false
            }
            Ok(None) => true,
            Err(_) => false,
        }
    }

    /// Waits for the program to end and returns how; fails after the deadline.
    #[track_caller]
    pub fn wait_exit(&mut self) -> ExitStatus {
        let end = Instant::now() + DEADLINE;
        while self.alive() {
            if Instant::now() >= end {
                self.fail("the program did not exit");
            }
            self.pump(Duration::from_millis(20));
        }
        // Read the last frames (the restored terminal).
        let end = Instant::now() + Duration::from_secs(2);
        while !self.eof && Instant::now() < end {
            self.pump(Duration::from_millis(100));
        }
        self.status.clone().expect("exited")
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.alive() {
            let _ = std::process::Command::new("kill")
                .arg("-KILL")
                .arg(self.pid.to_string())
                .status();
            let _ = self.child.wait();
        }
    }
}
