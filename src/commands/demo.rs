//! `copilnum demo`: the TUI on a fresh temporary copy of the sample committee, removed after.

use std::io::Write;

use crate::{sample, store, tui};

/// Writes the sample into a temporary folder, opens it, and removes it at the end.
pub fn run() -> super::Exit {
    let dir = std::env::temp_dir().join(format!("copilnum-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sample = sample::sample(chrono::Local::now().date_naive());
    store::create(&dir, &sample.committee, &sample.meetings).map_err(|e| e.to_string())?;
    let outcome = tui::run(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    if outcome.is_ok() {
        // The terminal may be gone (closed window): printing must not panic.
        let _ = writeln!(
            std::io::stdout(),
            "Démonstration terminée : la copie d'exemple a été effacée, vos données n'ont pas été touchées."
        );
    }
    outcome
}
