//! `copilnum sample DIR [--large | --huge]`: writes the sample committee or a benchmark
//! fixture.

use std::path::Path;
use std::process::ExitCode;

use crate::{fr, output, sample, store};

/// Which committee to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The sample committee.
    Sample,
    /// The large benchmark fixture.
    Large,
    /// The benchmark fixture ten times larger.
    Huge,
}

/// Writes the sample (or a benchmark fixture) into a new or empty folder, all or nothing.
pub fn run(dir: &Path, size: Size) -> super::Exit {
    let today = chrono::Local::now().date_naive();
    let sample = match size {
        Size::Sample => sample::sample(today),
        Size::Large => sample::large(today),
        Size::Huge => sample::huge(today),
    };
    store::create(dir, &sample.committee, &sample.meetings).map_err(|e| e.to_string())?;
    let next = sample
        .meetings
        .last()
        .map(|(_, m)| fr::date_long(m.date))
        .unwrap_or_default();
    let mut out = output::stdout();
    out.line(format_args!(
        "Comité d'exemple écrit dans {} : {}, {} (la prochaine le {next}).",
        dir.display(),
        fr::count(sample.committee.members.len(), "membre", "membres"),
        fr::count(sample.meetings.len(), "réunion", "réunions"),
    ))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
