//! Where exports may be written. An export is a file for distribution; it must never replace a
//! file of the workspace (a record, workspace.json, the audit log, the lock or commit record),
//! which would bypass the revision check and the audit log. The default place, `out/` in the
//! workspace, must really be in the workspace: a symbolic link there would send every default
//! export somewhere else.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{StoreError, WORKSPACE_FILE, write_atomic};
use crate::model::RecordKind;

/// The folder for exports, in the workspace.
pub const OUT_DIR: &str = "out";

/// The longest file name most file systems take, in bytes.
const MAX_NAME: usize = 255;

/// Writes an export atomically to `target`, or to `out/NAME` in the workspace when `target` is
/// None, after checking that the place is safe (see the module). Returns the path written.
pub fn write_output(
    root: &Path,
    target: Option<&Path>,
    default_name: &str,
    bytes: &[u8],
) -> Result<PathBuf, StoreError> {
    let path = output_path(root, target, default_name)?;
    if target.is_none() {
        super::atomic::create_dir_shared(&root.join(OUT_DIR), root)?;
    } else if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// The checked path an export goes to (nothing is written).
pub fn output_path(
    root: &Path,
    target: Option<&Path>,
    default_name: &str,
) -> Result<PathBuf, StoreError> {
    let refuse = |path: &Path, why: String| StoreError::UnsafeOutput {
        path: path.to_path_buf(),
        why,
    };
    let path = match target {
        Some(p) => p.to_path_buf(),
        None => root.join(OUT_DIR).join(default_name),
    };
    let Some(name) = path.file_name() else {
        return Err(refuse(&path, "it does not name a file".into()));
    };
    if name.len() > MAX_NAME {
        return Err(refuse(
            &path,
            format!(
                "the file name is {} bytes long, more than the {MAX_NAME} a file system takes",
                name.len()
            ),
        ));
    }
    if let Ok(meta) = fs::symlink_metadata(&path)
        && !meta.is_file()
        && !meta.file_type().is_symlink()
    {
        return Err(refuse(&path, "it is not a regular file".into()));
    }
    let canon_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let resolved_parent = resolve(parent.unwrap_or(Path::new(".")));
    if target.is_none() && resolved_parent != canon_root.join(OUT_DIR) {
        return Err(refuse(
            &path,
            format!(
                "out/ in the workspace leads to {} (a symbolic link); exports go only into the workspace's own out/ folder: remove the link, or choose a place with -o",
                resolved_parent.display()
            ),
        ));
    }
    let resolved = resolved_parent.join(name);
    if let Ok(rel) = resolved.strip_prefix(&canon_root) {
        let first = rel.components().next().and_then(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        });
        let protected = rel == Path::new(WORKSPACE_FILE)
            || first.is_some_and(|f| {
                f == "log" || f.starts_with('.') || RecordKind::ALL.iter().any(|k| k.folder() == f)
            });
        if protected {
            return Err(refuse(
                &path,
                "it is a file of the workspace (records, workspace.json and the audit log change only through secretariat); choose a place outside them, e.g. out/".into(),
            ));
        }
    }
    Ok(path)
}

/// `dir` with every symbolic link and `..` resolved, component by component as the system
/// would (the parts that do not exist yet are taken as they are).
fn resolve(dir: &Path) -> PathBuf {
    let abs = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(dir))
            .unwrap_or_else(|_| dir.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => {
                out.push(other);
                if fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink())
                    && let Ok(real) = fs::canonicalize(&out)
                {
                    out = real;
                }
            }
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn ws() -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("ws");
        let mut s = crate::model::Settings::default();
        crate::store::Store::init(&root, &mut s).unwrap();
        (d, root)
    }

    #[test]
    fn exports_never_replace_a_file_of_the_workspace() {
        let (_d, root) = ws();
        fs::write(root.join("cases/S-2026-001.json"), "{}").unwrap();
        for bad in [
            "cases/S-2026-001.json",
            "cases/new.html",
            "workspace.json",
            "log/2026-12.jsonl",
            ".secretariat.lock",
            "out/../cases/x.json",
        ] {
            let target = root.join(bad);
            let err = write_output(&root, Some(&target), "", b"<html>").unwrap_err();
            assert!(
                matches!(err, StoreError::UnsafeOutput { .. }),
                "{bad}: {err}"
            );
        }
        assert_eq!(fs::read(root.join("cases/S-2026-001.json")).unwrap(), b"{}");
        // Through a link into the workspace too.
        let link = root.parent().unwrap().join("into-cases");
        std::os::unix::fs::symlink(root.join("cases"), &link).unwrap();
        assert!(write_output(&root, Some(&link.join("S-2026-001.json")), "", b"x").is_err());
        // Elsewhere, and in out/, is fine.
        let p = write_output(&root, None, "a.html", b"x").unwrap();
        assert_eq!(p, root.join("out/a.html"));
        let elsewhere = root.parent().unwrap().join("agenda.html");
        write_output(&root, Some(&elsewhere), "", b"x").unwrap();
        write_output(&root, Some(&root.join("agenda.html")), "", b"x").unwrap();
    }

    #[test]
    fn a_symlinked_out_folder_is_refused() {
        let (d, root) = ws();
        let away = d.path().join("away");
        fs::create_dir(&away).unwrap();
        std::os::unix::fs::symlink(&away, root.join("out")).unwrap();
        let err = write_output(&root, None, "a.html", b"x").unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(fs::read_dir(&away).unwrap().next().is_none());
    }

    #[test]
    fn a_fifo_or_folder_is_not_a_target() {
        let (_d, root) = ws();
        let fifo = root.join("out-fifo");
        crate::sys::mkfifo(&fifo).unwrap();
        assert!(write_output(&root, Some(&fifo), "", b"x").is_err());
        assert!(write_output(&root, Some(&root.join("cases")), "", b"x").is_err());
        let long = "x".repeat(300);
        assert!(write_output(&root, None, &long, b"x").is_err());
    }
}
