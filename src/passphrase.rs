//! Where the CLI gets a passphrase: from an environment variable, or, with
//! `--passphrase-stdin`, from standard input, one line per passphrase in the order they are
//! asked for. Never from an argument: any user of the machine could read it in `ps`.

use std::io::BufRead;

use chancery_core::Passphrase;

use crate::Failure;

/// Which passphrase is asked for, and the variable that holds it.
#[derive(Clone, Copy)]
pub enum Wanted {
    /// The store's passphrase (the one it is encrypted with, or is to be).
    Store,
    /// The store's next passphrase, when it is changed.
    NewStore,
    /// An exchange file's: kept apart, since it is shared with a colleague.
    Exchange,
}

impl Wanted {
    fn variable(self) -> &'static str {
        match self {
            Wanted::Store => "CHANCERY_PASSPHRASE",
            Wanted::NewStore => "CHANCERY_NEW_PASSPHRASE",
            Wanted::Exchange => "CHANCERY_EXCHANGE_PASSPHRASE",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Wanted::Store => "the store's passphrase",
            Wanted::NewStore => "the store's new passphrase",
            Wanted::Exchange => "the exchange file's passphrase",
        }
    }
}

pub struct Passphrases {
    pub from_stdin: bool,
}

impl Passphrases {
    pub fn get(&self, wanted: Wanted) -> Result<Passphrase, Failure> {
        let missing = |how: &str| Failure {
            message: format!("{} is needed: {how}", wanted.what()),
            code: "passphrase.missing",
        };
        let text = if self.from_stdin {
            // Sized up front so the line is not copied into a larger buffer as it is read.
            let mut line = String::with_capacity(1024);
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Failure { message: format!("standard input could not be read: {e}"), code: "passphrase.missing" })?;
            let end = line.trim_end_matches(['\n', '\r']).len();
            line.truncate(end);
            if line.is_empty() {
                return Err(missing("--passphrase-stdin was given but standard input has no line for it"));
            }
            line
        } else {
            match std::env::var(wanted.variable()) {
                Ok(text) if !text.is_empty() => text,
                _ => {
                    return Err(missing(&format!(
                        "set {} or give --passphrase-stdin and write it as a line on standard input",
                        wanted.variable()
                    )));
                }
            }
        };
        Ok(Passphrase::new(text)?)
    }
}
