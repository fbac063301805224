//! The domain of the secretariat: forums, initiatives with their quarterly status reports, cases,
//! meetings with agendas and minutes, written consultations, decisions and action items.
//! No I/O and no terminal here; the store reads and writes these types, the TUI shows them.

pub mod any;
pub mod case;
pub mod consultation;
pub mod decision;
pub mod dispatch;
pub mod forum;
pub mod ids;
pub mod index;
pub mod initiative;
pub mod meeting;
pub mod meta;
pub mod quarter;
pub mod settings;

pub use any::AnyRecord;
pub use case::{Attachment, Case, CaseKind, CaseState, HistoryEntry};
pub use consultation::{Consultation, ConsultationOutcome, ConsultationState, Reply, ReplyKind};
pub use decision::{ActionItem, Decision, DecisionSource};
pub use dispatch::{
    DeliveryStatus, Dispatch, DispatchKind, DispatchRecipient, ReceivedFile, ReceivedMail,
};
pub use forum::{Forum, Member, StandardItem};
pub use ids::{IdError, natural_cmp, validate_id};
pub use initiative::{Initiative, Lifecycle, Rag, StatusReport};
pub use meeting::{
    AgendaItem, Attendance, AttendanceKind, ItemKind, ItemMinutes, Meeting, MeetingState,
};
pub use meta::{Extra, Meta, Record, RecordKind, Stamp};
pub use quarter::Quarter;
pub use settings::{Contact, Language, Sender, Settings, Thresholds};

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
    /// Positions by id for the lookups below (see [`index`]); never needs updating by hand.
    pub index: WorkspaceIndex,
}

/// One [`index::IdIndex`] per record list of a [`Workspace`].
#[derive(Debug, Clone, Default)]
pub struct WorkspaceIndex {
    forums: index::IdIndex,
    initiatives: index::IdIndex,
    cases: index::IdIndex,
    meetings: index::IdIndex,
    consultations: index::IdIndex,
    decisions: index::IdIndex,
}

impl Workspace {
    pub fn forum(&self, id: &str) -> Option<&Forum> {
        self.index.forums.find(&self.forums, id, |r| &r.id)
    }
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.index
            .initiatives
            .find(&self.initiatives, id, |r| &r.id)
    }
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.index.cases.find(&self.cases, id, |r| &r.id)
    }
    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.index.meetings.find(&self.meetings, id, |r| &r.id)
    }
    pub fn consultation(&self, id: &str) -> Option<&Consultation> {
        self.index
            .consultations
            .find(&self.consultations, id, |r| &r.id)
    }
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.index.decisions.find(&self.decisions, id, |r| &r.id)
    }

    /// The records that refer to the record `kind`/`id` (so deleting it would leave them pointing
    /// at nothing), as (kind, id) pairs.
    pub fn references_to(&self, kind: RecordKind, id: &str) -> Vec<(RecordKind, String)> {
        let mut out = vec![];
        let mut add = |k: RecordKind, rid: &str| out.push((k, rid.to_string()));
        let is = |x: &Option<String>| x.as_deref() == Some(id);
        match kind {
            RecordKind::Forum => {
                self.forums.iter().filter(|f| is(&f.parent)).for_each(|f| add(RecordKind::Forum, &f.id));
                self.cases.iter().filter(|c| is(&c.forum)).for_each(|c| add(RecordKind::Case, &c.id));
                self.meetings.iter().filter(|m| m.forum == id).for_each(|m| add(RecordKind::Meeting, &m.id));
                self.consultations
                    .iter()
                    .filter(|c| c.forum == id)
                    .for_each(|c| add(RecordKind::Consultation, &c.id));
                self.decisions.iter().filter(|d| d.forum == id).for_each(|d| add(RecordKind::Decision, &d.id));
            }
            RecordKind::Initiative => {
                self.cases.iter().filter(|c| is(&c.initiative)).for_each(|c| add(RecordKind::Case, &c.id));
                self.decisions
                    .iter()
                    .filter(|d| is(&d.initiative))
                    .for_each(|d| add(RecordKind::Decision, &d.id));
            }
            RecordKind::Case => {
                self.meetings
                    .iter()
                    .filter(|m| m.items.iter().any(|it| is(&it.case)))
                    .for_each(|m| add(RecordKind::Meeting, &m.id));
                self.consultations
                    .iter()
                    .filter(|c| c.cases.iter().any(|x| x == id))
                    .for_each(|c| add(RecordKind::Consultation, &c.id));
                self.decisions.iter().filter(|d| is(&d.case)).for_each(|d| add(RecordKind::Decision, &d.id));
            }
            RecordKind::Meeting => self
                .decisions
                .iter()
                .filter(|d| matches!(&d.source, DecisionSource::Meeting { meeting, .. } if meeting == id))
                .for_each(|d| add(RecordKind::Decision, &d.id)),
            RecordKind::Consultation => self
                .decisions
                .iter()
                .filter(|d| {
                    matches!(&d.source, DecisionSource::Consultation { consultation } if consultation == id)
                })
                .for_each(|d| add(RecordKind::Decision, &d.id)),
            RecordKind::Decision => {}
        }
        out
    }

    /// Sorts every collection in its natural order (ids naturally, meetings by date).
    pub fn sort(&mut self) {
        self.forums.sort_by(|a, b| a.id.cmp(&b.id));
        self.initiatives.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        self.cases.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        self.meetings
            .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        self.consultations.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        self.decisions
            .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_every_record_that_points_at_another() {
        let ws = crate::demo::demo_workspace();
        let on_agenda = ws
            .cases
            .iter()
            .find(|c| c.state == CaseState::OnAgenda)
            .unwrap();
        let refs = ws.references_to(RecordKind::Case, &on_agenda.id);
        assert!(
            refs.iter().any(|(k, _)| *k == RecordKind::Meeting),
            "{refs:?}"
        );
        let forum = ws.settings.default_forum.clone().unwrap();
        let refs = ws.references_to(RecordKind::Forum, &forum);
        assert!(
            refs.iter().any(|(k, _)| *k == RecordKind::Meeting),
            "{refs:?}"
        );
        let d = &ws.decisions[0];
        assert!(ws.references_to(RecordKind::Decision, &d.id).is_empty());
        assert!(ws.references_to(RecordKind::Case, "S-1999-999").is_empty());
    }
}
