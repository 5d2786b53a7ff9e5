//! The history read from the committee folder holds no notes (no screen but the search shows
//! them, and the meeting being typed would be held twice): the search reads them again from
//! the files, and from the meetings not saved yet, when the years screen wants it; once it
//! is left, they are let go again (issue 11).

mod common;

use std::sync::Arc;

use common::Committee;
use copilnum::app::history::{History, Tracker};
use copilnum::model::Meeting;

fn notes(meeting: &Meeting) -> usize {
    meeting.agenda.iter().map(|i| i.notes.len()).sum()
}

#[test]
fn the_search_reads_the_notes_again_from_the_files_and_from_what_is_not_saved() {
    let c = Committee::sample();
    let history = History::read_from(c.dir.clone(), c.every_meeting(), Vec::new());
    assert!(!history.has_notes());
    assert!(history.meetings().iter().all(|(_, m)| notes(m) == 0));
    assert_eq!(
        history.derived().ledger.records().len(),
        5,
        "the ledger is whole"
    );
    assert!(c.sample.meetings.iter().any(|(_, m)| notes(m) > 0));

    let mut tracker = Tracker::default();
    tracker.built(history);
    // The open meeting, left with a line typed and its save not confirmed yet.
    let (id, upcoming) = c.upcoming();
    let mut typed = upcoming.clone();
    typed.agenda[0].notes.push_str("\nUne idée zygomatique.");
    tracker.note(id, &typed);
    assert!(
        tracker.request().is_none(),
        "only its notes changed: nothing for the ledger"
    );

    tracker.wants_search = true;
    let mut request = tracker.request().expect("the search is wanted");
    request.unsaved = vec![(id, Arc::new(typed))];
    let searchable = request.build();
    assert!(searchable.searchable() && searchable.has_notes());
    let index = &searchable.derived().index;
    assert!(
        index.search("grangette", 10).total >= 2,
        "the notes of the files"
    );
    assert_eq!(
        index.search("zygomatique", 10).total,
        1,
        "the notes typed, not saved yet"
    );
    tracker.built(searchable);
    assert!(tracker.request().is_none());

    // The years screen left: the notes and the folded texts go.
    tracker.wants_search = false;
    let request = tracker
        .request()
        .expect("a rebuild without the notes nor the search");
    let lean = request.build();
    assert!(!lean.searchable() && !lean.has_notes());
    assert!(lean.meetings().iter().all(|(_, m)| notes(m) == 0));
    assert_eq!(lean.derived().ledger.records().len(), 5);
    assert_eq!(lean.derived().index.search("grangette", 10).total, 0);
}

#[test]
fn a_meeting_noted_in_a_history_without_notes_is_compared_and_kept_without_them() {
    let c = Committee::sample();
    let mut tracker = Tracker::default();
    tracker.built(History::read_from(
        c.dir.clone(),
        c.every_meeting(),
        Vec::new(),
    ));
    let (id, upcoming) = c.upcoming();
    // As read from its file: the same meeting.
    tracker.note(id, upcoming);
    assert!(!tracker.stale());
    // Something the ledger shows changed: the rebuild takes it, without its notes.
    let mut changed = upcoming.clone();
    changed.place.push_str(" (salle B)");
    tracker.note(id, &changed);
    assert!(tracker.stale());
    let request = tracker.request().unwrap();
    assert!(request.changed.iter().all(|(_, m)| notes(m) == 0));
    let rebuilt = request.build();
    assert!(rebuilt.meeting(id).unwrap().place.ends_with("(salle B)"));
    assert!(!rebuilt.has_notes());
}
