//! The Portfolio screen's time axis: the quarter the screen shows (`[` / `]` step through the
//! quarters with reports) and the categories over the last 8 quarters as a bar chart (`v`).
//!
//! The counts per quarter come from [`crate::rules::deviation::standing_counts`], the rule the
//! portfolio report's chart uses too. They are cached per quarter until the initiatives change
//! (the app calls [`Periods::forget`] where it recomputes the deviations), so stepping through the
//! quarters with the chart shown computes one new quarter at most.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders};

use crate::i18n::tr;
use crate::model::{Language, Quarter, Workspace};
use crate::rules::deviation::standing_counts;
use crate::tui::theme::Theme;

/// How many quarters the chart shows, ending at the screen's quarter (as the portfolio report).
pub const QUARTERS: usize = crate::export::portfolio::TREND_QUARTERS;

/// The rows the chart takes above the list.
pub const HEIGHT: u16 = 10;

/// The Portfolio screen's quarter and chart.
#[derive(Debug, Default)]
pub struct Periods {
    /// The quarter chosen with `[` / `]`; `None` follows the latest quarter with reports.
    pub quarter: Option<Quarter>,
    /// The categories over time are shown above the list.
    pub chart: bool,
    counts: RefCell<HashMap<Quarter, [usize; 4]>>,
}

impl Periods {
    /// Forgets the cached counts (after the initiatives or the thresholds changed).
    pub fn forget(&self) {
        self.counts.borrow_mut().clear();
    }

    /// Deviating, attention, missing and on track in quarter `q`.
    pub fn counts(&self, ws: &Workspace, q: Quarter) -> [usize; 4] {
        if let Some(c) = self.counts.borrow().get(&q) {
            return *c;
        }
        let c = standing_counts(ws, q);
        self.counts.borrow_mut().insert(q, c);
        c
    }
}

/// The quarters any initiative reported for, oldest first.
pub fn quarters(ws: &Workspace) -> Vec<Quarter> {
    let set: BTreeSet<Quarter> = ws
        .initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter))
        .collect();
    set.into_iter().collect()
}

/// The quarter before (`later` false) or after `from` among `quarters`; `None` at either end.
/// From a quarter without reports it goes to the nearest one in that direction.
pub fn step(quarters: &[Quarter], from: Option<Quarter>, later: bool) -> Option<Quarter> {
    let Some(from) = from else {
        return quarters.last().copied();
    };
    if later {
        quarters.iter().find(|q| **q > from).copied()
    } else {
        quarters.iter().rev().find(|q| **q < from).copied()
    }
}

/// A quarter in a bar's label: "3.kv 26", "Q3 26".
fn short(q: Quarter, lang: Language) -> String {
    match lang {
        Language::Da => format!("{}.kv {:02}", q.q, q.year % 100),
        Language::En => format!("Q{} {:02}", q.q, q.year % 100),
    }
}

/// Draws the categories of the `QUARTERS` quarters ending at `last` in `area`.
pub fn render(
    f: &mut Frame,
    area: Rect,
    periods: &Periods,
    ws: &Workspace,
    last: Quarter,
    lang: Language,
    color: bool,
) {
    let th = Theme::new(color);
    let mut qs = vec![last];
    while qs.len() < QUARTERS {
        let prev = qs[qs.len() - 1].prev();
        qs.push(prev);
    }
    qs.reverse();
    let style = |c: Color| {
        if color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    };
    let tones = [Color::Red, Color::Yellow, Color::Gray];
    // Each group: three bars with a gap between them, the groups a gap apart; the label below a
    // group needs 7 columns.
    let per_group = (area.width.saturating_sub(2) / QUARTERS as u16).max(4);
    let bar_width = (per_group.saturating_sub(3) / 3).clamp(1, 4);
    let group_gap = per_group.saturating_sub(bar_width * 3 + 2).max(1);
    let groups: Vec<BarGroup> = qs
        .iter()
        .map(|q| {
            let c = periods.counts(ws, *q);
            let bars: Vec<Bar> = (0..3)
                .map(|k| {
                    Bar::new(c[k] as u64)
                        .style(style(tones[k]))
                        .value_style(if color {
                            Style::default().fg(Color::Black).bg(tones[k])
                        } else {
                            th.title()
                        })
                })
                .collect();
            let label = if *q == last {
                Line::from(Span::styled(short(*q, lang), th.title()))
            } else {
                Line::from(short(*q, lang))
            };
            BarGroup::new(bars).label(label.centered())
        })
        .collect();
    let title = Line::from(vec![
        Span::styled(
            format!(
                " {} ",
                tr(lang, "Kategorier pr. kvartal:", "Categories per quarter:")
            ),
            th.title(),
        ),
        // Left to right in each quarter (the short words of the list's Kategori column).
        Span::styled("█ ", style(tones[0])),
        Span::raw(tr(lang, "afvigende  ", "deviating  ")),
        Span::styled("█ ", style(tones[1])),
        Span::raw(tr(lang, "opmærksomhed  ", "attention  ")),
        Span::styled("█ ", style(tones[2])),
        Span::raw(tr(lang, "mangler rapport ", "report missing ")),
    ]);
    let chart = BarChart::grouped(groups)
        .block(
            Block::default()
                .borders(Borders::TOP | Borders::BOTTOM)
                .border_style(th.hint())
                .title(title),
        )
        .bar_width(bar_width)
        .bar_gap(1)
        .group_gap(group_gap);
    f.render_widget(chart, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(y: i32, n: u8) -> Quarter {
        Quarter::new(y, n).unwrap()
    }

    #[test]
    fn step_walks_the_quarters_with_reports_and_stops_at_the_ends() {
        let qs = [q(2026, 1), q(2026, 2), q(2026, 3)];
        assert_eq!(step(&qs, Some(q(2026, 3)), false), Some(q(2026, 2)));
        assert_eq!(step(&qs, Some(q(2026, 1)), false), None);
        assert_eq!(step(&qs, Some(q(2026, 3)), true), None);
        assert_eq!(step(&qs, Some(q(2026, 1)), true), Some(q(2026, 2)));
        // From a quarter nobody reported for: the nearest in the direction.
        assert_eq!(step(&qs, Some(q(2026, 4)), false), Some(q(2026, 3)));
        assert_eq!(step(&qs, None, false), Some(q(2026, 3)));
        assert_eq!(step(&[], None, true), None);
    }

    mod screen {
        use crate::tui::app::ScreenId;
        use crate::tui::testing::{demo_app, press, screen};

        /// The row of initiative `id` on the Portfolio screen as drawn.
        fn row<'a>(shown: &'a str, id: &str) -> &'a str {
            shown
                .lines()
                .find(|l| {
                    l.trim_start_matches('│')
                        .trim_start()
                        .starts_with(&format!("{id} "))
                })
                .unwrap_or_else(|| panic!("no row {id} in\n{shown}"))
        }

        #[test]
        fn brackets_step_the_portfolio_through_the_quarters_and_everything_follows() {
            let (_d, mut app) = demo_app();
            press(&mut app, &["2"]);
            let now = screen(&mut app, 120, 36);
            assert!(now.contains("Portefølje 3. kvt. 2026"), "{now}");
            assert!(row(&now, "2.1").contains("Afvigende"), "{now}");
            let v = app.view_of_mut(ScreenId::Portfolio);
            v.list.select_id(&v.model, "2.1");

            press(&mut app, &["["]);
            let before = screen(&mut app, 120, 36);
            assert!(
                before.contains("Portefølje 2. kvt. 2026 (seneste: 3. kvt. 2026)"),
                "{before}"
            );
            // 2.1 is new in the third quarter: in the second it is not deviating.
            assert!(!row(&before, "2.1").contains("Afvigende"), "{before}");
            // The cursor stayed on its initiative.
            let v = app.view_of(ScreenId::Portfolio);
            assert_eq!(v.list.selected(&v.model), Some("2.1"));

            press(&mut app, &["]"]);
            let back = screen(&mut app, 120, 36);
            assert!(back.contains("Portefølje 3. kvt. 2026 ·"), "{back}");
            assert!(row(&back, "2.1").contains("Afvigende"), "{back}");
            press(&mut app, &["]"]);
            let end = screen(&mut app, 120, 36);
            assert!(end.contains("Det er det seneste kvartal"), "{end}");
        }

        #[test]
        fn v_shows_the_categories_over_time_above_the_list() {
            let (_d, mut app) = demo_app();
            press(&mut app, &["2", "v"]);
            let small = screen(&mut app, 80, 24);
            assert!(small.contains("Kategorier pr. kvartal"), "{small}");
            assert!(small.contains("3.kv 26"), "{small}");
            insta::assert_snapshot!("portfolio_categories_over_time_80x24", small);
            let big = screen(&mut app, 120, 36);
            insta::assert_snapshot!("portfolio_categories_over_time_120x36", big);
            // The bars are the rule's counts: 4 deviating in the latest quarter.
            let q = crate::model::Quarter::new(2026, 3).unwrap();
            assert_eq!(app.periods.counts(&app.ws, q)[0], 4);
            press(&mut app, &["v"]);
            let off = screen(&mut app, 80, 24);
            assert!(!off.contains("Kategorier pr. kvartal"), "{off}");
        }
    }
}
