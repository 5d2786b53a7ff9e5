//! What the journal keeps of the application between two saves (the open meeting, the
//! committee, the form being filled), and what comes back after an interrupted session: the
//! meeting that was open, with its form as it was left.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::dialogs::{self, Purpose};
use super::{App, Effect, Level, Overlay, Screen, Status};
use crate::model::{Meeting, MeetingId};
use crate::store::journal::{Change, Message, NotesLines};

/// How often at most the journal hears of changes while typing goes on.
pub const JOURNAL_EVERY: Duration = Duration::from_millis(50);

/// A form being filled, as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The meeting open under it, if any.
    pub meeting: Option<String>,
    /// What the form is for.
    pub purpose: Purpose,
    /// Each field's name and text (or chosen value).
    pub values: Vec<(String, String)>,
    /// The field with the cursor.
    pub focus: usize,
}

/// What changed since the journal last heard of it.
#[derive(Debug, Default)]
pub struct JournalMarks {
    /// The committee changed.
    pub committee: bool,
    /// The open meeting changed (other than by its notes, or also by them).
    pub meeting: bool,
    /// Only the notes of the open meeting changed: the journal hears of their lines changed.
    pub notes: bool,
    /// The meeting as sent to be saved, for the journal to hear of it whole (it holds the
    /// notes as they were: the lines changed are told from it).
    pub saved: Option<(MeetingId, Arc<Meeting>)>,
    /// The meeting the journal heard of whole since it was opened: lines of its notes can be
    /// told from that.
    whole: Option<MeetingId>,
    /// The form as last sent.
    draft: Option<String>,
    /// When the journal last heard of a change.
    last: Option<Instant>,
}

impl JournalMarks {
    /// Whether a change of the committee or the meeting waits.
    pub fn waiting(&self) -> bool {
        self.committee || self.meeting || self.notes || self.saved.is_some()
    }
}

impl App {
    /// The form open now, as the journal keeps it.
    pub fn draft(&self) -> Option<Draft> {
        let Some(Overlay::Form(form, purpose)) = self
            .overlays
            .iter()
            .rev()
            .find(|o| matches!(o, Overlay::Form(..)))
        else {
            return None;
        };
        let meeting = match &self.screen {
            Screen::Meeting(screen) => Some(screen.id.to_string()),
            _ => None,
        };
        Some(Draft {
            meeting,
            purpose: purpose.clone(),
            values: form.values(),
            focus: form.focus,
        })
    }

    /// When the journal should hear of what changed next, if something waits.
    pub fn journal_due(&self) -> Option<Instant> {
        if self.session.read_only.is_some() {
            return None;
        }
        let waiting = self.journal.waiting() || self.draft_text() != self.journal.draft;
        waiting.then(|| {
            self.journal
                .last
                .map_or(self.clock.now, |l| l + JOURNAL_EVERY)
        })
    }

    fn draft_text(&self) -> Option<String> {
        self.draft().and_then(|d| ron::to_string(&d).ok())
    }

    /// What the journal must write now: the committee and the open meeting as they are, if
    /// they changed, and the open form if it changed.
    pub fn journal_changes(&mut self, now: Instant) -> Vec<Message> {
        if self.session.read_only.is_some() {
            return Vec::new();
        }
        let mut messages = Vec::new();
        if std::mem::take(&mut self.journal.committee) {
            messages.push(Message::Changed(Change::Committee(Box::new(
                self.session.committee.clone(),
            ))));
        }
        if let Some((id, meeting)) = self.journal.saved.take() {
            messages.push(Message::Changed(Change::Meeting(id, meeting)));
            self.journal.whole = Some(id);
        }
        let whole = std::mem::take(&mut self.journal.meeting);
        let notes = std::mem::take(&mut self.journal.notes);
        if let Screen::Meeting(screen) = &mut self.screen {
            if whole || notes && self.journal.whole != Some(screen.id) {
                screen.capture_statements(&self.session.committee);
                screen.flush(now);
                screen.forget_notes_changes();
                messages.push(Message::Changed(Change::Meeting(
                    screen.id,
                    Arc::new(screen.copy()),
                )));
                self.journal.whole = Some(screen.id);
            } else if notes {
                // Only lines of notes: what changed, not the whole meeting.
                for (item, change) in screen.take_notes_changes() {
                    messages.push(Message::Changed(Change::Notes(
                        screen.id,
                        NotesLines {
                            item,
                            at: change.at,
                            removed: change.removed,
                            lines: change.lines,
                        },
                    )));
                }
            }
        }
        let draft = self.draft_text();
        if draft != self.journal.draft {
            self.journal.draft.clone_from(&draft);
            messages.push(Message::Draft(draft));
        }
        if !messages.is_empty() {
            self.journal.last = Some(now);
        }
        messages
    }

    /// After an interrupted session: says what came back, and opens the meeting that was
    /// being edited (with its form, restored when the meeting opens).
    pub(super) fn recovered(
        &mut self,
        meetings: &[MeetingId],
        draft: Option<&str>,
        copies: usize,
    ) -> Vec<Effect> {
        let draft: Option<Draft> = draft.and_then(|d| ron::from_str(d).ok());
        let open = draft
            .as_ref()
            .and_then(|d| d.meeting.as_deref())
            .and_then(|m| m.parse().ok())
            .or_else(|| meetings.last().copied());
        let mut text = String::from("Reprise après un arrêt inattendu : ");
        text.push_str(&match (meetings.len(), &draft) {
            (0, Some(_)) => "le formulaire en cours est rétabli.".to_string(),
            (0, None) => "les dernières modifications sont enregistrées.".to_string(),
            (_, Some(_)) => "les dernières modifications sont enregistrées et le formulaire en cours est rétabli.".to_string(),
            (_, None) => "les dernières modifications sont enregistrées.".to_string(),
        });
        if copies > 0 {
            text.push_str(
                " Une partie n'a pas pu être remise en place : elle est gardée dans conflits/.",
            );
        }
        self.status = Status::new(
            if copies > 0 {
                Level::Warning
            } else {
                Level::Success
            },
            text,
        );
        let status = self.status.clone();
        self.pending_draft = draft;
        match open {
            Some(id) => {
                self.recovery_status = Some(status);
                vec![Effect::OpenMeeting(id)]
            }
            None => {
                self.restore_draft();
                Vec::new()
            }
        }
    }

    /// Puts back the form of an interrupted session, if it belongs where the screen is.
    pub fn restore_draft(&mut self) {
        let Some(draft) = self.pending_draft.take() else {
            return;
        };
        let here = match &self.screen {
            Screen::Meeting(screen) => Some(screen.id.to_string()),
            _ => None,
        };
        if draft.meeting != here {
            return;
        }
        match dialogs::form_for(self, &draft.purpose) {
            Some(mut form) => {
                form.restore(&draft.values, draft.focus);
                self.overlays.push(Overlay::Form(form, draft.purpose));
            }
            None => {
                // What it was about is gone: its text goes to the status line, not lost.
                let text: Vec<String> = draft
                    .values
                    .iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(_, v)| v.clone())
                    .collect();
                self.status = Status::new(
                    Level::Warning,
                    format!(
                        "Formulaire en cours impossible à rétablir ; son texte : {}",
                        text.join(" · ")
                    ),
                );
            }
        }
    }
}
