//! Files built in memory for tests, of the core and (with the `test-support` feature) of
//! the programs on it.

use std::io::Write;

/// A zip archive holding these parts, deflated as Word deflates a DOCX's.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("a part starts");
        zip.write_all(bytes).expect("a part is written in memory");
    }
    zip.finish().expect("the archive closes");
    out.into_inner()
}
