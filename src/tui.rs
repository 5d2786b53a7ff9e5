//! The terminal runtime: sets the terminal up and restores it, runs the event loop, carries
//! out the application's effects (saves on a background thread, so typing never waits for the
//! disk), and keeps what was typed through signals, a lost terminal and panics.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, KeyEventKind};

use crate::app::history::History;
use crate::app::home::MeetingSummary;
use crate::app::reconcile::{self, Comparison};
use crate::app::{App, Clock, Effect, Msg, SaveReport, SaveRequest, Session};
use crate::frames::{self, Canvas, Change, Pace};
use crate::inbox::{Inbox, Post};
use crate::model::prepare::{Handover, MeetingPlan, prepare, previous_of};
use crate::model::{Committee, Meeting, MeetingId};
use crate::present::watch::FileWatch;
use crate::store::{self, Saved, Store, StoreError, journal};
use crate::terminal::{self, Input, Screen, say};

/// How often the loop looks while the meetings' summaries are read (they are taken when
/// their thread ends). Otherwise it sleeps until something arrives or is due: the clock's next
/// minute, a running timer's next second, the autosave, the journal, a frame that waits.
const POLL: Duration = Duration::from_millis(250);

/// How often a read-only copy compares the file of the meeting it follows, in case its
/// changes bring no file event (network folders, some containers).
const POLL_FILES: Duration = Duration::from_secs(1);

/// The longest sleep: the clock the loop sleeps on stops while the laptop is suspended, and
/// the time on screen must be right a few seconds after its lid is opened again.
const LONGEST_SLEEP: Duration = Duration::from_secs(5);

/// What reaches the event loop.
enum Event {
    /// From the terminal or a signal.
    Input(Input),
    /// A save finished.
    Saved(SaveReport),
    /// An export finished.
    Exported(Result<crate::export::Exported, String>),
    /// The history was rebuilt.
    History(Box<History>),
    /// A watched file may have changed.
    Wake,
}

impl From<crate::present::watch::Wake> for Event {
    fn from(_: crate::present::watch::Wake) -> Event {
        Event::Wake
    }
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

/// Opens the TUI on a committee folder. Returns the exit code, or a French message for errors
/// met before the terminal is taken. A folder without a committee (or no folder at all) gets
/// the onboarding, and nothing is created in it — no folder, no lock — until the committee is.
pub fn run(dir: &Path) -> Result<ExitCode, String> {
    let (mut store, read_only) = open_store(dir)?;
    crate::logging::init();
    // What an interrupted session journaled is saved before anything is shown.
    let recovered = store.recover().unwrap_or_else(|e| {
        tracing::error!(error = %e, "journal");
        None
    });
    let mut app = first_app(&mut store, dir, read_only, now())?;
    tracing::info!(dir = %dir.display(), "ouverture");
    let mut runtime = match Runtime::start(dir, store) {
        Ok(runtime) => runtime,
        Err(e) => return Ok(crate::output::terminal_unusable(&e)),
    };
    if let Some(r) = recovered {
        runtime.initial = app.update(Msg::Recovered {
            meetings: r.meetings,
            draft: r.draft,
            copies: r.copies.len(),
        });
    }
    Ok(runtime.drive(&mut app))
}

/// The store of the folder: its editor's, or a reader's with the reason when another copilnum
/// edits it or nothing can be written in it. Without a committee yet, a reader's, which
/// creates nothing: [`create_committee`] opens the folder as its editor once it exists.
fn open_store(dir: &Path) -> Result<(Store, Option<String>), String> {
    let committee = store::Layout::new(dir).committee();
    if matches!(std::fs::metadata(&committee), Err(e) if e.kind() == std::io::ErrorKind::NotFound) {
        return Ok((Store::open_read_only(dir, "comité pas encore créé"), None));
    }
    match Store::open(dir) {
        Ok(store) => Ok((store, None)),
        Err(e) => match e.read_only_reason() {
            Some(reason) => Ok((Store::open_read_only(dir, &reason), Some(reason))),
            None => Err(e.to_string()),
        },
    }
}

/// Creates the committee of the onboarding: a missing folder is created with it in one step;
/// in an existing folder the lock is taken first, then the file written. Returns the store,
/// now the folder's editor, with the committee read back (so that the next save knows it).
fn create_committee(dir: &Path, committee: &Committee) -> Result<Store, String> {
    let missing = matches!(std::fs::symlink_metadata(dir), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
    if missing {
        store::create(dir, committee, &[]).map_err(|e| e.to_string())?;
    }
    let mut editor = Store::open(dir).map_err(|e| match e.read_only_reason() {
        Some(reason) => reason,
        None => e.to_string(),
    })?;
    if !missing {
        match editor.load_committee() {
            Err(StoreError::NoCommittee { .. }) => {}
            Ok(_) => {
                return Err(
                    "un comité a été créé entre-temps dans ce dossier ; relancez copilnum pour l'ouvrir"
                        .into(),
                );
            }
            Err(e) => return Err(e.to_string()),
        }
        editor
            .save_committee(committee)
            .map_err(|e| e.to_string())?;
    }
    editor.load_committee().map_err(|e| e.to_string())?;
    Ok(editor)
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
    let (committee, ids) = store.load_committee_and_meeting_ids();
    match committee {
        Ok(committee) => {
            let ids = ids.map_err(|e| e.to_string())?;
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
        // No folder yet: the onboarding creates it with the committee.
        Err(StoreError::Io { source, .. })
            if read_only.is_none() && source.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(App::onboarding(catalog, folder, clock))
        }
        Err(e) => Err(e.to_string()),
    }
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
    /// Where the loop waits for keys and for the other threads.
    inbox: Inbox<Event>,
    saves: Option<Sender<SaveRequest>>,
    saver: Option<JoinHandle<()>>,
    /// Where the export threads report.
    exports: Post<Event>,
    summaries: Option<JoinHandle<(Vec<MeetingSummary>, History)>>,
    /// The summaries are read after the first frame, so as not to delay it.
    summaries_started: bool,
    /// What the application asked for before the loop started (reopening after a crash).
    initial: Vec<Effect>,
    /// The journal's thread, and how to reach it.
    journal: Option<Sender<journal::Message>>,
    journal_thread: Option<JoinHandle<()>>,
    /// In a read-only copy, the file of the meeting shown, watched to follow its editor.
    followed: Option<(MeetingId, FileWatch)>,
}

impl Runtime {
    fn start(dir: &Path, store: Store) -> std::io::Result<Runtime> {
        let inbox = Inbox::new()?;
        let tx = inbox.post();
        terminal::spawn_signals(tx.clone());
        let (journal, journal_rx) = mpsc::channel();
        let journal_thread = {
            let writer = journal::Journal::new(store.layout());
            std::thread::spawn(move || {
                in_background();
                journal::run(writer, &journal_rx);
            })
        };
        let committee = store.layout().committee();
        if let Some(text) = store.saved_text(&committee) {
            let _ = journal.send(journal::Message::Known(committee, text));
        }
        let store = Arc::new(Mutex::new(store));
        let (saves, requests) = mpsc::channel();
        let exports = tx.clone();
        let saver = {
            let store = Arc::clone(&store);
            let journal = journal.clone();
            std::thread::spawn(move || {
                in_background();
                // Nobody else is saving (this copy holds the lock): what a hard kill left is
                // debris. Removed here, before any save, not before the first frame.
                if let Ok(store) = store.lock() {
                    store.remove_temporaries();
                }
                save_loop(&store, &requests, &tx, &journal);
            })
        };
        Ok(Runtime {
            dir: dir.to_path_buf(),
            store,
            inbox,
            saves: Some(saves),
            saver: Some(saver),
            exports,
            summaries: None,
            summaries_started: false,
            initial: Vec::new(),
            journal: Some(journal),
            journal_thread: Some(journal_thread),
            followed: None,
        })
    }

    /// Tells the journal what changed, if it is time (at most every few tens of milliseconds,
    /// or at once when `now` says so).
    fn journal_changes(&mut self, app: &mut App, force: bool) {
        let now = Instant::now();
        if !force && app.journal_due().is_none_or(|due| due > now) {
            return;
        }
        let effects = app.update(Msg::JournalDue(now));
        self.carry_out(app, effects);
    }

    /// Stops the journal: removed if everything is saved (`saved`), kept otherwise; waits
    /// for its last write.
    fn close_journal(&mut self, saved: bool) {
        if let Some(journal) = self.journal.take()
            && saved
        {
            let _ = journal.send(journal::Message::Close);
        }
        if let Some(thread) = self.journal_thread.take() {
            let _ = thread.join();
        }
    }

    /// Runs the application until it quits, then saves and restores the terminal.
    fn drive(mut self, app: &mut App) -> ExitCode {
        let mut terminal = match terminal::setup() {
            Ok(t) => t,
            Err(e) => return crate::output::terminal_unusable(&e),
        };
        let end = catch_unwind(AssertUnwindSafe(|| self.event_loop(app, &mut terminal)));
        let (end, panicked) = match end {
            Ok(end) => (end, false),
            Err(_) => (End::Interrupted("erreur interne".into()), true),
        };
        // Save first: after a SIGHUP the terminal may be gone and touching it may block or fail.
        // The journal first of all: what it holds survives even if the save cannot be made.
        if !panicked {
            self.journal_changes(app, true);
        }
        let saved = self.final_save(app, panicked);
        self.close_journal(matches!(&saved, Ok(copies) if copies.is_empty()) && !panicked);
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
        let initial = std::mem::take(&mut self.initial);
        self.carry_out(app, initial);
        // Frames are drawn when something changed, and only what changed when it is the notes.
        let mut canvas = Canvas::default();
        let mut change = Change::Everything;
        let mut pace = Pace::default();
        loop {
            if self.summaries.as_ref().is_some_and(JoinHandle::is_finished) {
                self.apply_summaries(app);
                change = Change::Everything;
            }
            let drawn = pace.frame(change, Instant::now());
            match frames::paint(app, terminal, &mut canvas, drawn) {
                Ok(Some(drawn)) => {
                    let scroll = drawn.area.and_then(|a| crate::ui::scroll_limits(app, a));
                    let notes = drawn.notes.map(|n| (n.size, n.top));
                    app.update(Msg::Drawn(crate::app::Drawn { scroll, notes }));
                }
                Ok(None) => {}
                Err(e) => return End::Interrupted(format!("terminal perdu : {e}")),
            }
            change = Change::Nothing;
            // A save that is due goes after the frame that shows the last key, not before it:
            // copying a large meeting for the saver (2 ms for 6 MB of notes) delays no key.
            if app.save_due(Instant::now()) {
                let effects = app.update(Msg::SaveDue);
                let asked = !effects.is_empty();
                self.carry_out(app, effects);
                if asked {
                    // The status line may say it is saving.
                    change = Change::Indicator;
                    continue;
                }
            }
            self.start_summaries();
            self.journal_changes(app, false);
            let wait = self
                .wake_at(app, &pace)
                .saturating_duration_since(Instant::now());
            let events = self.inbox.wait(wait);
            // What the keys do is timed as they arrive (a step's time, the autosave's delay).
            app.update(Msg::Tick(now()));
            for event in events {
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
                        // What the notes' own cells were drawn on is gone with the screen.
                        canvas.forget();
                        change = Change::Everything;
                        continue;
                    }
                    Event::Input(Input::Event(_)) => continue,
                    Event::Saved(report) => {
                        let merged = report.merged();
                        let msg = Msg::Saved(report);
                        change = change.max(frames::change_of(app, &msg));
                        let effects = app.update(msg);
                        self.carry_out(app, effects);
                        if merged {
                            self.list_conflict_copies(app);
                        }
                        continue;
                    }
                    Event::Wake => continue,
                    Event::Exported(result) => Msg::Exported(result),
                    Event::History(history) => Msg::HistoryBuilt(history),
                    Event::Input(Input::Lost(why)) => return End::Interrupted(why),
                    Event::Input(Input::Signal(signal)) => {
                        return End::Interrupted(format!("signal {signal}"));
                    }
                };
                let changed = frames::change_of(app, &msg);
                pace.handled(changed, Instant::now());
                change = change.max(changed);
                let effects = app.update(msg);
                self.carry_out(app, effects);
            }
            if self.follow(app) {
                change = Change::Everything;
            }
            if app.quit {
                return End::Quit;
            }
        }
    }

    /// When the loop must wake if nothing arrives: the first thing due.
    fn wake_at(&self, app: &App, pace: &Pace) -> Instant {
        let reading = self.summaries.as_ref().is_some_and(|s| !s.is_finished());
        [
            app.save_due_at(),
            app.journal_due(),
            pace.due(),
            reading.then(|| Instant::now() + POLL),
            self.followed.as_ref().map(|_| Instant::now() + POLL_FILES),
            Some(Instant::now() + LONGEST_SLEEP),
        ]
        .into_iter()
        .flatten()
        .fold(crate::ui::clock_changes_at(app), Instant::min)
    }

    /// In a read-only copy, re-reads the meeting shown when its editor saved it; returns
    /// whether it did.
    fn follow(&mut self, app: &mut App) -> bool {
        let Some(id) = app.followed_meeting() else {
            self.followed = None;
            return false;
        };
        if self
            .followed
            .as_ref()
            .is_none_or(|(watched, _)| *watched != id)
        {
            let Ok(store) = self.store.lock() else {
                return false;
            };
            let path = store.layout().meeting(id);
            drop(store);
            self.followed = Some((id, FileWatch::new(vec![path], self.exports.clone())));
            return false;
        }
        let changed = self
            .followed
            .as_mut()
            .is_some_and(|(_, watch)| !watch.changed().is_empty());
        if !changed {
            return false;
        }
        let reading = match self.store.lock() {
            Ok(mut store) => store
                .load_meeting(id)
                .map(Box::new)
                .map_err(|e| e.to_string()),
            Err(_) => Err("stockage indisponible".to_string()),
        };
        app.update(Msg::Tick(now()));
        app.update(Msg::MeetingChanged(id, reading));
        true
    }

    fn carry_out(&mut self, app: &mut App, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Save(request) => self.send_save(*request),
                Effect::Journal(journaled) => {
                    if let Some(journal) = &self.journal {
                        for message in journaled.0 {
                            let _ = journal.send(message);
                        }
                    }
                }
                Effect::OpenMeeting(id) => {
                    self.apply_summaries(app);
                    let result = self
                        .store
                        .lock()
                        .map_err(|_| "stockage indisponible".to_string())
                        .and_then(|mut s| {
                            let meeting =
                                s.load_meeting(id).map(Box::new).map_err(|e| e.to_string());
                            let path = s.layout().meeting(id);
                            if let (Some(journal), Some(text)) =
                                (&self.journal, s.saved_text(&path))
                            {
                                let _ = journal.send(journal::Message::Known(path, text));
                            }
                            meeting
                        });
                    let effects = app.update(Msg::MeetingOpened(id, result));
                    self.carry_out(app, effects);
                }
                Effect::Compare => {
                    let comparisons = self.comparisons();
                    app.update(Msg::Compared(comparisons));
                }
                Effect::CreateCommittee(committee) => {
                    let created = create_committee(&self.dir, &committee).and_then(|editor| {
                        let mut store = self.store.lock().map_err(|_| "stockage indisponible")?;
                        *store = editor;
                        Ok(committee)
                    });
                    app.update(Msg::CommitteeCreated(created));
                }
                Effect::Export(request) => {
                    // Off the loop: reading every meeting of a large committee takes a moment.
                    let (dir, events) = (self.dir.clone(), self.exports.clone());
                    std::thread::spawn(move || {
                        in_background();
                        let now = chrono::Local::now().fixed_offset();
                        let result = crate::export::write_pack(&dir, &request, now);
                        let _ = events.send(Event::Exported(result));
                    });
                }
                Effect::BuildHistory(request) => {
                    // Off the loop: it folds every text of every meeting.
                    let events = self.exports.clone();
                    std::thread::spawn(move || {
                        in_background();
                        let _ = events.send(Event::History(Box::new(request.build())));
                    });
                }
                Effect::SaveTemplate(which, template) => {
                    let saved = store::lists::save_template(&self.dir, which, &template)
                        .map(|path| {
                            let shown = path.strip_prefix(&self.dir).unwrap_or(&path).to_path_buf();
                            (which, *template, shown)
                        })
                        .map_err(|e| e.to_string());
                    let effects = app.update(Msg::TemplateSaved(saved));
                    self.carry_out(app, effects);
                }
                Effect::CreateMeeting(plan) => {
                    self.apply_summaries(app);
                    match self.create_meeting(app, &plan) {
                        Ok((id, meeting, warning)) => {
                            let effects = app.update(Msg::MeetingOpened(id, Ok(Box::new(meeting))));
                            if let Some(warning) = warning {
                                app.update(Msg::Warned(warning));
                            }
                            self.carry_out(app, effects);
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

    /// Each copy kept in `conflits/` beside the file it is a copy of, newest first.
    fn comparisons(&self) -> Result<Vec<Comparison>, String> {
        let store = self
            .store
            .lock()
            .map_err(|_| "stockage indisponible".to_string())?;
        let layout = store.layout();
        let read = |path: &Path| {
            std::fs::read(path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| StoreError::io(path, "lecture impossible", e).to_string())
        };
        let mut comparisons = Vec::new();
        for (copy, original) in store.conflict_copies().into_iter().take(50) {
            let copied = read(&copy)?;
            let (file, current) = match original {
                Some(original) => (
                    layout.display(&original).display().to_string(),
                    read(&original).unwrap_or_default(),
                ),
                None => ("(fichier inconnu)".to_string(), String::new()),
            };
            let copy = layout.display(&copy).display().to_string();
            comparisons.push(reconcile::compare(file, &current, copy, &copied));
        }
        Ok(comparisons)
    }

    /// Tells the application which copies `conflits/` holds.
    fn list_conflict_copies(&self, app: &mut App) {
        if let Ok(store) = self.store.lock() {
            let copies = store
                .conflict_copies()
                .into_iter()
                .map(|(copy, _)| store.layout().display(&copy).to_path_buf())
                .collect();
            app.update(Msg::ConflictCopies(copies));
        }
    }

    /// Starts reading the meetings' summaries on a thread of its own, once.
    fn start_summaries(&mut self) {
        if !self.summaries_started {
            self.summaries_started = true;
            let reader = self.dir.clone();
            self.summaries = Some(std::thread::spawn(move || {
                in_background();
                read_summaries(&reader)
            }));
        }
    }

    /// Waits for the summaries if they are being read, and gives them to the application.
    fn apply_summaries(&mut self, app: &mut App) {
        self.start_summaries();
        if let Some(handle) = self.summaries.take()
            && let Ok((summaries, history)) = handle.join()
        {
            app.update(Msg::Summaries(summaries));
            let effects = app.update(Msg::HistoryBuilt(Box::new(history)));
            self.carry_out(app, effects);
            self.list_conflict_copies(app);
        }
    }

    /// Creates a meeting: its name, its agenda (the seed's for the first meeting, the follow-up
    /// one after), the objectives awaiting evaluation; saved, then returned with a warning if
    /// a meeting could not be read (the meeting is created all the same).
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
        let mut readable = Vec::new();
        let mut warning = None;
        for (other, meeting) in store.load_meetings().map_err(|e| e.to_string())? {
            match meeting {
                Ok(m) => readable.push((other, m)),
                Err(e) => {
                    warning.get_or_insert(format!(
                        "réunion {other} illisible, ses objectifs ne sont pas repris à évaluer ({e})"
                    ));
                }
            }
        }
        let refs: Vec<(MeetingId, &Meeting)> = readable.iter().map(|(i, m)| (*i, m)).collect();
        let handover = Handover::for_meeting(id, &refs);
        let agenda = app
            .session
            .catalog
            .agenda_for_kind(previous_of(id, &ids).is_none(), &plan.kind);
        let meeting = prepare(plan, agenda, &handover);
        // The caller says « création de la réunion impossible » : only the reason here.
        store.save_meeting(id, &meeting).map_err(|e| e.reason())?;
        Ok((id, meeting, warning))
    }

    fn send_save(&mut self, request: SaveRequest) {
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
        for event in self.inbox.posted() {
            if let Event::Saved(report) = event {
                app.update(Msg::Saved(report));
            }
        }
        // Written into a previous version just after it was replaced: merged by one last save.
        let late = self.store.lock().is_ok_and(|mut s| s.late_writes());
        let snapshot = catch_unwind(AssertUnwindSafe(|| {
            app.update(Msg::Closing { late, panicked })
                .into_iter()
                .find_map(|effect| match effect {
                    Effect::Save(request) => Some(*request),
                    _ => None,
                })
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
                "dernier enregistrement impossible : {} ; tout ce qui a été saisi est dans {list}",
                reasons.join(" ; ")
            ));
        }
        Ok(copies)
    }
}

/// Lowers the calling thread's priority (nice 5): on a busy machine, saves, the journal, the
/// history and exports give way to the loop that answers keys, and still run (a third of the
/// processor of a thread at the normal priority when both want it).
fn in_background() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 5) {
        tracing::debug!(error = %e, "priorité inchangée");
    }
}

/// The saver thread: writes each request, reports, and waits for the next.
fn save_loop(
    store: &Mutex<Store>,
    requests: &Receiver<SaveRequest>,
    events: &Post<Event>,
    journal: &Sender<journal::Message>,
) {
    while let Ok(request) = requests.recv() {
        let report = match store.lock() {
            Ok(store) => write(store, &request),
            Err(poisoned) => write(poisoned.into_inner(), &request),
        };
        tell_journal(store, &report, journal);
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

/// Tells the journal which files are now saved, and with what text.
fn tell_journal(store: &Mutex<Store>, report: &SaveReport, journal: &Sender<journal::Message>) {
    let Ok(store) = store.lock() else {
        return;
    };
    let layout = store.layout();
    let merged = |saved: bool| saved;
    let files = report
        .committee
        .iter()
        .map(|r| {
            (
                layout.committee(),
                r.as_ref().ok().map(|s| matches!(s, Saved::Merged(_))),
            )
        })
        .chain(report.meetings.iter().map(|(id, r)| {
            (
                layout.meeting(*id),
                r.as_ref()
                    .ok()
                    .filter(|s| !matches!(s, Saved::Diverted { .. }))
                    .map(|s| matches!(s, Saved::Merged(_))),
            )
        }));
    for (path, saved) in files {
        if let (Some(was_merged), Some(text)) = (saved, store.saved_text(&path)) {
            let _ = journal.send(journal::Message::Saved {
                path,
                text,
                merged: merged(was_merged),
            });
        }
    }
}

/// Writes a request; each failure is its reason only (« disque plein (…/reunions/…) »), for
/// messages that say « Enregistrement impossible » themselves.
fn write(mut store: std::sync::MutexGuard<'_, Store>, request: &SaveRequest) -> SaveReport {
    SaveReport {
        committee: request
            .committee
            .as_ref()
            .map(|c| store.save_committee(c).map_err(|e| e.reason())),
        meetings: request
            .meetings
            .iter()
            .map(|(id, m)| (*id, store.save_meeting(*id, m).map_err(|e| e.reason())))
            .collect(),
    }
}

/// Reads every meeting of the folder into summaries, and into the history the years screen,
/// home's "à faire" and the evaluation step read (without the search nor the notes, read again
/// when the years screen opens) (on its own thread, with its own read-only
/// store, so the first frame does not wait for it), one file at a time.
fn read_summaries(dir: &Path) -> (Vec<MeetingSummary>, History) {
    let store = Store::open_read_only(dir, "lecture des réunions");
    let mut summaries = Vec::new();
    let mut readable = Vec::new();
    let mut unreadable = Vec::new();
    for id in store.meeting_ids().unwrap_or_default() {
        // Nothing read here is saved: no base nor versions are kept for a merge.
        match store.peek_meeting(id) {
            Ok(m) => {
                summaries.push(MeetingSummary::of(id, &m));
                readable.push((id, Arc::new(crate::app::history::without_notes(&m))));
            }
            Err(e) => {
                summaries.push(MeetingSummary::broken(id, e.to_string()));
                unreadable.push((id, e.to_string()));
            }
        }
    }
    (
        summaries,
        History::read_from(dir.to_path_buf(), readable, unreadable),
    )
}
