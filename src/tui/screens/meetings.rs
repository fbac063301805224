//! Meetings ("møder"): the list; a meeting with its agenda (the agenda builder: cases from a
//! picker, items, order, times, attachments, dispatch and revised versions); the minutes
//! (attendance, decisions with the standard formulas, action items, approval and reopening); and
//! the files for distribution.
//!
//! The open meeting's cursor stands on its parts: every agenda item, and under an item its action
//! items (once the meeting is held) and, under "Opfølgning på beslutninger", the open action items
//! of earlier meetings. [`parts`] lists them; rendering and the keys both read it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::cases::{attachments_text, parse_attachments, snake, unsnake};
use super::common::{Page, cell, long_date, short_date, span};
use crate::export::{self, DocKind, Format, Options};
use crate::i18n::Label;
use crate::model::{
    ActionItem, AgendaItem, AnyRecord, Attendance, AttendanceKind, CaseKind, CaseState, ItemKind,
    Meeting, MeetingState, RecordKind,
};
use crate::ops::meeting as ops;
use crate::rules::deviation::Category;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Detail, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::input_parse::{format_date, format_time};
use crate::tui::keymap::{Binding, DELETE, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::{Pending, PickerItem};
use crate::tui::render::draw_list;
use crate::tui::text::{safe_block, safe_line, str_width, truncate};
use crate::tui::theme::Theme;

const LIST_KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Nyt møde", "New meeting"),
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger mødet",
        "Edit the meeting",
    ),
    bind(
        &[ch('c')],
        Action::CopyMeeting,
        "Nyt møde som kopi af strukturen",
        "New meeting copying the structure",
    ),
    bind(
        &[ch('w')],
        Action::Export,
        "Skriv dagsorden/referat til out/",
        "Write agenda/minutes to out/",
    ),
    DELETE,
];

const DETAIL_KEYS: &[Binding] = &[
    bind(&[ch('a')], Action::AddCase, "Tilføj sag", "Add case"),
    bind(&[ch('i')], Action::AddItem, "Nyt punkt", "New item"),
    bind(&[ch('e')], Action::Edit, "Rediger punkt", "Edit item"),
    bind(&[ch('K')], Action::MoveUp, "Flyt op", "Move up"),
    bind(&[ch('J')], Action::MoveDown, "Flyt ned", "Move down"),
    bind(&[ch('x')], Action::RemoveItem, "Fjern", "Remove"),
    bind(
        &[ch('s')],
        Action::Dispatch,
        "Markér dagsorden udsendt (ingen e-mail)",
        "Mark agenda sent (no e-mail)",
    ),
    bind(&[ch('H')], Action::MarkHeld, "Markér afholdt", "Mark held"),
    bind(&[ch('t')], Action::Attendance, "Fremmøde", "Attendance"),
    bind(&[ch('b')], Action::EditDecision, "Beslutning", "Decision"),
    bind(
        &[ch('f')],
        Action::InsertFormula,
        "Standardformulering",
        "Standard formula",
    ),
    bind(
        &[ch('o')],
        Action::AddActionItem,
        "Opfølgningspunkt",
        "Action item",
    ),
    bind(
        &[ch(' ')],
        Action::ToggleDone,
        "Udført / ikke udført",
        "Done / not done",
    ),
    bind(
        &[ch('A')],
        Action::Approve,
        "Godkend referat",
        "Approve minutes",
    ),
    bind(
        &[ch('R')],
        Action::Reopen,
        "Genåbn referat",
        "Reopen minutes",
    ),
    bind(
        &[ch('w')],
        Action::Export,
        "Skriv filer, PDF eller mødepakke til out/",
        "Write files, PDF or meeting pack to out/",
    ),
    bind(
        &[ch('c')],
        Action::CopyMeeting,
        "Kopiér strukturen til nyt møde",
        "Copy the structure to a new meeting",
    ),
    bind(
        &[ch('m')],
        Action::EditMeeting,
        "Rediger mødet",
        "Edit the meeting",
    ),
    bind(
        &[ch('B')],
        Action::Bilag,
        "Punktets bilag: vedhæft, omdøb, fjern",
        "The item's bilag: attach, rename, remove",
    ),
    bind(
        &[ch('d')],
        Action::Delete,
        "Slet mødet",
        "Delete the meeting",
    ),
    bind(
        &[ch('M')],
        Action::SendMail,
        "Send dagsorden/referat med e-mail (og markér udsendt)",
        "Send agenda/minutes by e-mail (and mark sent)",
    ),
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}

/// Form keys of the attendance form: one choice and one name per member (the first 40 members).
const ATT_KINDS: [&str; 40] = [
    "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12", "a13", "a14",
    "a15", "a16", "a17", "a18", "a19", "a20", "a21", "a22", "a23", "a24", "a25", "a26", "a27",
    "a28", "a29", "a30", "a31", "a32", "a33", "a34", "a35", "a36", "a37", "a38", "a39",
];
const ATT_NAMES: [&str; 40] = [
    "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12", "n13", "n14",
    "n15", "n16", "n17", "n18", "n19", "n20", "n21", "n22", "n23", "n24", "n25", "n26", "n27",
    "n28", "n29", "n30", "n31", "n32", "n33", "n34", "n35", "n36", "n37", "n38", "n39",
];

// ----- the list -----

pub fn model(app: &App) -> ListModel {
    let l = app.lang;
    let rows = app
        .ws
        .meetings
        .iter()
        .rev()
        .map(|m| {
            let forum = app
                .ws
                .forum(&m.forum)
                .map_or(m.forum.clone(), |f| f.name.clone());
            let state = if m.agenda_version > 1 && m.state != MeetingState::Approved {
                format!("{} v{}", m.state.label(l), m.agenda_version)
            } else {
                m.state.label(l).to_string()
            };
            ListRow::new(
                &m.id,
                vec![
                    cell(short_date(m.date)),
                    cell(forum),
                    cell(&m.place),
                    cell(state),
                    cell(m.items.len().to_string()),
                ],
                &m.id,
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Dato", "Date"),
            app.t("Forum", "Forum"),
            app.t("Sted", "Place"),
            app.t("Tilstand", "State"),
            app.t("Punkter", "Items"),
        ],
        widths: vec![
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(17),
            Constraint::Length(7),
        ],
        rows,
    }
}

// ----- the parts of an open meeting -----

/// A part of the open meeting the cursor can stand on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Agenda item (0-based).
    Item(usize),
    /// An action item: the meeting it was recorded at, its agenda item and its place there.
    Action {
        meeting: String,
        item: usize,
        index: usize,
    },
}

/// The open action items of earlier meetings, listed under the follow-up item.
fn follow_ups(app: &App, m: &Meeting) -> Vec<ops::FollowUp> {
    ops::follow_up_list(&app.ws, app.today, false)
        .into_iter()
        .filter(|f| f.meeting != m.id && f.meeting_date < m.date)
        .collect()
}

fn held(m: &Meeting) -> bool {
    matches!(m.state, MeetingState::Held | MeetingState::Approved)
}

/// Every part of the meeting, in the order shown.
pub fn parts(app: &App, m: &Meeting) -> Vec<Part> {
    let mut out = vec![];
    let earlier = follow_ups(app, m);
    for (i, it) in m.items.iter().enumerate() {
        out.push(Part::Item(i));
        if it.follow_up {
            out.extend(earlier.iter().map(|f| Part::Action {
                meeting: f.meeting.clone(),
                item: f.item,
                index: f.index,
            }));
        }
        if held(m) {
            out.extend((0..it.minutes.action_items.len()).map(|k| Part::Action {
                meeting: m.id.clone(),
                item: i,
                index: k,
            }));
        }
    }
    out
}

fn open_meeting(app: &App) -> Option<(&Detail, &Meeting)> {
    let d = app.view_of(ScreenId::Meetings).detail.as_ref()?;
    Some((d, app.ws.meeting(&d.id)?))
}

pub fn detail_len(app: &App) -> usize {
    open_meeting(app).map_or(0, |(_, m)| parts(app, m).len())
}

/// Puts the cursor on `part` (when it is there).
pub fn focus(app: &mut App, part: &Part) {
    let Some((_, m)) = open_meeting(app) else {
        return;
    };
    let ps = parts(app, m);
    if let Some(i) = ps.iter().position(|p| p == part)
        && let Some(d) = &mut app.view_of_mut(ScreenId::Meetings).detail
    {
        d.cursor = i;
    }
}

/// Keeps the cursor within the parts after a change.
fn clamp_cursor(app: &mut App) {
    let n = detail_len(app);
    if let Some(d) = &mut app.view_of_mut(ScreenId::Meetings).detail {
        d.cursor = d.cursor.min(n.saturating_sub(1));
    }
}

// ----- rendering -----

fn kind_short(app: &App, k: ItemKind) -> &'static str {
    match k {
        ItemKind::Decision => app.t("beslutning", "decision"),
        ItemKind::Discussion => app.t("drøftelse", "discussion"),
        ItemKind::Information => app.t("orientering", "information"),
    }
}

fn pad(s: &str, w: usize) -> String {
    let t = truncate(&safe_line(s), w);
    let n = w.saturating_sub(str_width(&t));
    format!("{t}{}", " ".repeat(n))
}

fn action_line(app: &App, a: &ActionItem, width: usize, indent: usize) -> (String, Style) {
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
fn dispatch_line(app: &App, m: &Meeting) -> (String, Style) {
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
                        super::common::days_left(app.today, deadline, l)
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
                        super::common::days_left(app.today, deadline, l)
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
fn next_keys(app: &App, m: &Meeting) -> &'static str {
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

fn attendance_summary(app: &App, m: &Meeting) -> String {
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
fn labelled_lines(lines: &mut Vec<Line<'static>>, label: Span<'static>, text: &str) {
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
fn draw_pane(app: &App, m: &Meeting, part: Option<&Part>, f: &mut Frame, area: Rect, th: &Theme) {
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

fn meeting_form(app: &App, m: &Meeting, what: &str, target: Option<&str>) -> Form {
    let l = app.lang;
    let mut fields = vec![];
    if what == "new" {
        fields.push(
            Field::new(
                "forum",
                app.t("Forum", "Forum"),
                FieldKind::Ref(RefKind::Forum),
                &m.forum,
            )
            .required(),
        );
    }
    fields.extend([
        Field::new(
            "date",
            app.t("Dato", "Date"),
            FieldKind::Date,
            &if what == "copy" {
                String::new()
            } else {
                format_date(m.date)
            },
        )
        .required(),
        Field::new(
            "start",
            app.t("Start", "Start"),
            FieldKind::Time,
            &m.start.map(|t| format_time(t, l)).unwrap_or_default(),
        ),
        Field::new(
            "end",
            app.t("Slut", "End"),
            FieldKind::Time,
            &m.end.map(|t| format_time(t, l)).unwrap_or_default(),
        ),
        Field::new("place", app.t("Sted", "Place"), FieldKind::Text, &m.place),
        Field::new(
            "chair",
            app.t("Formand", "Chair"),
            FieldKind::Text,
            &m.chair,
        ),
        Field::new(
            "secretary",
            app.t("Referent", "Minutes taken by"),
            FieldKind::Text,
            &m.secretary,
        ),
        Field::new(
            "journal",
            app.t("J.nr.", "Ref. no."),
            FieldKind::Text,
            &m.journal,
        ),
    ]);
    let title = match (what, target) {
        ("copy", Some(id)) => format!(
            "{} {id}",
            app.t(
                "Nyt møde med strukturen fra",
                "New meeting with the structure of"
            )
        ),
        (_, Some(id)) => format!("{} {id}", app.t("Rediger møde", "Edit meeting")),
        (_, None) => app.t("Nyt møde", "New meeting").to_string(),
    };
    Form::new(
        &title,
        App::purpose(ScreenId::Meetings, what, target),
        fields,
    )
}

fn kind_options(app: &App) -> Vec<(String, String)> {
    [
        ItemKind::Decision,
        ItemKind::Discussion,
        ItemKind::Information,
    ]
    .iter()
    .map(|k| (snake(k), k.label(app.lang).to_string()))
    .collect()
}

fn yes_no(app: &App) -> Vec<(String, String)> {
    vec![
        ("no".into(), app.t("Nej", "No").into()),
        ("yes".into(), app.t("Ja", "Yes").into()),
    ]
}

fn item_form(app: &App, mid: &str, it: &AgendaItem, index: Option<usize>) -> Form {
    let title = match index {
        Some(i) => format!("{} {}", app.t("Rediger punkt", "Edit item"), i + 1),
        None => app.t("Nyt punkt", "New item").to_string(),
    };
    let what = match index {
        Some(i) => format!("item:{i}"),
        None => "add-item".into(),
    };
    Form::new(
        &title,
        App::purpose(ScreenId::Meetings, &what, Some(mid)),
        vec![
            Field::new("title", app.t("Titel", "Title"), FieldKind::Text, &it.title).required(),
            Field::new(
                "kind",
                app.t("Art", "Kind"),
                FieldKind::Choice(kind_options(app)),
                &snake(&it.kind),
            ),
            Field::new(
                "presenter",
                app.t("Oplægsholder", "Presenter"),
                FieldKind::Text,
                &it.presenter,
            ),
            Field::new(
                "minutes",
                app.t("Minutter", "Minutes"),
                FieldKind::Number,
                &it.minutes_allotted.to_string(),
            ),
            Field::new(
                "recommendation",
                app.t("Indstilling", "Recommendation"),
                FieldKind::Multiline,
                &it.recommendation,
            ),
            Field::new(
                "background",
                app.t("Sagsfremstilling", "Background"),
                FieldKind::Multiline,
                &it.background,
            ),
            Field::new(
                "attachments",
                app.t("Bilag (titel | sti)", "Attachments (title | path)"),
                FieldKind::Multiline,
                &attachments_text(&it.attachments),
            ),
            Field::new(
                "closed",
                app.t("Lukket punkt", "Closed item"),
                FieldKind::Choice(yes_no(app)),
                if it.closed { "yes" } else { "no" },
            ),
        ],
    )
}

fn decision_form(app: &App, mid: &str, i: usize, it: &AgendaItem, text: &str) -> Form {
    let mut f = Form::new(
        &format!(
            "{} {}: {}",
            app.t("Beslutning, punkt", "Decision, item"),
            i + 1,
            truncate(&it.title, 50)
        ),
        App::purpose(ScreenId::Meetings, &format!("decision:{i}"), Some(mid)),
        vec![Field::new(
            "decision",
            app.t("Beslutning", "Decision"),
            FieldKind::Multiline,
            text,
        )],
    );
    // Opened with a formula inserted: that counts as typed, so Esc asks before throwing it away.
    if let Some(field) = f.fields.first_mut() {
        field.initial = it.minutes.decision.clone();
    }
    f
}

fn action_form(app: &App, mid: &str, item: usize, index: Option<usize>, a: &ActionItem) -> Form {
    let what = match index {
        Some(k) => format!("action:{item}:{k}"),
        None => format!("action:{item}"),
    };
    Form::new(
        &format!(
            "{}, {} {}",
            app.t("Opfølgningspunkt", "Action item"),
            app.t("punkt", "item"),
            item + 1
        ),
        App::purpose(ScreenId::Meetings, &what, Some(mid)),
        vec![
            Field::new("text", app.t("Tekst", "Text"), FieldKind::Text, &a.text).required(),
            Field::new(
                "owner",
                app.t("Ansvarlig", "Owner"),
                FieldKind::Text,
                &a.owner,
            ),
            Field::new(
                "due",
                app.t("Frist", "Due"),
                FieldKind::Date,
                &a.due.map(format_date).unwrap_or_default(),
            ),
        ],
    )
}

fn attendance_options(app: &App) -> Vec<(String, String)> {
    [
        AttendanceKind::Present,
        AttendanceKind::Absent,
        AttendanceKind::Substitute,
    ]
    .iter()
    .map(|k| (snake(k), k.label(app.lang).to_string()))
    .collect()
}

fn attendance_form(app: &App, m: &Meeting) -> Option<Form> {
    let forum = app.ws.forum(&m.forum)?;
    if forum.members.is_empty() {
        return None;
    }
    let mut fields = vec![];
    for (i, mem) in forum.members.iter().enumerate().take(ATT_KINDS.len()) {
        let cur = m.attendance.iter().find(|a| a.authority == mem.authority);
        let kind = cur.map_or(AttendanceKind::Present, |a| a.kind);
        let name = cur
            .map(|a| a.name.clone())
            .filter(|n| !n.trim().is_empty() || kind == AttendanceKind::Substitute)
            .unwrap_or_else(|| mem.representative.clone());
        fields.push(Field::new(
            ATT_KINDS[i],
            &mem.authority,
            FieldKind::Choice(attendance_options(app)),
            &snake(&kind),
        ));
        fields.push(Field::new(
            ATT_NAMES[i],
            app.t("  navn", "  name"),
            FieldKind::Text,
            &name,
        ));
    }
    Some(Form::new(
        &format!(
            "{} {} ({})",
            app.t("Fremmøde", "Attendance"),
            short_date(m.date),
            app.t(
                "←/→ skifter, navn på stedfortræder",
                "←/→ changes, substitute's name"
            )
        ),
        App::purpose(ScreenId::Meetings, "attendance", Some(&m.id)),
        fields,
    ))
}

// ----- actions -----

/// The open meeting and the part under the cursor.
fn current(app: &App) -> Option<(Meeting, Option<Part>)> {
    let (d, m) = open_meeting(app)?;
    let part = parts(app, m).get(d.cursor).cloned();
    Some((m.clone(), part))
}

/// The agenda item the cursor is on (an action item of this meeting counts as its item).
fn selected_item(app: &mut App) -> Option<(Meeting, usize)> {
    let (m, part) = current(app)?;
    match part {
        Some(Part::Item(i)) => Some((m, i)),
        Some(Part::Action { meeting, item, .. }) if meeting == m.id => Some((m, item)),
        _ => {
            app.flash(
                app.t(
                    "Vælg et punkt på dagsordenen (j/k).",
                    "Select an agenda item (j/k).",
                ),
                Tone::Info,
            );
            None
        }
    }
}

/// Says why the agenda cannot change once the meeting is held.
fn agenda_locked(app: &mut App, m: &Meeting) -> bool {
    if ops::agenda_editable(m).is_err() {
        app.flash(
            app.t(
                "Mødet er afholdt; dagsordenen kan ikke ændres ([b] skriver beslutningen).",
                "The meeting is held; the agenda cannot change ([b] writes the decision).",
            ),
            Tone::Error,
        );
        return true;
    }
    false
}

/// Says why the minutes cannot be written now.
fn minutes_locked(app: &mut App, m: &Meeting) -> bool {
    // The rule is ops' (minutes_editable); the words here add the key that helps.
    if ops::minutes_editable(m).is_ok() {
        return false;
    }
    let msg = match m.state {
        MeetingState::Approved => app.t(
            "Referatet er godkendt og låst; [R] genåbner det.",
            "The minutes are approved and locked; R reopens them.",
        ),
        _ => app.t(
            "Markér først mødet som afholdt (H).",
            "Mark the meeting held first (H).",
        ),
    };
    app.flash(msg, Tone::Error);
    true
}

fn with_meeting(app: &App, s: ScreenId) -> bool {
    app.screen == s && app.view_of(s).detail.is_some()
}

pub fn update(app: &mut App, a: Action) -> bool {
    let detail = with_meeting(app, ScreenId::Meetings);
    match a {
        Action::New => {
            let mut m = Meeting::new(
                "",
                app.ws.settings.default_forum.as_deref().unwrap_or(""),
                app.today,
            );
            m.date = app.today;
            let f = meeting_form(app, &m, "new", None);
            app.open_form(f);
        }
        Action::EditMeeting => edit_meeting(app),
        Action::Edit if !detail => edit_meeting(app),
        Action::Edit => edit_part(app),
        Action::CopyMeeting => {
            let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
                return true;
            };
            let f = meeting_form(app, &m, "copy", Some(&m.id));
            app.open_form(f);
        }
        Action::Export => {
            if let Some(id) = app.current_id() {
                offer_exports(app, &id);
            }
        }
        Action::Delete => ask_delete(app),
        Action::SendMail => {
            if let Some((m, _)) = current(app) {
                let kind = if held(&m) {
                    crate::model::DispatchKind::Minutes
                } else {
                    crate::model::DispatchKind::Agenda
                };
                crate::tui::mail::ask_send(app, kind, &m.id);
            }
        }
        _ if !detail => return false,
        Action::AddCase => add_case(app),
        Action::Bilag => {
            if let Some((m, i)) = selected_item(app) {
                super::bilag::open(
                    app,
                    ScreenId::Meetings,
                    crate::ops::bilag::Owner::Item(m.id.clone(), i),
                );
            }
        }
        Action::AddItem => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if agenda_locked(app, &m) {
                return true;
            }
            let mut it = AgendaItem::new("", ItemKind::Information);
            it.minutes_allotted = 10;
            let f = item_form(app, &m.id, &it, None);
            app.open_form(f);
        }
        Action::MoveUp | Action::MoveDown => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if agenda_locked(app, &m) {
                return true;
            }
            let delta = if a == Action::MoveUp { -1 } else { 1 };
            match ops::move_item(&app.ws, &m.id, i, delta) {
                Ok((_, to)) if to == i => {}
                Ok((nm, to)) => {
                    if app
                        .commit(
                            vec![Change::Update(AnyRecord::Meeting(nm))],
                            "moved an item",
                        )
                        .is_ok()
                    {
                        focus(app, &Part::Item(to));
                    }
                }
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
            }
        }
        Action::RemoveItem => {
            let Some((m, part)) = current(app) else {
                return true;
            };
            match part {
                Some(Part::Item(i)) => {
                    if agenda_locked(app, &m) {
                        return true;
                    }
                    let Some(it) = m.items.get(i) else {
                        return true;
                    };
                    let extra = if it.case.is_some() {
                        app.t(" Sagen bliver klar igen.", " The case goes back to ready.")
                    } else {
                        ""
                    };
                    let text = format!(
                        "{} {}: {}?{extra} {}",
                        app.t("Fjern punkt", "Remove item"),
                        i + 1,
                        safe_line(&it.title),
                        app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
                    );
                    app.confirm(
                        &text,
                        Pending::new(ScreenId::Meetings, &format!("remove:{i}"), &m.id),
                    );
                }
                Some(Part::Action {
                    meeting,
                    item,
                    index,
                }) if meeting == m.id => {
                    if minutes_locked(app, &m) {
                        return true;
                    }
                    let text = format!(
                        "{} {}",
                        app.t("Fjern opfølgningspunktet?", "Remove the action item?"),
                        app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
                    );
                    app.confirm(
                        &text,
                        Pending::new(
                            ScreenId::Meetings,
                            &format!("remove-action:{item}:{index}"),
                            &m.id,
                        ),
                    );
                }
                _ => app.flash(
                    app.t(
                        "Vælg et punkt på dagsordenen (j/k).",
                        "Select an agenda item (j/k).",
                    ),
                    Tone::Info,
                ),
            }
        }
        Action::Dispatch => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            match m.state {
                MeetingState::Draft => {}
                MeetingState::Sent => {
                    app.flash(
                        format!(
                            "{} {} {}",
                            app.t(
                                "Dagsordenen er allerede udsendt (version",
                                "The agenda is already sent (version"
                            ),
                            m.agenda_version,
                            app.t(
                                "); en ændring giver en revideret dagsorden.",
                                "); a change makes a revised agenda."
                            )
                        ),
                        Tone::Info,
                    );
                    return true;
                }
                _ => {
                    agenda_locked(app, &m);
                    return true;
                }
            }
            let mut text = if m.agenda_version > 1 {
                format!(
                    "{} {}? {}",
                    app.t(
                        "Markér revideret dagsorden udsendt, version",
                        "Mark the revised agenda sent, version"
                    ),
                    m.agenda_version,
                    app.t(
                        "Eksporten viser ændringerne.",
                        "The export lists the changes."
                    )
                )
            } else {
                app.t(
                    "Markér dagsordenen som udsendt? Versionen fryses; senere ændringer giver en revideret dagsorden.",
                    "Mark the agenda as sent? The version is frozen; later changes make a revised agenda.",
                )
                .to_string()
            };
            if crate::export::timing::overrun_minutes(&m).is_some() {
                text.push_str(app.t(
                    " NB: punkterne løber over sluttiden.",
                    " Note: the items run past the end time.",
                ));
            }
            text.push_str(app.t(
                " Der sendes ingen e-mail; M sender dagsordenen med e-mail og markerer den udsendt.",
                " No e-mail is sent; M sends the agenda by e-mail and marks it sent.",
            ));
            text.push_str(app.t(" (j/n)", " (y/n)"));
            app.confirm(&text, Pending::new(ScreenId::Meetings, "dispatch", &m.id));
        }
        Action::MarkHeld => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if held(&m) {
                app.flash(
                    app.t("Mødet er allerede afholdt.", "The meeting is already held."),
                    Tone::Info,
                );
                return true;
            }
            let mut text = app
                .t(
                    "Markér mødet som afholdt? Dagsordenen låses, og referatet kan skrives.",
                    "Mark the meeting as held? The agenda locks and the minutes can be written.",
                )
                .to_string();
            if m.state == MeetingState::Draft {
                text.push_str(app.t(
                    " NB: dagsordenen er ikke markeret som udsendt.",
                    " Note: the agenda is not marked as sent.",
                ));
            }
            if m.date > app.today {
                text.push_str(&format!(
                    " {} {}.",
                    app.t("NB: mødet er først", "Note: the meeting is not until"),
                    super::common::long_date(m.date, app.lang)
                ));
            }
            text.push_str(app.t(" (j/n)", " (y/n)"));
            app.confirm(&text, Pending::new(ScreenId::Meetings, "held", &m.id));
        }
        Action::Attendance => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            match attendance_form(app, &m) {
                Some(f) => app.open_form(f),
                None => app.flash(
                    app.t("Forummet har ingen medlemmer.", "The forum has no members."),
                    Tone::Error,
                ),
            }
        }
        Action::EditDecision => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            if let Some(it) = m.items.get(i) {
                let f = decision_form(app, &m.id, i, it, &it.minutes.decision);
                app.open_form(f);
            }
        }
        Action::InsertFormula => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            let items = meeting_phrases(app, &m)
                .iter()
                .enumerate()
                .map(|(k, s)| PickerItem::new(&k.to_string(), s))
                .collect();
            app.pick(
                app.t("Standardformulering", "Standard formula"),
                items,
                Pending::new(ScreenId::Meetings, &format!("formula:{i}"), &m.id),
            );
        }
        Action::AddActionItem => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            let owner = m
                .items
                .get(i)
                .map(|it| it.presenter.clone())
                .unwrap_or_default();
            let a = ActionItem {
                text: String::new(),
                owner,
                ..ActionItem::default()
            };
            let f = action_form(app, &m.id, i, None, &a);
            app.open_form(f);
        }
        Action::ToggleDone => toggle_done(app),
        Action::Approve => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if m.state != MeetingState::Held {
                minutes_locked(app, &m);
                return true;
            }
            // Check first, so the user hears what is missing before being asked.
            if let Err(e) = ops::approve(&app.ws, &m.id, &app.stamp()) {
                app.flash(e.message(app.lang), Tone::Error);
                return true;
            }
            let text = app.t(
                "Godkend referatet? Det låses, beslutningerne skrives i beslutningsregistret, og sagerne markeres besluttet. (j/n)",
                "Approve the minutes? They lock, the decisions go into the register and the cases are marked decided. (y/n)",
            );
            app.confirm(text, Pending::new(ScreenId::Meetings, "approve", &m.id));
        }
        Action::Reopen => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if m.state != MeetingState::Approved {
                app.flash(
                    app.t(
                        "Referatet er ikke godkendt.",
                        "The minutes are not approved.",
                    ),
                    Tone::Info,
                );
                return true;
            }
            let f = Form::new(
                &format!(
                    "{} {}",
                    app.t("Genåbn referatet", "Reopen the minutes"),
                    m.id
                ),
                App::purpose(ScreenId::Meetings, "reopen", Some(&m.id)),
                vec![
                    Field::new(
                        "reason",
                        app.t("Begrundelse", "Reason"),
                        FieldKind::Multiline,
                        "",
                    )
                    .required(),
                ],
            );
            app.open_form(f);
        }
        _ => return false,
    }
    true
}

/// Deleting a meeting asks first and says what happens to the cases on its agenda.
fn ask_delete(app: &mut App) {
    let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
        return;
    };
    if m.state == MeetingState::Approved {
        app.flash(
            app.t(
                "Et møde med godkendt referat kan ikke slettes ([R] genåbner referatet).",
                "A meeting with approved minutes cannot be deleted (R reopens the minutes).",
            ),
            Tone::Error,
        );
        return;
    }
    let cases = m.items.iter().filter(|it| it.case.is_some()).count();
    let mut text = format!(
        "{} {} {}?",
        app.t("Slet mødet", "Delete the meeting"),
        m.id,
        app.t("med dagsorden", "with its agenda")
    );
    if cases > 0 {
        text.push_str(&format!(
            " {cases} {}",
            app.t("sag(er) bliver klar igen.", "case(s) go back to ready.")
        ));
    }
    text.push_str(app.t(" (j/n; [u] fortryder)", " (y/n; [u] undoes it)"));
    app.confirm(&text, Pending::new(ScreenId::Meetings, "delete", &m.id));
}

fn edit_meeting(app: &mut App) {
    let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
        return;
    };
    if m.state == MeetingState::Approved {
        minutes_locked(app, &m);
        return;
    }
    let f = meeting_form(app, &m, "edit", Some(&m.id));
    app.open_form(f);
}

fn edit_part(app: &mut App) {
    let Some((m, part)) = current(app) else {
        return;
    };
    match part {
        Some(Part::Item(i)) => {
            if agenda_locked(app, &m) {
                return;
            }
            if let Some(it) = m.items.get(i) {
                let f = item_form(app, &m.id, it, Some(i));
                app.open_form(f);
            }
        }
        Some(Part::Action {
            meeting,
            item,
            index,
        }) => {
            let Some(src) = app.ws.meeting(&meeting).cloned() else {
                return;
            };
            if minutes_locked(app, &src) {
                return;
            }
            if let Some(a) = src
                .items
                .get(item)
                .and_then(|it| it.minutes.action_items.get(index))
            {
                let f = action_form(app, &src.id, item, Some(index), a);
                app.open_form(f);
            }
        }
        None => edit_meeting(app),
    }
}

/// The ready cases for the meeting's forum: deviation-status cases of deviating initiatives first,
/// then other deviation-status cases, then the rest.
fn ready_cases(app: &App, m: &Meeting) -> Vec<PickerItem> {
    let deviating = |init: &Option<String>| {
        init.as_deref().is_some_and(|i| {
            app.deviations
                .iter()
                .any(|d| d.id == i && d.category == Category::Deviating)
        })
    };
    let mut cases: Vec<(u8, &crate::model::Case)> = app
        .ws
        .cases
        .iter()
        .filter(|c| c.state == CaseState::Ready)
        .filter(|c| c.forum.as_deref().is_none_or(|f| f == m.forum))
        .filter(|c| !m.items.iter().any(|it| it.case.as_deref() == Some(&c.id)))
        .map(|c| {
            let rank = match (
                c.kind == CaseKind::DeviationStatus,
                deviating(&c.initiative),
            ) {
                (true, true) => 0,
                (true, false) => 1,
                _ => 2,
            };
            (rank, c)
        })
        .collect();
    cases.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    cases
        .into_iter()
        .map(|(rank, c)| {
            let tag = if rank == 0 {
                format!("[{}] ", app.t("afvigende", "deviating"))
            } else {
                String::new()
            };
            PickerItem::new(
                &c.id,
                &format!("{} {tag}{} ({})", c.id, c.title, c.kind.label(app.lang)),
            )
        })
        .collect()
}

fn add_case(app: &mut App) {
    let Some((m, _)) = current(app) else {
        return;
    };
    if agenda_locked(app, &m) {
        return;
    }
    let items = ready_cases(app, &m);
    if items.is_empty() {
        app.flash(
            app.t(
                "Ingen sager er klar til dagsordenen (markér en sag klar med r på skærm 3).",
                "No cases are ready for the agenda (mark a case ready with r on screen 3).",
            ),
            Tone::Info,
        );
        return;
    }
    app.pick(
        app.t(
            "Tilføj sag (klar til dagsorden)",
            "Add case (ready for an agenda)",
        ),
        items,
        Pending::new(ScreenId::Meetings, "add-case", &m.id),
    );
}

fn toggle_done(app: &mut App) {
    let Some((_, part)) = current(app) else {
        return;
    };
    let Some(Part::Action {
        meeting,
        item,
        index,
    }) = part
    else {
        app.flash(
            app.t(
                "Vælg et opfølgningspunkt (j/k) for at markere det udført.",
                "Select an action item (j/k) to mark it done.",
            ),
            Tone::Info,
        );
        return;
    };
    let Some(f) = ops::follow_up_list(&app.ws, app.today, true)
        .into_iter()
        .find(|f| f.meeting == meeting && f.item == item && f.index == index)
    else {
        return;
    };
    let done = !f.action.done;
    match ops::set_action_done(&app.ws, &f, done) {
        Ok(nm) => {
            if app
                .commit(
                    vec![Change::Update(AnyRecord::Meeting(nm))],
                    if done {
                        "action item done"
                    } else {
                        "action item reopened"
                    },
                )
                .is_ok()
            {
                clamp_cursor(app);
                app.flash(
                    format!(
                        "{}: {}",
                        if done {
                            app.t("Udført", "Done")
                        } else {
                            app.t("Åben igen", "Open again")
                        },
                        safe_line(&f.action.text)
                    ),
                    Tone::Success,
                );
            }
        }
        Err(e) => app.flash(e.message(app.lang), Tone::Error),
    }
}

/// Offers what `w` can write: the text files, a PDF of the agenda (the minutes once held), the
/// meeting pack (the agenda and every bilag as one PDF) and its public version.
fn offer_exports(app: &mut App, id: &str) {
    let Some(m) = app.ws.meeting(id) else {
        return;
    };
    let doc = if held(m) {
        app.t("referatet", "the minutes")
    } else {
        app.t("dagsordenen", "the agenda")
    };
    let items = vec![
        PickerItem::new(
            "text",
            &format!(
                "{} {doc} ({})",
                app.t("Tekstfiler af", "Text files of"),
                if held(m) {
                    "md, html, txt"
                } else {
                    "md, html, txt, ics"
                }
            ),
        ),
        PickerItem::new("pdf", &format!("{} {doc}", app.t("PDF af", "PDF of"))),
        PickerItem::new(
            "pack",
            app.t(
                "Mødepakke: dagsorden og alle bilag som én PDF",
                "Meeting pack: the agenda and every bilag as one PDF",
            ),
        ),
        PickerItem::new(
            "pack-public",
            app.t(
                "Mødepakke, offentlig version (uden lukkede punkter)",
                "Meeting pack, public version (without closed items)",
            ),
        ),
    ];
    let title = app.t("Skriv til out/", "Write to out/");
    app.pick(title, items, Pending::new(ScreenId::Meetings, "export", id));
}

/// Writes the PDF of the agenda (or, once held, the minutes) to out/ and shows where.
fn export_pdf(app: &mut App, id: &str) {
    let Some(m) = app.ws.meeting(id) else {
        return;
    };
    let doc = if held(m) {
        DocKind::Minutes
    } else {
        DocKind::Agenda
    };
    // In the workspace's language (the language of its content), dated today, as the text files.
    let ws = &app.ws;
    let opts = Options {
        today: Some(app.today),
        ..Options::default()
    };
    let name = export::file_name(ws, doc, id, Format::Pdf, &opts);
    let result = export::export_bytes(ws, doc, id, Format::Pdf, &opts)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            crate::store::write_output(app.store.root(), None, &name, &bytes)
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(path) => {
            let title = app.t("PDF skrevet", "PDF written");
            app.message_box(title, format!("{}", path.display()));
            app.flash(format!("out/{name}"), Tone::Success);
        }
        Err(e) => app.flash(e, Tone::Error),
    }
}

/// Writes the agenda (or, once the meeting is held, the minutes) in every format to out/ in the
/// workspace, with the default names, and shows where.
fn export_files(app: &mut App, id: &str) {
    let Some(m) = app.ws.meeting(id) else {
        return;
    };
    let (doc, formats): (DocKind, &[Format]) = if held(m) {
        (DocKind::Minutes, &[Format::Md, Format::Html, Format::Txt])
    } else {
        (
            DocKind::Agenda,
            &[Format::Md, Format::Html, Format::Txt, Format::Ics],
        )
    };
    let root = app.store.root().to_path_buf();
    let mut written = vec![];
    let mut failed = vec![];
    for &fmt in formats {
        let opts = Options {
            today: Some(app.today),
            ..Options::default()
        };
        let name = export::file_name(&app.ws, doc, id, fmt, &opts);
        let res = export::export(&app.ws, doc, id, fmt, &opts)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::store::write_output(&root, None, &name, text.as_bytes())
                    .map_err(|e| e.to_string())
            });
        match res {
            Ok(_) => written.push(format!("  out/{name}")),
            Err(e) => failed.push(format!("  {name}: {e}")),
        }
    }
    let what = match doc {
        DocKind::Minutes => app.t("Beslutningsreferatet", "The minutes"),
        _ => app.t("Dagsordenen", "The agenda"),
    };
    let mut text = format!(
        "{what} {}\n{}\n\n{}",
        app.t("er skrevet i arbejdsområdet", "is written in the workspace"),
        root.display(),
        written.join("\n")
    );
    if !failed.is_empty() {
        text.push_str(&format!(
            "\n\n{}\n{}",
            app.t("Kunne ikke skrives:", "Could not be written:"),
            failed.join("\n")
        ));
    }
    let title = app.t("Filer til udsendelse", "Files for distribution");
    app.message_box(title, text);
    if failed.is_empty() {
        app.flash(
            format!(
                "{} {}",
                written.len(),
                app.t("filer skrevet til out/.", "files written to out/.")
            ),
            Tone::Success,
        );
    } else {
        app.flash(
            app.t(
                "Nogle filer kunne ikke skrives.",
                "Some files could not be written.",
            ),
            Tone::Error,
        );
    }
}

// ----- forms submitted, confirmations, pickers -----

/// "item:3" -> 3; "action:3:1" -> (3, Some(1)).
fn indices(what: &str) -> (Option<usize>, Option<usize>) {
    let mut it = what.split(':').skip(1).map(|s| s.parse::<usize>().ok());
    (it.next().flatten(), it.next().flatten())
}

/// Words a refusal from `ops` in the UI's language.
fn err(l: crate::model::Language) -> impl Fn(crate::ops::OpError) -> String {
    move |e| e.message(l)
}

pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let l = app.lang;
    let target = form.purpose.target.clone().unwrap_or_default();
    let what = form.purpose.what.clone();
    let kind = what.split(':').next().unwrap_or("").to_string();
    let (a, b) = indices(&what);
    match kind.as_str() {
        "new" | "copy" => {
            let date = form
                .date("date", app.today, l)
                .ok_or_else(|| super::common::gone(app))?;
            let (start, end, place) = (
                form.time("start", l),
                form.time("end", l),
                form.text("place"),
            );
            let m = if kind == "new" {
                let forum = form.text("forum");
                ops::new_meeting(&app.ws, &forum, date, start, end, &place).map_err(err(l))?
            } else {
                let from = app
                    .ws
                    .meeting(&target)
                    .cloned()
                    .ok_or_else(|| super::common::gone(app))?;
                let mut m = ops::copy_structure(&app.ws, &from, date);
                m.start = start;
                m.end = end;
                m.place = place;
                m
            };
            let mut m = m;
            m.chair = form.text("chair");
            m.secretary = form.text("secretary");
            m.journal = form.text("journal");
            let id = m.id.clone();
            app.commit(vec![Change::Create(AnyRecord::Meeting(m))], "created")?;
            app.open_record(RecordKind::Meeting, &id);
            app.back.pop();
            app.flash(
                format!(
                    "{id} {}",
                    app.t(
                        "er oprettet; [a] tilføjer en sag.",
                        "created; [a] adds a case."
                    )
                ),
                Tone::Success,
            );
        }
        "edit" => {
            let date = form
                .date("date", app.today, l)
                .ok_or_else(|| super::common::gone(app))?;
            let mut m = app
                .ws
                .meeting(&target)
                .cloned()
                .ok_or_else(|| super::common::gone(app))?;
            let before = (m.date, m.start, m.end, m.place.clone());
            m.date = date;
            m.start = form.time("start", l);
            m.end = form.time("end", l);
            m.place = form.text("place");
            m.chair = form.text("chair");
            m.secretary = form.text("secretary");
            m.journal = form.text("journal");
            if before != (m.date, m.start, m.end, m.place.clone()) {
                ops::note_change(
                    &mut m,
                    match app.ws.settings.language {
                        crate::model::Language::Da => "Tid eller sted ændret".into(),
                        crate::model::Language::En => "Time or place changed".into(),
                    },
                );
            }
            app.commit(vec![Change::Update(AnyRecord::Meeting(m))], "edited")?;
            app.flash(
                format!("{target} {}", app.t("er gemt.", "saved.")),
                Tone::Success,
            );
        }
        "add-item" | "item" => {
            let mut it = AgendaItem::new(&form.text("title"), ItemKind::Information);
            it.kind = unsnake(&form.text("kind")).unwrap_or(ItemKind::Information);
            it.presenter = form.text("presenter");
            it.minutes_allotted = form.number("minutes", l).unwrap_or(0);
            it.recommendation = form.text("recommendation");
            it.background = form.text("background");
            let old = a
                .and_then(|i| app.ws.meeting(&target).and_then(|m| m.items.get(i)))
                .map(|i| i.attachments.clone())
                .unwrap_or_default();
            it.attachments =
                super::cases::keep_recorded(&old, parse_attachments(&form.text("attachments")));
            it.closed = form.text("closed") == "yes";
            let (nm, at) = match a {
                Some(i) => (
                    ops::update_item(&app.ws, &target, i, it).map_err(err(l))?,
                    i,
                ),
                None => ops::add_item(&app.ws, &target, it).map_err(err(l))?,
            };
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                if a.is_some() {
                    "edited an item"
                } else {
                    "added an item"
                },
            )?;
            focus(app, &Part::Item(at));
            app.flash(
                format!(
                    "{} {} {}",
                    app.t("Punkt", "Item"),
                    at + 1,
                    app.t("er gemt.", "saved.")
                ),
                Tone::Success,
            );
        }
        "decision" => {
            let i = a.ok_or_else(|| super::common::gone(app))?;
            let nm =
                ops::set_decision(&app.ws, &target, i, &form.text("decision")).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "recorded a decision",
            )?;
            app.flash(
                format!(
                    "{} {} {}",
                    app.t("Beslutningen for punkt", "The decision of item"),
                    i + 1,
                    app.t("er gemt.", "is saved.")
                ),
                Tone::Success,
            );
        }
        "action" => {
            let i = a.ok_or_else(|| super::common::gone(app))?;
            let act = ActionItem {
                text: form.text("text"),
                owner: form.text("owner"),
                due: form.date("due", app.today, l),
                done: b
                    .and_then(|k| {
                        app.ws
                            .meeting(&target)
                            .and_then(|m| m.items.get(i))
                            .and_then(|it| it.minutes.action_items.get(k))
                    })
                    .is_some_and(|x| x.done),
                owner_member: String::new(),
            };
            let (nm, k) = ops::put_action_item(&app.ws, &target, i, b, act).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "recorded an action item",
            )?;
            focus(
                app,
                &Part::Action {
                    meeting: target.clone(),
                    item: i,
                    index: k,
                },
            );
            app.flash(
                app.t(
                    "Opfølgningspunktet er gemt; det står på opfølgningslisten.",
                    "The action item is saved; it is on the follow-up list.",
                ),
                Tone::Success,
            );
        }
        "attendance" => {
            let m = app
                .ws
                .meeting(&target)
                .cloned()
                .ok_or_else(|| super::common::gone(app))?;
            let members = app
                .ws
                .forum(&m.forum)
                .map(|f| f.members.clone())
                .unwrap_or_default();
            let mut att = vec![];
            let mut missing = None;
            for (i, mem) in members.iter().enumerate().take(ATT_KINDS.len()) {
                let kind: AttendanceKind =
                    unsnake(&form.text(ATT_KINDS[i])).unwrap_or(AttendanceKind::Present);
                let name = form.text(ATT_NAMES[i]);
                if kind == AttendanceKind::Substitute
                    && (name.is_empty() || name == mem.representative)
                {
                    missing.get_or_insert(i);
                }
                att.push(Attendance {
                    authority: mem.authority.clone(),
                    member: mem.id.clone(),
                    kind,
                    name,
                });
            }
            if let Some(i) = missing {
                form.set_error(
                    ATT_NAMES[i],
                    app.t("skriv stedfortræderens navn", "type the substitute's name")
                        .into(),
                );
                form.focus = i * 2 + 1;
                return Err(app
                    .t(
                        "En stedfortræder mangler et navn.",
                        "A substitute has no name.",
                    )
                    .into());
            }
            // Attendance of authorities not in the form (no longer in the forum, or beyond the
            // form's first members) is kept as it was.
            let in_form: Vec<&str> = members
                .iter()
                .take(ATT_KINDS.len())
                .map(|mem| mem.authority.as_str())
                .collect();
            att.extend(
                m.attendance
                    .iter()
                    .filter(|x| !in_form.contains(&x.authority.as_str()))
                    .cloned(),
            );
            let nm = ops::set_attendance(&app.ws, &target, att).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "recorded attendance",
            )?;
            app.flash(
                app.t("Fremmødet er gemt.", "The attendance is saved."),
                Tone::Success,
            );
        }
        "reopen" => {
            let reason = form.text("reason");
            let nm = ops::reopen(&app.ws, &target, &reason, &app.stamp()).map_err(err(l))?;
            let summary = format!(
                "minutes reopened: {}",
                reason.lines().collect::<Vec<_>>().join(" ")
            );
            app.commit(vec![Change::Update(AnyRecord::Meeting(nm))], &summary)?;
            app.flash(
                app.t(
                    "Referatet er genåbnet; begrundelsen er gemt i historikken.",
                    "The minutes are reopened; the reason is kept in the history.",
                ),
                Tone::Success,
            );
        }
        _ => {}
    }
    Ok(())
}

pub fn confirmed(app: &mut App, p: &Pending) {
    let l = app.lang;
    let id = p.target.clone();
    let kind = p.what.split(':').next().unwrap_or("");
    let (a, b) = indices(&p.what);
    let result: Result<(), String> = (|| match kind {
        "remove" => {
            let i = a.ok_or_else(|| super::common::gone(app))?;
            let ch = ops::remove_item(&app.ws, &id, i, &app.stamp()).map_err(err(l))?;
            app.commit(ch, "removed an item")?;
            clamp_cursor(app);
            app.flash(
                format!(
                    "{} {} {}",
                    app.t("Punkt", "Item"),
                    i + 1,
                    app.t("er fjernet ([u] fortryder).", "removed ([u] undoes it).")
                ),
                Tone::Success,
            );
            Ok(())
        }
        "delete" => {
            let ch = ops::delete_meeting(&app.ws, &id, &app.stamp()).map_err(err(l))?;
            app.commit(ch, "deleted")?;
            app.view_of_mut(ScreenId::Meetings).detail = None;
            app.flash(
                format!(
                    "{id} {}",
                    app.t("er slettet ([u] fortryder).", "deleted ([u] undoes it).")
                ),
                Tone::Success,
            );
            Ok(())
        }
        "remove-action" => {
            let nm = ops::remove_action_item(
                &app.ws,
                &id,
                a.ok_or_else(|| super::common::gone(app))?,
                b.ok_or_else(|| super::common::gone(app))?,
            )
            .map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "removed an action item",
            )?;
            clamp_cursor(app);
            app.flash(
                app.t(
                    "Opfølgningspunktet er fjernet ([u] fortryder).",
                    "The action item is removed ([u] undoes it).",
                ),
                Tone::Success,
            );
            Ok(())
        }
        "dispatch" => {
            let nm = ops::dispatch(&app.ws, &id, app.today).map_err(err(l))?;
            let v = nm.agenda_version;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                &format!("agenda version {v} dispatched"),
            )?;
            app.flash(
                format!(
                    "{} {v} {}",
                    app.t("Dagsorden version", "Agenda version"),
                    app.t(
                        "er markeret udsendt; [w] skriver filerne, [H] markerer mødet afholdt.",
                        "is marked sent; [w] writes the files, [H] marks the meeting held."
                    )
                ),
                Tone::Success,
            );
            Ok(())
        }
        "held" => {
            let nm = ops::mark_held(&app.ws, &id).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "meeting marked held",
            )?;
            app.flash(
                app.t(
                    "Mødet er afholdt: t fremmøde, b beslutning, f standardformulering, o opfølgningspunkt.",
                    "The meeting is held: t attendance, b decision, f formula, o action item.",
                ),
                Tone::Success,
            );
            Ok(())
        }
        "approve" => {
            let ch = ops::approve(&app.ws, &id, &app.stamp()).map_err(err(l))?;
            let n = ch
                .iter()
                .filter(|c| matches!(c.record(), AnyRecord::Decision(_)))
                .count();
            app.commit(ch, "minutes approved")?;
            clamp_cursor(app);
            app.flash(
                format!(
                    "{} {n} {}",
                    app.t(
                        "Referatet er godkendt og låst;",
                        "The minutes are approved and locked;"
                    ),
                    app.t(
                        "beslutning(er) i beslutningsregistret.",
                        "decision(s) in the register."
                    )
                ),
                Tone::Success,
            );
            Ok(())
        }
        _ => Ok(()),
    })();
    if let Err(e) = result {
        app.flash(e, Tone::Error);
    }
}

/// The decision phrases of the meeting's forum (its own, else the common ones with its name).
fn meeting_phrases(app: &App, m: &Meeting) -> Vec<String> {
    let l = app.ws.settings.language;
    app.ws
        .forum(&m.forum)
        .map(|f| f.phrases(l))
        .unwrap_or_else(|| crate::model::forum::common_phrases("", l))
}

pub fn picked(app: &mut App, p: &Pending, id: &str) {
    let kind = p.what.split(':').next().unwrap_or("");
    let (a, _) = indices(&p.what);
    match kind {
        "export" => match id {
            "text" => export_files(app, &p.target),
            "pdf" => export_pdf(app, &p.target),
            "pack" | "pack-public" => app.start_pack(
                &p.target,
                crate::export::pack::PackOptions {
                    public: id == "pack-public",
                    ..Default::default()
                },
            ),
            _ => {}
        },
        "add-case" => {
            match ops::add_case(&app.ws, &p.target, id, &app.stamp()) {
                Ok(ch) => {
                    if app.commit(ch, "put a case on the agenda").is_ok() {
                        if let Some(i) = app.ws.meeting(&p.target).and_then(|m| {
                            m.items.iter().position(|it| it.case.as_deref() == Some(id))
                        }) {
                            focus(app, &Part::Item(i));
                        }
                        app.flash(
                            format!(
                                "{id} {}",
                                app.t(
                                    "står på dagsordenen; [J]/[K] flytter, [e] redigerer.",
                                    "is on the agenda; [J]/[K] move it, [e] edits."
                                )
                            ),
                            Tone::Success,
                        );
                    }
                }
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
            }
        }
        "formula" => {
            let Some(i) = a else { return };
            let Some(m) = app.ws.meeting(&p.target).cloned() else {
                return;
            };
            let Some(it) = m.items.get(i) else { return };
            let formulas = meeting_phrases(app, &m);
            let Some(text) = id.parse::<usize>().ok().and_then(|k| formulas.get(k)) else {
                return;
            };
            let cur = it.minutes.decision.trim_end();
            let new = if cur.is_empty() {
                text.to_string()
            } else {
                format!("{cur} {text}")
            };
            let f = decision_form(app, &m.id, i, it, &new);
            app.open_form(f);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::{demo_app, press, screen, type_text};

    const UPCOMING: &str = "2026-12-03-psg";

    fn meeting(app: &App) -> Meeting {
        app.ws.meeting(UPCOMING).unwrap().clone()
    }

    /// Moves the cursor onto `part` with j/k, as a user would.
    fn go_to(app: &mut App, part: &Part) {
        let m = meeting(app);
        let want = parts(app, &m).iter().position(|p| p == part).unwrap();
        press(app, &["g"]);
        for _ in 0..want {
            press(app, &["j"]);
        }
        assert_eq!(
            app.view_of(ScreenId::Meetings)
                .detail
                .as_ref()
                .unwrap()
                .cursor,
            want
        );
    }

    fn open_upcoming(app: &mut App) {
        press(app, &["4", "g", "Enter"]);
        assert_eq!(
            app.view_of(ScreenId::Meetings)
                .detail
                .as_ref()
                .map(|d| d.id.as_str()),
            Some(UPCOMING)
        );
    }

    #[test]
    fn a_multi_line_recommendation_shows_as_lines_in_the_item_pane() {
        let (_dir, mut app) = demo_app();
        let mut m = meeting(&app);
        m.items[0].recommendation = "Første linje.\nAnden linje står for sig.".into();
        app.commit(vec![Change::Update(AnyRecord::Meeting(m))], "edited")
            .unwrap();
        open_upcoming(&mut app);
        go_to(&mut app, &Part::Item(0));
        let s = screen(&mut app, 80, 24);
        assert!(!s.contains('␤'), "{s}");
        assert!(
            s.lines()
                .any(|l| l.trim_start().starts_with("Anden linje står for sig.")),
            "{s}"
        );
    }

    #[test]
    fn the_demo_meeting_from_agenda_to_approved_minutes_by_keys() {
        let (_dir, mut app) = demo_app();
        open_upcoming(&mut app);
        let before = meeting(&app).items.len();

        // Add a ready case: the deviating initiative's case comes first in the picker.
        press(&mut app, &["a"]);
        insta::assert_snapshot!("add_case_picker_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("add_case_picker_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["Enter"]);
        let m = meeting(&app);
        assert_eq!(m.items.len(), before + 1);
        let added = m
            .items
            .iter()
            .position(|it| it.case.as_deref() == Some("S-2026-008"))
            .expect("S-2026-008 on the agenda");
        assert_eq!(
            m.items.last().unwrap().title,
            "Eventuelt",
            "cases go before Eventuelt"
        );
        assert_eq!(
            app.ws.case("S-2026-008").unwrap().state,
            CaseState::OnAgenda
        );

        // Reorder: one up.
        press(&mut app, &["K"]);
        let m = meeting(&app);
        assert_eq!(m.items[added - 1].case.as_deref(), Some("S-2026-008"));
        insta::assert_snapshot!("agenda_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("agenda_120x36", screen(&mut app, 120, 36));

        // Dispatch (asks first).
        press(&mut app, &["s"]);
        insta::assert_snapshot!("dispatch_confirm_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("dispatch_confirm_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["y"]);
        let m = meeting(&app);
        assert_eq!(m.state, MeetingState::Sent);
        assert_eq!(m.sent_date, Some(app.today));

        // The meeting is held.
        press(&mut app, &["H", "y"]);
        assert_eq!(meeting(&app).state, MeetingState::Held);

        // Attendance: the first member sends a substitute.
        press(&mut app, &["t", "Right", "Right", "Tab", "C-u"]);
        type_text(&mut app, "Søren Stedfortræder");
        insta::assert_snapshot!("attendance_form_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("attendance_form_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["C-s"]);
        let att = &meeting(&app).attendance[0];
        assert_eq!(att.kind, AttendanceKind::Substitute);
        assert_eq!(att.name, "Søren Stedfortræder");

        // A decision on every case item: the formula picker, then the form to edit it.
        let case_items: Vec<usize> = meeting(&app)
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.case.is_some())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(case_items.len(), 3);
        for &i in &case_items {
            go_to(&mut app, &Part::Item(i));
            press(&mut app, &["f", "Enter"]);
            type_text(&mut app, " Sagen følges op i marts.");
            press(&mut app, &["C-s"]);
        }
        let m = meeting(&app);
        assert_eq!(
            m.items[case_items[0]].minutes.decision,
            "Porteføljestyregruppen godkendte indstillingen. Sagen følges op i marts."
        );

        // An action item on the added case.
        go_to(&mut app, &Part::Item(added - 1));
        press(&mut app, &["o"]);
        type_text(&mut app, "Redegørelse for forsinkelsen");
        press(&mut app, &["Tab", "C-u"]);
        type_text(&mut app, "Justitsministeriet");
        press(&mut app, &["Tab"]);
        type_text(&mut app, "04-03-2027");
        press(&mut app, &["C-s"]);
        let a = &meeting(&app).items[added - 1].minutes.action_items;
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].owner, "Justitsministeriet");
        assert_eq!(a[0].due, chrono::NaiveDate::from_ymd_opt(2027, 3, 4));
        insta::assert_snapshot!("minutes_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("minutes_120x36", screen(&mut app, 120, 36));

        // Approve (asks first): decisions in the register, cases decided, minutes locked.
        let decisions_before = app.ws.decisions.len();
        press(&mut app, &["A", "y"]);
        let m = meeting(&app);
        assert_eq!(m.state, MeetingState::Approved);
        assert_eq!(app.ws.decisions.len(), decisions_before + 3);
        let d = app
            .ws
            .decisions
            .iter()
            .find(|d| d.case.as_deref() == Some("S-2026-008"))
            .expect("decision for the added case");
        assert_eq!(d.initiative.as_deref(), Some("6.2"));
        assert!(
            d.text
                .starts_with("Porteføljestyregruppen godkendte indstillingen.")
        );
        assert_eq!(app.ws.case("S-2026-008").unwrap().state, CaseState::Decided);
        // On disk too.
        let on_disk =
            std::fs::read_to_string(app.store.path_of(RecordKind::Decision, &d.id)).unwrap();
        assert!(on_disk.contains("S-2026-008"));
        // Locked: a decision edit is refused with a message.
        press(&mut app, &["b"]);
        assert!(app.popups.is_empty());
        assert!(app.message.as_ref().unwrap().0.contains("låst"));

        // Export the minutes: `w` offers text files, PDF and the pack; the first is the text files.
        press(&mut app, &["w", "Enter"]);
        let out = app.store.root().join("out");
        for ext in ["md", "html", "txt"] {
            let p = out.join(format!("2026-12-03-portefoeljestyregruppen-referat.{ext}"));
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
            assert!(text.contains("Redegørelse for forsinkelsen"), "{ext}");
            assert!(text.contains("Sagen følges op i marts"), "{ext}");
        }
        let msg = match app.popups.last() {
            Some(crate::tui::popup::Popup::Message { text, .. }) => text.clone(),
            _ => panic!("no message box"),
        };
        assert!(msg.contains("out/2026-12-03-portefoeljestyregruppen-referat.html"));
    }

    #[test]
    fn agenda_export_writes_four_files_and_a_late_change_makes_a_revision() {
        let (_dir, mut app) = demo_app();
        open_upcoming(&mut app);
        press(&mut app, &["s", "y"]);
        assert_eq!(meeting(&app).state, MeetingState::Sent);
        // A change after dispatch: version 2, back to draft, the change noted.
        press(&mut app, &["g", "J"]);
        let m = meeting(&app);
        assert_eq!((m.state, m.agenda_version), (MeetingState::Draft, 2));
        assert!(m.revision_note.contains("flyttet"), "{}", m.revision_note);
        insta::assert_snapshot!("revised_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("revised_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["w", "Enter"]);
        let out = app.store.root().join("out");
        for ext in ["md", "html", "txt", "ics"] {
            assert!(
                out.join(format!(
                    "2026-12-03-portefoeljestyregruppen-dagsorden-v2.{ext}"
                ))
                .exists(),
                "{ext}"
            );
        }
        let md =
            std::fs::read_to_string(out.join("2026-12-03-portefoeljestyregruppen-dagsorden-v2.md"))
                .unwrap();
        assert!(md.contains("Revideret dagsorden"));
        assert!(md.contains("flyttet"));
    }

    #[test]
    fn a_bilag_attached_by_keys_goes_into_the_pack_written_in_the_background() {
        let (dir, mut app) = demo_app();
        // A three-page PDF outside the workspace, typed as a path with Tab completion.
        let src = dir.path().join("indgaaende");
        std::fs::create_dir_all(&src).unwrap();
        let bytes = crate::export::pdf::compile(
            "Et side 1\n#pagebreak()\nEt side 2\n#pagebreak()\nEt side 3\n",
            &crate::export::pdf::Files::new(),
            crate::export::pdf::PdfSettings::default(),
        )
        .unwrap();
        std::fs::write(src.join("notat-om-tidsplan.pdf"), bytes).unwrap();
        open_upcoming(&mut app);
        let before = crate::ops::bilag::list(
            &app.ws,
            &crate::ops::bilag::Owner::Item(meeting(&app).id.clone(), 0),
        )
        .len();
        // On the first item: B opens the bilag list; the first choice attaches a file.
        press(&mut app, &["B"]);
        assert!(matches!(
            app.popups.last(),
            Some(crate::tui::popup::Popup::Picker(_))
        ));
        press(&mut app, &["Enter"]);
        let typed = format!("{}/indg", dir.path().display());
        crate::tui::testing::type_text(&mut app, &typed);
        press(&mut app, &["Tab"]);
        crate::tui::testing::type_text(&mut app, "no");
        press(&mut app, &["Tab"]);
        match app.popups.last() {
            Some(crate::tui::popup::Popup::Form(f)) => assert_eq!(
                f.text("file"),
                format!("{}/indgaaende/notat-om-tidsplan.pdf", dir.path().display())
            ),
            _ => panic!("no attach form"),
        }
        press(&mut app, &["Down"]);
        crate::tui::testing::type_text(&mut app, "Notat om tidsplan");
        press(&mut app, &["C-s"]);
        assert!(
            app.popups.is_empty(),
            "the form did not close: {:?}",
            app.message
        );
        let owner = crate::ops::bilag::Owner::Item(meeting(&app).id.clone(), 0);
        let list = crate::ops::bilag::list(&app.ws, &owner);
        assert_eq!(list.len(), before + 1);
        let added = list.last().unwrap().clone();
        assert_eq!(added.title, "Notat om tidsplan");
        assert!(app.store.root().join(&added.path).is_file());
        assert!(added.sha256.is_some());
        // Rename it from the list.
        press(&mut app, &["B", "Down"]);
        for _ in 0..before {
            press(&mut app, &["Down"]);
        }
        press(&mut app, &["Enter", "Enter"]);
        press(&mut app, &["C-s"]);
        // The pack: `w`, then the third choice; it is made on a thread and says where it went.
        press(&mut app, &["w", "Down", "Down", "Enter"]);
        assert!(app.job.is_some());
        app.wait_job();
        let msg = match app.popups.last() {
            Some(crate::tui::popup::Popup::Message { text, .. }) => text.clone(),
            _ => panic!("no message box: {:?}", app.message),
        };
        let path = app
            .store
            .root()
            .join("out/2026-12-03-portefoeljestyregruppen-moedepakke.pdf");
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        let pdf = lopdf::Document::load(&path).unwrap();
        assert!(pdf.get_pages().len() >= 9, "{}", pdf.get_pages().len());
    }

    #[test]
    fn removing_an_item_asks_and_puts_the_case_back_to_ready() {
        let (_dir, mut app) = demo_app();
        open_upcoming(&mut app);
        let m = meeting(&app);
        let i = m
            .items
            .iter()
            .position(|it| it.case.as_deref() == Some("S-2026-007"))
            .unwrap();
        go_to(&mut app, &Part::Item(i));
        press(&mut app, &["x"]);
        insta::assert_snapshot!("remove_confirm_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("remove_confirm_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["n"]);
        assert_eq!(meeting(&app).items.len(), m.items.len(), "n keeps it");
        press(&mut app, &["x", "y"]);
        assert_eq!(meeting(&app).items.len(), m.items.len() - 1);
        assert_eq!(app.ws.case("S-2026-007").unwrap().state, CaseState::Ready);
        // Undo brings both back.
        press(&mut app, &["u"]);
        assert_eq!(meeting(&app).items.len(), m.items.len());
        assert_eq!(
            app.ws.case("S-2026-007").unwrap().state,
            CaseState::OnAgenda
        );
    }

    #[test]
    fn item_form_edits_and_adds_items_and_the_overrun_warns() {
        let (_dir, mut app) = demo_app();
        open_upcoming(&mut app);
        press(&mut app, &["e"]);
        insta::assert_snapshot!("item_form_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("item_form_120x36", screen(&mut app, 120, 36));
        // Minutes: 5 -> 60 makes the agenda run past 15.00.
        press(&mut app, &["Tab", "Tab", "Tab", "C-u"]);
        type_text(&mut app, "60");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty(), "{:?}", app.popups.len());
        assert_eq!(meeting(&app).items[0].minutes_allotted, 60);
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("over mødets sluttid"), "{s}");
        // A new item without a case lands before Eventuelt.
        press(&mut app, &["i"]);
        type_text(&mut app, "Temadrøftelse om AI");
        press(&mut app, &["C-s"]);
        let m = meeting(&app);
        let n = m.items.len();
        assert_eq!(m.items[n - 2].title, "Temadrøftelse om AI");
        assert_eq!(m.items[n - 1].title, "Eventuelt");
    }

    #[test]
    fn reopening_asks_for_a_reason_and_approving_again_keeps_one_decision_per_item() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["4", "G", "Enter"]);
        let id = app.current_id().unwrap();
        assert_eq!(app.ws.meeting(&id).unwrap().state, MeetingState::Approved);
        insta::assert_snapshot!("approved_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("approved_120x36", screen(&mut app, 120, 36));
        let n = app.ws.decisions.len();
        press(&mut app, &["R", "C-s"]);
        assert!(!app.popups.is_empty(), "a reason is required");
        type_text(&mut app, "Stavefejl i punkt 5");
        press(&mut app, &["C-s"]);
        let m = app.ws.meeting(&id).unwrap();
        assert_eq!(m.state, MeetingState::Held);
        assert_eq!(m.reopened[0].text, "Stavefejl i punkt 5");
        press(&mut app, &["A", "y"]);
        assert_eq!(app.ws.meeting(&id).unwrap().state, MeetingState::Approved);
        assert_eq!(app.ws.decisions.len(), n, "no duplicates");
    }

    #[test]
    fn deleting_a_meeting_asks_and_frees_its_cases() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["4", "g", "d"]);
        insta::assert_snapshot!("delete_confirm_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("delete_confirm_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["y"]);
        assert!(app.ws.meeting(UPCOMING).is_none());
        assert_eq!(app.ws.case("S-2026-007").unwrap().state, CaseState::Ready);
        press(&mut app, &["u"]);
        assert!(app.ws.meeting(UPCOMING).is_some());
        assert_eq!(
            app.ws.case("S-2026-007").unwrap().state,
            CaseState::OnAgenda
        );
        // Approved minutes are not deleted.
        press(&mut app, &["G", "d"]);
        assert!(app.popups.is_empty());
        assert_eq!(app.ws.meetings.len(), 2);
    }

    #[test]
    fn s_says_it_only_marks_sent_and_m_is_the_e_mail_in_both_languages() {
        let s = DETAIL_KEYS
            .iter()
            .find(|b| b.action == Action::Dispatch)
            .unwrap();
        assert!(s.da.contains("ingen e-mail"), "{}", s.da);
        assert!(s.en.contains("no e-mail"), "{}", s.en);
        for (lang, words) in [
            (crate::model::Language::Da, "Der sendes ingen e-mail"),
            (crate::model::Language::En, "No e-mail is sent"),
        ] {
            let (_dir, mut app) = crate::tui::testing::demo_app_lang(Some(lang));
            open_upcoming(&mut app);
            press(&mut app, &["s"]);
            let shown = match app.popups.last() {
                Some(crate::tui::popup::Popup::Confirm { text, .. }) => text.clone(),
                _ => panic!("s asks first"),
            };
            assert!(shown.contains(words), "{shown}");
            press(&mut app, &["n"]);
            assert_eq!(meeting(&app).state, MeetingState::Draft);
        }
    }

    #[test]
    fn english_agenda_fits() {
        let (_dir, mut app) = crate::tui::testing::demo_app_lang(Some(crate::model::Language::En));
        open_upcoming(&mut app);
        insta::assert_snapshot!("agenda_en_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("agenda_en_120x36", screen(&mut app, 120, 36));
    }

    #[test]
    fn list_and_copy() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["4"]);
        insta::assert_snapshot!("list_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("list_120x36", screen(&mut app, 120, 36));
        press(&mut app, &["c"]);
        type_text(&mut app, "04-03-2027");
        press(&mut app, &["C-s"]);
        let m = app.ws.meeting("2027-03-04-psg").expect("copied");
        assert!(m.items.iter().all(|it| it.case.is_none()));
        assert_eq!(m.start, meeting(&app).start);
    }

    #[test]
    fn follow_up_items_show_under_the_follow_up_item_and_toggle_with_space() {
        let (_dir, mut app) = demo_app();
        open_upcoming(&mut app);
        let m = meeting(&app);
        let ps = parts(&app, &m);
        let Some(first) = ps
            .iter()
            .find(|p| matches!(p, Part::Action { .. }))
            .cloned()
        else {
            panic!("the demo has open action items: {ps:?}");
        };
        go_to(&mut app, &first);
        let open_before = ops::follow_up_list(&app.ws, app.today, false).len();
        press(&mut app, &["Space"]);
        assert_eq!(
            ops::follow_up_list(&app.ws, app.today, false).len(),
            open_before - 1
        );
        press(&mut app, &["u"]);
        assert_eq!(
            ops::follow_up_list(&app.ws, app.today, false).len(),
            open_before
        );
    }

    #[test]
    fn the_decision_phrases_are_the_forums_own_or_the_common_ones_with_its_name() {
        let (_dir, mut app) = demo_app();
        let m = meeting(&app);
        let name = app.ws.forum(&m.forum).unwrap().name.clone();
        let phrases = meeting_phrases(&app, &m);
        for p in [
            "godkendte dagsordenen",
            "godkendte referatet",
            "tog orienteringen til efterretning",
            "godkendte indstillingen med de faldne bemærkninger",
        ] {
            assert!(phrases.contains(&format!("{name} {p}.")), "{phrases:?}");
        }
        // The forum's own phrases, set in the forum form (m on the open forum).
        press(&mut app, &["F"]);
        let v = app.view_of_mut(ScreenId::Forums);
        v.list.select_id(&v.model, &m.forum);
        press(&mut app, &["Enter", "m"]);
        for _ in 0..8 {
            press(&mut app, &["Tab"]);
        }
        if let Some(crate::tui::popup::Popup::Form(f)) = app.popups.last() {
            assert_eq!(f.focused().unwrap().key, "phrases");
        }
        if let Some(crate::tui::popup::Popup::Form(f)) = app.popups.last_mut() {
            f.set("phrases", "");
        }
        type_text(&mut app, "PSG noterede sig sagen.");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty(), "saved");
        assert_eq!(
            app.ws.forum(&m.forum).unwrap().decision_phrases,
            vec!["PSG noterede sig sagen.".to_string()]
        );
        assert_eq!(
            meeting_phrases(&app, &m),
            vec!["PSG noterede sig sagen.".to_string()]
        );
    }
}
