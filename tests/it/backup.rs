//! Backups and restore: a copy of every paper to go back to, and a restore that never
//! destroys the file it replaces.

use chancery_core::store::backup;
use chancery_core::{ErrorCode, NewPaper, SectionPatch, Store};
use rusqlite::Connection;

use crate::Scratch;

fn titled(store: &mut Store, title: &str) -> i64 {
    store.create_paper(NewPaper { title: title.into(), ..Default::default() }).unwrap().id
}

#[test]
fn a_backup_holds_the_papers_and_old_ones_are_rotated_away() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    titled(&mut store, "Position on due diligence");
    let first = store.backup_now().unwrap();
    assert!(first.starts_with(scratch.dir.path().join("backups")));
    // The app lists a backup by the time its name holds, the store's clock in UTC.
    assert_eq!(backup::taken(&first).as_deref(), Some("2026-11-23T09:00:00Z"));
    assert_eq!(backup::taken(&scratch.db()), None);
    let copy = Store::open(&first).unwrap();
    assert_eq!(copy.papers().unwrap()[0].title, "Position on due diligence");
    drop(copy);
    for _ in 0..backup::KEPT + 3 {
        store.backup_now().unwrap();
    }
    assert_eq!(backup::list(&scratch.db()).len(), backup::KEPT);
}

#[test]
fn the_automatic_backup_is_taken_once_a_day() {
    let scratch = Scratch::new();
    let store = scratch.store();
    assert!(store.backup_if_due().unwrap().is_some());
    assert!(store.backup_if_due().unwrap().is_none(), "a second start the same day takes none");
}

#[test]
fn restoring_brings_back_the_backup_and_keeps_the_replaced_file() {
    let scratch = Scratch::new();
    let backup_file = scratch.dir.path().join("before.sqlite3");
    {
        let mut store = scratch.store();
        let id = titled(&mut store, "Statement");
        let section = store.sections(id).unwrap()[0].id;
        store.update_section(section, SectionPatch { body: Some("Kept wording.".into()), ..Default::default() }).unwrap();
        store.backup_to(&backup_file).unwrap();
        store.update_section(section, SectionPatch { body: Some("Wording lost by mistake.".into()), ..Default::default() }).unwrap();
    }
    backup::restore(&backup_file, &scratch.db(), "20261123T090000", None).unwrap();
    let store = scratch.store();
    assert_eq!(store.sections(1).unwrap()[0].body, "Kept wording.");
    let aside = scratch.dir.path().join("chancery.sqlite3.replaced-20261123T090000");
    let replaced = Store::open(&aside).unwrap();
    assert_eq!(replaced.sections(1).unwrap()[0].body, "Wording lost by mistake.", "the replaced store is kept whole");
}

#[test]
fn a_damaged_store_is_set_aside_untouched_and_the_latest_good_backup_restored() {
    let scratch = Scratch::new();
    {
        let mut store = scratch.store();
        for n in 0..30 {
            titled(&mut store, &format!("Paper {n} {}", "text ".repeat(300)));
        }
        store.backup_now().unwrap();
    }
    // Fold the WAL back so that the bytes on disk are the whole store.
    Connection::open(scratch.db()).unwrap().pragma_update(None, "journal_mode", "DELETE").unwrap();
    let mut bytes = std::fs::read(scratch.db()).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0x5a);
    std::fs::write(scratch.db(), &bytes).unwrap();
    assert_eq!(Store::open(&scratch.db()).unwrap_err().code(), "store.damaged");

    let good = backup::latest_good(&scratch.db(), None).expect("a good backup");
    backup::restore(&good, &scratch.db(), "x", None).unwrap();
    assert_eq!(scratch.store().papers().unwrap().len(), 30);
    let aside = scratch.dir.path().join("chancery.sqlite3.replaced-x");
    assert_eq!(std::fs::read(aside).unwrap(), bytes, "the damaged file is kept as it was");
}

#[test]
fn a_file_that_is_not_a_store_is_never_restored() {
    let scratch = Scratch::new();
    {
        let mut store = scratch.store();
        titled(&mut store, "Precious");
    }
    let notes = scratch.file("notes.sqlite3", "not a database at all");
    let err = backup::restore(&notes, &scratch.db(), "x", None).unwrap_err();
    assert_eq!(err.code(), "store.not_a_store");
    assert_eq!(scratch.store().papers().unwrap()[0].title, "Precious");
}
