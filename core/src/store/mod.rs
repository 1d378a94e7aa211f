//! The store: one SQLite file that holds a user's papers, the framework pack they were
//! made with, and (in later parts) the library, annotations and versions.
//!
//! Opening is careful: a file that is not ours, is damaged, or was written by a newer
//! Chancery is refused with a message that says so, and is never written to.

mod annotations;
pub mod backup;
mod checklist;
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

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};

use crate::clock::Clock;
use crate::framework::Framework;

pub use error::StoreError;
pub use library::{PaperHit, Search, SearchHit};
pub use location::{default_path, resolve_path};
pub use lock::AppLock;
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
        refuse_foreign_file(path)?;
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|source| StoreError::Io { path: folder.to_path_buf(), source })?;
        }
        let mut conn = Connection::open(path).map_err(|e| StoreError::at(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| StoreError::at(path, e))?;
        inspect(&conn, path)?;
        // WAL lets the app read while the CLI writes; FULL makes each commit durable.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| StoreError::at(path, e))?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(|e| StoreError::at(path, e))?;
        conn.pragma_update(None, "foreign_keys", true).map_err(|e| StoreError::at(path, e))?;
        schema::migrate(&mut conn).map_err(|e| StoreError::at(path, e))?;
        let framework = schema::install_framework(&mut conn, pack)
            .map_err(|e| StoreError::at(path, e))?;
        Ok(Store { conn, path: path.to_path_buf(), framework, clock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The framework this store works with: the newer of its own copy and the built-in pack.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }
}

/// A non-empty file that does not start like an SQLite database is not ours to touch.
pub(crate) fn refuse_foreign_file(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    let mut header = Vec::with_capacity(16);
    file.take(16).read_to_end(&mut header).map_err(io)?;
    // An empty file is a store not yet made, as SQLite itself treats it.
    if header.is_empty() || header == b"SQLite format 3\0" {
        Ok(())
    } else {
        Err(StoreError::NotAStore { path: path.to_path_buf() })
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
