//! The neutral document model: each export is built once from the workspace as a [`Document`] (headings,
//! paragraphs, labelled fields, lists) in the workspace's language, with all text already cleaned of
//! control characters; the format modules only render it.

use super::dates::{clock, long_date, time_range, weekday_long_date, weekday_long_date_time};
use super::timing::item_start_times;
use super::{DocKind, ExportError, Options, clean, clean_line};
use crate::i18n::{Label, tr};
use crate::model::{
    ActionItem, AgendaItem, Attachment, AttendanceKind, Consultation, ConsultationOutcome, Forum,
    Language, Meeting, ReplyKind, Workspace,
};

/// A document ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub lang: Language,
    /// The title for the window or file (e.g. "Dagsorden – Porteføljestyregruppen – 3. december 2026").
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One block of a document. Heading texts and field labels are single lines; paragraph, field and list
/// texts may hold newlines (a blank line separates paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the document's title, 2 a section or item, 3 a part of an item.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// Label: value pairs.
    Fields(Vec<(String, String)>),
    /// A bullet list.
    List(Vec<String>),
}

/// Builds the document of the given kind for the meeting or consultation `id`.
pub fn build(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<Document, ExportError> {
    match kind {
        DocKind::Agenda => agenda(ws, id, opts),
        DocKind::Minutes => minutes(ws, id, opts),
        DocKind::Letter => letter(ws, id),
        DocKind::Reminder => reminder(ws, id),
        DocKind::Summary => summary(ws, id),
    }
}

struct Builder {
    lang: Language,
    blocks: Vec<Block>,
}

impl Builder {
    fn new(lang: Language) -> Builder {
        Builder {
            lang,
            blocks: vec![],
        }
    }
    fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, da, en)
    }
    fn heading(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: clean_line(text),
        });
    }
    /// A paragraph of untrusted text; nothing when it is blank.
    fn para(&mut self, text: &str) {
        let text = clean(text).trim().to_string();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }
    /// A section (level-3 heading and paragraph), left out when the text is blank.
    fn section(&mut self, heading: &str, text: &str) {
        if !text.trim().is_empty() {
            self.heading(3, heading);
            self.para(text);
        }
    }
    /// Fields; pairs with a blank value are left out.
    fn fields(&mut self, pairs: Vec<(&str, String)>) {
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (clean_line(k), clean(&v).trim().to_string()))
            .collect();
        if !pairs.is_empty() {
            self.blocks.push(Block::Fields(pairs));
        }
    }
    fn list(&mut self, items: Vec<String>) {
        let items: Vec<String> = items
            .iter()
            .map(|i| clean(i).trim().to_string())
            .filter(|i| !i.is_empty())
            .collect();
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }
    fn finish(self, title: String) -> Document {
        Document {
            lang: self.lang,
            title: clean_line(&title),
            blocks: self.blocks,
        }
    }
}

fn forum_of<'a>(ws: &'a Workspace, forum: &str, owner: String) -> Result<&'a Forum, ExportError> {
    ws.forum(forum).ok_or_else(|| ExportError::UnknownForum {
        owner,
        forum: forum.to_string(),
    })
}

fn meeting_of<'a>(ws: &'a Workspace, id: &str) -> Result<(&'a Meeting, &'a Forum), ExportError> {
    let m = ws
        .meeting(id)
        .ok_or_else(|| ExportError::UnknownMeeting(id.to_string()))?;
    let f = forum_of(ws, &m.forum, format!("meeting {:?}", m.id))?;
    Ok((m, f))
}

fn consultation_of<'a>(
    ws: &'a Workspace,
    id: &str,
) -> Result<(&'a Consultation, &'a Forum), ExportError> {
    let c = ws
        .consultation(id)
        .ok_or_else(|| ExportError::UnknownConsultation(id.to_string()))?;
    let f = forum_of(ws, &c.forum, format!("consultation {:?}", c.id))?;
    Ok((c, f))
}

/// "Digitaliseringsstyrelsen: Anne Hansen", or just the authority.
fn member_line(authority: &str, representative: &str) -> String {
    if representative.trim().is_empty() {
        clean_line(authority)
    } else {
        format!("{}: {}", clean_line(authority), clean_line(representative))
    }
}

fn meeting_fields(b: &Builder, m: &Meeting, f: &Forum) -> Vec<(&'static str, String)> {
    let lang = b.lang;
    vec![
        (b.t("Forum", "Forum"), f.name.clone()),
        (b.t("Dato", "Date"), weekday_long_date(m.date, lang)),
        (
            b.t("Tid", "Time"),
            m.start
                .map(|s| time_range(s, m.end, lang))
                .unwrap_or_default(),
        ),
        (b.t("Sted", "Place"), m.place.clone()),
    ]
}

/// The item's own text, or the case's when the item's is blank.
fn item_text<'a>(
    ws: &'a Workspace,
    item: &'a AgendaItem,
    pick: fn(&crate::model::Case) -> &str,
    own: &'a str,
) -> &'a str {
    if own.trim().is_empty() {
        item.case
            .as_deref()
            .and_then(|c| ws.case(c))
            .map(pick)
            .unwrap_or(own)
    } else {
        own
    }
}

pub(crate) fn item_attachments<'a>(ws: &'a Workspace, item: &'a AgendaItem) -> &'a [Attachment] {
    if item.attachments.is_empty() {
        item.case
            .as_deref()
            .and_then(|c| ws.case(c))
            .map(|c| c.attachments.as_slice())
            .unwrap_or(&[])
    } else {
        &item.attachments
    }
}

/// "Bilag 4.1: Title" for every attachment.
fn attachment_lines(lang: Language, number: usize, atts: &[Attachment]) -> Vec<String> {
    atts.iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                "{} {}.{}: {}",
                tr(lang, "Bilag", "Annex"),
                number,
                i + 1,
                clean_line(&a.title)
            )
        })
        .collect()
}

/// "Text (ansvarlig: X, frist: 3. december 2026)".
fn action_line(a: &ActionItem, lang: Language) -> String {
    let mut extra = vec![];
    if !a.owner.trim().is_empty() {
        extra.push(format!(
            "{}: {}",
            tr(lang, "ansvarlig", "owner"),
            clean_line(&a.owner)
        ));
    }
    if let Some(due) = a.due {
        extra.push(format!(
            "{}: {}",
            tr(lang, "frist", "due"),
            long_date(due, lang)
        ));
    }
    let mut s = clean(a.text.trim());
    if !extra.is_empty() {
        s = format!("{s} ({})", extra.join(", "));
    }
    if a.done {
        s = format!("{s} – {}", tr(lang, "udført", "done"));
    }
    s
}

/// Open action items of the forum's meetings before `m` (and of `m` itself when `including`), in
/// meeting order, each with where it came from. Closed items are skipped in public exports.
fn open_actions(ws: &Workspace, m: &Meeting, including: bool, opts: &Options) -> Vec<String> {
    let lang = ws.settings.language;
    let mut earlier: Vec<&Meeting> = ws
        .meetings
        .iter()
        .filter(|o| o.forum == m.forum)
        .filter(|o| {
            let (a, b) = ((o.date, o.id.as_str()), (m.date, m.id.as_str()));
            a < b || (including && a == b)
        })
        .collect();
    earlier.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut out = vec![];
    for o in earlier {
        for (n, item) in o.items.iter().enumerate() {
            if opts.public && item.closed {
                continue;
            }
            for a in item.minutes.action_items.iter().filter(|a| !a.done) {
                let source = match lang {
                    Language::Da => format!("møde {}, punkt {}", long_date(o.date, lang), n + 1),
                    Language::En => format!("meeting {}, item {}", long_date(o.date, lang), n + 1),
                };
                out.push(format!("{} – {}", action_line(a, lang), source));
            }
        }
    }
    out
}

fn closed_title(lang: Language) -> &'static str {
    tr(lang, "Lukket punkt", "Closed item")
}

/// "4. Title" (with a closed marker in internal exports), or "4. Lukket punkt" in public ones.
pub(crate) fn item_heading(
    lang: Language,
    n: usize,
    item: &AgendaItem,
    opts: &Options,
) -> (String, bool) {
    if item.closed && opts.public {
        (format!("{n}. {}", closed_title(lang)), true)
    } else if item.closed {
        (
            format!(
                "{n}. {} ({})",
                clean_line(&item.title),
                tr(lang, "lukket punkt", "closed item")
            ),
            false,
        )
    } else {
        (format!("{n}. {}", clean_line(&item.title)), false)
    }
}

fn agenda(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (m, f) = meeting_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = if m.agenda_version > 1 {
        match lang {
            Language::Da => format!("Revideret dagsorden (version {})", m.agenda_version),
            Language::En => format!("Revised agenda (version {})", m.agenda_version),
        }
    } else {
        b.t("Dagsorden", "Agenda").to_string()
    };
    b.heading(1, &format!("{heading}: {}", f.name));
    let fields = meeting_fields(&b, m, f);
    b.fields(fields);
    if m.agenda_version > 1 {
        b.section(
            b.t("Ændringer i denne version", "Changes in this version"),
            &m.revision_note,
        );
    }

    b.heading(2, b.t("Deltagere", "Participants"));
    if f.members.is_empty() {
        b.para(b.t("Ingen medlemmer registreret.", "No members registered."));
    }
    b.list(
        f.members
            .iter()
            .map(|mem| member_line(&mem.authority, &mem.representative))
            .collect(),
    );

    if m.items.is_empty() {
        b.heading(2, b.t("Punkter", "Items"));
        b.para(b.t(
            "Der er ingen punkter på dagsordenen.",
            "There are no items on the agenda.",
        ));
    }
    let starts = item_start_times(m);
    for (i, item) in m.items.iter().enumerate() {
        let n = i + 1;
        let (h, hidden) = item_heading(lang, n, item, opts);
        b.heading(2, &h);
        if hidden {
            continue;
        }
        let start = starts
            .get(i)
            .copied()
            .flatten()
            .map(|t| clock(t, lang))
            .unwrap_or_default();
        let case = item.case.as_deref().map(|c| match ws.case(c) {
            Some(case) => format!("{} – {}", case.id, case.title),
            None => c.to_string(),
        });
        b.fields(vec![
            (b.t("Tidspunkt", "Time"), start),
            (b.t("Type", "Type"), item.kind.label(lang).to_string()),
            (b.t("Oplæg ved", "Presenter"), item.presenter.clone()),
            (b.t("Sag", "Case"), case.unwrap_or_default()),
        ]);
        b.section(
            b.t("Indstilling", "Recommendation"),
            item_text(ws, item, |c| &c.recommendation, &item.recommendation),
        );
        b.section(
            b.t("Sagsfremstilling", "Background"),
            item_text(ws, item, |c| &c.background, &item.background),
        );
        let atts = item_attachments(ws, item);
        if !atts.is_empty() {
            b.heading(3, b.t("Bilag", "Annexes"));
            b.list(attachment_lines(lang, n, atts));
        }
        if item.follow_up {
            b.heading(3, b.t("Åbne opfølgningspunkter", "Open action items"));
            let open = open_actions(ws, m, false, opts);
            if open.is_empty() {
                b.para(b.t(
                    "Der er ingen åbne opfølgningspunkter.",
                    "There are no open action items.",
                ));
            }
            b.list(open);
        }
    }
    let title = format!("{heading} – {} – {}", f.name, long_date(m.date, lang));
    Ok(b.finish(title))
}

fn minutes(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (m, f) = meeting_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = b.t("Beslutningsreferat", "Minutes");
    b.heading(1, &format!("{heading}: {}", f.name));
    let fields = meeting_fields(&b, m, f);
    b.fields(fields);

    b.heading(2, b.t("Fremmøde", "Attendance"));
    if m.attendance.is_empty() {
        b.para(b.t(
            "Fremmødet er ikke registreret.",
            "Attendance has not been recorded.",
        ));
    }
    let groups = [
        (AttendanceKind::Present, b.t("Til stede", "Present")),
        (
            AttendanceKind::Substitute,
            b.t("Stedfortrædere", "Substitutes"),
        ),
        (AttendanceKind::Absent, b.t("Afbud", "Absent")),
    ];
    for (kind, label) in groups {
        let lines: Vec<String> = m
            .attendance
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| match kind {
                AttendanceKind::Absent => clean_line(&a.authority),
                AttendanceKind::Present => member_line(&a.authority, &a.name),
                AttendanceKind::Substitute if a.name.trim().is_empty() => clean_line(&a.authority),
                AttendanceKind::Substitute => format!(
                    "{}: {} ({})",
                    clean_line(&a.authority),
                    clean_line(&a.name),
                    tr(lang, "stedfortræder", "substitute")
                ),
            })
            .collect();
        if !lines.is_empty() {
            b.heading(3, label);
            b.list(lines);
        }
    }

    if m.items.is_empty() {
        b.heading(2, b.t("Punkter", "Items"));
        b.para(b.t(
            "Der var ingen punkter på dagsordenen.",
            "There were no items on the agenda.",
        ));
    }
    for (i, item) in m.items.iter().enumerate() {
        let (h, hidden) = item_heading(lang, i + 1, item, opts);
        b.heading(2, &h);
        if hidden {
            continue;
        }
        b.fields(vec![(
            b.t("Type", "Type"),
            item.kind.label(lang).to_string(),
        )]);
        b.section(
            b.t("Indstilling", "Recommendation"),
            item_text(ws, item, |c| &c.recommendation, &item.recommendation),
        );
        b.heading(3, b.t("Beslutning", "Decision"));
        if item.minutes.decision.trim().is_empty() {
            b.para(b.t("Ingen beslutning registreret.", "No decision recorded."));
        } else {
            b.para(&item.minutes.decision);
        }
        if !item.minutes.action_items.is_empty() {
            b.heading(3, b.t("Opfølgningspunkter", "Action items"));
            b.list(
                item.minutes
                    .action_items
                    .iter()
                    .map(|a| action_line(a, lang))
                    .collect(),
            );
        }
    }

    b.heading(2, b.t("Opfølgningsliste", "Follow-up list"));
    let open = open_actions(ws, m, true, opts);
    if open.is_empty() {
        b.para(b.t(
            "Der er ingen åbne opfølgningspunkter.",
            "There are no open action items.",
        ));
    }
    b.list(open);
    let title = format!("{heading} – {} – {}", f.name, long_date(m.date, lang));
    Ok(b.finish(title))
}

fn deadline_text(c: &Consultation, lang: Language) -> String {
    match c.deadline {
        Some(d) => weekday_long_date_time(d, lang),
        None => tr(lang, "ikke fastsat", "not set").to_string(),
    }
}

fn consultation_fields(b: &Builder, c: &Consultation, f: &Forum) -> Vec<(&'static str, String)> {
    let lang = b.lang;
    vec![
        (b.t("Forum", "Forum"), f.name.clone()),
        (b.t("Høring", "Consultation"), c.id.clone()),
        (
            b.t("Udsendt", "Sent"),
            c.sent_date.map(|d| long_date(d, lang)).unwrap_or_default(),
        ),
        (b.t("Svarfrist", "Reply deadline"), deadline_text(c, lang)),
    ]
}

fn silence_rule(f: &Forum, lang: Language) -> &'static str {
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

fn how_to_reply(b: &mut Builder, c: &Consultation, f: &Forum) {
    let lang = b.lang;
    let secretariat = if f.secretariat.trim().is_empty() {
        b.t("sekretariatet", "the secretariat").to_string()
    } else {
        match lang {
            Language::Da => format!("sekretariatet ({})", clean_line(&f.secretariat)),
            Language::En => format!("the secretariat ({})", clean_line(&f.secretariat)),
        }
    };
    let deadline = deadline_text(c, lang);
    let text = match lang {
        Language::Da => format!(
            "Svar sendes pr. e-mail til {secretariat} senest {deadline}. Angiv i svaret ét af følgende:"
        ),
        Language::En => format!(
            "Please reply by e-mail to {secretariat} by {deadline}, stating one of the following:"
        ),
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

fn letter(ws: &Workspace, id: &str) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = b.t("Høringsbrev", "Consultation letter");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let fields = consultation_fields(&b, c, f);
    b.fields(fields);

    b.heading(2, b.t("Modtagere", "Recipients"));
    if f.members.is_empty() {
        b.para(b.t("Ingen medlemmer registreret.", "No members registered."));
    }
    b.list(
        f.members
            .iter()
            .map(|mem| member_line(&mem.authority, &mem.representative))
            .collect(),
    );

    let intro = match lang {
        Language::Da => format!(
            "{} sender hermed følgende {} i skriftlig høring.",
            clean_line(&f.name),
            if c.cases.len() == 1 { "sag" } else { "sager" }
        ),
        Language::En => format!(
            "{} hereby submits the following {} for written consultation.",
            clean_line(&f.name),
            if c.cases.len() == 1 { "case" } else { "cases" }
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
        if !case.attachments.is_empty() {
            b.heading(3, b.t("Bilag", "Annexes"));
            b.list(attachment_lines(lang, n, &case.attachments));
        }
    }
    if c.cases.is_empty() {
        b.para(b.t(
            "Høringen omfatter ingen sager.",
            "The consultation includes no cases.",
        ));
    }

    b.heading(2, b.t("Sådan svarer I", "How to reply"));
    how_to_reply(&mut b, c, f);
    let title = format!("{heading} – {} – {}", c.id, c.subject);
    Ok(b.finish(title))
}

/// Members with no reply, or a reply of kind "no reply".
fn missing_members<'a>(c: &Consultation, f: &'a Forum) -> Vec<&'a crate::model::Member> {
    f.members
        .iter()
        .filter(|mem| {
            !c.replies
                .iter()
                .any(|r| r.authority == mem.authority && r.kind != ReplyKind::NoReply)
        })
        .collect()
}

fn reminder(ws: &Workspace, id: &str) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = b.t("Rykker", "Reminder");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let fields = consultation_fields(&b, c, f);
    b.fields(fields);
    let missing = missing_members(c, f);
    b.heading(2, b.t("Til", "To"));
    if missing.is_empty() {
        b.para(b.t("Alle medlemmer har svaret.", "All members have replied."));
    }
    b.list(
        missing
            .iter()
            .map(|mem| member_line(&mem.authority, &mem.representative))
            .collect(),
    );
    let text = match lang {
        Language::Da => format!(
            "Sekretariatet har endnu ikke modtaget jeres svar i den skriftlige høring \"{}\" ({}). Svarfristen er {}.",
            clean_line(&c.subject),
            c.id,
            deadline_text(c, lang)
        ),
        Language::En => format!(
            "The secretariat has not yet received your reply in the written consultation \"{}\" ({}). The reply deadline is {}.",
            clean_line(&c.subject),
            c.id,
            deadline_text(c, lang)
        ),
    };
    b.heading(2, b.t("Påmindelse", "Reminder"));
    b.para(&text);
    how_to_reply(&mut b, c, f);
    let title = format!("{heading} – {} – {}", c.id, c.subject);
    Ok(b.finish(title))
}

/// Counts of each reply kind over the forum's members (a missing reply counts as no reply).
/// Local and tiny on purpose; to be unified with the rules' tally later.
fn tally(c: &Consultation, f: &Forum) -> [(ReplyKind, usize); 4] {
    let mut counts = [
        (ReplyKind::Consent, 0),
        (ReplyKind::ConsentWithComments, 0),
        (ReplyKind::Objection, 0),
        (ReplyKind::NoReply, 0),
    ];
    for mem in &f.members {
        let kind = c
            .replies
            .iter()
            .find(|r| r.authority == mem.authority)
            .map(|r| r.kind)
            .unwrap_or_default();
        for (k, n) in counts.iter_mut() {
            if *k == kind {
                *n += 1;
            }
        }
    }
    counts
}

fn summary(ws: &Workspace, id: &str) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = b.t("Høringsnotat", "Consultation summary");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let mut fields = consultation_fields(&b, c, f);
    fields.push((
        b.t("Afsluttet", "Concluded"),
        c.concluded_date
            .map(|d| long_date(d, lang))
            .unwrap_or_default(),
    ));
    b.fields(fields);

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
    // Members first, in forum order, then replies from anyone else.
    let mut rows: Vec<(String, Option<&crate::model::Reply>)> = f
        .members
        .iter()
        .map(|mem| {
            (
                mem.authority.clone(),
                c.replies.iter().find(|r| r.authority == mem.authority),
            )
        })
        .collect();
    for r in &c.replies {
        if !f.members.iter().any(|mem| mem.authority == r.authority) {
            rows.push((r.authority.clone(), Some(r)));
        }
    }
    if rows.is_empty() {
        b.para(b.t("Ingen høringssvar.", "No replies."));
    }
    for (authority, reply) in rows {
        b.heading(3, &authority);
        let kind = reply.map(|r| r.kind).unwrap_or_default();
        b.fields(vec![
            (b.t("Svar", "Reply"), kind.label(lang).to_string()),
            (
                b.t("Modtaget", "Received"),
                reply
                    .and_then(|r| r.received)
                    .map(|d| long_date(d, lang))
                    .unwrap_or_default(),
            ),
        ]);
        if let Some(r) = reply {
            b.para(&r.text);
        }
    }

    b.heading(2, b.t("Opgørelse", "Tally"));
    b.fields(
        tally(c, f)
            .iter()
            .map(|(k, n)| (k.label(lang), n.to_string()))
            .collect(),
    );
    b.para(silence_rule(f, lang));

    b.heading(2, b.t("Resultat", "Outcome"));
    let outcome = match c.outcome {
        Some(ConsultationOutcome::Adopted) => b.t(
            "Indstillingen er tiltrådt.",
            "The recommendation is adopted.",
        ),
        Some(ConsultationOutcome::NotAdopted) => b.t(
            "Indstillingen er ikke tiltrådt.",
            "The recommendation is not adopted.",
        ),
        None => b.t(
            "Høringen er endnu ikke afgjort.",
            "The consultation has not yet been decided.",
        ),
    };
    b.para(outcome);
    b.section(
        b.t(
            "Begrundelse for afvigelse fra optællingen",
            "Reason for overriding the count",
        ),
        &c.override_reason,
    );
    let title = format!("{heading} – {} – {}", c.id, c.subject);
    Ok(b.finish(title))
}
