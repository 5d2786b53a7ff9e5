//! `copilnum demo`: the TUI on a fresh temporary copy of the sample committee, removed after.

use std::process::ExitCode;

use crate::{output, sample, store, tui};

/// Writes the sample into a temporary folder, opens it, and removes it at the end.
pub fn run() -> super::Exit {
    let dir = std::env::temp_dir().join(format!("copilnum-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sample = sample::sample(chrono::Local::now().date_naive());
    store::create(&dir, &sample.committee, &sample.meetings).map_err(|e| e.to_string())?;
    let outcome = tui::run(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let code = outcome?;
    if code == ExitCode::SUCCESS {
        // Written to the terminal the demo ran in, which worked until now: if it is gone (a
        // closed window), there is nobody to tell, and the demo still ended well.
        let mut out = output::stdout();
        let _ = out.line(
            "Démonstration terminée : la copie d'exemple a été effacée, vos données n'ont pas été touchées.",
        ).and_then(|()| out.flush());
    }
    Ok(code)
}
