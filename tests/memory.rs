//! How much memory a save and the journal take beyond a large meeting itself, counted by the
//! allocator: about one more copy of its text, not one per step (issue 11: the 10x fixture,
//! 50,000 lines of notes, must stay under 100 MiB). One test function: the counts are the
//! whole process's, and tests run side by side would add theirs.

mod common;
#[path = "common/counting.rs"]
mod counting;

use counting::{mib, peak_during};

use common::Committee;
use copilnum::sample;
use copilnum::store::journal::{Change, Journal, Message};
use copilnum::store::{Layout as Folder, Store, meeting_text};

#[global_allocator]
static COUNTING: counting::Counting = counting::Counting;

/// What `f` returns, and the most memory it held at once beyond what was held before.
#[test]
fn a_large_meeting_is_saved_and_journaled_with_about_one_more_copy_of_its_text() {
    // The large fixture: 5,000 lines of notes in the upcoming meeting (about 600 kB).
    let c = Committee::with(sample::large(common::today()));
    let (id, _) = c.upcoming();
    let mut store = Store::open(&c.dir).unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    let text = meeting_text(id, &meeting).len();
    assert!(text > 500_000, "a large meeting: {text} bytes");

    // A save writes the text once; what it replaces, the meeting and the file on disk are
    // not copied (before: the meeting, the base, the file read twice and kept: six texts).
    // Measured on the second save, as every autosave while typing: the first one also indexes
    // the lines of the text read at opening, which the store leaves until then (that index
    // is not a copy of the text: tests/memory_held.rs counts what the store holds).
    meeting.agenda[0].notes.push_str("\nUne ligne de plus.");
    store.save_meeting(id, &meeting).unwrap();
    meeting.agenda[0].notes.push_str("\nEt encore une.");
    let (saved, peak) = peak_during(|| store.save_meeting(id, &meeting));
    saved.unwrap();
    assert!(
        peak < text * 3 / 2,
        "a save held {} for a text of {}",
        mib(peak),
        mib(text)
    );

    // The journal: its first change writes the saved text as it is made, and keeps what
    // differs from it, not a copy; the next changes reuse its buffer.
    let path = Folder::new(&c.dir).meeting(id);
    let (mut journal, _) = peak_during(|| Journal::new(&Folder::new(&c.dir)));
    let before = counting::live();
    journal.handle(Message::Known(
        path,
        store.saved_text(&c.meeting_path(id)).unwrap(),
    ));
    let mut change = |meeting: &mut copilnum::model::Meeting, line: &str| {
        meeting.agenda[0].notes.push('\n');
        meeting.agenda[0].notes.push_str(line);
        let copy = std::sync::Arc::new(meeting.clone());
        peak_during(|| journal.handle(Message::Changed(Change::Meeting(id, copy)))).1
    };
    let first = change(&mut meeting, "Première ligne tapée.");
    assert!(
        first < text * 3 / 2,
        "the first change held {} for a text of {}",
        mib(first),
        mib(text)
    );
    let next = change(&mut meeting, "Deuxième ligne tapée.");
    assert!(
        next < text / 2,
        "a change after it held {} for a text of {}: its text goes in the same buffer",
        mib(next),
        mib(text)
    );
    let kept = counting::live().saturating_sub(before);
    assert!(
        kept < text * 3 / 2,
        "the journal keeps {} for a text of {} (one buffer, and what differs)",
        mib(kept),
        mib(text)
    );
    journal.handle(Message::Close);
}
