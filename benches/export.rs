//! Export benchmarks on the large fixture (200 members, 101 meetings, 5,000 lines of notes in
//! the biggest meeting): each format of the biggest meeting, full and public, the school
//! year's report, and compiling the templates that every export starts with.
//!
//! Run with `cargo bench --bench export`. Targets: a meeting's document under 20 ms, the
//! year's report under 100 ms.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use copilnum::catalog::Catalog;
use copilnum::export::{self, Format, Options, SchoolYear, Source, Templates};
use copilnum::model::MeetingId;
use copilnum::sample::{self, Sample};
use divan::Bencher;

fn main() {
    divan::main();
}

struct Fixture {
    sample: Sample,
    catalog: Catalog,
    templates: Templates,
    /// The meeting with the most text: the upcoming one and its 5,000 lines of notes.
    biggest: MeetingId,
    /// The school year with the most meetings.
    busiest: SchoolYear,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let sample = sample::large(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let biggest = sample
            .meetings
            .iter()
            .max_by_key(|(_, m)| {
                m.agenda
                    .iter()
                    .map(|i| i.notes.len() + i.items.iter().map(|s| s.notes.len()).sum::<usize>())
                    .sum::<usize>()
                    + m.attendance.len() * 64
            })
            .map(|(id, _)| *id)
            .unwrap();
        let busiest = sample
            .meetings
            .iter()
            .map(|(id, _)| SchoolYear::of(id.date))
            .max_by_key(|year| {
                sample
                    .meetings
                    .iter()
                    .filter(|(id, _)| year.contains(id.date))
                    .count()
            })
            .unwrap();
        Fixture {
            busiest,
            sample,
            catalog: Catalog::builtin(),
            templates: Templates::builtin(),
            biggest,
        }
    })
}

fn options(public: bool) -> Options {
    Options {
        public,
        now: FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 30, 18, 0, 0)
            .unwrap(),
    }
}

fn source(f: &Fixture) -> Source<'_> {
    Source {
        committee: &f.sample.committee,
        catalog: &f.catalog,
        meetings: &f.sample.meetings,
    }
}

const FORMATS: [Format; 5] = [
    Format::Markdown,
    Format::Html,
    Format::Ics,
    Format::Csv,
    Format::Emails,
];

/// One format of the biggest meeting, in its full version.
#[divan::bench(args = FORMATS)]
fn meeting(bencher: Bencher, format: Format) {
    let f = fixture();
    let options = options(false);
    bencher.bench(|| {
        export::meeting_document(&source(f), &f.templates, f.biggest, format, &options).unwrap()
    });
}

/// The public version (names replaced in 5,000 lines of notes).
#[divan::bench(args = [Format::Markdown, Format::Html, Format::Ics, Format::Csv])]
fn meeting_public(bencher: Bencher, format: Format) {
    let f = fixture();
    let options = options(true);
    bencher.bench(|| {
        export::meeting_document(&source(f), &f.templates, f.biggest, format, &options).unwrap()
    });
}

/// The report of the school year with the most meetings (17), full and public.
#[divan::bench(args = [(Format::Markdown, false), (Format::Html, false), (Format::Html, true)])]
fn year_report(bencher: Bencher, (format, public): (Format, bool)) {
    let f = fixture();
    let options = options(public);
    let year = f.busiest;
    bencher
        .bench(|| export::year_document(&source(f), &f.templates, year, format, &options).unwrap());
}

/// Compiling the embedded templates, which every export from the command line starts with.
#[divan::bench]
fn compile_templates() -> Templates {
    Templates::builtin()
}
