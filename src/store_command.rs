//! `chancery store encrypt | decrypt | passphrase`: put the store under a passphrase, take
//! it off, or change it. Backups follow the store.

use std::path::Path;

use chancery_core::store::{self, Conversion};
use clap::Subcommand;

use crate::Failure;
use crate::passphrase::{Passphrases, Wanted};

#[derive(Subcommand)]
pub enum StoreCommand {
    /// Encrypt the store and its backups with a passphrase (CHANCERY_PASSPHRASE, or a line
    /// of standard input with --passphrase-stdin). The plain file is replaced, not kept
    Encrypt,
    /// Write the encrypted store and its backups back as plain files (its passphrase as for
    /// encrypt)
    Decrypt,
    /// Change the passphrase: the current one as for encrypt, the new one from
    /// CHANCERY_NEW_PASSPHRASE or the next line of standard input
    Passphrase,
}

pub fn run(command: StoreCommand, path: &Path, passphrases: &Passphrases) -> Result<(), Failure> {
    let (done, what) = match command {
        StoreCommand::Encrypt => (store::encrypt(path, &passphrases.get(Wanted::Store)?)?, "encrypted"),
        StoreCommand::Decrypt => (store::decrypt(path, &passphrases.get(Wanted::Store)?)?, "decrypted"),
        StoreCommand::Passphrase => {
            let current = passphrases.get(Wanted::Store)?;
            let new = passphrases.get(Wanted::NewStore)?;
            (store::change_passphrase(path, &current, &new)?, "given its new passphrase")
        }
    };
    report(path, what, &done);
    Ok(())
}

fn report(path: &Path, what: &str, done: &Conversion) {
    println!("{} {what}, with {} backup(s)", path.display(), done.backups.len());
    for (file, why) in &done.skipped {
        eprintln!("chancery: warning: the backup {} was left as it was: {why}", file.display());
    }
}
