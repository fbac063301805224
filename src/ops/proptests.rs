//! Property tests of the state machines in `ops` (cases, meetings, consultations): random
//! sequences of operations, each applied to the workspace as the store would, never reach an
//! invalid state and never lose a decision. A refused operation changes nothing (ops are pure).
//!
//! Failures: proptest shrinks to the shortest failing sequence and prints it (the `Debug` of the
//! `Vec<..Op>`), and persists its seed under `proptest-regressions/` next to this file, so the
//! same case is tried first on the next run.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::case::{self, CaseStep};
use crate::model::{
    AnyRecord, CaseState, ConsultationState, DecisionSource, MeetingState, ReplyKind, Stamp,
    Workspace,
};
use crate::store::Change;

fn stamp() -> Stamp {
    Stamp {
        at: "2026-11-22T10:00:00Z".parse().expect("a fixed stamp"),
        by: "prop".into(),
    }
}

fn apply(ws: &mut Workspace, changes: Vec<Change>) {
    for ch in changes {
        match ch {
            Change::Create(r) | Change::Update(r) => r.put_into(ws),
            Change::Delete(r) => r.remove_from(ws),
        }
    }
}

/// Every case whose state changed went along the case state machine's table.
fn case_moves_allowed(before: &Workspace, after: &Workspace) -> Result<(), TestCaseError> {
    for c in &after.cases {
        if let Some(b) = before.case(&c.id)
            && b.state != c.state
        {
            prop_assert!(
                case::allowed(b.state, c.state),
                "case {} went {:?} -> {:?}, not in the table",
                c.id,
                b.state,
                c.state
            );
        }
    }
    Ok(())
}

fn decision_ids(ws: &Workspace) -> BTreeSet<String> {
    ws.decisions.iter().map(|d| d.id.clone()).collect()
}

// ----- cases -----

fn case_step() -> impl Strategy<Value = CaseStep> {
    prop_oneof![
        Just(CaseStep::MarkReady),
        Just(CaseStep::BackToDraft),
        Just(CaseStep::Close),
        Just(CaseStep::Reopen),
    ]
}

proptest! {
    #[test]
    fn case_steps_only_follow_the_transition_table(
        start in 0usize..100,
        steps in proptest::collection::vec(case_step(), 1..30),
    ) {
        let ws = crate::demo::demo_workspace();
        let mut c = ws.cases[start % ws.cases.len()].clone();
        for s in &steps {
            let from = c.state;
            match case::step(&ws, &c, *s, &stamp()) {
                Ok(next) => {
                    prop_assert!(
                        case::allowed(from, next.state),
                        "{:?} -> {:?} by {:?} is not in the table", from, next.state, s
                    );
                    prop_assert_eq!(next.history.len(), c.history.len() + 1);
                    c = next;
                }
                Err(e) => {
                    prop_assert!(
                        matches!(e, super::OpError::CaseStepRefused { .. }),
                        "unexpected refusal {e:?}"
                    );
                    prop_assert!(!case::step_allowed(*s, from), "{:?} from {:?} refused", s, from);
                }
            }
        }
    }
}

// ----- meetings -----

#[derive(Debug, Clone)]
enum MeetingOp {
    Dispatch,
    MarkHeld,
    Decide(usize, bool),
    Approve,
    Reopen(bool),
    AddReadyCase,
    Delete,
}

fn meeting_op() -> impl Strategy<Value = MeetingOp> {
    prop_oneof![
        Just(MeetingOp::Dispatch),
        Just(MeetingOp::MarkHeld),
        (0usize..12, any::<bool>()).prop_map(|(i, t)| MeetingOp::Decide(i, t)),
        Just(MeetingOp::Approve),
        any::<bool>().prop_map(MeetingOp::Reopen),
        Just(MeetingOp::AddReadyCase),
        Just(MeetingOp::Delete),
    ]
}

proptest! {
    #[test]
    fn meeting_operations_keep_a_valid_state_and_every_decision(
        pick in 0usize..100,
        ops in proptest::collection::vec(meeting_op(), 1..25),
    ) {
        use super::meeting as m;
        let mut ws = crate::demo::demo_workspace();
        let id = ws.meetings[pick % ws.meetings.len()].id.clone();
        let today = ws.meetings[pick % ws.meetings.len()].date;
        for op in &ops {
            let before = decision_ids(&ws);
            let snapshot = ws.clone();
            let state = ws.meeting(&id).map(|x| x.state);
            let result: Result<Vec<Change>, super::OpError> = match op {
                MeetingOp::Dispatch => m::dispatch(&ws, &id, today)
                    .map(|x| vec![Change::Update(AnyRecord::Meeting(x))]),
                MeetingOp::MarkHeld => m::mark_held(&ws, &id)
                    .map(|x| vec![Change::Update(AnyRecord::Meeting(x))]),
                MeetingOp::Decide(i, t) => {
                    let text = if *t { "Styregruppen godkendte indstillingen." } else { "" };
                    m::set_decision(&ws, &id, *i, text)
                        .map(|x| vec![Change::Update(AnyRecord::Meeting(x))])
                }
                MeetingOp::Approve => m::approve(&ws, &id, &stamp()),
                MeetingOp::Reopen(r) => {
                    m::reopen(&ws, &id, if *r { "Fejl i punkt 3" } else { " " }, &stamp())
                        .map(|x| vec![Change::Update(AnyRecord::Meeting(x))])
                }
                MeetingOp::AddReadyCase => {
                    match ws.cases.iter().find(|c| c.state == CaseState::Ready) {
                        Some(c) => m::add_case(&ws, &id, &c.id.clone(), &stamp()),
                        None => Ok(vec![]),
                    }
                }
                MeetingOp::Delete => m::delete_meeting(&ws, &id, &stamp()),
            };
            let refused = result.is_err();
            if let Ok(ch) = result {
                apply(&mut ws, ch);
            }
            case_moves_allowed(&snapshot, &ws)?;
            let Some(meeting) = ws.meeting(&id) else {
                // Deleted: only a meeting without approved minutes can be.
                prop_assert!(matches!(op, MeetingOp::Delete), "meeting gone after {op:?}");
                prop_assert_ne!(state, Some(MeetingState::Approved));
                prop_assert!(decision_ids(&ws).is_superset(&before), "decision lost by {op:?}");
                break;
            };
            // Never lose a decision.
            prop_assert!(
                decision_ids(&ws).is_superset(&before),
                "a decision was lost by {op:?} (sequence {ops:?})"
            );
            // States only move along the machine.
            let now = meeting.state;
            let ok = match (state, now) {
                (Some(a), b) if a == b => true,
                (Some(MeetingState::Draft), MeetingState::Sent) => matches!(op, MeetingOp::Dispatch),
                (Some(MeetingState::Draft | MeetingState::Sent), MeetingState::Held) => {
                    matches!(op, MeetingOp::MarkHeld)
                }
                (Some(MeetingState::Held), MeetingState::Approved) => matches!(op, MeetingOp::Approve),
                (Some(MeetingState::Approved), MeetingState::Held) => {
                    matches!(op, MeetingOp::Reopen(true))
                }
                // A change to a dispatched agenda makes a revised draft.
                (Some(MeetingState::Sent), MeetingState::Draft) => {
                    matches!(op, MeetingOp::AddReadyCase)
                }
                _ => false,
            };
            prop_assert!(ok, "{:?} -> {:?} by {:?} (sequence {:?})", state, now, op, ops);
            prop_assert!(!refused || state == Some(now));
            // Approved minutes: every decision text is in the register, from this meeting.
            if now == MeetingState::Approved {
                prop_assert!(meeting.approved_date.is_some());
                for (i, it) in meeting.items.iter().enumerate() {
                    if it.case.is_some() && !it.minutes.decision.trim().is_empty() {
                        let source = DecisionSource::Meeting { meeting: id.clone(), item: i as u32 + 1 };
                        prop_assert!(
                            ws.decisions.iter().any(|d| d.source == source),
                            "item {} decided but not in the register", i + 1
                        );
                    }
                }
                // ... and locked: no decision of it can change.
                for d in ws.decisions.iter().filter(|d| matches!(&d.source, DecisionSource::Meeting { meeting, .. } if *meeting == id)) {
                    prop_assert!(super::decision::check_change(&ws, d).is_err());
                }
            }
        }
    }
}

// ----- consultations -----

#[derive(Debug, Clone)]
enum ConsultationOp {
    Send,
    Reply(usize, u8, bool, i64),
    Conclude,
}

fn consultation_op() -> impl Strategy<Value = ConsultationOp> {
    prop_oneof![
        Just(ConsultationOp::Send),
        (0usize..12, 0u8..4, any::<bool>(), -5i64..20)
            .prop_map(|(a, k, t, d)| ConsultationOp::Reply(a, k, t, d)),
        Just(ConsultationOp::Conclude),
    ]
}

proptest! {
    #[test]
    fn consultation_operations_keep_a_valid_state(
        pick in 0usize..100,
        ops in proptest::collection::vec(consultation_op(), 1..25),
    ) {
        use super::consultation as c;
        let mut ws = crate::demo::demo_workspace();
        prop_assume!(!ws.consultations.is_empty());
        let id = ws.consultations[pick % ws.consultations.len()].id.clone();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
        for op in &ops {
            let before = ws.consultation(&id).cloned().expect("the consultation");
            let decisions = decision_ids(&ws);
            let snapshot = ws.clone();
            let result: Result<Vec<Change>, super::OpError> = match op {
                ConsultationOp::Send => c::send(&ws, &id, today, &stamp()),
                ConsultationOp::Reply(a, k, t, days) => {
                    let forum = ws.forum(&before.forum);
                    let authority = forum
                        .and_then(|f| f.members.get(a % f.members.len().max(1)))
                        .map(|m| m.authority.clone())
                        .unwrap_or_default();
                    let kind = [ReplyKind::Consent, ReplyKind::ConsentWithComments, ReplyKind::Objection, ReplyKind::NoReply][*k as usize % 4];
                    let received = before.sent_date.map(|s| s + chrono::Duration::days(*days));
                    let r = c::set_reply(&ws, &id, &authority, kind, if *t { "Bemærkning." } else { "" }, received);
                    if let Ok(next) = &r {
                        // The reply rules hold for what was recorded.
                        for reply in &next.replies {
                            if matches!(reply.kind, ReplyKind::Objection | ReplyKind::ConsentWithComments) {
                                prop_assert!(!reply.text.trim().is_empty(), "{reply:?}");
                            }
                            if let (Some(r), Some(s)) = (reply.received, next.sent_date) {
                                prop_assert!(r >= s, "{reply:?} before {s}");
                            }
                        }
                    }
                    r.map(|x| vec![Change::Update(AnyRecord::Consultation(x))])
                }
                ConsultationOp::Conclude => {
                    let noon = today.and_hms_opt(12, 0, 0).expect("noon");
                    c::conclude(&ws, &id, noon, None, &stamp())
                }
            };
            if let Ok(ch) = result {
                apply(&mut ws, ch);
            }
            case_moves_allowed(&snapshot, &ws)?;
            let after = ws.consultation(&id).expect("the consultation");
            prop_assert!(decision_ids(&ws).is_superset(&decisions));
            let ok = match (before.state, after.state) {
                (a, b) if a == b => true,
                (ConsultationState::Draft, ConsultationState::Sent) => matches!(op, ConsultationOp::Send),
                (ConsultationState::Sent, ConsultationState::Concluded) => matches!(op, ConsultationOp::Conclude),
                _ => false,
            };
            prop_assert!(ok, "{:?} -> {:?} by {:?} (sequence {:?})", before.state, after.state, op, ops);
            if after.state == ConsultationState::Concluded {
                prop_assert!(after.outcome.is_some());
            }
            if after.state != ConsultationState::Draft {
                prop_assert!(after.sent_date.is_some() && after.deadline.is_some());
                if let (Some(s), Some(d)) = (after.sent_date, after.deadline) {
                    prop_assert!(c::check_deadline(s, d).is_ok());
                }
            }
        }
    }
}
