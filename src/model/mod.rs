//! The domain of the secretariat: forums, initiatives with their quarterly status reports, cases,
//! meetings with agendas and minutes, written consultations, decisions and action items.
//! No I/O and no terminal here; the store reads and writes these types, the TUI shows them.

pub mod case;
pub mod consultation;
pub mod decision;
pub mod forum;
pub mod ids;
pub mod initiative;
pub mod meeting;
pub mod meta;
pub mod quarter;
pub mod settings;

pub use case::{Attachment, Case, CaseKind, CaseState, HistoryEntry};
pub use consultation::{Consultation, ConsultationOutcome, ConsultationState, Reply, ReplyKind};
pub use decision::{ActionItem, Decision, DecisionSource};
pub use forum::{Forum, Member, StandardItem};
pub use ids::{IdError, natural_cmp, validate_id};
pub use initiative::{Initiative, Lifecycle, Rag, StatusReport};
pub use meeting::{AgendaItem, Attendance, AttendanceKind, ItemKind, ItemMinutes, Meeting, MeetingState};
pub use meta::{Extra, Meta, Record, RecordKind, Stamp};
pub use quarter::Quarter;
pub use settings::{Language, Settings, Thresholds};

/// Amounts in millions of kroner, exact decimals (stored as strings such as "14.3").
pub type Amount = rust_decimal::Decimal;

/// Everything in a workspace, in memory. The store fills it; rules, exports and the TUI read it.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub settings: Settings,
    pub forums: Vec<Forum>,
    pub initiatives: Vec<Initiative>,
    pub cases: Vec<Case>,
    pub meetings: Vec<Meeting>,
    pub consultations: Vec<Consultation>,
    pub decisions: Vec<Decision>,
}

impl Workspace {
    pub fn forum(&self, id: &str) -> Option<&Forum> {
        self.forums.iter().find(|r| r.id == id)
    }
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.iter().find(|r| r.id == id)
    }
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|r| r.id == id)
    }
    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|r| r.id == id)
    }
    pub fn consultation(&self, id: &str) -> Option<&Consultation> {
        self.consultations.iter().find(|r| r.id == id)
    }
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|r| r.id == id)
    }

    /// Sorts every collection in its natural order (ids naturally, meetings by date).
    pub fn sort(&mut self) {
        self.forums.sort_by(|a, b| a.id.cmp(&b.id));
        self.initiatives.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        self.cases.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        self.meetings.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        self.consultations.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        self.decisions.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    }
}
