//! The library of agreed texts: the resolutions, reports and other documents delegations
//! cite and quote, each split into the paragraphs the document numbers ("13", "13(a)",
//! "annex I, 3").
//!
//! `mod.rs` holds the nouns (`AgreedText`, `Paragraph`, `Symbol`, `Adoption`, `Kind`);
//! `read.rs` gets text out of the files users have (txt, markdown, DOCX, PDF); `split.rs`
//! turns that text into labelled paragraphs; `check.rs` compares quotations in a paper
//! with the agreed text they cite; `cite.rs` writes a reference out in full for a footnote.
//! Storing and searching live in `store/library.rs`.

pub mod check;
pub mod cite;
pub mod read;
pub mod split;

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::ErrorCode;

pub use check::{CheckReport, Deviation, Unresolved, UnresolvedReason, Verified};
pub use split::{Split, SplitParagraph};

/// A UN document symbol ("A/RES/73/27", "A/AC.292/2025/CRP.1", "A/70/174/Add.1"), or the
/// key of another agreed text written the same way ("ETS/185").
///
/// Parsing forgives case and spaces around `/` and `.`, and writes the symbol as the UN
/// does: upper case, with the suffixes Add., Rev., Corr. and Amend. in title case. The
/// resolution A/RES/73/27 and the document A/73/27 stay different symbols; "resolution
/// 73/27" is read as A/RES/73/27.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Symbol(String);

impl Symbol {
    pub fn parse(text: &str) -> Result<Symbol, LibraryError> {
        let invalid = |reason: &str| LibraryError::InvalidSymbol { symbol: text.trim().to_string(), reason: reason.to_string() };
        let trimmed = text.trim();
        if let Some(number) = strip_prefix_ignore_case(trimmed, "resolution ") {
            return Symbol::parse(&format!("A/RES/{}", number.trim()));
        }
        // Spaces next to a separator are forgiven ("A/ 70/174", "CRP. 1"); others are not.
        let mut compact = String::with_capacity(trimmed.len());
        let chars: Vec<char> = trimmed.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
                let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if matches!(before, Some('/' | '.')) || matches!(after, Some('/' | '.')) {
                    continue;
                }
                return Err(invalid("a symbol has no spaces inside its parts"));
            }
            compact.push(c);
        }
        if compact.is_empty() {
            return Err(invalid("a symbol is needed"));
        }
        if compact.len() > 80 {
            return Err(invalid("a symbol is at most 80 characters"));
        }
        let parts: Vec<&str> = compact.split('/').collect();
        if parts.len() < 2 {
            return Err(invalid("a symbol has parts separated by \"/\", such as A/70/174"));
        }
        if parts.iter().any(|p| p.is_empty()) {
            return Err(invalid("a symbol has no empty part"));
        }
        if !parts[0].chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(invalid("a symbol starts with the letters of the organ, such as A or S"));
        }
        if let Some(bad) = compact.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))) {
            return Err(invalid(&format!("\"{bad}\" has no place in a symbol")));
        }
        let written: Vec<String> = parts.iter().map(|part| normal_case(part)).collect();
        Ok(Symbol(written.join("/")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "73/27" for a General Assembly resolution A/RES/73/27.
    pub fn resolution_number(&self) -> Option<&str> {
        self.0.strip_prefix("A/RES/")
    }
}

/// Upper case, except the suffixes the UN writes in title case.
fn normal_case(part: &str) -> String {
    let upper = part.to_ascii_uppercase();
    for suffix in ["Add.", "Rev.", "Corr.", "Amend."] {
        if let Some(rest) = upper.strip_prefix(&suffix.to_ascii_uppercase()) {
            return format!("{suffix}{rest}");
        }
    }
    upper
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Symbol {
    type Error = LibraryError;
    fn try_from(text: String) -> Result<Symbol, LibraryError> {
        Symbol::parse(&text)
    }
}

impl From<Symbol> for String {
    fn from(symbol: Symbol) -> String {
        symbol.0
    }
}

/// What kind of text a document is, which says how it may be cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Resolution,
    Report,
    ChairsSummary,
    Treaty,
    /// A national or regional position.
    Position,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Resolution, Kind::Report, Kind::ChairsSummary, Kind::Treaty, Kind::Position, Kind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Resolution => "resolution",
            Kind::Report => "report",
            Kind::ChairsSummary => "chairs-summary",
            Kind::Treaty => "treaty",
            Kind::Position => "position",
            Kind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<Kind, LibraryError> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text.trim()).ok_or_else(|| LibraryError::InvalidKind(text.to_string()))
    }
}

/// How a text was adopted: what Italy (seed 000) asks a citation to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "how")]
pub enum Adoption {
    Consensus,
    WithoutVote,
    RecordedVote { yes: u32, no: u32, abstain: u32 },
}

impl Adoption {
    /// Reads "consensus", "without-vote" or "vote:119-46-14" (in favour, against, abstaining).
    pub fn parse(text: &str) -> Result<Adoption, LibraryError> {
        let invalid = || LibraryError::InvalidAdoption(text.to_string());
        match text.trim() {
            "consensus" => Ok(Adoption::Consensus),
            "without-vote" => Ok(Adoption::WithoutVote),
            other => {
                let counts = other.strip_prefix("vote:").ok_or_else(invalid)?;
                let numbers: Vec<u32> = counts.split('-').map(|n| n.trim().parse().map_err(|_| invalid())).collect::<Result<_, _>>()?;
                match numbers[..] {
                    [yes, no, abstain] => Ok(Adoption::RecordedVote { yes, no, abstain }),
                    _ => Err(invalid()),
                }
            }
        }
    }

    /// The form `parse` reads.
    pub fn as_text(&self) -> String {
        match self {
            Adoption::Consensus => "consensus".into(),
            Adoption::WithoutVote => "without-vote".into(),
            Adoption::RecordedVote { yes, no, abstain } => format!("vote:{yes}-{no}-{abstain}"),
        }
    }

    /// "adopted by a recorded vote of 119 to 46, with 14 abstentions".
    pub fn describe(&self) -> String {
        match *self {
            Adoption::Consensus => "adopted by consensus".into(),
            Adoption::WithoutVote => "adopted without a vote".into(),
            Adoption::RecordedVote { yes, no, abstain } => {
                let abstentions = match abstain {
                    0 => String::new(),
                    1 => ", with 1 abstention".into(),
                    n => format!(", with {n} abstentions"),
                };
                format!("adopted by a recorded vote of {yes} to {no}{abstentions}")
            }
        }
    }
}

/// A document in the library: an agreed text and what is known of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgreedText {
    pub symbol: Symbol,
    /// "GGE report 2015".
    pub short_title: String,
    /// "Report of the Group of Governmental Experts on …".
    pub title: String,
    /// The issuing body: "General Assembly", "OEWG 2021–2025".
    pub body: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    pub kind: Kind,
    pub adoption: Option<Adoption>,
    pub paragraphs: usize,
    pub imported_at: String,
}

/// The document of the library that the domain calls an agreed text.
pub type Document = AgreedText;

/// What it takes to put a document in the library, besides its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewDocument {
    pub symbol: Symbol,
    pub title: String,
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub kind: Kind,
    #[serde(default)]
    pub adoption: Option<Adoption>,
}

/// One paragraph of an agreed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paragraph {
    pub symbol: Symbol,
    /// As the document numbers it: "13", "13(a)", "annex I, 3".
    pub label: String,
    pub text: String,
    /// Its place in the document, from 0.
    pub position: usize,
}

/// The label a reference's annex and paragraph point to: ("I", "3") → "annex I, 3".
pub fn label_in(annex: Option<&str>, paragraph: &str) -> String {
    match annex {
        None => paragraph.to_string(),
        Some("") => format!("annex, {paragraph}"),
        Some(name) => format!("annex {name}, {paragraph}"),
    }
}

/// The label of a resolution's preambular paragraph: "2" → "preamble, 2".
pub fn preamble_label(paragraph: &str) -> String {
    format!("preamble, {paragraph}")
}

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("\"{symbol}\" is not a document symbol: {reason}")]
    InvalidSymbol { symbol: String, reason: String },
    #[error("\"{0}\" is not a kind of document; the kinds are resolution, report, chairs-summary, treaty, position, other")]
    InvalidKind(String),
    #[error("\"{0}\" is not a way of adoption; write consensus, without-vote, or vote:YES-NO-ABSTAIN such as vote:119-46-14")]
    InvalidAdoption(String),
    #[error("\"{0}\" is not a date; write it as YYYY-MM-DD")]
    InvalidDate(String),
    #[error("{file}: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("no numbered paragraphs were found in the text; is it the document's full text?")]
    NoParagraphs,
    #[error("the label \"{0}\" appears twice in the split; fix one with a relabel")]
    DuplicateLabel(String),
    #[error("there is no paragraph labelled \"{0}\" in the split")]
    NoSuchLabel(String),
}

impl ErrorCode for LibraryError {
    fn code(&self) -> &'static str {
        match self {
            LibraryError::InvalidSymbol { .. } => "library.invalid_symbol",
            LibraryError::InvalidKind(_) => "library.invalid_kind",
            LibraryError::InvalidAdoption(_) => "library.invalid_adoption",
            LibraryError::InvalidDate(_) => "library.invalid_date",
            LibraryError::Unreadable { .. } => "library.unreadable",
            LibraryError::NoParagraphs => "library.no_paragraphs",
            LibraryError::DuplicateLabel(_) => "library.duplicate_label",
            LibraryError::NoSuchLabel(_) => "library.no_such_label",
        }
    }
}

/// Checks a YYYY-MM-DD date.
pub fn valid_date(text: &str) -> Result<String, LibraryError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), format).map(|_| text.trim().to_string()).map_err(|_| LibraryError::InvalidDate(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(text: &str) -> String {
        Symbol::parse(text).map(|s| s.0).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn symbols_are_normalised() {
        assert_eq!(sym("a/res/73/27"), "A/RES/73/27");
        assert_eq!(sym(" A/ 70 /174 "), "A/70/174");
        assert_eq!(sym("resolution 73/27"), "A/RES/73/27");
        assert_eq!(sym("A/AC.292/2025/crp. 1"), "A/AC.292/2025/CRP.1");
        assert_eq!(sym("A/70/174/add.1"), "A/70/174/Add.1");
        assert_eq!(sym("A/C.1/73/L.27/REV.1"), "A/C.1/73/L.27/Rev.1");
        assert_eq!(sym("A/75/816/Corr.1"), "A/75/816/Corr.1");
        assert_ne!(sym("A/RES/73/27"), sym("A/73/27"));
    }

    #[test]
    fn things_that_are_not_symbols_are_refused() {
        for bad in ["", "A", "A//27", "A/70 174", "70/174", "A/70/174;", "A/70/174, para. 3"] {
            assert!(Symbol::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn adoption_reads_and_describes() {
        assert_eq!(Adoption::parse("vote:119-46-14").unwrap(), Adoption::RecordedVote { yes: 119, no: 46, abstain: 14 });
        assert_eq!(Adoption::parse("vote:119-46-14").unwrap().describe(), "adopted by a recorded vote of 119 to 46, with 14 abstentions");
        assert_eq!(Adoption::parse("without-vote").unwrap().describe(), "adopted without a vote");
        assert!(Adoption::parse("vote:1-2").is_err());
        assert!(Adoption::parse("unanimous").is_err());
    }
}
