//! `secretariat send agenda|minutes|consultation|reminder ID`: e-mails the document to the forum's
//! members, one message per recipient, and prints a line per recipient. `--dry-run` writes the
//! messages as .eml files; `--to` sends one test message; `--retry` sends to those that failed.

use clap::ValueEnum;

use crate::mail::send::{Mode, Progress, outbox};
use crate::mail::{self, MailError, settings};
use crate::model::{DispatchKind, Language};
use crate::store::Store;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum What {
    /// A meeting's agenda (dagsorden).
    Agenda,
    /// A meeting's minutes (beslutningsreferat).
    Minutes,
    /// A written consultation's letter (høringsbrev) with the cases' bilag.
    Consultation,
    /// A reminder to the members who have not replied (påmindelse).
    Reminder,
}

impl From<What> for DispatchKind {
    fn from(w: What) -> DispatchKind {
        match w {
            What::Agenda => DispatchKind::Agenda,
            What::Minutes => DispatchKind::Minutes,
            What::Consultation => DispatchKind::Letter,
            What::Reminder => DispatchKind::Reminder,
        }
    }
}

pub struct Args {
    pub what: What,
    pub id: String,
    pub dry_run: bool,
    pub to: Option<String>,
    pub retry: bool,
}

pub fn run(store: &Store, lang: Option<Language>, a: Args) -> Result<i32, String> {
    let loaded = store.load();
    let mut ws = loaded.workspace;
    if let Some(l) = lang {
        ws.settings.language = l;
    }
    let e = |e: MailError| e.to_string();
    let cfg = mail::checked(&ws.settings).map_err(e)?;
    let plan = mail::plan(store.root(), &ws, a.what.into(), &a.id).map_err(e)?;
    for w in &plan.warnings {
        eprintln!("secretariat: {w}");
    }
    let mode = match (&a.to, a.retry, a.dry_run) {
        (Some(_), true, _) => return Err("--to and --retry cannot be combined".into()),
        (_, true, true) => return Err("--dry-run and --retry cannot be combined".into()),
        (Some(to), false, _) => {
            let addr = settings::check_address(to, "--to").map_err(e)?;
            if a.dry_run {
                return Err("--dry-run and --to cannot be combined".into());
            }
            Mode::TestTo(addr)
        }
        (None, true, false) => Mode::Retry,
        (None, false, true) => Mode::DryRun(store.root().join("out").join("mail").join(&a.id)),
        (None, false, false) => Mode::Send,
    };
    let dry = matches!(mode, Mode::DryRun(_));
    let mut ob: Box<dyn mail::send::Outbox> = if dry {
        Box::new(NoOutbox)
    } else {
        let pw = settings::password(
            std::env::var(settings::PASSWORD_ENV).ok(),
            settings::default_password_file().as_deref(),
        )
        .map_err(e)?;
        outbox(&cfg, pw, ws.settings.language).map_err(e)?
    };
    if !dry {
        eprintln!(
            "{}: {} ({} via {})",
            plan.record_id,
            plan.subject,
            match &mode {
                Mode::TestTo(a) => format!("test to {a}"),
                Mode::Retry => "retry".into(),
                _ => format!("{} recipients", plan.recipients.len()),
            },
            cfg.transport.describe()
        );
    }
    let mut progress = |p: &Progress| match p {
        Progress::Sent { n, email } => println!("sent    {n:>3}  {email}"),
        Progress::Failed { n, email, error } => println!("FAILED  {n:>3}  {email}: {error}"),
        Progress::Sending { .. } => {}
    };
    let report = mail::send(
        store,
        &mut ws,
        &cfg,
        &plan,
        ob.as_mut(),
        mode,
        &mut progress,
    )
    .map_err(e)?;
    if dry {
        for d in &report.deliveries {
            if let Some(f) = &d.file {
                println!("{}", f.display());
            }
        }
        eprintln!(
            "dry run: {} messages written, nothing sent",
            report.deliveries.len()
        );
        return Ok(0);
    }
    let failed: Vec<_> = report.failed().collect();
    if failed.is_empty() {
        eprintln!("{} of {} sent", report.sent(), report.deliveries.len());
        Ok(0)
    } else {
        eprintln!(
            "{} of {} sent; {} failed{}",
            report.sent(),
            report.deliveries.len(),
            failed.len(),
            if report.sent() > 0 || report.record_changed {
                format!(
                    " (send again to those only: secretariat send {} {} --retry)",
                    a.what
                        .to_possible_value()
                        .map_or(String::new(), |v| v.get_name().to_string()),
                    a.id
                )
            } else {
                "; nothing was marked sent".into()
            }
        );
        Ok(1)
    }
}

/// Used for a dry run, which never sends.
struct NoOutbox;

impl mail::send::Outbox for NoOutbox {
    fn send(&mut self, _: &lettre::address::Envelope, _: &[u8]) -> Result<(), mail::send::Failure> {
        Err(mail::send::Failure {
            message: "a dry run sends nothing".into(),
            stop: true,
        })
    }
}
