//! The log file: never the terminal the TUI draws on. `COPILNUM_LOG` names the file; by
//! default it is `copilnum.log` in the user's state (or cache) folder.

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::Mutex;

/// Where the log goes.
pub fn path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COPILNUM_LOG") {
        return Some(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("fr", "", "copilnum")?;
    Some(
        dirs.state_dir()
            .unwrap_or(dirs.cache_dir())
            .join("copilnum.log"),
    )
}

/// Sends `tracing` events to the log file; does nothing if the file cannot be opened.
pub fn init() {
    let Some(path) = path() else { return };
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let Ok(file) = OpenOptions::new().create(true).append(true).open(&path) else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .try_init();
}
