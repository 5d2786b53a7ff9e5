//! The terminal runtime: sets the terminal up and restores it, runs the event loop, carries
//! out the application's effects (saves on a background thread, so typing never waits for the
//! disk), and keeps what was typed through signals, a lost terminal and panics.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, KeyEventKind};

use crate::app::home::MeetingSummary;
use crate::app::{App, Clock, Effect, Msg, SaveReport, SaveRequest, Session};
use crate::frames::{self, Canvas, Change};
use crate::model::prepare::{MeetingPlan, prepare, previous_of};
use crate::model::{Meeting, MeetingId};
use crate::store::{self, Store, StoreError};
use crate::terminal::{self, Input, Screen, say};

/// How often the clock ticks (countdowns, meeting clock, autosave).
const TICK: Duration = Duration::from_millis(250);

/// What reaches the event loop.
enum Event {
    /// From the terminal or a signal.
    Input(Input),
    /// A save finished.
    Saved(SaveReport),
}

impl From<Input> for Event {
    fn from(input: Input) -> Event {
        Event::Input(input)
    }
}

/// Why the loop ended.
enum End {
    /// The user quit.
    Quit,
    /// A signal or a lost terminal: save before touching the terminal.
    Interrupted(String),
}

/// Opens the TUI on a committee folder (created if missing). Returns the exit code, or a
/// French message for errors met before the terminal is taken.
pub fn run(dir: &Path) -> Result<ExitCode, String> {
    if !dir.exists() {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(dir, "dossier impossible à créer", e).to_string())?;
    }
    let (mut store, read_only) = match Store::open(dir) {
        Ok(store) => (store, None),
        Err(e @ StoreError::Locked { .. }) => (
            Store::open_read_only(dir, "ouvert ailleurs"),
            Some(e.to_string()),
        ),
        Err(e) => return Err(e.to_string()),
    };
    let mut app = first_app(&mut store, dir, read_only.map(|m| short_reason(&m)), now())?;
    crate::logging::init();
    tracing::info!(dir = %dir.display(), "ouverture");
    let runtime = Runtime::start(dir, store);
    Ok(runtime.drive(&mut app))
}

/// The application as its first frame shows it: the committee with its meetings known by name
/// only (their summaries come from a background thread), or the onboarding form for an empty
/// folder. Everything before the first frame is here, so the benchmark measures exactly it.
pub fn first_app(
    store: &mut Store,
    dir: &Path,
    read_only: Option<String>,
    clock: Clock,
) -> Result<App, String> {
    let catalog = store.load_catalog().map_err(|e| e.to_string())?;
    let folder = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match store.load_committee() {
        Ok(committee) => {
            let ids = store.meeting_ids().map_err(|e| e.to_string())?;
            let meetings = ids.into_iter().rev().map(MeetingSummary::unread).collect();
            Ok(App::new(
                Session {
                    committee,
                    catalog,
                    meetings,
                    read_only,
                    folder,
                },
                clock,
            ))
        }
        Err(StoreError::NoCommittee { .. }) if read_only.is_none() => {
            Ok(App::onboarding(catalog, folder, clock))
        }
        Err(e) => Err(e.to_string()),
    }
}

fn short_reason(message: &str) -> String {
    message
        .split(". Il est ouvert")
        .next()
        .unwrap_or(message)
        .to_string()
}

fn now() -> Clock {
    Clock {
        now: Instant::now(),
        wall: chrono::Local::now().naive_local(),
    }
}

/// The threads and channels around the application.
struct Runtime {
    dir: PathBuf,
    store: Arc<Mutex<Store>>,
    events: Receiver<Event>,
    saves: Option<Sender<SaveRequest>>,
    saver: Option<JoinHandle<()>>,
    summaries: Option<JoinHandle<Vec<MeetingSummary>>>,
    /// The summaries are read after the first frame, so as not to delay it.
    summaries_started: bool,
}

impl Runtime {
    fn start(dir: &Path, store: Store) -> Runtime {
        let (tx, events) = mpsc::channel();
        terminal::spawn_input(tx.clone());
        terminal::spawn_signals(tx.clone());
        let store = Arc::new(Mutex::new(store));
        let (saves, requests) = mpsc::channel();
        let saver = {
            let store = Arc::clone(&store);
            std::thread::spawn(move || save_loop(&store, &requests, &tx))
        };
        Runtime {
            dir: dir.to_path_buf(),
            store,
            events,
            saves: Some(saves),
            saver: Some(saver),
            summaries: None,
            summaries_started: false,
        }
    }

    /// Runs the application until it quits, then saves and restores the terminal.
    fn drive(mut self, app: &mut App) -> ExitCode {
        let mut terminal = match terminal::setup() {
            Ok(t) => t,
            Err(e) => {
                say(&format!("terminal inutilisable ({e})"));
                return ExitCode::FAILURE;
            }
        };
        let end = catch_unwind(AssertUnwindSafe(|| self.event_loop(app, &mut terminal)));
        let (end, panicked) = match end {
            Ok(end) => (end, false),
            Err(_) => (End::Interrupted("erreur interne".into()), true),
        };
        // Save first: after a SIGHUP the terminal may be gone and touching it may block or fail.
        let saved = self.final_save(app, panicked);
        terminal::restore(terminal);
        if let End::Interrupted(why) = &end {
            tracing::warn!(why, "arrêt");
        }
        if panicked {
            say("erreur interne. Le terminal a été rétabli ; vos notes ont été enregistrées.");
        }
        match saved {
            Ok(copies) => {
                for copy in copies {
                    say(&format!("copie de secours écrite dans {}", copy.display()));
                }
                if panicked {
                    ExitCode::from(101)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(message) => {
                say(&message);
                ExitCode::FAILURE
            }
        }
    }

    fn event_loop(&mut self, app: &mut App, terminal: &mut Screen) -> End {
        let mut next_tick = Instant::now();
        // Frames are drawn when something changed, and only what changed when it is the notes.
        let mut canvas = Canvas::default();
        let mut change = Change::Everything;
        loop {
            if self.summaries.as_ref().is_some_and(JoinHandle::is_finished) {
                self.apply_summaries(app);
                change = Change::Everything;
            }
            match frames::paint(app, terminal, &mut canvas, change) {
                Ok(Some(drawn)) => {
                    if let Some(limits) = drawn.area.and_then(|a| crate::ui::scroll_limits(app, a))
                    {
                        app.fit_scroll(limits);
                    }
                    if let Some(notes) = drawn.notes {
                        app.fit_notes(notes.size, notes.top);
                    }
                }
                Ok(None) => {}
                Err(e) => return End::Interrupted(format!("terminal perdu : {e}")),
            }
            change = Change::Nothing;
            self.start_summaries();
            let wait = next_tick.saturating_duration_since(Instant::now());
            let first = match self.events.recv_timeout(wait) {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    return End::Interrupted("plus d'évènements".into());
                }
            };
            let batch: Vec<Event> = first.into_iter().chain(self.events.try_iter()).collect();
            for event in batch {
                let msg = match event {
                    Event::Input(Input::Event(TermEvent::Key(key)))
                        if key.kind != KeyEventKind::Release =>
                    {
                        Msg::Key(key)
                    }
                    Event::Input(Input::Event(TermEvent::Paste(text))) => Msg::Paste(text),
                    Event::Input(Input::Event(TermEvent::Resize(..))) => {
                        // Some terminals keep stale cells after a resize: redraw everything.
                        terminal::redraw_all(terminal);
                        change = Change::Everything;
                        continue;
                    }
                    Event::Input(Input::Event(_)) => continue,
                    Event::Saved(report) => Msg::Saved(report),
                    Event::Input(Input::Lost(why)) => return End::Interrupted(why),
                    Event::Input(Input::Signal(signal)) => {
                        return End::Interrupted(format!("signal {signal}"));
                    }
                };
                change = change.max(change_of(app, &msg));
                let effects = app.update(msg);
                self.carry_out(app, effects);
            }
            let clock = now();
            if clock.now >= next_tick {
                app.update(Msg::Tick(clock));
                next_tick = clock.now + TICK;
            }
            if app.save_due(clock.now)
                && let Some(request) = app.save_request()
            {
                // The status line says it is saved.
                change = change.max(Change::Notes);
                self.send_save(request);
            }
            if app.quit {
                return End::Quit;
            }
        }
    }

    fn carry_out(&mut self, app: &mut App, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Save(request) => self.send_save(*request),
                Effect::OpenMeeting(id) => {
                    self.apply_summaries(app);
                    let result = self
                        .store
                        .lock()
                        .map_err(|_| "stockage indisponible".to_string())
                        .and_then(|mut s| {
                            s.load_meeting(id).map(Box::new).map_err(|e| e.to_string())
                        });
                    app.update(Msg::MeetingOpened(id, result));
                }
                Effect::CreateMeeting(plan) => {
                    self.apply_summaries(app);
                    match self.create_meeting(app, &plan) {
                        Ok((id, meeting, warning)) => {
                            app.update(Msg::MeetingOpened(id, Ok(Box::new(meeting))));
                            if let Some(warning) = warning {
                                app.status =
                                    crate::app::Status::new(crate::app::Level::Warning, warning);
                            }
                        }
                        Err(e) => {
                            let id = MeetingId::new(plan.date);
                            app.update(Msg::MeetingOpened(
                                id,
                                Err(format!("création de la réunion impossible : {e}")),
                            ));
                        }
                    }
                }
            }
        }
    }

    /// Starts reading the meetings' summaries on a thread of its own, once.
    fn start_summaries(&mut self) {
        if !self.summaries_started {
            self.summaries_started = true;
            let reader = self.dir.clone();
            self.summaries = Some(std::thread::spawn(move || read_summaries(&reader)));
        }
    }

    /// Waits for the summaries if they are being read, and gives them to the application.
    fn apply_summaries(&mut self, app: &mut App) {
        self.start_summaries();
        if let Some(handle) = self.summaries.take()
            && let Ok(summaries) = handle.join()
        {
            app.update(Msg::Summaries(summaries));
        }
    }

    /// Creates a meeting: its name, its agenda (the seed's for the first meeting, the follow-up
    /// one after), the previous meeting's objectives to evaluate; saved, then returned with a
    /// warning if the previous meeting could not be read (the meeting is created all the same).
    fn create_meeting(
        &self,
        app: &App,
        plan: &MeetingPlan,
    ) -> Result<(MeetingId, Meeting, Option<String>), String> {
        let mut store = self
            .store
            .lock()
            .map_err(|_| "stockage indisponible".to_string())?;
        let ids = store.meeting_ids().map_err(|e| e.to_string())?;
        let id = MeetingId::free_on(plan.date, &ids);
        let previous_id = previous_of(id, &ids);
        let (previous, warning) = match previous_id.map(|prev| store.load_meeting(prev)) {
            None => (None, None),
            Some(Ok(meeting)) => (Some(meeting), None),
            Some(Err(e)) => (
                None,
                Some(format!(
                    "réunion précédente illisible, ses objectifs ne sont pas repris à évaluer ({e})"
                )),
            ),
        };
        let agenda = app.session.catalog.agenda_for(previous_id.is_none());
        let meeting = prepare(plan, agenda, previous.as_ref());
        store
            .save_meeting(id, &meeting)
            .map_err(|e| e.to_string())?;
        Ok((id, meeting, warning))
    }

    fn send_save(&self, request: SaveRequest) {
        if let Some(saves) = &self.saves {
            let _ = saves.send(request);
        }
    }

    /// Waits for the saves under way, then writes what is left, synchronously. If that fails,
    /// or after a panic, emergency copies are written; their paths are returned.
    fn final_save(&mut self, app: &mut App, panicked: bool) -> Result<Vec<PathBuf>, String> {
        self.saves = None;
        if let Some(saver) = self.saver.take() {
            let _ = saver.join();
        }
        for event in self.events.try_iter() {
            if let Event::Saved(report) = event {
                app.update(Msg::Saved(report));
            }
        }
        app.unsaved.retry_at = None;
        let snapshot = catch_unwind(AssertUnwindSafe(|| {
            app.unsaved.committee |= panicked;
            app.unsaved.meeting |= panicked;
            app.save_request()
        }))
        .ok()
        .flatten();
        let Some(request) = snapshot else {
            return Ok(Vec::new());
        };
        let report = match self.store.lock() {
            Ok(store) => write(store, &request),
            Err(poisoned) => write(poisoned.into_inner(), &request),
        };
        let mut reasons: Vec<String> = report
            .committee
            .iter()
            .filter_map(|r| r.clone().err())
            .collect();
        reasons.extend(report.meetings.iter().filter_map(|(_, r)| r.clone().err()));
        if reasons.is_empty() && !panicked {
            return Ok(Vec::new());
        }
        let mut copies = Vec::new();
        if let Some(committee) = &request.committee {
            copies.push(
                store::emergency_copy(&self.dir, "comite", &store::committee_text(committee))
                    .map_err(|e| e.to_string())?,
            );
        }
        for (id, meeting) in &request.meetings {
            copies.push(
                store::emergency_copy(
                    &self.dir,
                    &id.to_string(),
                    &store::meeting_text(*id, meeting),
                )
                .map_err(|e| e.to_string())?,
            );
        }
        if !reasons.is_empty() {
            let list = copies
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "dernier enregistrement impossible ({}) ; tout ce qui a été saisi est dans {list}",
                reasons.join(" ; ")
            ));
        }
        Ok(copies)
    }
}

/// What a message changes on screen: keys typed or pasted in the notes change the notes and
/// the status line; anything else may change anything.
fn change_of(app: &App, msg: &Msg) -> Change {
    use crate::app::keymap::{self, Context};
    let typing = app.context() == Context::MeetingEditor;
    match msg {
        Msg::Key(key) if typing && keymap::command(Context::MeetingEditor, key).is_none() => {
            Change::Notes
        }
        Msg::Paste(_) if typing => Change::Notes,
        _ => Change::Everything,
    }
}

/// The saver thread: writes each request, reports, and waits for the next.
fn save_loop(store: &Mutex<Store>, requests: &Receiver<SaveRequest>, events: &Sender<Event>) {
    while let Ok(request) = requests.recv() {
        let report = match store.lock() {
            Ok(store) => write(store, &request),
            Err(poisoned) => write(poisoned.into_inner(), &request),
        };
        if let Some(Err(e)) = &report.committee {
            tracing::error!(error = %e, "enregistrement du comité");
        }
        for (id, result) in &report.meetings {
            if let Err(e) = result {
                tracing::error!(%id, error = %e, "enregistrement de la réunion");
            }
        }
        let _ = events.send(Event::Saved(report));
    }
}

fn write(mut store: std::sync::MutexGuard<'_, Store>, request: &SaveRequest) -> SaveReport {
    SaveReport {
        committee: request
            .committee
            .as_ref()
            .map(|c| store.save_committee(c).map_err(|e| e.to_string())),
        meetings: request
            .meetings
            .iter()
            .map(|(id, m)| (*id, store.save_meeting(*id, m).map_err(|e| e.to_string())))
            .collect(),
    }
}

/// Reads every meeting of the folder into summaries (on its own thread, with its own
/// read-only store, so the first frame does not wait for it), one meeting at a time: a
/// thousand meetings are never all in memory at once.
fn read_summaries(dir: &Path) -> Vec<MeetingSummary> {
    let mut store = Store::open_read_only(dir, "lecture des réunions");
    let Ok(ids) = store.meeting_ids() else {
        return Vec::new();
    };
    ids.into_iter()
        .map(|id| match store.load_meeting(id) {
            Ok(m) => MeetingSummary::of(id, &m),
            Err(e) => MeetingSummary::broken(id, e.to_string()),
        })
        .collect()
}
