//! What an open large meeting costs beyond its own text, counted by the allocator (issue 11:
//! the 10x fixture must stay well under 100 MiB): the store's versions of its file read their
//! lines in its base, not in a copy of it, and the history read from the folder holds none of
//! its notes. One test function: the counts are the whole process's, and tests run side by side
//! would add theirs.

mod common;
#[path = "common/counting.rs"]
mod counting;

use counting::{held_since, mib};

use common::Committee;
use copilnum::app::history::History;
use copilnum::sample;
use copilnum::store::Store;

#[global_allocator]
static COUNTING: counting::Counting = counting::Counting;

#[test]
fn an_open_large_meeting_is_held_once_by_the_store_and_not_by_the_history() {
    // The large fixture: 5,000 lines of notes in the upcoming meeting (about 600 kB).
    let c = Committee::with(sample::large(common::today()));
    let (id, upcoming) = c.upcoming();
    let text = std::fs::metadata(c.meeting_path(id)).unwrap().len() as usize;
    let notes: usize = upcoming.agenda.iter().map(|i| i.notes.len()).sum();
    assert!(text > 500_000 && notes > 500_000, "{text} {notes}");

    // The store keeps the file's text as the base of the next save, and its versions (to
    // merge a version written elsewhere) as lines read in that base: one text and where its
    // lines are (about half a text more), not two texts (before: the base and a copy of each
    // of its lines, 2.5 texts).
    let mut store = Store::open(&c.dir).unwrap();
    let start = counting::live();
    let mut meeting = store.load_meeting(id).unwrap();
    let held = held_since(start).saturating_sub(meeting_size(&meeting));
    assert!(
        held < text * 7 / 4,
        "the store holds {} for a text of {}",
        mib(held),
        mib(text)
    );
    // Read again (a meeting opened again): the text read before is let go.
    meeting = store.load_meeting(id).unwrap();
    let held = held_since(start).saturating_sub(meeting_size(&meeting));
    assert!(
        held < text * 7 / 4,
        "read twice, the store holds {} for a text of {}",
        mib(held),
        mib(text)
    );

    // After a save, the text saved is the base and the one read before is let go: the same.
    meeting.agenda[0].notes.push_str("\nUne ligne de plus.");
    // (Counted below as a copy counts it: the room the line grew the notes by is no store's.)
    meeting.agenda[0].notes.shrink_to_fit();
    store.save_meeting(id, &meeting).unwrap();
    let held = held_since(start).saturating_sub(meeting_size(&meeting));
    let held_after_save = held;
    assert!(
        held < text * 7 / 4,
        "after a save the store holds {} for a text of {}",
        mib(held),
        mib(text)
    );
    drop(meeting);
    drop(store);

    // The history read from the folder: the ledger and what the screens list, without the
    // notes (the search reads them again when it is wanted).
    let start = counting::live();
    let lean = History::read_from(c.dir.clone(), c.every_meeting(), Vec::new());
    let lean_held = held_since(start);
    let start = counting::live();
    let full = History::build_without_search(c.every_meeting(), Vec::new());
    let full_held = held_since(start);
    eprintln!(
        "store {} / history {} without notes, {} with, for a text of {}",
        mib(held_after_save),
        mib(lean_held),
        mib(full_held),
        mib(text)
    );
    assert!(
        lean_held + notes < full_held,
        "the history holds {} without the notes, {} with them, for {} of notes",
        mib(lean_held),
        mib(full_held),
        mib(notes)
    );
    drop((lean, full));
}

/// The memory a meeting holds (its strings and lists), as the allocator counts it.
fn meeting_size(meeting: &copilnum::model::Meeting) -> usize {
    let start = counting::live();
    let copy = meeting.clone();
    let size = held_since(start);
    drop(copy);
    size
}
