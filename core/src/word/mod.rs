//! Word files (DOCX) that come from outside, read with care: `mod.rs` opens the package
//! and reads its parts under limits (the one zip-bomb guard, which the library's DOCX
//! reader uses too); `read.rs` makes a paper of a DOCX; `numbering.rs` the numbers Word
//! shows (which the library's reader puts before each paragraph too), `styles.rs` the
//! paragraph styles, `xml.rs` a part as a stream of nodes.
//!
//! The reader is ours, on `zip` and `quick-xml`, because docx-rs 0.4's reader has no
//! footnotes and unwraps what it cannot read (`read_zip.rs` calls `read_to_end(..).unwrap()`
//! on every part, `read_docx.rs` `expect()`s its paths): a hostile file would panic.

pub(crate) mod numbering;
pub mod read;
pub(crate) mod styles;
pub(crate) mod xml;

use std::io::Read;

use thiserror::Error;

use crate::ErrorCode;

/// The largest DOCX we open.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// The most one part may inflate to, whatever the archive declares.
pub const MAX_PART: u64 = 32 * 1024 * 1024;
/// The most all the parts we read may inflate to together.
pub const MAX_TOTAL: u64 = 96 * 1024 * 1024;
/// Word and LibreOffice write a few dozen parts; thousands are a sign of a crafted file.
pub const MAX_PARTS: usize = 1000;

const MB: u64 = 1024 * 1024;

#[derive(Debug, Error)]
pub enum WordError {
    #[error("the file is not a Word document (DOCX): it is not a zip archive ({0})")]
    NotZip(String),
    #[error("the file is a zip archive but not a Word document (DOCX): it has no word/document.xml")]
    NotDocx,
    #[error("the file is larger than {} MB, more than a paper needs; it was not read", MAX_FILE / MB)]
    FileTooLarge,
    #[error("{file} could not be read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("the part {part} inflates to more than {} MB (a zip bomb?); the file was not read", MAX_PART / MB)]
    PartTooLarge { part: String },
    #[error("the file has {count} parts, more than the {MAX_PARTS} a Word document has; it was not read")]
    TooManyParts { count: usize },
    #[error("the parts of the file inflate to more than {} MB in all (a zip bomb?); the file was not read", MAX_TOTAL / MB)]
    TotalTooLarge,
    #[error(
        "the part {part} links to an outside resource that Word would fetch ({kind} at {target}); Chancery reads no file that reaches out. Remove the link in Word and save again"
    )]
    External { part: String, kind: String, target: String },
    #[error("the part {part} of the Word document is damaged: {reason}")]
    Damaged { part: String, reason: String },
}

impl ErrorCode for WordError {
    fn code(&self) -> &'static str {
        match self {
            WordError::NotZip(_) => "word.not_a_zip",
            WordError::NotDocx => "word.not_docx",
            WordError::FileTooLarge => "word.too_large",
            WordError::Unreadable { .. } => "word.unreadable",
            WordError::PartTooLarge { .. } => "word.part_too_large",
            WordError::TooManyParts { .. } => "word.too_many_parts",
            WordError::TotalTooLarge => "word.total_too_large",
            WordError::External { .. } => "word.external",
            WordError::Damaged { .. } => "word.damaged",
        }
    }
}

/// A file's bytes, read no further than [`MAX_FILE`] allows (a larger file is then refused
/// by [`Package::open`]).
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, WordError> {
    let unreadable = |e: std::io::Error| WordError::Unreadable { file: path.display().to_string(), reason: e.to_string() };
    let mut bytes = Vec::new();
    std::fs::File::open(path).map_err(unreadable)?.take(MAX_FILE + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(bytes)
}

/// An opened DOCX (any zip package): its parts are inflated one at a time, each under
/// [`MAX_PART`], all together under [`MAX_TOTAL`]. Declared sizes are never trusted.
pub struct Package<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    inflated: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, WordError> {
        if bytes.len() as u64 > MAX_FILE {
            return Err(WordError::FileTooLarge);
        }
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| WordError::NotZip(e.to_string()))?;
        if archive.len() > MAX_PARTS {
            return Err(WordError::TooManyParts { count: archive.len() });
        }
        Ok(Package { archive, inflated: 0 })
    }

    /// The names of the parts, as the archive lists them.
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().filter_map(|name| name.ok().map(|n| n.into_owned())).collect()
    }

    /// A part's bytes; None when the package has no part of that name.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, WordError> {
        let damaged = |reason: String| WordError::Damaged { part: name.to_string(), reason };
        let part = match self.archive.by_name(name) {
            Ok(part) => part,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(e.to_string())),
        };
        let mut bytes = Vec::new();
        part.take(MAX_PART + 1).read_to_end(&mut bytes).map_err(|e| damaged(e.to_string()))?;
        if bytes.len() as u64 > MAX_PART {
            return Err(WordError::PartTooLarge { part: name.to_string() });
        }
        self.inflated += bytes.len() as u64;
        if self.inflated > MAX_TOTAL {
            return Err(WordError::TotalTooLarge);
        }
        Ok(Some(bytes))
    }

    /// The main text, `word/document.xml`, which every DOCX has.
    pub fn document(&mut self) -> Result<Vec<u8>, WordError> {
        self.part("word/document.xml")?.ok_or(WordError::NotDocx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::zip_of;

    #[test]
    fn a_part_is_inflated_no_further_than_the_limit() {
        let bomb = vec![0u8; MAX_PART as usize + 1];
        let file = zip_of(&[("word/document.xml", &bomb)]);
        assert!(file.len() < 1024 * 1024);
        let err = Package::open(&file).unwrap().document().unwrap_err();
        assert!(matches!(err, WordError::PartTooLarge { ref part } if part == "word/document.xml"), "{err}");
    }

    #[test]
    fn parts_under_the_limit_each_are_refused_beyond_the_total() {
        let big = vec![b' '; MAX_PART as usize - 1];
        let names: Vec<String> = (0..4).map(|i| format!("word/part{i}.xml")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), big.as_slice())).collect();
        let file = zip_of(&parts);
        let mut package = Package::open(&file).unwrap();
        let read: Result<Vec<_>, _> = names.iter().map(|n| package.part(n)).collect();
        assert!(matches!(read, Err(WordError::TotalTooLarge)));
    }

    #[test]
    fn too_many_parts_and_non_zips_are_refused() {
        let names: Vec<String> = (0..=MAX_PARTS).map(|i| format!("p{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        assert!(matches!(Package::open(&zip_of(&parts)), Err(WordError::TooManyParts { count }) if count == MAX_PARTS + 1));
        assert!(matches!(Package::open(b"PK\x03\x04 not really"), Err(WordError::NotZip(_))));
        let not_docx = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert!(matches!(Package::open(&not_docx).unwrap().document(), Err(WordError::NotDocx)));
    }
}
