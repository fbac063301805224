//! The two block builders: [`Builder`] for the meeting and consultation documents (with the parts
//! they share: status marks, member lines) and [`Blocks`] for the reports.

use super::*;

pub(super) struct Builder {
    pub(super) lang: Language,
    pub(super) blocks: Vec<Block>,
}

/// A line of user text that starts a bullet ("- ", "* ", "• "): the text after the marker.
pub(super) fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["- ", "* ", "• ", "– "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

impl Builder {
    pub(super) fn new(lang: Language) -> Builder {
        Builder {
            lang,
            blocks: vec![],
        }
    }
    pub(super) fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, da, en)
    }
    pub(super) fn heading(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: clean_line(text),
        });
    }
    pub(super) fn mark(&mut self, text: &str) {
        self.blocks.push(Block::Mark(clean_line(text)));
    }
    /// Untrusted text: paragraphs (split at blank lines) and the bullet lists typed into it ("- a"
    /// lines) as lists; nothing when it is blank.
    pub(super) fn para(&mut self, text: &str) {
        let text = clean(text);
        let mut para: Vec<&str> = vec![];
        let mut items: Vec<String> = vec![];
        let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
            let p = para.join("\n").trim().to_string();
            if !p.is_empty() {
                blocks.push(Block::Paragraph(p));
            }
            para.clear();
        };
        let flush_items = |items: &mut Vec<String>, blocks: &mut Vec<Block>| {
            if !items.is_empty() {
                blocks.push(Block::List(std::mem::take(items)));
            }
        };
        for line in text.split('\n') {
            if let Some(item) = bullet(line) {
                flush_para(&mut para, &mut self.blocks);
                items.push(item.to_string());
            } else if line.trim().is_empty() {
                flush_para(&mut para, &mut self.blocks);
                flush_items(&mut items, &mut self.blocks);
            } else if !items.is_empty() && line.starts_with([' ', '\t']) {
                // An indented line continues the list item above it.
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                    last.push_str(line.trim());
                }
            } else {
                flush_items(&mut items, &mut self.blocks);
                para.push(line.trim_end());
            }
        }
        flush_para(&mut para, &mut self.blocks);
        flush_items(&mut items, &mut self.blocks);
    }
    /// A section (level-3 heading and text), left out when the text is blank.
    pub(super) fn section(&mut self, heading: &str, text: &str) {
        self.section_at(3, heading, text);
    }
    pub(super) fn section_at(&mut self, level: u8, heading: &str, text: &str) {
        if !text.trim().is_empty() {
            self.heading(level, heading);
            self.para(text);
        }
    }
    /// Fields; pairs with a blank value are left out.
    pub(super) fn fields(&mut self, pairs: Vec<(&str, String)>) {
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (clean_line(k), clean(&v).trim().to_string()))
            .collect();
        if !pairs.is_empty() {
            self.blocks.push(Block::Fields(pairs));
        }
    }
    pub(super) fn list(&mut self, items: Vec<String>) {
        let items: Vec<String> = items
            .iter()
            .map(|i| clean(i).trim().to_string())
            .filter(|i| !i.is_empty())
            .collect();
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }
    pub(super) fn table(&mut self, header: Vec<&str>, rows: Vec<Vec<String>>) {
        let header: Vec<String> = header.into_iter().map(clean_line).collect();
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| {
                let mut r: Vec<String> = r.iter().map(|c| clean(c).trim().to_string()).collect();
                r.resize(header.len(), String::new());
                r
            })
            .collect();
        self.blocks.push(Block::Table { header, rows });
    }
    pub(super) fn lines(&mut self, sender: bool, lines: Vec<String>) {
        let lines: Vec<String> = lines
            .iter()
            .map(|l| clean_line(l))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.blocks.push(if sender {
                Block::Sender(lines)
            } else {
                Block::Lines(lines)
            });
        }
    }
    pub(super) fn finish(self, title: String) -> Document {
        Document {
            lang: self.lang,
            title: clean_line(&title),
            blocks: self.blocks,
        }
    }
}

pub(super) fn forum_of<'a>(
    ws: &'a Workspace,
    forum: &str,
    owner: String,
) -> Result<&'a Forum, ExportError> {
    ws.forum(forum).ok_or_else(|| ExportError::UnknownForum {
        owner,
        forum: forum.to_string(),
    })
}

/// "Digitaliseringsstyrelsen: Anne Hansen", or just the authority.
pub(super) fn member_line(authority: &str, representative: &str) -> String {
    if representative.trim().is_empty() {
        clean_line(authority)
    } else {
        format!("{}: {}", clean_line(authority), clean_line(representative))
    }
}

/// The authority's current name: the member's when the reference finds one (a renamed member shows
/// its new name), else the name recorded.
pub(super) fn authority_of<'a>(f: &'a Forum, member: &str, authority: &'a str) -> &'a str {
    f.member_ref(member, authority)
        .map_or(authority, |m| m.authority.as_str())
}

/// The status marks at the top of every document: the state, and "Offentlig version" when public.
pub(super) fn marks(b: &mut Builder, state: Option<String>, opts: &Options) {
    if let Some(s) = state {
        b.mark(&s);
    }
    if opts.public {
        b.mark(b.t("Offentlig version", "Public version"));
    }
}

pub(super) fn draft(lang: Language) -> String {
    tr(lang, "UDKAST", "DRAFT").to_string()
}

/// Builds a report's blocks (the portfolio report, the economy overview, the annual statement):
/// headings, paragraphs and tables, each cleaned of control characters.
pub(crate) struct Blocks {
    pub lang: Language,
    pub blocks: Vec<Block>,
}

impl Blocks {
    pub fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, da, en)
    }
    pub fn h(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: clean_line(text),
        });
    }
    /// A paragraph; nothing for an empty text.
    pub fn p(&mut self, text: &str) {
        let t = clean(text).trim().to_string();
        if !t.is_empty() {
            self.blocks.push(Block::Paragraph(t));
        }
    }
    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.table_owned(header.iter().map(|h| h.to_string()).collect(), rows);
    }
    pub fn table_owned(&mut self, header: Vec<String>, rows: Vec<Vec<String>>) {
        let rows = rows
            .into_iter()
            .map(|r| r.iter().map(|c| clean(c).trim().to_string()).collect())
            .collect();
        self.blocks.push(Block::Table { header, rows });
    }
}
