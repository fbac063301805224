//! Sync through git at the national size (6,500 files). Targets (issue 17): the merge driver
//! < 5 ms per record; `sync init` < 10 s; a sync that commits 100 changed records and merges 100
//! incoming < 3 s plus network time (here the "network" is a bare repository on the same disk).
//! The git benches need `git`; without it they are left out, saying so.

mod common;

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use criterion::BatchSize;
use secretariat::store::{Store, to_json};
use secretariat::sync::{self, driver, merge};

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn copy_dir(from: &Path, to: &Path) {
    let ok = Command::new("cp")
        .arg("-r")
        .arg(from)
        .arg(to)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "cp -r {} {}", from.display(), to.display());
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "git {args:?}");
}

fn main() {
    let large = common::large();
    let mut c = common::criterion();

    // The merge of one large record: the meeting with the most agenda items, changed on both sides
    // in different items and the attendance.
    let meeting = large
        .ws
        .meetings
        .iter()
        .max_by_key(|m| m.items.len())
        .expect("meetings");
    let base = serde_json::to_value(meeting).expect("JSON");
    let mut ours = base.clone();
    ours["items"][0]["minutes"]["decision"] = "Godkendt".into();
    ours["revision"] = (meeting.revision + 1).into();
    let mut theirs = base.clone();
    theirs["place"] = "Mødelokale 2".into();
    theirs["attendance"] = serde_json::json!([{"authority": "KL", "kind": "present", "name": ""}]);
    theirs["revision"] = (meeting.revision + 1).into();
    let initiative = large
        .ws
        .initiatives
        .iter()
        .max_by_key(|i| i.reports.len())
        .expect("initiatives");
    let ib = serde_json::to_value(initiative).expect("JSON");
    let mut io = ib.clone();
    io["name"] = "Nyt navn".into();
    let mut it = ib.clone();
    it["reports"][0]["comment"] = "Rettet".into();

    let mut g = c.benchmark_group("sync");
    g.bench_function("merge_records_meeting", |b| {
        b.iter(|| black_box(merge::merge_records(Some(&base), &ours, &theirs)))
    });
    g.bench_function("merge_records_initiative_20_reports", |b| {
        b.iter(|| black_box(merge::merge_records(Some(&ib), &io, &it)))
    });
    // The whole driver as git runs it for one record: read three files, merge, write atomically.
    let dir = tempfile::tempdir().expect("temp");
    let (o, a, t) = (
        dir.path().join("o"),
        dir.path().join("a"),
        dir.path().join("b"),
    );
    fs::write(&o, to_json(&base, "o").expect("json")).expect("write");
    fs::write(&t, to_json(&theirs, "b").expect("json")).expect("write");
    let ours_bytes = to_json(&ours, "a").expect("json");
    g.bench_function("merge_driver_per_record", |b| {
        b.iter_batched(
            || fs::write(&a, &ours_bytes).expect("write"),
            |()| {
                black_box(
                    driver::run(dir.path(), &o, &a, &t, Path::new("meetings/m.json"))
                        .expect("merged"),
                )
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    if !git_available() {
        eprintln!("SKIPPED the git benches: git is not installed");
        c.final_summary();
        return;
    }
    // Author and committer for the temporary repositories.
    // SAFETY: set before any other thread of this program starts git.
    unsafe {
        std::env::set_var("GIT_AUTHOR_NAME", "bench");
        std::env::set_var("GIT_AUTHOR_EMAIL", "bench@example.invalid");
        std::env::set_var("GIT_COMMITTER_NAME", "bench");
        std::env::set_var("GIT_COMMITTER_EMAIL", "bench@example.invalid");
    }

    let mut g = c.benchmark_group("sync_git");
    g.sample_size(10);
    g.bench_function("init_national", |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().expect("temp");
                copy_dir(&large.root, &d.path().join("ws"));
                d
            },
            |d| {
                let store = Store::open(d.path().join("ws")).expect("workspace");
                let r = sync::init(&store, None).expect("sync init");
                assert!(r.committed.is_some());
                d
            },
            BatchSize::PerIteration,
        )
    });

    // A sync that commits 100 changed records and merges 100 incoming ones (other records).
    let lab = tempfile::tempdir().expect("temp");
    let remote = lab.path().join("remote.git");
    git(
        lab.path(),
        &["init", "--quiet", "--bare", "-b", "main", "remote.git"],
    );
    copy_dir(&large.root, &lab.path().join("a"));
    let sa = Store::open(lab.path().join("a"))
        .expect("a")
        .with_user("anna");
    sync::init(&sa, Some(&remote.display().to_string())).expect("init a");
    git(lab.path(), &["clone", "--quiet", "remote.git", "b"]);
    let sb = Store::open(lab.path().join("b"))
        .expect("b")
        .with_user("bo");
    sync::init(&sb, None).expect("init b");
    let mut round = 0u32;
    g.bench_function("sync_commit_100_merge_100", |b| {
        b.iter_batched(
            || {
                round += 1;
                let wa = sa.load().workspace;
                for c in wa.cases.iter().take(100) {
                    let mut c = c.clone();
                    c.background = format!("runde {round}");
                    sa.save(&mut c, "bench").expect("save a");
                }
                sync::sync(&sa).expect("sync a");
                let wb = sb.load().workspace;
                for i in wb.initiatives.iter().take(100) {
                    let mut i = i.clone();
                    i.comments = format!("runde {round}");
                    sb.save(&mut i, "bench").expect("save b");
                }
            },
            |()| {
                let r = sync::sync(&sb).expect("sync b");
                assert!(r.pushed && r.incoming.len() >= 100, "{r:?}");
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    c.final_summary();
}
