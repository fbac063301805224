//! The texts file: the secretariat's own text per section of the statement, its skeleton and
//! its parser ([`parse_texts`], see docs/format.md).

use super::*;

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
pub(super) fn strip_comments(text: &str) -> (Vec<String>, Option<usize>) {
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
pub(super) fn text_blocks(text: &str) -> Vec<Block> {
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
