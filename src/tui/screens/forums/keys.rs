//! The forums screen's key tables (list and open forum); `?` reads them.

use super::*;

pub(super) const KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Nyt forum", "New forum"),
    bind(
        &[ch('T')],
        Action::ForumFromTemplate,
        "Porteføljestyregruppen fra skabelon",
        "Porteføljestyregruppen from the template",
    ),
    EDIT,
    DELETE,
];

/// On an open forum, the members and standard items are tables edited row by row.
pub(super) const DETAIL_KEYS: &[Binding] = &[
    // Enter (Open) edits the row too.
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger rækken (også Enter)",
        "Edit the row (Enter too)",
    ),
    bind(
        &[ch('a')],
        Action::AddMember,
        "Tilføj medlem",
        "Add a member",
    ),
    bind(
        &[ch('p')],
        Action::AddStandardItem,
        "Tilføj standardpunkt",
        "Add a standard item",
    ),
    bind(
        &[ch('x')],
        Action::RemoveItem,
        "Fjern rækken",
        "Remove the row",
    ),
    bind(
        &[ch('K')],
        Action::MoveUp,
        "Flyt rækken op",
        "Move the row up",
    ),
    bind(
        &[ch('J')],
        Action::MoveDown,
        "Flyt rækken ned",
        "Move the row down",
    ),
    bind(
        &[ch('m')],
        Action::EditMeeting,
        "Rediger forummets navn, regler, overordnet forum",
        "Edit the forum's name, rules, parent",
    ),
    DELETE,
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { KEYS }
}
