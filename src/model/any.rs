//! A record of any kind, for operations that change several records at once.

use super::{
    Case, Consultation, Decision, Forum, Initiative, Meeting, Record, RecordKind, Workspace,
};

#[derive(Debug, Clone, PartialEq)]
pub enum AnyRecord {
    Forum(Forum),
    Initiative(Initiative),
    Case(Case),
    Meeting(Meeting),
    Consultation(Consultation),
    Decision(Decision),
}

macro_rules! each {
    ($self:expr, $r:ident => $body:expr) => {
        match $self {
            AnyRecord::Forum($r) => $body,
            AnyRecord::Initiative($r) => $body,
            AnyRecord::Case($r) => $body,
            AnyRecord::Meeting($r) => $body,
            AnyRecord::Consultation($r) => $body,
            AnyRecord::Decision($r) => $body,
        }
    };
}

impl AnyRecord {
    pub fn kind(&self) -> RecordKind {
        each!(self, r => kind_of(r))
    }
    pub fn id(&self) -> &str {
        each!(self, r => r.id())
    }
    pub fn revision(&self) -> u64 {
        each!(self, r => r.revision())
    }
    pub fn title(&self) -> String {
        each!(self, r => r.title())
    }

    /// Puts the record into the workspace, replacing the one with the same id.
    pub fn put_into(self, ws: &mut Workspace) {
        each!(self, r => put(ws, r))
    }

    /// Removes the record with this record's id from the workspace.
    pub fn remove_from(&self, ws: &mut Workspace) {
        each!(self, r => remove(ws, r))
    }

    /// The record with this kind and id in the workspace, if any.
    pub fn find(ws: &Workspace, kind: RecordKind, id: &str) -> Option<AnyRecord> {
        match kind {
            RecordKind::Forum => ws.forum(id).cloned().map(AnyRecord::Forum),
            RecordKind::Initiative => ws.initiative(id).cloned().map(AnyRecord::Initiative),
            RecordKind::Case => ws.case(id).cloned().map(AnyRecord::Case),
            RecordKind::Meeting => ws.meeting(id).cloned().map(AnyRecord::Meeting),
            RecordKind::Consultation => ws.consultation(id).cloned().map(AnyRecord::Consultation),
            RecordKind::Decision => ws.decision(id).cloned().map(AnyRecord::Decision),
        }
    }
}

fn kind_of<R: Record>(_: &R) -> RecordKind {
    R::KIND
}

fn put<R: Record>(ws: &mut Workspace, r: R) {
    let all = R::all_mut(ws);
    match all.iter_mut().find(|x| x.id() == r.id()) {
        Some(slot) => *slot = r,
        None => all.push(r),
    }
}

fn remove<R: Record>(ws: &mut Workspace, r: &R) {
    R::all_mut(ws).retain(|x| x.id() != r.id());
}

macro_rules! from {
    ($t:ident) => {
        impl From<$t> for AnyRecord {
            fn from(r: $t) -> AnyRecord {
                AnyRecord::$t(r)
            }
        }
    };
}
from!(Forum);
from!(Initiative);
from!(Case);
from!(Meeting);
from!(Consultation);
from!(Decision);
