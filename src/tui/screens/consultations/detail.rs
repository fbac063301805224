//! The open consultation: letter, deadline, members' replies and the tally.

use super::*;

/// The open consultation and its forum.
pub(super) fn open(app: &App) -> Option<(&Consultation, &Forum)> {
    let d = app.view_of(ScreenId::Consultations).detail.as_ref()?;
    let c = app.ws.consultation(&d.id)?;
    let f = app.ws.forum(&c.forum)?;
    Some((c, f))
}

/// One part per member authority.
pub fn detail_len(app: &App) -> usize {
    open(app).map_or(0, |(_, f)| f.members.len())
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
    let forum = app.ws.forum(&c.forum);
    let mut p = Page::in_lang(app.lang);
    let w = 10;
    p.field(
        &th,
        app.t("Forum", "Forum"),
        &forum.map_or(c.forum.clone(), |f| f.name.clone()),
        w,
    );
    p.field(&th, app.t("Tilstand", "State"), c.state.label(l), w);
    p.field(&th, app.t("Udsendt", "Sent"), &opt_date(c.sent_date), w);
    let deadline = match c.deadline {
        Some(dl) => {
            let left = if c.state == ConsultationState::Sent {
                format!(" ({})", days_left(app.today, dl.date(), l))
            } else {
                String::new()
            };
            format!("{}{left}", deadline_text(dl, l))
        }
        None => "—".into(),
    };
    p.field(&th, app.t("Svarfrist", "Deadline"), &deadline, w);
    if let Some((s, _)) = crate::tui::mail::dispatch_summary(app, &c.dispatches) {
        p.field(&th, app.t("E-mail", "E-mail"), &s, w);
    }
    if c.state == ConsultationState::Concluded {
        let outcome = c.outcome.map_or("—", |o| o.label(l));
        p.field(
            &th,
            app.t("Udfald", "Outcome"),
            &format!("{outcome} {}", opt_date(c.concluded_date)),
            w,
        );
        let decisions: Vec<String> = app
            .ws
            .decisions
            .iter()
            .filter(|d| {
                matches!(&d.source, crate::model::DecisionSource::Consultation { consultation }
                    if consultation == &c.id)
            })
            .map(|d| d.id.clone())
            .collect();
        if !decisions.is_empty() {
            p.field(
                &th,
                app.t("Beslutning", "Decision"),
                &format!(
                    "{} ({})",
                    decisions.join(", "),
                    app.t("se Beslutninger, 6", "see Decisions, 6")
                ),
                w,
            );
        }
        if !c.override_reason.is_empty() {
            p.field(
                &th,
                app.t("Begrundelse for udfaldet", "Reason for the outcome"),
                &c.override_reason,
                w,
            );
        }
    }
    let Some(forum) = forum else {
        p.text(
            "",
            app.t(
                "  Forummet findes ikke; svarene kan ikke tælles.",
                "  The forum does not exist; the replies cannot be counted.",
            ),
            &th,
        );
        p.draw(app, f, area, &format!("{} {}", c.id, c.subject), d.cursor);
        return;
    };
    let t = tally(c, forum);
    p.line(Line::from(vec![
        Span::styled(format!("{:<w$} ", app.t("Optælling", "Tally")), th.hint()),
        Span::styled(tally_words(&t, l), th.title()),
    ]));
    if c.state != ConsultationState::Concluded {
        let prop = proposed_outcome(c, forum, now(app));
        let st = match prop {
            ProposedOutcome::Adopted => th.ok(),
            ProposedOutcome::NotAdopted => th.error(),
            ProposedOutcome::CannotConcludeYet(_) => th.hint(),
        };
        p.line(Line::from(vec![
            Span::styled(format!("{:<w$} ", app.t("Forslag", "Proposal")), th.hint()),
            span(prop.describe(l), st),
            span(
                if c.state == ConsultationState::Draft {
                    app.t(
                        " [w] høringsbrevet · [S] sender den",
                        " [w] the letter · [S] sends it",
                    )
                } else {
                    ""
                },
                th.key(),
            ),
        ]));
    }

    let concluded = c.state == ConsultationState::Concluded;
    p.heading(
        &th,
        if concluded {
            app.t("Medlemmer", "Members")
        } else {
            app.t(
                "Medlemmer ([r] registrerer svar)",
                "Members ([r] records a reply)",
            )
        },
    );
    let name_w = forum
        .members
        .iter()
        .map(|m| m.authority.width())
        .max()
        .unwrap_or(10)
        .min((area.width as usize).saturating_sub(30) / 2)
        .max(12);
    let kind_w = 12;
    for m in &forum.members {
        let r = reply_of_member(c, m);
        let kind = r.map(|r| r.kind);
        let received = r
            .and_then(|r| r.received)
            .map_or(String::new(), |d| d.format("%d-%m").to_string());
        let late = if r.is_some_and(|r| is_late(r, c)) {
            app.t("for sent", "late")
        } else {
            ""
        };
        let first = r
            .and_then(|r| r.text.lines().find(|s| !s.trim().is_empty()))
            .unwrap_or("");
        let name = truncate(&safe_line(&m.authority), name_w);
        let pad = name_w.saturating_sub(name.width());
        let st = match kind {
            Some(ReplyKind::Consent) => th.ok(),
            Some(ReplyKind::ConsentWithComments) => th.warn(),
            Some(ReplyKind::Objection) => th.error(),
            _ => th.hint(),
        };
        let mut spans = vec![
            Span::raw(format!("  {name}{} ", " ".repeat(pad))),
            Span::styled(format!("{:<kind_w$}", kind_word(kind, l)), st),
            Span::raw(format!(" {received:<5}")),
        ];
        if !late.is_empty() {
            spans.push(Span::styled(format!(" {late}"), th.error()));
        }
        if !first.is_empty() {
            spans.push(Span::raw(format!("  {}", safe_line(first))));
        }
        // One screen line per member: the cursor moves over them.
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let max = (area.width as usize).saturating_sub(1);
        let line = if used > max {
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            Line::from(vec![Span::raw(truncate(&text, max))])
        } else {
            Line::from(spans)
        };
        p.part(line);
    }
    if forum.members.is_empty() {
        p.text(
            "",
            app.t(
                "  Forummet har ingen medlemmer.",
                "  The forum has no members.",
            ),
            &th,
        );
    }

    p.heading(
        &th,
        if concluded {
            app.t("Sager", "Cases")
        } else {
            app.t("Sager ([a] tilføjer)", "Cases ([a] adds one)")
        },
    );
    for id in &c.cases {
        match app.ws.case(id) {
            Some(case) => {
                p.line(Line::from(format!(
                    "  {} {} [{}]",
                    case.id,
                    safe_line(&case.title),
                    case.state.label(l)
                )));
                p.text(
                    &case.recommendation,
                    app.t("    (ingen indstilling)", "    (no recommendation)"),
                    &th,
                );
            }
            None => p.line(Line::from(format!(
                "  {id} ({})",
                app.t("findes ikke", "does not exist")
            ))),
        }
    }
    crate::tui::mail::dispatch_lines(app, &mut p, &th, &c.dispatches);
    p.draw(app, f, area, &format!("{} {}", c.id, c.subject), d.cursor);
}

// ----- forms -----
