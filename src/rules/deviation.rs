//! The deviation rules: which active initiatives are deviating ("afvigende"), requiring attention
//! ("opmærksomhedskrævende") or missing their status report in a quarter, whether that is new, for how
//! many quarters in a row, and the trend of the overall status.
//!
//! For a quarter Q every active initiative falls in at most one [`Category`]:
//!
//! * **Deviating** when its report for Q has overall red (`overall`), any of time/cost/scope/risk red
//!   (`dimension`), a forecast that exceeds the budget by *more than* [`Thresholds::deviating_budget_percent`]
//!   percent or *more than* [`Thresholds::deviating_budget_mdkk`] mio. kr. (`budget`), or a forecast end
//!   *more than* [`Thresholds::deviating_schedule_days`] days after the planned end (`schedule`).
//! * **Attention** when not deviating and overall or any dimension is yellow (`status`), the forecast
//!   exceeds the budget at all (`budget`), or the forecast end is more than
//!   [`Thresholds::attention_schedule_days`] days late (`schedule`).
//! * **Missing** when it has no report for Q although it was expected to report (see [`classify`]).
//!
//! All money comparisons are exact ([`Decimal`]): 10.0 % or 6.0 mio. kr. over is not deviating,
//! 10.1 % or 6.1 mio. kr. is. The budget is the report's, falling back to the initiative's; the planned
//! end is the report's, falling back to the initiative's end date. Closed initiatives are never listed.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{
    CaseKind, Initiative, Language, Lifecycle, Quarter, Rag, StatusReport, Thresholds, Workspace,
    natural_cmp,
};

/// The category of an initiative in a quarter. Ordered as listed: deviating first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Afvigende.
    Deviating,
    /// Opmærksomhedskrævende.
    Attention,
    /// No status report for the quarter.
    Missing,
}

impl Category {
    /// The name shown to users.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Category::Deviating, Language::Da) => "Afvigende",
            (Category::Deviating, Language::En) => "Deviating",
            (Category::Attention, Language::Da) => "Opmærksomhedskrævende",
            (Category::Attention, Language::En) => "Requires attention",
            (Category::Missing, Language::Da) => "Mangler statusrapport",
            (Category::Missing, Language::En) => "Status report missing",
        }
    }

    /// Severity for [`Deviation::new`]: none (0) < attention (1) < deviating (2). A missing report
    /// counts as none.
    fn severity(category: Option<Category>) -> u8 {
        match category {
            Some(Category::Deviating) => 2,
            Some(Category::Attention) => 1,
            Some(Category::Missing) | None => 0,
        }
    }
}

/// Why an initiative is in its category: one of the codes below. Codes are stable (they appear in
/// `--json` output); show them to users with [`reason_label`].
pub type Reason = &'static str;

/// Overall status red (deviating).
pub const REASON_OVERALL: Reason = "overall";
/// Time, cost, scope or risk red (deviating).
pub const REASON_DIMENSION: Reason = "dimension";
/// Overall or a dimension yellow (attention).
pub const REASON_STATUS: Reason = "status";
/// Forecast over budget (beyond the thresholds when deviating, at all when attention).
pub const REASON_BUDGET: Reason = "budget";
/// Forecast end later than planned (beyond the deviating or the attention threshold).
pub const REASON_SCHEDULE: Reason = "schedule";
/// No report for the quarter.
pub const REASON_MISSING: Reason = "missing";

/// A reason code in words, for users.
pub fn reason_label(reason: &str, lang: Language) -> &str {
    match (reason, lang) {
        ("overall", Language::Da) => "samlet status rød",
        ("overall", Language::En) => "overall status red",
        ("dimension", Language::Da) => "tid, økonomi, indhold eller risiko rød",
        ("dimension", Language::En) => "time, cost, scope or risk red",
        ("status", Language::Da) => "status gul",
        ("status", Language::En) => "status yellow",
        ("budget", Language::Da) => "forventet forbrug over budget",
        ("budget", Language::En) => "forecast over budget",
        ("schedule", Language::Da) => "forventet slutdato forsinket",
        ("schedule", Language::En) => "forecast end delayed",
        ("missing", Language::Da) => "ingen statusrapport",
        ("missing", Language::En) => "no status report",
        (other, _) => other,
    }
}

/// A reason in words with the report's facts: "tid og risiko røde" instead of "tid, økonomi,
/// indhold eller risiko rød", "økonomi gul"; the plain label when there is no report.
pub fn reason_text(reason: &str, report: Option<&StatusReport>, lang: Language) -> String {
    let Some(r) = report else {
        return reason_label(reason, lang).to_string();
    };
    let dims = |rag: Rag| -> Vec<&'static str> {
        [
            (r.time, "tid", "time"),
            (r.cost, "økonomi", "cost"),
            (r.scope, "indhold", "scope"),
            (r.risk, "risiko", "risk"),
        ]
        .into_iter()
        .filter(|(x, _, _)| *x == rag)
        .map(|(_, da, en)| if lang == Language::Da { da } else { en })
        .collect()
    };
    let join = |names: &[&str]| -> String {
        match names {
            [] => String::new(),
            [one] => one.to_string(),
            [rest @ .., last] => format!(
                "{} {} {last}",
                rest.join(", "),
                if lang == Language::Da { "og" } else { "and" }
            ),
        }
    };
    match reason {
        "dimension" => {
            let red = dims(Rag::Red);
            match (lang, red.len()) {
                (_, 0) => reason_label(reason, lang).to_string(),
                (Language::Da, 1) => format!("{} rød", join(&red)),
                (Language::Da, _) => format!("{} røde", join(&red)),
                (Language::En, _) => format!("{} red", join(&red)),
            }
        }
        "status" => {
            let mut yellow = dims(Rag::Yellow);
            if r.overall == Rag::Yellow {
                yellow.insert(
                    0,
                    if lang == Language::Da {
                        "samlet status"
                    } else {
                        "overall status"
                    },
                );
            }
            match (lang, yellow.len()) {
                (_, 0) => reason_label(reason, lang).to_string(),
                (Language::Da, 1) => format!("{} gul", join(&yellow)),
                (Language::Da, _) => format!("{} gule", join(&yellow)),
                (Language::En, _) => format!("{} yellow", join(&yellow)),
            }
        }
        other => reason_label(other, lang).to_string(),
    }
}

/// The overall status compared with the previous quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Better,
    Same,
    Worse,
}

/// One listed initiative: the row of the deviation list and of `deviations --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deviation {
    pub id: String,
    pub name: String,
    pub ministry: String,
    pub quarter: Quarter,
    pub category: Category,
    /// Reason codes ([`REASON_OVERALL`] ...), in the order the rules are listed in the module docs.
    pub reasons: Vec<Reason>,
    /// The previous quarter put the initiative in a lower category (none < attention < deviating, a
    /// missing report counting as none). For [`Category::Missing`]: the previous quarter had a report.
    pub new: bool,
    /// Quarters in a row, ending with `quarter`, in this same category (at least 1).
    pub consecutive_quarters: u32,
    /// See [`forecast_deviation_percent`]; `None` for a missing report.
    pub budget_deviation_percent: Option<Decimal>,
    /// The overall status against the previous quarter, when both quarters have one.
    pub trend: Option<Trend>,
}

/// The quarter the deviation list is about by default: the latest quarter any report has
/// (of any initiative, closed ones included). `None` when there are no reports at all.
pub fn current_quarter(ws: &Workspace) -> Option<Quarter> {
    ws.initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter))
        .max()
}

/// The budget a report is measured against: its own, else the initiative's.
pub fn budget_of(report: &StatusReport, init: &Initiative) -> Option<Decimal> {
    report.budget.or(init.budget)
}

/// How far the forecast is over (positive) or under (negative) the budget, in percent of the budget,
/// rounded to two decimals. `None` without a forecast or a positive budget (report's, else initiative's).
/// For display only; the rules compare exactly without rounding.
pub fn forecast_deviation_percent(report: &StatusReport, init: &Initiative) -> Option<Decimal> {
    let budget = budget_of(report, init)?;
    let forecast = report.forecast?;
    if budget <= Decimal::ZERO {
        return None;
    }
    let pct = (forecast - budget)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(budget)?;
    Some(pct.round_dp(2).normalize())
}

/// Whether `amount` mio. kr. away from `budget` passes the deviating money thresholds: *more than*
/// [`Thresholds::deviating_budget_mdkk`], or *more than* [`Thresholds::deviating_budget_percent`] of
/// a positive budget. Exact, no rounding. The `budget` reason of a deviating initiative is this rule
/// applied to the overspend; the economy overview applies it to the overspend and the underspend
/// alike (see [`money_deviation`]).
pub fn beyond_money_thresholds(amount: Decimal, budget: Decimal, t: &Thresholds) -> bool {
    // amount / budget * 100 > pct  <=>  amount * 100 > pct * budget (budget > 0): no rounding.
    // A zero or negative budget has no meaningful percentage; only the absolute rule applies.
    let by_amount = amount > t.deviating_budget_mdkk;
    let by_percent = budget > Decimal::ZERO
        && match (
            amount.checked_mul(Decimal::ONE_HUNDRED),
            t.deviating_budget_percent.checked_mul(budget),
        ) {
            (Some(lhs), Some(rhs)) => lhs > rhs,
            // Overflow only happens with absurd amounts; then the deviation is surely too large.
            _ => amount > Decimal::ZERO,
        };
    by_amount || by_percent
}

/// Which way a forecast deviates from the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spend {
    /// Merforbrug: the forecast is over the budget.
    Over,
    /// Mindreforbrug: the forecast is under the budget.
    Under,
    /// The forecast is the budget.
    OnBudget,
}

impl Spend {
    /// The name shown to users.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Spend::Over, Language::Da) => "Merforbrug",
            (Spend::Over, Language::En) => "Overspend",
            (Spend::Under, Language::Da) => "Mindreforbrug",
            (Spend::Under, Language::En) => "Underspend",
            (Spend::OnBudget, Language::Da) => "Som budgetteret",
            (Spend::OnBudget, Language::En) => "On budget",
        }
    }
}

/// A report's forecast against its budget: the money part of the rules, both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MoneyDeviation {
    /// The report's budget, else the initiative's ([`budget_of`]).
    pub budget: Decimal,
    pub forecast: Decimal,
    /// Forecast minus budget: positive over, negative under.
    pub amount: Decimal,
    pub spend: Spend,
    /// The size of the deviation (over or under) passes the thresholds ([`beyond_money_thresholds`]).
    /// For an overspend this is exactly when the rules give the deviating reason `budget`.
    pub beyond_thresholds: bool,
}

/// The money deviation of a report, `None` without a forecast or a budget.
pub fn money_deviation(
    report: &StatusReport,
    init: &Initiative,
    t: &Thresholds,
) -> Option<MoneyDeviation> {
    let budget = budget_of(report, init)?;
    let forecast = report.forecast?;
    let amount = forecast - budget;
    let spend = match amount.cmp(&Decimal::ZERO) {
        Ordering::Greater => Spend::Over,
        Ordering::Less => Spend::Under,
        Ordering::Equal => Spend::OnBudget,
    };
    Some(MoneyDeviation {
        budget,
        forecast,
        amount,
        spend,
        beyond_thresholds: spend != Spend::OnBudget
            && beyond_money_thresholds(amount.abs(), budget, t),
    })
}

/// The year the economy overview is about by default: the year of [`current_quarter`].
pub fn current_year(ws: &Workspace) -> Option<i32> {
    current_quarter(ws).map(|q| q.year)
}

/// A proposed case of kind over-/underspend (mer-/mindreforbrug): an active initiative whose
/// latest report of the year has a forecast over or under the budget beyond the thresholds
/// ([`money_deviation`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpendProposal {
    pub id: String,
    pub name: String,
    pub ministry: String,
    /// The quarter of the report the figures are from.
    pub quarter: Quarter,
    pub money: MoneyDeviation,
    /// Spent to date in that report.
    pub spent: Option<Decimal>,
    /// An open case of kind over-/underspend about the initiative already: no new one is proposed
    /// to be made (the proposal is skipped).
    pub open_case: Option<String>,
}

/// The proposed over-/underspend cases of `year`, overspend first, each in natural id order.
pub fn spend_proposals(ws: &Workspace, year: i32) -> Vec<SpendProposal> {
    let t = &ws.settings.thresholds;
    let mut out: Vec<SpendProposal> = ws
        .initiatives
        .iter()
        .filter(|i| i.lifecycle == Lifecycle::Active)
        .filter_map(|init| {
            let r = init.latest_report_in(year)?;
            let money = money_deviation(r, init, t).filter(|m| m.beyond_thresholds)?;
            let mut open: Vec<&str> = ws
                .cases
                .iter()
                .filter(|c| {
                    c.kind == CaseKind::OverUnderspend
                        && c.state.is_open()
                        && c.initiative.as_deref() == Some(init.id.as_str())
                })
                .map(|c| c.id.as_str())
                .collect();
            open.sort_by(|a, b| natural_cmp(a, b));
            Some(SpendProposal {
                id: init.id.clone(),
                name: init.name.clone(),
                ministry: init.ministry.clone(),
                quarter: r.quarter,
                money,
                spent: r.spent,
                open_case: open.first().map(|s| s.to_string()),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.money
            .spend
            .cmp(&b.money.spend)
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    out
}

/// Classifies one report of an initiative by the report rules only (no "missing").
fn classify_report(
    report: &StatusReport,
    init: &Initiative,
    t: &Thresholds,
) -> Option<(Category, Vec<Reason>)> {
    let dims = report.dimensions();

    // Money: the overspend, and whether it passes the deviating thresholds, compared exactly.
    let over = match (report.forecast, budget_of(report, init)) {
        (Some(forecast), Some(budget)) => Some((forecast - budget, budget)),
        _ => None,
    };
    let over_at_all = over.is_some_and(|(o, _)| o > Decimal::ZERO);
    let over_deviating = over.is_some_and(|(o, budget)| beyond_money_thresholds(o, budget, t));

    // Time: days between planned and forecast end.
    let planned_end = report.planned_end.or(init.end_date);
    let late_days = match (report.forecast_end, planned_end) {
        (Some(f), Some(p)) => Some((f - p).num_days()),
        _ => None,
    };

    let mut reasons = Vec::new();
    if report.overall == Rag::Red {
        reasons.push(REASON_OVERALL);
    }
    if dims.contains(&Rag::Red) {
        reasons.push(REASON_DIMENSION);
    }
    if over_deviating {
        reasons.push(REASON_BUDGET);
    }
    if late_days.is_some_and(|d| d > t.deviating_schedule_days) {
        reasons.push(REASON_SCHEDULE);
    }
    if !reasons.is_empty() {
        return Some((Category::Deviating, reasons));
    }

    if report.overall == Rag::Yellow || dims.contains(&Rag::Yellow) {
        reasons.push(REASON_STATUS);
    }
    if over_at_all {
        reasons.push(REASON_BUDGET);
    }
    if late_days.is_some_and(|d| d > t.attention_schedule_days) {
        reasons.push(REASON_SCHEDULE);
    }
    (!reasons.is_empty()).then_some((Category::Attention, reasons))
}

/// A quarter as a running number, so that quarters can be subtracted.
fn index(q: Quarter) -> i64 {
    i64::from(q.year) * 4 + i64::from(q.q) - 1
}

/// An initiative's reports sorted by quarter, borrowed (reports are stored oldest first, but that is
/// not relied on). Built once per initiative so that walking back through quarters is linear.
struct Reports<'a> {
    init: &'a Initiative,
    sorted: Vec<&'a StatusReport>,
}

impl<'a> Reports<'a> {
    fn new(init: &'a Initiative) -> Reports<'a> {
        let mut sorted: Vec<&StatusReport> = init.reports.iter().collect();
        // Stable: with two reports for one quarter, the later stored one wins (as the last in a run).
        sorted.sort_by_key(|r| r.quarter);
        Reports { init, sorted }
    }

    /// The position of the report for `q` (the last one stored, if there are duplicates), or where it
    /// would be inserted.
    fn position(&self, q: Quarter) -> Result<usize, usize> {
        let end = self.sorted.partition_point(|r| r.quarter <= q);
        if end > 0 && self.sorted[end - 1].quarter == q {
            Ok(end - 1)
        } else {
            Err(end)
        }
    }

    fn report(&self, q: Quarter) -> Option<&'a StatusReport> {
        self.position(q).ok().map(|i| self.sorted[i])
    }

    /// The first quarter the initiative is expected to report for: its first report's quarter; without
    /// reports, its start date's quarter; `None` when neither is known.
    fn expected_from(&self) -> Option<Quarter> {
        match self.sorted.first() {
            Some(r) => Some(r.quarter),
            None => self.init.start_date.map(Quarter::of),
        }
    }

    fn classify(&self, q: Quarter, t: &Thresholds) -> Option<(Category, Vec<Reason>)> {
        if self.init.lifecycle != Lifecycle::Active {
            return None;
        }
        match self.report(q) {
            Some(r) => classify_report(r, self.init, t),
            None if self.expected_from().is_none_or(|from| from <= q) => {
                Some((Category::Missing, vec![REASON_MISSING]))
            }
            None => None,
        }
    }

    /// Quarters in a row ending at `q` in `category` (which is the category of `q`).
    fn consecutive(&self, q: Quarter, category: Category, t: &Thresholds) -> u32 {
        match (category, self.position(q)) {
            (Category::Missing, Err(pos)) => {
                // Back to the latest earlier report; without one, back to the expected start.
                let since = match pos.checked_sub(1) {
                    Some(prev) => index(q) - index(self.sorted[prev].quarter),
                    None => self
                        .expected_from()
                        .map_or(1, |from| index(q) - index(from) + 1),
                };
                u32::try_from(since.max(1)).unwrap_or(u32::MAX)
            }
            (_, Ok(pos)) => {
                let mut count = 1;
                let mut expected = q;
                for r in self.sorted[..pos].iter().rev() {
                    if r.quarter == expected {
                        // A duplicate of a quarter already counted (only the last one counts).
                        continue;
                    }
                    expected = expected.prev();
                    if r.quarter != expected {
                        break; // a gap: that quarter is missing, a different category
                    }
                    match classify_report(r, self.init, t) {
                        Some((c, _)) if c == category => count += 1,
                        _ => break,
                    }
                }
                count
            }
            _ => 1,
        }
    }

    fn trend(&self, q: Quarter) -> Option<Trend> {
        let now = self.report(q)?.overall;
        let before = self.report(q.prev())?.overall;
        if now == Rag::NotReported || before == Rag::NotReported {
            return None;
        }
        // Rag is ordered green < yellow < red: lower is better.
        Some(match now.cmp(&before) {
            Ordering::Less => Trend::Better,
            Ordering::Equal => Trend::Same,
            Ordering::Greater => Trend::Worse,
        })
    }

    fn deviation(&self, q: Quarter, t: &Thresholds) -> Option<Deviation> {
        let (category, reasons) = self.classify(q, t)?;
        let previous = self.classify(q.prev(), t).map(|(c, _)| c);
        let new = match category {
            Category::Missing => previous != Some(Category::Missing),
            _ => Category::severity(previous) < Category::severity(Some(category)),
        };
        Some(Deviation {
            id: self.init.id.clone(),
            name: self.init.name.clone(),
            ministry: self.init.ministry.clone(),
            quarter: q,
            category,
            reasons,
            new,
            consecutive_quarters: self.consecutive(q, category, t),
            budget_deviation_percent: self
                .report(q)
                .and_then(|r| forecast_deviation_percent(r, self.init)),
            trend: self.trend(q),
        })
    }
}

/// The category of an initiative in quarter `q` and the reasons, or `None` when it is not listed
/// (closed, all well, or not expected to report yet).
///
/// An initiative without a report for `q` is [`Category::Missing`] from the quarter it is expected to
/// report: its first report's quarter, or, when it has no reports, its start date's quarter (with
/// neither, every quarter). So a quarter before an initiative entered the portfolio is not "missing".
pub fn classify(init: &Initiative, q: Quarter, t: &Thresholds) -> Option<(Category, Vec<Reason>)> {
    Reports::new(init).classify(q, t)
}

/// The overall status of quarter `q` against the previous quarter; `None` unless both have a report
/// with an overall status.
pub fn trend(init: &Initiative, q: Quarter) -> Option<Trend> {
    Reports::new(init).trend(q)
}

/// One initiative's row for quarter `q`, if it is listed; see [`deviations`].
pub fn deviation(init: &Initiative, q: Quarter, t: &Thresholds) -> Option<Deviation> {
    Reports::new(init).deviation(q, t)
}

/// The deviation list for quarter `q`, with the workspace's thresholds: deviating first, then requiring
/// attention, then missing, each in natural id order ("1.2" before "1.10" before "2.1").
///
/// Linear in the number of reports: each initiative's reports are sorted once (by reference, nothing
/// is cloned) and walked back from `q`.
pub fn deviations(ws: &Workspace, q: Quarter) -> Vec<Deviation> {
    let t = &ws.settings.thresholds;
    let mut list: Vec<Deviation> = ws
        .initiatives
        .iter()
        .filter_map(|init| deviation(init, q, t))
        .collect();
    list.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    list
}

/// How the active initiatives stand in quarter `q`: deviating, requiring attention, report missing
/// (as [`deviations`] lists them) and on track (active, reported for `q`, not listed). One count for
/// the portfolio report's chart and the Portfolio screen's categories over time.
pub fn standing_counts(ws: &Workspace, q: Quarter) -> [usize; 4] {
    let listed = deviations(ws, q);
    let mut c = [0usize; 4];
    for d in &listed {
        c[match d.category {
            Category::Deviating => 0,
            Category::Attention => 1,
            Category::Missing => 2,
        }] += 1;
    }
    let listed_ids: std::collections::HashSet<&str> =
        listed.iter().map(|d| d.id.as_str()).collect();
    c[3] = ws
        .initiatives
        .iter()
        .filter(|i| i.lifecycle == Lifecycle::Active && !listed_ids.contains(i.id.as_str()))
        .filter(|i| i.reports.iter().any(|r| r.quarter == q))
        .count();
    c
}

#[cfg(test)]
mod tests;
