//! copilnum next to vim, through a pseudo-terminal: prints the table of the README (first
//! frame, keystroke latency p50/p95, bytes per key, peak memory, idle output, CPU and
//! wake-ups, and the ratios copilnum/vim). vim's rows are skipped where vim is not installed.
//!
//! `cargo bench --bench pty [-- --keys 200 --pause 40 --idle 3 --starts 5 --sizes 80x24,120x40,240x67
//! --data sample,large,huge --long-line 100000 --no-vim --copilnum BUILD --baseline OTHER_BUILD]`
//!
//! The programs measured on the same data at the same size run side by side, their keys typed
//! in turns, so that a busy machine slows them alike and the ratios hold within one run.

mod harness;

use std::time::Duration;

use harness::{Case, Data, Program, Settings};

struct Options {
    settings: Settings,
    sizes: Vec<(u16, u16)>,
    data: Vec<Data>,
    long_line: Option<usize>,
    vim: bool,
}

fn parse() -> Result<Options, String> {
    let mut options = Options {
        settings: Settings {
            copilnum: harness::COPILNUM.into(),
            keys: 200,
            pause: Duration::from_millis(40),
            idle: Duration::from_secs(3),
            starts: 5,
            baseline: None,
        },
        sizes: vec![(80, 24), (120, 40), (240, 67)],
        data: vec![Data::Sample, Data::Large, Data::Huge],
        long_line: Some(100_000),
        vim: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg}: value missing"));
        match arg.as_str() {
            "--keys" => options.settings.keys = number(&value()?)?,
            "--pause" => options.settings.pause = Duration::from_millis(number(&value()?)? as u64),
            "--idle" => options.settings.idle = Duration::from_secs(number(&value()?)? as u64),
            "--starts" => options.settings.starts = number(&value()?)?.max(1),
            "--sizes" => {
                options.sizes = value()?
                    .split(',')
                    .map(|s| {
                        let (c, r) = s.split_once('x').ok_or(format!("size {s}: COLSxROWS"))?;
                        Ok((number(c)? as u16, number(r)? as u16))
                    })
                    .collect::<Result<_, String>>()?;
            }
            "--data" => {
                options.data = value()?
                    .split(',')
                    .map(|d| Data::parse(d).ok_or(format!("data {d}: sample, large or huge")))
                    .collect::<Result<_, String>>()?;
            }
            "--long-line" => {
                let n = number(&value()?)?;
                options.long_line = (n > 0).then_some(n);
            }
            "--no-vim" => options.vim = false,
            "--copilnum" => options.settings.copilnum = absolute(&value()?),
            "--baseline" => options.settings.baseline = Some(absolute(&value()?)),
            // What `cargo bench` passes to every benchmark.
            "--bench" => {}
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

/// A path given on the command line, from where the bench was started (cargo runs it
/// elsewhere).
fn absolute(path: &str) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.into())
}

fn number(text: &str) -> Result<usize, String> {
    text.parse().map_err(|_| format!("{text}: not a number"))
}

fn main() {
    let options = match parse() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("pty: {e}");
            std::process::exit(2);
        }
    };
    let vim = options.vim && harness::on_path("vim");
    if options.vim && !vim {
        eprintln!("pty: vim is not installed, its rows are skipped");
    }
    // Each group (the same data at the same size) is run side by side, keys in turns.
    let mut groups = Vec::new();
    for &data in &options.data {
        for &(cols, rows) in &options.sizes {
            let case = |program| Case {
                program,
                data,
                cols,
                rows,
                long_line: None,
            };
            let mut group = vec![case(Program::Copilnum)];
            if options.settings.baseline.is_some() {
                group.push(case(Program::Baseline));
            }
            if vim && data != Data::Sample {
                group.push(case(Program::Vim));
            }
            groups.push(group);
        }
    }
    if let Some(length) = options.long_line {
        let &(cols, rows) = options.sizes.first().unwrap_or(&(80, 24));
        groups.push(vec![Case {
            program: Program::Copilnum,
            data: Data::Sample,
            cols,
            rows,
            long_line: Some(length),
        }]);
    }
    let mut measures = Vec::new();
    for group in groups {
        let first = group[0];
        eprintln!(
            "pty: {} on {} at {}x{}{}…",
            group
                .iter()
                .map(|c| c.program.label())
                .collect::<Vec<_>>()
                .join(", "),
            first.data.label(),
            first.cols,
            first.rows,
            first
                .long_line
                .map_or(String::new(), |n| format!(", one line of {n} characters"))
        );
        for (case, result) in group
            .iter()
            .zip(harness::run_together(&group, &options.settings))
        {
            match result {
                Ok(measure) => measures.push(measure),
                Err(e) => eprintln!("pty: {} failed: {e}", case.program.label()),
            }
        }
    }
    println!("{}", harness::table(&measures));
    println!("{}", harness::ratios(&measures));
}
