//! Written consultations ("skriftlige høringer"): the list, a consultation with its replies and
//! tally, and editing its subject and deadline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

use super::common::{Page, cell, opt_date};
use crate::i18n::Label;
use crate::model::AnyRecord;
use crate::rules::tally::{reply_of, tally};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::keymap::{Binding, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::Pending;
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const LIST_KEYS: &[Binding] = &[
    bind(&[ch('e')], Action::Edit, "Rediger", "Edit"),
    bind(&[ch('d')], Action::Delete, "Slet", "Delete"),
];

const DETAIL_KEYS: &[Binding] = &[
    bind(&[ch('e')], Action::Edit, "Rediger", "Edit"),
    bind(&[ch('d')], Action::Delete, "Slet", "Delete"),
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}

pub fn model(app: &App) -> ListModel {
    let l = app.lang;
    let rows = app
        .ws
        .consultations
        .iter()
        .rev()
        .map(|c| {
            ListRow::new(
                &c.id,
                vec![
                    cell(&c.id),
                    cell(&c.subject),
                    cell(opt_date(c.deadline.map(|d| d.date()))),
                    cell(c.state.label(l)),
                ],
                "",
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Nr", "No."),
            app.t("Emne", "Subject"),
            app.t("Svarfrist", "Deadline"),
            app.t("Tilstand", "State"),
        ],
        widths: vec![
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
        rows,
    }
}

pub fn detail_len(_app: &App) -> usize {
    0
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Consultations);
    let Some(d) = &v.detail else {
        draw_list(
            app,
            ScreenId::Consultations,
            f,
            area,
            app.t("Høringer", "Consultations"),
        );
        return;
    };
    let Some(c) = app.ws.consultation(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let l = app.lang;
    let mut p = Page::new();
    p.field(&th, app.t("Emne", "Subject"), &c.subject, 10);
    p.field(&th, app.t("Tilstand", "State"), c.state.label(l), 10);
    p.field(&th, app.t("Sager", "Cases"), &c.cases.join(", "), 10);
    if let Some(forum) = app.ws.forum(&c.forum) {
        let t = tally(c, forum);
        p.heading(&th, app.t("Svar", "Replies"));
        p.line(Line::from(format!("  {t:?}")));
        for m in &forum.members {
            let r = reply_of(c, &m.authority);
            p.line(Line::from(format!(
                "  {:<40} {}",
                m.authority,
                r.map_or(app.t("Intet svar", "No reply"), |r| r.kind.label(l))
            )));
        }
    }
    p.draw(app, f, area, &format!("{} {}", c.id, c.subject), d.cursor);
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::Edit => {
            let Some(c) = app
                .current_id()
                .and_then(|id| app.ws.consultation(&id).cloned())
            else {
                return true;
            };
            let f = Form::new(
                &format!("{} {}", app.t("Rediger høring", "Edit consultation"), c.id),
                App::purpose(ScreenId::Consultations, "edit", Some(&c.id)),
                vec![
                    Field::new(
                        "subject",
                        app.t("Emne", "Subject"),
                        FieldKind::Text,
                        &c.subject,
                    )
                    .required(),
                ],
            );
            app.open_form(f);
            true
        }
        _ => false,
    }
}

pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let id = form.purpose.target.clone().unwrap_or_default();
    let mut c = app.ws.consultation(&id).cloned().ok_or("?")?;
    c.subject = form.text("subject");
    app.commit(vec![Change::Update(AnyRecord::Consultation(c))], "edited")?;
    app.flash(
        format!("{id} {}", app.t("er gemt.", "saved.")),
        Tone::Success,
    );
    Ok(())
}

pub fn confirmed(_app: &mut App, _p: &Pending) {}

pub fn picked(_app: &mut App, _p: &Pending, _id: &str) {}
