//! Importing from a file the user names: where a typed path points (`~`, the current directory, the
//! workspace), reading it, and a fingerprint of its bytes so that a preview and the write that
//! follows it are sure to be about the same contents.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::{ImportKind, ImportPlan, Problem, plan_import_in};
use crate::model::Language;
use crate::model::Workspace;

/// Why a file could not be planned.
#[derive(Debug, Clone, PartialEq)]
pub enum FileFailure {
    /// The file could not be read (the message names the path and the reason).
    Read(String),
    /// The file was read but refused: every problem found.
    Refused(Vec<Problem>),
}

/// The places a typed path may mean, most likely first: `~` and `~/...` expanded to `home`; an absolute
/// path as is; a relative one against the current directory `cwd`, then against the workspace `root`.
pub fn candidates(typed: &str, cwd: &Path, root: &Path, home: Option<&Path>) -> Vec<PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return vec![];
    }
    let expanded = match (typed.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(typed),
    };
    if expanded.is_absolute() {
        return vec![expanded];
    }
    let mut out = vec![cwd.join(&expanded)];
    let in_root = root.join(&expanded);
    if !out.contains(&in_root) {
        out.push(in_root);
    }
    out
}

/// The first of `candidates` that is a file.
pub fn resolve(candidates: &[PathBuf]) -> Option<PathBuf> {
    candidates.iter().find(|p| p.is_file()).cloned()
}

/// A fingerprint of a file's bytes (not cryptographic: it only tells a changed file from the same one).
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Reads `path` and plans importing it into `ws`; `label` names the file in problems and warnings.
/// Returns the plan and the fingerprint of the bytes it was made from.
pub fn plan_file(
    kind: ImportKind,
    path: &Path,
    label: &str,
    ws: &Workspace,
    lang: Language,
) -> Result<(ImportPlan, u64), FileFailure> {
    let bytes =
        std::fs::read(path).map_err(|e| FileFailure::Read(format!("{}: {e}", path.display())))?;
    let print = fingerprint(&bytes);
    plan_import_in(kind, label, &bytes, ws, lang)
        .map(|p| (p, print))
        .map_err(FileFailure::Refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_tried_in_the_current_directory_then_the_workspace() {
        let cwd = Path::new("/home/anna/work");
        let root = Path::new("/srv/ws");
        let home = Some(Path::new("/home/anna"));
        assert_eq!(
            candidates("reports.csv", cwd, root, home),
            vec![
                PathBuf::from("/home/anna/work/reports.csv"),
                PathBuf::from("/srv/ws/reports.csv")
            ]
        );
        assert_eq!(
            candidates(" ~/Hentet/r.csv ", cwd, root, home),
            vec![PathBuf::from("/home/anna/Hentet/r.csv")]
        );
        assert_eq!(
            candidates("/tmp/r.csv", cwd, root, home),
            vec![PathBuf::from("/tmp/r.csv")]
        );
        assert_eq!(candidates("  ", cwd, root, home), Vec::<PathBuf>::new());
        // Without a home, "~" is an ordinary name.
        assert_eq!(
            candidates("~/r.csv", root, root, None),
            vec![PathBuf::from("/srv/ws/~/r.csv")]
        );
    }

    #[test]
    fn an_unreadable_file_says_which() {
        let ws = Workspace::default();
        match plan_file(
            ImportKind::Reports,
            Path::new("/nonexistent/r.csv"),
            "r.csv",
            &ws,
            Language::En,
        ) {
            Err(FileFailure::Read(m)) => assert!(m.contains("/nonexistent/r.csv"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
