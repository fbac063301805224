//! The tally of a written consultation ("skriftlig høring") and the outcome it points to.
//!
//! Rules, in order:
//! * Only the forum's members count. A member's reply is matched on the member's stable id, or, for a
//!   reply recorded without one, on the authority name (ignoring case and surrounding spaces); when a member has several replies the last one recorded counts. Replies
//!   from authorities that are not members are not counted.
//! * A member with no reply record, or with [`ReplyKind::NoReply`], is *outstanding*.
//! * A reply received after the deadline still counts: it has been recorded, and the secretariat
//!   decides whether to accept it; [`is_late`] lets the screens flag it.
//! * The consultation can be concluded once the deadline has passed, or earlier once every member has
//!   replied. Before that, even an objection does not conclude it: a member may still withdraw it.
//! * When it can conclude: any objection means [`ProposedOutcome::NotAdopted`], whatever the silence rule.
//!   Otherwise it is adopted when nobody is outstanding, or when the forum takes silence as consent
//!   ([`Forum::silence_is_consent`]). If members are outstanding and silence is not consent, it cannot
//!   be concluded as adopted: [`PendingReason::SilenceIsNotConsent`] names them, and the secretariat
//!   must chase them or override the outcome with a reason.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::model::{Consultation, ConsultationState, Forum, Language, Member, Reply, ReplyKind};

/// The count of the members' replies to a consultation. The four numbers add up to the number of members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Tilslutning.
    pub consent: usize,
    /// Tilslutning med bemærkninger.
    pub with_comments: usize,
    /// Indsigelse.
    pub objection: usize,
    /// No reply (yet).
    pub outstanding: usize,
}

impl Tally {
    /// Members that have replied.
    pub fn replied(&self) -> usize {
        self.consent + self.with_comments + self.objection
    }
    /// All members.
    pub fn total(&self) -> usize {
        self.replied() + self.outstanding
    }
}

fn same_authority(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The reply that counts for a member authority: the last one recorded for it, if any.
pub fn reply_of<'a>(c: &'a Consultation, authority: &str) -> Option<&'a Reply> {
    c.replies
        .iter()
        .rev()
        .find(|r| same_authority(&r.authority, authority))
}

/// The reply that counts for a forum member: the last one recorded with its id, or (for a reply
/// recorded without a member id) under its authority name. A renamed member keeps its reply.
pub fn reply_of_member<'a>(c: &'a Consultation, member: &Member) -> Option<&'a Reply> {
    c.replies.iter().rev().find(|r| {
        if !r.member.is_empty() && !member.id.is_empty() {
            r.member == member.id
        } else {
            same_authority(&r.authority, &member.authority)
        }
    })
}

/// The forum members that have not replied (no reply record, or "no reply"), in member order.
pub fn outstanding<'a>(c: &Consultation, forum: &'a Forum) -> Vec<&'a str> {
    forum
        .members
        .iter()
        .filter(|m| reply_of_member(c, m).is_none_or(|r| r.kind == ReplyKind::NoReply))
        .map(|m| m.authority.as_str())
        .collect()
}

/// Counts the replies of the forum's members to the consultation (see the module docs for the rules).
pub fn tally(c: &Consultation, forum: &Forum) -> Tally {
    let mut t = Tally::default();
    for m in &forum.members {
        match reply_of_member(c, m).map(|r| r.kind) {
            Some(ReplyKind::Consent) => t.consent += 1,
            Some(ReplyKind::ConsentWithComments) => t.with_comments += 1,
            Some(ReplyKind::Objection) => t.objection += 1,
            Some(ReplyKind::NoReply) | None => t.outstanding += 1,
        }
    }
    t
}

/// Whether a reply was received after the consultation's deadline (on a later day than the deadline's;
/// replies only carry a date). It still counts; this is for flagging it.
pub fn is_late(reply: &Reply, c: &Consultation) -> bool {
    match (reply.received, c.deadline) {
        (Some(received), Some(deadline)) => received > deadline.date(),
        _ => false,
    }
}

/// Why a consultation cannot be concluded (yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum PendingReason {
    /// Still a draft: it has not been sent.
    NotSent,
    /// The forum has no members, so there is nobody to consent.
    NoMembers,
    /// Members still have time to reply (before the deadline, or no deadline set).
    WaitingForReplies {
        outstanding: usize,
        deadline: Option<NaiveDateTime>,
    },
    /// The deadline has passed, these members did not reply, and the forum does not take silence as consent.
    SilenceIsNotConsent { outstanding: Vec<String> },
}

impl PendingReason {
    /// The reason in words, for users.
    pub fn reason(&self, lang: Language) -> String {
        match (self, lang) {
            (PendingReason::NotSent, Language::Da) => "Høringen er ikke sendt ud endnu.".into(),
            (PendingReason::NotSent, Language::En) => {
                "The consultation has not been sent yet.".into()
            }
            (PendingReason::NoMembers, Language::Da) => "Forummet har ingen medlemmer.".into(),
            (PendingReason::NoMembers, Language::En) => "The forum has no members.".into(),
            (
                PendingReason::WaitingForReplies {
                    outstanding,
                    deadline,
                },
                Language::Da,
            ) => match deadline {
                Some(d) => format!(
                    "Afventer svar fra {outstanding} {} (svarfrist {}).",
                    if *outstanding == 1 {
                        "medlem"
                    } else {
                        "medlemmer"
                    },
                    d.format("%d-%m-%Y kl. %H.%M")
                ),
                None => format!(
                    "Afventer svar fra {outstanding} {}; der er ikke sat en svarfrist.",
                    if *outstanding == 1 {
                        "medlem"
                    } else {
                        "medlemmer"
                    }
                ),
            },
            (
                PendingReason::WaitingForReplies {
                    outstanding,
                    deadline,
                },
                Language::En,
            ) => match deadline {
                Some(d) => format!(
                    "Waiting for {outstanding} {} to reply (deadline {}).",
                    if *outstanding == 1 {
                        "member"
                    } else {
                        "members"
                    },
                    d.format("%Y-%m-%d %H:%M")
                ),
                None => format!(
                    "Waiting for {outstanding} {} to reply; no deadline has been set.",
                    if *outstanding == 1 {
                        "member"
                    } else {
                        "members"
                    }
                ),
            },
            (PendingReason::SilenceIsNotConsent { outstanding }, Language::Da) => format!(
                "Svarfristen er udløbet uden svar fra {}, og manglende svar regnes ikke som tilslutning i dette forum.",
                outstanding.join(", ")
            ),
            (PendingReason::SilenceIsNotConsent { outstanding }, Language::En) => format!(
                "The deadline has passed without a reply from {}, and this forum does not take silence as consent.",
                outstanding.join(", ")
            ),
        }
    }
}

/// The outcome the tally points to; the secretariat confirms it or overrides it with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum ProposedOutcome {
    /// Tiltrådt: nobody objected.
    Adopted,
    /// Ikke tiltrådt: at least one member objected.
    NotAdopted,
    /// It cannot be concluded (yet), for this reason.
    CannotConcludeYet(PendingReason),
}

impl ProposedOutcome {
    /// The proposal in words, for users.
    pub fn describe(&self, lang: Language) -> String {
        match (self, lang) {
            (ProposedOutcome::Adopted, Language::Da) => "Tiltrådt".into(),
            (ProposedOutcome::Adopted, Language::En) => "Adopted".into(),
            (ProposedOutcome::NotAdopted, Language::Da) => "Ikke tiltrådt (indsigelse)".into(),
            (ProposedOutcome::NotAdopted, Language::En) => "Not adopted (objection)".into(),
            (ProposedOutcome::CannotConcludeYet(r), _) => r.reason(lang),
        }
    }
}

/// The outcome the consultation's replies point to at time `now` (see the module docs for the rules).
/// The deadline has passed when `now` is strictly after it. A concluded consultation gets the same
/// proposal as when it was open, so a recorded outcome can be compared with it.
pub fn proposed_outcome(c: &Consultation, forum: &Forum, now: NaiveDateTime) -> ProposedOutcome {
    if c.state == ConsultationState::Draft {
        return ProposedOutcome::CannotConcludeYet(PendingReason::NotSent);
    }
    if forum.members.is_empty() {
        return ProposedOutcome::CannotConcludeYet(PendingReason::NoMembers);
    }
    let t = tally(c, forum);
    let past_deadline = c.deadline.is_some_and(|d| now > d);
    if t.outstanding > 0 && !past_deadline {
        return ProposedOutcome::CannotConcludeYet(PendingReason::WaitingForReplies {
            outstanding: t.outstanding,
            deadline: c.deadline,
        });
    }
    if t.objection > 0 {
        ProposedOutcome::NotAdopted
    } else if t.outstanding == 0 || forum.silence_is_consent {
        ProposedOutcome::Adopted
    } else {
        ProposedOutcome::CannotConcludeYet(PendingReason::SilenceIsNotConsent {
            outstanding: outstanding(c, forum)
                .into_iter()
                .map(String::from)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Member;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 4, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }
    fn forum(silence_is_consent: bool) -> Forum {
        let mut f = Forum::new("psg", "Porteføljestyregruppen", "PSG");
        for a in ["Digitaliseringsstyrelsen", "KL", "Danske Regioner"] {
            f.members.push(Member {
                authority: a.into(),
                representative: String::new(),
                email: String::new(),
                extra: Default::default(),
                ..Default::default()
            });
        }
        f.silence_is_consent = silence_is_consent;
        f
    }
    fn consultation(replies: &[(&str, ReplyKind, u32)]) -> Consultation {
        let mut c = Consultation::new("H-2026-03", "psg", "Udmøntning");
        c.state = ConsultationState::Sent;
        c.sent_date = NaiveDate::from_ymd_opt(2026, 4, 1);
        c.deadline = Some(at(9, 12));
        for (authority, kind, day) in replies {
            c.replies.push(Reply {
                authority: (*authority).into(),
                kind: *kind,
                text: String::new(),
                received: NaiveDate::from_ymd_opt(2026, 4, *day),
                ..Default::default()
            });
        }
        c
    }
    use ReplyKind::*;

    #[test]
    fn tally_counts_members_only() {
        let c = consultation(&[
            ("Digitaliseringsstyrelsen", Consent, 2),
            (" kl ", Objection, 3),
            ("Udenforstående", Objection, 3),
            ("Danske Regioner", NoReply, 3),
        ]);
        let t = tally(&c, &forum(false));
        assert_eq!(
            t,
            Tally {
                consent: 1,
                with_comments: 0,
                objection: 1,
                outstanding: 1
            }
        );
        assert_eq!((t.replied(), t.total()), (2, 3));
        assert_eq!(outstanding(&c, &forum(false)), ["Danske Regioner"]);
    }

    #[test]
    fn the_last_reply_of_a_member_counts() {
        let c = consultation(&[("KL", Objection, 2), ("KL", ConsentWithComments, 3)]);
        assert_eq!(
            tally(&c, &forum(false)),
            Tally {
                consent: 0,
                with_comments: 1,
                objection: 0,
                outstanding: 2
            }
        );
    }

    #[test]
    fn all_replied_before_the_deadline_concludes_early() {
        let c = consultation(&[
            ("Digitaliseringsstyrelsen", Consent, 2),
            ("KL", ConsentWithComments, 3),
            ("Danske Regioner", Consent, 6),
        ]);
        assert_eq!(
            proposed_outcome(&c, &forum(false), at(7, 9)),
            ProposedOutcome::Adopted
        );
    }

    #[test]
    fn one_objection_means_not_adopted() {
        let c = consultation(&[
            ("Digitaliseringsstyrelsen", Consent, 2),
            ("KL", Objection, 3),
        ]);
        // Before the deadline, with a member outstanding, it waits (the objection may be withdrawn).
        assert_eq!(
            proposed_outcome(&c, &forum(true), at(8, 9)),
            ProposedOutcome::CannotConcludeYet(PendingReason::WaitingForReplies {
                outstanding: 1,
                deadline: Some(at(9, 12))
            })
        );
        // After it: not adopted, with or without silence as consent.
        assert_eq!(
            proposed_outcome(&c, &forum(true), at(9, 13)),
            ProposedOutcome::NotAdopted
        );
        assert_eq!(
            proposed_outcome(&c, &forum(false), at(9, 13)),
            ProposedOutcome::NotAdopted
        );
    }

    #[test]
    fn silence_as_consent_on_and_off() {
        let c = consultation(&[("Digitaliseringsstyrelsen", Consent, 2)]);
        assert_eq!(
            proposed_outcome(&c, &forum(true), at(10, 8)),
            ProposedOutcome::Adopted
        );
        let off = proposed_outcome(&c, &forum(false), at(10, 8));
        assert_eq!(
            off,
            ProposedOutcome::CannotConcludeYet(PendingReason::SilenceIsNotConsent {
                outstanding: vec!["KL".into(), "Danske Regioner".into()]
            })
        );
        assert!(off.describe(Language::Da).contains("KL, Danske Regioner"));
        assert!(
            off.describe(Language::En)
                .contains("does not take silence as consent")
        );
        // At the deadline itself it has not passed yet.
        assert!(matches!(
            proposed_outcome(&c, &forum(true), at(9, 12)),
            ProposedOutcome::CannotConcludeYet(PendingReason::WaitingForReplies {
                outstanding: 2,
                ..
            })
        ));
    }

    #[test]
    fn nobody_replied() {
        let c = consultation(&[]);
        assert_eq!(tally(&c, &forum(false)).outstanding, 3);
        assert!(matches!(
            proposed_outcome(&c, &forum(false), at(10, 8)),
            ProposedOutcome::CannotConcludeYet(PendingReason::SilenceIsNotConsent { ref outstanding }) if outstanding.len() == 3
        ));
        assert_eq!(
            proposed_outcome(&c, &forum(true), at(10, 8)),
            ProposedOutcome::Adopted
        );
        let waiting = proposed_outcome(&c, &forum(false), at(3, 8));
        assert_eq!(
            waiting.describe(Language::Da),
            "Afventer svar fra 3 medlemmer (svarfrist 09-04-2026 kl. 12.00)."
        );
        assert_eq!(
            waiting.describe(Language::En),
            "Waiting for 3 members to reply (deadline 2026-04-09 12:00)."
        );
    }

    #[test]
    fn a_late_reply_still_counts() {
        let c = consultation(&[
            ("Digitaliseringsstyrelsen", Consent, 2),
            ("KL", Consent, 3),
            ("Danske Regioner", Objection, 14),
        ]);
        assert!(is_late(&c.replies[2], &c));
        assert!(!is_late(&c.replies[1], &c));
        assert_eq!(
            proposed_outcome(&c, &forum(true), at(15, 8)),
            ProposedOutcome::NotAdopted
        );
        let c = consultation(&[
            ("Digitaliseringsstyrelsen", Consent, 2),
            ("KL", Consent, 3),
            ("Danske Regioner", Consent, 14),
        ]);
        assert_eq!(
            proposed_outcome(&c, &forum(false), at(15, 8)),
            ProposedOutcome::Adopted
        );
    }

    #[test]
    fn drafts_no_members_and_no_deadline() {
        let mut c = consultation(&[("KL", Consent, 2)]);
        c.state = ConsultationState::Draft;
        assert_eq!(
            proposed_outcome(&c, &forum(true), at(20, 8)),
            ProposedOutcome::CannotConcludeYet(PendingReason::NotSent)
        );
        c.state = ConsultationState::Sent;
        let empty = Forum::new("x", "X", "X");
        assert_eq!(
            proposed_outcome(&c, &empty, at(20, 8)),
            ProposedOutcome::CannotConcludeYet(PendingReason::NoMembers)
        );
        c.deadline = None;
        let p = proposed_outcome(&c, &forum(true), at(20, 8));
        assert!(p.describe(Language::En).contains("no deadline"), "{p:?}");
    }
}
