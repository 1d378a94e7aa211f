//! Integration tests: the core and the CLI on real store files in temporary folders.

mod backup;
mod cli;
mod docx;
mod durability;
mod encryption;
mod exchange;
mod guidance;
mod hostile;
mod library;
mod papers;
mod pdf;
mod proposals;
mod review;
mod store;
mod submission;
mod versions;
mod word_limit;
mod word;

use std::path::PathBuf;

use chancery_core::{Clock, Store};
use tempfile::TempDir;
use time::macros::datetime;

/// A temporary folder holding one store file, removed when the test ends.
pub struct Scratch {
    pub dir: TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("chancery.sqlite3")
    }

    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("a scratch file");
        path
    }

    /// Opens (creating) the store with a clock fixed at 23 November 2026, 09:00 UTC.
    pub fn store(&self) -> Store {
        Store::open_with_clock(&self.db(), Clock::fixed(datetime!(2026-11-23 09:00 UTC))).expect("the store opens")
    }
}

pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
