//! The reference parser reads every draft: any text must parse without panicking, and every
//! citation it finds must span a `[@…]` bracket of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for citation in chancery_core::reference::citations(text) {
        let bracket = &text[citation.span.clone()];
        assert!(bracket.starts_with("[@") && bracket.ends_with(']'));
        assert!(!citation.references.is_empty());
    }
});
