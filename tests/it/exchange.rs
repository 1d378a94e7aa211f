//! Exchange files: a paper with its versions, notes and cited texts goes to a colleague's
//! store and comes back, merged without losing either side's work; hostile files are
//! refused and leave the store as it was.

use chancery_core::annotation::{AnnotationFilter, AnnotationStatus, NewAnnotation, Role, AnnotationKind};
use chancery_core::exchange::{self, ExchangeFile, ImportReport, TextMerge};
use chancery_core::library::{Kind, NewDocument, Split, SplitParagraph, Symbol};
use chancery_core::{Clock, NewSection, SectionPatch, Store};
use predicates::prelude::PredicateBooleanExt;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::Scratch;
use crate::cli::{chancery, stdout};

const PAPER: &str = "---\ntitle: Position on norms\ndelegation: Ruritania\n---\n\n## Norms\n\nWe recall that States should not conduct ICT activity \
    that damages critical infrastructure [@A/70/174, para. 13(f)].\n\n## Capacity-building\n\nWe support a needs-driven approach.\n";

fn open(scratch: &Scratch, at: OffsetDateTime) -> Store {
    Store::open_with_clock(&scratch.db(), Clock::fixed(at)).expect("the store opens")
}

fn document(store: &mut Store, symbol: &str) {
    let new = NewDocument {
        symbol: Symbol::parse(symbol).unwrap(),
        title: format!("Document {symbol}"),
        short_title: None,
        body: Some("General Assembly".into()),
        date: Some("2015-07-22".into()),
        kind: Kind::Report,
        adoption: None,
    };
    let split = Split {
        paragraphs: vec![
            SplitParagraph { label: "13".into(), text: "States should consider the following norms.".into() },
            SplitParagraph { label: "13(f)".into(), text: "A State should not conduct ICT activity that damages critical infrastructure.".into() },
        ],
    };
    store.import_document(new, &split, false).unwrap();
}

/// Our store: a paper citing A/70/174, with a note and a reply, and a named version.
fn ours(scratch: &Scratch) -> (Store, i64) {
    let mut store = open(scratch, datetime!(2026-11-23 09:00 UTC));
    document(&mut store, "A/70/174");
    document(&mut store, "A/RES/73/27");
    store.set_profile("Karel Novak", Role::Drafter).unwrap();
    let id = store.import_markdown(PAPER).unwrap().id;
    store.name_version(id, 1, "first draft").unwrap();
    let section = store.sections(id).unwrap()[0].id;
    let note = store
        .annotate(id, NewAnnotation { section_id: section, quote: "critical infrastructure".into(), occurrence: None, kind: AnnotationKind::LegalRisk, body: "Too broad?".into(), proposal: None })
        .unwrap();
    store.reply(note.id, "Check the 2021 report.").unwrap();
    (store, id)
}

/// Through bytes, as a file would go.
fn through_file(file: &ExchangeFile) -> ExchangeFile {
    exchange::read(&exchange::write(file)).unwrap()
}

fn texts(store: &Store, id: i64) -> Vec<String> {
    store.versions(id).unwrap().iter().map(|v| store.version_markdown(id, v.number).unwrap()).collect()
}

fn edit_section(store: &mut Store, paper: i64, index: usize, body: &str) {
    let section = store.sections(paper).unwrap()[index].id;
    store.update_section(section, SectionPatch { body: Some(body.into()), ..SectionPatch::default() }).unwrap();
}

#[test]
fn a_paper_goes_to_a_fresh_store_with_versions_notes_and_cited_texts() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (ours, id) = ours(&a);
    let file = through_file(&ours.export_exchange(id).unwrap());
    assert_eq!(file.format, 1);
    assert_eq!(file.documents.iter().map(|d| d.symbol.as_str()).collect::<Vec<_>>(), ["A/70/174"], "only the cited document");

    let mut theirs = open(&b, datetime!(2026-11-23 14:00 UTC));
    let report = theirs.import_exchange(&file).unwrap();
    assert!(report.created);
    assert_eq!((report.versions_added, report.notes_added, report.documents_added), (1, 1, 1));
    let copy = report.paper_id;
    assert_eq!(theirs.export_markdown(copy).unwrap(), ours.export_markdown(id).unwrap());
    assert_eq!(texts(&theirs, copy), texts(&ours, id));
    let (v_ours, v_theirs) = (ours.versions(id).unwrap(), theirs.versions(copy).unwrap());
    assert_eq!(v_theirs.iter().map(|v| (v.number, v.name.clone(), v.kind, v.created_at.clone())).collect::<Vec<_>>(),
        v_ours.iter().map(|v| (v.number, v.name.clone(), v.kind, v.created_at.clone())).collect::<Vec<_>>());
    let notes = theirs.annotations(copy, &AnnotationFilter::default()).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].anchor.quote, "critical infrastructure");
    assert!(!notes[0].orphan);
    assert_eq!(notes[0].author.name, "Karel Novak");
    assert_eq!(notes[0].thread[0].reply.as_deref(), Some("Check the 2021 report."));
    let cited = theirs.paragraph(&Symbol::parse("A/70/174").unwrap(), "13(f)").unwrap();
    assert!(cited.text.contains("critical infrastructure"));
    assert!(theirs.document(&Symbol::parse("A/RES/73/27").unwrap()).is_err());
    assert!(theirs.check(copy).unwrap().unresolved.is_empty());

    // Taking the same file in again changes nothing.
    let again = theirs.import_exchange(&file).unwrap();
    assert_eq!((again.created, again.text, again.versions_added, again.notes_added, again.documents_added), (false, TextMerge::Same, 0, 0, 0));
}

/// Our paper goes to Amina Diallo, who edits its second section at 14:00.
fn sent_and_edited(a: &Scratch, b: &Scratch) -> (i64, Store, i64) {
    let (ours, id) = ours(a);
    let file = ours.export_exchange(id).unwrap();
    let mut theirs = open(b, datetime!(2026-11-23 14:00 UTC));
    theirs.set_profile("Amina Diallo", Role::LegalAdviser).unwrap();
    let copy = theirs.import_exchange(&through_file(&file)).unwrap().paper_id;
    edit_section(&mut theirs, copy, 1, "We support a needs-driven, sustainable approach.");
    (id, theirs, copy)
}

#[test]
fn when_both_sides_edited_the_same_section_both_texts_are_kept_and_nothing_is_lost() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (id, mut theirs, copy) = sent_and_edited(&a, &b);
    let note = theirs.annotations(copy, &AnnotationFilter::default()).unwrap()[0].id;
    theirs.reply(note, "The 2021 report says the same.").unwrap();
    theirs.set_annotation_status(note, AnnotationStatus::Resolved).unwrap();
    let back = through_file(&theirs.export_exchange(copy).unwrap());
    let their_text = theirs.export_markdown(copy).unwrap();

    let mut ours = open(&a, datetime!(2026-11-23 16:00 UTC));
    edit_section(&mut ours, id, 1, "We support capacity-building that is needs-driven [@A/70/174, para. 13].");
    let our_text = ours.export_markdown(id).unwrap();
    let before = texts(&ours, id);

    let report = ours.import_exchange(&back).unwrap();
    let TextMerge::Conflict { version } = report.text else { panic!("{report:?}") };
    assert_eq!(ours.export_markdown(id).unwrap(), our_text, "our text stays");
    assert_eq!(ours.version_markdown(id, version).unwrap(), their_text, "theirs is a version to compare");
    assert_eq!(ours.version(id, version).unwrap().name.as_deref(), Some("Colleague's copy (Amina Diallo, 2026-11-23)"));
    let after = texts(&ours, id);
    assert!(before.iter().all(|t| after.contains(t)), "none of our versions is lost");
    assert!(after.contains(&our_text));
    let note = &ours.annotations(id, &AnnotationFilter::default()).unwrap()[0];
    assert_eq!(note.status, AnnotationStatus::Resolved);
    let replies: Vec<_> = note.thread.iter().filter_map(|e| e.reply.as_deref()).collect();
    assert_eq!(replies, ["Check the 2021 report.", "The 2021 report says the same."]);
    assert!(note.thread.iter().any(|e| e.status == Some(AnnotationStatus::Resolved) && e.by.name == "Amina Diallo"));
    assert_eq!((report.thread_entries_added, report.statuses_changed), (2, 1));
    assert!(report.summary().contains("both changed the text"), "{}", report.summary());

    // The same file again: nothing new.
    let count = ours.versions(id).unwrap().len();
    let again = ours.import_exchange(&back).unwrap();
    assert_eq!((again.text, again.versions_added, again.thread_entries_added), (TextMerge::KeptLocal, 0, 0));
    assert_eq!(ours.versions(id).unwrap().len(), count);

    // A later status change here wins over theirs, and their file does not undo it.
    ours.set_annotation_status(note.id, AnnotationStatus::Open).unwrap();
    ours.import_exchange(&back).unwrap();
    assert_eq!(ours.annotation(note.id).unwrap().status, AnnotationStatus::Open);
}

/// Amina Diallo's paper, made and edited at 09:00, as she sends it.
fn colleague_paper(a: &Scratch) -> (Store, i64) {
    let mut colleague = open(a, datetime!(2026-11-23 09:00 UTC));
    colleague.set_profile("Amina Diallo", Role::LegalAdviser).unwrap();
    let id = colleague.import_markdown(PAPER).unwrap().id;
    edit_section(&mut colleague, id, 0, "We recall that States should not damage critical infrastructure.");
    (colleague, id)
}

#[test]
fn an_edit_made_at_once_after_an_import_leaves_the_imported_version_as_it_came() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (colleague, id) = colleague_paper(&a);
    let file = through_file(&colleague.export_exchange(id).unwrap());
    let mut ours = open(&b, datetime!(2026-11-23 09:03 UTC));
    let copy = ours.import_exchange(&file).unwrap().paper_id;
    edit_section(&mut ours, copy, 1, "We support a needs-driven, sustainable approach.");

    let theirs: Vec<&str> = file.versions.iter().map(|v| v.markdown.as_str()).collect();
    assert_eq!(texts(&ours, copy)[..theirs.len()], theirs, "her versions are as she sent them");
    assert_eq!(ours.versions(copy).unwrap().len(), theirs.len() + 1, "our edit is a version of its own");
    // The same file again: our text is newer, nothing to compare.
    let again = ours.import_exchange(&file).unwrap();
    assert_eq!((again.text, again.versions_added), (TextMerge::KeptLocal, 0));
}

#[test]
fn edits_of_different_sections_on_both_sides_within_minutes_come_together_without_a_conflict() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (mut colleague, id) = colleague_paper(&a);
    let file = through_file(&colleague.export_exchange(id).unwrap());
    let mut ours = open(&b, datetime!(2026-11-23 09:03 UTC));
    let copy = ours.import_exchange(&file).unwrap().paper_id;
    edit_section(&mut ours, copy, 1, "We support a needs-driven, sustainable approach.");
    // She goes on with the first section, in the same sitting as the version she sent.
    edit_section(&mut colleague, id, 0, "We recall that States should not damage critical infrastructure, as agreed in 2021.");
    let next = through_file(&colleague.export_exchange(id).unwrap());
    let before = texts(&ours, copy);

    let report = ours.import_exchange(&next).unwrap();
    let TextMerge::Merged { version } = report.text else { panic!("a false conflict: {report:?}") };
    let text = ours.export_markdown(copy).unwrap();
    assert!(text.contains("as agreed in 2021"), "her words: {text}");
    assert!(text.contains("needs-driven, sustainable"), "ours: {text}");
    assert_eq!(ours.version_markdown(copy, version).unwrap(), text);
    let after = texts(&ours, copy);
    assert!(before.iter().all(|t| after.contains(t)), "none of our versions is lost");
    assert!(after.contains(&colleague.export_markdown(id).unwrap()), "her text is a version");
    assert!(report.summary().contains("merged"), "{}", report.summary());

    // Her file again: nothing new, and our merged text stays.
    let again = ours.import_exchange(&next).unwrap();
    assert_eq!((again.text, again.versions_added), (TextMerge::KeptLocal, 0));
    assert_eq!(ours.export_markdown(copy).unwrap(), text);
}

#[test]
fn when_only_the_colleague_edited_their_text_is_taken_as_a_new_version() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (id, theirs, copy) = sent_and_edited(&a, &b);
    let back = through_file(&theirs.export_exchange(copy).unwrap());

    let mut ours = open(&a, datetime!(2026-11-23 16:00 UTC));
    let before = texts(&ours, id);
    let report = ours.import_exchange(&back).unwrap();
    let TextMerge::TookTheirs { version } = report.text else { panic!("{report:?}") };
    assert_eq!(ours.export_markdown(id).unwrap(), theirs.export_markdown(copy).unwrap());
    assert_eq!(ours.version_markdown(id, version).unwrap(), theirs.export_markdown(copy).unwrap());
    assert_eq!(report.versions_added, 1);
    let after = texts(&ours, id);
    assert_eq!(after.len(), before.len() + 1, "their version, not a copy of it as well");
    assert!(before.iter().all(|t| after.contains(t)));
    // Our note is still on its words.
    let note = &ours.annotations(id, &AnnotationFilter::default()).unwrap()[0];
    assert!(!note.orphan);
}

/// Our store once her file came back (see [`both_changed`]).
struct Back {
    store: Store,
    /// The paper in our store.
    copy: i64,
    report: ImportReport,
    /// Her text as she sent it.
    hers: String,
    _folders: [Scratch; 2],
}

/// Amina Diallo's paper goes to our store at 09:03; then she changes it (`hers`) and so do
/// we (`ours`), and her next file comes back.
fn both_changed(hers: impl FnOnce(&mut Store, i64), ours: impl FnOnce(&mut Store, i64)) -> Back {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (mut colleague, id) = colleague_paper(&a);
    let mut store = open(&b, datetime!(2026-11-23 09:03 UTC));
    let copy = store.import_exchange(&through_file(&colleague.export_exchange(id).unwrap())).unwrap().paper_id;
    hers(&mut colleague, id);
    ours(&mut store, copy);
    let report = store.import_exchange(&through_file(&colleague.export_exchange(id).unwrap())).unwrap();
    let hers = colleague.export_markdown(id).unwrap();
    Back { store, copy, report, hers, _folders: [a, b] }
}

/// Each side adds a section (heading and text) after the first.
fn both_added(hers: [&str; 2], ours: [&str; 2]) -> Back {
    both_changed(|her, id| add_section(her, id, 0, hers[0], hers[1]), |us, copy| add_section(us, copy, 0, ours[0], ours[1]))
}

impl Back {
    fn headings(&self) -> Vec<String> {
        self.store.sections(self.copy).unwrap().into_iter().map(|s| s.heading.unwrap_or_default()).collect()
    }

    fn body(&self, index: usize) -> String {
        self.store.sections(self.copy).unwrap().swap_remove(index).body
    }

    /// The version holding her text, when the texts did not merge.
    fn conflict(&self) -> String {
        let TextMerge::Conflict { version } = self.report.text else { panic!("no conflict: {:?}", self.report) };
        self.store.version_markdown(self.copy, version).unwrap()
    }

    fn assert_merged(&self) {
        assert!(matches!(self.report.text, TextMerge::Merged { .. }), "{:?}", self.report);
    }
}

/// Adds a section with its text after the section at `after`.
fn add_section(store: &mut Store, paper: i64, after: usize, heading: &str, body: &str) {
    let after = store.sections(paper).unwrap()[after].id;
    let section = store.add_section(paper, NewSection { heading: heading.into(), pillar: None, after: Some(after) }).unwrap();
    store.update_section(section.id, SectionPatch { body: Some(body.into()), ..SectionPatch::default() }).unwrap();
}

fn delete_section(store: &mut Store, paper: i64, index: usize) {
    let section = store.sections(paper).unwrap()[index].id;
    store.delete_section(section).unwrap();
}

const OUR_EDIT: &str = "We support a needs-driven, sustainable approach.";
const CBMS: &str = "Confidence-building measures";
const CONTACTS: &str = "Points of contact in every capital.";

#[test]
fn a_section_the_colleague_added_comes_in_its_place_beside_our_edit_and_our_notes_stay_on_their_section() {
    let back = both_changed(
        |her, id| add_section(her, id, 0, CBMS, CONTACTS),
        |us, copy| {
            edit_section(us, copy, 1, OUR_EDIT);
            us.set_profile("Karel Novak", Role::Drafter).unwrap();
            let section = us.sections(copy).unwrap()[1].id;
            let note = NewAnnotation { section_id: section, quote: "sustainable".into(), occurrence: None, kind: AnnotationKind::Comment, body: "Define it?".into(), proposal: None };
            us.annotate(copy, note).unwrap();
        },
    );
    back.assert_merged();
    assert_eq!(back.headings(), ["Norms", CBMS, "Capacity-building"]);
    assert_eq!((back.body(1), back.body(2)), (CONTACTS.to_string(), OUR_EDIT.to_string()));
    let note = back.store.annotations(back.copy, &AnnotationFilter::default()).unwrap().into_iter().find(|n| n.body == "Define it?").unwrap();
    let ours = back.store.sections(back.copy).unwrap()[2].id;
    assert_eq!((note.section_id, note.orphan), (Some(ours), false), "the note stays on our section, now third");
}

#[test]
fn a_section_removed_on_one_side_and_left_alone_on_the_other_is_removed() {
    let back = both_changed(|her, id| delete_section(her, id, 0), |us, copy| edit_section(us, copy, 1, OUR_EDIT));
    back.assert_merged();
    assert_eq!(back.headings(), ["Capacity-building"]);
    assert_eq!(back.body(0), OUR_EDIT);
}

#[test]
fn a_section_removed_on_one_side_and_edited_on_the_other_is_a_conflict_and_the_edit_is_kept() {
    // She removed the section we edited: our text stays, hers is there to compare.
    let back = both_changed(|her, id| delete_section(her, id, 1), |us, copy| edit_section(us, copy, 1, OUR_EDIT));
    assert_eq!(back.conflict(), back.hers);
    assert_eq!(back.headings(), ["Norms", "Capacity-building"]);
    assert_eq!(back.body(1), OUR_EDIT);

    // We removed the section she edited: her edit is there to compare.
    let back = both_changed(|her, id| edit_section(her, id, 1, OUR_EDIT), |us, copy| delete_section(us, copy, 1));
    assert_eq!(back.conflict(), back.hers);
    assert!(back.hers.contains(OUR_EDIT));
    assert_eq!(back.headings(), ["Norms"]);
}

#[test]
fn sections_added_on_both_sides_are_both_kept_ours_first_and_the_same_heading_with_other_words_is_a_conflict() {
    let back = both_added(["International law", "The Charter applies in its entirety."], [CBMS, CONTACTS]);
    back.assert_merged();
    assert_eq!(back.headings(), ["Norms", CBMS, "International law", "Capacity-building"]);

    let back = both_added([CBMS, "A directory of points of contact."], [CBMS, CONTACTS]);
    assert_eq!(back.conflict(), back.hers);
    assert_eq!(back.body(1), CONTACTS);
}

#[test]
fn sections_the_colleague_moved_keep_her_order_and_our_edit() {
    let back = both_changed(
        |her, id| {
            let text = her.export_markdown(id).unwrap();
            let (norms, capacity) = (text.find("## Norms").unwrap(), text.find("## Capacity-building").unwrap());
            let moved = format!("{}{}\n\n{}", &text[..norms], text[capacity..].trim_end(), &text[norms..capacity]);
            her.update_from_markdown(id, &moved).unwrap();
        },
        |us, copy| edit_section(us, copy, 0, "We recall that States should not damage critical infrastructure, as agreed in 2021."),
    );
    back.assert_merged();
    assert_eq!(back.headings(), ["Capacity-building", "Norms"]);
    assert!(back.body(1).ends_with("as agreed in 2021."));
}

/// What a test can see of a store: every paper's text and versions, notes and documents.
fn fingerprint(store: &Store) -> String {
    let mut out = String::new();
    for p in store.papers().unwrap() {
        out += &store.export_markdown(p.id).unwrap();
        out += &format!("{:?}", store.versions(p.id).unwrap());
        out += &format!("{:?}", store.annotations(p.id, &AnnotationFilter::default()).unwrap());
    }
    out + &format!("{:?}{:?}", store.documents().unwrap(), store.people().unwrap())
}

#[test]
fn hostile_exchange_files_are_refused_clearly_and_change_nothing() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let (ours, id) = ours(&a);
    let good: Value = serde_json::to_value(ours.export_exchange(id).unwrap()).unwrap();
    let mut theirs = open(&b, datetime!(2026-11-23 14:00 UTC));
    // Their store already holds the paper, so a hostile file could also harm a merge.
    theirs.import_exchange(&serde_json::from_value(good.clone()).unwrap()).unwrap();
    let untouched = fingerprint(&theirs);

    let altered = |change: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        change(&mut v);
        serde_json::to_vec(&v).unwrap()
    };
    let huge = "x".repeat(2_000_000);
    let traversal = "../../etc/passwd";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("not JSON", b"<<not json>>".to_vec(), "not a Chancery exchange file"),
        ("truncated", exchange::write(&serde_json::from_value(good.clone()).unwrap())[..200].to_vec(), "not a Chancery exchange file"),
        ("no format", altered(&|v| { v.as_object_mut().unwrap().remove("format"); }), "no \"format\""),
        ("newer format", altered(&|v| v["format"] = json!(7)), "newer Chancery (format 7"),
        ("wrong type", altered(&|v| v["paper"] = json!(5)), "damaged or was altered"),
        ("unknown field", altered(&|v| v["paper"]["script"] = json!("rm -rf /")), "unknown field"),
        ("bad status", altered(&|v| v["annotations"][0]["status"] = json!("pwned")), "unknown variant"),
        ("bad thread entry", altered(&|v| v["annotations"][0]["thread"][0]["kind"] = json!("delete")), "damaged or was altered"),
        // Nesting is refused where it first meets a type it cannot be, without recursing.
        ("deep nesting", format!("{{\"format\":1,\"paper\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(), "damaged or was altered"),
        ("deep nesting unknown", format!("{{\"x\":{}{},\"format\":1}}", "{\"a\":".repeat(100_000), "}".repeat(100_000)).into_bytes(), "not a Chancery exchange file"),
        ("uid traversal", altered(&|v| v["paper"]["uid"] = json!(traversal)), "paper.uid"),
        ("kind traversal", altered(&|v| v["paper"]["kind"] = json!(traversal)), "paper.kind"),
        ("unknown kind", altered(&|v| v["paper"]["kind"] = json!("manifesto")), "no kind of paper"),
        ("unknown pillar", altered(&|v| v["sections"][0]["pillar"] = json!("cyber-war")), "no pillar"),
        ("symbol traversal", altered(&|v| v["documents"][0]["symbol"] = json!(traversal)), "not a document symbol"),
        ("label traversal", altered(&|v| v["documents"][0]["paragraphs"][0]["label"] = json!(traversal)), "not a paragraph label"),
        ("label twice", altered(&|v| v["documents"][0]["paragraphs"][1]["label"] = json!("13")), "appears twice"),
        ("no paragraphs", altered(&|v| v["documents"][0]["paragraphs"] = json!([])), "at least one paragraph"),
        ("huge title", altered(&|v| v["paper"]["title"] = json!(huge)), "paper.title: is longer than 1000"),
        ("control characters", altered(&|v| v["paper"]["title"] = json!("Title\u{1b}[31m")), "control characters"),
        ("bad time", altered(&|v| v["versions"][0]["createdAt"] = json!("yesterday")), "not a time"),
        ("bad version kind", altered(&|v| v["versions"][0]["kind"] = json!("forged")), "not a kind of version"),
        ("section out of range", altered(&|v| v["annotations"][0]["section"] = json!(99)), "no such section"),
        ("negative level", altered(&|v| v["sections"][0]["level"] = json!(-1)), "damaged or was altered"),
        ("too large", vec![b' '; (exchange::MAX_FILE_BYTES + 1) as usize], "files over"),
    ];
    for (what, bytes, expected) in cases {
        let refused = exchange::read(&bytes).map_err(chancery_core::StoreError::from).and_then(|file| theirs.import_exchange(&file));
        let message = refused.expect_err(what).to_string();
        assert!(message.contains(expected), "{what}: {message}");
        assert!(message.len() < 600, "{what}: the message is short: {}", &message[..600]);
        assert_eq!(fingerprint(&theirs), untouched, "{what}: the store is unchanged");
    }

    // A note whose identity is another paper's cannot be smuggled in under a new paper.
    let mut other = good.clone();
    other["paper"]["uid"] = json!("0123456789abcdef0123456789abcdef");
    let refused = theirs.import_exchange(&serde_json::from_value(other).unwrap()).unwrap_err();
    assert!(refused.to_string().contains("belongs to another paper"), "{refused}");
    assert_eq!(fingerprint(&theirs), untouched);
}

#[test]
fn the_cli_exports_and_imports_and_writes_nowhere_a_file_names() {
    let (a, b) = (Scratch::new(), Scratch::new());
    let source = a.file("paper.md", &PAPER.replace("Position on norms", "../../etc/passwd"));
    let id = stdout(chancery(&a).args(["paper", "import"]).arg(&source));
    let out = a.dir.path().join("paper.chancery");
    chancery(&a).args(["paper", "export", id.trim(), "--exchange"]).arg(&out).assert().success();

    let listing = |s: &Scratch| {
        let mut names: Vec<String> = std::fs::read_dir(s.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let printed = stdout(chancery(&b).args(["paper", "import"]).arg(&out));
    let mut lines = printed.lines();
    assert_eq!(lines.next(), Some("1"));
    assert!(lines.next().unwrap().starts_with("new paper; 1 versions"), "{printed}");
    let before = listing(&b);
    assert!(before.iter().all(|n| n.starts_with("chancery.sqlite3")), "{before:?}");
    let shown = stdout(chancery(&b).args(["paper", "show", "1", "--markdown"]));
    assert!(shown.starts_with("---\ntitle: ../../etc/passwd\n"), "a title is only text: {shown}");

    // Again, from a file named otherwise: JSON is recognised; the second import merges.
    let renamed = b.file("copy.json", &std::fs::read_to_string(&out).unwrap());
    let printed = stdout(chancery(&b).args(["paper", "import"]).arg(&renamed));
    assert!(printed.starts_with("1\ntext unchanged;"), "{printed}");

    let newer = b.file("newer.chancery", r#"{"format": 2}"#);
    chancery(&b)
        .args(["paper", "import"])
        .arg(&newer)
        .assert()
        .failure()
        .stderr(predicates::str::contains("newer Chancery").and(predicates::str::contains("[exchange.newer_format]")));
    assert!(!std::path::Path::new("/etc/passwd.chancery").exists());
}

#[test]
fn papers_versions_and_notes_made_before_exchange_get_identities_on_upgrade() {
    let scratch = Scratch::new();
    {
        let mut conn = rusqlite::Connection::open(scratch.db()).unwrap();
        // The schema just before identities were added (step 7).
        chancery_core::store::migrate_to(&mut conn, 6).unwrap();
        conn.execute_batch(
            "INSERT INTO paper (title, kind, language, created_at, updated_at) VALUES ('Old', 'blank', 'en', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO paper (title, kind, language, created_at, updated_at) VALUES ('Older', 'blank', 'en', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO version (paper_id, number, kind, markdown, words, created_at, saved_at) VALUES (1, 1, 'created', '', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let mut store = scratch.store();
    let made = store.import_markdown("# New\n\nText.\n").unwrap().id;
    drop(store);
    let conn = rusqlite::Connection::open(scratch.db()).unwrap();
    let uids: Vec<String> = conn.prepare("SELECT uid FROM paper UNION ALL SELECT uid FROM version").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(uids.len(), 5, "two old papers, the new one {made}, the old version and the new one's: {uids:?}");
    assert!(uids.iter().all(|u| u.len() == 32 && u.bytes().all(|b| b.is_ascii_hexdigit())), "{uids:?}");
    let distinct: std::collections::HashSet<_> = uids.iter().collect();
    assert_eq!(distinct.len(), uids.len());
}
