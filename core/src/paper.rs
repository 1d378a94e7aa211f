//! Papers and their sections: what a delegation writes.

use serde::{Deserialize, Serialize};

/// Where a paper stands on its way out of the ministry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PaperStatus {
    #[default]
    Draft,
    InReview,
    Final,
    Submitted,
}

impl PaperStatus {
    pub const ALL: [PaperStatus; 4] =
        [PaperStatus::Draft, PaperStatus::InReview, PaperStatus::Final, PaperStatus::Submitted];

    pub fn as_str(self) -> &'static str {
        match self {
            PaperStatus::Draft => "draft",
            PaperStatus::InReview => "in-review",
            PaperStatus::Final => "final",
            PaperStatus::Submitted => "submitted",
        }
    }

    pub fn parse(text: &str) -> Option<PaperStatus> {
        PaperStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A paper: a national position, comments on a Chair's draft, a contribution, a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paper {
    pub id: i64,
    pub title: String,
    pub delegation: String,
    /// The template it was made from, which names the kind of paper.
    pub kind: String,
    /// An official UN language code: en, fr, es, ru, ar, zh.
    pub language: String,
    pub status: PaperStatus,
    /// The process it is written for, by framework id.
    pub process: Option<String>,
    /// The meeting, session or agenda item, in the drafter's words.
    pub meeting: Option<String>,
    /// The date the paper carries (YYYY-MM-DD), for the closing place-and-date line.
    pub date: Option<String>,
    pub place: Option<String>,
    /// The word limit the drafter set for this paper; when None its kind's applies
    /// (`Store::word_limit` gives the one that applies).
    pub word_limit: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
}

/// A section of a paper: ordered, tied to a pillar or a free-standing part, markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub id: i64,
    pub paper_id: i64,
    pub position: i64,
    /// None for text that stands before a paper's first heading.
    pub heading: Option<String>,
    /// The markdown heading level it is written with, 1 or 2.
    pub level: u8,
    pub pillar: Option<String>,
    pub part: Option<String>,
    /// Guidance shown beside the text while drafting; never part of the paper's text.
    pub prompts: Vec<String>,
    pub body: String,
    /// Marked as reviewed by whoever reviews the paper.
    pub reviewed: bool,
    pub updated_at: String,
}

/// How far a section has come, as the sidebar marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionProgress {
    Empty,
    Drafted,
    Reviewed,
}

impl Section {
    pub fn progress(&self) -> SectionProgress {
        if self.reviewed {
            SectionProgress::Reviewed
        } else if self.body.trim().is_empty() {
            SectionProgress::Empty
        } else {
            SectionProgress::Drafted
        }
    }
}

/// What it takes to start a paper.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPaper {
    pub title: String,
    #[serde(default)]
    pub delegation: Option<String>,
    /// A template id; "blank" when absent.
    #[serde(default)]
    pub template: Option<String>,
    /// A language code; "en" when absent.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub process: Option<String>,
}

/// Changes to a paper's details; absent fields stay as they are, empty text clears a field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaperPatch {
    pub title: Option<String>,
    pub delegation: Option<String>,
    pub language: Option<String>,
    pub status: Option<PaperStatus>,
    pub process: Option<String>,
    pub meeting: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
}

/// A section to add to a paper.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewSection {
    pub heading: String,
    #[serde(default)]
    pub pillar: Option<String>,
    /// The section it goes after; at the end when absent.
    #[serde(default)]
    pub after: Option<i64>,
}

/// Changes to a section; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionPatch {
    pub heading: Option<String>,
    pub body: Option<String>,
    /// `Some(None)` unties the section from its pillar.
    #[serde(default, deserialize_with = "present")]
    pub pillar: Option<Option<String>>,
    pub reviewed: Option<bool>,
}

/// Tells a field given as `null` (Some(None)) from a field left out (None).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}
