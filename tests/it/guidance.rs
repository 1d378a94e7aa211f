//! The framework's guidance in a paper: templates, prompts, the Voluntary Checklist, and a
//! pack upgrade that keeps what the user recorded.

use chancery_core::{ActionStatus, ActionUpdate, Clock, ErrorCode, NewPaper, SectionPatch, SectionProgress, Store};
use rusqlite::Connection;
use time::macros::datetime;

use crate::Scratch;

fn paper(store: &mut Store, template: &str) -> i64 {
    store
        .create_paper(NewPaper { title: format!("A {template} paper"), template: Some(template.into()), ..Default::default() })
        .unwrap()
        .id
}

#[test]
fn every_template_opens_with_its_sections_and_its_prompts_never_reach_the_text() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    for template in store.framework().templates.clone() {
        let id = paper(&mut store, &template.id);
        let sections = store.sections(id).unwrap();
        assert_eq!(sections.len(), template.sections.len(), "{}", template.id);
        for (section, expected) in sections.iter().zip(&template.sections) {
            assert_eq!(section.heading.as_deref(), Some(expected.heading.as_str()));
            assert_eq!(section.pillar, expected.pillar);
            assert!(!section.prompts.is_empty(), "{} / {} has no prompts", template.id, expected.heading);
            store.update_section(section.id, SectionPatch { body: Some("Our text.".into()), ..Default::default() }).unwrap();
        }
        let text = store.export_markdown(id).unwrap();
        for prompt in template.sections.iter().flat_map(|s| &s.prompts) {
            assert!(!text.contains(prompt.as_str()), "a prompt of {} reached the text: {prompt}", template.id);
        }
        assert!(text.contains("Our text."));
    }
}

#[test]
fn a_position_paper_has_a_section_per_international_law_topic() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let id = paper(&mut store, "position");
    let headings: Vec<_> = store.sections(id).unwrap().into_iter().filter_map(|s| s.heading).collect();
    for topic in ["Sovereignty", "Non-intervention", "Due diligence", "Countermeasures", "Self-defence"] {
        assert!(headings.iter().any(|h| h == topic), "no {topic} in {headings:?}");
    }
}

#[test]
fn section_progress_goes_from_empty_to_drafted_to_reviewed() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let id = paper(&mut store, "statement");
    let section = store.sections(id).unwrap().remove(0);
    assert_eq!(section.progress(), SectionProgress::Empty);
    let section = store.update_section(section.id, SectionPatch { body: Some("Mr Chair,".into()), ..Default::default() }).unwrap();
    assert_eq!(section.progress(), SectionProgress::Drafted);
    let section = store.update_section(section.id, SectionPatch { reviewed: Some(true), ..Default::default() }).unwrap();
    assert_eq!(store.section(section.id).unwrap().progress(), SectionProgress::Reviewed);
}

#[test]
fn checklist_statuses_and_notes_persist_and_the_counts_are_right() {
    let scratch = Scratch::new();
    let id = {
        let mut store = scratch.store();
        let id = paper(&mut store, "contribution");
        let set = |store: &mut Store, action: &str, status, note: Option<&str>| {
            store
                .set_action(id, action, ActionUpdate { status: Some(status), note: note.map(Into::into), evidence: None })
                .unwrap();
        };
        set(&mut store, "c-nat-1", ActionStatus::Implemented, Some("Cybersecurity Act 2024, art. 12"));
        set(&mut store, "c-nat-2", ActionStatus::InProgress, None);
        set(&mut store, "c-int-1", ActionStatus::NotApplicable, None);
        set(&mut store, "h-nat-1", ActionStatus::Implemented, None);
        // A later note leaves the status as it was.
        store.set_action(id, "h-nat-1", ActionUpdate { note: Some("Decree of 3 May".into()), ..Default::default() }).unwrap();
        id
    };
    let store = scratch.store();
    let checklist = store.checklist(id).unwrap();
    assert_eq!(checklist.entries.len(), store.framework().actions.len());
    let entry = |action: &str| checklist.entries.iter().find(|e| e.action == action).unwrap();
    assert_eq!(entry("c-nat-1").note, "Cybersecurity Act 2024, art. 12");
    assert_eq!((entry("h-nat-1").status, entry("h-nat-1").note.as_str()), (ActionStatus::Implemented, "Decree of 3 May"));
    assert_eq!(entry("a-nat-1").status, ActionStatus::NotStarted);

    let c = checklist.by_norm.iter().find(|p| p.norm == "c").unwrap();
    let c_total = store.framework().actions.iter().filter(|a| a.norm == "c").count();
    assert_eq!((c.total, c.implemented, c.in_progress, c.not_applicable), (c_total, 1, 1, 1));
    assert_eq!(c.not_started, c_total - 3);
    assert_eq!(c.percent(), (100 / (c_total - 1)) as u32);
    let untouched = checklist.by_norm.iter().find(|p| p.norm == "a").unwrap();
    assert_eq!((untouched.implemented, untouched.percent()), (0, 0));
}

#[test]
fn an_unknown_action_is_named_in_the_refusal() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let id = paper(&mut store, "blank");
    let err = store.set_action(id, "z-nat-9", ActionUpdate::default()).unwrap_err();
    assert_eq!(err.code(), "input.invalid");
    assert!(err.to_string().contains("z-nat-9"), "{err}");
}

#[test]
fn a_newer_pack_upgrades_the_store_and_keeps_every_status_and_note() {
    let scratch = Scratch::new();
    let clock = || Clock::fixed(datetime!(2026-11-23 09:00 UTC));
    let builtin = chancery_core::framework::BUILTIN_PACK;
    let (id, before) = {
        let mut store = Store::open_with(&scratch.db(), clock(), builtin).unwrap();
        let id = paper(&mut store, "comments");
        store.set_action(id, "j-nat-1", ActionUpdate { status: Some(ActionStatus::InProgress), note: Some("Draft CVD policy".into()), evidence: None }).unwrap();
        store.set_action(id, "k-int-1", ActionUpdate { status: Some(ActionStatus::Implemented), note: None, evidence: Some("FIRST membership".into()) }).unwrap();
        (id, store.checklist(id).unwrap())
    };
    let old_version = chancery_core::Framework::builtin().version;
    let newer = builtin
        .replacen(&format!("version = {old_version}"), &format!("version = {}", old_version + 1), 1)
        .replacen("Adopt a national ICT-security strategy", "Adopt and publish a national ICT-security strategy", 1);
    assert_ne!(newer, builtin, "the test pack must differ");
    let store = Store::open_with(&scratch.db(), clock(), &newer).unwrap();
    assert_eq!(store.framework().version, old_version + 1);
    assert!(store.framework().actions[0].text.starts_with("Adopt and publish"));
    assert_eq!(store.checklist(id).unwrap(), before);
    assert_eq!(store.sections(id).unwrap().len(), store.framework().template("comments").unwrap().sections.len());
    drop(store);

    // The store keeps the newer pack; an older build opening it does not downgrade it.
    let store = Store::open_with(&scratch.db(), clock(), builtin).unwrap();
    assert_eq!(store.framework().version, old_version + 1);
    let stored: u32 = Connection::open(scratch.db()).unwrap().query_row("SELECT version FROM framework", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, old_version + 1);
}

#[test]
fn reporting_on_an_action_opens_a_paragraph_in_the_norms_section_once() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let id = paper(&mut store, "blank");
    let section = store.report_on_action(id, "h-nat-1").unwrap();
    assert_eq!(section.pillar.as_deref(), Some("norms"), "a norms section was made");
    assert!(section.body.starts_with("On norm 13(h) ("), "{}", section.body);
    let again = store.report_on_action(id, "h-nat-1").unwrap();
    assert_eq!((again.id, again.body.clone()), (section.id, section.body.clone()), "the second click opens the same place");
    let other = store.report_on_action(id, "j-int-1").unwrap();
    assert_eq!(other.id, section.id);
    assert!(other.body.contains("\n\nOn norm 13(j) ("), "{}", other.body);
    let same_norm = store.report_on_action(id, "j-nat-1").unwrap();
    assert_eq!(same_norm.body, other.body, "one paragraph per norm");
    let linked = store.checklist(id).unwrap();
    assert_eq!(linked.entries.iter().find(|e| e.action == "h-nat-1").unwrap().section, Some(section.id));
    assert_eq!(store.sections(id).unwrap().iter().filter(|s| s.pillar.as_deref() == Some("norms")).count(), 1);
}

#[test]
fn a_norms_section_made_for_the_checklist_stands_in_pillar_order() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let id = paper(&mut store, "position");
    store.report_on_action(id, "c-nat-1").unwrap();
    let headings: Vec<_> = store.sections(id).unwrap().into_iter().map(|s| (s.pillar, s.part)).collect();
    let norms = headings.iter().position(|(pillar, _)| pillar.as_deref() == Some("norms")).unwrap();
    let conclusions = headings.iter().position(|(_, part)| part.as_deref() == Some("conclusions")).unwrap();
    assert!(norms < conclusions, "{headings:?}");
}
