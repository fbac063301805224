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

pub fn picked(app: &mut App, p: &Pending, id: &str) {
    if p.what == "spend-cases"
        && let Ok(year) = p.target.parse::<i32>()
    {
        economy::create(app, year, id);
    }
}
