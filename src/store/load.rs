//! Loading a workspace: read every file (in parallel), parse, validate, and report each problem
//! as `path:line:col: message` without dropping the records that are fine.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::WORKSPACE_FILE;
use crate::model::meta::SCHEMA_VERSION;
use crate::model::{
    Case, Consultation, Decision, DecisionSource, Forum, Initiative, Meeting, Record, RecordKind,
    Settings, Workspace, validate_id,
};

/// One problem with one file. `line`/`column` are 1-based; 0 when the problem is the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Relative to the workspace folder.
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Whether the record was left out of the workspace because of it.
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line.max(1),
            self.column.max(1),
            self.message
        )
    }
}

/// A loaded workspace and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub workspace: Workspace,
    pub problems: Vec<Problem>,
}

/// Modification time and size of every JSON file: a cheap way to notice changes on disk.
pub type DiskState = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Takes the [`DiskState`] of a workspace.
pub fn scan(root: &Path) -> DiskState {
    let mut state = DiskState::new();
    let mut add = |p: PathBuf| {
        if let Ok(m) = fs::metadata(&p) {
            state.insert(p, (m.modified().ok(), m.len()));
        }
    };
    add(root.join(WORKSPACE_FILE));
    for kind in RecordKind::ALL {
        for p in json_files(&root.join(kind.folder())) {
            add(p);
        }
    }
    state
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    v.sort();
    v
}

pub(crate) fn load(root: &Path) -> Loaded {
    let mut out = Loaded::default();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();

    let settings_path = root.join(WORKSPACE_FILE);
    match super::read_regular(&settings_path) {
        Ok(bytes) => match parse::<Settings>(&bytes) {
            Ok(s) => out.workspace.settings = s,
            Err(mut p) => {
                p.path = rel(&settings_path);
                out.problems.push(p);
            }
        },
        Err(e) => out.problems.push(Problem {
            path: rel(&settings_path),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
            skipped: true,
        }),
    }

    load_kind::<Forum>(root, &mut out);
    load_kind::<Initiative>(root, &mut out);
    load_kind::<Case>(root, &mut out);
    load_kind::<Meeting>(root, &mut out);
    load_kind::<Consultation>(root, &mut out);
    load_kind::<Decision>(root, &mut out);
    out.workspace.sort();
    check_references(root, &mut out);
    out.problems
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    out
}

fn load_kind<R: Record + Send>(root: &Path, out: &mut Loaded) {
    let dir = root.join(R::KIND.folder());
    let files = json_files(&dir);
    let results: Vec<(PathBuf, Result<R, Problem>)> = files
        .into_par_iter()
        .map(|path| {
            let r = super::read_regular(&path)
                .map_err(|e| Problem {
                    path: PathBuf::new(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}"),
                    skipped: true,
                })
                .and_then(|bytes| parse::<R>(&bytes).and_then(|rec| validate(&path, &bytes, rec)));
            (path, r)
        })
        .collect();
    let records = R::all_mut(&mut out.workspace);
    records.reserve(results.len());
    for (path, r) in results {
        match r {
            Ok(rec) => records.push(rec),
            Err(mut p) => {
                p.path = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                out.problems.push(p);
            }
        }
    }
}

/// Parses one file; on failure the problem names the line, column and field.
fn parse<R: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<R, Problem> {
    // A byte-order mark (some Windows editors write one) is not JSON; accept the file without it.
    let bytes = strip_bom(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de);
    if let Ok(v) = value {
        return match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(Problem {
                path: PathBuf::new(),
                line: e.line(),
                column: e.column(),
                message: strip_at(e.to_string()),
                skipped: true,
            }),
        };
    }
    value.map_err(|e| {
        let field = e.path().to_string();
        let inner = e.inner();
        let message = if field.is_empty() || field == "." || field == "?" {
            inner.to_string()
        } else {
            format!("field \"{field}\": {inner}")
        };
        Problem {
            path: PathBuf::new(),
            line: inner.line(),
            column: inner.column(),
            message: strip_at(message),
            skipped: true,
        }
    })
}

/// `bytes` without a UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// serde_json appends " at line L column C"; the location goes in front instead.
fn strip_at(message: String) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

fn validate<R: Record>(path: &Path, bytes: &[u8], rec: R) -> Result<R, Problem> {
    let at = |key: &str, message: String| {
        let (line, column) = locate_key(bytes, key);
        Problem {
            path: PathBuf::new(),
            line,
            column,
            message,
            skipped: true,
        }
    };
    if let Err(e) = validate_id(rec.id()) {
        return Err(at("id", format!("field \"id\": {e}")));
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != rec.id() {
        return Err(at(
            "id",
            format!(
                "field \"id\": the id {:?} does not match the file name {:?}; rename the file or fix the id",
                rec.id(),
                stem
            ),
        ));
    }
    if rec.revision() > super::MAX_REVISION {
        return Err(at(
            "revision",
            format!(
                "field \"revision\": {} is too large (at most {}); set it to the revision the file really has",
                rec.revision(),
                super::MAX_REVISION
            ),
        ));
    }
    // The record is parsed already; parsing the file again (as a Value) only for this field would
    // double the cost of loading.
    let version = rec.schema_version();
    if version > SCHEMA_VERSION {
        return Err(at(
            "schema_version",
            format!(
                "written by a newer secretariat (schema version {version}; this one reads {SCHEMA_VERSION}); update the program"
            ),
        ));
    }
    Ok(rec)
}

/// The 1-based line and column of the first `"key":` in a file, or (1, 1).
pub(crate) fn locate_key(bytes: &[u8], key: &str) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let needle = format!("\"{key}\"");
    for (i, line) in text.lines().enumerate() {
        if let Some(c) = line.find(&needle) {
            return (i + 1, line[..c].chars().count() + 1);
        }
    }
    (1, 1)
}

/// Reports references to records that do not exist (the records are still loaded).
fn check_references(root: &Path, out: &mut Loaded) {
    let ws = &out.workspace;
    let ids = |kind: RecordKind| -> HashSet<&str> {
        match kind {
            RecordKind::Forum => ws.forums.iter().map(|r| r.id.as_str()).collect(),
            RecordKind::Initiative => ws.initiatives.iter().map(|r| r.id.as_str()).collect(),
            RecordKind::Case => ws.cases.iter().map(|r| r.id.as_str()).collect(),
            RecordKind::Meeting => ws.meetings.iter().map(|r| r.id.as_str()).collect(),
            RecordKind::Consultation => ws.consultations.iter().map(|r| r.id.as_str()).collect(),
            RecordKind::Decision => ws.decisions.iter().map(|r| r.id.as_str()).collect(),
        }
    };
    let (forums, inits, cases, meetings, consults) = (
        ids(RecordKind::Forum),
        ids(RecordKind::Initiative),
        ids(RecordKind::Case),
        ids(RecordKind::Meeting),
        ids(RecordKind::Consultation),
    );
    let mut found: Vec<(RecordKind, String, &'static str, RecordKind, String)> = vec![];
    let mut need = |kind, id: &str, field, target: RecordKind, set: &HashSet<&str>, value: &str| {
        if !set.contains(value) {
            found.push((kind, id.to_string(), field, target, value.to_string()));
        }
    };
    for f in &ws.forums {
        if let Some(p) = &f.parent {
            need(
                RecordKind::Forum,
                &f.id,
                "parent",
                RecordKind::Forum,
                &forums,
                p,
            );
        }
    }
    for c in &ws.cases {
        if let Some(i) = &c.initiative {
            need(
                RecordKind::Case,
                &c.id,
                "initiative",
                RecordKind::Initiative,
                &inits,
                i,
            );
        }
        if let Some(f) = &c.forum {
            need(
                RecordKind::Case,
                &c.id,
                "forum",
                RecordKind::Forum,
                &forums,
                f,
            );
        }
    }
    for m in &ws.meetings {
        need(
            RecordKind::Meeting,
            &m.id,
            "forum",
            RecordKind::Forum,
            &forums,
            &m.forum,
        );
        for it in &m.items {
            if let Some(c) = &it.case {
                need(
                    RecordKind::Meeting,
                    &m.id,
                    "case",
                    RecordKind::Case,
                    &cases,
                    c,
                );
            }
        }
    }
    for c in &ws.consultations {
        need(
            RecordKind::Consultation,
            &c.id,
            "forum",
            RecordKind::Forum,
            &forums,
            &c.forum,
        );
        for k in &c.cases {
            need(
                RecordKind::Consultation,
                &c.id,
                "cases",
                RecordKind::Case,
                &cases,
                k,
            );
        }
    }
    for d in &ws.decisions {
        need(
            RecordKind::Decision,
            &d.id,
            "forum",
            RecordKind::Forum,
            &forums,
            &d.forum,
        );
        if let Some(c) = &d.case {
            need(
                RecordKind::Decision,
                &d.id,
                "case",
                RecordKind::Case,
                &cases,
                c,
            );
        }
        if let Some(i) = &d.initiative {
            need(
                RecordKind::Decision,
                &d.id,
                "initiative",
                RecordKind::Initiative,
                &inits,
                i,
            );
        }
        match &d.source {
            DecisionSource::Meeting { meeting, .. } => need(
                RecordKind::Decision,
                &d.id,
                "meeting",
                RecordKind::Meeting,
                &meetings,
                meeting,
            ),
            DecisionSource::Consultation { consultation } => need(
                RecordKind::Decision,
                &d.id,
                "consultation",
                RecordKind::Consultation,
                &consults,
                consultation,
            ),
        }
    }
    for (kind, id, field, target, value) in found {
        let path = root.join(kind.folder()).join(format!("{id}.json"));
        let bytes = fs::read(&path).unwrap_or_default();
        let (line, column) = locate_key(&bytes, field);
        out.problems.push(Problem {
            path: PathBuf::from(kind.folder()).join(format!("{id}.json")),
            line,
            column,
            message: format!(
                "field \"{field}\": there is no {} with the id {value:?} (in {}/)",
                target.noun(),
                target.folder()
            ),
            skipped: false,
        });
    }
}
