//! Bilag on a case or an agenda item: add, rename, remove. Pure: the caller copies the file in
//! (`store::bilag::copy_in`) and saves the returned record. An approved or held meeting's agenda is
//! locked; a change to a dispatched agenda starts a revised agenda (see [`super::meeting::note_change`]).

use super::OpError;
use super::meeting::note_change;
use crate::model::{AgendaItem, Attachment, Case, Language, Meeting, MeetingState, Workspace};

/// Where a bilag belongs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Case(String),
    /// A meeting and the item's index (0-based; the agenda prints index + 1).
    Item(String, usize),
}

impl Owner {
    /// The folder under `bilag/` for its files.
    pub fn folder(&self) -> &str {
        match self {
            Owner::Case(id) | Owner::Item(id, _) => id,
        }
    }
}

/// The changed record.
#[derive(Debug, Clone, PartialEq)]
pub enum Changed {
    Case(Case),
    /// The meeting, and whether the change started a revised agenda (it had been dispatched).
    Meeting(Meeting, bool),
}

/// The meeting's agenda may change: not held, not approved.
fn agenda_editable(m: &Meeting) -> Result<(), OpError> {
    match m.state {
        MeetingState::Draft | MeetingState::Sent => Ok(()),
        MeetingState::Approved => Err(OpError::BilagLocked { approved: true }),
        MeetingState::Held => Err(OpError::BilagLocked { approved: false }),
    }
}

/// The item's own bilag list, starting from its case's bilag when it has none of its own (so that
/// adding one to an item keeps what the item showed).
fn own_list<'a>(ws: &Workspace, item: &'a mut AgendaItem) -> &'a mut Vec<Attachment> {
    if item.attachments.is_empty()
        && let Some(case) = item.case.as_deref().and_then(|c| ws.case(c))
    {
        item.attachments = case.attachments.clone();
    }
    &mut item.attachments
}

/// Applies `f` to the owner's bilag list and returns the changed record; `note` describes the change
/// for a revised agenda.
fn change(
    ws: &Workspace,
    owner: &Owner,
    note: (String, String),
    f: impl FnOnce(&mut Vec<Attachment>) -> Result<(), OpError>,
) -> Result<Changed, OpError> {
    match owner {
        Owner::Case(id) => {
            let mut c = ws
                .case(id)
                .cloned()
                .ok_or_else(|| OpError::NoCase(id.clone()))?;
            f(&mut c.attachments)?;
            Ok(Changed::Case(c))
        }
        Owner::Item(id, index) => {
            let mut m = ws
                .meeting(id)
                .cloned()
                .ok_or_else(|| OpError::NoMeeting(id.clone()))?;
            agenda_editable(&m)?;
            let count = m.items.len();
            let item = m.items.get_mut(*index).ok_or_else(|| OpError::NoSuchItem {
                meeting: id.clone(),
                index: *index,
                count,
            })?;
            f(own_list(ws, item))?;
            let revised = m.state == MeetingState::Sent;
            let line = match ws.settings.language {
                Language::Da => note.0,
                Language::En => note.1,
            };
            note_change(&mut m, line);
            Ok(Changed::Meeting(m, revised))
        }
    }
}

/// Adds a bilag (already copied into the workspace) at the end of the owner's list.
pub fn add(ws: &Workspace, owner: &Owner, a: Attachment) -> Result<Changed, OpError> {
    let n = item_no(owner);
    let note = (
        format!("Bilag tilføjet til punkt {n}: {}", a.title),
        format!("Bilag added to item {n}: {}", a.title),
    );
    change(ws, owner, note, |list| {
        list.push(a);
        Ok(())
    })
}

/// Renames bilag `index` (0-based) of the owner.
pub fn rename(
    ws: &Workspace,
    owner: &Owner,
    index: usize,
    title: &str,
) -> Result<Changed, OpError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(OpError::BilagNeedsTitle);
    }
    let n = item_no(owner);
    let note = (
        format!("Bilag på punkt {n} omdøbt: {title}"),
        format!("Bilag on item {n} renamed: {title}"),
    );
    let missing = OpError::NoBilagSelected;
    change(ws, owner, note, |list| {
        let a = list.get_mut(index).ok_or(missing)?;
        a.title = title.to_string();
        Ok(())
    })
}

/// Removes bilag `index` (0-based) from the owner; the file stays in the workspace (another record
/// may use it, and an undo brings the bilag back).
pub fn remove(ws: &Workspace, owner: &Owner, index: usize) -> Result<Changed, OpError> {
    let n = item_no(owner);
    let missing = OpError::NoBilagSelected;
    let title = match owner {
        Owner::Case(id) => ws
            .case(id)
            .and_then(|c| c.attachments.get(index))
            .map(|a| a.title.clone()),
        Owner::Item(id, i) => ws
            .meeting(id)
            .and_then(|m| m.items.get(*i))
            .and_then(|item| crate::export::document::item_attachments(ws, item).get(index))
            .map(|a| a.title.clone()),
    }
    .unwrap_or_default();
    let note = (
        format!("Bilag fjernet fra punkt {n}: {title}"),
        format!("Bilag removed from item {n}: {title}"),
    );
    change(ws, owner, note, |list| {
        if index >= list.len() {
            return Err(missing);
        }
        list.remove(index);
        Ok(())
    })
}

fn item_no(owner: &Owner) -> usize {
    match owner {
        Owner::Case(_) => 0,
        Owner::Item(_, i) => i + 1,
    }
}

/// The bilag an owner shows (an item without its own shows its case's).
pub fn list<'a>(ws: &'a Workspace, owner: &Owner) -> &'a [Attachment] {
    match owner {
        Owner::Case(id) => ws.case(id).map_or(&[], |c| c.attachments.as_slice()),
        Owner::Item(id, i) => ws
            .meeting(id)
            .and_then(|m| m.items.get(*i))
            .map_or(&[], |item| {
                crate::export::document::item_attachments(ws, item)
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemKind, Meeting};
    use chrono::NaiveDate;

    fn ws() -> Workspace {
        let mut ws = Workspace::default();
        let mut c = Case::new("S-2026-001", crate::model::CaseKind::Other, "Sag");
        c.attachments = vec![Attachment::new("Sagens bilag", "bilag/a.pdf")];
        ws.cases.push(c);
        let mut m = Meeting::new(
            "2026-12-03-psg",
            "psg",
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        );
        let mut item = AgendaItem::new("Punkt", ItemKind::Decision);
        item.case = Some("S-2026-001".into());
        m.items.push(item);
        ws.meetings.push(m);
        ws
    }

    #[test]
    fn adding_to_an_item_keeps_its_case_bilag_and_a_dispatched_agenda_is_revised() {
        let mut ws = ws();
        ws.meetings[0].state = MeetingState::Sent;
        let owner = Owner::Item("2026-12-03-psg".into(), 0);
        let Changed::Meeting(m, revised) =
            add(&ws, &owner, Attachment::new("Ny", "bilag/b.pdf")).unwrap()
        else {
            panic!("not a meeting")
        };
        assert!(revised);
        assert_eq!(m.agenda_version, 2);
        let titles: Vec<_> = m.items[0].attachments.iter().map(|a| &a.title).collect();
        assert_eq!(titles, ["Sagens bilag", "Ny"]);
        assert!(m.revision_note.contains("Ny"), "{}", m.revision_note);
    }

    #[test]
    fn an_approved_or_held_meeting_and_a_missing_item_are_refused() {
        let mut ws = ws();
        let owner = Owner::Item("2026-12-03-psg".into(), 0);
        for state in [MeetingState::Approved, MeetingState::Held] {
            ws.meetings[0].state = state;
            assert!(add(&ws, &owner, Attachment::new("x", "bilag/x.pdf")).is_err());
        }
        ws.meetings[0].state = MeetingState::Draft;
        let err = add(
            &ws,
            &Owner::Item("2026-12-03-psg".into(), 4),
            Attachment::new("x", "bilag/x.pdf"),
        )
        .unwrap_err();
        assert!(err.message(Language::Da).contains("punkt 5"), "{err}");
        assert!(err.message(Language::En).contains("item 5"), "{err}");
    }

    #[test]
    fn rename_and_remove_on_a_case() {
        let ws = ws();
        let owner = Owner::Case("S-2026-001".into());
        let Changed::Case(c) = rename(&ws, &owner, 0, " Nyt navn ").unwrap() else {
            panic!()
        };
        assert_eq!(c.attachments[0].title, "Nyt navn");
        assert!(rename(&ws, &owner, 0, "  ").is_err());
        assert!(rename(&ws, &owner, 3, "x").is_err());
        let Changed::Case(c) = remove(&ws, &owner, 0).unwrap() else {
            panic!()
        };
        assert!(c.attachments.is_empty());
    }
}
