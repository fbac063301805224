//! What a confirm or a picker on the portfolio screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, p: &Pending) {
    match p.what.as_str() {
        "case" => create_case(app, &p.target),
        "close" => close_or_reopen(app, &p.target),
        "import-reports" | "import-initiatives" => do_import(app, &p.what, &p.target),
        _ => {}
    }
}

pub fn picked(_app: &mut App, _p: &Pending, _id: &str) {}
