//! The Chancery desktop app: a window onto a store, with commands that are thin calls
//! into `chancery-core`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod desk;
mod error;

use std::path::PathBuf;
use std::time::Duration;

use tauri::{Emitter, Manager, WindowEvent};

use crate::desk::Desk;

/// The UI is asked to save what it holds before the window closes; if it does not answer
/// in this time (a hung page), the app closes anyway: the store itself is always consistent.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Desk::open(db_argument()))
        .setup(|app| {
            // The day's backup is taken off the main thread; commands wait for it briefly.
            let app = app.handle().clone();
            std::thread::spawn(move || {
                // An encrypted store waits for its passphrase; it is backed up once unlocked.
                match app.state::<Desk>().with(|s| s.backup_if_due()) {
                    Err(e) if e.code != "store.encrypted" => eprintln!("chancery: the daily backup failed: {}", e.message),
                    _ => {}
                }
            });
            Ok(())
        })
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
            commands::restore_latest_backup,
            commands::store_safety,
            commands::backup_now,
            commands::restore_backup,
            commands::change_encryption,
            commands::unlock_store,
            commands::framework,
            commands::list_papers,
            commands::create_paper,
            commands::open_paper,
            commands::update_paper,
            commands::set_word_limit,
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
            commands::profile,
            commands::set_profile,
            commands::annotations,
            commands::annotate,
            commands::reply,
            commands::set_annotation_status,
            commands::accept_proposal,
            commands::library_documents,
            commands::library_paragraphs,
            commands::library_split,
            commands::library_split_file,
            commands::library_import,
            commands::library_search,
            commands::check_paper,
            commands::export_pdf,
            commands::preview_pages,
            commands::import_docx,
            commands::export_docx,
            commands::submission_check,
            commands::create_paper_on,
            commands::paper_base,
            commands::proposals,
            commands::inline_view,
            commands::propose,
            commands::update_proposal,
            commands::withdraw_proposal,
            commands::rebase,
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
