//! The importer that splits an official text into labelled paragraphs: any text, any
//! page breaks, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let split = chancery_core::library::split::split_text(text, "A/99/123");
    let _ = split.preview();
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let _ = chancery_core::library::split::split_pages(&pages, "A/99/123");
});
