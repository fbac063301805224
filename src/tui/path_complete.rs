//! Tab completion of a file path typed in a form: completes the last part to the longest common
//! prefix of the matching directory entries, adding "/" after a directory that is the only match.
//! Relative paths are taken from `base` (the folder the program was started in); "~/" is the home.

use std::path::{Path, PathBuf};

/// The completed text, or the text unchanged when nothing matches.
pub fn complete(text: &str, base: &Path) -> String {
    let (dir_part, prefix) = match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text),
    };
    let dir: PathBuf = if let Some(rest) = dir_part.strip_prefix("~/") {
        match std::env::var_os("HOME") {
            Some(h) => PathBuf::from(h).join(rest),
            None => return text.to_string(),
        }
    } else if dir_part.starts_with('/') {
        PathBuf::from(dir_part)
    } else {
        base.join(dir_part)
    };
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    }) else {
        return text.to_string();
    };
    let mut names: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            // Hidden files only when asked for with a leading dot.
            if name.starts_with('.') && !prefix.starts_with('.') {
                return None;
            }
            name.starts_with(prefix).then(|| (name, e.path().is_dir()))
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [] => text.to_string(),
        [(name, is_dir)] => format!("{dir_part}{name}{}", if *is_dir { "/" } else { "" }),
        many => {
            let first = &many[0].0;
            let mut common = first.len();
            for (n, _) in &many[1..] {
                common = common.min(
                    first
                        .char_indices()
                        .zip(n.chars())
                        .take_while(|((_, a), b)| a == b)
                        .last()
                        .map_or(0, |((i, a), _)| i + a.len_utf8()),
                );
            }
            format!(
                "{dir_part}{}",
                &first[..common.max(prefix.len()).min(first.len())]
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_files_and_directories() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("bilag")).unwrap();
        std::fs::write(d.path().join("bilag/statusrapport-q3.pdf"), b"").unwrap();
        std::fs::write(d.path().join("bilag/statusrapport-q4.pdf"), b"").unwrap();
        std::fs::write(d.path().join("budget.xlsx"), b"").unwrap();
        std::fs::write(d.path().join(".skjult"), b"").unwrap();
        let base = d.path();
        assert_eq!(complete("bi", base), "bilag/");
        assert_eq!(complete("bilag/st", base), "bilag/statusrapport-q");
        assert_eq!(
            complete("bilag/statusrapport-q4", base),
            "bilag/statusrapport-q4.pdf"
        );
        assert_eq!(complete("x", base), "x");
        assert_eq!(complete("b", base), "b");
        assert_eq!(complete("bu", base), "budget.xlsx");
        assert_eq!(complete(".s", base), ".skjult");
        let abs = format!("{}/bu", base.display());
        assert_eq!(
            complete(&abs, Path::new("/")),
            format!("{}/budget.xlsx", base.display())
        );
    }
}
