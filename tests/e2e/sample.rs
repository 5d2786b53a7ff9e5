//! The sample committee written by the real binary into a temporary folder, and what the
//! end-to-end tests read back from it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use copilnum::model::{AgendaItem, Committee, Meeting, Member};

use crate::pty::keys;
use crate::pty::{Spawn, Tui};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_copilnum");

/// A temporary folder (the programs' working directory, where the log goes) holding the sample
/// committee in `comite/`.
pub struct Sample {
    tmp: tempfile::TempDir,
    /// The committee folder.
    pub dir: PathBuf,
}

impl Sample {
    /// `copilnum sample TMP/comite`.
    pub fn new() -> Sample {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let dir = tmp.path().join("comite");
        let out = Command::new(BIN)
            .arg("sample")
            .arg(&dir)
            .current_dir(tmp.path())
            .output()
            .expect("run copilnum sample");
        assert!(
            out.status.success(),
            "copilnum sample failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Sample { tmp, dir }
    }

    pub fn cwd(&self) -> &Path {
        self.tmp.path()
    }

    pub fn dir_arg(&self) -> &str {
        self.dir.to_str().expect("UTF-8 temporary path")
    }

    /// The upcoming meeting's file: the last one by name (names are dates).
    pub fn upcoming(&self) -> PathBuf {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join("reunions"))
            .expect("reunions/")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        files.pop().expect("a meeting file")
    }

    pub fn committee(&self) -> Committee {
        let path = self.dir.join("comite.ron");
        let text = std::fs::read_to_string(&path).expect("comite.ron");
        copilnum::codec::parse::<Committee>(&path, &text).expect("comite.ron parses")
    }

    /// The members still on the committee, in roster order.
    pub fn active_members(&self) -> Vec<Member> {
        self.committee().active_members().cloned().collect()
    }

    /// `copilnum --dir TMP/comite` at 100x30.
    pub fn open(&self) -> Tui {
        Spawn::new(self.cwd(), &["--dir", self.dir_arg()]).start()
    }

    /// Same, at another size.
    pub fn open_sized(&self, cols: u16, rows: u16) -> Tui {
        Spawn::new(self.cwd(), &["--dir", self.dir_arg()])
            .size(cols, rows)
            .start()
    }
}

/// Reads a meeting file; fails if it does not parse.
pub fn read_meeting(path: &Path) -> Meeting {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} unreadable: {e}", path.display()));
    copilnum::codec::parse::<Meeting>(path, &text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

/// The agenda point of a step (an item, or a sub-item under a heading).
pub fn step_item(meeting: &Meeting, step: usize) -> &AgendaItem {
    match meeting.steps()[step].path {
        (i, None) => &meeting.agenda[i],
        (i, Some(j)) => &meeting.agenda[i].items[j],
    }
}

/// The notes of the first step in a meeting file.
pub fn first_notes(path: &Path) -> String {
    step_item(&read_meeting(path), 0).notes.clone()
}

/// From the home screen: opens the upcoming meeting (selected at start) and goes to the notes.
pub fn open_upcoming_notes(tui: &mut Tui) {
    tui.wait_for("à venir");
    tui.send(keys::ENTER);
    tui.wait_for("Étape 1/");
    tui.send(keys::F3);
    // The placeholder of an empty, unfocused editor goes away once it has the cursor.
    tui.wait_gone("F3 pour écrire");
}
