//! The store: one folder per committee, one versioned RON file for the committee and one per
//! meeting. Saving is atomic and keeps rotating backups; one editor at a time holds the lock;
//! a file changed on disk by someone else is never overwritten (the save goes to a conflict
//! copy); a file that does not read is reported with line and column and never rewritten.

mod error;
mod files;
pub mod layout;
mod lock;
mod migrate;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use error::{StoreError, french_io};
pub use files::{Fingerprint, write_atomic};
pub use layout::Layout;
pub use lock::EditorLock;

use crate::catalog::{self, Catalog};
use crate::codec;
use crate::model::{Committee, Meeting, MeetingId, SCHEMA_VERSION};

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

/// Where a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The file was replaced.
    InPlace,
    /// The file had changed on disk since it was read: it was left alone, and the save went to
    /// this copy instead (and will keep going there for this session).
    ConflictCopy(PathBuf),
}

/// Whether a store may write.
#[derive(Debug)]
enum Access {
    /// It holds the editor lock (released when the store is dropped).
    Editor(#[allow(dead_code)] EditorLock),
    /// It only reads, for this reason (in French).
    ReadOnly(String),
}

/// A meeting's name with the meeting, or why it could not be read.
pub type LoadedMeeting = (MeetingId, Result<Meeting, StoreError>);

/// An open committee folder.
#[derive(Debug)]
pub struct Store {
    layout: Layout,
    access: Access,
    seen: HashMap<PathBuf, Fingerprint>,
    last_backup: HashMap<PathBuf, Instant>,
    conflict_copies: HashMap<PathBuf, PathBuf>,
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
            seen: HashMap::new(),
            last_backup: HashMap::new(),
            conflict_copies: HashMap::new(),
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
        self.seen.insert(path, Fingerprint::of(&bytes));
        Ok(committee)
    }

    /// The meetings in the folder, oldest first, from the names of their files.
    pub fn meeting_ids(&self) -> Result<Vec<MeetingId>, StoreError> {
        let dir = self.layout.meetings_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(dir, "dossier illisible", e)),
        };
        let mut ids: Vec<MeetingId> = entries
            .filter_map(Result::ok)
            .filter_map(|e| Layout::meeting_of(e.file_name().to_str()?))
            .collect();
        ids.sort();
        Ok(ids)
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
        let (meeting, path, fingerprint) = read_meeting(&self.layout, id)?;
        self.seen.insert(path, fingerprint);
        Ok(meeting)
    }

    /// Files of the meetings folder that look like meetings (`.ron`) but whose names are not
    /// meeting names, so that copilnum does not see them.
    pub fn stray_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let dir = self.layout.meetings_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(dir, "dossier illisible", e)),
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
        let results: Vec<Result<(Meeting, PathBuf, Fingerprint), StoreError>> =
            std::thread::scope(|scope| {
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
                let meeting = result.map(|(meeting, path, fingerprint)| {
                    self.seen.insert(path, fingerprint);
                    meeting
                });
                (id, meeting)
            })
            .collect())
    }

    /// Writes the committee file.
    pub fn save_committee(&mut self, committee: &Committee) -> Result<Saved, StoreError> {
        let text = committee_text(committee);
        self.save(self.layout.committee(), "comite", text)
    }

    /// Writes one meeting's file.
    pub fn save_meeting(&mut self, id: MeetingId, meeting: &Meeting) -> Result<Saved, StoreError> {
        nameable(id)?;
        let text = meeting_text(id, meeting);
        self.save(self.layout.meeting(id), &id.to_string(), text)
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

    fn save(&mut self, path: PathBuf, stem: &str, text: String) -> Result<Saved, StoreError> {
        if let Access::ReadOnly(reason) = &self.access {
            return Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
        }
        let bytes = text.into_bytes();
        if let Some(copy) = self.conflict_copies.get(&path) {
            files::write_atomic(copy, &bytes)?;
            return Ok(Saved::ConflictCopy(copy.clone()));
        }
        let on_disk = files::read_if_exists(&path)?;
        let changed = match (&on_disk, self.seen.get(&path)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(disk), Some(seen)) => Fingerprint::of(disk) != *seen,
        };
        if changed {
            let copy = self.conflict_copy_path(stem);
            files::ensure_dir(&self.layout.conflicts_dir())?;
            files::write_atomic(&copy, &bytes)?;
            self.conflict_copies.insert(path, copy.clone());
            return Ok(Saved::ConflictCopy(copy));
        }
        if on_disk.is_some() && self.backup_due(&path) {
            files::rotate_backup(
                &path,
                &self.layout.backups_dir(),
                stem,
                self.options.backups_kept,
            )?;
            self.last_backup.insert(path.clone(), Instant::now());
        }
        if let Some(parent) = path.parent() {
            files::ensure_dir(parent)?;
        }
        files::write_atomic(&path, &bytes)?;
        self.seen.insert(path, Fingerprint::of(&bytes));
        Ok(Saved::InPlace)
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

/// Reads one meeting file: the meeting, its path and what it held.
fn read_meeting(
    layout: &Layout,
    id: MeetingId,
) -> Result<(Meeting, PathBuf, Fingerprint), StoreError> {
    let path = layout.meeting(id);
    let bytes = files::read(&path)?;
    let meeting = migrate::meeting(&path, &bytes)?;
    Ok((meeting, path, Fingerprint::of(&bytes)))
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
    if meeting.version != SCHEMA_VERSION {
        return meeting_text(
            id,
            &Meeting {
                version: SCHEMA_VERSION,
                ..meeting.clone()
            },
        );
    }
    let title = format!("Réunion {id} du COPIL-Num — fichier écrit par copilnum.");
    codec::to_text(meeting, &[&title, EDITABLE])
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
    files::write_atomic(&layout.committee(), committee_text(committee).as_bytes())?;
    for (id, meeting) in meetings {
        files::write_atomic(&layout.meeting(*id), meeting_text(*id, meeting).as_bytes())?;
    }
    Ok(())
}

/// Writes an emergency copy of a file's text into `secours/` in the committee folder (or, if
/// that fails, into the system's temporary folder) and returns where it went. Used when the
/// normal save failed or the program is crashing: it never replaces anything.
pub fn emergency_copy(dir: &Path, stem: &str, text: &str) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let name = format!("{stem}.secours-{stamp}-{}.ron", std::process::id());
    let in_folder = dir.join("secours");
    let first = files::ensure_dir(&in_folder)
        .and_then(|()| files::write_atomic(&in_folder.join(&name), text.as_bytes()));
    match first {
        Ok(()) => Ok(in_folder.join(name)),
        Err(_) => {
            let fallback = std::env::temp_dir().join(format!("copilnum-{name}"));
            files::write_atomic(&fallback, text.as_bytes())?;
            Ok(fallback)
        }
    }
}
