//! `secretariat check`: validate every file, the audit log included; exit 0 when clean, else 1
//! with one line per problem. A cut-off last line of the audit log is removed (and reported).

use crate::store::Store;

pub fn run(store: &Store) -> Result<i32, String> {
    let mut loaded = store.load();
    loaded.problems.extend(store.check_log());
    for p in &loaded.problems {
        println!("{}", display_path(store, p));
    }
    // E-mail addresses: the records load, but mail to them cannot be sent.
    let mail = crate::mail::problems(&loaded.workspace);
    for p in &mail {
        println!("{}", store.root().join(p).display());
    }
    if loaded.problems.is_empty() && mail.is_empty() {
        let ws = &loaded.workspace;
        eprintln!(
            "ok: {} forums, {} initiatives, {} cases, {} meetings, {} consultations, {} decisions",
            ws.forums.len(),
            ws.initiatives.len(),
            ws.cases.len(),
            ws.meetings.len(),
            ws.consultations.len(),
            ws.decisions.len()
        );
        Ok(0)
    } else {
        eprintln!("{} problem(s)", loaded.problems.len() + mail.len());
        Ok(1)
    }
}

/// The problem with its path as the user can open it (workspace folder + relative path).
fn display_path(store: &Store, p: &crate::store::Problem) -> String {
    let mut p = p.clone();
    p.path = store.root().join(&p.path);
    p.to_string()
}
