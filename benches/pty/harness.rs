//! Measures terminal programs as a person types into them, through a pseudo-terminal: time to
//! the first complete frame, keystroke-to-last-byte latency, bytes written per key, peak memory,
//! and what the program writes and spends while nobody types. Shared by `cargo bench --bench
//! pty` (the table of the README) and its smoke test in `cargo test`.
//!
//! Every read is bounded: a key's update is over when the screen shows the key's effect (the
//! character before the cursor, the cursor where it must be) and the burst of bytes carrying it
//! has stopped for [`GAP`] — never "when the screen falls quiet", which a program redrawing on a
//! timer never does.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The copilnum binary built with the benchmark (or the test).
pub const COPILNUM: &str = env!("CARGO_BIN_EXE_copilnum");

/// A burst of output ends when nothing more arrives for this long.
pub const GAP: Duration = Duration::from_millis(5);
/// At most this long is read after a key's effect first shows, for the rest of its burst.
const BURST_CAP: Duration = Duration::from_millis(250);
/// A key whose effect does not show within this is counted as unanswered.
const KEY_DEADLINE: Duration = Duration::from_secs(2);
/// Start-up and each step of the setup must be done within this.
const SETUP_DEADLINE: Duration = Duration::from_secs(60);
/// How long a program asked to quit after its first frame has before it is killed.
const QUIT_DEADLINE: Duration = Duration::from_secs(5);
/// Typed lines are broken before this length, so that they never wrap.
const LINE_LENGTH: usize = 30;

/// The data a program is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Data {
    /// `copilnum sample`: 20 members, two meetings.
    Sample,
    /// `copilnum sample --large`: 200 members, 101 meetings, 5,000 lines of notes.
    Large,
    /// `copilnum sample --huge`: ten times `--large`.
    Huge,
}

impl Data {
    /// As the table names it.
    pub fn label(self) -> &'static str {
        match self {
            Data::Sample => "sample",
            Data::Large => "--large",
            Data::Huge => "--huge",
        }
    }

    /// Parses a label of the command line (`sample`, `large`, `huge`).
    pub fn parse(name: &str) -> Option<Data> {
        match name.trim_start_matches('-') {
            "sample" => Some(Data::Sample),
            "large" => Some(Data::Large),
            "huge" => Some(Data::Huge),
            _ => None,
        }
    }

    fn flag(self) -> Option<&'static str> {
        match self {
            Data::Sample => None,
            Data::Large => Some("--large"),
            Data::Huge => Some("--huge"),
        }
    }

    /// Lines of notes in the item that is typed into (vim gets the same lines).
    pub fn notes_lines(self) -> usize {
        match self {
            Data::Sample => 0,
            Data::Large => 5_000,
            Data::Huge => 50_000,
        }
    }
}

/// The program measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// copilnum, typing in the notes of the next meeting's first item.
    Copilnum,
    /// `vim -u NONE` on the same lines of notes, typing on a new last line.
    Vim,
    /// Another build of copilnum ([`Settings::baseline`]), typed into as copilnum is.
    Baseline,
}

impl Program {
    /// As the table names it.
    pub fn label(self) -> &'static str {
        match self {
            Program::Copilnum => "copilnum",
            Program::Vim => "vim -u NONE",
            Program::Baseline => "copilnum (baseline)",
        }
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Case {
    /// Who.
    pub program: Program,
    /// On what.
    pub data: Data,
    /// Terminal columns.
    pub cols: u16,
    /// Terminal rows.
    pub rows: u16,
    /// Type at the end of one line of this many characters (pasted first), not on short lines.
    pub long_line: Option<usize>,
}

/// How a case is run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The copilnum binary measured (the fixtures are always written by [`COPILNUM`]), to
    /// compare another build on the same data.
    pub copilnum: PathBuf,
    /// The build [`Program::Baseline`] runs.
    pub baseline: Option<PathBuf>,
    /// Keys typed and timed.
    pub keys: usize,
    /// Pause between a key's update and the next key.
    pub pause: Duration,
    /// How long the idle program is watched after the typing (and its autosave) is over.
    pub idle: Duration,
    /// How many times each program is started for its first frame (the median is given: one
    /// start is at the mercy of whatever else the machine did at that moment).
    pub starts: usize,
}

/// What a case measured.
#[derive(Clone, Debug)]
pub struct Measure {
    /// The row.
    pub case: Case,
    /// From the spawn to the last byte of the first complete frame: the median of the
    /// starts.
    pub first_frame: Duration,
    /// Each start's.
    pub first_frames: Vec<Duration>,
    /// Each answered key, from its write to the last byte of its update.
    pub latencies: Vec<Duration>,
    /// Bytes of each answered key's update.
    pub bytes: Vec<usize>,
    /// Keys whose effect never showed within the deadline.
    pub unanswered: usize,
    /// Bytes written between updates while typing (not caused by a key: autosave status…).
    pub background_bytes: usize,
    /// Peak resident memory (VmHWM), in KiB, where /proc tells it.
    pub peak_kib: Option<u64>,
    /// Bytes written during the idle watch.
    pub idle_bytes: usize,
    /// CPU time spent during the idle watch, where /proc tells it.
    pub idle_cpu: Option<Duration>,
    /// Times the program's threads woke during the idle watch, where /proc tells it.
    pub idle_wakes: Option<u64>,
    /// Length of the idle watch.
    pub idle: Duration,
}

impl Measure {
    /// The median key latency.
    pub fn p50(&self) -> Option<Duration> {
        percentile(&self.latencies, 50)
    }

    /// The 95th percentile key latency.
    pub fn p95(&self) -> Option<Duration> {
        percentile(&self.latencies, 95)
    }

    /// The median bytes per key.
    pub fn bytes_per_key(&self) -> Option<usize> {
        let mut sorted = self.bytes.clone();
        sorted.sort_unstable();
        sorted.get(sorted.len() / 2).copied()
    }

    /// Wake-ups a second while idle.
    pub fn idle_wakes_per_second(&self) -> Option<f64> {
        let wakes = self.idle_wakes?;
        (!self.idle.is_zero()).then(|| wakes as f64 / self.idle.as_secs_f64())
    }

    /// Share of one core spent while idle, in percent.
    pub fn idle_cpu_percent(&self) -> Option<f64> {
        let cpu = self.idle_cpu?;
        (!self.idle.is_zero()).then(|| cpu.as_secs_f64() / self.idle.as_secs_f64() * 100.0)
    }
}

/// The nearest-rank percentile.
pub fn percentile(values: &[Duration], p: usize) -> Option<Duration> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

/// Whether an executable of that name is on the PATH.
pub fn on_path(name: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(name))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// Runs one case in a fresh temporary folder.
pub fn run(case: Case, settings: &Settings) -> Result<Measure, String> {
    run_together(&[case], settings)
        .pop()
        .unwrap_or_else(|| Err("nothing run".into()))
}

/// Runs cases side by side, each in a fresh temporary folder: each starts in turn, then their
/// keys are typed in turns (key 1 into each, then key 2…, in the opposite order every other
/// turn), so that every program's keys are timed under the same load of the machine; then
/// they are watched idle together. One result per case, in order.
pub fn run_together(cases: &[Case], settings: &Settings) -> Vec<Result<Measure, String>> {
    let mut running: Vec<Result<Running, String>> =
        cases.iter().map(|&case| start(case, settings)).collect();
    starts(cases, &mut running, settings);
    let long_line = cases.iter().any(|c| c.long_line.is_some());
    for (turn, key) in typed_keys(settings.keys, long_line).into_iter().enumerate() {
        let mut order: Vec<usize> = (0..running.len()).collect();
        if turn % 2 == 1 {
            order.reverse();
        }
        for i in order {
            if let Ok(r) = &mut running[i]
                && let Err(e) = r.type_key(key, settings)
            {
                running[i] = Err(e);
            }
        }
    }
    idle(&mut running, settings);
    running
        .into_iter()
        .map(|r| r.map(|r| r.measure.clone()))
        .collect()
}

/// A condition on the screen.
enum Until {
    /// The screen shows this text.
    Shows(String),
    /// The last row shows this text.
    LastRowShows(String),
    /// The cursor is on a line blank from the cursor on, for a line's length.
    CursorOnBlankLine,
}

impl Until {
    fn holds(&self, screen: &vt100::Screen) -> bool {
        match self {
            Until::Shows(text) => screen.contents().contains(text.as_str()),
            Until::LastRowShows(text) => {
                let (rows, cols) = screen.size();
                let (rows, cols) = (rows.get(), cols.get());
                screen
                    .contents_between(rows - 1, 0, rows - 1, cols)
                    .contains(text.as_str())
            }
            Until::CursorOnBlankLine => cursor(screen)
                .is_some_and(|(row, col)| blank(screen, row, col, LINE_LENGTH as u16 + 1)),
        }
    }
}

/// Where the cursor is: the terminal's when it shows, else the cell that a program draws as
/// its cursor (copilnum's notes editor draws a lone cell in reverse video).
pub fn cursor(screen: &vt100::Screen) -> Option<(u16, u16)> {
    if !screen.hide_cursor() {
        return Some(screen.cursor_position());
    }
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    let inverse = |r: u16, c: u16| screen.cell(r, c).is_some_and(|cell| cell.inverse());
    (0..rows).find_map(|r| {
        (0..cols)
            .find(|&c| {
                inverse(r, c)
                    && !screen.cell(r, c).is_some_and(|cell| cell.bold())
                    && (c == 0 || !inverse(r, c - 1))
                    && !inverse(r, c + 1)
            })
            .map(|c| (r, c))
    })
}

/// Whether `len` cells from (row, col) are blank (cells past the edge count as blank).
fn blank(screen: &vt100::Screen, row: u16, col: u16, len: u16) -> bool {
    (col..col.saturating_add(len)).all(|c| {
        screen
            .cell(row, c)
            .is_none_or(|cell| cell.contents().trim().is_empty())
    })
}

/// A key sent during the setup, and what shows it was handled.
struct Step {
    keys: Vec<u8>,
    until: Until,
}

/// Writes the case's data in `dir`; returns the command, the setup steps that put the cursor
/// on a new empty line (or at the end of a long line), and what shows the first frame.
fn prepare(
    case: Case,
    dir: &Path,
    copilnum: &Path,
) -> Result<(CommandBuilder, Vec<Step>, Until), String> {
    let mut command;
    let mut setup = Vec::new();
    let first_frame;
    match case.program {
        Program::Copilnum | Program::Baseline => {
            let committee = dir.join("comite");
            let mut sample = std::process::Command::new(COPILNUM);
            sample.arg("sample").arg(&committee);
            sample.args(case.data.flag());
            let out = sample
                .output()
                .map_err(|e| format!("copilnum sample: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "copilnum sample: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            command = CommandBuilder::new(copilnum);
            command.arg("--dir");
            command.arg(&committee);
            command.env("COPILNUM_LOG", dir.join("copilnum.log"));
            command.env_remove("COPILNUM_DIR");
            first_frame = Until::LastRowShows("Quitter".into());
            // Home: Enter opens the next meeting; F3 puts the keyboard in the notes of its
            // first item, at their end; Enter starts a new line.
            setup.push(Step {
                keys: b"\r".to_vec(),
                until: Until::Shows("Notes (F3)".into()),
            });
            setup.push(Step {
                keys: b"\x1bOR".to_vec(),
                until: Until::Shows(" · ligne ".into()),
            });
        }
        Program::Vim => {
            let notes = dir.join("notes.txt");
            let lines = case.data.notes_lines().max(1);
            let mut text = copilnum::sample::large_notes(lines);
            text.push('\n');
            std::fs::write(&notes, text).map_err(|e| format!("{}: {e}", notes.display()))?;
            command = CommandBuilder::new("vim");
            command.args(["-u", "NONE", "-i", "NONE", "notes.txt"]);
            first_frame = Until::LastRowShows("notes.txt".into());
            // G: last line; o: a new line below it, in insert mode.
            setup.push(Step {
                keys: b"G".to_vec(),
                until: Until::Shows(format!("{lines:04} —")),
            });
        }
    }
    setup.push(Step {
        keys: if case.program == Program::Vim {
            b"o".to_vec()
        } else {
            b"\r".to_vec()
        },
        until: Until::CursorOnBlankLine,
    });
    if let Some(length) = case.long_line {
        setup.push(Step {
            keys: format!("\x1b[200~{}\x1b[201~", long_line(length)).into_bytes(),
            until: Until::Shows("FIN".into()),
        });
    }
    command.cwd(dir);
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env("LC_ALL", "C.UTF-8");
    command.env_remove("NO_COLOR");
    Ok((command, setup, first_frame))
}

/// A line of `length` characters: words, and "FIN " at the end.
pub fn long_line(length: usize) -> String {
    let mut line = String::with_capacity(length);
    let mut n = 0;
    while line.len() + 4 < length {
        let word = format!("mot{n} ");
        n += 1;
        line.push_str(&word[..word.len().min(length - 4 - line.len())]);
    }
    line.push_str("FIN ");
    line
}

/// The keys typed: French-looking words on lines of at most [`LINE_LENGTH`] characters, or, on
/// a long line, letters only (one growing word).
pub fn typed_keys(count: usize, long_line: bool) -> Vec<char> {
    const WORDS: [&str; 12] = [
        "le",
        "conseil",
        "valide",
        "la",
        "formation",
        "des",
        "enseignants",
        "au",
        "printemps",
        "avec",
        "un",
        "suivi",
    ];
    if long_line {
        return (0..count)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
    }
    let mut keys = Vec::with_capacity(count);
    let mut line = 0;
    let mut words = WORDS.iter().cycle();
    while keys.len() < count {
        let word = words.next().expect("a cycle never ends");
        if line > 0 && line + 1 + word.len() > LINE_LENGTH {
            keys.push('\n');
            line = 0;
            continue;
        }
        if line > 0 {
            keys.push(' ');
            line += 1;
        }
        keys.extend(word.chars());
        line += word.len();
    }
    keys.truncate(count);
    keys
}

/// A case whose program is up, its cursor where the timed keys go.
struct Running {
    session: Session,
    measure: Measure,
    /// The column typed lines start at.
    left: u16,
    /// The case's folder, removed with it.
    _dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.session.kill();
    }
}

/// Starts each program again (`settings.starts` in all), in turns, on a copy of its data, and
/// gives each the median of its first frames.
fn starts(cases: &[Case], running: &mut [Result<Running, String>], settings: &Settings) {
    let mut copies: Vec<Option<(tempfile::TempDir, CommandBuilder, Until)>> = Vec::new();
    for &case in cases {
        let copy = (settings.starts > 1)
            .then(|| again(case, settings))
            .transpose();
        copies.push(copy.unwrap_or_else(|e| {
            eprintln!("pty: {} started once only: {e}", case.program.label());
            None
        }));
    }
    for round in 1..settings.starts {
        let mut order: Vec<usize> = (0..cases.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            if let (Ok(r), Some((_, command, until))) = (&mut running[i], &copies[i]) {
                match first_frame_again(command, until, cases[i]) {
                    Ok(first) => r.measure.first_frames.push(first),
                    Err(e) => running[i] = Err(e),
                }
            }
        }
    }
    for r in running.iter_mut().flatten() {
        let mut frames = r.measure.first_frames.clone();
        frames.sort();
        r.measure.first_frame = frames[frames.len() / 2];
    }
}

/// The case's data written in a new temporary folder and on the disk: the folder, the
/// command, the setup steps and what shows the first frame.
fn fixture(
    case: Case,
    settings: &Settings,
) -> Result<(tempfile::TempDir, CommandBuilder, Vec<Step>, Until), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let binary = match case.program {
        Program::Baseline => settings
            .baseline
            .as_deref()
            .ok_or("no baseline build given")?,
        _ => &settings.copilnum,
    };
    let (command, setup, first_frame) = prepare(case, dir.path(), binary)?;
    // The fixture just written (49 MB for `--huge`) is still being written back to the disk:
    // a program started now would read against that, not as a user opening their folder.
    rustix::fs::sync();
    Ok((dir, command, setup, first_frame))
}

/// The case's data written once more, for the starts after the first.
fn again(
    case: Case,
    settings: &Settings,
) -> Result<(tempfile::TempDir, CommandBuilder, Until), String> {
    let (dir, command, _, first_frame) = fixture(case, settings)?;
    Ok((dir, command, first_frame))
}

/// Starts a program on a copy of its data and times its first frame. It is then asked to quit
/// as a user would (F10 for copilnum, `:q!` for vim: a kill would leave a journal or a swap
/// file that changes the next start), and killed if it does not.
fn first_frame_again(
    command: &CommandBuilder,
    until: &Until,
    case: Case,
) -> Result<Duration, String> {
    let mut session = Session::spawn(command.clone(), case.cols, case.rows)?;
    let Some((shown, _)) = session.read_until(session.started + SETUP_DEADLINE, |s| until.holds(s))
    else {
        let failure = session.failure("no first frame");
        session.kill();
        return Err(failure);
    };
    let (last, _) = session.burst(shown, shown + BURST_CAP);
    let quit: &[u8] = match case.program {
        Program::Vim => b":q!\r",
        Program::Copilnum | Program::Baseline => b"\x1b[21~",
    };
    let _ = session.send(quit);
    let deadline = Instant::now() + QUIT_DEADLINE;
    loop {
        if matches!(session.child.try_wait(), Ok(Some(_))) {
            break;
        }
        if Instant::now() >= deadline {
            session.kill();
            break;
        }
        session.read_for(Duration::from_millis(5));
    }
    Ok(last - session.started)
}

/// Writes the case's data, starts its program, times its first frame and runs its setup.
fn start(case: Case, settings: &Settings) -> Result<Running, String> {
    let (dir, command, setup, first_frame) = fixture(case, settings)?;
    let mut session = Session::spawn(command, case.cols, case.rows)?;
    let start_deadline = session.started + SETUP_DEADLINE;
    let Some((shown, _)) = session.read_until(start_deadline, |s| first_frame.holds(s)) else {
        let failure = session.failure("no first frame");
        session.kill();
        return Err(failure);
    };
    let (last, _) = session.burst(shown, shown + BURST_CAP);
    let first = last - session.started;
    let mut running = Running {
        session,
        measure: Measure {
            case,
            first_frame: first,
            first_frames: vec![first],
            latencies: Vec::with_capacity(settings.keys),
            bytes: Vec::with_capacity(settings.keys),
            unanswered: 0,
            background_bytes: 0,
            peak_kib: None,
            idle_bytes: 0,
            idle_cpu: None,
            idle_wakes: None,
            idle: settings.idle,
        },
        left: 0,
        _dir: dir,
    };
    let session = &mut running.session;
    for step in &setup {
        session.send(&step.keys)?;
        if session
            .read_until(Instant::now() + SETUP_DEADLINE, |s| step.until.holds(s))
            .is_none()
        {
            return Err(session.failure("setup step never showed"));
        }
        if matches!(step.until, Until::CursorOnBlankLine) {
            // Typed lines start where the cursor stands on the new empty line.
            session.read_for(Duration::from_millis(300));
            running.left = cursor(session.screen()).map_or(0, |(_, col)| col);
        }
    }
    // Let the setup's last frames (and a save it caused) pass.
    session.read_for(Duration::from_millis(300));
    Ok(running)
}

impl Running {
    /// Types one key after the pause, and times it until its update is over.
    fn type_key(&mut self, key: char, settings: &Settings) -> Result<(), String> {
        let (session, measure, left) = (&mut self.session, &mut self.measure, self.left);
        measure.background_bytes += session.read_for(settings.pause);
        let before = cursor(session.screen());
        let sent = session.send(&key_bytes(key))?;
        let effect = |s: &vt100::Screen| shows_key(s, key, before, left);
        match session.read_until(sent + KEY_DEADLINE, effect) {
            Some((shown, bytes)) => {
                let (last, more) = session.burst(shown, shown + BURST_CAP);
                measure.latencies.push(last - sent);
                measure.bytes.push(bytes + more);
            }
            None => measure.unanswered += 1,
        }
        Ok(())
    }
}

/// Peak memory, then what the programs write and spend while nobody types, all at once.
fn idle(running: &mut [Result<Running, String>], settings: &Settings) {
    let mut all: Vec<&mut Running> = running.iter_mut().filter_map(|r| r.as_mut().ok()).collect();
    for r in &mut all {
        r.measure.peak_kib = peak_kib(r.session.pid);
    }
    // The autosave runs a second after the last key: let it pass, then watch.
    let settle = Instant::now() + Duration::from_millis(2000);
    for r in &mut all {
        r.session
            .read_for(settle.saturating_duration_since(Instant::now()));
    }
    let before: Vec<(Option<Duration>, Option<u64>)> = all
        .iter()
        .map(|r| (cpu_time(r.session.pid), wakes(r.session.pid)))
        .collect();
    let end = Instant::now() + settings.idle;
    for r in &mut all {
        r.measure.idle_bytes = r
            .session
            .read_for(end.saturating_duration_since(Instant::now()));
    }
    for (r, (cpu, woken)) in all.iter_mut().zip(before) {
        r.measure.idle_cpu = cpu
            .zip(cpu_time(r.session.pid))
            .map(|(a, b)| b.saturating_sub(a));
        r.measure.idle_wakes = woken
            .zip(wakes(r.session.pid))
            .map(|(a, b)| b.saturating_sub(a));
        r.measure.peak_kib = peak_kib(r.session.pid).or(r.measure.peak_kib);
    }
}

fn key_bytes(key: char) -> Vec<u8> {
    match key {
        '\n' => b"\r".to_vec(),
        c => c.to_string().into_bytes(),
    }
}

/// Whether the screen shows the effect of `key`, typed with the cursor at `before`, on lines
/// that start at column `left`.
pub fn shows_key(screen: &vt100::Screen, key: char, before: Option<(u16, u16)>, left: u16) -> bool {
    let cell = |r: u16, c: u16| screen.cell(r, c).map(|c| c.contents());
    let Some((row, col)) = cursor(screen) else {
        // A character that fills the last column of a row: the editor shows no cursor.
        return before.is_some_and(|(r, c)| cell(r, c) == Some(key.to_string().as_str()));
    };
    if Some((row, col)) == before {
        return false;
    }
    let before = before.unwrap_or((row, col.saturating_sub(1)));
    match key {
        '\n' => col == left && blank(screen, row, col, LINE_LENGTH as u16),
        ' ' => (row, col) == (before.0, before.1 + 1),
        c => {
            let text = c.to_string();
            let before_cursor = col
                .checked_sub(1)
                .is_some_and(|c| cell(row, c) == Some(text.as_str()));
            // Wrapped: the character ends the row above.
            let wrapped = col == left
                && row > 0
                && (left..screen.size().1.get())
                    .rev()
                    .filter_map(|c| cell(row - 1, c))
                    .find(|s| !s.trim().is_empty() && !is_border(s))
                    .is_some_and(|s| s == text);
            before_cursor || wrapped
        }
    }
}

/// A cell of a frame's border (light or heavy box drawing, as copilnum's focused pane has).
fn is_border(cell: &str) -> bool {
    cell.chars().all(|c| ('\u{2500}'..='\u{257F}').contains(&c))
}

/// Peak resident memory of a process, in KiB (Linux).
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time of all the threads of a process (Linux: schedstat, in nanoseconds).
fn cpu_time(pid: u32) -> Option<Duration> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut total = 0u64;
    for task in tasks.flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// How many times the threads of a process were put on a CPU (each wake-up counts), from
/// /proc (Linux).
fn wakes(pid: u32) -> Option<u64> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut total = 0u64;
    for task in tasks.flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().nth(2)?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// A program in a pseudo-terminal, with the screen it draws.
struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: std::fs::File,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    chunks: Receiver<(Instant, Vec<u8>)>,
    /// A chunk read ahead and not yet processed.
    pending: Option<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    started: Instant,
    log: Option<PathBuf>,
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

impl Session {
    fn spawn(command: CommandBuilder, cols: u16, rows: u16) -> Result<Session, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("openpty: {e}"))?;
        let log = command
            .get_env("COPILNUM_LOG")
            .map(|p| PathBuf::from(p.to_os_string()));
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(command)
            .map_err(|e| format!("spawn: {e}"))?;
        drop(pair.slave);
        let pid = child.process_id().ok_or("no process id")?;
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        // Our own descriptor to write with: portable-pty's writer sends "\n" and Ctrl+D when
        // dropped, which the program would take as keys.
        let raw = pair.master.as_raw_fd().ok_or("no master descriptor")?;
        // SAFETY: `raw` is the master's descriptor, open while `pair.master` lives; it is only
        // borrowed to duplicate it.
        #[allow(unsafe_code)]
        let owned = unsafe { BorrowedFd::borrow_raw(raw) }
            .try_clone_to_owned()
            .map_err(|e| format!("dup: {e}"))?;
        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Ok(Session {
            master: pair.master,
            writer: std::fs::File::from(owned),
            child,
            pid,
            chunks,
            pending: None,
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            started,
            log,
        })
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Writes bytes as typed; returns when they were written.
    fn send(&mut self, bytes: &[u8]) -> Result<Instant, String> {
        let at = Instant::now();
        self.writer
            .write_all(bytes)
            .and_then(|()| self.writer.flush())
            .map_err(|e| format!("write to the pty: {e}"))?;
        Ok(at)
    }

    /// The next chunk of output that arrives before `deadline`.
    fn next(&mut self, deadline: Instant) -> Option<(Instant, Vec<u8>)> {
        if let Some(chunk) = self.pending.take() {
            return Some(chunk);
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        self.chunks.recv_timeout(wait).ok()
    }

    fn process(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        // Answer a cursor position query, as a terminal would (vt100 does not).
        if bytes.windows(4).any(|w| w == b"\x1b[6n") {
            let (row, col) = self.parser.screen().cursor_position();
            let answer = format!("\x1b[{};{}R", row + 1, col + 1);
            let _ = self.writer.write_all(answer.as_bytes());
        }
    }

    /// Reads until `done` holds for the screen, at most until `deadline`; returns when the
    /// chunk that made it hold arrived, and the bytes read.
    fn read_until(
        &mut self,
        deadline: Instant,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> Option<(Instant, usize)> {
        let mut bytes = 0;
        if done(self.screen()) {
            return Some((Instant::now(), 0));
        }
        while let Some((at, chunk)) = self.next(deadline) {
            bytes += chunk.len();
            self.process(&chunk);
            if done(self.screen()) {
                return Some((at, bytes));
            }
        }
        None
    }

    /// Reads the rest of a burst that was going on at `last`: chunks that follow each other
    /// within [`GAP`], at most until `cap`. Returns when its last chunk arrived, and its bytes.
    fn burst(&mut self, mut last: Instant, cap: Instant) -> (Instant, usize) {
        let mut bytes = 0;
        loop {
            let deadline = (last + GAP).min(cap);
            let Some((at, chunk)) = self.next(deadline) else {
                return (last, bytes);
            };
            if at > last + GAP {
                self.pending = Some((at, chunk));
                return (last, bytes);
            }
            bytes += chunk.len();
            self.process(&chunk);
            last = at;
        }
    }

    /// Reads whatever comes for `span`; returns the bytes.
    fn read_for(&mut self, span: Duration) -> usize {
        let end = Instant::now() + span;
        let mut bytes = 0;
        while let Some((_, chunk)) = self.next(end) {
            bytes += chunk.len();
            self.process(&chunk);
        }
        bytes
    }

    /// An error that says what was on screen.
    fn failure(&self, why: &str) -> String {
        let log = self
            .log
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        format!(
            "{why}\n----- screen -----\n{}\n----- log -----\n{log}",
            self.screen().contents()
        )
    }

    fn kill(&mut self) {
        let _ = std::process::Command::new("kill")
            .arg("-KILL")
            .arg(self.pid.to_string())
            .status();
        let _ = self.child.wait();
        let _ = &self.master;
    }
}

/// The table of measures, in Markdown.
pub fn table(measures: &[Measure]) -> String {
    let mut out = String::from(
        "| program | data | terminal | first frame | key p50 | key p95 | bytes/key | peak memory | idle: bytes, CPU, wake-ups/s | keys |\n\
         | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for m in measures {
        let case = m.case;
        let data = match case.long_line {
            Some(n) => format!(
                "{}, one line of {} characters",
                case.data.label(),
                thousands(n)
            ),
            None => case.data.label().to_string(),
        };
        let idle = format!(
            "{} B, {}, {}",
            thousands(m.idle_bytes),
            m.idle_cpu_percent()
                .map_or("–".into(), |p| format!("{p:.2} %")),
            m.idle_wakes_per_second()
                .map_or("–".into(), |w| format!("{w:.1}"))
        );
        let keys = if m.unanswered > 0 {
            format!("{} ({} unanswered)", m.latencies.len(), m.unanswered)
        } else {
            m.latencies.len().to_string()
        };
        out.push_str(&format!(
            "| {} | {data} | {}x{} | {} | {} | {} | {} | {} | {idle} | {keys} |\n",
            case.program.label(),
            case.cols,
            case.rows,
            ms(Some(m.first_frame)),
            ms(m.p50()),
            ms(m.p95()),
            m.bytes_per_key().map_or("–".into(), thousands),
            m.peak_kib
                .map_or("–".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0)),
        ));
    }
    out
}

/// The ratios copilnum / vim, size by size, on the same data.
pub fn ratios(measures: &[Measure]) -> String {
    let mut out = String::from(
        "| data, terminal | key p50 copilnum/vim | key p95 copilnum/vim | first frame copilnum/vim | peak memory copilnum/vim |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    let mut any = false;
    for vim in measures.iter().filter(|m| m.case.program == Program::Vim) {
        for program in [Program::Copilnum, Program::Baseline] {
            let Some(ours) = measures.iter().find(|m| {
                m.case.program == program
                    && m.case.long_line.is_none()
                    && (m.case.data, m.case.cols, m.case.rows)
                        == (vim.case.data, vim.case.cols, vim.case.rows)
            }) else {
                continue;
            };
            any = true;
            let ratio = |a: Option<Duration>, b: Option<Duration>| match (a, b) {
                (Some(a), Some(b)) if !b.is_zero() => {
                    format!("{:.2}", a.as_secs_f64() / b.as_secs_f64())
                }
                _ => "–".into(),
            };
            let memory = match (ours.peak_kib, vim.peak_kib) {
                (Some(a), Some(b)) if b > 0 => format!("{:.2}", a as f64 / b as f64),
                _ => "–".into(),
            };
            let which = if program == Program::Baseline {
                " (baseline)"
            } else {
                ""
            };
            out.push_str(&format!(
                "| {}, {}x{}{which} | {} | {} | {} | {memory} |\n",
                vim.case.data.label(),
                vim.case.cols,
                vim.case.rows,
                ratio(ours.p50(), vim.p50()),
                ratio(ours.p95(), vim.p95()),
                ratio(Some(ours.first_frame), Some(vim.first_frame)),
            ));
        }
    }
    if any { out } else { String::new() }
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("–".into(), |d| {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    })
}

/// 12345 as "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
