//! Helpers shared by the integration tests: a sample committee written into a temporary folder.

#![allow(dead_code)]

pub mod driver;
pub mod harness;
pub mod keys;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use copilnum::model::{Meeting, MeetingId};
use copilnum::sample::{self, Sample};
use copilnum::store;

/// The sizes a resize storm goes through, down to 0x0 and up to 300x100.
pub const RESIZE_STORM: [(u16, u16); 12] = [
    (1, 1),
    (0, 0),
    (80, 24),
    (2, 1),
    (1, 40),
    (250, 3),
    (59, 15),
    (60, 16),
    (0, 24),
    (80, 0),
    (300, 100),
    (17, 9),
];

/// The fixed "today" of the tests.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// A temporary folder holding the sample committee in its subfolder `comite`.
pub struct Committee {
    pub tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub sample: Sample,
}

impl Committee {
    pub fn sample() -> Committee {
        Committee::with(sample::sample(today()))
    }

    pub fn with(sample: Sample) -> Committee {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("comite");
        store::create(&dir, &sample.committee, &sample.meetings).unwrap();
        Committee { tmp, dir, sample }
    }

    pub fn past(&self) -> (MeetingId, &Meeting) {
        let (id, m) = &self.sample.meetings[0];
        (*id, m)
    }

    pub fn upcoming(&self) -> (MeetingId, &Meeting) {
        let (id, m) = self.sample.meetings.last().unwrap();
        (*id, m)
    }

    pub fn meeting_path(&self, id: MeetingId) -> PathBuf {
        self.dir.join("reunions").join(format!("{id}.ron"))
    }

    /// Every meeting of the folder, read as the history's reader reads them.
    pub fn every_meeting(&self) -> copilnum::app::history::Meetings {
        let store = store::Store::open_read_only(&self.dir, "test");
        store
            .meeting_ids()
            .unwrap()
            .into_iter()
            .map(|id| (id, std::sync::Arc::new(store.peek_meeting(id).unwrap())))
            .collect()
    }
}

/// Every file below a folder with its bytes, sorted, to prove that nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}
