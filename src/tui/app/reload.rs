//! Live reload: noticing changes other people (or programs) made to the workspace on disk, by
//! file-system events or, without them, by comparing every file's time and size; and telling them
//! apart from this program's own writes.

use std::time::SystemTime;

use super::App;
use crate::model::RecordKind;

/// A file's modification time and size.
pub type FileMark = (Option<SystemTime>, u64);

fn file_mark(p: &std::path::Path) -> Option<FileMark> {
    std::fs::metadata(p)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

impl App {
    /// Reads the workspace from disk again, keeping cursors on the same records.
    pub fn reload(&mut self) {
        let loaded = self.store.load();
        self.ws = loaded.workspace;
        self.problems = loaded.problems;
        self.disk_marks = disk_marks(self.store.root());
        self.own_writes.clear();
        if let Some(w) = &self.watch {
            w.take();
        } else {
            self.disk_state = Some(crate::store::scan(self.store.root()));
        }
        self.sync = crate::sync::SyncState::read(self.store.root());
        self.rebuild();
    }

    /// Notes the files this program just wrote, so that their change on disk is not taken for a
    /// colleague's.
    pub(super) fn remember_own_writes(&mut self, keys: &[(RecordKind, String)]) {
        self.disk_marks = disk_marks(self.store.root());
        for (k, id) in keys {
            let p = self.store.path_of(*k, id);
            let mark = file_mark(&p);
            self.own_writes.insert(p, mark);
        }
        // Without events: note just the files written (a scan of every file would cost a stat per
        // record, and would take a colleague's change made meanwhile for this program's own).
        if self.watch.is_none() {
            match &mut self.disk_state {
                Some(state) => {
                    for (k, id) in keys {
                        let p = self.store.path_of(*k, id);
                        match std::fs::metadata(&p) {
                            Ok(m) => {
                                state.insert(p, (m.modified().ok(), m.len()));
                            }
                            Err(_) => {
                                state.remove(&p);
                            }
                        }
                    }
                }
                None => self.disk_state = Some(crate::store::scan(self.store.root())),
            }
        }
    }

    /// Called on every tick: reloads when another process changed the workspace.
    pub fn check_disk(&mut self) -> bool {
        // Not while a form or dialog is open: it works on the records as they were when it opened,
        // so a colleague's change in between shows as a conflict on save instead of being
        // overwritten. The reload happens once the popup closes.
        if !self.popups.is_empty() {
            return false;
        }
        let marks = disk_marks(self.store.root());
        let mut changed = marks != self.disk_marks;
        match &self.watch {
            // A file changed that this program did not leave so (a colleague's edit, even one
            // made in place).
            Some(w) => {
                changed |= w
                    .take()
                    .iter()
                    .any(|p| self.own_writes.get(p) != Some(&file_mark(p)));
            }
            // No events (a network file system): compare every file's time and size.
            None => {
                changed |= self.disk_state.as_ref() != Some(&crate::store::scan(self.store.root()));
            }
        }
        if changed {
            self.reload();
            true
        } else {
            false
        }
    }
}

/// Modification times of workspace.json's folder and each kind's folder: a write anywhere renames
/// a file into one of them, which changes that folder's time.
pub fn disk_marks(root: &std::path::Path) -> Vec<Option<SystemTime>> {
    std::iter::once(root.to_path_buf())
        .chain(RecordKind::ALL.iter().map(|k| root.join(k.folder())))
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}
