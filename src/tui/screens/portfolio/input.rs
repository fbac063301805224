//! The portfolio screen's keys in action: `update`, making a case from an initiative, closing and reopening.

use super::*;

pub fn update(app: &mut App, a: Action) -> bool {
    if app.economy.is_some() {
        return economy::update(app, a);
    }
    match a {
        Action::EconomyView => {
            if app.view_of(ScreenId::Portfolio).detail.is_none() {
                economy::open(app);
            }
        }
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
        Action::Open => {
            let v = app.view_of(ScreenId::Portfolio);
            let Some(d) = &v.detail else {
                return false;
            };
            let cursor = d.cursor;
            let Some(i) = app.ws.initiative(&d.id).cloned() else {
                return true;
            };
            match parts(app, &i).into_iter().nth(cursor) {
                Some(Part::Link(kind, id, _)) => app.open_record(kind, &id),
                Some(Part::Report(n)) => {
                    if let Some(r) = i.reports.get(n) {
                        let title = format!(
                            "{} {} {}",
                            i.id,
                            app.t("status", "status"),
                            r.quarter.label(app.lang)
                        );
                        let text = report_text(app, &i, r);
                        app.message_box(&title, text);
                    }
                }
                Some(Part::Field(..)) => {
                    let f = initiative_form(app, &i, Some(&i.id));
                    app.open_form(f);
                }
                None => {}
            }
        }
        Action::SortNext | Action::SortReverse | Action::CycleCategory => {
            if app.view_of(ScreenId::Portfolio).detail.is_some() {
                return true;
            }
            let v = app.view_of_mut(ScreenId::Portfolio);
            match a {
                Action::SortNext => v.sort = (v.sort + 1) % SORTS.len(),
                Action::SortReverse => v.sort_reverse = !v.sort_reverse,
                _ => v.mode = (v.mode + 1) % MODES.len(),
            }
            // A new order or selection starts at its top.
            v.list.cursor = 0;
            v.list.offset = 0;
            v.list.visible.clear();
            app.rebuild_list(ScreenId::Portfolio);
        }
        Action::PrevQuarter | Action::NextQuarter => {
            if app.view_of(ScreenId::Portfolio).detail.is_some() {
                return true;
            }
            let later = a == Action::NextQuarter;
            let all = crate::tui::widgets::category_chart::quarters(&app.ws);
            match crate::tui::widgets::category_chart::step(&all, quarter(app), later) {
                Some(q) => {
                    app.periods.quarter = if Some(q) == latest(app) {
                        None
                    } else {
                        Some(q)
                    };
                    // The cursor stays on its initiative.
                    let id = app.current_id();
                    app.rebuild_list(ScreenId::Portfolio);
                    if let Some(id) = id {
                        let v = app.view_of_mut(ScreenId::Portfolio);
                        v.list.select_id(&v.model, &id);
                    }
                }
                None => app.flash(
                    if later {
                        app.t(
                            "Det er det seneste kvartal med rapporter.",
                            "This is the latest quarter with reports.",
                        )
                    } else {
                        app.t(
                            "Der er ingen tidligere kvartaler med rapporter.",
                            "There are no earlier quarters with reports.",
                        )
                    },
                    Tone::Info,
                ),
            }
        }
        Action::ToggleChart => {
            if app.view_of(ScreenId::Portfolio).detail.is_none() {
                app.periods.chart = !app.periods.chart;
            }
        }
        Action::CaseFromInitiative => {
            let Some(id) = app.current_id() else {
                app.flash(
                    if app.ws.initiatives.is_empty() {
                        app.t(
                            "Ingen initiativer endnu: [I] importerer dem, [n] opretter et.",
                            "No initiatives yet: [I] imports them, [n] creates one.",
                        )
                    } else {
                        app.t(
                            "Intet initiativ under markøren.",
                            "No initiative under the cursor.",
                        )
                    },
                    Tone::Info,
                );
                return true;
            };
            let Some(i) = app.ws.initiative(&id) else {
                return true;
            };
            let category = app
                .deviations
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.category);
            let open: Vec<String> = app
                .ws
                .cases
                .iter()
                .filter(|c| c.state.is_open() && c.initiative.as_deref() == Some(&id))
                .map(|c| c.id.clone())
                .collect();
            let flagged = matches!(category, Some(Category::Deviating | Category::Attention));
            if flagged && open.is_empty() {
                create_case(app, &id);
                return true;
            }
            let mut why = vec![];
            if !flagged {
                why.push(format!(
                    "{} {} {}",
                    i.id,
                    app.t(
                        "er hverken afvigende eller opmærksomhedskrævende",
                        "is neither deviating nor requiring attention"
                    ),
                    quarter(app).map(|q| q.label(app.lang)).unwrap_or_default()
                ));
            }
            if !open.is_empty() {
                why.push(format!(
                    "{} {}",
                    app.t(
                        "der er allerede en åben sag:",
                        "there is an open case already:"
                    ),
                    open.join(", ")
                ));
            }
            let text = format!(
                "{}. {}",
                capitalised(&why.join("; ")),
                app.t(
                    "Opret en sag alligevel? (j/n)",
                    "Create a case anyway? (y/n)"
                )
            );
            app.confirm(
                &text,
                Intent::Portfolio(PortfolioIntent::CreateCase { initiative: id }),
            );
        }
        Action::CloseInitiative => {
            let Some(i) = app
                .current_id()
                .and_then(|id| app.ws.initiative(&id).cloned())
            else {
                return true;
            };
            let text = if i.lifecycle == Lifecycle::Closed {
                format!(
                    "{} {} {}? {}",
                    app.t("Genåbn", "Reopen"),
                    i.id,
                    crate::tui::text::safe_line(&i.name),
                    app.t(
                        "Det kommer med i afvigelsesreglerne igen. (j/n; [u] fortryder)",
                        "It comes under the deviation rules again. (y/n; [u] undoes it)"
                    )
                )
            } else {
                format!(
                    "{} {} {}? {}",
                    app.t("Luk", "Close"),
                    i.id,
                    crate::tui::text::safe_line(&i.name),
                    app.t(
                        "Det tages ud af afvigelsesreglerne. (j/n; [u] fortryder)",
                        "It leaves the deviation rules. (y/n; [u] undoes it)"
                    )
                )
            };
            app.confirm(
                &text,
                Intent::Portfolio(PortfolioIntent::CloseOrReopen { initiative: i.id }),
            );
        }
        Action::ImportReports | Action::ImportInitiatives => {
            let (kind, title) = if a == Action::ImportReports {
                (
                    ImportKind::Reports,
                    app.t(
                        "Importér statusrapporter (CSV)",
                        "Import status reports (CSV)",
                    ),
                )
            } else {
                (
                    ImportKind::Initiatives,
                    app.t("Importér initiativer (CSV)", "Import initiatives (CSV)"),
                )
            };
            let title = format!(
                "{title} · {}",
                app.t(
                    "sti fra mappe/arbejdsområde, ~ = hjem",
                    "path from folder/workspace, ~ = home"
                )
            );
            let f = Form::new(
                &title,
                Intent::Portfolio(PortfolioIntent::ImportFile { kind }),
                vec![Field::new("path", app.t("Fil", "File"), FieldKind::Text, "").required()],
            );
            app.open_form(f);
        }
        _ => return false,
    }
    true
}

/// A whole status report, for the popup.
pub(super) fn report_text(app: &App, i: &Initiative, r: &crate::model::StatusReport) -> String {
    let l = app.lang;
    let word = |x: Rag| match x {
        Rag::Green => app.t("grøn", "green"),
        Rag::Yellow => app.t("gul", "yellow"),
        Rag::Red => app.t("rød", "red"),
        Rag::NotReported => app.t("ikke rapporteret", "not reported"),
    };
    let mut out = vec![
        format!("{}: {}", app.t("Samlet status", "Overall"), word(r.overall)),
        format!(
            "{}: {} · {}: {} · {}: {} · {}: {}",
            app.t("Tid", "Time"),
            word(r.time),
            app.t("Økonomi", "Cost"),
            word(r.cost),
            app.t("Indhold", "Scope"),
            word(r.scope),
            app.t("Risiko", "Risk"),
            word(r.risk)
        ),
        format!(
            "{}: {} · {}: {} · {}: {}",
            app.t("Budget", "Budget"),
            opt_amount(r.budget.or(i.budget), l),
            app.t("Forventet forbrug", "Forecast"),
            opt_amount(r.forecast, l),
            app.t("Forbrug til dato", "Spent"),
            opt_amount(r.spent, l)
        ),
    ];
    if let Some(p) = forecast_deviation_percent(r, i) {
        out.push(format!(
            "{}: {} %",
            app.t("Afvigelse", "Deviation"),
            percent_text(p, l)
        ));
    }
    out.push(format!(
        "{}: {} · {}: {}",
        app.t("Planlagt slut", "Planned end"),
        opt_date(r.planned_end.or(i.end_date)),
        app.t("Forventet slut", "Forecast end"),
        opt_date(r.forecast_end)
    ));
    out.push(format!(
        "{}: {} · {}",
        app.t("Rapporteret af", "Reported by"),
        if r.reported_by.is_empty() {
            "—"
        } else {
            &r.reported_by
        },
        opt_date(r.report_date)
    ));
    out.push(String::new());
    out.push(format!("{}:", app.t("Bemærkning", "Comment")));
    out.push(if r.comment.trim().is_empty() {
        app.t("(ingen)", "(none)").to_string()
    } else {
        r.comment.clone()
    });
    out.join("\n")
}

/// "1 række" / "3 rækker".
pub(super) fn count(
    app: &App,
    n: usize,
    one: (&'static str, &'static str),
    many: (&'static str, &'static str),
) -> String {
    let (da, en) = if n == 1 { one } else { many };
    format!("{n} {}", app.t(da, en))
}

pub(super) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Creates a draft case from the initiative's latest report and opens it.
pub(super) fn create_case(app: &mut App, id: &str) {
    match crate::ops::case::from_initiative(&app.ws, id, &app.stamp()) {
        Ok(mut c) => {
            c.id = app.next_case_id();
            let cid = c.id.clone();
            if app
                .commit(
                    vec![Change::Create(AnyRecord::Case(c))],
                    &format!("case created from initiative {id}"),
                )
                .is_ok()
            {
                app.open_record(RecordKind::Case, &cid);
                app.flash(
                    format!(
                        "{cid} {}",
                        app.t(
                            "er oprettet som kladde; [e] redigerer indstillingen ([u] fortryder).",
                            "created as a draft; [e] edits the recommendation ([u] undoes it)."
                        )
                    ),
                    Tone::Success,
                );
            }
        }
        Err(e) => app.flash(e.message(app.lang), Tone::Error),
    }
}

pub(super) fn close_or_reopen(app: &mut App, id: &str) {
    match crate::ops::case::close_initiative(&app.ws, id) {
        Ok(i) => {
            let closed = i.lifecycle == Lifecycle::Closed;
            let summary = if closed {
                format!("initiative {id} closed")
            } else {
                format!("initiative {id} reopened")
            };
            if app
                .commit(vec![Change::Update(AnyRecord::Initiative(i))], &summary)
                .is_ok()
            {
                app.flash(
                    format!(
                        "{id} {}",
                        if closed {
                            app.t(
                                "er lukket og tælles ikke længere med i afvigelserne ([u] fortryder).",
                                "is closed and no longer counts in the deviations ([u] undoes it).",
                            )
                        } else {
                            app.t(
                                "er genåbnet ([u] fortryder).",
                                "is reopened ([u] undoes it).",
                            )
                        }
                    ),
                    Tone::Success,
                );
            }
        }
        Err(e) => app.flash(e.message(app.lang), Tone::Error),
    }
}

// ----- import -----
