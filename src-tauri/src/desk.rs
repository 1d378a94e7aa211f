//! The store the window works on: opened once at start, held under a lock that keeps a
//! second window off it, and replaced in place when the user restores a backup. An
//! encrypted store waits, closed, until the user gives its passphrase.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chancery_core::store::{AppLock, backup};
use chancery_core::{Clock, Passphrase, Store, StoreError, store};

use crate::error::CommandError;

pub type Answer<T> = Result<T, CommandError>;

pub struct Desk {
    path: Result<PathBuf, CommandError>,
    lock: Option<AppLock>,
    store: Mutex<Result<Store, CommandError>>,
    /// The passphrase of an encrypted store that did not open as sound (damaged): kept in
    /// memory only, to verify and restore its backups, which are under the same passphrase.
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
        let path = self.path.as_ref().map_err(Clone::clone)?;
        if self.lock.is_none() {
            return Err(StoreError::InUse { path: path.clone() }.into());
        }
        let mut guard = self.guard();
        if guard.is_ok() {
            return Ok(());
        }
        match Store::open_with_passphrase(path, &passphrase) {
            Ok(store) => {
                *guard = Ok(store);
                Ok(())
            }
            Err(e @ StoreError::WrongPassphrase { .. }) => Err(e.into()),
            Err(e) => {
                // The passphrase was not refused, so the file is damaged or otherwise
                // unfit: the backups are tried with it.
                *self.passphrase.lock().unwrap_or_else(|p| p.into_inner()) = Some(passphrase);
                *guard = Err(e.into());
                guard.as_ref().map(|_| ()).map_err(Clone::clone)
            }
        }
    }

    /// Puts the newest sound backup in place of the store (the replaced file is kept beside
    /// it) and opens it.
    pub fn restore_latest_backup(&self) -> Answer<()> {
        let path = self.path.as_ref().map_err(Clone::clone)?;
        if self.lock.is_none() {
            return Err(StoreError::InUse { path: path.clone() }.into());
        }
        let mut guard = self.guard();
        let passphrase = self.passphrase.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let latest = backup::latest_good(path, passphrase.as_ref()).ok_or_else(|| CommandError {
            code: "backup.none",
            message: format!("there is no sound backup in {}", backup::folder(path).display()),
        })?;
        // Close the store first: its file is about to be set aside.
        *guard = Err(CommandError { code: "store.restoring", message: "the store is being restored".into() });
        let stamp = Clock::system().now().replace(':', "");
        backup::restore(&latest, path, &stamp, passphrase.as_ref())?;
        *guard = match &passphrase {
            Some(passphrase) => Store::open_with_passphrase(path, passphrase),
            None => Store::open(path),
        }
        .map_err(CommandError::from);
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    fn guard(&self) -> MutexGuard<'_, Result<Store, CommandError>> {
        // A command that panicked while holding the lock leaves the store as its last
        // committed transaction left it; carrying on is safe.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
