//! Noticing changes other people make to the workspace: file-system events (inotify on Linux,
//! through the `notify` crate) on the workspace folder and its record folders, so a record edited
//! in place (no rename, so no folder time changes) is noticed too. Where events are not to be had
//! (NFS and other network file systems, or no watches left), the caller polls instead.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::model::RecordKind;

/// A watch on a workspace's files. The paths of changed files collect until [`DiskWatch::take`].
pub struct DiskWatch {
    changed: Arc<Mutex<HashSet<PathBuf>>>,
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for DiskWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DiskWatch")
    }
}

impl DiskWatch {
    /// Watches `root` and its record folders; None when the system offers no events for them.
    pub fn new(root: &Path) -> Option<DiskWatch> {
        if on_network_fs(root) {
            return None;
        }
        let changed: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
        let sink = Arc::clone(&changed);
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            let Ok(ev) = ev else { return };
            if matches!(ev.kind, EventKind::Access(_)) {
                return;
            }
            let mut set = match sink.lock() {
                Ok(s) => s,
                Err(p) => p.into_inner(),
            };
            for p in ev.paths {
                let hidden = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_none_or(|n| n.starts_with('.'));
                if !hidden && p.extension().is_some_and(|x| x == "json") {
                    set.insert(p);
                }
            }
        })
        .ok()?;
        watcher.watch(root, RecursiveMode::NonRecursive).ok()?;
        for kind in RecordKind::ALL {
            watcher
                .watch(&root.join(kind.folder()), RecursiveMode::NonRecursive)
                .ok()?;
        }
        Some(DiskWatch {
            changed,
            _watcher: watcher,
        })
    }

    /// The files changed since the last call.
    pub fn take(&self) -> HashSet<PathBuf> {
        match self.changed.lock() {
            Ok(mut s) => std::mem::take(&mut *s),
            Err(p) => std::mem::take(&mut *p.into_inner()),
        }
    }
}

/// Whether `path` is on a network file system, where inotify sees only this machine's changes.
fn on_network_fs(path: &Path) -> bool {
    const NFS: i64 = 0x6969;
    const SMB: i64 = 0x517B;
    const CIFS: i64 = 0xFF53_4D42;
    const SMB2: i64 = 0xFE53_4D42;
    const FUSE: i64 = 0x6573_5546;
    crate::sys::fs_type(path).is_some_and(|t| matches!(t, NFS | SMB | CIFS | SMB2 | FUSE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_in_place_is_seen() {
        let d = tempfile::tempdir().unwrap();
        let mut s = crate::model::Settings::default();
        let store = crate::store::Store::init(d.path().join("ws"), &mut s).unwrap();
        let w = DiskWatch::new(store.root()).expect("inotify on a local disk");
        let p = store.root().join("cases/S-2026-001.json");
        std::fs::write(&p, "{}").unwrap();
        std::fs::write(store.root().join("cases/.tmp-x.part"), "{}").unwrap();
        let mut seen = HashSet::new();
        for _ in 0..100 {
            seen.extend(w.take());
            if !seen.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(seen, HashSet::from([p]));
    }
}
