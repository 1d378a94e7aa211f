//! A paper's history: versions as the drafter works, naming, comparing and restoring.

use std::sync::{Arc, Mutex};

use chancery_core::diff::{ChangeKind, inline};
use chancery_core::{Clock, ErrorCode, NewPaper, SectionPatch, Store, VersionKind};
use time::{Duration, OffsetDateTime};
use time::macros::datetime;

use crate::{Scratch, fixture};

/// A store whose clock the test moves forward by hand.
struct Desk {
    store: Store,
    now: Arc<Mutex<OffsetDateTime>>,
}

impl Desk {
    fn new(scratch: &Scratch) -> Desk {
        let now = Arc::new(Mutex::new(datetime!(2026-03-12 09:00 UTC)));
        let reading = now.clone();
        let store = Store::open_with_clock(&scratch.db(), Clock::from_fn(move || *reading.lock().unwrap())).unwrap();
        Desk { store, now }
    }

    fn wait(&self, minutes: i64) {
        *self.now.lock().unwrap() += Duration::minutes(minutes);
    }

    fn paper(&mut self) -> (i64, i64) {
        let paper = self.store.create_paper(NewPaper { title: "Statement".into(), template: Some("statement".into()), ..Default::default() }).unwrap();
        let section = self.store.sections(paper.id).unwrap()[0].id;
        (paper.id, section)
    }

    fn write(&mut self, section: i64, body: &str) {
        self.store.update_section(section, SectionPatch { body: Some(body.into()), ..Default::default() }).unwrap();
    }
}

#[test]
fn a_sitting_of_edits_is_one_version_and_a_later_one_starts_another() {
    let scratch = Scratch::new();
    let mut desk = Desk::new(&scratch);
    let (paper, section) = desk.paper();
    for n in 1..=50 {
        desk.write(section, &"word ".repeat(n));
    }
    desk.wait(30);
    desk.write(section, "Mr Chair, after lunch.");
    let versions = desk.store.versions(paper).unwrap();
    let kinds: Vec<_> = versions.iter().map(|v| (v.number, v.kind)).collect();
    assert_eq!(kinds, [(1, VersionKind::Created), (2, VersionKind::Edited), (3, VersionKind::Edited)]);
    assert_eq!(versions[1].words, 1 + 50, "the sitting's version holds its last text: heading and body");
    assert!(desk.store.version_markdown(paper, 3).unwrap().contains("Mr Chair, after lunch."));
}

#[test]
fn a_day_of_typing_does_not_grow_the_history_without_bound() {
    let scratch = Scratch::new();
    let mut desk = Desk::new(&scratch);
    let (paper, section) = desk.paper();
    let mut text = String::new();
    // Eight hours, a save every half minute.
    for _ in 0..(8 * 60 * 2) {
        text.push_str("more ");
        desk.write(section, &text);
        *desk.now.lock().unwrap() += Duration::seconds(30);
    }
    let versions = desk.store.versions(paper).unwrap().len();
    assert!(versions <= 1 + 8 * 6 + 1, "{versions} versions for a day's work");
}

#[test]
fn a_named_version_is_kept_as_it_is() {
    let scratch = Scratch::new();
    let mut desk = Desk::new(&scratch);
    let (paper, section) = desk.paper();
    desk.write(section, "Text sent to capital.");
    let named = desk.store.name_version(paper, 2, "  sent to capital 12 March ").unwrap();
    assert_eq!(named.name.as_deref(), Some("sent to capital 12 March"));
    desk.write(section, "Text after capital's comments.");
    assert_eq!(desk.store.versions(paper).unwrap().len(), 3);
    assert!(desk.store.version_markdown(paper, 2).unwrap().contains("Text sent to capital."));
}

#[test]
fn versions_compare_word_by_word() {
    let scratch = Scratch::new();
    let mut desk = Desk::new(&scratch);
    let (paper, section) = desk.paper();
    desk.write(section, "States must cooperate to prevent harmful practices.");
    desk.wait(15);
    desk.write(section, "States should cooperate closely to prevent harmful ICT practices.");
    let changes = desk.store.diff_versions(paper, 2, 3).unwrap();
    let body = inline(&changes);
    assert!(body.contains("States [-must-]{+should+} cooperate {+closely +}to prevent harmful {+ICT +}practices."), "{body}");
    assert!(changes.iter().any(|c| c.kind == ChangeKind::Equal && c.text.contains("title: Statement")));
    let err = desk.store.diff_versions(paper, 2, 9).unwrap_err();
    assert_eq!(err.code(), "version.not_found");
}

#[test]
fn restoring_brings_the_text_back_as_a_new_version() {
    let scratch = Scratch::new();
    let mut desk = Desk::new(&scratch);
    let (paper, section) = desk.paper();
    desk.write(section, "The first wording.");
    desk.wait(15);
    desk.write(section, "A wording the capital rejected.");
    let restored = desk.store.restore_version(paper, 2).unwrap();
    assert_eq!((restored.number, restored.kind, restored.restored_from), (4, VersionKind::Restored, Some(2)));
    assert_eq!(desk.store.section(section).unwrap().body, "The first wording.", "restored in place, same section");
    assert_eq!(desk.store.version_markdown(paper, 4).unwrap(), desk.store.version_markdown(paper, 2).unwrap());
    // The rejected wording is still in the history.
    assert!(desk.store.version_markdown(paper, 3).unwrap().contains("capital rejected"));
}

#[test]
fn updating_from_a_file_replaces_the_text_and_keeps_matching_sections() {
    let scratch = Scratch::new();
    let mut desk = Desk::new(&scratch);
    let paper = desk.store.import_markdown(&fixture("position.md")).unwrap();
    let before = desk.store.sections(paper.id).unwrap();
    let edited = fixture("position.md")
        .replace("does not claim to be exhaustive", "is not exhaustive")
        .replace("\n## Conclusions\n\n6. Ruritania stands ready to discuss this paper with all delegations.\n", "");
    desk.wait(1);
    let version = desk.store.update_from_markdown(paper.id, &edited).unwrap();
    assert_eq!((version.number, version.kind), (2, VersionKind::Updated));
    let after = desk.store.sections(paper.id).unwrap();
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(after[0].id, before[0].id, "a section that lines up keeps its identity");
    assert!(after[0].body.contains("is not exhaustive"));
    assert_eq!(desk.store.export_markdown(paper.id).unwrap(), edited);
    let bad = desk.store.update_from_markdown(paper.id, "---\ntitle: \n---\nText").unwrap_err();
    assert_eq!(bad.code(), "input.invalid");
    assert_eq!(desk.store.export_markdown(paper.id).unwrap(), edited, "a refused update changes nothing");
}
