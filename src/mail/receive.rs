//! Replies read back in: .eml files and Maildirs parsed with a real MIME parser, matched to a
//! consultation (by its tag in the subject or In-Reply-To) and to a member (by the sender's
//! address), the reply kind proposed from the first words.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use mail_parser::{MessageParser, MimeHeaders};

use super::MailError;
use crate::model::{
    AnyRecord, ConsultationState, Language, ReceivedFile, ReceivedMail, ReplyKind, Workspace,
};
use crate::store::{Change, Store, write_atomic};

/// One e-mail, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The file it came from.
    pub source: PathBuf,
    /// The sender's address, lower case.
    pub from: String,
    pub subject: String,
    pub message_id: String,
    /// In-Reply-To and References, without angle brackets.
    pub refers_to: Vec<String>,
    /// The date the mail was written, in the sender's own time zone.
    pub date: Option<NaiveDate>,
    /// The reply's own text: the plain text part (or the HTML part turned into text), without the
    /// quoted original.
    pub text: String,
    /// (file name, bytes)
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// The files to read: each FILE as it is; each folder as a Maildir (its new/ and cur/) or, if it
/// has neither, every file in it. Files starting with "." are skipped.
pub fn sources(paths: &[PathBuf]) -> Result<Vec<PathBuf>, MailError> {
    let mut out = vec![];
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|e| MailError::Io(format!("{}: {e}", p.display())))?;
        if !meta.is_dir() {
            out.push(p.clone());
            continue;
        }
        let maildir = p.join("cur").is_dir() || p.join("new").is_dir();
        let dirs: Vec<PathBuf> = if maildir {
            vec![p.join("new"), p.join("cur")]
        } else {
            vec![p.clone()]
        };
        for d in dirs.into_iter().filter(|d| d.is_dir()) {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
                .map_err(|e| MailError::Io(format!("{}: {e}", d.display())))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|f| f.is_file())
                .filter(|f| {
                    !f.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
                })
                .collect();
            files.sort();
            out.extend(files);
        }
    }
    Ok(out)
}

fn strip_brackets(s: &str) -> String {
    s.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

/// Parses one message.
pub fn parse(bytes: &[u8], source: &Path) -> Result<Incoming, MailError> {
    let msg = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| MailError::Io(format!("{}: not an e-mail message", source.display())))?;
    let from = msg
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(|a| a.trim().to_lowercase())
        .unwrap_or_default();
    let mut refers_to = vec![];
    for h in [msg.in_reply_to(), msg.references()] {
        if let Some(list) = h.as_text_list() {
            refers_to.extend(list.iter().map(|s| strip_brackets(s)));
        } else if let Some(s) = h.as_text() {
            refers_to.push(strip_brackets(s));
        }
    }
    let date = msg
        .date()
        .and_then(|d| chrono::DateTime::from_timestamp(d.to_timestamp(), 0).map(danish_date));
    let body = msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    let attachments = msg
        .attachments()
        .filter(|p| !p.is_message())
        .map(|p| {
            let name = p
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| "bilag".to_string());
            (name, p.contents().to_vec())
        })
        .collect();
    Ok(Incoming {
        source: source.to_path_buf(),
        from,
        subject: msg.subject().unwrap_or_default().to_string(),
        message_id: msg.message_id().map(strip_brackets).unwrap_or_default(),
        refers_to,
        date,
        text: own_text(&body),
        attachments,
    })
}

/// The date in Denmark (CET, CEST from the last Sunday of March to the last Sunday of October,
/// changing at 01:00 UTC) of an instant: Outlook writes its Date header in UTC, and a reply sent
/// at 00:30 Danish time belongs to that day.
pub fn danish_date(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    use chrono::{Datelike, Duration, NaiveTime, Weekday};
    let year = at.year();
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or_default();
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        d.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default())
            .and_utc()
    };
    let summer = at >= last_sunday(3) && at < last_sunday(10);
    (at + Duration::hours(if summer { 2 } else { 1 })).date_naive()
}

/// The reply's own words: stops at the quoted original (">" lines, "-----Original Message-----",
/// an Outlook "Fra:/From:" block, "Den ... skrev:" / "On ... wrote:").
pub fn own_text(body: &str) -> String {
    let mut out: Vec<&str> = vec![];
    for line in body.lines() {
        let l = line.trim();
        let lower = l.to_lowercase();
        let starts_quote = l.starts_with('>')
            || (l.starts_with("-----")
                && (lower.contains("original") || lower.contains("oprindelig")))
            || lower.starts_with("from: ")
            || lower.starts_with("fra: ")
            || (lower.ends_with(':')
                && ((lower.starts_with("on ") && lower.contains(" wrote"))
                    || (lower.starts_with("den ") && lower.contains(" skrev "))))
            || lower.starts_with("________________");
        if starts_quote {
            break;
        }
        out.push(line.trim_end());
    }
    let text = out.join("\n");
    crate::export::clean(text.trim())
}

/// The reply kind its first words say, if they say one clearly.
pub fn propose_kind(text: &str) -> Option<ReplyKind> {
    let head: String = text.chars().take(400).collect::<String>().to_lowercase();
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    if head.contains("kan ikke tilslutte sig") || head.contains("kan ikke tiltræde") {
        return Some(ReplyKind::Objection);
    }
    if head.contains("ingen bemærkninger") {
        return Some(ReplyKind::Consent);
    }
    let comments =
        head.contains("bemærkning") || head.contains(" men ") || head.contains("forudsætter");
    if head.contains("kan tilslutte sig") || head.contains("tilslutter sig") {
        return Some(if comments {
            ReplyKind::ConsentWithComments
        } else {
            ReplyKind::Consent
        });
    }
    comments.then_some(ReplyKind::ConsentWithComments)
}

/// To which consultation and member a message belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    Matched {
        consultation: String,
        authority: String,
        proposed: Option<ReplyKind>,
    },
    /// Why the message cannot be placed; it is reported, never guessed.
    Unmatched(String),
}

fn t(lang: Language, da: String, en: String) -> String {
    if lang == Language::Da { da } else { en }
}

/// Matches a message: the consultation by a "[H-2026-02]" tag in the subject, else by the
/// Message-ID it replies to; the member by the sender's address among the forum's members.
pub fn match_reply(ws: &Workspace, m: &Incoming) -> Match {
    let lang = ws.settings.language;
    let by_tag = m
        .subject
        .split('[')
        .skip(1)
        .filter_map(|s| s.split_once(']').map(|x| x.0.trim()))
        .filter_map(|tag| ws.consultation(tag))
        .last();
    let by_ref = || {
        ws.consultations.iter().find(|c| {
            c.dispatches.iter().any(|d| {
                d.recipients.iter().any(|r| {
                    !r.message_id.is_empty() && m.refers_to.contains(&strip_brackets(&r.message_id))
                })
            })
        })
    };
    let Some(c) = by_tag.or_else(by_ref) else {
        return Match::Unmatched(t(
            lang,
            format!(
                "{}: ingen høring i emnet ({:?}) eller i In-Reply-To",
                m.source.display(),
                m.subject
            ),
            format!(
                "{}: no consultation in the subject ({:?}) or In-Reply-To",
                m.source.display(),
                m.subject
            ),
        ));
    };
    let member = ws.forum(&c.forum).and_then(|f| {
        f.members
            .iter()
            .find(|mem| !m.from.is_empty() && mem.email.trim().eq_ignore_ascii_case(&m.from))
    });
    match member {
        Some(mem) => Match::Matched {
            consultation: c.id.clone(),
            authority: mem.authority.clone(),
            proposed: propose_kind(&m.text),
        },
        None => Match::Unmatched(t(
            lang,
            format!(
                "{}: afsenderen {:?} er ikke medlem af {} (høring {}); registrér svaret i hånden",
                m.source.display(),
                m.from,
                c.forum,
                c.id
            ),
            format!(
                "{}: the sender {:?} is not a member of {} (consultation {}); record the reply by hand",
                m.source.display(),
                m.from,
                c.forum,
                c.id
            ),
        )),
    }
}

/// A file name safe in the workspace: letters, digits, ".", "-", "_"; never starting with ".".
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut s: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    while s.starts_with('.') {
        s.remove(0);
    }
    if s.is_empty() {
        return "bilag".into();
    }
    // A file system takes at most 255 bytes a name; the member prefix and a -N come in front
    // and behind, so a long name is cut (at a character) and keeps its extension.
    const MAX: usize = 120;
    if s.len() > MAX {
        let ext = match s.rfind('.') {
            Some(i) if i > 0 && s.len() - i <= 16 => s[i..].to_string(),
            _ => String::new(),
        };
        let mut stem = String::new();
        for c in s.chars() {
            if stem.len() + c.len_utf8() + ext.len() > MAX {
                break;
            }
            stem.push(c);
        }
        s = stem + &ext;
    }
    s
}

/// Where an attachment goes: bilag/<consultation>/<member>-<name>, or, when a different file
/// is there already (an earlier reply's bilag, a file the secretariat put there, another
/// attachment of this mail with the same name), the same name with -2, -3, ... before the
/// extension. A file with the very same bytes is reused. Never names another file.
fn free_bilag_path(
    root: &Path,
    consultation: &str,
    prefix: &str,
    name: &str,
    bytes: &[u8],
    taken: &[String],
) -> String {
    let file = safe_name(name);
    let (stem, ext) = match file.rfind('.') {
        Some(i) if i > 0 => (&file[..i], &file[i..]),
        _ => (file.as_str(), ""),
    };
    let mut n = 0usize;
    loop {
        n += 1;
        let rel = if n == 1 {
            format!("bilag/{consultation}/{prefix}-{file}")
        } else {
            format!("bilag/{consultation}/{prefix}-{stem}-{n}{ext}")
        };
        if taken.contains(&rel) {
            continue;
        }
        let path = root.join(&rel);
        match std::fs::symlink_metadata(&path) {
            Err(_) => return rel,
            Ok(meta) if meta.is_file() => {
                if std::fs::read(&path).is_ok_and(|old| old == bytes) {
                    return rel;
                }
            }
            Ok(_) => {}
        }
    }
}

/// What `record` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub consultation: String,
    pub authority: String,
    pub kind: ReplyKind,
    pub received: NaiveDate,
    /// Paths (relative to the workspace) of the saved attachments.
    pub bilag: Vec<String>,
    /// The member had a reply already, now replaced.
    pub replaced: bool,
    /// This very mail (same Message-ID) was read before; nothing was written.
    pub already: bool,
}

/// What [`prepare`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Prepared {
    /// This very mail was read before: nothing to write.
    Already(Recorded),
    /// The consultation with the reply recorded, to write (the bilag files are written already).
    New(Box<crate::model::Consultation>, Recorded),
}

/// The consultation with the reply recorded: its text, kind and date, the mail in
/// `received_mail`; the attachments are written as bilag files under bilag/<consultation>/.
/// The caller writes the consultation (the CLI through `Store::apply`, the TUI through its
/// undoable commit).
pub fn prepare(
    root: &Path,
    ws: &Workspace,
    m: &Incoming,
    consultation: &str,
    authority: &str,
    kind: ReplyKind,
) -> Result<Prepared, MailError> {
    let lang = ws.settings.language;
    let c = ws
        .consultation(consultation)
        .ok_or_else(|| MailError::Record(format!("no consultation {consultation:?}")))?;
    if c.state == ConsultationState::Concluded {
        return Err(MailError::Record(t(
            lang,
            format!(
                "{}: høringen {consultation} er afsluttet; svaret registreres ikke",
                m.source.display()
            ),
            format!(
                "{}: the consultation {consultation} is concluded; the reply is not recorded",
                m.source.display()
            ),
        )));
    }
    let received = m.date.unwrap_or_else(|| Local::now().date_naive());
    if !m.message_id.is_empty()
        && let Some(prev) = c
            .received_mail
            .iter()
            .find(|r| r.authority == authority && r.message_id == m.message_id)
    {
        return Ok(Prepared::Already(Recorded {
            consultation: consultation.to_string(),
            authority: authority.to_string(),
            kind: prev.kind,
            received: prev.received,
            bilag: prev.attachments.iter().map(|a| a.path.clone()).collect(),
            replaced: false,
            already: true,
        }));
    }
    let replaced = c.replies.iter().any(|r| r.authority == authority);
    let mut bilag = vec![];
    let mut files = vec![];
    let prefix = crate::model::ids::slug(authority);
    for (name, bytes) in &m.attachments {
        let rel = free_bilag_path(root, consultation, &prefix, name, bytes, &bilag);
        if !root.join(&rel).exists() {
            write_atomic(&root.join(&rel), bytes)?;
        }
        files.push(ReceivedFile {
            title: crate::export::clean_line(name),
            path: rel.clone(),
        });
        bilag.push(rel);
    }
    let mut c = crate::ops::consultation::set_reply(
        ws,
        consultation,
        authority,
        kind,
        &m.text,
        Some(received),
    )
    .map_err(|e| MailError::Record(e.message(ws.settings.language)))?;
    c.received_mail.push(ReceivedMail {
        authority: authority.to_string(),
        from: m.from.clone(),
        message_id: m.message_id.clone(),
        subject: crate::export::clean_line(&m.subject),
        received,
        kind,
        attachments: files,
    });
    Ok(Prepared::New(
        Box::new(c),
        Recorded {
            consultation: consultation.to_string(),
            authority: authority.to_string(),
            kind,
            received,
            bilag,
            replaced,
            already: false,
        },
    ))
}

/// Records the reply (see [`prepare`]) and writes the consultation through the store.
pub fn record(
    store: &Store,
    ws: &mut Workspace,
    m: &Incoming,
    consultation: &str,
    authority: &str,
    kind: ReplyKind,
) -> Result<Recorded, MailError> {
    match prepare(store.root(), ws, m, consultation, authority, kind)? {
        Prepared::Already(r) => Ok(r),
        Prepared::New(c, r) => {
            store.apply(
                ws,
                vec![Change::Update(AnyRecord::Consultation(*c))],
                &format!("reply from {authority} <{}> read from e-mail", m.from),
            )?;
            Ok(r)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_proposed_from_the_first_words() {
        assert_eq!(
            propose_kind("Ministeriet kan ikke tilslutte sig indstillingen."),
            Some(ReplyKind::Objection)
        );
        assert_eq!(
            propose_kind("Ingen bemærkninger.\n\nVh Karen"),
            Some(ReplyKind::Consent)
        );
        assert_eq!(
            propose_kind("KL kan tilslutte sig."),
            Some(ReplyKind::Consent)
        );
        assert_eq!(
            propose_kind("Vi kan tilslutte sig, men bemærker at tidsplanen er stram."),
            Some(ReplyKind::ConsentWithComments)
        );
        assert_eq!(
            propose_kind("Bemærkninger: se vedhæftede."),
            Some(ReplyKind::ConsentWithComments)
        );
        assert_eq!(propose_kind("Tak for mailen, vender tilbage."), None);
    }

    #[test]
    fn own_text_stops_at_the_quoted_original() {
        let body = "Ingen bemærkninger.\n\nMvh Karen\n\n-----Original Message-----\nFrom: x\nkan ikke tilslutte sig";
        assert_eq!(own_text(body), "Ingen bemærkninger.\n\nMvh Karen");
        let body =
            "KL kan tilslutte sig.\n\nDen 18. nov. 2026 kl. 10.00 skrev Sekretariatet:\n> Hermed";
        assert_eq!(own_text(body), "KL kan tilslutte sig.");
    }

    #[test]
    fn dates_are_danish_dates() {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(danish_date(at("2026-11-19T23:30:00Z")), d(2026, 11, 20));
        assert_eq!(danish_date(at("2026-11-19T22:59:00Z")), d(2026, 11, 19));
        assert_eq!(danish_date(at("2026-06-30T22:30:00Z")), d(2026, 7, 1));
        assert_eq!(danish_date(at("2026-06-30T21:30:00Z")), d(2026, 6, 30));
    }

    #[test]
    fn attachment_names_cannot_leave_the_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(
            safe_name("Bemærkninger fra KL.pdf"),
            "Bemærkninger_fra_KL.pdf"
        );
        assert_eq!(safe_name(""), "bilag");
        let long = format!("{}.pdf", "æ".repeat(300));
        let cut = safe_name(&long);
        assert!(cut.len() <= 120, "{} bytes", cut.len());
        assert!(cut.ends_with(".pdf"), "{cut}");
    }
}
