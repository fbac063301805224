//! Peak memory of loading the national-scale workspace: the peak resident set (VmHWM) of a fresh
//! process that does nothing but `Store::load`, against the bytes of the JSON files it reads.
//! Not a criterion bench: it prints its figures. The load runs in a child process (this same
//! executable, started again) so that generating the workspace does not count.

mod common;

use std::process::Command;

const CHILD: &str = "SECRETARIAT_BENCH_LOAD_DIR";

/// VmHWM (peak resident set) and VmRSS of this process, in bytes.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn mb(b: u64) -> f64 {
    b as f64 / 1e6
}

fn main() {
    if let Ok(dir) = std::env::var(CHILD) {
        let (before, _) = memory();
        let store = secretariat::store::Store::open(&dir).expect("a workspace");
        let started = std::time::Instant::now();
        let loaded = store.load();
        let took = started.elapsed();
        let (peak, rss) = memory();
        assert!(loaded.problems.is_empty());
        println!("{before} {peak} {rss} {}", took.as_micros());
        return;
    }
    if !cfg!(target_os = "linux") {
        eprintln!("memory: needs /proc/self/status (Linux); skipped");
        return;
    }
    let large = common::large();
    let disk = common::size_on_disk(&large.root);
    let exe = std::env::current_exe().expect("this executable");
    let out = Command::new(exe)
        .env(CHILD, &large.root)
        .output()
        .expect("run the loading child");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let nums: Vec<u64> = text
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    let [before, peak, rss, micros] = nums[..] else {
        panic!("unexpected output from the child: {text}");
    };
    println!("memory/load: JSON on disk          {:8.1} MB", mb(disk));
    println!("memory/load: peak RSS before load  {:8.1} MB", mb(before));
    println!(
        "memory/load: peak RSS after load   {:8.1} MB  ({:.2}x the JSON on disk; target < 3x)",
        mb(peak),
        peak as f64 / disk as f64
    );
    println!(
        "memory/load: growth by the load    {:8.1} MB  ({:.2}x)",
        mb(peak.saturating_sub(before)),
        peak.saturating_sub(before) as f64 / disk as f64
    );
    println!(
        "memory/load: RSS after load        {:8.1} MB (the loaded workspace still held)",
        mb(rss)
    );
    println!(
        "memory/load: one cold-process load took {:.0} ms",
        micros as f64 / 1000.0
    );
}
