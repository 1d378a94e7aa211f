use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::ErrorCode;
use crate::exchange::ExchangeError;
use crate::framework::PackError;
use crate::library::LibraryError;
use crate::markdown::ImportError;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{} is not a Chancery store (it is not an SQLite database); it was left untouched", path.display())]
    NotAStore { path: PathBuf },
    #[error("{} is a database of another program, not a Chancery store; it was left untouched", path.display())]
    Foreign { path: PathBuf },
    #[error(
        "{} was written by a newer version of Chancery (store schema {found}; this version reads up to {supported}); update Chancery to open it. The file was left untouched",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{} is damaged ({detail}); it was left untouched. Restore it from a backup", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{} is encrypted; open it with its passphrase", path.display())]
    Encrypted { path: PathBuf },
    #[error("{} is not encrypted, so no passphrase opens it; open it without one", path.display())]
    NotEncrypted { path: PathBuf },
    #[error("the passphrase does not open {}; the file was left untouched", path.display())]
    WrongPassphrase { path: PathBuf },
    #[error("{} is busy: another Chancery is writing to it. Try again in a moment", path.display())]
    Busy { path: PathBuf },
    #[error("{} is already open in another Chancery window; use that window, or close it first", path.display())]
    InUse { path: PathBuf },
    #[error("{} could not be read or written: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the store failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the store's schema could not be brought up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("there is no paper {0}")]
    NoSuchPaper(i64),
    #[error("there is no section {0}")]
    NoSuchSection(i64),
    #[error("there is no annotation {0}")]
    NoSuchAnnotation(i64),
    #[error("paper {paper} has no version {number}; `chancery paper versions {paper}` lists them")]
    NoSuchVersion { paper: i64, number: i64 },
    #[error("{0} is not in the library; `chancery library list` shows what is")]
    NoSuchDocument(String),
    #[error("{0} has no paragraph {1}")]
    NoSuchParagraph(String, String),
    #[error("{0} is already in the library; import with --replace to replace it")]
    DocumentExists(String),
    #[error("paper {0} has no base: it comments on no draft (start one with `chancery paper new --template comments --base SYMBOL`)")]
    NoBase(i64),
    #[error("there is no proposal {0}")]
    NoSuchProposal(i64),
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Exchange(#[from] ExchangeError),
    #[error(transparent)]
    Word(#[from] crate::word::WordError),
}

impl StoreError {
    /// Names the file in a failure of SQLite itself, and tells a locked store from a broken one.
    pub(crate) fn at(path: &Path, error: impl Into<StoreError>) -> StoreError {
        use rusqlite::ErrorCode as Sql;
        let path = path.to_path_buf();
        let sqlite_code = |e: &rusqlite::Error| e.sqlite_error_code();
        match error.into() {
            StoreError::Sqlite(e) => match sqlite_code(&e) {
                Some(Sql::NotADatabase) => StoreError::NotAStore { path },
                Some(Sql::DatabaseCorrupt) => StoreError::Damaged { path, detail: e.to_string() },
                Some(Sql::DatabaseBusy | Sql::DatabaseLocked) => StoreError::Busy { path },
                Some(Sql::CannotOpen | Sql::ReadOnly | Sql::PermissionDenied | Sql::DiskFull) => {
                    StoreError::Io { path, source: std::io::Error::other(e) }
                }
                _ => StoreError::Sqlite(e),
            },
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                StoreError::at(&path, err)
            }
            other => other,
        }
    }

    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> StoreError {
        StoreError::Invalid { field, reason: reason.into() }
    }
}

impl ErrorCode for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::NotAStore { .. } => "store.not_a_store",
            StoreError::Foreign { .. } => "store.foreign",
            StoreError::TooNew { .. } => "store.too_new",
            StoreError::Damaged { .. } => "store.damaged",
            StoreError::Encrypted { .. } => "store.encrypted",
            StoreError::NotEncrypted { .. } => "store.not_encrypted",
            StoreError::WrongPassphrase { .. } => "store.wrong_passphrase",
            StoreError::Busy { .. } => "store.busy",
            StoreError::InUse { .. } => "store.in_use",
            StoreError::Io { .. } => "store.io",
            StoreError::Sqlite(_) | StoreError::Migration(_) => "store.failed",
            StoreError::NoSuchPaper(_) => "paper.not_found",
            StoreError::NoSuchSection(_) => "section.not_found",
            StoreError::NoSuchVersion { .. } => "version.not_found",
            StoreError::NoSuchAnnotation(_) => "annotation.not_found",
            StoreError::NoSuchDocument(_) => "library.not_found",
            StoreError::NoSuchParagraph(..) => "library.no_paragraph",
            StoreError::DocumentExists(_) => "library.exists",
            StoreError::NoBase(_) => "proposal.no_base",
            StoreError::NoSuchProposal(_) => "proposal.not_found",
            StoreError::Invalid { .. } => "input.invalid",
            StoreError::Import(e) => e.code(),
            StoreError::Pack(e) => e.code(),
            StoreError::Export(e) => e.code(),
            StoreError::Library(e) => e.code(),
            StoreError::Exchange(e) => e.code(),
            StoreError::Word(e) => e.code(),
        }
    }
}
