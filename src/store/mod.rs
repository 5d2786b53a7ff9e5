//! The store: one folder per committee, one versioned RON file for the committee and one per
//! meeting. Saving is atomic and keeps backups that only ever improve; one editor at a time
//! holds the lock; a file changed on disk by someone else is merged three ways with what is
//! saved, never overwritten (the version found is kept in `conflits/`); a file that does not
//! read is reported with line and column and never rewritten.

mod error;
mod files;
mod halves;
mod history;
pub mod journal;
pub mod layout;
pub mod lists;
mod lock;
mod migrate;
pub mod quick;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub use error::{StoreError, french_io};
pub use files::{is_temporary, write_atomic};
pub use layout::Layout;
pub use lock::EditorLock;

use crate::catalog::{self, Catalog};
use crate::codec;
use crate::merge::{self, Merged};
use crate::model::{Committee, Meeting, MeetingId, MemberId, SCHEMA_VERSION};
use files::Replaced;

/// How many backups of each file are kept, and how often one is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreOptions {
    /// Backups kept per file (`sauvegardes/NOM.1.ron` is the newest).
    pub backups_kept: usize,
    /// A new backup is taken at the first save of a session, then at most this often.
    pub backup_every: Duration,
}

impl Default for StoreOptions {
    fn default() -> StoreOptions {
        StoreOptions {
            backups_kept: 10,
            backup_every: Duration::from_secs(5 * 60),
        }
    }
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved<T> {
    /// The file was replaced with what was asked.
    InPlace,
    /// The file had changed on disk since it was read: the version found there was kept in
    /// `conflits/`, merged with what was asked, and the merge saved. It is what the caller
    /// now holds.
    Merged(Box<MergedSave<T>>),
    /// The file had changed on disk and cannot be merged (it does not read, or a newer
    /// copilnum wrote it): it was left alone, and the save went to a copy in `conflits/`.
    Diverted {
        /// Where the save went, relative to the committee folder.
        copy: PathBuf,
        /// Why the file could not be merged, in French.
        reason: String,
    },
}

/// A save merged with a version found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedSave<T> {
    /// What was saved: the merge of both versions.
    pub value: T,
    /// What the merge took from the other version, and where they disagreed.
    pub report: merge::Report,
    /// Where the version found on disk was kept (one copy per version found), relative to
    /// the committee folder.
    pub copies: Vec<PathBuf>,
}

/// Reads a value from the bytes of a file (the path names it in errors).
type Reader<T> = dyn Fn(&Path, &[u8]) -> Result<T, StoreError>;

/// A meeting read from its file: the meeting, the file, and its bytes.
type ReadMeeting = (Meeting, PathBuf, Vec<u8>);

/// How one kind of file is written, read back and merged.
struct Kind<'a, T> {
    /// Short name for the copies (`comite`, `2026-01-20`).
    stem: &'a str,
    text: &'a dyn Fn(&T) -> String,
    read: &'a Reader<T>,
    merge: &'a dyn Fn(&T, &T, &T) -> Merged<T>,
}

/// Whether a store may write.
#[derive(Debug)]
enum Access {
    /// It holds the editor lock (released when the store is dropped).
    Editor(#[allow(dead_code)] EditorLock),
    /// It only reads, for this reason (in French).
    ReadOnly(String),
}

/// What came back from the journal of an interrupted session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovered {
    /// The committee's changes were saved.
    pub committee: bool,
    /// The meetings whose changes were saved.
    pub meetings: Vec<MeetingId>,
    /// Changes that could not be put back, kept in `conflits/`.
    pub copies: Vec<PathBuf>,
    /// The form that was open, as the application described it.
    pub draft: Option<String>,
}

/// The bytes of a file as read or written, shared between the store (the base of its next
/// save) and the journal (what it splices the changes onto): a large meeting is megabytes,
/// held once.
pub type SharedText = Arc<Vec<u8>>;

/// A meeting's name with the meeting, or why it could not be read.
pub type LoadedMeeting = (MeetingId, Result<Meeting, StoreError>);

/// An open committee folder.
#[derive(Debug)]
pub struct Store {
    layout: Layout,
    access: Access,
    /// What each file held when it was last read or written: what the caller's version of it
    /// is based on, for three-way merges.
    base: HashMap<PathBuf, SharedText>,
    /// The versions of each file read or written, to merge a version written elsewhere
    /// against the one it started from.
    histories: HashMap<PathBuf, history::History>,
    last_backup: HashMap<PathBuf, Instant>,
    /// Where saves go while a file changed elsewhere does not read.
    diverted: HashMap<PathBuf, PathBuf>,
    /// The previous version of each file last replaced, held open: what a writer still puts
    /// there after the replacement is merged at the next save.
    late: HashMap<PathBuf, files::LateWatch>,
    /// Members' names, for what a merge writes in the notes: read from the committee's text
    /// when a merge first needs them (not before the first frame, nor at each save).
    names: Arc<OnceLock<HashMap<MemberId, String>>>,
    options: StoreOptions,
}

impl Store {
    /// Opens an existing folder as its editor, taking the lock. Another editor gives
    /// [`StoreError::Locked`]; a folder where nothing can be written,
    /// [`StoreError::ReadOnlyFolder`] (both to be opened read-only instead).
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        require_dir(dir)?;
        let lock = EditorLock::acquire(dir)?;
        Ok(Store::with(Layout::new(dir), Access::Editor(lock)))
    }

    /// Opens a folder to read only, without the lock; `reason` says why, in French.
    pub fn open_read_only(dir: &Path, reason: &str) -> Store {
        Store::with(Layout::new(dir), Access::ReadOnly(reason.to_string()))
    }

    fn with(layout: Layout, access: Access) -> Store {
        Store {
            layout,
            access,
            base: HashMap::new(),
            histories: HashMap::new(),
            last_backup: HashMap::new(),
            diverted: HashMap::new(),
            late: HashMap::new(),
            names: Arc::default(),
            options: StoreOptions::default(),
        }
    }

    /// Changes the backup policy.
    pub fn with_options(mut self, options: StoreOptions) -> Store {
        self.options = options;
        self
    }

    /// The folder's paths.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Whether this store may write (it holds the editor lock).
    pub fn is_editor(&self) -> bool {
        matches!(self.access, Access::Editor(_))
    }

    /// Reads the committee file.
    pub fn load_committee(&mut self) -> Result<Committee, StoreError> {
        require_dir(self.layout.root())?;
        let path = self.layout.committee();
        let Some(bytes) = files::read_if_exists(&path)? else {
            return Err(StoreError::NoCommittee {
                dir: self.layout.root().to_path_buf(),
            });
        };
        let committee = migrate::committee(&path, &bytes)?;
        self.remember(path, bytes);
        self.forget_names();
        Ok(committee)
    }

    /// The meetings in the folder, oldest first, from the names of their files.
    pub fn meeting_ids(&self) -> Result<Vec<MeetingId>, StoreError> {
        meeting_ids(&self.layout)
    }

    /// [`Store::load_committee`] and [`Store::meeting_ids`] at once: the folder is listed on
    /// another core while the committee is read (a thousand meetings take half a millisecond
    /// to list, before the first frame).
    pub fn load_committee_and_meeting_ids(
        &mut self,
    ) -> (
        Result<Committee, StoreError>,
        Result<Vec<MeetingId>, StoreError>,
    ) {
        let layout = self.layout.clone();
        std::thread::scope(|scope| {
            let listing = std::thread::Builder::new()
                .name("liste".into())
                .spawn_scoped(scope, move || meeting_ids(&layout));
            let committee = self.load_committee();
            let ids = match listing.map(|l| l.join()) {
                Ok(Ok(ids)) => ids,
                // No thread to be had, or it failed: listed here.
                _ => self.meeting_ids(),
            };
            (committee, ids)
        })
    }

    /// The meeting a user names on the command line, with the list of names if there is none.
    pub fn find_meeting(&self, name: &str) -> Result<MeetingId, StoreError> {
        let ids = self.meeting_ids()?;
        let unknown = |ids: &[MeetingId]| StoreError::UnknownMeeting {
            id: name.to_string(),
            known: if ids.is_empty() {
                "aucune".into()
            } else {
                ids.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        };
        let id: MeetingId = name
            .trim()
            .trim_end_matches(".ron")
            .parse()
            .map_err(|_| unknown(&ids))?;
        if ids.contains(&id) {
            Ok(id)
        } else {
            Err(unknown(&ids))
        }
    }

    /// Reads one meeting.
    pub fn load_meeting(&mut self, id: MeetingId) -> Result<Meeting, StoreError> {
        let (meeting, path, bytes) = read_meeting(&self.layout, id)?;
        self.remember(path, bytes);
        Ok(meeting)
    }

    /// Reads one meeting without taking it as the base of a later save: for a reader that
    /// never saves it (the summaries and the history of the years screen). The file's bytes
    /// are dropped at once.
    pub fn peek_meeting(&self, id: MeetingId) -> Result<Meeting, StoreError> {
        read_meeting(&self.layout, id).map(|(meeting, _, _)| meeting)
    }

    /// Files of the meetings folder that look like meetings (`.ron`) but whose names are not
    /// meeting names, so that copilnum does not see them.
    pub fn stray_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let Some(entries) = meetings_folder(&self.layout)? else {
            return Ok(Vec::new());
        };
        let mut stray: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".ron")
                    && !name.starts_with('.')
                    && Layout::meeting_of(name).is_none()
            })
            .collect();
        stray.sort();
        Ok(stray)
    }

    /// Reads every meeting, oldest first; one that does not read does not stop the others.
    /// The files are parsed on as many threads as there are cores.
    pub fn load_meetings(&mut self) -> Result<Vec<LoadedMeeting>, StoreError> {
        let ids = self.meeting_ids()?;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(ids.len().max(1));
        let chunk = ids.len().div_ceil(threads).max(1);
        let layout = &self.layout;
        let read = |id: MeetingId| read_meeting(layout, id);
        let results: Vec<Result<ReadMeeting, StoreError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || part.iter().map(|&id| read(id)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a reading thread does not panic"))
                .collect()
        });
        Ok(ids
            .into_iter()
            .zip(results)
            .map(|(id, result)| {
                let meeting = result.map(|(meeting, path, bytes)| {
                    if self.is_editor() {
                        self.remember(path, bytes);
                    }
                    meeting
                });
                (id, meeting)
            })
            .collect())
    }

    /// Writes the committee file, merged with the version on disk if it changed elsewhere.
    pub fn save_committee(
        &mut self,
        committee: &Committee,
    ) -> Result<Saved<Committee>, StoreError> {
        let saved = self.save(
            self.layout.committee(),
            committee,
            &Kind {
                stem: "comite",
                text: &committee_text,
                read: &|path, bytes| migrate::committee(path, bytes),
                merge: &merge::merge_committee,
            },
        )?;
        // What was written is the base their names are read from.
        self.forget_names();
        Ok(saved)
    }

    /// Writes one meeting's file, merged with the version on disk if it changed elsewhere.
    pub fn save_meeting(
        &mut self,
        id: MeetingId,
        meeting: &Meeting,
    ) -> Result<Saved<Meeting>, StoreError> {
        nameable(id)?;
        let path = self.layout.meeting(id);
        let size = self.base.get(&path).map_or(0, |b| b.len());
        let names = Arc::clone(&self.names);
        let committee_path = self.layout.committee();
        let committee = self.base.get(&committee_path).cloned();
        let name = move |member: MemberId| {
            names
                .get_or_init(|| {
                    committee
                        .as_deref()
                        .and_then(|bytes| migrate::committee(&committee_path, bytes).ok())
                        .map(|c| c.members.into_iter().map(|m| (m.id, m.name)).collect())
                        .unwrap_or_default()
                })
                .get(&member)
                .cloned()
                .unwrap_or_else(|| format!("membre n° {}", member.0))
        };
        self.save(
            path,
            meeting,
            &Kind {
                stem: &id.to_string(),
                text: &|m| meeting_text_sized(id, m, size),
                read: &|path, bytes| migrate::meeting(path, bytes),
                merge: &|base, ours, theirs| merge::merge_meeting(base, ours, theirs, &name),
            },
        )
    }

    /// Records what a file holds after reading or writing it: the base of the next save
    /// (its versions read it there, not in a copy).
    fn remember(&mut self, path: PathBuf, bytes: Vec<u8>) {
        let text = Arc::new(bytes);
        self.histories
            .entry(path.clone())
            .or_default()
            .record_shared(&text);
        self.base.insert(path, text);
    }

    /// The version a version found on disk most likely started from.
    fn origin_of(&mut self, path: &Path, found: &[u8], others: &[&[u8]]) -> Option<Vec<u8>> {
        match self.histories.get_mut(path) {
            Some(history) => history.closest(found, others),
            None => others.last().map(|o| o.to_vec()),
        }
    }

    /// The committee's text changed: its members' names are read again when needed.
    fn forget_names(&mut self) {
        self.names = Arc::default();
    }

    /// The copies kept in `conflits/`, newest first, each with the file it is a copy of
    /// (`None` when its name does not say).
    pub fn conflict_copies(&self) -> Vec<(PathBuf, Option<PathBuf>)> {
        let Ok(entries) = fs::read_dir(self.layout.conflicts_dir()) else {
            return Vec::new();
        };
        let mut copies: Vec<(PathBuf, Option<PathBuf>)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                if name.starts_with('.') || !name.ends_with(".ron") {
                    return None;
                }
                let original = name
                    .split_once(".conflit-")
                    .and_then(|(stem, _)| match stem {
                        "comite" => Some(self.layout.committee()),
                        id => id.parse().ok().map(|id| self.layout.meeting(id)),
                    });
                Some((e.path(), original))
            })
            .collect();
        // The names carry the date and time: the newest sorts last.
        copies.sort_by(|a, b| b.0.cmp(&a.0));
        copies
    }

    /// Whether another program wrote into the previous version of a file after a save
    /// replaced it (what it wrote is merged at the next save: one is due).
    pub fn late_writes(&mut self) -> bool {
        self.late
            .values_mut()
            .any(|watch| watch.written().is_some())
    }

    /// What a file held when it was last read or written here (shared, not copied).
    pub fn saved_text(&self, path: &Path) -> Option<SharedText> {
        self.base.get(path).cloned()
    }

    /// Brings back what the journal of an interrupted session holds: each file changed since
    /// its last save is saved again with those changes (merged with the file if it changed
    /// elsewhere since); the journal is then emptied, but for the form that was open.
    pub fn recover(&mut self) -> Result<Option<Recovered>, StoreError> {
        if !self.is_editor() {
            return Ok(None);
        }
        let Some(recovery) = journal::recover(&self.layout)? else {
            return Ok(None);
        };
        let mut recovered = Recovered {
            draft: recovery.draft.clone(),
            ..Recovered::default()
        };
        for file in &recovery.files {
            self.remember(file.path.clone(), file.base.clone().into_bytes());
            let name = file.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let saved = if file.path == self.layout.committee() {
                codec::parse::<Committee>(&file.path, &file.text)
                    .map_err(StoreError::from)
                    .and_then(|c| self.save_committee(&c).map(|_| ()))
                    .map(|()| recovered.committee = true)
            } else if let Some(id) = Layout::meeting_of(name) {
                codec::parse::<Meeting>(&file.path, &file.text)
                    .map_err(StoreError::from)
                    .and_then(|m| self.save_meeting(id, &m).map(|_| ()))
                    .map(|()| recovered.meetings.push(id))
            } else {
                Ok(())
            };
            if let Err(e) = saved {
                // Kept as it is: nothing typed is lost, even if it cannot be put back.
                let copy = self.keep_copy("journal", file.text.as_bytes())?;
                tracing::error!(error = %e, copy = %copy.display(), "journal : reprise impossible");
                recovered
                    .copies
                    .push(self.layout.display(&copy).to_path_buf());
            }
        }
        journal::clear(&self.layout, recovery.draft.as_deref())?;
        Ok(Some(recovered))
    }

    /// Temporary files that a hard kill left in the committee's folders.
    pub fn temporaries(&self) -> Vec<PathBuf> {
        files::temporaries(&self.layout.data_dirs())
    }

    /// Removes the temporary files a hard kill left behind (only the editor may: no other
    /// copilnum is saving); returns what was removed.
    pub fn remove_temporaries(&self) -> Vec<PathBuf> {
        if !self.is_editor() {
            return Vec::new();
        }
        let removed = files::remove_temporaries(&self.layout.data_dirs());
        for path in &removed {
            tracing::info!(path = %path.display(), "fichier temporaire abandonné supprimé");
        }
        removed
    }

    /// Reads the catalogue: the embedded one, with each file the folder overrides.
    pub fn load_catalog(&self) -> Result<Catalog, StoreError> {
        let mut sources = Vec::with_capacity(catalog::FILES.len());
        for file in catalog::FILES {
            let path = self.layout.catalog(file.path);
            let source = match files::read_if_exists(&path)? {
                Some(bytes) => (path.clone(), codec::utf8(&path, &bytes)?.to_string()),
                None => (
                    Path::new("assets").join(file.path),
                    file.builtin.to_string(),
                ),
            };
            sources.push(source);
        }
        let sources: catalog::Sources = sources.try_into().expect("one source per catalogue file");
        Catalog::parse(&sources).map_err(StoreError::Catalog)
    }

    /// Saves a value: merged first with the version on disk if that changed since it was
    /// read, then swapped into place; if someone writes the file in the meantime, what they
    /// wrote is merged in and the save starts again. The result becomes the base of the next
    /// save.
    fn save<T: Clone + PartialEq>(
        &mut self,
        path: PathBuf,
        ours: &T,
        kind: &Kind<'_, T>,
    ) -> Result<Saved<T>, StoreError> {
        if let Access::ReadOnly(reason) = &self.access {
            return Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
        }
        if let Some(parent) = path.parent() {
            files::ensure_dir(parent)?;
        }
        // Ours, or what a merge made of it (a large meeting is not copied when none happens).
        let mut value: Option<T> = None;
        let mut merged: Option<MergedSave<T>> = None;
        // Written into the previous version after the last save replaced it: merged first.
        if let Some(found) = self.late.get_mut(&path).and_then(files::LateWatch::written) {
            self.late.remove(&path);
            tracing::warn!(path = %path.display(), "écrit dans l'ancienne version après l'enregistrement");
            let origin = self.origin_of(&path, &found, &[]);
            let current = value.as_ref().unwrap_or(ours);
            match self.merge_in(&path, kind, origin.as_deref(), current, &found)? {
                Ok(m) => {
                    value = Some(m.value.clone());
                    merged = Some(m);
                }
                Err(reason) => {
                    let m = self.keep_unreadable(kind, current, &found, reason)?;
                    merged = Some(m);
                }
            }
        }
        // What the file holds now: the base when nobody else wrote it (the bytes read are
        // dropped at once, the base is shared), else what they wrote, merged in.
        let base = self.base.get(&path).cloned();
        let unchanged = match &base {
            Some(base) => files::holds_if_exists(&path, base)? == Some(true),
            None => false,
        };
        let now = if unchanged {
            None
        } else {
            files::read_if_exists(&path)?
        };
        let mut expected: Option<SharedText> = match now {
            _ if unchanged => base,
            None => None,
            Some(now) if base.as_ref().is_some_and(|b| **b == now) => base,
            Some(now) => {
                let found = settled(kind, &path, now, || {
                    files::read_if_exists(&path).map(Option::unwrap_or_default)
                })?;
                let origin = self.origin_of(&path, &found, &[]);
                let current = value.as_ref().unwrap_or(ours);
                match self.merge_in(&path, kind, origin.as_deref(), current, &found)? {
                    Ok(m) => {
                        value = Some(m.value.clone());
                        merged = Some(m);
                    }
                    Err(reason) => return self.divert(&path, kind, current, reason),
                }
                Some(Arc::new(found))
            }
        };
        self.diverted.remove(&path);
        for _ in 0..16 {
            let bytes = (kind.text)(value.as_ref().unwrap_or(ours)).into_bytes();
            match files::replace(&path, &bytes, expected.as_deref().map(Vec::as_slice))? {
                Replaced::Done(previous) => {
                    match previous
                        .as_ref()
                        .and_then(|p| p.watch(expected.as_deref().map_or(&[], Vec::as_slice)))
                    {
                        Some(watch) => self.late.insert(path.clone(), watch),
                        None => self.late.remove(&path),
                    };
                    if let Some(previous) = previous
                        && self.backup_due(&path)
                    {
                        files::keep_backup(
                            previous,
                            &self.layout.backups_dir(),
                            kind.stem,
                            self.options.backups_kept,
                        )?;
                        self.last_backup.insert(path.clone(), Instant::now());
                    }
                    self.remember(path, bytes);
                    return Ok(match merged {
                        Some(m) => Saved::Merged(Box::new(m)),
                        None => Saved::InPlace,
                    });
                }
                Replaced::Raced {
                    found,
                    on_disk,
                    displaced,
                } => {
                    // Written elsewhere at the last moment: merge it, based on what that
                    // writer most likely saw (what we expected to replace, or an earlier
                    // version), and save again.
                    tracing::warn!(path = %path.display(), "fichier écrit ailleurs pendant l'enregistrement");
                    // What we placed was on disk a moment: another writer may start from it.
                    self.histories
                        .entry(path.clone())
                        .or_default()
                        .record(&on_disk);
                    let found = match &displaced {
                        Some(displaced) => settled(kind, &path, found, || displaced.read())?,
                        None => found,
                    };
                    let others: Vec<&[u8]> =
                        expected.as_deref().map(Vec::as_slice).into_iter().collect();
                    let origin = self.origin_of(&path, &found, &others);
                    let current = value.as_ref().unwrap_or(ours);
                    let m = match self.merge_in(&path, kind, origin.as_deref(), current, &found)? {
                        Ok(m) => m,
                        // Ours is in place; what they wrote does not read: it is kept as is.
                        Err(reason) => self.keep_unreadable(kind, current, &found, reason)?,
                    };
                    let earlier = merged.take();
                    value = Some(m.value.clone());
                    merged = Some(match earlier {
                        None => m,
                        Some(mut earlier) => {
                            earlier.value = m.value;
                            earlier.report.taken.extend(m.report.taken);
                            earlier.report.conflicts.extend(m.report.conflicts);
                            earlier.copies.extend(m.copies);
                            earlier
                        }
                    });
                    expected = Some(Arc::new(on_disk));
                }
            }
        }
        Err(StoreError::io(
            &path,
            "enregistrement impossible",
            std::io::Error::new(
                std::io::ErrorKind::ResourceBusy,
                "le fichier est réécrit sans cesse par un autre programme",
            ),
        ))
    }

    /// Merges the version `found` on disk with `ours`, based on `base` (what `ours` was read
    /// from), after keeping `found` in `conflits/`; or says why `found` does not read (broken,
    /// or from a newer copilnum).
    fn merge_in<T: Clone + PartialEq>(
        &mut self,
        path: &Path,
        kind: &Kind<'_, T>,
        base: Option<&[u8]>,
        ours: &T,
        found: &[u8],
    ) -> Result<Result<MergedSave<T>, String>, StoreError> {
        let theirs = match (kind.read)(path, found) {
            Ok(theirs) => theirs,
            Err(e) => return Ok(Err(e.to_string())),
        };
        let copy = self.keep_copy(kind.stem, found)?;
        tracing::warn!(path = %path.display(), copy = %copy.display(), "fichier modifié ailleurs : fusion");
        // A later version written elsewhere may start from this one.
        self.histories
            .entry(path.to_path_buf())
            .or_default()
            .record(found);
        let base = base.and_then(|b| (kind.read)(path, b).ok());
        let merged = match base {
            Some(base) => (kind.merge)(&base, ours, &theirs),
            // Nothing to compare with: ours is kept whole, theirs is in the copy.
            None => Merged {
                value: ours.clone(),
                report: merge::Report {
                    taken: Vec::new(),
                    conflicts: vec![merge::Conflict {
                        what: "tout le fichier".into(),
                        theirs: String::new(),
                        recorded_in: None,
                    }],
                },
            },
        };
        Ok(Ok(MergedSave {
            value: merged.value,
            report: merged.report,
            copies: vec![self.layout.display(&copy).to_path_buf()],
        }))
    }

    /// Writes `bytes` as a new copy in `conflits/`; returns its path.
    fn keep_copy(&self, stem: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
        let copy = self.conflict_copy_path(stem);
        files::ensure_dir(&self.layout.conflicts_dir())?;
        write_atomic(&copy, bytes)?;
        Ok(copy)
    }

    /// A version written at the last moment that does not read, while ours is in place: it
    /// is kept as it is in `conflits/`, and ours stands.
    fn keep_unreadable<T: Clone>(
        &mut self,
        kind: &Kind<'_, T>,
        ours: &T,
        found: &[u8],
        reason: String,
    ) -> Result<MergedSave<T>, StoreError> {
        let copy = self.keep_copy(kind.stem, found)?;
        Ok(MergedSave {
            value: ours.clone(),
            report: merge::Report {
                taken: Vec::new(),
                conflicts: vec![merge::Conflict {
                    what: "une version illisible écrite pendant l'enregistrement".into(),
                    theirs: reason,
                    recorded_in: None,
                }],
            },
            copies: vec![self.layout.display(&copy).to_path_buf()],
        })
    }

    /// The file changed elsewhere and does not read: it is left alone, and ours goes to a
    /// copy (the same one for every save until the file reads again).
    fn divert<T>(
        &mut self,
        path: &Path,
        kind: &Kind<'_, T>,
        ours: &T,
        reason: String,
    ) -> Result<Saved<T>, StoreError> {
        let copy = match self.diverted.get(path) {
            Some(copy) => copy.clone(),
            None => self.conflict_copy_path(kind.stem),
        };
        files::ensure_dir(&self.layout.conflicts_dir())?;
        write_atomic(&copy, (kind.text)(ours).as_bytes())?;
        self.diverted.insert(path.to_path_buf(), copy.clone());
        Ok(Saved::Diverted {
            copy: self.layout.display(&copy).to_path_buf(),
            reason,
        })
    }

    fn backup_due(&self, path: &Path) -> bool {
        self.last_backup
            .get(path)
            .is_none_or(|at| at.elapsed() >= self.options.backup_every)
    }

    fn conflict_copy_path(&self, stem: &str) -> PathBuf {
        let now = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let dir = self.layout.conflicts_dir();
        (1..)
            .map(|n| match n {
                1 => dir.join(format!("{stem}.conflit-{now}.ron")),
                n => dir.join(format!("{stem}.conflit-{now}-{n}.ron")),
            })
            .find(|p| !p.exists())
            .expect("an unbounded range always has a free name")
    }
}

/// How many times, and how far apart, a file another program is writing is read again before
/// it is taken as broken.
const SETTLE_TRIES: usize = 10;
const SETTLE_PAUSE: Duration = Duration::from_millis(20);

/// What another program wrote, read again while it does not read as a whole and still
/// changes: it may be in the middle of writing it.
fn settled<T>(
    kind: &Kind<'_, T>,
    path: &Path,
    mut bytes: Vec<u8>,
    again: impl Fn() -> Result<Vec<u8>, StoreError>,
) -> Result<Vec<u8>, StoreError> {
    for _ in 0..SETTLE_TRIES {
        if (kind.read)(path, &bytes).is_ok() {
            break;
        }
        std::thread::sleep(SETTLE_PAUSE);
        let now = again()?;
        // Still the same and not empty: broken for good, not being written. (An empty file is
        // what a writer leaves between truncating and writing: wait for it longer.)
        if now == bytes && !now.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        bytes = now;
    }
    Ok(bytes)
}

/// The entries of the meetings folder; `None` when there is no such folder yet.
fn meetings_folder(layout: &Layout) -> Result<Option<fs::ReadDir>, StoreError> {
    let dir = layout.meetings_dir();
    match fs::read_dir(&dir) {
        Ok(entries) => Ok(Some(entries)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(dir, "dossier illisible", e)),
    }
}

/// The meetings in the folder, oldest first, from the names of their files.
fn meeting_ids(layout: &Layout) -> Result<Vec<MeetingId>, StoreError> {
    let Some(entries) = meetings_folder(layout)? else {
        return Ok(Vec::new());
    };
    let mut ids: Vec<MeetingId> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Layout::meeting_of(e.file_name().to_str()?))
        .collect();
    ids.sort();
    Ok(ids)
}

/// Reads one meeting file: the meeting, its path and what it held.
fn read_meeting(layout: &Layout, id: MeetingId) -> Result<ReadMeeting, StoreError> {
    let path = layout.meeting(id);
    let bytes = files::read_with_room(&path)?;
    let meeting = migrate::meeting(&path, &bytes)?;
    Ok((meeting, path, bytes))
}

fn nameable(id: MeetingId) -> Result<(), StoreError> {
    if id.is_nameable() {
        Ok(())
    } else {
        Err(StoreError::DateOutOfRange {
            date: id.date.to_string(),
        })
    }
}

fn require_dir(dir: &Path) -> Result<(), StoreError> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(StoreError::io(
            dir,
            "dossier du comité inutilisable",
            std::io::ErrorKind::NotADirectory.into(),
        )),
        Err(e) => Err(StoreError::io(dir, "dossier du comité inaccessible", e)),
    }
}

/// The second header line of every file.
const EDITABLE: &str = "Modifiable à la main ; « copilnum check » vérifie ensuite le dossier.";

/// The text of a committee file, always at the current schema version.
pub fn committee_text(committee: &Committee) -> String {
    if committee.version != SCHEMA_VERSION {
        return committee_text(&Committee {
            version: SCHEMA_VERSION,
            ..committee.clone()
        });
    }
    codec::to_text(
        committee,
        &[
            "Comité de pilotage du numérique (COPIL-Num) — fichier écrit par copilnum.",
            EDITABLE,
        ],
    )
}

/// The text of a meeting file, always at the current schema version.
pub fn meeting_text(id: MeetingId, meeting: &Meeting) -> String {
    meeting_text_sized(id, meeting, 0)
}

/// [`meeting_text`], written into a text made room for `size` bytes (its last length).
pub fn meeting_text_sized(id: MeetingId, meeting: &Meeting, size: usize) -> String {
    let mut text = String::with_capacity(codec::room(size));
    write_meeting_text(id, meeting, &mut text);
    if text.capacity() > codec::room(text.len()) {
        text.shrink_to(codec::room(text.len()));
    }
    text
}

/// [`meeting_text`] into `text`, in place of what it held (its memory reused).
pub fn write_meeting_text(id: MeetingId, meeting: &Meeting, text: &mut String) {
    if meeting.version != SCHEMA_VERSION {
        return write_meeting_text(
            id,
            &Meeting {
                version: SCHEMA_VERSION,
                ..meeting.clone()
            },
            text,
        );
    }
    let title = format!("Réunion {id} du COPIL-Num — fichier écrit par copilnum.");
    codec::write_text(meeting, &[&title, EDITABLE], text);
}

/// Hidden folder where a new committee is written before it is moved into place.
const STAGING: &str = ".copilnum-creation";

/// Creates a committee folder with its committee and meetings, all or nothing: everything is
/// written into a hidden folder first, then moved into place. The folder must not exist yet
/// (it is then created in one rename) or be empty (its own settings — owner, group,
/// permissions — are kept). Errors name the folder the user gave.
pub fn create(
    dir: &Path,
    committee: &Committee,
    meetings: &[(MeetingId, Meeting)],
) -> Result<(), StoreError> {
    for (id, _) in meetings {
        nameable(*id)?;
    }
    let result = match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => create_inside(dir, committee, meetings),
        Ok(_) => Err(StoreError::io(
            dir,
            "dossier du comité inutilisable",
            std::io::ErrorKind::NotADirectory.into(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            create_beside(dir, committee, meetings)
        }
        Err(e) => Err(StoreError::io(dir, "dossier du comité inaccessible", e)),
    };
    result.map_err(|e| match e {
        StoreError::Io { action, source, .. } => StoreError::Io {
            path: dir.to_path_buf(),
            action,
            source,
        },
        other => other,
    })
}

/// Into an existing empty folder: write in `STAGING` inside it, then move the meetings folder
/// and, last, the committee file into place.
fn create_inside(
    dir: &Path,
    committee: &Committee,
    meetings: &[(MeetingId, Meeting)],
) -> Result<(), StoreError> {
    if dir.join(layout::COMMITTEE_FILE).exists() {
        return Err(StoreError::NotEmpty {
            dir: dir.to_path_buf(),
            reason: "ce dossier contient déjà un comité",
        });
    }
    let entries = fs::read_dir(dir).map_err(|e| StoreError::io(dir, "dossier illisible", e))?;
    if entries
        .filter_map(Result::ok)
        .any(|e| e.file_name() != STAGING)
    {
        return Err(StoreError::NotEmpty {
            dir: dir.to_path_buf(),
            reason: "ce dossier n'est pas vide (choisissez un dossier nouveau ou vide)",
        });
    }
    let staging = dir.join(STAGING);
    let _ = fs::remove_dir_all(&staging);
    let target = Layout::new(dir);
    let moved = write_staging(&staging, committee, meetings).and_then(|()| {
        let from = Layout::new(&staging);
        fs::rename(from.meetings_dir(), target.meetings_dir())
            .map_err(|e| StoreError::io(dir, "création impossible", e))?;
        fs::rename(from.committee(), target.committee())
            .map_err(|e| StoreError::io(dir, "création impossible", e))
    });
    if moved.is_err() && !target.committee().exists() {
        let _ = fs::remove_dir_all(target.meetings_dir());
    }
    let _ = fs::remove_dir_all(&staging);
    moved?;
    sync_dir(dir);
    Ok(())
}

/// Where no folder exists: write a hidden sibling, then rename it into place in one step.
fn create_beside(
    dir: &Path,
    committee: &Committee,
    meetings: &[(MeetingId, Meeting)],
) -> Result<(), StoreError> {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("comite");
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    files::ensure_dir(&parent)?;
    let staging = parent.join(format!(".{name}.copilnum-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = write_staging(&staging, committee, meetings).and_then(|()| {
        fs::rename(&staging, dir).map_err(|e| StoreError::io(dir, "dossier impossible à créer", e))
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result?;
    sync_dir(&parent);
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

fn write_staging(
    staging: &Path,
    committee: &Committee,
    meetings: &[(MeetingId, Meeting)],
) -> Result<(), StoreError> {
    let layout = Layout::new(staging);
    files::ensure_dir(&layout.meetings_dir())?;
    write_atomic(&layout.committee(), committee_text(committee).as_bytes())?;
    for (id, meeting) in meetings {
        write_atomic(&layout.meeting(*id), meeting_text(*id, meeting).as_bytes())?;
    }
    Ok(())
}

/// Writes an emergency copy of a file's text into `secours/` in the committee folder (or, if
/// that fails, into the system's temporary folder) and returns where it went. Used when the
/// normal save failed or the program is crashing: it never replaces anything.
pub fn emergency_copy(dir: &Path, stem: &str, text: &str) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let name = format!("{stem}.secours-{stamp}-{}.ron", std::process::id());
    let in_folder = dir.join(layout::EMERGENCY_DIR);
    let first = files::ensure_dir(&in_folder)
        .and_then(|()| write_atomic(&in_folder.join(&name), text.as_bytes()));
    match first {
        Ok(()) => Ok(in_folder.join(name)),
        Err(_) => {
            let fallback = std::env::temp_dir().join(format!("copilnum-{name}"));
            write_atomic(&fallback, text.as_bytes())?;
            Ok(fallback)
        }
    }
}
