//! The deviation rules over the whole national portfolio (2,000 initiatives x 20 quarters).

mod common;

use secretariat::rules::deviation::{current_quarter, deviations};
use std::hint::black_box;

fn main() {
    let large = common::large();
    let q = current_quarter(&large.ws).expect("reports");
    let n = deviations(&large.ws, q).len();
    eprintln!("{q}: {n} initiatives listed");
    let mut c = common::criterion();
    c.bench_function("rules/deviations_current_quarter", |b| {
        b.iter(|| black_box(deviations(black_box(&large.ws), q)))
    });
    c.bench_function("rules/current_quarter_and_deviations", |b| {
        b.iter(|| {
            let q = current_quarter(black_box(&large.ws)).expect("reports");
            black_box(deviations(&large.ws, q))
        })
    });
    c.final_summary();
}
