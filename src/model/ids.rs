//! Record ids: what makes an id safe as a file name, and the natural order of ids ("1.2" < "1.10").

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the id is empty")]
    Empty,
    #[error("the id {0:?} is longer than 100 characters")]
    TooLong(String),
    #[error(
        "the id {0:?} contains {1}, which is not allowed in an id (use the letters A-Z and a-z, digits, '.', '-' and '_')"
    )]
    BadChar(String, String),
    #[error("the id {0:?} may not be \".\" or \"..\" or start with a dot")]
    Dots(String),
}

/// Checks that an id is safe to use as a file name in any folder of the workspace.
pub fn validate_id(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if id.chars().count() > 100 {
        return Err(IdError::TooLong(id.to_string()));
    }
    if id.contains("..") || id.starts_with('.') {
        return Err(IdError::Dots(id.to_string()));
    }
    // A small, visible alphabet: what every file system takes and every screen shows as it is.
    // No look-alikes, no invisible or direction-changing characters ("9.7\u{200b}", "x\u{202e}gpj.exe").
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            continue;
        }
        let what = match c {
            '/' => "a '/'".to_string(),
            '\\' => "a '\\'".to_string(),
            '\0' => "a NUL character".to_string(),
            c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
            c if c.is_whitespace() => format!("white space (U+{:04X})", c as u32),
            ':' | '*' | '?' | '"' | '<' | '>' | '|' => format!("'{c}', not allowed in file names"),
            c if c.is_ascii() => format!("'{c}'"),
            c => format!(
                "the character U+{:04X}{}",
                c as u32,
                if c.is_alphanumeric() {
                    format!(" ('{c}')")
                } else {
                    " (invisible or a sign)".to_string()
                }
            ),
        };
        return Err(IdError::BadChar(id.to_string(), what));
    }
    Ok(())
}

/// Compares ids so that runs of digits compare as numbers: "1.2" < "1.10" < "2.1", "S-2026-9" < "S-2026-10".
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (trim_zeros(&a[..na]), trim_zeros(&b[..nb]));
                let ord = da
                    .len()
                    .cmp(&db.len())
                    .then_with(|| da.cmp(db))
                    .then(na.cmp(&nb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|c| **c == b'0').count();
    &d[n.min(d.len().saturating_sub(1))..]
}

/// Turns a name into a lower-case ASCII slug for ids and file names: "Porteføljestyregruppen" -> "portefoeljestyregruppen".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            'æ' | 'Æ' => out.push_str("ae"),
            'ø' | 'Ø' => out.push_str("oe"),
            'å' | 'Å' => out.push_str("aa"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            c if c.is_alphanumeric() => {
                for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                    if d.is_ascii_alphanumeric() {
                        out.push(d.to_ascii_lowercase());
                    }
                }
            }
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-')
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ids_are_rejected() {
        for bad in [
            "",
            "../../etc/x",
            "a/b",
            "a\\b",
            "a\0b",
            "a\x1bb",
            "..",
            ".hidden",
            "a b",
            "x\u{85}",
            "9.8\u{202e}gpj.exe",
            "9.7\u{200b}",
            "S\u{2011}2026",
            "æble",
            "a+b",
        ] {
            assert!(validate_id(bad).is_err(), "{bad:?} should be rejected");
        }
        for good in ["12.1", "S-2026-014", "2026-12-03-psg", "psg", "H_2026-3"] {
            assert_eq!(validate_id(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn hostile_id_messages_name_the_character() {
        let e = validate_id("9.8\u{202e}gpj.exe").unwrap_err().to_string();
        assert!(e.contains("U+202E") && e.contains("invisible"), "{e}");
        assert!(
            !e.contains('\u{202e}'),
            "the message shows the character escaped: {e}"
        );
        let e = validate_id("9.7\u{200b}").unwrap_err().to_string();
        assert!(e.contains("U+200B"), "{e}");
    }

    #[test]
    fn natural_order() {
        let mut v = vec![
            "2.1",
            "1.10",
            "1.2",
            "10.1",
            "1.2.1",
            "S-2026-10",
            "S-2026-9",
        ];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            [
                "1.2",
                "1.2.1",
                "1.10",
                "2.1",
                "10.1",
                "S-2026-9",
                "S-2026-10"
            ]
        );
        assert_eq!(natural_cmp("01", "1"), Ordering::Greater);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Porteføljestyregruppen"), "portefoeljestyregruppen");
        assert_eq!(slug("Økonomi & Styring!"), "oekonomi-styring");
    }
}

/// The next free sequential id of the form `{prefix}-{year}-{nnn}` ("S-2026-015") among `existing`.
pub fn next_seq_id<'a>(
    prefix: &str,
    year: i32,
    existing: impl IntoIterator<Item = &'a str>,
) -> String {
    let head = format!("{prefix}-{year}-");
    let max = existing
        .into_iter()
        .filter_map(|id| id.strip_prefix(&head))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{head}{:03}", max + 1)
}

/// A meeting id from its date and forum: "2026-12-03-psg", with "-2", "-3" ... when taken.
pub fn meeting_id<'a>(
    date: chrono::NaiveDate,
    forum_id: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> String {
    let base = format!("{date}-{}", slug(forum_id));
    let taken: Vec<&str> = existing.into_iter().collect();
    if !taken.contains(&base.as_str()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(&c.as_str()))
        .unwrap_or(base)
}

#[cfg(test)]
mod gen_tests {
    use super::*;

    #[test]
    fn sequential_ids() {
        assert_eq!(
            next_seq_id("S", 2026, ["S-2026-001", "S-2026-014", "S-2025-099", "X"]),
            "S-2026-015"
        );
        assert_eq!(next_seq_id("H", 2027, []), "H-2027-001");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(meeting_id(d, "psg", []), "2026-12-03-psg");
        assert_eq!(meeting_id(d, "psg", ["2026-12-03-psg"]), "2026-12-03-psg-2");
    }
}
