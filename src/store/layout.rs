//! Where each file of a committee lives inside its folder.

use std::path::{Path, PathBuf};

use crate::model::MeetingId;

/// Name of the committee file.
pub const COMMITTEE_FILE: &str = "comite.ron";
/// Folder of the meeting files.
pub const MEETINGS_DIR: &str = "reunions";
/// Folder of the rotating backups.
pub const BACKUPS_DIR: &str = "sauvegardes";
/// Folder where a save goes when the file changed on disk since it was read.
pub const CONFLICTS_DIR: &str = "conflits";
/// Folder of the emergency copies written when a normal save is impossible.
pub const EMERGENCY_DIR: &str = "secours";
/// Folder where the interface writes exported documents by default.
pub const EXPORTS_DIR: &str = "exports";
/// The editor's lock file (separate from the data files, which are replaced on each save).
pub const LOCK_FILE: &str = ".copilnum.lock";

/// The paths of one committee folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of the committee in that folder.
    pub fn new(root: impl Into<PathBuf>) -> Layout {
        Layout { root: root.into() }
    }

    /// The committee folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `comite.ron`.
    pub fn committee(&self) -> PathBuf {
        self.root.join(COMMITTEE_FILE)
    }

    /// `reunions/`.
    pub fn meetings_dir(&self) -> PathBuf {
        self.root.join(MEETINGS_DIR)
    }

    /// `reunions/AAAA-MM-JJ.ron`.
    pub fn meeting(&self, id: MeetingId) -> PathBuf {
        self.meetings_dir().join(format!("{id}.ron"))
    }

    /// `sauvegardes/`.
    pub fn backups_dir(&self) -> PathBuf {
        self.root.join(BACKUPS_DIR)
    }

    /// `conflits/`.
    pub fn conflicts_dir(&self) -> PathBuf {
        self.root.join(CONFLICTS_DIR)
    }

    /// Every folder copilnum writes files in (where a hard kill may leave a temporary file).
    pub fn data_dirs(&self) -> Vec<PathBuf> {
        vec![
            self.root.clone(),
            self.meetings_dir(),
            self.backups_dir(),
            self.conflicts_dir(),
            self.root.join(EMERGENCY_DIR),
        ]
    }

    /// `.copilnum.lock`.
    pub fn lock(&self) -> PathBuf {
        self.root.join(LOCK_FILE)
    }

    /// A catalogue override, by its path relative to the folder.
    pub fn catalog(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The meeting a file name designates, if it is one (`2026-01-20.ron`, `2026-01-20-2.ron`).
    pub fn meeting_of(file_name: &str) -> Option<MeetingId> {
        file_name.strip_suffix(".ron")?.parse().ok()
    }

    /// The path shown to users: relative to the folder when inside it.
    pub fn display<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_files_are_named_by_their_id() {
        let layout = Layout::new("/c");
        let id: MeetingId = "2026-01-20-2".parse().unwrap();
        assert_eq!(
            layout.meeting(id),
            Path::new("/c/reunions/2026-01-20-2.ron")
        );
        assert_eq!(Layout::meeting_of("2026-01-20-2.ron"), Some(id));
    }

    #[test]
    fn other_files_are_not_meetings() {
        for name in [
            "notes.ron",
            "2026-01-20.ron.bak",
            ".2026-01-20.ron.tmp",
            "2026-01-20.1.ron",
            "2026-01-20",
        ] {
            assert_eq!(Layout::meeting_of(name), None, "{name}");
        }
    }
}
