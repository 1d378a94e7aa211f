//! Word documents made into papers: hostile bytes must give an error, never a panic or a
//! hang. A first byte that is even gives the rest as a file; an odd one gives the parts of
//! a DOCX the harness zips (document, styles, numbering, footnotes, comments, comment
//! threads, relationships, core properties, separated by a zero byte), so that the
//! fuzzer reaches the XML past the zip's checksums.
#![no_main]

use std::io::Write;

use chancery_core::Framework;
use chancery_core::export::PlainCitations;
use chancery_core::word::read::paper;
use libfuzzer_sys::fuzz_target;

const PARTS: &[&str] = &[
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/footnotes.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
];

fn zipped(parts: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in PARTS.iter().zip(parts.split(|&b| b == 0).filter(|p| !p.is_empty())) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fuzz_target!(|bytes: &[u8]| {
    thread_local! {
        static FRAMEWORK: Framework = Framework::builtin();
    }
    let Some((&mode, rest)) = bytes.split_first() else { return };
    let file = if mode % 2 == 0 { rest.to_vec() } else { zipped(rest) };
    FRAMEWORK.with(|framework| {
        let _ = paper(&file, framework, &PlainCitations);
    });
});
