//! The versions of a file this copy of copilnum read or wrote, kept line by line (each
//! distinct line once), to find which one a version written elsewhere started from. A sync
//! client or a text editor writes a version based on what it read seconds or minutes ago, not
//! on our latest save: merging against the latest would undo everything typed since.
//!
//! The version the store read or wrote last is its base, held anyway: its lines are not
//! copied but found in it (a large meeting is held once, not twice); a line of an earlier
//! version is copied when the text that held it is let go.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;
use std::sync::Arc;

use super::SharedText;

/// Versions kept besides the first one read.
const KEPT: usize = 64;

/// The least size of a block of lines.
const BLOCK: usize = 16 * 1024;

/// No line: the end of a chain of lines of the same hash.
const NONE: u32 = u32::MAX;

/// The block of a line found in the shared text, not in a block of its own.
const SHARED: u32 = u32::MAX;

/// The block of a line found in the text being recorded (shared once it is recorded).
const INCOMING: u32 = u32::MAX - 1;

/// The versions of one file, oldest first. Each distinct line is kept once, in one buffer;
/// a version is the runs of consecutive line numbers it is made of (a file read then saved
/// with one line changed is three runs, not a number per line).
#[derive(Debug, Default)]
pub struct History {
    /// Every distinct line seen, one after the other, in blocks that never grow past what
    /// they were given (a text that doubles its memory to take one more line would cost twice
    /// the file).
    blocks: Vec<String>,
    /// The text recorded last with [`History::record_shared`] (the store's base, shared):
    /// its lines are read there.
    shared: Option<SharedText>,
    /// The first text recorded, not yet cut into lines: that waits until another version
    /// comes or one is looked for (opening a 6 MB meeting, or a committee of 2,000 members,
    /// need not number their lines before the first frame).
    waiting: Option<SharedText>,
    /// Where each line is, by its number: block ([`SHARED`] for the shared text), start,
    /// end.
    spans: Vec<(u32, u32, u32)>,
    /// The first line of each hash, and for each line the next one of the same hash.
    first_of_hash: HashMap<u64, u32>,
    next_of_hash: Vec<u32>,
    hasher: RandomState,
    /// The version read first (kept however many follow).
    first: Option<Version>,
    /// The latest versions, newest last.
    recent: VecDeque<Version>,
}

/// A version of the file: runs of consecutive line numbers (first, count).
type Version = Vec<(u32, u32)>;

impl History {
    /// Records a version read from or written to the file.
    pub fn record(&mut self, bytes: &[u8]) {
        self.settle();
        let version = self.number(bytes, None);
        self.keep(version);
    }

    /// Records the version the store holds as its base (read from or written to the file):
    /// its lines are read in it, not copied. Lines of the text shared before that it does not
    /// hold are copied, and that text is let go.
    pub fn record_shared(&mut self, text: &SharedText) {
        // The first text read waits to be cut into lines; the next one is cut at once, so
        // that the one before it (the base it replaces) is let go.
        if self.waiting.is_none() && self.shared.is_none() && self.recent.is_empty() {
            self.waiting = Some(Arc::clone(text));
            return;
        }
        self.settle();
        self.number_shared(text);
    }

    /// Cuts the text waiting into lines, if there is one.
    fn settle(&mut self) {
        if let Some(text) = self.waiting.take() {
            self.number_shared(&text);
        }
    }

    /// Records the shared text as a version (see [`History::record_shared`]).
    fn number_shared(&mut self, text: &SharedText) {
        let version = self.number(text.as_slice(), Some(text));
        let before = self.shared.take();
        // The lines of the text shared before that the new one does not hold.
        let mut room = 0;
        for span in &self.spans {
            if span.0 == SHARED {
                room += (span.2 - span.1) as usize;
            }
        }
        if let Some(before) = &before
            && room > 0
        {
            for n in 0..self.spans.len() {
                let (block, start, end) = self.spans[n];
                if block == SHARED {
                    let line = utf8_line(before, start, end);
                    self.spans[n] = self.copied(line, room);
                }
            }
        }
        for span in &mut self.spans {
            if span.0 == INCOMING {
                span.0 = SHARED;
            }
        }
        self.shared = Some(Arc::clone(text));
        self.keep(version);
    }

    fn keep(&mut self, version: Version) {
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
    pub fn closest(&mut self, found: &[u8], others: &[&[u8]]) -> Option<Vec<u8>> {
        self.settle();
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
                    .flat_map(|&(first, count)| first..first + count)
                    .map(|n| self.line(n))
                    .collect(),
            );
        }
        for other in others {
            consider(split(other));
        }
        best.map(|(_, bytes)| bytes)
    }

    /// Line number `n`.
    fn line(&self, n: u32) -> &str {
        let (block, start, end) = self.spans[n as usize];
        match block {
            SHARED => self
                .shared
                .as_ref()
                .map_or("", |text| utf8_line(text, start, end)),
            _ => &self.blocks[block as usize][start as usize..end as usize],
        }
    }

    /// Line number `n` while `incoming` is recorded.
    fn line_with<'a>(&'a self, n: u32, incoming: Option<&'a [u8]>) -> &'a str {
        match (self.spans[n as usize], incoming) {
            ((INCOMING, start, end), Some(text)) => utf8_line(text, start, end),
            _ => self.line(n),
        }
    }

    /// Where a copy of `line` goes: in the last block if it has room, else in a new one of
    /// at least `room` bytes.
    fn copied(&mut self, line: &str, room: usize) -> (u32, u32, u32) {
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= line.len());
        if !fits {
            self.blocks
                .push(String::with_capacity(room.max(line.len()).max(BLOCK)));
        }
        let block = self.blocks.len() - 1;
        let text = &mut self.blocks[block];
        let start = text.len();
        text.push_str(line);
        (at(block), at(start), at(text.len()))
    }

    /// The number of a line, given to it if it is new: found in `incoming` (the text being
    /// recorded, at `offset`) when it is shared, else copied (see [`History::copied`]). A
    /// line found in the text shared before is found again in `incoming`.
    fn number_of(&mut self, line: &str, room: usize, incoming: Option<(&[u8], usize)>) -> u32 {
        let hash = self.hasher.hash_one(line);
        let mut at_n = self.first_of_hash.get(&hash).copied().unwrap_or(NONE);
        while at_n != NONE {
            if self.line_with(at_n, incoming.map(|(t, _)| t)) == line {
                if let Some((_, offset)) = incoming
                    && self.spans[at_n as usize].0 == SHARED
                {
                    self.spans[at_n as usize] = (INCOMING, at(offset), at(offset + line.len()));
                }
                return at_n;
            }
            at_n = self.next_of_hash[at_n as usize];
        }
        let n = u32::try_from(self.spans.len()).unwrap_or(NONE - 1);
        let span = match incoming {
            Some((_, offset)) => (INCOMING, at(offset), at(offset + line.len())),
            None => self.copied(line, room),
        };
        self.spans.push(span);
        self.next_of_hash
            .push(self.first_of_hash.insert(hash, n).unwrap_or(NONE));
        n
    }

    /// The version these bytes are; `shared`: they are the text shared from now on.
    fn number(&mut self, bytes: &[u8], shared: Option<&SharedText>) -> Version {
        let mut version: Version = Vec::new();
        // The first version read takes one block of its size; later ones add a few lines.
        let room = if self.spans.is_empty() {
            bytes.len()
        } else {
            BLOCK
        };
        let mut offset = 0;
        for line in split(bytes) {
            let incoming = shared.map(|text| (text.as_slice(), offset));
            let n = self.number_of(line, room, incoming);
            offset += line.len() + 1;
            match version.last_mut() {
                Some((first, count)) if *first + *count == n => *count += 1,
                _ => version.push((n, 1)),
            }
        }
        version.shrink_to_fit();
        version
    }
}

/// A line of a text as a position in it (the text is UTF-8 and cut at line ends, so the
/// check never fails).
fn utf8_line(text: &[u8], start: u32, end: u32) -> &str {
    std::str::from_utf8(&text[start as usize..end as usize]).unwrap_or("")
}

fn at(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX - 2)
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
    fn each_line_is_kept_once_and_a_version_is_a_few_runs() {
        let mut history = History::default();
        let lines: Vec<String> = (0..5_000).map(|i| format!("        ligne {i}")).collect();
        let read = lines.join("\n");
        history.record(read.as_bytes());
        let mut edited = lines.clone();
        edited[2_500].push_str(" (modifiée)");
        let saved = edited.join("\n");
        history.record(saved.as_bytes());
        // The same line twice is one line (hash chains find it again).
        history.record(b"a\na\nb");
        assert_eq!(history.spans.len(), 5_000 + 1 + 2);
        let kept: usize = history.blocks.iter().map(String::len).sum();
        assert_eq!(kept, read.len() - 4_999 + edited[2_500].len() + 2);
        // The file read first fills one block, of its size.
        assert!(history.blocks[0].capacity() <= read.len(), "{}", read.len());
        assert_eq!(history.blocks.len(), 1, "the later lines fit in its room");
        assert_eq!(history.recent[0], vec![(0, 5_000)]);
        assert_eq!(
            history.recent[1],
            vec![(0, 2_500), (5_000, 1), (2_501, 2_499)]
        );
        assert_eq!(history.recent[2], vec![(5_001, 1), (5_001, 2)]);
        // Each version comes back whole.
        let mut theirs = edited.clone();
        theirs.push("ajoutée ailleurs".into());
        assert_eq!(
            history.closest(theirs.join("\n").as_bytes(), &[]).unwrap(),
            saved.as_bytes()
        );
        assert_eq!(
            history.closest(read.as_bytes(), &[]).unwrap(),
            read.as_bytes()
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

    #[test]
    fn a_shared_text_is_cut_into_lines_only_when_needed() {
        let mut history = History::default();
        let read: SharedText = Arc::new(b"a\nb\n".to_vec());
        history.record_shared(&read);
        assert!(history.spans.is_empty() && history.recent.is_empty());
        assert_eq!(
            history.closest(b"a\nb\nc\n", &[b"x\n"]).unwrap(),
            read.as_slice(),
            "found once looked for"
        );
        assert_eq!(history.recent.len(), 1);
    }

    #[test]
    fn the_shared_text_is_read_not_copied_and_let_go_for_the_next() {
        let mut history = History::default();
        let read: SharedText = Arc::new(b"a\nb\nc\n".to_vec());
        history.record_shared(&read);
        assert!(history.blocks.is_empty(), "no line copied");
        assert_eq!(Arc::strong_count(&read), 2);
        // Saved with a line changed: the line the new text lacks is copied, the rest is read
        // in the new text, and the text read first is let go.
        let saved: SharedText = Arc::new(b"a\nB\nc\n".to_vec());
        history.record_shared(&saved);
        assert_eq!(Arc::strong_count(&read), 1);
        let copied: usize = history.blocks.iter().map(String::len).sum();
        assert_eq!(copied, 1, "only \"b\"");
        assert_eq!(history.spans.len(), 5);
        // Both versions come back whole, and a version recorded by copy next to them.
        history.record(b"a\nB\nc\nd\n");
        assert_eq!(
            history.closest(b"a\nb\nc\nx\n", &[]).unwrap(),
            read.as_slice()
        );
        assert_eq!(
            history.closest(b"a\nB\nc\n", &[]).unwrap(),
            saved.as_slice()
        );
        assert_eq!(
            history.closest(b"a\nB\nc\nd\ne\n", &[]).unwrap(),
            b"a\nB\nc\nd\n"
        );
    }
}
