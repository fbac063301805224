//! Decisions ("beslutninger"): the register of every decision from meetings and consultations,
//! newest first. `/` filters by any words, so "psg 2026 5.2" narrows to a forum, a year and an
//! initiative at once. Each decision opens its source and its initiative.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::common::{Page, cell, long_date, short_date};
use crate::model::{AnyRecord, DecisionSource, RecordKind};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::intent::{DecisionsIntent, Intent};
use crate::tui::keymap::{Binding, DELETE, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const KEYS: &[Binding] = &[
    bind(
        &[ch('o')],
        Action::OpenSource,
        "Åbn kilden (møde eller høring)",
        "Open the source (meeting or consultation)",
    ),
    bind(
        &[ch('i')],
        Action::OpenInitiative,
        "Åbn initiativet",
        "Open the initiative",
    ),
    bind(&[ch('e')], Action::Edit, "Rediger teksten", "Edit the text"),
    DELETE,
];

pub fn keys(_detail: bool) -> &'static [Binding] {
    KEYS
}

pub fn model(app: &App) -> ListModel {
    let rows = app
        .ws
        .decisions
        .iter()
        .rev()
        .map(|d| {
            let forum = app.ws.forum(&d.forum);
            let forum_short = forum.map_or(d.forum.clone(), |f| f.short_name.clone());
            let extra = format!(
                "{} {} {} {} {}",
                d.date.format("%Y"),
                forum.map_or("", |f| f.name.as_str()),
                d.initiative.as_deref().unwrap_or(""),
                d.initiative
                    .as_deref()
                    .and_then(|i| app.ws.initiative(i))
                    .map_or("", |i| i.name.as_str()),
                d.case.as_deref().unwrap_or("")
            );
            ListRow::new(
                &d.id,
                vec![
                    cell(short_date(d.date)),
                    cell(forum_short),
                    cell(d.source.label()),
                    cell(d.initiative.as_deref().unwrap_or("")),
                    cell(&d.text),
                ],
                &extra,
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Dato", "Date"),
            app.t("Forum", "Forum"),
            app.t("Kilde", "Source"),
            app.t("Init.", "Init."),
            app.t("Beslutning", "Decision"),
        ],
        widths: vec![
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(17),
            Constraint::Length(6),
            Constraint::Fill(1),
        ],
        rows,
    }
}

/// The decision register (a decision's page has no selectable parts).
pub struct Decisions;

impl super::Screen for Decisions {
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
    let v = app.view_of(ScreenId::Decisions);
    let Some(det) = &v.detail else {
        draw_list(
            app,
            ScreenId::Decisions,
            f,
            area,
            app.t("Beslutninger", "Decisions"),
        );
        return;
    };
    let Some(d) = app.ws.decision(&det.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let l = app.lang;
    let mut p = Page::in_lang(app.lang);
    let w = 11;
    p.field(&th, app.t("Dato", "Date"), &long_date(d.date, l), w);
    let forum = app
        .ws
        .forum(&d.forum)
        .map_or(d.forum.clone(), |f| f.name.clone());
    p.field(&th, app.t("Forum", "Forum"), &forum, w);
    let source = match &d.source {
        DecisionSource::Meeting { meeting, item } => {
            let title = app
                .ws
                .meeting(meeting)
                .and_then(|m| m.items.get((*item as usize).saturating_sub(1)))
                .map_or(String::new(), |it| format!(": {}", it.title));
            format!(
                "{} {meeting}, {} {item}{title}",
                app.t("Møde", "Meeting"),
                app.t("punkt", "item")
            )
        }
        DecisionSource::Consultation { consultation } => {
            format!(
                "{} {consultation}",
                app.t("Skriftlig høring", "Written consultation")
            )
        }
    };
    p.field(&th, app.t("Kilde", "Source"), &format!("{source} (o)"), w);
    // The lock is ops' rule (decision::check_change): shown here so the user knows before editing.
    if crate::ops::decision::check_change(&app.ws, d).is_err() {
        p.field(
            &th,
            app.t("Låst", "Locked"),
            app.t(
                "med det godkendte referat (genåbn referatet for at ændre)",
                "with the approved minutes (reopen them to change it)",
            ),
            w,
        );
    }
    if let Some(c) = &d.case {
        let t = app
            .ws
            .case(c)
            .map_or(String::new(), |c| format!(" {}", c.title));
        p.field(&th, app.t("Sag", "Case"), &format!("{c}{t}"), w);
    }
    if let Some(i) = &d.initiative {
        let t = app
            .ws
            .initiative(i)
            .map_or(String::new(), |x| format!(" {}", x.name));
        p.field(
            &th,
            app.t("Initiativ", "Initiative"),
            &format!("{i}{t} (i)"),
            w,
        );
    }
    p.heading(&th, app.t("Beslutning", "Decision"));
    p.text(&d.text, "", &th);
    p.draw(
        app,
        f,
        area,
        &format!("{} {}", app.t("Beslutning", "Decision"), d.id),
        det.cursor,
    );
}

pub fn update(app: &mut App, a: Action) -> bool {
    let Some(d) = app
        .current_id()
        .and_then(|id| app.ws.decision(&id).cloned())
    else {
        return matches!(
            a,
            Action::OpenSource | Action::OpenInitiative | Action::Edit
        );
    };
    match a {
        Action::OpenSource => match &d.source {
            DecisionSource::Meeting { meeting, item } => {
                let m = meeting.clone();
                let item = *item as usize;
                app.open_record(RecordKind::Meeting, &m);
                if let Some(det) = &mut app.view_of_mut(ScreenId::Meetings).detail {
                    det.cursor = item.saturating_sub(1);
                }
            }
            DecisionSource::Consultation { consultation } => {
                let c = consultation.clone();
                app.open_record(RecordKind::Consultation, &c);
            }
        },
        Action::OpenInitiative => match &d.initiative {
            Some(i) => {
                let i = i.clone();
                app.open_record(RecordKind::Initiative, &i)
            }
            None => app.flash(
                app.t(
                    "Beslutningen har intet initiativ.",
                    "The decision has no initiative.",
                ),
                Tone::Info,
            ),
        },
        Action::Edit => {
            if let Err(e) = crate::ops::decision::check_change(&app.ws, &d) {
                app.flash(e.message(app.lang), Tone::Error);
                return true;
            }
            let f = Form::new(
                &format!("{} {}", app.t("Rediger beslutning", "Edit decision"), d.id),
                Intent::Decisions(DecisionsIntent::Edit {
                    decision: d.id.clone(),
                }),
                vec![
                    Field::new(
                        "text",
                        app.t("Beslutning", "Decision"),
                        FieldKind::Multiline,
                        &d.text,
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

pub fn submit(app: &mut App, i: DecisionsIntent, form: &mut Form) -> Result<(), String> {
    let DecisionsIntent::Edit { decision: id } = i;
    if app.ws.decision(&id).is_none() {
        return Err(super::common::gone(app));
    }
    let d = crate::ops::decision::edit_text(&app.ws, &id, &form.text("text"))
        .map_err(|e| e.message(app.lang))?;
    app.commit(vec![Change::Update(AnyRecord::Decision(d))], "edited")?;
    app.flash(
        format!("{id} {}", app.t("er gemt.", "saved.")),
        Tone::Success,
    );
    Ok(())
}

/// The decision register asks no confirmations of its own (deleting is the app's).
pub fn confirmed(_app: &mut App, i: DecisionsIntent) {
    match i {
        DecisionsIntent::Edit { .. } => {}
    }
}

/// The decision register opens no pickers.
pub fn picked(_app: &mut App, i: DecisionsIntent, _id: &str) {
    match i {
        DecisionsIntent::Edit { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{DecisionSource, MeetingState, RecordKind};
    use crate::tui::testing::{demo_app, demo_app_lang, screen};

    /// A decision of approved minutes shows as locked, in the UI's language; one of minutes not
    /// yet approved does not.
    #[test]
    fn a_decision_of_approved_minutes_shows_as_locked() {
        for (en, word) in [(false, "Låst"), (true, "Locked")] {
            let (_d, mut app) = if en {
                demo_app_lang(Some(crate::model::Language::En))
            } else {
                demo_app()
            };
            let Some((id, meeting)) = app.ws.decisions.iter().find_map(|d| match &d.source {
                DecisionSource::Meeting { meeting, .. } => Some((d.id.clone(), meeting.clone())),
                DecisionSource::Consultation { .. } => None,
            }) else {
                panic!("the demo has a decision from a meeting");
            };
            let Some(pos) = app.ws.meetings.iter().position(|m| m.id == meeting) else {
                panic!("the decision's meeting is in the demo");
            };
            app.ws.meetings[pos].state = MeetingState::Held;
            app.open_record(RecordKind::Decision, &id);
            let open = screen(&mut app, 120, 36);
            assert!(!open.contains(word), "{open}");
            app.ws.meetings[pos].state = MeetingState::Approved;
            let locked = screen(&mut app, 120, 36);
            assert!(locked.contains(word), "{locked}");
        }
    }
}
