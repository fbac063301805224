//! Cases: create one from a deviating or attention-requiring initiative, filled from its latest
//! status report, and close initiatives.

use chrono::Datelike;

use super::{OpError, history};
use crate::export::dates::{long_date, mio_kr};
use crate::model::ids::next_seq_id;
use crate::model::{
    Case, CaseKind, CaseState, Initiative, Language, Lifecycle, Rag, Stamp, Workspace,
};
use crate::rules::deviation::{classify, current_quarter, forecast_deviation_percent, reason_text};

fn rag_word(r: Rag, l: Language) -> &'static str {
    match (r, l) {
        (Rag::Green, Language::Da) => "grøn",
        (Rag::Yellow, Language::Da) => "gul",
        (Rag::Red, Language::Da) => "rød",
        (Rag::NotReported, Language::Da) => "ikke rapporteret",
        (Rag::Green, Language::En) => "green",
        (Rag::Yellow, Language::En) => "yellow",
        (Rag::Red, Language::En) => "red",
        (Rag::NotReported, Language::En) => "not reported",
    }
}

/// Ends a sentence with one full stop: "25,7 mio. kr." already ends with one, so no second is added.
fn full_stop(mut s: String) -> String {
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// The next free case id for the year of `now`.
pub fn next_case_id(ws: &Workspace, now: &Stamp) -> String {
    next_seq_id("S", now.at.year(), ws.cases.iter().map(|c| c.id.as_str()))
}

/// A draft case of kind "deviation status" about an initiative, with a background stating the
/// figures of its latest report and the reporter's comment, and a recommendation to edit.
pub fn from_initiative(ws: &Workspace, initiative_id: &str, now: &Stamp) -> Result<Case, OpError> {
    let l = ws.settings.language;
    let init: &Initiative = ws
        .initiative(initiative_id)
        .ok_or_else(|| OpError::NoInitiative(initiative_id.to_string()))?;
    let forum_name = ws
        .settings
        .default_forum
        .as_deref()
        .and_then(|f| ws.forum(f))
        .map_or_else(
            || {
                if l == Language::Da {
                    "styregruppen".to_string()
                } else {
                    "the steering group".to_string()
                }
            },
            |f| f.name.to_lowercase(),
        );
    let mut case = Case::new(&next_case_id(ws, now), CaseKind::DeviationStatus, "");
    case.initiative = Some(init.id.clone());
    case.forum = ws.settings.default_forum.clone();
    case.state = CaseState::Draft;
    let q = current_quarter(ws);
    let category = q.and_then(|q| classify(init, q, &ws.settings.thresholds));
    let mut bg = vec![];
    match init.latest_report() {
        None => {
            case.title = match l {
                Language::Da => format!("Manglende statusrapport for {} {}", init.id, init.name),
                Language::En => format!("Missing status report for {} {}", init.id, init.name),
            };
            bg.push(match l {
                Language::Da => format!(
                    "{} ({}) har ikke afleveret en statusrapport.",
                    init.name, init.ministry
                ),
                Language::En => format!(
                    "{} ({}) has not submitted a status report.",
                    init.name, init.ministry
                ),
            });
        }
        Some(r) => {
            case.title = match l {
                Language::Da => format!(
                    "Status for {} {} ({})",
                    init.id,
                    init.name,
                    r.quarter.label(l)
                ),
                Language::En => format!(
                    "Status of {} {} ({})",
                    init.id,
                    init.name,
                    r.quarter.label(l)
                ),
            };
            let dims = format!(
                "{}: {}, {}: {}, {}: {}, {}: {}",
                if l == Language::Da { "tid" } else { "time" },
                rag_word(r.time, l),
                if l == Language::Da {
                    "økonomi"
                } else {
                    "cost"
                },
                rag_word(r.cost, l),
                if l == Language::Da {
                    "indhold"
                } else {
                    "scope"
                },
                rag_word(r.scope, l),
                if l == Language::Da { "risiko" } else { "risk" },
                rag_word(r.risk, l),
            );
            bg.push(match l {
                Language::Da => format!(
                    "{} ({}, {}) rapporterer for {} samlet status {} ({dims}).",
                    init.name,
                    init.ministry,
                    init.institution,
                    r.quarter.label(l),
                    rag_word(r.overall, l)
                ),
                Language::En => format!(
                    "{} ({}, {}) reports overall status {} for {} ({dims}).",
                    init.name,
                    init.ministry,
                    init.institution,
                    rag_word(r.overall, l),
                    r.quarter.label(l)
                ),
            });
            let budget = r.budget.or(init.budget);
            if let (Some(b), Some(f)) = (budget, r.forecast) {
                // "18,5 %" in Danish, "18.5 %" in English.
                let pct = forecast_deviation_percent(r, init)
                    .map(|p| format!(" ({})", crate::export::dates::percent(p, l)))
                    .unwrap_or_default();
                bg.push(full_stop(match l {
                    Language::Da => format!(
                        "Budgettet er {}; forventet forbrug er {}, en afvigelse på {}{pct}",
                        mio_kr(b, l),
                        mio_kr(f, l),
                        mio_kr(f - b, l)
                    ),
                    Language::En => format!(
                        "The budget is {}; the forecast is {}, a deviation of {}{pct}",
                        mio_kr(b, l),
                        mio_kr(f, l),
                        mio_kr(f - b, l)
                    ),
                }));
            }
            if let Some(s) = r.spent {
                bg.push(full_stop(match l {
                    Language::Da => format!("Forbrug til dato: {}", mio_kr(s, l)),
                    Language::En => format!("Spent to date: {}", mio_kr(s, l)),
                }));
            }
            if let (Some(p), Some(f)) = (r.planned_end.or(init.end_date), r.forecast_end) {
                let days = (f - p).num_days();
                bg.push(match l {
                    Language::Da => format!(
                        "Planlagt afslutning {}; forventet afslutning {} ({days} dages forskydning).",
                        long_date(p, l),
                        long_date(f, l)
                    ),
                    Language::En => format!(
                        "Planned end {}; forecast end {} ({days} days' slip).",
                        long_date(p, l),
                        long_date(f, l)
                    ),
                });
            }
            if !r.comment.trim().is_empty() {
                bg.push(match l {
                    Language::Da => format!("Projektets bemærkning: »{}«", r.comment.trim()),
                    Language::En => format!("The project's comment: \"{}\"", r.comment.trim()),
                });
            }
            if !r.reported_by.is_empty() {
                bg.push(full_stop(match l {
                    Language::Da => format!("Rapporteret af {}", r.reported_by.trim()),
                    Language::En => format!("Reported by {}", r.reported_by.trim()),
                }));
            }
        }
    }
    if let Some((cat, reasons)) = &category {
        let report = q.and_then(|q| init.report(q));
        let rs: Vec<String> = reasons.iter().map(|r| reason_text(r, report, l)).collect();
        bg.push(match l {
            Language::Da => format!(
                "Kategori: {} ({}).",
                cat.label(l).to_lowercase(),
                rs.join(", ")
            ),
            Language::En => format!(
                "Category: {} ({}).",
                cat.label(l).to_lowercase(),
                rs.join(", ")
            ),
        });
    }
    case.background = bg.join("\n\n");
    case.recommendation = match l {
        Language::Da => format!(
            "Det indstilles, at {forum_name} tager status til efterretning og beder {} om en handlingsplan til næste møde.",
            init.ministry
        ),
        Language::En => format!(
            "It is recommended that {forum_name} takes note of the status and asks {} for an action plan for the next meeting.",
            init.ministry
        ),
    };
    case.history.push(history(
        now,
        l,
        format!("Oprettet fra statusrapporten for {}", init.id),
        format!("Created from the status report of {}", init.id),
    ));
    Ok(case)
}

/// A draft case of kind over-/underspend (mer-/mindreforbrug) for a proposal of the economy
/// overview ([`crate::rules::deviation::spend_proposals`]), before `forum` (the economy
/// committee): the title, a background with the year's figures and a recommendation to edit. The
/// id is `id` (the caller picks free ids when it makes several at once).
pub fn over_underspend(
    ws: &Workspace,
    p: &crate::rules::deviation::SpendProposal,
    year: i32,
    forum: &str,
    id: &str,
    now: &Stamp,
) -> Result<Case, OpError> {
    use crate::rules::deviation::Spend;
    let l = ws.settings.language;
    let init = ws
        .initiative(&p.id)
        .ok_or_else(|| OpError::NoInitiative(p.id.clone()))?;
    let f = ws
        .forum(forum)
        .ok_or_else(|| OpError::NoForum(forum.to_string()))?;
    let over = p.money.spend == Spend::Over;
    let kind_da = if over { "merforbrug" } else { "mindreforbrug" };
    let kind_en = if over { "overspend" } else { "underspend" };
    let size = mio_kr(p.money.amount.abs(), l);
    let pct = init
        .reports
        .iter()
        .rev()
        .find(|r| r.quarter == p.quarter)
        .and_then(|r| forecast_deviation_percent(r, init))
        .map(|x| format!(" ({})", crate::export::dates::percent(x.abs(), l)))
        .unwrap_or_default();
    let mut case = Case::new(id, CaseKind::OverUnderspend, "");
    case.initiative = Some(init.id.clone());
    case.forum = Some(f.id.clone());
    case.state = CaseState::Draft;
    case.title = match l {
        Language::Da => format!("{} {year} for {} {}", capital(kind_da), init.id, init.name),
        Language::En => format!("{} {year} for {} {}", capital(kind_en), init.id, init.name),
    };
    let mut bg = vec![match l {
        Language::Da => full_stop(format!(
            "{} ({}) forventer i statusrapporten for {} et forbrug på {} mod et budget på {}: et {kind_da} på {size}{pct}",
            init.name,
            init.ministry,
            p.quarter.label(l),
            mio_kr(p.money.forecast, l),
            mio_kr(p.money.budget, l),
        )),
        Language::En => full_stop(format!(
            "{} ({}) forecasts in its status report for {} a spend of {} against a budget of {}: an {kind_en} of {size}{pct}",
            init.name,
            init.ministry,
            p.quarter.label(l),
            mio_kr(p.money.forecast, l),
            mio_kr(p.money.budget, l),
        )),
    }];
    if let Some(s) = p.spent {
        bg.push(full_stop(match l {
            Language::Da => format!("Forbrug til dato: {}", mio_kr(s, l)),
            Language::En => format!("Spent to date: {}", mio_kr(s, l)),
        }));
    }
    bg.push(match l {
        Language::Da => format!(
            "Afvigelsen er ud over tærsklerne ({}).",
            crate::export::economy::thresholds_text(ws)
        ),
        Language::En => format!(
            "The deviation is beyond the thresholds ({}).",
            crate::export::economy::thresholds_text(ws)
        ),
    });
    case.background = bg.join("\n\n");
    let forum_name = f.name.clone();
    case.recommendation = match (l, over) {
        (Language::Da, true) => format!(
            "Det indstilles, at {forum_name} drøfter merforbruget og beder {} om en plan for, hvordan det finansieres inden for rammen.",
            init.ministry
        ),
        (Language::Da, false) => format!(
            "Det indstilles, at {forum_name} drøfter mindreforbruget og tager stilling til, om midlerne skal overføres til næste år eller omprioriteres."
        ),
        (Language::En, true) => format!(
            "It is recommended that {forum_name} discusses the overspend and asks {} for a plan to fund it within the budget.",
            init.ministry
        ),
        (Language::En, false) => format!(
            "It is recommended that {forum_name} discusses the underspend and decides whether the funds are carried over to next year or reprioritised."
        ),
    };
    case.history.push(history(
        now,
        l,
        format!("Oprettet fra økonomioverblikket for {year} ({kind_da} ud over tærsklerne)"),
        format!("Created from the economy overview of {year} ({kind_en} beyond the thresholds)"),
    ));
    Ok(case)
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The initiatives whose status for the quarter `q` is being or has been taken up: an open case
/// about them, or a case decided after the quarter ended (on this round of reports). A deviating
/// initiative outside this set still needs a case.
pub fn handled_initiatives(
    ws: &Workspace,
    q: Option<crate::model::Quarter>,
) -> std::collections::HashSet<&str> {
    let decided_since: std::collections::HashSet<&str> = match q {
        Some(q) => ws
            .decisions
            .iter()
            .filter(|d| d.date > q.end())
            .filter_map(|d| d.case.as_deref())
            .collect(),
        None => Default::default(),
    };
    ws.cases
        .iter()
        .filter(|c| c.state.is_open() || decided_since.contains(c.id.as_str()))
        .filter_map(|c| c.initiative.as_deref())
        .collect()
}

/// Closes an initiative (e.g. after its closing report): it leaves the deviation rules.
pub fn close_initiative(ws: &Workspace, id: &str) -> Result<Initiative, OpError> {
    let mut i = ws
        .initiative(id)
        .cloned()
        .ok_or_else(|| OpError::NoInitiative(id.to_string()))?;
    i.lifecycle = match i.lifecycle {
        Lifecycle::Active => Lifecycle::Closed,
        Lifecycle::Closed => Lifecycle::Active,
    };
    Ok(i)
}

/// A change of a case's state that the secretariat makes by hand. The other states are reached
/// through the operations that cause them: on an agenda ([`super::meeting`]), in a consultation
/// ([`super::consultation`]), decided (approved minutes or a concluded consultation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStep {
    /// Draft -> ready for an agenda or a consultation.
    MarkReady,
    /// Ready -> draft again (more work before it goes anywhere).
    BackToDraft,
    /// Draft, ready or decided -> closed (no more work). Not while on an agenda or in a
    /// consultation: take it off first, so the agenda or letter does not name a closed case.
    Close,
    /// Closed -> draft.
    Reopen,
}

/// Every change of a case's state that any operation makes: the case state machine. The hand
/// steps ([`CaseStep`]) are a part of it; the others belong to the operation that causes them
/// (on an agenda: [`super::meeting::add_case`]; in consultation: [`super::consultation`];
/// decided: approved minutes or a concluded consultation; back to ready: taken off an agenda,
/// minutes reopened, a consultation not adopted, escalated).
pub const TRANSITIONS: &[(CaseState, CaseState)] = &[
    (CaseState::Draft, CaseState::Ready),
    (CaseState::Ready, CaseState::Draft),
    (CaseState::Draft, CaseState::Closed),
    (CaseState::Ready, CaseState::Closed),
    (CaseState::Decided, CaseState::Closed),
    (CaseState::Closed, CaseState::Draft),
    (CaseState::Draft, CaseState::OnAgenda),
    (CaseState::Ready, CaseState::OnAgenda),
    (CaseState::OnAgenda, CaseState::Ready),
    (CaseState::OnAgenda, CaseState::Decided),
    (CaseState::Draft, CaseState::InConsultation),
    (CaseState::Ready, CaseState::InConsultation),
    (CaseState::InConsultation, CaseState::Ready),
    (CaseState::InConsultation, CaseState::Draft),
    (CaseState::InConsultation, CaseState::Decided),
    (CaseState::Decided, CaseState::Ready),
];

/// Whether the state machine has the transition `from` -> `to`.
pub fn allowed(from: CaseState, to: CaseState) -> bool {
    TRANSITIONS.contains(&(from, to))
}

/// Moves `case` to `to` through the state machine: the one way an operation changes a case's
/// state. Staying in the same state is no change; a move outside [`TRANSITIONS`] is refused.
pub(crate) fn enter(case: &mut Case, to: CaseState) -> Result<(), OpError> {
    if case.state != to && !allowed(case.state, to) {
        return Err(OpError::CaseTransitionRefused {
            case: case.id.clone(),
            from: case.state,
            to,
        });
    }
    case.state = to;
    Ok(())
}

impl CaseStep {
    /// The state the step leads to.
    pub fn target(self) -> CaseState {
        match self {
            CaseStep::MarkReady => CaseState::Ready,
            CaseStep::BackToDraft | CaseStep::Reopen => CaseState::Draft,
            CaseStep::Close => CaseState::Closed,
        }
    }
}

/// Whether `step` may be taken from `from`: the step's transition is in [`TRANSITIONS`], and the
/// step is the hand step for it (Reopen only from closed, back to draft only from ready).
pub fn step_allowed(step: CaseStep, from: CaseState) -> bool {
    let by_hand = match step {
        CaseStep::MarkReady => from == CaseState::Draft,
        CaseStep::BackToDraft => from == CaseState::Ready,
        CaseStep::Close => matches!(
            from,
            CaseState::Draft | CaseState::Ready | CaseState::Decided
        ),
        CaseStep::Reopen => from == CaseState::Closed,
    };
    by_hand && allowed(from, step.target())
}

/// The case after `step`, with a history line; refused, saying why, when the case's state does
/// not allow it. The only way to change a case's state by hand (the case form shows the state
/// read-only; the TUI's keys and the CLI call this).
pub fn step(ws: &Workspace, case: &Case, step: CaseStep, now: &Stamp) -> Result<Case, OpError> {
    let l = ws.settings.language;
    let from = case.state;
    if !step_allowed(step, from) {
        return Err(OpError::CaseStepRefused {
            case: case.id.clone(),
            step,
            from,
        });
    }
    let (da, en) = match step {
        CaseStep::MarkReady => ("Markeret klar", "Marked ready"),
        CaseStep::BackToDraft => ("Tilbage til kladde", "Back to draft"),
        CaseStep::Close => ("Lukket", "Closed"),
        CaseStep::Reopen => ("Genåbnet", "Reopened"),
    };
    let mut c = case.clone();
    c.state = step.target();
    c.history
        .push(history(now, l, da.to_string(), en.to_string()));
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hand_step_is_in_the_table_and_the_rest_is_refused() {
        let ws = crate::demo::demo_workspace();
        let now = Stamp {
            at: "2026-11-22T10:00:00Z".parse().unwrap(),
            by: "anna".into(),
        };
        let steps = [
            CaseStep::MarkReady,
            CaseStep::BackToDraft,
            CaseStep::Close,
            CaseStep::Reopen,
        ];
        let mut c = ws.cases[0].clone();
        for from in CaseState::ALL {
            c.state = from;
            for s in steps {
                match step(&ws, &c, s, &now) {
                    Ok(next) => assert!(allowed(from, next.state), "{from:?} -> {s:?}"),
                    Err(e) => assert_eq!(
                        e,
                        OpError::CaseStepRefused {
                            case: c.id.clone(),
                            step: s,
                            from
                        }
                    ),
                }
            }
        }
        // On an agenda or in consultation a case cannot be closed or set to draft by hand.
        c.state = CaseState::OnAgenda;
        assert!(step(&ws, &c, CaseStep::Close, &now).is_err());
        c.state = CaseState::InConsultation;
        assert!(step(&ws, &c, CaseStep::BackToDraft, &now).is_err());
        assert!(!allowed(CaseState::Closed, CaseState::Decided));
    }

    #[test]
    fn a_refusal_is_worded_in_the_language_asked_for() {
        let e = OpError::CaseStepRefused {
            case: "S-1".into(),
            step: CaseStep::Reopen,
            from: CaseState::Draft,
        };
        assert!(
            e.message(Language::Da).starts_with("Kun en lukket sag"),
            "{}",
            e.message(Language::Da)
        );
        assert!(
            e.message(Language::En).starts_with("Only a closed case"),
            "{}",
            e.message(Language::En)
        );
    }

    #[test]
    fn a_decided_case_from_this_round_still_counts_as_handled() {
        let mut ws = crate::demo::demo_workspace();
        let q = current_quarter(&ws);
        let on = ws
            .cases
            .iter()
            .position(|c| c.state == CaseState::OnAgenda && c.initiative.is_some())
            .unwrap();
        let init = ws.cases[on].initiative.clone().unwrap();
        assert!(handled_initiatives(&ws, q).contains(init.as_str()));
        let case_id = ws.cases[on].id.clone();
        ws.cases[on].state = CaseState::Decided;
        assert!(
            !handled_initiatives(&ws, q).contains(init.as_str()),
            "decided, but no decision after the quarter: the report needs a case"
        );
        let mut d = crate::model::Decision::new(
            "B-2026-099",
            chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            "psg",
            crate::model::DecisionSource::Meeting {
                meeting: "2026-12-03-psg".into(),
                item: 5,
            },
            "Styregruppen godkendte indstillingen.",
        );
        d.case = Some(case_id);
        ws.decisions.push(d);
        assert!(
            handled_initiatives(&ws, q).contains(init.as_str()),
            "decided this round: handled"
        );
    }

    #[test]
    fn a_case_from_a_deviating_demo_initiative_states_the_figures() {
        let ws = crate::demo::demo_workspace();
        let now = Stamp {
            at: "2026-11-22T10:00:00Z".parse().unwrap(),
            by: "anna".into(),
        };
        let c = from_initiative(&ws, "5.2", &now).unwrap();
        assert_eq!(c.kind, CaseKind::DeviationStatus);
        assert_eq!(c.id, "S-2026-011");
        assert_eq!(c.initiative.as_deref(), Some("5.2"));
        assert!(
            c.title
                .starts_with("Status for 5.2 Fælles Medicinkort 2.0 (3. kvt. 2026)"),
            "{}",
            c.title
        );
        assert!(c.background.contains("mio. kr."), "{}", c.background);
        assert!(
            c.background.contains("Kategori: afvigende"),
            "{}",
            c.background
        );
        assert!(c.recommendation.starts_with(
            "Det indstilles, at porteføljestyregruppen tager status til efterretning"
        ));
        assert!(from_initiative(&ws, "99.9", &now).is_err());
        let closed = close_initiative(&ws, "5.2").unwrap();
        assert_eq!(closed.lifecycle, Lifecycle::Closed);
    }

    #[test]
    fn amounts_at_the_end_of_a_sentence_get_one_full_stop() {
        let mut ws = crate::demo::demo_workspace();
        let now = Stamp {
            at: "2026-11-22T10:00:00Z".parse().unwrap(),
            by: "anna".into(),
        };
        let i = ws.initiatives.iter_mut().find(|i| i.id == "5.2").unwrap();
        let q = i.latest_report().unwrap().quarter;
        let r = i.reports.iter_mut().find(|r| r.quarter == q).unwrap();
        r.spent = Some("25.7".parse().unwrap());
        r.budget = Some("40".parse().unwrap());
        r.forecast = Some("44.5".parse().unwrap());
        r.reported_by = "Søren Ørø".into();
        let c = from_initiative(&ws, "5.2", &now).unwrap();
        assert!(
            c.background.contains("Forbrug til dato: 25,7 mio. kr.\n"),
            "{}",
            c.background
        );
        assert!(!c.background.contains(".."), "{}", c.background);
        assert!(c.background.contains("Rapporteret af Søren Ørø."));
        assert!(
            c.background
                .contains("en afvigelse på 4,5 mio. kr. (11,3 %)."),
            "{}",
            c.background
        );
        ws.settings.language = Language::En;
        let c = from_initiative(&ws, "5.2", &now).unwrap();
        assert!(
            c.background.contains("Spent to date: DKK 25.7m."),
            "{}",
            c.background
        );
        assert!(!c.background.contains(".."), "{}", c.background);
        assert_eq!(full_stop("Slut.".into()), "Slut.");
        assert_eq!(full_stop("Slut".into()), "Slut.");
    }

    #[test]
    fn a_case_changes_state_only_by_the_steps_its_state_allows() {
        let ws = crate::demo::demo_workspace();
        let now = Stamp {
            at: chrono::Utc::now(),
            by: "test".into(),
        };
        let mut c = Case::new("S-2026-900", CaseKind::Other, "Test");
        let all = [
            CaseStep::MarkReady,
            CaseStep::BackToDraft,
            CaseStep::Close,
            CaseStep::Reopen,
        ];
        // Every step from every state: allowed ones land where the table says, the rest are
        // refused and name the case.
        for from in CaseState::ALL {
            c.state = from;
            for s in all {
                match step(&ws, &c, s, &now) {
                    Ok(next) => {
                        let want = match s {
                            CaseStep::MarkReady => CaseState::Ready,
                            CaseStep::BackToDraft | CaseStep::Reopen => CaseState::Draft,
                            CaseStep::Close => CaseState::Closed,
                        };
                        assert_eq!(next.state, want, "{s:?} from {from:?}");
                        assert_eq!(next.history.len(), c.history.len() + 1);
                    }
                    Err(e) => assert!(e.to_string().contains("S-2026-900"), "{e}"),
                }
            }
        }
        c.state = CaseState::OnAgenda;
        assert!(step(&ws, &c, CaseStep::Close, &now).is_err());
        c.state = CaseState::InConsultation;
        assert!(step(&ws, &c, CaseStep::Close, &now).is_err());
        assert!(step(&ws, &c, CaseStep::MarkReady, &now).is_err());
    }

    #[test]
    fn an_over_underspend_case_states_the_figures_for_the_forum() {
        use crate::rules::deviation::{Spend, spend_proposals};
        let mut ws = crate::demo::demo_workspace();
        let now = Stamp {
            at: "2026-11-22T10:00:00Z".parse().unwrap(),
            by: "anna".into(),
        };
        let p = spend_proposals(&ws, 2026)
            .into_iter()
            .find(|p| p.id == "5.2")
            .expect("5.2 is over beyond the thresholds in the demo");
        assert_eq!(p.money.spend, Spend::Over);
        let c = over_underspend(&ws, &p, 2026, "oesu", "S-2026-099", &now).unwrap();
        assert_eq!(c.id, "S-2026-099");
        assert_eq!(c.kind, CaseKind::OverUnderspend);
        assert_eq!(c.forum.as_deref(), Some("oesu"));
        assert_eq!(c.initiative.as_deref(), Some("5.2"));
        assert_eq!(c.title, "Merforbrug 2026 for 5.2 Fælles Medicinkort 2.0");
        assert!(
            c.background.contains(
                "forventer i statusrapporten for 3. kvt. 2026 et forbrug på 161,0 mio. kr. mod et budget på 134,2 mio. kr.: et merforbrug på 26,8 mio. kr. (20,0 %)."
            ),
            "{}",
            c.background
        );
        assert!(c.background.contains("Forbrug til dato: 143,0 mio. kr."));
        assert!(c.background.contains("mere end 10 % af budgettet"));
        assert!(
            c.recommendation
                .starts_with("Det indstilles, at Økonomistyringsudvalget drøfter merforbruget")
        );
        assert_eq!(
            over_underspend(&ws, &p, 2026, "nope", "S-2026-099", &now),
            Err(OpError::NoForum("nope".into()))
        );
        ws.settings.language = Language::En;
        let c = over_underspend(&ws, &p, 2026, "oesu", "S-2026-099", &now).unwrap();
        assert_eq!(c.title, "Overspend 2026 for 5.2 Fælles Medicinkort 2.0");
        assert!(
            c.background.contains("an overspend of DKK 26.8m (20.0 %)"),
            "{}",
            c.background
        );
        assert!(c.history[0].text.contains("economy overview of 2026"));
    }
}
