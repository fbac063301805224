//! `secretariat history RECORD [--at COMMIT]`: who changed the record when, and which fields; or
//! the record as it was at one commit.

use crate::store::Store;
use crate::sync::history::{self, Source};

pub fn run(store: &Store, record: &str, at: Option<&str>, dispatched: bool) -> Result<i32, String> {
    let rel = history::resolve(store.root(), record)?;
    if dispatched {
        return print_dispatched(store, &rel);
    }
    if let Some(commit) = at {
        print!("{}", history::at_commit(store, &rel, commit)?);
        return Ok(0);
    }
    let (source, versions) = history::history(store, &rel)?;
    if source == Source::AuditLog {
        println!("(the workspace is not in git: from the audit log, without field names)");
    }
    if versions.is_empty() {
        println!("no history for {}", rel.display());
    }
    for v in versions {
        let commit = v
            .commit
            .as_deref()
            .map_or("-------", |c| &c[..c.len().min(7)]);
        let rev = v.revision.map_or(String::new(), |r| format!(" rev {r}"));
        let fields = if v.fields.is_empty() {
            String::new()
        } else {
            format!(" [{}]", v.fields.join(", "))
        };
        println!("{commit} {} {}{rev}: {}{fields}", v.at, v.by, v.summary);
    }
    Ok(0)
}

/// The agenda as dispatched, as Markdown: the workspace as it is now with the meeting as it was.
fn print_dispatched(store: &Store, rel: &std::path::Path) -> Result<i32, String> {
    let id = match rel.strip_prefix("meetings") {
        Ok(p) => p.with_extension("").display().to_string(),
        Err(_) => {
            return Err(format!(
                "{} is not a meeting; --dispatched is for meetings",
                rel.display()
            ));
        }
    };
    let (commit, text) = history::dispatched_agenda(store, store.load().workspace, &id)?;
    eprintln!(
        "(the agenda as dispatched, from commit {})",
        &commit[..commit.len().min(7)]
    );
    print!("{text}");
    Ok(0)
}
