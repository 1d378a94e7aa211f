//! The store: one SQLite file that holds a user's papers, the framework pack they were
//! made with, and (in later parts) the library, annotations and versions.
//!
//! Opening is careful: a file that is not ours, is damaged, or was written by a newer
//! Chancery is refused with a message that says so, and is never written to. A store may
//! be encrypted (SQLCipher): it is then opened with its passphrase, which is applied before
//! anything else reads the file.

mod annotations;
pub mod backup;
mod checklist;
mod encryption;
mod export;
mod error;
mod exchange;
mod library;
mod location;
mod lock;
mod papers;
mod proposals;
mod schema;
mod submission;
mod versions;
mod word;
mod word_limit;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::clock::Clock;
use crate::framework::Framework;
use crate::passphrase::Passphrase;

pub use encryption::{Conversion, EncryptionChange, change, change_passphrase, decrypt, encrypt};
pub use error::StoreError;
pub use library::{PaperHit, Search, SearchHit};
pub use location::{default_path, resolve_path};
pub use lock::AppLock;
pub use word::ImportedPaper;
#[doc(hidden)]
pub use schema::{LATEST as SCHEMA_VERSION, migrate_to};

/// `PRAGMA application_id` of a Chancery store: "CHNC".
pub const APPLICATION_ID: i32 = 0x4348_4E43;

/// How long a writer waits for another process's transaction to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Chancery store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    framework: Framework,
    clock: Clock,
    /// Kept in memory to lock the backups with the same key; wiped when the store closes.
    passphrase: Option<Passphrase>,
}

/// What a store file is, judged from its first bytes and size without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: a store not yet made.
    New,
    Plain,
    /// Encrypted with SQLCipher: it opens only with its passphrase.
    Encrypted,
}

/// Tells a plain store from an encrypted one and refuses a file that is neither. An SQLite
/// file starts with "SQLite format 3"; an SQLCipher file starts with random salt, and is a
/// whole number of pages long, which text, PDF or office files practically never are.
pub fn file_kind(path: &Path) -> Result<FileKind, StoreError> {
    use std::io::Read;
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::New),
        Err(e) => return Err(io(e)),
    };
    let size = file.metadata().map_err(io)?.len();
    let mut header = Vec::with_capacity(16);
    file.take(16).read_to_end(&mut header).map_err(io)?;
    // An empty file is a store not yet made, as SQLite itself treats it.
    if header.is_empty() {
        Ok(FileKind::New)
    } else if header == b"SQLite format 3\0" {
        Ok(FileKind::Plain)
    } else if size >= CIPHER_PAGE && size % CIPHER_PAGE == 0 {
        Ok(FileKind::Encrypted)
    } else {
        Err(StoreError::NotAStore { path: path.to_path_buf() })
    }
}

/// SQLCipher's page size, which Chancery never changes: an encrypted store is a whole
/// number of them.
const CIPHER_PAGE: u64 = 4096;

/// Opens a connection to the file and, for an encrypted store, applies the key before
/// anything else reads it; a key that does not decrypt the first page is a wrong passphrase.
pub(crate) fn connect(path: &Path, flags: OpenFlags, passphrase: Option<&Passphrase>) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::at(path, e))?;
    if let Some(passphrase) = passphrase {
        apply_key(&conn, passphrase).map_err(|e| StoreError::at(path, e))?;
        let probe = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0));
        if let Err(e) = probe {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => StoreError::WrongPassphrase { path: path.to_path_buf() },
                _ => StoreError::at(path, e),
            });
        }
    }
    Ok(conn)
}

/// `PRAGMA key`, in a statement that is wiped after use.
pub(crate) fn apply_key(conn: &Connection, passphrase: &Passphrase) -> rusqlite::Result<()> {
    // SQLCipher logs a wrong key or a damaged page to stderr by default; our errors say it.
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(())).optional()?;
    let mut sql = zeroize::Zeroizing::new(String::from("PRAGMA key = "));
    sql.push_str(&passphrase.sql_literal());
    conn.execute_batch(&sql)
}

/// Whether one of the newest backups opens with the passphrase: then a store it does not
/// open is damaged at its start, not locked with another passphrase.
fn opens_a_backup(path: &Path, passphrase: &Passphrase) -> bool {
    backup::list(path).iter().take(3).any(|b| backup::verify(b, Some(passphrase)).is_ok())
}

/// Checks that the kind of file and the passphrase (or its absence) go together.
fn check_kind(path: &Path, passphrase: Option<&Passphrase>) -> Result<(), StoreError> {
    match (file_kind(path)?, passphrase) {
        (FileKind::Encrypted, None) => Err(StoreError::Encrypted { path: path.to_path_buf() }),
        (FileKind::Plain, Some(_)) => Err(StoreError::NotEncrypted { path: path.to_path_buf() }),
        _ => Ok(()),
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and its folder) if there is none, and brings
    /// its schema and framework up to this version of Chancery.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_clock(path, Clock::system())
    }

    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Store, StoreError> {
        Store::open_with(path, clock, crate::framework::BUILTIN_PACK)
    }

    /// Opens with a given clock and a given framework pack in place of the built-in one.
    pub fn open_with(path: &Path, clock: Clock, pack: &str) -> Result<Store, StoreError> {
        Store::open_keyed(path, clock, pack, None)
    }

    /// Opens an encrypted store, or creates one if there is no store at `path`. A plain
    /// store is refused ([`StoreError::NotEncrypted`]): encrypt it with [`encrypt`].
    pub fn open_with_passphrase(path: &Path, passphrase: &Passphrase) -> Result<Store, StoreError> {
        Store::open_keyed(path, Clock::system(), crate::framework::BUILTIN_PACK, Some(passphrase.clone()))
    }

    fn open_keyed(path: &Path, clock: Clock, pack: &str, passphrase: Option<Passphrase>) -> Result<Store, StoreError> {
        check_kind(path, passphrase.as_ref())?;
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|source| StoreError::Io { path: folder.to_path_buf(), source })?;
        }
        let mut conn = match connect(path, OpenFlags::default(), passphrase.as_ref()) {
            Err(StoreError::WrongPassphrase { .. }) if passphrase.as_ref().is_some_and(|p| opens_a_backup(path, p)) => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: "its first page does not decrypt, yet its backups open with this passphrase".into(),
                });
            }
            other => other?,
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| StoreError::at(path, e))?;
        inspect(&conn, path)?;
        // WAL lets the app read while the CLI writes; FULL makes each commit durable.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| StoreError::at(path, e))?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(|e| StoreError::at(path, e))?;
        conn.pragma_update(None, "foreign_keys", true).map_err(|e| StoreError::at(path, e))?;
        schema::migrate(&mut conn).map_err(|e| StoreError::at(path, e))?;
        let framework = schema::install_framework(&mut conn, pack)
            .map_err(|e| StoreError::at(path, e))?;
        Ok(Store { conn, path: path.to_path_buf(), framework, clock, passphrase })
    }

    pub fn is_encrypted(&self) -> bool {
        self.passphrase.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The framework this store works with: the newer of its own copy and the built-in pack.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }
}

/// Reads what the file says of itself before anything is written to it.
pub(crate) fn inspect(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let read = |e: rusqlite::Error| StoreError::at(path, e);
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(read)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))
        .map_err(read)?;
    let fresh = application_id == 0 && tables == 0;
    if !fresh && application_id != APPLICATION_ID {
        return Err(StoreError::Foreign { path: path.to_path_buf() });
    }
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(read)?;
    let supported = schema::LATEST;
    if found > supported {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, supported });
    }
    let verdict: Option<String> = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .optional()
        .map_err(read)?;
    match verdict.as_deref() {
        Some("ok") | None => Ok(()),
        Some(detail) => Err(StoreError::Damaged { path: path.to_path_buf(), detail: detail.to_string() }),
    }
}
