//! Backups of the store: copies taken with SQLite's online backup API (consistent even while
//! the app writes), kept in a `backups` folder beside the store and rotated, and a restore
//! that never destroys the file it replaces. The backup of an encrypted store is locked
//! with the same passphrase.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError};
use crate::passphrase::Passphrase;

/// How many automatic backups are kept; older ones are removed.
pub const KEPT: usize = 10;

/// The folder the store's backups go to.
pub fn folder(store: &Path) -> PathBuf {
    store.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The store's backups, newest first (their names sort by the time they were taken).
pub fn list(store: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder(store))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite3"))
        .collect();
    found.sort();
    found.reverse();
    found
}

/// When the backup at `file` was taken, as its name says ("2026-11-23T15:30:12Z", in UTC as
/// the store's clock gives it), or None for a file not named as Chancery names its backups.
pub fn taken(file: &Path) -> Option<String> {
    let stamp = file.file_stem()?.to_str()?.strip_prefix("chancery-")?;
    let digits = stamp.get(..14).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let part = |r: std::ops::Range<usize>| &digits[r];
    Some(format!("{}-{}-{}T{}:{}:{}Z", part(0..4), part(4..6), part(6..8), part(8..10), part(10..12), part(12..14)))
}

/// The newest backup that opens (with the passphrase, for an encrypted store) as a sound
/// Chancery store.
pub fn latest_good(store: &Path, passphrase: Option<&Passphrase>) -> Option<PathBuf> {
    list(store).into_iter().find(|b| verify(b, passphrase).is_ok())
}

/// Checks that a file is a whole, sound Chancery store, without writing to it.
pub fn verify(file: &Path, passphrase: Option<&Passphrase>) -> Result<(), StoreError> {
    if !file.exists() {
        return Err(StoreError::Io { path: file.to_path_buf(), source: std::io::ErrorKind::NotFound.into() });
    }
    super::check_kind(file, passphrase)?;
    let conn = super::connect(file, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
    super::inspect(&conn, file)
}

/// Copies the database of `from` into the file `to` with SQLite's online backup API, the
/// copy locked with `passphrase` when there is one (SQLCipher copies page by page between
/// databases under the same key).
pub(crate) fn copy(from: &Connection, to: &Path, passphrase: Option<&Passphrase>) -> Result<(), StoreError> {
    let at = |e| StoreError::at(to, e);
    let mut dest = Connection::open(to).map_err(at)?;
    if let Some(passphrase) = passphrase {
        super::apply_key(&dest, passphrase).map_err(at)?;
    }
    let backup = Backup::new(from, &mut dest).map_err(at)?;
    backup.run_to_completion(100, std::time::Duration::from_millis(10), None).map_err(at)
}

impl Store {
    /// Writes a consistent copy of the store to `to`.
    pub fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        if let Some(folder) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::Io { path: folder.to_path_buf(), source })?;
        }
        copy(&self.conn, to, self.passphrase.as_ref())
    }

    /// Takes a backup into the store's `backups` folder and keeps only the newest [`KEPT`].
    pub fn backup_now(&self) -> Result<PathBuf, StoreError> {
        let stamp: String = self.clock.now().chars().filter(char::is_ascii_digit).take(14).collect();
        let mut to = folder(&self.path).join(format!("chancery-{stamp}.sqlite3"));
        let mut n = 1;
        while to.exists() {
            n += 1;
            to = folder(&self.path).join(format!("chancery-{stamp}-{n}.sqlite3"));
        }
        self.backup_to(&to)?;
        for old in list(&self.path).into_iter().skip(KEPT) {
            let _ = std::fs::remove_file(old);
        }
        Ok(to)
    }

    /// Takes a backup if the newest one is older than a day (or there is none).
    pub fn backup_if_due(&self) -> Result<Option<PathBuf>, StoreError> {
        let today: String = self.clock.now().chars().filter(char::is_ascii_digit).take(8).collect();
        let newest_day = list(&self.path).first().and_then(|p| {
            p.file_stem()?.to_str()?.strip_prefix("chancery-").map(|s| s.chars().take(8).collect::<String>())
        });
        if newest_day.as_deref() == Some(today.as_str()) { Ok(None) } else { self.backup_now().map(Some) }
    }
}

/// Puts the backup `from` in place of the store at `store`. The file it replaces is kept
/// beside it (renamed with `.replaced-…`), whether it was sound or damaged. The backup of an
/// encrypted store needs its passphrase, and the restored store is encrypted as it was.
pub fn restore(from: &Path, store: &Path, stamp: &str, passphrase: Option<&Passphrase>) -> Result<(), StoreError> {
    verify(from, passphrase)?;
    if store.exists() {
        let mut aside = store.as_os_str().to_os_string();
        aside.push(format!(".replaced-{stamp}"));
        let aside = PathBuf::from(aside);
        std::fs::rename(store, &aside).map_err(|source| StoreError::Io { path: store.to_path_buf(), source })?;
        // The write-ahead log belongs to the file set aside, not to the restored one.
        for suffix in ["-wal", "-shm"] {
            let mut side = store.as_os_str().to_os_string();
            side.push(suffix);
            let mut moved = aside.as_os_str().to_os_string();
            moved.push(suffix);
            let _ = std::fs::rename(&side, &moved);
        }
    }
    let source = super::connect(from, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
    copy(&source, store, passphrase)
}
