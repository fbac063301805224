//! The open forum: its rules, then its members and standard items as tables (and the hint on an
//! empty list).

use super::*;

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Forums);
    let Some(d) = &v.detail else {
        draw_list(app, ScreenId::Forums, f, area, app.t("Fora", "Forums"));
        if app.ws.forums.is_empty() {
            let th = Theme::new(app.color);
            let hint = app.t(
                "Ingen fora endnu. [T] opretter Porteføljestyregruppen fra skabelonen (14 medlemsmyndigheder, standardpunkter, 5 arbejdsdage); [n] opretter et tomt forum.",
                "No forums yet. [T] creates Porteføljestyregruppen from the template (14 member authorities, standard items, 5 working days); [n] creates an empty forum.",
            );
            let r = Rect {
                y: area.y + 2,
                height: area.height.saturating_sub(2),
                ..area
            };
            f.render_widget(ratatui::widgets::Clear, r);
            f.render_widget(
                ratatui::widgets::Paragraph::new(Span::styled(hint, th.hint()))
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                r,
            );
        }
        return;
    };
    let Some(fo) = app.ws.forum(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let mut p = Page::in_lang(app.lang);
    let w = 34;
    p.field(&th, app.t("Kort navn", "Short name"), &fo.short_name, w);
    p.field(&th, app.t("Formand", "Chair"), &fo.chair, w);
    p.field(&th, app.t("Sekretariat", "Secretariat"), &fo.secretariat, w);
    let parent = fo
        .parent
        .as_deref()
        .map(|x| app.ws.forum(x).map_or(x.to_string(), |y| y.name.clone()))
        .unwrap_or_else(|| "—".into());
    p.field(&th, app.t("Overordnet forum", "Parent forum"), &parent, w);
    p.field(
        &th,
        app.t(
            "Dagsorden udsendes (arb.dage før)",
            "Agenda dispatch (working days)",
        ),
        &fo.agenda_dispatch_working_days.to_string(),
        w,
    );
    p.field(
        &th,
        app.t(
            "Svarfrist ved høring (arb.dage)",
            "Reply deadline (working days)",
        ),
        &fo.reply_deadline_working_days.to_string(),
        w,
    );
    p.field(
        &th,
        app.t("Manglende svar = tilslutning", "No reply counts as consent"),
        if fo.silence_is_consent {
            app.t("ja", "yes")
        } else {
            app.t("nej", "no")
        },
        w,
    );
    p.heading(
        &th,
        &format!(
            "{} ({}) · {}",
            app.t("Medlemmer", "Members"),
            fo.members.len(),
            app.t(
                "[a] tilføjer · [e] retter · [x] fjerner · [K]/[J] flytter",
                "[a] adds · [e] edits · [x] removes · [K]/[J] move"
            )
        ),
    );
    // Column widths from the page's width (2 indent, 2 between columns), so a row never wraps.
    let room = (area.width as usize).saturating_sub(2 + 2 * 2 + 1).max(40);
    let (aw, rw) = (room * 38 / 100, room * 25 / 100);
    let ew = room - aw - rw;
    let tw = (area.width as usize)
        .saturating_sub(2 + 2 * 4 + 16 + 4 + 5 + 10 + 1)
        .max(12);
    let table = |cols: &[(String, usize)]| {
        cols.iter()
            .map(|(t, w)| {
                let t = crate::tui::text::truncate(&crate::tui::text::safe_line(t), *w);
                let pad = w.saturating_sub(crate::tui::text::str_width(&t));
                format!("{t}{}", " ".repeat(pad))
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    p.line(Line::from(Span::styled(
        format!(
            "  {}",
            table(&[
                (app.t("Myndighed", "Authority").into(), aw),
                (app.t("Repræsentant", "Representative").into(), rw),
                (app.t("E-mail", "E-mail").into(), ew),
            ])
        ),
        th.header(),
    )));
    for m in &fo.members {
        p.part(Line::from(format!(
            "  {}",
            table(&[
                (m.authority.clone(), aw),
                (m.representative.clone(), rw),
                (m.email.clone(), ew),
            ])
        )));
    }
    p.heading(
        &th,
        &format!(
            "{} ({}) · {}",
            app.t("Standardpunkter", "Standard items"),
            fo.standard_items.len(),
            app.t("[p] tilføjer", "[p] adds")
        ),
    );
    p.line(Line::from(Span::styled(
        format!(
            "  {}",
            table(&[
                (app.t("Titel", "Title").into(), tw),
                (app.t("Art", "Kind").into(), 16),
                (app.t("Min.", "Min.").into(), 4),
                (app.t("Sidst", "Last").into(), 5),
                (app.t("Opfølgning", "Follow-up").into(), 10),
            ])
        ),
        th.header(),
    )));
    let tick = |b: bool| if b { "[x]" } else { "[ ]" }.to_string();
    for s in &fo.standard_items {
        p.part(Line::from(format!(
            "  {}",
            table(&[
                (s.title.clone(), tw),
                (s.kind.label(app.lang).to_string(), 16),
                (s.minutes.to_string(), 4),
                (tick(s.last), 5),
                (tick(s.follow_up), 10),
            ])
        )));
    }
    p.draw(app, f, area, &fo.name, d.cursor);
}
