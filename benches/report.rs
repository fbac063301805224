//! The quarterly portfolio report and the published site from the national-scale workspace
//! (2,000 initiatives x 20 quarters). Targets (issue 14): report html < 1 s, pdf < 5 s, publish
//! < 10 s.

mod common;

use secretariat::export::pdf::{Files, PdfSettings};
use secretariat::export::{html, pdf, portfolio, publish, typst};
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
    // The whole way to the PDF's bytes: the report, its Typst source, typesetting and the PDF.
    g.bench_function("portfolio_report_pdf", |b| {
        b.iter(|| {
            let doc = portfolio::document(ws, q);
            let page = typst::Page::for_document(&doc);
            let bytes = pdf::compile(
                &typst::render(&doc, &page),
                &Files::new(),
                PdfSettings::default(),
            )
            .expect("a pdf");
            black_box(bytes.len())
        })
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
