//! The written consultation's documents: the letter, the reminder and the summary (an agenda item's
//! recommendation and attachment lines come from `meeting.rs`).

use super::*;

pub(super) fn consultation_of<'a>(
    ws: &'a Workspace,
    id: &str,
) -> Result<(&'a Consultation, &'a Forum), ExportError> {
    let c = ws
        .consultation(id)
        .ok_or_else(|| ExportError::UnknownConsultation(id.to_string()))?;
    let f = forum_of(ws, &c.forum, format!("consultation {:?}", c.id))?;
    Ok((c, f))
}

pub(super) fn deadline_text(d: Option<NaiveDateTime>, lang: Language) -> String {
    match d {
        Some(d) => weekday_long_date_time(d, lang),
        None => tr(lang, "ikke fastsat", "not set").to_string(),
    }
}

pub(super) fn silence_rule(f: &Forum, lang: Language) -> &'static str {
    if f.silence_is_consent {
        tr(
            lang,
            "Manglende svar betragtes som tilslutning.",
            "No reply is taken as consent.",
        )
    } else {
        tr(
            lang,
            "Manglende svar betragtes ikke som tilslutning.",
            "No reply is not taken as consent.",
        )
    }
}

/// Where replies go: the sender's e-mail address, else the forum's secretariat by name.
pub(super) fn reply_address(ws: &Workspace, f: &Forum, lang: Language) -> String {
    let email = ws.settings.sender.email.trim();
    if !email.is_empty() {
        let who = tr(lang, "sekretariatet på", "the secretariat at");
        return format!("{who} {}", clean_line(email));
    }
    if f.secretariat.trim().is_empty() {
        tr(lang, "sekretariatet", "the secretariat").to_string()
    } else {
        match lang {
            Language::Da => format!("sekretariatet ({})", clean_line(&f.secretariat)),
            Language::En => format!("the secretariat ({})", clean_line(&f.secretariat)),
        }
    }
}

pub(super) fn how_to_reply(
    b: &mut Builder,
    ws: &Workspace,
    f: &Forum,
    deadline: Option<NaiveDateTime>,
) {
    let lang = b.lang;
    let to = reply_address(ws, f, lang);
    let deadline = deadline_text(deadline, lang);
    let text = match lang {
        Language::Da => format!(
            "Høringssvar sendes pr. e-mail til {to} senest {deadline}. Angiv i svaret ét af følgende:"
        ),
        Language::En => {
            format!("Please reply by e-mail to {to} by {deadline}, stating one of the following:")
        }
    };
    b.para(&text);
    b.list(
        [
            ReplyKind::Consent,
            ReplyKind::ConsentWithComments,
            ReplyKind::Objection,
        ]
        .iter()
        .map(|k| k.label(lang).to_string())
        .collect(),
    );
    b.para(silence_rule(f, lang));
}

/// The letterhead: the sender block, the date line and the journal number.
pub(super) fn letterhead(
    b: &mut Builder,
    ws: &Workspace,
    f: &Forum,
    date: Option<NaiveDate>,
    journal: &str,
) {
    let lang = b.lang;
    let s = &ws.settings.sender;
    let mut lines = vec![];
    if s.authority.trim().is_empty() && s.office.trim().is_empty() {
        lines.push(f.secretariat.clone());
    } else {
        lines.push(s.authority.clone());
        lines.push(s.office.clone());
    }
    lines.extend(
        s.address
            .split(['\n', ','])
            .map(str::trim)
            .map(String::from),
    );
    if !s.phone.trim().is_empty() {
        lines.push(format!("{} {}", tr(lang, "Tlf.", "Tel."), s.phone.trim()));
    }
    if !s.email.trim().is_empty() {
        lines.push(format!(
            "{} {}",
            tr(lang, "E-mail", "E-mail"),
            s.email.trim()
        ));
    }
    b.lines(true, lines);
    b.fields(vec![
        (
            b.t("Dato", "Date"),
            date.map(|d| long_date(d, lang)).unwrap_or_default(),
        ),
        (b.t("J.nr.", "Ref. no."), journal.to_string()),
    ]);
}

/// "Med venlig hilsen", the contact person, title, authority, phone and e-mail.
pub(super) fn sign_off(b: &mut Builder, ws: &Workspace, f: &Forum) {
    let lang = b.lang;
    let s = &ws.settings.sender;
    let mut lines = vec![tr(lang, "Med venlig hilsen", "Yours sincerely").to_string()];
    if s.contact.name.trim().is_empty() {
        lines.push(match lang {
            Language::Da => format!("Sekretariatet for {}", clean_line(&f.name)),
            Language::En => format!("The secretariat of {}", clean_line(&f.name)),
        });
    } else {
        lines.push(s.contact.name.clone());
        lines.push(s.contact.title.clone());
    }
    lines.push(s.authority.clone());
    if !s.phone.trim().is_empty() {
        lines.push(format!("{} {}", tr(lang, "Tlf.", "Tel."), s.phone.trim()));
    }
    if !s.email.trim().is_empty() {
        lines.push(s.email.clone());
    }
    b.lines(false, lines);
}

/// The recipients: "Til medlemmerne af Porteføljestyregruppen:" and one line per member.
pub(super) fn recipients(b: &mut Builder, f: &Forum, members: &[&crate::model::Member]) {
    let lang = b.lang;
    b.para(&match lang {
        Language::Da => format!("Til medlemmerne af {}:", clean_line(&f.name)),
        Language::En => format!("To the members of {}:", clean_line(&f.name)),
    });
    if members.is_empty() {
        b.para(b.t("Ingen medlemmer registreret.", "No members registered."));
    }
    b.list(
        members
            .iter()
            .map(|mem| member_line(&mem.authority, &mem.representative))
            .collect(),
    );
}

/// »text« in Danish, “text” in English.
pub(super) fn quote(lang: Language, text: &str) -> String {
    match lang {
        Language::Da => format!("»{}«", clean_line(text)),
        Language::En => format!("“{}”", clean_line(text)),
    }
}

/// Whether an attachment is the consultation's own letter (which the letter does not list).
pub(crate) fn is_own_letter(c: &Consultation, a: &Attachment) -> bool {
    let id = c.id.to_lowercase();
    let (t, p) = (a.title.to_lowercase(), a.path.to_lowercase());
    (t.contains(&id) || p.contains(&id))
        && (t.contains("høringsbrev") || p.contains("hoeringsbrev") || t.contains("letter"))
}

pub(super) fn letter(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let state = (c.state == ConsultationState::Draft).then(|| draft(lang));
    marks(&mut b, state, opts);
    letterhead(&mut b, ws, f, c.sent_date.or(opts.today), &c.journal);
    let members: Vec<&crate::model::Member> = f.members.iter().collect();
    recipients(&mut b, f, &members);

    let heading = b.t("Skriftlig høring", "Written consultation");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let intro = match lang {
        Language::Da => format!(
            "Sekretariatet sender hermed på vegne af {} {} i skriftlig høring (høring {}).",
            clean_line(&f.name),
            if c.cases.len() == 1 {
                "følgende sag"
            } else {
                "følgende sager"
            },
            c.id
        ),
        Language::En => format!(
            "On behalf of {}, the secretariat hereby submits the following {} for written consultation (consultation {}).",
            clean_line(&f.name),
            if c.cases.len() == 1 { "case" } else { "cases" },
            c.id
        ),
    };
    b.para(&intro);
    for (i, case_id) in c.cases.iter().enumerate() {
        let case = ws.case(case_id).ok_or_else(|| ExportError::UnknownCase {
            consultation: c.id.clone(),
            case: case_id.clone(),
        })?;
        let n = i + 1;
        b.heading(2, &format!("{n}. {} ({})", case.title, case.id));
        b.section(b.t("Indstilling", "Recommendation"), &case.recommendation);
        b.section(b.t("Sagsfremstilling", "Background"), &case.background);
        let atts: Vec<&Attachment> = case
            .attachments
            .iter()
            .filter(|a| !is_own_letter(c, a))
            .collect();
        if !atts.is_empty() {
            b.heading(3, b.t("Bilag", "Annexes"));
            b.list(attachment_lines(lang, n, &atts));
        }
    }
    if c.cases.is_empty() {
        b.para(b.t(
            "Høringen omfatter ingen sager.",
            "The consultation includes no cases.",
        ));
    }

    b.heading(2, b.t("Svarfrist og svar", "Deadline and how to reply"));
    how_to_reply(&mut b, ws, f, c.deadline);
    sign_off(&mut b, ws, f);
    let title = format!(
        "{} – {} – {}",
        b.t("Høringsbrev", "Consultation letter"),
        c.id,
        c.subject
    );
    Ok(b.finish(title))
}

/// Members with no reply, or a reply of kind "no reply".
pub(super) fn missing_members<'a>(c: &Consultation, f: &'a Forum) -> Vec<&'a crate::model::Member> {
    f.members
        .iter()
        .filter(|mem| reply_of_member(c, mem).is_none_or(|r| r.kind == ReplyKind::NoReply))
        .collect()
}

pub(super) fn reminder(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    match c.state {
        ConsultationState::Sent => {}
        ConsultationState::Draft => return Err(ExportError::ReminderNotSent(c.id.clone())),
        ConsultationState::Concluded => {
            return Err(ExportError::ReminderConcluded(c.id.clone()));
        }
    }
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    marks(&mut b, None, opts);
    letterhead(&mut b, ws, f, opts.today, &c.journal);
    let missing = missing_members(c, f);
    recipients(&mut b, f, &missing);
    let heading = b.t("Rykker", "Reminder");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let sent = c
        .sent_date
        .map(|d| match lang {
            Language::Da => format!(" den {}", long_date(d, lang)),
            Language::En => format!(" on {}", long_date(d, lang)),
        })
        .unwrap_or_default();
    let old = deadline_text(c.deadline, lang);
    let intro = match lang {
        Language::Da => format!(
            "Sekretariatet sendte{sent} på vegne af {} {} (høring {}) i skriftlig høring med svarfrist {old}. Sekretariatet har endnu ikke modtaget jeres svar.",
            clean_line(&f.name),
            quote(lang, &c.subject),
            c.id,
        ),
        Language::En => format!(
            "On behalf of {}, the secretariat sent{sent} {} (consultation {}) for written consultation with the reply deadline {old}. The secretariat has not yet received your reply.",
            clean_line(&f.name),
            quote(lang, &c.subject),
            c.id,
        ),
    };
    b.para(&intro);
    let passed = match (c.deadline, opts.today) {
        (Some(d), Some(t)) => d.date() < t,
        _ => false,
    };
    let deadline = opts.deadline.or(c.deadline);
    if opts.deadline.is_some() {
        b.para(&match lang {
            Language::Da => format!(
                "Sekretariatet har fastsat en ny svarfrist: {}.",
                deadline_text(deadline, lang)
            ),
            Language::En => format!(
                "The secretariat has set a new reply deadline: {}.",
                deadline_text(deadline, lang)
            ),
        });
    } else if passed {
        b.para(b.t(
            "Svarfristen er overskredet. Sekretariatet beder om jeres svar hurtigst muligt.",
            "The deadline has passed. The secretariat asks for your reply as soon as possible.",
        ));
    }
    b.heading(2, b.t("Svarfrist og svar", "Deadline and how to reply"));
    how_to_reply(&mut b, ws, f, deadline);
    sign_off(&mut b, ws, f);
    let date = opts
        .today
        .map(|d| format!(" – {}", long_date(d, lang)))
        .unwrap_or_default();
    let title = format!("{heading} – {} – {}{date}", c.id, c.subject);
    Ok(b.finish(title))
}

pub(super) fn summary(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let state = (c.state != ConsultationState::Concluded).then(|| draft(lang));
    marks(&mut b, state, opts);
    letterhead(&mut b, ws, f, c.concluded_date.or(opts.today), &c.journal);
    let heading = b.t("Høringsnotat", "Consultation summary");
    b.heading(1, &format!("{heading}: {}", c.subject));
    b.fields(vec![
        (b.t("Forum", "Forum"), f.name.clone()),
        (b.t("Høring", "Consultation"), c.id.clone()),
        (
            b.t("Udsendt", "Sent"),
            c.sent_date.map(|d| long_date(d, lang)).unwrap_or_default(),
        ),
        (
            b.t("Svarfrist", "Reply deadline"),
            deadline_text(c.deadline, lang),
        ),
        (
            b.t("Afsluttet", "Concluded"),
            c.concluded_date
                .map(|d| long_date(d, lang))
                .unwrap_or_default(),
        ),
    ]);

    b.heading(2, b.t("Sager", "Cases"));
    if c.cases.is_empty() {
        b.para(b.t(
            "Høringen omfatter ingen sager.",
            "The consultation includes no cases.",
        ));
    }
    b.list(
        c.cases
            .iter()
            .map(|id| match ws.case(id) {
                Some(case) => format!("{}: {}", case.id, clean_line(&case.title)),
                None => clean_line(id),
            })
            .collect(),
    );

    b.heading(2, b.t("Høringssvar", "Replies"));
    // Members first, in forum order (by id, so a renamed member keeps its reply), then replies from
    // anyone else.
    let row = |authority: String, r: Option<&crate::model::Reply>| {
        vec![
            authority,
            r.map(|r| r.kind)
                .unwrap_or_default()
                .label(lang)
                .to_string(),
            r.and_then(|r| r.received)
                .map(|d| long_date(d, lang))
                .unwrap_or_default(),
            r.map(|r| r.text.clone()).unwrap_or_default(),
        ]
    };
    let mut rows: Vec<Vec<String>> = f
        .members
        .iter()
        .map(|mem| row(mem.authority.clone(), reply_of_member(c, mem)))
        .collect();
    for r in &c.replies {
        if f.member_ref(&r.member, &r.authority).is_none() {
            rows.push(row(
                format!(
                    "{} ({})",
                    clean_line(&r.authority),
                    b.t("ikke medlem", "not a member")
                ),
                Some(r),
            ));
        }
    }
    if rows.is_empty() {
        b.para(b.t("Ingen høringssvar.", "No replies."));
    } else {
        b.table(
            vec![
                b.t("Myndighed", "Authority"),
                b.t("Svar", "Reply"),
                b.t("Modtaget", "Received"),
                b.t("Bemærkning", "Comment"),
            ],
            rows,
        );
    }

    b.heading(2, b.t("Opgørelse", "Tally"));
    let t = tally(c, f);
    b.fields(vec![
        (ReplyKind::Consent.label(lang), t.consent.to_string()),
        (
            ReplyKind::ConsentWithComments.label(lang),
            t.with_comments.to_string(),
        ),
        (ReplyKind::Objection.label(lang), t.objection.to_string()),
        (ReplyKind::NoReply.label(lang), t.outstanding.to_string()),
        (
            b.t("Medlemmer i alt", "Members in all"),
            t.total().to_string(),
        ),
    ]);
    b.para(silence_rule(f, lang));

    b.heading(2, b.t("Resultat", "Outcome"));
    let outcome = match c.outcome {
        Some(ConsultationOutcome::Adopted) => b
            .t(
                "Indstillingen er tiltrådt.",
                "The recommendation is adopted.",
            )
            .to_string(),
        Some(ConsultationOutcome::NotAdopted) => b
            .t(
                "Indstillingen er ikke tiltrådt.",
                "The recommendation is not adopted.",
            )
            .to_string(),
        Some(ConsultationOutcome::ToMeeting) => b
            .t(
                "Sagen afgøres ikke skriftligt, men forelægges på et møde.",
                "The case is not settled in writing but goes to a meeting.",
            )
            .to_string(),
        Some(ConsultationOutcome::Escalated) => b
            .t(
                "Sagen eskaleres til det overordnede forum.",
                "The case is escalated to the parent forum.",
            )
            .to_string(),
        Some(ConsultationOutcome::Withdrawn) => b
            .t("Sagen er trukket tilbage.", "The case is withdrawn.")
            .to_string(),
        None => {
            // The proposal as of the start of the document's date (or just after the deadline when
            // undated), for the secretariat to confirm.
            let now = opts
                .today
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .or(c.deadline.map(|d| d + chrono::Duration::seconds(1)))
                .unwrap_or_default();
            let p = proposed_outcome(c, f, now);
            match lang {
                Language::Da => format!("Forslag til resultat: {}.", p.describe(lang)),
                Language::En => format!("Proposed outcome: {}.", p.describe(lang)),
            }
        }
    };
    b.para(&outcome);
    b.section(
        b.t(
            "Begrundelse for afvigelse fra optællingen",
            "Reason for overriding the count",
        ),
        &c.override_reason,
    );
    b.heading(
        2,
        b.t("Sekretariatets bemærkninger", "The secretariat's remarks"),
    );
    if c.remarks.trim().is_empty() {
        b.para(b.t("Ingen bemærkninger.", "No remarks."));
    } else {
        b.para(&c.remarks);
    }
    let title = format!("{heading} – {} – {}", c.id, c.subject);
    Ok(b.finish(title))
}
