//! The commands the UI calls. Each one locks the store, calls the core, and hands back
//! its answer or a `CommandError`. They run off the main thread (`async`) so a slow call
//! never freezes the window.

use std::sync::MutexGuard;

use chancery_core::diff::Change;
use chancery_core::markdown::{speaking_seconds, word_count};
use chancery_core::{ActionUpdate, Version, Checklist, ChecklistEntry, Framework, NewPaper, NewSection, Paper, PaperPatch, Section, SectionPatch, Store};
use serde::Serialize;
use tauri::State;

use crate::Opened;
use crate::error::CommandError;

type Answer<T> = Result<T, CommandError>;

fn store<'a>(opened: &'a State<'_, Opened>) -> Answer<MutexGuard<'a, Store>> {
    let (mutex, _lock) = opened.0.as_ref().map_err(Clone::clone)?;
    // A command that panicked while holding the lock leaves the store as its last
    // committed transaction left it; carrying on is safe.
    Ok(mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
}

#[derive(Serialize)]
pub struct StoreInfo {
    path: String,
}

#[derive(Serialize)]
pub struct PaperWithSections {
    paper: Paper,
    sections: Vec<Section>,
}

#[tauri::command(async)]
pub fn store_info(opened: State<'_, Opened>) -> Answer<StoreInfo> {
    Ok(StoreInfo { path: store(&opened)?.path().display().to_string() })
}

/// Ends the app once the UI has saved what it holds.
#[tauri::command]
pub fn quit(app: tauri::AppHandle) {
    app.exit(0);
}

#[tauri::command(async)]
pub fn framework(opened: State<'_, Opened>) -> Answer<Framework> {
    Ok(store(&opened)?.framework().clone())
}

#[tauri::command(async)]
pub fn list_papers(opened: State<'_, Opened>) -> Answer<Vec<Paper>> {
    Ok(store(&opened)?.papers()?)
}

#[tauri::command(async)]
pub fn create_paper(opened: State<'_, Opened>, input: NewPaper) -> Answer<Paper> {
    Ok(store(&opened)?.create_paper(input)?)
}

#[tauri::command(async)]
pub fn open_paper(opened: State<'_, Opened>, id: i64) -> Answer<PaperWithSections> {
    let store = store(&opened)?;
    Ok(PaperWithSections { paper: store.paper(id)?, sections: store.sections(id)? })
}

#[tauri::command(async)]
pub fn update_paper(opened: State<'_, Opened>, id: i64, patch: PaperPatch) -> Answer<Paper> {
    Ok(store(&opened)?.update_paper(id, patch)?)
}

#[tauri::command(async)]
pub fn delete_paper(opened: State<'_, Opened>, id: i64) -> Answer<()> {
    Ok(store(&opened)?.delete_paper(id)?)
}

#[tauri::command(async)]
pub fn add_section(
    opened: State<'_, Opened>,
    paper_id: i64,
    heading: String,
    pillar: Option<String>,
    after: Option<i64>,
) -> Answer<Section> {
    Ok(store(&opened)?.add_section(paper_id, NewSection { heading, pillar, after })?)
}

#[tauri::command(async)]
pub fn update_section(opened: State<'_, Opened>, id: i64, patch: SectionPatch) -> Answer<Section> {
    Ok(store(&opened)?.update_section(id, patch)?)
}

#[tauri::command(async)]
pub fn delete_section(opened: State<'_, Opened>, id: i64) -> Answer<()> {
    Ok(store(&opened)?.delete_section(id)?)
}

#[tauri::command(async)]
pub fn render_markdown(markdown: String) -> String {
    chancery_core::markdown::render_html(&markdown)
}

#[tauri::command(async)]
pub fn checklist(opened: State<'_, Opened>, paper_id: i64) -> Answer<Checklist> {
    Ok(store(&opened)?.checklist(paper_id)?)
}

#[tauri::command(async)]
pub fn set_action(opened: State<'_, Opened>, paper_id: i64, action: String, update: ActionUpdate) -> Answer<ChecklistEntry> {
    Ok(store(&opened)?.set_action(paper_id, &action, update)?)
}

#[tauri::command(async)]
pub fn report_on_action(opened: State<'_, Opened>, paper_id: i64, action: String) -> Answer<Section> {
    Ok(store(&opened)?.report_on_action(paper_id, &action)?)
}

#[tauri::command(async)]
pub fn versions(opened: State<'_, Opened>, paper_id: i64) -> Answer<Vec<Version>> {
    Ok(store(&opened)?.versions(paper_id)?)
}

#[tauri::command(async)]
pub fn version_markdown(opened: State<'_, Opened>, paper_id: i64, number: i64) -> Answer<String> {
    Ok(store(&opened)?.version_markdown(paper_id, number)?)
}

#[tauri::command(async)]
pub fn diff_versions(opened: State<'_, Opened>, paper_id: i64, from: i64, to: i64) -> Answer<Vec<Change>> {
    Ok(store(&opened)?.diff_versions(paper_id, from, to)?)
}

#[tauri::command(async)]
pub fn name_version(opened: State<'_, Opened>, paper_id: i64, number: i64, name: String) -> Answer<Version> {
    Ok(store(&opened)?.name_version(paper_id, number, &name)?)
}

#[tauri::command(async)]
pub fn restore_version(opened: State<'_, Opened>, paper_id: i64, number: i64) -> Answer<Version> {
    Ok(store(&opened)?.restore_version(paper_id, number)?)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    words: usize,
    speaking_seconds: u64,
}

#[tauri::command(async)]
pub fn count_words(markdown: String) -> Count {
    let words = word_count(&markdown);
    Count { words, speaking_seconds: speaking_seconds(words) }
}
