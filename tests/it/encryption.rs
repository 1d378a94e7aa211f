//! Encryption at rest: a store under a passphrase cannot be read without it, opens with it,
//! survives being encrypted and decrypted with every paper and version, and keeps its
//! backups under the same lock; the passphrase itself never reaches the disk. Exchange
//! files travel encrypted, and the CLI takes passphrases from the environment or stdin.

use std::path::{Path, PathBuf};

use chancery_core::exchange;
use chancery_core::store::{self, FileKind, backup};
use chancery_core::{ErrorCode, Passphrase, SectionPatch, Store};
use rusqlite::Connection;

use crate::cli::{chancery, stdout};
use crate::{Scratch, fixture};

const SECRET: &str = "Ruritania's delegation, room 4 at 9";
const OTHER: &str = "a wholly different passphrase";

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.into()).unwrap()
}

/// A plain store with the position paper imported and its first section edited, so it has
/// two versions.
fn plain_store_with_a_paper(scratch: &Scratch) -> i64 {
    let mut store = scratch.store();
    let id = store.import_markdown(&fixture("position.md")).unwrap().id;
    let section = store.sections(id).unwrap()[0].id;
    store.update_section(section, SectionPatch { body: Some("Ruritania reaffirms its commitment.".into()), ..Default::default() }).unwrap();
    store.name_version(id, 1, "sent to capital 12 March").unwrap();
    id
}

/// That store, encrypted under SECRET, with one backup taken since.
fn encrypted_with_a_backup() -> Scratch {
    let scratch = Scratch::new();
    plain_store_with_a_paper(&scratch);
    store::encrypt(&scratch.db(), &pass(SECRET)).unwrap();
    Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap().backup_now().unwrap();
    scratch
}

/// Everything a user would miss if it were lost: papers, sections, versions with their text.
fn contents(store: &Store) -> Vec<String> {
    let mut seen = Vec::new();
    for paper in store.papers().unwrap() {
        seen.push(format!("{} {}", paper.id, paper.title));
        for section in store.sections(paper.id).unwrap() {
            seen.push(format!("  {:?} {}", section.heading, section.body));
        }
        for version in store.versions(paper.id).unwrap() {
            seen.push(format!("  v{} {:?} {}", version.number, version.name, version.words));
        }
    }
    seen
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn sidecar(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn an_encrypted_store_cannot_be_read_without_its_passphrase() {
    let scratch = Scratch::new();
    {
        let mut store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
        assert!(store.is_encrypted());
        store.import_markdown(&fixture("position.md")).unwrap();
    }
    let bytes = std::fs::read(scratch.db()).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "the file announces itself as plain SQLite");
    assert!(!contains(&bytes, "Ruritania"), "a paper's words are readable in the file");
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Encrypted);

    // SQLite itself (rusqlite links SQLCipher here) reads nothing without the key.
    let conn = Connection::open(scratch.db()).unwrap();
    let err = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase), "{err}");
    drop(conn);

    let err = Store::open(&scratch.db()).unwrap_err();
    assert_eq!(err.code(), "store.encrypted", "{err}");
    let store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
    assert!(store.papers().unwrap()[0].title.contains("international law"));
}

#[test]
fn a_wrong_passphrase_is_refused_and_the_file_left_as_it_was() {
    let scratch = Scratch::new();
    drop(Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap());
    let before = std::fs::read(scratch.db()).unwrap();
    let err = Store::open_with_passphrase(&scratch.db(), &pass(OTHER)).unwrap_err();
    assert_eq!(err.code(), "store.wrong_passphrase", "{err}");
    assert_eq!(err.to_string(), format!("the passphrase does not open {}; the file was left untouched", scratch.db().display()));
    assert_eq!(std::fs::read(scratch.db()).unwrap(), before, "the refused file was changed");
    assert!(backup::verify(&scratch.db(), Some(&pass(OTHER))).is_err_and(|e| e.code() == "store.wrong_passphrase"));
}

#[test]
fn damage_inside_an_encrypted_store_is_told_as_damage_not_as_a_wrong_passphrase() {
    let scratch = Scratch::new();
    {
        let mut store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
        for n in 0..40 {
            store.import_markdown(&format!("---\ntitle: Paper {n}\n---\n\n## Norms\n\n{}\n", "Ruritania supports the norms. ".repeat(200))).unwrap();
        }
    }
    let mut bytes = std::fs::read(scratch.db()).unwrap();
    let middle = (bytes.len() / 2) / 4096 * 4096;
    for b in &mut bytes[middle + 100..middle + 200] {
        *b ^= 0x5a;
    }
    std::fs::write(scratch.db(), &bytes).unwrap();
    let err = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap_err();
    assert_eq!(err.code(), "store.damaged", "{err}");
    assert_eq!(std::fs::read(scratch.db()).unwrap(), bytes, "the damaged file was changed");
}

#[test]
fn encrypt_use_and_decrypt_keep_every_paper_and_version() {
    let scratch = Scratch::new();
    let id = plain_store_with_a_paper(&scratch);
    let before = contents(&scratch.store());
    scratch.store().backup_now().unwrap();

    let done = store::encrypt(&scratch.db(), &pass(SECRET)).unwrap();
    assert_eq!(done.backups.len(), 1, "the plain backup was not converted");
    assert!(done.skipped.is_empty());
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Encrypted);
    let converting = sidecar(&scratch.db(), ".converting");
    assert!(!converting.exists(), "the working copy is left behind");
    for b in backup::list(&scratch.db()) {
        assert_eq!(store::file_kind(&b).unwrap(), FileKind::Encrypted, "{} stayed plain", b.display());
    }

    // Used while encrypted: an edit, a search in the library's full-text index.
    {
        let mut store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
        assert_eq!(contents(&store), before);
        let section = store.sections(id).unwrap()[1].id;
        store.update_section(section, SectionPatch { body: Some("Added while encrypted.".into()), ..Default::default() }).unwrap();
        assert!(!store.search_papers("encrypted", 5).unwrap().is_empty(), "full-text search works in an encrypted store");
    }
    let after_edit = contents(&Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap());

    store::decrypt(&scratch.db(), &pass(SECRET)).unwrap();
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Plain);
    assert_eq!(contents(&Store::open(&scratch.db()).unwrap()), after_edit);
    assert!(after_edit.iter().any(|l| l.contains("Added while encrypted.")));
    let conn = Connection::open(scratch.db()).unwrap();
    assert_eq!(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    for b in backup::list(&scratch.db()) {
        backup::verify(&b, None).expect("the backup is plain again and sound");
    }
}

#[test]
fn encrypting_needs_a_plain_store_and_decrypting_its_passphrase() {
    let scratch = Scratch::new();
    plain_store_with_a_paper(&scratch);
    store::encrypt(&scratch.db(), &pass(SECRET)).unwrap();
    let before = std::fs::read(scratch.db()).unwrap();
    assert_eq!(store::encrypt(&scratch.db(), &pass(SECRET)).unwrap_err().code(), "store.encrypted");
    assert_eq!(store::decrypt(&scratch.db(), &pass(OTHER)).unwrap_err().code(), "store.wrong_passphrase");
    assert_eq!(std::fs::read(scratch.db()).unwrap(), before);
}

#[test]
fn the_passphrase_can_be_changed_and_the_old_one_no_longer_opens() {
    let scratch = encrypted_with_a_backup();
    let done = store::change_passphrase(&scratch.db(), &pass(SECRET), &pass(OTHER)).unwrap();
    assert_eq!(done.backups.len(), 1);
    assert_eq!(Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap_err().code(), "store.wrong_passphrase");
    let store = Store::open_with_passphrase(&scratch.db(), &pass(OTHER)).unwrap();
    assert_eq!(store.papers().unwrap().len(), 1);
    assert!(backup::latest_good(&scratch.db(), Some(&pass(OTHER))).is_some(), "the backup follows the new passphrase");
}

#[test]
fn backups_of_an_encrypted_store_are_encrypted_and_restore() {
    let scratch = Scratch::new();
    let id = plain_store_with_a_paper(&scratch);
    store::encrypt(&scratch.db(), &pass(SECRET)).unwrap();
    let taken = {
        let mut store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
        let taken = store.backup_now().unwrap();
        let section = store.sections(id).unwrap()[0].id;
        store.update_section(section, SectionPatch { body: Some("Wording lost by mistake.".into()), ..Default::default() }).unwrap();
        taken
    };
    let bytes = std::fs::read(&taken).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    assert!(!contains(&bytes, "Ruritania"));
    assert_eq!(Store::open(&taken).unwrap_err().code(), "store.encrypted");
    assert!(backup::latest_good(&scratch.db(), None).is_none(), "an encrypted backup passed for sound without its passphrase");

    let good = backup::latest_good(&scratch.db(), Some(&pass(SECRET))).expect("the backup opens with the passphrase");
    assert_eq!(backup::restore(&good, &scratch.db(), "x", Some(&pass(OTHER))).unwrap_err().code(), "store.wrong_passphrase");
    backup::restore(&good, &scratch.db(), "x", Some(&pass(SECRET))).unwrap();
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Encrypted, "the restored store is encrypted as it was");
    let store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
    assert_eq!(store.sections(id).unwrap()[0].body, "Ruritania reaffirms its commitment.");
}

#[test]
fn the_passphrase_is_written_nowhere() {
    let scratch = Scratch::new();
    plain_store_with_a_paper(&scratch);
    scratch.store().backup_now().unwrap();
    store::encrypt(&scratch.db(), &pass(SECRET)).unwrap();
    let mut store = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap();
    store.import_markdown("---\ntitle: Statement\n---\n\n## Norms\n\nRuritania speaks.\n").unwrap();
    store.backup_now().unwrap();
    // While the store is open its write-ahead log holds the latest pages: look at it too.
    let mut files = vec![scratch.db(), sidecar(&scratch.db(), "-wal")];
    files.extend(backup::list(&scratch.db()));
    let mut looked = 0;
    for file in walk(scratch.dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!contains(&bytes, SECRET), "{} holds the passphrase", file.display());
        assert!(!contains(&bytes, &SECRET.replace('\'', "''")), "{} holds the passphrase", file.display());
        looked += usize::from(files.contains(&file));
    }
    assert_eq!(looked, files.len(), "not every file was looked at: {files:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() { found.extend(walk(&path)) } else { found.push(path) }
    }
    found
}

#[test]
fn an_encrypted_exchange_file_goes_and_comes_back_with_its_passphrase() {
    let ours = Scratch::new();
    let id = plain_store_with_a_paper(&ours);
    let file = ours.store().export_exchange(id).unwrap();
    let sealed = exchange::write_encrypted(&file, &pass(SECRET));
    assert!(exchange::is_encrypted(&sealed));
    assert!(!contains(&sealed, "Ruritania"), "the paper's words are readable in the encrypted file");

    assert_eq!(exchange::read_with(&sealed, None).unwrap_err().code(), "exchange.needs_passphrase");
    assert_eq!(exchange::read(&sealed).unwrap_err().code(), "exchange.needs_passphrase", "an encrypted file passed for a foreign or damaged one");
    let err = exchange::read_with(&sealed, Some(&pass(OTHER))).unwrap_err();
    assert_eq!(err.code(), "exchange.wrong_passphrase", "{err}");
    assert_eq!(err.to_string(), "the passphrase does not open the exchange file");
    let mut cut = sealed.clone();
    cut.truncate(sealed.len() - 20);
    assert_eq!(exchange::read_with(&cut, Some(&pass(SECRET))).unwrap_err().code(), "exchange.malformed", "a cut file is damaged");

    let theirs = Scratch::new();
    let mut store = theirs.store();
    let report = store.import_exchange(&exchange::read_with(&sealed, Some(&pass(SECRET))).unwrap()).unwrap();
    assert_eq!(store.sections(report.paper_id).unwrap(), {
        let ours = ours.store();
        ours.sections(id).unwrap().into_iter().map(|s| chancery_core::Section { id: s.id, paper_id: report.paper_id, ..s }).collect::<Vec<_>>()
    });
}

#[test]
fn the_cli_takes_the_passphrase_from_the_environment_or_stdin() {
    let scratch = Scratch::new();
    stdout(chancery(&scratch).args(["paper", "new", "--title", "Statement on capacity-building"]));
    chancery(&scratch).args(["store", "encrypt"]).env("CHANCERY_PASSPHRASE", SECRET).assert().success();

    let missing = chancery(&scratch).args(["paper", "list"]).env_remove("CHANCERY_PASSPHRASE").assert().failure();
    let said = String::from_utf8_lossy(&missing.get_output().stderr).into_owned();
    assert!(said.contains("set CHANCERY_PASSPHRASE or give --passphrase-stdin") && said.contains("[passphrase.missing]"), "{said}");

    let listed = stdout(chancery(&scratch).args(["paper", "list"]).env("CHANCERY_PASSPHRASE", SECRET));
    assert!(listed.contains("Statement on capacity-building"), "{listed}");
    let listed = stdout(chancery(&scratch).args(["paper", "list", "--passphrase-stdin"]).env_remove("CHANCERY_PASSPHRASE").write_stdin(format!("{SECRET}\n")));
    assert!(listed.contains("Statement on capacity-building"), "{listed}");

    let wrong = chancery(&scratch).args(["paper", "list", "--passphrase-stdin"]).write_stdin(format!("{OTHER}\n")).assert().failure();
    let said = String::from_utf8_lossy(&wrong.get_output().stderr).into_owned();
    assert!(said.contains("the passphrase does not open") && said.contains("[store.wrong_passphrase]"), "{said}");
    let empty = chancery(&scratch).args(["paper", "list", "--passphrase-stdin"]).write_stdin("").assert().failure();
    assert!(String::from_utf8_lossy(&empty.get_output().stderr).contains("standard input has no line"));

    // Changing it: the current passphrase, then the new one, each on its own line.
    chancery(&scratch).args(["store", "passphrase", "--passphrase-stdin"]).write_stdin(format!("{SECRET}\n{OTHER}\n")).assert().success();
    stdout(chancery(&scratch).args(["paper", "list"]).env("CHANCERY_PASSPHRASE", OTHER));
    chancery(&scratch).args(["store", "decrypt"]).env("CHANCERY_PASSPHRASE", OTHER).assert().success();
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Plain);
}

#[test]
fn the_cli_exports_and_imports_an_encrypted_exchange_file() {
    let ours = Scratch::new();
    let id = plain_store_with_a_paper(&ours).to_string();
    let out = ours.dir.path().join("position.chancery");
    chancery(&ours).args(["paper", "export", &id, "--exchange"]).arg(&out).arg("--encrypt").env("CHANCERY_EXCHANGE_PASSPHRASE", SECRET).assert().success();
    assert!(exchange::is_encrypted(&std::fs::read(&out).unwrap()));

    let theirs = Scratch::new();
    let asked = chancery(&theirs).args(["paper", "import"]).arg(&out).env_remove("CHANCERY_EXCHANGE_PASSPHRASE").assert().failure();
    assert!(String::from_utf8_lossy(&asked.get_output().stderr).contains("CHANCERY_EXCHANGE_PASSPHRASE"));
    let wrong = chancery(&theirs).args(["paper", "import", "--passphrase-stdin"]).arg(&out).write_stdin(format!("{OTHER}\n")).assert().failure();
    assert!(String::from_utf8_lossy(&wrong.get_output().stderr).contains("[exchange.wrong_passphrase]"));
    let imported = stdout(chancery(&theirs).args(["paper", "import", "--passphrase-stdin"]).arg(&out).write_stdin(format!("{SECRET}\n")));
    assert_eq!(imported.lines().next(), Some("1"), "{imported}");
    assert!(stdout(chancery(&theirs).args(["paper", "list"])).contains("international law"));
}

#[test]
fn a_damaged_start_is_told_as_damage_when_the_backups_open_with_the_passphrase() {
    let scratch = encrypted_with_a_backup();
    let mut bytes = std::fs::read(scratch.db()).unwrap();
    for b in &mut bytes[16..200] {
        *b ^= 0x5a;
    }
    std::fs::write(scratch.db(), &bytes).unwrap();
    let err = Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap_err();
    assert_eq!(err.code(), "store.damaged", "{err}");
    assert_eq!(Store::open_with_passphrase(&scratch.db(), &pass(OTHER)).unwrap_err().code(), "store.wrong_passphrase");
    assert_eq!(std::fs::read(scratch.db()).unwrap(), bytes, "the damaged file was changed");
    let good = backup::latest_good(&scratch.db(), Some(&pass(SECRET))).expect("the backup is offered");
    backup::restore(&good, &scratch.db(), "x", Some(&pass(SECRET))).unwrap();
    assert_eq!(Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap().papers().unwrap().len(), 1);
}

#[test]
fn a_store_another_program_still_reads_is_not_converted_under_it() {
    let scratch = Scratch::new();
    plain_store_with_a_paper(&scratch);
    // Another open connection (a CLI command, say) keeps the write-ahead log alive.
    let reader = scratch.store();
    let before = std::fs::read(scratch.db()).unwrap();
    let err = store::encrypt(&scratch.db(), &pass(SECRET)).unwrap_err();
    assert_eq!(err.code(), "store.busy", "{err}");
    assert_eq!(std::fs::read(scratch.db()).unwrap(), before);
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Plain);
    drop(reader);
    store::encrypt(&scratch.db(), &pass(SECRET)).unwrap();
}

#[test]
fn the_app_changes_the_encryption_of_the_store_it_holds_locked() {
    let scratch = Scratch::new();
    let paper = plain_store_with_a_paper(&scratch);
    let held = store::AppLock::acquire(&scratch.db()).unwrap();
    // Another program cannot convert the store the app holds...
    assert_eq!(store::encrypt(&scratch.db(), &pass(SECRET)).unwrap_err().code(), "store.in_use");
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Plain);
    // ...but the app, holding the lock, can: on, a new passphrase, and off again.
    store::change(&held, &scratch.db(), store::EncryptionChange::Encrypt(&pass(SECRET))).unwrap();
    assert_eq!(store::file_kind(&scratch.db()).unwrap(), FileKind::Encrypted);
    store::change(&held, &scratch.db(), store::EncryptionChange::Rekey(&pass(SECRET), &pass(OTHER))).unwrap();
    assert_eq!(Store::open_with_passphrase(&scratch.db(), &pass(SECRET)).unwrap_err().code(), "store.wrong_passphrase");
    store::change(&held, &scratch.db(), store::EncryptionChange::Decrypt(&pass(OTHER))).unwrap();
    assert_eq!(Store::open(&scratch.db()).unwrap().versions(paper).unwrap().len(), 2);
}
