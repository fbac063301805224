//! Export tests: a fixture workspace built in code, golden files in tests/golden (rewrite them with
//! `UPDATE_GOLDEN=1 cargo test`), hostile text, and an iCalendar structure check.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::model::{
    ActionItem, AgendaItem, Attachment, Attendance, AttendanceKind, Case, CaseKind, Consultation,
    ConsultationOutcome, ConsultationState, Forum, ItemKind, Meeting, Member, Reply, ReplyKind,
    Stamp,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn member(authority: &str, representative: &str) -> Member {
    Member {
        authority: authority.into(),
        representative: representative.into(),
        email: String::new(),
        extra: Default::default(),
        ..Default::default()
    }
}

fn action(text: &str, owner: &str, due: Option<NaiveDate>, done: bool) -> ActionItem {
    ActionItem {
        text: text.into(),
        owner: owner.into(),
        due,
        done,
        ..Default::default()
    }
}

fn item(title: &str, kind: ItemKind, minutes: u32) -> AgendaItem {
    let mut i = AgendaItem::new(title, kind);
    i.minutes_allotted = minutes;
    i
}

const DIGST: &str = "Digitaliseringsstyrelsen";
const SKM: &str = "Skatteministeriet";
const JM: &str = "Justitsministeriet";
const KEFM: &str = "Klima-, Energi- og Forsyningsministeriet";

/// A forum with four members, an earlier meeting with action items, the meeting of 3 December 2026
/// (standard items, a case item with two annexes, a closed item, minutes), and a consultation with replies.
fn fixture() -> Workspace {
    let mut ws = Workspace::default();
    ws.settings.name = "Porteføljestyregruppen".into();

    let mut f = Forum::new("psg", "Porteføljestyregruppen", "PSG");
    f.members = vec![
        member(DIGST, "Anne Hansen"),
        member(SKM, "Bo Jensen"),
        member(JM, "Carla Østergaard"),
        member(KEFM, "Dorte Ålund"),
    ];
    f.chair = DIGST.into();
    f.secretariat =
        "Digitaliseringsstyrelsen, Kontor for styring af digitaliseringsstrategien".into();
    f.silence_is_consent = true;
    f.standard_items = vec![crate::model::StandardItem {
        title: "Godkendelse af dagsorden".into(),
        recommendation: "Det indstilles, at Porteføljestyregruppen godkender dagsordenen.".into(),
        minutes: 5,
        ..Default::default()
    }];
    f.ensure_member_ids();
    ws.forums.push(f);
    ws.settings.sender = crate::model::Sender {
        authority: DIGST.into(),
        office: "Kontor for styring af digitaliseringsstrategien".into(),
        address: "Landgreven 4\n1301 København K".into(),
        email: "psg@digst.example.dk".into(),
        phone: "33 92 52 00".into(),
        contact: crate::model::Contact {
            name: "Mette Kjær".into(),
            title: "Chefkonsulent".into(),
        },
    };

    let mut c1 = Case::new(
        "S-2026-014",
        CaseKind::Disbursement,
        "Udmøntning af midler til fællesoffentlig datainfrastruktur",
    );
    c1.recommendation = "Det indstilles, at Porteføljestyregruppen godkender udmøntningen af 14,3 mio. kr. til projektet.".into();
    c1.background = "Projektet blev igangsat i 2025.\nDet har fulgt planen.\n\nDer er behov for yderligere midler i 2027, jf. bilag 1.".into();
    c1.attachments = vec![
        Attachment {
            title: "Projektbeskrivelse".into(),
            path: "bilag/s-2026-014-1.pdf".into(),
        },
        Attachment {
            title: "Budget 2027–2029".into(),
            path: "bilag/s-2026-014-2.xlsx".into(),
        },
    ];
    ws.cases.push(c1.clone());
    let mut c2 = Case::new(
        "S-2026-015",
        CaseKind::PrincipalQuestion,
        "Fælles principper for cloud",
    );
    c2.recommendation = "Det indstilles, at principperne tiltrædes.".into();
    c2.background = "Principperne er udarbejdet af en tværministeriel arbejdsgruppe.".into();
    ws.cases.push(c2);

    let mut earlier = Meeting::new("2026-09-10-psg", "psg", date(2026, 9, 10));
    let mut status = item("Status på porteføljen", ItemKind::Information, 20);
    status.minutes.decision = "Porteføljestyregruppen tog orienteringen til efterretning.".into();
    status.minutes.action_items = vec![
        action(
            "Skatteministeriet fremsender revideret tidsplan",
            SKM,
            Some(date(2026, 10, 1)),
            false,
        ),
        action(
            "Sekretariatet opdaterer porteføljeoversigten",
            "Sekretariatet",
            None,
            true,
        ),
    ];
    let mut secret = item("Personalesag", ItemKind::Discussion, 10);
    secret.closed = true;
    secret.minutes.action_items = vec![action("Fortroligt opfølgningspunkt", DIGST, None, false)];
    earlier.items = vec![status, secret];
    earlier.state = crate::model::MeetingState::Approved;
    earlier.approved_date = Some(date(2026, 9, 24));
    ws.meetings.push(earlier);

    let mut m = Meeting::new("2026-12-03-psg", "psg", date(2026, 12, 3));
    m.start = Some(hm(9, 30));
    m.end = Some(hm(12, 0));
    m.place = "Landgreven 4, mødelokale 1".into();
    m.agenda_version = 2;
    m.revision_note = "Punkt 4 er tilføjet.".into();
    m.journal = "2026-4711".into();
    m.chair = "Anne Hansen".into();
    m.secretary = "Mette Kjær".into();
    m.updated = Stamp {
        at: DateTime::<Utc>::from_timestamp(1_795_680_900, 0).unwrap(),
        by: "sekretariat".into(),
    };
    let mut approve = item("Godkendelse af dagsorden", ItemKind::Decision, 5);
    approve.minutes.decision = "Dagsordenen blev godkendt.".into();
    let mut follow = item("Opfølgning på beslutninger", ItemKind::Information, 10);
    follow.follow_up = true;
    let mut case_item = item(&c1.title, ItemKind::Decision, 30);
    case_item.case = Some(c1.id.clone());
    case_item.presenter = "Skatteministeriet (Bo Jensen)".into();
    case_item.recommendation = format!(
        "{}\n\nDet indstilles endvidere, at\n- Skatteministeriet afrapporterer i 2. kvartal 2027\n- sekretariatet orienterer STS",
        c1.recommendation
    );
    case_item.background = c1.background.clone();
    case_item.attachments = c1.attachments.clone();
    case_item.minutes.decision = "Porteføljestyregruppen godkendte indstillingen med den bemærkning, at der afrapporteres i 2. kvartal 2027.".into();
    case_item.minutes.action_items = vec![
        action(
            "Sekretariatet orienterer Statens It-råd",
            "Sekretariatet",
            Some(date(2026, 12, 10)),
            false,
        ),
        action(
            "Skatteministeriet leverer afrapportering",
            SKM,
            Some(date(2027, 6, 30)),
            false,
        ),
    ];
    let mut closed = item("Personalesag", ItemKind::Discussion, 20);
    closed.closed = true;
    closed.recommendation = "Fortroligt: indstilling om ansættelse.".into();
    closed.minutes.decision = "Fortroligt: indstillingen blev tiltrådt.".into();
    let any = item("Eventuelt", ItemKind::Information, 5);
    m.items = vec![approve, follow, case_item, closed, any];
    m.attendance = vec![
        Attendance {
            authority: DIGST.into(),
            kind: AttendanceKind::Present,
            name: "Anne Hansen".into(),
            ..Default::default()
        },
        Attendance {
            authority: SKM.into(),
            kind: AttendanceKind::Substitute,
            name: "Erik Møller".into(),
            ..Default::default()
        },
        Attendance {
            authority: JM.into(),
            kind: AttendanceKind::Absent,
            name: String::new(),
            ..Default::default()
        },
        Attendance {
            authority: KEFM.into(),
            kind: AttendanceKind::Present,
            name: "Dorte Ålund".into(),
            ..Default::default()
        },
    ];
    ws.meetings.push(m);

    let mut h = Consultation::new("H-2026-03", "psg", "Udmøntning af reserven 2027");
    h.cases = vec!["S-2026-014".into(), "S-2026-015".into()];
    h.sent_date = Some(date(2026, 11, 27));
    h.deadline = Some(date(2026, 12, 4).and_time(hm(12, 0)));
    h.state = ConsultationState::Sent;
    h.replies = vec![
        Reply {
            authority: DIGST.into(),
            kind: ReplyKind::Consent,
            text: String::new(),
            received: Some(date(2026, 11, 30)),
            ..Default::default()
        },
        Reply {
            authority: SKM.into(),
            kind: ReplyKind::ConsentWithComments,
            text: "Vi kan tilslutte os, men ønsker en status i juni.".into(),
            received: Some(date(2026, 12, 2)),
            ..Default::default()
        },
        Reply {
            authority: JM.into(),
            kind: ReplyKind::NoReply,
            text: String::new(),
            received: None,
            ..Default::default()
        },
    ];
    h.outcome = Some(ConsultationOutcome::Adopted);
    h.override_reason = "Justitsministeriet har mundtligt tilkendegivet tilslutning.".into();
    h.journal = "2026-4712".into();
    h.remarks = "Skatteministeriets ønske om en status i juni imødekommes.".into();
    ws.consultations.push(h);
    ws
}

const MEETING: &str = "2026-12-03-psg";
const CONSULTATION: &str = "H-2026-03";

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compares `actual` byte for byte with tests/golden/`name`, or rewrites it when UPDATE_GOLDEN is set.
fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the export (run with UPDATE_GOLDEN=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// The day the fixture's documents are made.
fn today() -> NaiveDate {
    date(2026, 12, 1)
}

fn opts(public: bool) -> Options {
    Options {
        public,
        today: Some(today()),
        deadline: None,
    }
}

fn ex(ws: &Workspace, kind: DocKind, id: &str, format: Format, public: bool) -> String {
    match format {
        // The XML of the document part (the archive around it holds only fixed parts).
        Format::Docx => docx::document_xml(&document::build(ws, kind, id, &opts(public)).unwrap()),
        _ => export(ws, kind, id, format, &opts(public)).unwrap(),
    }
}

/// Every document in every format it supports, with and without the public option.
fn all_exports(ws: &Workspace, meeting: &str, consultation: &str) -> Vec<(String, String)> {
    // Docx is compared as the XML of its document part.
    let mut out = vec![];
    for kind in DocKind::ALL {
        let id = if kind.is_meeting() {
            meeting
        } else {
            consultation
        };
        for format in Format::ALL {
            if format == Format::Ics && kind != DocKind::Agenda {
                continue;
            }
            for public in [false, true] {
                out.push((
                    format!("{kind:?}.{format} public={public}"),
                    ex(ws, kind, id, format, public),
                ));
            }
        }
    }
    out
}

#[test]
fn golden_files() {
    let ws = fixture();
    for format in Format::ALL {
        let ext = match format {
            Format::Docx => "docx.xml",
            _ => format.extension(),
        };
        golden(
            &format!("agenda.{ext}"),
            &ex(&ws, DocKind::Agenda, MEETING, format, false),
        );
        if format == Format::Ics {
            continue;
        }
        golden(
            &format!("minutes.{ext}"),
            &ex(&ws, DocKind::Minutes, MEETING, format, false),
        );
        golden(
            &format!("letter.{ext}"),
            &ex(&ws, DocKind::Letter, CONSULTATION, format, false),
        );
        golden(
            &format!("reminder.{ext}"),
            &ex(&ws, DocKind::Reminder, CONSULTATION, format, false),
        );
        golden(
            &format!("summary.{ext}"),
            &ex(&ws, DocKind::Summary, CONSULTATION, format, false),
        );
    }
    golden(
        "agenda-public.html",
        &ex(&ws, DocKind::Agenda, MEETING, Format::Html, true),
    );
    let mut en = fixture();
    en.settings.language = Language::En;
    golden(
        "agenda-en.md",
        &ex(&en, DocKind::Agenda, MEETING, Format::Md, false),
    );
    golden(
        "summary-en.txt",
        &ex(&en, DocKind::Summary, CONSULTATION, Format::Txt, false),
    );
}

#[test]
fn output_is_deterministic_and_independent_of_record_order() {
    let ws = fixture();
    let mut shuffled = fixture();
    shuffled.meetings.reverse();
    shuffled.forums.reverse();
    shuffled.cases.reverse();
    assert_eq!(
        all_exports(&ws, MEETING, CONSULTATION),
        all_exports(&shuffled, MEETING, CONSULTATION)
    );
    assert_eq!(
        all_exports(&ws, MEETING, CONSULTATION),
        all_exports(&fixture(), MEETING, CONSULTATION)
    );
}

#[test]
fn agenda_content() {
    let ws = fixture();
    let md = ex(&ws, DocKind::Agenda, MEETING, Format::Md, false);
    assert!(
        md.starts_with("**UDKAST**\n\n# Revideret dagsorden (version 2): Porteføljestyregruppen\n"),
        "{md}"
    );
    // No "Forum:" line under a title that names the forum.
    assert!(!md.contains("**Forum:**"), "{md}");
    assert!(md.contains("- **Formand:** Anne Hansen"), "{md}");
    assert!(md.contains("- **J.nr.:** 2026-4711"), "{md}");
    // Page 1: the overview of items, before the participants.
    let overview = md.split("## Dagsordenens punkter").nth(1).unwrap();
    let overview = overview.split("## Deltagere").next().unwrap();
    assert!(
        overview.contains("- **3.** kl. 9.45 – Udmøntning af midler"),
        "{overview}"
    );
    // A standard item carries the forum's indstilling for it.
    let first = md.split("## 1. Godkendelse af dagsorden").nth(1).unwrap();
    assert!(
        first
            .split("## 2.")
            .next()
            .unwrap()
            .contains("Det indstilles, at Porteføljestyregruppen godkender dagsordenen."),
        "{first}"
    );
    // A list typed into an indstilling stays a list.
    assert!(
        md.contains("Det indstilles endvidere, at\n\n- Skatteministeriet afrapporterer i 2. kvartal 2027\n- sekretariatet orienterer STS"),
        "{md}"
    );
    // Overdue follow-ups are marked, others not.
    assert!(md.contains("frist: 1. oktober 2026 – overskredet"), "{md}");
    // Closed items are marked in the internal version.
    let closed = md.split("## 4. Personalesag").nth(1).unwrap();
    assert!(closed.starts_with("\n\n**Lukket punkt**"), "{closed}");
    // No backslash line breaks; headings never skip a level.
    assert!(!md.contains("\\\n"), "{md}");
    assert!(md.contains("torsdag den 3. december 2026"));
    assert!(md.contains("kl. 9.30–12.00"));
    assert!(md.contains("Punkt 4 er tilføjet."));
    // Start times: 9.30, 9.35, 9.45, 10.15, 10.35.
    for t in ["kl. 9.30", "kl. 9.35", "kl. 9.45", "kl. 10.15", "kl. 10.35"] {
        assert!(md.contains(&format!("**Tidspunkt:** {t}")), "{t} missing");
    }
    assert!(md.contains("Bilag 3.1: Projektbeskrivelse"));
    assert!(md.contains("Bilag 3.2: Budget 2027–2029"));
    assert!(md.contains("Carla Østergaard"));
    // Follow-up: the open item of the earlier meeting, not the done one.
    assert!(md.contains("Skatteministeriet fremsender revideret tidsplan"));
    assert!(!md.contains("opdaterer porteføljeoversigten"));
    assert!(
        md.contains("Fortroligt opfølgningspunkt"),
        "internal agenda lists closed items' actions"
    );
    // Action items of this very meeting are not yet on its agenda.
    assert!(!md.contains("orienterer Statens It-råd"));
}

#[test]
fn public_exports_hide_closed_items() {
    let ws = fixture();
    for format in Format::ALL {
        let internal = ex(&ws, DocKind::Agenda, MEETING, format, false);
        let public = ex(&ws, DocKind::Agenda, MEETING, format, true).replace("\r\n ", "");
        assert!(internal.contains("Personalesag"), "{format}");
        assert!(!public.contains("Personalesag"), "{format}: {public}");
        assert!(!public.contains("Fortroligt"), "{format}: {public}");
        assert!(public.contains("4. Lukket punkt"), "{format}: {public}");
        assert!(
            public.contains("5. Eventuelt") || public.contains("5. kl. 10.35 Eventuelt"),
            "{format}"
        );
    }
    let minutes = ex(&ws, DocKind::Minutes, MEETING, Format::Txt, true);
    assert!(!minutes.contains("Fortroligt"), "{minutes}");
    assert!(minutes.contains("4. Lukket punkt"));
}

#[test]
fn minutes_content() {
    let ws = fixture();
    let txt = ex(&ws, DocKind::Minutes, MEETING, Format::Txt, false);
    assert!(
        txt.starts_with("*** UDKAST ***\n\nBeslutningsreferat: Porteføljestyregruppen\n"),
        "{txt}"
    );
    assert!(
        txt.contains("Formand:  Anne Hansen\nReferent: Mette Kjær"),
        "{txt}"
    );
    assert!(
        txt.contains("Skatteministeriet: Erik Møller (stedfortræder for Bo Jensen)"),
        "{txt}"
    );
    assert!(
        txt.contains("Afbud:\n- Justitsministeriet: Carla Østergaard"),
        "{txt}"
    );
    // Only items for decision have a "Beslutning"; one for discussion gets its conclusion.
    assert_eq!(txt.matches("Beslutning:\n").count(), 2, "{txt}");
    assert!(txt.contains("Konklusion:\nFortroligt: indstillingen blev tiltrådt."));
    // Approved minutes say when.
    let earlier = ex(&ws, DocKind::Minutes, "2026-09-10-psg", Format::Txt, false);
    assert!(
        earlier.starts_with("*** Godkendt den 24. september 2026 ***\n"),
        "{earlier}"
    );
    assert!(!earlier.contains("UDKAST"));
    assert!(earlier.contains("Referat:\nPorteføljestyregruppen tog orienteringen"));
    assert!(
        txt.contains("Beslutning:\nDagsordenen blev godkendt."),
        "{txt}"
    );
    let follow = txt.split("Opfølgningsliste\n").nth(1).unwrap();
    assert!(follow.contains("Skatteministeriet fremsender revideret tidsplan"));
    assert!(follow.contains("Sekretariatet orienterer Statens It-råd"));
    assert!(follow.contains("frist: 10. december 2026"));
    assert!(!follow.contains("porteføljeoversigten"));
}

#[test]
fn consultation_documents() {
    let ws = fixture();
    let letter = ex(&ws, DocKind::Letter, CONSULTATION, Format::Txt, false);
    assert!(letter.contains("fredag den 4. december 2026 kl. 12.00"));
    assert!(letter.contains("Manglende svar betragtes som tilslutning."));
    for who in [
        "Anne Hansen",
        "Bo Jensen",
        "Carla Østergaard",
        "Dorte Ålund",
    ] {
        assert!(letter.contains(who), "{who}");
    }
    assert!(letter.contains("Bilag 1.2: Budget 2027–2029"));
    assert!(letter.contains("- Tilslutning med bemærkninger"));

    let mut ws2 = fixture();
    ws2.forums[0].silence_is_consent = false;
    let letter = ex(&ws2, DocKind::Letter, CONSULTATION, Format::Md, false);
    assert!(letter.contains("Manglende svar betragtes ikke som tilslutning."));

    let reminder = ex(&ws, DocKind::Reminder, CONSULTATION, Format::Txt, false);
    let to = reminder
        .split("Til medlemmerne af Porteføljestyregruppen:")
        .nth(1)
        .unwrap()
        .split("Rykker:")
        .next()
        .unwrap();
    assert!(to.contains(JM) && to.contains("Klima-, Energi- og"), "{to}");
    assert!(!to.contains("Anne Hansen") && !to.contains(SKM), "{to}");
    assert!(reminder.contains("fredag den 4. december 2026 kl. 12.00"));
    assert!(reminder.contains("Dato:  1. december 2026"), "{reminder}");
    assert!(
        reminder.contains("»Udmøntning af reserven 2027«"),
        "{reminder}"
    );
    assert!(!reminder.contains('"'), "{reminder}");
    // A new deadline set by the secretariat.
    let mut o = opts(false);
    o.deadline = Some(date(2026, 12, 8).and_time(hm(12, 0)));
    let again = markdown::export(&ws, DocKind::Reminder, CONSULTATION, &o).unwrap();
    assert!(
        again.contains("ny svarfrist: tirsdag den 8. december 2026 kl. 12.00"),
        "{again}"
    );
    assert!(
        again.contains("senest tirsdag den 8. december 2026 kl. 12.00"),
        "{again}"
    );
    // A deadline gone by is said to be passed.
    let mut late = opts(false);
    late.today = Some(date(2026, 12, 7));
    let late = markdown::export(&ws, DocKind::Reminder, CONSULTATION, &late).unwrap();
    assert!(late.contains("Svarfristen er overskredet"), "{late}");
    // No reminder for a consultation that is concluded or not sent.
    for (state, err) in [
        (
            ConsultationState::Concluded,
            ExportError::ReminderConcluded(CONSULTATION.into()),
        ),
        (
            ConsultationState::Draft,
            ExportError::ReminderNotSent(CONSULTATION.into()),
        ),
    ] {
        let mut w = fixture();
        w.consultations[0].state = state;
        assert_eq!(
            export(
                &w,
                DocKind::Reminder,
                CONSULTATION,
                Format::Txt,
                &opts(false)
            ),
            Err(err)
        );
    }

    // The letter: sender, date line, j.nr., the reply address, sign-off; not listing itself.
    for s in [
        "Digitaliseringsstyrelsen Kontor for styring af digitaliseringsstrategien Landgreven 4 1301 København K",
        "Dato: 27. november 2026 J.nr.: 2026-4712",
        "Sekretariatet sender hermed på vegne af Porteføljestyregruppen følgende sager",
        "Med venlig hilsen Mette Kjær Chefkonsulent",
    ] {
        assert!(letter_txt(&ws).contains(s), "{s}");
    }
    assert!(letter_txt(&ws).contains("psg@digst.example.dk senest"));
    let mut own = fixture();
    own.cases[0].attachments.push(Attachment {
        title: "Høringsbrev H-2026-03".into(),
        path: "bilag/H-2026-03-hoeringsbrev.pdf".into(),
    });
    assert!(!letter_txt(&own).contains("Høringsbrev H-2026-03"));

    let summary = ex(&ws, DocKind::Summary, CONSULTATION, Format::Txt, false);
    assert!(
        summary.contains("Tilslutning:                  1"),
        "{summary}"
    );
    assert!(
        summary.contains("Tilslutning med bemærkninger: 1"),
        "{summary}"
    );
    assert!(
        summary.contains("Intet svar:                   2"),
        "{summary}"
    );
    assert!(summary.contains("Indstillingen er tiltrådt."));
    assert!(summary.contains("Sekretariatets bemærkninger\n---"));
    assert!(summary.contains("Skatteministeriets ønske om en status i juni imødekommes."));
    let mut open = fixture();
    open.consultations[0].outcome = None;
    let s = ex(&open, DocKind::Summary, CONSULTATION, Format::Txt, false);
    assert!(s.starts_with("*** UDKAST ***"), "{s}");
    assert!(s.contains("Forslag til resultat:"), "{s}");
    // The reply table: one row per member, by id, so a renamed member keeps its reply.
    let mut renamed = fixture();
    for r in renamed.consultations[0].replies.iter_mut() {
        r.member = renamed.forums[0].member(&r.authority).unwrap().id.clone();
    }
    renamed.forums[0].members[1].authority = "Skatteministeriet (ny)".into();
    let s = ex(&renamed, DocKind::Summary, CONSULTATION, Format::Md, false);
    assert!(
        s.contains("- **Skatteministeriet (ny):** Tilslutning med bemærkninger"),
        "{s}"
    );
    assert!(!s.contains("ikke medlem"), "{s}");
    assert!(summary.contains("mundtligt tilkendegivet"));
    let flat = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("ønsker en status i juni"), "{summary}");
}

/// The letter as plain text with every run of white space (line wraps too) made one space.
fn letter_txt(ws: &Workspace) -> String {
    ex(ws, DocKind::Letter, CONSULTATION, Format::Txt, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every document says what state it is in, in every format.
#[test]
fn status_marks_on_every_document_and_format() {
    let ws = fixture();
    for (label, out) in all_exports(&ws, MEETING, CONSULTATION) {
        if label.contains(".ics") {
            continue;
        }
        let public = label.ends_with("public=true");
        assert_eq!(out.contains("Offentlig version"), public, "{label}");
        // The meeting is a draft (agenda and minutes), the consultation sent but not concluded
        // (its summary is a draft, its letter and reminder are not).
        let draft = !label.starts_with("Letter") && !label.starts_with("Reminder");
        assert_eq!(out.contains("UDKAST"), draft, "{label}");
    }
    let mut sent = fixture();
    sent.meetings[1].state = crate::model::MeetingState::Sent;
    assert!(!ex(&sent, DocKind::Agenda, MEETING, Format::Html, false).contains("UDKAST"));
    assert!(
        ex(&sent, DocKind::Agenda, MEETING, Format::Html, false)
            .contains("Revideret dagsorden (version 2)")
    );
}

/// Headings never skip a level (h1 to h3) in any document.
#[test]
fn heading_levels_do_not_skip() {
    let ws = fixture();
    for kind in DocKind::ALL {
        let id = if kind.is_meeting() {
            MEETING
        } else {
            CONSULTATION
        };
        let doc = document::build(&ws, kind, id, &opts(false)).unwrap();
        let mut last = 0;
        for b in &doc.blocks {
            if let document::Block::Heading { level, text } = b {
                assert!(
                    *level <= last + 1,
                    "{kind:?}: {text:?} jumps from h{last} to h{level}"
                );
                last = *level;
            }
        }
        assert!(last > 0, "{kind:?} has headings");
    }
}

#[test]
fn errors() {
    let ws = fixture();
    let o = Options::default();
    assert_eq!(
        export(&ws, DocKind::Agenda, "nope", Format::Md, &o),
        Err(ExportError::UnknownMeeting("nope".into()))
    );
    assert_eq!(
        export(&ws, DocKind::Letter, MEETING, Format::Md, &o),
        Err(ExportError::UnknownConsultation(MEETING.into()))
    );
    assert!(matches!(
        export(&ws, DocKind::Letter, CONSULTATION, Format::Ics, &o),
        Err(ExportError::IcsOnlyForAgenda(_))
    ));
    assert!(matches!(
        export(&ws, DocKind::Minutes, MEETING, Format::Ics, &o),
        Err(ExportError::IcsOnlyForAgenda(_))
    ));
    let mut bad = fixture();
    bad.consultations[0].cases.push("S-0000-999".into());
    let err = export(&bad, DocKind::Letter, CONSULTATION, Format::Html, &o).unwrap_err();
    assert!(err.to_string().contains("\"S-0000-999\""), "{err}");
    let mut bad = fixture();
    bad.meetings[1].forum = "ghost".into();
    let err = export(&bad, DocKind::Agenda, MEETING, Format::Txt, &o).unwrap_err();
    assert!(err.to_string().contains("\"ghost\""), "{err}");
    assert_eq!("html".parse::<Format>(), Ok(Format::Html));
    assert_eq!("ICS".parse::<Format>(), Ok(Format::Ics));
    assert_eq!(
        "pdf".parse::<Format>(),
        Err(ExportError::UnknownFormat("pdf".into()))
    );
    assert_eq!("referat".parse::<DocKind>(), Ok(DocKind::Minutes));
    assert_eq!("summary".parse::<DocKind>(), Ok(DocKind::Summary));
}

#[test]
fn file_names() {
    let mut ws = fixture();
    assert_eq!(
        default_file_name(&ws, DocKind::Agenda, MEETING, Format::Html),
        "2026-12-03-portefoeljestyregruppen-dagsorden-v2.html"
    );
    assert_eq!(
        default_file_name(&ws, DocKind::Agenda, "2026-09-10-psg", Format::Html),
        "2026-09-10-portefoeljestyregruppen-dagsorden.html"
    );
    assert_eq!(
        file_name(
            &ws,
            DocKind::Reminder,
            CONSULTATION,
            Format::Md,
            &opts(false)
        ),
        "h-2026-03-portefoeljestyregruppen-rykker-2026-12-01.md"
    );
    assert_eq!(
        file_name(&ws, DocKind::Agenda, MEETING, Format::Docx, &opts(true)),
        "2026-12-03-portefoeljestyregruppen-dagsorden-v2-offentlig.docx"
    );
    assert_eq!(
        default_file_name(&ws, DocKind::Letter, CONSULTATION, Format::Md),
        "h-2026-03-portefoeljestyregruppen-hoeringsbrev.md"
    );
    assert_eq!(
        default_file_name(&ws, DocKind::Minutes, "x y", Format::Txt),
        "x-y-referat.txt"
    );
    ws.settings.language = Language::En;
    assert_eq!(
        default_file_name(&ws, DocKind::Minutes, MEETING, Format::Txt),
        "2026-12-03-portefoeljestyregruppen-minutes.txt"
    );
    assert_eq!(
        default_file_name(&ws, DocKind::Summary, CONSULTATION, Format::Md),
        "h-2026-03-portefoeljestyregruppen-summary.md"
    );
    // A forum name of 300 characters still gives a name a file system takes.
    let forum = ws.meeting(MEETING).unwrap().forum.clone();
    ws.forums.iter_mut().find(|f| f.id == forum).unwrap().name = "Styregruppen for ".repeat(20);
    let long = default_file_name(&ws, DocKind::Agenda, MEETING, Format::Html);
    assert!(long.len() < 120, "{long}");
    assert!(long.starts_with("2026-12-03-styregruppen-for-styregruppen"));
    assert!(
        (long.contains("-dagsorden") || long.contains("-agenda")) && long.ends_with(".html"),
        "{long}"
    );
}

/// A workspace full of hostile text.
fn hostile() -> Workspace {
    let mut ws = fixture();
    let script = "<script>alert(1)</script>";
    let quotes = "\"quotes\" & 'apos'";
    let long_word = "x".repeat(300);
    let mut long = String::new();
    while long.chars().count() < 5000 {
        long.push_str("Indstillingen æøå ÆØÅ gælder for alle, ");
        if long.len().is_multiple_of(7) {
            long.push_str(&long_word);
            long.push(' ');
        }
    }
    long.push_str(&long_word);
    let long: String = long.chars().take(5000).collect();
    assert_eq!(long.chars().count(), 5000);

    ws.forums[0].name = format!("Forum {quotes} {script}");
    ws.forums[0].members[1].representative = "Bo \x1b[31mJensen\x1b[0m \u{9b}31m\u{7f}".into();
    ws.forums[0].secretariat = format!("Sekretariatet {script}");
    let m = &mut ws.meetings[1];
    m.place = format!("{quotes}; lokale, 1 \\ {}", "å".repeat(120));
    m.revision_note = format!("# Overskrift\n- ikke en liste\n> citat\n1. nummer\n{script}");
    m.items[0].title = script.into();
    m.items[1].title = quotes.into();
    m.items[2].recommendation = long.clone();
    m.items[2].title = format!("Lang titel {}", "ø".repeat(200));
    m.items[4].presenter = "Navn \x1b]0;titel\x07 slut".into();
    m.attendance[1].name = "Erik \x1b[2J Møller".into();
    let c = &mut ws.consultations[0];
    c.subject = format!("{script} {quotes}");
    c.replies[1].text = format!("{long}\n\n#hashtag *stjerne* _under_ [link](http://x) `kode`");
    ws.cases[0].recommendation = long;
    ws
}

fn assert_no_raw_controls(label: &str, s: &str, ics: bool) {
    for c in s.chars() {
        let allowed = c == '\n' || c == '\t' || (ics && c == '\r');
        assert!(
            allowed || !(c.is_control()),
            "{label}: raw control character {c:?}"
        );
    }
    if !ics {
        assert!(!s.contains('\r'), "{label}: CR outside ics");
    }
}

#[test]
fn hostile_text_is_neutralised_everywhere() {
    let ws = hostile();
    for (label, out) in all_exports(&ws, MEETING, CONSULTATION) {
        let ics = label.contains(".ics");
        assert_no_raw_controls(&label, &out, ics);
        assert!(!out.contains('\u{1b}'), "{label}");
        if out.contains("Bo ") {
            assert!(
                out.contains('\u{241b}'),
                "{label}: ESC should be shown as a control picture"
            );
        }
        if !label.contains("Summary") && !label.contains("Reminder") {
            assert!(
                out.contains("æøå ÆØÅ") || out.contains("øøø"),
                "{label}: æøå lost"
            );
        }
        if label.contains(".html") {
            assert!(!out.contains("<script"), "{label}");
            assert!(!out.contains('\''), "{label}: raw apostrophe");
            assert!(
                out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{label}"
            );
            assert!(
                out.contains("&quot;quotes&quot; &amp; &#39;apos&#39;"),
                "{label}"
            );
            check_html_tags(&label, &out);
        }
        if label.contains(".txt") {
            for line in out.lines() {
                assert!(
                    line.width() <= 72,
                    "{label}: line wider than 72 columns: {line:?}"
                );
            }
        }
        if label.contains(".md") {
            for line in out.lines() {
                assert!(!line.starts_with("# Overskrift"), "{label}: {line:?}");
                assert!(!line.starts_with('>'), "{label}: {line:?}");
                assert!(
                    !line.replace("\\<", "").contains('<'),
                    "{label}: unescaped '<' in {line:?}"
                );
            }
        }
        if ics {
            check_ics(&out);
        }
    }
    let md = ex(&ws, DocKind::Agenda, MEETING, Format::Md, false);
    // A typed list stays a list; other block markers stay text.
    assert!(
        md.contains("\\# Overskrift\n\n- ikke en liste\n\n\\> citat  \n1\\. nummer"),
        "{md}"
    );
}

/// Only the tags the renderer writes; no attributes besides the fixed ones.
fn check_html_tags(label: &str, html: &str) {
    let allowed = [
        "!DOCTYPE html",
        "html lang=\"da\"",
        "html lang=\"en\"",
        "/html",
        "head",
        "/head",
        "meta charset=\"utf-8\"",
        "meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"",
        "title",
        "/title",
        "style",
        "/style",
        "body",
        "/body",
        "h1",
        "/h1",
        "h2",
        "/h2",
        "h3",
        "/h3",
        "p",
        "/p",
        "br",
        "dl",
        "/dl",
        "dt",
        "/dt",
        "dd",
        "/dd",
        "ul",
        "/ul",
        "li",
        "/li",
        "p class=\"mark\"",
        "p class=\"sender\"",
        "table",
        "/table",
        "colgroup",
        "/colgroup",
        "thead",
        "/thead",
        "tbody",
        "/tbody",
        "tr",
        "/tr",
        "th",
        "/th",
        "td",
        "/td",
    ];
    for part in html.split('<').skip(1) {
        let tag = part.split('>').next().unwrap();
        let col = tag
            .strip_prefix("col style=\"width: ")
            .and_then(|w| w.strip_suffix("%\""))
            .is_some_and(|w| w.parse::<f64>().is_ok());
        assert!(
            col || allowed.contains(&tag),
            "{label}: unexpected tag <{tag}>"
        );
    }
    assert!(
        !html.contains("<script") && !html.contains("href") && !html.contains("src="),
        "{label}"
    );
}

/// Checks an iCalendar text: CRLF everywhere, physical lines of at most 75 octets, well-formed content
/// lines, matching BEGIN/END, one VEVENT with the required properties, TEXT escapes valid.
fn check_ics(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "bare CR or LF"
    );
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    let mut stack: Vec<String> = vec![];
    let mut events = 0;
    let mut props: Vec<String> = vec![];
    for line in unfolded.split_terminator("\r\n") {
        let (name_params, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("no ':' in {line:?}"));
        let name = name_params.split(';').next().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{line:?}"
        );
        match name {
            "BEGIN" => {
                if value == "VEVENT" {
                    events += 1;
                }
                stack.push(value.to_string());
            }
            "END" => assert_eq!(
                stack.pop().as_deref(),
                Some(value),
                "END without BEGIN: {line:?}"
            ),
            _ => {
                if stack.last().map(String::as_str) == Some("VEVENT") {
                    props.push(name.to_string());
                }
                if ["SUMMARY", "LOCATION", "DESCRIPTION", "UID"].contains(&name) {
                    let mut chars = value.chars();
                    while let Some(c) = chars.next() {
                        assert!(c != ';' && c != ',', "unescaped {c:?} in {line:?}");
                        if c == '\\' {
                            assert!(
                                matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                                "bad escape in {line:?}"
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(events, 1);
    assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen\r\n"));
    for p in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"] {
        assert_eq!(
            props.iter().filter(|n| *n == p).count(),
            1,
            "{p} in {props:?}"
        );
    }
}

#[test]
fn ics_event() {
    let ws = fixture();
    let ics = ex(&ws, DocKind::Agenda, MEETING, Format::Ics, false);
    check_ics(&ics);
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("\r\nUID:2026-12-03-psg@psg.secretariat\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("\r\nDTSTART;TZID=Europe/Copenhagen:20261203T093000\r\n"));
    assert!(unfolded.contains("\r\nDTEND;TZID=Europe/Copenhagen:20261203T120000\r\n"));
    assert!(
        unfolded.contains("\r\nDTSTAMP:20261126T081500Z\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("\r\nLOCATION:Landgreven 4\\, mødelokale 1\r\n"));
    assert!(unfolded.contains("3. kl. 9.45 Udmøntning af midler"));
    // Without a start time the event is all day.
    let mut ws2 = fixture();
    ws2.meetings[1].start = None;
    let ics = ex(&ws2, DocKind::Agenda, MEETING, Format::Ics, false);
    check_ics(&ics);
    assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261204\r\n"));
}

#[test]
fn empty_agenda() {
    let mut ws = fixture();
    ws.meetings[1].items.clear();
    ws.meetings[1].agenda_version = 1;
    for format in Format::ALL {
        let out = ex(&ws, DocKind::Agenda, MEETING, format, false);
        assert!(
            out.contains("ingen punkter på dagsordenen"),
            "{format}: {out}"
        );
        if format == Format::Ics {
            check_ics(&out);
        } else {
            assert!(
                out.contains("Dagsorden: Porteføljestyregruppen"),
                "{format}"
            );
            assert!(!out.contains("Revideret"));
        }
    }
    let minutes = ex(&ws, DocKind::Minutes, MEETING, Format::Md, false);
    assert!(minutes.contains("ingen punkter"));
}

#[test]
fn control_characters_are_made_visible() {
    assert_eq!(
        clean("a\x1bb\x00c\x7fd\u{85}e\r\nf\rg\th"),
        "a\u{241b}b\u{2400}c\u{2421}d\u{fffd}e\nf\ng\th"
    );
    assert_eq!(clean_line("  a \n b\t c  "), "a b c");
}

#[test]
fn ics_parses_back_with_a_calendar_library() {
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};
    let ws = fixture();
    let ics = ex(&ws, DocKind::Agenda, MEETING, Format::Ics, false);
    let unfolded = icalendar::parser::unfold(&ics);
    icalendar::parser::read_calendar(&unfolded).unwrap();
    let cal: Calendar = ics.parse().unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1);
    let e = events[0];
    assert_eq!(e.get_uid(), Some("2026-12-03-psg@psg.secretariat"));
    assert_eq!(e.get_location(), Some("Landgreven 4, mødelokale 1"));
    assert!(
        e.get_summary()
            .unwrap_or_default()
            .contains("Porteføljestyregruppen")
    );
    assert!(
        e.get_description()
            .unwrap_or_default()
            .contains("Udmøntning af midler")
    );
    assert!(e.get_start().is_some() && e.get_end().is_some());
}

#[test]
fn hostile_ics_parses_back_with_a_calendar_library() {
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};
    let ws = hostile();
    for public in [false, true] {
        let ics = ex(&ws, DocKind::Agenda, MEETING, Format::Ics, public);
        check_ics(&ics);
        let unfolded = icalendar::parser::unfold(&ics);
        icalendar::parser::read_calendar(&unfolded).unwrap();
        let cal: Calendar = ics.parse().unwrap();
        let events: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 1, "public={public}");
        let e = events[0];
        // The escaped text comes back as written: commas, semicolons, backslashes, quotes, æøå.
        assert_eq!(
            e.get_location(),
            Some(format!("\"quotes\" & 'apos'; lokale, 1 \\ {}", "å".repeat(120)).as_str()),
            "public={public}"
        );
        let summary = e.get_summary().unwrap_or_default();
        assert!(
            summary.contains("Forum \"quotes\" & 'apos' <script>alert(1)</script>"),
            "{summary}"
        );
        let description = e.get_description().unwrap_or_default();
        assert!(
            description.contains("<script>alert(1)</script>"),
            "{description}"
        );
        assert!(
            description.contains(&format!("Lang titel {}", "ø".repeat(200))),
            "{description}"
        );
        assert!(
            !description.contains('\u{1b}') && !summary.contains('\u{1b}'),
            "no raw ESC"
        );
        assert_eq!(description.contains("Personalesag"), !public);
    }
}
