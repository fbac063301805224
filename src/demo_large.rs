//! A national-scale workspace for load tests and benchmarks: by default 2,000 initiatives with 20
//! quarterly reports each (40,000 reports), 1,000 cases, 300 meetings, 200 written consultations and
//! 3,000 decisions, in Danish, deterministic from a seed (no clock, no outside randomness).
//!
//! It lives beside [`crate::demo`] and not in the store because it is content, not storage: the pure
//! [`large_workspace`] builds a [`Workspace`] in memory (tests and benches can use it without a disk),
//! and [`write_large_workspace`] hands it to the store ([`Store::init`] + [`Store::seed_all`]).
//! The initiatives and their reports are exactly those `secretariat generate csv` writes for the same
//! seed, read through the importer, so the two generators agree and share their vocabulary; the
//! forums are the demo's.

use std::path::Path;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::export::dates::mio_kr;
use crate::import::generate::{FIRST_NAMES, LAST_NAMES, Rng};
use crate::import::{ImportKind, generate_portfolio_csv, plan_import};
use crate::model::ids::meeting_id;
use crate::model::{
    ActionItem, AgendaItem, Attachment, Attendance, AttendanceKind, Case, CaseKind, CaseState,
    Consultation, ConsultationOutcome, ConsultationState, Decision, DecisionSource, Forum,
    HistoryEntry, Initiative, ItemKind, Language, Lifecycle, Meeting, MeetingState, Quarter, Rag,
    Record, Reply, ReplyKind, Settings, Stamp, Workspace,
};
use crate::rules::calendar::{is_working_day, working_days_after, working_days_before};
use crate::store::{Store, StoreError};

/// How big a workspace to generate, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeSpec {
    pub initiatives: usize,
    /// Quarterly reports per initiative, from 2021Q1 on.
    pub quarters: usize,
    pub cases: usize,
    pub meetings: usize,
    pub consultations: usize,
    /// At most this many decisions: one per concluded consultation, the rest spread over the case
    /// items of the meetings with approved minutes.
    pub decisions: usize,
    pub seed: u64,
}

impl LargeSpec {
    /// A national portfolio over a strategy period: 2,000 initiatives x 20 quarters, 1,000 cases,
    /// 300 meetings, 200 consultations and 3,000 decisions.
    pub fn national(seed: u64) -> LargeSpec {
        LargeSpec {
            initiatives: 2000,
            quarters: 20,
            cases: 1000,
            meetings: 300,
            consultations: 200,
            decisions: 3000,
            seed,
        }
    }
}

impl Default for LargeSpec {
    fn default() -> Self {
        LargeSpec::national(1)
    }
}

/// Who made the generated records.
const BY: &str = "sekretariatet";

const PLACES: &[&str] = &[
    "Digitaliseringsstyrelsen, Landgreven 4, mødelokale 1",
    "Finansministeriet, Christiansborg Slotsplads 1, mødelokale 2",
    "KL-huset, Weidekampsgade 10, lokale 5.12",
    "Videomøde (Teams)",
];

const PRINCIPAL_QUESTIONS: &[&str] = &[
    "Principiel drøftelse af genbrug af fællesoffentlige komponenter",
    "Principper for prioritering af midler i investeringspuljen",
    "Fælles krav til informationssikkerhed i tværoffentlige løsninger",
    "Retningslinjer for afslutning af initiativer med mindreforbrug",
    "Styring af leverandørafhængighed i porteføljen",
    "Fælles model for gevinstrealisering",
];

const OTHER_CASES: &[&str] = &[
    "Orientering om den årlige statusredegørelse",
    "Orientering om revision af porteføljemodellen",
    "Orientering om nye krav til statusrapportering",
    "Mødeplan for det kommende år",
    "Orientering fra Økonomistyringsudvalget",
];

const DECISION_TEXTS: &[&str] = &[
    "Styregruppen godkendte indstillingen.",
    "Styregruppen godkendte indstillingen og bad om en revideret tidsplan til næste møde.",
    "Styregruppen tog orienteringen til efterretning.",
    "Styregruppen godkendte indstillingen med den bemærkning, at risikovurderingen skal opdateres inden næste statusrapportering.",
    "Styregruppen udtrykte bekymring for forsinkelsen og bad om, at sagen forelægges igen i næste kvartal.",
    "Styregruppen tiltrådte indstillingen og besluttede at orientere STS.",
];

const ACTIONS: &[&str] = &[
    "sender revideret tidsplan og risikovurdering til sekretariatet",
    "udarbejder en plan for genopretning af initiativet",
    "redegør for de økonomiske konsekvenser af forsinkelsen",
    "sender opdateret business case til sekretariatet",
    "orienterer styregruppen om leverandørsituationen på næste møde",
];

const COMMENT_REPLIES: &[&str] = &[
    "Vi kan tilslutte os indstillingen, men opfordrer til, at erfaringerne deles med kommuner og regioner.",
    "Vi kan tilslutte os og forudsætter, at tidsplanen følges tæt i de kommende kvartaler.",
    "Vi tilslutter os med den bemærkning, at gevinsterne bør opgøres på ny ved afslutningen.",
];

const OBJECTIONS: &[&str] = &[
    "Vi kan ikke tilslutte os, før konsekvenserne for driften er belyst.",
    "Vi gør indsigelse: finansieringen af fase 2 er ikke afklaret.",
];

fn at(d: NaiveDate, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(d.year(), d.month(), d.day(), h, 0, 0)
        .single()
        .unwrap_or_default()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

fn next_working_day(mut d: NaiveDate) -> NaiveDate {
    while !is_working_day(d) {
        d = plus_days(d, 1);
    }
    d
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

fn rag_da(r: Rag) -> &'static str {
    match r {
        Rag::NotReported => "ikke rapporteret",
        Rag::Green => "grøn",
        Rag::Yellow => "gul",
        Rag::Red => "rød",
    }
}

/// Sets revision 1 and the generator's stamps.
fn stamped<R: Record>(mut r: R, stamp: &Stamp) -> R {
    r.set_revision(1);
    r.set_created(stamp.clone());
    r.set_updated(stamp.clone());
    r
}

/// `count` distinct indices from `lo..hi`, in ascending order (all of them when the range is smaller).
fn pick_distinct(rng: &mut Rng, lo: usize, hi: usize, count: usize) -> Vec<usize> {
    let mut pool: Vec<usize> = (lo..hi).collect();
    let n = count.min(pool.len());
    for i in 0..n {
        let j = i + rng.below(pool.len() - i);
        pool.swap(i, j);
    }
    pool.truncate(n);
    pool.sort_unstable();
    pool
}

/// Where a case was last used, to set its final state.
#[derive(Clone, Copy)]
enum LastUse {
    Meeting(MeetingState),
    Consultation(ConsultationState),
}

/// A decision before it gets its number.
struct PendingDecision {
    date: NaiveDate,
    forum: String,
    source: DecisionSource,
    case: usize,
    text: String,
}

/// Builds the workspace in memory, sorted. The same spec always gives the same workspace.
///
/// Fails only if the importer refuses the generated CSV (a bug, reported with the importer's message).
pub fn large_workspace(spec: &LargeSpec) -> Result<Workspace, String> {
    let quarters = spec.quarters.max(1);
    let first = Quarter { year: 2021, q: 1 };
    let mut last = first;
    for _ in 1..quarters {
        last = last.next();
    }
    let period_start = first.start();
    // "Today" in the generated world: shortly after the last quarter's reports came in.
    let today = plus_days(last.end(), 40);
    let stamp = Stamp {
        at: at(today, 9),
        by: BY.into(),
    };
    let mut rng = Rng::new(spec.seed ^ 0x5EC2_E7A2_1A7E);

    let mut initiatives = initiatives(spec)?;
    let forums: Vec<Forum> = crate::demo::forums()
        .into_iter()
        .map(|f| stamped(f, &stamp))
        .collect();
    let forum = |id: &str| forums.iter().find(|f| f.id == id);

    // Cases, opened evenly over the period (chronological by index).
    let span = u64::try_from((today - period_start).num_days().max(1)).unwrap_or(1);
    let n_cases = spec.cases;
    let opened: Vec<NaiveDate> = (0..n_cases)
        .map(|i| plus_days(period_start, 20 + span * i as u64 / n_cases.max(1) as u64))
        .collect();
    let mut cases: Vec<Case> = Vec::with_capacity(n_cases);
    let mut per_year: std::collections::HashMap<i32, usize> = Default::default();
    for date in &opened {
        let n = per_year.entry(date.year()).or_default();
        *n += 1;
        let id = format!("S-{}-{:03}", date.year(), n);
        cases.push(case(&mut rng, &id, *date, &initiatives, &stamp));
    }
    let mut last_use: Vec<Option<LastUse>> = vec![None; n_cases];
    // The cases a meeting or consultation on `d` can take: the most recently opened ones.
    let window = (n_cases / 10).max(12);
    let candidates = |d: NaiveDate, want: usize| -> (usize, usize) {
        let hi = opened.partition_point(|o| *o <= d).max(want.min(n_cases));
        (hi.saturating_sub(window.max(want)), hi)
    };

    // Consultations, spread over the period; the concluded ones give a decision each.
    let mut pending: Vec<PendingDecision> = Vec::new();
    let mut consultations: Vec<Consultation> = Vec::with_capacity(spec.consultations);
    let mut per_year: std::collections::HashMap<i32, usize> = Default::default();
    for i in 0..spec.consultations {
        let sent = next_working_day(plus_days(
            period_start,
            45 + (span - span.min(60)) * i as u64 / spec.consultations.max(1) as u64,
        ));
        let f = if rng.below(5) == 0 { "oesu" } else { "psg" };
        let Some(fr) = forum(f) else { continue };
        let n = per_year.entry(sent.year()).or_default();
        *n += 1;
        let id = format!("H-{}-{:02}", sent.year(), n);
        let (lo, hi) = candidates(sent, 1);
        let want = 1 + usize::from(rng.below(8) == 0);
        let picked = pick_distinct(&mut rng, lo, hi, want);
        let Some(&main) = picked.first() else {
            continue;
        };
        let mut c = Consultation::new(&id, f, &format!("Skriftlig høring: {}", cases[main].title));
        c.cases = picked.iter().map(|&k| cases[k].id.clone()).collect();
        c.sent_date = Some(sent);
        let deadline = working_days_after(sent, fr.reply_deadline_working_days);
        c.deadline = Some(deadline.and_time(time(12, 0)));
        let days = (deadline - sent).num_days().max(1) as usize;
        let (mut consent, mut comments, mut objections, mut silent) = (0, 0, 0, 0);
        for m in &fr.members {
            let received = Some(plus_days(sent, 1 + rng.below(days) as u64));
            let (kind, text) = match rng.below(100) {
                0..70 => (ReplyKind::Consent, String::new()),
                70..84 => (
                    ReplyKind::ConsentWithComments,
                    rng.pick(COMMENT_REPLIES).to_string(),
                ),
                84..87 => (ReplyKind::Objection, rng.pick(OBJECTIONS).to_string()),
                _ => {
                    silent += 1;
                    continue;
                }
            };
            match kind {
                ReplyKind::Consent => consent += 1,
                ReplyKind::ConsentWithComments => comments += 1,
                _ => objections += 1,
            }
            c.replies.push(Reply {
                authority: m.authority.clone(),
                member: m.id.clone(),
                kind,
                text,
                received,
            });
        }
        if deadline < today {
            let concluded = next_working_day(plus_days(deadline, 1));
            let adopted = objections == 0;
            c.state = ConsultationState::Concluded;
            c.outcome = Some(if adopted {
                ConsultationOutcome::Adopted
            } else {
                ConsultationOutcome::NotAdopted
            });
            c.concluded_date = Some(concluded);
            pending.push(PendingDecision {
                date: concluded,
                forum: f.into(),
                source: DecisionSource::Consultation {
                    consultation: id.clone(),
                },
                case: main,
                text: format!(
                    "{} {} indstillingen ved skriftlig høring ({consent} tilslutning, {comments} med bemærkninger, {objections} indsigelser, {silent} uden svar).",
                    fr.name,
                    if adopted {
                        "tiltrådte"
                    } else {
                        "tiltrådte ikke"
                    }
                ),
            });
        } else {
            c.state = ConsultationState::Sent;
        }
        for &k in &picked {
            last_use[k] = Some(LastUse::Consultation(c.state));
            cases[k].history.push(HistoryEntry {
                at: Stamp {
                    at: at(sent, 10),
                    by: BY.into(),
                },
                text: format!("Sendt i skriftlig høring {id}"),
            });
        }
        consultations.push(stamped(c, &stamp));
    }

    // Meetings, evenly over the period and two months beyond "today" (the upcoming ones).
    let meeting_span = span + 60;
    let mut dates: Vec<(NaiveDate, &'static str)> = Vec::with_capacity(spec.meetings);
    for i in 0..spec.meetings {
        let d = next_working_day(plus_days(
            period_start,
            30 + meeting_span * i as u64 / spec.meetings.max(1) as u64,
        ));
        let f = match rng.below(100) {
            0..65 => "psg",
            65..85 => "oesu",
            _ => "sts",
        };
        dates.push((d, f));
    }
    let held: Vec<usize> = (0..dates.len()).filter(|&i| dates[i].0 <= today).collect();
    let last_held = held.last().copied();
    let approved = held
        .len()
        .saturating_sub(1)
        .max(usize::from(held.len() == 1));
    // Decision slots on the approved meetings' case items.
    let slots = spec.decisions.saturating_sub(pending.len());
    let mut meetings: Vec<Meeting> = Vec::with_capacity(dates.len());
    let mut ids: Vec<String> = Vec::with_capacity(dates.len());
    let mut n_approved = 0usize;
    for (i, &(date, f)) in dates.iter().enumerate() {
        let Some(fr) = forum(f) else { continue };
        let id = meeting_id(date, f, ids.iter().map(String::as_str));
        ids.push(id.clone());
        let state = if date > today {
            if (date - today).num_days() <= 10 {
                MeetingState::Sent
            } else {
                MeetingState::Draft
            }
        } else if Some(i) == last_held && held.len() > 1 {
            MeetingState::Held
        } else {
            MeetingState::Approved
        };
        let n_items = if state == MeetingState::Approved {
            let k = slots / approved.max(1) + usize::from(n_approved < slots % approved.max(1));
            n_approved += 1;
            k
        } else {
            3 + rng.below(4)
        };
        let mut m = Meeting::new(&id, f, date);
        let morning = rng.below(2) == 0;
        m.start = Some(if morning { time(9, 30) } else { time(13, 0) });
        m.end = Some(if morning { time(11, 30) } else { time(15, 0) });
        m.place = rng.pick(PLACES).to_string();
        m.state = state;
        if state != MeetingState::Draft {
            m.sent_date = Some(working_days_before(date, fr.agenda_dispatch_working_days));
        }
        let minuted = matches!(state, MeetingState::Approved | MeetingState::Held);
        let (lo, hi) = candidates(date, n_items);
        let picked = pick_distinct(&mut rng, lo, hi, n_items);
        for s in fr.standard_items.iter().filter(|s| !s.last) {
            m.items.push(standard_item(s, minuted));
        }
        for &k in &picked {
            let c = &cases[k];
            let mut it = AgendaItem::new(&c.title, ItemKind::Decision);
            it.case = Some(c.id.clone());
            it.presenter = c
                .initiative
                .as_deref()
                .and_then(|i| initiatives.iter().find(|x| x.id == i))
                .map(|x| x.ministry.clone())
                .unwrap_or_else(|| "Sekretariatet".into());
            it.minutes_allotted = 10 + 5 * rng.below(3) as u32;
            it.recommendation = c.recommendation.clone();
            it.background = c.background.clone();
            it.attachments = c.attachments.clone();
            it.closed = rng.below(20) == 0;
            if minuted {
                it.minutes.decision = rng.pick(DECISION_TEXTS).to_string();
                for _ in 0..rng.below(3) {
                    let due = plus_days(date, 30 + 15 * rng.below(5) as u64);
                    it.minutes.action_items.push(ActionItem {
                        text: format!("{} {}.", it.presenter, rng.pick(ACTIONS)),
                        owner: it.presenter.clone(),
                        due: Some(due),
                        done: due < today && rng.below(5) != 0,
                        owner_member: String::new(),
                    });
                }
            }
            if state == MeetingState::Approved {
                pending.push(PendingDecision {
                    date,
                    forum: f.into(),
                    source: DecisionSource::Meeting {
                        meeting: id.clone(),
                        item: m.items.len() as u32 + 1,
                    },
                    case: k,
                    text: it.minutes.decision.clone(),
                });
            }
            last_use[k] = Some(LastUse::Meeting(state));
            cases[k].history.push(HistoryEntry {
                at: Stamp {
                    at: at(m.sent_date.unwrap_or(date), 10),
                    by: BY.into(),
                },
                text: format!("Sat på dagsordenen for mødet {id}"),
            });
            m.items.push(it);
        }
        for s in fr.standard_items.iter().filter(|s| s.last) {
            m.items.push(standard_item(s, minuted));
        }
        if minuted {
            m.attendance = fr
                .members
                .iter()
                .map(|mem| match rng.below(20) {
                    0 => Attendance {
                        authority: mem.authority.clone(),
                        member: mem.id.clone(),
                        kind: AttendanceKind::Absent,
                        name: String::new(),
                    },
                    1 | 2 => Attendance {
                        authority: mem.authority.clone(),
                        member: mem.id.clone(),
                        kind: AttendanceKind::Substitute,
                        name: person(&mut rng),
                    },
                    _ => Attendance {
                        authority: mem.authority.clone(),
                        member: mem.id.clone(),
                        kind: AttendanceKind::Present,
                        name: mem.representative.clone(),
                    },
                })
                .collect();
        }
        meetings.push(stamped(m, &stamp));
    }

    // The decision register, numbered per year in date order.
    pending.truncate(spec.decisions);
    pending.sort_by_cached_key(|a| (a.date, a.source.label()));
    let mut per_year: std::collections::HashMap<i32, usize> = Default::default();
    let decisions: Vec<Decision> = pending
        .into_iter()
        .map(|p| {
            let n = per_year.entry(p.date.year()).or_default();
            *n += 1;
            let id = format!("B-{}-{:03}", p.date.year(), n);
            let mut d = Decision::new(&id, p.date, &p.forum, p.source, &p.text);
            d.case = Some(cases[p.case].id.clone());
            d.initiative = cases[p.case].initiative.clone();
            stamped(d, &stamp)
        })
        .collect();

    // Each case's state from where it was last used.
    for (k, c) in cases.iter_mut().enumerate() {
        c.state = match last_use[k] {
            Some(LastUse::Meeting(MeetingState::Approved | MeetingState::Held)) => {
                if (today - opened[k]).num_days() > 365 {
                    CaseState::Closed
                } else {
                    CaseState::Decided
                }
            }
            Some(LastUse::Meeting(_)) => CaseState::OnAgenda,
            Some(LastUse::Consultation(ConsultationState::Concluded)) => CaseState::Decided,
            Some(LastUse::Consultation(_)) => CaseState::InConsultation,
            None if (today - opened[k]).num_days() <= 120 => {
                if k % 2 == 0 {
                    CaseState::Ready
                } else {
                    CaseState::Draft
                }
            }
            None => CaseState::Closed,
        };
        c.history.sort_by_key(|a| a.at.at);
    }
    // An initiative whose closing report was decided is closed.
    for c in &cases {
        if c.kind == CaseKind::ClosingReport
            && matches!(c.state, CaseState::Decided | CaseState::Closed)
            && let Some(i) = c.initiative.as_deref()
            && let Some(ini) = initiatives.iter_mut().find(|x| x.id == i)
        {
            ini.lifecycle = Lifecycle::Closed;
        }
    }

    let mut ws = Workspace {
        settings: Settings {
            name: format!(
                "Porteføljestyregruppen – national portefølje (genereret, frø {})",
                spec.seed
            ),
            language: Language::Da,
            revision: 1,
            created: stamp.clone(),
            updated: stamp.clone(),
            default_forum: Some("psg".into()),
            ..Settings::default()
        },
        forums,
        initiatives: std::mem::take(&mut initiatives),
        cases,
        meetings,
        consultations,
        decisions,
        index: Default::default(),
    };
    ws.sort();
    Ok(ws)
}

/// The initiatives and reports of `generate_portfolio_csv` for the spec, through the importer.
fn initiatives(spec: &LargeSpec) -> Result<Vec<Initiative>, String> {
    let (ini, rep) = generate_portfolio_csv(spec.initiatives, spec.quarters, spec.seed);
    let mut ws = Workspace::default();
    for (kind, label, text) in [
        (ImportKind::Initiatives, "initiatives.csv", ini),
        (ImportKind::Reports, "reports.csv", rep),
    ] {
        let plan = plan_import(kind, label, text.as_bytes(), &ws).map_err(|ps| {
            let first = ps.first().map(|p| p.to_string()).unwrap_or_default();
            format!("the generated {label} does not import: {first}")
        })?;
        plan.apply(&mut ws);
    }
    Ok(ws.initiatives)
}

fn standard_item(s: &crate::model::StandardItem, minuted: bool) -> AgendaItem {
    let mut it = AgendaItem::new(&s.title, s.kind);
    it.minutes_allotted = s.minutes;
    it.follow_up = s.follow_up;
    if minuted {
        it.minutes.decision = match s.title.as_str() {
            "Godkendelse af dagsorden" => "Dagsordenen blev godkendt.",
            "Godkendelse af referat fra seneste møde" => "Referatet blev godkendt.",
            "Meddelelser" => "Sekretariatet orienterede om status på porteføljen.",
            "Eventuelt" => "Intet.",
            _ => "",
        }
        .into();
    }
    it
}

/// One case opened on `date`, about a random initiative (most kinds) with its figures of that quarter.
fn case(rng: &mut Rng, id: &str, date: NaiveDate, inits: &[Initiative], stamp: &Stamp) -> Case {
    let kind = match rng.below(100) {
        0..50 => CaseKind::DeviationStatus,
        50..65 => CaseKind::Disbursement,
        65..75 => CaseKind::ClosingReport,
        75..85 => CaseKind::OverUnderspend,
        85..95 => CaseKind::PrincipalQuestion,
        _ => CaseKind::Other,
    };
    let ini = match kind {
        CaseKind::PrincipalQuestion | CaseKind::Other => None,
        _ => inits.get(rng.below(inits.len())),
    };
    let q = Quarter::of(date).prev();
    let (title, recommendation) = match (kind, ini) {
        (CaseKind::DeviationStatus, Some(i)) => (
            format!("Status på afvigende initiativ {} {}", i.id, i.name),
            "Det indstilles, at styregruppen tager status til efterretning og beder om en revideret plan.",
        ),
        (CaseKind::Disbursement, Some(i)) => (
            format!("Udmøntning af midler til initiativ {} {}", i.id, i.name),
            "Det indstilles, at styregruppen godkender udmøntningen af midlerne.",
        ),
        (CaseKind::ClosingReport, Some(i)) => (
            format!("Afslutningsrapport for initiativ {} {}", i.id, i.name),
            "Det indstilles, at styregruppen godkender afslutningsrapporten, og at initiativet afsluttes.",
        ),
        (CaseKind::OverUnderspend, Some(i)) => (
            format!("Mer- og mindreforbrug på initiativ {} {}", i.id, i.name),
            "Det indstilles, at styregruppen godkender omprioriteringen af mindreforbruget.",
        ),
        (CaseKind::PrincipalQuestion, _) => (
            rng.pick(PRINCIPAL_QUESTIONS).to_string(),
            "Det indstilles, at styregruppen drøfter spørgsmålet og giver sekretariatet mandat til at udarbejde et forslag.",
        ),
        _ => (
            rng.pick(OTHER_CASES).to_string(),
            "Det indstilles, at styregruppen tager orienteringen til efterretning.",
        ),
    };
    let mut c = Case::new(id, kind, &title);
    c.forum = Some("psg".into());
    c.initiative = ini.map(|i| i.id.clone());
    c.recommendation = recommendation.into();
    c.background = match ini {
        Some(i) => {
            let mut text = format!(
                "{} ({}, {}) er et initiativ under indsatsområdet {}.",
                i.name, i.ministry, i.institution, i.focus_area
            );
            if let Some(r) = i.report(q) {
                text.push_str(&format!(
                    "\n\nI statusrapporten for {}. kvartal {} er den samlede status {} (tid {}, økonomi {}, indhold {}, risiko {}).",
                    q.q,
                    q.year,
                    rag_da(r.overall),
                    rag_da(r.time),
                    rag_da(r.cost),
                    rag_da(r.scope),
                    rag_da(r.risk)
                ));
                if let (Some(b), Some(f)) = (r.budget.or(i.budget), r.forecast) {
                    // mio_kr ends in "kr.", which also ends the sentence.
                    text.push_str(&format!(
                        " Det forventede forbrug er {} mod et budget på {}",
                        mio_kr(f, Language::Da),
                        mio_kr(b, Language::Da)
                    ));
                }
                if !r.comment.is_empty() {
                    text.push_str(&format!("\n\nProjektets kommentar: {}", r.comment));
                }
            }
            text
        }
        None => "Sekretariatet har udarbejdet et notat, der danner grundlag for drøftelsen.".into(),
    };
    if rng.below(3) != 0 {
        c.attachments.push(Attachment::new(
            &format!("Bilag 1: Notat til sag {id}"),
            &format!("bilag/{id}-notat.pdf"),
        ));
    }
    c.history.push(HistoryEntry {
        at: Stamp {
            at: at(date, 9),
            by: BY.into(),
        },
        text: "Sagen blev oprettet".into(),
    });
    stamped(c, stamp)
}

/// Generates the workspace for `spec` and writes it into a new workspace in `dir` (which must not hold
/// one already). Returns the store and the in-memory workspace.
pub fn write_large_workspace(dir: &Path, spec: &LargeSpec) -> Result<(Store, Workspace), String> {
    let mut ws = large_workspace(spec)?;
    let mut settings = ws.settings.clone();
    let store = Store::init(dir, &mut settings).map_err(|e: StoreError| e.to_string())?;
    write_bilag_files(dir, &mut ws)?;
    store.seed_all(&ws).map_err(|e| e.to_string())?;
    Ok((store, ws))
}

/// Gives every case's bilag a real file: one small generic memo (a PDF made by the program's own
/// engine), written once and hard-linked (or copied) to each bilag's path, with its size and hash.
fn write_bilag_files(dir: &Path, ws: &mut Workspace) -> Result<(), String> {
    let paths: Vec<String> = ws
        .cases
        .iter()
        .flat_map(|c| c.attachments.iter().map(|a| a.path.clone()))
        .filter(|p| !p.is_empty())
        .collect();
    let Some(first) = paths.first() else {
        return Ok(());
    };
    let memo = Attachment::new("Notat til sagen", first);
    let bytes = crate::demo_bilag::render(ws, &memo, None).map_err(|e| e.to_string())?;
    let (size, hash) = (bytes.len() as u64, crate::store::bilag::sha256_hex(&bytes));
    let master = dir.join(first);
    crate::store::write_atomic(&master, &bytes).map_err(|e| e.to_string())?;
    for p in &paths[1..] {
        let path = dir.join(p);
        if path.exists() {
            continue;
        }
        if std::fs::hard_link(&master, &path).is_err() {
            crate::store::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        }
    }
    for c in &mut ws.cases {
        for a in c.attachments.iter_mut().filter(|a| !a.path.is_empty()) {
            a.size = Some(size);
            a.sha256 = Some(hash.clone());
        }
    }
    Ok(())
}

/// The ids of every record in the workspace, for tests: (folder, id) pairs, unique if the generator
/// is right.
#[cfg(test)]
fn all_ids(ws: &Workspace) -> Vec<(&'static str, String)> {
    let mut v = vec![];
    v.extend(ws.forums.iter().map(|r| ("forums", r.id.clone())));
    v.extend(ws.initiatives.iter().map(|r| ("initiatives", r.id.clone())));
    v.extend(ws.cases.iter().map(|r| ("cases", r.id.clone())));
    v.extend(ws.meetings.iter().map(|r| ("meetings", r.id.clone())));
    v.extend(
        ws.consultations
            .iter()
            .map(|r| ("consultations", r.id.clone())),
    );
    v.extend(ws.decisions.iter().map(|r| ("decisions", r.id.clone())));
    v
}

#[cfg(test)]
mod tests;
