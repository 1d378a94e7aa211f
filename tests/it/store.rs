//! Opening store files: new, older, newer, foreign and damaged ones.

use chancery_core::store::{SCHEMA_VERSION, migrate_to};
use chancery_core::{ErrorCode, NewPaper, Store, StoreError};
use rusqlite::Connection;

use crate::Scratch;

#[test]
fn the_first_start_creates_a_store_with_the_framework_loaded() {
    let scratch = Scratch::new();
    let nested = scratch.dir.path().join("new/folder/chancery.sqlite3");
    let store = Store::open(&nested).unwrap();
    assert!(nested.exists());
    assert_eq!(store.framework().pillars.len(), 6);
    assert!(store.papers().unwrap().is_empty());
    let conn = Connection::open(&nested).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let pack: i64 = conn.query_row("SELECT count(*) FROM framework", [], |r| r.get(0)).unwrap();
    assert_eq!(pack, 1);
}

#[test]
fn papers_survive_closing_and_reopening() {
    let scratch = Scratch::new();
    let id = {
        let mut store = scratch.store();
        let paper = store.create_paper(NewPaper { title: "Statement on norms".into(), ..Default::default() }).unwrap();
        let section = store.sections(paper.id).unwrap().remove(0);
        store
            .update_section(section.id, chancery_core::SectionPatch { body: Some("Mr Chair, …".into()), ..Default::default() })
            .unwrap();
        paper.id
    };
    let store = scratch.store();
    assert_eq!(store.paper(id).unwrap().title, "Statement on norms");
    assert_eq!(store.sections(id).unwrap()[0].body, "Mr Chair, …");
}

#[test]
fn a_store_from_every_older_schema_is_upgraded_in_place_with_its_papers() {
    for version in 1..=SCHEMA_VERSION as usize {
        let scratch = Scratch::new();
        {
            let mut conn = Connection::open(scratch.db()).unwrap();
            migrate_to(&mut conn, version).unwrap();
            conn.execute_batch(
                "INSERT INTO paper (title, delegation, kind, language, created_at, updated_at)
                 VALUES ('Old paper', 'Ruritania', 'blank', 'en', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                 INSERT INTO section (paper_id, position, heading, body, updated_at)
                 VALUES (1, 0, 'Text', 'Kept words.', '2025-01-01T00:00:00Z');",
            )
            .unwrap();
        }
        let store = scratch.store();
        let papers = store.papers().unwrap();
        assert_eq!(papers.len(), 1, "from schema {version}");
        assert_eq!(store.sections(papers[0].id).unwrap()[0].body, "Kept words.");
        let conn = Connection::open(scratch.db()).unwrap();
        let now: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(now, SCHEMA_VERSION, "from schema {version}");
    }
}

/// Opens a file that must be refused, and checks the refusal and that the file is unchanged.
fn refused(scratch: &Scratch) -> StoreError {
    let before = std::fs::read(scratch.db()).unwrap();
    let err = Store::open(&scratch.db()).unwrap_err();
    assert_eq!(std::fs::read(scratch.db()).unwrap(), before, "the refused file was changed");
    assert!(err.to_string().contains("chancery.sqlite3"), "the message does not name the file: {err}");
    err
}

#[test]
fn a_store_from_a_newer_chancery_is_refused_untouched() {
    let scratch = Scratch::new();
    drop(scratch.store());
    {
        let conn = Connection::open(scratch.db()).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        // Fold the WAL back so that the bytes on disk are the whole store.
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let err = refused(&scratch);
    assert_eq!(err.code(), "store.too_new");
    assert!(err.to_string().contains("newer version of Chancery"), "{err}");
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let scratch = Scratch::new();
    Connection::open(scratch.db()).unwrap().execute_batch("CREATE TABLE contacts (name TEXT);").unwrap();
    let err = refused(&scratch);
    assert_eq!(err.code(), "store.foreign");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let scratch = Scratch::new();
    scratch.file("chancery.sqlite3", "Minutes of the meeting of 12 March.\n");
    assert_eq!(refused(&scratch).code(), "store.not_a_store");
}

#[test]
fn a_damaged_store_is_refused_untouched() {
    let scratch = Scratch::new();
    {
        let mut store = scratch.store();
        for n in 0..40 {
            store.create_paper(NewPaper { title: format!("Paper {n} {}", "words ".repeat(200)), ..Default::default() }).unwrap();
        }
    }
    {
        let conn = Connection::open(scratch.db()).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    // Scribble over the middle of the file, where the papers' pages are.
    let mut bytes = std::fs::read(scratch.db()).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 4096] {
        *b = 0x5a;
    }
    std::fs::write(scratch.db(), &bytes).unwrap();
    let err = refused(&scratch);
    assert_eq!(err.code(), "store.damaged", "{err}");
}
