//! Markdown: the drafter's text. One renderer turns it into the HTML the preview shows
//! (and, in the export, into the PDF's blocks), and `document` reads and writes a whole
//! paper as one markdown file.

mod count;
pub mod document;
pub(crate) mod numbering;
mod render;

pub use document::ImportError;
pub use count::{speaking_seconds, word_count};
pub use render::render_html;

use pulldown_cmark::Options;

/// The markdown Chancery reads: CommonMark with footnotes, tables, strikethrough, smart
/// punctuation and heading attributes (`## Norms {pillar=norms}`).
pub(crate) fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}
