//! The recovery file: when the connection drops (SIGHUP) or the program is told to stop (SIGTERM)
//! while a form holds unsaved input, the form is written to the per-user state folder and offered
//! back at the next start in the same workspace.

use std::path::{Path, PathBuf};

use super::form::FormSnapshot;
use crate::store::write_atomic;

/// The per-user folder for recovery files ($SECRETARIAT_STATE_DIR overrides, for tests).
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SECRETARIAT_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let p = directories::ProjectDirs::from("dk", "secretariat", "secretariat")?;
    Some(
        p.state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| p.data_local_dir().to_path_buf()),
    )
}

/// The recovery file of a workspace: one per workspace folder, named from its path.
pub fn path_for(workspace: &Path) -> Option<PathBuf> {
    Some(path_in(&dir()?, workspace))
}

/// The recovery file of a workspace in the state folder `state`.
fn path_in(state: &Path, workspace: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    let name: String = abs
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let name = name.trim_matches('_');
    // Keep the name short but unique: a tail of the path plus a hash of all of it.
    let tail: String = name
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let hash = abs
        .to_string_lossy()
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
        });
    state.join(format!("recover-{tail}-{hash:016x}.json"))
}

/// Writes the form's snapshot. Returns the path written.
pub fn save(workspace: &Path, snap: &FormSnapshot) -> Result<PathBuf, String> {
    save_at(path_for(workspace).ok_or("no per-user state folder")?, snap)
}

fn save_at(path: PathBuf, snap: &FormSnapshot) -> Result<PathBuf, String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let bytes = serde_json::to_vec_pretty(snap).map_err(|e| e.to_string())?;
    write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(path)
}

/// What the recovery file of a workspace holds.
#[derive(Debug)]
pub enum Found {
    /// No file, or a form without fields (nothing to give back).
    Nothing,
    Form(FormSnapshot),
    /// A file that does not read as a form (one kept by an older version, a damaged file). It is
    /// moved aside to `kept` (so that the next draft does not overwrite it) and left there.
    Unreadable {
        kept: PathBuf,
        why: String,
    },
}

/// The saved form of this workspace, if any.
pub fn load(workspace: &Path) -> Found {
    match path_for(workspace) {
        Some(p) => load_at(&p),
        None => Found::Nothing,
    }
}

fn load_at(path: &Path) -> Found {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Nothing,
        Err(e) => {
            return Found::Unreadable {
                kept: path.to_path_buf(),
                why: e.to_string(),
            };
        }
    };
    match serde_json::from_slice::<FormSnapshot>(&bytes) {
        // A form without fields has nothing to give back (a hand-edited or foreign file).
        Ok(snap) if snap.fields.is_empty() => Found::Nothing,
        Ok(snap) => Found::Form(snap),
        Err(e) => Found::Unreadable {
            kept: set_aside(path).unwrap_or_else(|| path.to_path_buf()),
            why: e.to_string(),
        },
    }
}

/// Renames an unreadable recovery file to a free "….unreadable[-n].json" beside it; None when it
/// cannot be renamed (it then stays where it is).
fn set_aside(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let dir = path.parent()?;
    let free = (1..100)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.unreadable.json")),
            n => dir.join(format!("{stem}.unreadable-{n}.json")),
        })
        .find(|p| !p.exists())?;
    std::fs::rename(path, &free).ok()?;
    Some(free)
}

/// Removes the recovery file once it was taken back or declined.
pub fn discard(workspace: &Path) {
    if let Some(p) = path_for(workspace) {
        let _ = std::fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::form::{Field, FieldKind, Form};
    use crate::tui::intent::{CasesIntent, Intent, MeetingsIntent};

    fn form(intent: Intent) -> Form {
        Form::new(
            "Rediger sag",
            intent,
            vec![Field::new(
                "title",
                "Titel",
                FieldKind::Text,
                "Halvt skrevet",
            )],
        )
    }

    #[test]
    fn save_load_discard() {
        let state = tempfile::tempdir().unwrap();
        let ws = tempfile::tempdir().unwrap();
        // The state folder is passed in: setting $SECRETARIAT_STATE_DIR here would race with
        // other tests running in parallel threads.
        let path = path_in(state.path(), ws.path());
        let f = form(Intent::Cases(CasesIntent::Edit {
            case: Some("S-2026-001".into()),
        }));
        let p = save_at(path.clone(), &f.snapshot()).unwrap();
        assert!(p.starts_with(state.path()));
        let Found::Form(snap) = load_at(&path) else {
            panic!("the form is read back")
        };
        assert_eq!(snap.fields[0].value, "Halvt skrevet");
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(load_at(&path), Found::Nothing));
    }

    /// The form's intent, with its typed data, survives the file: the restored form saves into
    /// the same action item of the same meeting.
    #[test]
    fn a_form_round_trips_with_its_typed_intent() {
        let state = tempfile::tempdir().unwrap();
        let ws = tempfile::tempdir().unwrap();
        let path = path_in(state.path(), ws.path());
        let intent = Intent::Meetings(MeetingsIntent::ActionItem {
            meeting: "2026-12-03-psg".into(),
            item: 2,
            index: Some(1),
        });
        let mut f = form(intent.clone());
        f.base = vec![crate::tui::form::BaseRevision {
            kind: "meetings".into(),
            id: "2026-12-03-psg".into(),
            revision: 7,
        }];
        save_at(path.clone(), &f.snapshot()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"ActionItem\""), "{text}");
        let Found::Form(snap) = load_at(&path) else {
            panic!("the form is read back")
        };
        let back = Form::restore(snap);
        assert_eq!(back.intent, intent);
        assert_eq!(back.base, f.base);
        assert_eq!(back.text("title"), "Halvt skrevet");
    }

    /// A file kept by a version that routed forms by strings does not read as a form: it is
    /// reported, and moved aside rather than lost or overwritten by the next draft.
    #[test]
    fn an_old_recovery_file_is_reported_and_set_aside() {
        let state = tempfile::tempdir().unwrap();
        let ws = tempfile::tempdir().unwrap();
        let path = path_in(state.path(), ws.path());
        let old = r#"{"title":"Rediger sag S-2026-001",
            "purpose":{"screen":3,"what":"edit","target":"S-2026-001"},
            "fields":[{"key":"title","label":"Titel","kind":"Text","required":true,
                       "value":"Halvt skrevet","initial":""}],
            "focus":0,"base":[]}"#;
        std::fs::write(&path, old).unwrap();
        let Found::Unreadable { kept, why } = load_at(&path) else {
            panic!("an old file is reported")
        };
        assert!(why.contains("intent"), "{why}");
        assert!(
            !path.exists(),
            "moved aside, so a new draft cannot overwrite it"
        );
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), old);
        // A second one goes beside the first.
        std::fs::write(&path, old).unwrap();
        let Found::Unreadable { kept: kept2, .. } = load_at(&path) else {
            panic!("reported again")
        };
        assert_ne!(kept, kept2);
        assert!(kept.exists() && kept2.exists());
        // The next start finds nothing to offer.
        assert!(matches!(load_at(&path), Found::Nothing));
    }
}
