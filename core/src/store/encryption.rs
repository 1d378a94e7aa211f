//! Turning a store's encryption on or off, and changing its passphrase.
//!
//! Encrypting or decrypting writes the store anew beside itself (`sqlcipher_export`),
//! checks the new file (integrity check, the same rows in every table), and renames it over
//! the old one. The old file is not kept: a plain copy lying beside an encrypted store would
//! defeat the encryption, and an encrypted one kept after decrypting would only hold the
//! same words under a passphrase the user has given up. The backups are converted the same
//! way, so every backup opens as the store does. Changing the passphrase rekeys the store
//! and its backups in place (`PRAGMA rekey`, itself one transaction).
//!
//! The store must not be open elsewhere meanwhile: the app's lock is taken.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, AppLock, StoreError, backup, connect, inspect};
use crate::passphrase::Passphrase;

/// What a conversion did beside the store itself.
#[derive(Debug, Default)]
pub struct Conversion {
    /// Backups converted with the store.
    pub backups: Vec<PathBuf>,
    /// Backups that could not be converted (damaged, or under another passphrase), with why.
    /// They are left as they were.
    pub skipped: Vec<(PathBuf, StoreError)>,
}

/// A change of a store's encryption.
#[derive(Debug, Clone, Copy)]
pub enum EncryptionChange<'a> {
    /// A plain store encrypted under the passphrase.
    Encrypt(&'a Passphrase),
    /// An encrypted store written back as a plain one.
    Decrypt(&'a Passphrase),
    /// An encrypted store put under a new passphrase: the current one, then the new.
    Rekey(&'a Passphrase, &'a Passphrase),
}

/// Encrypts a plain store under `passphrase`, with its backups.
pub fn encrypt(path: &Path, passphrase: &Passphrase) -> Result<Conversion, StoreError> {
    change(&AppLock::acquire(path)?, path, EncryptionChange::Encrypt(passphrase))
}

/// Writes an encrypted store back as a plain one, with its backups.
pub fn decrypt(path: &Path, passphrase: &Passphrase) -> Result<Conversion, StoreError> {
    change(&AppLock::acquire(path)?, path, EncryptionChange::Decrypt(passphrase))
}

/// Puts an encrypted store and its backups under a new passphrase.
pub fn change_passphrase(path: &Path, current: &Passphrase, new: &Passphrase) -> Result<Conversion, StoreError> {
    change(&AppLock::acquire(path)?, path, EncryptionChange::Rekey(current, new))
}

/// Makes `change` to the store at `path` and its backups. `_held` is the app's lock on the
/// store, which whoever calls must hold (the app holds it while its window is open; the
/// store itself must be closed meanwhile).
pub fn change(_held: &AppLock, path: &Path, change: EncryptionChange) -> Result<Conversion, StoreError> {
    if !path.exists() {
        return Err(StoreError::Io { path: path.to_path_buf(), source: std::io::ErrorKind::NotFound.into() });
    }
    match change {
        EncryptionChange::Encrypt(to) => convert(path, None, Some(to)),
        EncryptionChange::Decrypt(from) => convert(path, Some(from), None),
        EncryptionChange::Rekey(current, new) => {
            rekey(path, current, new)?;
            Ok(for_each_backup(path, |b| rekey(b, current, new)))
        }
    }
}

fn convert(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<Conversion, StoreError> {
    rewrite(path, from, to)?;
    Ok(for_each_backup(path, |b| rewrite(b, from, to)))
}

fn for_each_backup(store: &Path, mut convert: impl FnMut(&Path) -> Result<(), StoreError>) -> Conversion {
    let mut done = Conversion::default();
    for file in backup::list(store) {
        match convert(&file) {
            Ok(()) => done.backups.push(file),
            Err(e) => done.skipped.push((file, e)),
        }
    }
    done
}

/// Writes the store at `path` anew under `to` (or none), checks it, and puts it in place.
fn rewrite(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<(), StoreError> {
    super::check_kind(path, from)?;
    // CREATE too: ATTACH opens the new file with the flags of this connection.
    let source = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE, from)?;
    inspect(&source, path)?;
    let counts = row_counts(&source).map_err(|e| StoreError::at(path, e))?;
    let version: i64 = source.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| StoreError::at(path, e))?;

    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".converting");
    let fresh = path.with_file_name(name);
    remove_with_sidecars(&fresh);
    let written = export(&source, &fresh, to, version);
    drop(source);
    // Closing the last connection folds the write-ahead log into the file and removes it; a
    // log still there belongs to another open connection, and would be replayed onto the new
    // file after the rename.
    let in_use = sidecar(path, "-wal").metadata().is_ok_and(|m| m.len() > 0);
    let checked = written.and_then(|()| check(&fresh, to, &counts));
    if let Err(e) = if in_use { Err(StoreError::Busy { path: path.to_path_buf() }) } else { checked } {
        remove_with_sidecars(&fresh);
        return Err(e);
    }
    std::fs::rename(&fresh, path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })
}

/// `sqlcipher_export` copies the schema and rows; the header fields that make the file a
/// Chancery store of a given schema are set after it.
fn export(source: &Connection, to: &Path, key: Option<&Passphrase>, version: i64) -> Result<(), StoreError> {
    let at = |e| StoreError::at(to, e);
    let target = to.to_str().ok_or_else(|| StoreError::invalid("store", "the store's path is not valid UTF-8"))?;
    // Bound, not spliced into the SQL: an empty key writes a plain file.
    source
        .execute("ATTACH DATABASE ?1 AS converted KEY ?2", (target, key.map_or("", |k| k.expose())))
        .map_err(at)?;
    let exported = source
        .query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))
        .and_then(|()| source.pragma_update(Some("converted"), "user_version", version))
        .and_then(|()| source.pragma_update(Some("converted"), "application_id", APPLICATION_ID))
        .and_then(|()| source.pragma_update(Some("converted"), "journal_mode", "WAL"));
    let detached = source.execute_batch("DETACH DATABASE converted");
    exported.and(detached).map_err(at)
}

/// The new file must be sound and hold exactly the rows the old one held.
fn check(file: &Path, key: Option<&Passphrase>, expected: &[(String, i64)]) -> Result<(), StoreError> {
    let conn = connect(file, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
    let at = |e| StoreError::at(file, e);
    let verdict: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0)).map_err(at)?;
    if verdict != "ok" {
        return Err(StoreError::Damaged { path: file.to_path_buf(), detail: verdict });
    }
    let found = row_counts(&conn).map_err(at)?;
    if found != expected {
        return Err(StoreError::Damaged {
            path: file.to_path_buf(),
            detail: "the converted copy does not hold the same rows as the store".into(),
        });
    }
    Ok(())
}

fn row_counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut tables = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
    let names: Vec<String> = tables.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    names
        .into_iter()
        .map(|name| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")), [], |r| r.get(0))?;
            Ok((name, n))
        })
        .collect()
}

fn rekey(path: &Path, current: &Passphrase, new: &Passphrase) -> Result<(), StoreError> {
    super::check_kind(path, Some(current))?;
    let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, Some(current))?;
    inspect(&conn, path)?;
    let mut sql = zeroize::Zeroizing::new(String::from("PRAGMA rekey = "));
    sql.push_str(&new.sql_literal());
    conn.execute_batch(&sql).map_err(|e| StoreError::at(path, e))
}

fn remove_with_sidecars(file: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sidecar(file, suffix));
    }
}

fn sidecar(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}
