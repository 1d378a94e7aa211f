//! A passphrase that locks a store or an exchange file. It lives in memory only: it is
//! never written to a file, never printed (its `Debug` hides it), and its bytes are wiped
//! when it is dropped.

use std::fmt;

use thiserror::Error;
use zeroize::Zeroizing;

use crate::ErrorCode;

#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

#[derive(Debug, Error)]
pub enum PassphraseError {
    #[error("the passphrase is empty; an empty passphrase would lock nothing")]
    Empty,
}

impl ErrorCode for PassphraseError {
    fn code(&self) -> &'static str {
        match self {
            PassphraseError::Empty => "passphrase.empty",
        }
    }
}

impl Passphrase {
    /// Takes the text as given (the caller's string is moved, not copied).
    pub fn new(text: String) -> Result<Passphrase, PassphraseError> {
        let text = Zeroizing::new(text);
        if text.is_empty() {
            return Err(PassphraseError::Empty);
        }
        Ok(Passphrase(text))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// The passphrase as an SQL string literal, for SQLCipher's `PRAGMA key` and `ATTACH …
    /// KEY`; the statement it goes into should be wiped as well.
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        let mut quoted = Zeroizing::new(String::with_capacity(self.0.len() * 2 + 2));
        quoted.push('\'');
        for c in self.0.chars() {
            if c == '\'' {
                quoted.push('\'');
            }
            quoted.push(c);
        }
        quoted.push('\'');
        quoted
    }

    /// A copy for the age crate, which wipes its own copy when dropped. The copy is made
    /// at its exact size so no reallocation leaves a stray, unwiped buffer behind.
    pub(crate) fn to_secret(&self) -> age::secrecy::SecretString {
        let mut copy = String::with_capacity(self.0.len());
        copy.push_str(&self.0);
        age::secrecy::SecretString::from(copy)
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_passphrase_is_refused() {
        assert!(matches!(Passphrase::new(String::new()), Err(PassphraseError::Empty)));
    }

    #[test]
    fn a_quote_in_the_passphrase_cannot_end_the_sql_literal() {
        let p = Passphrase::new("it's; DROP TABLE paper".into()).unwrap();
        assert_eq!(p.sql_literal().as_str(), "'it''s; DROP TABLE paper'");
    }

    #[test]
    fn debug_output_does_not_show_the_passphrase() {
        let p = Passphrase::new("correct horse".into()).unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }
}
