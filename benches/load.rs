//! Loading the national-scale workspace with `Store::load` (parallel read, parse, validate, check
//! references), beside "the floor": reading the same files and parsing each into a
//! `serde_json::Value` on one thread.

mod common;

use std::fs;

use secretariat::model::RecordKind;
use secretariat::store::WORKSPACE_FILE;
use std::hint::black_box;

fn main() {
    let large = common::large();
    let mut c = common::criterion();
    let mut g = c.benchmark_group("load");
    g.bench_function("store_load", |b| {
        b.iter(|| {
            let loaded = large.store.load();
            assert!(loaded.problems.is_empty());
            black_box(loaded)
        })
    });
    g.bench_function("floor_read_and_parse_value_one_thread", |b| {
        b.iter(|| {
            // List the folders as the store does, then read and parse every file in turn.
            let mut files = vec![large.root.join(WORKSPACE_FILE)];
            for kind in RecordKind::ALL {
                for e in fs::read_dir(large.root.join(kind.folder())).expect("folder") {
                    files.push(e.expect("entry").path());
                }
            }
            let mut n = 0usize;
            for p in &files {
                let bytes = fs::read(p).expect("read");
                let v: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
                n += usize::from(v.is_object());
                black_box(v);
            }
            n
        })
    });
    g.finish();
    c.final_summary();
}
