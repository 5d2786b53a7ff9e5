//! The application's state and its update logic, without a terminal: keys and other events
//! come in as [`Msg`], and what must touch the disk goes out as [`Effect`]. The runtime in
//! `tui.rs` carries effects out and feeds their results back.

pub mod agenda;
pub mod availability;
pub mod cursor;
pub mod dialogs;
pub mod form;
pub mod history;
pub mod home;
pub mod invitations;
pub mod keymap;
pub mod meeting;
pub mod notes;
pub mod opening;
pub mod reconcile;
pub mod recovery;
pub mod review;
pub mod roster;
pub mod round_table;
pub mod scroll;
pub mod todo;
pub mod wrap;
pub mod years;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::KeyEvent;

use crate::catalog::Catalog;
use crate::model::prepare::MeetingPlan;
use crate::model::{Committee, Meeting, MeetingId};
use crate::store::Saved;
use dialogs::{Confirmation, Purpose};
use form::{Form, FormEvent};
use home::{Home, MeetingSummary};
use keymap::{Command, Context};
use meeting::{MeetingScreen, Pane};
use roster::Roster;
use scroll::Scroll;
use std::path::PathBuf;

/// How long after a change the autosave runs.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);
/// How long after a failed save the next attempt runs.
pub const RETRY_DELAY: Duration = Duration::from_secs(3);

/// Everything the application holds.
#[derive(Debug)]
pub struct App {
    /// The committee and what is known of its meetings.
    pub session: Session,
    /// The screen shown.
    pub screen: Screen,
    /// Overlays above the screen, topmost last.
    pub overlays: Vec<Overlay>,
    /// The status line.
    pub status: Status,
    /// The time, as last told by a [`Msg::Tick`].
    pub clock: Clock,
    /// What changed since the last save.
    pub unsaved: Unsaved,
    /// Set when the user asked to quit; the runtime saves and leaves.
    pub quit: bool,
    /// Files changed elsewhere that were merged (or could not be), until acknowledged.
    pub notices: Vec<reconcile::Notice>,
    /// The copies kept in `conflits/`, newest first, relative to the committee folder.
    pub conflict_copies: Vec<PathBuf>,
    /// Meetings sent to be saved and not confirmed yet, in the order sent, and those waiting
    /// to be: a meeting whose screen was left must survive a failed save, to be saved again.
    /// One save of a meeting is in flight at a time: the next waits for its report, so that
    /// it holds what that save merged from a file changed elsewhere (sent before, it would
    /// write over it).
    in_flight: Vec<InFlight>,
    /// The committee as sent to be saved, until the save is confirmed: what a merge of the
    /// file on disk is rebased from. The next committee save waits until then.
    committee_in_flight: Option<Committee>,
    /// The user asked to save (Ctrl+S): the next successful save says so, whatever the status
    /// line said.
    save_asked: bool,
    /// What the journal has not heard of yet.
    journal: recovery::JournalMarks,
    /// The form of an interrupted session, put back when its meeting opens.
    pending_draft: Option<recovery::Draft>,
    /// What to say once the meeting of an interrupted session is open again.
    recovery_status: Option<Status>,
    /// Whether the last key was a CR, whose LF must not make a second line break.
    line_ends: keymap::LineEnds,
    /// Every meeting with its objectives' ledger and search index, and what changed since.
    pub history: history::Tracker,
    /// Where the meeting being opened is to be shown (a step, the agenda editor…).
    pub opening: Option<opening::Opening>,
}

/// A meeting sent to be saved, kept until the save is confirmed, or one to be sent.
#[derive(Debug)]
struct InFlight {
    id: MeetingId,
    /// The same meeting as the request's (shared, not copied: a large one is megabytes).
    meeting: Arc<Meeting>,
    stage: Stage,
}

/// Where a meeting to be saved stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Sent to the saver; its report has not come.
    Sent,
    /// Its save failed while its screen was closed: it goes in the next request.
    Failed,
    /// Ready while a save of the same meeting was in flight: sent once that one's report
    /// came (rebased on what it merged).
    Waiting,
}

/// The committee and its context.
#[derive(Debug)]
pub struct Session {
    /// The committee.
    pub committee: Committee,
    /// The catalogue.
    pub catalog: Catalog,
    /// The meetings, newest first.
    pub meetings: Vec<MeetingSummary>,
    /// Why nothing can be changed, in French, when the committee is open elsewhere.
    pub read_only: Option<String>,
    /// Name of the committee folder, for the header.
    pub folder: String,
}

/// The screens.
#[derive(Debug)]
pub enum Screen {
    /// First run: the form that creates the committee.
    Onboarding(Form),
    /// The committee and its meetings.
    Home(Home),
    /// The members.
    Roster(Roster),
    /// A meeting in progress.
    Meeting(Box<MeetingScreen>),
    /// The school years: meetings, objectives with their history, the search.
    Years(Box<years::YearsScreen>),
}

/// Layers above the screen.
#[derive(Debug)]
pub enum Overlay {
    /// Every key binding.
    Help {
        /// How far it is scrolled.
        scroll: Scroll,
    },
    /// A question before deleting something.
    Confirm(Confirmation),
    /// A form, and what it is for.
    Form(Form, Purpose),
    /// The agenda editor of the open meeting.
    Agenda(agenda::AgendaEditor),
    /// The subjects of a point of the open meeting's agenda.
    Subjects(agenda::SubjectPicker),
    /// Whom the open meeting invites.
    Invitations(invitations::Invitations),
    /// Copies kept in `conflits/`, each beside the current file.
    Compare {
        /// The copies, newest first.
        comparisons: Vec<reconcile::Comparison>,
        /// The one shown.
        shown: usize,
        /// How far it is scrolled.
        scroll: Scroll,
    },
}

/// The time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Monotonic time, for timers.
    pub now: Instant,
    /// Wall-clock time, for display and records.
    pub wall: NaiveDateTime,
}

impl Clock {
    /// Today.
    pub fn today(&self) -> NaiveDate {
        self.wall.date()
    }
}

/// What has changed and not been saved yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unsaved {
    /// The committee file.
    pub committee: bool,
    /// The open meeting's file.
    pub meeting: bool,
    /// Since when (the autosave runs [`AUTOSAVE_DELAY`] after).
    pub since: Option<Instant>,
    /// No new attempt before this, after a failure.
    pub retry_at: Option<Instant>,
}

/// How the saving stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing can be saved here.
    ReadOnly,
    /// A file changed elsewhere does not read: the saves go to a copy.
    Diverted,
    /// Something changed and is being saved.
    Saving,
    /// Saved, after merging a file changed elsewhere: to be looked at.
    Merged,
    /// Everything is saved.
    Saved,
}

/// The status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The message, in French.
    pub text: String,
    /// How it reads.
    pub level: Level,
    /// Whether the next successful save says so in its place: the welcome, and what saving
    /// said. What a key did stays until the next key (« La parole est à … » must not give
    /// way to the autosave a moment later; the indicator says it is saved).
    pub passing: bool,
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Neutral.
    Info,
    /// Something went well.
    Success,
    /// Needs attention.
    Warning,
    /// Something failed.
    Error,
}

/// What the application receives.
#[derive(Debug)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// Pasted text.
    Paste(String),
    /// The time passes.
    Tick(Clock),
    /// A meeting was read (or created) and can be shown.
    MeetingOpened(MeetingId, Result<Box<Meeting>, String>),
    /// The file of the meeting shown by a read-only copy changed: its new reading.
    MeetingChanged(MeetingId, Result<Box<Meeting>, String>),
    /// The meetings were read.
    Summaries(Vec<MeetingSummary>),
    /// A save finished.
    Saved(SaveReport),
    /// The copies kept in `conflits/`, newest first.
    ConflictCopies(Vec<PathBuf>),
    /// The copies read for the comparison view, or why they could not be.
    Compared(Result<Vec<reconcile::Comparison>, String>),
    /// The committee the onboarding asked for was created (its folder, its file), or why not.
    CommitteeCreated(Result<Box<Committee>, String>),
    /// An export finished: the files written and what could not be made, or why nothing was.
    Exported(Result<crate::export::Exported, String>),
    /// Every meeting was read, or the history rebuilt with the meetings changed since.
    HistoryBuilt(Box<history::History>),
    /// An agenda was saved as the committee's template: its file, or why not.
    TemplateSaved(
        Result<
            (
                crate::catalog::Template,
                crate::catalog::AgendaTemplate,
                PathBuf,
            ),
            String,
        >,
    ),
    /// A frame was drawn: what scrolls on it and the notes pane, as they were shown.
    Drawn(Drawn),
    /// An interrupted session was recovered from the journal: the meetings it saved, the form
    /// it was filling in (as the journal wrote it), and how many parts went to `conflits/`.
    Recovered {
        /// The meetings written back.
        meetings: Vec<MeetingId>,
        /// The open form, as journaled.
        draft: Option<String>,
        /// How many copies were kept in `conflits/`.
        copies: usize,
    },
    /// Something went wrong beside what was asked, to be said on the status line.
    Warned(String),
    /// It is time to tell the journal what changed: answered with [`Effect::Journal`].
    JournalDue(Instant),
    /// The autosave is due: answered with [`Effect::Save`] if anything is to be written.
    SaveDue,
    /// The application closes: every save under way was reported; `late`: a file was written
    /// elsewhere just as it was replaced; `panicked`: after an internal error. Answered with
    /// [`Effect::Save`] of everything that may not be on disk.
    Closing {
        /// A version written elsewhere may have been replaced: everything is saved again.
        late: bool,
        /// After an internal error: everything is saved again.
        panicked: bool,
    },
}

/// What a frame showed, for the update logic (moves by screen rows and pages go from there).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// How far what scrolls on screen (the help, else the projection) can scroll, and the
    /// lines it shows at once; after a whole frame only.
    pub scroll: Option<(u16, u16)>,
    /// The notes pane's size (columns, rows) and where its first row starts.
    pub notes: Option<((u16, u16), notes::Pos)>,
}

/// What the journal must be told, in order.
#[derive(Debug)]
pub struct Journaled(pub Vec<crate::store::journal::Message>);

impl PartialEq for Journaled {
    /// The journal's messages hold no comparable types of their own: two batches are the
    /// same when they read the same.
    fn eq(&self, other: &Self) -> bool {
        format!("{:?}", self.0) == format!("{:?}", other.0)
    }
}

impl Eq for Journaled {}

/// What the runtime must do for the application.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write these files now.
    Save(Box<SaveRequest>),
    /// Read a meeting and answer with [`Msg::MeetingOpened`].
    OpenMeeting(MeetingId),
    /// Create a meeting from this plan, then open it.
    CreateMeeting(MeetingPlan),
    /// Read the copies kept in `conflits/` and the files they are copies of, and answer with
    /// [`Msg::Compared`].
    Compare,
    /// Create the committee's folder (if missing) and file, then take its lock, and answer
    /// with [`Msg::CommitteeCreated`]: until then nothing of it exists on disk.
    CreateCommittee(Box<Committee>),
    /// Write these documents, then answer with [`Msg::Exported`].
    Export(Box<crate::export::ExportRequest>),
    /// Rebuild the history with the meetings changed since (off the UI thread: it folds
    /// every text), then answer with [`Msg::HistoryBuilt`].
    BuildHistory(Box<history::HistoryRequest>),
    /// Save an agenda as the committee's template (`store::lists::save_template`), then
    /// answer with [`Msg::TemplateSaved`].
    SaveTemplate(
        crate::catalog::Template,
        Box<crate::catalog::AgendaTemplate>,
    ),
    /// Send these messages to the journal.
    Journal(Journaled),
}

/// Files to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    /// The committee, if it changed.
    pub committee: Option<Committee>,
    /// The meetings that changed: the open one, and any whose last save failed after its
    /// screen was left (shared with what the application keeps until the save is confirmed).
    pub meetings: Vec<(MeetingId, Arc<Meeting>)>,
}

/// How a save went, file by file (errors in French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// The committee file.
    pub committee: Option<Result<Saved<Committee>, String>>,
    /// The meeting files.
    pub meetings: Vec<(MeetingId, Result<Saved<Meeting>, String>)>,
}

impl SaveReport {
    /// Whether a file was merged with a version written elsewhere, or kept aside as a copy.
    pub fn merged(&self) -> bool {
        self.outcomes().any(|o| o == Some(false))
    }

    /// Whether every file was written as it was sent: nothing merged, kept aside nor failed.
    pub fn plain(&self) -> bool {
        self.outcomes().all(|o| o == Some(true))
    }

    /// How each file went: `Some(true)` written as sent, `Some(false)` merged or kept aside,
    /// `None` not written.
    fn outcomes(&self) -> impl Iterator<Item = Option<bool>> + '_ {
        fn outcome<T>(result: &Result<Saved<T>, String>) -> Option<bool> {
            result.as_ref().ok().map(|s| matches!(s, Saved::InPlace))
        }
        let meetings = self.meetings.iter().map(|(_, r)| outcome(r));
        self.committee.iter().map(outcome).chain(meetings)
    }
}

impl App {
    /// The application on a committee, on its home screen.
    pub fn new(session: Session, clock: Clock) -> App {
        let home = Home::new(&session.meetings, clock.today());
        let status = match &session.read_only {
            Some(reason) => Status::new(Level::Warning, format!("Lecture seule : {reason}")),
            None => Status::passing(
                Level::Info,
                format!(
                    "Bienvenue. {} : aide.",
                    keymap::key_for(keymap::Scope::Everywhere, Command::Help)
                ),
            ),
        };
        App {
            session,
            screen: Screen::Home(home),
            overlays: Vec::new(),
            status,
            clock,
            unsaved: Unsaved::default(),
            quit: false,
            notices: Vec::new(),
            conflict_copies: Vec::new(),
            in_flight: Vec::new(),
            committee_in_flight: None,
            save_asked: false,
            journal: recovery::JournalMarks::default(),
            pending_draft: None,
            recovery_status: None,
            line_ends: keymap::LineEnds::default(),
            history: history::Tracker::default(),
            opening: None,
        }
    }

    /// The application on a folder without committee: the creation form first.
    pub fn onboarding(catalog: Catalog, folder: String, clock: Clock) -> App {
        let form = dialogs::onboarding_form(&catalog);
        let session = Session {
            committee: Committee::new("", "", "", ""),
            catalog,
            meetings: Vec::new(),
            read_only: None,
            folder,
        };
        let mut app = App::new(session, clock);
        app.screen = Screen::Onboarding(form);
        app.status = Status::new(Level::Info, "Premier lancement : créons le comité.");
        app
    }

    /// Where the keyboard is.
    pub fn context(&self) -> Context {
        match (self.overlays.last(), &self.screen) {
            (Some(Overlay::Help { .. }), _) => Context::Help,
            (Some(Overlay::Compare { .. }), _) => Context::Compare,
            (Some(Overlay::Confirm(_)), _) => Context::Confirm,
            (Some(Overlay::Form(..)), _) | (None, Screen::Onboarding(_)) => Context::Form,
            (Some(Overlay::Agenda(_)), _) => Context::Agenda,
            (Some(Overlay::Subjects(_)), _) => Context::Subjects,
            (Some(Overlay::Invitations(_)), _) => Context::Invitations,
            (None, Screen::Years(_)) => Context::Years,
            (None, Screen::Home(_)) => Context::Home,
            (None, Screen::Roster(_)) => Context::Roster,
            (None, Screen::Meeting(m)) if m.projecting => Context::Projection,
            (None, Screen::Meeting(m)) if m.focus == Pane::Notes => Context::MeetingEditor,
            (None, Screen::Meeting(_)) => Context::MeetingList,
        }
    }

    /// Applies a message; returns what the runtime must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) if self.line_ends.is_lf_after_cr(&key) => Vec::new(),
            Msg::Key(key) => self.key(key),
            Msg::Paste(text) => {
                self.line_ends.reset();
                self.paste(&text);
                Vec::new()
            }
            Msg::Tick(clock) => {
                self.clock = clock;
                Vec::new()
            }
            Msg::MeetingOpened(id, result) => self.meeting_opened(id, result),
            Msg::MeetingChanged(id, result) => {
                self.meeting_changed(id, result);
                Vec::new()
            }
            Msg::HistoryBuilt(history) => {
                self.history.built(*history);
                // What was typed in the search before its texts were folded is searched now.
                years::history_built(self);
                self.history_effects()
            }
            Msg::TemplateSaved(result) => {
                self.status = agenda::template_saved(&mut self.session.catalog, result);
                Vec::new()
            }
            Msg::Summaries(mut summaries) => {
                summaries.sort_by_key(|m| std::cmp::Reverse(m.id));
                let first_load = self.session.meetings.iter().all(|m| !m.loaded);
                self.session.meetings = summaries;
                if first_load && let Screen::Home(home) = &mut self.screen {
                    *home = Home::new(&self.session.meetings, self.clock.today());
                }
                Vec::new()
            }
            Msg::Saved(report) => self.saved(report),
            Msg::ConflictCopies(copies) => {
                self.conflict_copies = copies;
                Vec::new()
            }
            Msg::Compared(Ok(comparisons)) if comparisons.is_empty() => {
                self.status = Status::new(Level::Info, "Aucune copie dans conflits/.");
                Vec::new()
            }
            Msg::Compared(Ok(comparisons)) => {
                self.overlays
                    .retain(|o| !matches!(o, Overlay::Compare { .. }));
                self.overlays.push(Overlay::Compare {
                    comparisons,
                    shown: 0,
                    scroll: Scroll::default(),
                });
                self.status = Status::new(
                    Level::Info,
                    "À gauche le fichier actuel, à droite la copie.",
                );
                Vec::new()
            }
            Msg::Compared(Err(error)) => {
                self.status = Status::new(Level::Error, capitalised(&error));
                Vec::new()
            }
            Msg::CommitteeCreated(result) => {
                dialogs::committee_created(self, result);
                Vec::new()
            }
            Msg::Exported(result) => {
                self.status = dialogs::exported(result);
                Vec::new()
            }
            Msg::Drawn(drawn) => {
                self.drawn(drawn);
                Vec::new()
            }
            Msg::Recovered {
                meetings,
                draft,
                copies,
            } => self.recovered(&meetings, draft.as_deref(), copies),
            Msg::Warned(warning) => {
                self.status = Status::new(Level::Warning, warning);
                Vec::new()
            }
            Msg::JournalDue(now) => {
                let messages = self.journal_changes(now);
                if messages.is_empty() {
                    Vec::new()
                } else {
                    vec![Effect::Journal(Journaled(messages))]
                }
            }
            Msg::SaveDue => self.save_now(),
            Msg::Closing { late, panicked } => {
                self.saver_stopped();
                self.unsaved.retry_at = None;
                self.unsaved.committee |= late || panicked;
                self.unsaved.meeting |= late || panicked;
                self.save_now()
            }
        }
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let command = keymap::command(self.context(), &key);
        match command {
            Some(Command::Help) if !matches!(self.overlays.last(), Some(Overlay::Help { .. })) => {
                self.overlays.push(Overlay::Help {
                    scroll: Scroll::default(),
                });
                return Vec::new();
            }
            Some(Command::Quit) => return self.request_quit(),
            Some(Command::Acknowledge) => {
                reconcile::acknowledge(self);
                return Vec::new();
            }
            Some(Command::Compare)
                if !matches!(self.overlays.last(), Some(Overlay::Compare { .. })) =>
            {
                self.status = Status::new(Level::Info, "Lecture des copies de conflits/…");
                return vec![Effect::Compare];
            }
            _ => {}
        }
        if !self.overlays.is_empty() {
            return self.overlay_key(command, key);
        }
        if command == Some(Command::Save) {
            // Asked for: write now, even what the timer changed since the last save, and say
            // when it is done.
            if matches!(self.screen, Screen::Meeting(_)) {
                self.touch_meeting();
            }
            self.save_asked = true;
            return self.save_now();
        }
        match &mut self.screen {
            Screen::Onboarding(form) => match form.handle(command, key) {
                FormEvent::Submit => dialogs::create_committee(self),
                // Something typed is not dropped on one key: ask first.
                FormEvent::Cancel if form.has_typed_text() => {
                    self.overlays
                        .push(Overlay::Confirm(Confirmation::LeaveOnboarding));
                    Vec::new()
                }
                FormEvent::Cancel => {
                    self.quit = true;
                    Vec::new()
                }
                FormEvent::Continue => Vec::new(),
            },
            Screen::Home(_) => self.home_key(command),
            Screen::Roster(_) => self.roster_key(command),
            Screen::Meeting(_) => self.meeting_key(command, key),
            Screen::Years(_) => years::key(self, command, key),
        }
    }

    fn overlay_key(&mut self, command: Option<Command>, key: KeyEvent) -> Vec<Effect> {
        match self.overlays.last_mut() {
            Some(Overlay::Help { .. }) if is_typed_text(&key) => {
                // Typing while reading the help: the help closes and the typing goes on.
                self.overlays.pop();
                self.key(key)
            }
            Some(Overlay::Help { scroll }) => {
                match command {
                    Some(command) if scroll.command(command) => {}
                    Some(Command::Close | Command::Help) => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Compare {
                comparisons,
                shown,
                scroll,
            }) => {
                match command {
                    Some(command) if scroll.command(command) => {}
                    Some(Command::PrevCopy | Command::NextCopy) => {
                        let by = if command == Some(Command::PrevCopy) {
                            -1
                        } else {
                            1
                        };
                        *shown = cursor::Cursor::new(*shown, comparisons.len()).by(by).at();
                        scroll.reset();
                    }
                    Some(Command::Close | Command::Compare) => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Agenda(_)) => agenda::key(self, command),
            Some(Overlay::Subjects(_)) => agenda::subjects_key(self, command),
            Some(Overlay::Invitations(_)) => invitations::key(self, command),
            Some(Overlay::Confirm(confirmation)) => match command {
                Some(Command::NextMeeting)
                    if *confirmation == Confirmation::CloseMeeting && self.writable() =>
                {
                    // Before closing: the date of the next meeting, which the first meeting's
                    // agenda has no step for.
                    self.overlays.pop();
                    if let Screen::Meeting(screen) = &mut self.screen {
                        screen.focus = Pane::NextMeeting;
                    }
                    self.open_form(Purpose::NextMeeting);
                    Vec::new()
                }
                Some(Command::Yes) => match self.overlays.pop() {
                    Some(Overlay::Confirm(confirmation)) => dialogs::confirmed(self, confirmation),
                    _ => Vec::new(),
                },
                Some(Command::Close) => {
                    self.overlays.pop();
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Some(Overlay::Form(form, _)) => match form.handle(command, key) {
                FormEvent::Continue => Vec::new(),
                FormEvent::Cancel => {
                    self.overlays.pop();
                    Vec::new()
                }
                FormEvent::Submit => match self.overlays.pop() {
                    Some(Overlay::Form(mut form, purpose)) => {
                        match dialogs::apply(self, &purpose, &mut form) {
                            Ok(effects) => effects,
                            Err(dialogs::Invalid) => {
                                self.overlays.push(Overlay::Form(form, purpose));
                                Vec::new()
                            }
                        }
                    }
                    _ => Vec::new(),
                },
            },
            None => Vec::new(),
        }
    }

    fn home_key(&mut self, command: Option<Command>) -> Vec<Effect> {
        let Screen::Home(home) = &mut self.screen else {
            return Vec::new();
        };
        if cursor::apply(&mut home.selected, self.session.meetings.len(), command) {
            return Vec::new();
        }
        match command {
            Some(Command::Activate) => {
                if let Some(summary) = self.session.meetings.get(home.selected) {
                    self.status = Status::new(
                        Level::Info,
                        format!("Ouverture de la réunion {}…", summary.id),
                    );
                    return vec![Effect::OpenMeeting(summary.id)];
                }
                self.status = Status::new(
                    Level::Info,
                    format!(
                        "Aucune réunion : {} pour en créer une.",
                        keymap::key_for(keymap::Scope::Home, Command::New)
                    ),
                );
            }
            Some(Command::New) => self.open_form(Purpose::NewMeeting),
            Some(Command::Export) => match self.session.meetings.get(home.selected) {
                Some(summary) => {
                    let id = summary.id;
                    self.open_export(id);
                }
                None => {
                    self.status = Status::new(
                        Level::Info,
                        format!(
                            "Aucune réunion à exporter : {} pour en créer une.",
                            keymap::key_for(keymap::Scope::Home, Command::New)
                        ),
                    )
                }
            },
            Some(Command::Roster) => self.screen = Screen::Roster(Roster::default()),
            Some(Command::Years) => return years::open(self),
            Some(Command::Prepare | Command::Invite) => {
                let at = if command == Some(Command::Prepare) {
                    opening::OpenAt::Agenda
                } else {
                    opening::OpenAt::Invitations
                };
                match self.session.meetings.get(home.selected) {
                    Some(summary) if self.session.read_only.is_none() => {
                        let id = summary.id;
                        self.opening = Some(opening::Opening { id, at });
                        self.status =
                            Status::new(Level::Info, format!("Ouverture de la réunion {id}…"));
                        return vec![Effect::OpenMeeting(id)];
                    }
                    Some(_) => {
                        self.read_only_refusal();
                    }
                    None => {
                        self.status = Status::new(
                            Level::Info,
                            "Aucune réunion à préparer : Ctrl+N pour en créer une.",
                        )
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn roster_key(&mut self, command: Option<Command>) -> Vec<Effect> {
        let Screen::Roster(roster) = &mut self.screen else {
            return Vec::new();
        };
        let members: Vec<_> = roster::shown(&self.session.committee)
            .iter()
            .map(|m| m.id)
            .collect();
        let selected = members.get(roster.selected).copied();
        if cursor::apply(&mut roster.selected, members.len(), command) {
            return Vec::new();
        }
        match command {
            Some(Command::New) => self.open_form(Purpose::Member(None)),
            Some(Command::Committee) if self.writable() => self.open_form(Purpose::Committee),
            Some(Command::Activate) => {
                if let Some(id) = selected {
                    self.open_form(Purpose::Member(Some(id)));
                }
            }
            Some(Command::Delete) => {
                if let Some(id) = selected
                    && self.writable()
                {
                    self.overlays
                        .push(Overlay::Confirm(Confirmation::DeleteMember(id)));
                }
            }
            Some(Command::Home | Command::Close) => return self.go_home(),
            _ => {}
        }
        Vec::new()
    }

    fn meeting_key(&mut self, command: Option<Command>, key: KeyEvent) -> Vec<Effect> {
        if matches!(&self.screen, Screen::Meeting(m) if m.projecting) {
            return self.projection_key(command);
        }
        let now = self.clock.now;
        let changes = matches!(
            command,
            Some(
                Command::ToggleTimer
                    | Command::RecordDecision
                    | Command::TogglePrivate
                    | Command::Undo
                    | Command::Redo
                    | Command::NextSpeaker
                    | Command::PrevSpeaker
            )
        );
        if changes && self.read_only_refusal() {
            return Vec::new();
        }
        let Screen::Meeting(screen) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Some(Command::PrevStep | Command::NextStep) => {
                screen.capture_statements(&self.session.committee);
                if screen.step_by(command == Some(Command::NextStep), now) {
                    return self.publish();
                }
                if command == Some(Command::NextStep) && screen.meeting.ended_at.is_none() {
                    if self.writable() {
                        self.overlays
                            .push(Overlay::Confirm(Confirmation::CloseMeeting));
                    }
                    return Vec::new();
                }
                let edge = if command == Some(Command::NextStep) {
                    "C'est la dernière étape ; la réunion est close."
                } else {
                    "C'est la première étape."
                };
                self.status = Status::new(Level::Info, edge);
            }
            Some(Command::NextPane) => screen.cycle_pane(true),
            Some(Command::PrevPane) => screen.cycle_pane(false),
            Some(Command::Attendance) => screen.focus = Pane::Attendance,
            Some(Command::Notes) => screen.focus = Pane::Notes,
            Some(Command::Objectives) => screen.focus = Pane::Objectives,
            Some(Command::Decisions) => screen.focus = Pane::Decisions,
            Some(Command::Review) => screen.focus = Pane::Review,
            Some(Command::Axis) => screen.focus = Pane::Axis,
            Some(Command::NextMeeting) => screen.focus = Pane::NextMeeting,
            Some(Command::ToggleTimer) => {
                screen.toggle_timer(now, self.clock.wall);
                let text = if screen.timer_since.is_some() {
                    "Chrono lancé."
                } else {
                    "Chrono en pause."
                };
                self.status = Status::new(Level::Info, text);
                return self.publish();
            }
            Some(Command::RecordDecision) => match screen.record_decision() {
                Ok(()) => {
                    self.status = Status::new(Level::Success, "Décision enregistrée.");
                    return self.publish();
                }
                Err(refusal) => self.status = Status::new(Level::Warning, refusal),
            },
            Some(Command::NewObjective) => self.open_form(Purpose::Objective(None)),
            Some(Command::TogglePrivate) => {
                let Some(editor) = screen.editor_mut() else {
                    return Vec::new();
                };
                editor.toggle_private();
                let text = if crate::model::agenda::is_private_line(editor.current_line()) {
                    "Ligne privée : elle n'ira pas dans la version publique du compte-rendu."
                } else {
                    "Ligne de nouveau publique."
                };
                self.status = Status::new(Level::Info, text);
                self.touch_notes();
            }
            Some(Command::Export) => {
                let id = screen.id;
                self.open_export(id);
            }
            Some(Command::New) => self.open_form(Purpose::Member(None)),
            Some(Command::Projection) => {
                screen.projecting = true;
                screen.scroll.reset();
                self.status = Status::new(
                    Level::Info,
                    format!(
                        "Projection : {} pour revenir à la saisie.",
                        keymap::key_for(keymap::Scope::Projection, Command::Projection)
                    ),
                );
                return self.publish();
            }
            Some(Command::Home) => return self.go_home(),
            Some(Command::Roster) => {
                let effects = self.leave_meeting();
                self.screen = Screen::Roster(Roster::default());
                return effects;
            }
            Some(Command::Undo | Command::Redo) => {
                let changed = screen.editor_mut().is_some_and(|editor| {
                    if command == Some(Command::Undo) {
                        editor.undo()
                    } else {
                        editor.redo()
                    }
                });
                if changed {
                    self.touch_notes();
                }
            }
            Some(Command::NextSpeaker | Command::PrevSpeaker) => {
                return self.pass_floor(command == Some(Command::NextSpeaker));
            }
            Some(Command::Close) => screen.focus = Pane::Notes,
            Some(list_command) if screen.focus != Pane::Notes => {
                return self.meeting_list_key(list_command);
            }
            // A character typed in a list pane is the start of a note: the notes take it.
            // A line feed only comes here in the notes (the editor makes it a line break).
            Some(Command::LineBreak | Command::Edit) | None
                if screen.focus == Pane::Notes || is_typed_text(&key) =>
            {
                if self.read_only_refusal() {
                    return Vec::new();
                }
                if let Screen::Meeting(screen) = &mut self.screen {
                    screen.focus = Pane::Notes;
                    if editor_input(screen, key) {
                        self.touch_notes();
                    }
                }
            }
            Some(_) | None => {}
        }
        Vec::new()
    }

    /// Passes the floor on during the tour de table (from the notes, a list or the wall).
    fn pass_floor(&mut self, forward: bool) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let committee = &self.session.committee;
        let Screen::Meeting(screen) = &mut self.screen else {
            return Vec::new();
        };
        match screen.pass_floor(committee, forward) {
            Ok(speaker) => {
                let name = committee
                    .member(speaker)
                    .map_or(String::new(), |m| m.name.clone());
                let next = screen
                    .next_speaker(committee)
                    .and_then(|n| committee.member(n))
                    .map(|m| format!(" Ensuite : {}.", m.name))
                    .unwrap_or_default();
                self.status = Status::new(Level::Success, format!("La parole est à {name}.{next}"));
                self.publish()
            }
            Err(refusal) => {
                self.status = Status::new(Level::Info, refusal);
                Vec::new()
            }
        }
    }

    fn meeting_list_key(&mut self, command: Command) -> Vec<Effect> {
        let committee = &self.session.committee;
        let Screen::Meeting(screen) = &mut self.screen else {
            return Vec::new();
        };
        let attendees: Vec<_> = screen.attendees(committee).iter().map(|m| m.id).collect();
        let len = match screen.focus {
            Pane::Decisions => screen.decisions().len(),
            Pane::Attendance => attendees.len(),
            Pane::Objectives => screen.meeting.objectives.len(),
            Pane::Review => screen.meeting.evaluations.len(),
            _ => 0,
        };
        match command {
            Command::SpeakEarlier | Command::SpeakLater if screen.focus == Pane::Attendance => {
                let by = if command == Command::SpeakEarlier {
                    -1
                } else {
                    1
                };
                if let Some(&id) = attendees.get(screen.cursors.attendee)
                    && screen.move_in_order(committee, id, by)
                {
                    return self.publish();
                }
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                screen.move_cursor(command, len);
            }
            Command::Cycle => {
                if !self.writable() {
                    return Vec::new();
                }
                let Screen::Meeting(screen) = &mut self.screen else {
                    return Vec::new();
                };
                match screen.focus {
                    Pane::Attendance => {
                        if let Some(&id) = attendees.get(screen.cursors.attendee) {
                            screen.cycle_presence(id);
                            // An excused or absent member never keeps the floor.
                            let speaker = screen.meeting.speaker;
                            screen.check_speaker(&self.session.committee);
                            if screen.meeting.speaker != speaker {
                                return self.publish();
                            }
                            self.touch_meeting();
                        }
                    }
                    Pane::Review => {
                        let i = screen.cursors.evaluation;
                        if i < screen.meeting.evaluations.len() {
                            return review::cycle(self, i);
                        }
                    }
                    _ => {}
                }
            }
            Command::Carry => return review::toggle_carry(self),
            Command::Activate => {
                let purpose = match screen.focus {
                    Pane::Decisions if len > 0 => Some(Purpose::Decision(screen.cursors.decision)),
                    Pane::Attendance => attendees
                        .get(screen.cursors.attendee)
                        .map(|&id| Purpose::Attendee(id)),
                    Pane::Objectives => screen
                        .meeting
                        .objectives
                        .get(screen.cursors.objective)
                        .map(|o| Purpose::Objective(Some(o.id))),
                    Pane::Review if len > 0 => Some(Purpose::Evaluation(screen.cursors.evaluation)),
                    Pane::Axis => Some(Purpose::Axis),
                    Pane::NextMeeting => Some(Purpose::NextMeeting),
                    _ => None,
                };
                if let Some(purpose) = purpose {
                    self.open_form(purpose);
                }
            }
            Command::Delete => {
                let confirmation = match screen.focus {
                    Pane::Decisions if len > 0 => {
                        Some(Confirmation::DeleteDecision(screen.cursors.decision))
                    }
                    Pane::Objectives => screen
                        .meeting
                        .objectives
                        .get(screen.cursors.objective)
                        .map(|o| Confirmation::DeleteObjective(o.id)),
                    _ => None,
                };
                if let Some(confirmation) = confirmation
                    && self.writable()
                {
                    self.overlays.push(Overlay::Confirm(confirmation));
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn paste(&mut self, text: &str) {
        if let Some(Overlay::Form(form, _)) = self.overlays.last_mut() {
            form.paste(text);
            return;
        }
        match &mut self.screen {
            Screen::Onboarding(form) => form.paste(text),
            Screen::Years(_) if self.overlays.is_empty() => years::paste(self, text),
            Screen::Meeting(screen) if screen.focus == Pane::Notes && self.overlays.is_empty() => {
                if self.session.read_only.is_some() {
                    self.read_only_refusal();
                    return;
                }
                if let Some(editor) = screen.editor_mut()
                    && editor.paste(text)
                {
                    self.touch_notes();
                }
            }
            _ => {}
        }
    }

    /// Opens the form for a purpose (refused in read-only mode).
    pub fn open_form(&mut self, purpose: Purpose) {
        if self.writable()
            && let Some(form) = dialogs::form_for(self, &purpose)
        {
            self.overlays.push(Overlay::Form(form, purpose));
        }
    }

    /// Opens the export dialog for a meeting; exporting changes nothing, so it is allowed in
    /// read-only mode too.
    pub fn open_export(&mut self, id: MeetingId) {
        let purpose = Purpose::Export(id);
        if let Some(form) = dialogs::form_for(self, &purpose) {
            self.overlays.push(Overlay::Form(form, purpose));
        }
    }

    /// Whether changes are allowed; says why not on the status line.
    pub fn writable(&mut self) -> bool {
        !self.read_only_refusal()
    }

    fn read_only_refusal(&mut self) -> bool {
        match &self.session.read_only {
            Some(reason) => {
                self.status = Status::new(
                    Level::Warning,
                    format!("Lecture seule : rien ne peut être modifié ici ({reason})."),
                );
                true
            }
            None => false,
        }
    }

    /// Saves at once a change the projection shows (a decision, a verdict, the speaker, the
    /// step), so that `copilnum present` follows within a moment.
    fn publish(&mut self) -> Vec<Effect> {
        self.touch_meeting();
        self.save_now()
    }

    fn projection_key(&mut self, command: Option<Command>) -> Vec<Effect> {
        let Screen::Meeting(screen) = &mut self.screen else {
            return Vec::new();
        };
        if let Some(command) = command
            && screen.scroll.command(command)
        {
            return Vec::new();
        }
        let shown = (screen.step_index(), screen.meeting.summary);
        let effects = self.projection_command(command);
        if let Screen::Meeting(screen) = &mut self.screen
            && (screen.step_index(), screen.meeting.summary) != shown
        {
            screen.scroll.reset();
        }
        effects
    }

    fn projection_command(&mut self, command: Option<Command>) -> Vec<Effect> {
        let now = self.clock.now;
        let wall = self.clock.wall;
        let committee = &self.session.committee;
        let read_only = self.session.read_only.is_some();
        let Screen::Meeting(screen) = &mut self.screen else {
            return Vec::new();
        };
        let last = screen.steps.len().saturating_sub(1);
        match command {
            Some(Command::Projection | Command::Close) => {
                screen.projecting = false;
                self.status = Status::new(Level::Info, "Retour à la saisie.");
                if screen.meeting.summary {
                    screen.meeting.summary = false;
                    return self.publish();
                }
            }
            Some(Command::NextStep) if screen.meeting.summary => {
                self.status = Status::new(
                    Level::Info,
                    format!(
                        "Synthèse affichée : {} pour revenir à la dernière étape.",
                        keymap::key_for(keymap::Scope::Projection, Command::PrevStep)
                    ),
                );
            }
            Some(Command::NextStep) if screen.step_index() >= last => {
                screen.meeting.summary = true;
                return self.publish();
            }
            Some(Command::PrevStep) if screen.meeting.summary => {
                screen.meeting.summary = false;
                return self.publish();
            }
            Some(Command::PrevStep | Command::NextStep) => {
                screen.capture_statements(committee);
                if screen.step_by(command == Some(Command::NextStep), now) {
                    return self.publish();
                }
            }
            Some(Command::ToggleTimer) if !read_only => {
                screen.toggle_timer(now, wall);
                return self.publish();
            }
            Some(Command::NextSpeaker | Command::PrevSpeaker) => {
                return self.pass_floor(command == Some(Command::NextSpeaker));
            }
            _ => {
                self.status = Status::new(
                    Level::Info,
                    format!(
                        "Projection en cours : {} pour revenir à la saisie.",
                        keymap::key_for(keymap::Scope::Projection, Command::Projection)
                    ),
                )
            }
        }
        Vec::new()
    }

    /// Takes what the last frame showed.
    fn drawn(&mut self, drawn: Drawn) {
        if let Some(limits) = drawn.scroll {
            self.fit_scroll(limits);
        }
        if let Some((size, top)) = drawn.notes {
            self.fit_notes(size, top);
        }
    }

    /// Takes how far what scrolls on screen (the help, else the projection) scrolls in the
    /// last frame, and the lines it showed.
    fn fit_scroll(&mut self, (limit, page): (u16, u16)) {
        match (self.overlays.last_mut(), &mut self.screen) {
            (Some(Overlay::Help { scroll } | Overlay::Compare { scroll, .. }), _) => {
                scroll.fit(limit, page)
            }
            (None, Screen::Meeting(screen)) if screen.projecting => screen.scroll.fit(limit, page),
            _ => {}
        }
    }

    /// Takes the size of the notes pane in the last frame, and where its first row started.
    /// The runtime sends [`Msg::Drawn`]; the benchmarks of the notes' fast path call this.
    pub fn fit_notes(&mut self, size: (u16, u16), top: notes::Pos) {
        if let Screen::Meeting(screen) = &mut self.screen
            && let Some(editor) = screen.editor_mut()
        {
            editor.shown(size, top);
        }
    }

    /// Notes that the open meeting changed.
    pub fn touch_meeting(&mut self) {
        if self.session.read_only.is_some() {
            return;
        }
        self.unsaved.meeting = true;
        self.journal.meeting = true;
        self.unsaved.since.get_or_insert(self.clock.now);
    }

    /// Notes that only the notes of the open meeting changed (the journal hears of the lines
    /// changed, not of the whole meeting).
    pub fn touch_notes(&mut self) {
        if self.session.read_only.is_some() {
            return;
        }
        self.unsaved.meeting = true;
        self.journal.notes = true;
        self.unsaved.since.get_or_insert(self.clock.now);
    }

    /// Notes that the committee changed.
    pub fn touch_committee(&mut self) {
        if self.session.read_only.is_some() {
            return;
        }
        self.unsaved.committee = true;
        self.journal.committee = true;
        self.unsaved.since.get_or_insert(self.clock.now);
    }

    /// Whether the autosave should run now.
    pub fn save_due(&self, now: Instant) -> bool {
        self.save_due_at().is_some_and(|at| now >= at)
    }

    /// When the autosave runs, if something waits to be saved: [`AUTOSAVE_DELAY`] after the
    /// first change, not before a failed save's retry; never while the committee alone waits
    /// for the report of its save in flight (it goes then), nor where nothing can be written.
    pub fn save_due_at(&self) -> Option<Instant> {
        if self.session.read_only.is_some() || matches!(self.screen, Screen::Onboarding(_)) {
            return None;
        }
        let held =
            self.unsaved.committee && !self.unsaved.meeting && self.committee_in_flight.is_some();
        let at = self.unsaved.since.filter(|_| !held)? + AUTOSAVE_DELAY;
        Some(self.unsaved.retry_at.map_or(at, |retry| retry.max(at)))
    }

    /// What must be written now, if anything; the unsaved marks are cleared. A file whose
    /// last save has not been reported waits for that report (the meeting as it is now is
    /// kept until then, the committee stays unsaved).
    pub fn save_request(&mut self) -> Option<SaveRequest> {
        // Before the onboarding creates the committee, there is nothing of it to write.
        if self.session.read_only.is_some() || matches!(self.screen, Screen::Onboarding(_)) {
            return None;
        }
        let now = self.clock.now;
        let committee_waits = self.unsaved.committee && self.committee_in_flight.is_some();
        let committee =
            (self.unsaved.committee && !committee_waits).then(|| self.session.committee.clone());
        let open = match &mut self.screen {
            Screen::Meeting(screen) => {
                if self.unsaved.meeting {
                    screen.capture_statements(&self.session.committee);
                    screen.flush(now);
                    let copy = Arc::new(screen.copy());
                    // The journal hears of it whole, shared with the save (no copy more): the
                    // lines of notes it hears of next are told from it, and those it kept
                    // since its last whole text are forgotten.
                    screen.forget_notes_changes();
                    self.journal.meeting = false;
                    self.journal.notes = false;
                    self.journal.saved = Some((screen.id, Arc::clone(&copy)));
                    // What waited to be sent of this meeting is older than this.
                    let id = screen.id;
                    self.in_flight
                        .retain(|f| !(f.id == id && f.stage == Stage::Waiting));
                    self.in_flight.push(InFlight {
                        id,
                        meeting: copy,
                        stage: Stage::Waiting,
                    });
                }
                Some(screen.id)
            }
            _ => None,
        };
        let mut meetings = Vec::new();
        for at in 0..self.in_flight.len() {
            let f = &self.in_flight[at];
            let ready = match f.stage {
                Stage::Sent => false,
                // Its screen, open again, holds what is to be saved of it.
                Stage::Failed => Some(f.id) != open,
                Stage::Waiting => true,
            };
            let busy = self
                .in_flight
                .iter()
                .any(|g| g.id == f.id && g.stage == Stage::Sent);
            if ready && !busy {
                meetings.push((f.id, Arc::clone(&f.meeting)));
                self.in_flight[at].stage = Stage::Sent;
            }
        }
        if committee.is_some() {
            self.committee_in_flight.clone_from(&committee);
        }
        self.unsaved = Unsaved {
            committee: committee_waits,
            since: self.unsaved.since.filter(|_| committee_waits),
            ..Unsaved::default()
        };
        (committee.is_some() || !meetings.is_empty()).then_some(SaveRequest {
            committee,
            meetings,
        })
    }

    fn save_now(&mut self) -> Vec<Effect> {
        self.save_request()
            .map(|r| Effect::Save(Box::new(r)))
            .into_iter()
            .collect()
    }

    /// The saver stopped (the application closes): a save it never reported is sent again
    /// (the newest of each meeting only), and so is the committee.
    fn saver_stopped(&mut self) {
        let mut seen = Vec::new();
        for at in (0..self.in_flight.len()).rev() {
            let id = self.in_flight[at].id;
            if seen.contains(&id) {
                self.in_flight.remove(at);
                continue;
            }
            seen.push(id);
            if self.in_flight[at].stage == Stage::Sent {
                self.in_flight[at].stage = Stage::Waiting;
            }
        }
        if self.committee_in_flight.take().is_some() {
            self.unsaved.committee = true;
        }
    }

    /// Takes in the report of a save; returns the saves that waited for it.
    fn saved(&mut self, report: SaveReport) -> Vec<Effect> {
        let mut errors = Vec::new();
        let notices = self.notices.len();
        // Something waited for this report to be sent.
        let mut waited = false;
        if let Some(result) = report.committee {
            let sent = self.committee_in_flight.take();
            match result {
                Ok(Saved::InPlace) => waited |= self.unsaved.committee,
                Ok(Saved::Merged(merged)) => {
                    reconcile::committee_merged(self, sent, *merged);
                    waited |= self.unsaved.committee;
                }
                Ok(Saved::Diverted { copy, reason }) => {
                    reconcile::diverted(self, "comite.ron".into(), copy, &reason);
                    waited |= self.unsaved.committee;
                }
                Err(e) => {
                    errors.push(e);
                    self.unsaved.committee = true;
                }
            }
        }
        let open = match &self.screen {
            Screen::Meeting(screen) => Some(screen.id),
            _ => None,
        };
        for (id, result) in report.meetings {
            let Some(at) = self
                .in_flight
                .iter()
                .position(|f| f.id == id && f.stage == Stage::Sent)
            else {
                continue;
            };
            let done = self.in_flight.remove(at);
            let waiting = |app: &App| {
                app.in_flight
                    .iter()
                    .position(|f| f.id == id && f.stage == Stage::Waiting)
            };
            match result {
                Ok(saved) => {
                    let shown = match saved {
                        Saved::InPlace => done.meeting,
                        Saved::Merged(merged) => {
                            // Ready after the save began, its screen closed since: it takes
                            // the merge too, or it would write over what was merged.
                            if let Some(w) = waiting(self)
                                && open != Some(id)
                            {
                                let rebased = reconcile::rebased(
                                    self,
                                    &done.meeting,
                                    &self.in_flight[w].meeting,
                                    &merged.value,
                                );
                                self.in_flight[w].meeting = Arc::new(rebased);
                            }
                            Arc::new(reconcile::meeting_merged(self, id, &done.meeting, *merged))
                        }
                        Saved::Diverted { copy, reason } => {
                            reconcile::diverted(self, format!("reunions/{id}.ron"), copy, &reason);
                            done.meeting
                        }
                    };
                    self.put_summary(MeetingSummary::of(id, &shown));
                    if let Some(w) = waiting(self) {
                        waited = true;
                        if open == Some(id) {
                            // The screen holds all of it, rebased on the merge: it is taken
                            // again from there.
                            self.in_flight.remove(w);
                            self.touch_meeting();
                        }
                    }
                }
                Err(e) => {
                    errors.push(e);
                    if open == Some(id) {
                        // The screen holds newer data: it is what will be saved again.
                        if let Some(w) = waiting(self) {
                            self.in_flight.remove(w);
                        }
                        self.unsaved.meeting = true;
                    } else if waiting(self).is_none() {
                        self.in_flight.insert(
                            at,
                            InFlight {
                                stage: Stage::Failed,
                                ..done
                            },
                        );
                    }
                }
            }
        }
        let asked = std::mem::take(&mut self.save_asked);
        self.status = if !errors.is_empty() {
            self.unsaved.since.get_or_insert(self.clock.now);
            self.unsaved.retry_at = Some(self.clock.now + RETRY_DELAY);
            Status::passing(
                Level::Error,
                format!(
                    "Enregistrement impossible : {}. Rien n'est perdu : tout reste en mémoire, nouvel essai dans quelques secondes.",
                    errors.join(" ; ")
                ),
            )
        } else if self.notices.len() > notices || self.notices.iter().any(|n| n.diverted) {
            Status::passing(
                Level::Warning,
                "Fichier modifié ailleurs : voir le bandeau.",
            )
        } else if asked || self.status.passing {
            Status::passing(
                Level::Success,
                format!("Enregistré à {}.", self.clock.wall.format("%H:%M:%S")),
            )
        } else {
            self.status.clone()
        };
        if waited && errors.is_empty() {
            self.save_now()
        } else {
            Vec::new()
        }
    }

    /// How the saving stands, for the indicator of the status line.
    pub fn save_state(&self) -> SaveState {
        if self.session.read_only.is_some() {
            SaveState::ReadOnly
        } else if self.notices.iter().any(|n| n.diverted) {
            SaveState::Diverted
        } else if self.unsaved.since.is_some() || !self.in_flight.is_empty() {
            SaveState::Saving
        } else if !self.notices.is_empty() {
            SaveState::Merged
        } else {
            SaveState::Saved
        }
    }

    fn put_summary(&mut self, summary: MeetingSummary) {
        match self
            .session
            .meetings
            .iter_mut()
            .find(|m| m.id == summary.id)
        {
            Some(existing) => *existing = summary,
            None => {
                self.session.meetings.push(summary);
                self.session
                    .meetings
                    .sort_by_key(|m| std::cmp::Reverse(m.id));
            }
        }
    }

    fn meeting_opened(
        &mut self,
        id: MeetingId,
        result: Result<Box<Meeting>, String>,
    ) -> Vec<Effect> {
        match result {
            Ok(mut meeting) => {
                // Its last save not confirmed (still being written, or failed since the
                // screen was left): the file may not hold it yet; it opens as it was left.
                let unconfirmed = self.in_flight.iter().rev().find(|f| f.id == id);
                let left_unsaved = unconfirmed.is_some() && self.session.read_only.is_none();
                if left_unsaved && let Some(f) = unconfirmed {
                    *meeting = (*f.meeting).clone();
                    // The screen holds it now, and saves it (after the retry's delay).
                    self.in_flight
                        .retain(|f| !(f.id == id && f.stage == Stage::Failed));
                }
                self.history.note(id, &meeting);
                self.put_summary(MeetingSummary::of(id, &meeting));
                self.overlays.clear();
                let screen = if self.session.read_only.is_some() {
                    MeetingScreen::following(id, *meeting, self.clock.now, self.clock.wall)
                } else {
                    MeetingScreen::new(id, *meeting)
                };
                self.screen = Screen::Meeting(Box::new(screen));
                if left_unsaved {
                    self.touch_meeting();
                }
                self.status = Status::new(Level::Info, {
                    use keymap::{Scope as S, key_for as k};
                    format!(
                        "Réunion ouverte. {} : notes · {} : décision · {} : objectif · {} : aide.",
                        k(S::Meeting, Command::Notes),
                        k(S::Meeting, Command::RecordDecision),
                        k(S::Meeting, Command::NewObjective),
                        k(S::Everywhere, Command::Help)
                    )
                });
                if let Screen::Meeting(screen) = &self.screen
                    && let Some(warning) = screen.step_warning()
                {
                    self.status = Status::new(Level::Warning, warning);
                }
                if let Some(reason) = &self.session.read_only {
                    self.status = Status::new(Level::Warning, format!("Lecture seule : {reason}"));
                }
                if let Some(status) = self.recovery_status.take() {
                    self.status = status;
                }
                if let Some(opening) = self.opening.take().filter(|o| o.id == id) {
                    opening::apply(self, opening);
                }
                self.restore_draft();
                self.history_effects()
            }
            Err(error) => {
                self.opening = None;
                self.status = Status::new(Level::Error, capitalised(&error));
                Vec::new()
            }
        }
    }

    /// The meeting a read-only copy shows was saved by its editor: the screen follows it. A
    /// reading that fails keeps what is shown (the editor is writing; the next one will do).
    fn meeting_changed(&mut self, id: MeetingId, result: Result<Box<Meeting>, String>) {
        if self.session.read_only.is_none() {
            return;
        }
        let (now, wall) = (self.clock.now, self.clock.wall);
        match (&mut self.screen, result) {
            (Screen::Meeting(screen), Ok(meeting)) if screen.id == id => {
                self.history.note(id, &meeting);
                let summary = MeetingSummary::of(id, &meeting);
                screen.follow(*meeting, now, wall);
                self.put_summary(summary);
            }
            (_, Err(error)) => tracing::warn!(%id, %error, "relecture de la réunion suivie"),
            _ => {}
        }
    }

    /// The meeting a read-only copy shows and follows, if any.
    pub fn followed_meeting(&self) -> Option<MeetingId> {
        match (&self.session.read_only, &self.screen) {
            (Some(_), Screen::Meeting(screen)) => Some(screen.id),
            _ => None,
        }
    }

    /// Asks for the history to be rebuilt with the meetings changed since, if it is time
    /// (with the texts folded for the search while the years screen is open, without them
    /// otherwise).
    fn history_effects(&mut self) -> Vec<Effect> {
        self.history.wants_search = matches!(self.screen, Screen::Years(_));
        let mut unsaved: Vec<(MeetingId, Arc<Meeting>)> = Vec::new();
        // The newest of each meeting.
        for f in self.in_flight.iter().rev() {
            if !unsaved.iter().any(|(id, _)| *id == f.id) {
                unsaved.push((f.id, Arc::clone(&f.meeting)));
            }
        }
        self.history
            .request()
            .map(|mut request| {
                request.unsaved = unsaved;
                Effect::BuildHistory(Box::new(request))
            })
            .into_iter()
            .collect()
    }

    /// Stops the timer of the open meeting and saves it, before the screen changes.
    fn leave_meeting(&mut self) -> Vec<Effect> {
        let now = self.clock.now;
        if let Screen::Meeting(screen) = &mut self.screen {
            let running = screen.timer_since.is_some();
            screen.stop_timer(now);
            screen.projecting = false;
            screen.meeting.summary = false;
            let meeting = screen.snapshot();
            self.history.note(screen.id, &meeting);
            if running {
                self.touch_meeting();
            }
            // What a key said in the meeting gives way to its save on the next screen.
            self.status.passing = true;
        }
        let mut effects = self.save_now();
        effects.extend(self.history_effects());
        effects
    }

    fn go_home(&mut self) -> Vec<Effect> {
        let selected = match &self.screen {
            Screen::Meeting(screen) => self
                .session
                .meetings
                .iter()
                .position(|m| m.id == screen.id)
                .unwrap_or(0),
            _ => Home::new(&self.session.meetings, self.clock.today()).selected,
        };
        let effects = self.leave_meeting();
        if let Screen::Meeting(screen) = &self.screen {
            let summary = MeetingSummary::of(screen.id, &screen.meeting);
            self.put_summary(summary);
        }
        self.screen = Screen::Home(Home { selected });
        effects
    }

    fn request_quit(&mut self) -> Vec<Effect> {
        use keymap::{Scope as S, key_for as k};
        let (enter, esc, quit) = (
            k(S::Form, Command::Activate),
            k(S::Form, Command::Close),
            k(S::Everywhere, Command::Quit),
        );
        if self.overlays.iter().any(|o| matches!(o, Overlay::Form(..))) {
            self.overlays.retain(|o| !matches!(o, Overlay::Help { .. }));
            if let Some(Overlay::Form(form, _)) = self.overlays.last_mut() {
                form.error = Some(format!(
                    "Formulaire en cours : {enter} pour le valider ou {esc} pour l'abandonner, puis {quit}."
                ));
            }
            return Vec::new();
        }
        if let Screen::Onboarding(form) = &mut self.screen
            && form.has_typed_text()
        {
            self.overlays.clear();
            form.error = Some(format!(
                "Le comité n'est pas encore créé : {enter} jusqu'au dernier champ pour le créer, ou {esc} pour partir sans rien garder."
            ));
            return Vec::new();
        }
        self.quit = true;
        self.leave_meeting()
    }
}

/// The text with its first letter in capital.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A key that types a character (AltGr included), as opposed to a command or a movement.
fn is_typed_text(key: &KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    matches!(key.code, KeyCode::Char(_)) && (!ctrl && !alt || ctrl && alt)
}

fn editor_input(screen: &mut MeetingScreen, key: KeyEvent) -> bool {
    screen.editor_mut().is_some_and(|editor| editor.input(key))
}

impl Status {
    /// A status message.
    pub fn new(level: Level, text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            level,
            passing: false,
        }
    }

    /// A status message the next successful save replaces (see [`Status::passing`]).
    pub fn passing(level: Level, text: impl Into<String>) -> Status {
        Status {
            passing: true,
            ..Status::new(level, text)
        }
    }
}
