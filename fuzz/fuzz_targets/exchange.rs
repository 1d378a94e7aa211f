//! Exchange files from outside: reading one must never panic; a file that is read writes
//! back to the same file; and a store takes it in (made or merged) without panicking,
//! either refusing it with a typed error or holding a paper that exports again.
#![no_main]

use std::sync::{Mutex, OnceLock};

use chancery_core::Store;
use chancery_core::exchange;
use libfuzzer_sys::fuzz_target;

/// One store for the whole run, in a folder of its own: papers seen before are merged.
fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("chancery-fuzz-exchange-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder for the store");
        Mutex::new(Store::open(&dir.join("store.sqlite3")).expect("the store opens"))
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(file) = exchange::read(bytes) else { return };
    assert_eq!(exchange::read(&exchange::write(&file)).expect("a written file reads back"), file);
    let mut store = store().lock().unwrap_or_else(|e| e.into_inner());
    if let Ok(report) = store.import_exchange(&file) {
        store.export_exchange(report.paper_id).expect("an imported paper exports");
    }
});
