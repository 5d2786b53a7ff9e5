//! Store benchmarks: what `copilnum meetings` reads, loading and autosaving the meeting being
//! edited, and the RON serialisation and parsing they are built on, for the sample committee
//! and the large fixture (200 members, 100 past meetings, 5,000 lines of notes).
//!
//! Run with `cargo bench --bench store` (one benchmark: `cargo bench --bench store -- NAME`).
//! Targets for the large fixture: `load_meeting_list` under 50 ms, `save_upcoming` under 20 ms.
//! The `breakdown` group splits those into their parts.
//!
//! Each fixture is written once, with `store::create`, under Cargo's target temporary folder
//! (on the disk of `target/`, not a tmpfs where fsync would cost nothing), and removed at the
//! end. One copy is only read, the other is saved into.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chrono::NaiveDate;
use copilnum::codec;
use copilnum::model::{Meeting, MeetingId};
use copilnum::sample::{self, Sample};
use copilnum::store::{self, Saved, Store, StoreOptions};
use divan::Bencher;
use divan::counter::BytesCount;
use tempfile::TempDir;

fn main() {
    divan::main();
    // Statics are never dropped: remove the folders by hand.
    for fixture in FIXTURES.iter().filter_map(OnceLock::get) {
        let _ = std::fs::remove_dir_all(fixture.root.path());
    }
}

/// Which committee a benchmark runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `copilnum sample`: twenty members, two meetings.
    Sample,
    /// `sample::large`: 200 members, 101 meetings, 5,000 lines of notes in the upcoming one.
    Large,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Sample => "sample",
            Kind::Large => "large",
        })
    }
}

const KINDS: [Kind; 2] = [Kind::Sample, Kind::Large];

/// A fixture on disk, and the texts the in-memory benchmarks work on.
struct Fixture {
    root: TempDir,
    /// The folder only read.
    read: PathBuf,
    /// The folder saved into.
    write: PathBuf,
    /// Bytes of all the files `load_meeting_list` reads.
    list_bytes: u64,
    upcoming_id: MeetingId,
    upcoming: Meeting,
    upcoming_text: String,
    /// The last past meeting: full attendance, objectives, evaluations.
    past_text: String,
}

static FIXTURES: [OnceLock<Fixture>; 2] = [OnceLock::new(), OnceLock::new()];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("a valid date")
}

fn fixture(kind: Kind) -> &'static Fixture {
    FIXTURES[kind as usize].get_or_init(|| {
        let s: Sample = match kind {
            Kind::Sample => sample::sample(today()),
            Kind::Large => sample::large(today()),
        };
        let root = tempfile::Builder::new()
            .prefix("copilnum-bench-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("a temporary folder");
        let read = root.path().join("lecture");
        let write = root.path().join("ecriture");
        for dir in [&read, &write] {
            store::create(dir, &s.committee, &s.meetings).expect("the fixture is written");
        }
        let layout = store::Layout::new(&read);
        let list_bytes = std::iter::once(layout.committee())
            .chain(s.meetings.iter().map(|(id, _)| layout.meeting(*id)))
            .map(|path| std::fs::metadata(path).expect("a fixture file").len())
            .sum();
        let (upcoming_id, upcoming) = s.meetings.last().expect("an upcoming meeting").clone();
        let upcoming_text = store::meeting_text(upcoming_id, &upcoming);
        let (past_id, past) = &s.meetings[s.meetings.len() - 2];
        let past_text = store::meeting_text(*past_id, past);
        Fixture {
            root,
            read,
            write,
            list_bytes,
            upcoming_id,
            upcoming,
            upcoming_text,
            past_text,
        }
    })
}

fn read_only(dir: &Path) -> Store {
    Store::open_read_only(dir, "bench")
}

/// What `copilnum meetings` does: the committee and every meeting, all parsed.
#[divan::bench(args = KINDS, sample_count = 30)]
fn load_meeting_list(bencher: Bencher, kind: Kind) {
    let f = fixture(kind);
    bencher
        .counter(BytesCount::new(f.list_bytes))
        .bench_local(|| {
            let mut store = read_only(&f.read);
            let committee = store.load_committee().expect("the committee reads");
            let meetings = store.load_meetings().expect("the folder lists");
            assert!(meetings.iter().all(|(_, m)| m.is_ok()));
            (committee, meetings)
        });
}

/// Loading only the upcoming (last) meeting.
#[divan::bench(args = KINDS, sample_count = 50)]
fn load_upcoming(bencher: Bencher, kind: Kind) {
    let f = fixture(kind);
    bencher.bench_local(|| {
        read_only(&f.read)
            .load_meeting(f.upcoming_id)
            .expect("the meeting reads")
    });
}

/// The editor's autosave: a small change to the upcoming meeting, then `save_meeting` (text,
/// conflict check against the file on disk, atomic write with fsync, rename and folder fsync).
/// The backup that the first save of a session takes is done before timing; later saves
/// within `backup_every` take none.
#[divan::bench(args = KINDS, sample_count = 50)]
fn save_upcoming(bencher: Bencher, kind: Kind) {
    let f = fixture(kind);
    let mut store = Store::open(&f.write)
        .expect("the editor lock")
        .with_options(StoreOptions {
            backups_kept: 10,
            backup_every: Duration::from_secs(300),
        });
    let mut meeting = store
        .load_meeting(f.upcoming_id)
        .expect("the meeting reads");
    let mut save = move || {
        // Type a character, or take it back: the file keeps its size from one save to the next.
        let notes = &mut meeting.agenda[0].notes;
        if notes.ends_with('!') {
            notes.pop();
        } else {
            notes.push('!');
        }
        let saved = store
            .save_meeting(f.upcoming_id, &meeting)
            .expect("the save");
        assert_eq!(saved, Saved::InPlace);
    };
    save();
    bencher.bench_local(save);
}

/// Just the text of the upcoming meeting (`store::meeting_text`).
#[divan::bench(args = KINDS, sample_count = 50)]
fn serialize_upcoming(bencher: Bencher, kind: Kind) {
    let f = fixture(kind);
    bencher
        .counter(BytesCount::of_str(&f.upcoming_text))
        .bench_local(|| store::meeting_text(f.upcoming_id, &f.upcoming));
}

/// Just the typed parse of the upcoming meeting's text (loading does more: see `breakdown`).
#[divan::bench(args = KINDS, sample_count = 50)]
fn parse_upcoming(bencher: Bencher, kind: Kind) {
    let f = fixture(kind);
    bencher
        .counter(BytesCount::of_str(&f.upcoming_text))
        .bench_local(|| {
            codec::parse::<Meeting>(Path::new("bench.ron"), &f.upcoming_text)
                .expect("the meeting parses")
        });
}

/// The parts of loading and saving.
mod breakdown {
    use super::*;

    /// The typed parse of the last past meeting (200 attendance lines).
    #[divan::bench(args = KINDS, sample_count = 50)]
    fn parse_past(bencher: Bencher, kind: Kind) {
        let f = fixture(kind);
        bencher
            .counter(BytesCount::of_str(&f.past_text))
            .bench_local(|| {
                codec::parse::<Meeting>(Path::new("bench.ron"), &f.past_text)
                    .expect("the meeting parses")
            });
    }

    /// The disk part of a save: `store::write_atomic` of the upcoming meeting's text
    /// (temporary file, write, fsync, rename, folder fsync), to a file of its own.
    #[divan::bench(args = KINDS, sample_count = 50)]
    fn write_atomic_upcoming(bencher: Bencher, kind: Kind) {
        let f = fixture(kind);
        let path = f.root.path().join("ecriture-seule.ron");
        bencher
            .counter(BytesCount::of_str(&f.upcoming_text))
            .bench_local(|| {
                store::write_atomic(&path, f.upcoming_text.as_bytes()).expect("the write")
            });
    }
}
