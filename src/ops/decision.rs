//! Decisions: the register is kept with the minutes it came from. A decision taken at a meeting
//! whose minutes are approved is locked with them: to change or remove it, reopen the minutes
//! (the meeting keeps the reason), so the register and the approved minutes never disagree.

use super::OpError;
use crate::model::{Decision, DecisionSource, MeetingState, Workspace};

/// Whether `d` may be edited or deleted; refused, saying how, when its minutes are approved.
pub fn check_change(ws: &Workspace, d: &Decision) -> Result<(), OpError> {
    let DecisionSource::Meeting { meeting, .. } = &d.source else {
        return Ok(());
    };
    match ws.meeting(meeting) {
        Some(m) if m.state == MeetingState::Approved => Err(OpError::DecisionLocked {
            decision: d.id.clone(),
            meeting: meeting.clone(),
        }),
        _ => Ok(()),
    }
}

/// The decision `id` with a new text: refused when it is locked with approved minutes, or the
/// text is empty.
pub fn edit_text(ws: &Workspace, id: &str, text: &str) -> Result<Decision, OpError> {
    let mut d = ws.decision(id).cloned().ok_or_else(|| OpError::NoRecord {
        kind: crate::model::RecordKind::Decision,
        id: id.to_string(),
    })?;
    check_change(ws, &d)?;
    if text.trim().is_empty() {
        return Err(OpError::DecisionNeedsText);
    }
    d.text = text.to_string();
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_is_locked_with_its_approved_minutes_and_free_otherwise() {
        let mut ws = crate::demo::demo_workspace();
        let d = ws
            .decisions
            .iter()
            .find(|d| matches!(&d.source, DecisionSource::Meeting { .. }))
            .cloned()
            .unwrap();
        let DecisionSource::Meeting { meeting, .. } = d.source.clone() else {
            unreachable!()
        };
        let pos = ws.meetings.iter().position(|m| m.id == meeting).unwrap();
        ws.meetings[pos].state = MeetingState::Approved;
        let e = check_change(&ws, &d).unwrap_err();
        assert!(e.to_string().contains(&meeting), "{e}");
        assert!(matches!(
            edit_text(&ws, &d.id, "Ny tekst"),
            Err(OpError::DecisionLocked { .. })
        ));
        ws.meetings[pos].state = MeetingState::Held;
        assert!(check_change(&ws, &d).is_ok());
        assert_eq!(edit_text(&ws, &d.id, "Ny tekst").unwrap().text, "Ny tekst");
        assert_eq!(edit_text(&ws, &d.id, "  "), Err(OpError::DecisionNeedsText));
    }
}
