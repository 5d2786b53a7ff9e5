//! The versions of a file this copy of copilnum read or wrote, kept line by line (each
//! distinct line once), to find which one a version written elsewhere started from. A sync
//! client or a text editor writes a version based on what it read seconds or minutes ago, not
//! on our latest save: merging against the latest would undo everything typed since.

use std::collections::{HashMap, VecDeque};

/// Versions kept besides the first one read.
const KEPT: usize = 64;

/// The versions of one file, oldest first.
#[derive(Debug, Default)]
pub struct History {
    /// Every distinct line seen, by its number.
    lines: Vec<String>,
    numbers: HashMap<String, u32>,
    /// The version read first (kept however many follow).
    first: Option<Vec<u32>>,
    /// The latest versions, newest last.
    recent: VecDeque<Vec<u32>>,
}

impl History {
    /// Records a version read from or written to the file.
    pub fn record(&mut self, bytes: &[u8]) {
        let version = self.number(bytes);
        if self.recent.back() == Some(&version) {
            return;
        }
        if self.first.is_none() {
            self.first = Some(version.clone());
        }
        if self.recent.len() == KEPT {
            self.recent.pop_front();
        }
        self.recent.push_back(version);
    }

    /// Of the versions recorded and `others`, the one `found` most likely started from: the
    /// one with the fewest lines that differ from it (on a tie, the newest, `others` last).
    /// A line the candidate has and `found` lacks counts double: merging against it would
    /// read as a line deleted there, where a line `found` has and the candidate lacks only
    /// reads as a line added. Lines are compared without the quotes and commas that end
    /// them, so that a line added at the end of notes differs by one line, not two.
    pub fn closest(&self, found: &[u8], others: &[&[u8]]) -> Option<Vec<u8>> {
        let found = count(&split(found));
        let distance = |lines: &[&str]| {
            let mut left = found.clone();
            let mut missing = 0usize;
            for line in lines {
                match left.get_mut(content(line)) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => missing += 1,
                }
            }
            2 * missing + left.values().sum::<usize>()
        };
        let mut best: Option<(usize, Vec<u8>)> = None;
        let mut consider = |lines: Vec<&str>| {
            let d = distance(&lines);
            if best.as_ref().is_none_or(|(b, _)| d <= *b) {
                best = Some((d, lines.join("\n").into_bytes()));
            }
        };
        for version in self.first.iter().chain(self.recent.iter()) {
            consider(
                version
                    .iter()
                    .map(|&n| self.lines[n as usize].as_str())
                    .collect(),
            );
        }
        for other in others {
            consider(split(other));
        }
        best.map(|(_, bytes)| bytes)
    }

    fn number(&mut self, bytes: &[u8]) -> Vec<u32> {
        split(bytes)
            .into_iter()
            .map(|line| match self.numbers.get(line) {
                Some(&n) => n,
                None => {
                    let n = u32::try_from(self.lines.len()).unwrap_or(u32::MAX);
                    self.lines.push(line.to_string());
                    self.numbers.insert(line.to_string(), n);
                    n
                }
            })
            .collect()
    }
}

/// The lines of a file (a last line end gives a last empty line, so that joining them with
/// line ends gives the bytes back).
fn split(bytes: &[u8]) -> Vec<&str> {
    std::str::from_utf8(bytes)
        .map(|text| text.split('\n').collect())
        .unwrap_or_default()
}

fn count<'a>(lines: &[&'a str]) -> HashMap<&'a str, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        *counts.entry(content(line)).or_default() += 1;
    }
    counts
}

/// A line without the quotes and commas that RON puts where a string opens or closes.
fn content(line: &str) -> &str {
    line.trim_end_matches(|c: char| c == '"' || c == ',' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_another_writer_started_from_is_found() {
        let mut history = History::default();
        let versions: Vec<String> = (0..10)
            .map(|n| (0..=n).map(|i| format!("ligne {i}\n")).collect())
            .collect();
        for v in &versions {
            history.record(v.as_bytes());
        }
        // Someone edited version 3 (a hand edit opened minutes ago).
        let theirs = versions[3].replace("ligne 1", "ligne 1 modifiée ailleurs");
        assert_eq!(
            history.closest(theirs.as_bytes(), &[]).unwrap(),
            versions[3].as_bytes()
        );
        // Bytes come back exactly, last line end included.
        assert_eq!(
            history.closest(versions[9].as_bytes(), &[]).unwrap(),
            versions[9].as_bytes()
        );
        // Another candidate can be closer.
        let other = "autre\nchose\n";
        assert_eq!(
            history
                .closest(b"autre\nchose\nencore\n", &[other.as_bytes()])
                .unwrap(),
            other.as_bytes()
        );
    }

    #[test]
    fn the_first_version_is_kept_however_many_follow() {
        let mut history = History::default();
        history.record(b"premier\n");
        for n in 0..200 {
            history.record(format!("version {n}\n").as_bytes());
        }
        assert_eq!(
            history.closest(b"premier\nmodifi\xc3\xa9\n", &[]).unwrap(),
            b"premier\n"
        );
        assert_eq!(history.recent.len(), KEPT);
    }
}
