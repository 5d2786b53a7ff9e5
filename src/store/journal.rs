//! The journal: between two saves, every change reaches the operating system within a moment,
//! appended to `.copilnum.journal` in the committee folder, so that a process killed at any
//! moment (a frozen laptop ended from the task manager) loses nothing. It holds, for each file
//! changed since it was last saved, the text it had then and the lines changed since, and the
//! text of a form left open. It is replayed at the next opening and emptied after each save.
//!
//! While the secretary types, only the lines of notes changed are written ("lines `at..` of
//! the notes of item X are now …"): the file's text is not made again at each key. Replay
//! applies them to the meeting read from the file's text, until the next change of the whole
//! file, which holds them.
//!
//! One record per line, in RON. A record cut by a crash is the last line: it is ignored.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use super::{Layout, SharedText, StoreError, committee_text, files, write_meeting_text};
use crate::model::agenda::item_at_mut;
use crate::model::{Committee, Meeting, MeetingId};

/// Name of the journal, in the committee folder.
pub const JOURNAL_FILE: &str = ".copilnum.journal";

/// One line of the journal (the text of a base is borrowed when it is written: it is the
/// store's, shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Record<'a> {
    /// The text of a file as last saved: what the next splices of that file change.
    Base { file: String, text: Cow<'a, str> },
    /// Lines `at..at + removed` of the file's text replaced by `lines`.
    Splice {
        file: String,
        at: usize,
        removed: usize,
        lines: Vec<String>,
    },
    /// The form open at that moment (its description is the application's), or none.
    Draft(Option<String>),
    /// Lines `at..at + removed` of the notes of the agenda point at `item` (its index, and
    /// its sub-item's) in the meeting of `file`, replaced by `lines`. They apply to the
    /// meeting as the file's text above holds it, and are held by its next splice.
    Notes {
        file: String,
        item: (usize, Option<usize>),
        at: usize,
        removed: usize,
        lines: Vec<String>,
    },
}

/// Lines of the notes of one agenda point, changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesLines {
    /// The agenda point: its index, and its sub-item's.
    pub item: (usize, Option<usize>),
    /// The first line changed.
    pub at: usize,
    /// How many lines it replaces.
    pub removed: usize,
    /// The lines now.
    pub lines: Vec<String>,
}

/// What changed, for the journal to write.
#[derive(Debug, Clone)]
pub enum Change {
    /// The committee as it is now.
    Committee(Box<Committee>),
    /// A meeting as it is now (shared with its save when it is the one being saved).
    Meeting(MeetingId, Arc<Meeting>),
    /// Lines of notes changed in a meeting, and nothing else since the journal last heard of
    /// it.
    Notes(MeetingId, NotesLines),
}

/// What the journal thread is told.
#[derive(Debug)]
pub enum Message {
    /// This is the text of a file as read from disk (when it is opened).
    Known(PathBuf, SharedText),
    /// A file changed in memory.
    Changed(Change),
    /// The form open now (`None`: no form).
    Draft(Option<String>),
    /// A file was saved with this text; `merged`: the text merges a version written elsewhere,
    /// and the application will send the changes made since, rebased on it.
    Saved {
        /// The file.
        path: PathBuf,
        /// What it holds now.
        text: SharedText,
        /// Whether it was merged.
        merged: bool,
    },
    /// The program ends with everything saved: the journal goes, unless a form was open.
    Close,
}

/// The text of these bytes, borrowed when they are UTF-8 (they are: we wrote them), with
/// replacement characters otherwise.
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// A file's state in the journal.
#[derive(Debug, Default)]
struct Entry {
    /// The text as last saved (the store's bytes, shared).
    base: SharedText,
    /// The text as last journaled, as what differs from the base (what was typed since the
    /// save: a few lines, not a second copy of a large file).
    latest: Delta,
    /// Whether the journal file holds this file's base since it was last rewritten.
    written: bool,
    /// Lines of notes changed since the text last journaled (applied over it at replay).
    notes: Vec<NotesLines>,
}

/// A text told by how it differs from another: lines `at..at + removed` of the other replaced
/// by `lines`; always the least such change (none: the same text).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Delta {
    at: usize,
    removed: usize,
    lines: Vec<String>,
}

impl Delta {
    /// The change from `old` to `new`: what lies between their common first and last lines.
    fn between(old: &[&[u8]], new: &[&[u8]]) -> Delta {
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let max_suffix = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        Delta {
            at: prefix,
            removed: old.len() - prefix - suffix,
            lines: new[prefix..new.len() - suffix]
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect(),
        }
    }

    /// Whether it changes nothing.
    fn is_none(&self) -> bool {
        self.removed == 0 && self.lines.is_empty()
    }

    /// The lines of `base` with this change.
    fn apply<'a>(&'a self, base: &[&'a [u8]]) -> Vec<&'a [u8]> {
        let mut lines = Vec::with_capacity(base.len() + self.lines.len());
        lines.extend_from_slice(&base[..self.at]);
        lines.extend(self.lines.iter().map(String::as_bytes));
        lines.extend_from_slice(&base[self.at + self.removed..]);
        lines
    }

    fn record(self, file: String) -> Record<'static> {
        Record::Splice {
            file,
            at: self.at,
            removed: self.removed,
            lines: self.lines,
        }
    }
}

/// The lines of a text, as the journal splices them (compared as bytes: a large text is not
/// checked for UTF-8 again at each change).
fn lines(text: &[u8]) -> Vec<&[u8]> {
    text.split(|&b| b == b'\n').collect()
}

/// The journal of a committee folder, as the editor writes it.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    root: PathBuf,
    file: Option<File>,
    entries: BTreeMap<String, Entry>,
    draft: Option<String>,
    /// The text of the last file changed, written here (its memory reused: a change typed
    /// into a large meeting allocates no text).
    scratch: String,
}

impl Journal {
    /// The journal of that folder; nothing is written before the first change.
    pub fn new(layout: &Layout) -> Journal {
        Journal {
            path: layout.root().join(JOURNAL_FILE),
            root: layout.root().to_path_buf(),
            file: None,
            entries: BTreeMap::new(),
            draft: None,
            scratch: String::new(),
        }
    }

    /// Handles one message; errors are logged, never fatal: the saves go on.
    pub fn handle(&mut self, message: Message) -> bool {
        let result = match message {
            Message::Known(path, text) => {
                let name = self.name(&path);
                let entry = self.entries.entry(name).or_default();
                // Read again with nothing pending (a meeting opened again): start from it.
                if entry.latest.is_none() && entry.notes.is_empty() {
                    entry.base = text;
                    entry.written = false;
                }
                Ok(())
            }
            Message::Changed(change) => self.changed(change),
            Message::Draft(draft) => self.set_draft(draft),
            Message::Saved { path, text, merged } => self.saved(&path, text, merged),
            Message::Close => {
                self.close();
                return false;
            }
        };
        if let Err(e) = result {
            tracing::error!(error = %e, "journal");
        }
        true
    }

    fn name(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    fn changed(&mut self, change: Change) -> std::io::Result<()> {
        let file = match change {
            Change::Notes(id, lines) => return self.notes(meeting_file(id), lines),
            Change::Committee(c) => {
                self.scratch = committee_text(&c);
                super::layout::COMMITTEE_FILE.to_string()
            }
            Change::Meeting(id, m) => {
                let file = meeting_file(id);
                // Room for the text as last saved and a little more, not twice as much.
                let size = self.entries.get(&file).map_or(0, |e| e.base.len());
                self.scratch.clear();
                self.scratch.reserve_exact(crate::codec::room(size));
                write_meeting_text(id, &m, &mut self.scratch);
                file
            }
        };
        let text = std::mem::take(&mut self.scratch);
        let result = self.changed_text(file.clone(), &text);
        self.scratch = text;
        // The whole text holds the lines of notes changed before it.
        if let Some(entry) = self.entries.get_mut(&file) {
            entry.notes.clear();
        }
        result
    }

    /// Lines of notes changed: written as they are, over the text last journaled (with the
    /// text last saved first, after each save).
    fn notes(&mut self, file: String, lines: NotesLines) -> std::io::Result<()> {
        let entry = self.entries.entry(file.clone()).or_default();
        let mut records = Vec::new();
        if !entry.written {
            records.push(Record::Base {
                file: file.clone(),
                text: utf8(&entry.base),
            });
        }
        records.push(notes_record(file, &lines));
        let appended = append_to(&mut self.file, &self.path, &records);
        drop(records);
        entry.written = true;
        entry.notes.push(lines);
        appended
    }

    /// A file's text as it is now: what changed since it was last journaled is appended (with
    /// the text it was last saved with, first after each save).
    fn changed_text(&mut self, file: String, text: &str) -> std::io::Result<()> {
        let entry = self.entries.entry(file.clone()).or_default();
        let base_lines = lines(&entry.base);
        let new = lines(text.as_bytes());
        let step = Delta::between(&entry.latest.apply(&base_lines), &new);
        if step.is_none() {
            return Ok(());
        }
        let mut records = Vec::new();
        if !entry.written {
            records.push(Record::Base {
                file: file.clone(),
                text: utf8(&entry.base),
            });
        }
        records.push(step.record(file));
        let appended = append_to(&mut self.file, &self.path, &records);
        drop(records);
        let latest = Delta::between(&base_lines, &new);
        drop(base_lines);
        entry.latest = latest;
        entry.written = true;
        appended
    }

    fn set_draft(&mut self, draft: Option<String>) -> std::io::Result<()> {
        if self.draft == draft {
            return Ok(());
        }
        self.draft = draft.clone();
        if draft.is_none() && self.file.is_none() && !self.path.exists() {
            return Ok(());
        }
        self.append(&[Record::Draft(draft)])
    }

    /// A save went through: the journal starts again from what was saved, with the changes
    /// made since (and the open form), written whole before it replaces the old one.
    fn saved(&mut self, path: &Path, text: SharedText, merged: bool) -> std::io::Result<()> {
        let name = self.name(path);
        let entry = self.entries.entry(name).or_default();
        // The changes journaled since what was saved are kept, told from it.
        let delta = {
            let old_lines = lines(&entry.base);
            let latest = entry.latest.apply(&old_lines);
            if merged || latest == [b""] {
                // The application tells again, rebased on it, what was typed since.
                entry.notes.clear();
                Delta::default()
            } else {
                Delta::between(&lines(&text), &latest)
            }
        };
        entry.latest = delta;
        entry.base = text;
        self.rewrite()
    }

    fn rewrite(&mut self) -> std::io::Result<()> {
        let mut records = Vec::new();
        for (file, entry) in &mut self.entries {
            entry.written = !entry.latest.is_none() || !entry.notes.is_empty();
            if entry.written {
                records.push(Record::Base {
                    file: file.clone(),
                    text: utf8(&entry.base),
                });
                records.push(entry.latest.clone().record(file.clone()));
                records.extend(entry.notes.iter().map(|n| notes_record(file.clone(), n)));
            }
        }
        if self.draft.is_some() {
            records.push(Record::Draft(self.draft.clone()));
        }
        self.file = None;
        if records.is_empty() {
            return match fs::remove_file(&self.path) {
                Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        // Written whole beside it, then renamed over it: a crash leaves one journal or the other.
        let next = self.path.with_extension("journal.new");
        let mut out = std::io::BufWriter::new(File::create(&next)?);
        write_records(&mut out, &records)?;
        out.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        fs::rename(&next, &self.path)
    }

    fn append(&mut self, records: &[Record]) -> std::io::Result<()> {
        append_to(&mut self.file, &self.path, records)
    }

    /// Everything is saved: the journal goes, or keeps only the open form.
    fn close(&mut self) {
        for entry in self.entries.values_mut() {
            entry.latest = Delta::default();
            entry.notes.clear();
        }
        if let Err(e) = self.rewrite() {
            tracing::error!(error = %e, "journal");
        }
    }
}

/// The journal's name of a meeting's file.
fn meeting_file(id: MeetingId) -> String {
    format!("{}/{id}.ron", super::layout::MEETINGS_DIR)
}

fn notes_record(file: String, lines: &NotesLines) -> Record<'static> {
    Record::Notes {
        file,
        item: lines.item,
        at: lines.at,
        removed: lines.removed,
        lines: lines.lines.clone(),
    }
}

/// Runs a journal until its channel closes or it is told to close.
pub fn run(mut journal: Journal, messages: &Receiver<Message>) {
    while let Ok(message) = messages.recv() {
        if !journal.handle(message) {
            break;
        }
    }
}

/// Appends records to the journal, opened at the first. Changes go in one write: the kernel
/// has them when this returns, whatever happens to the process. A base (the whole text of a
/// file) is written as it is made, in pieces, not made whole in memory first: cut by a
/// crash, it is the last line, ignored at the reading, and nothing after it is lost.
fn append_to(file: &mut Option<File>, path: &Path, records: &[Record]) -> std::io::Result<()> {
    if file.is_none() {
        *file = Some(OpenOptions::new().create(true).append(true).open(path)?);
    }
    let Some(file) = file.as_mut() else {
        return Ok(());
    };
    if records.iter().any(|r| matches!(r, Record::Base { .. })) {
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
        write_records(&mut out, records)?;
        out.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        Ok(())
    } else {
        file.write_all(&encode(records))
    }
}

/// Writes the records, one a line, as they are made, in the form ron writes them (and reads
/// them back, at recovery). They are written here, not through ron's serializer, which
/// escapes a character at a time: the whole text of a large meeting at each save, a line of
/// 100,000 characters at each change of it.
fn write_records(out: &mut impl Write, records: &[Record]) -> std::io::Result<()> {
    for record in records {
        write_record(out, record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One record, as `ron::to_string` writes it.
fn write_record(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    match record {
        Record::Base { file, text } => {
            write_head(out, "Base", file)?;
            out.write_all(b",text:")?;
            write_string(out, text)?;
        }
        Record::Splice {
            file,
            at,
            removed,
            lines,
        } => {
            write_head(out, "Splice", file)?;
            write_lines(out, *at, *removed, lines)?;
        }
        Record::Draft(draft) => {
            out.write_all(b"Draft(")?;
            match draft {
                Some(draft) => {
                    out.write_all(b"Some(")?;
                    write_string(out, draft)?;
                    out.write_all(b")")?;
                }
                None => out.write_all(b"None")?,
            }
        }
        Record::Notes {
            file,
            item: (index, sub),
            at,
            removed,
            lines,
        } => {
            write_head(out, "Notes", file)?;
            write!(out, ",item:({index},")?;
            match sub {
                Some(sub) => write!(out, "Some({sub}))")?,
                None => out.write_all(b"None)")?,
            }
            write_lines(out, *at, *removed, lines)?;
        }
    }
    out.write_all(b")")
}

/// A record's variant and the file it is about: `Name(file:"…"`.
fn write_head(out: &mut impl Write, variant: &str, file: &str) -> std::io::Result<()> {
    write!(out, "{variant}(file:")?;
    write_string(out, file)
}

/// Lines `at..at + removed` replaced by `lines`: `,at:…,removed:…,lines:["…",…]`.
fn write_lines(
    out: &mut impl Write,
    at: usize,
    removed: usize,
    lines: &[String],
) -> std::io::Result<()> {
    write!(out, ",at:{at},removed:{removed},lines:[")?;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_string(out, line)?;
    }
    out.write_all(b"]")
}

/// A string as ron reads it back, on one line: quotes, backslashes and control characters
/// are escaped, everything else is written as it is, in runs.
fn write_string(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    out.write_all(b"\"")?;
    let mut run = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..0x20 | 0x7f => b"",
            _ => continue,
        };
        out.write_all(&bytes[run..at])?;
        if escaped.is_empty() {
            write!(out, "\\u{{{byte:x}}}")?;
        } else {
            out.write_all(escaped)?;
        }
        run = at + 1;
    }
    out.write_all(&bytes[run..])?;
    out.write_all(b"\"")
}

/// The records, one a line, written into one buffer made room for them.
fn encode(records: &[Record]) -> Vec<u8> {
    let room: usize = records
        .iter()
        .map(|r| match r {
            Record::Base { file, text } => file.len() + text.len() + text.len() / 16 + 32,
            Record::Splice { file, lines, .. } => {
                file.len() + lines.iter().map(|l| l.len() + 4).sum::<usize>() + 64
            }
            Record::Draft(d) => d.as_ref().map_or(0, String::len) + 16,
            Record::Notes { file, lines, .. } => {
                file.len() + lines.iter().map(|l| l.len() + 4).sum::<usize>() + 80
            }
        })
        .sum();
    let mut out = Vec::with_capacity(crate::codec::room(room));
    // Writing into memory does not fail.
    let _ = write_records(&mut out, records);
    out
}

/// What a journal left by an interrupted session holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Each file changed since its last save: its path, the text it had then, and its text
    /// with the changes.
    pub files: Vec<RecoveredFile>,
    /// The form that was open, as the application described it.
    pub draft: Option<String>,
}

/// A file to bring back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveredFile {
    /// The file.
    pub path: PathBuf,
    /// Its text when it was last saved.
    pub base: String,
    /// Its text with every change journaled since.
    pub text: String,
}

/// Reads the journal left in a folder, if any. A line that does not read (the last one, cut
/// by the crash) ends the reading.
pub fn recover(layout: &Layout) -> Result<Option<Recovery>, StoreError> {
    let path = layout.root().join(JOURNAL_FILE);
    let Some(bytes) = files::read_if_exists(&path)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&bytes);
    // Each file: its text as last saved, its lines with the splices, and the lines of notes
    // changed over them.
    let mut states: BTreeMap<String, (String, Vec<String>, Vec<NotesLines>)> = BTreeMap::new();
    let mut draft = None;
    for line in text.lines() {
        let Ok(record) = ron::from_str::<Record>(line) else {
            tracing::warn!("journal : ligne illisible, fin de la lecture");
            break;
        };
        match record {
            Record::Base { file, text } => {
                let lines = text.split('\n').map(str::to_string).collect();
                states.insert(file, (text.into_owned(), lines, Vec::new()));
            }
            Record::Splice {
                file,
                at,
                removed,
                lines,
            } => {
                if let Some((_, current, notes)) = states.get_mut(&file)
                    && at + removed <= current.len()
                {
                    current.splice(at..at + removed, lines);
                    // The text of the whole file holds the notes as they were then.
                    notes.clear();
                }
            }
            Record::Notes {
                file,
                item,
                at,
                removed,
                lines,
            } => {
                if let Some((_, _, notes)) = states.get_mut(&file) {
                    notes.push(NotesLines {
                        item,
                        at,
                        removed,
                        lines,
                    });
                }
            }
            Record::Draft(d) => draft = d,
        }
    }
    let files = states
        .into_iter()
        .map(|(file, (base, lines, notes))| {
            let path = layout.root().join(file);
            let text = with_notes(&path, lines.join("\n"), &notes);
            RecoveredFile { path, base, text }
        })
        .filter(|f| f.text != f.base)
        .collect();
    Ok(Some(Recovery { files, draft }))
}

/// A meeting's text with lines of its notes changed: the meeting is read from the text, its
/// notes changed, and written again. A text that does not read as a meeting is kept as it is
/// (the recovery keeps it aside).
fn with_notes(path: &Path, text: String, notes: &[NotesLines]) -> String {
    if notes.is_empty() {
        return text;
    }
    let id = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(Layout::meeting_of);
    let meeting = crate::codec::parse::<Meeting>(path, &text);
    let (Some(id), Ok(mut meeting)) = (id, meeting) else {
        tracing::error!(file = %path.display(), "journal : notes impossibles à remettre en place");
        return text;
    };
    // Each point's notes cut into lines once, changed, and joined again.
    let mut changed: BTreeMap<(usize, Option<usize>), Vec<String>> = BTreeMap::new();
    for change in notes {
        let Some(item) = item_at_mut(&mut meeting.agenda, change.item) else {
            tracing::warn!(item = ?change.item, "journal : point de l'ordre du jour introuvable");
            continue;
        };
        let lines = changed
            .entry(change.item)
            .or_insert_with(|| item.notes.split('\n').map(str::to_string).collect());
        if change.at + change.removed <= lines.len() {
            lines.splice(change.at..change.at + change.removed, change.lines.clone());
        }
    }
    for (at, lines) in changed {
        if let Some(item) = item_at_mut(&mut meeting.agenda, at) {
            item.notes = lines.join("\n");
        }
    }
    let mut out = String::new();
    write_meeting_text(id, &meeting, &mut out);
    out
}

/// Clears the journal after its recovery, keeping only the form that was open.
pub fn clear(layout: &Layout, draft: Option<&str>) -> Result<(), StoreError> {
    let path = layout.root().join(JOURNAL_FILE);
    let fail = |e| StoreError::io(&path, "journal impossible à vider", e);
    match draft {
        Some(d) => fs::write(&path, encode(&[Record::Draft(Some(d.to_string()))])).map_err(fail),
        None => match fs::remove_file(&path) {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(fail(e)),
            _ => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn journal(dir: &Path) -> Journal {
        Journal::new(&Layout::new(dir))
    }

    #[test]
    fn changes_replay_onto_the_text_last_saved() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let mut j = journal(dir.path());
        let file = dir.path().join("reunions/2026-01-20.ron");
        j.handle(Message::Known(file.clone(), Arc::new(b"a\nb\nc".to_vec())));
        // Texts as the thread writes them from the meeting.
        for text in ["a\nb\nc\nd", "a\nB\nc\nd", "a\nB\nd", "a\nB\nd\n« é »\n"] {
            j.changed_text("reunions/2026-01-20.ron".into(), text)
                .unwrap();
        }
        let entry = &j.entries["reunions/2026-01-20.ron"];
        assert_eq!(
            (
                entry.latest.at,
                entry.latest.removed,
                entry.latest.lines.len()
            ),
            (1, 2, 4),
            "what differs from the base is kept, not the whole text"
        );
        j.set_draft(Some("(form)".into())).unwrap();
        let recovery = recover(&layout).unwrap().unwrap();
        assert_eq!(recovery.files.len(), 1);
        assert_eq!(recovery.files[0].base, "a\nb\nc");
        assert_eq!(recovery.files[0].text, "a\nB\nd\n« é »\n");
        assert_eq!(recovery.draft.as_deref(), Some("(form)"));
        // A save starts it again from what was saved.
        j.saved(&file, Arc::new(b"a\nB\nd\n".to_vec()), false)
            .unwrap();
        let recovery = recover(&layout).unwrap().unwrap();
        assert_eq!(recovery.files[0].base, "a\nB\nd\n");
        assert_eq!(recovery.files[0].text, "a\nB\nd\n« é »\n");
        j.saved(
            &file,
            Arc::new("a\nB\nd\n« é »\n".as_bytes().to_vec()),
            false,
        )
        .unwrap();
        let recovery = recover(&layout).unwrap().unwrap();
        assert!(recovery.files.is_empty());
        assert_eq!(recovery.draft.as_deref(), Some("(form)"));
        j.set_draft(None).unwrap();
        j.handle(Message::Close);
        assert!(
            !dir.path().join(JOURNAL_FILE).exists(),
            "nothing left to keep"
        );
    }

    #[test]
    fn a_cut_last_line_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let base = encode(&[
            Record::Base {
                file: "comite.ron".into(),
                text: "x\ny".into(),
            },
            Record::Splice {
                file: "comite.ron".into(),
                at: 1,
                removed: 1,
                lines: vec!["Y".into()],
            },
        ]);
        let base = String::from_utf8(base).unwrap();
        let cut = format!("{base}Splice(file:\"comite.ron\",at:0,rem");
        fs::write(dir.path().join(JOURNAL_FILE), cut).unwrap();
        let recovery = recover(&Layout::new(dir.path())).unwrap().unwrap();
        assert_eq!(recovery.files[0].text, "x\nY");
    }

    #[test]
    fn splices_are_the_lines_between_common_ends() {
        let splice =
            |old: &str, new: &str| Delta::between(&lines(old.as_bytes()), &lines(new.as_bytes()));
        let delta = splice("a\nb\nc", "a\nx\ny\nc");
        assert_eq!(
            (delta.at, delta.removed, delta.lines),
            (1, 1, vec!["x".to_string(), "y".to_string()])
        );
        let delta = splice("a\na", "a\na\na");
        assert_eq!((delta.at, delta.removed, delta.lines.len()), (2, 0, 1));
        assert!(splice("a\nb", "a\nb").is_none());
        assert!(!splice("a\nb", "a").is_none());
        assert_eq!(
            splice("a\nb\nc", "a\nx\ny\nc").apply(&lines(b"a\nb\nc")),
            lines(b"a\nx\ny\nc")
        );
    }

    /// Text with everything a string may hold that must be escaped on one line.
    const HOSTILE: &str = "(\\PC|[\"\\\\\n\r\t\u{0}-\u{1f}\u{7f}\u{85}\u{2028}#]){0,60}";

    fn record() -> impl proptest::strategy::Strategy<Value = Record<'static>> {
        use proptest::prelude::*;
        let file = "[a-z/.\"\\\\é]{0,12}";
        let lines = proptest::collection::vec(HOSTILE, 0..4);
        prop_oneof![
            (file, HOSTILE).prop_map(|(file, text)| Record::Base {
                file,
                text: Cow::Owned(text)
            }),
            (file, any::<usize>(), any::<usize>(), lines.clone()).prop_map(
                |(file, at, removed, lines)| Record::Splice {
                    file,
                    at,
                    removed,
                    lines
                }
            ),
            proptest::option::of(HOSTILE).prop_map(Record::Draft),
            (
                file,
                (any::<usize>(), proptest::option::of(any::<usize>())),
                any::<usize>(),
                any::<usize>(),
                lines
            )
                .prop_map(|(file, item, at, removed, lines)| Record::Notes {
                    file,
                    item,
                    at,
                    removed,
                    lines
                }),
        ]
    }

    proptest::proptest! {
        /// Records written by hand read back through ron as they were, one a line.
        #[test]
        fn records_written_by_hand_read_back_through_ron(
            records in proptest::collection::vec(record(), 1..5),
        ) {
            let text = String::from_utf8(encode(&records)).unwrap();
            proptest::prop_assert_eq!(text.matches('\n').count(), records.len());
            proptest::prop_assert!(text.ends_with('\n'));
            let read: Vec<Record> = text.lines().map(|l| ron::from_str(l).unwrap()).collect();
            proptest::prop_assert_eq!(read, records);
        }
    }
}
