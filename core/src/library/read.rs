//! Gets the text out of the files users have of an agreed document: plain text, markdown,
//! DOCX and PDF (its text layer), page by page where the format has pages.
//!
//! Crates, and why:
//! - DOCX: `word::Package` (zip, under the one set of zip-bomb limits), the paper
//!   import's XML walk and its numbering (`word::numbering`), so a paragraph Word numbers
//!   itself gets the number Word shows. A full DOCX model (`docx-rs`) would bring much we
//!   do not need, and reading the parts ourselves reads a file Word or LibreOffice wrote
//!   without a model of every element.
//! - PDF: `pdf-extract` (on `lopdf`, pure Rust, about 60 small crates, no C library),
//!   which decodes font encodings and ToUnicode maps into text page by page; `lopdf`'s
//!   own text extraction does not handle the embedded subset fonts LibreOffice and Word
//!   write. A PDF that makes it panic is reported as unreadable, not a crash.

use std::path::Path;

use super::LibraryError;
use crate::word::numbering::Numbering;
use crate::word::styles::Styles;
use crate::word::xml::{Node, val, walk};
use crate::word::{Package, WordError};

/// The largest file we read.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The formats we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Docx,
    Pdf,
}

/// The text of a file, page by page (a format without pages gives one).
pub fn read_file(path: &Path) -> Result<Vec<String>, LibraryError> {
    let unreadable = |reason: String| LibraryError::Unreadable { file: path.display().to_string(), reason };
    let size = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?.len();
    if size > MAX_FILE {
        return Err(unreadable(format!("the file is larger than {} MB", MAX_FILE / 1024 / 1024)));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    read_bytes(&bytes).map_err(unreadable)
}

/// What kind of file the bytes are, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"%PDF-") {
        Format::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        Format::Docx
    } else {
        Format::Text
    }
}

/// The text of a file's bytes, page by page; the error says why it could not be read.
pub fn read_bytes(bytes: &[u8]) -> Result<Vec<String>, String> {
    match sniff(bytes) {
        Format::Pdf => pdf_pages(bytes),
        Format::Docx => docx_text(bytes).map(|text| vec![text]),
        Format::Text => {
            let text = std::str::from_utf8(bytes).map_err(|_| "the file is not text in UTF-8, DOCX or PDF".to_string())?;
            Ok(text.strip_prefix('\u{feff}').unwrap_or(text).split('\u{c}').map(String::from).collect())
        }
    }
}

fn pdf_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    // pdf-extract can panic on a malformed file; a bad file must not take the app down.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match result {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => return Err(format!("the PDF could not be read: {e}")),
        Err(_) => return Err("the PDF could not be read (it seems damaged)".into()),
    };
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err("the PDF has no text layer (a scan?); import a text, DOCX or searchable PDF version".into());
    }
    Ok(pages)
}

/// The paragraphs of a DOCX's main text, separated by blank lines; a paragraph Word
/// numbers (its own numbering or its style's) starts with the number Word shows ("12.",
/// "(a)"), as the same paragraph typed would.
fn docx_text(bytes: &[u8]) -> Result<String, String> {
    docx_paragraphs(bytes).map(|paragraphs| paragraphs.join("\n\n")).map_err(|e| e.to_string())
}

fn docx_paragraphs(bytes: &[u8]) -> Result<Vec<String>, WordError> {
    let mut package = Package::open(bytes)?;
    let xml = package.document()?;
    let styles = Styles::read(&package.part("word/styles.xml")?.unwrap_or_default())?;
    let mut numbering = Numbering::read(&package.part("word/numbering.xml")?.unwrap_or_default())?;

    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let (mut style, mut num_id, mut level) = (None, None, None);
    let mut in_properties = false;
    let mut in_text = false;
    // Deleted text of tracked changes is not the document's text, nor are the properties a
    // paragraph had before a tracked change.
    let mut in_deletion = 0usize;
    let mut skip = 0usize;
    walk("word/document.xml", &xml, |node| match node {
        Node::Start(_) if skip > 0 => skip += 1,
        Node::End(_) if skip > 0 => skip -= 1,
        Node::Start(e) => match e.local_name().as_ref() {
            "pPrChange" | "rPr" if in_properties => skip = 1,
            "pPr" => in_properties = true,
            "pStyle" if in_properties => style = val(e),
            "numId" if in_properties => num_id = val(e),
            "ilvl" if in_properties => level = val(e).and_then(|v| v.parse().ok()),
            "t" => in_text = true,
            "del" => in_deletion += 1,
            "tab" if in_deletion == 0 => current.push('\t'),
            "br" | "cr" if in_deletion == 0 => current.push('\n'),
            _ => {}
        },
        Node::End(name) => match name {
            "pPr" => in_properties = false,
            "t" => in_text = false,
            "del" => in_deletion = in_deletion.saturating_sub(1),
            "p" => {
                let text = std::mem::take(&mut current);
                // Counted even when empty, as Word counts it.
                let number = numbering.paragraph(&styles, style.take().unwrap_or_default().as_str(), num_id.take().as_deref(), level.take());
                match number.filter(|n| !n.text.is_empty() && !text.trim().is_empty()) {
                    Some(number) => paragraphs.push(format!("{} {text}", number.text)),
                    None => paragraphs.push(text),
                }
            }
            _ => {}
        },
        Node::Text(text) if in_text && in_deletion == 0 && skip == 0 => current.push_str(text),
        Node::Text(_) => {}
    })?;
    Ok(paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::zip_of;

    fn docx(document_xml: &[u8]) -> Vec<u8> {
        zip_of(&[("word/document.xml", document_xml)])
    }

    #[test]
    fn docx_paragraphs_are_read_without_deleted_text() {
        let xml = br#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>1. States &amp; others</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">agree </w:t></w:r><w:del><w:r><w:t>never</w:t></w:r></w:del><w:r><w:t>here.</w:t></w:r></w:p>
            <w:p><w:r><w:t>2. Next&#8212;one.</w:t></w:r></w:p>
        </w:body></w:document>"#;
        assert_eq!(read_bytes(&docx(xml)).unwrap(), ["1. States & others\tagree here.\n\n2. Next—one."]);
    }

    #[test]
    fn a_docx_that_inflates_beyond_the_limit_is_refused() {
        // A few hundred kilobytes on disk, more than the limit once inflated.
        let bomb = vec![b' '; crate::word::MAX_PART as usize + 1];
        let file = docx(&bomb);
        assert!(file.len() < 1024 * 1024);
        assert_eq!(read_bytes(&file).unwrap_err(), "the part word/document.xml inflates to more than 32 MB (a zip bomb?); the file was not read");
    }
}
