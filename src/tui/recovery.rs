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

/// The saved form of this workspace, if any (an unreadable file is ignored, not deleted).
pub fn load(workspace: &Path) -> Option<FormSnapshot> {
    load_at(&path_for(workspace)?)
}

fn load_at(path: &Path) -> Option<FormSnapshot> {
    let bytes = std::fs::read(path).ok()?;
    let snap: FormSnapshot = serde_json::from_slice(&bytes).ok()?;
    // A form without fields has nothing to give back (a hand-edited or foreign file).
    (!snap.fields.is_empty()).then_some(snap)
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
    use crate::tui::intent::{CasesIntent, Intent};

    #[test]
    fn save_load_discard() {
        let state = tempfile::tempdir().unwrap();
        let ws = tempfile::tempdir().unwrap();
        // The state folder is passed in: setting $SECRETARIAT_STATE_DIR here would race with
        // other tests running in parallel threads.
        let path = path_in(state.path(), ws.path());
        let f = Form::new(
            "Rediger sag",
            Intent::Cases(CasesIntent::Edit {
                case: Some("S-2026-001".into()),
            }),
            vec![Field::new(
                "title",
                "Titel",
                FieldKind::Text,
                "Halvt skrevet",
            )],
        );
        let p = save_at(path.clone(), &f.snapshot()).unwrap();
        assert!(p.starts_with(state.path()));
        assert_eq!(load_at(&path).unwrap().fields[0].value, "Halvt skrevet");
        std::fs::remove_file(&path).unwrap();
        assert!(load_at(&path).is_none());
    }
}
