//! File operations the store is built from: reading with a fingerprint, atomic replacement
//! (temporary file in the same folder, fsync, rename, fsync of the folder), backups.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::StoreError;

/// What a file held when we last read or wrote it, to notice changes made by someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of these bytes.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        Fingerprint {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }
}

/// The bytes of a file.
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(|e| StoreError::io(path, "lecture impossible", e))
}

/// The bytes of a file, or `None` if there is no such file.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, "lecture impossible", e)),
    }
}

/// Replaces the file with these bytes, all or nothing: a crash at any point leaves either the
/// old file or the new one, never a mix; the data and the folder entry are on disk on return.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let fail = |e| StoreError::io(path, "enregistrement impossible", e);
    let mut file = AtomicWriteFile::open(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.commit().map_err(fail)
}

/// Creates a folder and its parents if missing.
pub fn ensure_dir(path: &Path) -> Result<(), StoreError> {
    fs::create_dir_all(path).map_err(|e| StoreError::io(path, "dossier impossible à créer", e))
}

/// Keeps the current content of `path` as backup number 1 of `stem` in `dir`, shifting older
/// ones (`stem.1.ron` is the newest, `stem.{keep}.ron` the oldest kept).
pub fn rotate_backup(path: &Path, dir: &Path, stem: &str, keep: usize) -> Result<(), StoreError> {
    if keep == 0 || !path.exists() {
        return Ok(());
    }
    ensure_dir(dir)?;
    let numbered = |n: usize| dir.join(format!("{stem}.{n}.ron"));
    let fail = |p: PathBuf| move |e| StoreError::io(p, "sauvegarde impossible", e);
    let oldest = numbered(keep);
    match fs::remove_file(&oldest) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(fail(oldest)(e)),
        _ => {}
    }
    for n in (1..keep).rev() {
        let from = numbered(n);
        if from.exists() {
            fs::rename(&from, numbered(n + 1)).map_err(fail(from))?;
        }
    }
    // A copy, not a hard link: an editor that rewrites the file in place would change a link too.
    let newest = numbered(1);
    fs::copy(path, &newest).map_err(fail(newest))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_when_content_differs() {
        assert_eq!(Fingerprint::of(b"abc"), Fingerprint::of(b"abc"));
        assert_ne!(Fingerprint::of(b"abc"), Fingerprint::of(b"abd"));
        assert_ne!(Fingerprint::of(b""), Fingerprint::of(b"\0"));
    }

    #[test]
    fn backups_rotate_newest_first_and_keep_at_most_n() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ron");
        let backups = dir.path().join("b");
        for i in 1..=5 {
            fs::write(&file, format!("v{i}")).unwrap();
            rotate_backup(&file, &backups, "f", 3).unwrap();
        }
        let read = |n: usize| fs::read_to_string(backups.join(format!("f.{n}.ron"))).unwrap();
        assert_eq!([read(1), read(2), read(3)], ["v5", "v4", "v3"]);
        assert!(!backups.join("f.4.ron").exists());
    }

    #[test]
    fn a_backup_keeps_the_old_content_after_an_atomic_replace() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ron");
        write_atomic(&file, b"ancien").unwrap();
        rotate_backup(&file, dir.path(), "f", 2).unwrap();
        write_atomic(&file, b"nouveau").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"nouveau");
        assert_eq!(fs::read(dir.path().join("f.1.ron")).unwrap(), b"ancien");
    }
}
