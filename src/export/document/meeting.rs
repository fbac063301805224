//! The meeting's documents: the agenda and the minutes.

use super::*;

pub(super) fn meeting_of<'a>(
    ws: &'a Workspace,
    id: &str,
) -> Result<(&'a Meeting, &'a Forum), ExportError> {
    let m = ws
        .meeting(id)
        .ok_or_else(|| ExportError::UnknownMeeting(id.to_string()))?;
    let f = forum_of(ws, &m.forum, format!("meeting {:?}", m.id))?;
    Ok((m, f))
}

pub(super) fn meeting_fields(
    b: &Builder,
    m: &Meeting,
    minutes: bool,
) -> Vec<(&'static str, String)> {
    let lang = b.lang;
    let mut v = vec![
        (b.t("Dato", "Date"), weekday_long_date(m.date, lang)),
        (
            b.t("Tid", "Time"),
            m.start
                .map(|s| time_range(s, m.end, lang))
                .unwrap_or_default(),
        ),
        (b.t("Sted", "Place"), m.place.clone()),
        (b.t("Formand", "Chair"), m.chair.clone()),
    ];
    if minutes {
        v.push((b.t("Referent", "Minutes taken by"), m.secretary.clone()));
    }
    v.push((b.t("J.nr.", "Ref. no."), m.journal.clone()));
    v
}

/// The forum's standard item with the item's title, if the item is one.
pub(super) fn standard_of<'a>(f: &'a Forum, item: &AgendaItem) -> Option<&'a StandardItem> {
    f.standard_items
        .iter()
        .find(|s| s.title.trim().eq_ignore_ascii_case(item.title.trim()))
}

/// The item's own text, or the case's when the item's is blank.
pub(super) fn item_text<'a>(
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

/// The item's indstilling: its own, the case's, or (for a standard item) the forum's standard text.
pub(super) fn recommendation<'a>(ws: &'a Workspace, f: &'a Forum, item: &'a AgendaItem) -> &'a str {
    let r = item_text(ws, item, |c| &c.recommendation, &item.recommendation);
    if r.trim().is_empty() && item.case.is_none() {
        standard_of(f, item).map_or(r, |s| s.recommendation.as_str())
    } else {
        r
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
pub(super) fn attachment_lines(lang: Language, number: usize, atts: &[&Attachment]) -> Vec<String> {
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

/// "Text (ansvarlig: X, frist: 3. december 2026 – overskredet)". A due date before `as_of` (the
/// meeting the list is for) is marked overdue.
pub(super) fn action_line(
    a: &ActionItem,
    f: &Forum,
    as_of: Option<NaiveDate>,
    lang: Language,
) -> String {
    let mut extra = vec![];
    let owner = authority_of(f, &a.owner_member, &a.owner);
    if !owner.trim().is_empty() {
        extra.push(format!(
            "{}: {}",
            tr(lang, "ansvarlig", "owner"),
            clean_line(owner)
        ));
    }
    if let Some(due) = a.due {
        let overdue = !a.done && as_of.is_some_and(|d| due < d);
        extra.push(format!(
            "{}: {}{}",
            tr(lang, "frist", "due"),
            long_date(due, lang),
            if overdue {
                tr(lang, " – overskredet", " – overdue")
            } else {
                ""
            }
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
/// meeting order, each with where it came from; due dates before `m` are marked overdue. Closed
/// items are skipped in public exports.
pub(super) fn open_actions(
    ws: &Workspace,
    f: &Forum,
    m: &Meeting,
    including: bool,
    opts: &Options,
) -> Vec<String> {
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
                out.push(format!(
                    "{} – {}",
                    action_line(a, f, Some(m.date), lang),
                    source
                ));
            }
        }
    }
    out
}

pub(super) fn closed_title(lang: Language) -> &'static str {
    tr(lang, "Lukket punkt", "Closed item")
}

/// "4. Title", or "4. Lukket punkt" for a closed item in a public export (then hidden is true).
pub(crate) fn item_heading(
    lang: Language,
    n: usize,
    item: &AgendaItem,
    opts: &Options,
) -> (String, bool) {
    if item.closed && opts.public {
        (format!("{n}. {}", closed_title(lang)), true)
    } else {
        (format!("{n}. {}", clean_line(&item.title)), false)
    }
}

pub(super) fn agenda(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
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
    let state = (m.state == MeetingState::Draft).then(|| draft(lang));
    marks(&mut b, state, opts);
    b.heading(1, &format!("{heading}: {}", f.name));
    let fields = meeting_fields(&b, m, false);
    b.fields(fields);
    if m.agenda_version > 1 {
        b.section_at(
            2,
            b.t("Ændringer i denne version", "Changes in this version"),
            &m.revision_note,
        );
    }

    // Page 1: the items at a glance.
    let starts = item_start_times(m);
    b.heading(2, b.t("Dagsordenens punkter", "Items on the agenda"));
    if m.items.is_empty() {
        b.para(b.t(
            "Der er ingen punkter på dagsordenen.",
            "There are no items on the agenda.",
        ));
    } else {
        let rows = m
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (h, hidden) = item_heading(lang, i + 1, item, opts);
                let (nr, title) = h.split_once(". ").unwrap_or(("", &h));
                vec![
                    format!("{nr}."),
                    starts
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|t| clock(t, lang))
                        .unwrap_or_default(),
                    title.to_string(),
                    if hidden {
                        String::new()
                    } else {
                        item.kind.label(lang).to_string()
                    },
                ]
            })
            .collect();
        b.table(
            vec![
                b.t("Nr.", "No."),
                b.t("Tid", "Time"),
                b.t("Punkt", "Item"),
                b.t("Type", "Type"),
            ],
            rows,
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

    for (i, item) in m.items.iter().enumerate() {
        let n = i + 1;
        let (h, hidden) = item_heading(lang, n, item, opts);
        b.heading(2, &h);
        if hidden {
            continue;
        }
        if item.closed {
            b.mark(closed_title(lang));
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
            recommendation(ws, f, item),
        );
        b.section(
            b.t("Sagsfremstilling", "Background"),
            item_text(ws, item, |c| &c.background, &item.background),
        );
        let atts: Vec<&Attachment> = item_attachments(ws, item).iter().collect();
        if !atts.is_empty() {
            b.heading(3, b.t("Bilag", "Annexes"));
            b.list(attachment_lines(lang, n, &atts));
        }
        if item.follow_up {
            b.heading(3, b.t("Åbne opfølgningspunkter", "Open action items"));
            let open = open_actions(ws, f, m, false, opts);
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

pub(super) fn minutes(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (m, f) = meeting_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = b.t("Beslutningsreferat", "Minutes");
    let state = if m.state == MeetingState::Approved {
        Some(match m.approved_date {
            Some(d) => match lang {
                Language::Da => format!("Godkendt den {}", long_date(d, lang)),
                Language::En => format!("Approved on {}", long_date(d, lang)),
            },
            None => b.t("Godkendt", "Approved").to_string(),
        })
    } else {
        Some(draft(lang))
    };
    marks(&mut b, state, opts);
    b.heading(1, &format!("{heading}: {}", f.name));
    let fields = meeting_fields(&b, m, true);
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
            .map(|a| {
                let mem = f.member_ref(&a.member, &a.authority);
                let authority = mem.map_or(a.authority.as_str(), |x| x.authority.as_str());
                let representative = mem.map_or("", |x| x.representative.as_str());
                match kind {
                    AttendanceKind::Absent => member_line(
                        authority,
                        if a.name.trim().is_empty() {
                            representative
                        } else {
                            &a.name
                        },
                    ),
                    AttendanceKind::Present => member_line(authority, &a.name),
                    AttendanceKind::Substitute if a.name.trim().is_empty() => clean_line(authority),
                    AttendanceKind::Substitute if representative.trim().is_empty() => format!(
                        "{}: {} ({})",
                        clean_line(authority),
                        clean_line(&a.name),
                        tr(lang, "stedfortræder", "substitute")
                    ),
                    AttendanceKind::Substitute => format!(
                        "{}: {} ({} {})",
                        clean_line(authority),
                        clean_line(&a.name),
                        tr(lang, "stedfortræder for", "substituting for"),
                        clean_line(representative)
                    ),
                }
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
        if item.closed {
            b.mark(closed_title(lang));
        }
        b.fields(vec![(
            b.t("Type", "Type"),
            item.kind.label(lang).to_string(),
        )]);
        b.section(
            b.t("Indstilling", "Recommendation"),
            recommendation(ws, f, item),
        );
        let decision = item.minutes.decision.trim();
        match item.kind {
            ItemKind::Decision => {
                b.heading(3, b.t("Beslutning", "Decision"));
                if decision.is_empty() {
                    b.para(b.t("Ingen beslutning registreret.", "No decision recorded."));
                } else {
                    b.para(decision);
                }
            }
            ItemKind::Discussion => b.section(b.t("Konklusion", "Conclusion"), decision),
            ItemKind::Information => b.section(b.t("Referat", "Notes"), decision),
        }
        if !item.minutes.action_items.is_empty() {
            b.heading(3, b.t("Opfølgningspunkter", "Action items"));
            b.list(
                item.minutes
                    .action_items
                    .iter()
                    .map(|a| action_line(a, f, None, lang))
                    .collect(),
            );
        }
    }

    b.heading(2, b.t("Opfølgningsliste", "Follow-up list"));
    let open = open_actions(ws, f, m, true, opts);
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
