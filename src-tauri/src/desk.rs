//! The store the window works on: opened once at start, held under a lock that keeps a
//! second window off it, and replaced in place when the user restores a backup or changes
//! its encryption. An encrypted store waits, closed, until the user gives its passphrase.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chancery_core::store::{AppLock, Conversion, EncryptionChange, backup};
use chancery_core::{Clock, Passphrase, Store, StoreError, store};

use crate::error::CommandError;

pub type Answer<T> = Result<T, CommandError>;

pub struct Desk {
    path: Result<PathBuf, CommandError>,
    lock: Option<AppLock>,
    store: Mutex<Result<Store, CommandError>>,
    /// The passphrase the store was opened with, or the one of an encrypted store that did
    /// not open as sound (damaged): kept in memory only, to verify and restore its backups,
    /// which are under the same passphrase, and to open the store again after a restore.
    passphrase: Mutex<Option<Passphrase>>,
}

impl Desk {
    /// Opens the store asked for (or the default one). A failure is kept to be shown to the
    /// user, not raised: the window opens either way and says what is wrong.
    pub fn open(asked: Option<PathBuf>) -> Desk {
        let path = store::resolve_path(asked).map_err(CommandError::from);
        let lock = path.as_ref().ok().map(|p| AppLock::acquire(p).map_err(CommandError::from));
        let store = match (&path, &lock) {
            (Err(e), _) | (_, Some(Err(e))) => Err(e.clone()),
            (Ok(path), _) => Store::open(path).map_err(CommandError::from),
        };
        if let Err(e) = &store {
            eprintln!("chancery: {}", e.message);
        }
        Desk { path, lock: lock.and_then(Result::ok), store: Mutex::new(store), passphrase: Mutex::new(None) }
    }

    /// Runs `work` on the open store.
    pub fn with<T>(&self, work: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Answer<T> {
        match &mut *self.guard() {
            Ok(store) => Ok(work(store)?),
            Err(e) => Err(e.clone()),
        }
    }

    /// Opens the encrypted store with the passphrase the user typed. A wrong one leaves the
    /// store closed, waiting for another try.
    pub fn unlock(&self, passphrase: Passphrase) -> Answer<()> {
        let (path, _) = self.held()?;
        let mut guard = self.guard();
        if guard.is_ok() {
            return Ok(());
        }
        match Store::open_with_passphrase(path, &passphrase) {
            Ok(store) => {
                *guard = Ok(store);
                *self.kept_passphrase() = Some(passphrase);
                Ok(())
            }
            Err(e @ StoreError::WrongPassphrase { .. }) => Err(e.into()),
            Err(e) => {
                // The passphrase was not refused, so the file is damaged or otherwise
                // unfit: the backups are tried with it.
                *self.kept_passphrase() = Some(passphrase);
                *guard = Err(e.into());
                guard.as_ref().map(|_| ()).map_err(Clone::clone)
            }
        }
    }

    /// The store's backups, newest first.
    pub fn backups(&self) -> Answer<Vec<PathBuf>> {
        Ok(backup::list(self.path.as_ref().map_err(Clone::clone)?))
    }

    /// Puts a backup in place of the store (the replaced file is kept beside it) and opens
    /// it: the one named `name` in the backups folder, or the newest sound one.
    pub fn restore_backup(&self, name: Option<&str>) -> Answer<()> {
        let (path, _) = self.held()?;
        let mut guard = self.guard();
        let passphrase = self.kept_passphrase().clone();
        let chosen = match name {
            // Only a file the backups folder lists: the UI names one, never a path.
            Some(name) => backup::list(path).into_iter().find(|b| b.file_name().is_some_and(|n| n == name)).ok_or_else(|| CommandError {
                code: "backup.unknown",
                message: format!("{name} is not one of the backups in {}", backup::folder(path).display()),
            })?,
            None => backup::latest_good(path, passphrase.as_ref()).ok_or_else(|| CommandError {
                code: "backup.none",
                message: format!("there is no sound backup in {}", backup::folder(path).display()),
            })?,
        };
        // Close the store first: its file is about to be set aside.
        *guard = Err(CommandError { code: "store.restoring", message: "the store is being restored".into() });
        let stamp = Clock::system().now().replace(':', "");
        let restored = backup::restore(&chosen, path, &stamp, passphrase.as_ref());
        *guard = reopen(path, passphrase.as_ref());
        restored?;
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// Encrypts the store, removes its encryption or changes its passphrase, with its
    /// backups; the store is closed meanwhile and opened again after, as it then is.
    pub fn change_encryption(&self, change: EncryptionChange) -> Answer<Conversion> {
        let (path, lock) = self.held()?;
        let mut guard = self.guard();
        if let Err(e) = &*guard {
            return Err(e.clone());
        }
        *guard = Err(CommandError { code: "store.converting", message: "the store's encryption is being changed".into() });
        let converted = store::change(lock, path, change);
        let mut kept = self.kept_passphrase();
        if converted.is_ok() {
            *kept = match change {
                EncryptionChange::Encrypt(new) | EncryptionChange::Rekey(_, new) => Some(new.clone()),
                EncryptionChange::Decrypt(_) => None,
            };
        }
        *guard = reopen(path, kept.as_ref());
        let conversion = converted?;
        guard.as_ref().map(|_| conversion).map_err(Clone::clone)
    }

    /// The store's path and the lock this window holds on it.
    fn held(&self) -> Answer<(&PathBuf, &AppLock)> {
        let path = self.path.as_ref().map_err(Clone::clone)?;
        match &self.lock {
            Some(lock) => Ok((path, lock)),
            None => Err(StoreError::InUse { path: path.clone() }.into()),
        }
    }

    fn kept_passphrase(&self) -> MutexGuard<'_, Option<Passphrase>> {
        self.passphrase.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn guard(&self) -> MutexGuard<'_, Result<Store, CommandError>> {
        // A command that panicked while holding the lock leaves the store as its last
        // committed transaction left it; carrying on is safe.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn reopen(path: &std::path::Path, passphrase: Option<&Passphrase>) -> Result<Store, CommandError> {
    match passphrase {
        Some(passphrase) => Store::open_with_passphrase(path, passphrase),
        None => Store::open(path),
    }
    .map_err(CommandError::from)
}
