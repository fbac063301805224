//! The annual status statement (statusredegørelse): the year of the portfolio in one document for
//! the steering group and the ministries. Progress per initiative (the overall status at each
//! quarter of the year), the initiatives closed in the year and the closing reports approved, the
//! decisions of each forum, the written consultations sent, and the economy (budget and forecast per
//! quarter and per ministry), with the secretariat's own texts merged in from a workspace file
//! ([`parse_texts`], see docs/format.md).
//!
//! Split as the portfolio report: [`model`] gathers the year's data, [`document`] turns it into a
//! [`Document`] that every format renders. Pure: no I/O, no clock; the caller reads the texts file.

use super::document::Blocks as B;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::document::{Block, Chart, ChartKind, Document, Lights, LightsRow, Series, Tone, number};
use super::portfolio::quarter_label;
use super::{ExportError, clean, clean_line};
use crate::i18n::{Label, tr};
use crate::model::{
    Case, CaseKind, CaseState, Consultation, ConsultationState, Decision, DecisionSource,
    Initiative, Language, Lifecycle, Quarter, Rag, ReplyKind, Workspace, natural_cmp,
};
use crate::rules::deviation::{budget_of, current_quarter};

// ---------------------------------------------------------------------------------------------
// The texts file
// ---------------------------------------------------------------------------------------------

/// A section of the statement; each has a slot for the secretariat's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Introduction,
    Progress,
    Closed,
    Decisions,
    Consultations,
    Economy,
    Conclusion,
}

impl Section {
    /// In the order of the statement.
    pub const ALL: [Section; 7] = [
        Section::Introduction,
        Section::Progress,
        Section::Closed,
        Section::Decisions,
        Section::Consultations,
        Section::Economy,
        Section::Conclusion,
    ];

    /// The section's heading in the statement and in the texts file.
    pub fn heading(self, lang: Language) -> &'static str {
        match self {
            Section::Introduction => tr(lang, "Indledning", "Introduction"),
            Section::Progress => tr(lang, "Fremdrift", "Progress"),
            Section::Closed => tr(lang, "Afsluttede initiativer", "Closed initiatives"),
            Section::Decisions => tr(lang, "Beslutninger", "Decisions"),
            Section::Consultations => tr(lang, "Skriftlige høringer", "Written consultations"),
            Section::Economy => tr(lang, "Økonomi", "Economy"),
            Section::Conclusion => tr(lang, "Konklusion", "Conclusion"),
        }
    }

    /// What the statement shows where the texts file has no text for the section.
    pub fn placeholder(self, lang: Language) -> &'static str {
        match self {
            Section::Introduction => tr(
                lang,
                "[Skriv indledning her]",
                "[Write the introduction here]",
            ),
            Section::Progress => tr(
                lang,
                "[Skriv om fremdriften her]",
                "[Write about the progress here]",
            ),
            Section::Closed => tr(
                lang,
                "[Skriv om de afsluttede initiativer her]",
                "[Write about the closed initiatives here]",
            ),
            Section::Decisions => tr(
                lang,
                "[Skriv om årets beslutninger her]",
                "[Write about the year's decisions here]",
            ),
            Section::Consultations => tr(
                lang,
                "[Skriv om årets skriftlige høringer her]",
                "[Write about the year's written consultations here]",
            ),
            Section::Economy => tr(
                lang,
                "[Skriv om økonomien her]",
                "[Write about the economy here]",
            ),
            Section::Conclusion => tr(
                lang,
                "[Skriv konklusion her]",
                "[Write the conclusion here]",
            ),
        }
    }

    /// The section a `## ` heading of the texts file names: its Danish or English heading, in any
    /// letter case, with blanks collapsed.
    pub fn from_heading(s: &str) -> Option<Section> {
        let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
        Section::ALL.into_iter().find(|sec| {
            [Language::Da, Language::En]
                .iter()
                .any(|l| sec.heading(*l).to_lowercase() == want.to_lowercase())
        })
    }
}

/// The texts file of a year, relative to the workspace: `texts/statusredegoerelse-2026.md` (the same
/// name in an English workspace).
pub fn texts_path(year: i32) -> String {
    format!("texts/statusredegoerelse-{year}.md")
}

/// The secretariat's texts per section, as read from the texts file (cleaned of control characters;
/// still untrusted: every renderer escapes them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    sections: HashMap<Section, String>,
}

impl Texts {
    /// The section's text, `None` when the file has none (or only blanks) for it.
    pub fn get(&self, s: Section) -> Option<&str> {
        self.sections
            .get(&s)
            .map(String::as_str)
            .filter(|t| !t.trim().is_empty())
    }

    /// The sections without text, in the statement's order.
    pub fn missing(&self) -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| self.get(*s).is_none())
            .collect()
    }
}

/// Something in the texts file that the statement does not use as written; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextWarning {
    /// A `## ` heading that names no section; its text is not used.
    UnknownHeading { line: usize, heading: String },
    /// A section's heading a second time; both texts are used, in order.
    Duplicate {
        line: usize,
        first: usize,
        section: Section,
    },
    /// Text before the first `## ` heading (other than a `# ` title and comments); not used.
    BeforeFirstSection { line: usize },
    /// A `# ` heading after the first section; not used.
    LevelOneHeading { line: usize },
    /// A `<!--` comment that is never closed: the rest of the file is taken as the comment.
    UnclosedComment { line: usize },
}

impl TextWarning {
    pub fn line(&self) -> usize {
        match self {
            TextWarning::UnknownHeading { line, .. }
            | TextWarning::Duplicate { line, .. }
            | TextWarning::BeforeFirstSection { line }
            | TextWarning::LevelOneHeading { line }
            | TextWarning::UnclosedComment { line } => *line,
        }
    }

    /// "texts/statusredegoerelse-2026.md:12: ..." in the language asked for; the known headings are
    /// those of `doc_lang` (the workspace's).
    pub fn message(&self, file: &str, lang: Language, doc_lang: Language) -> String {
        let known = Section::ALL
            .iter()
            .map(|s| format!("\"## {}\"", s.heading(doc_lang)))
            .collect::<Vec<_>>()
            .join(", ");
        let what = match self {
            TextWarning::UnknownHeading { heading, .. } => match lang {
                Language::Da => format!(
                    "ukendt afsnit \"## {heading}\"; teksten under det kommer ikke med. Kendte afsnit: {known}"
                ),
                Language::En => format!(
                    "unknown section \"## {heading}\"; the text under it is not used. Known sections: {known}"
                ),
            },
            TextWarning::Duplicate { first, section, .. } => match lang {
                Language::Da => format!(
                    "afsnittet \"## {}\" står også i linje {first}; begge tekster kommer med, i rækkefølge",
                    section.heading(doc_lang)
                ),
                Language::En => format!(
                    "the section \"## {}\" is also at line {first}; both texts are used, in order",
                    section.heading(doc_lang)
                ),
            },
            TextWarning::BeforeFirstSection { .. } => match lang {
                Language::Da => format!(
                    "tekst før den første \"## \"-overskrift kommer ikke med; flyt den ind under et afsnit ({known})"
                ),
                Language::En => format!(
                    "text before the first \"## \" heading is not used; move it under a section ({known})"
                ),
            },
            TextWarning::LevelOneHeading { .. } => tr(
                lang,
                "en \"# \"-overskrift efter det første afsnit kommer ikke med; afsnit begynder med \"## \", underoverskrifter med \"### \"",
                "a \"# \" heading after the first section is not used; sections start with \"## \", subheadings with \"### \"",
            )
            .to_string(),
            TextWarning::UnclosedComment { .. } => tr(
                lang,
                "kommentaren \"<!--\" lukkes aldrig med \"-->\"; resten af filen kommer ikke med",
                "the comment \"<!--\" is never closed with \"-->\"; the rest of the file is not used",
            )
            .to_string(),
        };
        format!("{file}:{}: {what}", self.line())
    }
}

/// The lines of `text` with `<!-- ... -->` comments blanked out (line numbers kept), and the line
/// of a comment that is never closed.
fn strip_comments(text: &str) -> (Vec<String>, Option<usize>) {
    let mut out = vec![];
    let mut open: Option<usize> = None;
    for (i, line) in text.split('\n').enumerate() {
        let mut rest = line;
        let mut kept = String::new();
        loop {
            if open.is_some() {
                match rest.find("-->") {
                    Some(p) => {
                        open = None;
                        rest = &rest[p + 3..];
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(p) => {
                        kept.push_str(&rest[..p]);
                        open = Some(i + 1);
                        rest = &rest[p + 4..];
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        out.push(kept);
    }
    (out, open)
}

/// Reads a texts file: `## Heading` lines start the sections (Danish or English headings, any
/// letter case), the lines under a heading are its text, `<!-- -->` comments are left out. Returns
/// the texts and a warning for everything not used as written.
pub fn parse_texts(text: &str) -> (Texts, Vec<TextWarning>) {
    let text = clean(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (lines, unclosed) = strip_comments(text);
    let mut texts = Texts::default();
    let mut warnings = vec![];
    let mut first_line: HashMap<Section, usize> = HashMap::new();
    // None before the first heading; Some(None) under an unknown heading.
    let mut current: Option<Option<Section>> = None;
    let mut warned_before = false;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let t = line.trim();
        // "## Heading" (also "##Heading"); "###" and deeper are subheadings inside a section.
        if let Some(h) = t.strip_prefix("##").filter(|h| !h.starts_with('#')) {
            let h = clean_line(h).trim_end_matches('#').trim_end().to_string();
            match Section::from_heading(&h) {
                Some(s) => {
                    if let Some(first) = first_line.get(&s) {
                        warnings.push(TextWarning::Duplicate {
                            line: n,
                            first: *first,
                            section: s,
                        });
                        let e = texts.sections.entry(s).or_default();
                        e.push_str("\n\n");
                    } else {
                        first_line.insert(s, n);
                    }
                    current = Some(Some(s));
                }
                None => {
                    warnings.push(TextWarning::UnknownHeading {
                        line: n,
                        heading: h,
                    });
                    current = Some(None);
                }
            }
            continue;
        }
        let level_one = t.starts_with("# ") || t == "#";
        match current {
            None => {
                if !t.is_empty() && !level_one && !warned_before {
                    warnings.push(TextWarning::BeforeFirstSection { line: n });
                    warned_before = true;
                }
            }
            Some(_) if level_one => warnings.push(TextWarning::LevelOneHeading { line: n }),
            Some(None) => {}
            Some(Some(s)) => {
                let e = texts.sections.entry(s).or_default();
                e.push_str(line.trim_end());
                e.push('\n');
            }
        }
    }
    if let Some(line) = unclosed {
        warnings.push(TextWarning::UnclosedComment { line });
    }
    warnings.sort_by_key(TextWarning::line);
    (texts, warnings)
}

/// The texts file to start from: a title, a comment on how to write it, and every section's
/// heading in the workspace's language with no text under it.
pub fn skeleton(year: i32, lang: Language) -> String {
    let mut out = match lang {
        Language::Da => format!(
            "# Statusredegørelse {year} – tekster\n\n<!--\nSekretariatets tekster til statusredegørelsen for {year}. Skriv teksten under hver\n\"## \"-overskrift, og lad overskrifterne stå, som de er. En tom linje adskiller afsnit, linjer\nder begynder med \"- \" bliver punktopstillinger, og \"### \" giver en underoverskrift. Anden\nMarkdown vises, som den er skrevet. Et afsnit uden tekst får en pladsholder i rapporten.\nKommentarer som denne kommer ikke med.\n-->\n"
        ),
        Language::En => format!(
            "# Annual status statement {year} – texts\n\n<!--\nThe secretariat's texts for the annual status statement {year}. Write the text under each\n\"## \" heading and leave the headings as they are. A blank line separates paragraphs, lines\nstarting with \"- \" become bullet lists, and \"### \" makes a subheading. Other Markdown is\nshown as written. A section without text gets a placeholder in the report. Comments like\nthis one are left out.\n-->\n"
        ),
    };
    for s in Section::ALL {
        out.push_str(&format!("\n## {}\n\n", s.heading(lang)));
    }
    out
}

/// A text of the file as blocks: blank-line separated paragraphs (their lines joined with a space,
/// as Markdown does), "- " / "* " lines as bullet lists (indented lines continue an item), "### "
/// lines as subheadings.
fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = vec![];
    let mut para: Vec<&str> = vec![];
    let mut items: Vec<String> = vec![];
    fn flush(para: &mut Vec<&str>, items: &mut Vec<String>, blocks: &mut Vec<Block>) {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(para.join(" ")));
            para.clear();
        }
        if !items.is_empty() {
            blocks.push(Block::List(std::mem::take(items)));
        }
    }
    for line in text.split('\n') {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut items, &mut blocks);
        } else if let Some(h) = t.strip_prefix("###") {
            flush(&mut para, &mut items, &mut blocks);
            let h = clean_line(h.trim_start_matches('#'));
            if !h.is_empty() {
                blocks.push(Block::Heading { level: 3, text: h });
            }
        } else if let Some(item) = ["- ", "* ", "• "].iter().find_map(|m| t.strip_prefix(m)) {
            if !para.is_empty() {
                blocks.push(Block::Paragraph(para.join(" ")));
                para.clear();
            }
            items.push(item.trim().to_string());
        } else if !items.is_empty() && line.starts_with([' ', '\t']) {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(t);
            }
        } else {
            if !items.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut items)));
            }
            para.push(t);
        }
    }
    flush(&mut para, &mut items, &mut blocks);
    blocks
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/// One initiative's year: its overall status at each quarter of the year.
#[derive(Debug, Clone)]
pub struct Progress<'a> {
    pub init: &'a Initiative,
    /// One per quarter of [`Annual::quarters`]; `None` without a report.
    pub overall: Vec<Option<Rag>>,
    /// When the initiative was closed, if in the year.
    pub closed: Option<NaiveDate>,
}

/// An initiative closed in the year.
#[derive(Debug, Clone)]
pub struct Closed<'a> {
    pub init: &'a Initiative,
    /// The date of the decision on its closing report; else its end date (sluttidspunkt); else the
    /// last day of its last reported quarter.
    pub date: NaiveDate,
    pub budget: Option<Decimal>,
    pub forecast: Option<Decimal>,
    pub spent: Option<Decimal>,
    pub closing_reports: Vec<&'a Case>,
}

/// A closing report (case of kind ClosingReport) approved in the year.
#[derive(Debug, Clone)]
pub struct Approved<'a> {
    pub case: &'a Case,
    /// The latest decision on the case, if any.
    pub decision: Option<&'a Decision>,
    /// The decision's date; without a decision, the date of the case's last history entry.
    pub date: NaiveDate,
}

/// One forum's decisions in the year, oldest first.
#[derive(Debug, Clone)]
pub struct ForumDecisions<'a> {
    pub forum: String,
    pub name: String,
    pub decisions: Vec<&'a Decision>,
}

/// Money in one quarter: the sums over the initiatives that reported for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Money {
    pub initiatives: usize,
    pub budget: Decimal,
    /// The forecast, or the budget where a report has none (as in the portfolio report).
    pub forecast: Decimal,
    pub spent: Decimal,
}

impl Money {
    fn add(&mut self, init: &Initiative, r: &crate::model::StatusReport) {
        let budget = budget_of(r, init).unwrap_or_default();
        self.initiatives += 1;
        self.budget += budget;
        self.forecast += r.forecast.unwrap_or(budget);
        self.spent += r.spent.unwrap_or_default();
    }
}

/// Everything the statement shows about a year.
#[derive(Debug, Clone)]
pub struct Annual<'a> {
    pub year: i32,
    /// The quarters of the year up to the latest quarter with reports in the workspace.
    pub quarters: Vec<Quarter>,
    pub progress: Vec<Progress<'a>>,
    pub closed: Vec<Closed<'a>>,
    pub approved: Vec<Approved<'a>>,
    pub decisions: Vec<ForumDecisions<'a>>,
    /// Written consultations sent in the year, oldest first.
    pub consultations: Vec<&'a Consultation>,
    /// One per quarter of `quarters`.
    pub money: Vec<Money>,
    /// Per ministry, in the year's last quarter with reports.
    pub ministries: BTreeMap<String, Money>,
    /// Per ministry, one per quarter of `quarters` (empty where none of its initiatives reported).
    pub ministries_per_quarter: BTreeMap<String, Vec<Money>>,
    /// The quarter `ministries` is about.
    pub money_quarter: Option<Quarter>,
}

fn in_year(d: NaiveDate, year: i32) -> bool {
    use chrono::Datelike;
    d.year() == year
}

/// The year's data. An error when the year is outside what quarters can be, or when the workspace
/// has nothing at all for it (no report, decision or consultation).
pub fn model(ws: &Workspace, year: i32) -> Result<Annual<'_>, ExportError> {
    let Some(q1) = Quarter::new(year, 1) else {
        return Err(ExportError::YearOutOfRange(year));
    };
    let latest = current_quarter(ws);
    let quarters: Vec<Quarter> = std::iter::successors(Some(q1), |q| (q.q < 4).then(|| q.next()))
        .filter(|q| latest.is_some_and(|l| *q <= l))
        .collect();

    // Decisions per case, for the closing reports.
    let mut by_case: HashMap<&str, Vec<&Decision>> = HashMap::new();
    for d in &ws.decisions {
        if let Some(c) = &d.case {
            by_case.entry(c.as_str()).or_default().push(d);
        }
    }
    let latest_decision = |case: &str| -> Option<&Decision> {
        by_case.get(case).and_then(|ds| {
            ds.iter()
                .copied()
                .max_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)))
        })
    };
    let closing_cases = |init: &str| -> Vec<&Case> {
        let mut cs: Vec<&Case> = ws
            .cases
            .iter()
            .filter(|c| c.kind == CaseKind::ClosingReport && c.initiative.as_deref() == Some(init))
            .collect();
        cs.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        cs
    };

    // Closed initiatives and when.
    let mut closed: Vec<Closed> = vec![];
    for init in ws
        .initiatives
        .iter()
        .filter(|i| i.lifecycle == Lifecycle::Closed)
    {
        let cases = closing_cases(&init.id);
        let decided = cases
            .iter()
            .filter_map(|c| latest_decision(&c.id))
            .map(|d| d.date)
            .max();
        let last = init.latest_report();
        let date = decided.or(init.end_date).or(last.map(|r| r.quarter.end()));
        let Some(date) = date.filter(|d| in_year(*d, year)) else {
            continue;
        };
        closed.push(Closed {
            init,
            date,
            budget: last.and_then(|r| budget_of(r, init)).or(init.budget),
            forecast: last.and_then(|r| r.forecast),
            spent: last.and_then(|r| r.spent),
            closing_reports: cases,
        });
    }
    closed.sort_by(|a, b| (a.date, &a.init.id).cmp(&(b.date, &b.init.id)));
    let closed_on: HashMap<&str, NaiveDate> = closed
        .iter()
        .map(|c| (c.init.id.as_str(), c.date))
        .collect();

    // Progress: every initiative with a report in the year, or closed in it.
    let mut progress: Vec<Progress> = ws
        .initiatives
        .iter()
        .filter_map(|init| {
            let overall: Vec<Option<Rag>> = quarters
                .iter()
                .map(|q| {
                    init.reports
                        .iter()
                        .rev()
                        .find(|r| r.quarter == *q)
                        .map(|r| r.overall)
                })
                .collect();
            let closed = closed_on.get(init.id.as_str()).copied();
            (overall.iter().any(Option::is_some) || closed.is_some()).then_some(Progress {
                init,
                overall,
                closed,
            })
        })
        .collect();
    progress.sort_by(|a, b| natural_cmp(&a.init.id, &b.init.id));

    // Closing reports approved in the year.
    let mut approved: Vec<Approved> = ws
        .cases
        .iter()
        .filter(|c| {
            c.kind == CaseKind::ClosingReport
                && matches!(c.state, CaseState::Decided | CaseState::Closed)
        })
        .filter_map(|case| {
            let decision = latest_decision(&case.id);
            let date = decision
                .map(|d| d.date)
                .or_else(|| case.history.iter().map(|h| h.at.at.date_naive()).max())?;
            in_year(date, year).then_some(Approved {
                case,
                decision,
                date,
            })
        })
        .collect();
    approved.sort_by(|a, b| (a.date, &a.case.id).cmp(&(b.date, &b.case.id)));

    // Decisions per forum: the forums in the workspace's order, unknown forums after them.
    let mut per_forum: BTreeMap<String, Vec<&Decision>> = BTreeMap::new();
    for d in ws.decisions.iter().filter(|d| in_year(d.date, year)) {
        per_forum.entry(d.forum.clone()).or_default().push(d);
    }
    let mut decisions: Vec<ForumDecisions> = vec![];
    let mut forum_ids: Vec<String> = ws.forums.iter().map(|f| f.id.clone()).collect();
    forum_ids.extend(per_forum.keys().filter(|k| ws.forum(k).is_none()).cloned());
    for id in forum_ids {
        if let Some(mut ds) = per_forum.remove(&id) {
            ds.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
            decisions.push(ForumDecisions {
                name: ws.forum(&id).map_or_else(|| id.clone(), |f| f.name.clone()),
                forum: id,
                decisions: ds,
            });
        }
    }

    // Written consultations sent in the year.
    let mut consultations: Vec<&Consultation> = ws
        .consultations
        .iter()
        .filter(|c| c.state != ConsultationState::Draft)
        .filter(|c| c.sent_date.is_some_and(|d| in_year(d, year)))
        .collect();
    consultations.sort_by(|a, b| (a.sent_date, &a.id).cmp(&(b.sent_date, &b.id)));

    // Money per quarter, and per ministry in the last quarter with reports.
    let money: Vec<Money> = quarters
        .iter()
        .map(|q| {
            let mut m = Money::default();
            for init in &ws.initiatives {
                if let Some(r) = init.reports.iter().rev().find(|r| r.quarter == *q) {
                    m.add(init, r);
                }
            }
            m
        })
        .collect();
    let money_quarter = quarters
        .iter()
        .zip(&money)
        .rev()
        .find(|(_, m)| m.initiatives > 0)
        .map(|(q, _)| *q);
    let mut ministries_per_quarter: BTreeMap<String, Vec<Money>> = BTreeMap::new();
    for (k, q) in quarters.iter().enumerate() {
        for init in &ws.initiatives {
            if let Some(r) = init.reports.iter().rev().find(|r| r.quarter == *q) {
                ministries_per_quarter
                    .entry(clean_line(&init.ministry))
                    .or_insert_with(|| vec![Money::default(); quarters.len()])[k]
                    .add(init, r);
            }
        }
    }
    let mut ministries: BTreeMap<String, Money> = BTreeMap::new();
    if let Some(q) = money_quarter {
        for init in &ws.initiatives {
            if let Some(r) = init.reports.iter().rev().find(|r| r.quarter == q) {
                ministries
                    .entry(clean_line(&init.ministry))
                    .or_default()
                    .add(init, r);
            }
        }
    }

    if progress.is_empty()
        && decisions.is_empty()
        && consultations.is_empty()
        && approved.is_empty()
    {
        return Err(ExportError::NothingInYear(year));
    }
    Ok(Annual {
        year,
        quarters,
        progress,
        closed,
        approved,
        decisions,
        consultations,
        money,
        ministries,
        ministries_per_quarter,
        money_quarter,
    })
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

impl B {
    /// A section's heading, then the secretariat's text for it or its placeholder.
    fn section(&mut self, s: Section, texts: Option<&Texts>) {
        self.h(2, s.heading(self.lang));
        match texts.and_then(|t| t.get(s)) {
            Some(text) => self.blocks.extend(text_blocks(text)),
            None => self.p(s.placeholder(self.lang)),
        }
    }
}

fn date_text(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Da => d.format("%d.%m.%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn mio(v: Option<Decimal>, lang: Language) -> String {
    v.map_or_else(|| "–".to_string(), |v| number(v, lang))
}

/// The statement's title: "Statusredegørelse 2026 – Porteføljestyregruppen".
pub fn title(ws: &Workspace, year: i32) -> String {
    format!(
        "{} {year} – {}",
        tr(
            ws.settings.language,
            "Statusredegørelse",
            "Annual status statement"
        ),
        clean_line(&ws.settings.name)
    )
}

/// Builds the statement for `year` in the workspace's language, with the secretariat's texts (or
/// a placeholder per section when `texts` is `None` or has no text for it).
pub fn document(ws: &Workspace, year: i32, texts: Option<&Texts>) -> Result<Document, ExportError> {
    let a = model(ws, year)?;
    let lang = ws.settings.language;
    let mut b = B {
        lang,
        blocks: vec![],
    };
    let title = title(ws, year);
    b.h(1, &title);
    let period = match (a.quarters.first(), a.quarters.last()) {
        (Some(f), Some(l)) if f != l => {
            format!("{}–{}", quarter_label(*f, lang), quarter_label(*l, lang))
        }
        (Some(f), _) => quarter_label(*f, lang),
        _ => b.t("ingen statusrapporter", "no status reports").into(),
    };
    b.blocks.push(Block::Fields(vec![
        (b.t("År", "Year").into(), year.to_string()),
        (
            b.t("Statusrapporter", "Status reports").into(),
            period.clone(),
        ),
        (
            b.t("Initiativer", "Initiatives").into(),
            a.progress.len().to_string(),
        ),
        (
            b.t("Lukket i året", "Closed in the year").into(),
            a.closed.len().to_string(),
        ),
        (
            b.t("Beslutninger", "Decisions").into(),
            a.decisions
                .iter()
                .map(|f| f.decisions.len())
                .sum::<usize>()
                .to_string(),
        ),
        (
            b.t("Skriftlige høringer", "Written consultations").into(),
            a.consultations.len().to_string(),
        ),
    ]));

    b.section(Section::Introduction, texts);

    // Progress.
    b.section(Section::Progress, texts);
    if a.progress.is_empty() || a.quarters.is_empty() {
        b.p(b.t(
            "Ingen initiativer har statusrapporter i året.",
            "No initiative has status reports in the year.",
        ));
    } else {
        let counts: Vec<[usize; 4]> = (0..a.quarters.len())
            .map(|k| {
                let mut c = [0usize; 4];
                for p in &a.progress {
                    match p.overall.get(k).copied().flatten() {
                        Some(Rag::Green) => c[0] += 1,
                        Some(Rag::Yellow) => c[1] += 1,
                        Some(Rag::Red) => c[2] += 1,
                        Some(Rag::NotReported) => c[3] += 1,
                        None => {}
                    }
                }
                c
            })
            .collect();
        let series = |i: usize, name: &str, tone: Tone| Series {
            name: name.to_string(),
            tone,
            values: counts.iter().map(|c| Some(Decimal::from(c[i]))).collect(),
        };
        b.blocks.push(Block::Chart(Chart {
            title: format!(
                "{} {period}",
                b.t("Samlet status pr. kvartal", "Overall status per quarter")
            ),
            kind: ChartKind::StackedBars,
            unit: b.t("antal initiativer", "initiatives").into(),
            label_heading: b.t("Kvartal", "Quarter").into(),
            labels: a.quarters.iter().map(|q| quarter_label(*q, lang)).collect(),
            series: vec![
                series(0, b.t("Grøn", "Green"), Tone::Green),
                series(1, b.t("Gul", "Yellow"), Tone::Yellow),
                series(2, b.t("Rød", "Red"), Tone::Red),
                series(3, b.t("Ikke rapporteret", "Not reported"), Tone::Grey),
            ],
        }));
        b.h(
            3,
            b.t(
                "Samlet status pr. initiativ",
                "Overall status per initiative",
            ),
        );
        let mut header = vec![
            b.t("Nr.", "No.").to_string(),
            b.t("Initiativ", "Initiative").to_string(),
            b.t("Ministerium", "Ministry").to_string(),
        ];
        header.extend(a.quarters.iter().map(|q| quarter_label(*q, lang)));
        let rows = a
            .progress
            .iter()
            .map(|p| {
                let mut name = clean_line(&p.init.name);
                if let Some(d) = p.closed {
                    name.push_str(&format!(
                        "\n{} {}",
                        b.t("Lukket", "Closed"),
                        date_text(d, lang)
                    ));
                }
                LightsRow {
                    cells: vec![clean_line(&p.init.id), name, clean_line(&p.init.ministry)],
                    lights: p.overall.clone(),
                }
            })
            .collect();
        b.blocks.push(Block::Lights(Lights { header, rows }));
        b.p(b.t(
            "G = grøn, Gu = gul, R = rød, - = ikke rapporteret, – = ingen statusrapport for kvartalet.",
            "G = green, Y = yellow, R = red, - = not reported, – = no status report for the quarter.",
        ));
    }

    // Closed initiatives and approved closing reports.
    b.section(Section::Closed, texts);
    if a.closed.is_empty() {
        b.p(b.t(
            "Ingen initiativer er lukket i året.",
            "No initiative was closed in the year.",
        ));
    } else {
        let rows = a
            .closed
            .iter()
            .map(|c| {
                vec![
                    clean_line(&c.init.id),
                    format!(
                        "{}\n{}",
                        clean_line(&c.init.name),
                        clean_line(&c.init.ministry)
                    ),
                    date_text(c.date, lang),
                    mio(c.budget, lang),
                    mio(c.forecast, lang),
                    mio(c.spent, lang),
                    c.closing_reports
                        .iter()
                        .map(|k| format!("{} ({})", clean_line(&k.id), k.state.label(lang)))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            })
            .collect();
        b.table(
            &[
                b.t("Nr.", "No."),
                b.t("Initiativ", "Initiative"),
                b.t("Lukket", "Closed"),
                b.t("Budget (mio. kr.)", "Budget (DKK m)"),
                b.t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
                b.t("Forbrugt (mio. kr.)", "Spent (DKK m)"),
                b.t("Afslutningsrapport", "Closing report"),
            ],
            rows,
        );
    }
    b.h(
        3,
        b.t("Godkendte afslutningsrapporter", "Closing reports approved"),
    );
    if a.approved.is_empty() {
        b.p(b.t(
            "Ingen afslutningsrapporter er godkendt i året.",
            "No closing report was approved in the year.",
        ));
    } else {
        let rows = a
            .approved
            .iter()
            .map(|x| {
                // The initiative under the title, unless the title names it already.
                let title = clean_line(&x.case.title);
                let init = x
                    .case
                    .initiative
                    .as_deref()
                    .filter(|i| !title.contains(i))
                    .map(|i| {
                        ws.initiative(i).map_or_else(
                            || clean_line(i),
                            |i| clean_line(&format!("{} {}", i.id, i.name)),
                        )
                    });
                vec![
                    clean_line(&x.case.id),
                    init.map_or_else(|| title.clone(), |i| format!("{title}\n{i}")),
                    date_text(x.date, lang),
                    x.decision
                        .map(|d| {
                            format!("{} ({})", clean_line(&d.id), source_text(&d.source, lang))
                        })
                        .unwrap_or_else(|| x.case.state.label(lang).to_string()),
                ]
            })
            .collect();
        b.table(
            &[
                b.t("Sag", "Case"),
                b.t("Afslutningsrapport", "Closing report"),
                b.t("Godkendt", "Approved"),
                b.t("Beslutning", "Decision"),
            ],
            rows,
        );
    }

    // Decisions per forum.
    b.section(Section::Decisions, texts);
    if a.decisions.is_empty() {
        b.p(b.t(
            "Ingen beslutninger er registreret i året.",
            "No decisions were recorded in the year.",
        ));
    } else {
        // One line per forum, readable in every format.
        let summary = a
            .decisions
            .iter()
            .map(|f| {
                let n = f.decisions.len();
                let meeting = f
                    .decisions
                    .iter()
                    .filter(|d| matches!(d.source, DecisionSource::Meeting { .. }))
                    .count();
                format!(
                    "{}: {n} {} ({meeting} {}, {} {})",
                    clean_line(&f.name),
                    if n == 1 {
                        b.t("beslutning", "decision")
                    } else {
                        b.t("beslutninger", "decisions")
                    },
                    b.t("på møder", "at meetings"),
                    n - meeting,
                    b.t("ved skriftlig høring", "by written consultation"),
                )
            })
            .collect();
        b.blocks.push(Block::List(summary));
        for f in &a.decisions {
            b.h(3, &f.name);
            let rows = f
                .decisions
                .iter()
                .map(|d| {
                    let about = [d.case.as_deref(), d.initiative.as_deref()]
                        .iter()
                        .flatten()
                        .map(|s| clean_line(s))
                        .collect::<Vec<_>>()
                        .join(", ");
                    vec![
                        clean_line(&d.id),
                        date_text(d.date, lang),
                        source_text(&d.source, lang),
                        about,
                        clean(&d.text).trim().to_string(),
                    ]
                })
                .collect();
            b.table(
                &[
                    b.t("Nr.", "No."),
                    b.t("Dato", "Date"),
                    b.t("Truffet", "Taken"),
                    b.t("Sag / initiativ", "Case / initiative"),
                    b.t("Beslutning", "Decision"),
                ],
                rows,
            );
        }
    }

    // Written consultations.
    b.section(Section::Consultations, texts);
    if a.consultations.is_empty() {
        b.p(b.t(
            "Der er ikke sendt skriftlige høringer i året.",
            "No written consultations were sent in the year.",
        ));
    } else {
        let rows = a
            .consultations
            .iter()
            .map(|c| {
                let forum = ws
                    .forum(&c.forum)
                    .map_or(c.forum.as_str(), |f| f.name.as_str());
                let replied = c
                    .replies
                    .iter()
                    .filter(|r| r.kind != ReplyKind::NoReply)
                    .count();
                let members = ws.forum(&c.forum).map_or(0, |f| f.members.len());
                let outcome = match (c.state, c.outcome) {
                    (_, Some(o)) => o.label(lang).to_string(),
                    (ConsultationState::Sent, None) => {
                        b.t("Afventer svar", "Awaiting replies").to_string()
                    }
                    (s, None) => s.label(lang).to_string(),
                };
                vec![
                    clean_line(&c.id),
                    format!("{}\n{}", clean_line(&c.subject), clean_line(forum)),
                    [
                        c.sent_date.map(|d| date_text(d, lang)),
                        c.deadline.map(|d| date_text(d.date(), lang)),
                    ]
                    .iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n"),
                    if members > 0 {
                        format!("{replied} {} {members}", b.t("af", "of"))
                    } else {
                        replied.to_string()
                    },
                    outcome,
                ]
            })
            .collect();
        b.table(
            &[
                b.t("Nr.", "No."),
                b.t("Emne og forum", "Subject and forum"),
                b.t("Sendt og svarfrist", "Sent and deadline"),
                b.t("Svar", "Replies"),
                b.t("Udfald", "Outcome"),
            ],
            rows,
        );
    }

    // Economy.
    b.section(Section::Economy, texts);
    if let Some(mq) = a.money_quarter {
        b.blocks.push(Block::Chart(Chart {
            title: format!(
                "{} {period}",
                b.t(
                    "Budget og forventet forbrug i alt pr. kvartal",
                    "Total budget and forecast per quarter"
                )
            ),
            kind: ChartKind::Lines,
            unit: b.t("mio. kr.", "DKK m").into(),
            label_heading: b.t("Kvartal", "Quarter").into(),
            labels: a.quarters.iter().map(|q| quarter_label(*q, lang)).collect(),
            series: vec![
                Series {
                    name: b.t("Budget", "Budget").into(),
                    tone: Tone::Blue,
                    values: a
                        .money
                        .iter()
                        .map(|m| (m.initiatives > 0).then_some(m.budget))
                        .collect(),
                },
                Series {
                    name: b.t("Forventet forbrug", "Forecast").into(),
                    tone: Tone::Red,
                    values: a
                        .money
                        .iter()
                        .map(|m| (m.initiatives > 0).then_some(m.forecast))
                        .collect(),
                },
                Series {
                    name: b.t("Forbrugt", "Spent").into(),
                    tone: Tone::Dark,
                    values: a
                        .money
                        .iter()
                        .map(|m| (m.initiatives > 0).then_some(m.spent))
                        .collect(),
                },
            ],
        }));
        b.h(
            3,
            &format!(
                "{} {}",
                b.t("Pr. ministerium,", "Per ministry,"),
                quarter_label(mq, lang)
            ),
        );
        let mut total = Money::default();
        let mut rows: Vec<Vec<String>> = vec![];
        let row = |name: String, m: &Money| {
            vec![
                name,
                m.initiatives.to_string(),
                number(m.budget, lang),
                number(m.forecast, lang),
                number(m.forecast - m.budget, lang),
                if m.budget > Decimal::ZERO {
                    number(
                        ((m.forecast - m.budget) * Decimal::from(100) / m.budget).round_dp(1),
                        lang,
                    )
                } else {
                    "–".into()
                },
            ]
        };
        for (name, m) in &a.ministries {
            total.initiatives += m.initiatives;
            total.budget += m.budget;
            total.forecast += m.forecast;
            total.spent += m.spent;
            rows.push(row(name.clone(), m));
        }
        rows.push(row(b.t("I alt", "Total").into(), &total));
        b.table(
            &[
                b.t("Ministerium", "Ministry"),
                b.t("Initiativer", "Initiatives"),
                b.t("Budget (mio. kr.)", "Budget (DKK m)"),
                b.t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
                b.t("Afvigelse (mio. kr.)", "Deviation (DKK m)"),
                b.t("Afvigelse (%)", "Deviation (%)"),
            ],
            rows,
        );
        if a.quarters.len() > 1 {
            b.h(
                3,
                b.t(
                    "Forventet forbrug over (+) eller under (−) budget pr. ministerium og kvartal (mio. kr.)",
                    "Forecast over (+) or under (−) budget per ministry and quarter (DKK m)",
                ),
            );
            let mut header = vec![b.t("Ministerium", "Ministry")];
            let labels: Vec<String> = a.quarters.iter().map(|q| quarter_label(*q, lang)).collect();
            header.extend(labels.iter().map(String::as_str));
            let rows = a
                .ministries_per_quarter
                .iter()
                .map(|(name, per)| {
                    let mut row = vec![name.clone()];
                    row.extend(per.iter().map(|m| {
                        if m.initiatives == 0 {
                            "–".to_string()
                        } else {
                            number(m.forecast - m.budget, lang)
                        }
                    }));
                    row
                })
                .collect();
            b.table(&header, rows);
        }
        b.p(b.t(
            "Summerne er over de initiativer, der har rapporteret for kvartalet. Forventet forbrug er initiativets prognose; uden prognose tælles budgettet med.",
            "The sums are over the initiatives that reported for the quarter. Forecast is the initiative's forecast; without one, its budget is counted.",
        ));
    } else {
        b.p(b.t(
            "Ingen statusrapporter med økonomi i året.",
            "No status reports with figures in the year.",
        ));
    }

    b.section(Section::Conclusion, texts);

    Ok(Document {
        lang,
        title,
        blocks: b.blocks,
    })
}

/// Where a decision was taken: "møde 2026-09-10-psg, punkt 5" / "skriftlig høring H-2026-01".
fn source_text(s: &DecisionSource, lang: Language) -> String {
    match s {
        DecisionSource::Meeting { meeting, item } => format!(
            "{} {}, {} {item}",
            tr(lang, "møde", "meeting"),
            clean_line(meeting),
            tr(lang, "punkt", "item")
        ),
        DecisionSource::Consultation { consultation } => format!(
            "{} {}",
            tr(lang, "skriftlig høring", "written consultation"),
            clean_line(consultation)
        ),
    }
}

/// The page settings of the PDF: the title in the running header, the forums' secretariat as the
/// author, dated the last day of the year.
pub fn page(ws: &Workspace, doc: &Document, year: i32) -> super::typst::Page {
    let mut page = super::typst::Page::for_document(doc);
    page.author = ws
        .settings
        .default_forum
        .as_deref()
        .and_then(|f| ws.forum(f))
        .or(ws.forums.first())
        .map(|f| clean_line(&f.secretariat))
        .filter(|s| !s.is_empty());
    if Quarter::new(year, 4).is_some() {
        page.date = Some((year, 12, 31));
    }
    page
}

/// The default file name: `statusredegoerelse-2026.html` / `annual-status-2026.html`.
pub fn file_name(ws: &Workspace, year: i32, ext: &str) -> String {
    format!(
        "{}-{year}.{ext}",
        tr(ws.settings.language, "statusredegoerelse", "annual-status")
    )
}
