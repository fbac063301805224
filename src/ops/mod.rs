//! Domain operations: what the secretariat does to the workspace (put a case on an agenda, approve
//! minutes, conclude a consultation, ...), as pure functions from the workspace to the records to
//! write. The TUI and the CLI hand the result to `Store::apply`, so a multi-record step is checked
//! for conflicts as a whole and undone as a whole.
//!
//! Every domain rule lives here (and in `rules`): a refusal is an [`OpError`], a typed value that the
//! caller words in its own language with [`OpError::message`] (the TUI in the UI's language, the CLI
//! in the language asked for), never text already rendered in the workspace's language.

pub mod bilag;
pub mod case;
pub mod consultation;
pub mod decision;
pub mod meeting;
#[cfg(test)]
mod proptests;
pub mod record;

use chrono::NaiveDate;

use crate::i18n::Label;
use crate::model::{CaseState, HistoryEntry, Language, RecordKind, Stamp};
use crate::rules::tally::ProposedOutcome;

/// Why an operation cannot be done. Words itself with [`OpError::message`]; `Display` is English
/// (for logs and `?` in tests).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    NoInitiative(String),
    NoCase(String),
    NoMeeting(String),
    NoForum(String),
    NoConsultation(String),
    /// A meeting has no item `index` (0-based); the agenda has `count` items.
    NoSuchItem {
        meeting: String,
        index: usize,
        count: usize,
    },
    NoItemSelected,
    NoBilagSelected,
    BilagNeedsTitle,
    /// The agenda cannot change: the meeting is held (or approved).
    AgendaLocked,
    /// An agenda item's bilag cannot change: the meeting is held, or approved.
    BilagLocked {
        approved: bool,
    },
    /// The minutes cannot be written: approved (reopen first) or the meeting is not held yet.
    MinutesLocked {
        approved: bool,
    },
    /// A case step that the case's state does not allow.
    CaseStepRefused {
        case: String,
        step: case::CaseStep,
        from: CaseState,
    },
    /// A case state change outside the transition table.
    CaseTransitionRefused {
        case: String,
        from: CaseState,
        to: CaseState,
    },
    NoCaseChosen,
    CaseNotReadyForConsultation(String),
    CaseNotReadyForAgenda(String),
    CaseAlreadyOnAgenda(String),
    ConsultationAlreadySent,
    ConsultationConcluded,
    ConsultationNotSent,
    OverrideNeedsReason,
    CannotConcludeYet(ProposedOutcome),
    /// The forum (by name or id) has no parent forum to escalate to.
    NoParentForum(String),
    /// Comments or an objection without a text.
    ReplyNeedsText,
    ReplyBeforeSent {
        received: NaiveDate,
        sent: NaiveDate,
    },
    DeadlineBeforeSent {
        deadline: NaiveDate,
        sent: NaiveDate,
    },
    ApprovedMeetingCannotBeDeleted,
    ActionItemGone,
    OnlyDraftCanBeDispatched,
    MinutesApproved,
    ApproveNeedsHeld,
    /// Items (numbers as printed) that have no decision.
    ItemsWithoutDecision(Vec<String>),
    MinutesNotApproved,
    ReasonMissing,
    DecisionLocked {
        decision: String,
        meeting: String,
    },
    CaseAlreadyInConsultation(String),
    /// A decision without a text.
    DecisionNeedsText,
    NoRecord {
        kind: RecordKind,
        id: String,
    },
    /// A record other records still point to (the first few of them).
    InUse {
        kind: RecordKind,
        id: String,
        by: Vec<(RecordKind, String)>,
    },
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl OpError {
    /// The refusal in words for the user, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        let da = lang == Language::Da;
        let pick = |d: String, e: String| if da { d } else { e };
        use OpError::*;
        match self {
            NoInitiative(id) => pick(
                format!("Der er intet initiativ {id:?}"),
                format!("There is no initiative {id:?}"),
            ),
            NoCase(id) => pick(
                format!("Der er ingen sag {id:?}"),
                format!("There is no case {id:?}"),
            ),
            NoMeeting(id) => pick(
                format!("Der er intet møde {id:?}"),
                format!("There is no meeting {id:?}"),
            ),
            NoForum(id) => pick(
                format!("Der er intet forum {id:?}"),
                format!("There is no forum {id:?}"),
            ),
            NoConsultation(id) => pick(
                format!("Der er ingen høring {id:?}"),
                format!("There is no consultation {id:?}"),
            ),
            NoSuchItem {
                meeting,
                index,
                count,
            } => pick(
                format!(
                    "Mødet {meeting} har intet punkt {} (dagsordenen har {count} punkter)",
                    index + 1
                ),
                format!(
                    "The meeting {meeting} has no item {} (the agenda has {count} items)",
                    index + 1
                ),
            ),
            NoItemSelected => pick("Intet punkt valgt".into(), "No item selected".into()),
            NoBilagSelected => pick("Intet bilag valgt".into(), "No bilag selected".into()),
            BilagNeedsTitle => pick(
                "Et bilag skal have en titel".into(),
                "A bilag needs a title".into(),
            ),
            BilagLocked { approved: true } => pick(
                "Mødet er godkendt; dets bilag kan ikke ændres (genåbn referatet først)".into(),
                "The meeting is approved; its bilag cannot change (reopen the minutes first)"
                    .into(),
            ),
            BilagLocked { approved: false } => pick(
                "Mødet er afholdt; dagsordenens bilag kan ikke længere ændres".into(),
                "The meeting has been held; the agenda's bilag can no longer change".into(),
            ),
            AgendaLocked => pick(
                "Mødet er afholdt; dagsordenen kan ikke længere ændres".into(),
                "The meeting has been held; its agenda can no longer change".into(),
            ),
            MinutesLocked { approved: true } => pick(
                "Referatet er godkendt og låst (genåbn det først)".into(),
                "The minutes are approved and locked (reopen them first)".into(),
            ),
            MinutesLocked { approved: false } => pick(
                "Mødet er ikke markeret som afholdt endnu".into(),
                "The meeting is not marked as held yet".into(),
            ),
            CaseStepRefused { case, step, from } => {
                let (d, e) = match step {
                    case::CaseStep::MarkReady => (
                        "Kun en kladde kan markeres klar",
                        "Only a draft can be marked ready",
                    ),
                    case::CaseStep::BackToDraft => (
                        "Kun en sag, der er klar, kan sættes tilbage til kladde",
                        "Only a ready case can go back to draft",
                    ),
                    case::CaseStep::Close => (
                        "En sag på en dagsorden eller i høring kan ikke lukkes; tag den af først",
                        "A case on an agenda or in a consultation cannot be closed; take it off first",
                    ),
                    case::CaseStep::Reopen => (
                        "Kun en lukket sag kan genåbnes",
                        "Only a closed case can be reopened",
                    ),
                };
                pick(
                    format!(
                        "{d}; sag {case} er {}.",
                        from.label(Language::Da).to_lowercase()
                    ),
                    format!(
                        "{e}; case {case} is {}.",
                        from.label(Language::En).to_lowercase()
                    ),
                )
            }
            CaseTransitionRefused { case, from, to } => pick(
                format!(
                    "Sag {case} kan ikke gå fra {} til {}",
                    from.label(Language::Da).to_lowercase(),
                    to.label(Language::Da).to_lowercase()
                ),
                format!(
                    "Case {case} cannot go from {} to {}",
                    from.label(Language::En).to_lowercase(),
                    to.label(Language::En).to_lowercase()
                ),
            ),
            NoCaseChosen => pick(
                "Vælg mindst én sag".into(),
                "Choose at least one case".into(),
            ),
            CaseNotReadyForConsultation(id) => pick(
                format!("Sagen {id} er ikke klar til høring"),
                format!("Case {id} is not ready for a consultation"),
            ),
            CaseNotReadyForAgenda(id) => pick(
                format!("Sagen {id} er ikke klar til en dagsorden"),
                format!("Case {id} is not ready for an agenda"),
            ),
            CaseAlreadyOnAgenda(id) => pick(
                format!("Sagen {id} står allerede på dagsordenen"),
                format!("Case {id} is already on the agenda"),
            ),
            ConsultationAlreadySent => pick(
                "Høringen er allerede sendt".into(),
                "The consultation has already been sent".into(),
            ),
            ConsultationConcluded => pick(
                "Høringen er afsluttet".into(),
                "The consultation is concluded".into(),
            ),
            ConsultationNotSent => pick(
                "Høringen er en kladde og ikke sendt endnu".into(),
                "The consultation is a draft and not sent yet".into(),
            ),
            OverrideNeedsReason => pick(
                "Angiv en begrundelse for at tilsidesætte udfaldet".into(),
                "Give a reason for the override".into(),
            ),
            CannotConcludeYet(p) => p.describe(lang),
            NoParentForum(name) => pick(
                format!("{name} har intet overordnet forum at eskalere til"),
                format!("{name} has no parent forum to escalate to"),
            ),
            ReplyNeedsText => pick(
                "Bemærkninger og indsigelser skal have en tekst.".into(),
                "Comments and objections need a text.".into(),
            ),
            // The dates are the caller's to show (the form marks the field with the sending date).
            ReplyBeforeSent { .. } => pick(
                "Svaret kan ikke være modtaget før udsendelsen.".into(),
                "The reply cannot be received before the sending.".into(),
            ),
            DeadlineBeforeSent { .. } => pick(
                "Svarfristen skal ligge efter udsendelsen.".into(),
                "The deadline must come after the sending.".into(),
            ),
            ApprovedMeetingCannotBeDeleted => pick(
                "Et møde med godkendt referat kan ikke slettes (genåbn referatet først)".into(),
                "A meeting with approved minutes cannot be deleted (reopen the minutes first)"
                    .into(),
            ),
            ActionItemGone => pick(
                "Opfølgningspunktet findes ikke længere".into(),
                "The action item no longer exists".into(),
            ),
            OnlyDraftCanBeDispatched => pick(
                "Kun en kladde til dagsorden kan sendes ud".into(),
                "Only a draft agenda can be dispatched".into(),
            ),
            MinutesApproved => pick(
                "Referatet er godkendt og låst".into(),
                "The minutes are approved and locked".into(),
            ),
            ApproveNeedsHeld => pick(
                "Kun et afholdt møde kan få godkendt referatet (marker mødet som afholdt først)"
                    .into(),
                "Only a held meeting can have its minutes approved (mark the meeting held first)"
                    .into(),
            ),
            ItemsWithoutDecision(items) => pick(
                format!("Punkt {} mangler en beslutning", items.join(", ")),
                format!("Item {} has no decision", items.join(", ")),
            ),
            MinutesNotApproved => pick(
                "Referatet er ikke godkendt".into(),
                "The minutes are not approved".into(),
            ),
            ReasonMissing => pick("Angiv en begrundelse".into(), "Give a reason".into()),
            CaseAlreadyInConsultation(id) => pick(
                format!("{id} er allerede med i høringen"),
                format!("{id} is already in the consultation"),
            ),
            DecisionNeedsText => pick(
                "En beslutning skal have en tekst".into(),
                "A decision needs a text".into(),
            ),
            NoRecord { kind, id } => pick(
                format!("{} {id} findes ikke (længere)", kind.label(lang)),
                format!("{} {id} does not exist (any more)", kind.label(lang)),
            ),
            InUse { kind, id, by } => {
                let mut names: Vec<String> = by
                    .iter()
                    .take(5)
                    .map(|(k, r)| format!("{} {r}", k.label(lang)))
                    .collect();
                if by.len() > 5 {
                    names.push(format!("+{}", by.len() - 5));
                }
                let names = names.join(", ");
                pick(
                    format!(
                        "Kan ikke slette {} {id}: den bruges af {names}",
                        kind.label(lang)
                    ),
                    format!(
                        "Cannot delete {} {id}: it is used by {names}",
                        kind.label(lang)
                    ),
                )
            }
            DecisionLocked { decision, meeting } => pick(
                format!(
                    "Beslutning {decision} hører til det godkendte referat af mødet {meeting}; genåbn referatet for at ændre den."
                ),
                format!(
                    "Decision {decision} belongs to the approved minutes of meeting {meeting}; reopen the minutes to change it."
                ),
            ),
        }
    }
}

/// A history line in the workspace's language.
pub(crate) fn history(now: &Stamp, lang: Language, da: String, en: String) -> HistoryEntry {
    HistoryEntry {
        at: now.clone(),
        text: if lang == Language::Da { da } else { en },
    }
}
