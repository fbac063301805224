//! The model: the year's data gathered from the workspace ([`model()`]).

use super::*;

/// One initiative's year: its overall status at each quarter of the year.
#[derive(Debug, Clone)]
pub struct Progress<'a> {
    pub init: &'a Initiative,
    /// One per quarter of [`Annual::quarters`]; `None` without a report.
    pub overall: Vec<Option<Rag>>,
    /// When the initiative was closed, if in the year.
    pub closed: Option<NaiveDate>,
}

/// An initiative closed in the year.
#[derive(Debug, Clone)]
pub struct Closed<'a> {
    pub init: &'a Initiative,
    /// The date of the decision on its closing report; else its end date (sluttidspunkt); else the
    /// last day of its last reported quarter.
    pub date: NaiveDate,
    pub budget: Option<Decimal>,
    pub forecast: Option<Decimal>,
    pub spent: Option<Decimal>,
    pub closing_reports: Vec<&'a Case>,
}

/// A closing report (case of kind ClosingReport) approved in the year.
#[derive(Debug, Clone)]
pub struct Approved<'a> {
    pub case: &'a Case,
    /// The latest decision on the case, if any.
    pub decision: Option<&'a Decision>,
    /// The decision's date; without a decision, the date of the case's last history entry.
    pub date: NaiveDate,
}

/// One forum's decisions in the year, oldest first.
#[derive(Debug, Clone)]
pub struct ForumDecisions<'a> {
    pub forum: String,
    pub name: String,
    pub decisions: Vec<&'a Decision>,
}

/// Money in one quarter: the sums over the initiatives that reported for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Money {
    pub initiatives: usize,
    pub budget: Decimal,
    /// The forecast, or the budget where a report has none (as in the portfolio report).
    pub forecast: Decimal,
    pub spent: Decimal,
}

impl Money {
    fn add(&mut self, init: &Initiative, r: &crate::model::StatusReport) {
        let budget = budget_of(r, init).unwrap_or_default();
        self.initiatives += 1;
        self.budget += budget;
        self.forecast += r.forecast.unwrap_or(budget);
        self.spent += r.spent.unwrap_or_default();
    }
}

/// Everything the statement shows about a year.
#[derive(Debug, Clone)]
pub struct Annual<'a> {
    pub year: i32,
    /// The quarters of the year up to the latest quarter with reports in the workspace.
    pub quarters: Vec<Quarter>,
    pub progress: Vec<Progress<'a>>,
    pub closed: Vec<Closed<'a>>,
    pub approved: Vec<Approved<'a>>,
    pub decisions: Vec<ForumDecisions<'a>>,
    /// Written consultations sent in the year, oldest first.
    pub consultations: Vec<&'a Consultation>,
    /// One per quarter of `quarters`.
    pub money: Vec<Money>,
    /// Per ministry, in the year's last quarter with reports.
    pub ministries: BTreeMap<String, Money>,
    /// Per ministry, one per quarter of `quarters` (empty where none of its initiatives reported).
    pub ministries_per_quarter: BTreeMap<String, Vec<Money>>,
    /// The quarter `ministries` is about.
    pub money_quarter: Option<Quarter>,
}

pub(super) fn in_year(d: NaiveDate, year: i32) -> bool {
    use chrono::Datelike;
    d.year() == year
}

/// The year's data. An error when the year is outside what quarters can be, or when the workspace
/// has nothing at all for it (no report, decision or consultation).
pub fn model(ws: &Workspace, year: i32) -> Result<Annual<'_>, ExportError> {
    let Some(q1) = Quarter::new(year, 1) else {
        return Err(ExportError::YearOutOfRange(year));
    };
    let latest = current_quarter(ws);
    let quarters: Vec<Quarter> = std::iter::successors(Some(q1), |q| (q.q < 4).then(|| q.next()))
        .filter(|q| latest.is_some_and(|l| *q <= l))
        .collect();

    // Decisions per case, for the closing reports.
    let mut by_case: HashMap<&str, Vec<&Decision>> = HashMap::new();
    for d in &ws.decisions {
        if let Some(c) = &d.case {
            by_case.entry(c.as_str()).or_default().push(d);
        }
    }
    let latest_decision = |case: &str| -> Option<&Decision> {
        by_case.get(case).and_then(|ds| {
            ds.iter()
                .copied()
                .max_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)))
        })
    };
    let closing_cases = |init: &str| -> Vec<&Case> {
        let mut cs: Vec<&Case> = ws
            .cases
            .iter()
            .filter(|c| c.kind == CaseKind::ClosingReport && c.initiative.as_deref() == Some(init))
            .collect();
        cs.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        cs
    };

    // Closed initiatives and when.
    let mut closed: Vec<Closed> = vec![];
    for init in ws
        .initiatives
        .iter()
        .filter(|i| i.lifecycle == Lifecycle::Closed)
    {
        let cases = closing_cases(&init.id);
        let decided = cases
            .iter()
            .filter_map(|c| latest_decision(&c.id))
            .map(|d| d.date)
            .max();
        let last = init.latest_report();
        let date = decided.or(init.end_date).or(last.map(|r| r.quarter.end()));
        let Some(date) = date.filter(|d| in_year(*d, year)) else {
            continue;
        };
        closed.push(Closed {
            init,
            date,
            budget: last.and_then(|r| budget_of(r, init)).or(init.budget),
            forecast: last.and_then(|r| r.forecast),
            spent: last.and_then(|r| r.spent),
            closing_reports: cases,
        });
    }
    closed.sort_by(|a, b| (a.date, &a.init.id).cmp(&(b.date, &b.init.id)));
    let closed_on: HashMap<&str, NaiveDate> = closed
        .iter()
        .map(|c| (c.init.id.as_str(), c.date))
        .collect();

    // Progress: every initiative with a report in the year, or closed in it.
    let mut progress: Vec<Progress> = ws
        .initiatives
        .iter()
        .filter_map(|init| {
            let overall: Vec<Option<Rag>> = quarters
                .iter()
                .map(|q| {
                    init.reports
                        .iter()
                        .rev()
                        .find(|r| r.quarter == *q)
                        .map(|r| r.overall)
                })
                .collect();
            let closed = closed_on.get(init.id.as_str()).copied();
            (overall.iter().any(Option::is_some) || closed.is_some()).then_some(Progress {
                init,
                overall,
                closed,
            })
        })
        .collect();
    progress.sort_by(|a, b| natural_cmp(&a.init.id, &b.init.id));

    // Closing reports approved in the year.
    let mut approved: Vec<Approved> = ws
        .cases
        .iter()
        .filter(|c| {
            c.kind == CaseKind::ClosingReport
                && matches!(c.state, CaseState::Decided | CaseState::Closed)
        })
        .filter_map(|case| {
            let decision = latest_decision(&case.id);
            let date = decision
                .map(|d| d.date)
                .or_else(|| case.history.iter().map(|h| h.at.at.date_naive()).max())?;
            in_year(date, year).then_some(Approved {
                case,
                decision,
                date,
            })
        })
        .collect();
    approved.sort_by(|a, b| (a.date, &a.case.id).cmp(&(b.date, &b.case.id)));

    // Decisions per forum: the forums in the workspace's order, unknown forums after them.
    let mut per_forum: BTreeMap<String, Vec<&Decision>> = BTreeMap::new();
    for d in ws.decisions.iter().filter(|d| in_year(d.date, year)) {
        per_forum.entry(d.forum.clone()).or_default().push(d);
    }
    let mut decisions: Vec<ForumDecisions> = vec![];
    let mut forum_ids: Vec<String> = ws.forums.iter().map(|f| f.id.clone()).collect();
    forum_ids.extend(per_forum.keys().filter(|k| ws.forum(k).is_none()).cloned());
    for id in forum_ids {
        if let Some(mut ds) = per_forum.remove(&id) {
            ds.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
            decisions.push(ForumDecisions {
                name: ws.forum(&id).map_or_else(|| id.clone(), |f| f.name.clone()),
                forum: id,
                decisions: ds,
            });
        }
    }

    // Written consultations sent in the year.
    let mut consultations: Vec<&Consultation> = ws
        .consultations
        .iter()
        .filter(|c| c.state != ConsultationState::Draft)
        .filter(|c| c.sent_date.is_some_and(|d| in_year(d, year)))
        .collect();
    consultations.sort_by(|a, b| (a.sent_date, &a.id).cmp(&(b.sent_date, &b.id)));

    // Money per quarter, and per ministry in the last quarter with reports.
    let money: Vec<Money> = quarters
        .iter()
        .map(|q| {
            let mut m = Money::default();
            for init in &ws.initiatives {
                if let Some(r) = init.reports.iter().rev().find(|r| r.quarter == *q) {
                    m.add(init, r);
                }
            }
            m
        })
        .collect();
    let money_quarter = quarters
        .iter()
        .zip(&money)
        .rev()
        .find(|(_, m)| m.initiatives > 0)
        .map(|(q, _)| *q);
    let mut ministries_per_quarter: BTreeMap<String, Vec<Money>> = BTreeMap::new();
    for (k, q) in quarters.iter().enumerate() {
        for init in &ws.initiatives {
            if let Some(r) = init.reports.iter().rev().find(|r| r.quarter == *q) {
                ministries_per_quarter
                    .entry(clean_line(&init.ministry))
                    .or_insert_with(|| vec![Money::default(); quarters.len()])[k]
                    .add(init, r);
            }
        }
    }
    let mut ministries: BTreeMap<String, Money> = BTreeMap::new();
    if let Some(q) = money_quarter {
        for init in &ws.initiatives {
            if let Some(r) = init.reports.iter().rev().find(|r| r.quarter == q) {
                ministries
                    .entry(clean_line(&init.ministry))
                    .or_default()
                    .add(init, r);
            }
        }
    }

    if progress.is_empty()
        && decisions.is_empty()
        && consultations.is_empty()
        && approved.is_empty()
    {
        return Err(ExportError::NothingInYear(year));
    }
    Ok(Annual {
        year,
        quarters,
        progress,
        closed,
        approved,
        decisions,
        consultations,
        money,
        ministries,
        ministries_per_quarter,
        money_quarter,
    })
}
