//! File operations the store is built from: reading, atomic replacement that notices a file
//! written by someone else at the last moment (the new file and the old one swap places in one
//! step, then the old one is looked at), backups that only ever improve, and the temporary
//! files a hard kill may leave behind.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::StoreError;

/// The bytes of a file.
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(|e| StoreError::io(path, "lecture impossible", e))
}

/// The bytes of a file kept as the base of its next save, given the room of the texts that
/// will replace it (see [`crate::codec::room`]): the block it frees is used again.
pub fn read_with_room(path: &Path) -> Result<Vec<u8>, StoreError> {
    let fail = |e| StoreError::io(path, "lecture impossible", e);
    let mut file = File::open(path).map_err(fail)?;
    let len = file.metadata().map_or(0, |m| m.len() as usize);
    // More than the file: the read that finds its end needs no larger block.
    let mut bytes = Vec::with_capacity(crate::codec::room(len));
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(fail)?;
    Ok(bytes)
}

/// The bytes of a file, or `None` if there is no such file.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, "lecture impossible", e)),
    }
}

/// Whether the file holds exactly `expected`, compared piece by piece (not read into a second
/// copy); `None` if there is no such file.
pub fn holds_if_exists(path: &Path, expected: &[u8]) -> Result<Option<bool>, StoreError> {
    let fail = |e| StoreError::io(path, "lecture impossible", e);
    match File::open(path) {
        Ok(mut file) => holds(&mut file, expected).map(Some).map_err(fail),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(fail(e)),
    }
}

/// Part of the name of every temporary file copilnum writes: `.NOM.copilnum-tmp-PID-N`.
const TEMP_TAG: &str = ".copilnum-tmp-";

/// A temporary file beside `path`, written in full and on disk, not yet in place. Dropped
/// without being placed, it is removed.
struct Temp {
    path: PathBuf,
    placed: bool,
}

impl Temp {
    /// Writes `bytes` into a new temporary file in the folder of `path`, and syncs it.
    fn write(path: &Path, bytes: &[u8]) -> Result<Temp, StoreError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let fail = |e| StoreError::io(path, "enregistrement impossible", e);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp_path = path.with_file_name(format!(".{name}{TEMP_TAG}{}-{n}", std::process::id()));
        // Written and synced without a name first where the system allows it: the name then
        // exists only for the instant before the swap, which leaves a writer elsewhere almost
        // no moment to slip in between.
        #[cfg(target_os = "linux")]
        if let Some(temp) = Self::write_unnamed(&temp_path, bytes).map_err(fail)? {
            return Ok(temp);
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
            .map_err(fail)?;
        let temp = Temp {
            path: temp_path,
            placed: false,
        };
        file.write_all(bytes).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        Ok(temp)
    }

    /// Writes `bytes` into an unnamed file (`O_TMPFILE`) in the folder of `temp_path`, syncs
    /// it, then gives it that name; `None` where the file system has no unnamed files.
    #[cfg(target_os = "linux")]
    fn write_unnamed(temp_path: &Path, bytes: &[u8]) -> std::io::Result<Option<Temp>> {
        use rustix::fs::{AtFlags, CWD, Mode, OFlags, linkat, openat};
        use rustix::io::Errno;
        let folder = match temp_path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let fd = match openat(
            CWD,
            folder,
            OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        ) {
            Ok(fd) => fd,
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL | Errno::NOENT) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let mut file = File::from(fd);
        file.write_all(bytes)?;
        file.sync_all()?;
        let proc_path = format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&file));
        match linkat(
            CWD,
            proc_path.as_str(),
            CWD,
            temp_path,
            AtFlags::SYMLINK_FOLLOW,
        ) {
            Ok(()) => Ok(Some(Temp {
                path: temp_path.to_path_buf(),
                placed: false,
            })),
            // No /proc (a container without it): name it the ordinary way.
            Err(Errno::NOENT | Errno::PERM | Errno::ACCESS) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether a file name is one of copilnum's temporary files (or those of the library earlier
/// versions used: `.NOM.ron.XXXXXX`), which a hard kill can leave behind.
pub fn is_temporary(name: &str) -> bool {
    if !name.starts_with('.') {
        return false;
    }
    if name.contains(TEMP_TAG) {
        return true;
    }
    match name.rsplit_once(".ron.") {
        Some((_, suffix)) => suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric()),
        None => false,
    }
}

/// Replaces the file with these bytes, all or nothing: a crash at any point leaves either the
/// old file or the new one, never a mix; the data and the folder entry are on disk on return.
/// For files only copilnum writes (copies, new folders): no check of what it replaces.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut temp = Temp::write(path, bytes)?;
    fs::rename(&temp.path, path)
        .map_err(|e| StoreError::io(path, "enregistrement impossible", e))?;
    temp.placed = true;
    sync_parent(path);
    Ok(())
}

/// How a checked replacement went.
#[derive(Debug)]
pub enum Replaced {
    /// The new bytes are in place, and the file they replaced held what was expected. The old
    /// file is kept aside (to become a backup) when it could be.
    Done(Option<Displaced>),
    /// Someone else wrote the file at the last moment: `found` is what they wrote, `on_disk`
    /// what the file holds now (our bytes if they were swapped in, else theirs). Nothing is
    /// lost: the caller merges `found` and tries again, expecting `on_disk`.
    Raced {
        /// What the other writer wrote.
        found: Vec<u8>,
        /// What the file holds now.
        on_disk: Vec<u8>,
        /// The file they wrote, when it was swapped out (they may still be writing into it).
        displaced: Option<Displaced>,
    },
}

/// The previous version of a replaced file, under a temporary name; removed when dropped
/// unless it was kept as a backup.
#[derive(Debug)]
pub struct Displaced {
    path: PathBuf,
    kept: bool,
    /// The file itself, open: what it holds can be read again whatever its name becomes.
    file: Option<File>,
}

impl Displaced {
    /// What it holds now.
    pub fn read(&self) -> Result<Vec<u8>, StoreError> {
        read(&self.path)
    }

    /// A watch on the previous version, which held `seen`, for what another program may
    /// still write into it.
    pub fn watch(&self, seen: &[u8]) -> Option<LateWatch> {
        let file = self.file.as_ref()?.try_clone().ok()?;
        Some(LateWatch {
            file,
            seen: Fingerprint::of(seen),
        })
    }
}

/// The previous version of a file, held open after it was replaced: a program that opened it
/// just before (a text editor writing in place) may write into it just after. Read again at the
/// next save, what it holds then is merged in, never lost.
#[derive(Debug)]
pub struct LateWatch {
    file: File,
    /// What it held when it was replaced (its length and hash: the text itself would keep a
    /// second copy of a large meeting in memory between two saves).
    seen: Fingerprint,
}

impl LateWatch {
    /// What was written into it since it was replaced, if anything.
    pub fn written(&mut self) -> Option<Vec<u8>> {
        use std::io::Seek;
        self.file.rewind().ok()?;
        if Fingerprint::read(&mut self.file).ok()? == self.seen {
            return None;
        }
        let mut now = Vec::new();
        self.file.rewind().ok()?;
        std::io::Read::read_to_end(&mut self.file, &mut now).ok()?;
        (Fingerprint::of(&now) != self.seen && !now.is_empty()).then_some(now)
    }
}

/// The length and a 128-bit hash of some bytes: what tells, without keeping them, whether a
/// file still holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    hash: (u64, u64),
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        let mut hasher = FingerprintHasher::default();
        hasher.write(bytes);
        hasher.finish()
    }

    /// The fingerprint of what a reader yields, read in small pieces.
    fn read(reader: &mut impl std::io::Read) -> std::io::Result<Fingerprint> {
        let mut hasher = FingerprintHasher::default();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match reader.read(&mut buffer) {
                Ok(0) => return Ok(hasher.finish()),
                Ok(n) => hasher.write(&buffer[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Two SipHash streams with different keys, fed the same bytes in pieces of any size.
struct FingerprintHasher {
    len: u64,
    a: std::hash::DefaultHasher,
    b: std::hash::DefaultHasher,
}

impl Default for FingerprintHasher {
    fn default() -> FingerprintHasher {
        use std::hash::Hasher;
        let mut b = std::hash::DefaultHasher::new();
        b.write_u64(0x636f_7069_6c6e_756d);
        FingerprintHasher {
            len: 0,
            a: std::hash::DefaultHasher::new(),
            b,
        }
    }
}

impl FingerprintHasher {
    fn write(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        self.len += bytes.len() as u64;
        // `Hasher::write` of SipHash streams its input: pieces give the hash of the whole.
        self.a.write(bytes);
        self.b.write(bytes);
    }

    fn finish(&self) -> Fingerprint {
        use std::hash::Hasher;
        Fingerprint {
            len: self.len,
            hash: (self.a.finish(), self.b.finish()),
        }
    }
}

impl Drop for Displaced {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Replaces `path` with `bytes` provided it holds `expected` (`None`: that it does not exist),
/// closing the window between checking and replacing: on Linux the new file and the old one
/// swap places in one step (`renameat2` with `RENAME_EXCHANGE`, or `RENAME_NOREPLACE` for a
/// new file), then the old one is compared with what was expected. Elsewhere, or on a disk
/// that cannot swap, the file is checked just before an ordinary rename.
pub fn replace(path: &Path, bytes: &[u8], expected: Option<&[u8]>) -> Result<Replaced, StoreError> {
    let mut temp = Temp::write(path, bytes)?;
    let fail = |e| StoreError::io(path, "enregistrement impossible", e);
    let outcome = match swap(&temp.path, path, expected.is_some()) {
        Swap::Exchanged => {
            // The temporary name now holds the previous file: read it through a handle that
            // stays open, to see later what a writer that had opened it still writes there.
            let mut file = File::open(&temp.path).map_err(fail)?;
            // Compared piece by piece: what was expected is not read into a second copy.
            let same = match expected {
                Some(expected) => holds(&mut file, expected).map_err(fail)?,
                None => false,
            };
            temp.placed = true;
            if same {
                Replaced::Done(Some(Displaced {
                    path: temp.path.clone(),
                    kept: false,
                    file: Some(file),
                }))
            } else {
                let mut found = Vec::new();
                std::io::Seek::rewind(&mut file).map_err(fail)?;
                std::io::Read::read_to_end(&mut file, &mut found).map_err(fail)?;
                let displaced = Displaced {
                    path: temp.path.clone(),
                    kept: false,
                    file: Some(file),
                };
                Replaced::Raced {
                    found,
                    on_disk: bytes.to_vec(),
                    displaced: Some(displaced),
                }
            }
        }
        Swap::Created => {
            temp.placed = true;
            Replaced::Done(None)
        }
        Swap::Exists => {
            let found = read(path)?;
            Replaced::Raced {
                on_disk: found.clone(),
                found,
                displaced: None,
            }
        }
        Swap::Failed(e) => return Err(fail(e)),
        Swap::Unsupported => {
            let found = read_if_exists(path)?;
            if found.as_deref() != expected {
                let found = found.unwrap_or_default();
                return Ok(Replaced::Raced {
                    on_disk: found.clone(),
                    found,
                    displaced: None,
                });
            }
            // Keep the old file under another name through a second link, so that it can
            // become a backup without copying a byte.
            let old = PathBuf::from(format!("{}.old", temp.path.display()));
            let displaced =
                (expected.is_some() && fs::hard_link(path, &old).is_ok()).then(|| Displaced {
                    file: File::open(&old).ok(),
                    path: old,
                    kept: false,
                });
            fs::rename(&temp.path, path).map_err(fail)?;
            temp.placed = true;
            Replaced::Done(displaced)
        }
    };
    sync_parent(path);
    Ok(outcome)
}

/// Whether what a reader yields is exactly `expected`, read in small pieces.
fn holds(reader: &mut impl std::io::Read, expected: &[u8]) -> std::io::Result<bool> {
    let mut buffer = vec![0; 64 * 1024];
    let mut left = expected;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(left.is_empty());
        }
        if n > left.len() || buffer[..n] != left[..n] {
            return Ok(false);
        }
        left = &left[n..];
    }
}

enum Swap {
    /// The new file is in place; the old one is under the temporary name.
    Exchanged,
    /// There was no file: the new one is in place.
    Created,
    /// A file appeared where none was expected: nothing moved.
    Exists,
    /// The system cannot swap files here: check and rename instead.
    Unsupported,
    /// The swap failed.
    Failed(std::io::Error),
}

#[cfg(target_os = "linux")]
fn swap(temp: &Path, path: &Path, exists: bool) -> Swap {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    let flags = if exists {
        RenameFlags::EXCHANGE
    } else {
        RenameFlags::NOREPLACE
    };
    match renameat_with(CWD, temp, CWD, path, flags) {
        Ok(()) if exists => Swap::Exchanged,
        Ok(()) => Swap::Created,
        Err(Errno::EXIST) => Swap::Exists,
        // Expected a file that is gone (deleted elsewhere): it is created again.
        Err(Errno::NOENT) if exists && temp.exists() => {
            match renameat_with(CWD, temp, CWD, path, RenameFlags::NOREPLACE) {
                Ok(()) => Swap::Created,
                Err(Errno::EXIST) => Swap::Exists,
                Err(e) => Swap::Failed(e.into()),
            }
        }
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Swap::Unsupported,
        Err(e) => Swap::Failed(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(_temp: &Path, _path: &Path, _exists: bool) -> Swap {
    Swap::Unsupported
}

/// Creates a folder and its parents if missing.
pub fn ensure_dir(path: &Path) -> Result<(), StoreError> {
    fs::create_dir_all(path).map_err(|e| StoreError::io(path, "dossier impossible à créer", e))
}

/// Makes the previous version of a file backup number 1 of `stem` in `dir`, shifting older
/// ones (`stem.1.ron` is the newest, `stem.{keep}.ron` the oldest kept). Only renames: a
/// backup is never rewritten, so a full disk can never turn a good backup into a bad one.
pub fn keep_backup(
    mut previous: Displaced,
    dir: &Path,
    stem: &str,
    keep: usize,
) -> Result<(), StoreError> {
    if keep == 0 {
        return Ok(());
    }
    ensure_dir(dir)?;
    let numbered = |n: usize| dir.join(format!("{stem}.{n}.ron"));
    let fail = |p: PathBuf| move |e| StoreError::io(p, "sauvegarde impossible", e);
    for n in (1..keep).rev() {
        let from = numbered(n);
        match fs::rename(&from, numbered(n + 1)) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(fail(from)(e)),
            _ => {}
        }
    }
    fs::rename(&previous.path, numbered(1)).map_err(fail(numbered(1)))?;
    previous.kept = true;
    sync_dir(dir);
    Ok(())
}

/// Removes the temporary files a hard kill left in these folders; returns those removed.
pub fn remove_temporaries(dirs: &[PathBuf]) -> Vec<PathBuf> {
    temporaries(dirs)
        .into_iter()
        .filter(|p| fs::remove_file(p).is_ok())
        .collect()
}

/// The temporary files left in these folders.
pub fn temporaries(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| fs::read_dir(d).ok())
        .flat_map(|entries| entries.filter_map(Result::ok))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(is_temporary))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        sync_dir(parent);
    }
}

/// Makes a folder's entries durable (best effort: some systems cannot).
pub fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_are_compared_and_fingerprinted_piece_by_piece() {
        // Longer than one piece of the comparison, so that it takes several reads.
        let text: Vec<u8> = (0..200_000u32).flat_map(|n| n.to_le_bytes()).collect();
        let same = |bytes: &[u8]| holds(&mut std::io::Cursor::new(bytes), &text).unwrap();
        assert!(same(&text));
        assert!(!same(&text[..text.len() - 1]), "shorter");
        let mut longer = text.clone();
        longer.push(0);
        assert!(!same(&longer), "longer");
        let mut changed = text.clone();
        changed[150_000] ^= 1;
        assert!(!same(&changed), "one bit differs");
        assert!(!same(b""));
        let read = |bytes: &[u8]| Fingerprint::read(&mut std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            read(&text),
            Fingerprint::of(&text),
            "pieces hash as the whole"
        );
        assert_ne!(Fingerprint::of(&changed), Fingerprint::of(&text));
        assert_ne!(Fingerprint::of(&longer), Fingerprint::of(&text));
        assert_eq!(Fingerprint::of(b""), read(b""));
    }

    #[test]
    fn a_replacement_of_the_expected_file_keeps_the_old_one_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ron");
        fs::write(&file, "ancien").unwrap();
        let Replaced::Done(Some(old)) = replace(&file, b"nouveau", Some(b"ancien")).unwrap() else {
            panic!("expected a replacement");
        };
        assert_eq!(fs::read(&file).unwrap(), b"nouveau");
        assert_eq!(fs::read(&old.path).unwrap(), b"ancien");
        let old_path = old.path.clone();
        drop(old);
        assert!(!old_path.exists(), "the old file is removed unless kept");
        assert_eq!(
            temporaries(&[dir.path().to_path_buf()]),
            Vec::<PathBuf>::new()
        );
    }

    #[test]
    fn a_file_written_by_someone_else_is_reported_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ron");
        fs::write(&file, "le leur").unwrap();
        match replace(&file, b"le notre", Some(b"ancien")).unwrap() {
            Replaced::Raced { found, on_disk, .. } => {
                assert_eq!(found, b"le leur");
                assert_eq!(fs::read(&file).unwrap(), on_disk);
            }
            other => panic!("expected a race, got {other:?}"),
        }
        assert_eq!(
            temporaries(&[dir.path().to_path_buf()]),
            Vec::<PathBuf>::new()
        );
        // A file that appeared where none was expected is left as it is.
        let new = dir.path().join("g.ron");
        fs::write(&new, "apparu").unwrap();
        let Replaced::Raced { found, on_disk, .. } = replace(&new, b"le notre", None).unwrap()
        else {
            panic!("expected a race");
        };
        assert_eq!(
            (found.as_slice(), on_disk.as_slice()),
            (&b"apparu"[..], &b"apparu"[..])
        );
        assert_eq!(fs::read(&new).unwrap(), b"apparu");
    }

    #[test]
    fn backups_shift_by_renaming_newest_first_and_keep_at_most_n() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ron");
        let backups = dir.path().join("b");
        fs::write(&file, "v0").unwrap();
        for i in 1..=5 {
            let previous = format!("v{}", i - 1);
            let Replaced::Done(Some(old)) =
                replace(&file, format!("v{i}").as_bytes(), Some(previous.as_bytes())).unwrap()
            else {
                panic!("expected a replacement");
            };
            keep_backup(old, &backups, "f", 3).unwrap();
        }
        let read = |n: usize| fs::read_to_string(backups.join(format!("f.{n}.ron"))).unwrap();
        assert_eq!([read(1), read(2), read(3)], ["v4", "v3", "v2"]);
        assert!(!backups.join("f.4.ron").exists());
    }

    #[test]
    fn temporary_files_are_recognised_by_name() {
        for name in [
            ".2026-01-20.ron.copilnum-tmp-12-0",
            ".comite.ron.Ab12Cd",
            ".x.ron.copilnum-tmp-1-2.old",
        ] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            "2026-01-20.ron",
            ".copilnum.lock",
            ".comite.ron.abc",
            "comite.ron.Ab12Cd",
            ".copilnum.journal",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
    }
}
