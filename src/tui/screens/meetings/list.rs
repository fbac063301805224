//! The meetings list: one row per meeting.

use super::*;

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
