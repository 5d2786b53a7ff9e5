//! What the runtime tells the application goes through `update` as messages: the frame drawn,
//! a recovered session, a warning, the journal and the autosave coming due, the closing save.

mod common;

use common::driver::{self, saves};
use common::keys::{fkey, key, typed};
use copilnum::app::notes::Pos;
use copilnum::app::{App, Drawn, Effect, Level, Msg};
use crossterm::event::KeyCode;

fn in_notes() -> App {
    let mut app = driver::app(false);
    driver::open(&mut app, 1);
    app.update(Msg::Key(fkey(3)));
    app
}

fn cursor_line(app: &App) -> usize {
    driver::screen(app).editor().expect("the notes").cursor().0
}

#[test]
fn the_notes_page_by_what_the_last_frame_showed() {
    let page_from_top = |drawn: Option<Drawn>| {
        let mut app = in_notes();
        for _ in 0..30 {
            app.update(Msg::Key(typed('a')));
            app.update(Msg::Key(typed('\n')));
        }
        for _ in 0..40 {
            app.update(Msg::Key(key(KeyCode::Up)));
        }
        let top = cursor_line(&app);
        if let Some(drawn) = drawn {
            app.update(Msg::Drawn(drawn));
        }
        app.update(Msg::Key(key(KeyCode::PageDown)));
        cursor_line(&app) - top
    };
    assert_eq!(page_from_top(None), 1, "before any frame, one line");
    let shown = Drawn {
        scroll: None,
        notes: Some(((40, 6), Pos { line: 0, at: 0 })),
    };
    assert_eq!(
        page_from_top(Some(shown)),
        5,
        "a page of six rows moves by five"
    );
}

#[test]
fn the_autosave_and_the_journal_come_due_as_messages() {
    let mut app = in_notes();
    assert!(app.update(Msg::SaveDue).is_empty(), "nothing to write yet");
    app.update(Msg::Key(typed('x')));
    let now = driver::clock().now;
    let journaled = app.update(Msg::JournalDue(now));
    assert!(
        matches!(journaled.as_slice(), [Effect::Journal(j)] if !j.0.is_empty()),
        "{journaled:?}"
    );
    assert!(app.update(Msg::JournalDue(now)).is_empty(), "told once");
    assert_eq!(saves(&app.update(Msg::SaveDue)), 1);
    assert!(app.update(Msg::SaveDue).is_empty(), "written once");
}

#[test]
fn closing_saves_everything_after_a_late_write_or_a_panic_and_nothing_otherwise() {
    for (late, panicked, expected) in [(false, false, 0), (true, false, 1), (false, true, 1)] {
        let mut app = in_notes();
        let effects = app.update(Msg::Closing { late, panicked });
        assert_eq!(
            saves(&effects),
            expected,
            "late {late}, panicked {panicked}"
        );
        if let [Effect::Save(request)] = effects.as_slice() {
            assert!(request.committee.is_some() && request.meetings.len() == 1);
        }
    }
}

#[test]
fn a_warning_goes_to_the_status_line() {
    let mut app = in_notes();
    app.update(Msg::Warned("réunion illisible".into()));
    assert_eq!(app.status.level, Level::Warning);
    assert_eq!(app.status.text, "réunion illisible");
}

#[test]
fn a_recovered_session_says_so_and_opens_its_last_meeting() {
    let mut app = driver::app(false);
    let id = copilnum::sample::sample(common::today()).meetings[1].0;
    let effects = app.update(Msg::Recovered {
        meetings: vec![id],
        draft: None,
        copies: 1,
    });
    assert_eq!(effects, vec![Effect::OpenMeeting(id)]);
    assert_eq!(app.status.level, Level::Warning, "a part went to conflits/");
    assert!(app.status.text.contains("conflits/"), "{}", app.status.text);
}
