//! The harness of the update logic's tests, driven headless: keys go in as the `KeyEvent`s a
//! terminal gives, a fixed clock moves only when a test ticks it, and the harness plays the
//! runtime's part (opening and creating meetings from an in-memory "disk", recording the saves
//! the application asks for, and reporting how they went when a test says so). Tests use it
//! with `use common::harness::*;`, which also brings the keys and the types they name.

// A prelude: each test file names a part of what it brings.
#![allow(unused_imports)]

pub use super::keys::*;
pub use super::today;

pub use std::path::PathBuf;
pub use std::time::{Duration, Instant};

pub use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
pub use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use std::sync::Arc;

pub use copilnum::app::dialogs::{Confirmation, Purpose};
pub use copilnum::app::form::{FieldKind, Form};
pub use copilnum::app::history::History;
pub use copilnum::app::home::MeetingSummary;
pub use copilnum::app::keymap::Context;
pub use copilnum::app::meeting::{MeetingScreen, Pane};
pub use copilnum::app::{
    AUTOSAVE_DELAY, App, Clock, Drawn, Effect, Level, Msg, Overlay, RETRY_DELAY, SaveReport,
    SaveRequest, Screen, Session, roster,
};
pub use copilnum::app::{SaveState, reconcile};
pub use copilnum::catalog::Catalog;
pub use copilnum::catalog::{AgendaTemplate, Template};
pub use copilnum::export::{ExportRequest, Exported, Format, Wanted};
pub use copilnum::model::agenda::item_at;
pub use copilnum::model::prepare::{Handover, MeetingPlan, prepare};
pub use copilnum::model::{
    Committee, Decision, Domain, Meeting, MeetingId, MeetingKind, MemberId, NextMeeting,
    ObjectiveId, Outcome, Presence, PriorityAxis, Role, StepKind,
};
pub use copilnum::sample::{self, Sample};
pub use copilnum::store::{MergedSave, Saved};

// ---------------------------------------------------------------------------------------------
// Fixed dates.

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn morning() -> NaiveDateTime {
    today().and_hms_opt(9, 0, 0).unwrap()
}

/// The sample's meetings: the past one, then the upcoming one (2026-12-01).
pub fn sample_data() -> Sample {
    sample::sample(today())
}

pub fn upcoming_id() -> MeetingId {
    MeetingId::new(day(2026, 12, 1))
}

// ---------------------------------------------------------------------------------------------
// The harness: plays the runtime.

/// What the application asked the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Save(Box<SaveRequest>),
    Open(MeetingId),
    Create(MeetingPlan),
    Compare,
    CreateCommittee(Box<Committee>),
    Export(Box<ExportRequest>),
    BuildHistory,
    SaveTemplate(Template, Box<AgendaTemplate>),
    Journal,
}

pub struct Harness {
    pub app: App,
    pub start: Instant,
    pub elapsed: Duration,
    /// The meetings "on disk", oldest first.
    pub disk: Vec<(MeetingId, Meeting)>,
    /// The committee "on disk".
    pub disk_committee: Committee,
    /// Every save asked for, in order.
    pub saves: Vec<SaveRequest>,
    /// Saves asked for and not reported on yet (only while saves are held).
    pub pending: Vec<SaveRequest>,
    /// Whether saves wait for [`Harness::ack`] or [`Harness::fail`]; otherwise each one is
    /// written and reported at once, as the runtime's saver does in a moment.
    pub hold: bool,
    /// What the last message (or typed text) made the application ask for.
    pub last: Vec<Done>,
    /// Why creating the committee fails, if it does (as a folder that cannot be written).
    pub refuse_creation: Option<String>,
}

impl Harness {
    /// The sample committee on its home screen, as the runtime starts it: summaries known only
    /// by their file names first, then read.
    pub fn new() -> Harness {
        Harness::with(sample_data(), None)
    }

    pub fn read_only(reason: &str) -> Harness {
        Harness::with(sample_data(), Some(reason.to_string()))
    }

    pub fn with(sample: Sample, read_only: Option<String>) -> Harness {
        let start = Instant::now();
        let clock = Clock {
            now: start,
            wall: morning(),
        };
        let unread = sample
            .meetings
            .iter()
            .rev()
            .map(|(id, _)| MeetingSummary::unread(*id))
            .collect();
        let session = Session {
            committee: sample.committee.clone(),
            catalog: Catalog::builtin(),
            meetings: unread,
            read_only,
            folder: "comite".into(),
        };
        let mut h = Harness {
            app: App::new(session, clock),
            start,
            elapsed: Duration::ZERO,
            disk: sample.meetings.clone(),
            disk_committee: sample.committee.clone(),
            saves: Vec::new(),
            pending: Vec::new(),
            hold: false,
            last: Vec::new(),
            refuse_creation: None,
        };
        let summaries = sample
            .meetings
            .iter()
            .map(|(id, m)| MeetingSummary::of(*id, m))
            .collect();
        h.send(Msg::Summaries(summaries));
        // As the runtime does: every meeting read, then the history built from them.
        let history = History::build(
            sample
                .meetings
                .iter()
                .map(|(id, m)| (*id, Arc::new(m.clone())))
                .collect(),
            Vec::new(),
        );
        h.send(Msg::HistoryBuilt(Box::new(history)));
        h
    }

    /// First run on an empty folder.
    pub fn onboarding() -> Harness {
        let start = Instant::now();
        let clock = Clock {
            now: start,
            wall: morning(),
        };
        Harness {
            app: App::onboarding(Catalog::builtin(), "nouveau".into(), clock),
            start,
            elapsed: Duration::ZERO,
            disk: Vec::new(),
            disk_committee: Committee::new("", "", "", ""),
            saves: Vec::new(),
            pending: Vec::new(),
            hold: false,
            last: Vec::new(),
            refuse_creation: None,
        }
    }

    pub fn clock(&self) -> Clock {
        Clock {
            now: self.start + self.elapsed,
            wall: morning() + chrono::Duration::from_std(self.elapsed).unwrap(),
        }
    }

    pub fn now(&self) -> Instant {
        self.start + self.elapsed
    }

    /// Lets time pass, and tells the application.
    pub fn advance(&mut self, by: Duration) {
        self.elapsed += by;
        self.send(Msg::Tick(self.clock()));
    }

    pub fn send(&mut self, msg: Msg) {
        self.last.clear();
        self.run(msg);
    }

    pub fn run(&mut self, msg: Msg) {
        let effects = self.app.update(msg);
        for effect in effects {
            match effect {
                Effect::Save(request) => {
                    self.saves.push((*request).clone());
                    self.last.push(Done::Save(request.clone()));
                    if self.hold {
                        self.pending.push(*request);
                    } else {
                        self.write(&request);
                        self.run(Msg::Saved(super::driver::report(&request, None)));
                    }
                }
                Effect::OpenMeeting(id) => {
                    self.last.push(Done::Open(id));
                    let result = self
                        .disk
                        .iter()
                        .find(|(other, _)| *other == id)
                        .map(|(_, m)| Box::new(m.clone()))
                        .ok_or_else(|| "fichier introuvable".to_string());
                    self.run(Msg::MeetingOpened(id, result));
                }
                Effect::Compare => self.last.push(Done::Compare),
                Effect::Journal(_) => self.last.push(Done::Journal),
                Effect::BuildHistory(request) => {
                    self.last.push(Done::BuildHistory);
                    self.run(Msg::HistoryBuilt(Box::new(request.build())));
                }
                Effect::SaveTemplate(which, template) => {
                    self.last.push(Done::SaveTemplate(which, template))
                }
                Effect::Export(request) => self.last.push(Done::Export(request)),
                Effect::CreateMeeting(plan) => {
                    self.last.push(Done::Create(plan.clone()));
                    let ids: Vec<MeetingId> = self.disk.iter().map(|(id, _)| *id).collect();
                    let id = MeetingId::free_on(plan.date, &ids);
                    let refs: Vec<(MeetingId, &Meeting)> =
                        self.disk.iter().map(|(id, m)| (*id, m)).collect();
                    let handover = Handover::for_meeting(id, &refs);
                    let agenda = self
                        .app
                        .session
                        .catalog
                        .agenda_for_kind(handover.is_first(), &plan.kind);
                    let meeting = prepare(&plan, agenda, &handover);
                    self.disk.push((id, meeting.clone()));
                    self.disk.sort_by_key(|(id, _)| *id);
                    self.run(Msg::MeetingOpened(id, Ok(Box::new(meeting))));
                }
                Effect::CreateCommittee(committee) => {
                    self.last.push(Done::CreateCommittee(committee.clone()));
                    let result = match &self.refuse_creation {
                        Some(reason) => Err(reason.clone()),
                        None => {
                            self.disk_committee = (*committee).clone();
                            Ok(committee)
                        }
                    };
                    self.run(Msg::CommitteeCreated(result));
                }
            }
        }
    }

    pub fn press(&mut self, key: KeyEvent) {
        self.send(Msg::Key(key));
    }

    pub fn presses(&mut self, keys: &[KeyEvent]) {
        let mut all = Vec::new();
        for k in keys {
            self.press(*k);
            all.append(&mut self.last);
        }
        self.last = all;
    }

    pub fn type_text(&mut self, text: &str) {
        let keys: Vec<KeyEvent> = text.chars().map(typed).collect();
        self.presses(&keys);
    }

    pub fn paste(&mut self, text: &str) {
        self.send(Msg::Paste(text.to_string()));
    }

    /// The saves of the last message.
    pub fn last_saves(&self) -> Vec<&SaveRequest> {
        self.last
            .iter()
            .filter_map(|d| match d {
                Done::Save(r) => Some(&**r),
                _ => None,
            })
            .collect()
    }

    /// The one save the last message asked for, with its meeting.
    pub fn last_saved_meeting(&self) -> &Meeting {
        let saves = self.last_saves();
        assert_eq!(saves.len(), 1, "one save expected, got {:?}", self.last);
        let (id, meeting) = saves[0].meetings.first().expect("the meeting is saved");
        assert_eq!(*id, self.meeting().id);
        meeting
    }

    /// The member on line `row` of the roster, `id`, leaves the committee (archived after
    /// confirming); then the upcoming meeting is open again.
    pub fn member_leaves(&mut self, row: usize, id: MemberId) {
        self.press(fkey(6));
        self.ack();
        for _ in 0..row {
            self.press(down());
        }
        self.press(suppr());
        self.press(enter());
        let member = self.app.session.committee.member(id).unwrap();
        assert!(member.archived, "{} archived", member.name);
        self.ack();
        self.press(fkey(9));
        self.open_upcoming();
    }

    /// What the home list says of a meeting.
    pub fn summary(&self, id: MeetingId) -> &MeetingSummary {
        self.app
            .session
            .meetings
            .iter()
            .find(|m| m.id == id)
            .expect("the meeting on the home list")
    }

    /// Holds the saves asked for from now on, until [`Harness::ack`] or [`Harness::fail`]:
    /// to see what happens while one is in flight.
    pub fn hold_saves(&mut self) {
        self.hold = true;
    }

    /// Writes a save to the "disk".
    fn write(&mut self, request: &SaveRequest) {
        if let Some(c) = &request.committee {
            self.disk_committee = c.clone();
        }
        for (id, m) in &request.meetings {
            match self.disk.iter_mut().find(|(other, _)| other == id) {
                Some(slot) => slot.1 = (**m).clone(),
                None => self.disk.push((*id, (**m).clone())),
            }
        }
    }

    /// Writes the pending saves to the "disk" and reports success.
    pub fn ack(&mut self) {
        for request in std::mem::take(&mut self.pending) {
            self.write(&request);
            self.send(Msg::Saved(super::driver::report(&request, None)));
        }
    }

    /// Reports that every pending save failed, with that French error.
    pub fn fail(&mut self, error: &str) {
        for request in std::mem::take(&mut self.pending) {
            self.send(Msg::Saved(super::driver::report(&request, Some(error))));
        }
    }

    // --- what is on screen

    pub fn screen_name(&self) -> &'static str {
        match &self.app.screen {
            Screen::Onboarding(_) => "onboarding",
            Screen::Home(_) => "home",
            Screen::Roster(_) => "roster",
            Screen::Meeting(_) => "meeting",
            Screen::Years(_) => "years",
        }
    }

    pub fn home_selected(&self) -> usize {
        match &self.app.screen {
            Screen::Home(home) => home.selected,
            _ => panic!("not on the home screen but on {}", self.screen_name()),
        }
    }

    pub fn roster_selected(&self) -> usize {
        match &self.app.screen {
            Screen::Roster(r) => r.selected,
            _ => panic!("not on the roster but on {}", self.screen_name()),
        }
    }

    pub fn meeting(&self) -> &MeetingScreen {
        match &self.app.screen {
            Screen::Meeting(m) => m,
            _ => panic!("not in a meeting but on {}", self.screen_name()),
        }
    }

    pub fn notes(&self) -> String {
        self.meeting()
            .editor()
            .map(|e| e.text())
            .unwrap_or_default()
    }

    pub fn status(&self) -> &str {
        &self.app.status.text
    }

    pub fn open_upcoming(&mut self) {
        assert_eq!(self.screen_name(), "home");
        let at = self
            .app
            .session
            .meetings
            .iter()
            .position(|m| m.id == upcoming_id())
            .unwrap();
        while self.home_selected() > at {
            self.press(up());
        }
        while self.home_selected() < at {
            self.press(down());
        }
        self.press(enter());
        assert_eq!(self.meeting().id, upcoming_id());
    }

    /// Goes to a step with F7/F8.
    pub fn go_to_step(&mut self, index: usize) {
        while self.meeting().step_index() < index {
            self.press(fkey(8));
        }
        while self.meeting().step_index() > index {
            self.press(fkey(7));
        }
    }

    /// The index of the first step of that kind.
    pub fn step_of(&self, kind: StepKind) -> usize {
        let screen = self.meeting();
        screen
            .steps
            .iter()
            .position(|s| item_at(&screen.meeting.agenda, s.path).unwrap().kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} step"))
    }

    /// Goes with F7/F8 to the first step of that kind.
    pub fn go_to_kind(&mut self, kind: StepKind) {
        let index = self.step_of(kind);
        self.go_to_step(index);
        assert_eq!(self.meeting().kind(), kind);
    }

    /// Tab until that pane has the focus.
    pub fn focus_pane(&mut self, pane: Pane) {
        for _ in 0..10 {
            if self.meeting().focus == pane {
                return;
            }
            self.press(tab());
        }
        panic!("{pane:?} never got the focus");
    }

    // --- forms

    pub fn form(&self) -> &Form {
        match (self.app.overlays.last(), &self.app.screen) {
            (Some(Overlay::Form(form, _)), _) => form,
            (None, Screen::Onboarding(form)) => form,
            _ => panic!("no form open"),
        }
    }

    pub fn form_open(&self) -> bool {
        matches!(self.app.overlays.last(), Some(Overlay::Form(..)))
    }

    pub fn purpose(&self) -> Option<&Purpose> {
        match self.app.overlays.last() {
            Some(Overlay::Form(_, purpose)) => Some(purpose),
            _ => None,
        }
    }

    pub fn confirmation(&self) -> Option<Confirmation> {
        match self.app.overlays.last() {
            Some(Overlay::Confirm(c)) => Some(*c),
            _ => None,
        }
    }

    pub fn field_index(&self, name: &str) -> usize {
        self.form()
            .fields
            .iter()
            .position(|f| f.name == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    pub fn error(&self, name: &str) -> Option<String> {
        self.form().fields[self.field_index(name)].error.clone()
    }

    pub fn errors(&self) -> Vec<(&'static str, String)> {
        self.form()
            .fields
            .iter()
            .filter_map(|f| f.error.clone().map(|e| (f.name, e)))
            .collect()
    }

    pub fn focus_field(&mut self, name: &str) {
        let i = self.field_index(name);
        for _ in 0..=self.form().fields.len() {
            if self.form().focus == i {
                return;
            }
            self.press(tab());
        }
        panic!("field {name} never got the focus");
    }

    /// Replaces the text of a text field by typing.
    pub fn fill(&mut self, name: &str, text: &str) {
        self.focus_field(name);
        assert!(self.form().focus_is_text(), "{name} is not a text field");
        self.press(key(KeyCode::End));
        for _ in 0..self.form().value(name).chars().count() {
            self.press(key(KeyCode::Backspace));
        }
        self.type_text(text);
        assert_eq!(self.form().value(name), text);
    }

    /// Selects an option of a choice field with → .
    pub fn choose(&mut self, name: &str, value: &str) {
        self.focus_field(name);
        let count = match &self.form().fields[self.field_index(name)].kind {
            FieldKind::Choice(c) => c.options.len(),
            FieldKind::Text(_) => panic!("{name} is not a choice"),
        };
        for _ in 0..=count {
            if self.form().value(name) == value {
                return;
            }
            self.press(key(KeyCode::Right));
        }
        panic!("no option {value} in {name}");
    }

    /// Entrée on the last field.
    pub fn submit(&mut self) {
        let last = self.form().fields.len() - 1;
        for _ in 0..=last {
            if self.form().focus == last {
                break;
            }
            self.press(tab());
        }
        self.press(enter());
    }
}

pub fn save_of(done: &Done) -> Option<&SaveRequest> {
    match done {
        Done::Save(r) => Some(&**r),
        _ => None,
    }
}

// =============================================================================================

// ---------------------------------------------------------------------------------------------
// Helpers of several screens' tests.

/// The pane a step opens on: the tour de table on the attendance, the review on its list, the
/// others on the notes.
pub fn opening_pane(kind: StepKind) -> Pane {
    match kind {
        StepKind::RoundTable => Pane::Attendance,
        StepKind::Review => Pane::Review,
        _ => Pane::Notes,
    }
}

/// The keys a terminal in raw mode sends for text pasted without bracketed paste: CR arrives
/// as Entrée, LF as Ctrl+J.
pub fn raw_keys(text: &str) -> Vec<KeyEvent> {
    text.chars()
        .map(|c| match c {
            '\r' => enter(),
            '\n' => ctrl('j'),
            c => typed(c),
        })
        .collect()
}

pub fn all_sample_objective_ids() -> Vec<u32> {
    sample_data()
        .meetings
        .iter()
        .flat_map(|(_, m)| m.objectives.iter().map(|o| o.id.0))
        .collect()
}

impl Harness {
    /// The export the last message asked for.
    pub fn last_export(&self) -> Option<&ExportRequest> {
        self.last.iter().find_map(|d| match d {
            Done::Export(r) => Some(&**r),
            _ => None,
        })
    }
}

pub fn past_id() -> MeetingId {
    sample_data().meetings[0].0
}

/// The upcoming meeting's agenda editor, opened from home with F2.
pub fn agenda_editor() -> Harness {
    let mut h = Harness::new();
    h.press(fkey(2));
    assert_eq!(h.last.first(), Some(&Done::Open(upcoming_id())));
    assert!(matches!(h.app.overlays.last(), Some(Overlay::Agenda(_))));
    h
}

pub fn titles(h: &Harness) -> Vec<String> {
    let agenda = &h.meeting().meeting.agenda;
    copilnum::app::agenda::rows(agenda)
        .into_iter()
        .map(|p| {
            let item = item_at(agenda, p).unwrap();
            match p.1 {
                None => item.title.clone(),
                Some(_) => format!("  {}", item.title),
            }
        })
        .collect()
}
