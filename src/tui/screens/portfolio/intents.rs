//! What a confirm or a picker on the portfolio screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, i: PortfolioIntent) {
    match i {
        PortfolioIntent::CreateCase { initiative } => create_case(app, &initiative),
        PortfolioIntent::CloseOrReopen { initiative } => close_or_reopen(app, &initiative),
        PortfolioIntent::Import {
            kind,
            path,
            label,
            print,
        } => do_import(app, kind, &path, &label, print),
        // Forms and a picker, not confirmations.
        PortfolioIntent::Edit { .. }
        | PortfolioIntent::ImportFile { .. }
        | PortfolioIntent::SpendCases { .. } => {}
    }
}

/// The economy view's forum picker: the proposed over-/underspend cases of `year` for the forum.
pub fn picked(app: &mut App, i: PortfolioIntent, id: &str) {
    match i {
        PortfolioIntent::SpendCases { year } => economy::create(app, year, id),
        PortfolioIntent::CreateCase { .. }
        | PortfolioIntent::CloseOrReopen { .. }
        | PortfolioIntent::Edit { .. }
        | PortfolioIntent::ImportFile { .. }
        | PortfolioIntent::Import { .. } => {}
    }
}
