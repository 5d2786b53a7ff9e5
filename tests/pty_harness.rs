//! Smoke run of the side-by-side latency harness of `cargo bench --bench pty`: a few keys typed
//! into copilnum on `sample` and `--large`, on a long line, and into vim where it is installed.
//! Every key must be seen on screen and every figure measured; no time is asserted (speed is
//! the benchmark's business, not the tests').

#[path = "../benches/pty/harness.rs"]
mod harness;

use std::time::Duration;

use harness::{Case, Data, Program, Settings};

fn settings() -> Settings {
    Settings {
        copilnum: harness::COPILNUM.into(),
        keys: 12,
        pause: Duration::from_millis(20),
        idle: Duration::from_millis(300),
        starts: 2,
        baseline: None,
    }
}

fn case(program: Program, data: Data, long_line: Option<usize>) -> Case {
    Case {
        program,
        data,
        cols: 80,
        rows: 24,
        long_line,
    }
}

#[test]
fn every_key_typed_through_the_pty_is_seen_and_measured() {
    // As the bench groups them: `--large` with its baseline (here the same build) and vim,
    // typed in turns; the others alone.
    let mut together = vec![
        case(Program::Copilnum, Data::Large, None),
        case(Program::Baseline, Data::Large, None),
    ];
    let vim = harness::on_path("vim");
    if vim {
        together.push(case(Program::Vim, Data::Large, None));
    }
    let settings = Settings {
        baseline: Some(harness::COPILNUM.into()),
        ..settings()
    };
    let mut runs: Vec<(Case, Result<harness::Measure, String>)> = together
        .iter()
        .copied()
        .zip(harness::run_together(&together, &settings))
        .collect();
    for case in [
        case(Program::Copilnum, Data::Sample, None),
        case(Program::Copilnum, Data::Sample, Some(3_000)),
    ] {
        runs.push((case, harness::run(case, &settings)));
    }
    let mut measures = Vec::new();
    for (case, result) in runs {
        let m = result.unwrap_or_else(|e| panic!("{case:?}: {e}"));
        assert_eq!(m.case, case);
        assert_eq!(m.unanswered, 0, "{case:?}: keys never shown");
        assert_eq!(m.latencies.len(), settings.keys, "{case:?}");
        assert!(m.bytes.iter().all(|&b| b > 0), "{case:?}: {:?}", m.bytes);
        assert!(!m.first_frame.is_zero(), "{case:?}");
        // Started as many times as asked, and given the median of its first frames.
        assert_eq!(m.first_frames.len(), settings.starts, "{case:?}");
        let mut frames = m.first_frames.clone();
        frames.sort();
        assert_eq!(m.first_frame, frames[frames.len() / 2], "{case:?}");
        if cfg!(target_os = "linux") {
            assert!(m.peak_kib.is_some_and(|k| k > 0), "{case:?}");
            assert!(m.idle_cpu.is_some(), "{case:?}");
            assert!(m.idle_wakes.is_some(), "{case:?}");
        }
        measures.push(m);
    }
    let table = harness::table(&measures);
    assert_eq!(table.lines().count(), 2 + measures.len(), "{table}");
    assert!(table.contains("| copilnum | --large | 80x24 |"), "{table}");
    assert!(
        table.contains("| copilnum (baseline) | --large | 80x24 |"),
        "{table}"
    );
    assert!(
        table.contains("| copilnum | sample, one line of 3,000 characters | 80x24 |"),
        "{table}"
    );
    let ratios = harness::ratios(&measures);
    assert_eq!(vim, ratios.contains("| --large, 80x24 |"), "{ratios}");
    assert_eq!(
        vim,
        ratios.contains("| --large, 80x24 (baseline) |"),
        "{ratios}"
    );
}

#[test]
fn typed_lines_never_wrap_and_the_long_line_has_its_length() {
    let keys = harness::typed_keys(500, false);
    assert_eq!(keys.len(), 500);
    let text: String = keys.iter().collect();
    assert!(text.lines().count() > 10);
    assert!(
        text.lines().all(|l| !l.is_empty() && l.len() <= 30),
        "{text}"
    );
    assert!(
        harness::typed_keys(40, true)
            .iter()
            .all(char::is_ascii_lowercase)
    );
    for length in [10, 3_000, 100_000] {
        let line = harness::long_line(length);
        assert_eq!(line.chars().count(), length);
        assert!(line.ends_with("FIN ") && !line.contains('\n'));
    }
}

#[test]
fn percentiles_are_nearest_rank() {
    let ms = |n: u64| Duration::from_millis(n);
    let values: Vec<Duration> = (1..=200).rev().map(ms).collect();
    assert_eq!(harness::percentile(&values, 50), Some(ms(100)));
    assert_eq!(harness::percentile(&values, 95), Some(ms(190)));
    assert_eq!(harness::percentile(&[ms(7)], 95), Some(ms(7)));
    assert_eq!(harness::percentile(&[], 50), None);
}

#[test]
fn a_key_that_ends_a_row_is_seen_beside_a_heavy_border() {
    // The focused notes pane has a heavy border: the last letter of a full row stands just
    // left of "┃", and the cursor at the start of the next row.
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(3).unwrap(),
        std::num::NonZeroU16::new(8).unwrap(),
        0,
    );
    parser.process("┃abcde┃│\r\n┃     ┃│\x1b[2;2H".as_bytes());
    let screen = parser.screen();
    assert_eq!(harness::cursor(screen), Some((1, 1)));
    assert!(harness::shows_key(screen, 'e', Some((0, 5)), 1));
    assert!(!harness::shows_key(screen, 'x', Some((0, 5)), 1));
}
