//! A record's history: who changed it when and which fields, from git where the workspace is a
//! repository, else from the audit log; and the record as it was at an earlier commit.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::git::Git;
use crate::model::RecordKind;
use crate::store::{Store, WORKSPACE_FILE, read_audit};

/// One change of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// The commit (None: from the audit log, or not committed yet).
    pub commit: Option<String>,
    /// RFC 3339.
    pub at: String,
    pub by: String,
    /// The record's revision after the change, when known.
    pub revision: Option<u64>,
    /// The commit message or the audit line's summary.
    pub summary: String,
    /// The top-level fields that changed (empty when unknown; `(created)`, `(deleted)`).
    pub fields: Vec<String>,
}

/// Where the history came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Git,
    AuditLog,
}

/// "cases/S-2026-014", "cases/S-2026-014.json", a path, or a bare id found in one of the folders.
pub fn resolve(root: &Path, record: &str) -> Result<PathBuf, String> {
    let r = record.trim().trim_start_matches("./");
    if r == "workspace" || r == WORKSPACE_FILE {
        return Ok(PathBuf::from(WORKSPACE_FILE));
    }
    let r = r.strip_suffix(".json").unwrap_or(r);
    let r = Path::new(r)
        .strip_prefix(root)
        .map_or_else(|_| r.to_string(), |p| p.display().to_string());
    if let Some((folder, id)) = r.rsplit_once('/')
        && RecordKind::ALL.iter().any(|k| k.folder() == folder)
    {
        return Ok(PathBuf::from(format!("{folder}/{id}.json")));
    }
    let found: Vec<PathBuf> = RecordKind::ALL
        .iter()
        .map(|k| PathBuf::from(k.folder()).join(format!("{r}.json")))
        .filter(|p| root.join(p).exists())
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "no record {record:?}; name it as folder/id, e.g. cases/S-2026-014"
        )),
        many => Err(format!(
            "{record:?} is the id of several records ({}); name one as folder/id",
            many.iter()
                .map(|p| p.with_extension("").display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The names of the top-level fields that differ (bookkeeping fields left out).
pub fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    match (
        before.and_then(Value::as_object),
        after.and_then(Value::as_object),
    ) {
        (None, Some(_)) => vec!["(created)".into()],
        (Some(_), None) => vec!["(deleted)".into()],
        (Some(b), Some(a)) => {
            let mut keys: Vec<&String> = a
                .keys()
                .chain(b.keys().filter(|k| !a.contains_key(*k)))
                .collect();
            keys.dedup();
            keys.into_iter()
                .filter(|k| !["revision", "updated", "schema_version"].contains(&k.as_str()))
                .filter(|k| a.get(*k) != b.get(*k))
                .cloned()
                .collect()
        }
        (None, None) => vec![],
    }
}

/// The record's history, newest first, and where it came from.
pub fn history(store: &Store, rel: &Path) -> Result<(Source, Vec<Version>), String> {
    let root = store.root();
    let in_git = Git::new(root)
        .ok()
        .filter(|g| g.toplevel().ok().flatten().is_some() && g.has("HEAD").unwrap_or(false));
    let Some(g) = in_git else {
        return Ok((Source::AuditLog, from_audit(root, rel)));
    };
    let spec = format!("./{}", rel.display());
    let log = g
        .run(&["log", "--format=%H%x1f%an%x1f%aI%x1f%s", "--", &spec])
        .map_err(|e| e.to_string())?;
    let at = |commit: &str| -> Option<Value> {
        let r = g.try_run(&["show", &format!("{commit}:{spec}")]).ok()?;
        r.ok.then(|| serde_json::from_str(&r.stdout).ok()).flatten()
    };
    let mut out = Vec::new();
    if g.try_run(&["status", "--porcelain", "--", &spec])
        .is_ok_and(|r| !r.stdout.trim().is_empty())
    {
        let now = std::fs::read(root.join(rel))
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
        out.push(Version {
            commit: None,
            at: now
                .as_ref()
                .and_then(|v| v["updated"]["at"].as_str())
                .unwrap_or("")
                .into(),
            by: now
                .as_ref()
                .and_then(|v| v["updated"]["by"].as_str())
                .unwrap_or("")
                .into(),
            revision: now.as_ref().and_then(|v| v["revision"].as_u64()),
            summary: "(not synced yet)".into(),
            fields: changed_fields(at("HEAD").as_ref(), now.as_ref()),
        });
    }
    for line in log.lines() {
        let f: Vec<&str> = line.split('\u{1f}').collect();
        let [commit, by, when, summary] = f[..] else {
            continue;
        };
        let after = at(commit);
        let before = at(&format!("{commit}^"));
        out.push(Version {
            commit: Some(commit.to_string()),
            at: when.to_string(),
            by: by.to_string(),
            revision: after.as_ref().and_then(|v| v["revision"].as_u64()),
            summary: summary.to_string(),
            fields: changed_fields(before.as_ref(), after.as_ref()),
        });
    }
    Ok((Source::Git, out))
}

/// The record as it was at `commit` (pretty JSON), from git.
pub fn at_commit(store: &Store, rel: &Path, commit: &str) -> Result<String, String> {
    let g = Git::new(store.root()).map_err(|e| e.to_string())?;
    g.run(&["show", &format!("{commit}:./{}", rel.display())])
        .map_err(|e| e.to_string())
}

/// The meeting as its agenda was last dispatched: the commit of the last dispatch (the meeting
/// left `draft`, or its agenda version went up after it had). Returns the commit and the record.
pub fn as_dispatched(store: &Store, meeting_id: &str) -> Result<(String, Value), String> {
    let g = Git::new(store.root()).map_err(|e| e.to_string())?;
    let rel = format!("./meetings/{meeting_id}.json");
    let log = g
        .run(&["log", "--reverse", "--format=%H", "--", &rel])
        .map_err(|e| e.to_string())?;
    // A dispatch: the meeting leaves draft, or its agenda version goes up while not in draft.
    let mut best: Option<(String, Value)> = None;
    let mut prev: Option<(bool, u64)> = None;
    for commit in log.lines() {
        let Ok(r) = g.try_run(&["show", &format!("{commit}:{rel}")]) else {
            continue;
        };
        let Some(v) =
            r.ok.then(|| serde_json::from_str::<Value>(&r.stdout).ok())
                .flatten()
        else {
            continue;
        };
        let sent = v["state"].as_str().is_some_and(|s| s != "draft");
        let version = v["agenda_version"].as_u64().unwrap_or(0);
        let dispatch = sent
            && match prev {
                None => true,
                Some((was_sent, was_version)) => !was_sent || version > was_version,
            };
        prev = Some((sent, version));
        if dispatch {
            best = Some((commit.to_string(), v));
        }
    }
    best.ok_or_else(|| {
        format!("no dispatched agenda of the meeting {meeting_id} in the git history (it was never synced as sent)")
    })
}

/// The agenda as last dispatched, as Markdown: `ws` (the workspace as it is now) with the meeting
/// as it was at its last dispatch. Returns the commit and the text. One function for the CLI's
/// `history --dispatched` and the TUI's history page.
pub fn dispatched_agenda(
    store: &Store,
    mut ws: crate::model::Workspace,
    meeting_id: &str,
) -> Result<(String, String), String> {
    let (commit, then) = as_dispatched(store, meeting_id)?;
    let meeting: crate::model::Meeting = serde_json::from_value(then)
        .map_err(|e| format!("meetings/{meeting_id} at {commit}: cannot read: {e}"))?;
    crate::model::AnyRecord::Meeting(meeting).put_into(&mut ws);
    ws.sort();
    let text = crate::export::export(
        &ws,
        crate::export::DocKind::Agenda,
        meeting_id,
        crate::export::Format::Md,
        &crate::export::Options {
            public: false,
            today: None,
            deadline: None,
        },
    )
    .map_err(|e| e.to_string())?;
    Ok((commit, text))
}

fn from_audit(root: &Path, rel: &Path) -> Vec<Version> {
    let name = rel.with_extension("").display().to_string();
    let name = if rel == Path::new(WORKSPACE_FILE) {
        "workspace".to_string()
    } else {
        name
    };
    let mut v: Vec<Version> = read_audit(root)
        .into_iter()
        .filter(|e| e.record == name)
        .map(|e| Version {
            commit: None,
            at: e.at.to_rfc3339(),
            by: e.user,
            revision: Some(e.revision),
            summary: e.summary,
            fields: vec![],
        })
        .collect();
    v.reverse();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_fields_names_what_differs_but_not_the_bookkeeping() {
        let a = json!({"revision": 1, "title": "a", "state": "draft", "x": 1});
        let b = json!({"revision": 2, "title": "b", "state": "draft", "y": 2});
        assert_eq!(changed_fields(Some(&a), Some(&b)), ["title", "y", "x"]);
        assert_eq!(changed_fields(None, Some(&b)), ["(created)"]);
        assert_eq!(changed_fields(Some(&a), None), ["(deleted)"]);
    }

    #[test]
    fn records_are_named_by_folder_and_id_or_by_id_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("cases")).unwrap();
        std::fs::write(dir.path().join("cases/S-1.json"), "{}").unwrap();
        assert_eq!(
            resolve(dir.path(), "cases/S-1").unwrap(),
            PathBuf::from("cases/S-1.json")
        );
        assert_eq!(
            resolve(dir.path(), "S-1").unwrap(),
            PathBuf::from("cases/S-1.json")
        );
        assert_eq!(
            resolve(dir.path(), "./cases/S-1.json").unwrap(),
            PathBuf::from("cases/S-1.json")
        );
        let e = resolve(dir.path(), "S-9").unwrap_err();
        assert!(e.contains("cases/S-2026-014"), "{e}");
    }
}
