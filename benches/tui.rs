//! TUI benchmarks on the large fixture (`copilnum sample --large`: 200 members, 100 past
//! meetings, 5,000 lines of notes in the upcoming meeting's first item) and on the one ten times
//! larger (`--huge`: 2,000 members, 1,000 past meetings, 50,000 lines), at 80x24 and 240x67:
//! - `screen`: each screen drawn whole into a `TestBackend` (home, roster, the meeting with the
//!   keyboard in the notes, attendance, objectives, review, projection, help);
//! - `keystroke`: a key typed in the notes as the runtime handles it — `App::update`, then the
//!   frame where only the notes changed (`ui::notes_frame`: notes pane and status line drawn
//!   again, the cells that differ found); at the end of the notes and in their middle;
//! - `open`: what `copilnum --dir DIR` does before its first frame, and that frame;
//! - `autosave`: the largest meeting saved a second after a key: what the event loop does
//!   (`App::save_request`) and what the saver thread does (`Store::save_meeting`).
//!
//! Run with `cargo bench --bench tui` (one group: `cargo bench --bench tui -- keystroke`).
//! Every figure should stay flat from `--large` to `--huge`, and grow at most with the screen.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use chrono::NaiveDate;
use copilnum::app::home::MeetingSummary;
use copilnum::app::{App, Clock, Msg};
use copilnum::store::{self, Store};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn main() {
    divan::main();
    for fixture in FIXTURES.iter().filter_map(OnceLock::get) {
        let _ = std::fs::remove_dir_all(fixture);
    }
}

/// Which committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Large,
    Huge,
}

static FIXTURES: [OnceLock<PathBuf>; 2] = [OnceLock::new(), OnceLock::new()];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// The fixture on disk, written once (under target/, not a tmpfs).
fn fixture(kind: Kind) -> &'static PathBuf {
    FIXTURES[kind as usize].get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bench-tui-{kind:?}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = match kind {
            Kind::Large => copilnum::sample::large(today()),
            Kind::Huge => copilnum::sample::huge(today()),
        };
        store::create(&dir, &s.committee, &s.meetings).unwrap();
        dir
    })
}

fn clock() -> Clock {
    Clock {
        now: Instant::now(),
        wall: today().and_hms_opt(14, 0, 0).unwrap(),
    }
}

/// A fixture at a terminal size.
#[derive(Debug, Clone, Copy)]
struct Case(Kind, u16, u16);

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}x{}", self.0, self.1, self.2)
    }
}

const CASES: [Case; 4] = [
    Case(Kind::Large, 80, 24),
    Case(Kind::Large, 240, 67),
    Case(Kind::Huge, 80, 24),
    Case(Kind::Huge, 240, 67),
];

/// What the runtime does before its first frame.
fn open(kind: Kind) -> App {
    let dir = fixture(kind);
    let mut store = Store::open_read_only(dir, "bench");
    copilnum::tui::first_app(&mut store, dir, None, clock()).unwrap()
}

/// The home screen with every meeting summarised, as after the first second.
fn home(kind: Kind) -> App {
    let mut app = open(kind);
    let mut store = Store::open_read_only(fixture(kind), "bench");
    let summaries = store
        .meeting_ids()
        .unwrap()
        .into_iter()
        .map(|id| MeetingSummary::of(id, &store.load_meeting(id).unwrap()))
        .collect();
    app.update(Msg::Summaries(summaries));
    app
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The upcoming meeting open, its first item's notes (5,000 or 50,000 lines) in the editor.
fn meeting(kind: Kind) -> App {
    let mut app = home(kind);
    let mut store = Store::open_read_only(fixture(kind), "bench");
    let id = *store.meeting_ids().unwrap().last().unwrap();
    let meeting = store.load_meeting(id).unwrap();
    app.update(Msg::MeetingOpened(id, Ok(Box::new(meeting))));
    app.update(key(KeyCode::F(3)));
    app
}

/// The screens, by the keys that lead to them.
#[derive(Debug, Clone, Copy)]
enum Screen {
    Home,
    Roster,
    Notes,
    Attendance,
    Objectives,
    Review,
    Projection,
    Help,
}

fn on(screen: Screen, kind: Kind) -> App {
    let mut app = match screen {
        Screen::Home | Screen::Roster => home(kind),
        _ => meeting(kind),
    };
    let keys: &[KeyCode] = match screen {
        Screen::Home | Screen::Notes => &[],
        Screen::Roster => &[KeyCode::F(6)],
        Screen::Attendance => &[KeyCode::F(2)],
        Screen::Objectives => &[KeyCode::F(4)],
        // The upcoming meeting opens on the review of the previous objectives: Tab to it.
        Screen::Review => &[KeyCode::Tab, KeyCode::Tab],
        Screen::Projection => &[KeyCode::F(5)],
        Screen::Help => &[KeyCode::F(1)],
    };
    for &code in keys {
        app.update(key(code));
    }
    app
}

fn draw(bencher: Bencher, app: &App, Case(_, width, height): Case) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|f| copilnum::ui::render(app, f))
            .unwrap()
            .area
    });
}

/// One benchmark per screen, each at every case.
macro_rules! screens {
    ($($name:ident => $screen:expr),* $(,)?) => {
        $(
            #[divan::bench(args = CASES, sample_count = 60)]
            fn $name(bencher: Bencher, case: Case) {
                draw(bencher, &on($screen, case.0), case);
            }
        )*
    };
}

/// Each screen drawn whole.
mod screen {
    use super::*;

    screens! {
        home => Screen::Home,
        roster => Screen::Roster,
        notes => Screen::Notes,
        attendance => Screen::Attendance,
        objectives => Screen::Objectives,
        review => Screen::Review,
        projection => Screen::Projection,
        help => Screen::Help,
    }
}

/// A key typed in the notes, handled as the runtime does: the update, then the frame of the
/// notes over the last whole frame.
mod keystroke {
    use super::*;

    fn typing(bencher: Bencher, case: Case, middle: bool) {
        let Case(kind, width, height) = case;
        let mut app = meeting(kind);
        if middle {
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::Home,
                KeyModifiers::CONTROL,
            )));
            let lines = kind_lines(kind);
            for _ in 0..lines / 2 {
                app.update(key(KeyCode::Down));
            }
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let mut last = Buffer::default();
        terminal
            .draw(|f| {
                copilnum::ui::render(&app, f);
                last = f.buffer_mut().clone();
            })
            .unwrap();
        let mut scratch = copilnum::ui::Scratch::default();
        let mut n = 0u32;
        bencher.bench_local(|| {
            n += 1;
            // A letter, and now and then a line break, as a secretary types.
            let code = if n.is_multiple_of(40) {
                KeyCode::Enter
            } else {
                KeyCode::Char('é')
            };
            app.update(key(code));
            let (cells, shown) = copilnum::ui::notes_frame(&app, &last, &mut scratch).unwrap();
            copilnum::ui::apply_cells(&mut last, &cells);
            app.fit_notes(shown.size, shown.top);
        });
    }

    fn kind_lines(kind: Kind) -> usize {
        match kind {
            Kind::Large => 5_000,
            Kind::Huge => 50_000,
        }
    }

    #[divan::bench(args = CASES, sample_count = 300)]
    fn at_the_end(bencher: Bencher, case: Case) {
        typing(bencher, case, false);
    }

    #[divan::bench(args = CASES, sample_count = 300)]
    fn in_the_middle(bencher: Bencher, case: Case) {
        typing(bencher, case, true);
    }
}

/// Opening the committee: what `copilnum --dir DIR` does before its first frame, and that frame.
#[divan::bench(args = [Kind::Large, Kind::Huge], sample_count = 40)]
fn open_the_committee(bencher: Bencher, kind: Kind) {
    fixture(kind);
    bencher.bench_local(|| {
        let app = open(kind);
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
        terminal.draw(|f| copilnum::ui::render(&app, f)).unwrap();
        terminal
    });
}

/// The largest meeting saved a second after a key.
mod autosave {
    use super::*;

    /// On the event loop's thread: the notes put back into the meeting, the copy sent.
    #[divan::bench(args = [Kind::Large, Kind::Huge], sample_count = 40)]
    fn request(bencher: Bencher, kind: Kind) {
        let mut app = meeting(kind);
        bencher.bench_local(|| {
            app.update(key(KeyCode::Char('a')));
            app.save_request()
        });
    }

    /// On the saver's thread: the meeting written (serialised, written, synced, renamed).
    #[divan::bench(args = [Kind::Large, Kind::Huge], sample_count = 20)]
    fn write(bencher: Bencher, kind: Kind) {
        let mut app = meeting(kind);
        app.update(key(KeyCode::Char('a')));
        let request = app.save_request().unwrap();
        let (id, meeting) = request.meetings.into_iter().next().unwrap();
        let mut store = Store::open(fixture(kind)).unwrap();
        // Read first, as the editor did: the save then replaces the file, not a conflict copy.
        store.load_meeting(id).unwrap();
        bencher.bench_local(|| store.save_meeting(id, &meeting).unwrap());
    }
}
