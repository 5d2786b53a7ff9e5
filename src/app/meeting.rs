//! The state of an open meeting — current step, focused pane, notes editors, list cursors,
//! step timer — and the operations on it. Time comes in as arguments, never from the clock.

use std::time::Instant;

use chrono::NaiveDateTime;

use super::cursor;
use super::keymap::Command;
use super::notes::{LineChange, NotesEditor};
use super::scroll::Scroll;
use crate::codec;
use crate::model::agenda::{item_at, item_at_mut};
use crate::model::lineage::{self, CarryChange};
use crate::model::{
    AgendaItem, Attendance, Committee, Decision, Meeting, MeetingId, Member, MemberId, Objective,
    ObjectiveId, Outcome, Presence, Step, StepKind,
};

/// The panes of the meeting screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The secretary's notes of the step.
    Notes,
    /// The step's decisions.
    Decisions,
    /// Attendance and, during the tour de table, who speaks.
    Attendance,
    /// The objectives set at this meeting.
    Objectives,
    /// Evaluation of the previous meeting's objectives.
    Review,
    /// The year's priority axis and its coordinator.
    Axis,
    /// Date of the next meeting.
    NextMeeting,
}

impl Pane {
    /// French title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Notes => "Notes",
            Pane::Decisions => "Décisions",
            Pane::Attendance => "Présences",
            Pane::Objectives => "Objectifs",
            Pane::Review => "Bilan des objectifs",
            Pane::Axis => "Axe prioritaire",
            Pane::NextMeeting => "Prochaine réunion",
        }
    }
}

/// An open meeting.
#[derive(Debug)]
pub struct MeetingScreen {
    /// Its name.
    pub id: MeetingId,
    /// The meeting; notes live in the editors until [`MeetingScreen::flush`].
    pub meeting: Meeting,
    /// The steps of its agenda.
    pub steps: Vec<Step>,
    /// The pane with the keyboard.
    pub focus: Pane,
    /// One editor per step, made when the step is first shown.
    editors: Vec<Option<NotesEditor>>,
    /// Selected line of each list pane.
    pub cursors: Cursors,
    /// When the step timer was last started, if it runs.
    pub timer_since: Option<Instant>,
    /// Whether the screen shows the projection (F5) instead of the panes.
    pub projecting: bool,
    /// How far the projection's text is scrolled.
    pub scroll: Scroll,
}

/// The selected line of each list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursors {
    /// In the step's decisions.
    pub decision: usize,
    /// In the attendance list (also the tour de table's speaker).
    pub attendee: usize,
    /// In the objectives.
    pub objective: usize,
    /// In the evaluations.
    pub evaluation: usize,
}

/// Why an operation did nothing, in French, for the status line.
pub type Refusal = String;

impl MeetingScreen {
    /// Opens a meeting on its current step.
    pub fn new(id: MeetingId, meeting: Meeting) -> MeetingScreen {
        let steps = meeting.steps();
        let mut screen = MeetingScreen {
            id,
            editors: (0..steps.len()).map(|_| None).collect(),
            steps,
            meeting,
            focus: Pane::Notes,
            cursors: Cursors::default(),
            timer_since: None,
            projecting: false,
            scroll: Scroll::default(),
        };
        // A timer cannot still run in a meeting just opened: only this screen runs it.
        screen.meeting.timer_started_at = None;
        // A current step outside the agenda (a hand edit) is shown as the last step, but kept
        // as the file has it until the facilitator changes step: see `step_warning`.
        screen.ensure_editor();
        screen.focus = screen.default_pane();
        screen
    }

    /// Opens a meeting that another copilnum edits (a read-only copy): its timer, when the
    /// file says it runs, runs here too, from when the editor started it.
    pub fn following(
        id: MeetingId,
        meeting: Meeting,
        now: Instant,
        wall: NaiveDateTime,
    ) -> MeetingScreen {
        let started = meeting.timer_started_at;
        let mut screen = MeetingScreen::new(id, meeting);
        screen.meeting.timer_started_at = started;
        screen.run_timer_as_saved(now, wall);
        screen
    }

    /// Takes a new reading of the file of a meeting another copilnum edits: what it shows
    /// (step, attendance, speaker, decisions, notes, timer) follows the editor; the focus stays
    /// where it is unless the editor moved to another step.
    pub fn follow(&mut self, meeting: Meeting, now: Instant, wall: NaiveDateTime) {
        let moved = meeting.current_step != self.meeting.current_step;
        self.adopt(meeting);
        if moved {
            self.cursors.decision = 0;
            self.focus = self.default_pane();
        }
        self.run_timer_as_saved(now, wall);
    }

    /// Runs the timer as the file says the editor runs it: from `timer_started_at`, on the
    /// current step (the seconds before it are in the step's `spent_seconds`).
    fn run_timer_as_saved(&mut self, now: Instant, wall: NaiveDateTime) {
        self.timer_since = self.meeting.timer_started_at.map(|start| {
            let running = (wall - start).to_std().unwrap_or_default();
            now.checked_sub(running).unwrap_or(now)
        });
    }

    /// Index of the current step: the file's, or the last step when the file's is outside
    /// the agenda.
    pub fn step_index(&self) -> usize {
        self.meeting
            .current_step
            .min(self.steps.len().saturating_sub(1))
    }

    /// What to tell when the file's current step is outside the agenda (in French): the last
    /// step is shown, and the file keeps its value until the facilitator changes step.
    pub fn step_warning(&self) -> Option<String> {
        let count = self.steps.len();
        (self.meeting.current_step >= count.max(1)).then(|| {
            format!(
                "L'étape {} du fichier n'existe pas : {} ; le fichier garde ce numéro tant que vous ne changez pas d'étape.",
                self.meeting.current_step.saturating_add(1),
                if count == 0 {
                    "l'ordre du jour est vide".to_string()
                } else {
                    format!("voici la dernière ({count})")
                }
            )
        })
    }

    /// The current step, if the agenda has any.
    pub fn step(&self) -> Option<&Step> {
        self.steps.get(self.step_index())
    }

    /// The agenda point of the current step.
    pub fn item(&self) -> Option<&AgendaItem> {
        self.step()
            .and_then(|s| item_at(&self.meeting.agenda, s.path))
    }

    fn item_mut(&mut self) -> Option<&mut AgendaItem> {
        let path = self.steps.get(self.step_index())?.path;
        item_at_mut(&mut self.meeting.agenda, path)
    }

    /// What the current step is for.
    pub fn kind(&self) -> StepKind {
        self.item().map_or(StepKind::Discussion, |i| i.kind)
    }

    /// The notes editor of the current step.
    pub fn editor(&self) -> Option<&NotesEditor> {
        self.editors.get(self.step_index()).and_then(Option::as_ref)
    }

    /// The notes editor of the current step, to type into.
    pub fn editor_mut(&mut self) -> Option<&mut NotesEditor> {
        self.ensure_editor();
        let i = self.step_index();
        self.editors.get_mut(i).and_then(Option::as_mut)
    }

    fn ensure_editor(&mut self) {
        let i = self.step_index();
        if self.editors.get(i).is_some_and(Option::is_none) {
            let text = self
                .item()
                .map(|item| item.notes.clone())
                .unwrap_or_default();
            self.editors[i] = Some(NotesEditor::new(&text));
        }
    }

    /// The pane this step opens on: its own pane if it has one, else the notes.
    pub fn step_pane(&self) -> Option<Pane> {
        match self.kind() {
            StepKind::Discussion => None,
            StepKind::RoundTable => Some(Pane::Attendance),
            StepKind::Review => Some(Pane::Review),
            StepKind::PriorityAxis => Some(Pane::Axis),
            StepKind::Objectives => Some(Pane::Objectives),
            StepKind::NextMeeting => Some(Pane::NextMeeting),
        }
    }

    fn default_pane(&self) -> Pane {
        match self.kind() {
            StepKind::RoundTable | StepKind::Review => self.step_pane().unwrap_or(Pane::Notes),
            _ => Pane::Notes,
        }
    }

    /// The panes Tab goes through, in order.
    /// Every pane is on the way (the step's own first), so that Tab reaches each of them.
    pub fn panes(&self) -> Vec<Pane> {
        let mut panes = vec![Pane::Notes, Pane::Decisions];
        if let Some(p) = self.step_pane() {
            panes.push(p);
        }
        let review = !self.meeting.evaluations.is_empty();
        for p in [
            Pane::Attendance,
            Pane::Objectives,
            Pane::Review,
            Pane::Axis,
            Pane::NextMeeting,
        ] {
            if !panes.contains(&p) && (p != Pane::Review || review) {
                panes.push(p);
            }
        }
        panes
    }

    /// Moves the keyboard to the next (or previous) pane.
    pub fn cycle_pane(&mut self, forward: bool) {
        let panes = self.panes();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        let n = panes.len();
        self.focus = panes[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// Goes to the next step, or the previous one; returns whether the step changed.
    pub fn step_by(&mut self, forward: bool, now: Instant) -> bool {
        let index = self.step_index();
        let target = if forward {
            index + 1
        } else {
            index.saturating_sub(1)
        };
        self.go_to_step(target, now)
    }

    /// Goes to another step: the timer's time goes to the step it ran on, and keeps running
    /// on the new one if it was running.
    pub fn go_to_step(&mut self, index: usize, now: Instant) -> bool {
        if index >= self.steps.len() || index == self.step_index() {
            return false;
        }
        self.settle_timer(now);
        self.meeting.current_step = index;
        self.ensure_editor();
        self.cursors.decision = 0;
        self.focus = self.default_pane();
        true
    }

    /// Shows a step (from a search): its pane with the keyboard, the notes cursor on `line`
    /// when it is the notes that are shown. The timer is left as it is.
    pub fn show(&mut self, step: usize, pane: Pane, line: Option<usize>, now: Instant) {
        self.go_to_step(step.min(self.steps.len().saturating_sub(1)), now);
        let i = self.step_index();
        if let Some(line) = line
            && let Some(slot) = self.editors.get_mut(i)
        {
            let text = match slot {
                Some(editor) => editor.text(),
                None => String::new(),
            };
            *slot = Some(NotesEditor::at(&text, (line, 0)));
        }
        if self.panes().contains(&pane) {
            self.focus = pane;
        }
    }

    /// Changes the agenda (the agenda editor): what the notes editors hold is put in first,
    /// then the steps are counted again and the current step kept inside the agenda.
    pub fn edit_agenda<R>(
        &mut self,
        now: Instant,
        change: impl FnOnce(&mut Vec<AgendaItem>) -> R,
    ) -> R {
        self.flush(now);
        let result = change(&mut self.meeting.agenda);
        // Points may have moved: every editor starts again from the notes in the agenda.
        self.steps = self.meeting.steps();
        self.editors = (0..self.steps.len()).map(|_| None).collect();
        self.meeting.current_step = self
            .meeting
            .current_step
            .min(self.steps.len().saturating_sub(1));
        self.ensure_editor();
        self.focus = self.default_pane();
        result
    }

    /// Starts or pauses the step timer; the first start also starts the meeting clock.
    pub fn toggle_timer(&mut self, now: Instant, wall: NaiveDateTime) {
        if self.timer_since.is_some() {
            self.settle_timer(now);
            self.timer_since = None;
            self.meeting.timer_started_at = None;
        } else {
            self.timer_since = Some(now);
            self.meeting.timer_started_at = Some(wall);
            self.meeting.started_at.get_or_insert(wall);
        }
    }

    /// Stops the timer, its time counted (when leaving the meeting).
    pub fn stop_timer(&mut self, now: Instant) {
        self.settle_timer(now);
        self.timer_since = None;
        self.meeting.timer_started_at = None;
    }

    /// Adds the time run since the last settling to the current step.
    fn settle_timer(&mut self, now: Instant) {
        if let Some(since) = self.timer_since {
            let elapsed = now.saturating_duration_since(since).as_secs();
            let whole = u32::try_from(elapsed).unwrap_or(u32::MAX);
            if let Some(item) = self.item_mut() {
                item.spent_seconds = item.spent_seconds.saturating_add(whole);
            }
            self.timer_since = Some(since + std::time::Duration::from_secs(elapsed));
            let advanced = chrono::TimeDelta::seconds(i64::try_from(elapsed).unwrap_or(i64::MAX));
            self.meeting.timer_started_at = self
                .meeting
                .timer_started_at
                .and_then(|t| t.checked_add_signed(advanced));
        }
    }

    /// Seconds spent on a step, counting the running timer.
    pub fn spent_seconds(&self, step: usize, now: Instant) -> u64 {
        let Some(item) = self
            .steps
            .get(step)
            .and_then(|s| item_at(&self.meeting.agenda, s.path))
        else {
            return 0;
        };
        let running = match self.timer_since {
            Some(since) if step == self.step_index() => {
                now.saturating_duration_since(since).as_secs()
            }
            _ => 0,
        };
        u64::from(item.spent_seconds) + running
    }

    /// The lines of notes changed since the journal last heard of them, with the path of
    /// their agenda point; they are forgotten here. Costs the lines changed.
    pub fn take_notes_changes(&mut self) -> Vec<((usize, Option<usize>), LineChange)> {
        self.editors
            .iter_mut()
            .zip(&self.steps)
            .filter_map(|(editor, step)| Some((step.path, editor.as_mut()?.take_changes()?)))
            .collect()
    }

    /// Forgets the lines of notes changed: the journal heard of the whole meeting.
    pub fn forget_notes_changes(&mut self) {
        for editor in self.editors.iter_mut().flatten() {
            editor.forget_changes();
        }
    }

    /// Puts what the editors and the timer hold into the meeting, ready to be saved.
    pub fn flush(&mut self, now: Instant) {
        self.settle_timer(now);
        put_notes(&self.editors, &self.steps, &mut self.meeting);
    }

    /// A copy of the meeting as it is (after [`MeetingScreen::flush`]), for the journal or
    /// the saver. Large notes are given room up to the next mebibyte (see [`codec::room`]):
    /// the block each copy frees is the size of the next one, a little longer, and is used
    /// again. They are set aside while the rest is cloned, so they are copied once.
    pub fn copy(&mut self) -> Meeting {
        let mut large = Vec::new();
        for (i, notes) in notes_mut(&mut self.meeting.agenda).into_iter().enumerate() {
            if notes.len() >= codec::ROOM_STEP {
                large.push((i, std::mem::take(notes)));
            }
        }
        let mut copy = self.meeting.clone();
        let mut originals = notes_mut(&mut self.meeting.agenda);
        let mut copies = notes_mut(&mut copy.agenda);
        for (i, text) in large {
            let mut room = String::with_capacity(codec::room(text.len()));
            room.push_str(&text);
            *copies[i] = room;
            *originals[i] = text;
        }
        copy
    }

    /// A copy of the meeting with what the editors hold, the timer untouched: what an export
    /// shows of the meeting being typed.
    pub fn snapshot(&self) -> Meeting {
        let mut meeting = self.meeting.clone();
        put_notes(&self.editors, &self.steps, &mut meeting);
        meeting
    }

    /// Takes a version of the meeting merged with one saved elsewhere (the editors' text and
    /// the timer already in it, see [`MeetingScreen::flush`]). Editors whose text changed
    /// start again on the new text with the cursor on the same line of what was typed; if the
    /// agenda changed shape, every editor starts again.
    pub fn adopt(&mut self, meeting: Meeting) {
        let steps = meeting.steps();
        if steps != self.steps {
            self.editors = (0..steps.len()).map(|_| None).collect();
        } else {
            for (editor, step) in self.editors.iter_mut().zip(&steps) {
                let Some(notes) = item_at(&meeting.agenda, step.path).map(|i| &i.notes) else {
                    continue;
                };
                if let Some(old) = editor
                    && old.text() != *notes
                {
                    let (line, col) = old.cursor();
                    let line = moved_line(&old.text(), notes, line);
                    *old = NotesEditor::at(notes, (line, col));
                }
            }
        }
        self.steps = steps;
        self.meeting = meeting;
        self.meeting.current_step = self
            .meeting
            .current_step
            .min(self.steps.len().saturating_sub(1));
        self.ensure_editor();
    }

    /// The decision the notes line under the cursor would make: its text without a bullet
    /// or a private mark (`None` if the line is empty).
    pub fn decision_candidate(&self) -> Option<String> {
        let line = decision_text(self.editor()?.current_line());
        (!line.is_empty()).then(|| line.to_string())
    }

    /// Whether the notes line under the cursor can become a decision of the step (it holds
    /// text that is not one of them yet). Asked at each key for the footer: it copies nothing,
    /// whatever the length of the line.
    pub fn can_record_decision(&self) -> bool {
        let line = self
            .editor()
            .map_or("", |e| decision_text(e.current_line()));
        !line.is_empty() && !self.decisions().iter().any(|d| d.text == line)
    }

    /// Records the notes line under the cursor as a decision of the step.
    pub fn record_decision(&mut self) -> Result<(), Refusal> {
        let Some(line) = self.decision_candidate() else {
            return Err(format!(
                "La ligne de notes sous le curseur est vide : écrivez la décision, puis {}.",
                super::keymap::key_for(super::keymap::Scope::Meeting, Command::RecordDecision)
            ));
        };
        let item = self
            .item_mut()
            .ok_or("Cette réunion n'a pas d'ordre du jour.")?;
        if let Some(at) = item.decisions.iter().position(|d| d.text == line) {
            self.cursors.decision = at;
            return Err(format!("« {line} » est déjà une décision de cette étape."));
        }
        item.decisions.push(Decision { text: line });
        let len = item.decisions.len();
        self.cursors.decision = cursor::Cursor::new(0, len).last().at();
        Ok(())
    }

    /// The decisions of the current step.
    pub fn decisions(&self) -> &[Decision] {
        self.item().map_or(&[], |i| i.decisions.as_slice())
    }

    /// Replaces or removes (with `None`) a decision of the current step.
    pub fn set_decision(&mut self, index: usize, text: Option<String>) {
        if let Some(item) = self.item_mut()
            && index < item.decisions.len()
        {
            match text {
                Some(text) => item.decisions[index].text = text,
                None => {
                    item.decisions.remove(index);
                }
            }
        }
        let len = self.decisions().len();
        cursor::clamp(&mut self.cursors.decision, len);
    }

    /// The people of the attendance list, in roster order: those invited (every active
    /// member when the meeting names nobody), and anyone already noted.
    pub fn attendees<'a>(&self, committee: &'a Committee) -> Vec<&'a Member> {
        let invited = &self.meeting.invited;
        committee
            .members
            .iter()
            .filter(|m| {
                let expected = if invited.is_empty() {
                    !m.archived
                } else {
                    invited.contains(&m.id)
                };
                expected || self.meeting.presence_of(m.id).is_some()
            })
            .collect()
    }

    /// The attendance entry of a member, created unrecorded-as-present if missing.
    fn entry(&mut self, member: MemberId) -> &mut Attendance {
        let at = match self
            .meeting
            .attendance
            .iter()
            .position(|a| a.member == member)
        {
            Some(at) => at,
            None => {
                self.meeting.attendance.push(Attendance {
                    member,
                    presence: Presence::Present,
                    statement: String::new(),
                    arrived_at: None,
                });
                self.meeting.attendance.len() - 1
            }
        };
        &mut self.meeting.attendance[at]
    }

    /// Cycles a member's status: (not noted) → présent → excusé → absent → présent.
    /// "Représenté par" is set through its form ([`MeetingScreen::set_presence`]).
    pub fn cycle_presence(&mut self, member: MemberId) {
        let next = match self.meeting.presence_of(member) {
            None | Some(Presence::Absent) | Some(Presence::RepresentedBy(_)) => Presence::Present,
            Some(Presence::Present) => Presence::Excused,
            Some(Presence::Excused) => Presence::Absent,
        };
        self.entry(member).presence = next;
    }

    /// Sets a member's status.
    pub fn set_presence(&mut self, member: MemberId, presence: Presence) {
        self.entry(member).presence = presence;
    }

    /// Sets what a member said during the tour de table (marking them present if not noted).
    pub fn set_statement(&mut self, member: MemberId, statement: String) {
        self.entry(member).statement = statement;
    }

    /// Counts of (présents, excusés, absents, représentés).
    pub fn attendance_counts(&self) -> (usize, usize, usize, usize) {
        let mut counts = (0, 0, 0, 0);
        for a in &self.meeting.attendance {
            match a.presence {
                Presence::Present => counts.0 += 1,
                Presence::Excused => counts.1 += 1,
                Presence::Absent => counts.2 += 1,
                Presence::RepresentedBy(_) => counts.3 += 1,
            }
        }
        counts
    }

    /// Sets the outcome of evaluation `index` and applies its fate (see
    /// [`lineage::set_outcome`]): reporté carries the objective (`original`, as the meeting
    /// that set it holds it) into this meeting's objectives under `id`; atteint, abandonné or
    /// no outcome take back an untouched carried copy.
    pub fn cycle_to(
        &mut self,
        index: usize,
        outcome: Option<Outcome>,
        original: Option<lineage::Original<'_>>,
        id: ObjectiveId,
    ) -> CarryChange {
        lineage::set_outcome(&mut self.meeting, index, outcome, original, id)
    }

    /// Adds an objective, or replaces the one with the same identifier.
    pub fn put_objective(&mut self, objective: Objective) {
        match self
            .meeting
            .objectives
            .iter_mut()
            .find(|o| o.id == objective.id)
        {
            Some(existing) => *existing = objective,
            None => {
                self.meeting.objectives.push(objective);
                let len = self.meeting.objectives.len();
                self.cursors.objective = cursor::Cursor::new(0, len).last().at();
            }
        }
    }

    /// Removes an objective.
    pub fn remove_objective(&mut self, id: ObjectiveId) {
        self.meeting.objectives.retain(|o| o.id != id);
        cursor::clamp(&mut self.cursors.objective, self.meeting.objectives.len());
    }

    /// Moves the cursor of the focused list as a list command says, within `len` lines.
    pub fn move_cursor(&mut self, command: Command, len: usize) {
        let cursor = match self.focus {
            Pane::Decisions => &mut self.cursors.decision,
            Pane::Attendance => &mut self.cursors.attendee,
            Pane::Objectives => &mut self.cursors.objective,
            Pane::Review => &mut self.cursors.evaluation,
            Pane::Notes | Pane::Axis | Pane::NextMeeting => return,
        };
        cursor::apply(cursor, len, Some(command));
    }
}

/// Where line `line` of `old` is in `new`, once lines were inserted or removed around it.
fn moved_line(old: &str, new: &str, line: usize) -> usize {
    let diff = similar::TextDiff::from_lines(old, new);
    for op in diff.ops() {
        let (o, n) = (op.old_range(), op.new_range());
        if o.contains(&line) {
            return match op {
                similar::DiffOp::Equal { .. } => n.start + (line - o.start),
                _ => n.start + (line - o.start).min(n.len().saturating_sub(1)),
            };
        }
    }
    new.split('\n').count().saturating_sub(1).min(line)
}

/// Puts what the notes editors hold into a meeting's agenda.
/// The notes of every item and sub-item of an agenda, in order.
fn notes_mut(agenda: &mut [AgendaItem]) -> Vec<&mut String> {
    fn walk<'a>(items: &'a mut [AgendaItem], all: &mut Vec<&'a mut String>) {
        for item in items {
            all.push(&mut item.notes);
            walk(&mut item.items, all);
        }
    }
    let mut all = Vec::new();
    walk(agenda, &mut all);
    all
}

fn put_notes(editors: &[Option<NotesEditor>], steps: &[Step], meeting: &mut Meeting) {
    for (i, editor) in editors.iter().enumerate() {
        if let (Some(editor), Some(step)) = (editor, steps.get(i))
            && let Some(item) = item_at_mut(&mut meeting.agenda, step.path)
        {
            editor.write_to(&mut item.notes);
        }
    }
}

/// The decision a notes line holds: the line without its spaces at both ends, its private
/// mark, or a bullet before it ("- ", "* ", "• ", "> "; "-10 %" keeps its "-").
fn decision_text(line: &str) -> &str {
    const BULLETS: [&str; 6] = ["-", "*", "•", ">", "–", "—"];
    // A private mark is not part of it: a decision is public.
    let line = crate::model::agenda::without_private_mark(line.trim());
    match line.split_once(' ') {
        Some((bullet, rest)) if BULLETS.contains(&bullet) => rest.trim(),
        _ if BULLETS.contains(&line) => "",
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use chrono::NaiveDate;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::time::Duration;

    #[test]
    fn a_notes_line_gives_its_text_as_a_decision_without_bullet_nor_private_mark() {
        assert_eq!(
            decision_text("  - Acheter 5 tablettes  "),
            "Acheter 5 tablettes"
        );
        assert_eq!(decision_text("• Former les PE"), "Former les PE");
        assert_eq!(decision_text("-10 % sur le budget"), "-10 % sur le budget");
        assert_eq!(decision_text("—"), "");
        assert_eq!(decision_text("   "), "");
        assert_eq!(
            decision_text("[privé] - Relancer la mairie"),
            "Relancer la mairie"
        );
    }

    fn upcoming() -> (Committee, MeetingScreen) {
        let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let (id, meeting) = s.meetings[1].clone();
        (s.committee, MeetingScreen::new(id, meeting))
    }

    fn type_text(screen: &mut MeetingScreen, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            screen
                .editor_mut()
                .unwrap()
                .input(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    fn wall() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap()
    }

    #[test]
    fn opens_on_the_current_step_with_its_pane() {
        let (_, screen) = upcoming();
        assert_eq!(screen.step().unwrap().number, "1");
        assert_eq!(screen.kind(), StepKind::Review);
        assert_eq!(screen.focus, Pane::Review);
        let panes = [
            Pane::Notes,
            Pane::Decisions,
            Pane::Review,
            Pane::Attendance,
            Pane::Objectives,
            Pane::Axis,
            Pane::NextMeeting,
        ];
        assert_eq!(screen.panes(), panes);
    }

    #[test]
    fn a_current_step_outside_the_agenda_is_shown_as_the_last_and_kept_until_a_move() {
        let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let (id, mut meeting) = s.meetings[1].clone();
        let last = meeting.steps().len() - 1;
        meeting.current_step = 41;
        let mut screen = MeetingScreen::new(id, meeting);
        assert_eq!(screen.step_index(), last);
        assert_eq!(screen.step().unwrap().number, screen.steps[last].number);
        assert_eq!(
            screen.step_warning(),
            Some(format!(
                "L'étape 42 du fichier n'existe pas : voici la dernière ({}) ; le fichier garde ce numéro tant que vous ne changez pas d'étape.",
                last + 1
            ))
        );
        // Typing in the shown step, and saving, does not rewrite the file's number.
        type_text(&mut screen, "note");
        screen.flush(Instant::now());
        assert_eq!(screen.meeting.current_step, 41);
        assert!(screen.item().unwrap().notes.ends_with("note"));
        assert!(
            !screen.step_by(true, Instant::now()),
            "no step after the last"
        );
        assert_eq!(screen.meeting.current_step, 41);
        assert!(screen.step_by(false, Instant::now()));
        assert_eq!(screen.meeting.current_step, last - 1);
        assert_eq!(screen.step_warning(), None);
    }

    #[test]
    fn tab_goes_round_every_pane_the_steps_own_first() {
        let (_, mut screen) = upcoming();
        screen.go_to_step(1, Instant::now());
        assert_eq!(
            screen.focus,
            Pane::Attendance,
            "the tour de table opens on attendance"
        );
        assert_eq!(
            screen.panes(),
            [
                Pane::Notes,
                Pane::Decisions,
                Pane::Attendance,
                Pane::Objectives,
                Pane::Review,
                Pane::Axis,
                Pane::NextMeeting,
            ]
        );
        screen.cycle_pane(true);
        assert_eq!(screen.focus, Pane::Objectives);
        screen.cycle_pane(false);
        screen.cycle_pane(false);
        assert_eq!(screen.focus, Pane::Decisions);
        screen.cycle_pane(false);
        screen.cycle_pane(false);
        assert_eq!(screen.focus, Pane::NextMeeting, "round the end");
    }

    #[test]
    fn notes_typed_on_two_steps_are_kept_apart_and_flushed() {
        let (_, mut screen) = upcoming();
        let now = Instant::now();
        type_text(&mut screen, "Accueil de Mme Marchand");
        screen.go_to_step(2, now);
        type_text(&mut screen, "ENT : 12 écoles");
        screen.go_to_step(0, now);
        type_text(&mut screen, " ; café");
        screen.flush(now);
        assert_eq!(
            screen.meeting.agenda[0].notes,
            "Accueil de Mme Marchand ; café"
        );
        assert_eq!(screen.meeting.agenda[2].notes, "ENT : 12 écoles");
    }

    #[test]
    fn a_decision_is_the_notes_line_under_the_cursor() {
        let (_, mut screen) = upcoming();
        assert!(screen.record_decision().unwrap_err().contains("vide"));
        type_text(&mut screen, "Discussion\n- Chaque école aura un référent");
        screen.record_decision().unwrap();
        assert_eq!(
            screen.decisions(),
            [Decision {
                text: "Chaque école aura un référent".into()
            }]
        );
        screen.set_decision(0, Some("Chaque école désigne un référent".into()));
        assert_eq!(
            screen.decisions()[0].text,
            "Chaque école désigne un référent"
        );
        screen.set_decision(0, None);
        assert!(screen.decisions().is_empty());
    }

    #[test]
    fn a_leading_minus_sign_is_kept_but_a_bullet_is_not() {
        let (_, mut screen) = upcoming();
        type_text(&mut screen, "-10 % sur le budget\n• Budget voté");
        screen.record_decision().unwrap();
        assert_eq!(screen.decisions()[0].text, "Budget voté");
        screen
            .editor_mut()
            .unwrap()
            .input(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        screen.record_decision().unwrap();
        assert_eq!(screen.decisions()[1].text, "-10 % sur le budget");
    }

    #[test]
    fn the_timer_counts_on_the_step_it_runs_on_and_follows_step_changes() {
        let (_, mut screen) = upcoming();
        let t0 = Instant::now();
        screen.toggle_timer(t0, wall());
        assert_eq!(screen.meeting.started_at, Some(wall()));
        assert_eq!(screen.spent_seconds(0, t0 + Duration::from_secs(90)), 90);
        screen.go_to_step(1, t0 + Duration::from_secs(90));
        assert_eq!(screen.meeting.agenda[0].spent_seconds, 90);
        assert_eq!(screen.spent_seconds(1, t0 + Duration::from_secs(100)), 10);
        screen.toggle_timer(t0 + Duration::from_secs(130), wall());
        assert_eq!(screen.meeting.agenda[1].spent_seconds, 40);
        assert_eq!(
            screen.spent_seconds(1, t0 + Duration::from_secs(500)),
            40,
            "paused"
        );
    }

    #[test]
    fn the_file_knows_when_the_running_timer_started() {
        let (_, mut screen) = upcoming();
        let t0 = Instant::now();
        screen.toggle_timer(t0, wall());
        assert_eq!(screen.meeting.timer_started_at, Some(wall()));
        screen.flush(t0 + Duration::from_secs(90));
        // 90 s are now in spent_seconds: the start moves by as much, so the total is unchanged.
        assert_eq!(screen.meeting.agenda[0].spent_seconds, 90);
        assert_eq!(
            screen.meeting.timer_started_at,
            Some(wall() + chrono::TimeDelta::seconds(90))
        );
        screen.toggle_timer(t0 + Duration::from_secs(100), wall());
        assert_eq!(screen.meeting.timer_started_at, None);
    }

    #[test]
    fn flushing_keeps_the_running_timer_exact() {
        let (_, mut screen) = upcoming();
        let t0 = Instant::now();
        screen.toggle_timer(t0, wall());
        screen.flush(t0 + Duration::from_millis(2500));
        assert_eq!(screen.meeting.agenda[0].spent_seconds, 2);
        screen.flush(t0 + Duration::from_millis(4000));
        assert_eq!(
            screen.meeting.agenda[0].spent_seconds, 4,
            "the half second is not lost"
        );
    }

    #[test]
    fn presence_cycles_and_counts() {
        let (committee, mut screen) = upcoming();
        let people = screen
            .attendees(&committee)
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>();
        assert_eq!(people.len(), 20);
        screen.cycle_presence(people[0]);
        assert_eq!(
            screen.meeting.presence_of(people[0]),
            Some(&Presence::Present)
        );
        screen.cycle_presence(people[0]);
        assert_eq!(
            screen.meeting.presence_of(people[0]),
            Some(&Presence::Excused)
        );
        screen.cycle_presence(people[0]);
        assert_eq!(
            screen.meeting.presence_of(people[0]),
            Some(&Presence::Absent)
        );
        screen.cycle_presence(people[0]);
        assert_eq!(
            screen.meeting.presence_of(people[0]),
            Some(&Presence::Present)
        );
        screen.set_presence(people[1], Presence::RepresentedBy("Sophie Rey".into()));
        screen.set_statement(people[2], "ERUN".into());
        assert_eq!(screen.attendance_counts(), (2, 0, 0, 1));
    }

    #[test]
    fn outcomes_cycle_through_every_verdict_and_back() {
        let (_, mut screen) = upcoming();
        let mut seen = vec![];
        for _ in 0..6 {
            let next = crate::app::review::next_outcome(screen.meeting.evaluations[0].outcome);
            screen.cycle_to(0, next, None, ObjectiveId(9));
            seen.push(screen.meeting.evaluations[0].outcome);
        }
        assert_eq!(
            seen,
            [
                Some(Outcome::Achieved),
                Some(Outcome::PartiallyAchieved),
                Some(Outcome::NotAchieved),
                Some(Outcome::Postponed),
                Some(Outcome::Abandoned),
                None
            ]
        );
    }

    #[test]
    fn list_cursors_stay_inside_their_list() {
        let (_, mut screen) = upcoming();
        screen.focus = Pane::Attendance;
        screen.move_cursor(Command::Up, 20);
        assert_eq!(screen.cursors.attendee, 0);
        for _ in 0..3 {
            screen.move_cursor(Command::PageDown, 20);
        }
        assert_eq!(screen.cursors.attendee, 19);
        screen.move_cursor(Command::Down, 0);
        assert_eq!(screen.cursors.attendee, 0);
    }
}
