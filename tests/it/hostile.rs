//! Files from outside are untrusted: hostile markdown must neither run nor fetch anything,
//! nor crash or hang the program, and hostile text is stored as text.

use std::time::{Duration, Instant};

use assert_cmd::Command;
use chancery_core::NewPaper;

use crate::Scratch;

/// Renders a file with the real program, in its own process, so that a crash shows as a
/// failure here rather than taking the tests down; it must finish within `limit`.
fn render(scratch: &Scratch, markdown: &str, limit: Duration) -> String {
    let file = scratch.file("hostile.md", markdown);
    let started = Instant::now();
    let out = Command::cargo_bin("chancery").unwrap().arg("render").arg(&file).timeout(limit).output().unwrap();
    assert!(out.status.success(), "render failed after {:?}: {}", started.elapsed(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Every payload of the corpus, each of which would set a marker if it ran (the app's
/// end-to-end test opens the same paper in the real webview).
const HOSTILE_PAPER: &str = include_str!("fixtures/hostile/paper.md");

#[test]
fn script_handlers_and_remote_content_are_removed() {
    let scratch = Scratch::new();
    let html = render(&scratch, HOSTILE_PAPER, Duration::from_secs(10));
    let lower = html.to_lowercase();
    for forbidden in [
        "<script", "onerror", "onload", "ontoggle", "onfocus", "javascript:", "vbscript", "data:text", "evil.example", "<iframe", "srcdoc",
        "<object", "<embed", "<style", "style=", "<link", "<meta", "<base", "<video", "<audio", "<input", "<form", "formaction", "__chancery_pwned",
    ] {
        assert!(!lower.contains(forbidden), "{forbidden} survived: {html}");
    }
    assert!(html.contains("needs-driven"), "{html}");
}

#[test]
fn deeply_nested_markdown_neither_crashes_nor_hangs() {
    let scratch = Scratch::new();
    for markdown in [
        format!("{}deep", "> ".repeat(5_000)),
        format!("{}deep", (0..3_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect::<String>()),
        format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000)),
        format!("{}x{}", "[".repeat(20_000), "]".repeat(20_000)),
        "<div>".repeat(20_000),
    ] {
        render(&scratch, &markdown, Duration::from_secs(20));
    }
}

#[test]
fn a_huge_file_renders_in_bounded_time() {
    let scratch = Scratch::new();
    let paragraph = "States should cooperate to prevent harmful ICT practices, as agreed in the 2015 report. ";
    let html = render(&scratch, &paragraph.repeat(120_000), Duration::from_secs(30));
    assert!(html.len() > 10_000_000);
}

#[test]
fn sql_looking_titles_are_only_text() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let title = "Robert'); DROP TABLE paper; --";
    let paper = store.create_paper(NewPaper { title: title.into(), delegation: Some("\" OR 1=1 --".into()), ..Default::default() }).unwrap();
    let again = store.paper(paper.id).unwrap();
    assert_eq!((again.title.as_str(), again.delegation.as_str()), (title, "\" OR 1=1 --"));
    assert_eq!(store.papers().unwrap().len(), 1);
}

#[test]
fn a_hostile_paper_exports_to_a_pdf_with_nothing_active_in_it() {
    let scratch = Scratch::new();
    let file = scratch.file(
        "hostile.md",
        "---\ntitle: Hostile\n---\n\n## Text\n\nBefore.<script>alert('pwned')</script> [click](javascript:alert(1)) \
         ![remote](https://tracker.example/pixel.png) <img src=x onerror=alert(2)> After.\n",
    );
    let out = scratch.dir.path().join("hostile.pdf");
    Command::cargo_bin("chancery").unwrap().arg("export").arg(&file).arg("--pdf").arg(&out).timeout(Duration::from_secs(60)).assert().success();
    let text = String::from_utf8(std::process::Command::new("pdftotext").arg(&out).arg("-").output().unwrap().stdout).unwrap();
    assert!(text.contains("Before.") && text.contains("After."), "{text}");
    for forbidden in ["<script", "onerror", "tracker.example"] {
        assert!(!text.contains(forbidden), "{forbidden} reached the PDF's text: {text}");
    }
    // No action that could run or fetch anything: no JavaScript, no launch, no link to a script.
    let qdf = scratch.dir.path().join("plain.pdf");
    let status = std::process::Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(&out).arg(&qdf).status().unwrap();
    assert!(status.success());
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).to_lowercase();
    for forbidden in ["/javascript", "/js ", "/launch", "javascript:", "/submitform", "/importdata", "tracker.example"] {
        assert!(!raw.contains(forbidden), "{forbidden} is in the PDF");
    }
}

/// A PDF the fuzzer made from our own fixture, on which pdf-extract panics: the import must
/// refuse it with a message, and the store must be as it was.
#[test]
fn a_malformed_pdf_is_refused_not_a_crash() {
    let scratch = Scratch::new();
    let pdf = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/hostile/malformed.pdf");
    Command::cargo_bin("chancery")
        .unwrap()
        .arg("--db")
        .arg(scratch.db())
        .args(["library", "import"])
        .arg(&pdf)
        .args(["--symbol", "A/99/1", "--title", "Broken"])
        .timeout(Duration::from_secs(30))
        .assert()
        .failure()
        .stderr(predicates::str::contains("the PDF could not be read"));
    let listed = Command::cargo_bin("chancery").unwrap().arg("--db").arg(scratch.db()).args(["library", "list", "--json"]).output().unwrap();
    assert_eq!(String::from_utf8(listed.stdout).unwrap().trim(), "[]");
}
