//! Where the store lives.

use std::path::PathBuf;

use super::StoreError;

/// The platform's data folder: `$XDG_DATA_HOME/chancery/chancery.sqlite3` on Linux.
pub fn default_path() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.data_dir().join("chancery").join("chancery.sqlite3"))
}

/// The store to open: the one asked for, else `CHANCERY_DB`, else the default.
pub fn resolve_path(asked: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    asked
        .or_else(|| std::env::var_os("CHANCERY_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_path)
        .ok_or_else(|| {
            StoreError::invalid(
                "store",
                "no home folder was found to keep the store in; give one with --db PATH or CHANCERY_DB",
            )
        })
}
