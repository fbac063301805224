//! The command line, run as a user would: init, check, list.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SECRETARIAT_WORKSPACE")
        .env("SECRETARIAT_USER", "tester")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn init(dir: &Path) -> std::path::PathBuf {
    let ws = dir.join("ws");
    let out = run(&["init", ws.to_str().unwrap()], dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    ws
}

fn write_case(ws: &Path, id: &str, title: &str) {
    let body = format!(
        "{{\n  \"id\": \"{id}\",\n  \"revision\": 1,\n  \"kind\": \"other\",\n  \"title\": \"{title}\",\n  \"state\": \"ready\"\n}}\n"
    );
    std::fs::write(ws.join("cases").join(format!("{id}.json")), body).unwrap();
}

#[test]
fn init_refuses_an_existing_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = init(dir.path());
    let out = run(&["init", ws.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("secretariat: ") && err.contains("already holds a workspace"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn clean_workspace_checks_ok() {
    let dir = tempfile::tempdir().unwrap();
    let ws = init(dir.path());
    write_case(&ws, "S-2026-001", "Første sag");
    let out = run(&["-w", ws.to_str().unwrap(), "check"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn one_broken_file_is_reported_and_the_rest_still_lists() {
    let dir = tempfile::tempdir().unwrap();
    let ws = init(dir.path());
    write_case(&ws, "S-2026-001", "Første sag");
    write_case(&ws, "S-2026-002", "Anden sag");
    std::fs::write(
        ws.join("cases/S-2026-003.json"),
        "{\n  \"id\": \"S-2026-003\",\n  \"title\": \"x\"\n  \"kind\": 1\n}\n",
    )
    .unwrap();
    let out = run(&["-w", ws.to_str().unwrap(), "check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let expected = format!(
        "{}:4:3: expected `,` or `}}`\n",
        ws.join("cases/S-2026-003.json").display()
    );
    assert_eq!(stdout, expected);

    let out = run(
        &["-w", ws.to_str().unwrap(), "list", "cases", "--json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["S-2026-001", "S-2026-002"]);
    assert_eq!(v[0]["state"], "ready");
    assert_eq!(v[0]["kind"], "other");
    assert!(v[0].get("initiative").is_some());
    assert!(
        text(&out.stderr).contains("S-2026-003.json:4:3"),
        "the broken file is still mentioned"
    );

    let out = run(&["-w", ws.to_str().unwrap(), "list", "cases"], dir.path());
    let table = text(&out.stdout);
    assert!(table.starts_with("ID"), "{table}");
    assert!(table.contains("Første sag") && table.contains("Anden sag"));
}

#[test]
fn a_hostile_id_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    let ws = init(dir.path());
    std::fs::write(
        ws.join("cases/x.json"),
        "{\n  \"id\": \"../../etc/x\",\n  \"kind\": \"other\",\n  \"title\": \"t\",\n  \"state\": \"draft\"\n}\n",
    )
    .unwrap();
    let out = run(&["-w", ws.to_str().unwrap(), "check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("cases/x.json:2:3: field \"id\""),
        "{stdout}"
    );
    assert!(stdout.contains("../../etc/x"), "{stdout}");
}

#[test]
fn workspace_from_env_and_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ws = init(dir.path());
    write_case(&ws, "S-2026-001", "Sag");
    // The current folder holds workspace.json.
    let out = run(&["list", "cases", "--json"], &ws);
    assert!(text(&out.stdout).contains("S-2026-001"));
    // $SECRETARIAT_WORKSPACE.
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["list", "cases", "--json"])
        .current_dir(dir.path())
        .env("SECRETARIAT_WORKSPACE", &ws)
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("S-2026-001"));
}

#[test]
fn not_a_workspace_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &["-w", dir.path().join("nope").to_str().unwrap(), "check"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("is not a workspace") && err.contains("secretariat init"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["list", "elephants"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

/// Every file under `dir` except the audit log and the lock, as (relative path, bytes).
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if rel == "log" || rel == ".secretariat.lock" || rel == "out" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn init_demo_writes_exactly_the_demo_workspace_in_agendas() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    // agendas/ is the demo as of its own day; without --today the demo moves to today.
    let out = run(
        &[
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2026-11-26",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let agendas = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let (made, shipped) = (tree(&ws), tree(&agendas));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&made), names(&shipped));
    for ((n, a), (_, b)) in made.iter().zip(&shipped) {
        assert!(
            a == b,
            "{n} differs between `init --demo` and agendas/ (regenerate agendas/ with `secretariat init`)"
        );
    }
    let out = run(&["-w", agendas.to_str().unwrap(), "check"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn generate_workspace_makes_a_workspace_that_checks_and_refuses_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("big");
    let args = [
        "generate",
        "workspace",
        ws.to_str().unwrap(),
        "--seed",
        "4",
        "--initiatives",
        "50",
        "--quarters",
        "4",
        "--cases",
        "30",
        "--meetings",
        "10",
        "--consultations",
        "6",
        "--decisions",
        "40",
    ];
    let out = run(&args, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("50 initiatives with 200 reports, 30 cases, 10 meetings, 6 consultations"),
        "{}",
        text(&out.stdout)
    );
    let out = run(&["-w", ws.to_str().unwrap(), "check"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let out = run(&args, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("already holds a workspace"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_closed_pipe_ends_the_listing_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    let out = run(
        &[
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2026-11-26",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["-w", ws.to_str().unwrap(), "deviations"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close the pipe at once, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

/// `export -o` onto a record is refused and the record stays; with out/ a link elsewhere the
/// default export is refused instead of landing outside the workspace.
#[cfg(unix)]
#[test]
fn exports_never_replace_records_or_follow_a_linked_out_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let out = run(&["init", "--demo", ws.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = run(&["list", "meetings", "--json"], &ws);
    let meetings: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let meeting = meetings[0]["id"].as_str().unwrap().to_string();
    let case = std::fs::read_dir(ws.join("cases"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let before = std::fs::read(&case).unwrap();
    let out = run(
        &["export", "agenda", &meeting, "-o", case.to_str().unwrap()],
        &ws,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("will not write an export there"));
    assert_eq!(std::fs::read(&case).unwrap(), before);
    assert_eq!(run(&["check"], &ws).status.code(), Some(0));

    let away = dir.path().join("away");
    std::fs::create_dir(&away).unwrap();
    let _ = std::fs::remove_dir_all(ws.join("out"));
    std::os::unix::fs::symlink(&away, ws.join("out")).unwrap();
    let out = run(&["export", "agenda", &meeting], &ws);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(&away).unwrap().count(), 0);
}

/// Every command starts by finishing what an interrupted write left: temporary files that no
/// commit record names are removed, and it says so.
#[test]
fn a_start_removes_leftover_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let ws = init(dir.path());
    std::fs::write(ws.join("cases/.tmp-123-0-abc.part"), "{\"half\": ").unwrap();
    std::fs::write(ws.join(".tmp-9-9-9.part"), "").unwrap();
    let out = run(&["list", "cases"], &ws);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("removed 2 temporary file(s)"),
        "{}",
        text(&out.stderr)
    );
    assert!(!ws.join("cases/.tmp-123-0-abc.part").exists());
    let out = run(&["check"], &ws);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("removed"));
}

#[test]
fn init_offers_porteføljestyregruppen_as_the_first_forum() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("with");
    let out = run(&["init", ws.to_str().unwrap(), "--forum"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Porteføljestyregruppen"),
        "{}",
        text(&out.stdout)
    );
    let forum: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("forums/psg.json")).unwrap())
            .unwrap();
    assert_eq!(forum["members"].as_array().unwrap().len(), 14);
    assert_eq!(forum["agenda_dispatch_working_days"], 5);
    let settings = std::fs::read_to_string(ws.join("workspace.json")).unwrap();
    assert!(
        settings.contains("\"default_forum\": \"psg\""),
        "{settings}"
    );
    // Checks clean.
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["-w", ws.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
    // Without a terminal and without --forum, no forum, and a word on how to get one.
    let bare = dir.path().join("bare");
    let out = run(&["init", bare.to_str().unwrap()], dir.path());
    assert!(out.status.success());
    assert!(!bare.join("forums/psg.json").exists());
    assert!(
        text(&out.stdout).contains("T for Porteføljestyregruppen"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn init_demo_places_the_meetings_and_consultations_around_today() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("later");
    let out = run(
        &[
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2027-05-12",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(ws.join("meetings"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // The upcoming meeting: the Thursday after "today" (Wednesday 12 May 2027).
    assert!(
        names.contains(&"2027-05-13-psg.json".to_string()),
        "{names:?}"
    );
    let out = run(&["-w", ws.to_str().unwrap(), "check"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

/// The documents of the demo as the issue asks for them: status marks, a refused reminder, the
/// letter's sender and date, and a renamed member that keeps its reply.
#[test]
fn demo_documents_carry_their_state_sender_and_replies() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    assert!(
        run(
            &[
                "init",
                ws.to_str().unwrap(),
                "--demo",
                "--today",
                "2026-11-26"
            ],
            dir.path()
        )
        .status
        .success()
    );
    let w = ws.to_str().unwrap();
    let export = |args: &[&str]| {
        let mut all = vec!["-w", w, "export"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", "-"]);
        let out = run(&all, dir.path());
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    let agenda = export(&["agenda", "2026-12-03-psg", "--format", "txt"]);
    assert!(agenda.starts_with("*** UDKAST ***"), "{agenda}");
    let minutes = export(&["minutes", "2026-09-10-psg", "--format", "txt"]);
    assert!(
        minutes.contains("Godkendt den 24. september 2026"),
        "{minutes}"
    );
    for args in [
        ["agenda", "2026-12-03-psg"],
        ["minutes", "2026-09-10-psg"],
        ["consultation", "H-2026-02"],
        ["reminder", "H-2026-02"],
        ["summary", "H-2026-02"],
    ] {
        for format in ["md", "html", "txt"] {
            let out = export(&[args[0], args[1], "--format", format, "--public"]);
            assert!(out.contains("Offentlig version"), "{args:?} {format}");
        }
    }
    // English UI, Danish content: the document stays Danish.
    let en = run(
        &[
            "--lang",
            "en",
            "-w",
            w,
            "export",
            "agenda",
            "2026-12-03-psg",
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert!(text(&en.stdout).contains("<html lang=\"da\">"));
    assert!(text(&en.stdout).contains("Dagsorden"));

    let refused = run(&["-w", w, "export", "reminder", "H-2026-01"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("\"H-2026-01\": it is concluded"),
        "{}",
        text(&refused.stderr)
    );

    let letter = export(&["consultation", "H-2026-02", "--format", "txt"]);
    assert!(
        letter.contains("psg-sekretariat@digst.eksempel.dk"),
        "{letter}"
    );
    assert!(letter.contains("Dato:  18. november 2026"), "{letter}");

    // A reminder is dated, its file name too, and a new deadline is stated.
    let out = run(
        &[
            "-w",
            w,
            "export",
            "reminder",
            "H-2026-02",
            "--format",
            "md",
            "--date",
            "2026-11-26",
            "--deadline",
            "2026-11-30 12:00",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = text(&out.stdout).trim().to_string();
    assert!(
        path.ends_with("out/h-2026-02-portefoeljestyregruppen-rykker-2026-11-26.md"),
        "{path}"
    );
    let reminder = std::fs::read_to_string(&path).unwrap();
    assert!(
        reminder.contains("mandag den 30. november 2026 kl. 12.00"),
        "{reminder}"
    );
    let bad = run(
        &[
            "-w",
            w,
            "export",
            "reminder",
            "H-2026-02",
            "--deadline",
            "snart",
        ],
        dir.path(),
    );
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("\"snart\" is not a deadline"));

    // Renaming a member authority in the forum file keeps its reply.
    let forum = ws.join("forums/psg.json");
    let f = std::fs::read_to_string(&forum).unwrap();
    std::fs::write(
        &forum,
        f.replace(
            "\"authority\": \"Danske Regioner\"",
            "\"authority\": \"Danske Regioner (ny)\"",
        ),
    )
    .unwrap();
    let summary = export(&["summary", "H-2026-02", "--format", "md"]);
    assert!(
        summary.contains("- **Danske Regioner (ny):** Tilslutning med bemærkninger"),
        "{summary}"
    );

    // Word: the agenda is a zip package with the item titles as Heading 2.
    let out = run(
        &[
            "-w",
            w,
            "export",
            "agenda",
            "2026-12-03-psg",
            "--format",
            "docx",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let docx = std::fs::read(text(&out.stdout).trim()).unwrap();
    assert_eq!(&docx[..2], b"PK");
    let xml = String::from_utf8_lossy(&docx);
    assert!(xml.contains(
        "<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1. Godkendelse af dagsorden</w:t>"
    ));
    let stdout = run(
        &[
            "-w",
            w,
            "export",
            "agenda",
            "2026-12-03-psg",
            "--format",
            "docx",
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert!(
        !stdout.status.success(),
        "docx is not written to a terminal"
    );
}
