//! The editor's lock: one copilnum at a time may write a committee; readers never lock.
//!
//! The lock is held on the committee folder itself (`flock` on the folder's descriptor), so
//! that deleting or replacing a file cannot release it. `.copilnum.lock` is only a note saying
//! who holds it, for the message the next copy gets; it is removed on release. Where a folder
//! cannot be locked (a platform or a file system that refuses), the note file is locked
//! instead, as copilnum did before. Either lock is released when the process ends, however it
//! ends. A folder that cannot be written at all is said so, to be opened read-only.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, ErrorKind, Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{Layout, StoreError};

/// A held editor lock; dropping it releases the lock.
#[derive(Debug)]
pub struct EditorLock {
    /// What holds the lock: the folder, or the note file where folders cannot be locked.
    _held: File,
    /// The note to remove on release, when the folder holds the lock.
    note: Option<PathBuf>,
}

impl EditorLock {
    /// Takes the lock of the committee folder `dir`, or says who holds it; a folder where
    /// nothing can be written gives [`StoreError::ReadOnlyFolder`].
    pub fn acquire(dir: &Path) -> Result<EditorLock, StoreError> {
        let note = Layout::new(dir).lock();
        // Some platforms cannot open a folder as a file (Windows) or lock it (some network
        // file systems): the note file is locked there.
        let folder = match File::open(dir) {
            Ok(folder) => folder,
            Err(e) => return EditorLock::on_note(dir, &note, &e),
        };
        match folder.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(locked(&note)),
            Err(TryLockError::Error(e)) => return EditorLock::on_note(dir, &note, &e),
        }
        if let Err(e) = write_note(&note) {
            // Harmless unless nothing can be written here.
            unwritable(dir, e)?;
        }
        Ok(EditorLock {
            _held: folder,
            note: Some(note),
        })
    }

    /// The fallback: the lock is held on the note file itself (deleting it would release it).
    fn on_note(dir: &Path, note: &Path, why: &io::Error) -> Result<EditorLock, StoreError> {
        tracing::info!(error = %why, "dossier non verrouillable : verrou sur la note");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(note)
            .map_err(|e| match unwritable(dir, e) {
                Err(read_only) => read_only,
                Ok(e) => StoreError::io(note, "verrou impossible à créer", e),
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(locked(note)),
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::io(note, "verrou impossible à poser", e));
            }
        }
        let _ = file.set_len(0).and_then(|()| file.rewind());
        let _ = file.write_all(holder().as_bytes());
        Ok(EditorLock {
            _held: file,
            note: None,
        })
    }
}

impl Drop for EditorLock {
    /// Removes the note before the lock goes (with the folder's descriptor, just after): the
    /// next holder writes its own note only once it holds the lock, so this never removes it.
    fn drop(&mut self) {
        if let Some(note) = &self.note {
            let _ = std::fs::remove_file(note);
        }
    }
}

/// The refusal for a lock held elsewhere, with what its holder wrote.
fn locked(note: &Path) -> StoreError {
    let mut holder = String::new();
    let _ = File::open(note).and_then(|mut f| f.read_to_string(&mut holder));
    let holder = holder.trim();
    StoreError::Locked {
        holder: (!holder.is_empty()).then(|| holder.to_string()),
    }
}

/// Who holds the lock, in French, for the next copy's message.
fn holder() -> String {
    let since = chrono::Local::now().format("%d/%m/%Y à %H:%M");
    let user = std::env::var("USER").unwrap_or_default();
    let by = if user.is_empty() {
        String::new()
    } else {
        format!(" par {user}")
    };
    format!("processus {}{by}, depuis le {since}", std::process::id())
}

/// Writes the note (the lock being held).
fn write_note(note: &Path) -> io::Result<()> {
    let mut file = File::create(note)?;
    file.write_all(holder().as_bytes())
}

/// Judges a failure to write in the folder: where nothing may be written (no permission, a
/// read-only disk) the folder is to be opened read-only (`Err`); any other failure (a full
/// disk) is given back, for the caller to judge.
fn unwritable(dir: &Path, error: io::Error) -> Result<io::Error, StoreError> {
    match error.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            Err(StoreError::ReadOnlyFolder {
                dir: dir.to_path_buf(),
                source: error,
            })
        }
        _ => Ok(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holder_and_granted_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let first = EditorLock::acquire(dir.path()).unwrap();
        match EditorLock::acquire(dir.path()) {
            Err(StoreError::Locked {
                holder: Some(holder),
            }) => {
                assert!(holder.contains(&std::process::id().to_string()), "{holder}");
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        EditorLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn the_lock_holds_when_its_note_is_deleted_and_the_note_goes_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join(".copilnum.lock");
        let first = EditorLock::acquire(dir.path()).unwrap();
        assert!(note.is_file(), "the note says who holds the lock");
        std::fs::remove_file(&note).unwrap();
        assert!(matches!(
            EditorLock::acquire(dir.path()),
            Err(StoreError::Locked { holder: None })
        ));
        std::fs::write(&note, "autre chose").unwrap();
        assert!(matches!(
            EditorLock::acquire(dir.path()),
            Err(StoreError::Locked { .. })
        ));
        drop(first);
        assert!(!note.exists(), "released: no note left behind");
        let again = EditorLock::acquire(dir.path()).unwrap();
        drop(again);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn where_a_folder_cannot_be_locked_the_note_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join(".copilnum.lock");
        let why = io::Error::from(ErrorKind::Unsupported);
        let first = EditorLock::on_note(dir.path(), &note, &why).unwrap();
        match EditorLock::on_note(dir.path(), &note, &why) {
            Err(StoreError::Locked { holder: Some(h) }) => assert!(h.starts_with("processus ")),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        assert!(note.exists(), "the locked file is never removed");
        EditorLock::on_note(dir.path(), &note, &why).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_read_only_and_a_full_disk_is_not() {
        let dir = Path::new("/comite");
        for kind in [ErrorKind::PermissionDenied, ErrorKind::ReadOnlyFilesystem] {
            match unwritable(dir, kind.into()) {
                Err(StoreError::ReadOnlyFolder { dir: d, source }) => {
                    assert_eq!((d.as_path(), source.kind()), (dir, kind));
                }
                other => panic!("{kind:?}: {other:?}"),
            }
        }
        for kind in [
            ErrorKind::StorageFull,
            ErrorKind::QuotaExceeded,
            ErrorKind::Other,
        ] {
            assert!(unwritable(dir, kind.into()).is_ok(), "{kind:?}");
        }
    }
}
