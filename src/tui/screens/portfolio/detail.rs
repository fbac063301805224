//! The initiative page: its figures, links (cases, meetings, decisions) and master data.

use super::*;

/// What an initiative's detail page links to, in cursor order: its cases, the meetings that had
/// one of them on the agenda, and the decisions about it or its cases.
pub(super) fn links(app: &App, i: &Initiative) -> Vec<(RecordKind, String, String)> {
    let l = app.lang;
    let mut out = vec![];
    let cases: Vec<_> = app
        .ws
        .cases
        .iter()
        .filter(|c| c.initiative.as_deref() == Some(&i.id))
        .collect();
    let case_ids: HashSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    for c in &cases {
        out.push((
            RecordKind::Case,
            c.id.clone(),
            format!("{} {} [{}]", c.id, c.title, c.state.label(l)),
        ));
    }
    for m in &app.ws.meetings {
        let items: Vec<&str> = m
            .items
            .iter()
            .filter_map(|it| it.case.as_deref())
            .filter(|c| case_ids.contains(c))
            .collect();
        if !items.is_empty() {
            out.push((
                RecordKind::Meeting,
                m.id.clone(),
                format!(
                    "{} {} [{}] {}",
                    m.id,
                    short_date(m.date),
                    m.state.label(l),
                    items.join(", ")
                ),
            ));
        }
    }
    for d in &app.ws.decisions {
        let about = d.initiative.as_deref() == Some(&i.id)
            || d.case.as_deref().is_some_and(|c| case_ids.contains(c));
        if about {
            let text = d.text.lines().next().unwrap_or("");
            out.push((
                RecordKind::Decision,
                d.id.clone(),
                format!("{} {}: {text}", d.id, short_date(d.date)),
            ));
        }
    }
    out
}

/// One selectable line of the detail page, in cursor order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Part {
    /// A case, meeting or decision: Enter opens it.
    Link(RecordKind, String, String),
    /// A status report (by its index in `reports`): Enter shows all of it.
    Report(usize),
    /// A master-data field: Enter edits the master data.
    Field(&'static str, String),
}

/// The page's parts: links first (one key away), then the status history newest first, then the
/// master data, so that j/k reach (and scroll to) every line.
pub(super) fn parts(app: &App, i: &Initiative) -> Vec<Part> {
    let mut out: Vec<Part> = links(app, i)
        .into_iter()
        .map(|(k, id, label)| Part::Link(k, id, label))
        .collect();
    let mut reports: Vec<(usize, Quarter)> = i
        .reports
        .iter()
        .enumerate()
        .map(|(n, r)| (n, r.quarter))
        .collect();
    reports.sort_by_key(|(_, q)| std::cmp::Reverse(*q));
    out.extend(reports.into_iter().map(|(n, _)| Part::Report(n)));
    out.extend(stamdata(app, i).into_iter().map(|(k, v)| Part::Field(k, v)));
    out
}

pub fn detail_len(app: &App) -> usize {
    app.view_of(ScreenId::Portfolio)
        .detail
        .as_ref()
        .and_then(|d| app.ws.initiative(&d.id))
        .map_or(0, |i| parts(app, i).len())
}

/// A status cell of the history table: the dot and its letter, 5 columns wide.
pub(super) fn rag_cell(th: &Theme, r: Rag, l: Language) -> Span<'static> {
    let mut s = th.dot(r, l);
    s.content = format!("{} ", s.content).into();
    s
}

pub(super) fn opt_amount(a: Option<Decimal>, l: Language) -> String {
    a.map(|a| amount_text(a, l)).unwrap_or_else(|| "—".into())
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    if let Some(e) = app.economy {
        economy::render(app, f, area, e);
        return;
    }
    let v = app.view_of(ScreenId::Portfolio);
    let Some(d) = &v.detail else {
        let mut list = area;
        if app.periods.chart
            && let Some(q) = quarter(app)
            && area.height >= crate::tui::widgets::category_chart::HEIGHT + 8
        {
            let h = crate::tui::widgets::category_chart::HEIGHT;
            let chart = Rect { height: h, ..area };
            list = Rect {
                y: area.y + h,
                height: area.height - h,
                ..area
            };
            crate::tui::widgets::category_chart::render(
                f,
                chart,
                &app.periods,
                &app.ws,
                q,
                app.lang,
                app.color,
            );
        }
        draw_list(app, ScreenId::Portfolio, f, list, &list_title(app));
        return;
    };
    let Some(i) = app.ws.initiative(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let l = app.lang;
    let mut p = Page::in_lang(app.lang);
    let devs = quarter_deviations(app);
    if let Some(q) = quarter(app)
        && let Some(dev) = devs.iter().find(|x| x.id == i.id)
    {
        let reasons: Vec<String> = dev
            .reasons
            .iter()
            .map(|r| crate::rules::deviation::reason_text(r, i.report(dev.quarter), l))
            .collect();
        let st = match dev.category {
            Category::Deviating => th.error(),
            Category::Attention => th.warn(),
            Category::Missing => th.hint(),
        };
        p.line(Line::from(vec![
            span(format!("{}: {}", q.label(l), dev.category.label(l)), st),
            Span::raw(format!(" ({})", reasons.join(", "))),
        ]));
        if dev.category == Category::Deviating && !with_open_case(app).contains(i.id.as_str()) {
            p.line(Line::from(span(
                app.t(
                    "!! Ingen åben sag endnu: [c] opretter en fra den seneste statusrapport.",
                    "!! No open case yet: [c] creates one from the latest status report.",
                ),
                th.error(),
            )));
        }
    }
    let parts = parts(app, i);
    let n_links = parts.iter().filter(|p| matches!(p, Part::Link(..))).count();
    for (kind, heading) in [
        (RecordKind::Case, app.t("Sager", "Cases")),
        (RecordKind::Meeting, app.t("Møder", "Meetings")),
        (RecordKind::Decision, app.t("Beslutninger", "Decisions")),
    ] {
        let mine: Vec<&str> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Link(k, _, label) if *k == kind => Some(label.as_str()),
                _ => None,
            })
            .collect();
        p.heading(&th, &format!("{heading} ({})", mine.len()));
        if mine.is_empty() {
            p.text("", app.t("  (ingen)", "  (none)"), &th);
        }
        for label in mine {
            let label = crate::tui::text::truncate(
                &crate::tui::text::safe_line(label),
                (area.width as usize).saturating_sub(3),
            );
            p.part(Line::from(format!("  {label}")));
        }
    }
    if n_links > 0 {
        p.line(Line::from(span(
            app.t(
                "  Enter/[o] åbner den valgte · Esc tilbage",
                "  Enter/[o] opens the selected one · Esc back",
            ),
            th.hint(),
        )));
    }
    p.heading(&th, app.t("Statushistorik", "Status history"));
    if i.reports.is_empty() {
        p.text("", app.t("  (ingen rapporter)", "  (no reports)"), &th);
    } else {
        p.line(Line::from(span(
            app.t(
                "  Kvartal       Samlet Tid   Økon. Indh. Risiko  Budget  Prognose Bemærkning",
                "  Quarter       Total  Time  Cost  Scope Risk    Budget  Forecast Comment",
            ),
            th.header(),
        )));
    }
    // Everything before the comment takes 66 columns.
    let comment_w = (area.width as usize).saturating_sub(67).max(8);
    for part in &parts {
        let Part::Report(n) = part else { continue };
        let Some(r) = i.reports.get(*n) else { continue };
        let mut spans = vec![Span::raw(format!("  {:<12}  ", r.quarter.label(l)))];
        spans.push(rag_cell(&th, r.overall, l));
        spans.push(Span::raw("  "));
        for rag in [r.time, r.cost, r.scope, r.risk] {
            spans.push(rag_cell(&th, rag, l));
            spans.push(Span::raw(" "));
        }
        let comment = r.comment.split_whitespace().collect::<Vec<_>>().join(" ");
        spans.push(Span::raw(format!(
            "{:>8}  {:>8} {}",
            opt_amount(r.budget, l),
            opt_amount(r.forecast, l),
            crate::tui::text::truncate(&crate::tui::text::safe_line(&comment), comment_w)
        )));
        p.part(Line::from(spans));
    }
    if !i.reports.is_empty() {
        p.line(Line::from(span(
            app.t(
                "  Enter viser hele rapporten",
                "  Enter shows the whole report",
            ),
            th.hint(),
        )));
    }
    p.heading(&th, app.t("Stamdata", "Master data"));
    let w = 34;
    for part in &parts {
        if let Part::Field(k, v) = part {
            let pad = w - unicode_width::UnicodeWidthStr::width(*k).min(w);
            p.part(Line::from(vec![
                Span::styled(format!("{k}{}", " ".repeat(pad)), th.hint()),
                Span::raw(" "),
                Span::raw(crate::tui::text::safe_line(v).into_owned()),
            ]));
        }
    }
    // The budget chart under the page, when the screen has room for both.
    let ch = crate::tui::widgets::budget_chart::height(i, area.height);
    let (page, chart) = (
        Rect {
            height: area.height - ch,
            ..area
        },
        Rect {
            y: area.y + area.height - ch,
            height: ch,
            ..area
        },
    );
    p.draw(app, f, page, &format!("{} {}", i.id, i.name), d.cursor);
    if ch > 0 {
        crate::tui::widgets::budget_chart::render(f, chart, i, l, app.color);
    }
}

pub(super) fn stamdata(app: &App, i: &Initiative) -> Vec<(&'static str, String)> {
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
            i.budget
                .map(|b| amount_text(b, app.lang))
                .unwrap_or_default(),
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
