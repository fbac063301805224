//! Sending a planned dispatch: one message per recipient through SMTP or sendmail, a result per
//! recipient, the accepted messages kept under sent/<record>/ and written to the record (dispatch
//! date, recipients, message ids) through `Store::apply`, one audit line per message. A retry
//! sends only to the recipients that failed and never again to one the server accepted.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDate, Utc};
use lettre::Address;
use lettre::address::Envelope;
use lettre::transport::sendmail::SendmailTransport;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};

use super::MailError;
use super::compose::{Plan, Recipient, build, eml_name, file_safe, message_id};
use super::settings::{Checked, Security, Transport};
use crate::model::{
    AnyRecord, ConsultationState, DeliveryStatus, Dispatch, DispatchKind, DispatchRecipient,
    Language, MeetingState, RecordKind, Stamp, Workspace,
};
use crate::store::{Change, Store, StoreError, write_atomic};

/// Why one message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    /// The server cannot be used at all (unreachable, login refused, timeout): the remaining
    /// recipients are not tried.
    pub stop: bool,
}

/// Something that delivers a message to the envelope's recipients.
pub trait Outbox: Send {
    fn send(&mut self, envelope: &Envelope, bytes: &[u8]) -> Result<(), Failure>;
}

/// The seconds to wait for the server: `$SECRETARIAT_SMTP_TIMEOUT`, else 30.
fn timeout() -> Duration {
    let secs = std::env::var("SECRETARIAT_SMTP_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(30);
    Duration::from_secs(secs)
}

struct Smtp {
    transport: SmtpTransport,
    server: String,
    lang: Language,
}

fn tr(lang: Language, da: String, en: String) -> String {
    if lang == Language::Da { da } else { en }
}

impl Outbox for Smtp {
    fn send(&mut self, envelope: &Envelope, bytes: &[u8]) -> Result<(), Failure> {
        use lettre::Transport as _;
        self.transport
            .send_raw(envelope, bytes)
            .map(|_| ())
            .map_err(|e| {
                let code = e.status().map(|c| c.to_string()).unwrap_or_default();
                if e.is_permanent() || e.is_transient() {
                    let login = ["530", "534", "535", "538", "454"].contains(&code.as_str());
                    let (s, l) = (&self.server, self.lang);
                    Failure {
                        message: if login {
                            tr(
                                l,
                                format!("mailserveren {s} afviste login: {e}"),
                                format!("the server {s} refused the login: {e}"),
                            )
                        } else {
                            tr(
                                l,
                                format!("mailserveren afviste den: {e}"),
                                format!("the server refused it: {e}"),
                            )
                        },
                        stop: login,
                    }
                } else if e.is_timeout() {
                    let (s, l) = (&self.server, self.lang);
                    Failure {
                        message: tr(
                            l,
                            format!("intet svar fra mailserveren {s} i tide: {e}"),
                            format!("no answer from the mail server {s} in time: {e}"),
                        ),
                        stop: true,
                    }
                } else {
                    let (s, l) = (&self.server, self.lang);
                    Failure {
                        message: tr(
                            l,
                            format!("kan ikke bruge mailserveren {s}: {e}"),
                            format!("cannot use the mail server {s}: {e}"),
                        ),
                        stop: true,
                    }
                }
            })
    }
}

struct Sendmail(SendmailTransport, String);

impl Outbox for Sendmail {
    fn send(&mut self, envelope: &Envelope, bytes: &[u8]) -> Result<(), Failure> {
        use lettre::Transport as _;
        self.0.send_raw(envelope, bytes).map_err(|e| Failure {
            message: format!("{} failed: {e}", self.1),
            stop: false,
        })
    }
}

/// The outbox for the workspace's transport. `password` is needed when the URL names a user.
pub fn outbox(
    cfg: &Checked,
    password: Option<String>,
    lang: Language,
) -> Result<Box<dyn Outbox>, MailError> {
    match &cfg.transport {
        Transport::Sendmail { command } => Ok(Box::new(Sendmail(
            SendmailTransport::new_with_command(command),
            command.clone(),
        ))),
        Transport::Smtp {
            host,
            port,
            user,
            security,
        } => {
            let tls = || {
                TlsParameters::new(host.clone())
                    .map_err(|e| MailError::Settings(format!("TLS for {host}: {e}")))
            };
            let tls = match security {
                Security::Opportunistic => Tls::Opportunistic(tls()?),
                Security::StartTlsRequired => Tls::Required(tls()?),
                Security::Implicit => Tls::Wrapper(tls()?),
            };
            let mut b = SmtpTransport::builder_dangerous(host.clone())
                .port(*port)
                .tls(tls)
                .timeout(Some(timeout()));
            if let Some(u) = user {
                let p = password.ok_or_else(|| {
                    MailError::Settings(format!(
                        "the mail server wants the password of {u}: set ${} or write it to {} (chmod 600)",
                        super::settings::PASSWORD_ENV,
                        super::settings::default_password_file()
                            .map_or("the password file".into(), |p| p.display().to_string())
                    ))
                })?;
                b = b.credentials(Credentials::new(u.clone(), p));
            }
            Ok(Box::new(Smtp {
                transport: b.build(),
                server: format!("{host}:{port}"),
                lang,
            }))
        }
    }
}

/// What to do with a plan.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Send to every recipient of the plan.
    Send,
    /// Send only to the recipients that failed in the latest dispatch of this kind.
    Retry,
    /// Write the messages as .eml files into this folder; send nothing, change no record.
    DryRun(PathBuf),
    /// One test message to this address; changes no record.
    TestTo(Address),
}

/// Reported while sending, for a progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// About to send message `n` (from 1) of `total`.
    Sending {
        n: usize,
        total: usize,
        email: String,
    },
    Sent {
        n: usize,
        email: String,
    },
    Failed {
        n: usize,
        email: String,
        error: String,
    },
}

/// The result for one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub authority: String,
    pub email: String,
    /// Ok(Message-ID) or Err(why).
    pub result: Result<String, String>,
    /// The .eml written (sent/ for an accepted message, the dry-run folder for a dry run).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default)]
pub struct SendReport {
    pub deliveries: Vec<Delivery>,
    /// Whether the record was written.
    pub record_changed: bool,
}

impl SendReport {
    pub fn sent(&self) -> usize {
        self.deliveries.iter().filter(|d| d.result.is_ok()).count()
    }
    pub fn failed(&self) -> impl Iterator<Item = &Delivery> {
        self.deliveries.iter().filter(|d| d.result.is_err())
    }
}

fn dispatches<'a>(ws: &'a Workspace, plan: &Plan) -> &'a [Dispatch] {
    match plan.record_kind {
        RecordKind::Meeting => ws.meeting(&plan.record_id).map_or(&[], |m| &m.dispatches),
        _ => ws
            .consultation(&plan.record_id)
            .map_or(&[], |c| &c.dispatches),
    }
}

fn same_round(d: &Dispatch, plan: &Plan) -> bool {
    d.kind == plan.kind
        && (plan.kind != DispatchKind::Agenda || d.agenda_version == plan.agenda_version)
}

fn record_err(plan: &Plan, da: String, en: String) -> MailError {
    MailError::Record(if plan.lang == crate::model::Language::Da {
        da
    } else {
        en
    })
}

/// What sending the plan again would do: the first sending, a retry to the `n` recipients that
/// failed last time, or (Err) nothing because everybody has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Send,
    Retry(usize),
}

/// The next step for `plan` by the record's dispatches (reminders can always go out again).
pub fn next(ws: &Workspace, plan: &Plan) -> Result<Next, MailError> {
    let Some(d) = dispatches(ws, plan)
        .iter()
        .rev()
        .find(|d| same_round(d, plan))
    else {
        return Ok(Next::Send);
    };
    let failed = d.failed().count();
    if failed > 0 {
        return Ok(Next::Retry(failed));
    }
    if plan.kind == DispatchKind::Reminder || d.sent_count() == 0 {
        return Ok(Next::Send);
    }
    let when = d.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
    Err(record_err(
        plan,
        format!(
            "Allerede sendt {when} til {} modtagere; sendes ikke to gange",
            d.sent_count()
        ),
        format!(
            "Already sent {when} to {} recipients; not sent twice",
            d.sent_count()
        ),
    ))
}

/// Sends `plan` as `mode` says. Nothing is written to a record unless the server accepted at
/// least one message; then every accepted message is written at once (so a crash cannot lose
/// the fact that it was sent), and the failures at the end.
pub fn send(
    store: &Store,
    ws: &mut Workspace,
    cfg: &Checked,
    plan: &Plan,
    outbox: &mut dyn Outbox,
    mode: Mode,
    on: &mut dyn FnMut(&Progress),
) -> Result<SendReport, MailError> {
    let start = Utc::now();
    let today = Local::now().date_naive();
    let mut report = SendReport::default();

    // The dispatch this sending adds to (a retry continues the latest one of this kind).
    let mut dispatch = Dispatch {
        kind: plan.kind,
        at: start,
        by: store.user().to_string(),
        subject: plan.subject.clone(),
        agenda_version: plan.agenda_version,
        recipients: vec![],
    };
    let targets: Vec<Recipient> = match &mode {
        Mode::TestTo(a) => vec![Recipient {
            authority: String::new(),
            name: String::new(),
            email: a.clone(),
        }],
        Mode::DryRun(_) => plan.recipients.clone(),
        Mode::Send => {
            if plan.kind != DispatchKind::Reminder
                && let Some(d) = dispatches(ws, plan)
                    .iter()
                    .rev()
                    .find(|d| same_round(d, plan))
                && d.sent_count() > 0
            {
                let when = d.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
                let failed = d.failed().count();
                return Err(if failed > 0 {
                    record_err(
                        plan,
                        format!(
                            "Sendt {when} til {}; {failed} fejlede. Brug --retry for at sende kun til dem",
                            d.sent_count()
                        ),
                        format!(
                            "Sent {when} to {}; {failed} failed. Use --retry to send to those only",
                            d.sent_count()
                        ),
                    )
                } else {
                    record_err(
                        plan,
                        format!(
                            "Allerede sendt {when} til {} modtagere; sendes ikke to gange",
                            d.sent_count()
                        ),
                        format!(
                            "Already sent {when} to {} recipients; not sent twice",
                            d.sent_count()
                        ),
                    )
                });
            }
            plan.recipients.clone()
        }
        Mode::Retry => {
            let Some(d) = dispatches(ws, plan)
                .iter()
                .rev()
                .find(|d| same_round(d, plan) && d.failed().next().is_some())
            else {
                return Err(record_err(
                    plan,
                    format!(
                        "Intet at sende igen: ingen modtager af {} fejlede",
                        plan.record_id
                    ),
                    format!(
                        "Nothing to retry: no recipient of {} failed",
                        plan.record_id
                    ),
                ));
            };
            dispatch = d.clone();
            d.failed()
                .filter_map(|r| {
                    Some(Recipient {
                        authority: r.authority.clone(),
                        name: r.name.clone(),
                        email: r.email.parse().ok()?,
                    })
                })
                .collect()
        }
    };

    // Everybody to be sent to is on the dispatch from the start, as not reached yet: should the
    // sending be cut short (a crash, a lost connection), the record says who still lacks the
    // message and `--retry` reaches them.
    if matches!(mode, Mode::Send) {
        let not_yet = tr(
            plan.lang,
            "ikke sendt endnu (afbrudt)".into(),
            "not sent yet (interrupted)".into(),
        );
        for to in &targets {
            note_failure(&mut dispatch, to, start, &not_yet);
        }
    }
    let total = targets.len();
    let mut unwritten_failures = false;
    let mut stopped: Option<String> = None;
    for (i, to) in targets.iter().enumerate() {
        let n = i + 1;
        let email = to.email.to_string();
        let now = Utc::now();
        if let Some(why) = &stopped {
            let why = &tr(
                plan.lang,
                format!("ikke forsøgt: {why}"),
                format!("not tried: {why}"),
            );
            on(&Progress::Failed {
                n,
                email: email.clone(),
                error: why.clone(),
            });
            report.deliveries.push(Delivery {
                authority: to.authority.clone(),
                email,
                result: Err(why.clone()),
                file: None,
            });
            note_failure(&mut dispatch, to, now, why);
            unwritten_failures = true;
            continue;
        }
        let mid = message_id(plan, &cfg.from, n, now);
        let built = build(cfg, plan, to, &mid, now)?;
        if let Mode::DryRun(dir) = &mode {
            let path = dir.join(format!("{}-{}.eml", word(plan.kind), file_safe(&to.email)));
            // An export: through the guard (never into the records, workspace.json or the
            // log, whatever out/ links to).
            let path = crate::store::write_output(store.root(), Some(&path), "", &built.bytes)?;
            report.deliveries.push(Delivery {
                authority: to.authority.clone(),
                email,
                result: Ok(mid),
                file: Some(path),
            });
            continue;
        }
        on(&Progress::Sending {
            n,
            total,
            email: email.clone(),
        });
        match outbox.send(&built.envelope, &built.bytes) {
            Ok(()) => {
                on(&Progress::Sent {
                    n,
                    email: email.clone(),
                });
                if matches!(mode, Mode::TestTo(_)) {
                    report.deliveries.push(Delivery {
                        authority: String::new(),
                        email,
                        result: Ok(mid),
                        file: None,
                    });
                    continue;
                }
                let rel = format!("sent/{}/{}", plan.record_id, eml_name(now, &to.email));
                let path = store.root().join(&rel);
                write_atomic(&path, &built.bytes)?;
                let entry = DispatchRecipient {
                    authority: to.authority.clone(),
                    name: to.name.clone(),
                    email: email.clone(),
                    status: DeliveryStatus::Sent,
                    at: now,
                    message_id: mid.clone(),
                    file: rel,
                    error: String::new(),
                };
                upsert(&mut dispatch, entry);
                let summary = format!(
                    "sent the {} to {} <{email}> ({mid})",
                    word_en(plan.kind),
                    if to.name.is_empty() {
                        &to.authority
                    } else {
                        &to.name
                    }
                );
                persist(store, ws, plan, &dispatch, today, &summary)?;
                report.record_changed = true;
                unwritten_failures = false;
                report.deliveries.push(Delivery {
                    authority: to.authority.clone(),
                    email,
                    result: Ok(mid),
                    file: Some(path),
                });
            }
            Err(f) => {
                on(&Progress::Failed {
                    n,
                    email: email.clone(),
                    error: f.message.clone(),
                });
                if f.stop {
                    stopped = Some(f.message.clone());
                }
                note_failure(&mut dispatch, to, now, &f.message);
                unwritten_failures = true;
                report.deliveries.push(Delivery {
                    authority: to.authority.clone(),
                    email,
                    result: Err(f.message),
                    file: None,
                });
            }
        }
    }
    // The failures are written only onto a dispatch that reached somebody (a retry's dispatch
    // did): when nothing was accepted, every record stays as it was.
    let reached_somebody = dispatch.sent_count() > 0;
    if unwritten_failures && reached_somebody && matches!(mode, Mode::Send | Mode::Retry) {
        let failed = dispatch.failed().count();
        persist(
            store,
            ws,
            plan,
            &dispatch,
            today,
            &format!(
                "{failed} recipient(s) of the {} not reached",
                word_en(plan.kind)
            ),
        )?;
        report.record_changed = true;
    }
    Ok(report)
}

fn word(kind: DispatchKind) -> &'static str {
    match kind {
        DispatchKind::Agenda => "dagsorden",
        DispatchKind::Minutes => "referat",
        DispatchKind::Letter => "hoeringsbrev",
        DispatchKind::Reminder => "paamindelse",
    }
}

fn word_en(kind: DispatchKind) -> &'static str {
    match kind {
        DispatchKind::Agenda => "agenda",
        DispatchKind::Minutes => "minutes",
        DispatchKind::Letter => "consultation letter",
        DispatchKind::Reminder => "reminder",
    }
}

fn upsert(d: &mut Dispatch, entry: DispatchRecipient) {
    match d
        .recipients
        .iter_mut()
        .find(|r| r.email.eq_ignore_ascii_case(&entry.email))
    {
        Some(r) => *r = entry,
        None => d.recipients.push(entry),
    }
}

fn note_failure(d: &mut Dispatch, to: &Recipient, now: DateTime<Utc>, why: &str) {
    upsert(
        d,
        DispatchRecipient {
            authority: to.authority.clone(),
            name: to.name.clone(),
            email: to.email.to_string(),
            status: DeliveryStatus::Failed,
            at: now,
            message_id: String::new(),
            file: String::new(),
            error: why.to_string(),
        },
    );
}

/// The record with `d` put in (replacing the dispatch that started at the same time) and, for
/// an agenda or letter in draft, the sending recorded by its operation (ops::meeting::dispatch,
/// ops::consultation::send: a letter's cases go into the consultation).
fn updated(
    ws: &Workspace,
    plan: &Plan,
    d: &Dispatch,
    today: NaiveDate,
) -> Result<Vec<Change>, MailError> {
    let put =
        |list: &mut Vec<Dispatch>| match list.iter_mut().find(|x| x.kind == d.kind && x.at == d.at)
        {
            Some(x) => *x = d.clone(),
            None => list.push(d.clone()),
        };
    let gone = || {
        MailError::Record(format!(
            "{} {} is no longer in the workspace",
            plan.record_kind.noun(),
            plan.record_id
        ))
    };
    let refused = |e: crate::ops::OpError| MailError::Record(e.message(ws.settings.language));
    let now = Stamp {
        at: d.at,
        by: d.by.clone(),
    };
    match plan.record_kind {
        RecordKind::Meeting => {
            let mut m = ws.meeting(&plan.record_id).cloned().ok_or_else(gone)?;
            if d.kind == DispatchKind::Agenda {
                if m.state == MeetingState::Draft {
                    m = crate::ops::meeting::dispatch(ws, &plan.record_id, today)
                        .map_err(refused)?;
                }
                m.sent_date = Some(today);
            }
            put(&mut m.dispatches);
            Ok(vec![Change::Update(AnyRecord::Meeting(m))])
        }
        _ => {
            let mut c = ws.consultation(&plan.record_id).cloned().ok_or_else(gone)?;
            let mut changes = vec![];
            if d.kind == DispatchKind::Letter {
                if c.state == ConsultationState::Draft {
                    for ch in crate::ops::consultation::send(ws, &plan.record_id, today, &now)
                        .map_err(refused)?
                    {
                        match ch {
                            Change::Update(AnyRecord::Consultation(sent)) => c = sent,
                            other => changes.push(other),
                        }
                    }
                }
                c.sent_date = Some(today);
                if c.deadline.is_none() {
                    c.deadline = Some(crate::ops::consultation::default_deadline(
                        ws, &c.forum, today,
                    ));
                }
            }
            put(&mut c.dispatches);
            changes.insert(0, Change::Update(AnyRecord::Consultation(c)));
            Ok(changes)
        }
    }
}

/// Writes the record through the store; on a conflict (a colleague saved it meanwhile) reloads
/// and puts the dispatch into their version once.
fn persist(
    store: &Store,
    ws: &mut Workspace,
    plan: &Plan,
    d: &Dispatch,
    today: NaiveDate,
    summary: &str,
) -> Result<(), MailError> {
    let changes = updated(ws, plan, d, today)?;
    match store.apply(ws, changes, summary) {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict { .. }) => {
            *ws = store.load().workspace;
            let changes = updated(ws, plan, d, today)?;
            store.apply(ws, changes, summary)?;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}
