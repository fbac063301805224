// Long but one concern: the sync workflow over git (init, commit, fetch, merge, push, settle).

//! Several secretariats, one portfolio: the workspace as a git repository. `merge` is the
//! record-level three-way merge (a pure function), `git` the thin adapter over the `git` command,
//! `driver` the merge driver git calls for record files, `history` who changed what when; this
//! module sets a repository up (`init`) and syncs it (`sync`): commit, fetch, merge, push. Nothing
//! here knows of the terminal; the results are data for the CLI and the TUI to show.

pub mod driver;
pub mod git;
pub mod history;
pub mod merge;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Language, RecordKind};
use crate::store::{AuditEntry, Store, StoreError, WORKSPACE_FILE, write_atomic};
use driver::{CONFLICTS_DIR, ConflictRecord, list_conflicts};
use git::{Git, GitError, first_lines};

/// The name of the merge driver in .gitattributes and the repository's config.
pub const DRIVER: &str = "secretariat";
/// The remote `sync init REMOTE` adds and `sync` talks to.
pub const REMOTE: &str = "origin";
const BRANCH: &str = "main";
/// How often a rejected push is retried after merging again.
const PUSH_TRIES: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Git(#[from] GitError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} is not shared through git yet; run `secretariat sync init [REMOTE]` first")]
    NotARepository(PathBuf),
    #[error(
        "the remote {url} already holds another workspace's history; to work on that one, clone it (`git clone {url} DIR`, then `secretariat -w DIR sync init`)"
    )]
    UnrelatedHistory { url: String },
    #[error(
        "the remote {REMOTE} is {current}, not {wanted}; change it with `git remote set-url {REMOTE} {wanted}`"
    )]
    OtherRemote { current: String, wanted: String },
    #[error(
        "a merge needs a human: {} ({hint})",
        files.join(", ")
    )]
    Unresolved { files: Vec<String>, hint: String },
    #[error(
        "git is busy in this repository ({lock} exists): wait for it to finish; if no git is running, delete that file and sync again"
    )]
    Busy { lock: PathBuf },
    #[error("HEAD is not on a branch (detached); switch back with `git switch {BRANCH}`")]
    Detached,
    #[error(
        "a {what} is in progress in the repository; finish it or abort it with git, then sync again"
    )]
    InProgress { what: &'static str },
}

fn io(path: &Path, source: std::io::Error) -> SyncError {
    SyncError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What `sync init` did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InitReport {
    /// A new repository was made (else the workspace's repository was adopted).
    pub created_repository: bool,
    /// The commit made, if there was anything to commit.
    pub committed: Option<String>,
    /// The remote added or kept.
    pub remote: Option<String>,
    /// Pushed to the remote.
    pub pushed: bool,
    /// Why a push was not possible (no connection ...), when it was not.
    pub offline: Option<String>,
}

/// One record changed by incoming commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// `A` added, `M` changed, `D` deleted.
    pub status: char,
    /// "cases/S-2026-014".
    pub record: String,
}

/// What `sync` did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    /// The local commit made (its message), if there were local changes.
    pub committed: Option<String>,
    /// Records changed by what came in, and who made those commits.
    pub incoming: Vec<Incoming>,
    pub incoming_by: Vec<String>,
    /// Files kept whole on one side because the other deleted them (nothing lost).
    pub kept_despite_delete: Vec<String>,
    /// Conflict records in the workspace after the sync (new and old, until resolved).
    pub conflicts: Vec<ConflictRecord>,
    pub pushed: bool,
    /// The connection failed: commits are kept locally; git's message.
    pub offline: Option<String>,
    /// No remote configured: committed locally only.
    pub no_remote: bool,
    /// Commits here not on the remote, and there not here (after the sync).
    pub ahead: usize,
    pub behind: usize,
    /// A merge left unfinished (a kill, a human) was completed first.
    pub resumed_merge: bool,
}

impl SyncReport {
    /// One line for a status bar, in the UI's language; `true` when something needs attention
    /// (no connection, conflicts).
    pub fn describe(&self, lang: Language) -> (String, bool) {
        let da = lang == Language::Da;
        let mut parts = Vec::new();
        if self.committed.is_some() {
            parts.push(if da {
                "dine ændringer er gemt i git".to_string()
            } else {
                "your changes are committed".to_string()
            });
        }
        if !self.incoming.is_empty() {
            let n = self.incoming.len();
            let by = self.incoming_by.join(", ");
            parts.push(if da {
                format!(
                    "{n} {} kom ind fra {by}",
                    if n == 1 { "post" } else { "poster" }
                )
            } else {
                format!(
                    "{n} record{} came in from {by}",
                    if n == 1 { "" } else { "s" }
                )
            });
        }
        if !self.conflicts.is_empty() {
            let n = self.conflicts.len();
            parts.push(if da {
                format!(
                    "{n} {} (se Overblik)",
                    if n == 1 { "konflikt" } else { "konflikter" }
                )
            } else {
                format!(
                    "{n} conflict{} (see the Overview)",
                    if n == 1 { "" } else { "s" }
                )
            });
        }
        let trouble = self.offline.is_some() || !self.conflicts.is_empty();
        if let Some(why) = &self.offline {
            parts.push(if da {
                format!(
                    "ingen forbindelse; {} ændringer venter her ({why})",
                    self.ahead
                )
            } else {
                format!("no connection; {} commits wait here ({why})", self.ahead)
            });
        } else if self.no_remote {
            parts.push(if da {
                "ingen fjernadresse".into()
            } else {
                "no remote".into()
            });
        } else if self.pushed {
            parts.push(if da {
                "alt er delt".into()
            } else {
                "all shared".into()
            });
        }
        let head = if da { "Synkroniseret" } else { "Synced" };
        (format!("{head}: {}.", parts.join("; ")), trouble)
    }
}

/// The lines `sync init` puts into .gitattributes.
fn attributes() -> String {
    let mut s = String::from(
        "# secretariat: the audit log is merged as the union of both sides' lines; every record\n\
         # file by the program's own record-level merge (registered by `secretariat sync init`).\n\
         log/*.jsonl merge=union\n",
    );
    s.push_str(&format!("{WORKSPACE_FILE} merge={DRIVER}\n"));
    for k in RecordKind::ALL {
        s.push_str(&format!("{}/*.json merge={DRIVER}\n", k.folder()));
    }
    s
}

/// The lines `sync init` puts into .gitignore.
/// (`sent/` is shared: the copies of the e-mails sent, which the records' dispatches point to;
/// drafts of a dry run go to `out/mail/`.)
const IGNORE: &str = "# secretariat: written on request or per machine, never shared\n\
out/\n\
.secretariat.lock\n\
.secretariat.*\n\
.tmp-*\n\
*.part\n\
*.tmp\n\
.merge_file_*\n";

/// Adds the lines of `wanted` that `path` lacks (keeps what the user wrote there).
fn add_lines(path: &Path, wanted: &str) -> Result<bool, SyncError> {
    let old = match fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(path, e)),
    };
    let have: BTreeSet<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&str> = wanted
        .lines()
        .filter(|l| !l.starts_with('#') && !have.contains(l.trim()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut new = old.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if old.is_empty() {
        new.push_str(wanted);
    } else {
        for l in missing {
            new.push_str(l);
            new.push('\n');
        }
    }
    write_atomic(path, new.as_bytes())?;
    Ok(true)
}

/// The command git runs as the merge driver: this very program.
fn driver_command() -> String {
    let exe = std::env::current_exe()
        .ok()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "secretariat".into());
    format!("'{}' merge-driver %O %A %B %P", exe.replace('\'', r"'\''"))
}

/// Registers the merge driver in the repository's config (each clone needs it once; `sync`
/// renews it so a moved program keeps working).
fn register_driver(g: &Git) -> Result<(), SyncError> {
    let want = driver_command();
    if g.config_get(&format!("merge.{DRIVER}.driver"))?.as_deref() != Some(want.as_str()) {
        g.run(&[
            "config",
            &format!("merge.{DRIVER}.name"),
            "secretariat record-level merge",
        ])?;
        g.run(&["config", &format!("merge.{DRIVER}.driver"), &want])?;
    }
    Ok(())
}

/// git with the secretariat user as author (and committer when git has no user configured).
fn git_for(store: &Store) -> Result<Git, SyncError> {
    let g = Git::new(store.root())?;
    let name = store.user().to_string();
    let email = g
        .config_get("user.email")
        .ok()
        .flatten()
        .unwrap_or_else(|| format!("{name}@secretariat.invalid"));
    let mut g = g
        .with_env("GIT_AUTHOR_NAME", &name)
        .with_env("GIT_AUTHOR_EMAIL", &email);
    if g.config_get("user.name").ok().flatten().is_none() {
        g = g.with_env("GIT_COMMITTER_NAME", &name);
    }
    if g.config_get("user.email").ok().flatten().is_none() {
        g = g.with_env("GIT_COMMITTER_EMAIL", &email);
    }
    // ssh must never ask for a password or a host key on the terminal (the TUI owns it, and a
    // script has none): keys from the agent or ~/.ssh work, anything else fails with a message.
    // A user's own ssh command (GIT_SSH_COMMAND, GIT_SSH, core.sshCommand) is left alone.
    let own_ssh = ["GIT_SSH_COMMAND", "GIT_SSH"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
        || g.config_get("core.sshCommand").ok().flatten().is_some();
    if !own_ssh {
        g = g.with_env(
            "GIT_SSH_COMMAND",
            "ssh -o BatchMode=yes -o ConnectTimeout=20",
        );
    }
    Ok(g)
}

/// `sync init [REMOTE]`: makes the workspace a repository (or adopts the one it is in), sets up
/// the merge rules and the ignore list, makes the first commit, and with a remote pushes to it.
pub fn init(store: &Store, remote: Option<&str>) -> Result<InitReport, SyncError> {
    let lock = store.lock_for_sync()?;
    let mut g = git_for(store)?;
    let mut report = InitReport::default();
    if g.toplevel()?.is_none() {
        g.run(&["init", "--quiet", "-b", BRANCH])?;
        report.created_repository = true;
        g = git_for(store)?;
    }
    add_lines(&store.root().join(".gitattributes"), &attributes())?;
    add_lines(&store.root().join(".gitignore"), IGNORE)?;
    register_driver(&g)?;
    if let Some(url) = remote {
        match g.remote_url(REMOTE)? {
            None => {
                g.run(&["remote", "add", REMOTE, url])?;
            }
            Some(current) if current == url => {}
            Some(current) => {
                return Err(SyncError::OtherRemote {
                    current,
                    wanted: url.to_string(),
                });
            }
        }
    }
    report.remote = g.remote_url(REMOTE)?;
    if g.branch()?.is_none() {
        return Err(SyncError::Detached);
    }
    let first = !g.has("HEAD")?;
    report.committed = commit_local(&g, store, first)?;
    if report.remote.is_some() {
        match fetch(&g)? {
            Err(why) => report.offline = Some(why),
            Ok(()) => {
                let branch = g.branch()?.unwrap_or_else(|| BRANCH.into());
                let upstream = format!("{REMOTE}/{branch}");
                if g.has(&upstream)? {
                    let base = g.try_run(&["merge-base", "HEAD", &upstream])?;
                    if !base.ok {
                        return Err(SyncError::UnrelatedHistory {
                            url: report.remote.clone().unwrap_or_default(),
                        });
                    }
                }
                let r = sync_locked(&g, store, lock, &|_| {})?;
                report.pushed = r.pushed;
                report.offline = r.offline;
            }
        }
    }
    Ok(report)
}

/// Reads the workspace language straight from workspace.json (no full load).
fn language(root: &Path) -> Language {
    fs::read(root.join(WORKSPACE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["language"].as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(Language::Da)
}

/// Danish and English nouns for the commit summary.
fn noun(kind: &str, n: usize, lang: Language) -> &'static str {
    let one = n == 1;
    match (kind, lang) {
        ("cases", Language::Da) => {
            if one {
                "sag"
            } else {
                "sager"
            }
        }
        ("meetings", Language::Da) => {
            if one {
                "møde"
            } else {
                "møder"
            }
        }
        ("initiatives", Language::Da) => {
            if one {
                "initiativ"
            } else {
                "initiativer"
            }
        }
        ("consultations", Language::Da) => {
            if one {
                "høring"
            } else {
                "høringer"
            }
        }
        ("decisions", Language::Da) => {
            if one {
                "beslutning"
            } else {
                "beslutninger"
            }
        }
        ("forums", Language::Da) => {
            if one {
                "forum"
            } else {
                "fora"
            }
        }
        (_, Language::Da) => "indstillinger",
        ("cases", _) => {
            if one {
                "case"
            } else {
                "cases"
            }
        }
        ("meetings", _) => {
            if one {
                "meeting"
            } else {
                "meetings"
            }
        }
        ("initiatives", _) => {
            if one {
                "initiative"
            } else {
                "initiatives"
            }
        }
        ("consultations", _) => {
            if one {
                "consultation"
            } else {
                "consultations"
            }
        }
        ("decisions", _) => {
            if one {
                "decision"
            } else {
                "decisions"
            }
        }
        ("forums", _) => {
            if one {
                "forum"
            } else {
                "forums"
            }
        }
        _ => "settings",
    }
}

/// "3 sager, 1 møde ændret af mette, anna": the records the audit lines name, by kind, and who.
pub fn summarise(entries: &[AuditEntry], lang: Language) -> String {
    let order = [
        "initiatives",
        "cases",
        "meetings",
        "consultations",
        "decisions",
        "forums",
        "workspace",
    ];
    let mut by_kind: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut users: Vec<&str> = Vec::new();
    for e in entries {
        let kind = e.record.split('/').next().unwrap_or("");
        let kind = order
            .iter()
            .find(|k| **k == kind)
            .copied()
            .unwrap_or("workspace");
        by_kind.entry(kind).or_default().insert(e.record.as_str());
        if !users.contains(&e.user.as_str()) {
            users.push(e.user.as_str());
        }
    }
    let parts: Vec<String> = order
        .iter()
        .filter_map(|k| by_kind.get(k).map(|s| (k, s.len())))
        .map(|(k, n)| {
            if *k == "workspace" {
                noun(k, n, lang).to_string()
            } else {
                format!("{n} {}", noun(k, n, lang))
            }
        })
        .collect();
    if parts.is_empty() {
        return match lang {
            Language::Da => "Ændringer i arbejdsområdet".into(),
            _ => "Changes to the workspace".into(),
        };
    }
    let verb = match lang {
        Language::Da => "ændret af",
        _ => "changed by",
    };
    format!("{} {verb} {}", parts.join(", "), users.join(", "))
}

/// The audit lines added since the last commit (the `+` lines of the staged log files).
fn staged_audit_lines(g: &Git, has_head: bool) -> Result<Vec<AuditEntry>, SyncError> {
    let diff = if has_head {
        g.run(&["diff", "--cached", "--no-color", "-U0", "HEAD", "--", "log"])?
    } else {
        g.run(&["diff", "--cached", "--no-color", "-U0", "--", "log"])?
    };
    Ok(diff
        .lines()
        .filter(|l| l.starts_with("+{"))
        .filter_map(|l| serde_json::from_str(&l[1..]).ok())
        .collect())
}

/// Stages every change of the workspace and commits it; returns the message, or None when
/// there was nothing to commit.
fn commit_local(g: &Git, store: &Store, first: bool) -> Result<Option<String>, SyncError> {
    g.run(&["add", "--all", "--", "."])?;
    let has_head = g.has("HEAD")?;
    if has_head && g.try_run(&["diff", "--cached", "--quiet"])?.ok {
        return Ok(None);
    }
    let lang = language(store.root());
    let entries = staged_audit_lines(g, has_head)?;
    let mut msg = summarise(&entries, lang);
    if first {
        msg = match lang {
            Language::Da => format!("Arbejdsområdet deles gennem git ({msg})"),
            _ => format!("The workspace is shared through git ({msg})"),
        };
    }
    g.run(&["commit", "--quiet", "--no-verify", "-m", &msg])?;
    Ok(Some(msg))
}

/// Whether a git message is about the connection (as opposed to a refused push).
fn rejected(stderr: &str) -> bool {
    stderr.contains("[rejected]")
        || stderr.contains("non-fast-forward")
        || stderr.contains("fetch first")
        || stderr.contains("[remote rejected]") && stderr.contains("cannot lock ref")
}

/// Fetches; `Ok(Err(why))` when the remote cannot be reached.
fn fetch(g: &Git) -> Result<Result<(), String>, SyncError> {
    let r = g.try_run(&["fetch", "--quiet", REMOTE])?;
    Ok(if r.ok {
        Ok(())
    } else {
        Err(first_lines(&r.stderr, &r.stdout))
    })
}

/// `sync`: commit local changes, fetch, merge, push. The workspace's write lock is held while
/// git touches the files (commit, merge), so no save lands half-committed, and let go while git
/// talks to the remote, so a slow connection does not hold up the TUI's saves.
pub fn sync(store: &Store) -> Result<SyncReport, SyncError> {
    sync_with(store, &|_| {})
}

/// Where a sync is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for the workspace's write lock (a save in progress).
    Locking,
    /// Committing the local changes.
    Committing,
    /// Fetching from the remote (network).
    Fetching,
    /// Merging what came in.
    Merging,
    /// Pushing to the remote (network).
    Pushing,
}

impl Stage {
    /// The stage in the UI's language, for a status line.
    pub fn describe(self, lang: Language) -> &'static str {
        let da = lang == Language::Da;
        match self {
            Stage::Locking if da => "Synkroniserer: venter på en igangværende gemning …",
            Stage::Locking => "Syncing: waiting for a save in progress …",
            Stage::Committing if da => "Synkroniserer: gemmer dine ændringer i git …",
            Stage::Committing => "Syncing: committing your changes …",
            Stage::Fetching if da => "Synkroniserer: henter fra fjernadressen …",
            Stage::Fetching => "Syncing: fetching from the remote …",
            Stage::Merging if da => "Synkroniserer: fletter det, der kom ind …",
            Stage::Merging => "Syncing: merging what came in …",
            Stage::Pushing if da => "Synkroniserer: sender til fjernadressen …",
            Stage::Pushing => "Syncing: pushing to the remote …",
        }
    }
}

/// `sync`, telling `progress` where it is (the TUI runs it on a thread of its own and shows the
/// stage in its status line).
pub fn sync_with(store: &Store, progress: &dyn Fn(Stage)) -> Result<SyncReport, SyncError> {
    progress(Stage::Locking);
    let lock = store.lock_for_sync()?;
    let g = git_for(store)?;
    if g.toplevel()?.is_none() {
        return Err(SyncError::NotARepository(store.root().to_path_buf()));
    }
    register_driver(&g)?;
    sync_locked(&g, store, lock, progress)
}

/// The sync itself; `lock` is the workspace's write lock, held on entry.
fn sync_locked(
    g: &Git,
    store: &Store,
    lock: fs::File,
    progress: &dyn Fn(Stage),
) -> Result<SyncReport, SyncError> {
    let mut lock = Some(lock);
    let mut report = SyncReport::default();
    let git_dir = g.git_dir()?;
    let index_lock = git_dir.join("index.lock");
    if index_lock.exists() {
        return Err(SyncError::Busy { lock: index_lock });
    }
    for (file, what) in [
        ("rebase-merge", "rebase"),
        ("rebase-apply", "rebase"),
        ("CHERRY_PICK_HEAD", "cherry-pick"),
        ("REVERT_HEAD", "revert"),
    ] {
        if git_dir.join(file).exists() {
            return Err(SyncError::InProgress { what });
        }
    }
    let Some(branch) = g.branch()? else {
        return Err(SyncError::Detached);
    };
    // A merge left unfinished (a kill during the last sync, or a human's merge): finish it first.
    if git_dir.join("MERGE_HEAD").exists() {
        finish_merge(g, store, &mut report)?;
        report.resumed_merge = true;
    }
    progress(Stage::Committing);
    report.committed = commit_local(g, store, !g.has("HEAD")?)?;
    if g.remote_url(REMOTE)?.is_none() {
        report.no_remote = true;
        report.conflicts = list_conflicts(store.root());
        return Ok(report);
    }
    let upstream = format!("{REMOTE}/{branch}");
    let mut seen_incoming = BTreeMap::new();
    let mut authors = BTreeSet::new();
    for _ in 0..PUSH_TRIES {
        // Not held while fetching: the files are not touched, and the network may be slow.
        drop(lock.take());
        progress(Stage::Fetching);
        if let Err(why) = fetch(g)? {
            report.offline = Some(why);
            break;
        }
        progress(Stage::Locking);
        lock = Some(store.lock_for_sync()?);
        progress(Stage::Merging);
        // Saves made while the lock was let go are committed before merging (git would refuse
        // to merge over uncommitted changes to the same files).
        if let Some(more) = commit_local(g, store, false)? {
            report.committed = Some(match report.committed.take() {
                Some(first) => format!("{first}; {more}"),
                None => more,
            });
        }
        if g.has(&upstream)? {
            let before = g.run(&["rev-parse", "HEAD"])?.trim().to_string();
            if !g.try_run(&["merge-base", "HEAD", &upstream])?.ok {
                return Err(SyncError::UnrelatedHistory {
                    url: g.remote_url(REMOTE)?.unwrap_or_default(),
                });
            }
            for a in g
                .run(&["log", "--format=%an", &format!("HEAD..{upstream}")])?
                .lines()
            {
                authors.insert(a.to_string());
            }
            let r = g.try_run(&["merge", "--no-edit", "--no-commit", "--quiet", &upstream])?;
            if !r.ok && !git_dir.join("MERGE_HEAD").exists() {
                return Err(SyncError::Git(GitError::Failed {
                    args: format!("merge {upstream}"),
                    message: first_lines(&r.stderr, &r.stdout),
                }));
            }
            if git_dir.join("MERGE_HEAD").exists() {
                finish_merge(g, store, &mut report)?;
            }
            for line in g
                .run(&[
                    "diff",
                    "--name-status",
                    "--no-renames",
                    &before,
                    "HEAD",
                    "--",
                    ".",
                ])?
                .lines()
            {
                let mut parts = line.splitn(2, '\t');
                let status = parts.next().and_then(|s| s.chars().next()).unwrap_or('M');
                if let Some(path) = parts.next()
                    && let Some(record) = record_name(path)
                {
                    seen_incoming.insert(record, status);
                }
            }
        }
        // The lock is let go while git talks to the remote.
        drop(lock.take());
        progress(Stage::Pushing);
        let r = g.try_run(&[
            "push",
            "--quiet",
            REMOTE,
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        if r.ok {
            report.pushed = true;
            // Track the remote branch, so plain git (and ahead/behind) know where it goes.
            let _ = g.try_run(&["branch", "--quiet", "--set-upstream-to", &upstream]);
            break;
        }
        if !rejected(&r.stderr) {
            report.offline = Some(first_lines(&r.stderr, &r.stdout));
            break;
        }
        // Someone pushed in between: fetch and merge again.
    }
    drop(lock);
    report.incoming = seen_incoming
        .into_iter()
        .map(|(record, status)| Incoming { status, record })
        .collect();
    report.incoming_by = authors.into_iter().collect();
    report.conflicts = list_conflicts(store.root());
    (report.ahead, report.behind) = ahead_behind(g, &upstream)?;
    Ok(report)
}

/// "cases/S-2026-014" for a record file's path, None for other files.
fn record_name(path: &str) -> Option<String> {
    let path = path.strip_suffix(".json")?;
    if path.ends_with(WORKSPACE_FILE.trim_end_matches(".json")) && !path.contains('/') {
        return Some("workspace".into());
    }
    let (folder, id) = path.rsplit_once('/')?;
    let folder = folder.rsplit('/').next().unwrap_or(folder);
    RecordKind::ALL
        .iter()
        .any(|k| k.folder() == folder)
        .then(|| format!("{folder}/{id}"))
}

/// Commits here not there, and there not here.
pub fn ahead_behind(g: &Git, upstream: &str) -> Result<(usize, usize), SyncError> {
    if !g.has(upstream)? || !g.has("HEAD")? {
        return Ok((0, 0));
    }
    let out = g.run(&[
        "rev-list",
        "--left-right",
        "--count",
        &format!("HEAD...{upstream}"),
    ])?;
    let mut n = out
        .split_whitespace()
        .map(|x| x.parse::<usize>().unwrap_or(0));
    Ok((n.next().unwrap_or(0), n.next().unwrap_or(0)))
}

/// How to settle a conflict record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settle {
    /// The record stays as merged; the conflict record goes.
    KeepRecord,
    /// The other version replaces the record (as a new revision, in the audit log); the conflict
    /// record goes.
    TakeOther,
    /// Both are kept: the record stays as merged and the other version becomes a new record (a
    /// copy with an id of its own, in the audit log); the conflict record goes.
    KeepBothAsCopy,
}

/// The conflict record named by `conflict`: its path, relative to the workspace or not, or its
/// file name.
pub fn find_conflict(root: &Path, conflict: &str) -> Result<ConflictRecord, String> {
    let list = list_conflicts(root);
    let wanted = Path::new(conflict);
    list.iter()
        .find(|c| {
            c.path == wanted
                || root.join(&c.path) == wanted
                || c.path.file_name() == wanted.file_name() && wanted.components().count() == 1
        })
        .cloned()
        .ok_or_else(|| {
            format!(
                "no conflict record {conflict:?}; `secretariat sync conflicts` lists them ({} now)",
                list.len()
            )
        })
}

/// The kind of record a conflict record is about (None for workspace.json).
fn conflict_kind(c: &ConflictRecord) -> Result<(RecordKind, &str), String> {
    let (folder, id) = c.record.split_once('/').ok_or_else(|| {
        format!(
            "{}: only records (not workspace.json) can be taken over; edit it by hand",
            c.path.display()
        )
    })?;
    let kind = RecordKind::ALL
        .into_iter()
        .find(|k| k.folder() == folder)
        .ok_or_else(|| format!("{}: unknown kind of record {folder:?}", c.path.display()))?;
    Ok((kind, id))
}

/// The other version of a conflict record as a record of its kind.
fn other_record(
    c: &ConflictRecord,
    kind: RecordKind,
    other: serde_json::Value,
) -> Result<crate::model::AnyRecord, String> {
    use crate::model::AnyRecord;
    let bad = |e: serde_json::Error| {
        format!(
            "{}: the other version is not a valid {}: {e}",
            c.path.display(),
            kind.noun()
        )
    };
    Ok(match kind {
        RecordKind::Forum => AnyRecord::Forum(serde_json::from_value(other).map_err(bad)?),
        RecordKind::Initiative => {
            AnyRecord::Initiative(serde_json::from_value(other).map_err(bad)?)
        }
        RecordKind::Case => AnyRecord::Case(serde_json::from_value(other).map_err(bad)?),
        RecordKind::Meeting => AnyRecord::Meeting(serde_json::from_value(other).map_err(bad)?),
        RecordKind::Consultation => {
            AnyRecord::Consultation(serde_json::from_value(other).map_err(bad)?)
        }
        RecordKind::Decision => AnyRecord::Decision(serde_json::from_value(other).map_err(bad)?),
    })
}

/// An id for a copy of `id`: the next case number for a case (case ids are numbered), else
/// "ID-kopi", "ID-kopi-2", ... (Danish) or "ID-copy", ...; never one in the workspace or on disk.
fn copy_id(store: &Store, ws: &crate::model::Workspace, kind: RecordKind, id: &str) -> String {
    use crate::model::AnyRecord;
    let taken = |cand: &str| {
        AnyRecord::find(ws, kind, cand).is_some()
            || fs::symlink_metadata(store.path_of(kind, cand)).is_ok()
    };
    if kind == RecordKind::Case {
        use chrono::Datelike;
        let year = chrono::Local::now().year();
        let mut ids: Vec<String> = ws.cases.iter().map(|c| c.id.clone()).collect();
        loop {
            let cand = crate::model::ids::next_seq_id("S", year, ids.iter().map(String::as_str));
            if !taken(&cand) {
                return cand;
            }
            ids.push(cand);
        }
    }
    let word = match language(store.root()) {
        Language::Da => "kopi",
        _ => "copy",
    };
    (1..)
        .map(|n| {
            if n == 1 {
                format!("{id}-{word}")
            } else {
                format!("{id}-{word}-{n}")
            }
        })
        .find(|c| !taken(c))
        .unwrap_or_else(|| format!("{id}-{word}"))
}

/// Settles one conflict record (named by its path, relative to the workspace or not, or by its
/// file name). Returns the record's name; for [`Settle::KeepBothAsCopy`] the copy's.
pub fn settle(store: &Store, conflict: &str, how: Settle) -> Result<String, String> {
    use crate::model::AnyRecord;
    let root = store.root();
    let c = find_conflict(root, conflict)?;
    let mut name = c.record.clone();
    match how {
        Settle::KeepRecord => {}
        Settle::TakeOther => {
            let (kind, id) = conflict_kind(&c)?;
            let mut loaded = store.load();
            let current = AnyRecord::find(&loaded.workspace, kind, id).ok_or_else(|| {
                format!(
                    "{} is no longer in the workspace; nothing to replace",
                    c.record
                )
            })?;
            let mut other = c.other.clone();
            other["revision"] = current.revision().into();
            let rec = other_record(&c, kind, other)?;
            store
                .apply(
                    &mut loaded.workspace,
                    vec![crate::store::Change::Update(rec)],
                    "took the other version after a sync conflict",
                )
                .map_err(|e| e.to_string())?;
        }
        Settle::KeepBothAsCopy => {
            let (kind, id) = conflict_kind(&c)?;
            let mut loaded = store.load();
            let new_id = copy_id(store, &loaded.workspace, kind, id);
            let mut other = c.other.clone();
            other["id"] = new_id.clone().into();
            other["revision"] = 0.into();
            let rec = other_record(&c, kind, other)?;
            store
                .apply(
                    &mut loaded.workspace,
                    vec![crate::store::Change::Create(rec)],
                    "kept the other version as a copy after a sync conflict",
                )
                .map_err(|e| e.to_string())?;
            name = format!("{}/{new_id}", kind.folder());
        }
    }
    let path = root.join(&c.path);
    fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(name)
}

/// Whether `sync init` set the workspace up for sharing (its .gitattributes names the driver).
/// Cheap: no git is run, so a workspace that merely sits inside some repository is not taken
/// for a shared one.
pub fn is_shared(root: &Path) -> bool {
    fs::read_to_string(root.join(".gitattributes"))
        .is_ok_and(|s| s.contains(&format!("merge={DRIVER}")))
}

/// What the TUI shows of sync: ahead/behind and the conflict records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncState {
    /// None when the workspace is not shared or has no remote.
    pub ahead_behind: Option<(usize, usize)>,
    pub conflicts: Vec<ConflictRecord>,
}

impl SyncState {
    /// Reads the state from disk and git (no network; nothing at all when not shared).
    pub fn read(root: &Path) -> SyncState {
        if !is_shared(root) {
            return SyncState::default();
        }
        SyncState {
            ahead_behind: status(root),
            conflicts: list_conflicts(root),
        }
    }
}

/// Ahead/behind of the workspace against the remote as last fetched (no network), for the
/// status bar; None when the workspace is not shared through git.
pub fn status(root: &Path) -> Option<(usize, usize)> {
    if !is_shared(root) {
        return None;
    }
    let g = Git::new(root).ok()?;
    let branch = g.branch().ok()??;
    g.remote_url(REMOTE).ok()??;
    ahead_behind(&g, &format!("{REMOTE}/{branch}")).ok()
}

/// Finishes a merge in progress: every file git could not merge is merged here (records with the
/// record-level merge, the audit log as the union of lines, a file deleted on one side and changed
/// on the other kept as changed), conflict records are added, and the merge is committed. A file
/// this cannot merge aborts nothing and is reported for a human.
fn finish_merge(g: &Git, store: &Store, report: &mut SyncReport) -> Result<(), SyncError> {
    // git runs in the workspace folder, so the paths it lists are relative to it (also where
    // the workspace is a folder inside a larger repository).
    let top = store.root().to_path_buf();
    let unmerged = g.run(&["ls-files", "--unmerged", "-z"])?;
    // path -> [base, ours, theirs] blob ids
    let mut stages: BTreeMap<String, [Option<String>; 3]> = BTreeMap::new();
    for entry in unmerged.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let f: Vec<&str> = meta.split_whitespace().collect();
        if let [_, sha, stage] = f[..]
            && let Ok(n @ 1..=3) = stage.parse::<usize>()
        {
            stages.entry(path.to_string()).or_default()[n - 1] = Some(sha.to_string());
        }
    }
    let mut unresolved = Vec::new();
    for (path, [b, o, t]) in &stages {
        let full = top.join(path);
        let read = |sha: &Option<String>| -> Result<Option<Vec<u8>>, SyncError> {
            sha.as_deref()
                .map(|s| g.blob(s))
                .transpose()
                .map_err(SyncError::from)
        };
        let (bb, ob, tb) = (read(b)?, read(o)?, read(t)?);
        if record_name(path).is_some() {
            match (ob, tb) {
                (Some(ob), Some(tb)) => {
                    let parse = |x: &[u8]| serde_json::from_slice::<serde_json::Value>(x).ok();
                    match (parse(&ob), parse(&tb)) {
                        (Some(ov), Some(tv)) => {
                            let base = bb.as_deref().and_then(parse);
                            let m = merge::merge_records(base.as_ref(), &ov, &tv);
                            if !m.conflicts.is_empty() {
                                let other = match m.kept {
                                    merge::Side::Ours => tv.clone(),
                                    merge::Side::Theirs => ov.clone(),
                                };
                                driver::write_conflict_record(&top, Path::new(path), &m, other)
                                    .map_err(|message| {
                                        SyncError::Git(GitError::Failed {
                                            args: "merge".into(),
                                            message,
                                        })
                                    })?;
                            }
                            let bytes = crate::store::to_json(&m.value, path)?;
                            write_atomic(&full, &bytes)?;
                        }
                        (Some(_), None) => write_atomic(&full, &ob)?,
                        (None, Some(_)) => write_atomic(&full, &tb)?,
                        (None, None) => {
                            unresolved.push(path.clone());
                            continue;
                        }
                    }
                }
                // Deleted on one side, changed on the other: keep the changed file.
                (Some(kept), None) | (None, Some(kept)) => {
                    write_atomic(&full, &kept)?;
                    report.kept_despite_delete.push(path.clone());
                }
                (None, None) => {
                    let _ = g.try_run(&["rm", "--quiet", "--cached", "--", path]);
                    continue;
                }
            }
        } else if path.ends_with(".jsonl") {
            let s =
                |x: Option<Vec<u8>>| String::from_utf8_lossy(&x.unwrap_or_default()).into_owned();
            write_atomic(&full, merge::union_lines(&s(ob), &s(tb)).as_bytes())?;
        } else if path.contains(&format!("{CONFLICTS_DIR}/")) {
            // Conflict records are named by their content; keep both by keeping ours (theirs
            // has the same name only when it is the same record).
            if let Some(x) = ob.or(tb) {
                write_atomic(&full, &x)?;
            }
        } else {
            unresolved.push(path.clone());
            continue;
        }
        g.run(&["add", "--", path])?;
    }
    if !unresolved.is_empty() {
        return Err(SyncError::Unresolved {
            files: unresolved,
            hint: "edit them and `git add` them, then `git commit`; or `git merge --abort` to undo the merge; then sync again".into(),
        });
    }
    // Conflict records written by the merge driver belong to the merge commit.
    let conflicts = store.root().join(CONFLICTS_DIR);
    if conflicts.exists() {
        g.run(&["add", "--all", "--", CONFLICTS_DIR])?;
    }
    g.run(&["commit", "--quiet", "--no-verify", "--no-edit"])?;
    Ok(())
}

#[cfg(test)]
mod tests;
