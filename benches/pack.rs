//! The meeting pack: the demo's (7 items, 4 bilag) and a large one of 20 items with 40 bilag of 5
//! pages each (200 bilag pages), typeset and written as PDF in memory. Targets on the 2-core
//! machine: demo < 1 s, large < 5 s, peak memory < 300 MB (printed at the end: VmHWM of this
//! process after the large pack, which includes criterion's own use).

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use secretariat::export::pack::{self, PackOptions};
use secretariat::export::pdf::{self, Files, PdfSettings};
use secretariat::model::{AgendaItem, Attachment, ItemKind};

const MEETING: &str = "2026-12-03-psg";

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A bilag of five A4 pages with some text and a table, like a status report.
fn five_pages(n: usize) -> Vec<u8> {
    let mut src = String::from(
        "#set page(paper: \"a4\")\n#set text(font: \"Libertinus Serif\", lang: \"da\")\n",
    );
    for p in 1..=5 {
        if p > 1 {
            src.push_str("#pagebreak()\n");
        }
        src.push_str(&format!("= Bilag {n}, side {p}\n\n"));
        for _ in 0..6 {
            src.push_str("Initiativet følger den reviderede plan. Økonomien er under kontrol, og risikoen for yderligere forsinkelse vurderes som moderat. ");
        }
        src.push_str("\n\n#table(columns: 4, [Milepæl], [Plan], [Prognose], [Status], [A], [Q1], [Q2], [Gul], [B], [Q2], [Q3], [Rød])\n");
    }
    pdf::compile(&src, &Files::new(), PdfSettings::default()).expect("a bilag")
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = secretariat::demo::write_demo(&dir.path().join("demo")).expect("the demo");
    let demo = store.load().workspace;
    let root = store.root().to_path_buf();
    let read_demo =
        move |rel: &str| secretariat::store::bilag::read(&root, rel).map_err(|e| e.to_string());

    // 20 items with two bilag each, five pages each.
    let mut large = demo.clone();
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    {
        let m = large
            .meetings
            .iter_mut()
            .find(|m| m.id == MEETING)
            .expect("the demo meeting");
        m.items.clear();
        for i in 0..20 {
            let mut item = AgendaItem::new(&format!("Status på initiativ {i}"), ItemKind::Decision);
            item.recommendation =
                "Det indstilles, at porteføljestyregruppen tager status til efterretning.".into();
            item.background =
                "Initiativet er rapporteret gult i to kvartaler.\n\nSe bilagene.".into();
            for j in 0..2 {
                let path = format!("bilag/large/{i}-{j}.pdf");
                files.insert(path.clone(), five_pages(i * 2 + j));
                item.attachments
                    .push(Attachment::new(&format!("Statusrapport {i}.{j}"), &path));
            }
            m.items.push(item);
        }
    }
    let read_large = move |rel: &str| {
        files
            .get(rel)
            .cloned()
            .ok_or_else(|| format!("the file {rel} is missing"))
    };

    let opts = PackOptions::default();
    let mut c = common::criterion();
    let mut g = c.benchmark_group("pack");
    g.bench_function("demo", |b| {
        b.iter(|| black_box(pack::make(&demo, MEETING, &opts, &read_demo, &|_| {}).expect("pack")))
    });
    g.bench_function("large_20_items_40_bilag_200_pages", |b| {
        b.iter(|| {
            black_box(pack::make(&large, MEETING, &opts, &read_large, &|_| {}).expect("pack"))
        })
    });
    g.finish();
    let made = pack::make(&large, MEETING, &opts, &read_large, &|_| {}).expect("pack");
    eprintln!(
        "large pack: {} bytes; peak resident memory of this process: {:.0} MB",
        made.pdf.len(),
        peak_rss_mb()
    );
    c.final_summary();
}
