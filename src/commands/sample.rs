//! `copilnum sample DIR [--large]`: writes the sample committee or the benchmark fixture.

use std::path::Path;
use std::process::ExitCode;

use crate::{fr, output, sample, store};

/// Writes the sample (or the large fixture) into a new or empty folder, all or nothing.
pub fn run(dir: &Path, large: bool) -> super::Exit {
    let today = chrono::Local::now().date_naive();
    let sample = if large {
        sample::large(today)
    } else {
        sample::sample(today)
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
