//! TUI benchmarks on the large fixture (`copilnum sample --large`: 200 members, 100 past
//! meetings, an upcoming meeting whose first item holds 5,000 lines of notes):
//! - `keystroke`: one key typed in the notes editor, handled by `App::update` and the whole
//!   screen rendered into a `TestBackend`, with the cursor at the end of the notes and in their
//!   middle (target: under 1 ms);
//! - `first_frame`: what `copilnum --dir DIR` does before its first frame — open the store,
//!   read the catalogue and the committee, list the meetings — and that frame (target: 20 ms).
//!
//! Run with `cargo bench --bench tui`.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use chrono::NaiveDate;
use copilnum::app::{App, Clock, Msg};
use copilnum::store::{self, Store};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
    if let Some(dir) = FIXTURE.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

static FIXTURE: OnceLock<PathBuf> = OnceLock::new();

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// The large fixture on disk, written once (under target/, not a tmpfs).
fn fixture() -> &'static PathBuf {
    FIXTURE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bench-tui-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = copilnum::sample::large(today());
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

/// What the runtime does before its first frame.
fn open(dir: &std::path::Path) -> App {
    let mut store = Store::open_read_only(dir, "bench");
    copilnum::tui::first_app(&mut store, dir, None, clock()).unwrap()
}

/// The app with the upcoming meeting open and the keyboard in its 5,000-line notes.
fn in_notes(middle: bool) -> App {
    let dir = fixture();
    let mut app = open(dir);
    let mut store = Store::open_read_only(dir, "bench");
    let id = *store.meeting_ids().unwrap().last().unwrap();
    let meeting = store.load_meeting(id).unwrap();
    assert_eq!(meeting.agenda[0].notes.lines().count(), 5000);
    app.update(Msg::MeetingOpened(id, Ok(Box::new(meeting))));
    app.update(Msg::Key(KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE)));
    if middle {
        for _ in 0..2500 {
            app.update(Msg::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)));
        }
    }
    app
}

#[divan::bench(args = [(80, 24), (160, 45), (240, 67)], sample_count = 200)]
fn keystroke_at_the_end(bencher: Bencher, (width, height): (u16, u16)) {
    keystroke(bencher, width, height, false);
}

#[divan::bench(args = [(80, 24), (160, 45), (240, 67)], sample_count = 200)]
fn keystroke_in_the_middle(bencher: Bencher, (width, height): (u16, u16)) {
    keystroke(bencher, width, height, true);
}

fn keystroke(bencher: Bencher, width: u16, height: u16, middle: bool) {
    let mut app = in_notes(middle);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| copilnum::ui::render(&app, f)).unwrap();
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        // Type a letter, and now and then a line break, as a secretary does.
        let code = if n.is_multiple_of(40) {
            KeyCode::Enter
        } else {
            KeyCode::Char('é')
        };
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        terminal.draw(|f| copilnum::ui::render(&app, f)).unwrap();
    });
}

#[divan::bench(sample_count = 50)]
fn first_frame(bencher: Bencher) {
    let dir = fixture();
    bencher.bench_local(|| {
        let app = open(dir);
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
        terminal.draw(|f| copilnum::ui::render(&app, f)).unwrap();
        terminal
    });
}

/// Where a keystroke's time goes: the update alone, and the render alone.
mod parts {
    use super::*;

    #[divan::bench(sample_count = 200)]
    fn update_only(bencher: Bencher) {
        let mut app = in_notes(false);
        bencher.bench_local(|| {
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::Char('é'),
                KeyModifiers::NONE,
            )))
        });
    }

    #[divan::bench(args = [(80, 24), (160, 45), (240, 67)], sample_count = 200)]
    fn render_only(bencher: Bencher, (width, height): (u16, u16)) {
        let app = in_notes(false);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        bencher.bench_local(|| {
            terminal
                .draw(|f| copilnum::ui::render(&app, f))
                .unwrap()
                .area
        });
    }
}
