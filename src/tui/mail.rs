//! E-mail in the TUI: asks once before sending, sends on a worker thread (the keys keep working)
//! with progress in the status line, shows the result; reads replies from a folder or .eml file,
//! shows what it matched and records the replies once the secretariat confirms. The mail logic
//! itself lives in `crate::mail`; this module only asks and shows.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use ratatui::text::{Line, Span};

use super::app::{App, Tone};
use super::form::{Field, FieldKind, Form};
use super::intent::{AppIntent, ConsultationsIntent, Intent};
use super::screens::common::Page;
use super::theme::Theme;
use crate::mail::receive::{self, Incoming, Match, Prepared};
use crate::mail::send::{Mode, Next, Progress, SendReport};
use crate::mail::{self, settings};
use crate::model::{AnyRecord, DeliveryStatus, Dispatch, DispatchKind, ReplyKind};
use crate::store::Change;

/// A sending under way, and replies read but not yet recorded.
#[derive(Default)]
pub struct MailState {
    job: Option<Job>,
    inbox: Vec<Found>,
}

struct Job {
    rx: Receiver<Event>,
    what: String,
    total: usize,
    sent: usize,
    failed: usize,
}

enum Event {
    Progress(Progress),
    Done(Result<SendReport, String>),
}

/// A reply matched to a consultation and a member, with the kind to record.
struct Found {
    mail: Incoming,
    consultation: String,
    authority: String,
    kind: ReplyKind,
}

impl MailState {
    /// Whether a sending is under way.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }
}

/// "dagsordenen" / "the agenda".
fn doc_word(app: &App, k: DispatchKind) -> &'static str {
    match k {
        DispatchKind::Agenda => app.t("dagsordenen", "the agenda"),
        DispatchKind::Minutes => app.t("referatet", "the minutes"),
        DispatchKind::Letter => app.t("høringsbrevet", "the letter"),
        DispatchKind::Reminder => app.t("påmindelsen", "the reminder"),
    }
}

fn kind_label(app: &App, k: DispatchKind) -> &'static str {
    match k {
        DispatchKind::Agenda => app.t("Dagsorden", "Agenda"),
        DispatchKind::Minutes => app.t("Referat", "Minutes"),
        DispatchKind::Letter => app.t("Høringsbrev", "Letter"),
        DispatchKind::Reminder => app.t("Påmindelse", "Reminder"),
    }
}

/// Asks once: "Send dagsordenen til 14 modtagere via smtp.example.dk? (j/n)" (or a retry to
/// those that failed). Problems (no mail settings, nobody to send to) show at once instead.
pub fn ask_send(app: &mut App, kind: DispatchKind, id: &str) {
    if app.mail.busy() {
        app.flash(
            app.t(
                "Der sendes allerede; vent til det er færdigt.",
                "A sending is under way; wait until it is done.",
            ),
            Tone::Info,
        );
        return;
    }
    let cfg = match mail::checked(&app.ws.settings) {
        Ok(c) => c,
        Err(e) => {
            app.message_box(
                app.t("E-mail er ikke sat op", "E-mail is not set up"),
                e.to_string(),
            );
            return;
        }
    };
    let plan = match mail::plan(app.store.root(), &app.ws, kind, id) {
        Ok(p) => p,
        Err(e) => {
            app.flash(e.to_string(), Tone::Error);
            return;
        }
    };
    let via = cfg.transport.describe();
    let mut text = match mail::send::next(&app.ws, &plan) {
        Err(e) => {
            // Everybody has it: show who got what and when.
            let dispatches = match kind {
                DispatchKind::Agenda | DispatchKind::Minutes => {
                    app.ws.meeting(id).map(|m| m.dispatches.clone())
                }
                _ => app.ws.consultation(id).map(|c| c.dispatches.clone()),
            }
            .unwrap_or_default();
            let mut text = format!("{e}\n");
            for l in recipient_lines(app, &dispatches) {
                text.push_str(&format!("\n{l}"));
            }
            app.flash(e.to_string(), Tone::Info);
            app.message_box(&format!("{} {id}", kind_label(app, kind)), text);
            return;
        }
        Ok(Next::Send) => format!(
            "{} {} {} {} {} {via}?",
            app.t("Send", "Send"),
            doc_word(app, kind),
            app.t("til", "to"),
            plan.recipients.len(),
            app.t("modtagere via", "recipients via"),
        ),
        Ok(Next::Retry(1)) => format!(
            "{} {} {} {via}?",
            app.t("Send", "Send"),
            doc_word(app, kind),
            app.t(
                "igen til den ene modtager, der fejlede, via",
                "again to the one recipient that failed, via"
            ),
        ),
        Ok(Next::Retry(n)) => format!(
            "{} {} {} {n} {} {via}?",
            app.t("Send", "Send"),
            doc_word(app, kind),
            app.t("igen til de", "again to the"),
            app.t("modtagere, der fejlede, via", "recipients that failed, via"),
        ),
    };
    text.push_str(&format!("\n{}", plan.subject));
    for w in &plan.warnings {
        text.push_str(&format!("\n{} {w}", app.t("NB:", "Note:")));
    }
    text.push_str(app.t(" (j/n)", " (y/n)"));
    app.confirm(
        &text,
        Intent::App(AppIntent::MailSend {
            kind,
            id: id.to_string(),
        }),
    );
}

/// After the "j": starts the worker.
pub fn confirmed_send(app: &mut App, kind: DispatchKind, id: &str) {
    if let Err(e) = start(app, kind, id) {
        app.flash(e, Tone::Error);
    }
}

fn start(app: &mut App, kind: DispatchKind, id: &str) -> Result<(), String> {
    let e = |e: mail::MailError| e.to_string();
    let cfg = mail::checked(&app.ws.settings).map_err(e)?;
    let plan = mail::plan(app.store.root(), &app.ws, kind, id).map_err(e)?;
    let (mode, total) = match mail::send::next(&app.ws, &plan).map_err(e)? {
        Next::Send => (Mode::Send, plan.recipients.len()),
        Next::Retry(n) => (Mode::Retry, n),
    };
    let password = settings::password(
        std::env::var(settings::PASSWORD_ENV).ok(),
        settings::default_password_file().as_deref(),
    )
    .map_err(e)?;
    let mut outbox = mail::send::outbox(&cfg, password, app.lang).map_err(e)?;
    let store = app.store.clone();
    let mut ws = app.ws.clone();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let progress_tx = tx.clone();
        let mut on = |p: &Progress| {
            let _ = progress_tx.send(Event::Progress(p.clone()));
        };
        let result = mail::send(&store, &mut ws, &cfg, &plan, outbox.as_mut(), mode, &mut on)
            .map_err(|e| e.to_string());
        let _ = tx.send(Event::Done(result));
    });
    let what = format!("{} {id}", kind_label(app, kind));
    app.flash(
        format!("{}: {what} …", app.t("Sender", "Sending")),
        Tone::Info,
    );
    app.mail.job = Some(Job {
        rx,
        what,
        total,
        sent: 0,
        failed: 0,
    });
    Ok(())
}

/// Takes what the worker reported; true when the screen should be drawn again.
pub fn poll(app: &mut App) -> bool {
    let mut changed = false;
    loop {
        let Some(job) = app.mail.job.as_mut() else {
            return changed;
        };
        let ev = match job.rx.try_recv() {
            Ok(ev) => ev,
            Err(TryRecvError::Empty) => return changed,
            Err(TryRecvError::Disconnected) => Event::Done(Err("the sending stopped".into())),
        };
        changed = true;
        match ev {
            Event::Progress(p) => {
                match &p {
                    Progress::Sent { .. } => job.sent += 1,
                    Progress::Failed { .. } => job.failed += 1,
                    Progress::Sending { .. } => {}
                }
                let (what, done, total, failed) = (
                    job.what.clone(),
                    job.sent + job.failed,
                    job.total,
                    job.failed,
                );
                let line = match &p {
                    Progress::Sending { n, email, .. } => format!(
                        "{}: {what} {n}/{total} → {email}",
                        app.t("Sender", "Sending")
                    ),
                    _ => format!(
                        "{}: {what} {done}/{total}{}",
                        app.t("Sender", "Sending"),
                        if failed > 0 {
                            format!(" ({failed} {})", app.t("fejlede", "failed"))
                        } else {
                            String::new()
                        }
                    ),
                };
                app.flash(line, Tone::Info);
            }
            Event::Done(result) => {
                let what = job.what.clone();
                app.mail.job = None;
                app.reload();
                finished(app, &what, result);
                return true;
            }
        }
    }
}

fn finished(app: &mut App, what: &str, result: Result<SendReport, String>) {
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            app.message_box(&format!("{what}: {}", app.t("ikke sendt", "not sent")), e);
            return;
        }
    };
    let failed: Vec<_> = report.failed().collect();
    if failed.is_empty() {
        let n = report.sent();
        app.flash(
            format!(
                "{what}: {} {n} {}",
                app.t("sendt til", "sent to"),
                match n {
                    1 => app.t("modtager.", "recipient."),
                    _ => app.t("modtagere.", "recipients."),
                }
            ),
            Tone::Success,
        );
        return;
    }
    let mut text = format!(
        "{} {} {}, {} {}.\n",
        app.t("Sendt til", "Sent to"),
        report.sent(),
        app.t("modtagere", "recipients"),
        failed.len(),
        app.t("fejlede", "failed")
    );
    for d in &failed {
        text.push_str(&format!(
            "\n{} <{}>: {}",
            d.authority,
            d.email,
            d.result.as_ref().err().map_or("", |s| s.as_str())
        ));
    }
    app.flash(
        format!(
            "{what}: {} {}, {} {}",
            report.sent(),
            app.t("sendt", "sent"),
            failed.len(),
            app.t("fejlede", "failed")
        ),
        Tone::Error,
    );
    text.push_str(if report.sent() > 0 || report.record_changed {
        app.t(
            "\n\nSamme tast igen sender kun til dem, der fejlede.",
            "\n\nThe same key again sends only to those that failed.",
        )
    } else {
        app.t(
            "\n\nIntet er markeret sendt.",
            "\n\nNothing is marked sent.",
        )
    });
    app.message_box(what, text);
}

// ----- receiving -----

/// Asks for the folder (a Maildir or a folder of .eml files) or file to read replies from.
pub fn ask_receive(app: &mut App) {
    let default = std::env::var("HOME")
        .ok()
        .map(|h| std::path::Path::new(&h).join("Maildir"))
        .filter(|p| p.is_dir())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let form = Form::new(
        app.t("Læs svar fra e-mail", "Read replies from e-mail"),
        Intent::Consultations(ConsultationsIntent::ReadReplies),
        vec![
            Field::new(
                "path",
                app.t("Mappe eller .eml-fil", "Folder or .eml file"),
                FieldKind::Text,
                &default,
            )
            .required(),
        ],
    );
    app.open_form(form);
}

fn kind_word(app: &App, k: ReplyKind) -> &'static str {
    match k {
        ReplyKind::Consent => app.t("tilslutning", "consent"),
        ReplyKind::ConsentWithComments => app.t("bemærkninger", "comments"),
        ReplyKind::Objection => app.t("indsigelse", "objection"),
        ReplyKind::NoReply => app.t("intet svar", "no reply"),
    }
}

/// The form's folder: reads and matches every message, then asks before recording.
pub fn submit_receive(app: &mut App, form: &mut Form) -> Result<(), String> {
    let raw = form.text("path");
    let path = match raw.strip_prefix("~/") {
        Some(rest) => std::path::Path::new(&std::env::var("HOME").unwrap_or_default()).join(rest),
        None => std::path::PathBuf::from(&raw),
    };
    let files = receive::sources(std::slice::from_ref(&path)).map_err(|e| {
        form.set_error("path", e.to_string());
        e.to_string()
    })?;
    let mut found = vec![];
    let mut notes = vec![];
    for f in &files {
        let m = match std::fs::read(f)
            .map_err(|e| format!("{}: {e}", f.display()))
            .and_then(|b| receive::parse(&b, f).map_err(|e| e.to_string()))
        {
            Ok(m) => m,
            Err(e) => {
                notes.push(e);
                continue;
            }
        };
        match receive::match_reply(&app.ws, &m) {
            Match::Unmatched(why) => notes.push(why),
            Match::Matched {
                consultation,
                authority,
                proposed: Some(kind),
            } => found.push(Found {
                mail: m,
                consultation,
                authority,
                kind,
            }),
            Match::Matched {
                consultation,
                authority,
                proposed: None,
            } => notes.push(format!(
                "{}: {authority} ({consultation}): {}",
                f.display(),
                app.t(
                    "svaret siger ikke tilslutning, bemærkninger eller indsigelse; registrér det med r",
                    "the reply says neither consent, comments nor objection; record it with r"
                )
            )),
        }
    }
    let mut text = String::new();
    for x in &found {
        text.push_str(&format!(
            "{} · {} · {} ({})\n",
            x.consultation,
            x.authority,
            kind_word(app, x.kind),
            x.mail
                .date
                .map_or(String::new(), |d| d.format("%d.%m.%Y").to_string())
        ));
    }
    if !notes.is_empty() {
        text.push_str(app.t("\nIkke registreret:\n", "\nNot recorded:\n"));
        for n in &notes {
            text.push_str(&format!("{n}\n"));
        }
    }
    if found.is_empty() {
        app.message_box(
            app.t("Ingen svar at registrere", "No replies to record"),
            if text.is_empty() {
                app.t("Ingen e-mails fundet.", "No e-mails found.")
                    .to_string()
            } else {
                text
            },
        );
        return Ok(());
    }
    text.push_str(&format!(
        "\n{} {} {}",
        app.t("Registrér", "Record"),
        found.len(),
        app.t("svar? (j/n)", "replies? (y/n)")
    ));
    app.mail.inbox = found;
    app.confirm(&text, Intent::App(AppIntent::MailRecord));
    Ok(())
}

/// Records the confirmed replies as one undoable change (one record per consultation).
pub(crate) fn record_inbox(app: &mut App) {
    let found = std::mem::take(&mut app.mail.inbox);
    let mut scratch = app.ws.clone();
    let mut changed: Vec<crate::model::Consultation> = vec![];
    let mut errors = vec![];
    let mut done = 0;
    for x in &found {
        match receive::prepare(
            app.store.root(),
            &scratch,
            &x.mail,
            &x.consultation,
            &x.authority,
            x.kind,
        ) {
            Ok(Prepared::Already(_)) => {}
            Ok(Prepared::New(c, _)) => {
                done += 1;
                if let Some(old) = scratch.consultations.iter_mut().find(|o| o.id == c.id) {
                    *old = (*c).clone();
                }
                changed.retain(|o| o.id != c.id);
                changed.push(*c);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !changed.is_empty() {
        let changes = changed
            .into_iter()
            .map(|c| Change::Update(AnyRecord::Consultation(c)))
            .collect();
        if let Err(e) = app.commit(changes, &format!("{done} replies read from e-mail")) {
            errors.push(e);
            done = 0;
        }
    }
    if errors.is_empty() {
        app.flash(
            format!(
                "{done} {}",
                app.t(
                    "svar registreret (u fortryder).",
                    "replies recorded (u undoes)."
                )
            ),
            Tone::Success,
        );
    } else {
        app.message_box(
            app.t(
                "Ikke alle svar blev registreret",
                "Not every reply was recorded",
            ),
            errors.join("\n"),
        );
    }
}

// ----- the pages -----

/// The latest dispatch in one line ("Dagsorden 01.12.2026 09.30: 13 af 14 sendt, 1 fejlede (M
/// sender igen)") and whether some failed.
pub fn dispatch_summary(app: &App, dispatches: &[Dispatch]) -> Option<(String, bool)> {
    let d = dispatches.last()?;
    let when = d.at.with_timezone(&chrono::Local).format("%d.%m.%Y %H.%M");
    let failed = d.failed().count();
    let mut s = format!(
        "{} {when}: {} {} {} {}",
        kind_label(app, d.kind),
        d.sent_count(),
        app.t("af", "of"),
        d.recipients.len(),
        app.t("sendt", "sent"),
    );
    if failed > 0 {
        s.push_str(&format!(
            ", {failed} {} ({})",
            app.t("fejlede", "failed"),
            if d.kind == DispatchKind::Reminder {
                app.t("P sender igen til dem", "P sends to them again")
            } else {
                app.t("M sender igen til dem", "M sends to them again")
            }
        ));
    }
    if dispatches.len() > 1 {
        s.push_str(&format!(
            " · {} {}",
            dispatches.len(),
            app.t("udsendelser", "dispatches")
        ));
    }
    Some((s, failed > 0))
}

/// Every dispatch as text: a line for the dispatch, then its recipients with time or reason.
fn recipient_lines(app: &App, dispatches: &[Dispatch]) -> Vec<String> {
    use crate::tui::text::safe_line;
    let mut out = vec![];
    for d in dispatches {
        let when = d.at.with_timezone(&chrono::Local).format("%d.%m.%Y %H.%M");
        out.push(format!(
            "{} {when} ({}): {} {} {} {}",
            kind_label(app, d.kind),
            safe_line(&d.by),
            d.sent_count(),
            app.t("af", "of"),
            d.recipients.len(),
            app.t("sendt", "sent")
        ));
        for r in &d.recipients {
            let who = format!("{} <{}>", safe_line(&r.authority), safe_line(&r.email));
            if r.status == DeliveryStatus::Failed {
                out.push(format!("  ✗ {who}: {}", safe_line(&r.error)));
            } else {
                let at = r.at.with_timezone(&chrono::Local).format("%d.%m %H.%M");
                out.push(format!("  ✓ {who} {at}"));
            }
        }
    }
    out
}

/// "Sendt pr. e-mail": each dispatch with when, by whom and how many got it; for the latest one
/// every recipient with the time the server took it, or why it did not.
pub fn dispatch_lines(app: &App, p: &mut Page, th: &Theme, dispatches: &[Dispatch]) {
    use crate::tui::text::safe_line;
    if dispatches.is_empty() {
        return;
    }
    p.heading(th, app.t("Sendt pr. e-mail", "Sent by e-mail"));
    for (i, d) in dispatches.iter().enumerate() {
        let when = d.at.with_timezone(&chrono::Local).format("%d.%m.%Y %H.%M");
        let version = d
            .agenda_version
            .filter(|v| *v > 1)
            .map_or(String::new(), |v| format!(" v{v}"));
        let failed = d.failed().count();
        let mut spans = vec![Span::raw(format!(
            "  {}{version} {when} ({}) · {} {} {}",
            kind_label(app, d.kind),
            safe_line(&d.by),
            d.sent_count(),
            app.t("af", "of"),
            d.recipients.len(),
        ))];
        if failed > 0 {
            spans.push(Span::styled(
                format!(" · {failed} {}", app.t("fejlede", "failed")),
                th.error(),
            ));
        }
        p.line(Line::from(spans));
        if i + 1 < dispatches.len() {
            continue;
        }
        for r in &d.recipients {
            let at = r.at.with_timezone(&chrono::Local).format("%d.%m %H.%M");
            let who = format!("{} <{}>", safe_line(&r.authority), safe_line(&r.email));
            if r.status == DeliveryStatus::Failed {
                p.line(Line::from(Span::styled(
                    format!("    ✗ {who}: {}", safe_line(&r.error)),
                    th.error(),
                )));
            } else {
                p.line(Line::from(format!("    ✓ {who} {at}")));
            }
        }
    }
}

/// The tests' SMTP server (shared with tests/mail.rs).
#[cfg(test)]
#[path = "../../tests/smtp_sink/mod.rs"]
mod smtp_sink;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::{demo_app, press, screen, type_text};

    use super::smtp_sink;

    fn with_mail(app: &mut App, transport: &str) {
        app.ws.settings.extra.insert(
            "mail".into(),
            serde_json::json!({"from": "sekretariat@digst.eksempel.dk", "transport": transport}),
        );
        let mut s = app.ws.settings.clone();
        app.store.save_settings(&mut s, "mail settings").unwrap();
        app.ws.settings = s;
    }

    fn wait_until_done(app: &mut App) {
        let start = std::time::Instant::now();
        while app.mail.busy() {
            poll(app);
            assert!(start.elapsed().as_secs() < 20, "the sending never ended");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    #[test]
    fn the_send_key_asks_once_sends_on_a_worker_and_the_page_shows_it() {
        let sink = smtp_sink::Sink::start(&["ole.juhl@sum.eksempel.dk"]);
        let (_dir, mut app) = demo_app();
        with_mail(&mut app, &sink.url());
        press(&mut app, &["4", "g", "Enter", "M"]);
        let port = sink.port.to_string();
        let shot = |app: &mut App, w, h| screen(app, w, h).replace(&port, "PORT_");
        insta::assert_snapshot!("mail_send_confirm_80x24", shot(&mut app, 80, 24));
        insta::assert_snapshot!("mail_send_confirm_120x36", shot(&mut app, 120, 36));
        assert!(sink.messages().is_empty(), "nothing before the answer");

        press(&mut app, &["j"]);
        assert!(app.mail.busy(), "the sending runs on a worker thread");
        // Keys are handled while it runs.
        press(&mut app, &["j", "k"]);
        wait_until_done(&mut app);
        assert_eq!(sink.messages().len(), 13);
        let result = screen(&mut app, 120, 36);
        assert!(
            result.contains("Sendt til 13 modtagere, 1 fejlede."),
            "{result}"
        );
        press(&mut app, &["Esc"]);
        let page = screen(&mut app, 120, 36);
        assert!(
            page.contains("13 af 14 sendt, 1 fejlede (M sender igen til dem)"),
            "{page}"
        );
        assert!(
            result.contains("ole.juhl@sum.eksempel.dk") && result.contains("550"),
            "{result}"
        );
        let m = app.ws.meeting("2026-12-03-psg").unwrap();
        assert_eq!(m.state, crate::model::MeetingState::Sent);

        // The same key again: only to the one that failed.
        sink.accept_all();
        press(&mut app, &["M"]);
        let ask = screen(&mut app, 120, 36);
        assert!(ask.contains("igen til den ene modtager, der"), "{ask}");
        press(&mut app, &["j"]);
        wait_until_done(&mut app);
        let msgs = sink.messages();
        assert_eq!(msgs.len(), 14);
        assert_eq!(
            msgs[13].rcpt_to,
            vec!["ole.juhl@sum.eksempel.dk".to_string()]
        );
        let (msg, tone) = app.message.clone().unwrap();
        assert_eq!(tone, Tone::Success, "{msg}");

        // Everybody has it: the key says so, shows who got it when, and sends nothing.
        press(&mut app, &["M"]);
        assert!(!app.mail.busy());
        let shown = screen(&mut app, 120, 36);
        assert!(shown.contains("Allerede sendt"), "{shown}");
        assert!(
            shown.contains("✓ Sundheds- og Ældreministeriet <ole.juhl@sum.eksempel.dk>"),
            "{shown}"
        );
        assert_eq!(sink.messages().len(), 14);
    }

    #[test]
    fn the_consultation_page_lists_who_got_the_letter() {
        let sink = smtp_sink::Sink::start(&["claus.friis@jm.eksempel.dk"]);
        let (_dir, mut app) = demo_app();
        with_mail(&mut app, &sink.url());
        press(&mut app, &["5", "g", "Enter", "M", "j"]);
        wait_until_done(&mut app);
        press(&mut app, &["Esc", "G"]);
        let page = screen(&mut app, 120, 36);
        assert!(page.contains("E-mail     Høringsbrev"), "{page}");
        press(&mut app, &["C-d", "C-d", "C-d"]);
        let page = screen(&mut app, 120, 60);
        assert!(page.contains("Sendt pr. e-mail"), "{page}");
        assert!(
            page.contains(
                "✓ Finansministeriet, Digitaliseringsstyrelsen <karen.holm@digst.eksempel.dk>"
            ),
            "{page}"
        );
        assert!(
            page.contains("✗ Justitsministeriet <claus.friis@jm.eksempel.dk>"),
            "{page}"
        );
        assert_eq!(sink.messages().len(), 13);
    }

    #[test]
    fn without_mail_settings_the_key_says_how_to_set_them_up() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["4", "g", "Enter", "M"]);
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("E-mail er ikke sat op"), "{s}");
        assert!(!app.mail.busy());
    }

    #[test]
    fn replies_read_from_a_folder_are_listed_then_recorded_as_one_undoable_change() {
        let (dir, mut app) = demo_app();
        let inbox = dir.path().join("inbox");
        std::fs::create_dir_all(&inbox).unwrap();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
        for f in ["outlook.eml", "base64.eml", "unknown-sender.eml"] {
            std::fs::copy(fixtures.join(f), inbox.join(f)).unwrap();
        }
        press(&mut app, &["5", "I"]);
        type_text(&mut app, &inbox.display().to_string());
        press(&mut app, &["C-s"]);
        let Some(crate::tui::popup::Popup::Confirm { text: ask, .. }) = app.popups.last().cloned()
        else {
            panic!("no question: {}", screen(&mut app, 120, 36));
        };
        assert!(
            ask.contains("Finansministeriet, Digitaliseringsstyrelsen · tilslutning (20.11.2026)"),
            "{ask}"
        );
        assert!(
            ask.contains("Social- og Indenrigsministeriet · bemærkninger (19.11.2026)"),
            "{ask}"
        );
        assert!(ask.contains("ukendt@gmail.com"), "{ask}");
        assert!(ask.contains("Registrér 2 svar? (j/n)"), "{ask}");
        let before = app.ws.consultation("H-2026-02").unwrap().replies.len();
        press(&mut app, &["j"]);
        let c = app.ws.consultation("H-2026-02").unwrap();
        assert_eq!(c.replies.len(), before + 2);
        assert_eq!(c.received_mail.len(), 2);
        press(&mut app, &["u"]);
        let c = app.ws.consultation("H-2026-02").unwrap();
        assert_eq!(c.replies.len(), before, "one undo takes both back");
    }
}
