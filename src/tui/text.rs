//! Untrusted text (names, titles, descriptions from imported files) made safe for the terminal,
//! folded for search, and cut to a width.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Terminal columns a character takes; control characters count as 0 (they should have been
/// replaced by [`safe_char`] before display anyway).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Terminal columns a string takes, counted char by char with [`char_width`].
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Whether `c` is a bidirectional formatting control (U+202A–U+202E, U+2066–U+2069), which can
/// make text display in a different order than it is stored.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a single character is shown as in a single-line cell:
/// tab -> one space; '\n' -> U+2424 (SYMBOL FOR NEWLINE, reads better than U+240A); other C0
/// controls -> their Control Picture (U+2400 + c, so ESC -> U+241B, '\r' -> U+240D);
/// DEL -> U+2421; C1 controls (U+0080–U+009F) and bidirectional formatting controls -> U+FFFD.
pub fn safe_char(c: char) -> char {
    match c {
        '\t' => ' ',
        '\n' => '\u{2424}',
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        '\u{80}'..='\u{9F}' => '\u{FFFD}',
        c if is_bidi_control(c) => '\u{FFFD}',
        c => c,
    }
}

fn needs_replacing(c: char) -> bool {
    safe_char(c) != c
}

/// Replaces control characters so untrusted text cannot move the cursor, change colours or
/// otherwise drive the terminal: see [`safe_char`]. Newlines are replaced too (U+2424), as this is
/// for single-line cells. Borrows when nothing needs replacing.
pub fn safe_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(safe_char).collect())
}

/// Like [`safe_line`] but keeps '\n' (for multi-line text blocks); a "\r\n" line ending becomes
/// '\n', a lone '\r' is shown as U+240D.
pub fn safe_block(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && needs_replacing(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            c => out.push(safe_char(c)),
        }
    }
    Cow::Owned(out)
}

/// Folding for search: transliterated to ASCII with `deunicode`, lowercased, and the Danish ASCII
/// spellings made one: "ae", "oe" and "aa" (for æ, ø, å) become "a", "o" and "a" on both sides, so
/// "okonomi", "oekonomi" and "Økonomi" all meet, as do "aabne"/"abne"/"Åbne" and "aeldre"/"Ældre".
/// "Økonomi" -> "okonomi", "Æblegrød" -> "ablegrod", "Ærø" -> "aro".
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("aa", "a")
}

/// True when every whitespace-separated word of `query` (folded) occurs in `hay` (folded).
/// An empty (or all-blank) query matches everything.
pub fn matches(query: &str, hay: &str) -> bool {
    let q = fold(query);
    let mut words = q.split_whitespace().peekable();
    if words.peek().is_none() {
        return true;
    }
    let h = fold(hay);
    words.all(|w| h.contains(w))
}

/// True when every folded word of a query occurs in `folded_hay` (already folded with [`fold`]):
/// the fast path for lists, whose rows are folded once when built.
pub fn matches_folded(words: &[String], folded_hay: &str) -> bool {
    words.iter().all(|w| folded_hay.contains(w.as_str()))
}

/// `s` in rows of at most `width` columns, broken at spaces (a longer word gets a row of its own).
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut rows = vec![];
    let mut cur = String::new();
    for word in s.split_whitespace() {
        if !cur.is_empty() && str_width(&cur) + 1 + str_width(word) > width {
            rows.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    rows.push(cur);
    rows
}

/// Cuts `s` to at most `width` terminal columns, ending in '…' when anything was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_folds_danish_letters() {
        assert_eq!(fold("Økonomi"), "okonomi");
        assert_eq!(fold("Æblegrød"), "ablegrod");
        assert_eq!(fold("Sundhedsdatastyrelsen"), "sundhedsdatastyrelsen");
        assert!(matches("okonomi", "Økonomi"));
        assert!(matches("ØKONOMI", "økonomistyring"));
        assert!(matches("sund data", "Sundhedsdatastyrelsen"));
        assert!(!matches("sund kommune", "Sundhedsdatastyrelsen"));
        assert!(matches("", "anything"));
        assert!(matches("   ", "anything"));
        // The Danish ASCII spellings find the Danish letters, and the plain letters too.
        assert!(matches("aero", "Ærø"));
        assert!(matches("aeroe", "Ærø"));
        assert!(matches("oekonomi", "Økonomi"));
        assert!(matches("aeldre", "Sundheds- og Ældreministeriet"));
        assert!(matches("aldre", "Sundheds- og Ældreministeriet"));
        assert!(matches("miljoe", "Miljø- og Fødevareministeriet"));
        assert!(matches("hoering", "Høringer"));
        assert!(matches("aarhus", "Århus"));
        assert!(matches("arhus", "Århus"));
        assert!(matches("aarhus", "Aarhus"));
    }

    #[test]
    fn controls_become_visible() {
        assert_eq!(safe_line("Evil\u{1b}[31mName"), "Evil\u{241B}[31mName");
        assert_eq!(safe_line("a\tb"), "a b");
        assert_eq!(safe_line("a\nb"), "a\u{2424}b");
        assert_eq!(safe_line("a\u{7f}b"), "a\u{2421}b");
        assert_eq!(safe_line("a\u{9b}b"), "a\u{FFFD}b");
        assert_eq!(safe_line("a\u{202E}b"), "a\u{FFFD}b");
        assert_eq!(safe_line("\u{0}"), "\u{2400}");
        assert!(matches!(safe_line("Ærø ✓"), Cow::Borrowed(_)));
        let all: String = (0u32..0x200).filter_map(char::from_u32).collect();
        let safe = safe_line(&all);
        assert!(
            safe.chars()
                .all(|c| c as u32 >= 0x20 && !(0x7f..=0x9f).contains(&(c as u32)))
        );
    }

    #[test]
    fn blocks_keep_newlines() {
        assert_eq!(safe_block("a\nb"), "a\nb");
        assert!(matches!(safe_block("a\nb"), Cow::Borrowed(_)));
        assert_eq!(safe_block("a\r\nb\rc\u{1b}"), "a\nb\u{240D}c\u{241B}");
        let all: String = (0u32..0x200).filter_map(char::from_u32).collect();
        assert!(
            safe_block(&all)
                .chars()
                .all(|c| c == '\n' || (c as u32 >= 0x20 && !(0x7f..=0x9f).contains(&(c as u32))))
        );
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("Økonomi", 7), "Økonomi");
        assert_eq!(truncate("Økonomi", 6), "Økono…");
        assert_eq!(truncate("Økonomi", 1), "…");
        assert_eq!(truncate("Økonomi", 0), "");
        // Wide chars take two columns and are never split.
        assert_eq!(truncate("日本語", 6), "日本語");
        assert_eq!(truncate("日本語", 5), "日本…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("日本語", 2), "…");
        assert_eq!(str_width(&truncate("a😀b😀c", 4)), 4);
    }
}
