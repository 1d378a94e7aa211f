//! Markdown from outside: reading a paper, writing it back, rendering and counting must
//! never panic, and the rendered HTML must never carry script.
#![no_main]

use chancery_core::Framework;
use chancery_core::markdown::{document, render_html, word_count};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let framework = Framework::builtin();
    if let Ok(doc) = document::parse(text, &framework) {
        let written = document::write(&doc, &framework);
        // What was written reads back to the same sections.
        let again = document::parse(&written, &framework).expect("written markdown reads back");
        assert_eq!(again.sections.len(), doc.sections.len());
    }
    let html = render_html(text).to_lowercase();
    assert!(!html.contains("<script"), "script survived");
    let _ = word_count(text);
});
