//! Export of a paper as a submission-ready PDF.
//!
//! printpdf is a PDF writer, not a typesetter: it does no shaping, bidi, line breaking,
//! footnotes or page furniture. So the typesetting is ours and backend-neutral:
//!
//! ```text
//! PaperText ─ blocks.rs ─▶ Block (headings, numbered paragraphs, lists, quotes, tables, notes)
//!           ─ shape.rs + breaking.rs ─▶ Line (shaped glyphs, hyphenated, justified)
//!           ─ paginate.rs ─▶ layout::Document (positioned glyphs, rules, links on pages)
//!           ─ pdf.rs ─▶ bytes (the only module that knows printpdf)
//! ```
//!
//! The layout engine never touches the store: it takes a [`PaperText`], which
//! `Store::paper_text` builds, or the CLI builds from a markdown file. The review PDF is a
//! `PaperText` too (`Store::review_text`), set by the same engine; annexes
//! ([`PaperText::annexes`]) start on a new page after the closing line.
//!
//! Redlines are markdown: `~~deleted~~` (or `<del>`, `<s>`) is struck through,
//! `<ins>inserted</ins>` is bold and underlined, `<u>…</u>` underlined; every word stays in
//! the text layer in reading order. Other raw HTML tags are dropped, their text kept.

mod blocks;
mod docx;
mod breaking;
mod fonts;
pub mod layout;
pub mod locale;
mod paginate;
mod pdf;
mod shape;
mod svg;

use thiserror::Error;

use crate::ErrorCode;
use crate::reference::Reference;

pub use docx::{DocxOptions, WordComment, details, docx};

/// A paper's content as the export needs it: what is printed, nothing else (no prompts,
/// no review marks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaperText {
    pub title: String,
    pub delegation: String,
    /// An official UN language code: en, fr, es, ru, ar, zh.
    pub language: String,
    /// The process, as its short name reads ("OEWG 2021–2025").
    pub process: Option<String>,
    pub meeting: Option<String>,
    /// YYYY-MM-DD, or free text.
    pub date: Option<String>,
    pub place: Option<String>,
    /// A document symbol, when the paper has one; used as the running header.
    pub symbol: Option<String>,
    pub sections: Vec<SectionText>,
    /// Annexes, each on a new page after the closing place-and-date line: the list of
    /// agreed texts cited, the checklist summary.
    pub annexes: Vec<SectionText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    /// None for text before the first heading.
    pub heading: Option<String>,
    pub level: u8,
    /// Markdown.
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaperSize {
    #[default]
    A4,
    Letter,
}

impl PaperSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.28, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        }
    }

    pub fn parse(text: &str) -> Option<PaperSize> {
        match text.to_ascii_lowercase().as_str() {
            "a4" => Some(PaperSize::A4),
            "letter" => Some(PaperSize::Letter),
            _ => None,
        }
    }
}

/// How to print: paper size and markings (off by default).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paper: PaperSize,
    /// A light grey diagonal "DRAFT" on every page.
    pub draft: bool,
    /// A classification line in the header, e.g. "RESTRICTED".
    pub marking: Option<String>,
    /// The creation date written in the metadata; passed in, never read from the clock here.
    /// Seconds since 1970-01-01 UTC.
    pub created: Option<i64>,
}

/// The text of a reference's footnote. The library of agreed texts gives the full citation
/// (symbol, title, date, how adopted); [`PlainCitations`] writes what the reference says.
pub trait CitationText {
    fn footnote(&self, reference: &Reference) -> String {
        if reference.locator.is_empty() {
            format!("{}.", reference.symbol)
        } else {
            format!("{}, {}.", reference.symbol, reference.locator)
        }
    }
}

/// "A/70/174, para. 13(a)."
pub struct PlainCitations;

impl CitationText for PlainCitations {}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("the font {path} is missing: install the Debian package {package} (apt-get install {package})")]
    FontMissing { path: String, package: &'static str },
    #[error("the font {path} could not be read: {reason}")]
    FontInvalid { path: String, reason: String },
    #[error("the PDF could not be written: {0}")]
    Writer(String),
}

impl ErrorCode for ExportError {
    fn code(&self) -> &'static str {
        match self {
            ExportError::FontMissing { .. } => "export.font_missing",
            ExportError::FontInvalid { .. } => "export.font_invalid",
            ExportError::Writer(_) => "export.writer",
        }
    }
}

/// An annex listing each document the paper cites, once, in the order first cited, with
/// its full citation (from `citations`: the library's, or the symbol as written).
pub fn cited_annex(paper: &PaperText, citations: &dyn CitationText) -> Option<SectionText> {
    let mut symbols: Vec<&str> = Vec::new();
    let found: Vec<_> = paper.sections.iter().flat_map(|s| crate::reference::citations(&s.body)).collect();
    for reference in found.iter().flat_map(|c| c.references.iter()) {
        if !symbols.contains(&reference.symbol.as_str()) {
            symbols.push(&reference.symbol);
        }
    }
    if symbols.is_empty() {
        return None;
    }
    let mut body = String::new();
    for symbol in symbols {
        let whole = Reference {
            symbol: symbol.to_string(),
            annex: None,
            preamble: false,
            paragraphs: Vec::new(),
            range: false,
            locator: String::new(),
            written: format!("@{symbol}"),
        };
        body.push_str("- ");
        body.push_str(&markdown_escape(&citations.footnote(&whole)));
        body.push('\n');
    }
    Some(SectionText { heading: Some(locale::cited_heading(&paper.language).into()), level: 1, body })
}

/// Text that markdown prints as written: its punctuation escaped.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '^') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The paper as PDF bytes, with references as plain footnotes.
pub fn pdf(paper: &PaperText, options: &Options) -> Result<Vec<u8>, ExportError> {
    pdf_with(paper, options, &PlainCitations)
}

/// The paper as PDF bytes, with reference footnotes written by `citations`.
pub fn pdf_with(paper: &PaperText, options: &Options, citations: &dyn CitationText) -> Result<Vec<u8>, ExportError> {
    let document = typeset(paper, options, citations)?;
    pdf::write(&document, paper, options)
}

/// The pages as the PDF will print them, each an SVG image, for a look before saving.
pub fn preview(paper: &PaperText, options: &Options, citations: &dyn CitationText) -> Result<Vec<String>, ExportError> {
    svg::pages(&typeset(paper, options, citations)?)
}

/// The backend-neutral pages: positioned glyphs, rules and links.
pub fn typeset(paper: &PaperText, options: &Options, citations: &dyn CitationText) -> Result<layout::Document, ExportError> {
    let content = blocks::build(paper, citations);
    paginate::paginate(&content, paper, options)
}

impl PaperText {
    /// A paper read from a markdown file (`markdown::document::parse`).
    pub fn from_document(doc: &crate::markdown::document::Document, framework: &crate::framework::Framework) -> PaperText {
        let front = &doc.front;
        let process = front
            .process
            .as_deref()
            .map(|p| framework.processes.iter().find(|x| x.id == p).map_or_else(|| p.to_string(), |x| x.short.clone()));
        PaperText {
            title: front.title.clone().unwrap_or_default(),
            delegation: front.delegation.clone().unwrap_or_default(),
            language: front.language.clone().unwrap_or_else(|| "en".to_string()),
            process,
            meeting: front.meeting.clone(),
            date: front.date.clone(),
            place: front.place.clone(),
            symbol: None,
            annexes: Vec::new(),
            sections: doc
                .sections
                .iter()
                .map(|s| SectionText { heading: s.heading.clone(), level: s.level, body: s.body.clone() })
                .collect(),
        }
    }
}
