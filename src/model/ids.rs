//! Record ids: what makes an id safe as a file name, and the natural order of ids ("1.2" < "1.10").

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the id is empty")]
    Empty,
    #[error("the id {0:?} is longer than 100 characters")]
    TooLong(String),
    #[error("the id {0:?} contains {1}, which is not allowed in an id (use letters, digits, '.', '-' and '_')")]
    BadChar(String, &'static str),
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
    for c in id.chars() {
        let what = match c {
            '/' => "a '/'",
            '\\' => "a '\\'",
            '\0' => "a NUL character",
            c if c.is_control() => "a control character",
            ':' | '*' | '?' | '"' | '<' | '>' | '|' => "a character not allowed in file names",
            c if c.is_whitespace() => "white space",
            _ => continue,
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
                let ord = da.len().cmp(&db.len()).then_with(|| da.cmp(db)).then(na.cmp(&nb));
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
        for bad in ["", "../../etc/x", "a/b", "a\\b", "a\0b", "a\x1bb", "..", ".hidden", "a b", "x\u{85}"] {
            assert!(validate_id(bad).is_err(), "{bad:?} should be rejected");
        }
        for good in ["12.1", "S-2026-014", "2026-12-03-psg", "psg", "H_2026-3"] {
            assert_eq!(validate_id(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn natural_order() {
        let mut v = vec!["2.1", "1.10", "1.2", "10.1", "1.2.1", "S-2026-10", "S-2026-9"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1.2", "1.2.1", "1.10", "2.1", "10.1", "S-2026-9", "S-2026-10"]);
        assert_eq!(natural_cmp("01", "1"), Ordering::Greater);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Porteføljestyregruppen"), "portefoeljestyregruppen");
        assert_eq!(slug("Økonomi & Styring!"), "oekonomi-styring");
    }
}
