//! The dialects of CSV files people send: text encoding, field separator, and how amounts and dates
//! are written in them. Pure string work; no knowledge of columns or records.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::model::Amount;

/// How the bytes of the file were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel writes for "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// Not valid UTF-8, so read as Windows-1252 (what Danish Excel writes for plain "CSV").
    Windows1252,
}

/// The dialect detected for a file.
///
/// Amounts follow the separator: with `;` (Danish Excel) the decimal mark is `,` and `.` groups thousands
/// (`14,3`, `1.250,5`); with `,` or tab the decimal mark is `.` and `,` groups thousands (`14.3`, `1,250.5`;
/// in a `,` file such a value must be quoted). Thousands groups must have exactly three digits, so `14.3`
/// in a `;` file is refused rather than read as 143. Spaces inside a number are ignored (`1 250,5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub encoding: SourceEncoding,
    /// b';', b',' or b'\t'.
    pub delimiter: u8,
}

impl Dialect {
    /// Whether amounts use a decimal comma.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter == b';'
    }
    /// An example amount in this dialect, for messages.
    pub fn amount_example(&self) -> &'static str {
        if self.decimal_comma() {
            "1.250,5"
        } else {
            "1250.5"
        }
    }
}

/// Decodes the file: UTF-8 (a byte-order mark is dropped), UTF-16LE with a byte-order mark, otherwise Windows-1252.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, SourceEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), SourceEncoding::Utf8Bom),
            Err(_) => (
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(rest)
                    .0,
                SourceEncoding::Windows1252,
            ),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (
            encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0,
            SourceEncoding::Utf16Le,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), SourceEncoding::Utf8),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0,
            SourceEncoding::Windows1252,
        ),
    }
}

/// A file that is not valid UTF-8 as a whole but has lines that are UTF-8 with letters beyond
/// ASCII (say "Søren" as C3 B8) and other lines that are not UTF-8 (Windows-1252, "Søren" as F8):
/// read either way, some names come out wrong. Returns the first line of each (1-based).
pub fn mixed_encoding(bytes: &[u8]) -> Option<(usize, usize)> {
    if bytes.starts_with(b"\xFF\xFE") || std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (mut utf8, mut other) = (None, None);
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        if std::str::from_utf8(line).is_ok() {
            utf8 = utf8.or(Some(n + 1));
        } else {
            other = other.or(Some(n + 1));
        }
        if let (Some(u), Some(o)) = (utf8, other) {
            return Some((u, o));
        }
    }
    None
}

/// Picks the separator from the header line: the most frequent of `;`, tab and `,` outside quotes
/// (ties go to `;`, then tab). A file whose first line is Excel's `sep=X` hint uses X; the returned
/// flag says that line is to be skipped.
pub fn detect_delimiter(text: &str) -> (u8, bool) {
    let first = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
    if let Some(hint) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
    {
        match hint {
            ";" => return (b';', true),
            "," => return (b',', true),
            "\t" => return (b'\t', true),
            _ => {}
        }
    }
    let (mut semi, mut tab, mut comma) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            ',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if semi >= tab && semi >= comma && semi > 0 {
        (b';', false)
    } else if tab >= comma && tab > 0 {
        (b'\t', false)
    } else if comma > 0 {
        (b',', false)
    } else {
        (b';', false)
    }
}

/// An amount that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountError;

/// Reads an amount; `Ok(None)` for an empty field. See [`Dialect`] for the accepted forms.
pub fn parse_amount(s: &str, decimal_comma: bool) -> Result<Option<Amount>, AmountError> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let (negative, body) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let (mark, group) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let (int, frac) = match body.split_once(mark) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let mut int_digits = String::with_capacity(int.len());
    if int.contains(group) {
        for (n, g) in int.split(group).enumerate() {
            let ok = digits(g) && if n == 0 { g.len() <= 3 } else { g.len() == 3 };
            if !ok {
                return Err(AmountError);
            }
            int_digits.push_str(g);
        }
    } else if int.is_empty() {
        if frac.is_none() {
            return Err(AmountError);
        }
        int_digits.push('0');
    } else if digits(int) {
        int_digits.push_str(int);
    } else {
        return Err(AmountError);
    }
    let mut norm = String::with_capacity(int_digits.len() + 8);
    if negative {
        norm.push('-');
    }
    norm.push_str(&int_digits);
    if let Some(f) = frac {
        if !digits(f) {
            return Err(AmountError);
        }
        norm.push('.');
        norm.push_str(f);
    }
    norm.parse::<Amount>().map(Some).map_err(|_| AmountError)
}

/// Why a date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not written in a form we know.
    Unreadable,
    /// Written right, but no such day (31/02-2019).
    Impossible,
}

/// Reads a date, day first: 01/01-2012, 1/1-2012, 01-01-2012, 01.01.2012, 01/01/2012, or ISO 2012-01-01.
/// A time of day after a space (Excel's `01-01-2012 00:00`) is ignored. `Ok(None)` for an empty field.
pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, DateError> {
    let mut t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some((d, time)) = t.split_once(' ') {
        let time = time.trim();
        if !time.is_empty()
            && time.contains(':')
            && time.bytes().all(|b| b.is_ascii_digit() || b == b':')
        {
            t = d;
        }
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateError::Unreadable);
    }
    let (y, m, d) = if parts[0].len() == 4
        && t.as_bytes()[4] == b'-'
        && parts[1].len() <= 2
        && parts[2].len() <= 2
    {
        (parts[0], parts[1], parts[2])
    } else if parts[0].len() <= 2 && parts[1].len() <= 2 && parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return Err(DateError::Unreadable);
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(DateError::Unreadable);
    };
    NaiveDate::from_ymd_opt(y, m, d)
        .map(Some)
        .ok_or(DateError::Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Option<Amount> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn danish_amounts() {
        assert_eq!(parse_amount("14,3", true), Ok(dec("14.3")));
        assert_eq!(parse_amount(" 1.250,5 ", true), Ok(dec("1250.5")));
        assert_eq!(parse_amount("1 250,50", true), Ok(dec("1250.50")));
        assert_eq!(parse_amount("-0,5", true), Ok(dec("-0.5")));
        assert_eq!(parse_amount("1.000.000", true), Ok(dec("1000000")));
        assert_eq!(parse_amount("", true), Ok(None));
        for bad in [
            "12,x", "14.3", "1.25,0", "abc", "1,2,3", ",", "-", "12,", "1..250",
        ] {
            assert_eq!(parse_amount(bad, true), Err(AmountError), "{bad}");
        }
    }

    #[test]
    fn point_amounts() {
        assert_eq!(parse_amount("14.3", false), Ok(dec("14.3")));
        assert_eq!(parse_amount("1,250.5", false), Ok(dec("1250.5")));
        assert_eq!(parse_amount(".5", false), Ok(dec("0.5")));
        for bad in ["14,3", "12.x", "1.2.3"] {
            assert_eq!(parse_amount(bad, false), Err(AmountError), "{bad}");
        }
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2012, 1, 1);
        for s in [
            "01/01-2012",
            "1/1-2012",
            "01-01-2012",
            "01.01.2012",
            "2012-01-01",
            "01/01/2012",
            "01-01-2012 00:00",
        ] {
            assert_eq!(parse_date(s), Ok(d), "{s}");
        }
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("31/02-2019"), Err(DateError::Impossible));
        assert_eq!(parse_date("2019-02-30"), Err(DateError::Impossible));
        for s in [
            "01/01-12",
            "2012/01/01",
            "jan 2012",
            "1/1",
            "2012-1-1-1",
            "x1/01-2012",
        ] {
            assert_eq!(parse_date(s), Err(DateError::Unreadable), "{s}");
        }
    }

    #[test]
    fn delimiters_and_encodings() {
        assert_eq!(detect_delimiter("Nr;Kvartal;\"a,b\"\n1;2;3"), (b';', false));
        assert_eq!(detect_delimiter("Nr,Kvartal,\"a;b\"\r\n"), (b',', false));
        assert_eq!(detect_delimiter("Nr\tKvartal\tx,y"), (b'\t', false));
        assert_eq!(detect_delimiter("sep=,\nNr;Kvartal"), (b',', true));
        assert_eq!(decode(b"\xEF\xBB\xBFNr").1, SourceEncoding::Utf8Bom);
        let (s, e) = decode(b"Indsatsomr\xE5de;\xF8");
        assert_eq!(
            (s.as_ref(), e),
            ("Indsatsområde;ø", SourceEncoding::Windows1252)
        );
        assert_eq!(
            decode("Økonomi".as_bytes()),
            (Cow::Borrowed("Økonomi"), SourceEncoding::Utf8)
        );
    }
}
