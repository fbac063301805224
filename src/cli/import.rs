//! `secretariat import initiatives|reports FILE [--dry-run]`: read a CSV file as Danish Excel
//! writes it; any bad row refuses the whole file and the workspace stays byte-for-byte unchanged.

use std::path::Path;

use clap::ValueEnum;

use crate::import::{ImportKind, plan_import};
use crate::store::Store;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum What {
    /// Stamdata of initiatives (Nr, Initiativnavn, Ministerium, ...).
    Initiatives,
    /// Quarterly status reports (Nr, Kvartal, Samlet status, ...).
    Reports,
}

/// Plans and (unless `dry_run`) writes an import; returns the lines of the summary.
pub fn import_file(
    store: &Store,
    what: What,
    file: &Path,
    dry_run: bool,
) -> Result<Vec<String>, Vec<String>> {
    let bytes = std::fs::read(file).map_err(|e| vec![format!("{}: {e}", file.display())])?;
    let loaded = store.load();
    let mut ws = loaded.workspace;
    let kind = match what {
        What::Initiatives => ImportKind::Initiatives,
        What::Reports => ImportKind::Reports,
    };
    let label = file.display().to_string();
    let plan = plan_import(kind, &label, &bytes, &ws)
        .map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
    let mut out: Vec<String> = plan
        .warnings
        .iter()
        .map(|w| format!("warning: {w}"))
        .collect();
    let changes = plan.changes();
    let records = changes.len();
    if !dry_run && !changes.is_empty() {
        match store.apply(&mut ws, changes, &format!("imported {label}")) {
            Ok(()) => {}
            // Decided (on disk in the commit record): it is completed at the next start, so it
            // is not "nothing was changed".
            Err(e @ crate::store::StoreError::Unfinished { .. }) => {
                out.push(format!("warning: {e}"));
            }
            Err(e) => return Err(vec![e.to_string()]),
        }
    }
    out.push(format!(
        "{label}: {} rows: {} new, {} changed, {} unchanged; {} {records} initiative file(s){}",
        plan.rows.len(),
        plan.new,
        plan.changed,
        plan.unchanged,
        if dry_run { "would write" } else { "wrote" },
        if dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    ));
    Ok(out)
}

pub fn run(store: &Store, what: What, file: &Path, dry_run: bool) -> Result<i32, String> {
    match import_file(store, what, file, dry_run) {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
            Ok(0)
        }
        Err(problems) => {
            for p in &problems {
                println!("{p}");
            }
            eprintln!(
                "secretariat: the file was not imported ({} problem(s)); nothing was changed",
                problems.len()
            );
            Ok(1)
        }
    }
}
