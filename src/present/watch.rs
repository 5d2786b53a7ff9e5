//! Noticing that the files the projector shows have changed: the system's file events (through
//! `notify`) wake it at once, and a cheap comparison of each file's identity, size and date,
//! also run on every tick, says which changed — the fallback where events do not come (network
//! folders, some containers).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::inbox::Post;

/// A sign that something changed in a watched folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wake;

/// What identifies a version of a file: replaced files get a new inode, edited ones a new
/// size or date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// Files watched for change.
pub struct FileWatch {
    paths: Vec<PathBuf>,
    stamps: Vec<Option<Stamp>>,
    _watcher: Option<RecommendedWatcher>,
}

impl FileWatch {
    /// Watches these files; `wake` receives a [`Wake`] (converted) when their folders change.
    /// Without file events, [`FileWatch::changed`] still notices changes when called.
    pub fn new<E: From<Wake> + Send + 'static>(paths: Vec<PathBuf>, wake: Post<E>) -> FileWatch {
        let stamps = paths.iter().map(|p| stamp(p)).collect();
        let watcher = notify::recommended_watcher(move |_event| {
            let _ = wake.send(Wake.into());
        });
        let watcher = match watcher {
            Ok(mut watcher) => {
                let mut folders: Vec<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
                folders.dedup();
                for folder in folders {
                    if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
                        tracing::warn!(error = %e, folder = %folder.display(), "pas d'évènements de fichiers : surveillance par relecture régulière");
                    }
                }
                Some(watcher)
            }
            Err(e) => {
                tracing::warn!(error = %e, "pas d'évènements de fichiers : surveillance par relecture régulière");
                None
            }
        };
        FileWatch {
            paths,
            stamps,
            _watcher: watcher,
        }
    }

    /// The indices (in the order given to [`FileWatch::new`]) of the files that changed since
    /// the last call.
    pub fn changed(&mut self) -> Vec<usize> {
        let mut changed = Vec::new();
        for (i, path) in self.paths.iter().enumerate() {
            let now = stamp(path);
            if now != self.stamps[i] {
                self.stamps[i] = now;
                changed.push(i);
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_replaced_or_edited_file_is_noticed_and_the_watcher_wakes() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        std::fs::write(&a, "1").unwrap();
        std::fs::write(&b, "1").unwrap();
        let (tx, rx) = mpsc::channel::<Wake>();
        let mut watch = FileWatch::new(vec![a.clone(), b.clone()], tx.into());
        assert!(watch.changed().is_empty());
        crate::store::write_atomic(&b, b"2").unwrap();
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)),
            Ok(Wake),
            "file events wake the loop"
        );
        assert_eq!(watch.changed(), [1]);
        assert!(watch.changed().is_empty(), "reported once");
        std::fs::write(&a, "longer").unwrap();
        assert_eq!(
            watch.changed(),
            [0],
            "noticed even without waiting for an event"
        );
        std::fs::remove_file(&a).unwrap();
        assert_eq!(watch.changed(), [0], "a file gone is a change too");
    }
}
