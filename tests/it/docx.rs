//! The Word export, checked as the receiving office would: LibreOffice opens and prints every
//! file (its PDF read back with pdftotext), and the document's XML holds real styles,
//! Word numbering, footnotes, tracked changes and the language.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command as Tool;

use chancery_core::annotation::{AnnotationKind, NewAnnotation, Role};
use chancery_core::{NewPaper, SectionPatch};

use crate::cli::chancery;
use crate::pdf::{body_text, fixture_path, han, recovered, words};
use crate::{Scratch, fixture};

/// Exports a markdown fixture with the one-shot command.
fn export(scratch: &Scratch, name: &str) -> PathBuf {
    let out = scratch.dir.path().join(format!("{name}.docx"));
    chancery(scratch).arg("export").arg(fixture_path(name)).arg("--docx").arg(&out).assert().success();
    out
}

/// One part of the package, as text.
fn part(docx: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).expect("a DOCX is a zip");
    let mut text = String::new();
    archive.by_name(name).unwrap_or_else(|_| panic!("{name} is missing")).read_to_string(&mut text).unwrap();
    text
}

/// LibreOffice, headless, converts the files (one run: it starts slowly) to `format`
/// ("pdf", "docx:MS Word 2007 XML") into a folder of its own, which it returns. A profile
/// of its own keeps parallel tests apart.
fn libreoffice(scratch: &Scratch, format: &str, files: &[PathBuf]) -> PathBuf {
    let out = scratch.dir.path().join("libreoffice");
    let profile = format!("file://{}", scratch.dir.path().join("lo-profile").display());
    let status = Tool::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(&out)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("soffice: {e} (install libreoffice-writer-nogui)"));
    assert!(status.status.success(), "LibreOffice failed: {}", String::from_utf8_lossy(&status.stderr));
    out
}

/// Each file printed by LibreOffice; each PDF must come out.
fn libreoffice_pdfs(scratch: &Scratch, files: &[PathBuf]) -> Vec<PathBuf> {
    let out = libreoffice(scratch, "pdf", files);
    files
        .iter()
        .map(|f| {
            let pdf = out.join(f.with_extension("pdf").file_name().unwrap());
            assert!(pdf.exists(), "LibreOffice did not convert {}", f.display());
            pdf
        })
        .collect()
}

fn pdftotext(pdf: &Path) -> String {
    let output = Tool::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn libreoffice_prints_every_language_with_the_papers_words_in_order() {
    let scratch = Scratch::new();
    let papers = [("pdf-en.md", 0.999), ("pdf-fr.md", 0.999), ("pdf-es.md", 0.999), ("pdf-ru.md", 0.999), ("pdf-ar.md", 0.99), ("pdf-zh.md", 0.99)];
    let files: Vec<PathBuf> = papers.iter().map(|(name, _)| export(&scratch, name)).collect();
    let pdfs = libreoffice_pdfs(&scratch, &files);
    for ((name, minimum), pdf) in papers.iter().zip(&pdfs) {
        let (source, numbers) = without_labels(&body_text(&fixture(name)));
        let extracted = pdftotext(pdf);
        let share = match *name {
            "pdf-zh.md" => recovered(&han(&source), &han(&extracted)),
            // LibreOffice's PDF gives a lam-alef ligature's two letters back in visual order
            // ("اآللية" for "الآلية"): Arabic words are compared by their letters.
            "pdf-ar.md" => recovered(&letters(&words(&source)), &letters(&words(&extracted))),
            _ => recovered(&words(&compounds(&source)), &words(&compounds(&extracted))),
        };
        assert!(share >= *minimum, "{name}: LibreOffice's PDF gave back {:.2} %\n{extracted}", share * 100.0);
        // The numbers are Word's numbering: each is printed, wherever pdftotext reads it
        // (in right-to-left text, in visual order: ".1", between bidi marks).
        let plain: String = extracted.chars().filter(|c| !matches!(*c as u32, 0x200E | 0x200F | 0x202A..=0x202E)).collect();
        let printed: Vec<&str> = plain.split_whitespace().collect();
        for number in numbers {
            let visual = format!(".{}", number.trim_end_matches('.'));
            assert!(printed.contains(&number.as_str()) || printed.contains(&visual.as_str()), "{name}: paragraph {number} is not printed");
        }
    }
}

/// Each word's letters in a fixed order.
fn letters(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            let mut letters: Vec<char> = w.chars().collect();
            letters.sort_unstable();
            letters.into_iter().collect()
        })
        .collect()
}

/// Compound words as one word: when LibreOffice breaks a line at the hyphen of
/// "государств-получателей", pdftotext gives the word back joined, without its hyphen.
fn compounds(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| !(*c == '-' && i > 0 && chars[i - 1].is_alphabetic() && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())))
        .map(|(_, c)| *c)
        .collect()
}

/// The text without its paragraph numbers and sub-paragraph letters, which Word numbering
/// prints (pdftotext may read a number out of line with its text, as a column of its own);
/// and the numbers ("12.", "(a)").
fn without_labels(text: &str) -> (String, Vec<String>) {
    let mut numbers = Vec::new();
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let rest = if digits > 0 && trimmed[digits..].starts_with(". ") {
            numbers.push(trimmed[..digits + 1].to_string());
            &trimmed[digits + 2..]
        } else if let Some((label, rest)) = trimmed.strip_prefix('(').and_then(|t| t.split_once(") ")).filter(|(l, _)| l.len() == 1) {
            numbers.push(format!("({label})"));
            rest
        } else {
            line
        };
        out.push_str(rest);
        out.push('\n');
    }
    (out, numbers)
}

#[test]
fn the_document_uses_word_styles_numbering_and_footnotes() {
    let scratch = Scratch::new();
    let docx = export(&scratch, "pdf-en.md");
    let document = part(&docx, "word/document.xml");
    for style in ["Title", "Delegation", "Meeting", "PaperDate", "Original", "Heading2", "ListNumber"] {
        assert!(document.contains(&format!(r#"<w:pStyle w:val="{style}" />"#)), "no paragraph in the {style} style");
    }
    // Numbers are Word's, not typed: the paragraph text starts with its words.
    assert!(document.contains("<w:numPr>"));
    assert!(!document.contains(r#"<w:t xml:space="preserve">1. Ruritania"#));
    assert!(document.contains(r#"<w:t xml:space="preserve">Ruritania welcomes the opportunity"#));
    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:lvlText w:val="%1." />"#) && numbering.contains(r#"<w:lvlText w:val="(%2)" />"#));
    // Styles are defined, with the language of the text.
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="Heading1""#) && styles.contains(r#"w:styleId="FootnoteText""#));
    assert!(styles.contains(r#"<w:lang w:val="en-GB""#), "the language is set on the text");
    // The author's note and the reference's note are Word footnotes, with their numbers.
    assert!(document.contains("<w:footnoteReference"));
    let footnotes = part(&docx, "word/footnotes.xml");
    assert!(footnotes.contains("The four pillars were first set out together"));
    assert!(footnotes.contains("A/70/174, para. 13."));
    assert!(footnotes.contains("<w:footnoteRef />") && footnotes.contains(r#"w:type="separator""#));
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Views of Ruritania on the elements of the future permanent mechanism on ICT security</dc:title>"));
    assert!(core.contains("<dc:creator>Ruritania</dc:creator>") && core.contains("<dc:language>en-GB</dc:language>"));
    // Page size and the "N/M" page numbers in the footer.
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"), "{footer}");
}

#[test]
fn arabic_runs_right_to_left_and_chinese_is_marked_east_asian() {
    let scratch = Scratch::new();
    let arabic = export(&scratch, "pdf-ar.md");
    assert!(part(&arabic, "word/document.xml").contains("<w:bidi />"));
    assert!(part(&arabic, "word/styles.xml").contains(r#"w:val="ar-SA""#));
    let chinese = export(&scratch, "pdf-zh.md");
    assert!(part(&chinese, "word/styles.xml").contains(r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN""#));
}

#[test]
fn redlines_are_tracked_changes_attributed_to_the_delegation() {
    let scratch = Scratch::new();
    let docx = export(&scratch, "pdf-redline.md");
    let document = part(&docx, "word/document.xml");
    let del = document.find(r#"<w:del w:id="#).expect("a tracked deletion");
    assert!(document[del..].starts_with(r#"<w:del w:id="#) && document[del..del + 200].contains(r#"w:author="Ruritania""#), "{}", &document[del..del + 200]);
    assert!(document.contains(r#"<w:delText xml:space="preserve">welcomes</w:delText>"#));
    let ins = document.find("<w:ins ").expect("a tracked insertion");
    assert!(document[ins..ins + 200].contains(r#"w:author="Ruritania""#));
    assert!(document[ins..].contains("notes with appreciation"));
    // <u> stays plain underlining, not a change.
    assert!(document.contains(r#"<w:u w:val="single" />"#));
}

#[test]
fn a_comments_paper_exports_its_proposals_as_tracked_changes() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let symbol = chancery_core::library::Symbol::parse("A/AC.999/2026/CRP.1").unwrap();
    let pages = chancery_core::library::read::read_file(&fixture_path("proposals/crp1.txt")).unwrap();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let split = chancery_core::library::split::split_pages(&pages, symbol.as_str());
    let new = chancery_core::library::NewDocument {
        symbol: symbol.clone(),
        title: "Zero draft of the annual progress report".into(),
        short_title: None,
        body: None,
        date: None,
        kind: chancery_core::library::Kind::Other,
        adoption: None,
    };
    store.import_document(new, &split, false).unwrap();
    let paper = store
        .create_paper_on(NewPaper { title: "Comments".into(), delegation: Some("Ruritania".into()), template: Some("comments".into()), ..NewPaper::default() }, &symbol)
        .unwrap();
    store
        .propose(
            paper.id,
            chancery_core::proposal::NewProposal {
                kind: chancery_core::proposal::ProposalKind::Amend,
                label: "12".into(),
                text: "States should develop binding guidance on the security of undersea data cables.".into(),
                justification: String::new(),
            },
        )
        .unwrap();
    drop(store);
    let out = scratch.dir.path().join("comments.docx");
    chancery(&scratch).args(["paper", "export", &paper.id.to_string(), "--docx"]).arg(&out).assert().success();
    let document = part(&out, "word/document.xml");
    assert!(document.contains("<w:del ") && document.contains("<w:ins "), "the amendment is tracked");
    assert!(document.contains(r#"w:author="Ruritania""#));
    assert!(document.contains("develop binding"));
}

#[test]
fn review_notes_go_in_as_comments_only_when_asked() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = store.create_paper(NewPaper { title: "Sovereignty".into(), delegation: Some("Ruritania".into()), ..NewPaper::default() }).unwrap();
    let section = store.sections(paper.id).unwrap()[0].id;
    store
        .update_section(section, SectionPatch { body: Some("1. A cyber operation may violate the sovereignty of a State.".into()), ..Default::default() })
        .unwrap();
    store.set_profile("Amina Legal", Role::LegalAdviser).unwrap();
    store
        .annotate(
            paper.id,
            NewAnnotation { section_id: section, quote: "may violate".into(), occurrence: None, kind: AnnotationKind::LegalRisk, body: "Say which rule.".into(), proposal: None },
        )
        .unwrap();
    drop(store);
    let plain = scratch.dir.path().join("plain.docx");
    chancery(&scratch).args(["paper", "export", &paper.id.to_string(), "--docx"]).arg(&plain).assert().success();
    assert!(!part(&plain, "word/document.xml").contains("commentRangeStart"), "annotations never go in a submission");
    assert!(!part(&plain, "word/comments.xml").contains("Say which rule."));

    let internal = scratch.dir.path().join("internal.docx");
    chancery(&scratch).args(["paper", "export", &paper.id.to_string(), "--docx"]).arg(&internal).arg("--with-comments").assert().success();
    let document = part(&internal, "word/document.xml");
    let start = document.find("<w:commentRangeStart").expect("a comment");
    let end = document.find("<w:commentRangeEnd").unwrap();
    assert!(document[start..end].contains("may violate the sovereignty"), "the comment spans the words' paragraph");
    let comments = part(&internal, "word/comments.xml");
    assert!(comments.contains(r#"w:author="Amina Legal""#) && comments.contains("Legal risk (open): Say which rule."), "{comments}");
}

#[test]
fn the_cli_asks_for_a_store_paper_before_it_adds_comments() {
    let scratch = Scratch::new();
    chancery(&scratch)
        .arg("export")
        .arg(fixture_path("pdf-en.md"))
        .args(["--docx", scratch.dir.path().join("x.docx").to_str().unwrap(), "--with-comments"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--with-comments needs a paper in the store"));
    chancery(&scratch).arg("export").arg(fixture_path("pdf-en.md")).assert().failure().stderr(predicates::str::contains("--docx OUT.docx"));
}

/// What a round trip must keep: each section's heading and level, and its words.
fn outline(store: &chancery_core::Store, paper: i64) -> Vec<(Option<String>, u8, Vec<String>)> {
    store
        .sections(paper)
        .unwrap()
        .into_iter()
        .filter(|s| !s.body.trim().is_empty() || s.heading.is_some())
        .map(|s| {
            // Footnote names and sub-paragraph labels are the writer's choice, not the text.
            let body: String = s.body.lines().filter(|l| !l.starts_with("[^")).collect::<Vec<_>>().join("\n");
            let mut text = words(&body_text(&format!("---\n---\n{body}")));
            text.retain(|w| w.len() > 1 && !w.starts_with("chancery"));
            (s.heading, s.level, text)
        })
        .collect()
}

#[test]
fn a_paper_exported_to_word_imports_back_with_its_sections_notes_and_references() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let original = store.import_markdown(&fixture("pdf-en.md")).unwrap().id;
    let text = store.paper_text(original).unwrap();
    let bytes = chancery_core::export::docx(&text, &chancery_core::export::DocxOptions::default(), &store).unwrap();
    let imported = store.import_docx(&bytes).unwrap();
    assert_eq!(imported.paper.title, store.paper(original).unwrap().title);
    assert_eq!(imported.paper.delegation, "Ruritania");
    assert_eq!(outline(&store, imported.paper.id), outline(&store, original));
    let markdown = store.export_markdown(imported.paper.id).unwrap();
    assert!(markdown.contains("Member States [@A/70/174, para. 13]."), "the reference's footnote is a reference again:\n{markdown}");
    assert!(markdown.contains("]: The four pillars were first set out together"), "the author's note is a footnote again");
    assert!(markdown.contains("\n5. Ruritania draws attention"), "paragraph numbers are kept");
}

#[test]
fn a_word_file_rewritten_by_libreoffice_imports_into_the_same_sections_and_footnotes() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let original = store.import_markdown(&fixture("pdf-en.md")).unwrap().id;
    let text = store.paper_text(original).unwrap();
    let ours = scratch.dir.path().join("ours.docx");
    std::fs::write(&ours, chancery_core::export::docx(&text, &chancery_core::export::DocxOptions::default(), &store).unwrap()).unwrap();
    // LibreOffice opens the file and writes it again as Word 2007–365.
    let out = libreoffice(&scratch, "docx:MS Word 2007 XML", std::slice::from_ref(&ours));
    let theirs = std::fs::read(out.join("ours.docx")).expect("LibreOffice wrote the file");
    assert_ne!(theirs, std::fs::read(&ours).unwrap());
    let imported = store.import_docx(&theirs).unwrap();
    assert_eq!(outline(&store, imported.paper.id), outline(&store, original));
    let markdown = store.export_markdown(imported.paper.id).unwrap();
    assert_eq!(markdown.matches("]: ").count(), 3, "the three author's notes:\n{markdown}");
    assert_eq!(markdown.matches("[@").count(), 4, "the four references:\n{markdown}");
}
