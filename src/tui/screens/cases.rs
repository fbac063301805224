//! Cases ("sager"): the list, a case with its recommendation, background, attachments and history,
//! and create / edit / delete / mark ready / escalate.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

use super::common::{Page, cell, span};
use crate::i18n::Label;
use crate::model::{AnyRecord, Attachment, Case, CaseKind, CaseState, RecordKind};
use crate::ops::case::CaseStep;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::intent::{CasesIntent, Intent};
use crate::tui::keymap::{Binding, DELETE, EDIT, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const LIST_KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Ny sag", "New case"),
    EDIT,
    READY,
    CLOSE,
    DELETE,
];

const READY: Binding = bind(
    &[ch('r')],
    Action::MarkReady,
    "Markér klar/kladde",
    "Mark ready/draft",
);
const CLOSE: Binding = bind(
    &[ch('l')],
    Action::CloseCase,
    "Luk/genåbn sag",
    "Close/reopen case",
);

const DETAIL_KEYS: &[Binding] = &[
    EDIT,
    READY,
    CLOSE,
    bind(
        &[ch('i')],
        Action::OpenInitiative,
        "Åbn initiativet",
        "Open the initiative",
    ),
    bind(
        &[ch('x')],
        Action::Escalate,
        "Eskalér til overordnet forum",
        "Escalate to the parent forum",
    ),
    bind(
        &[ch('B')],
        Action::Bilag,
        "Bilag: vedhæft, omdøb, fjern",
        "Bilag: attach, rename, remove",
    ),
    DELETE,
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}

pub fn model(app: &App) -> ListModel {
    let l = app.lang;
    let th = Theme::new(app.color);
    let rows = app
        .ws
        .cases
        .iter()
        .rev()
        .map(|c| {
            let state_style = match c.state {
                CaseState::Draft => th.hint(),
                CaseState::Ready => th.ok(),
                CaseState::Decided | CaseState::Closed => th.hint(),
                _ => th.warn(),
            };
            ListRow::new(
                &c.id,
                vec![
                    cell(&c.id),
                    cell(&c.title),
                    cell(c.kind.label(l)),
                    Line::from(span(c.state.label(l), state_style)),
                    cell(c.initiative.as_deref().unwrap_or("")),
                ],
                &c.background,
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Nr", "No."),
            app.t("Titel", "Title"),
            app.t("Art", "Kind"),
            app.t("Tilstand", "State"),
            app.t("Initiativ", "Initiative"),
        ],
        widths: vec![
            Constraint::Length(11),
            Constraint::Fill(1),
            Constraint::Length(18),
            Constraint::Length(14),
            Constraint::Length(9),
        ],
        rows,
    }
}

/// The cases screen (a case's page has no selectable parts).
pub struct Cases;

impl super::Screen for Cases {
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
    let v = app.view_of(ScreenId::Cases);
    let Some(d) = &v.detail else {
        draw_list(app, ScreenId::Cases, f, area, app.t("Sager", "Cases"));
        return;
    };
    let Some(c) = app.ws.case(&d.id) else { return };
    let th = Theme::new(app.color);
    let l = app.lang;
    let mut p = Page::in_lang(l);
    let w = 12;
    p.field(&th, app.t("Art", "Kind"), c.kind.label(l), w);
    p.field(&th, app.t("Tilstand", "State"), c.state.label(l), w);
    let forum = c
        .forum
        .as_deref()
        .map(|f| app.ws.forum(f).map_or(f.to_string(), |x| x.name.clone()))
        .unwrap_or_else(|| "—".into());
    p.field(&th, app.t("Forum", "Forum"), &forum, w);
    let init = c
        .initiative
        .as_deref()
        .map(|i| match app.ws.initiative(i) {
            Some(x) => format!("{} {} ([i] {})", x.id, x.name, app.t("åbner", "opens")),
            None => i.to_string(),
        })
        .unwrap_or_else(|| "—".into());
    p.field(&th, app.t("Initiativ", "Initiative"), &init, w);
    p.heading(&th, app.t("Indstilling", "Recommendation"));
    p.text(
        &c.recommendation,
        app.t("  (ingen endnu; [e] redigerer)", "  (none yet; [e] edits)"),
        &th,
    );
    p.heading(&th, app.t("Sagsfremstilling", "Background"));
    p.text(&c.background, app.t("  (ingen)", "  (none)"), &th);
    p.heading(&th, app.t("Bilag", "Attachments"));
    if c.attachments.is_empty() {
        p.text("", app.t("  (ingen)", "  (none)"), &th);
    }
    for (i, a) in c.attachments.iter().enumerate() {
        p.line(Line::from(format!("  {}. {}  {}", i + 1, a.title, a.path)));
    }
    // Where the case has been: agendas, consultations, decisions.
    let mut where_ = vec![];
    for m in &app.ws.meetings {
        if m.items.iter().any(|it| it.case.as_deref() == Some(&c.id)) {
            where_.push(format!(
                "{} {} {}",
                app.t("Møde", "Meeting"),
                m.id,
                m.state.label(l)
            ));
        }
    }
    for h in &app.ws.consultations {
        if h.cases.contains(&c.id) {
            where_.push(format!(
                "{} {} {}",
                app.t("Høring", "Consultation"),
                h.id,
                h.state.label(l)
            ));
        }
    }
    for dcs in &app.ws.decisions {
        if dcs.case.as_deref() == Some(&c.id) {
            where_.push(format!(
                "{} {}: {}",
                app.t("Beslutning", "Decision"),
                dcs.date,
                dcs.text
            ));
        }
    }
    if !where_.is_empty() {
        p.heading(&th, app.t("Behandling", "Handling"));
        for s in where_ {
            p.line(Line::from(format!("  {s}")));
        }
    }
    p.heading(&th, app.t("Historik", "History"));
    for h in &c.history {
        p.line(Line::from(format!(
            "  {} {}: {}",
            h.at.at.format("%d-%m-%Y %H:%M"),
            h.at.by,
            h.text
        )));
    }
    p.draw(app, f, area, &format!("{} {}", c.id, c.title), d.cursor);
}

fn kind_options(app: &App) -> Vec<(String, String)> {
    CaseKind::ALL
        .iter()
        .map(|k| (snake(k), k.label(app.lang).to_string()))
        .collect()
}

/// The serde name of a unit enum value ("deviation_status").
pub fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The unit enum value with this serde name.
pub fn unsnake<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// Attachments as one "title | path" line each, for editing.
pub fn attachments_text(a: &[Attachment]) -> String {
    a.iter()
        .map(|a| {
            if a.path.is_empty() {
                a.title.clone()
            } else {
                format!("{} | {}", a.title, a.path)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn parse_attachments(s: &str) -> Vec<Attachment> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('|') {
            Some((t, p)) => Attachment::new(t.trim(), p.trim()),
            None => Attachment::new(l, ""),
        })
        .collect()
}

/// Bilag edited as text keep the size and SHA-256 recorded for the same path.
pub fn keep_recorded(old: &[Attachment], new: Vec<Attachment>) -> Vec<Attachment> {
    new.into_iter()
        .map(|mut a| {
            if let Some(o) = old.iter().find(|o| o.path == a.path && !a.path.is_empty()) {
                a.size = o.size;
                a.sha256 = o.sha256.clone();
            }
            a
        })
        .collect()
}

/// The case form, filled from `c`.
pub fn case_form(app: &App, c: &Case, target: Option<&str>) -> Form {
    let title = match target {
        Some(id) => format!("{} {id}", app.t("Rediger sag", "Edit case")),
        None => app.t("Ny sag", "New case").to_string(),
    };
    Form::new(
        &title,
        Intent::Cases(CasesIntent::Edit {
            case: target.map(str::to_string),
        }),
        vec![
            Field::new("title", app.t("Titel", "Title"), FieldKind::Text, &c.title).required(),
            Field::new(
                "kind",
                app.t("Art", "Kind"),
                FieldKind::Choice(kind_options(app)),
                &snake(&c.kind),
            ),
            Field::new(
                "forum",
                app.t("Forum", "Forum"),
                FieldKind::Ref(RefKind::Forum),
                c.forum.as_deref().unwrap_or(""),
            ),
            Field::new(
                "initiative",
                app.t("Initiativ", "Initiative"),
                FieldKind::Ref(RefKind::Initiative),
                c.initiative.as_deref().unwrap_or(""),
            ),
            Field::new(
                "recommendation",
                app.t("Indstilling", "Recommendation"),
                FieldKind::Multiline,
                &c.recommendation,
            ),
            Field::new(
                "background",
                app.t("Sagsfremstilling", "Background"),
                FieldKind::Multiline,
                &c.background,
            ),
            Field::new(
                "attachments",
                app.t("Bilag (titel | sti)", "Attachments (title | path)"),
                FieldKind::Multiline,
                &attachments_text(&c.attachments),
            ),
        ],
    )
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::New => {
            let mut c = Case::new("", CaseKind::Other, "");
            c.forum = app.ws.settings.default_forum.clone();
            let f = case_form(app, &c, None);
            app.open_form(f);
        }
        Action::Edit => {
            let Some(c) = app.current_id().and_then(|id| app.ws.case(&id).cloned()) else {
                return true;
            };
            let f = case_form(app, &c, Some(&c.id));
            app.open_form(f);
        }
        Action::MarkReady | Action::CloseCase => {
            let Some(c) = app.current_id().and_then(|id| app.ws.case(&id).cloned()) else {
                return true;
            };
            let (step, summary) = match (a, c.state) {
                (Action::MarkReady, CaseState::Ready) => (CaseStep::BackToDraft, "back to draft"),
                (Action::MarkReady, _) => (CaseStep::MarkReady, "marked ready"),
                (_, CaseState::Closed) => (CaseStep::Reopen, "reopened"),
                _ => (CaseStep::Close, "closed"),
            };
            match crate::ops::case::step(&app.ws, &c, step, &app.stamp()) {
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
                Ok(next) => {
                    let msg = format!("{}: {}", next.id, next.state.label(app.lang));
                    if app
                        .commit(vec![Change::Update(AnyRecord::Case(next))], summary)
                        .is_ok()
                    {
                        app.flash(msg, Tone::Success);
                    }
                }
            }
        }
        Action::Bilag => {
            if let Some(id) = app.current_id() {
                super::bilag::open(app, crate::ops::bilag::Owner::Case(id));
            }
        }
        Action::OpenInitiative => {
            if let Some(i) = app
                .current_id()
                .and_then(|id| app.ws.case(&id))
                .and_then(|c| c.initiative.clone())
            {
                app.open_record(RecordKind::Initiative, &i);
            } else {
                app.flash(
                    app.t(
                        "Sagen handler ikke om et initiativ.",
                        "The case is not about an initiative.",
                    ),
                    Tone::Info,
                );
            }
        }
        Action::Escalate => {
            let Some(id) = app.current_id() else {
                return true;
            };
            let f = Form::new(
                &format!("{} {id}", app.t("Eskalér sag", "Escalate case")),
                Intent::Cases(CasesIntent::Escalate { case: id }),
                vec![Field::new(
                    "note",
                    app.t("Bemærkning", "Note"),
                    FieldKind::Multiline,
                    "",
                )],
            );
            app.open_form(f);
        }
        _ => return false,
    }
    true
}

pub fn submit(app: &mut App, i: CasesIntent, form: &mut Form) -> Result<(), String> {
    match i {
        CasesIntent::Edit { case: target } => {
            let (mut c, is_new) = match &target {
                Some(id) => (
                    app.ws.case(id).cloned().ok_or_else(|| {
                        app.t("Sagen findes ikke længere.", "The case no longer exists.")
                            .to_string()
                    })?,
                    false,
                ),
                None => (Case::new(&app.next_case_id(), CaseKind::Other, ""), true),
            };
            c.title = form.text("title");
            c.kind = unsnake(&form.text("kind")).unwrap_or(c.kind);
            c.forum = form.opt_text("forum");
            c.initiative = form.opt_text("initiative");
            c.recommendation = form.text("recommendation");
            c.background = form.text("background");
            c.attachments =
                keep_recorded(&c.attachments, parse_attachments(&form.text("attachments")));
            let st = app.stamp();
            c.history.push(crate::model::HistoryEntry {
                at: st,
                text: if is_new {
                    app.t("Oprettet", "Created")
                } else {
                    app.t("Redigeret", "Edited")
                }
                .into(),
            });
            let id = c.id.clone();
            let change = if is_new {
                Change::Create(AnyRecord::Case(c))
            } else {
                Change::Update(AnyRecord::Case(c))
            };
            app.commit(vec![change], if is_new { "created" } else { "edited" })?;
            app.flash(
                format!("{id} {}", app.t("er gemt.", "saved.")),
                Tone::Success,
            );
            if is_new {
                app.open_record(RecordKind::Case, &id);
                app.back.pop();
            }
            Ok(())
        }
        CasesIntent::Escalate { case: id } => {
            let note = form.text("note");
            let c = crate::ops::consultation::escalate(&app.ws, &id, &note, &app.stamp())
                .map_err(|e| e.message(app.lang))?;
            let forum = c.forum.clone().unwrap_or_default();
            app.commit(vec![Change::Update(AnyRecord::Case(c))], "escalated")?;
            app.flash(
                format!("{id} {} {forum}", app.t("er eskaleret til", "escalated to")),
                Tone::Success,
            );
            Ok(())
        }
    }
}

/// The cases screen asks no confirmations of its own (deleting is the app's).
pub fn confirmed(_app: &mut App, i: CasesIntent) {
    match i {
        CasesIntent::Edit { .. } | CasesIntent::Escalate { .. } => {}
    }
}

/// The cases screen opens no pickers of its own (a form's reference fields are the app's).
pub fn picked(_app: &mut App, i: CasesIntent, _id: &str) {
    match i {
        CasesIntent::Edit { .. } | CasesIntent::Escalate { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_round_trip_through_text() {
        let a = parse_attachments("Handlingsplan | bilag/plan.pdf\n\n  Notat  \n");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].path, "bilag/plan.pdf");
        assert_eq!(a[1].title, "Notat");
        assert_eq!(parse_attachments(&attachments_text(&a)), a);
    }

    #[test]
    fn enum_names_round_trip() {
        assert_eq!(snake(&CaseKind::ClosingReport), "closing_report");
        assert_eq!(
            unsnake::<CaseKind>("closing_report"),
            Some(CaseKind::ClosingReport)
        );
        assert_eq!(unsnake::<CaseKind>("nonsense"), None);
    }
}
