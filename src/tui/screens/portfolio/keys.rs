//! The portfolio screen's key tables (list and initiative); `?` reads them.

use super::*;

pub(super) const CASE_FROM: Binding = bind(
    &[ch('c')],
    Action::CaseFromInitiative,
    "Opret sag fra initiativet",
    "Create a case from the initiative",
);
pub(super) const CLOSE: Binding = bind(
    &[ch('x')],
    Action::CloseInitiative,
    "Luk initiativet (eller genåbn)",
    "Close the initiative (or reopen)",
);
pub(super) const EDIT_MASTER: Binding = bind(
    &[ch('e')],
    Action::Edit,
    "Rediger stamdata",
    "Edit master data",
);

pub(super) const LIST_KEYS: &[Binding] = &[
    CASE_FROM,
    bind(
        &[ch('s')],
        Action::SortNext,
        "Sortér efter næste kolonne",
        "Sort by the next column",
    ),
    bind(
        &[ch('S')],
        Action::SortReverse,
        "Vend sorteringen",
        "Reverse the sort order",
    ),
    bind(
        &[ch('f')],
        Action::CycleCategory,
        "Vis kategori (alle, afvigende, ...)",
        "Show a category (all, deviating, ...)",
    ),
    bind(
        &[ch('[')],
        Action::PrevQuarter,
        "Vis kvartalet før",
        "Show the quarter before",
    ),
    bind(
        &[ch(']')],
        Action::NextQuarter,
        "Vis kvartalet efter",
        "Show the quarter after",
    ),
    bind(
        &[ch('v')],
        Action::ToggleChart,
        "Vis/skjul kategorier over tid",
        "Show/hide the categories over time",
    ),
    bind(
        &[ch('m')],
        Action::EconomyView,
        "Økonomioverblik: mer-/mindreforbrug i året og forslag til sager (ØSU)",
        "Economy overview: over-/underspend of the year and proposed cases (economy committee)",
    ),
    bind(
        &[ch('i')],
        Action::ImportReports,
        "Importér statusrapporter (CSV)",
        "Import status reports (CSV)",
    ),
    bind(
        &[ch('I')],
        Action::ImportInitiatives,
        "Importér initiativer/stamdata (CSV)",
        "Import initiatives/master data (CSV)",
    ),
    CLOSE,
    EDIT_MASTER,
    bind(&[ch('n')], Action::New, "Nyt initiativ", "New initiative"),
    DELETE,
];

pub(super) const DETAIL_KEYS: &[Binding] = &[
    CASE_FROM,
    bind(
        &[ch('o')],
        Action::Open,
        "Åbn den valgte sag, møde eller beslutning",
        "Open the selected case, meeting or decision",
    ),
    CLOSE,
    EDIT_MASTER,
    DELETE,
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}
