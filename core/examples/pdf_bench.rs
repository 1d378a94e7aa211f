//! `cargo run --release -p chancery-core --example pdf_bench`: exports a 15,000-word paper
//! (the English test paper, repeated with renumbered paragraphs) several times and prints
//! the median wall time and the process's peak memory (VmHWM).

use std::time::Instant;

use chancery_core::export::{self, Options, PaperText, SectionText};

fn main() {
    let fixture = include_str!("../../tests/it/fixtures/pdf-en.md");
    let body = fixture.splitn(3, "---").nth(2).expect("front matter");
    let mut sections = Vec::new();
    let mut words = 0;
    let mut round = 0;
    while words < 15_000 {
        for (i, part) in body.split("\n## ").filter(|p| !p.trim().is_empty()).enumerate() {
            let (heading, text) = part.trim_start_matches("## ").split_once('\n').unwrap_or((part, ""));
            // Footnote names must stay unique per section; paragraph numbers go on.
            let text = text.replace("[^", &format!("[^r{round}s{i}"));
            words += text.split_whitespace().count();
            sections.push(SectionText { heading: Some(format!("{heading} ({})", round + 1)), level: 2, body: text });
        }
        round += 1;
    }
    let paper = PaperText {
        title: "Views of Ruritania on the elements of the future permanent mechanism on ICT security".into(),
        delegation: "Ruritania".into(),
        language: "en".into(),
        process: Some("OEWG 2021–2025".into()),
        date: Some("2026-11-23".into()),
        place: Some("Geneva".into()),
        sections,
        ..PaperText::default()
    };
    let options = Options::default();
    // The first run reads the fonts from disk; time the runs after it.
    let first = Instant::now();
    let bytes = export::pdf(&paper, &options).expect("the paper exports");
    let cold = first.elapsed();
    let mut times = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let b = export::pdf(&paper, &options).expect("the paper exports");
        times.push(start.elapsed());
        assert!(!b.is_empty());
    }
    times.sort();
    let start = Instant::now();
    let pages = export::typeset(&paper, &options, &export::PlainCitations).expect("typesets").pages.len();
    let layout = start.elapsed();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.trim_start_matches("VmHWM:").trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    println!("words: {words}, pages: {pages}, PDF: {} KiB", bytes.len() / 1024);
    println!("first run (reads fonts): {:.1} ms", cold.as_secs_f64() * 1000.0);
    println!("median of {}: {:.1} ms", times.len(), times[times.len() / 2].as_secs_f64() * 1000.0);
    println!("of which layout (no PDF writing): {:.1} ms", layout.as_secs_f64() * 1000.0);
    println!("peak memory (VmHWM): {peak}");
}
