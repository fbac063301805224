//! Portfolio ("portefølje"): the initiatives with their status for the current quarter, an
//! initiative's master data and status history, and a case from a deviating initiative.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use super::common::{Page, cell, opt_date, span};
use crate::i18n::Label;
use crate::model::{AnyRecord, Initiative, Rag, RecordKind};
use crate::rules::deviation::Category;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::input_parse::format_date;
use crate::tui::keymap::{Binding, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::Pending;
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const LIST_KEYS: &[Binding] = &[
    bind(
        &[ch('c')],
        Action::CaseFromInitiative,
        "Opret sag fra initiativet",
        "Create a case from the initiative",
    ),
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger stamdata",
        "Edit master data",
    ),
    bind(&[ch('n')], Action::New, "Nyt initiativ", "New initiative"),
    bind(&[ch('d')], Action::Delete, "Slet", "Delete"),
];

const DETAIL_KEYS: &[Binding] = &[
    bind(
        &[ch('c')],
        Action::CaseFromInitiative,
        "Opret sag fra initiativet",
        "Create a case from the initiative",
    ),
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger stamdata",
        "Edit master data",
    ),
    bind(&[ch('d')], Action::Delete, "Slet", "Delete"),
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}

pub fn model(app: &App) -> ListModel {
    let th = Theme::new(app.color);
    let l = app.lang;
    let dev: std::collections::HashMap<&str, &crate::rules::deviation::Deviation> =
        app.deviations.iter().map(|d| (d.id.as_str(), d)).collect();
    let rows = app
        .ws
        .initiatives
        .iter()
        .map(|i| {
            let d = dev.get(i.id.as_str());
            let rag = d
                .and_then(|d| i.report(d.quarter))
                .or_else(|| i.latest_report())
                .map_or(Rag::NotReported, |r| r.overall);
            let cat = d.map(|d| d.category);
            let cat_style = match cat {
                Some(Category::Deviating) => th.error(),
                Some(Category::Attention) => th.warn(),
                _ => th.hint(),
            };
            let has_case = app
                .ws
                .cases
                .iter()
                .any(|c| c.state.is_open() && c.initiative.as_deref() == Some(&i.id));
            ListRow::new(
                &i.id,
                vec![
                    cell(&i.id),
                    cell(&i.name),
                    cell(&i.ministry),
                    Line::from(th.dot(rag, l)),
                    Line::from(span(cat.map_or("", |c| c.label(l)), cat_style)),
                    cell(if has_case { app.t("sag", "case") } else { "" }),
                ],
                &i.institution,
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Nr", "No."),
            app.t("Initiativ", "Initiative"),
            app.t("Ministerium", "Ministry"),
            app.t("Status", "Status"),
            app.t("Kategori", "Category"),
            app.t("Sag", "Case"),
        ],
        widths: vec![
            Constraint::Length(6),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(14),
            Constraint::Length(4),
        ],
        rows,
    }
}

pub fn detail_len(_app: &App) -> usize {
    0
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Portfolio);
    let Some(d) = &v.detail else {
        draw_list(
            app,
            ScreenId::Portfolio,
            f,
            area,
            app.t("Portefølje", "Portfolio"),
        );
        return;
    };
    let Some(i) = app.ws.initiative(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let l = app.lang;
    let mut p = Page::new();
    let w = 34;
    for (k, v) in stamdata(app, i) {
        p.field(&th, k, &v, w);
    }
    p.heading(&th, app.t("Statushistorik", "Status history"));
    for r in i.reports.iter().rev() {
        let mut spans = vec![Span::raw(format!("  {}  ", r.quarter))];
        for rag in [r.overall, r.time, r.cost, r.scope, r.risk] {
            spans.push(th.dot(rag, l));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(format!(
            " {} / {}  {}",
            r.budget
                .map(|b| b.to_string())
                .unwrap_or_else(|| "—".into()),
            r.forecast
                .map(|b| b.to_string())
                .unwrap_or_else(|| "—".into()),
            r.comment
        )));
        p.line(Line::from(spans));
    }
    p.heading(&th, app.t("Sager", "Cases"));
    for c in app
        .ws
        .cases
        .iter()
        .filter(|c| c.initiative.as_deref() == Some(&i.id))
    {
        p.line(Line::from(format!(
            "  {} {} [{}]",
            c.id,
            c.title,
            c.state.label(l)
        )));
    }
    p.draw(app, f, area, &format!("{} {}", i.id, i.name), d.cursor);
}

fn stamdata(app: &App, i: &Initiative) -> Vec<(&'static str, String)> {
    vec![
        (app.t("Initiativnavn", "Name"), i.name.clone()),
        (app.t("Indsatsområde", "Focus area"), i.focus_area.clone()),
        (app.t("Ministerium", "Ministry"), i.ministry.clone()),
        (app.t("Institution", "Institution"), i.institution.clone()),
        (
            app.t("Budget og finansiering", "Funding"),
            i.funding.clone(),
        ),
        (
            app.t("Budget (mio. kr.)", "Budget (DKK m)"),
            i.budget.map(|b| b.to_string()).unwrap_or_default(),
        ),
        (
            app.t("Ansvarlig for statusrapportering", "Status reporter"),
            i.status_reporter.clone(),
        ),
        (
            app.t("Formand for følge-/arbejdsgruppe", "Working group chair"),
            i.working_group_chair.clone(),
        ),
        (
            app.t("Projektleder", "Project manager"),
            i.project_manager.clone(),
        ),
        (
            app.t("Projektejer", "Project owner"),
            i.project_owner.clone(),
        ),
        (
            app.t("Programleder", "Programme manager"),
            i.programme_manager.clone(),
        ),
        (
            app.t("Starttidspunkt", "Start date"),
            opt_date(i.start_date),
        ),
        (app.t("Sluttidspunkt", "End date"), opt_date(i.end_date)),
        (
            app.t("Livscyklus", "Lifecycle"),
            i.lifecycle.label(app.lang).to_string(),
        ),
        (app.t("Øvrige kommentarer", "Comments"), i.comments.clone()),
    ]
}

fn initiative_form(app: &App, i: &Initiative, target: Option<&str>) -> Form {
    let t = |k: &'static str, da: &'static str, en: &'static str, v: &str| {
        Field::new(k, app.t(da, en), FieldKind::Text, v)
    };
    let mut fields = vec![];
    if target.is_none() {
        fields.push(t("id", "Nr", "No.", "").required());
    }
    fields.extend([
        t("name", "Initiativnavn", "Name", &i.name).required(),
        t("focus_area", "Indsatsområde", "Focus area", &i.focus_area),
        t("ministry", "Ministerium", "Ministry", &i.ministry).required(),
        t("institution", "Institution", "Institution", &i.institution),
        t("funding", "Budget og finansiering", "Funding", &i.funding),
        Field::new(
            "budget",
            app.t("Budget (mio. kr.)", "Budget (DKK m)"),
            FieldKind::Amount,
            &i.budget
                .map(|b| {
                    b.to_string().replace(
                        '.',
                        if app.lang == crate::model::Language::Da {
                            ","
                        } else {
                            "."
                        },
                    )
                })
                .unwrap_or_default(),
        ),
        t(
            "status_reporter",
            "Ansvarlig for statusrapportering",
            "Status reporter",
            &i.status_reporter,
        ),
        t(
            "working_group_chair",
            "Formand for følge-/arbejdsgruppe",
            "Working group chair",
            &i.working_group_chair,
        ),
        t(
            "project_manager",
            "Projektleder",
            "Project manager",
            &i.project_manager,
        ),
        t(
            "project_owner",
            "Projektejer",
            "Project owner",
            &i.project_owner,
        ),
        t(
            "programme_manager",
            "Programleder",
            "Programme manager",
            &i.programme_manager,
        ),
        Field::new(
            "start_date",
            app.t("Starttidspunkt", "Start date"),
            FieldKind::Date,
            &i.start_date.map(format_date).unwrap_or_default(),
        ),
        Field::new(
            "end_date",
            app.t("Sluttidspunkt", "End date"),
            FieldKind::Date,
            &i.end_date.map(format_date).unwrap_or_default(),
        ),
        Field::new(
            "comments",
            app.t("Øvrige kommentarer", "Comments"),
            FieldKind::Multiline,
            &i.comments,
        ),
    ]);
    let title = match target {
        Some(id) => format!("{} {id}", app.t("Rediger initiativ", "Edit initiative")),
        None => app.t("Nyt initiativ", "New initiative").to_string(),
    };
    Form::new(
        &title,
        App::purpose(ScreenId::Portfolio, "edit", target),
        fields,
    )
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::New => {
            let i = Initiative::new("", "", "");
            let f = initiative_form(app, &i, None);
            app.open_form(f);
        }
        Action::Edit => {
            let Some(i) = app
                .current_id()
                .and_then(|id| app.ws.initiative(&id).cloned())
            else {
                return true;
            };
            let f = initiative_form(app, &i, Some(&i.id));
            app.open_form(f);
        }
        Action::CaseFromInitiative => {
            let Some(id) = app.current_id() else {
                return true;
            };
            match crate::ops::case::from_initiative(&app.ws, &id, &app.stamp()) {
                Ok(c) => {
                    let cid = c.id.clone();
                    if app
                        .commit(
                            vec![Change::Create(AnyRecord::Case(c))],
                            "created from an initiative",
                        )
                        .is_ok()
                    {
                        app.open_record(RecordKind::Case, &cid);
                        app.flash(
                            format!(
                                "{cid} {}",
                                app.t(
                                    "er oprettet som kladde; e redigerer indstillingen.",
                                    "created as a draft; e edits the recommendation."
                                )
                            ),
                            Tone::Success,
                        );
                    }
                }
                Err(e) => app.flash(e.0, Tone::Error),
            }
        }
        _ => return false,
    }
    true
}

pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let l = app.lang;
    let (mut i, new) = match &form.purpose.target {
        Some(id) => (app.ws.initiative(id).cloned().ok_or("?")?, false),
        None => {
            let id = form.text("id");
            if let Err(e) = crate::model::validate_id(&id) {
                form.set_error("id", e.to_string());
                return Err(app.t("Ugyldigt nummer.", "Invalid number.").into());
            }
            if app.ws.initiative(&id).is_some() {
                form.set_error(
                    "id",
                    app.t("nummeret findes allerede", "that number is taken")
                        .into(),
                );
                return Err(app
                    .t("Nummeret findes allerede.", "The number is taken.")
                    .into());
            }
            (Initiative::new(&id, "", ""), true)
        }
    };
    i.name = form.text("name");
    i.focus_area = form.text("focus_area");
    i.ministry = form.text("ministry");
    i.institution = form.text("institution");
    i.funding = form.text("funding");
    i.budget = form.amount("budget", l);
    i.status_reporter = form.text("status_reporter");
    i.working_group_chair = form.text("working_group_chair");
    i.project_manager = form.text("project_manager");
    i.project_owner = form.text("project_owner");
    i.programme_manager = form.text("programme_manager");
    i.start_date = form.date("start_date", app.today, l);
    i.end_date = form.date("end_date", app.today, l);
    i.comments = form.text("comments");
    let id = i.id.clone();
    let ch = if new {
        Change::Create(AnyRecord::Initiative(i))
    } else {
        Change::Update(AnyRecord::Initiative(i))
    };
    app.commit(vec![ch], if new { "created" } else { "edited" })?;
    app.flash(
        format!("{id} {}", app.t("er gemt.", "saved.")),
        Tone::Success,
    );
    Ok(())
}

pub fn confirmed(_app: &mut App, _p: &Pending) {}

pub fn picked(_app: &mut App, _p: &Pending, _id: &str) {}
