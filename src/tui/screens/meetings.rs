//! Meetings ("møder"): the list, a meeting with its agenda, and creating and editing meetings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

use super::common::{Page, cell, long_date, short_date};
use crate::i18n::Label;
use crate::model::{AnyRecord, Meeting};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::input_parse::{format_date, format_time};
use crate::tui::keymap::{Binding, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::Pending;
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const LIST_KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Nyt møde", "New meeting"),
    bind(&[ch('e')], Action::Edit, "Rediger", "Edit"),
    bind(&[ch('d')], Action::Delete, "Slet", "Delete"),
];

const DETAIL_KEYS: &[Binding] = &[
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger mødet",
        "Edit the meeting",
    ),
    bind(&[ch('d')], Action::Delete, "Slet", "Delete"),
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}

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
            ListRow::new(
                &m.id,
                vec![
                    cell(short_date(m.date)),
                    cell(forum),
                    cell(&m.place),
                    cell(m.state.label(l)),
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

pub fn detail_len(app: &App) -> usize {
    app.view_of(ScreenId::Meetings)
        .detail
        .as_ref()
        .and_then(|d| app.ws.meeting(&d.id))
        .map_or(0, |m| m.items.len())
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
    let forum = app
        .ws
        .forum(&m.forum)
        .map_or(m.forum.clone(), |f| f.name.clone());
    let mut p = Page::new();
    let w = 10;
    p.field(&th, app.t("Forum", "Forum"), &forum, w);
    p.field(&th, app.t("Dato", "Date"), &long_date(m.date, l), w);
    let time = match (m.start, m.end) {
        (Some(s), Some(e)) => format!("{}–{}", format_time(s, l), format_time(e, l)),
        (Some(s), None) => format_time(s, l),
        _ => "—".into(),
    };
    p.field(&th, app.t("Tid", "Time"), &time, w);
    p.field(&th, app.t("Sted", "Place"), &m.place, w);
    p.field(&th, app.t("Tilstand", "State"), m.state.label(l), w);
    p.heading(&th, app.t("Dagsorden", "Agenda"));
    for (i, it) in m.items.iter().enumerate() {
        p.part(Line::from(format!(
            "  {}. {} ({})",
            i + 1,
            it.title,
            it.kind.label(l)
        )));
    }
    p.draw(
        app,
        f,
        area,
        &format!("{} {}", forum, short_date(m.date)),
        d.cursor,
    );
}

fn meeting_form(app: &App, m: &Meeting, target: Option<&str>) -> Form {
    let l = app.lang;
    let mut fields = vec![];
    if target.is_none() {
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
            &format_date(m.date),
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
    ]);
    let title = match target {
        Some(id) => format!("{} {id}", app.t("Rediger møde", "Edit meeting")),
        None => app.t("Nyt møde", "New meeting").to_string(),
    };
    Form::new(
        &title,
        App::purpose(
            ScreenId::Meetings,
            if target.is_some() { "edit" } else { "new" },
            target,
        ),
        fields,
    )
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::New => {
            let mut m = Meeting::new(
                "",
                app.ws.settings.default_forum.as_deref().unwrap_or(""),
                app.today,
            );
            m.date = app.today;
            let f = meeting_form(app, &m, None);
            app.open_form(f);
        }
        Action::Edit => {
            let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
                return true;
            };
            let f = meeting_form(app, &m, Some(&m.id));
            app.open_form(f);
        }
        _ => return false,
    }
    true
}

pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let l = app.lang;
    let date = form.date("date", app.today, l).ok_or("?")?;
    let (start, end, place) = (
        form.time("start", l),
        form.time("end", l),
        form.text("place"),
    );
    match form.purpose.what.as_str() {
        "new" => {
            let forum = form.text("forum");
            let m = crate::ops::meeting::new_meeting(&app.ws, &forum, date, start, end, &place)
                .map_err(|e| e.0)?;
            let id = m.id.clone();
            app.commit(vec![Change::Create(AnyRecord::Meeting(m))], "created")?;
            app.open_record(crate::model::RecordKind::Meeting, &id);
            app.back.pop();
            app.flash(
                format!("{id} {}", app.t("er oprettet.", "created.")),
                Tone::Success,
            );
        }
        _ => {
            let id = form.purpose.target.clone().unwrap_or_default();
            let mut m = app.ws.meeting(&id).cloned().ok_or("?")?;
            m.date = date;
            m.start = start;
            m.end = end;
            m.place = place;
            app.commit(vec![Change::Update(AnyRecord::Meeting(m))], "edited")?;
            app.flash(
                format!("{id} {}", app.t("er gemt.", "saved.")),
                Tone::Success,
            );
        }
    }
    Ok(())
}

pub fn confirmed(_app: &mut App, _p: &Pending) {}

pub fn picked(_app: &mut App, _p: &Pending, _id: &str) {}
