//! Sync from the TUI: the git sync runs on a thread of its own (the network may be slow), its
//! stage shows in the status line and keys keep working; the conflict records a sync kept open
//! in a dialog that settles them (take theirs, keep mine, keep both as a copy).

use std::sync::mpsc::channel;

use super::app::{App, Tone};
use super::job::{Job, JobKind, JobMsg};

impl App {
    /// Starts a git sync (commit, fetch, merge, push) on a thread; what came in shows through the
    /// reload when it is done. Saves made meanwhile wait for the workspace's write lock (held only
    /// while git commits and merges, not while it talks to the remote) and are committed by this
    /// sync or the next: none is lost.
    pub fn start_sync(&mut self) {
        if !crate::sync::is_shared(self.store.root()) {
            self.flash(
                self.t(
                    "Arbejdsområdet deles ikke gennem git endnu: kør secretariat sync init [ADRESSE].",
                    "The workspace is not shared through git yet: run secretariat sync init [URL].",
                ),
                Tone::Error,
            );
            return;
        }
        if let Some(job) = &self.job {
            self.flash(job.busy_text(self.lang), Tone::Info);
            return;
        }
        let (tx, rx) = channel();
        let store = self.store.clone();
        let lang = self.lang;
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let progress = move |s: crate::sync::Stage| {
                let _ = progress_tx.send(JobMsg::Progress(s.describe(lang).to_string()));
            };
            let result = crate::sync::sync_with(&store, &progress).map_err(|e| e.to_string());
            let _ = tx.send(JobMsg::Synced(result));
        });
        self.job = Some(Job {
            rx,
            kind: JobKind::Sync,
        });
        self.flash(crate::sync::Stage::Locking.describe(self.lang), Tone::Info);
    }

    /// A sync finished: reload (what came in appears) and say what happened.
    pub fn sync_finished(&mut self, result: Result<crate::sync::SyncReport, String>) {
        match result {
            Ok(r) => {
                self.reload();
                let (text, trouble) = r.describe(self.lang);
                self.flash(text, if trouble { Tone::Error } else { Tone::Success });
            }
            Err(e) => {
                // A failed merge may have changed files all the same.
                self.reload();
                let text = format!("{}: {e}", self.t("Synkronisering fejlede", "Sync failed"));
                self.flash(text, Tone::Error);
            }
        }
    }
}
