//! The consultations list: one row per consultation with its state.

use super::*;

pub(super) fn state_cell(app: &App, c: &Consultation) -> String {
    match (c.state, c.outcome) {
        (ConsultationState::Concluded, Some(o)) => o.label(app.lang).to_string(),
        (s, _) => s.label(app.lang).to_string(),
    }
}

pub fn model(app: &App) -> ListModel {
    let th = Theme::new(app.color);
    let rows = app
        .ws
        .consultations
        .iter()
        .rev()
        .map(|c| {
            let replies = app
                .ws
                .forum(&c.forum)
                .map(|f| {
                    let t = tally(c, f);
                    format!("{}/{}", t.replied(), t.total())
                })
                .unwrap_or_default();
            let overdue = c.state == ConsultationState::Sent
                && c.deadline.is_some_and(|d| d.date() < app.today);
            let deadline = opt_date(c.deadline.map(|d| d.date()));
            ListRow::new(
                &c.id,
                vec![
                    cell(&c.id),
                    cell(&c.subject),
                    Line::from(span(
                        deadline,
                        if overdue {
                            th.error()
                        } else {
                            ratatui::style::Style::default()
                        },
                    )),
                    cell(replies),
                    cell(state_cell(app, c)),
                ],
                &c.cases.join(" "),
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Nr", "No."),
            app.t("Emne", "Subject"),
            app.t("Svarfrist", "Deadline"),
            app.t("Svar", "Replies"),
            app.t("Tilstand", "State"),
        ],
        widths: vec![
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(7),
            Constraint::Length(13),
        ],
        rows,
    }
}
