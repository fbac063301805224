// Long by nature: the demo workspace's content, written out as data (tests in demo/tests.rs).

//! The demo workspace: a deterministic, Danish, real-looking portfolio (forums, ~30 initiatives with
//! quarterly status reports, cases, meetings, consultations and decisions) built from the seeds.
//! No clock and no randomness beyond a fixed-seed generator: two calls give equal workspaces.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::model::{
    ActionItem, AgendaItem, Amount, Attachment, Attendance, AttendanceKind, Case, CaseKind,
    CaseState, Consultation, ConsultationOutcome, ConsultationState, Decision, DecisionSource,
    Forum, HistoryEntry, Initiative, ItemKind, ItemMinutes, Language, Lifecycle, Meeting,
    MeetingState, Member, Quarter, Rag, Record, Reply, ReplyKind, Settings, Stamp, StandardItem,
    StatusReport, Thresholds, Workspace,
};

/// Who made the demo records.
const BY: &str = "sekretariatet";
/// The meeting room of both demo meetings.
const PLACE: &str = "Digitaliseringsstyrelsen, Landgreven 4, mødelokale 1";
const HELD: &str = "2026-09-10-psg";
const UPCOMING: &str = "2026-12-03-psg";

/// The whole demo workspace, sorted.
pub fn demo_workspace() -> Workspace {
    let initiatives = initiatives();
    let cases = cases(&initiatives);
    let meetings = meetings(&cases);
    let mut ws = Workspace {
        settings: settings(),
        forums: forums(),
        consultations: consultations(),
        decisions: decisions(&meetings, &cases),
        meetings,
        initiatives,
        cases,
        index: Default::default(),
    };
    ws.sort();
    ws
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn at(y: i32, m: u32, day: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The stamp every demo record carries: 2026-11-20 09:00 UTC by the secretariat.
fn demo_stamp() -> Stamp {
    Stamp {
        at: at(2026, 11, 20, 9),
        by: BY.into(),
    }
}

/// Sets revision 1 and the fixed created/updated stamps.
fn stamped<R: Record>(mut r: R) -> R {
    r.set_revision(1);
    r.set_created(demo_stamp());
    r.set_updated(demo_stamp());
    r
}

fn mio(tenths: i64) -> Amount {
    Amount::new(tenths, 1)
}

/// "1.196,0 mio. kr." — Danish number format with one decimal.
fn kr(a: Amount) -> String {
    crate::export::dates::mio_kr(a, crate::model::Language::Da)
}

/// "3. december 2026".
fn dato(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{}. {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// A SplitMix64 generator with a fixed seed: the only source of variation in the demo.
struct Rng(u64);

impl Rng {
    /// Seeded from a constant and a text (FNV-1a), so each initiative gets its own stable sequence.
    fn for_text(text: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h ^ 2026)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------------------------
// Settings and forums

fn settings() -> Settings {
    Settings {
        name: "Porteføljestyregruppen – demo".into(),
        language: Language::Da,
        revision: 1,
        created: demo_stamp(),
        updated: demo_stamp(),
        thresholds: Thresholds::default(),
        default_forum: Some("psg".into()),
        sender: crate::model::Sender {
            authority: "Digitaliseringsstyrelsen".into(),
            office: "Kontor for styring af digitaliseringsstrategien".into(),
            address: "Landgreven 4\n1301 København K".into(),
            email: "psg-sekretariat@digst.eksempel.dk".into(),
            phone: "33 92 52 00".into(),
            contact: crate::model::Contact {
                name: "Mette Kjær Thomsen".into(),
                title: "Chefkonsulent".into(),
            },
        },
        ..Settings::default()
    }
}

/// The 14 member authorities of Porteføljestyregruppen (seed 000), with invented representatives
/// and the sub-domain of eksempel.dk used for their invented e-mail addresses.
const PSG_MEMBERS: [(&str, &str, &str); 14] = [
    (
        "Finansministeriet, Digitaliseringsstyrelsen",
        "Karen Vestergaard Holm",
        "digst",
    ),
    ("Erhvervsministeriet", "Jesper Bundgaard", "em"),
    ("Skatteministeriet", "Lone Abildgaard", "skm"),
    (
        "Uddannelses- og Forskningsministeriet",
        "Mikkel Thygesen",
        "ufm",
    ),
    (
        "Klima-, Energi- og Forsyningsministeriet",
        "Birgitte Dalsgaard",
        "kefm",
    ),
    ("Sundheds- og Ældreministeriet", "Ole Brandt Juhl", "sum"),
    ("Social- og Indenrigsministeriet", "Hanne Krogh", "sim"),
    ("Børne- og Undervisningsministeriet", "Rune Winther", "uvm"),
    ("Beskæftigelsesministeriet", "Tina Nørgaard", "bm"),
    ("Justitsministeriet", "Claus Friis", "jm"),
    ("Miljø- og Fødevareministeriet", "Signe Damgaard", "mfvm"),
    ("KL", "Poul Erik Riis", "kl"),
    ("Danske Regioner", "Annette Skov", "regioner"),
    ("ATP", "Kim Lauritsen", "atp"),
];

const STS_MEMBERS: [(&str, &str, &str); 7] = [
    ("Finansministeriet", "Henrik Lykke Bech", "fm"),
    ("KL", "Susanne Kjær Winther", "kl"),
    ("Danske Regioner", "Erik Abildgaard", "regioner"),
    ("Erhvervsministeriet", "Marianne Holst", "em"),
    ("Skatteministeriet", "Jørgen Friis Lund", "skm"),
    ("Sundheds- og Ældreministeriet", "Lise Thygesen", "sum"),
    ("Beskæftigelsesministeriet", "Bo Kristiansen", "bm"),
];

const OESU_MEMBERS: [(&str, &str, &str); 5] = [
    ("Digitaliseringsstyrelsen", "Niels Dalsgaard", "digst"),
    ("KL", "Pia Krogh", "kl"),
    ("Danske Regioner", "Søren Vestergaard", "regioner"),
    ("Skatteministeriet", "Maria Holm Brandt", "skm"),
    ("Sundheds- og Ældreministeriet", "Anders Juhl", "sum"),
];

/// "karen.holm@digst.eksempel.dk": first and last name, on an example domain.
fn email(name: &str, domain: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("post");
    let last = words.last().copied().unwrap_or("post");
    let local = format!(
        "{}.{}",
        crate::model::ids::slug(first),
        crate::model::ids::slug(last)
    );
    format!("{local}@{domain}.eksempel.dk")
}

fn members(table: &[(&str, &str, &str)]) -> Vec<Member> {
    table
        .iter()
        .map(|(authority, rep, domain)| Member {
            id: crate::model::ids::slug(authority),
            authority: (*authority).into(),
            representative: (*rep).into(),
            email: email(rep, domain),
            extra: Default::default(),
        })
        .collect()
}

fn item(title: &str, kind: ItemKind, minutes: u32, last: bool, follow_up: bool) -> StandardItem {
    // The standard items' own indstilling, as the secretariat writes it.
    let recommendation = match title {
        "Godkendelse af dagsorden" => "Det indstilles, at styregruppen godkender dagsordenen.",
        "Godkendelse af referat fra seneste møde" => {
            "Det indstilles, at styregruppen godkender referatet fra seneste møde."
        }
        "Meddelelser" => "Det indstilles, at styregruppen tager meddelelserne til efterretning.",
        "Opfølgning på beslutninger" => {
            "Det indstilles, at styregruppen tager status for opfølgningspunkterne til efterretning."
        }
        _ => "",
    };
    StandardItem {
        title: title.into(),
        kind,
        minutes,
        last,
        follow_up,
        recommendation: recommendation.into(),
    }
}

/// Porteføljestyregruppen, STS and Økonomistyringsudvalget with members and standard items (also
/// used by [`crate::demo_large`]).
/// The template offered for a new workspace's first forum: Porteføljestyregruppen with its 14
/// member authorities (representatives and e-mails left for the user), its standard items and its
/// rules (agenda out 5 working days before, replies within 5, no reply counts as consent).
pub fn first_forum_template() -> Forum {
    let mut psg = forums()
        .into_iter()
        .find(|f| f.id == "psg")
        .unwrap_or_else(|| Forum::new("psg", "Porteføljestyregruppen", "PSG"));
    psg.parent = None;
    for m in &mut psg.members {
        m.representative.clear();
        m.email.clear();
    }
    psg
}

pub(crate) fn forums() -> Vec<Forum> {
    let secretariat = "Digitaliseringsstyrelsen, Kontor for styring af digitaliseringsstrategien";

    let mut psg = Forum::new("psg", "Porteføljestyregruppen", "PSG");
    psg.members = members(&PSG_MEMBERS);
    psg.chair = "Digitaliseringsstyrelsen".into();
    psg.secretariat = secretariat.into();
    psg.parent = Some("sts".into());
    psg.standard_items = vec![
        item(
            "Godkendelse af dagsorden",
            ItemKind::Decision,
            5,
            false,
            false,
        ),
        item(
            "Godkendelse af referat fra seneste møde",
            ItemKind::Decision,
            5,
            false,
            false,
        ),
        item("Meddelelser", ItemKind::Information, 10, false, false),
        item(
            "Opfølgning på beslutninger",
            ItemKind::Information,
            10,
            false,
            true,
        ),
        item("Eventuelt", ItemKind::Information, 5, true, false),
    ];
    psg.agenda_dispatch_working_days = 5;
    psg.reply_deadline_working_days = 5;
    psg.silence_is_consent = true;

    let mut sts = Forum::new("sts", "Styregruppen for Tværoffentlige Samarbejder", "STS");
    sts.members = members(&STS_MEMBERS);
    sts.chair = "Finansministeriet".into();
    sts.secretariat = secretariat.into();
    sts.standard_items = vec![
        item(
            "Godkendelse af dagsorden",
            ItemKind::Decision,
            5,
            false,
            false,
        ),
        item("Meddelelser", ItemKind::Information, 10, false, false),
        item("Eventuelt", ItemKind::Information, 5, true, false),
    ];
    sts.agenda_dispatch_working_days = 7;
    sts.reply_deadline_working_days = 10;

    let mut oesu = Forum::new("oesu", "Økonomistyringsudvalget", "ØSU");
    oesu.members = members(&OESU_MEMBERS);
    oesu.chair = "Digitaliseringsstyrelsen".into();
    oesu.secretariat = secretariat.into();
    oesu.parent = Some("psg".into());
    oesu.standard_items = vec![
        item(
            "Godkendelse af dagsorden",
            ItemKind::Decision,
            5,
            false,
            false,
        ),
        item(
            "Økonomiopfølgning på initiativniveau",
            ItemKind::Discussion,
            30,
            false,
            false,
        ),
        item("Eventuelt", ItemKind::Information, 5, true, false),
    ];
    oesu.silence_is_consent = false;

    vec![stamped(psg), stamped(sts), stamped(oesu)]
}

// ---------------------------------------------------------------------------------------------
// Initiatives and status reports

/// Indsatsområder 1–8; an initiative's focus area is given by the number before the dot of its id.
const FOCUS_AREAS: [&str; 8] = [
    "Brugervenlig og enkel digital service",
    "Bedre brug af data og hurtigere sagsbehandling",
    "Vækst gennem digitalisering",
    "Stærkere og mere sikker digital infrastruktur",
    "Digital velfærd",
    "Digital kommunikation",
    "Tryg og sikker digital udvikling",
    "Alle skal være klar til en digital fremtid",
];

/// The first quarter of the reporting window; the codes below start here (2024Q4 .. 2026Q3).
const FIRST_QUARTER: Quarter = Quarter { year: 2024, q: 4 };

/// The latest reported quarter of the demo.
pub const LATEST_QUARTER: Quarter = Quarter { year: 2026, q: 3 };

/// (id, name, ministry, institution, budget in tenths of mio. kr., start, end, status codes).
///
/// Status codes, one per quarter from 2024Q4 to 2026Q3:
/// `G` green · `Y` yellow, about 45 days late · `B` yellow, slightly over budget (+4 %) ·
/// `R` red, 100+ days late and 12 % over budget · `K` cost red, 20 % over budget ·
/// `S` reported yellow but more than 90 days late · `C` closing report (green, underspend) ·
/// `.` not yet started · `_` report missing.
type InitiativeRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    (i32, u32, u32),
    (i32, u32, u32),
    &'static str,
);

#[rustfmt::skip]
const INITIATIVES: [InitiativeRow; 32] = [
    ("1.1", "Nyt borger.dk og Mit Overblik", "Finansministeriet", "Digitaliseringsstyrelsen", 1_425, (2017, 1, 1), (2027, 6, 30), "GGGGGYGG"),
    ("1.2", "Ny digital post-løsning", "Finansministeriet", "Digitaliseringsstyrelsen", 4_860, (2017, 4, 1), (2027, 3, 31), "GGGGGGGY"),
    ("1.3", "Digitale fuldmagter", "Finansministeriet", "Digitaliseringsstyrelsen", 268, (2018, 1, 1), (2026, 9, 30), "GGGGGGGC"),
    ("1.4", "Brugervenlig selvbetjening på Virk", "Erhvervsministeriet", "Erhvervsstyrelsen", 534, (2017, 7, 1), (2027, 12, 31), "GGGGGGGG"),
    ("2.1", "Fælles datafordeler", "Klima-, Energi- og Forsyningsministeriet", "Styrelsen for Dataforsyning og Effektivisering", 2_376, (2016, 7, 1), (2026, 12, 31), "GGGGGGYR"),
    ("2.2", "Automatisk sagsbehandling på beskæftigelsesområdet", "Beskæftigelsesministeriet", "Styrelsen for Arbejdsmarked og Rekruttering", 417, (2018, 3, 1), (2027, 6, 30), "GGGYGGGG"),
    ("2.3", "Fælles sprog for data og begreber", "Finansministeriet", "Digitaliseringsstyrelsen", 152, (2017, 1, 1), (2026, 12, 31), "GGGGGGGG"),
    ("2.4", "Bedre adgang til indkomstdata (eIndkomst)", "Skatteministeriet", "Skattestyrelsen", 893, (2018, 1, 1), (2027, 12, 31), "GGGGGGGG"),
    ("3.1", "Digital virksomhedsregistrering", "Erhvervsministeriet", "Erhvervsstyrelsen", 326, (2017, 1, 1), (2026, 12, 31), "GGGGGGGG"),
    ("3.2", "Automatiseret erhvervsrapportering (XBRL)", "Erhvervsministeriet", "Erhvervsstyrelsen", 384, (2018, 1, 1), (2027, 6, 30), "GGGGGBBB"),
    ("3.3", "Digital byggesagsbehandling (Byg og Miljø)", "KL", "KL", 711, (2017, 9, 1), (2027, 12, 31), "GGGGGGGG"),
    ("3.4", "Åbne data om miljø og natur", "Miljø- og Fødevareministeriet", "Miljøstyrelsen", 189, (2018, 6, 1), (2027, 6, 30), "GGGGGGG_"),
    ("4.1", "Næste generation NemID (MitID)", "Finansministeriet", "Digitaliseringsstyrelsen", 11_960, (2016, 10, 1), (2027, 6, 30), "GGYYRRRR"),
    ("4.2", "NemLog-in3", "Finansministeriet", "Digitaliseringsstyrelsen", 3_120, (2017, 6, 1), (2027, 12, 31), "GGGGYGGG"),
    ("4.3", "Fællesoffentlig rammearkitektur", "Finansministeriet", "Digitaliseringsstyrelsen", 215, (2016, 9, 1), (2026, 12, 31), "GGGGGGGG"),
    ("4.4", "Stabil drift af grunddata for matrikler og adresser", "Klima-, Energi- og Forsyningsministeriet", "Styrelsen for Dataforsyning og Effektivisering", 647, (2017, 1, 1), (2027, 12, 31), "GGGGGGGG"),
    ("5.1", "National udbredelse af telemedicin til KOL", "Sundheds- og Ældreministeriet", "Sundhedsdatastyrelsen", 805, (2017, 1, 1), (2027, 3, 31), "GGYGGGGG"),
    ("5.2", "Fælles Medicinkort 2.0", "Sundheds- og Ældreministeriet", "Sundhedsdatastyrelsen", 1_342, (2018, 1, 1), (2027, 12, 31), "GGGGGGGK"),
    ("5.3", "Digitale læringsplatforme i folkeskolen", "Børne- og Undervisningsministeriet", "Styrelsen for It og Læring", 573, (2017, 8, 1), (2027, 7, 31), "GGYYGGYY"),
    ("5.4", "Sammenhængende borgerforløb på socialområdet", "Social- og Indenrigsministeriet", "Socialstyrelsen", 298, (2025, 1, 1), (2028, 6, 30), ".GGGGGGG"),
    ("5.5", "Regional infrastruktur for sundhedsdata", "Danske Regioner", "Danske Regioner", 462, (2017, 1, 1), (2027, 12, 31), "GGGGGGGG"),
    ("6.1", "Obligatorisk digital kommunikation for virksomheder", "Erhvervsministeriet", "Erhvervsstyrelsen", 243, (2016, 7, 1), (2026, 12, 31), "GGGGGGGG"),
    ("6.2", "Digital kommunikation i retsvæsenet (minretssag.dk)", "Justitsministeriet", "Domstolsstyrelsen", 918, (2017, 1, 1), (2027, 3, 31), "GGGYYYYS"),
    ("6.3", "Digital Post til pensionister", "ATP", "Udbetaling Danmark", 176, (2018, 1, 1), (2026, 12, 31), "GGGGGGGG"),
    ("6.4", "Digital eksamen og studieadministration", "Uddannelses- og Forskningsministeriet", "Uddannelses- og Forskningsstyrelsen", 356, (2017, 1, 1), (2027, 6, 30), "GGGGGGGG"),
    ("7.1", "Informationssikkerhed i staten (ISO 27001)", "Finansministeriet", "Digitaliseringsstyrelsen", 137, (2016, 9, 1), (2027, 12, 31), "GGGGGGGG"),
    ("7.2", "Styrket cyber- og informationssikkerhed i kommunerne", "KL", "KL", 284, (2025, 3, 1), (2028, 12, 31), "..GGGGYY"),
    ("7.3", "Tværoffentlig databeskyttelse (GDPR-implementering)", "Justitsministeriet", "Datatilsynet", 121, (2017, 5, 1), (2026, 12, 31), "GGGGGGGG"),
    ("8.1", "Hjælp til digitalt udfordrede borgere", "KL", "KL", 236, (2017, 1, 1), (2026, 12, 31), "GGGGGGGG"),
    ("8.2", "Digitale kompetencer i den offentlige sektor", "Uddannelses- og Forskningsministeriet", "Uddannelses- og Forskningsstyrelsen", 145, (2018, 1, 1), (2027, 6, 30), "GGGGGGGG"),
    ("8.3", "Digital læring på erhvervsuddannelserne", "Børne- og Undervisningsministeriet", "Styrelsen for Undervisning og Kvalitet", 318, (2018, 8, 1), (2027, 7, 31), "GGGGGGGG"),
    ("8.4", "Digitale ydelser i Udbetaling Danmark", "ATP", "Udbetaling Danmark", 640, (2017, 1, 1), (2027, 12, 31), "GGGGGGYB"),
];

/// Comments for the 2026Q3 report of the initiatives the demo is about.
const LATEST_COMMENTS: [(&str, &str); 8] = [
    (
        "4.1",
        "Idriftsættelsen af erhvervsdelen og fuldmagtsfunktionaliteten er fortsat forsinket. Leverandøren har ikke leveret release 4.2 som aftalt, og parallel drift af NemID og MitID forlænges. En revideret samlet tidsplan forelægges porteføljestyregruppen i december 2026.",
    ),
    (
        "2.1",
        "Migreringen af de sidste registre til datafordeleren er forsinket, fordi to registerejere ikke har kunnet levere testdata. Udfasningen af de gamle distributionsløsninger kan ikke ske som planlagt, og dobbeltdrift giver merudgifter.",
    ),
    (
        "5.2",
        "Væsentligt merforbrug som følge af uforudsete udgifter til integration med de regionale EPJ-systemer og øgede driftsudgifter. Tidsplanen holder fortsat. Der arbejdes på en finansieringsplan med regionerne.",
    ),
    (
        "6.2",
        "Idriftsættelsen af den sidste sagstype er udskudt, fordi den nye nationale it-platform i domstolene først er klar i 2. kvartal 2027. Projektet vurderer fortsat situationen som håndterbar.",
    ),
    (
        "1.2",
        "Overgangen for de sidste offentlige afsendere er forsinket ca. 6 uger. Der er iværksat en ekstra indsats med vejledning af afsendere.",
    ),
    (
        "3.2",
        "Prisregulering i driftskontrakten og ekstra testforløb giver et mindre merforbrug, som forventes afholdt inden for Erhvervsministeriets ramme.",
    ),
    (
        "1.3",
        "Afsluttende statusrapport: initiativet er gennemført, og løsningen til digitale fuldmagter er overdraget til drift. Initiativet afsluttes med et mindre mindreforbrug.",
    ),
    (
        "8.4",
        "Øgede udgifter til tilpasning af selvbetjeningsløsningerne giver et mindre merforbrug. Tidsplanen holder.",
    ),
];

const FIRST_NAMES: [&str; 24] = [
    "Anne",
    "Mette",
    "Lars",
    "Henrik",
    "Sofie",
    "Jens",
    "Camilla",
    "Morten",
    "Louise",
    "Rasmus",
    "Pia",
    "Søren",
    "Line",
    "Peter",
    "Maria",
    "Anders",
    "Katrine",
    "Mads",
    "Charlotte",
    "Thomas",
    "Julie",
    "Niels",
    "Helle",
    "Jakob",
];
const LAST_NAMES: [&str; 20] = [
    "Kjærgaard",
    "Holm",
    "Bech",
    "Lund",
    "Thygesen",
    "Vestergaard",
    "Dalsgaard",
    "Bundgaard",
    "Krogh",
    "Winther",
    "Skov",
    "Brandt",
    "Møller",
    "Lykke",
    "Juhl",
    "Abildgaard",
    "Nørgaard",
    "Friis",
    "Riis",
    "Damgaard",
];
const FUNDING: [&str; 4] = [
    "Digitaliseringsstrategiens fællesoffentlige finansiering",
    "Fællesoffentlig finansiering og ansvarlig myndigheds egne midler",
    "Finansloven og økonomiaftalerne med KL og Danske Regioner",
    "Ansvarlig myndigheds egne midler",
];
const STAMDATA_COMMENTS: [&str; 5] = [
    "",
    "Statusrapporteringen koordineres af ministeriets projektkontor.",
    "Initiativet er forlænget efter beslutning i porteføljestyregruppen.",
    "Operationel styring er forankret i initiativets egen styregruppe.",
    "Gevinstrealiseringen følges i regi af den ansvarlige myndighed.",
];

const COMMENTS_G: [&str; 4] = [
    "Initiativet forløber som planlagt.",
    "Kvartalets leverancer er gennemført som planlagt, og der er ingen væsentlige risici.",
    "Fremdriften følger tidsplanen; næste milepæl forventes nået i det kommende kvartal.",
    "Ingen væsentlige ændringer i forhold til seneste rapportering.",
];
const COMMENTS_Y: [&str; 3] = [
    "Forsinket levering af testmiljø fra leverandøren har skubbet forventet slutdato ca. 6 uger.",
    "Ressourceudfordringer i projektgruppen har forsinket analysefasen. Der er iværksat afhjælpende tiltag.",
    "Afhængighed til en anden myndigheds leverance giver usikkerhed om tidsplanen.",
];
const COMMENTS_B: [&str; 2] = [
    "Øgede udgifter til ekstern konsulentbistand giver et mindre merforbrug.",
    "Prisregulering i kontrakten giver et mindre merforbrug.",
];
const COMMENTS_R: [&str; 3] = [
    "Initiativet er væsentligt forsinket som følge af leverandørens manglende leverancer. Der udarbejdes ny tidsplan og revideret business case.",
    "Forsinkelsen er øget i kvartalet, og merforbruget vokser som følge af forlænget parallel drift.",
    "Genplanlægningen med leverandøren pågår. Risikoen for yderligere forsinkelse vurderes som høj.",
];
const COMMENTS_K: [&str; 1] =
    ["Væsentligt merforbrug som følge af øgede udgifter til integrationer og drift."];
const COMMENTS_S: [&str; 1] = [
    "Idriftsættelsen er udskudt mere end et kvartal som følge af afhængigheder til andre systemer.",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES))
}

fn initiatives() -> Vec<Initiative> {
    INITIATIVES.iter().map(initiative).collect()
}

fn initiative(row: &InitiativeRow) -> Initiative {
    let (id, name, ministry, institution, budget, start, end, codes) = *row;
    let mut rng = Rng::for_text(id);
    let mut ini = Initiative::new(id, name, ministry);
    let area = id
        .split('.')
        .next()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1);
    ini.focus_area = FOCUS_AREAS
        .get(area.wrapping_sub(1))
        .copied()
        .unwrap_or_default()
        .into();
    ini.institution = institution.into();
    ini.funding = rng.pick(&FUNDING).into();
    ini.budget = Some(mio(budget));
    let reporter = person(&mut rng);
    ini.status_reporter = reporter.clone();
    ini.working_group_chair = person(&mut rng);
    ini.project_manager = reporter;
    ini.project_owner = person(&mut rng);
    // The smallest initiatives run without a programme manager.
    if budget >= 200 {
        ini.programme_manager = person(&mut rng);
    }
    ini.start_date = Some(d(start.0, start.1, start.2));
    ini.end_date = Some(d(end.0, end.1, end.2));
    ini.comments = rng.pick(&STAMDATA_COMMENTS).into();
    ini.reports = reports(&ini, codes, &mut rng);
    if codes.ends_with('C') {
        ini.lifecycle = Lifecycle::Closed;
        ini.comments =
            "Afsluttet efter godkendelse af afslutningsrapporten ved skriftlig høring H-2026-01."
                .into();
    }
    stamped(ini)
}

/// One report per status code, from [`FIRST_QUARTER`] on.
fn reports(ini: &Initiative, codes: &str, rng: &mut Rng) -> Vec<StatusReport> {
    let budget = ini.budget.unwrap_or_default();
    let start = ini.start_date.unwrap_or_default();
    let planned_end = ini.end_date.unwrap_or_default();
    let mut out: Vec<StatusReport> = Vec::new();
    let mut quarter = FIRST_QUARTER;
    let mut red_streak: i64 = 0;
    let mut spent_so_far = Amount::ZERO;
    for code in codes.chars() {
        let q = quarter;
        quarter = quarter.next();
        if matches!(code, '.' | '_') {
            continue;
        }
        use Rag::{Green as G, Red as R, Yellow as Y};
        // (overall, time, cost, scope, risk), forecast in percent of budget, days late, comments.
        let (rags, percent, late, pool): ([Rag; 5], i64, i64, &[&str]) = match code {
            'Y' => ([Y, Y, G, G, Y], 100, 45, &COMMENTS_Y),
            'B' => ([Y, G, Y, G, G], 104, 0, &COMMENTS_B),
            'R' => ([R, R, Y, Y, R], 112, 100 + 30 * red_streak, &COMMENTS_R),
            'K' => ([Y, G, R, G, Y], 120, 14, &COMMENTS_K),
            'S' => ([Y, Y, G, G, Y], 103, 135, &COMMENTS_S),
            'C' => ([G, G, G, G, G], 96, 0, &COMMENTS_G),
            _ => ([G, G, G, G, G], 100, 0, &COMMENTS_G),
        };
        red_streak = if code == 'R' { red_streak + 1 } else { 0 };
        let forecast = (budget * Amount::new(percent, 2)).round_dp(1);
        let forecast_end = planned_end + chrono::Days::new(late.unsigned_abs());
        // Spent grows with elapsed time towards the forecast, with a little jitter, never backwards.
        let total = (forecast_end - start).num_days().max(1);
        let elapsed = (q.end() - start).num_days().clamp(0, total);
        let permille = (elapsed * 1000 / total + rng.below(40) as i64 - 20).clamp(0, 1000);
        let mut spent = (forecast * Amount::new(permille, 3)).round_dp(1);
        if code == 'C' {
            spent = forecast;
        }
        spent = spent.max(spent_so_far).min(forecast);
        spent_so_far = spent;

        let mut r = StatusReport::new(q, rags[0]);
        [r.time, r.cost, r.scope, r.risk] = [rags[1], rags[2], rags[3], rags[4]];
        r.budget = Some(budget);
        r.forecast = Some(forecast);
        r.spent = Some(spent);
        r.planned_end = Some(planned_end);
        r.forecast_end = Some(forecast_end);
        let special = LATEST_COMMENTS
            .iter()
            .find(|(id, _)| *id == ini.id && q == LATEST_QUARTER);
        r.comment = special.map_or_else(|| rng.pick(pool).to_string(), |(_, c)| (*c).to_string());
        r.reported_by = ini.status_reporter.clone();
        // A closing report comes right at completion; ordinary reports 2-3 weeks after the quarter.
        let after = if code == 'C' { 2 } else { 14 + rng.below(10) };
        r.report_date = Some(q.end() + chrono::Days::new(after));
        out.push(r);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Cases

/// The figures of an initiative's report for a quarter, as a Danish paragraph.
fn figures(initiatives: &[Initiative], id: &str, q: Quarter) -> String {
    let Some(r) = initiatives
        .iter()
        .find(|i| i.id == id)
        .and_then(|i| i.report(q))
    else {
        return String::new();
    };
    let (Some(budget), Some(forecast), Some(spent)) = (r.budget, r.forecast, r.spent) else {
        return String::new();
    };
    let mut s = format!(
        "Af statusrapporten for {}. kvartal {} fremgår: Budgettet er {}, prognosen er {}, og der er afholdt {}.",
        q.q,
        q.year,
        kr(budget),
        kr(forecast),
        kr(spent)
    );
    if forecast > budget && !budget.is_zero() {
        let pct = ((forecast - budget) / budget * Amount::ONE_HUNDRED).round_dp(1);
        s.push_str(&format!(
            " Det svarer til et forventet merforbrug på {} ({} pct.).",
            kr(forecast - budget),
            pct.to_string().replace('.', ",")
        ));
    } else if forecast < budget {
        s.push_str(&format!(
            " Det svarer til et mindreforbrug på {}.",
            kr(budget - forecast)
        ));
    }
    if let (Some(planned), Some(fc)) = (r.planned_end, r.forecast_end) {
        let late = (fc - planned).num_days();
        if late > 0 {
            s.push_str(&format!(
                " Forventet slutdato er {} mod planlagt {} ({late} dages forsinkelse).",
                dato(fc),
                dato(planned)
            ));
        } else {
            s.push_str(&format!(
                " Initiativet forventes afsluttet som planlagt {}.",
                dato(planned)
            ));
        }
    }
    // An amount ends in "kr.", so a sentence ending in an amount needs no second full stop.
    s.replace("kr..", "kr.")
}

/// A case as a table row: the figures of `figures_from` are put between the two background paragraphs.
struct CaseRow {
    id: &'static str,
    kind: CaseKind,
    state: CaseState,
    title: &'static str,
    initiative: Option<&'static str>,
    figures_from: Option<Quarter>,
    before: &'static str,
    after: &'static str,
    recommendation: &'static str,
    attachments: &'static [(&'static str, &'static str)],
    history: &'static [((i32, u32, u32), &'static str)],
}

const Q2: Quarter = Quarter { year: 2026, q: 2 };
const Q3: Quarter = LATEST_QUARTER;

const CASES: [CaseRow; 10] = [
    CaseRow {
        id: "S-2026-001",
        kind: CaseKind::DeviationStatus,
        state: CaseState::Decided,
        title: "Status på afvigende initiativ 4.1 Næste generation NemID (MitID)",
        initiative: Some("4.1"),
        figures_from: Some(Q2),
        before: "Initiativ 4.1 Næste generation NemID (MitID) er for tredje kvartal i træk rapporteret som afvigende (rød). Forsinkelsen skyldes primært, at leverandørens levering af funktionalitet til erhvervsbrugere og fuldmagter er udskudt.",
        after: "Digitaliseringsstyrelsen har iværksat en genplanlægning sammen med leverandøren og forventer at kunne fremlægge en revideret samlet tidsplan i 4. kvartal 2026. Sekretariatet vurderer, at forsinkelsen ikke truer driften af NemID, men at den forlængede parallelle drift medfører ekstraomkostninger.",
        recommendation: "Det indstilles, at porteføljestyregruppen tager status for initiativ 4.1 til efterretning og beder Digitaliseringsstyrelsen fremlægge en revideret tidsplan og risikovurdering på mødet i december 2026.",
        attachments: &[
            (
                "Statusrapport 2. kvartal 2026 – initiativ 4.1",
                "bilag/2026-2-statusrapport-4.1.pdf",
            ),
            (
                "Notat om genplanlægning af MitID",
                "bilag/2026-09-10-notat-genplanlaegning-mitid.pdf",
            ),
        ],
        history: &[
            (
                (2026, 8, 17),
                "Sag oprettet på baggrund af statusrapporteringen for 2. kvartal 2026.",
            ),
            ((2026, 8, 26), "Markeret klar til behandling."),
            (
                (2026, 8, 27),
                "Sat på dagsordenen for mødet 10. september 2026 som punkt 5.",
            ),
            (
                (2026, 9, 10),
                "Behandlet på mødet 10. september 2026: Styregruppen godkendte indstillingen (B-2026-001).",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-002",
        kind: CaseKind::Disbursement,
        state: CaseState::Decided,
        title: "Udmøntning af restmidler til fase 2 af 2.3 Fælles sprog for data og begreber",
        initiative: Some("2.3"),
        figures_from: Some(Q2),
        before: "Af den ramme på 14,3 mio. kr., som kan disponeres til nye analyser og business cases, resterer 4,2 mio. kr. Digitaliseringsstyrelsen foreslår, at 2,5 mio. kr. udmøntes til en fase 2 af initiativ 2.3 Fælles sprog for data og begreber med en fællesoffentlig begrebsmodel for ydelser. Fase 2 gennemføres i 2027 og indgår ikke i initiativets nuværende budget.",
        after: "Initiativet forløber i øvrigt som planlagt og er rapporteret grønt i alle dimensioner.",
        recommendation: "Det indstilles, at porteføljestyregruppen godkender udmøntning af 2,5 mio. kr. til fase 2 af initiativ 2.3 Fælles sprog for data og begreber.",
        attachments: &[(
            "Udmøntningsnotat – fase 2 af initiativ 2.3",
            "bilag/2026-09-10-udmoentning-2.3.pdf",
        )],
        history: &[
            (
                (2026, 8, 12),
                "Sag oprettet på anmodning fra Digitaliseringsstyrelsen.",
            ),
            ((2026, 8, 25), "Markeret klar til behandling."),
            (
                (2026, 8, 27),
                "Sat på dagsordenen for mødet 10. september 2026 som punkt 6.",
            ),
            (
                (2026, 9, 10),
                "Behandlet på mødet 10. september 2026: Styregruppen godkendte indstillingen (B-2026-002).",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-003",
        kind: CaseKind::OverUnderspend,
        state: CaseState::Decided,
        title: "Mindreforbrug i 2026 på 5.1 National udbredelse af telemedicin til KOL",
        initiative: Some("5.1"),
        figures_from: Some(Q2),
        before: "Økonomistyringsudvalget har gennemgået forbruget på initiativniveau. Initiativ 5.1 forventer et mindreforbrug i 2026 på 3,1 mio. kr., fordi udbredelsen i to regioner er faseforskudt til 2027.",
        after: "Økonomistyringsudvalget anbefaler, at mindreforbruget overføres til 2027, så udbredelsen kan afsluttes inden for initiativets samlede budget.",
        recommendation: "Det indstilles, at porteføljestyregruppen godkender Økonomistyringsudvalgets forslag om at overføre mindreforbruget på 3,1 mio. kr. for initiativ 5.1 fra 2026 til 2027.",
        attachments: &[(
            "Økonomiopfølgning 2. kvartal 2026 (ØSU)",
            "bilag/2026-2-oekonomiopfoelgning-oesu.pdf",
        )],
        history: &[
            (
                (2026, 8, 20),
                "Sag oprettet efter møde i Økonomistyringsudvalget.",
            ),
            ((2026, 8, 26), "Markeret klar til behandling."),
            (
                (2026, 8, 27),
                "Sat på dagsordenen for mødet 10. september 2026 som punkt 7.",
            ),
            (
                (2026, 9, 10),
                "Behandlet på mødet 10. september 2026: Styregruppen godkendte indstillingen med bemærkninger (B-2026-003).",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-004",
        kind: CaseKind::ClosingReport,
        state: CaseState::Closed,
        title: "Afslutningsrapport for initiativ 1.3 Digitale fuldmagter",
        initiative: Some("1.3"),
        figures_from: Some(Q3),
        before: "Initiativ 1.3 Digitale fuldmagter er gennemført. Løsningen giver borgere og virksomheder mulighed for at give fuldmagt til at handle digitalt på deres vegne og er integreret med borger.dk, Virk og NemLog-in. Løsningen er overdraget til drift i Digitaliseringsstyrelsen.",
        after: "Mindreforbruget tilbageføres til den fællesoffentlige ramme. Den videre forvaltning sker i regi af Digitaliseringsstyrelsens driftsorganisation.",
        recommendation: "Det indstilles, at porteføljestyregruppen godkender afslutningsrapporten for initiativ 1.3 Digitale fuldmagter, og at initiativet dermed afsluttes i porteføljen.",
        attachments: &[
            (
                "Afslutningsrapport – initiativ 1.3 Digitale fuldmagter",
                "bilag/2026-afslutningsrapport-1.3.pdf",
            ),
            (
                "Statusrapport 3. kvartal 2026 – initiativ 1.3",
                "bilag/2026-3-statusrapport-1.3.pdf",
            ),
        ],
        history: &[
            (
                (2026, 10, 6),
                "Sag oprettet på baggrund af afsluttende statusrapport.",
            ),
            ((2026, 10, 8), "Markeret klar til behandling."),
            (
                (2026, 10, 12),
                "Sendt i skriftlig høring H-2026-01 med svarfrist 19. oktober 2026 kl. 12.00.",
            ),
            (
                (2026, 10, 20),
                "Høringen er afsluttet: indstillingen er vedtaget (B-2026-004).",
            ),
            (
                (2026, 10, 21),
                "Sagen er afsluttet, og initiativet er markeret som lukket.",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-005",
        kind: CaseKind::Disbursement,
        state: CaseState::InConsultation,
        title: "Udmøntning af midler til 8.1 Hjælp til digitalt udfordrede borgere i 2027",
        initiative: Some("8.1"),
        figures_from: Some(Q3),
        before: "KL ansøger om 3,8 mio. kr. fra den disponible ramme til at videreføre initiativ 8.1 Hjælp til digitalt udfordrede borgere i 2027, herunder vejledningsforløb i borgerservice og materialer til pårørende.",
        after: "Initiativet forløber som planlagt. Sekretariatet vurderer, at ansøgningen ligger inden for rammens formål, og at der er midler til rådighed.",
        recommendation: "Det indstilles, at porteføljestyregruppen godkender udmøntning af 3,8 mio. kr. til videreførelse af initiativ 8.1 Hjælp til digitalt udfordrede borgere i 2027.",
        attachments: &[
            (
                "Ansøgning fra KL om videreførelse af initiativ 8.1",
                "bilag/2026-ansoegning-8.1.pdf",
            ),
            ("Høringsbrev H-2026-02", "bilag/H-2026-02-hoeringsbrev.pdf"),
        ],
        history: &[
            (
                (2026, 11, 2),
                "Sag oprettet på baggrund af ansøgning fra KL.",
            ),
            ((2026, 11, 12), "Markeret klar til behandling."),
            (
                (2026, 11, 18),
                "Sendt i skriftlig høring H-2026-02 med svarfrist 25. november 2026 kl. 12.00.",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-006",
        kind: CaseKind::DeviationStatus,
        state: CaseState::OnAgenda,
        title: "Revideret tidsplan og risikovurdering for 4.1 Næste generation NemID (MitID)",
        initiative: Some("4.1"),
        figures_from: Some(Q3),
        before: "Porteføljestyregruppen bad 10. september 2026 Digitaliseringsstyrelsen om at fremlægge en revideret tidsplan og risikovurdering for initiativ 4.1 (B-2026-001). Initiativet er nu rapporteret rødt for fjerde kvartal i træk.",
        after: "Den reviderede tidsplan forudsætter, at leverandøren leverer release 4.2 i 1. kvartal 2027. Punktet behandles som lukket punkt, da det indeholder oplysninger om igangværende forhandlinger med leverandøren.",
        recommendation: "Det indstilles, at porteføljestyregruppen godkender den reviderede tidsplan, tager risikovurderingen til efterretning og beder sekretariatet orientere STS om den forlængede parallelle drift.",
        attachments: &[
            (
                "Revideret tidsplan for MitID",
                "bilag/2026-12-03-revideret-tidsplan-mitid.pdf",
            ),
            (
                "Risikovurdering for MitID (fortrolig)",
                "bilag/2026-12-03-risikovurdering-mitid.pdf",
            ),
            (
                "Statusrapport 3. kvartal 2026 – initiativ 4.1",
                "bilag/2026-3-statusrapport-4.1.pdf",
            ),
        ],
        history: &[
            (
                (2026, 10, 26),
                "Sag oprettet som opfølgning på beslutning B-2026-001.",
            ),
            ((2026, 11, 16), "Markeret klar til behandling."),
            (
                (2026, 11, 17),
                "Sat på dagsordenen for mødet 3. december 2026 som punkt 5 (lukket punkt).",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-007",
        kind: CaseKind::DeviationStatus,
        state: CaseState::OnAgenda,
        title: "Status på afvigende initiativ 2.1 Fælles datafordeler",
        initiative: Some("2.1"),
        figures_from: Some(Q3),
        before: "Initiativ 2.1 Fælles datafordeler er nyt afvigende i 3. kvartal 2026; i 2. kvartal var det rapporteret som opmærksomhedskrævende (gul). Migreringen af de sidste registre er forsinket, fordi to registerejere ikke har kunnet levere testdata.",
        after: "Styrelsen for Dataforsyning og Effektivisering forventer, at de gamle distributionsløsninger kan udfases i 2. kvartal 2027. Indtil da medfører dobbeltdrift merudgifter.",
        recommendation: "Det indstilles, at porteføljestyregruppen tager status til efterretning og tiltræder, at Styrelsen for Dataforsyning og Effektivisering fremlægger en plan for udfasning af de gamle distributionsløsninger senest på mødet i marts 2027.",
        attachments: &[(
            "Statusrapport 3. kvartal 2026 – initiativ 2.1",
            "bilag/2026-3-statusrapport-2.1.pdf",
        )],
        history: &[
            (
                (2026, 10, 27),
                "Sag oprettet på baggrund af statusrapporteringen for 3. kvartal 2026.",
            ),
            ((2026, 11, 13), "Markeret klar til behandling."),
            (
                (2026, 11, 17),
                "Sat på dagsordenen for mødet 3. december 2026 som punkt 6.",
            ),
        ],
    },
    CaseRow {
        id: "S-2026-008",
        kind: CaseKind::DeviationStatus,
        state: CaseState::Ready,
        title: "Status på afvigende initiativ 6.2 Digital kommunikation i retsvæsenet",
        initiative: Some("6.2"),
        figures_from: Some(Q3),
        before: "Initiativ 6.2 rapporterer samlet gult, men den forventede slutdato ligger mere end 90 dage efter den planlagte. Efter porteføljestyregruppens tærskelværdier er initiativet derfor afvigende.",
        after: "Forsinkelsen skyldes afhængighed til domstolenes nye nationale it-platform. Justitsministeriet forventer at kunne afholde det mindre merforbrug inden for ministeriets egen ramme.",
        recommendation: "Det indstilles, at porteføljestyregruppen tager status til efterretning og beder Justitsministeriet redegøre for konsekvenserne af forsinkelsen for borgere og advokater på næste møde.",
        attachments: &[(
            "Statusrapport 3. kvartal 2026 – initiativ 6.2",
            "bilag/2026-3-statusrapport-6.2.pdf",
        )],
        history: &[
            (
                (2026, 10, 28),
                "Sag oprettet på baggrund af statusrapporteringen for 3. kvartal 2026.",
            ),
            ((2026, 11, 19), "Markeret klar til behandling."),
        ],
    },
    CaseRow {
        id: "S-2026-009",
        kind: CaseKind::PrincipalQuestion,
        state: CaseState::Ready,
        title: "Forenklet kvartalsrapportering fra 2027",
        initiative: None,
        figures_from: None,
        before: "Sekretariatet foreslår, at den kvartalsvise statusrapportering forenkles fra 1. kvartal 2027. Initiativer, der har været grønne i fire kvartaler i træk, rapporterer fremover alene trafiklys, økonomi og forventet slutdato, mens afvigende og opmærksomhedskrævende initiativer fortsat rapporterer fuldt.",
        after: "Forslaget er drøftet med Økonomistyringsudvalget, som kan tilslutte sig det. Forslaget vil reducere rapporteringsbyrden for ca. to tredjedele af initiativerne.",
        recommendation: "Det indstilles, at porteføljestyregruppen drøfter forslaget og tiltræder, at sekretariatet fra 1. kvartal 2027 indhenter statusrapporter i den forenklede skabelon.",
        attachments: &[(
            "Forslag til forenklet rapporteringsskabelon",
            "bilag/2026-forslag-rapporteringsskabelon.pdf",
        )],
        history: &[
            ((2026, 10, 15), "Sag oprettet af sekretariatet."),
            ((2026, 11, 18), "Markeret klar til behandling."),
        ],
    },
    CaseRow {
        id: "S-2026-010",
        kind: CaseKind::OverUnderspend,
        state: CaseState::Draft,
        title: "Merforbrug på 3.2 Automatiseret erhvervsrapportering (XBRL)",
        initiative: Some("3.2"),
        figures_from: Some(Q3),
        before: "Initiativ 3.2 har i tre kvartaler rapporteret et mindre merforbrug som følge af prisregulering i driftskontrakten og ekstra testforløb.",
        after: "Erhvervsministeriet har oplyst, at merforbruget afholdes inden for ministeriets egen ramme.",
        recommendation: "Det indstilles, at porteføljestyregruppen tager til efterretning, at merforbruget på initiativ 3.2 afholdes inden for Erhvervsministeriets ramme.",
        attachments: &[],
        history: &[(
            (2026, 11, 10),
            "Sag oprettet på baggrund af statusrapporteringen for 3. kvartal 2026.",
        )],
    },
];

fn cases(initiatives: &[Initiative]) -> Vec<Case> {
    CASES
        .iter()
        .map(|row| {
            let mut c = Case::new(row.id, row.kind, row.title);
            c.state = row.state;
            c.forum = Some("psg".into());
            c.initiative = row.initiative.map(String::from);
            let figs = match (row.initiative, row.figures_from) {
                (Some(id), Some(q)) => figures(initiatives, id, q),
                _ => String::new(),
            };
            c.background = [row.before, figs.as_str(), row.after]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n\n");
            c.recommendation = row.recommendation.into();
            c.attachments = row
                .attachments
                .iter()
                .map(|(title, path)| Attachment::new(title, path))
                .collect();
            c.history = row
                .history
                .iter()
                .map(|((y, m, day), text)| HistoryEntry {
                    at: Stamp {
                        at: at(*y, *m, *day, 10),
                        by: BY.into(),
                    },
                    text: (*text).into(),
                })
                .collect();
            stamped(c)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Meetings

fn standard(
    title: &str,
    kind: ItemKind,
    minutes: u32,
    follow_up: bool,
    decision: &str,
) -> AgendaItem {
    let mut it = AgendaItem::new(title, kind);
    it.minutes_allotted = minutes;
    it.follow_up = follow_up;
    it.minutes.decision = decision.into();
    it
}

fn case_item(cases: &[Case], id: &str, presenter: &str, minutes: u32, closed: bool) -> AgendaItem {
    let mut it = AgendaItem::new(id, ItemKind::Decision);
    if let Some(c) = cases.iter().find(|c| c.id == id) {
        it.title = c.title.clone();
        it.recommendation = c.recommendation.clone();
        it.background = c.background.clone();
        it.attachments = c.attachments.clone();
    }
    it.case = Some(id.into());
    it.presenter = presenter.into();
    it.minutes_allotted = minutes;
    it.closed = closed;
    it
}

fn action(text: &str, owner: &str, due: NaiveDate, done: bool) -> ActionItem {
    ActionItem {
        text: text.into(),
        owner: owner.into(),
        due: Some(due),
        done,
        owner_member: String::new(),
    }
}

fn minutes(decision: &str, action_items: Vec<ActionItem>) -> ItemMinutes {
    ItemMinutes {
        decision: decision.into(),
        action_items,
    }
}

fn meetings(cases: &[Case]) -> Vec<Meeting> {
    // The held and approved meeting of 10 September 2026.
    let mut held = Meeting::new(HELD, "psg", d(2026, 9, 10));
    held.start = Some(t(13, 0));
    held.end = Some(t(15, 0));
    held.place = PLACE.into();
    held.state = MeetingState::Approved;
    held.agenda_version = 1;
    held.sent_date = Some(d(2026, 9, 3));
    held.approved_date = Some(d(2026, 9, 24));
    held.journal = "2026-10432".into();
    held.chair = "Karen Vestergaard Holm".into();
    held.secretary = "Mette Kjær Thomsen".into();
    let mut i5 = case_item(cases, "S-2026-001", "Digitaliseringsstyrelsen", 20, false);
    i5.minutes = minutes(
        "Styregruppen godkendte indstillingen. Styregruppen udtrykte bekymring for den fortsatte forsinkelse og bad om, at den reviderede tidsplan ledsages af en vurdering af konsekvenserne for kommuner og regioner.",
        vec![
            action(
                "Digitaliseringsstyrelsen sender revideret tidsplan og risikovurdering for MitID til sekretariatet.",
                "Digitaliseringsstyrelsen",
                d(2026, 11, 13),
                false,
            ),
            action(
                "Sekretariatet orienterer STS om forsinkelsen af MitID.",
                "Sekretariatet",
                d(2026, 10, 1),
                true,
            ),
        ],
    );
    let mut i6 = case_item(cases, "S-2026-002", "Digitaliseringsstyrelsen", 15, false);
    i6.minutes = minutes(
        "Styregruppen godkendte indstillingen.",
        vec![action(
            "Digitaliseringsstyrelsen udarbejder projektgrundlag for fase 2 af initiativ 2.3.",
            "Digitaliseringsstyrelsen",
            d(2026, 10, 15),
            true,
        )],
    );
    let mut i7 = case_item(cases, "S-2026-003", "Økonomistyringsudvalget", 15, false);
    i7.minutes = minutes(
        "Styregruppen godkendte indstillingen med den bemærkning, at Økonomistyringsudvalget forelægger et samlet forslag til prioritering af midler for 2027 på mødet i december.",
        vec![action(
            "Økonomistyringsudvalget forelægger forslag til prioritering af midler for 2027.",
            "Økonomistyringsudvalget",
            d(2026, 12, 3),
            false,
        )],
    );
    let mut eventuelt = standard(
        "Eventuelt",
        ItemKind::Information,
        5,
        false,
        "Skatteministeriet orienterede om den kommende ændring af adgangen til indkomstdata i eIndkomst.",
    );
    eventuelt.minutes.action_items = vec![action(
        "Skatteministeriet sender notat om brugen af eIndkomst-data til sekretariatet til videresendelse.",
        "Skatteministeriet",
        d(2026, 10, 30),
        false,
    )];
    held.items = vec![
        standard(
            "Godkendelse af dagsorden",
            ItemKind::Decision,
            5,
            false,
            "Dagsordenen blev godkendt.",
        ),
        standard(
            "Godkendelse af referat fra seneste møde",
            ItemKind::Decision,
            5,
            false,
            "Referatet fra mødet 11. juni 2026 blev godkendt uden bemærkninger.",
        ),
        standard(
            "Meddelelser",
            ItemKind::Information,
            10,
            false,
            "Formanden orienterede om arbejdet med en ny fællesoffentlig digitaliseringsstrategi og om økonomiforhandlingerne. Styregruppen tog orienteringen til efterretning.",
        ),
        standard(
            "Opfølgning på beslutninger",
            ItemKind::Information,
            10,
            true,
            "Sekretariatet gennemgik opfølgningslisten. Alle punkter fra mødet i juni er afsluttet.",
        ),
        i5,
        i6,
        i7,
        eventuelt,
    ];
    held.attendance = PSG_MEMBERS
        .iter()
        .map(|(authority, rep, _)| {
            let (kind, name) = match *authority {
                "Miljø- og Fødevareministeriet" | "ATP" => (AttendanceKind::Absent, ""),
                "Sundheds- og Ældreministeriet" => {
                    (AttendanceKind::Substitute, "Mia Søgaard Lund")
                }
                _ => (AttendanceKind::Present, *rep),
            };
            Attendance {
                authority: (*authority).into(),
                member: crate::model::ids::slug(authority),
                kind,
                name: name.into(),
            }
        })
        .collect();

    // The upcoming meeting of 3 December 2026, with a draft agenda.
    let mut next = Meeting::new(UPCOMING, "psg", d(2026, 12, 3));
    next.start = Some(t(13, 0));
    next.end = Some(t(15, 0));
    next.place = PLACE.into();
    next.state = MeetingState::Draft;
    next.agenda_version = 1;
    next.journal = "2026-15871".into();
    next.chair = "Karen Vestergaard Holm".into();
    next.secretary = "Mette Kjær Thomsen".into();
    next.items = vec![
        standard("Godkendelse af dagsorden", ItemKind::Decision, 5, false, ""),
        standard(
            "Godkendelse af referat fra seneste møde",
            ItemKind::Decision,
            5,
            false,
            "",
        ),
        standard("Meddelelser", ItemKind::Information, 10, false, ""),
        standard(
            "Opfølgning på beslutninger",
            ItemKind::Information,
            10,
            true,
            "",
        ),
        case_item(cases, "S-2026-006", "Digitaliseringsstyrelsen", 25, true),
        case_item(
            cases,
            "S-2026-007",
            "Styrelsen for Dataforsyning og Effektivisering",
            20,
            false,
        ),
        standard("Eventuelt", ItemKind::Information, 5, false, ""),
    ];

    vec![stamped(held), stamped(next)]
}

// ---------------------------------------------------------------------------------------------
// Consultations and decisions

fn reply(authority: &str, kind: ReplyKind, text: &str, received: NaiveDate) -> Reply {
    Reply {
        authority: authority.into(),
        member: crate::model::ids::slug(authority),
        kind,
        text: text.into(),
        received: Some(received),
    }
}

fn consultations() -> Vec<Consultation> {
    use ReplyKind::{Consent, ConsentWithComments};

    let mut h1 = Consultation::new(
        "H-2026-01",
        "psg",
        "Godkendelse af afslutningsrapport for initiativ 1.3 Digitale fuldmagter",
    );
    h1.cases = vec!["S-2026-004".into()];
    h1.sent_date = Some(d(2026, 10, 12));
    h1.deadline = Some(d(2026, 10, 19).and_time(t(12, 0)));
    // Everyone but Justitsministeriet, Miljø- og Fødevareministeriet and ATP replied; silence is consent.
    h1.replies = PSG_MEMBERS
        .iter()
        .enumerate()
        .filter(|(_, (a, _, _))| !matches!(*a, "Justitsministeriet" | "Miljø- og Fødevareministeriet" | "ATP"))
        .map(|(i, (a, _, _))| {
            let received = d(2026, 10, [13, 14, 15, 16, 19][i % 5]);
            if *a == "KL" {
                reply(
                    a,
                    ConsentWithComments,
                    "KL kan tilslutte sig afslutningsrapporten, men opfordrer til, at erfaringerne fra kommunernes implementering af fuldmagtsløsningen indgår i den videre forvaltning.",
                    received,
                )
            } else {
                reply(a, Consent, "", received)
            }
        })
        .collect();
    h1.state = ConsultationState::Concluded;
    h1.journal = "2026-12950".into();
    h1.outcome = Some(ConsultationOutcome::Adopted);
    h1.concluded_date = Some(d(2026, 10, 20));

    let mut h2 = Consultation::new(
        "H-2026-02",
        "psg",
        "Udmøntning af midler til initiativ 8.1 Hjælp til digitalt udfordrede borgere i 2027",
    );
    h2.cases = vec!["S-2026-005".into()];
    h2.sent_date = Some(d(2026, 11, 18));
    h2.deadline = Some(d(2026, 11, 25).and_time(t(12, 0)));
    h2.state = ConsultationState::Sent;
    h2.journal = "2026-14873".into();
    h2.replies = vec![
        reply("Erhvervsministeriet", Consent, "", d(2026, 11, 19)),
        reply("Skatteministeriet", Consent, "", d(2026, 11, 19)),
        reply("KL", Consent, "", d(2026, 11, 19)),
        reply(
            "Danske Regioner",
            ConsentWithComments,
            "Danske Regioner kan tilslutte sig indstillingen og forudsætter, at de regionale patientvejledere inddrages i vejledningsforløbene.",
            d(2026, 11, 20),
        ),
        reply("Beskæftigelsesministeriet", Consent, "", d(2026, 11, 20)),
        reply(
            "Sundheds- og Ældreministeriet",
            ConsentWithComments,
            "Ministeriet kan tilslutte sig, men opfordrer til, at materialerne til pårørende koordineres med Sundhedsstyrelsens vejledninger.",
            d(2026, 11, 20),
        ),
    ];

    vec![stamped(h1), stamped(h2)]
}

/// The decision register: one decision per case item of the approved meeting (its text is the item's
/// minuted decision, as approving the minutes writes it), then the one from consultation H-2026-01.
fn decisions(meetings: &[Meeting], cases: &[Case]) -> Vec<Decision> {
    let initiative_of = |case: &str| {
        cases
            .iter()
            .find(|c| c.id == case)
            .and_then(|c| c.initiative.clone())
    };
    let mut out = Vec::new();
    for m in meetings
        .iter()
        .filter(|m| m.state == MeetingState::Approved)
    {
        for (i, it) in m.items.iter().enumerate() {
            let Some(case) = &it.case else { continue };
            let id = format!("B-2026-{:03}", out.len() + 1);
            let source = DecisionSource::Meeting {
                meeting: m.id.clone(),
                item: i as u32 + 1,
            };
            let mut dec = Decision::new(&id, m.date, &m.forum, source, &it.minutes.decision);
            dec.case = Some(case.clone());
            dec.initiative = initiative_of(case);
            out.push(stamped(dec));
        }
    }
    let source = DecisionSource::Consultation {
        consultation: "H-2026-01".into(),
    };
    let text = "Porteføljestyregruppen tiltrådte indstillingen ved skriftlig høring (10 tilslutning, 1 med bemærkninger, 0 indsigelser, 3 uden svar).";
    let id = format!("B-2026-{:03}", out.len() + 1);
    let mut dec = Decision::new(&id, d(2026, 10, 20), "psg", source, text);
    dec.case = Some("S-2026-004".into());
    dec.initiative = initiative_of("S-2026-004");
    out.push(stamped(dec));
    out
}

/// Writes the demo workspace into `dir` (which must not hold a workspace yet).
pub fn write_demo(dir: &std::path::Path) -> Result<crate::store::Store, crate::store::StoreError> {
    let ws = demo_workspace();
    let mut settings = ws.settings.clone();
    write_demo_with(dir, &ws, &mut settings)
}

/// Writes the demo content with the given settings (e.g. another language).
pub fn write_demo_with(
    dir: &std::path::Path,
    ws: &Workspace,
    settings: &mut crate::model::Settings,
) -> Result<crate::store::Store, crate::store::StoreError> {
    let store = crate::store::Store::init(dir, settings)?;
    let ws = &with_bilag_files(dir, ws)?;
    ws.forums.iter().try_for_each(|r| store.seed(r))?;
    ws.initiatives.iter().try_for_each(|r| store.seed(r))?;
    ws.cases.iter().try_for_each(|r| store.seed(r))?;
    ws.meetings.iter().try_for_each(|r| store.seed(r))?;
    ws.consultations.iter().try_for_each(|r| store.seed(r))?;
    ws.decisions.iter().try_for_each(|r| store.seed(r))?;
    Ok(store)
}

/// Writes every bilag of the demo as a real PDF (made by [`crate::demo_bilag`]) into `dir`, and
/// returns the workspace with each bilag's size and SHA-256 recorded.
fn with_bilag_files(
    dir: &std::path::Path,
    ws: &Workspace,
) -> Result<Workspace, crate::store::StoreError> {
    use crate::store::bilag::sha256_hex;
    let mut made = std::collections::HashMap::new();
    for (a, case) in crate::demo_bilag::bilag_of(ws) {
        let bytes = crate::demo_bilag::render_cached(ws, &a, case).map_err(|e| {
            crate::store::StoreError::io(dir.join(&a.path), std::io::Error::other(e.to_string()))
        })?;
        crate::store::write_atomic(&dir.join(&a.path), &bytes)?;
        made.insert(a.path.clone(), (bytes.len() as u64, sha256_hex(&bytes)));
    }
    let mut ws = ws.clone();
    let fill = |atts: &mut [Attachment]| {
        for a in atts.iter_mut() {
            if let Some((size, hash)) = made.get(&a.path) {
                a.size = Some(*size);
                a.sha256 = Some(hash.clone());
            }
        }
    };
    for c in &mut ws.cases {
        fill(&mut c.attachments);
    }
    for m in &mut ws.meetings {
        for item in &mut m.items {
            fill(&mut item.attachments);
        }
    }
    Ok(ws)
}

#[cfg(test)]
mod tests;
