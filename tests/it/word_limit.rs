//! A paper's own word limit: set by the drafter, ahead of its kind's, kept in the paper's
//! history and files like its other details, and set from the command line.

use chancery_core::submission::LimitSource;
use chancery_core::{ErrorCode, NewPaper, Store, StoreError};
use predicates::prelude::*;
use serde_json::Value;

use crate::Scratch;
use crate::cli::{chancery, stdout};

/// A statement: its kind has a limit of 650 words.
fn statement(store: &mut Store) -> i64 {
    let new = NewPaper { title: "Statement of Ruritania on capacity-building".into(), template: Some("statement".into()), ..Default::default() };
    store.create_paper(new).unwrap().id
}

#[test]
fn the_papers_own_limit_applies_before_its_kinds_until_it_is_cleared() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = statement(&mut store);
    let kinds = store.word_limit(paper).unwrap().unwrap();
    assert_eq!((kinds.words, kinds.source), (650, LimitSource::Template));

    let own = store.set_word_limit(paper, Some(400)).unwrap().unwrap();
    assert_eq!((own.words, own.source), (400, LimitSource::Paper));
    assert_eq!(own.describe(), "400 (the paper's own limit)");
    assert_eq!(store.paper(paper).unwrap().word_limit, Some(400));
    assert_eq!(store.submission_check(paper, None).unwrap().limit, Some(own));

    let back = store.set_word_limit(paper, None).unwrap().unwrap();
    assert_eq!((back.words, back.source), (650, LimitSource::Template));
    assert_eq!(store.paper(paper).unwrap().word_limit, None);
    // A paper whose kind has no limit has none until it is given one.
    let blank = store.create_paper(NewPaper { title: "Notes for the capital".into(), ..Default::default() }).unwrap().id;
    assert_eq!(store.word_limit(blank).unwrap(), None);
}

#[test]
fn a_limit_of_no_words_or_on_no_paper_is_refused_and_changes_nothing() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = statement(&mut store);
    store.set_word_limit(paper, Some(500)).unwrap();
    let err = store.set_word_limit(paper, Some(0)).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "word limit", .. }), "{err}");
    assert_eq!(err.code(), "input.invalid");
    assert_eq!(store.paper(paper).unwrap().word_limit, Some(500));
    assert!(matches!(store.set_word_limit(99, Some(500)), Err(StoreError::NoSuchPaper(99))));
    // The same holds for a limit that comes in with a file.
    let err = store.import_markdown("---\ntitle: Statement\nword_limit: 0\n---\n\nText.\n").unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "word limit", .. }), "{err}");
}

#[test]
fn the_limit_is_part_of_the_history_and_of_the_files_like_the_other_details() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = statement(&mut store);
    store.set_word_limit(paper, Some(1200)).unwrap();
    let versions = store.versions(paper).unwrap();
    assert_eq!(versions.len(), 2, "setting the limit is a change like a new title");
    assert!(store.version_markdown(paper, 2).unwrap().contains("\nword_limit: 1200\n"));

    // Restoring the first version brings back its limit: none of its own.
    store.restore_version(paper, 1).unwrap();
    assert_eq!(store.paper(paper).unwrap().word_limit, None);
    store.restore_version(paper, 2).unwrap();
    assert_eq!(store.paper(paper).unwrap().word_limit, Some(1200));

    // Markdown out and in again, and an exchange file into another store, keep it.
    let copy = store.import_markdown(&store.export_markdown(paper).unwrap()).unwrap();
    assert_eq!(copy.word_limit, Some(1200));
    let file = store.export_exchange(paper).unwrap();
    let colleague = Scratch::new();
    let mut theirs = colleague.store();
    theirs.import_exchange(&file).unwrap();
    let received = theirs.papers().unwrap().into_iter().next().unwrap();
    assert_eq!(received.word_limit, Some(1200));
}

#[test]
fn the_cli_sets_shows_and_clears_the_limit() {
    let scratch = Scratch::new();
    let id = statement(&mut scratch.store()).to_string();
    let shown = stdout(chancery(&scratch).args(["paper", "show", &id]));
    assert!(shown.contains("\nWord limit: 650 (the limit for its kind of paper)\n"), "{shown}");

    assert_eq!(stdout(chancery(&scratch).args(["paper", "limit", &id, "1,200"])), "Word limit: 1,200 (the paper's own limit)\n");
    assert!(stdout(chancery(&scratch).args(["paper", "show", &id])).contains("\nWord limit: 1,200 (the paper's own limit)\n"));
    let json: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "show", &id, "--json"]))).unwrap();
    assert_eq!((json["paper"]["wordLimit"].clone(), json["limit"]["words"].clone(), json["limit"]["source"].clone()), (1200.into(), 1200.into(), "paper".into()));
    let list: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["wordLimit"], 1200);

    assert_eq!(stdout(chancery(&scratch).args(["paper", "limit", &id, "in-session"])), "Word limit: 3,300 (In-session documents; the paper's own limit)\n");
    assert_eq!(stdout(chancery(&scratch).args(["paper", "limit", &id, "none"])), "Word limit: 650 (the limit for its kind of paper)\n");
    let list: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["wordLimit"], Value::Null);

    chancery(&scratch)
        .args(["paper", "limit", &id, "0"])
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("is not a word limit").and(predicate::str::contains("[submission.invalid_limit]")));
    chancery(&scratch).args(["paper", "limit", "42", "500"]).assert().failure().stderr(predicate::str::contains("[paper.not_found]"));
}
