//! Two Unix users with different uids in one group-shared workspace, both with umask 022: the
//! second user's lock, writes and audit lines work on the first user's files. Needs root (to
//! switch users with `setpriv`); skips, saying so, otherwise.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const GROUP: u32 = 4242;

fn can_switch_users() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    root && Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the program as `uid` in group GROUP with umask 022.
fn as_user(uid: u32, name: &str, args: &[&str], cwd: &Path) -> Output {
    let mut script = String::from("umask 022; exec \"$0\"");
    for (i, _) in args.iter().enumerate() {
        script.push_str(&format!(" \"${}\"", i + 1));
    }
    Command::new("setpriv")
        .args([
            "--reuid",
            &uid.to_string(),
            "--regid",
            &GROUP.to_string(),
            "--clear-groups",
            "--",
            "sh",
            "-c",
            &script,
            env!("CARGO_BIN_EXE_secretariat"),
        ])
        .args(args)
        .current_dir(cwd)
        .env_remove("SECRETARIAT_WORKSPACE")
        .env("SECRETARIAT_USER", name)
        .env("HOME", cwd)
        .output()
        .unwrap()
}

fn csv(tag: &str) -> String {
    let mut s = String::from("Nr;Initiativnavn;Ministerium\n");
    for i in 1..=5 {
        s.push_str(&format!("1.{i};Initiativ {i} {tag};Finansministeriet\n"));
    }
    s
}

fn ok(o: &Output, what: &str) {
    assert!(
        o.status.success(),
        "{what}: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn two_users_with_umask_022_share_a_setgid_workspace() {
    if !can_switch_users() {
        eprintln!("skipped: switching users needs root and setpriv");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // What the README asks of an administrator: a folder of the group, group-writable, setgid.
    let ws = dir.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    std::os::unix::fs::chown(&ws, Some(0), Some(GROUP)).unwrap();
    std::fs::set_permissions(&ws, std::fs::Permissions::from_mode(0o2775)).unwrap();
    for tag in ["anna", "bo", "anna2"] {
        let p = dir.path().join(format!("{tag}.csv"));
        std::fs::write(&p, csv(tag)).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let w = ws.to_str().unwrap();
    ok(
        &as_user(4001, "anna", &["init", w], dir.path()),
        "anna: init",
    );
    ok(
        &as_user(
            4001,
            "anna",
            &["-w", w, "import", "initiatives", "../anna.csv"],
            &ws,
        ),
        "anna: import",
    );
    // Bo replaces Anna's files, appends to Anna's log and locks Anna's lock file.
    ok(
        &as_user(
            4002,
            "bo",
            &["-w", w, "import", "initiatives", "../bo.csv"],
            &ws,
        ),
        "bo: import",
    );
    ok(
        &as_user(
            4001,
            "anna",
            &["-w", w, "import", "initiatives", "../anna2.csv"],
            &ws,
        ),
        "anna: import after bo",
    );
    ok(&as_user(4002, "bo", &["-w", w, "check"], &ws), "bo: check");
    let log: Vec<_> = std::fs::read_dir(ws.join("log"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let text = log.concat();
    assert_eq!(text.matches("\"user\":\"bo\"").count(), 5, "{text}");
    assert_eq!(text.matches("\"user\":\"anna\"").count(), 11, "{text}");
    let one = std::fs::read_to_string(ws.join("initiatives/1.1.json")).unwrap();
    assert!(
        one.contains("Initiativ 1 anna2") && one.contains("\"revision\": 3"),
        "{one}"
    );
}
