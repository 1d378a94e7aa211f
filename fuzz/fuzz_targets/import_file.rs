//! Files users import (DOCX, PDF, text): hostile bytes must give an error, never a panic
//! or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = chancery_core::library::read::read_bytes(bytes);
});
