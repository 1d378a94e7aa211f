//! Word documents made into papers: hostile bytes must give an error, never a panic or a
//! hang. Start the corpus from a real DOCX (tests/it/fixtures/word/position.docx) so the
//! fuzzer reaches past the zip into the XML.
#![no_main]

use chancery_core::Framework;
use chancery_core::export::PlainCitations;
use chancery_core::word::read::paper;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    thread_local! {
        static FRAMEWORK: Framework = Framework::builtin();
    }
    FRAMEWORK.with(|framework| {
        let _ = paper(bytes, framework, &PlainCitations);
    });
});
