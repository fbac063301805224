//! The consultations screen's key tables (list and open consultation); `?` reads them.

use super::*;

pub(super) const CONCLUDE: Binding = bind(&[ch('c')], Action::Conclude, "Afslut", "Conclude");
pub(super) const LETTER: Binding = bind(
    &[ch('w')],
    Action::Export,
    "Skriv høringsbrev",
    "Write the letter",
);
pub(super) const REMINDER: Binding = bind(
    &[ch('m')],
    Action::ExportReminder,
    "Skriv rykker",
    "Write a reminder",
);
pub(super) const SUMMARY: Binding = bind(
    &[ch('s')],
    Action::ExportSummary,
    "Skriv høringsnotat",
    "Write the summary",
);

pub(super) const SEND_LETTER: Binding = bind(
    &[ch('M')],
    Action::SendMail,
    "Send høringsbrevet med e-mail",
    "Send the letter by e-mail",
);
pub(super) const SEND_REMINDER: Binding = bind(
    &[ch('P')],
    Action::SendReminderMail,
    "Send påmindelse med e-mail",
    "Send a reminder by e-mail",
);
pub(super) const RECEIVE: Binding = bind(
    &[ch('I')],
    Action::ReceiveMail,
    "Læs svar fra e-mail",
    "Read replies from e-mail",
);

pub(super) const LIST_KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Ny høring", "New consultation"),
    CONCLUDE,
    LETTER,
    REMINDER,
    EDIT,
    SUMMARY,
    DELETE,
    SEND_LETTER,
    SEND_REMINDER,
    RECEIVE,
];

pub(super) const DETAIL_KEYS: &[Binding] = &[
    bind(&[ch('r')], Action::Reply, "Registrér svar", "Record reply"),
    CONCLUDE,
    LETTER,
    REMINDER,
    bind(&[ch('a')], Action::AddCase, "Tilføj sag", "Add a case"),
    bind(
        &[ch('S')],
        Action::Dispatch,
        "Send høringen (en kladde)",
        "Send the consultation (a draft)",
    ),
    SUMMARY,
    bind(
        &[ch('C')],
        Action::ConcludeOverride,
        "Afslut med andet udfald (begrundelse)",
        "Conclude with another outcome (reason)",
    ),
    bind(
        &[ch('x')],
        Action::Escalate,
        "Eskalér sag til overordnet forum",
        "Escalate a case to the parent forum",
    ),
    EDIT,
    DELETE,
    SEND_LETTER,
    SEND_REMINDER,
    RECEIVE,
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}
