//! What the benches share: the national-scale workspace (2,000 initiatives x 20 quarterly reports,
//! 1,000 cases, 300 meetings, 200 consultations, 3,000 decisions), generated once per bench binary
//! into a temporary folder, and a quick criterion configuration for a shared 2-core machine.
//!
//! A new bench (e.g. rendering the TUI screens) goes in `benches/NAME.rs` with a
//! `[[bench]] name = "NAME" harness = false` entry in Cargo.toml, and starts like this:
//!
//! ```ignore
//! mod common;
//! fn main() {
//!     let large = common::large(); // generated on disk and loaded: large.ws, large.store, large.root
//!     let mut c = common::criterion();
//!     c.bench_function("tui/render_portfolio_120x36", |b| b.iter(|| { /* ... */ }));
//!     c.final_summary();
//! } // the temporary folder is removed when `large` is dropped
//! ```
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use secretariat::demo_large::{LargeSpec, write_large_workspace};
use secretariat::model::{RecordKind, Workspace};
use secretariat::store::{Store, WORKSPACE_FILE};

/// The generated workspace: on disk in a temporary folder (removed on drop) and loaded.
pub struct Large {
    pub root: PathBuf,
    pub store: Store,
    /// As loaded from disk with `Store::load` (no problems).
    pub ws: Workspace,
    _dir: tempfile::TempDir,
}

/// The seed every bench uses, so figures compare between runs.
pub const SEED: u64 = 1;

/// Generates the national-scale workspace into a new temporary folder and loads it.
pub fn large() -> Large {
    large_with(&LargeSpec::national(SEED))
}

pub fn large_with(spec: &LargeSpec) -> Large {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("ws");
    let started = Instant::now();
    let (store, _) =
        write_large_workspace(&root, spec).expect("the generated workspace is written");
    let loaded = store.load();
    assert!(
        loaded.problems.is_empty(),
        "the generated workspace has problems: {:?}",
        &loaded.problems[..loaded.problems.len().min(5)]
    );
    eprintln!(
        "generated {} ({} JSON files, {:.1} MB) in {:.2} s",
        root.display(),
        json_files(&root).len(),
        size_on_disk(&root) as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Large {
        root,
        store,
        ws: loaded.workspace,
        _dir: dir,
    }
}

/// workspace.json and every record file, as `Store::load` reads them.
pub fn json_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join(WORKSPACE_FILE)];
    for kind in RecordKind::ALL {
        let mut v: Vec<PathBuf> = fs::read_dir(root.join(kind.folder()))
            .expect("a record folder")
            .map(|e| e.expect("a folder entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        v.sort();
        files.extend(v);
    }
    files
}

/// The bytes of all JSON files of the workspace (what loading reads).
pub fn size_on_disk(root: &Path) -> u64 {
    json_files(root)
        .iter()
        .map(|p| fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum()
}

/// Few samples and short times: the whole `cargo bench` should take a few minutes on 2 cores.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}
