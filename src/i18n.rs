//! Danish and English words for what the program shows: one function for a pair of strings, and
//! the names of the domain's states and kinds. Used by the TUI (exports keep their own wording).

use crate::model::{
    AttendanceKind, CaseKind, CaseState, ConsultationOutcome, ConsultationState, ItemKind,
    Language, Lifecycle, MeetingState, Rag, RecordKind, ReplyKind,
};

/// The Danish or the English string.
pub fn tr(lang: Language, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::Da => da,
        Language::En => en,
    }
}

/// Something with a name in each language.
pub trait Label {
    fn label(&self, lang: Language) -> &'static str;
}

macro_rules! labels {
    ($t:ty { $($v:pat => $da:literal, $en:literal;)* }) => {
        impl Label for $t {
            fn label(&self, lang: Language) -> &'static str {
                match self {
                    $($v => tr(lang, $da, $en),)*
                }
            }
        }
    };
}

labels!(CaseKind {
    CaseKind::DeviationStatus => "Afvigelsesstatus", "Deviation status";
    CaseKind::Disbursement => "Udmøntningssag", "Disbursement";
    CaseKind::ClosingReport => "Afslutningsrapport", "Closing report";
    CaseKind::OverUnderspend => "Mer-/mindreforbrug", "Over-/underspend";
    CaseKind::PrincipalQuestion => "Principielt spørgsmål", "Principal question";
    CaseKind::Other => "Andet", "Other";
});

labels!(CaseState {
    CaseState::Draft => "Kladde", "Draft";
    CaseState::Ready => "Klar", "Ready";
    CaseState::OnAgenda => "På dagsorden", "On agenda";
    CaseState::InConsultation => "I høring", "In consultation";
    CaseState::Decided => "Besluttet", "Decided";
    CaseState::Closed => "Lukket", "Closed";
});

labels!(MeetingState {
    MeetingState::Draft => "Kladde", "Draft";
    MeetingState::Sent => "Udsendt", "Sent";
    MeetingState::Held => "Afholdt", "Held";
    MeetingState::Approved => "Referat godkendt", "Minutes approved";
});

labels!(ItemKind {
    ItemKind::Decision => "Til beslutning", "For decision";
    ItemKind::Discussion => "Til drøftelse", "For discussion";
    ItemKind::Information => "Til orientering", "For information";
});

labels!(ReplyKind {
    ReplyKind::Consent => "Tilslutning", "Consent";
    ReplyKind::ConsentWithComments => "Tilslutning med bemærkninger", "Consent with comments";
    ReplyKind::Objection => "Indsigelse", "Objection";
    ReplyKind::NoReply => "Intet svar", "No reply";
});

labels!(ConsultationState {
    ConsultationState::Draft => "Kladde", "Draft";
    ConsultationState::Sent => "Udsendt", "Sent";
    ConsultationState::Concluded => "Afsluttet", "Concluded";
});

labels!(ConsultationOutcome {
    ConsultationOutcome::Adopted => "Tiltrådt", "Adopted";
    ConsultationOutcome::NotAdopted => "Ikke tiltrådt", "Not adopted";
    ConsultationOutcome::ToMeeting => "Forelægges på møde", "To a meeting";
    ConsultationOutcome::Escalated => "Eskaleret", "Escalated";
    ConsultationOutcome::Withdrawn => "Trukket tilbage", "Withdrawn";
});

labels!(AttendanceKind {
    AttendanceKind::Present => "Til stede", "Present";
    AttendanceKind::Absent => "Afbud", "Absent";
    AttendanceKind::Substitute => "Stedfortræder", "Substitute";
});

labels!(Lifecycle {
    Lifecycle::Active => "Aktiv", "Active";
    Lifecycle::Closed => "Lukket", "Closed";
});

labels!(Rag {
    Rag::Green => "Grøn", "Green";
    Rag::Yellow => "Gul", "Yellow";
    Rag::Red => "Rød", "Red";
    Rag::NotReported => "Ikke rapporteret", "Not reported";
});

labels!(RecordKind {
    RecordKind::Forum => "forum", "forum";
    RecordKind::Initiative => "initiativ", "initiative";
    RecordKind::Case => "sag", "case";
    RecordKind::Meeting => "møde", "meeting";
    RecordKind::Consultation => "høring", "consultation";
    RecordKind::Decision => "beslutning", "decision";
});

/// The short letter(s) shown beside a status dot, so status reads without colour:
/// G / Gu / R in Danish, G / Y / R in English, "-" when not reported.
pub fn rag_letter(rag: Rag, lang: Language) -> &'static str {
    match rag {
        Rag::Green => "G",
        Rag::Yellow => tr(lang, "Gu", "Y"),
        Rag::Red => "R",
        Rag::NotReported => "-",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_differ_by_language() {
        assert_eq!(CaseState::OnAgenda.label(Language::Da), "På dagsorden");
        assert_eq!(CaseState::OnAgenda.label(Language::En), "On agenda");
        assert_eq!(rag_letter(Rag::Yellow, Language::Da), "Gu");
        assert_eq!(rag_letter(Rag::Yellow, Language::En), "Y");
    }
}
