//! Versions of a paper: every save is part of its history.

use serde::Serialize;

/// How a version came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionKind {
    /// The paper was started in Chancery.
    Created,
    /// The paper was made from a file.
    Imported,
    /// Drafting: edits within a few minutes of each other share one version.
    Edited,
    /// The whole text was replaced from a file.
    Updated,
    /// An earlier version was brought back.
    Restored,
}

impl VersionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionKind::Created => "created",
            VersionKind::Imported => "imported",
            VersionKind::Edited => "edited",
            VersionKind::Updated => "updated",
            VersionKind::Restored => "restored",
        }
    }

    pub fn parse(text: &str) -> Option<VersionKind> {
        [VersionKind::Created, VersionKind::Imported, VersionKind::Edited, VersionKind::Updated, VersionKind::Restored]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A version of a paper, numbered from 1 in the order made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub number: i64,
    /// A name the drafter gave it ("sent to capital 12 March"); a named version is kept as it is.
    pub name: Option<String>,
    pub kind: VersionKind,
    /// For a restored version, the version it brought back.
    pub restored_from: Option<i64>,
    pub created_at: String,
    /// When it was last written: edits in quick succession update the same version.
    pub saved_at: String,
    pub words: usize,
}
