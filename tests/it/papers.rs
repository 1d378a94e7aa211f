//! Papers and sections, as the app and the CLI use them.

use chancery_core::{ErrorCode, NewPaper, NewSection, PaperPatch, PaperStatus, SectionPatch};

use crate::{Scratch, fixture};

#[test]
fn a_paper_from_a_template_starts_with_its_sections_and_prompts() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let template = store.framework().template("comments").unwrap().clone();
    let paper = store
        .create_paper(NewPaper { title: "Comments on the zero draft".into(), template: Some("comments".into()), ..Default::default() })
        .unwrap();
    assert_eq!(paper.kind, "comments");
    let sections = store.sections(paper.id).unwrap();
    let headings: Vec<_> = sections.iter().map(|s| s.heading.clone().unwrap()).collect();
    let expected: Vec<_> = template.sections.iter().map(|s| s.heading.clone()).collect();
    assert_eq!(headings, expected);
    assert!(sections.iter().all(|s| !s.prompts.is_empty() && s.body.is_empty()));
}

#[test]
fn bad_details_are_refused_with_what_is_wrong() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let new = |title: &str, template: Option<&str>, language: Option<&str>| NewPaper {
        title: title.into(),
        template: template.map(Into::into),
        language: language.map(Into::into),
        ..Default::default()
    };
    let err = store.create_paper(new("  ", None, None)).unwrap_err();
    assert_eq!((err.code(), err.to_string().as_str()), ("input.invalid", "title: a paper needs a title"));
    let err = store.create_paper(new("T", Some("memo"), None)).unwrap_err();
    assert!(err.to_string().contains("\"memo\"") && err.to_string().contains("statement"), "{err}");
    let err = store.create_paper(new("T", None, Some("de"))).unwrap_err();
    assert!(err.to_string().contains("\"de\" is not one of the official languages"), "{err}");
    assert_eq!(store.paper(999).unwrap_err().code(), "paper.not_found");
    assert!(store.papers().unwrap().is_empty(), "a refused paper was stored");
}

#[test]
fn sections_are_added_where_asked_and_edits_touch_the_paper() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = store.create_paper(NewPaper { title: "Position".into(), ..Default::default() }).unwrap();
    let first = store.sections(paper.id).unwrap().remove(0);
    let last = store.add_section(paper.id, NewSection { heading: "Conclusions".into(), ..Default::default() }).unwrap();
    let middle = store
        .add_section(paper.id, NewSection { heading: "International law".into(), after: Some(first.id), ..Default::default() })
        .unwrap();
    assert_eq!(middle.pillar.as_deref(), Some("international-law"), "the heading names the pillar");
    let order: Vec<_> = store.sections(paper.id).unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(order, [first.id, middle.id, last.id]);

    store.update_section(middle.id, SectionPatch { body: Some("Sovereignty applies.".into()), ..Default::default() }).unwrap();
    assert_eq!(store.section(middle.id).unwrap().body, "Sovereignty applies.");
    store.delete_section(last.id).unwrap();
    assert_eq!(store.sections(paper.id).unwrap().len(), 2);

    let paper = store
        .update_paper(paper.id, PaperPatch { status: Some(PaperStatus::InReview), place: Some("Geneva".into()), ..Default::default() })
        .unwrap();
    assert_eq!((paper.status, paper.place.as_deref()), (PaperStatus::InReview, Some("Geneva")));
    store.delete_paper(paper.id).unwrap();
    assert!(store.papers().unwrap().is_empty());
}

#[test]
fn a_markdown_paper_imports_and_exports_to_the_same_text() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let text = fixture("position.md");
    let paper = store.import_markdown(&text).unwrap();
    assert_eq!(paper.title, "National position of Ruritania on how international law applies to the use of ICTs");
    assert_eq!(paper.delegation, "Ruritania");
    let sections = store.sections(paper.id).unwrap();
    let pillars: Vec<_> = sections.iter().map(|s| s.pillar.as_deref()).collect();
    assert_eq!(pillars, [None, Some("international-law"), Some("international-law"), Some("norms"), None]);
    assert_eq!(store.export_markdown(paper.id).unwrap(), text);
}
