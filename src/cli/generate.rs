//! `secretariat generate csv|workspace DIR`: large, realistic, deterministic input for trying the program at
//! national-portfolio scale and for the benchmarks.

use std::path::Path;

use crate::store::write_atomic;

pub fn csv(dir: &Path, initiatives: usize, quarters: usize, seed: u64) -> Result<i32, String> {
    let (ini, rep) = crate::import::generate_portfolio_csv(initiatives, quarters, seed);
    for (name, text) in [("initiatives.csv", ini), ("reports.csv", rep)] {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        println!("{}", path.display());
    }
    Ok(0)
}

/// `secretariat generate workspace DIR`: a new workspace of the size asked for (see
/// [`crate::demo_large`]).
pub fn workspace(dir: &Path, spec: &crate::demo_large::LargeSpec) -> Result<i32, String> {
    let started = std::time::Instant::now();
    let (_, ws) = crate::demo_large::write_large_workspace(dir, spec)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let reports: usize = ws.initiatives.iter().map(|i| i.reports.len()).sum();
    println!(
        "Created a workspace in {}: {} initiatives with {reports} reports, {} cases, {} meetings, {} consultations, {} decisions ({:.1} s)",
        dir.display(),
        ws.initiatives.len(),
        ws.cases.len(),
        ws.meetings.len(),
        ws.consultations.len(),
        ws.decisions.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}
