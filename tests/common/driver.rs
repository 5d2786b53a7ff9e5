//! The application driven headless on the sample committee, as the runtime would drive it:
//! every meeting read and the history built, saves that succeed at once, screens rendered
//! into a `TestBackend`.

use std::sync::Arc;
use std::time::Instant;

use copilnum::app::history::History;
use copilnum::app::home::MeetingSummary;
use copilnum::app::meeting::MeetingScreen;
use copilnum::app::{App, Clock, Effect, Msg, SaveReport, SaveRequest, Screen, Session};
use copilnum::catalog::Catalog;
use copilnum::sample::{self, Sample};
use copilnum::store::Saved;
use crossterm::event::KeyEvent;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::keys::typed;

/// The tests' clock: [`super::today`] at 14:05.
pub fn clock() -> Clock {
    Clock {
        now: Instant::now(),
        wall: super::today().and_hms_opt(14, 5, 0).unwrap(),
    }
}

/// The sample committee on its home screen, every meeting read and the history built;
/// read-only ("ouvert ailleurs") if asked.
pub fn app(read_only: bool) -> App {
    app_from(
        sample::sample(super::today()),
        read_only.then_some("ouvert ailleurs"),
    )
}

/// A committee on its home screen, every meeting read and the history built; read-only for
/// that reason if one is given.
pub fn app_from(s: Sample, read_only: Option<&str>) -> App {
    let meetings = s
        .meetings
        .iter()
        .rev()
        .map(|(id, m)| MeetingSummary::of(*id, m))
        .collect();
    let session = Session {
        committee: s.committee,
        catalog: Catalog::builtin(),
        meetings,
        read_only: read_only.map(str::to_string),
        folder: "comite".into(),
    };
    let mut app = App::new(session, clock());
    // As the runtime does once every meeting is read.
    let history = History::build(
        s.meetings
            .iter()
            .map(|(id, m)| (*id, Arc::new(m.clone())))
            .collect(),
        Vec::new(),
    );
    app.update(Msg::HistoryBuilt(Box::new(history)));
    app
}

/// The runtime has read meeting `index` of the sample (0: the past one, 1: the next one);
/// saves asked for succeed at once, as in [`send`].
pub fn open(app: &mut App, index: usize) -> Vec<Effect> {
    let s = sample::sample(super::today());
    let (id, m) = s.meetings[index].clone();
    send(app, Msg::MeetingOpened(id, Ok(Box::new(m))))
}

/// Sends a message and plays the runtime's part for saves: they succeed, as they do in a
/// moment on a real disk, so that screens show the steady state. Returns the effects asked.
pub fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = app.update(msg);
    let mut saves: Vec<SaveRequest> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(request) => Some((**request).clone()),
            _ => None,
        })
        .collect();
    // A save that waited for the report of another is asked for with that report.
    while let Some(request) = saves.pop() {
        for effect in app.update(Msg::Saved(report(&request, None))) {
            if let Effect::Save(next) = effect {
                saves.push(*next);
            }
        }
    }
    effects
}

/// The report of a save: every file written, or every file failed with `error`.
pub fn report(request: &SaveRequest, error: Option<&str>) -> SaveReport {
    fn result<T>(error: Option<&str>) -> Result<Saved<T>, String> {
        error.map_or(Ok(Saved::InPlace), |e| Err(e.to_string()))
    }
    SaveReport {
        committee: request.committee.as_ref().map(|_| result(error)),
        meetings: request
            .meetings
            .iter()
            .map(|(id, _)| (*id, result(error)))
            .collect(),
    }
}

/// A key pressed, saves succeeding at once; returns the effects asked.
pub fn press(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    send(app, Msg::Key(key))
}

/// Text typed key by key (upper case with Shift, a line break as Entrée).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, typed(c));
    }
}

/// The open meeting.
pub fn screen(app: &App) -> &MeetingScreen {
    match &app.screen {
        Screen::Meeting(screen) => screen,
        _ => panic!("not in a meeting"),
    }
}

/// The open meeting, to change it as another copy would have.
pub fn screen_mut(app: &mut App) -> &mut MeetingScreen {
    match &mut app.screen {
        Screen::Meeting(screen) => screen,
        _ => panic!("not in a meeting"),
    }
}

/// How many saves these effects ask for.
pub fn saves(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Save(_)))
        .count()
}

/// The screen drawn at that size.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| copilnum::ui::render(app, frame))
        .unwrap();
    terminal
}

/// Everything the screen shows at that size, its rows one after the other.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    render(app, width, height)
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect()
}
