//! The committee's year, in memory: following every objective through the meetings and
//! grouping them by school year (what the years screen and `copilnum objectives` compute), and
//! the accent-insensitive search (folding every text once, then a query), on the large fixture
//! (`sample::large`: 101 meetings, 5,000 lines of notes in the upcoming one) and on ten times
//! that (the same meetings repeated ten times, years apart, notes included).
//!
//! Run with `cargo bench --bench year`. Target: under 10 ms on the large fixture for the
//! grouping and for a search (index built once per screen, then one query), and ten times the
//! data in about ten times the time.

use std::fmt;
use std::sync::OnceLock;

use chrono::{Duration, NaiveDate};
use copilnum::model::lineage::Ledger;
use copilnum::model::year::years;
use copilnum::model::{Meeting, MeetingId, ObjectiveId};
use copilnum::search::SearchIndex;
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// Which committee a benchmark runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    /// `sample::large`.
    Large,
    /// `sample::large` ten times over.
    TenTimes,
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Size::Large => "large",
            Size::TenTimes => "large_x10",
        })
    }
}

const SIZES: [Size; 2] = [Size::Large, Size::TenTimes];

/// Words searched for: one in most notes lines ("école" in "École n° …"), one in some, one
/// in a few objectives, two words together, and one found nowhere.
const QUERIES: [&str; 5] = [
    "ecole",
    "tablettes",
    "correspondant",
    "robots decision",
    "piscine",
];

static MEETINGS: [OnceLock<Vec<(MeetingId, Meeting)>>; 2] = [OnceLock::new(), OnceLock::new()];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("a valid date")
}

fn meetings(size: Size) -> &'static [(MeetingId, Meeting)] {
    MEETINGS[size as usize].get_or_init(|| {
        let large = copilnum::sample::large(today()).meetings;
        match size {
            Size::Large => large,
            Size::TenTimes => ten_times(&large),
        }
    })
}

/// The meetings repeated ten times, each copy later than the one before and with its own
/// objective numbers, so that the lineages and the years stay as they are in each copy.
fn ten_times(meetings: &[(MeetingId, Meeting)]) -> Vec<(MeetingId, Meeting)> {
    let first = meetings[0].0.date;
    let last = meetings[meetings.len() - 1].0.date;
    // Whole years, so that each copy falls in school years of its own.
    let span = Duration::weeks(52 * ((last - first).num_weeks() / 52 + 1));
    let max_id = meetings
        .iter()
        .flat_map(|(_, m)| &m.objectives)
        .map(|o| o.id.0)
        .max()
        .unwrap_or(0);
    let mut out = Vec::with_capacity(meetings.len() * 10);
    for copy in 0..10u32 {
        let shift = |id: ObjectiveId| ObjectiveId(id.0 + copy * (max_id + 1));
        for (id, meeting) in meetings {
            let mut m = meeting.clone();
            m.date -= span * (9 - copy as i32);
            for o in &mut m.objectives {
                o.id = shift(o.id);
                o.carried_from = o.carried_from.map(shift);
            }
            for e in &mut m.evaluations {
                e.objective = shift(e.objective);
            }
            out.push((
                MeetingId {
                    date: m.date,
                    ..*id
                },
                m,
            ));
        }
    }
    out.sort_by_key(|(id, _)| *id);
    out
}

fn refs(meetings: &[(MeetingId, Meeting)]) -> Vec<(MeetingId, &Meeting)> {
    meetings.iter().map(|(id, m)| (*id, m)).collect()
}

/// Bytes of the texts the search folds.
fn text_bytes(meetings: &[(MeetingId, Meeting)]) -> u64 {
    meetings
        .iter()
        .flat_map(|(_, m)| {
            m.agenda
                .iter()
                .chain(m.agenda.iter().flat_map(|i| &i.items))
        })
        .map(|i| i.notes.len() as u64)
        .sum()
}

/// Every objective followed through the meetings, then grouped by school year.
#[divan::bench(args = SIZES, sample_count = 50)]
fn years_grouping(bencher: Bencher, size: Size) {
    let refs = refs(meetings(size));
    bencher.bench_local(|| {
        let ledger = Ledger::new(&refs);
        let grouped = years(&refs, &ledger);
        assert!(!grouped.is_empty());
        grouped.len() + ledger.records().len()
    });
}

/// Every objective with its whole history, as the years screen lists them.
#[divan::bench(args = SIZES, sample_count = 50)]
fn years_with_histories(bencher: Bencher, size: Size) {
    let refs = refs(meetings(size));
    bencher.bench_local(|| {
        let ledger = Ledger::new(&refs);
        let grouped = years(&refs, &ledger);
        grouped
            .iter()
            .flat_map(|y| &y.objectives)
            .map(|r| ledger.history(r.objective.id).len())
            .sum::<usize>()
    });
}

/// Folding every text once (when the search opens).
#[divan::bench(args = SIZES, sample_count = 30)]
fn search_index(bencher: Bencher, size: Size) {
    let meetings = meetings(size);
    let refs = refs(meetings);
    bencher
        .counter(BytesCount::new(text_bytes(meetings)))
        .bench_local(|| SearchIndex::new(&refs).len());
}

/// One query on the folded texts, the first 50 hits with their snippets and the count.
#[divan::bench(args = SIZES, consts = [0, 1, 2, 3, 4], sample_count = 50)]
fn search_query<const Q: usize>(bencher: Bencher, size: Size) {
    let refs = refs(meetings(size));
    let index = SearchIndex::new(&refs);
    bencher.bench_local(|| index.search(QUERIES[Q], 50).total);
}

/// Opening the search and typing a query: the index built, then searched.
#[divan::bench(args = SIZES, sample_count = 30)]
fn search_from_scratch(bencher: Bencher, size: Size) {
    let refs = refs(meetings(size));
    bencher.bench_local(|| SearchIndex::new(&refs).search("tablettes", 50).total);
}

/// The years screen of the application on this committee, its history built, at 160x45.
fn years_app(size: Size) -> copilnum::app::App {
    use copilnum::app::history::History;
    use copilnum::app::home::MeetingSummary;
    use copilnum::app::{App, Clock, Msg, Session};
    let meetings = meetings(size);
    let committee = copilnum::sample::large(today()).committee;
    let session = Session {
        committee,
        catalog: copilnum::catalog::Catalog::builtin(),
        meetings: meetings
            .iter()
            .rev()
            .map(|(id, m)| MeetingSummary::of(*id, m))
            .collect(),
        read_only: None,
        folder: "comite".into(),
    };
    let clock = Clock {
        now: std::time::Instant::now(),
        wall: today().and_hms_opt(9, 0, 0).expect("a valid time"),
    };
    let mut app = App::new(session, clock);
    let history = History::build(
        meetings
            .iter()
            .map(|(id, m)| (*id, std::sync::Arc::new(m.clone())))
            .collect(),
        Vec::new(),
    );
    app.update(Msg::HistoryBuilt(Box::new(history)));
    app.update(key(crossterm::event::KeyCode::F(4)));
    app
}

fn key(code: crossterm::event::KeyCode) -> copilnum::app::Msg {
    copilnum::app::Msg::Key(crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ))
}

fn frame(
    app: &copilnum::app::App,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) {
    terminal
        .draw(|f| copilnum::ui::render(app, f))
        .expect("a frame");
}

/// One frame of the years screen (what it costs on top of the grouping: the filter, the lines
/// on screen, the selected objective's history).
#[divan::bench(args = SIZES, sample_count = 50)]
fn years_screen_frame(bencher: Bencher, size: Size) {
    let app = years_app(size);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).expect("a terminal");
    bencher.bench_local(|| frame(&app, &mut terminal));
}

/// A letter typed in the years screen's search ("tablettes", one letter at a time, then
/// erased): the search run by the update, then the frame of its hits.
#[divan::bench(args = SIZES, sample_count = 50)]
fn years_search_keystroke(bencher: Bencher, size: Size) {
    use crossterm::event::KeyCode;
    let mut app = years_app(size);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).expect("a terminal");
    let word: Vec<char> = "tablettes".chars().collect();
    let mut typed = 0usize;
    bencher.bench_local(|| {
        let code = if typed < word.len() {
            typed += 1;
            KeyCode::Char(word[typed - 1])
        } else {
            typed = 0;
            KeyCode::Esc
        };
        app.update(key(code));
        frame(&app, &mut terminal);
    });
}
