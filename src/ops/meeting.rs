//! Meetings: create from the forum's standard items, put cases on the agenda, reorder, dispatch
//! (freezing the version; a later change makes a revised agenda), record and approve the minutes,
//! and the follow-up list of action items.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::{OpError, history};
use crate::model::ids::{meeting_id, next_seq_id};
use crate::model::{
    ActionItem, AgendaItem, AnyRecord, CaseState, Decision, DecisionSource, ItemKind, Language,
    Meeting, MeetingState, Stamp, Workspace,
};
use crate::store::Change;

fn lang(ws: &Workspace) -> Language {
    ws.settings.language
}

/// A new draft meeting with the forum's standard items ("Eventuelt" and other `last` items at the end).
pub fn new_meeting(
    ws: &Workspace,
    forum_id: &str,
    date: NaiveDate,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    place: &str,
) -> Result<Meeting, OpError> {
    let forum = ws
        .forum(forum_id)
        .ok_or_else(|| OpError::NoForum(forum_id.to_string()))?;
    let id = meeting_id(date, &forum.id, ws.meetings.iter().map(|m| m.id.as_str()));
    let mut m = Meeting::new(&id, &forum.id, date);
    m.start = start;
    m.end = end;
    m.place = place.to_string();
    let items = |last: bool| {
        forum
            .standard_items
            .iter()
            .filter(move |s| s.last == last)
            .map(|s| {
                let mut it = AgendaItem::new(&s.title, s.kind);
                it.minutes_allotted = s.minutes;
                it.follow_up = s.follow_up;
                it.recommendation = s.recommendation.clone();
                it
            })
    };
    m.items = items(false).chain(items(true)).collect();
    Ok(m)
}

/// A copy of the meeting to change, or an error naming the id.
fn meeting_copy(ws: &Workspace, id: &str) -> Result<Meeting, OpError> {
    ws.meeting(id)
        .cloned()
        .ok_or_else(|| OpError::NoMeeting(id.to_string()))
}

/// A new draft meeting with the structure of an earlier one: its items without cases and minutes.
pub fn copy_structure(ws: &Workspace, from: &Meeting, date: NaiveDate) -> Meeting {
    let id = meeting_id(date, &from.forum, ws.meetings.iter().map(|m| m.id.as_str()));
    let mut m = Meeting::new(&id, &from.forum, date);
    m.start = from.start;
    m.end = from.end;
    m.place = from.place.clone();
    m.items = from
        .items
        .iter()
        .filter(|it| it.case.is_none())
        .map(|it| {
            let mut n = AgendaItem::new(&it.title, it.kind);
            n.minutes_allotted = it.minutes_allotted;
            n.follow_up = it.follow_up;
            n.presenter = it.presenter.clone();
            n
        })
        .collect();
    m
}

/// Where a new item goes: before the trailing items that are the forum's `last` standard items.
fn insert_position(ws: &Workspace, m: &Meeting) -> usize {
    let lasts: Vec<&str> = ws
        .forum(&m.forum)
        .map(|f| {
            f.standard_items
                .iter()
                .filter(|s| s.last)
                .map(|s| s.title.as_str())
                .collect()
        })
        .unwrap_or_default();
    let mut pos = m.items.len();
    while pos > 0
        && lasts.contains(&m.items[pos - 1].title.as_str())
        && m.items[pos - 1].case.is_none()
    {
        pos -= 1;
    }
    pos
}

/// Records a change to an agenda. After dispatch, the first change starts a revised agenda
/// (version + 1, back to draft until it is sent again); every change adds a line to the note.
pub fn note_change(m: &mut Meeting, line: String) {
    match m.state {
        MeetingState::Sent => {
            m.agenda_version += 1;
            m.revision_note.clear();
            m.state = MeetingState::Draft;
        }
        MeetingState::Draft if m.agenda_version > 1 => {}
        _ => return,
    }
    if !m.revision_note.is_empty() {
        m.revision_note.push('\n');
    }
    m.revision_note.push_str(&line);
}

/// The agenda may change: the meeting is a draft or dispatched (not held, not approved). The one
/// place of this rule: the TUI asks it before opening a form.
pub fn agenda_editable(m: &Meeting) -> Result<(), OpError> {
    match m.state {
        MeetingState::Draft | MeetingState::Sent => Ok(()),
        _ => Err(OpError::AgendaLocked),
    }
}

/// Puts a case on the agenda as an item for decision (before "Eventuelt"); the case goes on agenda.
pub fn add_case(
    ws: &Workspace,
    meeting_id: &str,
    case_id: &str,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let mut m = meeting_copy(ws, meeting_id)?;
    agenda_editable(&m)?;
    let mut case = ws
        .case(case_id)
        .cloned()
        .ok_or_else(|| OpError::NoCase(case_id.to_string()))?;
    if m.items.iter().any(|it| it.case.as_deref() == Some(case_id)) {
        return Err(OpError::CaseAlreadyOnAgenda(case_id.to_string()));
    }
    if !matches!(case.state, CaseState::Draft | CaseState::Ready) {
        return Err(OpError::CaseNotReadyForAgenda(case_id.to_string()));
    }
    let mut item = AgendaItem::new(&case.title, ItemKind::Decision);
    item.case = Some(case.id.clone());
    item.minutes_allotted = 15;
    item.recommendation = case.recommendation.clone();
    item.background = case.background.clone();
    item.attachments = case.attachments.clone();
    // The initiative's ministry presents its case unless the secretariat says otherwise.
    if let Some(i) = case.initiative.as_deref().and_then(|i| ws.initiative(i)) {
        item.presenter = i.ministry.clone();
    }
    let pos = insert_position(ws, &m);
    m.items.insert(pos, item);
    note_change(
        &mut m,
        match l {
            Language::Da => format!("Punkt {} tilføjet: {}", pos + 1, case.title),
            Language::En => format!("Item {} added: {}", pos + 1, case.title),
        },
    );
    super::case::enter(&mut case, CaseState::OnAgenda)?;
    case.forum = Some(m.forum.clone());
    case.history.push(history(
        now,
        l,
        format!("Sat på dagsordenen for mødet {}", m.date),
        format!("Put on the agenda of the meeting on {}", m.date),
    ));
    Ok(vec![
        Change::Update(AnyRecord::Meeting(m)),
        Change::Update(AnyRecord::Case(case)),
    ])
}

/// Removes an item; a case on it goes back to ready.
pub fn remove_item(
    ws: &Workspace,
    meeting_id: &str,
    index: usize,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let mut m = meeting_copy(ws, meeting_id)?;
    agenda_editable(&m)?;
    if index >= m.items.len() {
        return Err(OpError::NoItemSelected);
    }
    let item = m.items.remove(index);
    note_change(
        &mut m,
        match l {
            Language::Da => format!("Punkt {} udgået: {}", index + 1, item.title),
            Language::En => format!("Item {} removed: {}", index + 1, item.title),
        },
    );
    let mut changes = vec![Change::Update(AnyRecord::Meeting(m.clone()))];
    if let Some(mut case) = item.case.as_deref().and_then(|c| ws.case(c)).cloned()
        && case.state == CaseState::OnAgenda
    {
        super::case::enter(&mut case, CaseState::Ready)?;
        case.history.push(history(
            now,
            l,
            format!("Taget af dagsordenen for mødet {}", m.date),
            format!("Taken off the agenda of the meeting on {}", m.date),
        ));
        changes.push(Change::Update(AnyRecord::Case(case)));
    }
    Ok(changes)
}

/// Deletes a meeting that has no approved minutes; the cases on its agenda go back to ready.
pub fn delete_meeting(
    ws: &Workspace,
    meeting_id: &str,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let m = meeting_copy(ws, meeting_id)?;
    if m.state == MeetingState::Approved {
        return Err(OpError::ApprovedMeetingCannotBeDeleted);
    }
    let mut changes = vec![];
    for it in &m.items {
        if let Some(mut case) = it.case.as_deref().and_then(|c| ws.case(c)).cloned()
            && case.state == CaseState::OnAgenda
        {
            super::case::enter(&mut case, CaseState::Ready)?;
            case.history.push(history(
                now,
                l,
                format!("Mødet {} er slettet; sagen er klar igen", m.date),
                format!(
                    "The meeting on {} was deleted; the case is ready again",
                    m.date
                ),
            ));
            changes.push(Change::Update(AnyRecord::Case(case)));
        }
    }
    changes.insert(0, Change::Delete(AnyRecord::Meeting(m)));
    Ok(changes)
}

/// Moves item `index` one place up (`-1`) or down (`+1`). Returns the new meeting and the new index.
pub fn move_item(
    ws: &Workspace,
    meeting_id: &str,
    index: usize,
    delta: isize,
) -> Result<(Meeting, usize), OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    agenda_editable(&m)?;
    let to = index as isize + delta;
    if index >= m.items.len() || to < 0 || to as usize >= m.items.len() {
        return Ok((m, index));
    }
    let to = to as usize;
    m.items.swap(index, to);
    let title = m.items[to].title.clone();
    note_change(
        &mut m,
        match lang(ws) {
            Language::Da => format!(
                "Punkt {} flyttet til punkt {}: {}",
                index + 1,
                to + 1,
                title
            ),
            Language::En => format!("Item {} moved to item {}: {}", index + 1, to + 1, title),
        },
    );
    Ok((m, to))
}

/// The day the agenda must be sent by: the forum's number of working days before the meeting
/// (Danish public holidays not counted; 5 when the forum is unknown).
pub fn dispatch_deadline(ws: &Workspace, m: &Meeting) -> NaiveDate {
    let days = ws
        .forum(&m.forum)
        .map_or(5, |f| f.agenda_dispatch_working_days);
    crate::rules::calendar::working_days_before(m.date, days)
}

/// Adds an item without a case (before "Eventuelt"). Returns the meeting and the item's index.
pub fn add_item(
    ws: &Workspace,
    meeting_id: &str,
    item: AgendaItem,
) -> Result<(Meeting, usize), OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    agenda_editable(&m)?;
    let pos = insert_position(ws, &m);
    let title = item.title.clone();
    m.items.insert(pos, item);
    note_change(
        &mut m,
        match lang(ws) {
            Language::Da => format!("Punkt {} tilføjet: {title}", pos + 1),
            Language::En => format!("Item {} added: {title}", pos + 1),
        },
    );
    Ok((m, pos))
}

/// Replaces the agenda fields of item `index` (title, kind, presenter, minutes, recommendation,
/// background, attachments, closed); its case and minutes stay.
pub fn update_item(
    ws: &Workspace,
    meeting_id: &str,
    index: usize,
    new: AgendaItem,
) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    agenda_editable(&m)?;
    let it = m.items.get_mut(index).ok_or(OpError::NoItemSelected)?;
    let before = it.clone();
    it.title = new.title;
    it.kind = new.kind;
    it.presenter = new.presenter;
    it.minutes_allotted = new.minutes_allotted;
    it.recommendation = new.recommendation;
    it.background = new.background;
    it.attachments = new.attachments;
    it.closed = new.closed;
    if *it != before {
        let title = it.title.clone();
        note_change(
            &mut m,
            match lang(ws) {
                Language::Da => format!("Punkt {} ændret: {title}", index + 1),
                Language::En => format!("Item {} changed: {title}", index + 1),
            },
        );
    }
    Ok(m)
}

/// The minutes can be written: the meeting is held and not yet approved.
pub fn minutes_editable(m: &Meeting) -> Result<(), OpError> {
    match m.state {
        MeetingState::Held => Ok(()),
        MeetingState::Approved => Err(OpError::MinutesLocked { approved: true }),
        _ => Err(OpError::MinutesLocked { approved: false }),
    }
}

fn minutes_item(m: &mut Meeting, index: usize) -> Result<&mut AgendaItem, OpError> {
    m.items.get_mut(index).ok_or(OpError::NoItemSelected)
}

/// Sets the decision text of item `index` in the minutes.
pub fn set_decision(
    ws: &Workspace,
    meeting_id: &str,
    index: usize,
    text: &str,
) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    minutes_editable(&m)?;
    minutes_item(&mut m, index)?.minutes.decision = text.trim_end().to_string();
    Ok(m)
}

/// Adds (`action_index` None) or replaces an action item under item `index` in the minutes.
pub fn put_action_item(
    ws: &Workspace,
    meeting_id: &str,
    index: usize,
    action_index: Option<usize>,
    mut a: ActionItem,
) -> Result<(Meeting, usize), OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    minutes_editable(&m)?;
    // An owner that is a member authority is linked to the member, so a rename keeps it.
    a.owner_member = ws
        .forum(&m.forum)
        .and_then(|f| f.member(&a.owner))
        .map(|mem| mem.id.clone())
        .unwrap_or_default();
    let list = &mut minutes_item(&mut m, index)?.minutes.action_items;
    let at = match action_index {
        None => {
            list.push(a);
            list.len() - 1
        }
        Some(k) => {
            let slot = list.get_mut(k).ok_or(OpError::ActionItemGone)?;
            *slot = a;
            k
        }
    };
    Ok((m, at))
}

/// Removes action item `action_index` under item `index` from the minutes.
pub fn remove_action_item(
    ws: &Workspace,
    meeting_id: &str,
    index: usize,
    action_index: usize,
) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    minutes_editable(&m)?;
    let list = &mut minutes_item(&mut m, index)?.minutes.action_items;
    if action_index >= list.len() {
        return Err(OpError::ActionItemGone);
    }
    list.remove(action_index);
    Ok(m)
}

/// Records the attendance of the meeting's members.
pub fn set_attendance(
    ws: &Workspace,
    meeting_id: &str,
    attendance: Vec<crate::model::Attendance>,
) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    minutes_editable(&m)?;
    m.attendance = attendance;
    Ok(m)
}

/// Marks the agenda as sent: the version is frozen until the next change.
pub fn dispatch(ws: &Workspace, meeting_id: &str, today: NaiveDate) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    if m.state != MeetingState::Draft {
        return Err(OpError::OnlyDraftCanBeDispatched);
    }
    m.state = MeetingState::Sent;
    m.sent_date = Some(today);
    Ok(m)
}

/// Marks the meeting as held, so the minutes can be recorded.
pub fn mark_held(ws: &Workspace, meeting_id: &str) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    if m.state == MeetingState::Approved {
        return Err(OpError::MinutesApproved);
    }
    if m.attendance.is_empty()
        && let Some(f) = ws.forum(&m.forum)
    {
        m.attendance = f
            .members
            .iter()
            .map(|mem| crate::model::Attendance {
                authority: mem.authority.clone(),
                member: mem.id.clone(),
                kind: crate::model::AttendanceKind::Present,
                name: mem.representative.clone(),
            })
            .collect();
    }
    m.state = MeetingState::Held;
    Ok(m)
}

/// The common decision formulas, in the workspace's language.
pub fn decision_formulas(l: Language) -> [&'static str; 4] {
    match l {
        Language::Da => [
            "Styregruppen godkendte indstillingen.",
            "Styregruppen tog orienteringen til efterretning.",
            "Styregruppen drøftede sagen.",
            "Punktet blev udsat.",
        ],
        Language::En => [
            "The steering group approved the recommendation.",
            "The steering group took note of the information.",
            "The steering group discussed the case.",
            "The item was postponed.",
        ],
    }
}

/// Approves the minutes: locks the meeting, writes a decision for each item with a case or a
/// decision text on a non-standard item, and marks the cases decided.
pub fn approve(ws: &Workspace, meeting_id: &str, now: &Stamp) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let mut m = meeting_copy(ws, meeting_id)?;
    if m.state != MeetingState::Held {
        return Err(OpError::ApproveNeedsHeld);
    }
    let standard: Vec<String> = ws
        .forum(&m.forum)
        .map(|f| f.standard_items.iter().map(|s| s.title.clone()).collect())
        .unwrap_or_default();
    let missing: Vec<String> = m
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.case.is_some() && it.minutes.decision.trim().is_empty())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !missing.is_empty() {
        return Err(OpError::ItemsWithoutDecision(missing.clone()));
    }
    let mut ids: Vec<String> = ws.decisions.iter().map(|d| d.id.clone()).collect();
    let mut changes = vec![];
    for (i, it) in m.items.iter().enumerate() {
        let text = it.minutes.decision.trim();
        if text.is_empty() || (it.case.is_none() && standard.contains(&it.title)) {
            continue;
        }
        let source = DecisionSource::Meeting {
            meeting: m.id.clone(),
            item: i as u32 + 1,
        };
        // Approved again after a reopening: the item's decision is updated, not duplicated.
        let existing = ws.decisions.iter().find(|d| d.source == source);
        let id = match existing {
            Some(d) => d.id.clone(),
            None => {
                let id = next_seq_id("B", m.date.year(), ids.iter().map(|s| s.as_str()));
                ids.push(id.clone());
                id
            }
        };
        let mut d = Decision::new(&id, m.date, &m.forum, source, text);
        d.case = it.case.clone();
        if let Some(case) = it.case.as_deref().and_then(|c| ws.case(c)) {
            d.initiative = case.initiative.clone();
            let mut case = case.clone();
            super::case::enter(&mut case, CaseState::Decided)?;
            case.history.push(history(
                now,
                l,
                format!("Besluttet på mødet {}: {text}", m.date),
                format!("Decided at the meeting on {}: {text}", m.date),
            ));
            changes.push(Change::Update(AnyRecord::Case(case)));
        }
        match existing {
            Some(e) => {
                let mut e = e.clone();
                e.date = d.date;
                e.text = d.text;
                e.case = d.case;
                e.initiative = d.initiative;
                changes.push(Change::Update(AnyRecord::Decision(e)));
            }
            None => changes.push(Change::Create(AnyRecord::Decision(d))),
        }
    }
    m.state = MeetingState::Approved;
    // The date the minutes print ("Godkendt den ..."), in local time.
    m.approved_date = Some(now.at.with_timezone(&chrono::Local).date_naive());
    changes.insert(0, Change::Update(AnyRecord::Meeting(m)));
    Ok(changes)
}

/// Reopens approved minutes; the reason is kept in the meeting's history.
pub fn reopen(
    ws: &Workspace,
    meeting_id: &str,
    reason: &str,
    now: &Stamp,
) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, meeting_id)?;
    if m.state != MeetingState::Approved {
        return Err(OpError::MinutesNotApproved);
    }
    if reason.trim().is_empty() {
        return Err(OpError::ReasonMissing);
    }
    m.state = MeetingState::Held;
    // Reopened minutes are no longer approved; approving again sets a new date.
    m.approved_date = None;
    m.reopened.push(crate::model::HistoryEntry {
        at: now.clone(),
        text: reason.trim().to_string(),
    });
    Ok(m)
}

/// One action item on the follow-up list.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub meeting: String,
    pub meeting_date: NaiveDate,
    /// 0-based index of the agenda item.
    pub item: usize,
    /// 0-based index of the action item within the item's minutes.
    pub index: usize,
    pub action: ActionItem,
    pub overdue: bool,
}

/// Every action item of every meeting (open ones first, by due date), with overdue marked.
pub fn follow_up_list(ws: &Workspace, today: NaiveDate, include_done: bool) -> Vec<FollowUp> {
    follow_ups_where(ws, today, |a| include_done || !a.done)
}

/// The action items not done whose due date has passed, sorted as [`follow_up_list`] sorts.
pub fn overdue_follow_ups(ws: &Workspace, today: NaiveDate) -> Vec<FollowUp> {
    follow_ups_where(ws, today, |a| !a.done && a.due.is_some_and(|d| d < today))
}

/// The action items `keep` keeps (chosen before anything is copied), sorted: not done first,
/// then by due date (none last), then by meeting date.
fn follow_ups_where(
    ws: &Workspace,
    today: NaiveDate,
    keep: impl Fn(&crate::model::ActionItem) -> bool,
) -> Vec<FollowUp> {
    let keep = &keep;
    let mut out: Vec<FollowUp> = ws
        .meetings
        .iter()
        .flat_map(|m| {
            m.items.iter().enumerate().flat_map(move |(i, it)| {
                it.minutes
                    .action_items
                    .iter()
                    .enumerate()
                    .filter(move |(_, a)| keep(a))
                    .map(move |(k, a)| FollowUp {
                        meeting: m.id.clone(),
                        meeting_date: m.date,
                        item: i,
                        index: k,
                        action: a.clone(),
                        overdue: !a.done && a.due.is_some_and(|d| d < today),
                    })
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (
            a.action.done,
            a.action.due.is_none(),
            a.action.due,
            a.meeting_date,
        )
            .cmp(&(
                b.action.done,
                b.action.due.is_none(),
                b.action.due,
                b.meeting_date,
            ))
    });
    out
}

/// Marks an action item done or not done.
pub fn set_action_done(ws: &Workspace, f: &FollowUp, done: bool) -> Result<Meeting, OpError> {
    let mut m = meeting_copy(ws, &f.meeting)?;
    let a = m
        .items
        .get_mut(f.item)
        .and_then(|it| it.minutes.action_items.get_mut(f.index))
        .ok_or(OpError::ActionItemGone)?;
    a.done = done;
    Ok(m)
}

#[cfg(test)]
mod tests;
