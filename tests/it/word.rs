//! Papers imported from Word: a DOCX that LibreOffice wrote from a paper we wrote comes back
//! with its sections, numbers, footnotes, comments and tracked changes; hostile DOCX files
//! are refused with a message naming what is wrong, and leave the store as it was.

use std::path::PathBuf;

use chancery_core::annotation::AnnotationFilter;
use chancery_core::test_support::zip_of;
use chancery_core::{ErrorCode, Store};
use predicates::prelude::*;

use crate::Scratch;
use crate::cli::{chancery, stdout};

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/word").join(name)
}

/// The paper's sections as (heading, level, body).
fn sections(store: &Store, id: i64) -> Vec<(Option<String>, u8, String)> {
    store.sections(id).unwrap().into_iter().map(|s| (s.heading, s.level, s.body)).collect()
}

fn s(heading: Option<&str>, level: u8, body: &str) -> (Option<String>, u8, String) {
    (heading.map(Into::into), level, body.into())
}

/// What position.fodt holds, as LibreOffice's DOCX of it must import.
fn assert_position_paper(store: &Store, id: i64) {
    let paper = store.paper(id).unwrap();
    assert_eq!(paper.title, "National position of Ruritania on the application of international law in cyberspace");
    assert_eq!(paper.delegation, "Ruritania");
    assert_eq!(paper.language, "en");
    assert_eq!(paper.process.as_deref(), Some("oewg-2021-2025"));
    assert_eq!(paper.date.as_deref(), Some("2026-03-02"));
    assert_eq!(paper.place.as_deref(), Some("Geneva"));
    assert_eq!(
        sections(store, id),
        [
            s(None, 2, "Ruritania submits this paper to the Open-ended Working Group as its contribution to the exchange of national views."),
            s(
                Some("General remarks"),
                1,
                "1. Ruritania affirms that international law, and in particular the Charter of the United Nations, applies to the use of information and communications technologies by States.[^1]\n\n\
                 2. This paper is *not exhaustive*; Ruritania will revise it as State practice develops.\n\n\
                 [^1]: As the Groups of Governmental Experts have repeatedly concluded."
            ),
            s(Some("International law"), 1, ""),
            s(
                Some("Sovereignty"),
                2,
                "3. The principle of sovereignty applies to ICT infrastructure located on a State's territory. An ICT operation that causes **serious effects** abroad may violate the sovereignty of another State.\n\n\
                 4. States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs.[@A/70/174, para. 13(c)] Ruritania reads this as:\n\n   \
                 1. an obligation of conduct, not of result;\n\n   \
                 2. limited to what a State knew or <ins>reasonably</ins> should have known."
            ),
            s(
                Some("Due diligence"),
                2,
                "5. Ruritania sets out below how it implements the norms concerned.[^2]\n\n\
                 | Norm | National measure |\n| --- | --- |\n| 13(c) | Law on ICT incidents, 2024 |\n| 13(g) | Critical infrastructure register |\n\n\
                 6. Ruritania stands ready to share its experience with other States.[^3]\n\n\
                 7. It welcomes the **Global Mechanism** as the forum for this exchange.\n\n\
                 [^2]: Details are given in the national survey of implementation, 2025.\n\n\
                 [^3]: Through the regional network of points of contact."
            ),
        ]
    );
    let pillars: Vec<Option<String>> = store.sections(id).unwrap().into_iter().map(|s| s.pillar).collect();
    let law = Some("international-law".to_string());
    assert_eq!(pillars, [None, None, law.clone(), law.clone(), law], "sub-sections are on their chapter's pillar");
    let notes = store.annotations(id, &AnnotationFilter::default()).unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].author.name, "A. Legal Adviser");
    assert_eq!(notes[0].anchor.quote, "the sovereignty of another State");
    assert_eq!(notes[0].body, "Check this against the 2021 report before it goes to capital.");
    assert_eq!(notes[0].created_at, "2026-03-01T09:30:00Z");
    assert_eq!(notes[0].section_id, Some(store.sections(id).unwrap()[3].id));
    assert!(!notes[0].orphan);
    assert_eq!(store.versions(id).unwrap().len(), 1, "the import is recorded as a version");
}

#[test]
fn a_docx_written_by_libreoffice_imports_into_sections_footnotes_and_notes() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let imported = store.import_docx(&std::fs::read(fixture_path("position.docx")).unwrap()).unwrap();
    assert_eq!(
        imported.summary,
        "5 sections, 3 footnotes, 1 footnote made a reference, 1 note from comments, 1 tracked change kept as redline"
    );
    assert_position_paper(&store, imported.paper.id);
}

/// The installed LibreOffice, not only the stored file: one conversion of the source.
#[test]
fn the_installed_libreoffice_writes_a_docx_that_imports_back() {
    let scratch = Scratch::new();
    let profile = scratch.dir.path().join("lo-profile");
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(scratch.dir.path())
        .arg(fixture_path("position.fodt"))
        .output()
        .expect("LibreOffice (soffice) is installed");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let docx = std::fs::read(scratch.dir.path().join("position.docx")).expect("soffice wrote the DOCX");
    let mut store = scratch.store();
    let imported = store.import_docx(&docx).unwrap();
    assert_position_paper(&store, imported.paper.id);
}

const DOCUMENT: &[u8] = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Ruritania's view.</w:t></w:r></w:p></w:body></w:document>"#;

/// Each hostile file is refused with its code and a message naming the fault; no paper is made.
#[test]
fn hostile_docx_files_are_refused_and_the_store_is_unchanged() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let sound = zip_of(&[("word/document.xml", DOCUMENT)]);
    let bomb = zip_of(&[("word/document.xml", DOCUMENT), ("word/styles.xml", &vec![b' '; 40 * 1024 * 1024])]);
    assert!(bomb.len() < 1024 * 1024, "a small file on disk");
    let image = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://un.org/" TargetMode="External"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://tracker.example/pixel.png" TargetMode="External"/></Relationships>"#;
    let external = zip_of(&[("word/document.xml", DOCUMENT), ("word/_rels/document.xml.rels", image)]);
    let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document/>")]);
    let damaged = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("zip bomb", bomb, "word.part_too_large", "word/styles.xml inflates to more than 32 MB"),
        ("external image", external, "word.external", "image at https://tracker.example/pixel.png"),
        ("not a DOCX", odt, "word.not_docx", "not a Word document (DOCX): it has no word/document.xml"),
        ("truncated", sound[..sound.len() / 2].to_vec(), "word.not_a_zip", "not a zip archive"),
        ("damaged XML", damaged, "word.damaged", "word/document.xml of the Word document is damaged"),
        ("text", b"Not a Word file at all".to_vec(), "word.not_a_zip", "not a zip archive"),
    ];
    for (what, bytes, code, message) in cases {
        let err = store.import_docx(&bytes).unwrap_err();
        assert_eq!(err.code(), code, "{what}: {err}");
        assert!(err.to_string().contains(message), "{what}: {err}");
    }
    assert!(store.papers().unwrap().is_empty(), "no paper was made");
    // The sound file imports: the refusals above were for their faults alone.
    assert_eq!(store.import_docx(&sound).unwrap().paper.title, "Ruritania's view.");
}

#[test]
fn the_cli_imports_a_docx_by_its_content_and_exports_its_sections() {
    let scratch = Scratch::new();
    // Named .bin: the content, not the name, says it is a DOCX.
    let file = scratch.dir.path().join("from-capital.bin");
    std::fs::copy(fixture_path("position.docx"), &file).unwrap();
    let out = chancery(&scratch).args(["paper", "import"]).arg(&file).assert().success().get_output().clone();
    let id = String::from_utf8(out.stdout).unwrap();
    assert_eq!(id.trim(), "1");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "5 sections, 3 footnotes, 1 footnote made a reference, 1 note from comments, 1 tracked change kept as redline\n"
    );
    let markdown = scratch.dir.path().join("out.md");
    chancery(&scratch).args(["paper", "export", id.trim(), "--markdown"]).arg(&markdown).assert().success();
    let markdown = std::fs::read_to_string(markdown).unwrap();
    for heading in ["# General remarks\n", "# International law\n", "## Sovereignty {pillar=international-law}\n", "## Due diligence {pillar=international-law}\n"] {
        assert!(markdown.contains(heading), "{heading} in {markdown}");
    }
    assert!(markdown.contains("process: oewg-2021-2025"), "{markdown}");
    let notes = stdout(chancery(&scratch).args(["annotations", id.trim()]));
    assert!(notes.contains("A. Legal Adviser"), "{notes}");
    // A hostile file through the CLI: a message and a failing exit, nothing on stdout.
    let bad = scratch.dir.path().join("bad.docx");
    std::fs::write(&bad, b"PK\x03\x04 truncated").unwrap();
    chancery(&scratch)
        .args(["paper", "import"])
        .arg(&bad)
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("not a zip archive").and(predicate::str::contains("[word.not_a_zip]")));
}
