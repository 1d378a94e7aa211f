//! Chancery's core: the domain of a delegation's position papers and everything that
//! works on it — the store, the framework of the UN processes on ICT security, markdown
//! and its rendering. It knows nothing of Tauri, the webview or the command line; those
//! are thin hosts over this crate (see ARCHITECTURE.md).

pub mod anchor;
pub mod annotation;
pub mod checklist;
pub mod clock;
pub mod diff;
pub mod exchange;
pub mod export;
pub mod framework;
pub mod library;
pub mod markdown;
pub mod merge;
pub mod paper;
pub mod passphrase;
pub mod proposal;
pub mod reference;
pub mod store;
pub mod submission;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod version;
pub mod word;

pub use checklist::{ActionStatus, ActionUpdate, Checklist, ChecklistEntry, NormProgress};
pub use clock::Clock;
pub use framework::{Framework, Language, Pillar, Process, Template};
pub use paper::{NewPaper, NewSection, Paper, PaperPatch, PaperStatus, Section, SectionPatch, SectionProgress};
pub use passphrase::Passphrase;
pub use store::{Store, StoreError};
pub use version::{Version, VersionKind};

/// A stable, machine-readable name for an error, so hosts (the app's UI, scripts using
/// the CLI's JSON) can branch on what went wrong without parsing messages.
pub trait ErrorCode {
    fn code(&self) -> &'static str;
}
