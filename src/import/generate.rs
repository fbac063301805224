//! Deterministic generator of a large, realistic portfolio as CSV files (for load tests and demos).

/// placeholder
pub fn generate_portfolio_csv(initiatives: usize, quarters: usize, seed: u64) -> (String, String) {
    let _ = (initiatives, quarters, seed);
    (String::new(), String::new())
}
