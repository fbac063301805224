//! Sync through git with a bare remote in a temp folder and two clones, driving the real binary
//! (the merge driver git runs is that binary) and the real `git`. Skips, saying so, where git is
//! not installed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use secretariat::store::{Store, read_audit};

const BIN: &str = env!("CARGO_BIN_EXE_secretariat");

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

macro_rules! require_git {
    () => {
        if !git_available() {
            eprintln!(
                "SKIPPED the test at {}:{}: git is not installed (apt-get install git)",
                file!(),
                line!()
            );
            return;
        }
    };
}

/// A temp folder with a bare remote, its own git config (user name and email set explicitly, the
/// machine's global config out of the way) and helpers to run the program and git in clones.
struct Lab {
    dir: tempfile::TempDir,
}

impl Lab {
    fn new() -> Lab {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("gitconfig"),
            "[user]\n\tname = Test Lab\n\temail = lab@example.invalid\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        let lab = Lab { dir };
        lab.git(
            lab.root(),
            &["init", "--quiet", "--bare", "-b", "main", "remote.git"],
        );
        lab
    }
    fn root(&self) -> &Path {
        self.dir.path()
    }
    fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }
    fn remote(&self) -> String {
        self.path("remote.git").display().to_string()
    }
    fn env(&self, c: &mut Command, user: &str) {
        c.env("GIT_CONFIG_GLOBAL", self.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("SECRETARIAT_USER", user)
            .env("SECRETARIAT_STATE_DIR", self.path("state"))
            .env_remove("SECRETARIAT_WORKSPACE");
    }
    /// Runs the program as `user` in workspace `ws`.
    fn run(&self, ws: &str, user: &str, args: &[&str]) -> Output {
        let mut c = Command::new(BIN);
        c.arg("-w").arg(self.path(ws)).args(args);
        self.env(&mut c, user);
        c.output().unwrap()
    }
    /// Runs the program and asserts it succeeded; returns its standard output.
    fn ok(&self, ws: &str, user: &str, args: &[&str]) -> String {
        let out = self.run(ws, user, args);
        assert!(
            out.status.success(),
            "secretariat {args:?} in {ws} failed ({:?}):\n{}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let mut c = Command::new("git");
        c.current_dir(dir).args(args);
        self.env(&mut c, "lab");
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    /// A generated workspace `a` shared to the remote, and a clone `b` set up for sync.
    fn two_clones(&self) {
        let out = Command::new(BIN)
            .args(["generate", "workspace"])
            .arg(self.path("a"))
            .args(["--initiatives", "40", "--quarters", "2", "--cases", "10"])
            .args([
                "--meetings",
                "4",
                "--consultations",
                "3",
                "--decisions",
                "5",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let said = self.ok("a", "anna", &["sync", "init", &self.remote()]);
        assert!(said.contains("shared with"), "{said}");
        self.git(self.root(), &["clone", "--quiet", &self.remote(), "b"]);
        self.ok("b", "bo", &["sync", "init"]);
    }
    fn store(&self, ws: &str, user: &str) -> Store {
        Store::open(self.path(ws)).unwrap().with_user(user)
    }
    /// Changes a case through the store, as the TUI would.
    fn edit_case(
        &self,
        ws: &str,
        user: &str,
        id: &str,
        f: impl FnOnce(&mut secretariat::model::Case),
    ) {
        let store = self.store(ws, user);
        let loaded = store.load();
        let mut c = loaded.workspace.case(id).unwrap().clone();
        f(&mut c);
        store.save(&mut c, "changed").unwrap();
    }
    fn case(&self, ws: &str, id: &str) -> secretariat::model::Case {
        self.store(ws, "x")
            .load()
            .workspace
            .case(id)
            .unwrap()
            .clone()
    }
    /// `check` passes: every file loads.
    fn check(&self, ws: &str) {
        let out = self.run(ws, "x", &["check"]);
        assert!(
            out.status.success(),
            "check in {ws} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    /// The record files of a workspace (folder/file -> bytes).
    fn records(&self, ws: &str) -> Vec<(String, Vec<u8>)> {
        let mut v = Vec::new();
        for k in secretariat::model::RecordKind::ALL {
            for e in fs::read_dir(self.path(ws).join(k.folder()))
                .unwrap()
                .flatten()
            {
                v.push((
                    format!("{}/{}", k.folder(), e.file_name().to_string_lossy()),
                    fs::read(e.path()).unwrap(),
                ));
            }
        }
        v.sort();
        v
    }
    fn first_case(&self, ws: &str) -> String {
        self.store(ws, "x").load().workspace.cases[0].id.clone()
    }
}

#[test]
fn a_imports_a_quarter_while_b_edits_a_case_and_a_meeting_and_both_see_everything() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let out = Command::new(BIN)
        .args(["generate", "csv"])
        .arg(lab.path("csv"))
        .args(["--initiatives", "40", "--quarters", "3"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = lab.path("csv/reports.csv").display().to_string();
    lab.ok("a", "anna", &["import", "reports", &csv]);

    let case_id = lab.first_case("b");
    lab.edit_case("b", "bo", &case_id, |c| c.title = "Bo's titel".into());
    let store = lab.store("b", "bo");
    let mut m = store.load().workspace.meetings[0].clone();
    m.place = "Mødelokale 4".into();
    store.save(&mut m, "changed the place").unwrap();

    let a1 = lab.ok("a", "anna", &["sync"]);
    assert!(
        a1.contains("committed: 40 initiativer ændret af anna"),
        "{a1}"
    );
    let b1 = lab.ok("b", "bo", &["sync"]);
    assert!(b1.contains("committed: 1 sag, 1 møde ændret af bo"), "{b1}");
    assert!(b1.contains("came in: 40 records changed by anna"), "{b1}");
    let a2 = lab.ok("a", "anna", &["sync"]);
    assert!(a2.contains("came in: 2 records changed by bo"), "{a2}");

    assert_eq!(
        lab.records("a"),
        lab.records("b"),
        "both clones hold the same records"
    );
    assert_eq!(lab.case("a", &case_id).title, "Bo's titel");
    let wa = lab.store("a", "x").load().workspace;
    assert_eq!(wa.meetings[0].place, "Mødelokale 4");
    assert!(
        wa.initiatives.iter().all(|i| i.reports.len() == 3),
        "the imported quarter"
    );
    // The audit logs are the union of both sides' lines.
    for ws in ["a", "b"] {
        let log = read_audit(&lab.path(ws));
        assert!(
            log.iter()
                .any(|e| e.user == "anna" && e.record.starts_with("initiatives/")),
            "{ws}"
        );
        assert!(
            log.iter()
                .any(|e| e.user == "bo" && e.record == format!("cases/{case_id}")),
            "{ws}"
        );
        assert!(
            log.iter()
                .any(|e| e.user == "bo" && e.record.starts_with("meetings/")),
            "{ws}"
        );
        lab.check(ws);
    }
    let status = lab.git(&lab.path("a"), &["status", "--porcelain"]);
    assert_eq!(status, "", "nothing left uncommitted");
}

#[test]
fn different_fields_of_one_case_are_merged_and_the_same_field_is_a_kept_conflict() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let id = lab.first_case("a");
    let rev0 = lab.case("a", &id).revision;

    lab.edit_case("a", "anna", &id, |c| {
        c.background = "Anna's sagsfremstilling".into()
    });
    lab.edit_case("b", "bo", &id, |c| {
        c.recommendation = "Bo's indstilling".into()
    });
    lab.ok("a", "anna", &["sync"]);
    lab.ok("b", "bo", &["sync"]);
    lab.ok("a", "anna", &["sync"]);
    for ws in ["a", "b"] {
        let c = lab.case(ws, &id);
        assert_eq!(c.background, "Anna's sagsfremstilling", "{ws}");
        assert_eq!(c.recommendation, "Bo's indstilling", "{ws}");
        assert!(c.revision > rev0 + 1, "{ws}: revision above both sides");
    }
    assert!(
        lab.ok("a", "anna", &["sync", "conflicts"])
            .contains("no conflict records")
    );

    // Now both change the title.
    lab.edit_case("a", "anna", &id, |c| c.title = "Anna's titel".into());
    std::thread::sleep(Duration::from_millis(20));
    lab.edit_case("b", "bo", &id, |c| c.title = "Bo's titel".into());
    lab.ok("a", "anna", &["sync"]);
    let b = lab.ok("b", "bo", &["sync"]);
    assert!(b.contains("1 conflict record"), "{b}");
    assert!(b.contains(&format!("cases/{id}: title")), "{b}");
    lab.ok("a", "anna", &["sync"]);
    for ws in ["a", "b"] {
        lab.check(ws);
        // The later change is in the record; the other is kept beside it.
        assert_eq!(lab.case(ws, &id).title, "Bo's titel", "{ws}");
        let listed = lab.ok(ws, "x", &["sync", "conflicts"]);
        assert!(
            listed.contains(&format!("cases/{id}: title -> conflicts/cases/{id}.")),
            "{ws}: {listed}"
        );
        let list = secretariat::sync::driver::list_conflicts(&lab.path(ws));
        assert_eq!(list.len(), 1, "{ws}");
        assert_eq!(list[0].other["title"], "Anna's titel", "{ws}");
    }

    // Anna settles it: her version replaces the record, everywhere after the next syncs.
    let file = secretariat::sync::driver::list_conflicts(&lab.path("a"))[0]
        .path
        .display()
        .to_string();
    let said = lab.ok("a", "anna", &["sync", "resolve", &file, "other"]);
    assert!(
        said.contains("the other version is now the record"),
        "{said}"
    );
    lab.ok("a", "anna", &["sync"]);
    lab.ok("b", "bo", &["sync"]);
    for ws in ["a", "b"] {
        assert_eq!(lab.case(ws, &id).title, "Anna's titel", "{ws}");
        assert!(
            secretariat::sync::driver::list_conflicts(&lab.path(ws)).is_empty(),
            "{ws}"
        );
        lab.check(ws);
    }
    let out = lab.run("a", "anna", &["sync", "resolve", &file, "record"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no conflict record"));
}

#[test]
fn a_case_deleted_on_one_side_and_edited_on_the_other_is_kept() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let id = lab.first_case("a");
    let store = lab.store("a", "anna");
    let c = store.load().workspace.case(&id).unwrap().clone();
    store.delete(&c).unwrap();
    lab.edit_case("b", "bo", &id, |c| c.title = "Stadig aktuel".into());
    lab.ok("a", "anna", &["sync"]);
    let b = lab.ok("b", "bo", &["sync"]);
    assert!(
        b.contains(&format!("kept cases/{id}.json: deleted on one side")),
        "{b}"
    );
    lab.ok("a", "anna", &["sync"]);
    assert_eq!(lab.case("a", &id).title, "Stadig aktuel");
    lab.check("a");
    lab.check("b");
}

#[test]
fn no_connection_keeps_the_commits_and_says_so() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    lab.git(
        &lab.path("b"),
        &[
            "remote",
            "set-url",
            "origin",
            &lab.path("gone.git").display().to_string(),
        ],
    );
    let id = lab.first_case("b");
    lab.edit_case("b", "bo", &id, |c| c.title = "Offline".into());
    let out = lab.run("b", "bo", &["sync"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("could not reach the remote"), "{said}");
    assert!(said.contains("kept here"), "{said}");
    let log = lab.git(&lab.path("b"), &["log", "--format=%an %s", "-1"]);
    assert_eq!(log.trim(), "bo 1 sag ændret af bo");
    // Back online: it goes out.
    lab.git(
        &lab.path("b"),
        &["remote", "set-url", "origin", &lab.remote()],
    );
    lab.ok("b", "bo", &["sync"]);
    lab.ok("a", "anna", &["sync"]);
    assert_eq!(lab.case("a", &id).title, "Offline");
}

#[test]
fn a_remote_with_another_history_is_refused_and_nothing_changes() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let out = Command::new(BIN)
        .arg("init")
        .arg(lab.path("c"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = lab.run("c", "cai", &["sync", "init", &lab.remote()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("already holds another workspace's history"),
        "{err}"
    );
    assert!(err.contains("git clone"), "{err}");
    lab.check("c");
}

#[test]
fn a_merge_left_by_a_human_is_finished_or_named() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let id = lab.first_case("a");
    lab.edit_case("a", "anna", &id, |c| c.title = "A".into());
    lab.ok("a", "anna", &["sync"]);
    lab.edit_case("b", "bo", &id, |c| c.background = "B".into());
    lab.git(&lab.path("b"), &["add", "-A"]);
    lab.git(&lab.path("b"), &["commit", "-qm", "by hand"]);
    lab.git(&lab.path("b"), &["fetch", "-q"]);
    lab.git(
        &lab.path("b"),
        &["merge", "--no-commit", "-q", "origin/main"],
    );
    let said = lab.ok("b", "bo", &["sync"]);
    assert!(said.contains("finished the merge"), "{said}");
    let c = lab.case("b", &id);
    assert_eq!((c.title.as_str(), c.background.as_str()), ("A", "B"));

    // A human's conflict in a file that is not a record: named, nothing touched.
    fs::write(lab.path("a/NOTES.txt"), "anna\n").unwrap();
    lab.ok("a", "anna", &["sync"]);
    fs::write(lab.path("b/NOTES.txt"), "bo\n").unwrap();
    lab.git(&lab.path("b"), &["add", "-A"]);
    lab.git(&lab.path("b"), &["commit", "-qm", "notes"]);
    lab.git(&lab.path("b"), &["fetch", "-q"]);
    let mut c = Command::new("git");
    c.current_dir(lab.path("b"))
        .args(["merge", "-q", "origin/main"]);
    lab.env(&mut c, "lab");
    assert!(!c.output().unwrap().status.success());
    let out = lab.run("b", "bo", &["sync"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a merge needs a human: NOTES.txt"), "{err}");
    lab.check("b");
}

#[test]
fn sigkill_at_any_moment_of_a_sync_leaves_a_workspace_that_loads_and_a_sync_that_completes() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let id = lab.first_case("a");
    // Random moments, from a printed seed; SYNC_KILL_SEED=N replays a run.
    let seed: u64 = std::env::var("SYNC_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("SIGKILL moments from seed {seed} (replay with SYNC_KILL_SEED={seed})");
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*: small, and the same on every machine.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    // Always the very start, then random moments spread over a sync's length.
    let delays: Vec<u64> = std::iter::once(0)
        .chain((0..7).map(|_| next() % 300))
        .collect();
    for (round, delay_ms) in delays.into_iter().enumerate() {
        let ta = format!("A{round}");
        let rb = format!("B{round}");
        lab.edit_case("a", "anna", &id, |c| c.title = ta.clone());
        lab.ok("a", "anna", &["sync"]);
        lab.edit_case("b", "bo", &id, |c| c.recommendation = rb.clone());
        let mut c = Command::new(BIN);
        c.arg("-w")
            .arg(lab.path("b"))
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        lab.env(&mut c, "bo");
        let mut child = c.spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // git children of the killed sync finish on their own; wait for them.
        let start = Instant::now();
        while lab.path("b/.git/index.lock").exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(100));
        lab.check("b");
        lab.ok("b", "bo", &["sync"]);
        lab.ok("a", "anna", &["sync"]);
        for ws in ["a", "b"] {
            let c = lab.case(ws, &id);
            assert_eq!(
                (c.title.as_str(), c.recommendation.as_str()),
                (ta.as_str(), rb.as_str()),
                "round {round} in {ws} (seed {seed}, killed after {delay_ms} ms)"
            );
            lab.check(ws);
        }
        assert_eq!(
            lab.git(&lab.path("b"), &["status", "--porcelain"]),
            "",
            "round {round} (seed {seed}, killed after {delay_ms} ms)"
        );
    }
}

#[test]
fn history_lists_who_changed_which_fields_from_git_and_shows_an_earlier_version() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let id = lab.first_case("a");
    let old_title = lab.case("a", &id).title;
    lab.edit_case("a", "anna", &id, |c| c.title = "Ny titel".into());
    lab.ok("a", "anna", &["sync"]);
    let h = lab.ok("a", "x", &["history", &format!("cases/{id}")]);
    let lines: Vec<&str> = h.lines().collect();
    assert!(
        lines[0].contains("anna") && lines[0].contains("[title]"),
        "{h}"
    );
    assert!(lines.last().unwrap().contains("[(created)]"), "{h}");
    let first_commit = lines.last().unwrap().split(' ').next().unwrap();
    let old = lab.ok("a", "x", &["history", &id, "--at", first_commit]);
    assert!(old.contains(&old_title), "{old}");
    // An unsynced change is listed first.
    lab.edit_case("a", "anna", &id, |c| {
        c.state = secretariat::model::CaseState::Closed
    });
    let h = lab.ok("a", "x", &["history", &id]);
    assert!(
        h.lines()
            .next()
            .unwrap()
            .contains("(not synced yet) [state"),
        "{h}"
    );
}

#[test]
fn the_agenda_as_dispatched_comes_from_git_after_later_changes() {
    require_git!();
    let lab = Lab::new();
    lab.two_clones();
    let store = lab.store("a", "anna");
    let mut m = store.load().workspace.meetings[0].clone();
    m.state = secretariat::model::MeetingState::Draft;
    m.items[0].title = "Punkt som udsendt".into();
    store.save(&mut m, "draft").unwrap();
    lab.ok("a", "anna", &["sync"]);
    m.state = secretariat::model::MeetingState::Sent;
    m.agenda_version = 1;
    store.save(&mut m, "dispatched").unwrap();
    lab.ok("a", "anna", &["sync"]);
    m.state = secretariat::model::MeetingState::Held;
    m.items[0].title = "Punkt ændret på mødet".into();
    store.save(&mut m, "held").unwrap();
    lab.ok("a", "anna", &["sync"]);
    lab.ok("b", "bo", &["sync"]);
    let agenda = lab.ok(
        "b",
        "bo",
        &["history", &format!("meetings/{}", m.id), "--dispatched"],
    );
    assert!(agenda.contains("Punkt som udsendt"), "{agenda}");
    assert!(!agenda.contains("Punkt ændret på mødet"), "{agenda}");
    let out = lab.run(
        "b",
        "bo",
        &["history", &lab.first_case("b"), "--dispatched"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dispatched is for meetings"));
}

#[test]
fn history_outside_git_comes_from_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .arg("init")
        .arg(dir.path().join("w"))
        .arg("--demo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let store = Store::open(dir.path().join("w"))
        .unwrap()
        .with_user("mette");
    let mut c = store.load().workspace.cases[0].clone();
    c.title = "Ændret".into();
    store.save(&mut c, "changed the title").unwrap();
    let out = Command::new(BIN)
        .arg("-w")
        .arg(dir.path().join("w"))
        .args(["history", &c.id])
        .env("SECRETARIAT_GIT", dir.path().join("no-git"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("from the audit log"), "{said}");
    assert!(said.lines().nth(1).unwrap().contains("mette rev"), "{said}");
    assert!(
        said.contains("changed the title:") && said.contains("Ændret"),
        "{said}"
    );
}

#[test]
fn a_save_goes_through_while_a_sync_waits_on_the_network() {
    require_git!();
    use std::os::unix::fs::PermissionsExt;
    let lab = Lab::new();
    lab.two_clones();
    // A git that is slow to fetch, as over a poor connection; it says when the fetch starts.
    let mark = lab.path("fetching");
    let slow = lab.path("slow-git");
    fs::write(
        &slow,
        format!(
            "#!/bin/sh\nif [ \"$1\" = fetch ]; then touch '{}'; sleep 3; fi\nexec git \"$@\"\n",
            mark.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&slow, fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = Command::new(BIN);
    c.arg("-w")
        .arg(lab.path("b"))
        .arg("sync")
        .env("SECRETARIAT_GIT", &slow);
    lab.env(&mut c, "bo");
    let mut child = c
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !mark.exists() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(mark.exists(), "the sync reached its fetch");
    // A change to the same record comes in (pushed before the slow fetch runs), so the merge
    // must not meet the save below uncommitted.
    let id = lab.first_case("b");
    lab.edit_case("a", "anna", &id, |c| c.background = "Fra A".into());
    lab.ok("a", "anna", &["sync"]);
    lab.edit_case("b", "bo", &id, |c| {
        c.title = "Gemt under synkronisering".into()
    });
    assert!(
        child.try_wait().unwrap().is_none(),
        "the save did not wait for the sync to finish"
    );
    assert!(child.wait().unwrap().success());
    // The next sync takes the save along.
    lab.ok("b", "bo", &["sync"]);
    lab.ok("a", "anna", &["sync"]);
    assert_eq!(lab.case("a", &id).title, "Gemt under synkronisering");
    assert_eq!(lab.case("a", &id).background, "Fra A");
    assert_eq!(lab.git(&lab.path("b"), &["status", "--porcelain"]), "");
}

#[test]
fn a_workspace_in_a_folder_of_a_larger_repository_is_adopted_and_merges_there() {
    require_git!();
    let lab = Lab::new();
    let outer = lab.path("outer");
    fs::create_dir_all(&outer).unwrap();
    lab.git(&outer, &["init", "--quiet", "-b", "main"]);
    fs::write(outer.join("README"), "other things\n").unwrap();
    let out = Command::new(BIN)
        .arg("init")
        .arg(outer.join("ws"))
        .arg("--demo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = lab.ok("outer/ws", "anna", &["sync", "init", &lab.remote()]);
    assert!(said.contains("adopted"), "{said}");
    assert!(outer.join("ws/.gitattributes").exists());
    lab.git(lab.root(), &["clone", "--quiet", &lab.remote(), "clone"]);
    lab.ok("clone/ws", "bo", &["sync", "init"]);
    let id = lab.first_case("outer/ws");
    lab.edit_case("outer/ws", "anna", &id, |c| c.title = "Anna".into());
    lab.ok("outer/ws", "anna", &["sync"]);
    std::thread::sleep(Duration::from_millis(20));
    lab.edit_case("clone/ws", "bo", &id, |c| c.title = "Bo".into());
    let said = lab.ok("clone/ws", "bo", &["sync"]);
    assert!(said.contains("1 conflict record"), "{said}");
    let list = secretariat::sync::driver::list_conflicts(&lab.path("clone/ws"));
    assert_eq!(
        list.len(),
        1,
        "under the workspace, not the repository's top"
    );
    assert_eq!(list[0].other["title"], "Anna");
    assert_eq!(lab.case("clone/ws", &id).title, "Bo");
    lab.check("clone/ws");
    // The README outside the workspace was not committed by the workspace's sync.
    let files = lab.git(&lab.path("clone"), &["ls-files"]);
    assert!(!files.contains("README"), "{files}");
}
