//! Sync from the TUI: the git sync runs on a thread of its own (the network may be slow), its
//! stage shows in the status line and keys keep working; the conflict records a sync kept open
//! in a dialog that settles them (take theirs, keep mine, keep both as a copy).

use std::sync::mpsc::channel;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, Tone};
use super::job::{Job, JobKind, JobMsg};
use super::keymap;
use super::popup::{Conflict, Popup, SYNC_KEYS, field_name, short};
use crate::sync::Settle;

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

/// The conflict dialog's column titles and keys: a save's conflict or a sync's.
pub(crate) fn conflict_words(
    app: &App,
    c: &Conflict,
) -> (&'static str, &'static str, &'static str) {
    if c.sync.is_some() {
        (
            app.t("Den anden version", "Theirs (the other version)"),
            app.t("Posten nu (min)", "The record now (mine)"),
            app.t(
                "t = tag den anden version   m = behold min   b = behold begge (den anden som kopi)   Esc = senere",
                "t = take theirs   m = keep mine   b = keep both (theirs as a copy)   Esc = later",
            ),
        )
    } else {
        (
            app.t("Kollegaens (på disken)", "Theirs (on disk)"),
            app.t("Din", "Yours"),
            app.t(
                "r = indlæs kollegaens (din kasseres)   c = gem din som kopi   Esc = tilbage til formularen",
                "r = reload theirs (yours is dropped)   c = keep yours as a copy   Esc = back to the form",
            ),
        )
    }
}

impl App {
    /// Opens the conflict dialog on the `i`th conflict record a sync kept: the fields in conflict,
    /// the other version beside the record as it is now.
    pub fn open_sync_conflict(&mut self, i: usize) {
        let Some(c) = self.sync.conflicts.get(i).cloned() else {
            return;
        };
        let now = std::fs::read(self.store.root().join(format!("{}.json", c.record)))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        let (mut theirs, mut mine) = (vec![], vec![]);
        for f in &c.fields {
            let ptr = format!("/{}", f.replace('.', "/"));
            let top = f.split('.').next().unwrap_or(f);
            let name = if top == f {
                field_name(self, f).to_string()
            } else {
                format!("{} ({f})", field_name(self, top))
            };
            theirs.push(format!("{name}: {}", short(self, c.other.pointer(&ptr))));
            mine.push(format!(
                "{name}: {}",
                short(self, now.as_ref().and_then(|v| v.pointer(&ptr)))
            ));
        }
        let message = format!(
            "{} — {}",
            c.record,
            self.t(
                "begge sider ændrede de samme felter ved en synkronisering; vælg hvad der gælder.",
                "both sides changed the same fields in a sync; choose what holds."
            )
        );
        self.popups.push(Popup::Conflict(Conflict {
            message,
            theirs,
            mine_lines: mine,
            mine: vec![],
            sync: Some(c.path.clone()),
        }));
    }

    /// A key in the dialog of a sync's conflict.
    pub fn sync_conflict_key(&mut self, c: Conflict, ev: KeyEvent) {
        let Some(path) = c.sync.clone() else {
            return;
        };
        let how = match keymap::lookup(&[SYNC_KEYS], &ev) {
            Some(Action::TakeOther) => Settle::TakeOther,
            Some(Action::KeepMine) => Settle::KeepRecord,
            Some(Action::KeepBoth) => Settle::KeepBothAsCopy,
            Some(Action::Back) => return,
            _ => {
                self.popups.push(Popup::Conflict(c));
                return;
            }
        };
        match crate::sync::settle(&self.store, &path.display().to_string(), how) {
            Ok(name) => {
                self.reload();
                let text = match how {
                    Settle::TakeOther => format!(
                        "{name}: {}",
                        self.t(
                            "den anden version gælder nu; den deles ved næste synkronisering.",
                            "the other version holds now; the next sync shares it."
                        )
                    ),
                    Settle::KeepRecord => format!(
                        "{name}: {}",
                        self.t(
                            "din version beholdes; den anden er slettet.",
                            "yours is kept; the other version is deleted."
                        )
                    ),
                    Settle::KeepBothAsCopy => format!(
                        "{} {name}",
                        self.t(
                            "Begge beholdes; den anden version er gemt som",
                            "Both are kept; the other version is saved as"
                        )
                    ),
                };
                self.flash(text, Tone::Success);
            }
            Err(e) => {
                self.flash(e, Tone::Error);
                self.popups.push(Popup::Conflict(c));
            }
        }
    }
}
