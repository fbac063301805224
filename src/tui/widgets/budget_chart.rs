//! The initiative page's chart: budget, forecast and spent to date over the quarters (ratatui
//! `Chart`), with markers that tell the lines apart without colour (NO_COLOR).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::export::document::{nice_max, number};
use crate::i18n::tr;
use crate::model::{Initiative, Language, Quarter};
use crate::rules::deviation::budget_of;
use crate::tui::theme::Theme;

/// The rows the chart takes in a page of `height` rows: none on a small screen (the page's text
/// matters more), else about a third of it.
pub fn height(init: &Initiative, height: u16) -> u16 {
    let any = init
        .reports
        .iter()
        .any(|r| r.forecast.is_some() || budget_of(r, init).is_some() || r.spent.is_some());
    if !any || height < 18 {
        0
    } else {
        (height / 3).clamp(7, 14)
    }
}

/// The quarters with reports, oldest first, and per series the points (quarter index, mio. kr.).
type Points = Vec<(f64, f64)>;

fn series(init: &Initiative) -> (Vec<Quarter>, [Points; 3]) {
    let mut reports: Vec<&crate::model::StatusReport> = init.reports.iter().collect();
    reports.sort_by_key(|r| r.quarter);
    // Two reports for one quarter: the later stored one counts, as in the rules.
    let mut dedup: Vec<&crate::model::StatusReport> = vec![];
    for r in reports {
        if dedup.last().is_some_and(|l| l.quarter == r.quarter) {
            dedup.pop();
        }
        dedup.push(r);
    }
    let pts = |f: &dyn Fn(&crate::model::StatusReport) -> Option<Decimal>| -> Points {
        dedup
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((i as f64, f(r)?.to_f64()?)))
            .collect()
    };
    let budget = pts(&|r| budget_of(r, init));
    let forecast = pts(&|r| r.forecast);
    let spent = pts(&|r| r.spent);
    (
        dedup.iter().map(|r| r.quarter).collect(),
        [budget, forecast, spent],
    )
}

fn quarter_short(q: Quarter, lang: Language) -> String {
    match lang {
        Language::Da => format!("{}.kvt.{}", q.q, q.year % 100),
        Language::En => format!("Q{} {}", q.q, q.year % 100),
    }
}

/// Draws the chart for `init` in `area` (a top rule with the title, then the chart).
pub fn render(f: &mut Frame, area: Rect, init: &Initiative, lang: Language, color: bool) {
    let th = Theme::new(color);
    let (quarters, [budget, forecast, spent]) = series(init);
    let max = budget
        .iter()
        .chain(&forecast)
        .chain(&spent)
        .map(|p| p.1)
        .fold(0.0, f64::max);
    let top = nice_max(max);
    let n = quarters.len().max(1);
    let style = |c: Color| {
        if color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    };
    let datasets = vec![
        Dataset::default()
            .name(tr(lang, "Budget", "Budget"))
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(style(Color::Blue))
            .data(&budget),
        Dataset::default()
            .name(tr(lang, "Prognose", "Forecast"))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style(Color::Red))
            .data(&forecast),
        Dataset::default()
            .name(tr(lang, "Forbrugt", "Spent"))
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(style(Color::Gray))
            .data(&spent),
    ];
    let mut x_labels: Vec<Span> = vec![];
    if let Some(first) = quarters.first() {
        x_labels.push(Span::raw(quarter_short(*first, lang)));
    }
    if n > 2 {
        x_labels.push(Span::raw(quarter_short(quarters[(n - 1) / 2], lang)));
    }
    if n > 1
        && let Some(last) = quarters.last()
    {
        x_labels.push(Span::raw(quarter_short(*last, lang)));
    }
    let y_label = |v: f64| {
        Span::raw(number(
            Decimal::from_f64_retain(v).unwrap_or_default().round_dp(1),
            lang,
        ))
    };
    let chart = Chart::new(datasets)
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(th.hint())
                .title(Span::styled(
                    tr(
                        lang,
                        " Budget og prognose pr. kvartal, mio. kr.: • budget  ⣀ prognose  █ forbrugt ",
                        " Budget and forecast per quarter, DKK m: • budget  ⣀ forecast  █ spent ",
                    ),
                    th.title(),
                )),
        )
        .x_axis(
            Axis::default()
                .style(th.hint())
                .bounds([-0.5, (n as f64) - 0.5])
                .labels(x_labels),
        )
        .y_axis(
            Axis::default()
                .style(th.hint())
                .bounds([0.0, top])
                .labels(vec![y_label(0.0), y_label(top / 2.0), y_label(top)]),
        )
        // The key is in the title: the built-in legend hides the lines on a small screen.
        .legend_position(None);
    f.render_widget(chart, area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::ScreenId;
    use crate::tui::testing::{demo_app, press, screen};

    fn open(id: &str) -> (tempfile::TempDir, crate::tui::app::App) {
        let (d, mut app) = demo_app();
        press(&mut app, &["2"]);
        let v = app.view_of_mut(ScreenId::Portfolio);
        v.list.select_id(&v.model, id);
        assert_eq!(v.list.selected(&v.model), Some(id));
        press(&mut app, &["Enter"]);
        (d, app)
    }

    #[test]
    fn the_initiative_page_shows_budget_and_forecast_over_the_quarters() {
        let (_d, mut app) = open("4.1");
        let small = screen(&mut app, 80, 24);
        assert!(small.contains("Budget og prognose"), "{small}");
        insta::assert_snapshot!("initiative_budget_chart_80x24", small);
        let big = screen(&mut app, 120, 36);
        assert!(big.contains("Prognose"), "{big}");
        insta::assert_snapshot!("initiative_budget_chart_120x36", big);
    }

    #[test]
    fn a_tiny_terminal_leaves_the_chart_out() {
        let (_d, mut app) = open("4.1");
        let s = screen(&mut app, 80, 16);
        assert!(!s.contains("Budget og prognose"), "{s}");
    }

    #[test]
    fn later_duplicate_report_counts_and_axis_is_round() {
        let mut i = Initiative::new("1", "x", "m");
        let q = Quarter::new(2026, 1).unwrap();
        let mut a = crate::model::StatusReport::new(q, crate::model::Rag::Green);
        a.forecast = Some(Decimal::from(10));
        let mut b = a.clone();
        b.forecast = Some(Decimal::from(12));
        i.reports = vec![a, b];
        let (qs, [_, f, _]) = series(&i);
        assert_eq!(qs, vec![q]);
        assert_eq!(f, vec![(0.0, 12.0)]);
        assert_eq!(nice_max(1339.5), 2000.0);
        assert_eq!(nice_max(0.0), 1.0);
    }
}
