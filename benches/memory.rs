//! Peak memory of loading the national-scale workspace: the peak resident set (VmHWM) of a fresh
//! process that does nothing but `Store::load`, against the bytes of the JSON files it reads.
//! Then the same for `secretariat import reports --dry-run` of a garbage CSV of a million rows:
//! its time, its peak memory against the file's size, and how many lines of problems it prints.
//! Not a criterion bench: it prints its figures. The load runs in a child process (this same
//! executable, started again) so that generating the workspace does not count.

mod common;

use std::process::Command;

const CHILD: &str = "SECRETARIAT_BENCH_LOAD_DIR";
const CHILD_CSV: &str = "SECRETARIAT_BENCH_GARBAGE_CSV";

/// A million rows of garbage in a reports file: wrong quarters, unknown statuses, bad amounts.
fn garbage_csv(rows: usize) -> Vec<u8> {
    let mut s = String::from("Nr;Kvartal;Samlet status;Budget (mio. kr.)\n");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for n in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push_str(&format!(
            "{}.{};Q{};#{:x};{}kr\n",
            n % 97,
            x % 13,
            x % 9,
            x,
            x % 1000
        ));
    }
    s.into_bytes()
}

/// Child: imports the garbage file (dry run) into an empty workspace; prints peak memory, time and
/// the number of problem lines.
fn garbage_child(csv: &str) {
    let (before, _) = memory();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut settings = secretariat::model::Settings::default();
    let store =
        secretariat::store::Store::init(dir.path().join("ws"), &mut settings).expect("init");
    let started = std::time::Instant::now();
    let out = secretariat::cli::import::import_file(
        &store,
        secretariat::cli::import::What::Reports,
        std::path::Path::new(csv),
        true,
    );
    let took = started.elapsed();
    let (peak, _) = memory();
    let lines = match out {
        Ok(l) | Err(l) => l,
    };
    let printed: usize = lines.iter().map(|l| l.len() + 1).sum();
    println!(
        "{before} {peak} {} {} {printed}",
        took.as_micros(),
        lines.len()
    );
    eprintln!("{}", lines.last().cloned().unwrap_or_default());
}

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
    if let Ok(csv) = std::env::var(CHILD_CSV) {
        garbage_child(&csv);
        return;
    }
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
    let out = Command::new(&exe)
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
    garbage(&exe);
}

fn garbage(exe: &std::path::Path) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let csv = dir.path().join("garbage.csv");
    let bytes = garbage_csv(1_000_000);
    std::fs::write(&csv, &bytes).expect("write the CSV");
    let out = Command::new(exe)
        .env(CHILD_CSV, &csv)
        .output()
        .expect("run the importing child");
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
    let [before, peak, micros, lines, printed] = nums[..] else {
        panic!("unexpected output from the child: {text}");
    };
    let size = bytes.len() as u64;
    println!("memory/garbage_csv: 1,000,000 rows, {:.1} MB", mb(size));
    println!(
        "memory/garbage_csv: took {:.2} s, {lines} lines of problems ({printed} bytes): {}",
        micros as f64 / 1e6,
        String::from_utf8_lossy(&out.stderr).trim()
    );
    println!(
        "memory/garbage_csv: peak RSS {:8.1} MB, growth {:.1} MB ({:.2}x the file; target < 3x)",
        mb(peak),
        mb(peak.saturating_sub(before)),
        peak.saturating_sub(before) as f64 / size as f64
    );
}
