//! The library of agreed texts: import from the files users have, search, the check of a
//! paper's references and quotations, and citations written out for footnotes.

use std::path::PathBuf;

use chancery_core::library::split::{self, Split};
use chancery_core::library::{Adoption, Kind, NewDocument, Symbol, read};
use chancery_core::reference::citations;
use chancery_core::store::{Search, SearchHit};
use chancery_core::{SectionPatch, Store, StoreError};
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::cli::{chancery, stdout};
use crate::{Scratch, fixture};

fn library_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/library").join(name)
}

fn split_file(name: &str) -> Split {
    let pages = read::read_file(&library_fixture(name)).unwrap();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    split::split_pages(&pages, "A/99/123")
}

fn symbol(text: &str) -> Symbol {
    Symbol::parse(text).unwrap()
}

fn report_doc() -> NewDocument {
    NewDocument {
        symbol: symbol("A/99/123"),
        title: "Report of the Group of Governmental Experts on Undersea Data Cables and International Security".into(),
        short_title: Some("Cables GGE report 2044".into()),
        body: Some("Group of Governmental Experts".into()),
        date: Some("2044-08-14".into()),
        kind: Kind::Report,
        adoption: Some(Adoption::Consensus),
    }
}

fn resolution_doc() -> NewDocument {
    NewDocument {
        symbol: symbol("A/RES/97/41"),
        title: "Undersea data cables in the context of international security".into(),
        short_title: None,
        body: None,
        date: Some("2042-12-05".into()),
        kind: Kind::Resolution,
        adoption: Some(Adoption::RecordedVote { yes: 119, no: 46, abstain: 14 }),
    }
}

const RESOLUTION: &str = "The General Assembly,\n\n1. Welcomes the following principles:\n1.1 States should protect undersea data cables;\n1.2 States should repair them promptly.\n2. Decides to remain seized of the matter.\n";

/// A store with the fixture report and a short resolution in its library.
fn library(scratch: &Scratch) -> Store {
    let mut store = scratch.store();
    store.import_document(report_doc(), &split_file("gge-report.txt"), false).unwrap();
    store.import_document(resolution_doc(), &split::split_text(RESOLUTION, "A/RES/97/41"), false).unwrap();
    store
}

#[test]
fn the_same_document_as_text_docx_numbered_docx_and_pdf_gives_the_same_paragraphs() {
    let txt = split_file("gge-report.txt");
    assert_eq!(split_file("gge-report.docx"), txt);
    assert_eq!(split_file("gge-report.pdf"), txt);
    // Numbers and letters made by Word's numbering (here as LibreOffice writes it: one
    // list across the chapters, each annex restarting at 1), not typed.
    assert_eq!(split_file("gge-report-numbered.docx"), txt);

    let labels = txt.labels();
    assert_eq!(labels.len(), 49);
    assert_eq!(labels[..8], ["1", "2", "3", "4", "5", "6", "6(a)", "6(b)"]);
    assert!(labels.contains(&"10(i)") && labels.contains(&"10(j)") && labels.contains(&"23"));
    assert_eq!(labels[labels.len() - 10..], ["annex I, 1", "annex I, 1(a)", "annex I, 1(b)", "annex I, 1(c)", "annex I, 2", "annex I, 3", "annex II, 1", "annex II, 2", "annex II, 3", "annex II, 4"]);
    let text = |label: &str| txt.paragraphs.iter().find(|p| p.label == label).unwrap().text.clone();
    // The chapeau stays with its paragraph; a paragraph that runs over a page break is whole,
    // without the running symbol, the job number or the page number.
    assert_eq!(text("10"), "In this context, the Group recommended that States consider the following guidance, each item reflecting a shared expectation:");
    assert_eq!(text("9"), "The Group reaffirmed that voluntary, non-binding norms of responsible State behaviour reduce risks to international peace and security, and that they apply to infrastructure on the seabed as they apply on land.");
    assert!(txt.paragraphs.iter().all(|p| !p.text.contains("44-12345") && !p.text.contains("A/99/123") && !p.text.contains("/3")));
}

#[test]
fn files_that_are_not_agreed_texts_are_refused_clearly() {
    let scratch = Scratch::new();
    let bomb = scratch.file("empty.pdf", "%PDF-1.4\nnot really a pdf");
    let error = read::read_file(&bomb).unwrap_err().to_string();
    assert!(error.contains("empty.pdf") && error.contains("PDF could not be read"), "{error}");
    let zip = scratch.file("fake.docx", "PK\u{3}\u{4}garbage");
    assert!(read::read_file(&zip).unwrap_err().to_string().contains("not a Word document (DOCX)"));
    let mut store = scratch.store();
    let error = store.import_document(report_doc(), &split::split_text("No numbers here.\n", "A/99/123"), false).unwrap_err();
    assert_eq!(chancery_core::ErrorCode::code(&error), "library.no_paragraphs");
}

#[test]
fn documents_are_stored_with_their_paragraphs_and_found_by_any_spelling_of_their_symbol() {
    let scratch = Scratch::new();
    let store = library(&scratch);
    let documents = store.documents().unwrap();
    assert_eq!(documents.iter().map(|d| (d.symbol.as_str(), d.paragraphs)).collect::<Vec<_>>(), [("A/99/123", 49), ("A/RES/97/41", 4)]);
    let report = &documents[0];
    assert_eq!(report.short_title, "Cables GGE report 2044");
    assert_eq!(report.adoption, Some(Adoption::Consensus));
    assert_eq!(report.date.as_deref(), Some("2044-08-14"));
    assert_eq!(documents[1].short_title, documents[1].title);

    let p = store.paragraph(&symbol(" a/99/ 123"), "annex I, 1 (b)").unwrap();
    assert_eq!((p.label.as_str(), p.text.as_str()), ("annex I, 1(b)", "The functional contact address, available at all times; and"));
    assert_eq!(store.paragraph(&symbol("A/RES/97/41"), "1.2").unwrap().text, "States should repair them promptly.");
    assert!(matches!(store.paragraph(&symbol("A/99/123"), "99"), Err(StoreError::NoSuchParagraph(..))));
    // The resolution and the document with the same numbers are different texts.
    assert!(matches!(store.document(&symbol("A/97/41")), Err(StoreError::NoSuchDocument(s)) if s == "A/97/41"));
}

#[test]
fn an_import_replaces_a_document_only_when_asked() {
    let scratch = Scratch::new();
    let mut store = library(&scratch);
    let shorter = split::split_text("1. Only one paragraph.\n", "A/99/123");
    let error = store.import_document(report_doc(), &shorter, false).unwrap_err();
    assert_eq!(error.to_string(), "A/99/123 is already in the library; import with --replace to replace it");
    assert_eq!(store.document(&symbol("A/99/123")).unwrap().paragraphs, 49);
    store.import_document(report_doc(), &shorter, true).unwrap();
    assert_eq!(store.paragraphs(&symbol("A/99/123")).unwrap().len(), 1);
    // The search index follows: the old paragraphs are gone from it.
    let hits = store.search(&Search { query: "seabed".into(), ..Search::default() }).unwrap();
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn search_ranks_paragraphs_highlights_words_and_filters() {
    let scratch = Scratch::new();
    let store = library(&scratch);
    let search = |query: &str| Search { query: query.into(), ..Search::default() };

    let hits = store.search(&search("landing stations")).unwrap();
    let found: Vec<(&str, &str)> = hits.iter().map(|h| (h.symbol.as_str(), h.label.as_str())).collect();
    assert_eq!(found, [("A/99/123", "6(c)"), ("A/99/123", "10(g)"), ("A/99/123", "2")]);
    let best = &hits[0];
    assert_eq!(best.snippet, "Interference with landing stations and their power supply;");
    assert_eq!(best.highlights.iter().map(|r| &best.snippet[r.clone()]).collect::<Vec<_>>(), ["landing", "stations"]);
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));

    assert_eq!(store.search(&search("\"repair them\"")).unwrap()[0].label, "1.2");
    // Words are matched by their stem: "cable incident" finds "cable incidents".
    assert!(store.search(&search("cable incident")).unwrap().iter().any(|h| h.label == "10(d)"));
    assert_eq!(store.search(&search("protect*")).unwrap().len(), 6);

    let in_resolutions = Search { kind: Some(Kind::Resolution), ..search("cables") };
    assert!(store.search(&in_resolutions).unwrap().iter().all(|h| h.symbol.as_str() == "A/RES/97/41"));
    let in_2042 = Search { year: Some(2042), ..search("cables") };
    assert_eq!(store.search(&in_2042).unwrap().len(), 1);
    assert!(store.search(&Search { year: Some(2043), ..search("cables") }).unwrap().is_empty());
    let in_report = Search { document: Some(symbol("A/99/123")), limit: Some(3), ..search("cables") };
    assert_eq!(store.search(&in_report).unwrap().len(), 3);
    let report_in_2042 = Search { document: Some(symbol("A/99/123")), year: Some(2042), ..search("cables") };
    assert!(store.search(&report_in_2042).unwrap().is_empty(), "the report is not of 2042");
    // The filters are words of the index, but not words a search finds.
    assert!(store.search(&search("year2042")).unwrap().is_empty());
    assert!(store.search(&search("kindresolution")).unwrap().is_empty());
    let year = store.search(&search("ye*")).unwrap();
    assert_eq!(year.iter().map(|h| h.snippet.as_str()).collect::<Vec<_>>(), ["States are encouraged to test the availability of their points of contact at least once a year."]);
    assert!(store.search(&search("   ")).is_err());
}

#[test]
fn a_library_imported_before_the_search_filters_changed_is_filtered_after_the_upgrade() {
    let scratch = Scratch::new();
    {
        let mut conn = rusqlite::Connection::open(scratch.db()).unwrap();
        chancery_core::store::migrate_to(&mut conn, 8).unwrap();
        conn.execute_batch(
            "INSERT INTO document (symbol, short_title, title, date, kind, imported_at)
             VALUES ('A/RES/97/41', 'Cables', 'Cables', '2042-12-05', 'resolution', '2043-01-01T00:00:00Z'),
                    ('A/98/77', 'Report', 'Report', '2043-07-20', 'report', '2043-08-01T00:00:00Z');
             INSERT INTO paragraph (document_id, position, label, text)
             VALUES (1, 0, '1', 'Calls upon States to protect submarine cables.'),
                    (2, 0, '1', 'The Group discussed submarine cables and their repair.');",
        )
        .unwrap();
    }
    let mut store = scratch.store();
    let search = |kind, year| Search { query: "submarine cables".into(), kind, year, ..Search::default() };
    let found = |hits: Vec<SearchHit>| hits.iter().map(|h| h.symbol.to_string()).collect::<Vec<_>>();
    assert_eq!(found(store.search(&search(Some(Kind::Report), None)).unwrap()), ["A/98/77"]);
    assert_eq!(found(store.search(&search(None, Some(2042))).unwrap()), ["A/RES/97/41"]);
    // The index stays whole as documents come and go after the upgrade.
    store.delete_document(&symbol("A/98/77")).unwrap();
    assert!(store.search(&search(Some(Kind::Report), None)).unwrap().is_empty());
    store.import_document(report_doc(), &split::split_text("1. Submarine cables were discussed again.\n", "A/99/123"), false).unwrap();
    assert_eq!(found(store.search(&search(Some(Kind::Report), Some(2044))).unwrap()), ["A/99/123"]);
    drop(store);
    let conn = rusqlite::Connection::open(scratch.db()).unwrap();
    conn.execute("INSERT INTO paragraph_search (paragraph_search, rank) VALUES ('integrity-check', 1)", []).unwrap();
}

#[test]
fn search_finds_the_papers_sections_as_they_are_edited() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = store.import_markdown(&fixture("position.md")).unwrap();
    let hits = store.search_papers("sovereignty", 10).unwrap();
    assert_eq!(hits[0].paper_id, paper.id);
    assert_eq!(hits[0].heading.as_deref(), Some("Sovereignty"));
    let section = hits[0].section_id;
    store.update_section(section, SectionPatch { body: Some("Undersea cables deserve protection.".into()), ..SectionPatch::default() }).unwrap();
    assert_eq!(store.search_papers("undersea", 10).unwrap().iter().map(|h| h.section_id).collect::<Vec<_>>(), [section]);
    assert!(store.search_papers("effects", 10).unwrap().iter().all(|h| h.section_id != section));
    store.delete_paper(paper.id).unwrap();
    assert!(store.search_papers("undersea", 10).unwrap().is_empty());
}

#[test]
fn papers_written_before_the_library_are_searchable_after_the_upgrade() {
    let scratch = Scratch::new();
    {
        let mut conn = rusqlite::Connection::open(scratch.db()).unwrap();
        chancery_core::store::migrate_to(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO paper (title, delegation, kind, language, created_at, updated_at)
             VALUES ('Old paper', 'Ruritania', 'blank', 'en', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO section (paper_id, position, heading, body, updated_at)
             VALUES (1, 0, 'Text', 'Submarine cables matter.', '2025-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let store = scratch.store();
    assert_eq!(store.search_papers("submarine", 10).unwrap()[0].snippet, "Submarine cables matter.");
}

#[test]
fn the_check_reports_unresolved_references_drifted_and_verified_quotations() {
    let scratch = Scratch::new();
    let mut store = library(&scratch);
    let paper = store.import_markdown(&fixture("library/citing-paper.md")).unwrap();
    let report = serde_json::to_value(store.check(paper.id).unwrap()).unwrap();
    let sections = store.sections(paper.id).unwrap();
    let (general, law) = (sections[0].id, sections[1].id);

    let place = |v: &Value| (v["sectionId"].as_i64().unwrap(), v["section"].as_str().unwrap().to_string(), v["line"].as_u64().unwrap(), v["reference"].as_str().unwrap().to_string());
    let unresolved: Vec<_> = report["unresolved"].as_array().unwrap().iter().map(|u| (place(u), u["reason"].clone(), u["message"].as_str().unwrap().to_string())).collect();
    assert_eq!(
        unresolved,
        [
            ((law, "International law".into(), 8, "@A/99/123, para. 99".into()), json!({"code": "unknown-paragraph", "label": "99"}), "A/99/123 has no paragraph 99".into()),
            ((law, "International law".into(), 8, "@A/RES/96/12, para. 1".into()), json!({"code": "unknown-symbol"}), "A/RES/96/12 is not in the library; import it with `chancery library import`".into()),
            ((law, "International law".into(), 8, "@A/99/123, paras. 12-9".into()), json!({"code": "reversed-range"}), "A/99/123 has paragraph 12 after 9".into()),
        ]
    );

    let deviations: Vec<_> = report["deviations"].as_array().unwrap().iter().map(|d| (place(d), d["agreed"].as_str().unwrap().to_string(), d["inline"].as_str().unwrap().to_string())).collect();
    assert_eq!(
        deviations,
        [
            (
                (law, "International law".into(), 1, "@A/99/123, para. 13".into()),
                "international law, and in particular the Charter of the United Nations, is applicable and essential to maintaining peace".into(),
                "international law, and in particular the Charter of the United Nations, is [-applicable-]{+binding+} and essential to maintaining peace".into(),
            ),
            (
                (law, "International law".into(), 6, "@A/99/123, annex I, para. 2".into()),
                "States are encouraged to test the availability of their points of contact at least once a year.".into(),
                "States are encouraged to test the availability of their points of contact at least [-once-]{+twice+} a year.".into(),
            ),
        ]
    );
    // The changes word by word, as the app marks them.
    assert_eq!(
        report["deviations"][1]["changes"],
        json!([
            {"kind": "equal", "text": "States are encouraged to test the availability of their points of contact at least "},
            {"kind": "delete", "text": "once"},
            {"kind": "insert", "text": "twice"},
            {"kind": "equal", "text": " a year."}
        ])
    );

    let verified: Vec<_> = report["verified"].as_array().unwrap().iter().map(|v| (place(v), v["quotation"].as_str().unwrap().to_string())).collect();
    assert_eq!(
        verified,
        [
            ((general, "General remarks".into(), 1, "@A/99/123, para. 10(a)".into()), "States should cooperate in developing and applying measures to increase the stability and security of undersea data cables".into()),
            ((general, "General remarks".into(), 3, "@a/99/123, para. 10 (c)".into()), "should not knowingly allow their territory or vessels under their flag to be used to damage undersea data cables".into()),
        ]
    );
    // The column and span point at the bracket in the section's text.
    let first = &report["verified"][0];
    let span = first["span"]["start"].as_u64().unwrap() as usize..first["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&sections[0].body[span], "[@A/99/123, para. 10(a)]");

    assert!(matches!(store.check(999), Err(StoreError::NoSuchPaper(999))));
}

#[test]
fn a_resolutions_preamble_is_stored_searchable_and_citable() {
    let pages = read::read_file(&library_fixture("resolution.txt")).unwrap();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let split = split::split_pages(&pages, "A/RES/98/12");
    // The title block and "The General Assembly," are not paragraphs; the preambular ones
    // are, in order, whole across their lines.
    assert_eq!(
        split.labels(),
        ["preamble, 1", "preamble, 2", "preamble, 3", "preamble, 4", "preamble, 5", "1", "2", "2(a)", "2(b)", "3", "4"]
    );
    let text = |label: &str| split.paragraphs.iter().find(|p| p.label == label).unwrap().text.clone();
    assert_eq!(text("preamble, 1"), "Recalling its resolutions 96/30 of 6 December 2041 and 97/41 of 5 December 2042 on undersea data cables in the context of international security,");
    assert_eq!(text("preamble, 3"), "Deeply concerned by the small number of specialized repair ships available worldwide;");
    assert_eq!(text("preamble, 5"), "Welcoming the report of the Group of Governmental Experts on Undersea Data Cables and International Security,");
    assert_eq!(text("4"), "Decides to include in the provisional agenda of its hundredth session the item entitled \"Developments in the field of information and telecommunications in the context of international security\".");
    // The report's unnumbered front matter (title block, transmittal note) stays out.
    assert!(split_file("gge-report.txt").labels().iter().all(|l| !l.starts_with("preamble")));

    let scratch = Scratch::new();
    let mut store = scratch.store();
    let document = NewDocument { symbol: symbol("A/RES/98/12"), date: Some("2043-12-05".into()), adoption: Some(Adoption::WithoutVote), ..resolution_doc() };
    store.import_document(document, &split, false).unwrap();
    let hits = store.search(&Search { query: "repair ships".into(), ..Search::default() }).unwrap();
    assert_eq!(hits.iter().map(|h| h.label.as_str()).collect::<Vec<_>>(), ["preamble, 3"]);

    let reference = |text: &str| citations(text).remove(0).references.remove(0);
    assert_eq!(
        store.citation_text(&reference("[@A/RES/98/12, preamble, para. 3]")).unwrap(),
        "General Assembly resolution 98/12 of 5 December 2043 (adopted without a vote), preamble, para. 3."
    );
    let paper = store
        .import_markdown(
            "---\ntitle: Statement of Ruritania on cables\n---\n\n## General remarks\n\nThe Assembly was \u{201c}Deeply concerned by the small number of specialized repair ships available worldwide\u{201d} [@A/RES/98/12, preamble, para. 3]; it noted that incidents \u{201c}can disrupt all services\u{201d} [@A/RES/98/12, preamble, para. 2], and see [@A/RES/98/12, preamble, para. 9].\n",
        )
        .unwrap();
    let report = serde_json::to_value(store.check(paper.id).unwrap()).unwrap();
    let of = |key: &str| report[key].as_array().unwrap().iter().map(|v| v["reference"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(of("verified"), ["@A/RES/98/12, preamble, para. 3"]);
    assert_eq!(of("deviations"), ["@A/RES/98/12, preamble, para. 2"]);
    assert_eq!(of("unresolved"), ["@A/RES/98/12, preamble, para. 9"]);
    assert_eq!(report["unresolved"][0]["message"], "A/RES/98/12 has no paragraph preamble, 9");
}

#[test]
fn citations_are_written_out_for_footnotes() {
    let scratch = Scratch::new();
    let store = library(&scratch);
    let reference = |text: &str| citations(text).remove(0).references.remove(0);
    assert_eq!(
        store.citation_text(&reference("[@A/RES/97/41, paras. 1.1-1.2]")).unwrap(),
        "General Assembly resolution 97/41 of 5 December 2042 (adopted by a recorded vote of 119 to 46, with 14 abstentions), paras. 1.1–1.2."
    );
    assert_eq!(
        store.citation_text(&reference("[@a/99/123, para. 10(a)]")).unwrap(),
        "Report of the Group of Governmental Experts on Undersea Data Cables and International Security (A/99/123), para. 10(a)."
    );
    assert_eq!(
        store.citation_text(&reference("[@A/99/123, annex I, para. 2]")).unwrap(),
        "Report of the Group of Governmental Experts on Undersea Data Cables and International Security (A/99/123), annex I, para. 2."
    );
    assert_eq!(store.citation_text(&reference("[@A/70/174, para. 13]")), None);
}

#[test]
fn the_cli_previews_imports_lists_shows_and_searches() {
    let scratch = Scratch::new();
    let pdf = library_fixture("gge-report.pdf");
    let import = |extra: &[&str]| {
        let mut cmd = chancery(&scratch);
        cmd.args(["library", "import"]).arg(&pdf).args(["--symbol", "a/99/123", "--title", "Report of the GGE on cables", "--date", "2044-08-14", "--adoption", "consensus"]).args(extra);
        cmd
    };
    let preview = stdout(&mut import(&["--preview"]));
    assert!(preview.starts_with("               1  The Group met in four sessions between 2042 …\n"), "{preview}");
    assert!(preview.contains("\n   annex I, 1(a)  The name of the designating authority;\n"), "{preview}");
    assert!(preview.ends_with("49 paragraphs; nothing was stored\n"));
    assert_eq!(stdout(chancery(&scratch).args(["library", "list"])).lines().count(), 1, "a preview stores nothing");

    assert_eq!(stdout(&mut import(&["--relabel", "annex II, 4=annex II, 4bis"])), "A/99/123: 49 paragraphs\n");
    import(&[]).assert().failure().stderr(predicate::str::contains("A/99/123 is already in the library; import with --replace").and(predicate::str::contains("[library.exists]")));
    import(&["--replace"]).assert().success();
    chancery(&scratch)
        .args(["library", "import"])
        .arg(&pdf)
        .args(["--symbol", "A/99/123", "--title", "T", "--adoption", "unanimous", "--replace"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("[library.invalid_adoption]"));

    let list: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["library", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["symbol"], "A/99/123");
    assert_eq!(list[0]["paragraphs"], 49);
    assert_eq!(list[0]["adoption"], json!({"how": "consensus"}));

    assert_eq!(
        stdout(chancery(&scratch).args(["library", "show", "A/99/123", "10(i)"])),
        "A/99/123, para. 10(i)\n\nStates should take reasonable steps to ensure the integrity of the supply chain for cable components;\n"
    );
    chancery(&scratch).args(["library", "show", "A/99/123", "annex II, 4bis"]).assert().failure().stderr(predicate::str::contains("[library.no_paragraph]"));
    chancery(&scratch).args(["library", "show", "A/98/1"]).assert().failure().stderr(predicate::str::contains("[library.not_found]"));

    let search = stdout(chancery(&scratch).args(["library", "search", "supply chain"]));
    assert_eq!(search, "A/99/123, para. 10(i) (Report of the GGE on cables)\n    States should take reasonable steps to ensure the integrity of the [supply] [chain] for cable components;\n");
    let hits: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["library", "search", "cables", "--year", "2044", "--kind", "report", "--json"]))).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 20);
    chancery(&scratch).args(["library", "search", "cables", "--kind", "memo"]).assert().failure().stderr(predicate::str::contains("[library.invalid_kind]"));
}

#[test]
fn the_cli_checks_a_paper() {
    let scratch = Scratch::new();
    let txt = library_fixture("gge-report.txt");
    chancery(&scratch).args(["library", "import"]).arg(&txt).args(["--symbol", "A/99/123", "--title", "Report"]).assert().success();
    let paper = scratch.file("paper.md", "---\ntitle: T\n---\n\n## Norms\n\nWe recall “States should respect human rights” [@A/99/123, para. 10(e)] and “States must protect cable landing stations” [@A/99/123, para. 10(g)], see [@A/99/123, para. 42].\n");
    let id = stdout(chancery(&scratch).args(["paper", "import"]).arg(&paper));
    let out = stdout(chancery(&scratch).args(["check", id.trim()]));
    // The submission report ends with the agreed-language details.
    let (_, details) = out.split_once("\nAgreed language:\n").expect(&out);
    assert_eq!(
        details,
        "Unresolved references: 1\n  Norms, line 1: @A/99/123, para. 42\n    A/99/123 has no paragraph 42\n\
         Quotations that differ from the agreed text: 1\n  Norms, line 1: @A/99/123, para. 10(g)\n    agreed: States should take appropriate measures to protect cable landing stations\n    quoted: States must protect cable landing stations\n    diff:   States [-should take appropriate measures to-]{+must+} protect cable landing stations\n\
         Verified quotations: 1\n  Norms, line 1: @A/99/123, para. 10(e)\n    “States should respect human rights”\n"
    );
    let json: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["check", id.trim(), "--json"]))).unwrap();
    assert_eq!(json["agreedLanguage"]["unresolved"][0]["reason"]["code"], "unknown-paragraph");
    assert_eq!(json["agreedLanguage"]["deviations"][0]["changes"][1], json!({"kind": "delete", "text": "should take appropriate measures to"}));
    chancery(&scratch).args(["check", "77"]).assert().failure().stderr(predicate::str::contains("[paper.not_found]"));
}

#[test]
fn a_split_can_be_edited_as_json_before_it_is_imported() {
    let scratch = Scratch::new();
    let txt = scratch.file("res.txt", RESOLUTION);
    let json = stdout(chancery(&scratch).args(["library", "import"]).arg(&txt).args(["--symbol", "A/RES/97/41", "--title", "T", "--preview", "--json"]));
    let mut split: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(split["paragraphs"][1], json!({"label": "1.1", "text": "States should protect undersea data cables;"}));
    split["paragraphs"][3]["label"] = json!("2bis");
    let edited = scratch.file("split.json", &split.to_string());
    chancery(&scratch)
        .args(["library", "import"])
        .arg(&txt)
        .args(["--symbol", "A/RES/97/41", "--title", "T", "--kind", "resolution", "--adoption", "vote:119-46-14", "--split"])
        .arg(&edited)
        .assert()
        .success()
        .stdout("A/RES/97/41: 4 paragraphs\n");
    assert_eq!(stdout(chancery(&scratch).args(["library", "show", "A/RES/97/41", "2bis"])), "A/RES/97/41, para. 2bis\n\nDecides to remain seized of the matter.\n");
    let shown = stdout(chancery(&scratch).args(["library", "show", "resolution 97/41"]));
    assert!(shown.starts_with("A/RES/97/41 — T\nresolution · undated · adopted by a recorded vote of 119 to 46, with 14 abstentions\n\n1. Welcomes"), "{shown}");
}
