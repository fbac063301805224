//! Overview ("overblik"), the secretariat's day: the next meetings with their agenda dispatch
//! deadline, consultations awaiting replies, overdue action items, deviating initiatives without an
//! open case, and files that failed to load. Every line opens what it names.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

use super::common::{cell, days_left, long_date, short_date, span};
use crate::model::{ConsultationState, MeetingState, RecordKind};
use crate::ops::meeting::overdue_follow_ups;
use crate::rules::deviation::Category;
use crate::rules::tally::{outstanding, tally};
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::keymap::{Binding, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const KEYS: &[Binding] = &[bind(
    &[ch('x')],
    Action::ToggleDone,
    "Markér opfølgningspunkt udført",
    "Mark action item done",
)];

pub fn keys(_detail: bool) -> &'static [Binding] {
    KEYS
}

/// The rows a long section shows (the first, most urgent ones); a row after them says how many
/// more there are and where they all are. An overview of thousands of rows is no overview, and at
/// ten times the national portfolio it would be rebuilt on every save.
const SECTION_MAX: usize = 50;

/// "… and 6.238 more: Enter shows them all in ..." under a long section.
fn more_row(rows: &mut Vec<ListRow>, id: &str, n: usize, hint: &str, th: &Theme) {
    rows.push(ListRow::new(
        id,
        vec![
            Line::from(span(format!("  … +{n}"), th.hint())),
            Line::from(span(hint.to_string(), th.hint())),
            cell(""),
        ],
        "",
    ));
}

/// Row ids: "kind:id" opens a record; "follow:meeting:item:index" an action item; "problem:n" a
/// load problem; "" a heading.
pub fn model(app: &App) -> ListModel {
    let th = Theme::new(app.color);
    let l = app.lang;
    let today = app.today;
    let mut rows = vec![];
    let heading = |rows: &mut Vec<ListRow>, text: &str, n: usize| {
        rows.push(ListRow::new(
            "",
            vec![Line::from(span(format!("{text} ({n})"), th.title()))],
            "",
        ));
    };

    if app.ws.initiatives.is_empty() {
        let forum_hint = if app.ws.forums.is_empty() {
            (
                "Kom i gang: [F] Fora, hvor [T] opretter Porteføljestyregruppen fra skabelon.",
                "Getting started: [F] Forums, where [T] creates Porteføljestyregruppen.",
            )
        } else {
            (
                "Kom i gang: [F] Fora viser medlemmer og standardpunkter.",
                "Getting started: [F] Forums shows members and standard items.",
            )
        };
        for (da, en) in [
            forum_hint,
            (
                "Skærm [2] Portefølje: [I] importerer initiativer, [i] statusrapporter (CSV).",
                "Screen [2] Portfolio: [I] imports initiatives, [i] status reports (CSV).",
            ),
        ] {
            rows.push(ListRow::new(
                "",
                vec![Line::from(span(app.t(da, en), th.hint()))],
                "",
            ));
        }
    }

    // Meetings ahead.
    let upcoming: Vec<_> = app
        .ws
        .meetings
        .iter()
        .filter(|m| m.date >= today && matches!(m.state, MeetingState::Draft | MeetingState::Sent))
        .collect();
    heading(
        &mut rows,
        app.t("Kommende møder", "Upcoming meetings"),
        upcoming.len(),
    );
    for m in upcoming {
        let forum = app.ws.forum(&m.forum);
        let name = forum.map_or(m.forum.clone(), |f| f.name.clone());
        let deadline = crate::ops::meeting::dispatch_deadline(&app.ws, m);
        let (when, style) = if m.state == MeetingState::Sent {
            (
                format!(
                    "{} v{}",
                    app.t("dagsorden udsendt", "agenda sent"),
                    m.agenda_version
                ),
                th.ok(),
            )
        } else if deadline < today {
            (
                format!(
                    "{} {} ({})",
                    app.t("udsendelse overskredet", "dispatch missed"),
                    short_date(deadline),
                    days_left(today, deadline, l)
                ),
                th.error(),
            )
        } else {
            (
                format!(
                    "{} {} ({})",
                    app.t("udsendes senest", "dispatch by"),
                    short_date(deadline),
                    days_left(today, deadline, l)
                ),
                if (deadline - today).num_days() <= 2 {
                    th.warn()
                } else {
                    th.hint()
                },
            )
        };
        rows.push(ListRow::new(
            &format!("meeting:{}", m.id),
            vec![
                cell(format!("  {}", long_date(m.date, l))),
                cell(name),
                Line::from(span(when, style)),
            ],
            "",
        ));
    }

    // Consultations awaiting replies.
    let open: Vec<_> = app
        .ws
        .consultations
        .iter()
        .filter(|c| c.state == ConsultationState::Sent)
        .collect();
    heading(
        &mut rows,
        app.t("Høringer med svarfrist", "Consultations awaiting replies"),
        open.len(),
    );
    for c in open {
        let (missing, total) = app
            .ws
            .forum(&c.forum)
            .map(|f| (outstanding(c, f).len(), tally(c, f).total()))
            .unwrap_or((0, 0));
        let deadline = c.deadline.map(|d| d.date());
        let (txt, st) = match deadline {
            Some(d) => (
                format!(
                    "{} ({}) · {missing}/{total} {}",
                    short_date(d),
                    days_left(today, d, l),
                    app.t("mangler", "missing")
                ),
                if d < today { th.error() } else { th.hint() },
            ),
            None => (
                format!("{missing}/{total} {}", app.t("mangler svar", "outstanding")),
                th.hint(),
            ),
        };
        rows.push(ListRow::new(
            &format!("consultation:{}", c.id),
            vec![
                cell(format!("  {}", c.id)),
                cell(&c.subject),
                Line::from(span(txt, st)),
            ],
            "",
        ));
    }

    // Action items overdue.
    let follow = overdue_follow_ups(&app.ws, today);
    heading(
        &mut rows,
        app.t("Overskredne opfølgningspunkter", "Overdue action items"),
        follow.len(),
    );
    let more_follow = follow.len().saturating_sub(SECTION_MAX);
    for fu in follow.into_iter().take(SECTION_MAX) {
        rows.push(ListRow::new(
            &format!("follow:{}:{}:{}", fu.meeting, fu.item, fu.index),
            vec![
                cell(format!("  {}", fu.action.owner)),
                cell(&fu.action.text),
                Line::from(span(
                    format!(
                        "{} {} ({})",
                        app.t("frist", "due"),
                        fu.action.due.map(short_date).unwrap_or_default(),
                        fu.action
                            .due
                            .map(|d| days_left(today, d, l))
                            .unwrap_or_default()
                    ),
                    th.error(),
                )),
            ],
            "",
        ));
    }

    if more_follow > 0 {
        more_row(
            &mut rows,
            "more:follow",
            more_follow,
            app.t(
                "Enter viser dem alle i opfølgningslisten [O]",
                "Enter shows them all in the follow-up list [O]",
            ),
            &th,
        );
    }

    // Deviating initiatives without an open case.
    let handled = crate::ops::case::handled_initiatives(&app.ws, app.latest_quarter);
    let open_case = |id: &str| handled.contains(id);
    let dev: Vec<_> = app
        .deviations
        .iter()
        .filter(|d| d.category == Category::Deviating && !open_case(&d.id))
        .collect();
    heading(
        &mut rows,
        app.t(
            "Afvigende initiativer uden åben sag",
            "Deviating initiatives without an open case",
        ),
        dev.len(),
    );
    let more_dev = dev.len().saturating_sub(SECTION_MAX);
    for d in dev.into_iter().take(SECTION_MAX) {
        rows.push(ListRow::new(
            &format!("initiative:{}", d.id),
            vec![
                cell(format!("  {}", d.id)),
                cell(&d.name),
                Line::from(span(
                    format!(
                        "{}{} · {}",
                        d.category.label(l),
                        if d.new { app.t(" (ny)", " (new)") } else { "" },
                        d.ministry
                    ),
                    th.error(),
                )),
            ],
            "",
        ));
    }

    if more_dev > 0 {
        more_row(
            &mut rows,
            "more:portfolio",
            more_dev,
            app.t(
                "Enter viser porteføljen [2]",
                "Enter shows the portfolio [2]",
            ),
            &th,
        );
    }

    // Conflict records a git sync kept, until resolved.
    if !app.sync.conflicts.is_empty() {
        heading(
            &mut rows,
            app.t("Konflikter fra synkronisering", "Conflicts from syncing"),
            app.sync.conflicts.len(),
        );
        for (i, c) in app.sync.conflicts.iter().enumerate() {
            rows.push(ListRow::new(
                &format!("conflict:{i}"),
                vec![
                    cell(format!("  {}", c.record)),
                    Line::from(span(c.fields.join(", "), th.error())),
                    cell(app.t("begge ændret", "changed on both sides")),
                ],
                "",
            ));
        }
    }

    // Files that failed to load.
    if !app.problems.is_empty() {
        heading(
            &mut rows,
            app.t("Filer med fejl", "Files with problems"),
            app.problems.len(),
        );
        for (i, p) in app.problems.iter().enumerate() {
            rows.push(ListRow::new(
                &format!("problem:{i}"),
                vec![
                    cell(format!("  {}", p.path.display())),
                    Line::from(span(p.message.clone(), th.error())),
                    cell(if p.skipped {
                        app.t("ikke indlæst", "not loaded")
                    } else {
                        ""
                    }),
                ],
                "",
            ));
        }
    }

    // The first column as wide as its widest cell (dates, ids, owners), within reason; the status
    // (deadlines, tallies) whole at 80 columns; the names take what is left, so a wide terminal
    // shows more of them.
    let first = rows
        .iter()
        .filter(|r| !r.id.is_empty())
        .filter_map(|r| r.cells.first())
        .map(|c| c.width())
        .max()
        .unwrap_or(18)
        .clamp(14, 30);
    ListModel {
        headers: vec![app.t("Hvad", "What"), "", app.t("Status", "Status")],
        widths: vec![
            Constraint::Length(u16::try_from(first).unwrap_or(18)),
            Constraint::Fill(1),
            Constraint::Length(34),
        ],
        rows,
    }
}

/// The overview (no record pages of its own: Enter goes to the record's screen).
pub struct Overview;

impl super::Screen for Overview {
    fn model(&self, app: &App) -> ListModel {
        model(app)
    }
    fn keys(&self, detail: bool) -> &'static [Binding] {
        keys(detail)
    }
    fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        render(app, f, area)
    }
    fn update(&self, app: &mut App, a: Action) -> bool {
        update(app, a)
    }
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let title = format!(
        "{} · {}",
        app.t("Overblik", "Overview"),
        long_date(app.today, app.lang)
    );
    draw_list(app, ScreenId::Overview, f, area, &title);
}

pub fn update(app: &mut App, a: Action) -> bool {
    let v = app.view();
    let sel = v.list.selected(&v.model).unwrap_or("").to_string();
    match a {
        Action::Open => {
            open_row(app, &sel);
            true
        }
        Action::ToggleDone => {
            let parts: Vec<&str> = sel.split(':').collect();
            if let ["follow", meeting, item, index] = parts.as_slice() {
                let found = crate::ops::meeting::follow_up_list(&app.ws, app.today, true)
                    .into_iter()
                    .find(|f| {
                        f.meeting == *meeting
                            && f.item.to_string() == *item
                            && f.index.to_string() == *index
                    });
                if let Some(fu) = found {
                    match crate::ops::meeting::set_action_done(&app.ws, &fu, !fu.action.done) {
                        Ok(m) => {
                            if app
                                .commit(
                                    vec![crate::store::Change::Update(
                                        crate::model::AnyRecord::Meeting(m),
                                    )],
                                    "action item done",
                                )
                                .is_ok()
                            {
                                app.flash(
                                    app.t(
                                        "Opfølgningspunktet er udført ([u] fortryder).",
                                        "Action item done ([u] undoes it).",
                                    ),
                                    Tone::Success,
                                );
                            }
                        }
                        Err(e) => app.flash(e.message(app.lang), Tone::Error),
                    }
                }
            } else {
                app.flash(
                    app.t(
                        "Stil markøren på et opfølgningspunkt.",
                        "Put the cursor on an action item.",
                    ),
                    Tone::Info,
                );
            }
            true
        }
        Action::New | Action::Edit | Action::Delete => {
            app.flash(
                app.t(
                    "Overblikket viser kun; åbn en linje (Enter) for at ændre den.",
                    "Overview only shows; open a line (Enter) to change it.",
                ),
                Tone::Info,
            );
            true
        }
        _ => false,
    }
}

fn open_row(app: &mut App, sel: &str) {
    let Some((kind, rest)) = sel.split_once(':') else {
        return;
    };
    match kind {
        "meeting" => app.open_record(RecordKind::Meeting, rest),
        "consultation" => app.open_record(RecordKind::Consultation, rest),
        "initiative" => app.open_record(RecordKind::Initiative, rest),
        "more" => match rest {
            "follow" => app.go(ScreenId::FollowUp),
            "portfolio" => app.go(ScreenId::Portfolio),
            _ => {}
        },
        "follow" => {
            if let Some((m, _)) = rest.split_once(':') {
                app.open_record(RecordKind::Meeting, m);
            }
        }
        "conflict" => {
            if let Ok(i) = rest.parse::<usize>() {
                app.open_sync_conflict(i);
            }
        }
        "problem" => {
            if let Some(p) = rest.parse::<usize>().ok().and_then(|i| app.problems.get(i)) {
                let text = format!(
                    "{p}\n\n{}",
                    app.t(
                        "Filen er ikke indlæst. Ret den i en teksteditor (stedet står ovenfor), og tryk Ctrl-l for at indlæse igen; secretariat check viser alle fejl.",
                        "The file was not loaded. Fix it in a text editor (the place is given above) and press Ctrl-l to reload; secretariat check lists every problem."
                    )
                );
                app.message_box(app.t("Fil med fejl", "File with a problem"), text);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActionItem;
    use crate::tui::testing::{demo_app, press};

    #[test]
    fn a_long_section_shows_its_first_rows_and_a_row_that_leads_to_them_all() {
        let (_d, mut app) = demo_app();
        let m = app
            .ws
            .meetings
            .iter()
            .position(|m| !m.items.is_empty())
            .expect("a meeting with items");
        let due = app.today - chrono::Duration::days(3);
        for k in 0..SECTION_MAX + 7 {
            app.ws.meetings[m].items[0]
                .minutes
                .action_items
                .push(ActionItem {
                    text: format!("Opgave {k}"),
                    owner: "Sekretariatet".into(),
                    due: Some(due),
                    ..ActionItem::default()
                });
        }
        app.rebuild();
        let overdue = overdue_follow_ups(&app.ws, app.today).len();
        assert!(overdue > SECTION_MAX);
        let model = model(&app);
        let follow_rows = model
            .rows
            .iter()
            .filter(|r| r.id.starts_with("follow:"))
            .count();
        assert_eq!(follow_rows, SECTION_MAX);
        let more = model
            .rows
            .iter()
            .position(|r| r.id == "more:follow")
            .expect("the row under the section");
        let text: String = model.rows[more]
            .cells
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            text.contains(&format!("+{}", overdue - SECTION_MAX)),
            "{text}"
        );
        // The heading still counts them all.
        assert!(
            model.rows.iter().any(
                |r| r.id.is_empty() && r.cells[0].to_string().contains(&format!("({overdue})"))
            )
        );

        // Enter on it opens the follow-up list.
        app.screen = ScreenId::Overview;
        app.views[ScreenId::Overview.index()].stale = true;
        app.ensure_fresh(ScreenId::Overview);
        let v = app.view_mut();
        let pos = v
            .list
            .visible
            .iter()
            .position(|&i| v.model.rows[i].id == "more:follow")
            .expect("visible");
        v.list.cursor = pos;
        press(&mut app, &["Enter"]);
        assert_eq!(app.screen, ScreenId::FollowUp);
    }
}
