//! The editor's lock: one copilnum at a time may write a committee; readers never lock.
//!
//! The lock is held on a file of its own, because saving replaces the data files (a lock on
//! them would be replaced with them). It is released when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use super::StoreError;

/// A held editor lock; dropping it releases the lock.
#[derive(Debug)]
pub struct EditorLock {
    _file: File,
}

impl EditorLock {
    /// Takes the lock, or says who holds it.
    pub fn acquire(path: &Path) -> Result<EditorLock, StoreError> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| StoreError::io(path, "verrou impossible à créer", e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(StoreError::Locked {
                    holder: (!holder.is_empty()).then(|| holder.to_string()),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::io(path, "verrou impossible à poser", e));
            }
        }
        // Who holds it, for the message the next one gets. Failing to say so is harmless.
        let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| {
            let since = chrono::Local::now().format("%d/%m/%Y à %H:%M");
            let user = std::env::var("USER").unwrap_or_default();
            let by = if user.is_empty() {
                String::new()
            } else {
                format!(" par {user}")
            };
            write!(
                file,
                "processus {}{by}, depuis le {since}",
                std::process::id()
            )
        });
        Ok(EditorLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holder_and_granted_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".copilnum.lock");
        let first = EditorLock::acquire(&path).unwrap();
        match EditorLock::acquire(&path) {
            Err(StoreError::Locked {
                holder: Some(holder),
            }) => {
                assert!(holder.contains(&std::process::id().to_string()), "{holder}");
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        EditorLock::acquire(&path).unwrap();
    }
}
