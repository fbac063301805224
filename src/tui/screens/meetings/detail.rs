//! The open meeting: its header, agenda, minutes and the pane for the part under the cursor.

use super::*;

pub(super) fn kind_short(app: &App, k: ItemKind) -> &'static str {
    match k {
        ItemKind::Decision => app.t("beslutning", "decision"),
        ItemKind::Discussion => app.t("drøftelse", "discussion"),
        ItemKind::Information => app.t("orientering", "information"),
    }
}

pub(super) fn pad(s: &str, w: usize) -> String {
    let t = truncate(&safe_line(s), w);
    let n = w.saturating_sub(str_width(&t));
    format!("{t}{}", " ".repeat(n))
}

pub(super) fn action_line(
    app: &App,
    a: &ActionItem,
    width: usize,
    indent: usize,
) -> (String, Style) {
    let th = Theme::new(app.color);
    let overdue = !a.done && a.due.is_some_and(|d| d < app.today);
    let mut s = format!(
        "{}{} {}",
        " ".repeat(indent),
        if a.done { "[x]" } else { "[ ]" },
        a.text
    );
    if !a.owner.is_empty() {
        s.push_str(&format!(" — {}", a.owner));
    }
    if let Some(d) = a.due {
        s.push_str(&format!(", {} {}", app.t("frist", "due"), short_date(d)));
    }
    if overdue {
        s.push_str(&format!(" ({})", app.t("OVERSKREDET", "OVERDUE")));
    }
    let st = if overdue {
        th.error()
    } else if a.done {
        th.hint()
    } else {
        Style::default()
    };
    (truncate(&safe_line(&s), width), st)
}

/// The dispatch line: deadline (red when missed) or when it was sent.
pub(super) fn dispatch_line(app: &App, m: &Meeting) -> (String, Style) {
    let th = Theme::new(app.color);
    let l = app.lang;
    let deadline = ops::dispatch_deadline(&app.ws, m);
    match (m.state, m.sent_date) {
        (MeetingState::Draft, _) => {
            let prefix = if m.agenda_version > 1 {
                format!("{} v{} · ", app.t("revideret", "revised"), m.agenda_version)
            } else {
                String::new()
            };
            if deadline < app.today && m.agenda_version == 1 {
                (
                    format!(
                        "{prefix}{} {} ({})",
                        app.t("udsendelse OVERSKREDET:", "dispatch MISSED:"),
                        short_date(deadline),
                        super::super::common::days_left(app.today, deadline, l)
                    ),
                    th.error(),
                )
            } else {
                let st = if m.agenda_version > 1 || (deadline - app.today).num_days() <= 2 {
                    th.warn()
                } else {
                    Style::default()
                };
                (
                    format!(
                        "{prefix}{} {} ({})",
                        app.t("udsendes senest", "dispatch by"),
                        short_date(deadline),
                        super::super::common::days_left(app.today, deadline, l)
                    ),
                    st,
                )
            }
        }
        (_, Some(sent)) => (
            format!(
                "{} {} ({} {}){}",
                app.t("dagsorden udsendt", "agenda sent"),
                short_date(sent),
                app.t("version", "version"),
                m.agenda_version,
                if sent > deadline {
                    app.t(", efter fristen", ", after the deadline")
                } else {
                    ""
                }
            ),
            th.ok(),
        ),
        (_, None) => (
            app.t("dagsorden ikke udsendt", "agenda not sent").into(),
            th.hint(),
        ),
    }
}

/// The keys for the next steps in the meeting's state, for the header.
pub(super) fn next_keys(app: &App, m: &Meeting) -> &'static str {
    match m.state {
        MeetingState::Draft => app.t(
            "a sag · i punkt · e rediger · K/J flyt · s markér udsendt · w filer",
            "a case · i item · e edit · K/J move · s mark sent · w files",
        ),
        MeetingState::Sent => app.t(
            "w skriv filer · H markér afholdt · ændringer giver revideret dagsorden",
            "w write files · H mark held · changes make a revised agenda",
        ),
        MeetingState::Held => app.t(
            "t fremmøde · b beslutning · f formulering · o opfølgning · A godkend",
            "t attendance · b decision · f formula · o action item · A approve",
        ),
        MeetingState::Approved => app.t(
            "låst · w skriv referat · R genåbn · Mellemrum: opfølgning udført",
            "locked · w write minutes · R reopen · Space: action item done",
        ),
    }
}

pub(super) fn attendance_summary(app: &App, m: &Meeting) -> String {
    let count = |k: AttendanceKind| m.attendance.iter().filter(|a| a.kind == k).count();
    let subs = count(AttendanceKind::Substitute);
    format!(
        "{} {}, {subs} {}, {} {}",
        count(AttendanceKind::Present),
        app.t("til stede", "present"),
        if subs == 1 {
            app.t("stedfortræder", "substitute")
        } else {
            app.t("stedfortrædere", "substitutes")
        },
        count(AttendanceKind::Absent),
        app.t("afbud", "absent"),
    )
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Meetings);
    let Some(d) = &v.detail else {
        draw_list(app, ScreenId::Meetings, f, area, app.t("Møder", "Meetings"));
        return;
    };
    let Some(m) = app.ws.meeting(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let l = app.lang;
    let width = area.width as usize;
    let forum = app
        .ws
        .forum(&m.forum)
        .map_or(m.forum.clone(), |f| f.name.clone());
    let ps = parts(app, m);
    let pane_h = (area.height / 4 + 1).clamp(5, 12);
    // The meeting-level fields stay at the top; the agenda below scrolls with the cursor.
    let mut p = Page::in_lang(app.lang);
    let time = match (m.start, m.end) {
        (Some(s), Some(e)) => format!("{}–{}", format_time(s, l), format_time(e, l)),
        (Some(s), None) => format_time(s, l),
        _ => "—".into(),
    };
    let place = if m.place.is_empty() { "—" } else { &m.place };
    let w = 11;
    p.field(
        &th,
        app.t("Tid, sted", "Time, place"),
        &truncate(&format!("{time}, {place}"), width.saturating_sub(w + 1)),
        w,
    );
    let state = m.state.label(l).to_string();
    let (dl, ds) = dispatch_line(app, m);
    p.line(Line::from(vec![
        span(pad(app.t("Tilstand", "State"), w), th.hint()),
        Span::raw(" "),
        span(state.clone(), Style::default()),
        Span::raw(" · "),
        span(
            truncate(&dl, width.saturating_sub(w + 4 + str_width(&state))),
            ds,
        ),
    ]));
    if held(m) && !m.attendance.is_empty() {
        p.field(
            &th,
            app.t("Fremmøde", "Attendance"),
            &truncate(&attendance_summary(app, m), width.saturating_sub(w + 1)),
            w,
        );
    }
    p.line(Line::from(vec![
        span(pad(app.t("Taster", "Keys"), w), th.hint()),
        Span::raw(" "),
        span(
            truncate(next_keys(app, m), width.saturating_sub(w + 1)),
            th.key(),
        ),
    ]));
    if let Some(r) = m.reopened.last() {
        p.line(Line::from(span(
            truncate(
                &format!(
                    "{} {} {} {}: {}",
                    app.t("Genåbnet", "Reopened"),
                    r.at.at.format("%d-%m-%Y"),
                    app.t("af", "by"),
                    r.at.by,
                    r.text.lines().collect::<Vec<_>>().join(" ")
                ),
                width,
            ),
            th.hint(),
        )));
    }
    if let Some(over) = crate::export::timing::overrun_minutes(m) {
        let end = crate::export::timing::planned_end(m)
            .map(|t| format_time(t, l))
            .unwrap_or_else(|| "—".into());
        p.line(Line::from(span(
            truncate(
                &format!(
                    "⚠ {} {over} min {} ({} {end})",
                    app.t("Punkterne løber", "The items run"),
                    app.t("over mødets sluttid", "past the meeting's end"),
                    app.t("slutter", "ending"),
                ),
                width,
            ),
            th.warn(),
        )));
    }
    if m.agenda_version > 1 && !m.revision_note.trim().is_empty() {
        let note = m.revision_note.lines().collect::<Vec<_>>().join("; ");
        p.line(Line::from(span(
            truncate(
                &format!(
                    "{} v{}: {note}",
                    app.t("Ændret i", "Changed in"),
                    m.agenda_version
                ),
                width,
            ),
            th.hint(),
        )));
    }
    if let Some(s) = crate::tui::mail::dispatch_summary(app, &m.dispatches) {
        let st = if s.1 { th.error() } else { th.hint() };
        p.line(Line::from(vec![
            span(pad(app.t("E-mail", "E-mail"), w), th.hint()),
            Span::raw(" "),
            span(truncate(&s.0, width.saturating_sub(w + 1)), st),
        ]));
    }
    let header = std::mem::take(&mut p.lines);
    let header_h = (header.len() as u16 + 1).min(area.height.saturating_sub(pane_h + 3));
    let [top, agenda, bottom] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Min(3),
        Constraint::Length(pane_h),
    ])
    .areas(area);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(th.hint())
        .title(Span::styled(
            format!(
                " {} ",
                safe_line(&format!("{} {}", forum, long_date(m.date, l)))
            ),
            th.title(),
        ));
    f.render_widget(Paragraph::new(header).block(block), top);

    // Item rows: number, start time, title, kind, presenter, minutes.
    let pw = if width >= 110 { 26 } else { 14 };
    let kw = 11;
    // "nnn. " + "hh.mm " + title + " " + kind + " " + presenter + " " + "nnn min"
    let fixed = 5 + 6 + 1 + kw + 1 + pw + 1 + 7;
    let tw = width.saturating_sub(fixed).max(10);
    let starts = crate::export::timing::item_start_times(m);
    let earlier = follow_ups(app, m);
    for (i, it) in m.items.iter().enumerate() {
        let start = starts
            .get(i)
            .copied()
            .flatten()
            .map(|t| format_time(t, l))
            .unwrap_or_else(|| "  —".into());
        let title = if it.closed {
            format!("({}) {}", app.t("L", "C"), it.title)
        } else {
            it.title.clone()
        };
        p.part(Line::from(format!(
            "{:>3}. {:<5} {} {} {} {:>3} min",
            i + 1,
            start,
            pad(&title, tw),
            pad(kind_short(app, it.kind), kw),
            pad(&it.presenter, pw),
            it.minutes_allotted
        )));
        if it.follow_up {
            if earlier.is_empty() {
                p.line(Line::from(span(
                    format!(
                        "      {}",
                        app.t("(ingen åbne opfølgningspunkter)", "(no open action items)")
                    ),
                    th.hint(),
                )));
            }
            for fu in &earlier {
                let (s, st) = action_line(app, &fu.action, width, 6);
                p.part(Line::from(span(s, st)));
            }
        }
        if held(m) {
            let dec = it.minutes.decision.trim();
            if !dec.is_empty() {
                let first = dec.lines().next().unwrap_or("");
                p.line(Line::from(span(
                    truncate(
                        &format!("      {} {first}", app.t("Beslutning:", "Decision:")),
                        width,
                    ),
                    th.ok(),
                )));
            } else if it.case.is_some() {
                p.line(Line::from(span(
                    format!(
                        "      {}",
                        app.t(
                            "(mangler beslutning; [b] skriver)",
                            "(no decision yet; [b] writes)"
                        )
                    ),
                    th.warn(),
                )));
            }
            for a in &it.minutes.action_items {
                let (s, st) = action_line(app, a, width, 6);
                p.part(Line::from(span(s, st)));
            }
        }
    }
    let total = crate::export::timing::total_minutes(m);
    let ends = crate::export::timing::planned_end(m)
        .map(|t| format!(" · {} {}", app.t("slutter", "ends"), format_time(t, l)))
        .unwrap_or_default();
    p.line(Line::from(span(
        format!("      {} {total} min{ends}", app.t("I alt", "Total")),
        th.hint(),
    )));
    p.draw(
        app,
        f,
        agenda,
        &format!(
            "{} ({} {})",
            app.t("Dagsorden", "Agenda"),
            m.items.len(),
            app.t("punkter", "items")
        ),
        d.cursor,
    );
    draw_pane(app, m, ps.get(d.cursor), f, bottom, &th);
}

/// A multi-line text after a label: its first line next to the label, the others below, as on
/// the case page (a line break never shows as a control picture).
pub(super) fn labelled_lines(lines: &mut Vec<Line<'static>>, label: Span<'static>, text: &str) {
    let text = safe_block(text.trim()).into_owned();
    let mut rest = text.lines();
    lines.push(Line::from(vec![
        label,
        Span::raw(rest.next().unwrap_or_default().to_string()),
    ]));
    for l in rest {
        lines.push(Line::from(l.to_string()));
    }
}

/// The pane under the agenda: the selected item's recommendation, attachments and minutes, or the
/// selected action item.
pub(super) fn draw_pane(
    app: &App,
    m: &Meeting,
    part: Option<&Part>,
    f: &mut Frame,
    area: Rect,
    th: &Theme,
) {
    let l = app.lang;
    let mut lines: Vec<Line<'static>> = vec![];
    let title = match part {
        Some(Part::Item(i)) => {
            let Some(it) = m.items.get(*i) else { return };
            let n = i + 1;
            let mut facts = vec![it.kind.label(l).to_string()];
            if !it.presenter.is_empty() {
                facts.push(format!("{} {}", app.t("v/", "by"), it.presenter));
            }
            facts.push(format!("{} min", it.minutes_allotted));
            if let Some(c) = &it.case {
                facts.push(format!("{} {c}", app.t("sag", "case")));
            }
            if it.closed {
                facts.push(app.t("lukket punkt", "closed item").into());
            }
            lines.push(Line::from(span(facts.join(" · "), th.hint())));
            if !it.recommendation.trim().is_empty() {
                labelled_lines(
                    &mut lines,
                    span(app.t("Indstilling: ", "Recommendation: "), th.title()),
                    &it.recommendation,
                );
            }
            for (k, a) in it.attachments.iter().enumerate() {
                lines.push(Line::from(format!(
                    "{} {n}.{} {}",
                    app.t("Bilag", "Attachment"),
                    k + 1,
                    safe_line(&a.title)
                )));
            }
            if held(m) && !it.minutes.decision.trim().is_empty() {
                labelled_lines(
                    &mut lines,
                    span(app.t("Beslutning: ", "Decision: "), th.title()),
                    &it.minutes.decision,
                );
            }
            format!("{} {n}: {}", app.t("Punkt", "Item"), it.title)
        }
        Some(Part::Action {
            meeting,
            item,
            index,
        }) => {
            let Some(src) = app.ws.meeting(meeting) else {
                return;
            };
            let Some(a) = src
                .items
                .get(*item)
                .and_then(|it| it.minutes.action_items.get(*index))
            else {
                return;
            };
            for l in safe_block(a.text.trim()).lines() {
                lines.push(Line::from(l.to_string()));
            }
            lines.push(Line::from(format!(
                "{} {} · {} {} · {}",
                app.t("Ansvarlig:", "Owner:"),
                if a.owner.is_empty() { "—" } else { &a.owner },
                app.t("frist", "due"),
                a.due.map(short_date).unwrap_or_else(|| "—".into()),
                if a.done {
                    app.t("udført", "done")
                } else {
                    app.t("åben", "open")
                }
            )));
            lines.push(Line::from(span(
                app.t(
                    "Mellemrum markerer udført / ikke udført.",
                    "Space marks it done / not done.",
                ),
                th.hint(),
            )));
            format!(
                "{} {}, {} {}",
                app.t(
                    "Opfølgningspunkt fra mødet",
                    "Action item from the meeting of"
                ),
                short_date(src.date),
                app.t("punkt", "item"),
                item + 1
            )
        }
        None => {
            lines.push(Line::from(span(
                app.t(
                    "Ingen punkter endnu: [a] tilføjer en sag, [i] et punkt.",
                    "No items yet: [a] adds a case, [i] an item.",
                ),
                th.hint(),
            )));
            String::new()
        }
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(th.hint())
        .title(Span::styled(
            format!(
                " {} ",
                truncate(&safe_line(&title), (area.width as usize).saturating_sub(4))
            ),
            th.title(),
        ));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

// ----- forms -----
