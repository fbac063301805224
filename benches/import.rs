//! Importing 40,000 quarterly reports (2,000 initiatives x 20 quarters) from the CSV that
//! `secretariat generate csv` writes: planning only, planning and applying in memory, and the whole
//! `secretariat import reports FILE` (load, plan, write 2,000 initiative files durably, audit log).

mod common;

use std::time::Instant;

use std::hint::black_box;

use criterion::BatchSize;
use secretariat::cli::import::{What, import_file};
use secretariat::import::{ImportKind, generate_portfolio_csv, plan_import};
use secretariat::model::{Settings, Workspace};
use secretariat::store::Store;

fn main() {
    let large = common::large();
    let (_, reports_csv) = generate_portfolio_csv(2000, 20, common::SEED);
    // The large workspace's initiatives, before any report was imported.
    let mut bare = Workspace {
        settings: large.ws.settings.clone(),
        forums: large.ws.forums.clone(),
        initiatives: large.ws.initiatives.clone(),
        ..Workspace::default()
    };
    for i in &mut bare.initiatives {
        i.reports.clear();
    }
    let plan = plan_import(
        ImportKind::Reports,
        "reports.csv",
        reports_csv.as_bytes(),
        &bare,
    )
    .expect("the generated reports import");
    assert_eq!(plan.rows.len(), 40_000);
    assert_eq!(plan.new, 40_000);

    let mut c = common::criterion();
    let mut g = c.benchmark_group("import");
    g.bench_function("plan_40000_reports", |b| {
        b.iter(|| {
            black_box(
                plan_import(
                    ImportKind::Reports,
                    "reports.csv",
                    black_box(reports_csv.as_bytes()),
                    &bare,
                )
                .expect("plan"),
            )
        })
    });
    g.bench_function("plan_and_apply_40000_reports_in_memory", |b| {
        b.iter_batched(
            || bare.clone(),
            |mut ws| {
                let plan = plan_import(
                    ImportKind::Reports,
                    "reports.csv",
                    reports_csv.as_bytes(),
                    &ws,
                )
                .expect("plan");
                plan.apply(&mut ws);
                ws
            },
            BatchSize::LargeInput,
        )
    });

    // End to end, as `secretariat import reports reports.csv` does it, into a fresh workspace each
    // time (setting it up is not timed).
    let tmp = tempfile::tempdir().expect("temporary folder");
    let csv_path = tmp.path().join("reports.csv");
    std::fs::write(&csv_path, &reports_csv).expect("write the CSV");
    let mut n = 0;
    let mut fresh = || {
        n += 1;
        let mut settings = Settings {
            name: "Import".into(),
            ..Settings::default()
        };
        let store = Store::init(tmp.path().join(format!("ws{n}")), &mut settings).expect("init");
        store.seed_all(&bare).expect("seed");
        store
    };
    g.finish();
    c.final_summary();

    // A few single runs rather than criterion's ten-plus samples: each run writes 2,000 files
    // durably (fsync) and would take minutes in total.
    let mut times = vec![];
    for _ in 0..3 {
        let store = fresh();
        let started = Instant::now();
        let out = import_file(&store, What::Reports, &csv_path, false).expect("import");
        times.push(started.elapsed());
        black_box(out);
        let _ = std::fs::remove_dir_all(store.root());
    }
    times.sort();
    println!(
        "import/cli_import_40000_reports_end_to_end: runs {:?}, median {:.2} s (target < 1.5 s quiet)",
        times
            .iter()
            .map(|t| format!("{:.2} s", t.as_secs_f64()))
            .collect::<Vec<_>>(),
        times[times.len() / 2].as_secs_f64()
    );
}
