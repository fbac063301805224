//! The Portfolio screen's economy view (`m`): the over- and underspend of a year beyond the
//! thresholds and the proposed cases of kind over-/underspend, as `export economy-report` lists
//! them (same model: [`crate::export::economy`]). `c` creates the proposed cases for the economy
//! committee's forum in one undoable step, skipping initiatives with an open case of that kind;
//! `[` / `]` step through the years with reports.

use super::*;
use crate::export::economy::{economy_forums, proposal_line, rows, thresholds_text};
use crate::model::Workspace;
use crate::rules::deviation::{Spend, SpendProposal, current_year, spend_proposals};
use crate::tui::popup::PickerItem;

/// The view's state: the year shown and the cursor on the proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EconomyView {
    pub year: i32,
    pub cursor: usize,
}

/// The keys of the economy view (with the navigation and global keys).
pub const ECONOMY_KEYS: &[Binding] = &[
    bind(
        &[ch('c')],
        Action::CreateSpendCases,
        "Opret de foreslåede sager om mer-/mindreforbrug",
        "Create the proposed over-/underspend cases",
    ),
    bind(
        &[ch('[')],
        Action::PrevQuarter,
        "Vis året før",
        "Show the year before",
    ),
    bind(
        &[ch(']')],
        Action::NextQuarter,
        "Vis året efter",
        "Show the year after",
    ),
    bind(
        &[ch('m')],
        Action::EconomyView,
        "Luk økonomioverblikket",
        "Close the economy overview",
    ),
];

/// The years with reports, oldest first.
fn years(ws: &Workspace) -> Vec<i32> {
    let mut y: Vec<i32> = ws
        .initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter.year))
        .collect();
    y.sort_unstable();
    y.dedup();
    y
}

/// Opens the view on the year of the latest quarter with reports.
pub fn open(app: &mut App) {
    match current_year(&app.ws) {
        Some(year) => app.economy = Some(EconomyView { year, cursor: 0 }),
        None => app.flash(
            app.t(
                "Ingen statusrapporter endnu: [i] importerer dem.",
                "No status reports yet: [i] imports them.",
            ),
            Tone::Info,
        ),
    }
}

/// The view's keys; true when handled. Leaving the screen closes the view.
pub fn update(app: &mut App, a: Action) -> bool {
    let Some(mut v) = app.economy else {
        return false;
    };
    let n = spend_proposals(&app.ws, v.year).len();
    let page = app.page.max(1);
    match a {
        Action::EconomyView | Action::Back => app.economy = None,
        Action::Up => v.cursor = v.cursor.saturating_sub(1),
        Action::Down => v.cursor += 1,
        Action::PageUp | Action::HalfPageUp => v.cursor = v.cursor.saturating_sub(page),
        Action::PageDown | Action::HalfPageDown => v.cursor += page,
        Action::Top => v.cursor = 0,
        Action::Bottom => v.cursor = usize::MAX / 2,
        Action::PrevQuarter | Action::NextQuarter => {
            let later = a == Action::NextQuarter;
            let ys = years(&app.ws);
            let next = if later {
                ys.iter().find(|y| **y > v.year)
            } else {
                ys.iter().rev().find(|y| **y < v.year)
            };
            match next {
                Some(y) => {
                    v = EconomyView {
                        year: *y,
                        cursor: 0,
                    }
                }
                None => app.flash(
                    if later {
                        app.t(
                            "Det er det seneste år med rapporter.",
                            "This is the latest year with reports.",
                        )
                    } else {
                        app.t(
                            "Der er ingen tidligere år med rapporter.",
                            "There are no earlier years with reports.",
                        )
                    },
                    Tone::Info,
                ),
            }
        }
        Action::CreateSpendCases => {
            create_or_ask(app, v.year);
            return true;
        }
        Action::NextScreen | Action::PrevScreen | Action::GoTo(_) => {
            app.economy = None;
            return false;
        }
        // The list's keys do nothing here.
        Action::Open | Action::Filter => {}
        _ => return false,
    }
    if app.economy.is_some() {
        // With proposals the cursor stands on them; without, it scrolls the page.
        let max = if n > 0 {
            n - 1
        } else {
            app.detail_max_scroll.get()
        };
        v.cursor = v.cursor.min(max);
        app.economy = Some(v);
    }
    true
}

/// `c`: the proposed cases for the economy committee; with no forum of that name (or several),
/// the user picks the forum first.
fn create_or_ask(app: &mut App, year: i32) {
    let proposals = spend_proposals(&app.ws, year);
    let skipped = proposals.iter().filter(|p| p.open_case.is_some()).count();
    if proposals.len() == skipped {
        let text = if proposals.is_empty() {
            format!(
                "{} {year}.",
                app.t(
                    "Ingen sager at oprette: intet aktivt initiativ har mer- eller mindreforbrug ud over tærsklerne i",
                    "No cases to create: no active initiative has over- or underspend beyond the thresholds in",
                )
            )
        } else {
            format!(
                "{} {skipped} {}",
                app.t("Ingen sager at oprette:", "No cases to create:"),
                app.t(
                    "sprunget over, fordi de allerede har en åben sag om mer-/mindreforbrug.",
                    "skipped, because they have an open over-/underspend case already.",
                )
            )
        };
        app.flash(text, Tone::Info);
        return;
    }
    let forums = economy_forums(&app.ws);
    if let [one] = forums.as_slice() {
        let id = one.id.clone();
        create(app, year, &id);
        return;
    }
    if app.ws.forums.is_empty() {
        app.flash(
            app.t(
                "Der er ingen fora at oprette sagerne for. Opret Økonomistyringsudvalget under Fora og medlemmer (F).",
                "There is no forum to create the cases for. Create the economy committee (Økonomistyringsudvalget) under Forums and members (F).",
            ),
            Tone::Error,
        );
        return;
    }
    let title = if forums.is_empty() {
        app.t(
            "Intet forum hedder Økonomistyringsudvalget (ØSU). Hvilket forum skal sagerne for?",
            "No forum is named Økonomistyringsudvalget (ØSU, the economy committee). Which forum are the cases for?",
        )
    } else {
        app.t(
            "Flere fora hedder Økonomistyringsudvalget (ØSU). Hvilket forum skal sagerne for?",
            "Several forums are named Økonomistyringsudvalget (ØSU). Which forum are the cases for?",
        )
    };
    let items: Vec<PickerItem> = app
        .ws
        .forums
        .iter()
        .map(|f| PickerItem::new(&f.id, &format!("{} ({})", f.name, f.short_name)))
        .collect();
    app.pick(
        title,
        items,
        crate::tui::intent::Intent::Portfolio(crate::tui::intent::PortfolioIntent::SpendCases {
            year,
        }),
    );
}

/// Creates the proposed cases of `year` that have no open case of the kind, before `forum`, in
/// one commit (one undo step), and says how many were made and how many skipped.
pub(super) fn create(app: &mut App, year: i32, forum: &str) {
    let proposals = spend_proposals(&app.ws, year);
    let (skip, make): (Vec<&SpendProposal>, Vec<&SpendProposal>) =
        proposals.iter().partition(|p| p.open_case.is_some());
    let ids = app.next_case_ids(make.len());
    let now = app.stamp();
    let mut changes = vec![];
    for (p, id) in make.iter().zip(&ids) {
        match crate::ops::case::over_underspend(&app.ws, p, year, forum, id, &now) {
            Ok(c) => changes.push(Change::Create(AnyRecord::Case(c))),
            Err(e) => {
                app.flash(e.message(app.lang), Tone::Error);
                return;
            }
        }
    }
    let n = changes.len();
    if n == 0 {
        return;
    }
    let short = app
        .ws
        .forum(forum)
        .map(|f| f.short_name.clone())
        .unwrap_or_else(|| forum.to_string());
    if app
        .commit(
            changes,
            &format!("{n} over-/underspend cases of {year} created for {forum}"),
        )
        .is_err()
    {
        return;
    }
    let range = match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.clone(),
        _ => String::new(),
    };
    let skipped = if skip.is_empty() {
        String::new()
    } else {
        match app.lang {
            Language::Da => format!(
                " {} sprunget over (har allerede en åben sag om mer-/mindreforbrug).",
                skip.len()
            ),
            Language::En => format!(
                " {} skipped (an open over-/underspend case exists already).",
                skip.len()
            ),
        }
    };
    let text = match app.lang {
        Language::Da => format!(
            "{n} {} om mer-/mindreforbrug oprettet som kladde for {short} ({range}).{skipped} [u] fortryder.",
            if n == 1 { "sag" } else { "sager" }
        ),
        Language::En => format!(
            "{n} over-/underspend {} created as drafts for {short} ({range}).{skipped} [u] undoes it.",
            if n == 1 { "case" } else { "cases" }
        ),
    };
    app.flash(text, Tone::Success);
}

/// `s` cut to `w` columns (with "…") and padded to them.
fn pad(s: &str, w: usize) -> String {
    let t = crate::tui::text::truncate(&crate::tui::text::safe_line(s), w);
    let used = crate::tui::text::str_width(&t);
    format!("{t}{}", " ".repeat(w.saturating_sub(used)))
}

fn right(s: &str, w: usize) -> String {
    let used = crate::tui::text::str_width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(used)))
}

/// Draws the view.
pub fn render(app: &App, f: &mut Frame, area: Rect, v: EconomyView) {
    let th = Theme::new(app.color);
    let l = app.lang;
    let ws = &app.ws;
    let year = v.year;
    let all = rows(ws, year);
    let proposals = spend_proposals(ws, year);
    let mut p = Page::in_lang(l);
    let sum = |f: &dyn Fn(&crate::export::economy::Row) -> Option<Decimal>| -> Decimal {
        all.iter().filter_map(f).sum()
    };
    let w = 14;
    p.field(
        &th,
        app.t("Tærskler", "Thresholds"),
        &thresholds_text(ws),
        w,
    );
    let forums = economy_forums(ws);
    let forum_text = match forums.as_slice() {
        [one] => format!("{} ({})", one.name, one.short_name),
        [] => app
            .t(
                "intet forum hedder Økonomistyringsudvalget; [c] spørger om forum",
                "no forum is named Økonomistyringsudvalget; [c] asks for the forum",
            )
            .to_string(),
        _ => app
            .t(
                "flere fora hedder Økonomistyringsudvalget; [c] spørger om forum",
                "several forums are named Økonomistyringsudvalget; [c] asks for the forum",
            )
            .to_string(),
    };
    p.field(&th, app.t("Forum", "Forum"), &forum_text, w);
    let num = |d: Decimal| crate::export::document::amount(d, l);
    p.field(
        &th,
        app.t("Porteføljen", "Portfolio"),
        &match l {
            Language::Da => format!(
                "budget {} · forventet {} · forbrugt {} mio. kr.",
                num(sum(&|r| r.budget)),
                num(sum(&|r| r.forecast)),
                num(sum(&|r| r.spent))
            ),
            Language::En => format!(
                "budget {} · forecast {} · spent {} DKK m",
                num(sum(&|r| r.budget)),
                num(sum(&|r| r.forecast)),
                num(sum(&|r| r.spent))
            ),
        },
        w,
    );
    let skipped = proposals.iter().filter(|x| x.open_case.is_some()).count();
    p.heading(
        &th,
        &match l {
            Language::Da => format!(
                "Forslag til sager om mer-/mindreforbrug: {} ({skipped} springes over)",
                proposals.len() - skipped
            ),
            Language::En => format!(
                "Proposed over-/underspend cases: {} ({skipped} skipped)",
                proposals.len() - skipped
            ),
        },
    );
    if proposals.is_empty() {
        p.text(
            "",
            app.t(
                "  (ingen: intet aktivt initiativ er ud over tærsklerne)",
                "  (none: no active initiative is beyond the thresholds)",
            ),
            &th,
        );
    }
    // Columns: id 6, name (the rest), kind 14, deviation 16, status 17.
    let inner_w = usize::from(area.width).saturating_sub(2);
    let status_w = 17;
    let kind_w = 14;
    let dev_w = 16;
    let name_w = inner_w
        .saturating_sub(2 + 6 + kind_w + dev_w + status_w + 3)
        .max(8);
    for x in &proposals {
        let pct = if x.money.budget > Decimal::ZERO {
            x.money
                .amount
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|a| a.checked_div(x.money.budget))
                .map(|a| format!(" ({})", crate::export::dates::percent(a, l)))
                .unwrap_or_default()
        } else {
            String::new()
        };
        let status = match &x.open_case {
            Some(c) => format!("{}: {c}", app.t("åben", "open")),
            None => app.t("foreslås", "proposed").to_string(),
        };
        let st = match (x.money.spend, &x.open_case) {
            (_, Some(_)) => th.hint(),
            (Spend::Over, None) => th.error(),
            _ => th.warn(),
        };
        p.part(Line::from(vec![
            Span::raw(format!("  {}", pad(&x.id, 6))),
            Span::raw(format!("{} ", pad(&x.name, name_w))),
            span(pad(x.money.spend.label(l), kind_w), st),
            Span::raw(right(&format!("{}{pct}", num(x.money.amount)), dev_w)),
            Span::raw("  "),
            span(
                pad(&status, status_w),
                if x.open_case.is_some() {
                    th.hint()
                } else {
                    Style::default()
                },
            ),
        ]));
    }
    if let Some(x) = proposals.get(v.cursor) {
        p.line(Line::from(span(
            format!("  {}", proposal_line(x, l)),
            th.hint(),
        )));
    }
    let n = proposals.len() - skipped;
    if n > 0 {
        p.line(Line::from(span(
            match (l, n) {
                (Language::Da, 1) => "  [c] opretter sagen som kladde ([u] fortryder)".to_string(),
                (Language::Da, _) => {
                    format!("  [c] opretter de {n} sager som kladder ([u] fortryder)")
                }
                (Language::En, 1) => {
                    "  [c] creates the case as a draft ([u] undoes it)".to_string()
                }
                (Language::En, _) => {
                    format!("  [c] creates the {n} cases as drafts ([u] undoes it)")
                }
            },
            th.key(),
        )));
    }

    // Per ministry.
    p.heading(
        &th,
        app.t("Pr. ministerium (mio. kr.)", "Per ministry (DKK m)"),
    );
    let mut per: std::collections::BTreeMap<String, (usize, usize, Decimal, Decimal, Decimal)> =
        Default::default();
    for r in &all {
        let e = per.entry(r.init.ministry.clone()).or_default();
        match r.beyond() {
            Some(Spend::Over) => e.0 += 1,
            Some(Spend::Under) => e.1 += 1,
            _ => {}
        }
        e.2 += r.budget.unwrap_or_default();
        e.3 += r.forecast.unwrap_or_default();
        e.4 += r.spent.unwrap_or_default();
    }
    let mw = inner_w.saturating_sub(2 + 8 + 3 * 11).max(8);
    p.line(Line::from(span(
        format!(
            "  {}{}{}{}{}",
            pad(app.t("Ministerium", "Ministry"), mw),
            right(app.t("mer/mind", "over/und"), 8),
            right(app.t("Budget", "Budget"), 11),
            right(app.t("Forventet", "Forecast"), 11),
            right(app.t("Forbrugt", "Spent"), 11),
        ),
        th.header(),
    )));
    for (m, e) in &per {
        p.line(Line::from(format!(
            "  {}{}{}{}{}",
            pad(m, mw),
            right(&format!("{}/{}", e.0, e.1), 8),
            right(&num(e.2), 11),
            right(&num(e.3), 11),
            right(&num(e.4), 11),
        )));
    }
    let title = match (l, as_of(ws, year)) {
        (Language::Da, Some(q)) => format!(
            "Økonomioverblik {year}: mer-/mindreforbrug (til og med {})",
            q.label(l)
        ),
        (Language::En, Some(q)) => format!(
            "Economy overview {year}: over-/underspend (up to {})",
            q.label(l)
        ),
        (Language::Da, None) => format!("Økonomioverblik {year}"),
        (Language::En, None) => format!("Economy overview {year}"),
    };
    p.draw(app, f, area, &title, v.cursor);
}

fn as_of(ws: &Workspace, year: i32) -> Option<Quarter> {
    ws.initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter))
        .filter(|q| q.year == year)
        .max()
}
