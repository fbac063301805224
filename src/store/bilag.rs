//! Bilag as files in the workspace: every path is relative to the workspace and must stay inside it
//! (no `..`, no absolute path, no symlink leading out: refused, never followed). Attaching copies a
//! file into `bilag/<owner>/` under a safe name that never replaces another file, and records its
//! size and SHA-256; `check` compares them with what is on disk.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::load::{Problem, locate_key};
use crate::model::ids::slug;
use crate::model::{Attachment, RecordKind, Workspace};

/// Why a bilag path is refused or a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BilagError {
    #[error("the bilag has no file (its path is empty)")]
    NoPath,
    #[error(
        "the path {0:?} is absolute; a bilag's path is relative to the workspace (e.g. bilag/notat.pdf)"
    )]
    Absolute(String),
    #[error("the path {0:?} leaves the workspace (it contains \"..\"); bilag must lie inside it")]
    ParentDir(String),
    #[error(
        "the path {0:?} leads out of the workspace through a symbolic link; copy the file into the workspace instead"
    )]
    Escapes(String),
    #[error("the file {0} is missing")]
    Missing(String),
    #[error("{0} is not a file")]
    NotAFile(String),
    #[error("{path}: {why}")]
    Io { path: String, why: String },
}

impl BilagError {
    fn io(path: &Path, e: std::io::Error) -> BilagError {
        BilagError::Io {
            path: path.display().to_string(),
            why: e.to_string(),
        }
    }
}

/// Checks a workspace-relative path by its text alone: not empty, not absolute, no `..`.
pub fn check_path_text(rel: &str) -> Result<(), BilagError> {
    if rel.trim().is_empty() {
        return Err(BilagError::NoPath);
    }
    let p = Path::new(rel);
    let windows_drive = rel.len() >= 2 && rel.as_bytes()[1] == b':';
    if p.is_absolute() || rel.starts_with('/') || rel.starts_with('\\') || windows_drive {
        return Err(BilagError::Absolute(rel.to_string()));
    }
    if rel.split(['/', '\\']).any(|c| c == "..")
        || p.components().any(|c| matches!(c, Component::ParentDir))
    {
        return Err(BilagError::ParentDir(rel.to_string()));
    }
    Ok(())
}

/// The file of a bilag inside the workspace `root`. Refuses a path that is absolute, climbs with
/// `..`, or leads out of the workspace through a symbolic link; a missing file is an error.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf, BilagError> {
    check_path_text(rel)?;
    let path = root.join(rel);
    if fs::symlink_metadata(&path).is_err() {
        return Err(BilagError::Missing(rel.to_string()));
    }
    let real_root = fs::canonicalize(root).map_err(|e| BilagError::io(root, e))?;
    let real = match fs::canonicalize(&path) {
        Ok(r) => r,
        // A dangling link: it leads somewhere that is not here.
        Err(_) => return Err(BilagError::Missing(rel.to_string())),
    };
    if !real.starts_with(&real_root) {
        return Err(BilagError::Escapes(rel.to_string()));
    }
    if !real.is_file() {
        return Err(BilagError::NotAFile(rel.to_string()));
    }
    Ok(real)
}

/// The bytes of a bilag (see [`resolve`]).
pub fn read(root: &Path, rel: &str) -> Result<Vec<u8>, BilagError> {
    let path = resolve(root, rel)?;
    fs::read(&path).map_err(|e| BilagError::io(&path, e))
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// A file name safe on every system: ASCII letters, digits, `-` and `_`, the extension kept.
pub fn safe_file_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && !e.is_empty() => (s, Some(e)),
        _ => (name, None),
    };
    let mut stem = slug(stem);
    stem.truncate(80);
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "bilag" } else { stem };
    match ext.map(slug).filter(|e| !e.is_empty()) {
        Some(mut e) => {
            e.truncate(10);
            format!("{stem}.{e}")
        }
        None => stem.to_string(),
    }
}

/// Copies `source` into `bilag/<owner>/` in the workspace under a safe name (adding -2, -3, ... so
/// that no other file is replaced) and returns the bilag with its title (default: the file name),
/// path, size and SHA-256. The caller records it, and calls [`remove_copy`] if that fails.
pub fn copy_in(
    root: &Path,
    owner: &str,
    source: &Path,
    title: Option<&str>,
) -> Result<Attachment, BilagError> {
    let meta = fs::metadata(source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => BilagError::Missing(source.display().to_string()),
        _ => BilagError::io(source, e),
    })?;
    if !meta.is_file() {
        return Err(BilagError::NotAFile(source.display().to_string()));
    }
    let bytes = fs::read(source).map_err(|e| BilagError::io(source, e))?;
    let file_name = source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    store_bytes(root, owner, &file_name, &bytes, title)
}

/// Writes `bytes` (a file the program made, e.g. the portfolio report's PDF) into `bilag/<owner>/`
/// as `file_name` made safe, as [`copy_in`] does for a file on disk.
pub fn store_bytes(
    root: &Path,
    owner: &str,
    file_name: &str,
    bytes: &[u8],
    title: Option<&str>,
) -> Result<Attachment, BilagError> {
    let file_name = file_name.to_string();
    let dir_rel = format!("bilag/{}", safe_owner(owner));
    let dir = root.join(&dir_rel);
    fs::create_dir_all(&dir).map_err(|e| BilagError::io(&dir, e))?;
    let safe = safe_file_name(&file_name);
    let (stem, ext) = match safe.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (safe.clone(), String::new()),
    };
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}{ext}")
        } else {
            format!("{stem}-{n}{ext}")
        };
        let path = dir.join(&name);
        let mut f = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(BilagError::io(&path, e)),
        };
        let written = f.write_all(bytes).and_then(|_| f.sync_all());
        if let Err(e) = written {
            let _ = fs::remove_file(&path);
            return Err(BilagError::io(&path, e));
        }
        let title = title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| {
                file_name
                    .rsplit_once('.')
                    .map_or(file_name.as_str(), |(s, _)| s)
                    .to_string()
            });
        return Ok(Attachment {
            title,
            path: format!("{dir_rel}/{name}"),
            size: Some(bytes.len() as u64),
            sha256: Some(sha256_hex(bytes)),
        });
    }
    Err(BilagError::Io {
        path: dir.display().to_string(),
        why: "too many files with the same name".into(),
    })
}

/// Removes a file [`copy_in`] made, when recording it failed.
pub fn remove_copy(root: &Path, a: &Attachment) {
    if check_path_text(&a.path).is_ok() {
        let _ = fs::remove_file(root.join(&a.path));
    }
}

/// The folder name for an owner's bilag: the record id, made safe.
fn safe_owner(owner: &str) -> String {
    let s = owner
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "bilag".into() } else { s }
}

/// Every bilag of the workspace whose file is missing, has changed since it was attached, or lies
/// outside the workspace, as a problem at the bilag's `"path"` in its record's file.
pub fn check_files(root: &Path, ws: &Workspace) -> Vec<Problem> {
    let mut out = vec![];
    let mut each = |kind: RecordKind, id: &str, atts: &[Attachment]| {
        for a in atts.iter().filter(|a| !a.path.trim().is_empty()) {
            let why = match read(root, &a.path) {
                Err(e) => Some(e.to_string()),
                Ok(bytes) => match &a.sha256 {
                    Some(h) if !h.eq_ignore_ascii_case(&sha256_hex(&bytes)) => Some(format!(
                        "the file {} has changed since it was attached (SHA-256 differs); attach it again if the change is intended",
                        a.path
                    )),
                    _ => None,
                },
            };
            if let Some(why) = why {
                let rel = PathBuf::from(kind.folder()).join(format!("{id}.json"));
                let (line, column) = locate_path(&root.join(&rel), &a.path);
                out.push(Problem {
                    path: rel,
                    line,
                    column,
                    message: format!("bilag {:?}: {why}", a.title),
                    skipped: false,
                });
            }
        }
    };
    for c in &ws.cases {
        each(RecordKind::Case, &c.id, &c.attachments);
    }
    for m in &ws.meetings {
        for item in &m.items {
            each(RecordKind::Meeting, &m.id, &item.attachments);
        }
    }
    out.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    out
}

/// The line and column of `"path": "<rel>"` in a record's file, or of the first `"path"`.
fn locate_path(file: &Path, rel: &str) -> (usize, usize) {
    let Ok(bytes) = fs::read(file) else {
        return (1, 1);
    };
    let text = String::from_utf8_lossy(&bytes);
    let quoted = serde_json::to_string(rel).unwrap_or_default();
    let needle = format!("\"path\": {quoted}");
    for (i, line) in text.lines().enumerate() {
        if let Some(c) = line.find(&needle) {
            return (i + 1, line[..c].chars().count() + 1);
        }
    }
    locate_key(&bytes, "path")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_are_refused_by_their_text() {
        for (p, want) in [
            ("", BilagError::NoPath),
            ("/etc/passwd", BilagError::Absolute("/etc/passwd".into())),
            (
                "\\\\server\\share",
                BilagError::Absolute("\\\\server\\share".into()),
            ),
            ("C:/x.pdf", BilagError::Absolute("C:/x.pdf".into())),
            ("../x.pdf", BilagError::ParentDir("../x.pdf".into())),
            (
                "bilag/../../x.pdf",
                BilagError::ParentDir("bilag/../../x.pdf".into()),
            ),
            (
                "bilag\\..\\x.pdf",
                BilagError::ParentDir("bilag\\..\\x.pdf".into()),
            ),
        ] {
            assert_eq!(check_path_text(p), Err(want), "{p}");
        }
        assert_eq!(check_path_text("bilag/S-2026-014/notat.pdf"), Ok(()));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_workspace_is_refused_and_not_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.pdf"), b"%PDF-1.4 secret").unwrap();
        let ws = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(ws.path().join("bilag")).unwrap();
        std::os::unix::fs::symlink(outside.path(), ws.path().join("bilag/out")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.pdf"),
            ws.path().join("bilag/link.pdf"),
        )
        .unwrap();
        for rel in ["bilag/out/secret.pdf", "bilag/link.pdf"] {
            assert_eq!(
                read(ws.path(), rel),
                Err(BilagError::Escapes(rel.into())),
                "{rel}"
            );
        }
        // A link inside the workspace is fine.
        std::fs::write(ws.path().join("bilag/real.pdf"), b"x").unwrap();
        std::os::unix::fs::symlink(
            ws.path().join("bilag/real.pdf"),
            ws.path().join("bilag/alias.pdf"),
        )
        .unwrap();
        assert_eq!(read(ws.path(), "bilag/alias.pdf"), Ok(b"x".to_vec()));
    }

    #[test]
    fn copying_in_never_replaces_a_file_and_records_size_and_hash() {
        let ws = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let file = src.path().join("Status rapport Q3 (endelig).PDF");
        std::fs::write(&file, b"hello").unwrap();
        let a = copy_in(ws.path(), "S-2026-014", &file, None).unwrap();
        assert_eq!(a.path, "bilag/S-2026-014/status-rapport-q3-endelig.pdf");
        assert_eq!(a.title, "Status rapport Q3 (endelig)");
        assert_eq!(a.size, Some(5));
        assert_eq!(
            a.sha256.as_deref(),
            Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        );
        let b = copy_in(ws.path(), "S-2026-014", &file, Some("Anden")).unwrap();
        assert_eq!(b.path, "bilag/S-2026-014/status-rapport-q3-endelig-2.pdf");
        assert_eq!(b.title, "Anden");
        assert_eq!(
            std::fs::read(ws.path().join(&a.path)).unwrap(),
            b"hello".to_vec()
        );
        assert!(matches!(
            copy_in(ws.path(), "S-1", &src.path().join("nope.pdf"), None),
            Err(BilagError::Missing(_))
        ));
        assert!(matches!(
            copy_in(ws.path(), "S-1", src.path(), None),
            Err(BilagError::NotAFile(_))
        ));
        assert_eq!(safe_file_name(".."), "bilag");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("Møde.notat.DOCX"), "moede-notat.docx");
        assert_eq!(safe_owner("../x"), "x");
    }
}
