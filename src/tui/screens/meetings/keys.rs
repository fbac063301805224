//! The meetings screen's key tables (list and open meeting); `?` reads them.

use super::*;

pub(super) const LIST_KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Nyt møde", "New meeting"),
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger mødet",
        "Edit the meeting",
    ),
    bind(
        &[ch('c')],
        Action::CopyMeeting,
        "Nyt møde som kopi af strukturen",
        "New meeting copying the structure",
    ),
    bind(
        &[ch('w')],
        Action::Export,
        "Skriv dagsorden/referat til out/",
        "Write agenda/minutes to out/",
    ),
    DELETE,
];

pub(super) const DETAIL_KEYS: &[Binding] = &[
    bind(&[ch('a')], Action::AddCase, "Tilføj sag", "Add case"),
    bind(&[ch('i')], Action::AddItem, "Nyt punkt", "New item"),
    bind(&[ch('e')], Action::Edit, "Rediger punkt", "Edit item"),
    bind(&[ch('K')], Action::MoveUp, "Flyt op", "Move up"),
    bind(&[ch('J')], Action::MoveDown, "Flyt ned", "Move down"),
    bind(&[ch('x')], Action::RemoveItem, "Fjern", "Remove"),
    bind(
        &[ch('s')],
        Action::Dispatch,
        "Markér dagsorden udsendt (ingen e-mail)",
        "Mark agenda sent (no e-mail)",
    ),
    bind(&[ch('H')], Action::MarkHeld, "Markér afholdt", "Mark held"),
    bind(&[ch('t')], Action::Attendance, "Fremmøde", "Attendance"),
    bind(&[ch('b')], Action::EditDecision, "Beslutning", "Decision"),
    bind(
        &[ch('f')],
        Action::InsertFormula,
        "Standardformulering",
        "Standard formula",
    ),
    bind(
        &[ch('o')],
        Action::AddActionItem,
        "Opfølgningspunkt",
        "Action item",
    ),
    bind(
        &[ch(' ')],
        Action::ToggleDone,
        "Udført / ikke udført",
        "Done / not done",
    ),
    bind(
        &[ch('A')],
        Action::Approve,
        "Godkend referat",
        "Approve minutes",
    ),
    bind(
        &[ch('R')],
        Action::Reopen,
        "Genåbn referat",
        "Reopen minutes",
    ),
    bind(
        &[ch('w')],
        Action::Export,
        "Skriv filer, PDF eller mødepakke til out/",
        "Write files, PDF or meeting pack to out/",
    ),
    bind(
        &[ch('c')],
        Action::CopyMeeting,
        "Kopiér strukturen til nyt møde",
        "Copy the structure to a new meeting",
    ),
    bind(
        &[ch('m')],
        Action::EditMeeting,
        "Rediger mødet",
        "Edit the meeting",
    ),
    bind(
        &[ch('B')],
        Action::Bilag,
        "Punktets bilag: vedhæft, omdøb, fjern",
        "The item's bilag: attach, rename, remove",
    ),
    bind(
        &[ch('d')],
        Action::Delete,
        "Slet mødet",
        "Delete the meeting",
    ),
    bind(
        &[ch('M')],
        Action::SendMail,
        "Send dagsorden/referat med e-mail (og markér udsendt)",
        "Send agenda/minutes by e-mail (and mark sent)",
    ),
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}
