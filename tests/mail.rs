//! Sending and receiving mail, end to end: the real binary against a real SMTP server on
//! 127.0.0.1 (tests/smtp_sink), a stub sendmail on PATH, and received .eml fixtures.

mod smtp_sink;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mail_parser::{MessageParser, MimeHeaders};
use serde_json::Value;
use smtp_sink::Sink;

const BIN: &str = env!("CARGO_BIN_EXE_secretariat");
const FROM: &str = "sekretariat@digst.eksempel.dk";
const CC: &str = "arkiv@digst.eksempel.dk";

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn run_env(ws: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(BIN);
    c.arg("-w")
        .arg(ws)
        .args(args)
        .env_remove("SECRETARIAT_WORKSPACE")
        .env_remove("SECRETARIAT_SMTP_PASSWORD")
        .env("SECRETARIAT_USER", "tester")
        .env("SECRETARIAT_SMTP_TIMEOUT", "5");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn run(ws: &Path, args: &[&str]) -> Output {
    run_env(ws, args, &[])
}

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn write_json(p: &Path, v: &Value) {
    std::fs::write(p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// A demo workspace whose mail goes to `transport`.
fn demo(dir: &Path, transport: &str) -> PathBuf {
    let ws = dir.join("ws");
    let out = Command::new(BIN)
        .args([
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2026-11-26",
        ])
        .env("SECRETARIAT_USER", "tester")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let p = ws.join("workspace.json");
    let mut s = read_json(&p);
    s["mail"] = serde_json::json!({
        "from": FROM,
        "reply_to": "psg@digst.eksempel.dk",
        "cc": [CC],
        "transport": transport,
    });
    write_json(&p, &s);
    ws
}

fn members(ws: &Path) -> Vec<(String, String)> {
    read_json(&ws.join("forums/psg.json"))["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["authority"].as_str().unwrap().to_string(),
                m["email"].as_str().unwrap().to_lowercase(),
            )
        })
        .collect()
}

/// Every file of the workspace and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn audit_lines(ws: &Path) -> Vec<String> {
    let mut lines = vec![];
    for e in std::fs::read_dir(ws.join("log")).unwrap().flatten() {
        lines.extend(
            std::fs::read_to_string(e.path())
                .unwrap()
                .lines()
                .map(String::from),
        );
    }
    lines
}

const MEETING: &str = "2026-12-03-psg";

#[test]
fn agenda_goes_to_each_member_with_the_meeting_pack_attached() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let out = run(&ws, &["send", "agenda", MEETING]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );

    let exported = dir.path().join("pack.pdf");
    let ex = run(
        &ws,
        &["export", "pack", MEETING, "-o", exported.to_str().unwrap()],
    );
    assert!(ex.status.success(), "{}", text(&ex.stderr));
    let exported = std::fs::read(&exported).unwrap();

    let msgs = sink.messages();
    let members = members(&ws);
    assert_eq!(members.len(), 14);
    assert_eq!(msgs.len(), 14, "one message per member");
    for (authority, email) in &members {
        let m = msgs
            .iter()
            .find(|m| m.rcpt_to.first() == Some(email))
            .unwrap_or_else(|| panic!("no message to {authority} <{email}>"));
        assert_eq!(
            m.rcpt_to,
            vec![email.clone(), CC.to_string()],
            "the member and the cc, nobody else"
        );
        assert_eq!(m.mail_from, FROM);
        let parsed = MessageParser::default().parse(&m.data).unwrap();
        assert_eq!(
            parsed.subject().unwrap(),
            "Dagsorden til møde i Porteføljestyregruppen den 3. december 2026 [2026-12-03-psg]"
        );
        assert_eq!(
            parsed
                .to()
                .unwrap()
                .first()
                .unwrap()
                .address()
                .unwrap()
                .to_lowercase(),
            *email
        );
        let body = parsed.body_text(0).unwrap();
        assert!(body.contains("torsdag den 3. december 2026"), "{body}");
        assert!(body.contains("Eventuelt"), "{body}");
        let att: Vec<_> = parsed.attachments().collect();
        assert_eq!(att.len(), 1);
        assert_eq!(
            att[0].attachment_name(),
            Some("2026-12-03-portefoeljestyregruppen-moedepakke.pdf")
        );
        assert_eq!(
            att[0].content_type().map(|c| (c.ctype(), c.subtype())),
            Some(("application", Some("pdf")))
        );
        // The meeting is sent now, so the pack exported after the sending is the pack as sent
        // (no UDKAST): the attachment is that file, byte for byte.
        assert!(
            att[0].contents() == exported.as_slice(),
            "the attachment is the exported meeting pack, byte for byte"
        );
    }

    // The meeting: sent, with the dispatch date and every recipient's message id and copy.
    let m = read_json(&ws.join(format!("meetings/{MEETING}.json")));
    assert_eq!(m["state"], "sent");
    assert!(m["sent_date"].is_string());
    let d = &m["dispatches"][0];
    assert_eq!(d["kind"], "agenda");
    let recips = d["recipients"].as_array().unwrap();
    assert_eq!(recips.len(), 14);
    for r in recips {
        assert_eq!(r["status"], "sent");
        let mid = r["message_id"].as_str().unwrap();
        let copy = std::fs::read(ws.join(r["file"].as_str().unwrap())).unwrap();
        let kept = MessageParser::default().parse(&copy).unwrap();
        assert_eq!(format!("<{}>", kept.message_id().unwrap()), mid);
        assert!(
            r["file"]
                .as_str()
                .unwrap()
                .starts_with(&format!("sent/{MEETING}/"))
        );
    }
    let sent_lines = audit_lines(&ws)
        .into_iter()
        .filter(|l| l.contains("sent the agenda to"))
        .count();
    assert_eq!(sent_lines, 14, "one audit line per message");

    // Sending again is refused: nobody gets it twice.
    let again = run(&ws, &["send", "agenda", MEETING]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("Allerede sendt"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(sink.messages().len(), 14);
}

#[test]
fn server_down_exits_non_zero_and_changes_no_file() {
    // A port that was free a moment ago: nobody listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &format!("smtp://127.0.0.1:{port}"));
    let before = snapshot(&ws);
    let out = run(&ws, &["send", "agenda", MEETING]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("nothing was marked sent"), "{err}");
    assert!(
        text(&out.stdout).contains("kan ikke bruge mailserveren"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(snapshot(&ws), before, "every file byte-identical");
}

#[test]
fn a_refused_recipient_is_marked_failed_and_the_retry_sends_only_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&[]);
    let ws = demo(dir.path(), &sink.url());
    let (refused_authority, refused) = members(&ws)[3].clone();
    sink.refuse.lock().unwrap().push(refused.clone());

    let out = run(&ws, &["send", "agenda", MEETING]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("FAILED    4  {refused}")) && stdout.contains("550"),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("--retry"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(sink.messages().len(), 13);
    let m = read_json(&ws.join(format!("meetings/{MEETING}.json")));
    assert_eq!(m["state"], "sent", "sent to those the server accepted");
    let recips = m["dispatches"][0]["recipients"].as_array().unwrap().clone();
    let failed: Vec<_> = recips.iter().filter(|r| r["status"] == "failed").collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["email"], refused.as_str());
    assert_eq!(failed[0]["authority"], refused_authority.as_str());
    assert!(failed[0]["error"].as_str().unwrap().contains("550"));

    // A plain send does not go out twice; the retry goes to the failed one only.
    let again = run(&ws, &["send", "agenda", MEETING]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("--retry"));
    assert_eq!(sink.messages().len(), 13);

    sink.accept_all();
    let retry = run(&ws, &["send", "agenda", MEETING, "--retry"]);
    assert_eq!(
        retry.status.code(),
        Some(0),
        "{}{}",
        text(&retry.stdout),
        text(&retry.stderr)
    );
    let msgs = sink.messages();
    assert_eq!(msgs.len(), 14);
    assert_eq!(msgs[13].rcpt_to[0], refused);
    let m = read_json(&ws.join(format!("meetings/{MEETING}.json")));
    assert_eq!(
        m["dispatches"].as_array().unwrap().len(),
        1,
        "the retry continues the same dispatch"
    );
    assert!(
        m["dispatches"][0]["recipients"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "sent")
    );

    // Nothing left to retry: nobody gets a second copy.
    let retry = run(&ws, &["send", "agenda", MEETING, "--retry"]);
    assert_eq!(retry.status.code(), Some(1));
    assert!(
        text(&retry.stderr).contains("ingen modtager"),
        "{}",
        text(&retry.stderr)
    );
    let mut to: Vec<_> = sink
        .messages()
        .iter()
        .map(|m| m.rcpt_to[0].clone())
        .collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 14, "every member exactly once");
}

#[test]
fn reminder_reaches_only_members_without_a_reply() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    let replied: Vec<&str> = c["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["authority"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = members(&ws)
        .into_iter()
        .filter(|(a, _)| !replied.contains(&a.as_str()))
        .map(|(_, e)| e)
        .collect();
    assert_eq!(expected.len(), 8);
    let out = run(&ws, &["send", "reminder", "H-2026-02"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let mut got: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| m.rcpt_to[0].clone())
        .collect();
    got.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(got, expected);
    let first = sink.messages()[0].data.clone();
    let parsed = MessageParser::default().parse(&first).unwrap();
    let subject = parsed.subject().unwrap();
    assert!(
        subject.starts_with("Påmindelse: Skriftlig høring: "),
        "{subject}"
    );
    assert!(
        subject.ends_with("– svarfrist 25. november 2026 kl. 12.00 [H-2026-02]"),
        "{subject}"
    );
}

#[test]
fn dry_run_writes_eml_files_and_sends_nothing() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let records = snapshot(&ws.join("meetings"));
    let out = run(&ws, &["send", "agenda", MEETING, "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files: Vec<_> = text(&out.stdout).lines().map(PathBuf::from).collect();
    assert_eq!(files.len(), 14);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let m = MessageParser::default().parse(&bytes).unwrap();
        assert!(m.subject().unwrap().ends_with("[2026-12-03-psg]"));
    }
    assert!(sink.messages().is_empty());
    assert_eq!(snapshot(&ws.join("meetings")), records);
    assert!(!ws.join("sent").exists());
}

#[test]
fn a_test_send_goes_to_one_address_and_changes_no_record() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let before = snapshot(&ws.join("meetings"));
    let out = run(
        &ws,
        &["send", "agenda", MEETING, "--to", "mig@digst.eksempel.dk"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let msgs = sink.messages();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].rcpt_to[0], "mig@digst.eksempel.dk");
    assert_eq!(snapshot(&ws.join("meetings")), before);
    let bad = run(
        &ws,
        &["send", "agenda", MEETING, "--to", "mig@x.dk\r\nBcc: y@z.dk"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(sink.messages().len(), 1);
}

#[test]
fn a_title_with_a_line_break_and_bcc_never_becomes_a_header() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let p = ws.join("consultations/H-2026-02.json");
    let mut c = read_json(&p);
    c["subject"] = Value::String("Udmøntning\r\nBcc: spion@ond.dk\r\nX-Evil: 1".into());
    write_json(&p, &c);
    let out = run(&ws, &["send", "consultation", "H-2026-02"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let msgs = sink.messages();
    assert_eq!(msgs.len(), 14);
    for m in &msgs {
        assert!(
            !m.rcpt_to.iter().any(|r| r.contains("ond.dk")),
            "{:?}",
            m.rcpt_to
        );
        let parsed = MessageParser::default().parse(&m.data).unwrap();
        assert!(parsed.bcc().is_none());
        assert!(parsed.header("X-Evil").is_none());
        let subject = parsed.subject().unwrap();
        assert!(
            subject.starts_with(
                "Skriftlig høring: Udmøntning Bcc: spion@ond.dk X-Evil: 1 – svarfrist"
            ),
            "{subject}"
        );
        assert!(
            !text(&m.data)
                .lines()
                .any(|l| l.starts_with("Bcc:") || l.starts_with("X-Evil"))
        );
    }

    // A member's address with a line break is refused before anything is sent.
    let f = ws.join("forums/psg.json");
    let mut forum = read_json(&f);
    forum["members"][0]["email"] = Value::String("karen@x.dk\nBcc: spion@ond.dk".into());
    write_json(&f, &forum);
    let out = run(&ws, &["send", "reminder", "H-2026-02"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("forums/psg.json: member 1"), "{err}");
    assert_eq!(sink.messages().len(), 14);
}

#[test]
fn sendmail_on_path_gets_each_message_on_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "sendmail");
    let bin = dir.path().join("bin");
    let spool = dir.path().join("spool");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&spool).unwrap();
    let script = bin.join("sendmail");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nn=$(ls {spool} | wc -l)\necho \"$@\" > {spool}/$n.args\ncat > {spool}/$n.eml\n",
            spool = spool.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = run_env(
        &ws,
        &["send", "minutes", "2026-09-10-psg"],
        &[("PATH", &path)],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let args: Vec<String> = std::fs::read_dir(&spool)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "args"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(args.len(), 14, "{args:?}");
    for (_, email) in members(&ws) {
        assert!(
            args.iter()
                .any(|a| a.contains(&format!("-f {FROM} -- {email} {CC}"))),
            "{email}: {args:?}"
        );
    }
    let eml = std::fs::read(spool.join("0.eml")).unwrap();
    let parsed = MessageParser::default().parse(&eml).unwrap();
    assert!(
        parsed
            .subject()
            .unwrap()
            .starts_with("Beslutningsreferat fra møde i Porteføljestyregruppen")
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mail")
        .join(name)
}

fn reply<'a>(c: &'a Value, authority: &str) -> &'a Value {
    c["replies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["authority"] == authority)
        .unwrap_or_else(|| panic!("no reply from {authority}: {c:#}"))
}

#[test]
fn replies_from_outlook_qp_base64_cp1252_and_html_in_a_maildir_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "sendmail");
    let maildir = dir.path().join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    for (i, f) in ["outlook.eml", "quoted-printable.eml", "base64.eml"]
        .iter()
        .enumerate()
    {
        std::fs::copy(
            fixture(f),
            maildir.join("new").join(format!("17637{i}.M1P1.host")),
        )
        .unwrap();
    }
    std::fs::copy(
        fixture("cp1252.eml"),
        maildir.join("cur/1763800000.M2P2.host:2,S"),
    )
    .unwrap();
    std::fs::copy(
        fixture("html-only.eml"),
        maildir.join("cur/1763800001.M3P3.host:2,S"),
    )
    .unwrap();

    let out = run(&ws, &["receive", maildir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(
        text(&out.stdout).lines().count(),
        5,
        "{}",
        text(&out.stdout)
    );
    let c = read_json(&ws.join("consultations/H-2026-02.json"));

    let fm = reply(&c, "Finansministeriet, Digitaliseringsstyrelsen");
    assert_eq!(fm["kind"], "consent");
    assert_eq!(
        fm["text"],
        "Finansministeriet har ingen bemærkninger til høringen.\n\nMed venlig hilsen\nKaren Holm"
    );
    assert_eq!(
        fm["received"], "2026-11-20",
        "23:30 UTC on the 19th is the 20th in Denmark"
    );
    let mail = c["received_mail"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["from"] == "karen.holm@digst.eksempel.dk")
        .unwrap();
    let bilag = &mail["attachments"][0];
    assert_eq!(bilag["title"], "FM bemærkninger.pdf");
    let path = bilag["path"].as_str().unwrap();
    assert!(path.starts_with("bilag/H-2026-02/"), "{path}");
    assert_eq!(
        std::fs::read(ws.join(path)).unwrap(),
        std::fs::read(fixture("outlook-bilag.pdf")).unwrap()
    );

    let kefm = reply(&c, "Klima-, Energi- og Forsyningsministeriet");
    assert_eq!(kefm["kind"], "consent");
    assert_eq!(
        kefm["text"],
        "Klima-, Energi- og Forsyningsministeriet har ingen bemærkninger.\n\nBirgitte Dalsgaard"
    );
    assert_eq!(kefm["received"], "2026-11-18");

    let sim = reply(&c, "Social- og Indenrigsministeriet");
    assert_eq!(sim["kind"], "consent_with_comments");
    assert!(
        sim["text"]
            .as_str()
            .unwrap()
            .contains("men bemærker at tidsplanen for 2027 er stram")
    );

    let buvm = reply(&c, "Børne- og Undervisningsministeriet");
    assert_eq!(buvm["kind"], "consent");
    assert_eq!(
        buvm["text"],
        "Børne- og Undervisningsministeriet kan tilslutte sig indstillingen.\n\nMvh Rune Winther – BUVM"
    );

    let jm = reply(&c, "Justitsministeriet");
    assert_eq!(jm["kind"], "consent");
    let jt = jm["text"].as_str().unwrap();
    assert!(
        jt.contains("Justitsministeriet kan tilslutte sig indstillingen & tidsplanen."),
        "{jt}"
    );
    assert!(!jt.contains('<'), "HTML turned into text: {jt}");

    // The same mail read twice changes nothing.
    let before = snapshot(&ws);
    let again = run(&ws, &["receive", maildir.join("new").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("read before"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(snapshot(&ws), before);
    assert_eq!(c["received_mail"].as_array().unwrap().len(), 5);
}

#[test]
fn a_reply_from_an_unknown_address_is_reported_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "sendmail");
    let before = snapshot(&ws.join("consultations"));
    let out = run(
        &ws,
        &["receive", fixture("unknown-sender.eml").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("ukendt@gmail.com") && err.contains("H-2026-02"),
        "{err}"
    );
    assert_eq!(snapshot(&ws.join("consultations")), before);
}

#[test]
fn a_reply_that_says_no_kind_waits_for_kind() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "sendmail");
    let f = fixture("unclear.eml");
    let out = run(&ws, &["receive", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--kind"),
        "{}",
        text(&out.stderr)
    );
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    assert!(
        !c["replies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["authority"] == "Miljø- og Fødevareministeriet")
    );
    let out = run(&ws, &["receive", f.to_str().unwrap(), "--kind", "comments"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    let r = reply(&c, "Miljø- og Fødevareministeriet");
    assert_eq!(r["kind"], "consent_with_comments");
    assert_eq!(r["text"], "Tak, vi vender tilbage i morgen.");
    assert_eq!(r["received"], "2026-11-20");
}

#[test]
fn a_gmail_reply_without_the_tag_is_matched_by_in_reply_to() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let out = run(&ws, &["send", "consultation", "H-2026-02"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    let mid = c["dispatches"][0]["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "mikkel.thygesen@ufm.eksempel.dk")
        .unwrap()["message_id"]
        .as_str()
        .unwrap()
        .to_string();
    // The letter was just sent (today, by the clock), and a reply cannot be received before its
    // sending (ops::consultation::check_reply): the reply is dated today too.
    let day = chrono::Local::now().date_naive();
    let eml = std::fs::read_to_string(fixture("gmail.eml"))
        .unwrap()
        .replace("MESSAGE-ID", &mid)
        .replace(
            "Date: Fri, 20 Nov 2026 00:14:03 +0100",
            &format!("Date: {} 12:14:03 +0100", day.format("%a, %d %b %Y")),
        );
    assert!(eml.contains(&day.format("%d %b %Y").to_string()));
    let f = dir.path().join("gmail.eml");
    std::fs::write(&f, eml).unwrap();
    let out = run(&ws, &["receive", f.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    let r = reply(&c, "Uddannelses- og Forskningsministeriet");
    assert_eq!(r["kind"], "objection");
    assert_eq!(
        r["text"],
        "Uddannelses- og Forskningsministeriet kan ikke tilslutte sig indstillingen, da finansieringen af\nde lokale vejledningsforløb ikke er afklaret.\n\nVenlig hilsen\nMikkel"
    );
    assert_eq!(r["received"], day.format("%Y-%m-%d").to_string());
}

#[test]
fn check_names_bad_addresses_and_bad_mail_settings() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "smtp://mail.example.dk:587");
    let ok = run(&ws, &["check"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}{}",
        text(&ok.stdout),
        text(&ok.stderr)
    );
    let f = ws.join("forums/psg.json");
    let mut forum = read_json(&f);
    forum["members"][2]["email"] = Value::String("lone.abildgaard(at)skm".into());
    write_json(&f, &forum);
    let p = ws.join("workspace.json");
    let mut s = read_json(&p);
    s["mail"]["transport"] = Value::String("smtp://u:hemmelig@mail.example.dk:587".into());
    write_json(&p, &s);
    let out = run(&ws, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let o = text(&out.stdout);
    assert!(
        o.contains("forums/psg.json: member 3 (Skatteministeriet): \"lone.abildgaard(at)skm\""),
        "{o}"
    );
    assert!(
        o.contains("field \"mail.transport\"") && o.contains("holds a password"),
        "{o}"
    );
}

#[test]
fn a_server_that_never_answers_times_out_and_nothing_is_marked_sent() {
    // Accepts connections and says nothing.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = vec![];
        for s in listener.incoming().flatten() {
            held.push(s);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &format!("smtp://127.0.0.1:{port}"));
    let before = snapshot(&ws);
    let out = run_env(
        &ws,
        &["send", "agenda", MEETING],
        &[("SECRETARIAT_SMTP_TIMEOUT", "1")],
    );
    assert_eq!(out.status.code(), Some(1));
    let o = text(&out.stdout);
    assert!(
        o.contains("FAILED    1") && o.contains("ikke forsøgt"),
        "{o}"
    );
    assert_eq!(o.lines().count(), 14, "{o}");
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn a_user_in_the_url_needs_the_password_from_the_environment_or_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(
        dir.path(),
        "smtp://sekretariat%40digst.dk@127.0.0.1:1?starttls=required",
    );
    let home = dir.path().join("home");
    let out = run_env(
        &ws,
        &["send", "agenda", MEETING],
        &[
            ("HOME", home.to_str().unwrap()),
            ("XDG_CONFIG_HOME", home.join(".config").to_str().unwrap()),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("password of sekretariat@digst.dk")
            && err.contains("SECRETARIAT_SMTP_PASSWORD"),
        "{err}"
    );
    assert!(!ws.join("sent").exists());
}

#[test]
fn starttls_required_or_implicit_tls_never_falls_back_to_plain_text() {
    // The sink offers no STARTTLS and speaks no TLS.
    let sink = Sink::start(&[]);
    for transport in [
        format!("smtp://127.0.0.1:{}?starttls=required", sink.port),
        format!("smtps://127.0.0.1:{}", sink.port),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let ws = demo(dir.path(), &transport);
        let before = snapshot(&ws);
        let out = run(&ws, &["send", "agenda", MEETING]);
        assert_eq!(out.status.code(), Some(1), "{transport}");
        assert!(
            text(&out.stdout).contains("kan ikke bruge mailserveren"),
            "{transport}: {}",
            text(&out.stdout)
        );
        assert_eq!(snapshot(&ws), before, "{transport}");
    }
    assert!(sink.messages().is_empty(), "not one message in plain text");
}

#[test]
fn the_letter_carries_the_cases_bilag_and_names_the_missing_one() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let pdf = b"%PDF-1.4\n% ansoegning fra KL\n%%EOF\n".to_vec();
    std::fs::create_dir_all(ws.join("bilag")).unwrap();
    std::fs::write(ws.join("bilag/2026-ansoegning-8.1.pdf"), &pdf).unwrap();
    // A bilag whose file is gone, beside the letter's own PDF, which the case also lists.
    let case_file = ws.join("cases/S-2026-005.json");
    let mut case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&case_file).unwrap()).unwrap();
    case["attachments"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "title": "Tidsplan",
            "path": "bilag/findes-ikke.pdf"
        }));
    std::fs::write(&case_file, serde_json::to_string_pretty(&case).unwrap()).unwrap();
    let out = run(&ws, &["send", "consultation", "H-2026-02"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("bilag/findes-ikke.pdf") && err.contains("sendes ikke med"),
        "{err}"
    );
    let msgs = sink.messages();
    assert_eq!(msgs.len(), 14);
    let parsed = MessageParser::default().parse(&msgs[0].data).unwrap();
    let names: Vec<_> = parsed
        .attachments()
        .map(|a| a.attachment_name().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "h-2026-02-portefoeljestyregruppen-hoeringsbrev.pdf",
            "2026-ansoegning-8.1.pdf"
        ]
    );
    let bilag = parsed.attachments().nth(1).unwrap();
    assert_eq!(bilag.contents(), pdf.as_slice());
    assert_eq!(bilag.content_type().unwrap().ctype(), "application");
}

#[test]
fn the_login_uses_the_password_from_the_environment_and_a_refused_login_stops_at_once() {
    let sink = Sink::start_with_login(&[], Some(("sekretariat@digst.dk", "rigtigt-kodeord")));
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(
        dir.path(),
        &format!("smtp://sekretariat%40digst.dk@127.0.0.1:{}", sink.port),
    );
    let before = snapshot(&ws);
    let wrong = run_env(
        &ws,
        &["send", "agenda", MEETING],
        &[("SECRETARIAT_SMTP_PASSWORD", "forkert")],
    );
    assert_eq!(wrong.status.code(), Some(1));
    let o = text(&wrong.stdout);
    assert!(o.contains("afviste login") && o.contains("535"), "{o}");
    assert_eq!(o.matches("ikke forsøgt").count(), 13, "{o}");
    assert_eq!(
        sink.logins.lock().unwrap().len(),
        1,
        "one attempt, not fourteen"
    );
    assert_eq!(snapshot(&ws), before);

    let right = run_env(
        &ws,
        &["send", "agenda", MEETING],
        &[("SECRETARIAT_SMTP_PASSWORD", "rigtigt-kodeord")],
    );
    assert_eq!(
        right.status.code(),
        Some(0),
        "{}{}",
        text(&right.stdout),
        text(&right.stderr)
    );
    assert_eq!(sink.messages().len(), 14);
    let ws_json = std::fs::read_to_string(ws.join("workspace.json")).unwrap();
    assert!(
        !ws_json.contains("rigtigt-kodeord"),
        "the password is never in the workspace"
    );
}

#[test]
fn a_sending_cut_short_leaves_the_rest_marked_for_the_retry() {
    let sink = Sink::start(&[]);
    *sink.hang_after.lock().unwrap() = Some(3);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    let mut child = Command::new(BIN)
        .arg("-w")
        .arg(&ws)
        .args(["send", "agenda", MEETING])
        .env_remove("SECRETARIAT_SMTP_PASSWORD")
        .env("SECRETARIAT_USER", "tester")
        .env("SECRETARIAT_SMTP_TIMEOUT", "60")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until three are accepted and written, then cut the sending short.
    let file = ws.join(format!("meetings/{MEETING}.json"));
    let start = std::time::Instant::now();
    loop {
        let sent = read_json(&file)["dispatches"][0]["recipients"]
            .as_array()
            .map_or(0, |r| r.iter().filter(|r| r["status"] == "sent").count());
        if sent == 3 {
            break;
        }
        assert!(
            start.elapsed().as_secs() < 30,
            "the sending never got going"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    child.kill().unwrap();
    let _ = child.wait();
    let m = read_json(&file);
    let recips = m["dispatches"][0]["recipients"].as_array().unwrap();
    assert_eq!(recips.len(), 14, "everybody is on the dispatch");
    assert_eq!(
        recips.iter().filter(|r| r["status"] == "failed").count(),
        11
    );

    *sink.hang_after.lock().unwrap() = None;
    let retry = run(&ws, &["send", "agenda", MEETING, "--retry"]);
    assert_eq!(
        retry.status.code(),
        Some(0),
        "{}{}",
        text(&retry.stdout),
        text(&retry.stderr)
    );
    let mut to: Vec<_> = sink
        .messages()
        .iter()
        .map(|m| m.rcpt_to[0].clone())
        .collect();
    assert_eq!(to.len(), 14);
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 14, "each member exactly once");
}

#[test]
fn a_received_attachment_never_overwrites_a_file_already_in_the_workspace() {
    // Where the attachment lands when the folder is empty.
    let probe = tempfile::tempdir().unwrap();
    let ws = demo(probe.path(), "sendmail");
    let eml = probe.path().join("a.eml");
    std::fs::copy(fixture("outlook.eml"), &eml).unwrap();
    let out = run(&ws, &["receive", eml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    let first = c["received_mail"][0]["attachments"][0]["path"]
        .as_str()
        .unwrap()
        .to_string();

    // The secretariat has its own, different file by that name.
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "sendmail");
    let theirs = ws.join(&first);
    std::fs::create_dir_all(theirs.parent().unwrap()).unwrap();
    std::fs::write(&theirs, b"the secretariat's own notes").unwrap();
    let eml = dir.path().join("a.eml");
    std::fs::copy(fixture("outlook.eml"), &eml).unwrap();
    let out = run(&ws, &["receive", eml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    assert_eq!(
        std::fs::read(&theirs).unwrap(),
        b"the secretariat's own notes",
        "an existing file was overwritten by a received attachment"
    );
    let c = read_json(&ws.join("consultations/H-2026-02.json"));
    let path = c["received_mail"][0]["attachments"][0]["path"]
        .as_str()
        .unwrap();
    assert_ne!(path, first);
    assert_eq!(
        std::fs::read(ws.join(path)).unwrap(),
        std::fs::read(fixture("outlook-bilag.pdf")).unwrap()
    );
}

#[test]
#[cfg(unix)]
fn a_dry_run_never_writes_into_the_record_folders_through_a_linked_out() {
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    std::os::unix::fs::symlink(ws.join("meetings"), ws.join("out")).unwrap();
    let records = snapshot(&ws.join("meetings"));
    let out = run(&ws, &["send", "agenda", MEETING, "--dry-run"]);
    assert_ne!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("workspace"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(snapshot(&ws.join("meetings")), records);
    assert!(!ws.join("meetings/mail").exists());
    assert!(sink.messages().is_empty());
}

#[test]
fn sending_a_draft_letter_puts_its_cases_into_the_consultation_with_the_deadline_the_letter_gives()
{
    let sink = Sink::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), &sink.url());
    // A draft consultation of a ready case.
    let mut c = read_json(&ws.join("consultations/H-2026-02.json"));
    c["id"] = "H-2026-09".into();
    c["state"] = "draft".into();
    c["sent_date"] = Value::Null;
    c["replies"] = serde_json::json!([]);
    c["cases"] = serde_json::json!(["S-2026-009"]);
    c["revision"] = 1.into();
    write_json(&ws.join("consultations/H-2026-09.json"), &c);
    assert_eq!(
        read_json(&ws.join("cases/S-2026-009.json"))["state"],
        "ready"
    );

    let out = run(&ws, &["send", "consultation", "H-2026-09"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(sink.messages().len(), 14);
    let c = read_json(&ws.join("consultations/H-2026-09.json"));
    assert_eq!(c["state"], "sent");
    let case = read_json(&ws.join("cases/S-2026-009.json"));
    assert_eq!(case["state"], "in_consultation", "{case}");
    assert_eq!(case["forum"], c["forum"]);
    // The letter sent names the deadline the consultation now has.
    let deadline =
        chrono::NaiveDateTime::parse_from_str(c["deadline"].as_str().unwrap(), "%Y-%m-%dT%H:%M:%S")
            .unwrap();
    let msgs = sink.messages();
    let parsed = MessageParser::default().parse(&msgs[0].data).unwrap();
    let body = parsed.body_text(0).unwrap().to_string();
    let day = deadline.format("%-d.").to_string();
    assert!(body.contains(&day), "{day} not in {body}");
    assert_eq!(run(&ws, &["check"]).status.code(), Some(0));
}
