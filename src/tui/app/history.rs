//! Saving and its history: every edit goes through [`App::commit`] to the store as one undoable
//! step; undo and redo check that a colleague has not changed the records since; a refused save
//! opens the conflict dialog (reload theirs, or keep mine as a copy); a form's base revisions are
//! pinned while it is saved; deleting asks first and can be undone.

use super::{App, Edit, ScreenId, Tone, capitalise, disk_marks};
use crate::i18n::Label;
use crate::model::{AnyRecord, Language, RecordKind, Workspace};
use crate::store::{Change, StoreError};
use crate::tui::form::BaseRevision;
use crate::tui::intent::{AppIntent, Intent};
use crate::tui::popup::{Conflict, Popup};

impl App {
    /// The revisions, in the workspace as loaded, of the records a form edits.
    pub(super) fn base_revisions(&self, ids: &[String]) -> Vec<BaseRevision> {
        let mut out = vec![];
        for id in ids {
            for kind in RecordKind::ALL {
                if let Some(r) = AnyRecord::find(&self.ws, kind, id) {
                    out.push(BaseRevision {
                        kind: kind.folder().to_string(),
                        id: id.clone(),
                        revision: r.revision(),
                    });
                }
            }
        }
        out
    }

    /// Makes the workspace in memory carry the revisions the form opened at, so that saving it
    /// is checked against those (a recovered form whose record a colleague saved in between gets
    /// the conflict dialog instead of overwriting their change). Returns what to put back.
    pub(crate) fn pin_base(&mut self, base: &[BaseRevision]) -> Vec<(AnyRecord, u64)> {
        let mut pinned = vec![];
        for b in base {
            let Some(kind) = RecordKind::ALL.into_iter().find(|k| k.folder() == b.kind) else {
                continue;
            };
            if let Some(mut r) = AnyRecord::find(&self.ws, kind, &b.id)
                && r.revision() != b.revision
            {
                let actual = r.revision();
                set_revision(&mut r, b.revision);
                pinned.push((r.clone(), actual));
                r.put_into(&mut self.ws);
            }
        }
        pinned
    }

    /// Undoes [`App::pin_base`] for records the save did not replace.
    pub(crate) fn unpin_base(&mut self, pinned: Vec<(AnyRecord, u64)>) {
        for (r, actual) in pinned {
            if let Some(mut now) = AnyRecord::find(&self.ws, r.kind(), r.id())
                && now == r
            {
                set_revision(&mut now, actual);
                now.put_into(&mut self.ws);
            }
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let Some(kind) = self.screen.kind() else {
            return;
        };
        let Some(id) = self.current_id() else { return };
        let Some(rec) = AnyRecord::find(&self.ws, kind, &id) else {
            return;
        };
        // Asked before the question, and again when it is answered (the workspace may have
        // changed in between): ops decides what may be deleted.
        if let Err(e) = crate::ops::record::delete(&self.ws, kind, &id, &self.stamp()) {
            self.flash(e.message(self.lang), Tone::Error);
            return;
        }
        let text = format!(
            "{} {}: {}? {}",
            self.t("Slet", "Delete"),
            kind.label(self.lang),
            crate::tui::text::safe_line(&rec.title()),
            self.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
        );
        self.confirm(&text, Intent::App(AppIntent::Delete { kind, id }));
    }

    pub(super) fn do_delete(&mut self, kind: RecordKind, id: &str) {
        let changes = match crate::ops::record::delete(&self.ws, kind, id, &self.stamp()) {
            Ok(c) => c,
            Err(e) => {
                self.flash(e.message(self.lang), Tone::Error);
                return;
            }
        };
        if self.commit(changes, "deleted").is_ok() {
            self.view_of_mut(ScreenId::of_kind(kind)).detail = None;
            self.flash(
                format!(
                    "{} {id} {}",
                    kind.label(self.lang),
                    self.t("er slettet ([u] fortryder).", "deleted ([u] undoes it).")
                ),
                Tone::Success,
            );
        }
    }

    // ----- saving, undo, conflicts -----

    /// Writes changed workspace settings (workspace.json) at once, refusing on a conflict.
    pub fn save_settings(
        &mut self,
        mut settings: crate::model::Settings,
        summary: &str,
    ) -> Result<(), String> {
        self.store
            .save_settings(&mut settings, summary)
            .map_err(|e| e.to_string())?;
        self.ws.settings = settings;
        self.disk_marks = disk_marks(self.store.root());
        Ok(())
    }

    /// Writes `changes` through the store as one undoable edit. On a conflict the conflict dialog
    /// opens (and `Err` says so); other errors are shown in the status line.
    pub fn commit(&mut self, changes: Vec<Change>, summary: &str) -> Result<(), String> {
        let keys: Vec<(RecordKind, String)> = changes
            .iter()
            .map(|c| (c.record().kind(), c.record().id().to_string()))
            .collect();
        let before: Vec<Option<AnyRecord>> = keys
            .iter()
            .map(|(k, id)| AnyRecord::find(&self.ws, *k, id))
            .collect();
        match self.store.apply(&mut self.ws, changes.clone(), summary) {
            Ok(()) => {
                let records: Vec<_> = keys
                    .into_iter()
                    .zip(before)
                    .map(|((k, id), b)| {
                        let after = AnyRecord::find(&self.ws, k, &id);
                        (k, id, b, after)
                    })
                    .collect();
                let kinds: Vec<RecordKind> = records.iter().map(|(k, ..)| *k).collect();
                let keys: Vec<_> = records
                    .iter()
                    .map(|(k, id, _, _)| (*k, id.clone()))
                    .collect();
                self.undo.push(Edit {
                    summary: summary.to_string(),
                    records,
                });
                self.redo.clear();
                self.remember_own_writes(&keys);
                self.rebuild_touched(&kinds);
                Ok(())
            }
            Err(e) => Err(self.store_error(e, changes)),
        }
    }

    /// Shows a store error; a conflict opens the conflict dialog with `mine`.
    fn store_error(&mut self, e: StoreError, mine: Vec<Change>) -> String {
        let msg = self.store_message(&e);
        match e {
            StoreError::Conflict { .. }
            | StoreError::Deleted { .. }
            | StoreError::Exists { .. } => {
                self.popups
                    .push(Popup::Conflict(Conflict::new(self, &msg, mine)));
                self.t(
                    "En kollega har ændret posten; vælg i dialogen.",
                    "A colleague changed the record; choose in the dialog.",
                )
                .to_string()
            }
            _ => {
                self.flash(msg.clone(), Tone::Error);
                msg
            }
        }
    }

    /// A store error in the user's language.
    pub fn store_message(&self, e: &StoreError) -> String {
        let l = self.lang;
        match e {
            StoreError::Conflict {
                kind,
                id,
                theirs,
                by,
                ..
            } => {
                let who = if by.is_empty() { "?" } else { by.as_str() };
                match l {
                    Language::Da => format!(
                        "{} {id} er ændret af {who} (revision {theirs}), efter du åbnede den. Din ændring er ikke gemt.",
                        capitalise(kind.label(l))
                    ),
                    Language::En => format!(
                        "The {} {id} was changed by {who} (revision {theirs}) after you opened it. Your change is not saved.",
                        kind.label(l)
                    ),
                }
            }
            StoreError::Deleted { kind, id } => match l {
                Language::Da => format!(
                    "{} {id} er slettet af en anden, efter du åbnede den. Din ændring er ikke gemt.",
                    capitalise(kind.label(l))
                ),
                Language::En => format!(
                    "The {} {id} was deleted by someone else after you opened it. Your change is not saved.",
                    kind.label(l)
                ),
            },
            StoreError::Exists { kind, id } => match l {
                Language::Da => format!(
                    "{} {id} findes allerede (en anden har oprettet den). Din er ikke gemt.",
                    capitalise(kind.label(l))
                ),
                Language::En => format!(
                    "The {} {id} already exists (someone else created it). Yours is not saved.",
                    kind.label(l)
                ),
            },
            StoreError::Unfinished { message } => match l {
                Language::Da => format!(
                    "Ændringen er besluttet, men kunne ikke gøres færdig ({message}); den gøres færdig, næste gang arbejdsområdet åbnes."
                ),
                Language::En => format!(
                    "The change is decided but could not be completed ({message}); it will be completed the next time the workspace is opened."
                ),
            },
            other => format!("{}: {other}", self.t("Kunne ikke gemme", "Could not save")),
        }
    }

    /// Undoes (or redoes) the newest edit of the session. Each record must still be as that edit
    /// left it (or as the last undo/redo of it left it): its content on disk is compared with what
    /// this session wrote, so the session's own later writes (an earlier undo, another save) never
    /// count as a colleague's change. When a colleague really changed a record, nothing is written
    /// and the conflict dialog opens; that edit can no longer be undone and leaves the history.
    pub(super) fn undo_redo(&mut self, undo: bool) {
        let Some(edit) = (if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        }) else {
            self.flash(
                if undo {
                    self.t("Intet at fortryde.", "Nothing to undo.")
                } else {
                    self.t("Intet at gentage.", "Nothing to redo.")
                },
                Tone::Info,
            );
            return;
        };
        let mut changes = vec![];
        // The first record a colleague changed, as the change this step wanted to write.
        let mut changed_by_other: Option<StoreError> = None;
        for (kind, id, before, after) in &edit.records {
            let want = if undo { before } else { after };
            let there = if undo { after } else { before };
            let on_disk = self.disk_record(*kind, id);
            let disk_rev = on_disk
                .as_ref()
                .and_then(|v| v.get("revision"))
                .and_then(serde_json::Value::as_u64);
            let same = match (there, &on_disk) {
                (Some(t), Some(d)) => {
                    strip_meta(crate::tui::popup::record_json(t)) == strip_meta(d.clone())
                }
                (None, None) => true,
                _ => false,
            };
            if !same && changed_by_other.is_none() {
                changed_by_other = Some(match (&on_disk, there) {
                    (None, _) => StoreError::Deleted {
                        kind: *kind,
                        id: id.clone(),
                    },
                    (Some(_), None) => StoreError::Exists {
                        kind: *kind,
                        id: id.clone(),
                    },
                    (Some(d), Some(t)) => StoreError::Conflict {
                        kind: *kind,
                        id: id.clone(),
                        ours: t.revision(),
                        theirs: disk_rev.unwrap_or(0),
                        by: d
                            .get("updated")
                            .and_then(|u| u.get("by"))
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                    },
                });
            }
            match (want, there) {
                (None, Some(t)) => {
                    let mut t = t.clone();
                    set_revision(&mut t, disk_rev.unwrap_or(0));
                    changes.push(Change::Delete(t));
                }
                (Some(w), None) => {
                    let mut w = w.clone();
                    set_revision(&mut w, 0);
                    changes.push(Change::Create(w));
                }
                (Some(w), Some(_)) => {
                    let mut w = w.clone();
                    set_revision(&mut w, disk_rev.unwrap_or(0));
                    changes.push(Change::Update(w));
                }
                (None, None) => {}
            }
        }
        if let Some(e) = changed_by_other {
            // The edit is dropped: what it would restore is no longer what a colleague sees.
            self.reload();
            self.store_error(e, changes);
            return;
        }
        let word = if undo {
            self.t("fortrudt", "undone")
        } else {
            self.t("gentaget", "redone")
        };
        match self.store.apply(
            &mut self.ws,
            changes.clone(),
            &format!("{word}: {}", edit.summary),
        ) {
            Ok(()) => {
                if undo {
                    self.redo.push(edit.clone());
                } else {
                    self.undo.push(edit.clone());
                }
                let keys: Vec<_> = edit
                    .records
                    .iter()
                    .map(|(k, id, _, _)| (*k, id.clone()))
                    .collect();
                self.remember_own_writes(&keys);
                let kinds: Vec<RecordKind> = edit.records.iter().map(|(k, ..)| *k).collect();
                self.rebuild_touched(&kinds);
                let what: Vec<String> = edit
                    .records
                    .iter()
                    .map(|(k, id, _, _)| format!("{} {id}", k.label(self.lang)))
                    .collect();
                self.flash(
                    format!("{}: {}", capitalise(word), what.join(", ")),
                    Tone::Success,
                );
            }
            Err(
                e @ (StoreError::Conflict { .. }
                | StoreError::Deleted { .. }
                | StoreError::Exists { .. }),
            ) => {
                // Changed between the check above and the write: as above.
                self.reload();
                self.store_error(e, changes);
            }
            Err(e) => {
                // Keep the edit where it was: a passing problem (a lock, the disk) must not make
                // it impossible to undo.
                if undo {
                    self.undo.push(edit.clone());
                } else {
                    self.redo.push(edit.clone());
                }
                let msg = self.store_message(&e);
                self.flash(
                    format!(
                        "{}: {msg}",
                        self.t("Kunne ikke fortryde/gentage", "Could not undo/redo")
                    ),
                    Tone::Error,
                );
            }
        }
    }

    /// A record's file as JSON, or None when it does not exist (or cannot be read).
    fn disk_record(&self, kind: RecordKind, id: &str) -> Option<serde_json::Value> {
        self.store.read_raw(kind, id).ok().flatten()
    }

    /// After a conflict: saves the user's version of the record under a new id. Only for an edit
    /// of one record: a step that changed several records together (a case put on an agenda, an
    /// import) cannot be half kept, so it is dropped and the user does it again.
    pub(crate) fn keep_as_copy(&mut self, mine: Vec<Change>) {
        self.reload();
        let single = match mine.as_slice() {
            [Change::Update(r) | Change::Create(r)] => Some(r.clone()),
            _ => None,
        };
        let Some(mut r) = single else {
            self.flash(
                self.t(
                    "Ændringen rørte flere poster og kan ikke gemmes som kopi; kollegaens version er indlæst, gør det igen.",
                    "The change touched several records and cannot be kept as a copy; your colleague's version is loaded, do it again.",
                ),
                Tone::Info,
            );
            return;
        };
        let id = match &r {
            AnyRecord::Case(_) => self.next_case_id(),
            _ => fresh_copy_id(&self.ws, r.kind(), r.id(), |id| {
                self.taken_on_disk(r.kind(), id)
            }),
        };
        set_id(&mut r, &id);
        set_revision(&mut r, 0);
        if self
            .commit(vec![Change::Create(r)], "kept as a copy after a conflict")
            .is_ok()
        {
            self.flash(
                format!(
                    "{} {id}",
                    self.t("Din version er gemt som", "Your version is saved as")
                ),
                Tone::Success,
            );
        }
    }

    /// The next free case number: past the cases loaded and past any file on disk that holds one
    /// (a file that cannot be read, or whose id differs from its name, still takes its name).
    pub fn next_case_id(&self) -> String {
        use chrono::Datelike;
        let year = self.stamp().at.year();
        let mut ids: Vec<String> = self.ws.cases.iter().map(|c| c.id.clone()).collect();
        loop {
            let id = crate::model::ids::next_seq_id("S", year, ids.iter().map(String::as_str));
            if !self.taken_on_disk(RecordKind::Case, &id) {
                return id;
            }
            ids.push(id);
        }
    }

    /// `n` free case numbers in a row, for cases made at once (see [`App::next_case_id`]).
    pub fn next_case_ids(&self, n: usize) -> Vec<String> {
        use chrono::Datelike;
        let year = self.stamp().at.year();
        let mut ids: Vec<String> = self.ws.cases.iter().map(|c| c.id.clone()).collect();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let id = crate::model::ids::next_seq_id("S", year, ids.iter().map(String::as_str));
            ids.push(id.clone());
            if !self.taken_on_disk(RecordKind::Case, &id) {
                out.push(id);
            }
        }
        out
    }

    /// Whether a file (of any kind, readable or not) has the name of this record.
    pub fn taken_on_disk(&self, kind: RecordKind, id: &str) -> bool {
        std::fs::symlink_metadata(self.store.path_of(kind, id)).is_ok()
    }
}

/// A record's JSON without the bookkeeping fields that every write changes.
fn strip_meta(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        for k in ["revision", "updated", "created", "schema_version"] {
            o.remove(k);
        }
    }
    v
}

pub fn set_revision(r: &mut AnyRecord, rev: u64) {
    use crate::model::Record;
    match r {
        AnyRecord::Forum(x) => x.set_revision(rev),
        AnyRecord::Initiative(x) => x.set_revision(rev),
        AnyRecord::Case(x) => x.set_revision(rev),
        AnyRecord::Meeting(x) => x.set_revision(rev),
        AnyRecord::Consultation(x) => x.set_revision(rev),
        AnyRecord::Decision(x) => x.set_revision(rev),
    }
}

fn set_id(r: &mut AnyRecord, id: &str) {
    match r {
        AnyRecord::Forum(x) => x.id = id.into(),
        AnyRecord::Initiative(x) => x.id = id.into(),
        AnyRecord::Case(x) => x.id = id.into(),
        AnyRecord::Meeting(x) => x.id = id.into(),
        AnyRecord::Consultation(x) => x.id = id.into(),
        AnyRecord::Decision(x) => x.id = id.into(),
    }
}

/// "S-2026-014-kopi", then "-kopi-2", ...: an id not yet taken (in the workspace, or on disk by
/// `taken`).
fn fresh_copy_id(
    ws: &Workspace,
    kind: RecordKind,
    id: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut n = 1;
    loop {
        let cand = if n == 1 {
            format!("{id}-kopi")
        } else {
            format!("{id}-kopi-{n}")
        };
        if AnyRecord::find(ws, kind, &cand).is_none() && !taken(&cand) {
            return cand;
        }
        n += 1;
    }
}
