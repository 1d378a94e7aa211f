//! The Chancery desktop app: a window onto a store, with commands that are thin calls
//! into `chancery-core`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use chancery_core::store::AppLock;
use chancery_core::{Store, store};
use tauri::{Emitter, Manager, WindowEvent};

use crate::error::CommandError;

/// The store the window works on, with the lock that keeps other windows off it, or why
/// it could not be opened (shown to the user).
pub struct Opened(Result<(Mutex<Store>, AppLock), CommandError>);

/// The UI is asked to save what it holds before the window closes; if it does not answer
/// in this time (a hung page), the app closes anyway: the store itself is always consistent.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

fn main() {
    let opened = store::resolve_path(db_argument())
        .and_then(|path| {
            let lock = AppLock::acquire(&path)?;
            Ok((Mutex::new(Store::open(&path)?), lock))
        })
        .map_err(CommandError::from);
    if let Err(e) = &opened {
        eprintln!("chancery: {}", e.message);
    }
    tauri::Builder::default()
        .manage(Opened(opened))
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                let _ = window.emit("chancery://close-requested", ());
                let app = window.app_handle().clone();
                std::thread::spawn(move || {
                    std::thread::sleep(CLOSE_GRACE);
                    app.exit(0);
                });
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::store_info,
            commands::quit,
            commands::framework,
            commands::list_papers,
            commands::create_paper,
            commands::open_paper,
            commands::update_paper,
            commands::delete_paper,
            commands::add_section,
            commands::update_section,
            commands::delete_section,
            commands::render_markdown,
            commands::checklist,
            commands::set_action,
            commands::versions,
            commands::version_markdown,
            commands::diff_versions,
            commands::name_version,
            commands::restore_version,
            commands::count_words,
            commands::report_on_action,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("the Chancery window could not be started");
}

/// `--db PATH` on the command line, as the CLI takes it.
fn db_argument() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}
