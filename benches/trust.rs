//! What keeping every change costs, on the large fixture's upcoming meeting (5,000 lines of
//! notes): journaling a keystroke (on the journal's thread, off the typing path; also at the
//! end of a line of 100,000 characters), the application's part of it (on the typing path, at
//! most every 50 ms), a save as the journal hears it, and a save that finds the file changed
//! elsewhere and merges it.
//!
//! Run with `cargo bench --bench trust`.

use chrono::NaiveDate;
use copilnum::merge::merge_meeting;
use copilnum::model::{Meeting, MeetingId};
use copilnum::sample;
use copilnum::store::journal::{Change, Journal, Message, NotesLines};
use copilnum::store::{self, Layout, Saved, Store};
use divan::Bencher;

fn main() {
    divan::main();
}

fn large() -> (tempfile::TempDir, MeetingId, Meeting) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
    let s = sample::large(today);
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a folder");
    let dir = tmp.path().join("comite");
    store::create(&dir, &s.committee, &s.meetings).expect("the fixture");
    let (id, meeting) = s.meetings.last().cloned().expect("a meeting");
    (tmp, id, meeting)
}

/// A journal that knows the meeting's file as saved.
fn journal_knowing(tmp: &tempfile::TempDir, id: MeetingId) -> Journal {
    let layout = Layout::new(tmp.path().join("comite"));
    let mut journal = Journal::new(&layout);
    let path = layout.meeting(id);
    let text = std::fs::read(&path).unwrap();
    journal.handle(Message::Known(path, std::sync::Arc::new(text)));
    journal
}

/// One more character in the 5,000-line notes, journaled: serialising the meeting, finding the
/// changed lines, appending them.
#[divan::bench(sample_count = 50)]
fn journal_a_keystroke(bencher: Bencher) {
    let (tmp, id, mut meeting) = large();
    let mut journal = journal_knowing(&tmp, id);
    bencher.bench_local(|| {
        meeting.agenda[0].notes.push('x');
        journal.handle(Message::Changed(Change::Meeting(
            id,
            std::sync::Arc::new(meeting.clone()),
        )));
    });
}

/// The same keystroke as the journal hears it while only notes change: the line changed, not
/// the meeting (nothing serialised, nothing compared).
#[divan::bench(sample_count = 50)]
fn journal_a_keystroke_as_lines(bencher: Bencher) {
    keys_at_the_end_of(bencher, |notes| {
        notes.rsplit('\n').next().unwrap_or_default().to_string()
    });
}

/// A keystroke at the end of one line of 100,000 characters, as the journal hears it: the
/// line changed, escaped and appended.
#[divan::bench(sample_count = 50)]
fn journal_a_keystroke_in_a_long_line(bencher: Bencher) {
    keys_at_the_end_of(bencher, |_| {
        "Pour l’école n° 3, « voir » le tableau ; "
            .chars()
            .cycle()
            .take(100_000)
            .collect()
    });
}

/// A letter typed at the end of the last line of the notes (`line` makes it from the notes),
/// as the journal hears it after the meeting's first change.
fn keys_at_the_end_of(bencher: Bencher, line: impl Fn(&str) -> String) {
    let (tmp, id, meeting) = large();
    let mut journal = journal_knowing(&tmp, id);
    let last = meeting.agenda[0].notes.split('\n').count() - 1;
    let mut line = line(&meeting.agenda[0].notes);
    // The first change of a meeting is heard whole (its text as saved is written then).
    journal.handle(Message::Changed(Change::Meeting(
        id,
        std::sync::Arc::new(meeting),
    )));
    bencher.bench_local(|| {
        line.push('x');
        journal.handle(Message::Changed(Change::Notes(
            id,
            NotesLines {
                item: (0, None),
                at: last,
                removed: 1,
                lines: vec![line.clone()],
            },
        )));
    });
}

/// A save heard by the journal while a line typed since waits: the journal is written again
/// from the text saved (the whole file, escaped on one line) and the line.
#[divan::bench(sample_count = 50)]
fn journal_a_save(bencher: Bencher) {
    let (tmp, id, meeting) = large();
    let mut journal = journal_knowing(&tmp, id);
    let path = Layout::new(tmp.path().join("comite")).meeting(id);
    let saved = std::sync::Arc::new(std::fs::read(&path).unwrap());
    let last = meeting.agenda[0].notes.split('\n').count() - 1;
    bencher.bench_local(|| {
        journal.handle(Message::Changed(Change::Notes(
            id,
            NotesLines {
                item: (0, None),
                at: last,
                removed: 1,
                lines: vec!["ici".into()],
            },
        )));
        journal.handle(Message::Saved {
            path: path.clone(),
            text: std::sync::Arc::clone(&saved),
            merged: false,
        });
    });
}

/// A save that finds the file changed elsewhere (the place, and a line of notes), keeps the
/// version found in `conflits/`, merges and saves.
#[divan::bench(sample_count = 20)]
fn save_merging_a_change_made_elsewhere(bencher: Bencher) {
    let (tmp, id, meeting) = large();
    let dir = tmp.path().join("comite");
    let mut store = Store::open(&dir).expect("the editor");
    let mut ours = store.load_meeting(id).expect("the meeting");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let mut theirs = meeting.clone();
        theirs.place = format!("Salle {n}");
        std::fs::write(store.layout().meeting(id), store::meeting_text(id, &theirs)).unwrap();
        ours.agenda[0].notes.push_str(&format!("\nici {n}"));
        match store.save_meeting(id, &ours).expect("saved") {
            Saved::Merged(m) => ours = m.value,
            other => panic!("a merge expected, got {other:?}"),
        }
    });
}

/// The three-way merge alone, notes changed on both sides.
#[divan::bench(sample_count = 50)]
fn merge_two_versions(bencher: Bencher) {
    let (_tmp, _, base) = large();
    let mut ours = base.clone();
    ours.agenda[0].notes.push_str("\nici");
    let mut theirs = base.clone();
    theirs.agenda[0].notes.insert_str(0, "ailleurs\n");
    theirs.place = "Ailleurs".into();
    bencher.bench_local(|| merge_meeting(&base, &ours, &theirs, &|m| m.0.to_string()));
}
