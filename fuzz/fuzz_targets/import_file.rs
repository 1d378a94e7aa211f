//! Files users import (DOCX and text): hostile bytes must give an error, never a panic or
//! a hang. PDFs are left out: pdf-extract panics on some malformed files, which the importer
//! catches (tests/it/hostile.rs keeps one such file), but libFuzzer stops at any panic.
#![no_main]

use chancery_core::library::read::{Format, read_bytes, sniff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if sniff(bytes) != Format::Pdf {
        let _ = read_bytes(bytes);
    }
});
