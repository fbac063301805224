use super::*;
use chrono::NaiveDate;

fn q(year: i32, n: u8) -> Quarter {
    Quarter::new(year, n).unwrap()
}
fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}
fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
fn report(quarter: Quarter, overall: Rag) -> StatusReport {
    let mut r = StatusReport::new(quarter, overall);
    for dim in [&mut r.time, &mut r.cost, &mut r.scope, &mut r.risk] {
        *dim = Rag::Green;
    }
    r
}
fn with(reports: Vec<StatusReport>) -> Initiative {
    let mut i = Initiative::new("1.1", "Test", "Digitaliseringsministeriet");
    i.reports = reports;
    i
}
fn t() -> Thresholds {
    Thresholds::default()
}
fn cat(init: &Initiative, quarter: Quarter) -> Option<(Category, Vec<Reason>)> {
    classify(init, quarter, &t())
}
fn money(budget: &str, forecast: &str) -> Initiative {
    let mut r = report(q(2026, 3), Rag::Green);
    r.budget = Some(dec(budget));
    r.forecast = Some(dec(forecast));
    with(vec![r])
}
fn schedule(days: i64) -> Initiative {
    let mut r = report(q(2026, 3), Rag::Green);
    r.planned_end = Some(date(2027, 1, 1));
    r.forecast_end = Some(date(2027, 1, 1) + chrono::Duration::days(days));
    with(vec![r])
}

#[test]
fn green_is_not_listed() {
    assert_eq!(
        cat(&with(vec![report(q(2026, 3), Rag::Green)]), q(2026, 3)),
        None
    );
    assert_eq!(cat(&money("100", "100"), q(2026, 3)), None);
    assert_eq!(cat(&money("100", "90"), q(2026, 3)), None, "underspend");
    assert_eq!(cat(&schedule(30), q(2026, 3)), None);
    assert_eq!(cat(&schedule(-100), q(2026, 3)), None, "early");
}

#[test]
fn budget_percent_boundary() {
    // 10.0 % over (4.0 on 40, under the 6.0 amount) is only attention; 10.1 % is deviating.
    assert_eq!(
        cat(&money("40", "44"), q(2026, 3)),
        Some((Category::Attention, vec![REASON_BUDGET]))
    );
    assert_eq!(
        cat(&money("40", "44.04"), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_BUDGET]))
    );
    assert_eq!(
        cat(&money("50", "55.0"), q(2026, 3)),
        Some((Category::Attention, vec![REASON_BUDGET]))
    );
    assert_eq!(
        cat(&money("50", "55.05"), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_BUDGET]))
    );
    // Just a hair over 10 % still counts: exact comparison, no rounding.
    assert_eq!(
        cat(&money("30", "33.0000001"), q(2026, 3)).map(|c| c.0),
        Some(Category::Deviating)
    );
    assert_eq!(
        cat(&money("100", "100.01"), q(2026, 3)),
        Some((Category::Attention, vec![REASON_BUDGET]))
    );
}

#[test]
fn budget_amount_boundary() {
    // 6.0 mio. kr. over 200 (3 %) is attention; 6.1 is deviating.
    assert_eq!(
        cat(&money("200", "206.0"), q(2026, 3)),
        Some((Category::Attention, vec![REASON_BUDGET]))
    );
    assert_eq!(
        cat(&money("200", "206.1"), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_BUDGET]))
    );
}

#[test]
fn budget_falls_back_to_the_initiative() {
    let mut r = report(q(2026, 3), Rag::Green);
    r.forecast = Some(dec("44.1"));
    let mut init = with(vec![r]);
    assert_eq!(
        cat(&init, q(2026, 3)),
        None,
        "no budget anywhere: nothing to compare"
    );
    init.budget = Some(dec("40"));
    assert_eq!(
        cat(&init, q(2026, 3)).map(|c| c.0),
        Some(Category::Deviating)
    );
    // The report's own budget wins over the initiative's.
    init.reports[0].budget = Some(dec("44.1"));
    assert_eq!(cat(&init, q(2026, 3)), None);
    assert_eq!(
        forecast_deviation_percent(&init.reports[0], &init),
        Some(dec("0"))
    );
}

#[test]
fn zero_budget_uses_the_amount_rule_only() {
    assert_eq!(
        cat(&money("0", "1"), q(2026, 3)),
        Some((Category::Attention, vec![REASON_BUDGET]))
    );
    assert_eq!(
        cat(&money("0", "6.1"), q(2026, 3)).map(|c| c.0),
        Some(Category::Deviating)
    );
    assert_eq!(
        forecast_deviation_percent(&money("0", "1").reports[0], &money("0", "1")),
        None
    );
}

#[test]
fn deviation_percent_for_display() {
    let i = money("40", "44.04");
    assert_eq!(
        forecast_deviation_percent(&i.reports[0], &i),
        Some(dec("10.1"))
    );
    let i = money("30", "20");
    assert_eq!(
        forecast_deviation_percent(&i.reports[0], &i),
        Some(dec("-33.33"))
    );
    let i = with(vec![report(q(2026, 3), Rag::Green)]);
    assert_eq!(forecast_deviation_percent(&i.reports[0], &i), None);
}

#[test]
fn schedule_boundaries() {
    assert_eq!(
        cat(&schedule(31), q(2026, 3)),
        Some((Category::Attention, vec![REASON_SCHEDULE]))
    );
    assert_eq!(
        cat(&schedule(90), q(2026, 3)),
        Some((Category::Attention, vec![REASON_SCHEDULE]))
    );
    assert_eq!(
        cat(&schedule(91), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_SCHEDULE]))
    );
}

#[test]
fn planned_end_falls_back_to_the_initiative() {
    let mut r = report(q(2026, 3), Rag::Green);
    r.forecast_end = Some(date(2027, 4, 2));
    let mut init = with(vec![r]);
    assert_eq!(cat(&init, q(2026, 3)), None);
    init.end_date = Some(date(2027, 1, 1)); // 91 days before 2027-04-02
    assert_eq!(
        cat(&init, q(2026, 3)),
        Some((Category::Deviating, vec![REASON_SCHEDULE]))
    );
}

#[test]
fn the_dimension_reason_names_the_dimension_that_is_red() {
    let mut r = report(q(2026, 3), Rag::Green);
    r.risk = Rag::Red;
    assert_eq!(
        reason_text(REASON_DIMENSION, Some(&r), Language::Da),
        "risiko rød"
    );
    r.time = Rag::Red;
    assert_eq!(
        reason_text(REASON_DIMENSION, Some(&r), Language::Da),
        "tid og risiko røde"
    );
    assert_eq!(
        reason_text(REASON_DIMENSION, Some(&r), Language::En),
        "time and risk red"
    );
    r.cost = Rag::Yellow;
    assert_eq!(
        reason_text(REASON_STATUS, Some(&r), Language::Da),
        "økonomi gul"
    );
    assert_eq!(
        reason_text(REASON_DIMENSION, None, Language::Da),
        "tid, økonomi, indhold eller risiko rød"
    );
}

#[test]
fn status_reasons() {
    assert_eq!(
        cat(&with(vec![report(q(2026, 3), Rag::Red)]), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_OVERALL]))
    );
    let mut r = report(q(2026, 3), Rag::Green);
    r.risk = Rag::Red;
    assert_eq!(
        cat(&with(vec![r]), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_DIMENSION]))
    );
    assert_eq!(
        cat(&with(vec![report(q(2026, 3), Rag::Yellow)]), q(2026, 3)),
        Some((Category::Attention, vec![REASON_STATUS]))
    );
    let mut r = report(q(2026, 3), Rag::Green);
    r.scope = Rag::Yellow;
    assert_eq!(
        cat(&with(vec![r]), q(2026, 3)),
        Some((Category::Attention, vec![REASON_STATUS]))
    );
    // Not reported is neither.
    let r = StatusReport::new(q(2026, 3), Rag::NotReported);
    assert_eq!(cat(&with(vec![r]), q(2026, 3)), None);
}

#[test]
fn all_reasons_together_and_deviating_wins() {
    let mut r = report(q(2026, 3), Rag::Red);
    r.cost = Rag::Red;
    r.time = Rag::Yellow;
    r.budget = Some(dec("10"));
    r.forecast = Some(dec("20"));
    r.planned_end = Some(date(2026, 1, 1));
    r.forecast_end = Some(date(2027, 1, 1));
    assert_eq!(
        cat(&with(vec![r.clone()]), q(2026, 3)),
        Some((
            Category::Deviating,
            vec![
                REASON_OVERALL,
                REASON_DIMENSION,
                REASON_BUDGET,
                REASON_SCHEDULE
            ]
        ))
    );
    // Deviating only by one rule: the attention reasons are not added.
    r.overall = Rag::Yellow;
    r.cost = Rag::Green;
    r.forecast = Some(dec("10.5"));
    assert_eq!(
        cat(&with(vec![r.clone()]), q(2026, 3)),
        Some((Category::Deviating, vec![REASON_SCHEDULE]))
    );
    r.forecast_end = Some(date(2026, 2, 15));
    assert_eq!(
        cat(&with(vec![r]), q(2026, 3)),
        Some((
            Category::Attention,
            vec![REASON_STATUS, REASON_BUDGET, REASON_SCHEDULE]
        ))
    );
}

#[test]
fn closed_initiatives_are_ignored() {
    let mut i = with(vec![report(q(2026, 3), Rag::Red)]);
    i.lifecycle = Lifecycle::Closed;
    assert_eq!(cat(&i, q(2026, 3)), None);
    assert_eq!(cat(&i, q(2026, 4)), None, "not missing either");
}

#[test]
fn missing_reports() {
    let i = with(vec![report(q(2026, 1), Rag::Green)]);
    assert_eq!(
        cat(&i, q(2026, 2)),
        Some((Category::Missing, vec![REASON_MISSING]))
    );
    assert_eq!(cat(&i, q(2025, 4)), None, "before its first report");
    let d = deviation(&i, q(2026, 4), &t()).unwrap();
    assert_eq!(
        (d.category, d.new, d.consecutive_quarters),
        (Category::Missing, false, 3)
    );
    let d = deviation(&i, q(2026, 2), &t()).unwrap();
    assert_eq!((d.new, d.consecutive_quarters), (true, 1));

    // No reports: counted from the start date; without one, from now.
    let mut i = with(vec![]);
    let d = deviation(&i, q(2026, 3), &t()).unwrap();
    assert_eq!((d.category, d.consecutive_quarters), (Category::Missing, 1));
    i.start_date = Some(date(2025, 11, 3));
    let d = deviation(&i, q(2026, 3), &t()).unwrap();
    assert_eq!(
        (d.category, d.consecutive_quarters, d.new),
        (Category::Missing, 4, false)
    );
    assert_eq!(cat(&i, q(2025, 3)), None, "not started yet");
}

#[test]
fn new_and_consecutive() {
    let yellow = |quarter| report(quarter, Rag::Yellow);
    let red = |quarter| report(quarter, Rag::Red);
    // Attention for three quarters.
    let i = with(vec![
        yellow(q(2025, 4)),
        yellow(q(2026, 1)),
        yellow(q(2026, 2)),
    ]);
    let d = deviation(&i, q(2026, 2), &t()).unwrap();
    assert_eq!(
        (d.category, d.new, d.consecutive_quarters),
        (Category::Attention, false, 3)
    );
    assert_eq!(d.trend, Some(Trend::Same));
    // Attention then deviating: new, one quarter.
    let i = with(vec![yellow(q(2026, 1)), red(q(2026, 2))]);
    let d = deviation(&i, q(2026, 2), &t()).unwrap();
    assert_eq!(
        (d.category, d.new, d.consecutive_quarters, d.trend),
        (Category::Deviating, true, 1, Some(Trend::Worse))
    );
    // Deviating then attention: not new (it went down), one quarter, better.
    let i = with(vec![red(q(2026, 1)), yellow(q(2026, 2))]);
    let d = deviation(&i, q(2026, 2), &t()).unwrap();
    assert_eq!(
        (d.category, d.new, d.consecutive_quarters, d.trend),
        (Category::Attention, false, 1, Some(Trend::Better))
    );
    // A gap (missing quarter) breaks the run, and a previous missing report counts as none.
    let i = with(vec![red(q(2025, 3)), red(q(2025, 4)), red(q(2026, 2))]);
    let d = deviation(&i, q(2026, 2), &t()).unwrap();
    assert_eq!((d.new, d.consecutive_quarters, d.trend), (true, 1, None));
    let d = deviation(&i, q(2025, 4), &t()).unwrap();
    assert_eq!((d.new, d.consecutive_quarters), (false, 2));
    // Reports stored out of order are still walked in quarter order.
    let i = with(vec![
        red(q(2026, 2)),
        red(q(2025, 4)),
        red(q(2026, 1)),
        yellow(q(2025, 3)),
    ]);
    let d = deviation(&i, q(2026, 2), &t()).unwrap();
    assert_eq!((d.new, d.consecutive_quarters), (false, 3));
    // The first quarter with a report: new.
    let i = with(vec![red(q(2026, 2))]);
    assert!(deviation(&i, q(2026, 2), &t()).unwrap().new);
}

#[test]
fn list_order_and_current_quarter() {
    let mut ws = Workspace::default();
    assert_eq!(current_quarter(&ws), None);
    let mk = |id: &str, reports: Vec<StatusReport>| {
        let mut i = with(reports);
        i.id = id.into();
        i
    };
    let q3 = q(2026, 3);
    ws.initiatives = vec![
        mk("2.1", vec![report(q3, Rag::Red)]),
        mk("1.10", vec![report(q3, Rag::Red)]),
        mk("1.2", vec![report(q3, Rag::Red)]),
        mk("1.3", vec![report(q3, Rag::Yellow)]),
        mk("1.1", vec![report(q(2026, 2), Rag::Green)]),
        mk("0.9", vec![report(q3, Rag::Green)]),
        mk(
            "3.1",
            vec![report(q(2026, 2), Rag::Green), report(q(2026, 4), Rag::Red)],
        ),
    ];
    ws.initiatives[6].lifecycle = Lifecycle::Closed;
    assert_eq!(
        current_quarter(&ws),
        Some(q(2026, 4)),
        "closed initiatives' reports count"
    );
    let list = deviations(&ws, q3);
    let ids: Vec<(&str, Category)> = list.iter().map(|d| (d.id.as_str(), d.category)).collect();
    assert_eq!(
        ids,
        vec![
            ("1.2", Category::Deviating),
            ("1.10", Category::Deviating),
            ("2.1", Category::Deviating),
            ("1.3", Category::Attention),
            ("1.1", Category::Missing),
        ]
    );
    let json = serde_json::to_value(&list[0]).unwrap();
    assert_eq!(json["category"], "deviating");
    assert_eq!(json["quarter"], "2026Q3");
    assert_eq!(json["reasons"], serde_json::json!(["overall"]));
    assert_eq!(json["new"], true);
    assert_eq!(json["consecutive_quarters"], 1);
    assert_eq!(json["budget_deviation_percent"], serde_json::Value::Null);
    // A quarter before their first reports: nobody is missing, 1.1 is green.
    assert_eq!(deviations(&ws, q(2026, 2)), vec![]);
}

#[test]
fn big_portfolio_is_classified_whole() {
    // 2,000 initiatives with 20 quarters each. No timing here (tests are not timed).
    let mut ws = Workspace::default();
    let start = q(2021, 1);
    for n in 0..2000 {
        let mut quarter = start;
        let mut reports = Vec::new();
        for k in 0..20 {
            let rag = [Rag::Green, Rag::Yellow, Rag::Red][(n + k) % 3 / 2 + (n % 2)];
            let mut r = report(quarter, rag);
            r.budget = Some(Decimal::from(100 + n));
            r.forecast = Some(Decimal::from(95 + n + k));
            reports.push(r);
            quarter = quarter.next();
        }
        let mut i = with(reports);
        i.id = format!("{}.{}", n / 10, n % 10);
        ws.initiatives.push(i);
    }
    let last = current_quarter(&ws).unwrap();
    // In the last quarter every forecast is 14 mio. kr. over its budget: all 2,000 deviate, listed
    // in natural id order (0.0, 0.1, ..., 0.9, 1.0, ..., 199.9).
    let list = deviations(&ws, last);
    assert_eq!(list.len(), 2000);
    assert!(list.iter().all(|d| d.quarter == last));
    assert!(list.iter().all(|d| d.category == Category::Deviating));
    let ids: Vec<&str> = list.iter().map(|d| d.id.as_str()).collect();
    let expected: Vec<String> = (0..2000)
        .map(|n| format!("{}.{}", n / 10, n % 10))
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn money_deviation_is_the_budget_rule_both_ways() {
    let t = t();
    let md = |b: &str, f: &str| {
        let i = money(b, f);
        money_deviation(&i.reports[0], &i, &t).unwrap()
    };
    // The same boundaries as the deviating `budget` reason: 10.0 % is within, 10.1 % beyond.
    assert!(!md("40", "44").beyond_thresholds);
    assert!(md("40", "44.04").beyond_thresholds);
    assert!(!md("40", "36").beyond_thresholds);
    assert!(md("40", "35.96").beyond_thresholds);
    // 6.0 mio. kr. is within, 6.1 beyond (on a budget where the percentage stays under 10).
    assert!(!md("100", "94").beyond_thresholds);
    assert!(md("100", "93.9").beyond_thresholds);
    assert!(md("100", "106.1").beyond_thresholds);
    let under = md("100", "93.9");
    assert_eq!(under.spend, Spend::Under);
    assert_eq!(under.amount, dec("-6.1"));
    assert_eq!(md("100", "100").spend, Spend::OnBudget);
    assert!(!md("100", "100").beyond_thresholds);
    // No forecast or no budget: no money deviation.
    let mut i = money("100", "100");
    i.reports[0].forecast = None;
    assert_eq!(money_deviation(&i.reports[0], &i, &t), None);
    // An overspend beyond the thresholds is exactly a deviating `budget` reason.
    for (b, f) in [
        ("40", "44"),
        ("40", "44.04"),
        ("100", "106"),
        ("100", "106.1"),
        ("0", "1"),
    ] {
        let i = money(b, f);
        let deviating_budget = matches!(
            classify(&i, q(2026, 3), &t),
            Some((Category::Deviating, ref r)) if r.contains(&REASON_BUDGET)
        );
        assert_eq!(
            money_deviation(&i.reports[0], &i, &t)
                .unwrap()
                .beyond_thresholds,
            deviating_budget,
            "{b} -> {f}"
        );
    }
}
