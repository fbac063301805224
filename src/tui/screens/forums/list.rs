//! The forums list: one row per forum with its member count and parent.

use super::*;

pub fn model(app: &App) -> ListModel {
    let rows = app
        .ws
        .forums
        .iter()
        .map(|f| {
            let parent = f
                .parent
                .as_deref()
                .map(|p| {
                    app.ws
                        .forum(p)
                        .map_or(p.to_string(), |x| x.short_name.clone())
                })
                .unwrap_or_default();
            ListRow::new(
                &f.id,
                vec![
                    cell(&f.short_name),
                    cell(&f.name),
                    cell(f.members.len().to_string()),
                    cell(parent),
                ],
                &f.chair,
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Kort", "Short"),
            app.t("Navn", "Name"),
            app.t("Medl.", "Memb."),
            app.t("Over", "Parent"),
        ],
        widths: vec![
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(8),
        ],
        rows,
    }
}
