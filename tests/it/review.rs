//! Review: notes by legal advisers, anchored to words that keep being edited.

use chancery_core::annotation::{AnnotationFilter, AnnotationKind, AnnotationStatus, NewAnnotation, Role};
use chancery_core::{ErrorCode, NewPaper, SectionPatch, Store};

use crate::Scratch;

struct Review {
    store: Store,
    paper: i64,
    sovereignty: i64,
    due_diligence: i64,
}

fn review(scratch: &Scratch) -> Review {
    let mut store = scratch.store();
    let paper = store.create_paper(NewPaper { title: "Position".into(), template: Some("position".into()), ..Default::default() }).unwrap();
    let sections = store.sections(paper.id).unwrap();
    let id = |heading: &str| sections.iter().find(|s| s.heading.as_deref() == Some(heading)).unwrap().id;
    let (sovereignty, due_diligence) = (id("Sovereignty"), id("Due diligence"));
    store.update_section(sovereignty, SectionPatch { body: Some(SOVEREIGNTY.into()), ..Default::default() }).unwrap();
    store.update_section(due_diligence, SectionPatch { body: Some("States must prevent all harmful ICT activity from their territory.".into()), ..Default::default() }).unwrap();
    store.set_profile("Amina Diallo", Role::LegalAdviser).unwrap();
    Review { store, paper: paper.id, sovereignty, due_diligence }
}

const SOVEREIGNTY: &str = "3. Ruritania considers that an ICT operation which causes serious effects on the territory of another State may violate its sovereignty. Such operations are rare.";

impl Review {
    fn note(&mut self, section: i64, quote: &str, kind: AnnotationKind, body: &str) -> i64 {
        self.store
            .annotate(self.paper, NewAnnotation { section_id: section, quote: quote.into(), occurrence: None, kind, body: body.into(), proposal: None })
            .unwrap()
            .id
    }

    fn edit(&mut self, section: i64, from: &str, to: &str) {
        let body = self.store.section(section).unwrap().body.replace(from, to);
        assert_ne!(body, self.store.section(section).unwrap().body, "the edit {from:?} changed nothing");
        self.store.update_section(section, SectionPatch { body: Some(body), ..Default::default() }).unwrap();
    }

    /// The words the note points at now, or None for an orphan.
    fn words(&self, note: i64) -> Option<String> {
        let note = self.store.annotation(note).unwrap();
        if note.orphan {
            return None;
        }
        let body = self.store.section(note.section_id.unwrap()).unwrap().body;
        let (from, to) = note.range.unwrap();
        let utf16: Vec<u16> = body.encode_utf16().collect();
        Some(String::from_utf16(&utf16[from..to]).unwrap())
    }
}

#[test]
fn a_note_follows_its_words_through_a_drafting_session() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    let note = r.note(r.sovereignty, "may violate its sovereignty", AnnotationKind::LegalRisk, "Too categorical for our capital.");
    let s = r.sovereignty;
    r.edit(s, "3. Ruritania", "3. Having consulted its legal services, Ruritania");
    assert_eq!(r.words(note).as_deref(), Some("may violate its sovereignty"), "insertion before");
    r.edit(s, "Such operations are rare.", "Such operations are rare. Two were reported in 2025.");
    assert_eq!(r.words(note).as_deref(), Some("may violate its sovereignty"), "insertion after");
    r.edit(s, "may violate", "may, depending on their scale and effects, violate");
    assert_eq!(r.words(note).as_deref(), Some("may, depending on their scale and effects, violate its sovereignty"), "insertion inside");
    r.edit(s, "considers that an ICT operation which causes serious effects on the territory of another State", "holds that an operation with grave consequences abroad");
    assert_eq!(r.words(note).as_deref(), Some("may, depending on their scale and effects, violate its sovereignty"), "context reworded");
    r.edit(s, " may, depending on their scale and effects, violate its sovereignty.", ".");
    assert_eq!(r.words(note), None, "deleted: an orphan");
    let orphans = r.store.annotations(r.paper, &AnnotationFilter { orphans_only: Some(true), ..Default::default() }).unwrap();
    assert_eq!(orphans.iter().map(|a| a.id).collect::<Vec<_>>(), [note], "the orphan is listed, not dropped");
    assert_eq!(orphans[0].anchor.quote, "may, depending on their scale and effects, violate its sovereignty");
}

#[test]
fn deleting_a_section_leaves_its_notes_as_orphans() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    let note = r.note(r.due_diligence, "all harmful ICT activity", AnnotationKind::NeedsAuthority, "Which authority says *all*?");
    r.store.delete_section(r.due_diligence).unwrap();
    let note = r.store.annotation(note).unwrap();
    assert!(note.orphan && note.section_id.is_none());
}

#[test]
fn notes_are_filtered_by_status_kind_role_and_pillar() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    let risk = r.note(r.sovereignty, "may violate its sovereignty", AnnotationKind::LegalRisk, "Risky.");
    let authority = r.note(r.due_diligence, "must prevent", AnnotationKind::NeedsAuthority, "Source?");
    r.store.set_profile("Jonas Berg", Role::Reviewer).unwrap();
    let intro = r.store.sections(r.paper).unwrap()[0].id;
    r.store.update_section(intro, SectionPatch { body: Some("Ruritania sets out its views.".into()), ..Default::default() }).unwrap();
    let comment = r.note(intro, "sets out its views", AnnotationKind::Comment, "Say which authorities agreed the paper.");
    r.store.set_annotation_status(authority, AnnotationStatus::Resolved).unwrap();

    let ids = |filter: AnnotationFilter| -> Vec<i64> { r.store.annotations(r.paper, &filter).unwrap().into_iter().map(|a| a.id).collect() };
    assert_eq!(ids(AnnotationFilter::default()), [comment, risk, authority], "in the order of the text");
    assert_eq!(ids(AnnotationFilter { status: Some(AnnotationStatus::Open), ..Default::default() }), [comment, risk]);
    assert_eq!(
        ids(AnnotationFilter { status: Some(AnnotationStatus::Open), kind: Some(AnnotationKind::LegalRisk), pillar: Some("international-law".into()), ..Default::default() }),
        [risk],
        "all open legal-risk notes in the international-law sections"
    );
    assert_eq!(ids(AnnotationFilter { role: Some(Role::Reviewer), ..Default::default() }), [comment]);
    assert_eq!(ids(AnnotationFilter { section_id: Some(r.due_diligence), ..Default::default() }), [authority]);
}

#[test]
fn threads_record_who_replied_and_who_changed_the_status() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    let note = r.note(r.sovereignty, "may violate its sovereignty", AnnotationKind::LegalRisk, "Too categorical.");
    r.store.set_profile("Karel Novak", Role::Drafter).unwrap();
    r.store.reply(note, "Softened in the next draft.").unwrap();
    r.store.set_profile("Amina Diallo", Role::LegalAdviser).unwrap();
    let note = r.store.set_annotation_status(note, AnnotationStatus::Resolved).unwrap();
    assert_eq!(note.author.name, "Amina Diallo");
    let thread: Vec<_> = note.thread.iter().map(|e| (e.by.name.as_str(), e.reply.as_deref(), e.status)).collect();
    assert_eq!(
        thread,
        [("Karel Novak", Some("Softened in the next draft."), None), ("Amina Diallo", None, Some(AnnotationStatus::Resolved))]
    );
    assert_eq!(r.store.reply(999, "x").unwrap_err().code(), "annotation.not_found");
}

#[test]
fn accepting_proposed_wording_changes_the_draft_as_a_new_version() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    let proposal = r
        .store
        .annotate(
            r.paper,
            NewAnnotation {
                section_id: r.due_diligence,
                quote: "must prevent all".into(),
                occurrence: None,
                kind: AnnotationKind::ProposedWording,
                body: "Due diligence is an obligation of conduct.".into(),
                proposal: Some("should take reasonable steps to stop".into()),
            },
        )
        .unwrap();
    let versions = r.store.versions(r.paper).unwrap().len();
    let accepted = r.store.accept_proposal(proposal.id).unwrap();
    assert_eq!(accepted.status, AnnotationStatus::Resolved);
    assert_eq!(
        r.store.section(r.due_diligence).unwrap().body,
        "States should take reasonable steps to stop harmful ICT activity from their territory."
    );
    assert_eq!(r.words(proposal.id).as_deref(), Some("should take reasonable steps to stop"));
    assert!(r.store.versions(r.paper).unwrap().len() >= versions, "the change is in the history");
}

#[test]
fn notes_never_reach_the_exported_text() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    r.note(r.sovereignty, "may violate its sovereignty", AnnotationKind::LegalRisk, "CONFIDENTIAL: capital disagrees.");
    let text = r.store.export_markdown(r.paper).unwrap();
    assert!(text.contains("may violate its sovereignty"));
    assert!(!text.contains("CONFIDENTIAL"), "a note leaked into the paper's text");
}

#[test]
fn a_quote_not_in_the_section_is_refused_by_name() {
    let scratch = Scratch::new();
    let mut r = review(&scratch);
    let err = r
        .store
        .annotate(r.paper, NewAnnotation { section_id: r.sovereignty, quote: "use of force".into(), occurrence: None, kind: AnnotationKind::Comment, body: "x".into(), proposal: None })
        .unwrap_err();
    assert_eq!(err.to_string(), "quote: \"use of force\" is not in the section \"Sovereignty\"");
}
