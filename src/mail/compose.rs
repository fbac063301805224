//! What goes out: the recipients (the forum's members), the subject in the Danish convention with
//! the record's tag ("... [2026-12-03-psg]"), a short body, the attachments, and the message itself
//! (MIME, one per recipient, built by lettre so no text can become a header).

use std::path::Path;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

use super::MailError;
use super::settings::{Checked, check_address};
use crate::export::{self, DocKind, Format, Options, clean, clean_line, dates};
use crate::model::{
    ConsultationState, DispatchKind, Language, MeetingState, RecordKind, ReplyKind, Workspace,
};

/// One member to send to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub authority: String,
    pub name: String,
    pub email: Address,
}

/// A file attached to every message of a dispatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Everything about one dispatch except the transport: who, what subject, which files.
#[derive(Debug, Clone)]
pub struct Plan {
    pub kind: DispatchKind,
    pub record_kind: RecordKind,
    pub record_id: String,
    pub subject: String,
    pub agenda_version: Option<u32>,
    pub recipients: Vec<Recipient>,
    pub attachments: Vec<MailAttachment>,
    /// Things the secretariat should know before sending (a member without an address, a bilag
    /// file that is missing).
    pub warnings: Vec<String>,
    /// The body before the greeting line, the same for every recipient.
    pub body: String,
    pub lang: Language,
    /// "Sekretariatet for Porteføljestyregruppen": the sender's display name.
    pub sender_name: String,
    /// Where replies go when `mail.reply_to` is not set: the `sender` e-mail of workspace.json.
    pub reply_to: Option<Address>,
}

fn t(lang: Language, da: String, en: String) -> String {
    if lang == Language::Da { da } else { en }
}

fn err(lang: Language, da: String, en: String) -> MailError {
    MailError::Record(t(lang, da, en))
}

/// The documents of a dispatch, as files to attach: for an agenda the meeting pack (one PDF: the
/// agenda and every PDF bilag, page-numbered; bilag that are not PDF beside it), for minutes, a
/// letter or a reminder its PDF, and for a letter the bilag of its cases that exist in the
/// workspace (not the letter itself). Missing bilag files of a letter are returned as warnings; a
/// bilag the pack cannot take (missing, corrupt, encrypted) stops the sending, naming it.
/// `today` dates the documents as `secretariat export` does.
pub fn attachment_for(
    root: &Path,
    ws: &Workspace,
    kind: DispatchKind,
    id: &str,
    today: chrono::NaiveDate,
) -> Result<(Vec<MailAttachment>, Vec<String>), MailError> {
    let doc = match kind {
        DispatchKind::Agenda => DocKind::Agenda,
        DispatchKind::Minutes => DocKind::Minutes,
        DispatchKind::Letter => DocKind::Letter,
        DispatchKind::Reminder => DocKind::Reminder,
    };
    let opts = Options {
        today: Some(today),
        ..Options::default()
    };
    // The document as it is once sent: an agenda or letter still in draft would say "UDKAST".
    // Made by the operations that record the sending (ops::meeting::dispatch,
    // ops::consultation::send), so the document says what the workspace will say.
    let mut sent = None;
    let refused = |e: crate::ops::OpError| MailError::Record(e.message(ws.settings.language));
    if kind == DispatchKind::Agenda
        && ws
            .meeting(id)
            .is_some_and(|m| m.state == MeetingState::Draft)
    {
        let mut w = ws.clone();
        let m = crate::ops::meeting::dispatch(ws, id, today).map_err(refused)?;
        crate::model::AnyRecord::Meeting(m).put_into(&mut w);
        sent = Some(w);
    }
    if kind == DispatchKind::Letter
        && ws
            .consultation(id)
            .is_some_and(|c| c.state == ConsultationState::Draft)
    {
        let mut w = ws.clone();
        let changes =
            crate::ops::consultation::send(ws, id, today, &crate::model::Stamp::default())
                .map_err(refused)?;
        for c in changes {
            c.record().clone().put_into(&mut w);
        }
        sent = Some(w);
    }
    let ws = sent.as_ref().unwrap_or(ws);
    let mut out = vec![];
    if kind == DispatchKind::Agenda {
        let read = |rel: &str| crate::store::bilag::read(root, rel).map_err(|e| e.to_string());
        let made = export::pack::make(
            ws,
            id,
            &export::pack::PackOptions::default(),
            &read,
            &|_| {},
        )
        .map_err(|e| MailError::Record(e.to_string()))?;
        out.push(MailAttachment {
            file_name: export::pack::default_file_name(ws, id, false),
            content_type: "application/pdf".into(),
            bytes: made.pdf.clone(),
        });
        for b in made.separate() {
            let bytes = crate::store::bilag::read(root, &b.path)
                .map_err(|e| MailError::Io(e.to_string()))?;
            let file = b.path.rsplit('/').next().unwrap_or(&b.path);
            out.push(MailAttachment {
                file_name: format!("{}.{}-{}", b.item, b.number, file),
                content_type: content_type_of(&b.path).into(),
                bytes,
            });
        }
    } else {
        let pdf = export::export_bytes(ws, doc, id, Format::Pdf, &opts)
            .map_err(|e| MailError::Record(e.to_string()))?;
        out.push(MailAttachment {
            file_name: export::file_name(ws, doc, id, Format::Pdf, &opts),
            content_type: "application/pdf".into(),
            bytes: pdf,
        });
    }
    let mut warnings = vec![];
    if kind == DispatchKind::Letter
        && let Some(c) = ws.consultation(id)
    {
        for case in c.cases.iter().filter_map(|cid| ws.case(cid)) {
            for a in case
                .attachments
                .iter()
                .filter(|a| !export::document::is_own_letter(c, a))
            {
                let rel = Path::new(&a.path);
                let safe = !a.path.is_empty()
                    && rel.is_relative()
                    && !rel
                        .components()
                        .any(|c| matches!(c, std::path::Component::ParentDir));
                let path = root.join(rel);
                match std::fs::read(&path) {
                    Ok(bytes) if safe => out.push(MailAttachment {
                        file_name: rel
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|| a.title.clone()),
                        content_type: content_type_of(&a.path).into(),
                        bytes,
                    }),
                    _ => warnings.push(t(
                        ws.settings.language,
                        format!(
                            "Bilag \"{}\" til {} findes ikke ({}); det sendes ikke med",
                            a.title, case.id, a.path
                        ),
                        format!(
                            "Bilag \"{}\" of {} is missing ({}); it is not attached",
                            a.title, case.id, a.path
                        ),
                    )),
                }
            }
        }
    }
    Ok((out, warnings))
}

fn content_type_of(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "html" | "htm" => "text/html; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// Plans a dispatch of `kind` for the meeting or consultation `id`: checks the record's state,
/// picks the recipients and writes the subject and body.
pub fn plan(root: &Path, ws: &Workspace, kind: DispatchKind, id: &str) -> Result<Plan, MailError> {
    let lang = ws.settings.language;
    // The day the documents are dated and a draft is recorded as sent (as `send` records it).
    let today = chrono::Local::now().date_naive();
    let mut warnings = vec![];
    let (record_kind, forum_id, subject, body, agenda_version, reminder) = match kind {
        DispatchKind::Agenda | DispatchKind::Minutes => {
            let m = ws.meeting(id).ok_or_else(|| {
                err(
                    lang,
                    format!("Der er intet møde {id:?}"),
                    format!("There is no meeting {id:?}"),
                )
            })?;
            let forum = ws
                .forum(&m.forum)
                .map_or(m.forum.clone(), |f| clean_line(&f.name));
            let date = dates::long_date(m.date, lang);
            let when = {
                let mut s = dates::weekday_long_date(m.date, lang);
                if let Some(start) = m.start {
                    s.push(' ');
                    s.push_str(&dates::time_range(start, m.end, lang));
                }
                if !m.place.trim().is_empty() {
                    s.push_str(", ");
                    s.push_str(&clean_line(&m.place));
                }
                s
            };
            if kind == DispatchKind::Minutes {
                if !matches!(m.state, MeetingState::Held | MeetingState::Approved) {
                    return Err(err(
                        lang,
                        format!("Mødet {id} er ikke afholdt; referatet kan ikke sendes endnu"),
                        format!(
                            "The meeting {id} has not been held; the minutes cannot be sent yet"
                        ),
                    ));
                }
                let subject = t(
                    lang,
                    format!("Beslutningsreferat fra møde i {forum} den {date}"),
                    format!("Minutes of the meeting of {forum} on {date}"),
                );
                let body = t(
                    lang,
                    format!(
                        "Hermed beslutningsreferatet fra mødet i {forum} {when}.\n\nReferatet er vedhæftet."
                    ),
                    format!("Please find attached the minutes of the meeting of {forum}, {when}."),
                );
                (
                    RecordKind::Meeting,
                    m.forum.clone(),
                    subject,
                    body,
                    None,
                    false,
                )
            } else {
                if matches!(m.state, MeetingState::Held | MeetingState::Approved) {
                    return Err(err(
                        lang,
                        format!("Mødet {id} er afholdt; dagsordenen sendes ikke igen"),
                        format!("The meeting {id} has been held; the agenda is not sent again"),
                    ));
                }
                if m.items.is_empty() {
                    return Err(err(
                        lang,
                        format!("Dagsordenen til {id} har ingen punkter"),
                        format!("The agenda of {id} has no items"),
                    ));
                }
                let revised = m.agenda_version > 1;
                let subject = t(
                    lang,
                    format!(
                        "{} til møde i {forum} den {date}",
                        if revised {
                            "Revideret dagsorden"
                        } else {
                            "Dagsorden"
                        }
                    ),
                    format!(
                        "{} for the meeting of {forum} on {date}",
                        if revised { "Revised agenda" } else { "Agenda" }
                    ),
                );
                let items: String = m
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| format!("{}. {}\n", i + 1, clean_line(&it.title)))
                    .collect();
                let mut body = t(
                    lang,
                    format!(
                        "Hermed {}dagsorden til møde i {forum} {when}.\n\nDagsorden:\n{items}\nDagsordenen er vedhæftet.",
                        if revised { "revideret " } else { "" }
                    ),
                    format!(
                        "Please find attached the {}agenda for the meeting of {forum}, {when}.\n\nAgenda:\n{items}",
                        if revised { "revised " } else { "" }
                    ),
                );
                if revised && !m.revision_note.trim().is_empty() {
                    body.push_str(&t(
                        lang,
                        format!("\n\nÆndret: {}", clean(&m.revision_note)),
                        format!("\n\nChanged: {}", clean(&m.revision_note)),
                    ));
                }
                (
                    RecordKind::Meeting,
                    m.forum.clone(),
                    subject,
                    body,
                    Some(m.agenda_version),
                    false,
                )
            }
        }
        DispatchKind::Letter | DispatchKind::Reminder => {
            let c = ws.consultation(id).ok_or_else(|| {
                err(
                    lang,
                    format!("Der er ingen høring {id:?}"),
                    format!("There is no consultation {id:?}"),
                )
            })?;
            // A draft letter says what the sending will record (ops::consultation::send: the
            // deadline counts from today), as the attached letter does.
            let sent_view;
            let c = if kind == DispatchKind::Letter && c.state == ConsultationState::Draft {
                sent_view =
                    crate::ops::consultation::send(ws, id, today, &crate::model::Stamp::default())
                        .map_err(|e| MailError::Record(e.message(lang)))?
                        .into_iter()
                        .find_map(|ch| match ch {
                            crate::store::Change::Update(
                                crate::model::AnyRecord::Consultation(k),
                            ) => Some(k),
                            _ => None,
                        });
                sent_view.as_ref().unwrap_or(c)
            } else {
                c
            };
            if c.state == ConsultationState::Concluded {
                return Err(err(
                    lang,
                    format!("Høringen {id} er afsluttet"),
                    format!("The consultation {id} is concluded"),
                ));
            }
            if kind == DispatchKind::Reminder && c.state != ConsultationState::Sent {
                return Err(err(
                    lang,
                    format!("Høringen {id} er ikke sendt ud; send høringsbrevet først"),
                    format!("The consultation {id} has not been sent; send the letter first"),
                ));
            }
            let subj = clean_line(&c.subject);
            let deadline = c.deadline.map(|d| {
                t(
                    lang,
                    format!(
                        " – svarfrist {} {}",
                        dates::long_date(d.date(), lang),
                        dates::clock(d.time(), lang)
                    ),
                    format!(
                        " – reply by {} at {}",
                        dates::long_date(d.date(), lang),
                        dates::time(d.time(), lang)
                    ),
                )
            });
            let deadline_long = c.deadline.map(|d| dates::weekday_long_date_time(d, lang));
            let base = t(
                lang,
                format!(
                    "Skriftlig høring: {subj}{}",
                    deadline.clone().unwrap_or_default()
                ),
                format!(
                    "Written consultation: {subj}{}",
                    deadline.clone().unwrap_or_default()
                ),
            );
            let answer = t(
                lang,
                "Svar venligst ved at besvare denne mail, og begynd gerne svaret med \"kan tilslutte sig\", \"ingen bemærkninger\", \"bemærkninger\" eller \"kan ikke tilslutte sig\".".to_string(),
                "Please reply to this e-mail, starting with \"kan tilslutte sig\" (consent), \"bemærkninger\" (comments) or \"kan ikke tilslutte sig\" (objection).".to_string(),
            );
            if kind == DispatchKind::Reminder {
                let subject = t(
                    lang,
                    format!("Påmindelse: {base}"),
                    format!("Reminder: {base}"),
                );
                let by = deadline_long
                    .map(|d| t(lang, format!(" senest {d}"), format!(" by {d}")))
                    .unwrap_or_default();
                let body = t(
                    lang,
                    format!(
                        "Vi har endnu ikke modtaget jeres svar i den skriftlige høring {id} om {subj}.\n\nSvar venligst{by}.\n\n{answer}"
                    ),
                    format!(
                        "We have not yet received your reply to the written consultation {id} on {subj}.\n\nPlease reply{by}.\n\n{answer}"
                    ),
                );
                (
                    RecordKind::Consultation,
                    c.forum.clone(),
                    subject,
                    body,
                    None,
                    true,
                )
            } else {
                let by = deadline_long
                    .map(|d| t(lang, format!(" senest {d}"), format!(" by {d}")))
                    .unwrap_or_default();
                let body = t(
                    lang,
                    format!(
                        "Hermed skriftlig høring {id} om {subj}.\n\nHøringsbrevet og sagens bilag er vedhæftet. Vi beder om jeres svar{by}.\n\n{answer}"
                    ),
                    format!(
                        "Please find attached the written consultation {id} on {subj}, with the case's bilag. Please reply{by}.\n\n{answer}"
                    ),
                );
                (
                    RecordKind::Consultation,
                    c.forum.clone(),
                    base,
                    body,
                    None,
                    false,
                )
            }
        }
    };
    let forum = ws.forum(&forum_id).ok_or_else(|| {
        err(
            lang,
            format!("{id} hører til forummet {forum_id:?}, som ikke findes"),
            format!("{id} belongs to the forum {forum_id:?}, which does not exist"),
        )
    })?;
    // A reminder goes to the members without a reply (matched by member id, so a renamed
    // authority keeps its reply).
    let replied = |m: &crate::model::Member| {
        reminder
            && ws.consultation(id).is_some_and(|c| {
                crate::rules::tally::reply_of_member(c, m)
                    .is_some_and(|r| r.kind != ReplyKind::NoReply)
            })
    };
    let mut recipients = vec![];
    for (n, m) in forum.members.iter().enumerate() {
        if replied(m) {
            continue;
        }
        if m.email.trim().is_empty() {
            warnings.push(t(
                lang,
                format!(
                    "{} har ingen e-mailadresse i forums/{}.json og får intet",
                    m.authority, forum.id
                ),
                format!(
                    "{} has no e-mail address in forums/{}.json and gets nothing",
                    m.authority, forum.id
                ),
            ));
            continue;
        }
        let email = check_address(
            &m.email,
            &format!(
                "forums/{}.json: member {} ({})",
                forum.id,
                n + 1,
                m.authority
            ),
        )?;
        if let Some(first) = recipients
            .iter()
            .find(|r: &&Recipient| r.email.to_string().eq_ignore_ascii_case(email.as_ref()))
        {
            warnings.push(t(
                lang,
                format!(
                    "{} og {} har samme adresse {email}; der sendes én mail",
                    first.authority, m.authority
                ),
                format!(
                    "{} and {} share the address {email}; one message is sent",
                    first.authority, m.authority
                ),
            ));
            continue;
        }
        recipients.push(Recipient {
            authority: m.authority.clone(),
            name: clean_line(&m.representative),
            email,
        });
    }
    if recipients.is_empty() {
        return Err(err(
            lang,
            if reminder {
                format!("Alle medlemmer har svaret i {id}; der er ingen at sende en påmindelse til")
            } else {
                format!(
                    "Forummet {} har ingen medlemmer med en e-mailadresse",
                    forum.id
                )
            },
            if reminder {
                format!("Every member has replied to {id}; there is nobody to remind")
            } else {
                format!(
                    "The forum {} has no members with an e-mail address",
                    forum.id
                )
            },
        ));
    }
    let (attachments, missing) = attachment_for(root, ws, kind, id, today)?;
    warnings.extend(missing);
    let sender_name = t(
        lang,
        format!("Sekretariatet for {}", clean_line(&forum.name)),
        format!("Secretariat of {}", clean_line(&forum.name)),
    );
    // Signed by the sender's contact person when workspace.json names one (as the letters are),
    // else by the forum's secretariat.
    let sender = &ws.settings.sender;
    let signature = if !sender.contact.name.trim().is_empty() {
        [
            sender.contact.name.as_str(),
            sender.contact.title.as_str(),
            sender.authority.as_str(),
            sender.office.as_str(),
            sender.phone.as_str(),
        ]
        .iter()
        .map(|s| clean_line(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
    } else if forum.secretariat.trim().is_empty() {
        sender_name.clone()
    } else {
        clean_line(&forum.secretariat)
    };
    let reply_to = check_address(&sender.email, "sender.email").ok();
    let body = t(
        lang,
        format!("{body}\n\nMed venlig hilsen\n{signature}\n"),
        format!("{body}\n\nKind regards\n{signature}\n"),
    );
    Ok(Plan {
        kind,
        record_kind,
        record_id: id.to_string(),
        subject: format!("{} [{id}]", clean_line(&subject)),
        agenda_version,
        recipients,
        attachments,
        warnings,
        body,
        lang,
        sender_name,
        reply_to,
    })
}

/// One message, ready for the transport.
#[derive(Debug, Clone)]
pub struct Built {
    pub message_id: String,
    pub envelope: lettre::address::Envelope,
    pub bytes: Vec<u8>,
}

/// A Message-ID that names the record and is unique: `<2026-12-03-psg.20261201T060000.123456789.3.4242@digst.dk>`.
pub fn message_id(plan: &Plan, from: &Address, n: usize, now: DateTime<Utc>) -> String {
    format!(
        "<{}.{}.{}.{}@{}>",
        crate::model::ids::slug(&plan.record_id),
        now.format("%Y%m%dT%H%M%S%.9f").to_string().replace('.', ""),
        n,
        std::process::id(),
        from.domain()
    )
}

/// Builds the message to one recipient (`to`, which for a test send may be any address).
pub fn build(
    cfg: &Checked,
    plan: &Plan,
    to: &Recipient,
    message_id: &str,
    now: DateTime<Utc>,
) -> Result<Built, MailError> {
    let greeting = if to.name.is_empty() {
        t(plan.lang, "Til medlemmerne,".into(), "Dear members,".into())
    } else {
        t(
            plan.lang,
            format!("Kære {},", to.name),
            format!("Dear {},", to.name),
        )
    };
    let body = format!("{greeting}\n\n{}", plan.body);
    let mut b = Message::builder()
        .from(Mailbox::new(
            Some(plan.sender_name.clone()),
            cfg.from.clone(),
        ))
        .to(Mailbox::new(
            (!to.name.is_empty()).then(|| to.name.clone()),
            to.email.clone(),
        ))
        .subject(plan.subject.clone())
        .message_id(Some(message_id.to_string()))
        .date(SystemTime::from(now));
    if let Some(r) = cfg.reply_to.as_ref().or(plan.reply_to.as_ref()) {
        b = b.reply_to(Mailbox::new(None, r.clone()));
    }
    for c in &cfg.cc {
        if *c != to.email {
            b = b.cc(Mailbox::new(None, c.clone()));
        }
    }
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(body));
    for a in &plan.attachments {
        let ct = ContentType::parse(&a.content_type)
            .map_err(|e| MailError::Build(format!("{}: {e}", a.file_name)))?;
        parts = parts.singlepart(Attachment::new(a.file_name.clone()).body(a.bytes.clone(), ct));
    }
    let msg = b
        .multipart(parts)
        .map_err(|e| MailError::Build(e.to_string()))?;
    Ok(Built {
        message_id: message_id.to_string(),
        envelope: msg.envelope().clone(),
        bytes: msg.formatted(),
    })
}

/// The file name of a kept copy: "20261201T060000Z-karen.holm@digst.dk.eml".
pub fn eml_name(now: DateTime<Utc>, email: &Address) -> String {
    format!("{}-{}.eml", now.format("%Y%m%dT%H%M%SZ"), file_safe(email))
}

/// An address as part of a file name: letters, digits and "@.-_+"; anything else becomes "_".
pub fn file_safe(email: &Address) -> String {
    email
        .to_string()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "@.-_+".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        crate::demo::demo_workspace()
    }

    /// The demo on disk, with its bilag files (the pack attached to an agenda needs them).
    fn demo_root() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        crate::demo::write_demo(&root).unwrap();
        (dir, root)
    }

    #[test]
    fn subjects_follow_the_danish_convention_with_the_tag() {
        let (_dir, root) = demo_root();
        let w = ws();
        let p = |k, id| plan(&root, &w, k, id).unwrap().subject;
        assert_eq!(
            p(DispatchKind::Agenda, "2026-12-03-psg"),
            "Dagsorden til møde i Porteføljestyregruppen den 3. december 2026 [2026-12-03-psg]"
        );
        assert_eq!(
            p(DispatchKind::Minutes, "2026-09-10-psg"),
            "Beslutningsreferat fra møde i Porteføljestyregruppen den 10. september 2026 [2026-09-10-psg]"
        );
        assert_eq!(
            p(DispatchKind::Letter, "H-2026-02"),
            "Skriftlig høring: Udmøntning af midler til initiativ 8.1 Hjælp til digitalt udfordrede borgere i 2027 – svarfrist 25. november 2026 kl. 12.00 [H-2026-02]"
        );
        assert!(
            p(DispatchKind::Reminder, "H-2026-02").starts_with("Påmindelse: Skriftlig høring: ")
        );
        let mut en = ws();
        en.settings.language = Language::En;
        assert_eq!(
            plan(&root, &en, DispatchKind::Agenda, "2026-12-03-psg")
                .unwrap()
                .subject,
            "Agenda for the meeting of Porteføljestyregruppen on 3 December 2026 [2026-12-03-psg]"
        );
    }

    #[test]
    fn signed_by_the_senders_contact_and_replies_go_to_the_senders_address() {
        let dir = tempfile::tempdir().unwrap();
        let w = ws();
        let p = plan(dir.path(), &w, DispatchKind::Letter, "H-2026-02").unwrap();
        let contact = &w.settings.sender.contact.name;
        assert!(!contact.is_empty());
        assert!(
            p.body.contains(&format!("Med venlig hilsen\n{contact}\n")),
            "{}",
            p.body
        );
        assert_eq!(
            p.reply_to.map(|a| a.to_string()),
            Some(w.settings.sender.email.clone())
        );
    }

    #[test]
    fn what_cannot_be_sent_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let w = ws();
        let e = |k, id| plan(dir.path(), &w, k, id).unwrap_err().to_string();
        assert!(e(DispatchKind::Minutes, "2026-12-03-psg").contains("ikke afholdt"));
        assert!(e(DispatchKind::Agenda, "2026-09-10-psg").contains("er afholdt"));
        assert!(e(DispatchKind::Letter, "H-2026-01").contains("afsluttet"));
        assert!(e(DispatchKind::Agenda, "1999-01-01-x").contains("intet møde"));
    }

    #[test]
    fn members_without_or_sharing_an_address_are_named() {
        let (_dir, root) = demo_root();
        let mut w = ws();
        let f = w.forums.iter_mut().find(|f| f.id == "psg").unwrap();
        f.members[1].email = String::new();
        f.members[3].email = f.members[2].email.to_uppercase();
        let p = plan(&root, &w, DispatchKind::Agenda, "2026-12-03-psg").unwrap();
        assert_eq!(p.recipients.len(), 12);
        assert!(
            p.warnings
                .iter()
                .any(|x| x.contains("Erhvervsministeriet har ingen e-mailadresse")),
            "{:?}",
            p.warnings
        );
        assert!(
            p.warnings.iter().any(|x| x.contains("samme adresse")),
            "{:?}",
            p.warnings
        );
    }
}
