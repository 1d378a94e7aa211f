//! Notes by legal advisers and reviewers, anchored to the words they are about. They live
//! beside the paper, never in its text, so no export can carry them by accident.

use serde::{Deserialize, Serialize};

use crate::anchor::Anchor;

/// What a person does in the delegation, as the review sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Drafter,
    LegalAdviser,
    Reviewer,
    HeadOfDelegation,
}

/// What a note says about its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationKind {
    Comment,
    LegalRisk,
    NeedsAuthority,
    /// Consistent with the national position.
    Consistent,
    ProposedWording,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationStatus {
    Open,
    Resolved,
    WontFix,
}

/// The kebab-case names these enums go by in the store, the CLI and the UI.
macro_rules! names {
    ($ty:ty { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $name),+ }
            }

            pub fn parse(text: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

names!(Role { Drafter = "drafter", LegalAdviser = "legal-adviser", Reviewer = "reviewer", HeadOfDelegation = "head-of-delegation" });
names!(AnnotationKind {
    Comment = "comment",
    LegalRisk = "legal-risk",
    NeedsAuthority = "needs-authority",
    Consistent = "consistent",
    ProposedWording = "proposed-wording",
});
names!(AnnotationStatus { Open = "open", Resolved = "resolved", WontFix = "wont-fix" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// A reply or a change of status, with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadEntry {
    pub by: Person,
    /// The reply's text; None for a change of status.
    pub reply: Option<String>,
    pub status: Option<AnnotationStatus>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation {
    pub id: i64,
    pub paper_id: i64,
    /// None once its section was deleted.
    pub section_id: Option<i64>,
    pub kind: AnnotationKind,
    /// Markdown; may cite the library.
    pub body: String,
    /// For proposed wording: the words to put in place of the quote.
    pub proposal: Option<String>,
    pub status: AnnotationStatus,
    pub author: Person,
    pub anchor: Anchor,
    /// The quoted words are gone from the text: the note is listed, not dropped.
    pub orphan: bool,
    /// Where the quote stands in the section's text, in UTF-16 code units as the editor
    /// counts; None for an orphan.
    pub range: Option<(usize, usize)>,
    pub thread: Vec<ThreadEntry>,
    pub created_at: String,
    pub updated_at: String,
}

/// A new note on the words `quote` of a section (the first place they stand, or the
/// `occurrence`-th, counting from 1).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAnnotation {
    pub section_id: i64,
    pub quote: String,
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub kind: AnnotationKind,
    pub body: String,
    #[serde(default)]
    pub proposal: Option<String>,
}

/// Which notes to list; every field left empty lets all through.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnnotationFilter {
    pub status: Option<AnnotationStatus>,
    pub kind: Option<AnnotationKind>,
    /// The author's role.
    pub role: Option<Role>,
    /// Notes in sections of this pillar.
    pub pillar: Option<String>,
    pub section_id: Option<i64>,
    pub orphans_only: Option<bool>,
}

/// A byte offset in `text` as a count of UTF-16 code units.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}
