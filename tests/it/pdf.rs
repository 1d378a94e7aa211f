//! The PDF export, checked with the tools a reader or an archive would use: pdftotext for
//! the text layer, pdffonts for the fonts, qpdf for the structure, pdfinfo for the pages.

use std::path::{Path, PathBuf};
use std::process::Command as Tool;

use serde_json::Value;

use crate::cli::chancery;
use crate::{Scratch, fixture};

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures").join(name)
}

/// Exports a fixture with the one-shot command and returns the PDF's path.
fn export(scratch: &Scratch, name: &str, extra: &[&str]) -> PathBuf {
    let out = scratch.dir.path().join(format!("{name}.pdf"));
    chancery(scratch).arg("export").arg(fixture_path(name)).arg("--pdf").arg(&out).args(extra).assert().success();
    out
}

fn tool(program: &str, args: &[&str], pdf: &Path) -> String {
    let output = Tool::new(program).args(args).arg(pdf).output().unwrap_or_else(|e| panic!("{program}: {e} (install poppler-utils and qpdf)"));
    assert!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn text(pdf: &Path) -> String {
    let output = Tool::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).unwrap()
}

fn page_text(pdf: &Path, page: usize) -> String {
    let output = Tool::new("pdftotext").args(["-enc", "UTF-8", "-f", &page.to_string(), "-l", &page.to_string()]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[], pdf);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).expect("a page count").trim().parse().unwrap()
}

/// Words as the measure sees them: letters and digits, lower-cased; punctuation dropped.
/// A footnote call set as a superscript comes out glued to its word ("sovereignty7"), so
/// digits after letters start a new word.
pub fn words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len());
    let mut previous = ' ';
    for c in text.chars() {
        if c.is_ascii_digit() && previous.is_alphabetic() {
            spaced.push(' ');
        }
        spaced.push(c);
        previous = c;
    }
    spaced.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The share of `source` words that `extracted` gives back in the same order: the longest
/// common subsequence of the two word sequences over the number of source words.
pub fn recovered(source: &[String], extracted: &[String]) -> f64 {
    if source.is_empty() {
        return 1.0;
    }
    let mut row = vec![0u32; extracted.len() + 1];
    for s in source {
        let mut diagonal = 0;
        for (j, e) in extracted.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if s == e { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[extracted.len()] as f64 / source.len() as f64
}

/// The running text of a markdown fixture, as a reader sees it in the body: front matter,
/// footnote definitions, note calls, reference brackets and markup removed.
pub fn body_text(markdown: &str) -> String {
    let body = markdown.splitn(3, "---").nth(2).unwrap_or(markdown);
    let mut out = String::new();
    for line in body.lines() {
        if line.starts_with("[^") || line.starts_with("| ---") {
            continue;
        }
        let mut line = line.to_string();
        while let Some(start) = line.find("[@").or_else(|| line.find("[^")) {
            let end = line[start..].find(']').map_or(line.len(), |e| start + e + 1);
            line.replace_range(start..end, "");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn the_measure_counts_words_in_order() {
    let source = words("one two three four");
    assert_eq!(recovered(&source, &words("one two three four")), 1.0);
    assert_eq!(recovered(&source, &words("one three two four")), 0.75);
    assert_eq!(recovered(&source, &words("x one y two three four z")), 1.0);
}

#[test]
fn the_english_paper_gives_back_its_words() {
    let scratch = Scratch::new();
    let pdf = export(&scratch, "pdf-en.md", &[]);
    assert!(pages(&pdf) >= 3, "a multi-page paper");
    let source = words(&body_text(&fixture("pdf-en.md")));
    let extracted = words(&text(&pdf));
    let share = recovered(&source, &extracted);
    assert!(share >= 0.999, "pdftotext gave back {:.2} % of the words", share * 100.0);
}

#[test]
fn hyphenated_words_come_back_whole() {
    let scratch = Scratch::new();
    let pdf = export(&scratch, "pdf-en.md", &[]);
    let extracted = text(&pdf);
    // Every word that pdftotext gives with a hyphen at a line end must be a word the
    // source writes with that hyphen.
    let source = fixture("pdf-en.md");
    for line in extracted.lines() {
        if let Some(last) = line.split_whitespace().next_back().filter(|w| w.ends_with('-')) {
            assert!(source.contains(last), "{last:?} is a word broken by hyphenation in the text layer");
        }
    }
}

#[test]
fn fonts_are_embedded_and_the_file_is_well_formed() {
    let scratch = Scratch::new();
    let pdf = export(&scratch, "pdf-en.md", &[]);
    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}");
    }
    let check = Tool::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success() && report.contains("No syntax or stream encoding errors"), "{report}");
    assert!(!report.contains("WARNING"), "{report}");
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.contains("Author:          Ruritania"), "{info}");
    assert!(info.contains("Title:           Views of Ruritania"), "{info}");
    assert!(!info.to_lowercase().contains("pdf/a"), "never labelled PDF/A: {info}");
}

#[test]
fn every_page_carries_its_number() {
    let scratch = Scratch::new();
    let pdf = export(&scratch, "pdf-en.md", &[]);
    let total = pages(&pdf);
    for n in 1..=total {
        let page = page_text(&pdf, n);
        assert!(page.contains(&format!("{n}/{total}")), "page {n} lacks {n}/{total}:\n{page}");
    }
}

/// Footnotes of the fixture in call order: the word before the call and the note's opening
/// words.
fn notes_of(markdown: &str) -> Vec<(String, Vec<String>)> {
    let body = markdown.splitn(3, "---").nth(2).unwrap();
    let definitions: Vec<(String, String)> = body
        .lines()
        .filter_map(|l| l.strip_prefix("[^").and_then(|l| l.split_once("]: ")).map(|(n, t)| (n.to_string(), t.to_string())))
        .collect();
    let running: String = body.lines().filter(|l| !l.starts_with("[^")).collect::<Vec<_>>().join("\n");
    let mut notes = Vec::new();
    let mut from = 0;
    while let Some(at) = running[from..].find(['[']).map(|a| a + from) {
        let end = running[at..].find(']').map(|e| at + e).unwrap();
        let inner = &running[at + 1..end];
        let before = words(&running[..at]).last().cloned().unwrap_or_default();
        if let Some(name) = inner.strip_prefix('^') {
            let text = &definitions.iter().find(|(n, _)| n == name).expect("a definition").1;
            notes.push((before, words(text).into_iter().take(5).collect()));
        } else if let Some(reference) = inner.strip_prefix('@') {
            notes.push((before, words(reference)));
        }
        from = end;
    }
    notes
}

fn contains_sequence(haystack: &[String], needle: &[String]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn each_footnote_is_on_the_page_of_its_call() {
    let scratch = Scratch::new();
    let pdf = export(&scratch, "pdf-en.md", &[]);
    let notes = notes_of(&fixture("pdf-en.md"));
    assert!(notes.len() >= 7, "{notes:?}");
    let total = pages(&pdf);
    let page_words: Vec<Vec<String>> = (1..=total).map(|n| words(&page_text(&pdf, n))).collect();
    for (i, (before, note)) in notes.iter().enumerate() {
        let n = (i + 1).to_string();
        let call_page = page_words
            .iter()
            .position(|w| contains_sequence(w, &[before.clone(), n.clone()]))
            .unwrap_or_else(|| panic!("the call of note {n} after {before:?} is on no page"));
        let mut labelled = vec![n.clone()];
        labelled.extend(note.iter().cloned());
        assert!(
            contains_sequence(&page_words[call_page], &labelled),
            "note {n} ({note:?}) is not on page {} where it is called",
            call_page + 1
        );
    }
}

#[test]
fn prompts_never_reach_the_pdf() {
    let scratch = Scratch::new();
    let id = String::from_utf8(
        chancery(&scratch).args(["paper", "new", "--title", "Position on norms", "--template", "position", "--delegation", "Ruritania"]).assert().success().get_output().stdout.clone(),
    )
    .unwrap();
    let shown: Value = serde_json::from_slice(&chancery(&scratch).args(["paper", "show", id.trim(), "--json"]).assert().success().get_output().stdout).unwrap();
    let prompts: Vec<String> = shown["sections"].as_array().unwrap().iter().flat_map(|s| s["prompts"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string())).collect();
    assert!(!prompts.is_empty(), "the template gives prompts");
    let out = scratch.dir.path().join("paper.pdf");
    chancery(&scratch).args(["paper", "export", id.trim(), "--pdf"]).arg(&out).assert().success();
    let extracted = words(&text(&out)).join(" ");
    for prompt in prompts {
        let opening = words(&prompt).into_iter().take(6).collect::<Vec<_>>().join(" ");
        assert!(!extracted.contains(&opening), "a prompt reached the PDF: {prompt}");
    }
}

#[test]
fn draft_and_marking_only_when_asked() {
    let scratch = Scratch::new();
    let plain = export(&scratch, "pdf-en.md", &[]);
    assert!(!text(&plain).contains("DRAFT"));
    assert!(!text(&plain).contains("RESTRICTED"));
    let out = scratch.dir.path().join("draft.pdf");
    chancery(&scratch)
        .arg("export")
        .arg(fixture_path("pdf-en.md"))
        .args(["--pdf", out.to_str().unwrap(), "--draft", "--marking", "RESTRICTED", "--paper", "letter"])
        .assert()
        .success();
    for n in 1..=pages(&out) {
        let page = page_text(&out, n);
        assert!(page.contains("DRAFT") && page.contains("RESTRICTED"), "page {n}:\n{page}");
    }
    assert!(tool("pdfinfo", &[], &out).contains("612 x 792"));
}

/// Characters of the Han script, in order: Chinese is measured by character.
pub fn han(text: &str) -> Vec<String> {
    text.chars().filter(|c| matches!(*c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)).map(String::from).collect()
}

fn check_language(name: &str, minimum: f64, by_character: bool) {
    let scratch = Scratch::new();
    let pdf = export(&scratch, name, &[]);
    let source = body_text(&fixture(name));
    let extracted = text(&pdf);
    let share = if by_character { recovered(&han(&source), &han(&extracted)) } else { recovered(&words(&source), &words(&extracted)) };
    assert!(share >= minimum, "{name}: pdftotext gave back {:.2} %\n{extracted}", share * 100.0);
    let fonts = tool("pdffonts", &[], &pdf);
    assert!(fonts.lines().skip(2).all(|row| row.split_whitespace().rev().nth(4) == Some("yes")), "{fonts}");
    let total = pages(&pdf);
    assert!(page_text(&pdf, total).contains(&format!("{total}/{total}")));
    assert!(Tool::new("qpdf").arg("--check").arg(&pdf).status().unwrap().success());
    // The footnote, called in the first section and defined in the last, is printed.
    let last_note = fixture(name).lines().rfind(|l| l.starts_with("[^")).map(|l| l.split_once("]: ").unwrap().1.to_string()).unwrap();
    let opening: Vec<String> = if by_character { han(&last_note).into_iter().take(6).collect() } else { words(&last_note).into_iter().take(3).collect() };
    let got: Vec<String> = if by_character { han(&extracted) } else { words(&extracted) };
    assert!(contains_sequence(&got, &opening), "{name}: the footnote is missing");
}

#[test]
fn french_spanish_and_russian_papers_give_back_their_words() {
    check_language("pdf-fr.md", 0.999, false);
    check_language("pdf-es.md", 0.999, false);
    check_language("pdf-ru.md", 0.999, false);
}

#[test]
fn the_arabic_paper_is_shaped_right_to_left_and_gives_back_its_words() {
    check_language("pdf-ar.md", 0.99, false);
}

#[test]
fn the_chinese_paper_gives_back_its_characters() {
    check_language("pdf-zh.md", 0.99, true);
}

#[test]
fn references_to_texts_in_the_library_get_their_full_citation_in_the_footnote() {
    let scratch = Scratch::new();
    let report = fixture_path("library/gge-report.txt");
    chancery(&scratch)
        .args(["library", "import"])
        .arg(&report)
        .args(["--symbol", "A/99/123", "--title", "Report of the Group of Governmental Experts on undersea data cables", "--date", "2044-08-14", "--adoption", "consensus"])
        .assert()
        .success();
    let paper = fixture_path("library/citing-paper.md");
    let id = String::from_utf8(chancery(&scratch).args(["paper", "import"]).arg(&paper).assert().success().get_output().stdout.clone()).unwrap();
    let out = scratch.dir.path().join("cited.pdf");
    chancery(&scratch).args(["paper", "export", id.trim(), "--pdf"]).arg(&out).assert().success();
    let text = text(&out).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Report of the Group of Governmental Experts on undersea data cables (A/99/123), para. 10(a)."), "{text}");
    // A document the library lacks keeps the reference as written.
    assert!(text.contains("A/RES/96/12, para. 1."), "{text}");
}

#[test]
fn a_redline_keeps_deleted_and_inserted_words_in_reading_order() {
    let scratch = Scratch::new();
    let pdf = export(&scratch, "pdf-redline.md", &[]);
    let extracted = words(&text(&pdf));
    let expected = words("the Group welcomes notes with appreciation the progress made on the Global POC Directory");
    assert!(contains_sequence(&extracted, &expected), "{extracted:?}");
    let expected = words("States shall report annually on all incidents Hidden The rest stays remains as drafted");
    assert!(contains_sequence(&extracted, &expected), "{extracted:?}");
    // Raw HTML other than the redline tags is dropped, with its tags; its words stay.
    assert!(!text(&pdf).contains("span") && !text(&pdf).contains("<ins>"));
}

/// A paper in the store with two review notes, one resolved; returns its id.
fn annotated_paper(scratch: &Scratch) -> i64 {
    use chancery_core::annotation::{AnnotationKind, AnnotationStatus, NewAnnotation, Role};
    let mut store = scratch.store();
    let paper = store.import_markdown(&fixture("pdf-en.md")).unwrap();
    let sections = store.sections(paper.id).unwrap();
    let threats = sections.iter().find(|s| s.heading.as_deref() == Some("Existing and potential threats")).unwrap().id;
    store.set_profile("Amina Diallo", Role::LegalAdviser).unwrap();
    let risk = NewAnnotation {
        section_id: threats,
        quote: "growing market for intrusion capabilities".into(),
        occurrence: None,
        kind: AnnotationKind::LegalRisk,
        body: "Capital prefers **quisquilian** wording here; see the export-control file.".into(),
        proposal: None,
    };
    let risk = store.annotate(paper.id, risk).unwrap();
    store.set_profile("Jonas Berg", Role::Reviewer).unwrap();
    store.reply(risk.id, "Agreed, a zarzuelan rewording follows.").unwrap();
    let general = sections.iter().find(|s| s.heading.as_deref() == Some("General remarks")).unwrap().id;
    let done = NewAnnotation {
        section_id: general,
        quote: "regional group".into(),
        occurrence: None,
        kind: AnnotationKind::Comment,
        body: "Name the group: vexillary question settled.".into(),
        proposal: None,
    };
    let done = store.annotate(paper.id, done).unwrap();
    store.set_annotation_status(done.id, AnnotationStatus::Resolved).unwrap();
    paper.id
}

#[test]
fn review_notes_never_reach_the_submission_pdf_and_fill_the_review_pdf() {
    let scratch = Scratch::new();
    let id = annotated_paper(&scratch).to_string();
    let (submission, review, open) = (scratch.dir.path().join("paper.pdf"), scratch.dir.path().join("review.pdf"), scratch.dir.path().join("open.pdf"));
    chancery(&scratch).args(["paper", "export", &id, "--pdf"]).arg(&submission).args(["--review-pdf"]).arg(&review).assert().success();
    chancery(&scratch).args(["paper", "export", &id, "--review-pdf"]).arg(&open).args(["--status", "open"]).assert().success();
    let submitted = text(&submission);
    for word in ["quisquilian", "zarzuelan", "vexillary", "Amina", "Jonas", "INTERNAL"] {
        assert!(!submitted.contains(word), "{word} reached the submission PDF");
    }
    let circulated = text(&review).split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in [
        "Review notes on Views of Ruritania",
        "INTERNAL — NOT FOR SUBMISSION",
        "Legal risk · open · Amina Diallo (legal adviser)",
        "growing market for intrusion capabilities",
        "quisquilian",
        "zarzuelan",
        "Jonas Berg (reviewer)",
        "vexillary",
    ] {
        assert!(circulated.contains(phrase), "{phrase:?} is missing from the review PDF:\n{circulated}");
    }
    // In text order: the note on General remarks before the one on threats.
    assert!(circulated.find("vexillary").unwrap() < circulated.find("quisquilian").unwrap());
    for n in 1..=pages(&review) {
        assert!(page_text(&review, n).contains("INTERNAL"), "page {n} lacks the marking");
    }
    let open = text(&open);
    assert!(open.contains("quisquilian") && !open.contains("vexillary"), "--status open keeps only open notes:\n{open}");
}

#[test]
fn annexes_list_the_texts_cited_and_the_checklist_summary() {
    use chancery_core::{ActionStatus, ActionUpdate};
    let scratch = Scratch::new();
    let id = {
        let mut store = scratch.store();
        let paper = store.import_markdown(&fixture("pdf-en.md")).unwrap();
        let action = store.framework().actions.iter().find(|a| a.norm == "g").unwrap().clone();
        store.set_action(paper.id, &action.id, ActionUpdate { status: Some(ActionStatus::Implemented), ..ActionUpdate::default() }).unwrap();
        (paper.id, action.text)
    };
    let out = scratch.dir.path().join("annexed.pdf");
    chancery(&scratch).args(["paper", "export", &id.0.to_string(), "--pdf"]).arg(&out).args(["--cited-list", "--checklist-annex"]).assert().success();
    let all = text(&out).split_whitespace().collect::<Vec<_>>().join(" ");
    let annexes = all[all.find("Agreed texts cited").expect("the list of texts cited")..].to_string();
    assert!(annexes.contains("A/70/174."), "each text cited, once, as the library or the reference gives it: {annexes}");
    assert_eq!(annexes.matches("A/70/174.").count(), 1, "{annexes}");
    assert!(annexes.contains("Voluntary Checklist of Practical Actions: summary"), "{annexes}");
    let opening: Vec<String> = words(&id.1).into_iter().take(4).collect();
    assert!(contains_sequence(&words(&annexes), &opening), "the implemented action is listed: {annexes}");
    // Without the flags, no annex.
    let plain = export(&scratch, "pdf-en.md", &[]);
    assert!(!text(&plain).contains("Agreed texts cited"));
    assert!(Tool::new("qpdf").arg("--check").arg(&out).status().unwrap().success());
}

#[test]
fn annex_headings_are_in_the_papers_language() {
    let scratch = Scratch::new();
    let id = scratch.store().import_markdown(&fixture("pdf-fr.md")).unwrap().id;
    let out = scratch.dir.path().join("annexes-fr.pdf");
    chancery(&scratch).args(["paper", "export", &id.to_string(), "--pdf"]).arg(&out).args(["--cited-list", "--checklist-annex"]).assert().success();
    let all = text(&out).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(all.contains("Textes agréés cités") && all.contains("Liste de contrôle volontaire des mesures pratiques : résumé"), "{all}");
    assert!(!all.contains("Agreed texts cited"));
}
