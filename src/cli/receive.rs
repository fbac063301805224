//! `secretariat receive FILE.eml|MAILDIR...`: reads replies to written consultations from e-mail,
//! matches each to a consultation and a member, and records it (text, date, kind, attachments as
//! bilag). An unmatched message is reported, never guessed.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::mail::receive::{self, Match};
use crate::model::{Language, ReplyKind};
use crate::store::Store;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Kind {
    /// Tilslutning.
    Consent,
    /// Tilslutning med bemærkninger.
    Comments,
    /// Indsigelse.
    Objection,
}

impl From<Kind> for ReplyKind {
    fn from(k: Kind) -> ReplyKind {
        match k {
            Kind::Consent => ReplyKind::Consent,
            Kind::Comments => ReplyKind::ConsentWithComments,
            Kind::Objection => ReplyKind::Objection,
        }
    }
}

fn kind_word(k: ReplyKind) -> &'static str {
    match k {
        ReplyKind::Consent => "consent",
        ReplyKind::ConsentWithComments => "comments",
        ReplyKind::Objection => "objection",
        ReplyKind::NoReply => "no reply",
    }
}

pub fn run(
    store: &Store,
    lang: Option<Language>,
    paths: &[PathBuf],
    kind: Option<Kind>,
    dry_run: bool,
) -> Result<i32, String> {
    let mut ws = store.load().workspace;
    if let Some(l) = lang {
        ws.settings.language = l;
    }
    let files = receive::sources(paths).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no messages found in the given files or folders".into());
    }
    let mut problems = 0;
    for f in &files {
        let parsed = std::fs::read(f)
            .map_err(|e| format!("{}: {e}", f.display()))
            .and_then(|b| receive::parse(&b, f).map_err(|e| e.to_string()));
        let m = match parsed {
            Ok(m) => m,
            Err(e) => {
                eprintln!("secretariat: {e}");
                problems += 1;
                continue;
            }
        };
        match receive::match_reply(&ws, &m) {
            Match::Unmatched(why) => {
                eprintln!("secretariat: not recorded: {why}");
                problems += 1;
            }
            Match::Matched {
                consultation,
                authority,
                proposed,
            } => {
                let Some(k) = kind.map(ReplyKind::from).or(proposed) else {
                    eprintln!(
                        "secretariat: not recorded: {}: reply from {authority} to {consultation}: its first words do not say consent, comments or objection; run again with --kind",
                        f.display()
                    );
                    problems += 1;
                    continue;
                };
                if dry_run {
                    println!(
                        "{}: {consultation} {authority}: {} ({})",
                        f.display(),
                        kind_word(k),
                        m.date.map_or("no date".into(), |d| d.to_string())
                    );
                    continue;
                }
                match receive::record(store, &mut ws, &m, &consultation, &authority, k) {
                    Ok(r) if r.already => println!(
                        "{}: {} {}: read before; nothing changed",
                        f.display(),
                        r.consultation,
                        r.authority
                    ),
                    Ok(r) => println!(
                        "{}: {} {}: {} ({}){}{}",
                        f.display(),
                        r.consultation,
                        r.authority,
                        kind_word(r.kind),
                        r.received,
                        if r.replaced {
                            ", replaces the earlier reply"
                        } else {
                            ""
                        },
                        if r.bilag.is_empty() {
                            String::new()
                        } else {
                            format!(", bilag: {}", r.bilag.join(", "))
                        }
                    ),
                    Err(e) => {
                        eprintln!("secretariat: not recorded: {e}");
                        problems += 1;
                    }
                }
            }
        }
    }
    Ok(if problems > 0 { 1 } else { 0 })
}
