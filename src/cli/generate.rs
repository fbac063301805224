//! `secretariat generate csv DIR`: large, realistic, deterministic input for trying the program at
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
