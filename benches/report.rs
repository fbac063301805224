//! The quarterly portfolio report and the published site from the national-scale workspace
//! (2,000 initiatives x 20 quarters). Targets (issue 14): report html < 1 s, publish < 10 s.

mod common;

use secretariat::export::{html, portfolio, publish};
use secretariat::rules::deviation::current_quarter;
use std::hint::black_box;

fn main() {
    let large = common::large();
    let ws = &large.ws;
    let q = current_quarter(ws).expect("reports");
    let mut c = common::criterion();
    let mut g = c.benchmark_group("report");
    g.bench_function("portfolio_report_html", |b| {
        b.iter(|| black_box(html::render(&portfolio::document(ws, q))))
    });
    g.bench_function("portfolio_report_csv", |b| {
        b.iter(|| black_box(portfolio::csv(ws, q).expect("csv")))
    });
    g.bench_function("portfolio_report_xlsx", |b| {
        b.iter(|| black_box(portfolio::xlsx(ws, q).expect("xlsx")))
    });
    g.bench_function("publish_site_in_memory", |b| {
        b.iter(|| black_box(publish::site(ws)))
    });
    g.finish();
    c.final_summary();
}
