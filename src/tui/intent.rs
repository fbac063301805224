//! What a confirmation answered yes, a picker's choice, a preview's Enter or a saved form leads to:
//! one variant per owner (the app itself, the bilag dialogs, each screen), each carrying its data
//! typed. Dispatch is an exhaustive `match` (tui/screens/mod.rs), so an intent nobody handles does
//! not compile. Forms carry their intent into the recovery file, hence the serde derives.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::import::ImportKind;
use crate::model::{DispatchKind, RecordKind};
use crate::ops::bilag::Owner;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Intent {
    App(AppIntent),
    Bilag(BilagIntent),
    Portfolio(PortfolioIntent),
    Cases(CasesIntent),
    Meetings(MeetingsIntent),
    Consultations(ConsultationsIntent),
    Decisions(DecisionsIntent),
    Forums(ForumsIntent),
    FollowUp(FollowUpIntent),
}

/// Handled by the app itself (tui/app.rs, tui/mail.rs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppIntent {
    /// Quit while e-mail is still being sent.
    Quit,
    /// Quit although the open form could not be kept as a draft.
    QuitAnyway,
    /// Close the topmost form, throwing away what was typed.
    DiscardForm,
    /// "Find anything": open the record picked.
    SearchAll,
    /// A form's reference field: the pick fills in the field with this key.
    FillField { key: String },
    /// Delete a record.
    Delete { kind: RecordKind, id: String },
    /// Send a document by e-mail.
    MailSend { kind: DispatchKind, id: String },
    /// Record the replies read from e-mail.
    MailRecord,
}

/// The bilag of a case or an agenda item (tui/screens/bilag.rs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BilagIntent {
    /// The list picker: attach a new one, or pick one.
    List { owner: Owner },
    /// The picker of what to do with bilag `index`: rename or remove.
    Act { owner: Owner, index: usize },
    /// The form that attaches a file.
    Attach { owner: Owner },
    /// The form that renames bilag `index`.
    Rename { owner: Owner, index: usize },
    /// Remove bilag `index` from the list.
    Remove { owner: Owner, index: usize },
}

/// The portfolio screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PortfolioIntent {
    /// Create a case about the initiative.
    CreateCase { initiative: String },
    /// Close the initiative (or reopen a closed one).
    CloseOrReopen { initiative: String },
    /// The initiative form: `None` for a new one.
    Edit { initiative: Option<String> },
    /// The form asking for the CSV file to import.
    ImportFile { kind: ImportKind },
    /// After the preview: import the file planned (refused when it changed since: `print`).
    Import {
        kind: ImportKind,
        path: PathBuf,
        label: String,
        print: u64,
    },
    /// The economy view's forum picker: create the proposed over-/underspend cases of `year`.
    SpendCases { year: i32 },
}

/// The cases screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CasesIntent {
    /// The case form: `None` for a new one.
    Edit { case: Option<String> },
    /// The escalation form.
    Escalate { case: String },
}

/// The meetings screen. `meeting` is the meeting's id, `item` an agenda item's index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingsIntent {
    // Forms.
    /// A new meeting.
    New,
    /// A new meeting with the structure of `from`.
    Copy {
        from: String,
    },
    Edit {
        meeting: String,
    },
    AddItem {
        meeting: String,
    },
    EditItem {
        meeting: String,
        item: usize,
    },
    Decision {
        meeting: String,
        item: usize,
    },
    /// An action item of item `item`: `index` None for a new one.
    ActionItem {
        meeting: String,
        item: usize,
        index: Option<usize>,
    },
    Attendance {
        meeting: String,
    },
    Reopen {
        meeting: String,
    },
    // Confirmations.
    RemoveItem {
        meeting: String,
        item: usize,
    },
    RemoveActionItem {
        meeting: String,
        item: usize,
        index: usize,
    },
    Delete {
        meeting: String,
    },
    Dispatch {
        meeting: String,
    },
    MarkHeld {
        meeting: String,
    },
    Approve {
        meeting: String,
    },
    // Pickers.
    /// What to write to out/ (the picker's ids: "text", "pdf", "pack", "pack-public").
    Export {
        meeting: String,
    },
    /// The case to put on the agenda.
    AddCase {
        meeting: String,
    },
    /// A standard formula for the decision of `item` (the picker's id: the formula's index).
    Formula {
        meeting: String,
        item: usize,
    },
}

/// The consultations screen. `consultation` is its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsultationsIntent {
    // Forms.
    /// A new consultation (the case is picked after the form).
    New,
    Edit {
        consultation: String,
    },
    /// Escalate a case of a consultation.
    Escalate {
        case: String,
    },
    Reply {
        consultation: String,
        authority: String,
    },
    /// Conclude with an outcome other than the rules'.
    Override {
        consultation: String,
    },
    /// Where to read e-mail replies from (tui/mail.rs).
    ReadReplies,
    // Confirmations.
    /// Rewrite the recommendation of `cases` from forum `from`'s names to `to`'s.
    Rewrite {
        from: String,
        to: String,
        cases: Vec<String>,
    },
    Send {
        consultation: String,
    },
    Conclude {
        consultation: String,
    },
    /// Put the consultation's cases on the agenda of `meeting`.
    ToAgenda {
        meeting: String,
        consultation: String,
    },
    Delete {
        consultation: String,
    },
    // Pickers.
    /// The case of the new consultation (the form under the picker holds the rest).
    NewCase,
    /// A ready case to add.
    AddCase {
        consultation: String,
    },
    /// Which of its cases to escalate.
    ChooseEscalation {
        consultation: String,
    },
}

/// The decisions screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionsIntent {
    Edit { decision: String },
}

/// The forums screen. `index` is a row of the forum's members or standard items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ForumsIntent {
    /// The forum form: `None` for a new one.
    Edit {
        forum: Option<String>,
    },
    /// A member row's form: `index` None for a new member.
    Member {
        forum: String,
        index: Option<usize>,
    },
    /// A standard item row's form: `index` None for a new one.
    Item {
        forum: String,
        index: Option<usize>,
    },
    RemoveMember {
        forum: String,
        index: usize,
    },
    RemoveItem {
        forum: String,
        index: usize,
    },
}

/// The follow-up list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpIntent {
    /// Show one owner's action items (the picker's id: the owner, "" for all).
    Owner,
}

impl Intent {
    /// The ids of the records a form with this intent edits: their revisions when it opens are
    /// what saving it is checked against (see `Form::base`).
    pub fn records(&self) -> Vec<String> {
        let one = |id: &String| vec![id.clone()];
        let opt = |id: &Option<String>| id.iter().cloned().collect();
        match self {
            Intent::App(i) => match i {
                AppIntent::Delete { id, .. } | AppIntent::MailSend { id, .. } => one(id),
                AppIntent::Quit
                | AppIntent::QuitAnyway
                | AppIntent::DiscardForm
                | AppIntent::SearchAll
                | AppIntent::FillField { .. }
                | AppIntent::MailRecord => vec![],
            },
            Intent::Bilag(i) => match i {
                BilagIntent::List { owner }
                | BilagIntent::Act { owner, .. }
                | BilagIntent::Attach { owner }
                | BilagIntent::Rename { owner, .. }
                | BilagIntent::Remove { owner, .. } => vec![owner_record(owner)],
            },
            Intent::Portfolio(i) => match i {
                PortfolioIntent::CreateCase { initiative }
                | PortfolioIntent::CloseOrReopen { initiative } => one(initiative),
                PortfolioIntent::Edit { initiative } => opt(initiative),
                PortfolioIntent::ImportFile { .. }
                | PortfolioIntent::Import { .. }
                | PortfolioIntent::SpendCases { .. } => vec![],
            },
            Intent::Cases(i) => match i {
                CasesIntent::Edit { case } => opt(case),
                CasesIntent::Escalate { case } => one(case),
            },
            Intent::Meetings(i) => match i {
                MeetingsIntent::New => vec![],
                MeetingsIntent::Copy { from } => one(from),
                MeetingsIntent::Edit { meeting }
                | MeetingsIntent::AddItem { meeting }
                | MeetingsIntent::EditItem { meeting, .. }
                | MeetingsIntent::Decision { meeting, .. }
                | MeetingsIntent::ActionItem { meeting, .. }
                | MeetingsIntent::Attendance { meeting }
                | MeetingsIntent::Reopen { meeting }
                | MeetingsIntent::RemoveItem { meeting, .. }
                | MeetingsIntent::RemoveActionItem { meeting, .. }
                | MeetingsIntent::Delete { meeting }
                | MeetingsIntent::Dispatch { meeting }
                | MeetingsIntent::MarkHeld { meeting }
                | MeetingsIntent::Approve { meeting }
                | MeetingsIntent::Export { meeting }
                | MeetingsIntent::AddCase { meeting }
                | MeetingsIntent::Formula { meeting, .. } => one(meeting),
            },
            Intent::Consultations(i) => match i {
                ConsultationsIntent::New
                | ConsultationsIntent::ReadReplies
                | ConsultationsIntent::NewCase => vec![],
                ConsultationsIntent::Edit { consultation }
                | ConsultationsIntent::Reply { consultation, .. }
                | ConsultationsIntent::Override { consultation }
                | ConsultationsIntent::Send { consultation }
                | ConsultationsIntent::Conclude { consultation }
                | ConsultationsIntent::Delete { consultation }
                | ConsultationsIntent::AddCase { consultation }
                | ConsultationsIntent::ChooseEscalation { consultation } => one(consultation),
                ConsultationsIntent::Escalate { case } => one(case),
                ConsultationsIntent::Rewrite { cases, .. } => cases.clone(),
                ConsultationsIntent::ToAgenda {
                    meeting,
                    consultation,
                } => vec![meeting.clone(), consultation.clone()],
            },
            Intent::Decisions(DecisionsIntent::Edit { decision }) => one(decision),
            Intent::Forums(i) => match i {
                ForumsIntent::Edit { forum } => opt(forum),
                ForumsIntent::Member { forum, .. }
                | ForumsIntent::Item { forum, .. }
                | ForumsIntent::RemoveMember { forum, .. }
                | ForumsIntent::RemoveItem { forum, .. } => one(forum),
            },
            Intent::FollowUp(FollowUpIntent::Owner) => vec![],
        }
    }
}

/// The record a bilag belongs to: the case, or the meeting of the agenda item.
fn owner_record(owner: &Owner) -> String {
    match owner {
        Owner::Case(id) | Owner::Item(id, _) => id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_edits_the_records_its_intent_names() {
        let i = Intent::Consultations(ConsultationsIntent::Reply {
            consultation: "H-2026-001".into(),
            authority: "Digitaliseringsstyrelsen".into(),
        });
        assert_eq!(i.records(), vec!["H-2026-001".to_string()]);
        let i = Intent::Bilag(BilagIntent::Rename {
            owner: Owner::Item("2026-12-03-psg".into(), 2),
            index: 0,
        });
        assert_eq!(i.records(), vec!["2026-12-03-psg".to_string()]);
        assert!(
            Intent::Cases(CasesIntent::Edit { case: None })
                .records()
                .is_empty()
        );
    }

    #[test]
    fn intents_round_trip_through_json() {
        let all = [
            Intent::App(AppIntent::Delete {
                kind: RecordKind::Case,
                id: "S-2026-001".into(),
            }),
            Intent::App(AppIntent::MailSend {
                kind: DispatchKind::Letter,
                id: "H-2026-001".into(),
            }),
            Intent::Portfolio(PortfolioIntent::Import {
                kind: ImportKind::Initiatives,
                path: "/tmp/a b.csv".into(),
                label: "a b.csv".into(),
                print: u64::MAX,
            }),
            Intent::Meetings(MeetingsIntent::ActionItem {
                meeting: "2026-12-03-psg".into(),
                item: 3,
                index: Some(1),
            }),
            Intent::Consultations(ConsultationsIntent::Rewrite {
                from: "psg".into(),
                to: "it-rådet".into(),
                cases: vec!["S-2026-001".into(), "S-2026-002".into()],
            }),
            Intent::Forums(ForumsIntent::Member {
                forum: "psg".into(),
                index: None,
            }),
        ];
        for i in all {
            let json = serde_json::to_string(&i).unwrap();
            assert_eq!(serde_json::from_str::<Intent>(&json).unwrap(), i, "{json}");
        }
    }
}
