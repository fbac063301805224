//! `secretariat history RECORD [--at COMMIT]`: who changed the record when, and which fields; or
//! the record as it was at one commit.

use crate::store::Store;
use crate::sync::history::{self, Source};

pub fn run(store: &Store, record: &str, at: Option<&str>) -> Result<i32, String> {
    let rel = history::resolve(store.root(), record)?;
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
