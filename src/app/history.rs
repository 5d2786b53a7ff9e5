//! The committee's meetings as last read or saved, kept with what the screens compute from
//! all of them — every objective followed through the meetings ([`Ledger`]) and the folded
//! texts of the search ([`SearchIndex`], only while the years screen wants it: it is about as
//! large as every text of the committee) — built once off the UI thread, then read by the
//! update logic and the rendering without touching the disk. A history read from the
//! committee folder leaves the meetings' notes out (no screen but the search shows them, and
//! the meeting being typed would be held twice): the search reads them again from the files,
//! and from the meetings not saved yet.

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::agenda::AgendaItem;
use crate::model::lineage::{Event, Ledger, Original};
use crate::model::{Meeting, MeetingId, ObjectiveId};
use crate::search::SearchIndex;
use crate::store::Store;

/// Every meeting, shared: a rebuild after one meeting changed copies pointers, not meetings.
pub type Meetings = Vec<(MeetingId, Arc<Meeting>)>;

/// What is computed from all the meetings at once.
#[derive(Debug)]
pub struct Derived<'a> {
    /// The meetings, oldest first, as the model's functions take them.
    pub refs: Vec<(MeetingId, &'a Meeting)>,
    /// Every objective with its history.
    pub ledger: Ledger<'a>,
    /// The folded texts, ready to be searched (empty in a history built without them).
    pub index: SearchIndex<'a>,
}

self_cell::self_cell!(
    /// The meetings and what is computed from them, in one value.
    struct Indexed {
        owner: Meetings,
        #[covariant]
        dependent: Derived,
    }
    impl {Debug}
);

/// The committee's meetings (without the statements of the tour de table: see
/// [`forget_statements`]) and what the screens compute from all of them.
#[derive(Debug)]
pub struct History {
    indexed: Indexed,
    /// Whether the texts were folded for the search.
    searchable: bool,
    /// The committee folder the meetings were read from, where their notes can be read
    /// again; `None` for a history built from meetings in memory, which keeps them.
    folder: Option<PathBuf>,
    /// Whether the meetings hold their notes (without the search, a history that knows its
    /// folder leaves them out).
    notes: bool,
    /// Meetings whose file does not read, with the reason in French: their objectives are
    /// missing here.
    pub unreadable: Vec<(MeetingId, String)>,
}

impl History {
    /// Follows the objectives through these meetings (in any order) and folds their texts.
    pub fn build(meetings: Meetings, unreadable: Vec<(MeetingId, String)>) -> History {
        History::build_as(meetings, unreadable, true, None)
    }

    /// Follows the objectives through these meetings, without folding their texts for the
    /// search: what every screen but the years screen needs.
    pub fn build_without_search(
        meetings: Meetings,
        unreadable: Vec<(MeetingId, String)>,
    ) -> History {
        History::build_as(meetings, unreadable, false, None)
    }

    /// Follows the objectives through these meetings, read from the committee `folder`,
    /// without their notes (see [`without_notes`]) nor the search: the search reads them
    /// again from the folder when it is wanted.
    pub fn read_from(
        folder: PathBuf,
        meetings: Meetings,
        unreadable: Vec<(MeetingId, String)>,
    ) -> History {
        History::build_as(meetings, unreadable, false, Some(folder))
    }

    /// Whether the texts are folded for the search.
    pub fn searchable(&self) -> bool {
        self.searchable
    }

    /// Whether the meetings hold their notes (see [`History::read_from`]).
    pub fn has_notes(&self) -> bool {
        self.notes
    }

    fn build_as(
        mut meetings: Meetings,
        unreadable: Vec<(MeetingId, String)>,
        searchable: bool,
        folder: Option<PathBuf>,
    ) -> History {
        meetings.sort_by_key(|(id, _)| *id);
        // Without the search, notes are left out when they can be read again.
        let notes = searchable || folder.is_none();
        for (_, meeting) in &mut meetings {
            if !notes && has_notes(meeting) {
                *meeting = Arc::new(without_notes(meeting));
            } else if meeting.attendance.iter().any(|a| !a.statement.is_empty()) {
                forget_statements(Arc::make_mut(meeting));
            }
        }
        let indexed = Indexed::new(meetings, |meetings| {
            let refs: Vec<(MeetingId, &Meeting)> =
                meetings.iter().map(|(id, m)| (*id, &**m)).collect();
            Derived {
                ledger: Ledger::new(&refs),
                index: if searchable {
                    SearchIndex::new(&refs)
                } else {
                    SearchIndex::default()
                },
                refs,
            }
        });
        History {
            indexed,
            searchable,
            folder,
            notes,
            unreadable,
        }
    }

    /// The meetings, oldest first.
    pub fn meetings(&self) -> &Meetings {
        self.indexed.borrow_owner()
    }

    /// What is computed from them.
    pub fn derived(&self) -> &Derived<'_> {
        self.indexed.borrow_dependent()
    }

    /// The meeting with that name, as last read or saved.
    pub fn meeting(&self, id: MeetingId) -> Option<&Meeting> {
        let meetings = self.meetings();
        meetings
            .binary_search_by_key(&id, |(other, _)| *other)
            .ok()
            .map(|at| &*meetings[at].1)
    }

    /// The objective an evaluation is about, as the meeting that set it holds it: what a
    /// carry-over copies.
    pub fn original(&self, objective: ObjectiveId) -> Option<Original<'_>> {
        self.derived().ledger.original(objective)
    }

    /// What happened to an objective before the meeting `before`, in French, oldest first:
    /// "fixé le 30/06/2026, échéance 14/08/2026", "évalué le 01/12/2026 : reporté (« … »)",
    /// "reconduit le 01/12/2026 (objectif n° 6), échéance à confirmer (…)".
    pub fn lineage_before(&self, objective: ObjectiveId, before: MeetingId) -> Vec<String> {
        self.derived()
            .ledger
            .lineage(objective)
            .iter()
            .filter(|e| e.at() < before)
            .map(Event::describe)
            .collect()
    }

    /// The largest objective number of all the meetings.
    pub fn max_objective_id(&self) -> u32 {
        self.meetings()
            .iter()
            .map(|(_, m)| m.max_objective_id())
            .max()
            .unwrap_or(0)
    }
}

/// Empties what each member said at the tour de table: no screen reads it from the history,
/// and on a large committee it is most of what its meetings hold. The attendance list is
/// given its exact size (read from a file, it has room for up to twice as many).
pub fn forget_statements(meeting: &mut Meeting) {
    for attendance in &mut meeting.attendance {
        attendance.statement = String::new();
    }
    meeting.attendance.shrink_to_fit();
}

/// Whether a point of the agenda holds notes.
fn has_notes(meeting: &Meeting) -> bool {
    fn any(items: &[AgendaItem]) -> bool {
        items
            .iter()
            .any(|item| !item.notes.is_empty() || any(&item.items))
    }
    any(&meeting.agenda)
}

/// A copy of the meeting without the notes of its agenda nor the statements of the tour de
/// table (see [`forget_statements`]): what the history keeps of a meeting it can read
/// again. The notes are not copied (the meeting being typed has megabytes of them).
pub fn without_notes(meeting: &Meeting) -> Meeting {
    let Meeting {
        version,
        date,
        time,
        place,
        kind,
        secretary,
        invited,
        started_at,
        ended_at,
        current_step,
        timer_started_at,
        speaker,
        speaking_order,
        summary,
        agenda,
        attendance,
        reviews_objectives,
        evaluations,
        objectives,
        priority_axis,
        next_meeting,
    } = meeting;
    let mut lean = Meeting {
        version: *version,
        date: *date,
        time: *time,
        place: place.clone(),
        kind: kind.clone(),
        secretary: *secretary,
        invited: invited.clone(),
        started_at: *started_at,
        ended_at: *ended_at,
        current_step: *current_step,
        timer_started_at: *timer_started_at,
        speaker: *speaker,
        speaking_order: speaking_order.clone(),
        summary: *summary,
        agenda: agenda.iter().map(item_without_notes).collect(),
        attendance: attendance.clone(),
        reviews_objectives: *reviews_objectives,
        evaluations: evaluations.clone(),
        objectives: objectives.clone(),
        priority_axis: priority_axis.clone(),
        next_meeting: next_meeting.clone(),
    };
    forget_statements(&mut lean);
    lean
}

fn item_without_notes(item: &AgendaItem) -> AgendaItem {
    let AgendaItem {
        title,
        presenter,
        details,
        kind,
        planned_minutes,
        spent_seconds,
        subjects,
        notes: _,
        decisions,
        items,
    } = item;
    AgendaItem {
        title: title.clone(),
        presenter: presenter.clone(),
        details: details.clone(),
        kind: *kind,
        planned_minutes: *planned_minutes,
        spent_seconds: *spent_seconds,
        subjects: subjects.clone(),
        notes: String::new(),
        decisions: decisions.clone(),
        items: items.iter().map(item_without_notes).collect(),
    }
}

/// A rebuild of the history: its meetings, with those changed since put in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRequest {
    /// The meetings the history holds now.
    pub base: Meetings,
    /// Meetings saved or created since, as the application holds them.
    pub changed: Vec<(MeetingId, Arc<Meeting>)>,
    /// The meetings that did not read.
    pub unreadable: Vec<(MeetingId, String)>,
    /// Whether to fold the texts for the search.
    pub searchable: bool,
    /// The committee folder, where notes left out of the history are read again.
    pub folder: Option<PathBuf>,
    /// Whether the meetings hold their notes.
    pub notes: bool,
    /// Meetings sent to be saved and not confirmed yet, as the application holds them
    /// (shared): the search takes their notes from here, not from their files.
    pub unsaved: Vec<(MeetingId, Arc<Meeting>)>,
}

impl HistoryRequest {
    /// The history it asks for (on a thread of its own: this folds every text, and reads
    /// the notes left out of the history again when the search is wanted).
    pub fn build(&self) -> History {
        let unreadable = self
            .unreadable
            .iter()
            .filter(|(id, _)| !self.changed.iter().any(|(c, _)| c == id))
            .cloned()
            .collect();
        let mut meetings = self.merged();
        if self.searchable
            && !self.notes
            && let Some(folder) = &self.folder
        {
            self.read_notes(folder, &mut meetings);
        }
        History::build_as(meetings, unreadable, self.searchable, self.folder.clone())
    }

    /// Puts the notes back in the meetings: those not confirmed saved as the application
    /// holds them, the others as their files hold them (one that does not read is searched
    /// without its notes).
    fn read_notes(&self, folder: &std::path::Path, meetings: &mut Meetings) {
        let store = Store::open_read_only(folder, "lecture des notes pour la recherche");
        for (id, meeting) in meetings {
            if let Some((_, unsaved)) = self.unsaved.iter().find(|(u, _)| u == id) {
                *meeting = Arc::clone(unsaved);
                continue;
            }
            match store.peek_meeting(*id) {
                Ok(read) => *meeting = Arc::new(read),
                Err(e) => tracing::warn!(%id, error = %e, "notes illisibles pour la recherche"),
            }
        }
    }

    /// The base with the changed meetings put in (replacing the same names).
    pub fn merged(&self) -> Meetings {
        let mut meetings: Meetings = self
            .base
            .iter()
            .filter(|(id, _)| !self.changed.iter().any(|(c, _)| c == id))
            .cloned()
            .collect();
        meetings.extend(self.changed.iter().cloned());
        meetings
    }
}

/// Where the application's history stands: the one built last, the meetings changed since,
/// and whether a rebuild is under way.
#[derive(Debug, Default)]
pub struct Tracker {
    /// The history, once built.
    pub current: Option<History>,
    /// Meetings changed since it was built (the latest version of each).
    pub changed: Vec<(MeetingId, Arc<Meeting>)>,
    /// Whether a rebuild was asked for and has not come back.
    pub building: bool,
    /// Whether the search is wanted (the years screen is open): the history is then built
    /// with the texts folded, and without them otherwise.
    pub wants_search: bool,
}

impl Tracker {
    /// Notes a meeting as the application now holds it.
    /// Before the first history is built (from the files, which hold it), nothing is noted.
    /// A history without notes takes it without its notes (what it needs of them is in the
    /// file, or in the meetings not saved yet that the application gives with the request).
    pub fn note(&mut self, id: MeetingId, meeting: &Meeting) {
        let Some(current) = &self.current else {
            return;
        };
        // Compared as it is when nobody has spoken yet (a meeting being opened): a large
        // meeting is copied only when it differs.
        let said = meeting.attendance.iter().any(|a| !a.statement.is_empty());
        let lean = !current.has_notes();
        let kept = (lean || said).then(|| {
            if lean {
                return without_notes(meeting);
            }
            let mut kept = meeting.clone();
            forget_statements(&mut kept);
            kept
        });
        let kept_ref = kept.as_ref().unwrap_or(meeting);
        let unchanged = current.meeting(id).is_some_and(|m| m == kept_ref);
        self.changed.retain(|(other, _)| *other != id);
        if !unchanged {
            let kept = kept.unwrap_or_else(|| {
                let mut kept = meeting.clone();
                kept.attendance.shrink_to_fit();
                kept
            });
            self.changed.push((id, Arc::new(kept)));
        }
    }

    /// The rebuild to ask for now, if something changed and none is under way.
    /// A rebuild is also asked for when the search is wanted and the history has none.
    /// So is one when the search is no longer wanted and the history holds notes it can read
    /// again: the rebuild leaves them out, with the folded texts.
    pub fn request(&mut self) -> Option<HistoryRequest> {
        if self.building
            || (self.changed.is_empty() && !self.lacks_search() && !self.holds_unwanted_search())
        {
            return None;
        }
        let current = self.current.as_ref()?;
        let request = HistoryRequest {
            base: current.meetings().clone(),
            unreadable: current.unreadable.clone(),
            changed: std::mem::take(&mut self.changed),
            searchable: self.wants_search,
            folder: current.folder.clone(),
            notes: current.has_notes(),
            unsaved: Vec::new(),
        };
        self.building = true;
        Some(request)
    }

    /// Takes a history built from the disk or rebuilt.
    pub fn built(&mut self, history: History) {
        self.current = Some(history);
        self.building = false;
    }

    /// Whether what it holds is behind what the application holds (or has no search while
    /// one is wanted).
    pub fn stale(&self) -> bool {
        self.current.is_none() || self.building || !self.changed.is_empty() || self.lacks_search()
    }

    /// Whether the search is wanted and the history has none.
    fn lacks_search(&self) -> bool {
        self.wants_search && self.current.as_ref().is_some_and(|h| !h.searchable())
    }

    /// Whether the history holds the search and notes it can read again, while no search is
    /// wanted.
    fn holds_unwanted_search(&self) -> bool {
        !self.wants_search
            && self
                .current
                .as_ref()
                .is_some_and(|h| h.searchable() && h.folder.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;
    use crate::sample;
    use chrono::NaiveDate;

    fn sample_history() -> (History, Vec<(MeetingId, Meeting)>) {
        let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let meetings = s
            .meetings
            .iter()
            .map(|(id, m)| (*id, Arc::new(m.clone())))
            .collect();
        (History::build(meetings, Vec::new()), s.meetings)
    }

    #[test]
    fn the_history_knows_every_objective_and_finds_words() {
        let (history, meetings) = sample_history();
        assert_eq!(history.meetings().len(), 2);
        assert_eq!(history.derived().ledger.records().len(), 5);
        assert_eq!(history.max_objective_id(), 5);
        let original = history.original(ObjectiveId(1)).unwrap();
        assert_eq!(original.set_on, meetings[0].0.date);
        let hits = history.derived().index.search("grangette", 10);
        assert!(hits.total >= 2, "{hits:?}");
        let lineage = history.lineage_before(ObjectiveId(1), meetings[1].0);
        assert_eq!(lineage.len(), 1);
        assert!(lineage[0].starts_with("fixé le 30/06/2026"), "{lineage:?}");
    }

    #[test]
    fn a_rebuild_takes_the_changed_meetings_and_waits_for_the_last_one() {
        let (history, meetings) = sample_history();
        let mut tracker = Tracker::default();
        assert!(tracker.stale());
        tracker.built(history);
        assert!(!tracker.stale());
        let (id, mut upcoming) = meetings[1].clone();
        tracker.note(id, &upcoming);
        assert!(!tracker.stale(), "the same meeting is no change");
        upcoming.evaluations[0].outcome = Some(Outcome::Achieved);
        tracker.note(id, &upcoming);
        let request = tracker.request().expect("a change to build");
        assert!(tracker.request().is_none(), "one rebuild at a time");
        upcoming.evaluations[1].outcome = Some(Outcome::Achieved);
        tracker.note(id, &upcoming);
        tracker.built(request.build());
        let record = tracker.current.as_ref().unwrap().derived().ledger.records()[0].clone();
        assert_eq!(record.outcome(), Some(Outcome::Achieved));
        assert!(
            tracker.stale(),
            "the second change waits for its own rebuild"
        );
        assert!(tracker.request().is_some());
    }

    #[test]
    fn the_texts_are_folded_only_while_the_search_is_wanted() {
        let (history, _) = sample_history();
        let meetings = history.meetings().clone();
        let mut tracker = Tracker::default();
        tracker.built(History::build_without_search(meetings, Vec::new()));
        assert!(
            tracker.request().is_none(),
            "nothing changed, no search wanted"
        );
        let lean = tracker.current.as_ref().unwrap();
        assert_eq!(lean.derived().ledger.records().len(), 5);
        assert_eq!(lean.derived().index.search("grangette", 10).total, 0);
        tracker.wants_search = true;
        assert!(tracker.stale(), "the search is missing");
        let request = tracker.request().expect("a rebuild with the search");
        assert!(request.searchable);
        tracker.built(request.build());
        assert!(!tracker.stale());
        let found = tracker
            .current
            .as_ref()
            .unwrap()
            .derived()
            .index
            .search("grangette", 10);
        assert!(found.total >= 2, "{found:?}");
        assert!(tracker.request().is_none());
        // Once the years screen is left, the next rebuild drops the folded texts.
        tracker.wants_search = false;
        let (id, mut meeting) = sample_history().1[1].clone();
        meeting.place.push_str(" (salle B)");
        tracker.note(id, &meeting);
        let request = tracker.request().expect("a change to build");
        assert!(!request.searchable);
        assert!(!request.build().searchable());
    }
}
