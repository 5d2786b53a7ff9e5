//! The application driven headless on the sample committee, as the runtime would drive it:
//! every meeting read and the history built, saves that succeed at once, screens rendered
//! into a `TestBackend`.

use std::sync::Arc;
use std::time::Instant;

use copilnum::app::history::History;
use copilnum::app::home::MeetingSummary;
use copilnum::app::{App, Clock, Effect, Msg, SaveReport, Session};
use copilnum::catalog::Catalog;
use copilnum::sample;
use copilnum::store::Saved;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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
    let s = sample::sample(super::today());
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
        read_only: read_only.then(|| "ouvert ailleurs".to_string()),
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

/// The runtime has read meeting `index` of the sample (0: the past one, 1: the next one).
pub fn open(app: &mut App, index: usize) -> Vec<Effect> {
    let s = sample::sample(super::today());
    let (id, m) = s.meetings[index].clone();
    app.update(Msg::MeetingOpened(id, Ok(Box::new(m))))
}

/// Sends a message and plays the runtime's part for saves: they succeed, as they do in a
/// moment on a real disk, so that screens show the steady state. Returns the effects asked.
pub fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = app.update(msg);
    for effect in &effects {
        if let Effect::Save(request) = effect {
            let report = SaveReport {
                committee: request.committee.as_ref().map(|_| Ok(Saved::InPlace)),
                meetings: request
                    .meetings
                    .iter()
                    .map(|(id, _)| (*id, Ok(Saved::InPlace)))
                    .collect(),
            };
            app.update(Msg::Saved(report));
        }
    }
    effects
}

/// The screen drawn at that size.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| copilnum::ui::render(app, frame))
        .unwrap();
    terminal
}
