//! `chancery paper export ID --exchange OUT.chancery` and `chancery paper import FILE.chancery`:
//! a paper with its versions, notes and cited texts, to and from a colleague.

use std::io::Read;
use std::path::Path;

use chancery_core::exchange::{self, ExchangeError, MAX_FILE_BYTES};
use chancery_core::{Passphrase, Store};

use crate::Failure;
use crate::passphrase::{Passphrases, Wanted};

/// An exchange file is named `.chancery`, or is JSON (markdown never starts with `{`), or is
/// encrypted.
pub fn is_exchange(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("chancery")) {
        return true;
    }
    let mut head = [0u8; 64];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    exchange::is_encrypted(&head[..read]) || head[..read].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

pub fn export(store: &Store, id: i64, out: &Path, passphrase: Option<&Passphrase>) -> Result<(), Failure> {
    let file = store.export_exchange(id)?;
    let bytes = match passphrase {
        Some(passphrase) => exchange::write_encrypted(&file, passphrase),
        None => exchange::write(&file),
    };
    std::fs::write(out, bytes).map_err(|e| Failure::file(out, e))
}

/// Prints the paper's id, then a one-line summary of the merge. An encrypted file asks for
/// its passphrase.
pub fn import(store: &mut Store, path: &Path, passphrases: &Passphrases) -> Result<(), Failure> {
    let file = std::fs::File::open(path).map_err(|e| Failure::file(path, e))?;
    let size = file.metadata().map_err(|e| Failure::file(path, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(ExchangeError::TooLarge { size, limit: MAX_FILE_BYTES }.into());
    }
    // Read no more than the limit allows, even if the file grows meanwhile.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Failure::file(path, e))?;
    let passphrase = if exchange::is_encrypted(&bytes) { Some(passphrases.get(Wanted::Exchange)?) } else { None };
    let report = store.import_exchange(&exchange::read_with(&bytes, passphrase.as_ref())?)?;
    println!("{}", report.paper_id);
    println!("{}", report.summary());
    Ok(())
}
