//! One app window per store. SQLite keeps the file safe with several writers, but two
//! windows editing the same section would each overwrite the other's words without knowing
//! it; so the app holds a lock beside the store, and a second app gets a clear message.
//! The CLI does not take it: its writes are single transactions and safe beside the app.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Held while the app has the store open; released when dropped or when the process ends,
/// however it ends.
#[derive(Debug)]
pub struct AppLock {
    file: File,
}

impl Drop for AppLock {
    /// Unlocks before the file closes: a child process another thread is starting holds a
    /// copy of every descriptor until it runs its program, and closing ours alone would leave
    /// the lock held through that copy, refusing the next taker for a moment.
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

impl AppLock {
    pub fn acquire(store: &Path) -> Result<AppLock, StoreError> {
        let path = lock_path(store);
        let io = |source| StoreError::Io { path: path.clone(), source };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(io)?;
        }
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(AppLock { file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse { path: store.to_path_buf() }),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

fn lock_path(store: &Path) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    store.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_on_the_same_store_is_told_so() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("chancery.sqlite3");
        let first = AppLock::acquire(&store).unwrap();
        let err = AppLock::acquire(&store).unwrap_err();
        assert!(matches!(err, StoreError::InUse { .. }), "{err}");
        assert!(err.to_string().contains("already open in another Chancery window"), "{err}");
        drop(first);
        AppLock::acquire(&store).expect("free again once the first window closed");
    }

    #[cfg(unix)]
    #[test]
    fn a_released_lock_is_free_while_a_child_process_is_starting() {
        use std::io::{Read, Write};
        use std::os::unix::net::UnixStream;
        use std::os::unix::process::CommandExt;

        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("chancery.sqlite3");
        let lock = AppLock::acquire(&store).unwrap();
        let (mut started, child) = UnixStream::pair().unwrap();
        let spawner = std::thread::spawn(move || {
            let mut command = std::process::Command::new("true");
            // Between fork and exec the child holds a copy of the lock's descriptor.
            unsafe {
                command.pre_exec(move || {
                    (&child).write_all(b"x")?;
                    std::thread::sleep(std::time::Duration::from_millis(500));
                    Ok(())
                });
            }
            command.status().unwrap()
        });
        started.read_exact(&mut [0]).unwrap();
        drop(lock);
        AppLock::acquire(&store).expect("free once released, whatever children are starting");
        assert!(spawner.join().unwrap().success());
    }
}
