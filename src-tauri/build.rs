/// Every command the app declares; capabilities/default.json grants them to the window.
const COMMANDS: &[&str] = &[
    "store_info",
    "quit",
    "restore_latest_backup",
    "unlock_store",
    "framework",
    "list_papers",
    "create_paper",
    "open_paper",
    "update_paper",
    "set_word_limit",
    "delete_paper",
    "add_section",
    "update_section",
    "delete_section",
    "render_markdown",
    "checklist",
    "set_action",
    "versions",
    "version_markdown",
    "diff_versions",
    "name_version",
    "restore_version",
    "count_words",
    "report_on_action",
    "profile",
    "set_profile",
    "annotations",
    "annotate",
    "reply",
    "set_annotation_status",
    "accept_proposal",
    "library_documents",
    "library_paragraphs",
    "library_split",
    "library_split_file",
    "library_import",
    "library_search",
    "check_paper",
    "export_pdf",
    "preview_pages",
    "import_docx",
    "export_docx",
    "submission_check",
    "create_paper_on",
    "paper_base",
    "proposals",
    "inline_view",
    "propose",
    "update_proposal",
    "withdraw_proposal",
    "rebase",
];

fn main() {
    // The UI is embedded at compile time; rebuild when a new UI build lands.
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script failed");
}
