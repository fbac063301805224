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
        // Forms, not confirmations.
        PortfolioIntent::Edit { .. } | PortfolioIntent::ImportFile { .. } => {}
    }
}

/// The portfolio screen opens no pickers.
pub fn picked(_app: &mut App, i: PortfolioIntent, _id: &str) {
    match i {
        PortfolioIntent::CreateCase { .. }
        | PortfolioIntent::CloseOrReopen { .. }
        | PortfolioIntent::Edit { .. }
        | PortfolioIntent::ImportFile { .. }
        | PortfolioIntent::Import { .. } => {}
    }
}
