//! The submission check: before a paper leaves the ministry, what the drafter must fix and
//! what they should look at — the word count against a limit, references that do not
//! resolve, quotations that drift from the agreed text, review notes still open, and
//! sections with nothing of the drafter's own in them.
//!
//! No I/O: `store/submission.rs` gathers the paper, its agreed-language check and its
//! open notes, and hands them to [`assess`].

use serde::Serialize;
use thiserror::Error;

use crate::ErrorCode;
use crate::annotation::{Annotation, AnnotationKind};
use crate::diff::Change;
use crate::library::CheckReport;

/// A word limit: one of the UN documents services' presets, or any number of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordLimit {
    /// Reports of the Secretariat, e.g. of the Secretary-General.
    Secretariat,
    /// Reports of intergovernmental bodies, e.g. of a working group.
    Intergovernmental,
    /// Texts issued during a session.
    InSession,
    Words(u32),
}

impl WordLimit {
    pub const PRESETS: [WordLimit; 3] = [WordLimit::Secretariat, WordLimit::Intergovernmental, WordLimit::InSession];

    pub fn words(self) -> u32 {
        match self {
            WordLimit::Secretariat => 8_500,
            WordLimit::Intergovernmental => 10_700,
            WordLimit::InSession => 3_300,
            WordLimit::Words(n) => n,
        }
    }

    /// The preset's name on the command line and across IPC; None for a plain number.
    pub fn preset(self) -> Option<&'static str> {
        match self {
            WordLimit::Secretariat => Some("secretariat"),
            WordLimit::Intergovernmental => Some("intergovernmental"),
            WordLimit::InSession => Some("in-session"),
            WordLimit::Words(_) => None,
        }
    }

    /// What the preset is for, as the documents services name it; None for a plain number.
    pub fn name(self) -> Option<&'static str> {
        match self {
            WordLimit::Secretariat => Some("Secretariat documents"),
            WordLimit::Intergovernmental => Some("Intergovernmental bodies"),
            WordLimit::InSession => Some("In-session documents"),
            WordLimit::Words(_) => None,
        }
    }

    /// A preset's name or a number of words ("8500", "8,500"); a number a preset has is
    /// that preset.
    pub fn parse(text: &str) -> Result<WordLimit, SubmissionError> {
        let text = text.trim();
        if let Some(preset) = Self::PRESETS.into_iter().find(|p| p.preset() == Some(text.to_lowercase().as_str())) {
            return Ok(preset);
        }
        let invalid = || SubmissionError::InvalidLimit(text.to_string());
        let digits: String = text.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(invalid());
        }
        match digits.parse::<u32>() {
            Ok(0) | Err(_) => Err(invalid()),
            Ok(n) => Ok(Self::from_words(n)),
        }
    }

    /// A limit of `n` words: the preset of that size, if there is one.
    pub fn from_words(n: u32) -> WordLimit {
        Self::PRESETS.into_iter().find(|p| p.words() == n).unwrap_or(WordLimit::Words(n))
    }
}

#[derive(Debug, Error)]
pub enum SubmissionError {
    #[error("\"{0}\" is not a word limit; give a number of words (e.g. 8500) or secretariat (8,500), intergovernmental (10,700) or in-session (3,300)")]
    InvalidLimit(String),
}

impl ErrorCode for SubmissionError {
    fn code(&self) -> &'static str {
        match self {
            SubmissionError::InvalidLimit(_) => "submission.invalid_limit",
        }
    }
}

/// Where the limit a report applies came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LimitSource {
    /// Chosen for this check.
    Chosen,
    /// The paper's own word limit.
    Paper,
    /// The limit of the kind of paper (its template).
    Template,
}

/// The limit a report applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedLimit {
    pub words: u32,
    /// "secretariat", "intergovernmental", "in-session"; None for a plain number.
    pub preset: Option<&'static str>,
    /// "Secretariat documents"; None for a plain number.
    pub name: Option<&'static str>,
    pub source: LimitSource,
}

impl AppliedLimit {
    pub fn new(limit: WordLimit, source: LimitSource) -> AppliedLimit {
        AppliedLimit { words: limit.words(), preset: limit.preset(), name: limit.name(), source }
    }

    /// "8,500 (Secretariat documents)", or "1,200"; "the paper's own" or "its kind's" when
    /// not chosen.
    pub fn describe(&self) -> String {
        let whose = match self.source {
            LimitSource::Chosen => None,
            LimitSource::Paper => Some("the paper's own limit"),
            LimitSource::Template => Some("the limit for its kind of paper"),
        };
        match [self.name, whose].into_iter().flatten().collect::<Vec<_>>().join("; ") {
            notes if notes.is_empty() => thousands(self.words as usize),
            notes => format!("{} ({notes})", thousands(self.words as usize)),
        }
    }
}

/// The limit a paper is held to when none is chosen: its own (`own`), else its kind's
/// (`kind`, 0 for none).
pub fn applicable_limit(own: Option<u32>, kind: u32) -> Option<AppliedLimit> {
    match own {
        Some(words) => Some(AppliedLimit::new(WordLimit::from_words(words), LimitSource::Paper)),
        None => (kind > 0).then(|| AppliedLimit::new(WordLimit::from_words(kind), LimitSource::Template)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    MustFix,
    Check,
}

impl Severity {
    /// As the drafter reads it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::MustFix => "Must fix before submission",
            Severity::Check => "Check",
        }
    }
}

/// What a finding is about, for hosts that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    OverLimit,
    UnresolvedReference,
    Deviation,
    OpenNote,
    EmptySection,
    GuidanceOnly,
}

/// One thing to fix or look at, in a section (or in the whole paper, for the count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    pub kind: FindingKind,
    /// None for the whole paper, and for notes whose section was deleted.
    pub section_id: Option<i64>,
    /// The section's heading, "(opening text)" or "Whole paper".
    pub section: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The words or reference concerned, as written in the paper.
    pub words: Option<String>,
    /// For a quotation that drifts: from the agreed text to the quotation, word by word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionReport {
    /// Counted as the exports and the editor count.
    pub words: usize,
    pub limit: Option<AppliedLimit>,
    /// Must-fix first, then by section in the paper's order.
    pub findings: Vec<Finding>,
    /// The agreed-language check the findings on references and quotations come from,
    /// with the quotations verified.
    pub agreed_language: CheckReport,
}

impl SubmissionReport {
    pub fn is_clear(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn must_fix(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::MustFix).count()
    }

    /// One line a drafter reads first.
    pub fn summary(&self) -> String {
        let count = match &self.limit {
            Some(limit) => format!("{} words, limit {}", thousands(self.words), limit.describe()),
            None => format!("{} words, no limit set", thousands(self.words)),
        };
        if self.is_clear() {
            return format!("All clear: nothing to fix or check before submission. {count}.");
        }
        let must = self.must_fix();
        let check = self.findings.len() - must;
        let parts: Vec<String> = [(must, "to fix before submission"), (check, "to check")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}", plural(n, "item")))
            .collect();
        format!("{}. {count}.", parts.join(", "))
    }
}

/// Where a finding stands, beside its severity and kind, for sorting: the section's
/// position, a rank within its kind (notes: legal risk first), where in the section.
type Order = (usize, usize, usize);

/// A section as the submission check sees it.
pub struct SectionInput<'a> {
    pub id: i64,
    pub heading: Option<&'a str>,
    pub body: &'a str,
    /// The template's guiding questions for it.
    pub prompts: &'a [String],
}

/// The report on a paper: its sections in order, its word count, the limit to apply, its
/// agreed-language check and its open review notes.
pub fn assess(sections: &[SectionInput<'_>], words: usize, limit: Option<AppliedLimit>, agreed: CheckReport, open_notes: &[Annotation]) -> SubmissionReport {
    let position = |id: Option<i64>| id.and_then(|id| sections.iter().position(|s| s.id == id)).unwrap_or(usize::MAX);
    let heading = |id: i64| sections.iter().find(|s| s.id == id).map_or_else(|| "(opening text)".to_string(), |s| section_name(s.heading));
    let mut found: Vec<(Order, Finding)> = Vec::new();

    if let Some(limit) = &limit
        && words > limit.words as usize
    {
        let over = words - limit.words as usize;
        let finding = Finding {
            severity: Severity::MustFix,
            kind: FindingKind::OverLimit,
            section_id: None,
            section: "Whole paper".into(),
            message: format!("{} words: {} over the limit of {}", thousands(words), thousands(over), limit.describe()),
            words: None,
            changes: None,
        };
        found.push(((0, 0, 0), finding));
    }
    for u in &agreed.unresolved {
        let finding = Finding {
            severity: Severity::MustFix,
            kind: FindingKind::UnresolvedReference,
            section_id: Some(u.at.section_id),
            section: u.at.section.clone(),
            message: format!("Reference does not resolve (line {}): {}", u.at.line, u.message),
            words: Some(format!("[{}]", u.reference)),
            changes: None,
        };
        found.push(((position(Some(u.at.section_id)), 0, u.at.span.start), finding));
    }
    for d in &agreed.deviations {
        let finding = Finding {
            severity: Severity::Check,
            kind: FindingKind::Deviation,
            section_id: Some(d.at.section_id),
            section: d.at.section.clone(),
            message: format!("Quotation differs from the agreed text of {} (line {})", d.reference.trim_start_matches('@'), d.at.line),
            words: Some(d.quotation.clone()),
            changes: Some(d.changes.clone()),
        };
        found.push(((position(Some(d.at.section_id)), 0, d.at.span.start), finding));
    }
    for note in open_notes {
        let finding = Finding {
            severity: Severity::Check,
            kind: FindingKind::OpenNote,
            section_id: note.section_id,
            section: note.section_id.map_or_else(|| "(section deleted)".to_string(), heading),
            message: format!("Open {} note by {}: {}", note.kind.as_str(), note.author.name, note.body.trim()),
            words: Some(note.anchor.quote.clone()),
            changes: None,
        };
        found.push(((position(note.section_id), note_rank(note.kind), note.anchor.start), finding));
    }
    for (i, s) in sections.iter().enumerate() {
        let Some(title) = s.heading.filter(|h| !h.trim().is_empty()) else { continue };
        let (kind, message) = if s.body.trim().is_empty() {
            (FindingKind::EmptySection, "The section has a heading but no text")
        } else if guidance_only(s.body, s.prompts) {
            (FindingKind::GuidanceOnly, "The section holds only the template's guiding questions, no text of the paper's own")
        } else {
            continue;
        };
        let finding = Finding { severity: Severity::Check, kind, section_id: Some(s.id), section: title.to_string(), message: message.into(), words: None, changes: None };
        found.push(((i, 0, 0), finding));
    }
    // By severity, then section, then what, then rank and place.
    found.sort_by_key(|(at, f)| (f.severity, at.0, f.kind, at.1, at.2));
    SubmissionReport { words, limit, findings: found.into_iter().map(|(_, f)| f).collect(), agreed_language: agreed }
}

fn section_name(heading: Option<&str>) -> String {
    heading.filter(|h| !h.trim().is_empty()).unwrap_or("(opening text)").to_string()
}

/// Legal risk first: it is what stops a paper.
fn note_rank(kind: AnnotationKind) -> usize {
    match kind {
        AnnotationKind::LegalRisk => 0,
        AnnotationKind::NeedsAuthority => 1,
        AnnotationKind::ProposedWording => 2,
        AnnotationKind::Comment => 3,
        AnnotationKind::Consistent => 4,
    }
}

/// Whether the body is nothing but guiding questions (as list items or quotations, too):
/// the drafter pasted the guidance in and wrote nothing of their own yet.
fn guidance_only(body: &str, prompts: &[String]) -> bool {
    let plain = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut rest = format!(" {} ", plain(&body.replace('>', " ")));
    let mut found = false;
    for prompt in prompts.iter().map(|p| plain(p)).filter(|p| !p.is_empty()) {
        if rest.contains(&prompt) {
            rest = rest.replace(&prompt, " ");
            found = true;
        }
    }
    // What is left is list markers and numbering at most.
    found && !rest.chars().any(char::is_alphabetic)
}

/// 8500 as "8,500", as the documents services write it.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_presets_or_numbers() {
        for (text, limit) in [
            ("secretariat", WordLimit::Secretariat),
            ("Intergovernmental", WordLimit::Intergovernmental),
            ("in-session", WordLimit::InSession),
            ("8500", WordLimit::Secretariat),
            ("3,300", WordLimit::InSession),
            (" 1200 ", WordLimit::Words(1200)),
        ] {
            assert_eq!(WordLimit::parse(text).unwrap(), limit, "{text}");
        }
        for bad in ["", "0", "-5", "many", "12.5", "99999999999"] {
            assert_eq!(WordLimit::parse(bad).unwrap_err().code(), "submission.invalid_limit", "{bad}");
        }
        assert_eq!(AppliedLimit::new(WordLimit::Intergovernmental, LimitSource::Chosen).describe(), "10,700 (Intergovernmental bodies)");
        assert_eq!(AppliedLimit::new(WordLimit::Words(1200), LimitSource::Paper).describe(), "1,200 (the paper's own limit)");
    }

    #[test]
    fn pasted_guidance_is_not_text() {
        let prompts = vec!["Which threats matter most to your State?".to_string(), "What has changed since the last report?".to_string()];
        assert!(guidance_only("- Which threats matter most to your State?\n\n1. What has changed since\n   the last report?", &prompts));
        assert!(!guidance_only("- Which threats matter most to your State?\n\n1. What has changed since\n   the last report?", &prompts[..1]));
        assert!(guidance_only("> which threats matter most to your state?", &prompts));
        assert!(!guidance_only("Which threats matter most to your State? Ransomware.", &prompts));
        assert!(!guidance_only("Anything", &[]));
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(8500), "8,500");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
