//! Deleting a record: the one rule for every caller. A record other records still point to is
//! kept; a decision locked with its approved minutes is kept; a meeting or a consultation hands its
//! cases back to "ready" (their own operations).

use super::OpError;
use crate::model::{AnyRecord, RecordKind, Stamp, Workspace};
use crate::store::Change;

/// The changes that delete the record `kind`/`id`, or why it cannot be deleted.
pub fn delete(
    ws: &Workspace,
    kind: RecordKind,
    id: &str,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    match kind {
        RecordKind::Meeting => return super::meeting::delete_meeting(ws, id, now),
        RecordKind::Consultation => return super::consultation::delete(ws, id, now),
        _ => {}
    }
    let rec = AnyRecord::find(ws, kind, id).ok_or_else(|| OpError::NoRecord {
        kind,
        id: id.to_string(),
    })?;
    if let AnyRecord::Decision(d) = &rec {
        super::decision::check_change(ws, d)?;
    }
    let by = ws.references_to(kind, id);
    if !by.is_empty() {
        return Err(OpError::InUse {
            kind,
            id: id.to_string(),
            by,
        });
    }
    Ok(vec![Change::Delete(rec)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DecisionSource, MeetingState};

    fn now() -> Stamp {
        Stamp {
            at: chrono::Utc::now(),
            by: "test".into(),
        }
    }

    #[test]
    fn a_record_in_use_is_kept_and_the_refusal_names_who_uses_it() {
        let ws = crate::demo::demo_workspace();
        let case = ws
            .cases
            .iter()
            .find(|c| !ws.references_to(RecordKind::Case, &c.id).is_empty())
            .expect("the demo has a case in use");
        let e = delete(&ws, RecordKind::Case, &case.id, &now()).unwrap_err();
        let OpError::InUse { by, .. } = &e else {
            panic!("{e:?}")
        };
        assert!(!by.is_empty());
        assert!(
            e.message(crate::model::Language::Da).contains("bruges af"),
            "{e}"
        );
    }

    #[test]
    fn a_free_record_is_deleted_and_a_missing_one_is_named() {
        let ws = crate::demo::demo_workspace();
        let free = ws
            .cases
            .iter()
            .find(|c| ws.references_to(RecordKind::Case, &c.id).is_empty())
            .expect("the demo has a case nothing points to");
        let changes = delete(&ws, RecordKind::Case, &free.id, &now()).unwrap();
        assert!(matches!(&changes[..], [Change::Delete(AnyRecord::Case(c))] if c.id == free.id));
        let e = delete(&ws, RecordKind::Case, "S-1999-999", &now()).unwrap_err();
        assert!(matches!(e, OpError::NoRecord { .. }), "{e:?}");
    }

    #[test]
    fn a_decision_of_approved_minutes_is_not_deleted_until_they_are_reopened() {
        let mut ws = crate::demo::demo_workspace();
        let d = ws
            .decisions
            .iter()
            .find(|d| matches!(&d.source, DecisionSource::Meeting { .. }))
            .cloned()
            .expect("a decision from a meeting");
        let DecisionSource::Meeting { meeting, .. } = d.source.clone() else {
            unreachable!()
        };
        let pos = ws.meetings.iter().position(|m| m.id == meeting).unwrap();
        ws.meetings[pos].state = MeetingState::Approved;
        let e = delete(&ws, RecordKind::Decision, &d.id, &now()).unwrap_err();
        assert!(matches!(e, OpError::DecisionLocked { .. }), "{e:?}");
        ws.meetings[pos].state = MeetingState::Held;
        assert!(delete(&ws, RecordKind::Decision, &d.id, &now()).is_ok());
    }

    #[test]
    fn deleting_a_consultation_hands_its_cases_back_as_ready() {
        let ws = crate::demo::demo_workspace();
        let c = ws
            .consultations
            .iter()
            .find(|c| {
                c.state == crate::model::ConsultationState::Sent
                    && c.cases.iter().any(|id| {
                        ws.case(id)
                            .is_some_and(|k| k.state == crate::model::CaseState::InConsultation)
                    })
            })
            .expect("a sent consultation with its cases in it");
        let changes = delete(&ws, RecordKind::Consultation, &c.id, &now()).unwrap();
        assert!(matches!(
            &changes[0],
            Change::Delete(AnyRecord::Consultation(_))
        ));
        let back: Vec<_> = changes[1..]
            .iter()
            .map(|ch| match ch {
                Change::Update(AnyRecord::Case(k)) => k.state,
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(!back.is_empty());
        assert!(back.iter().all(|s| *s == crate::model::CaseState::Ready));
    }
}
