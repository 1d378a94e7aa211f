//! The commands the UI calls. Each one locks the store, calls the core, and hands back
//! its answer or a `CommandError`. They run off the main thread (`async`) so a slow call
//! never freezes the window.

use chancery_core::annotation::{Annotation, AnnotationFilter, AnnotationStatus, NewAnnotation, Person, Role};
use chancery_core::diff::Change;
use chancery_core::markdown::{speaking_seconds, word_count};
use chancery_core::{ActionUpdate, Version, Checklist, ChecklistEntry, Framework, NewPaper, NewSection, Paper, PaperPatch, Section, SectionPatch};
use serde::Serialize;
use tauri::State;

use crate::desk::{Answer, Desk};

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
pub fn store_info(desk: State<'_, Desk>) -> Answer<StoreInfo> {
    desk.with(|s| Ok(StoreInfo { path: s.path().display().to_string() }))
}

/// Ends the app once the UI has saved what it holds.
#[tauri::command]
pub fn quit(app: tauri::AppHandle) {
    app.exit(0);
}

#[tauri::command(async)]
pub fn framework(desk: State<'_, Desk>) -> Answer<Framework> {
    desk.with(|s| Ok(s.framework().clone()))
}

#[tauri::command(async)]
pub fn list_papers(desk: State<'_, Desk>) -> Answer<Vec<Paper>> {
    desk.with(|s| s.papers())
}

#[tauri::command(async)]
pub fn create_paper(desk: State<'_, Desk>, input: NewPaper) -> Answer<Paper> {
    desk.with(|s| s.create_paper(input))
}

#[tauri::command(async)]
pub fn open_paper(desk: State<'_, Desk>, id: i64) -> Answer<PaperWithSections> {
    desk.with(|s| Ok(PaperWithSections { paper: s.paper(id)?, sections: s.sections(id)? }))
}

#[tauri::command(async)]
pub fn update_paper(desk: State<'_, Desk>, id: i64, patch: PaperPatch) -> Answer<Paper> {
    desk.with(|s| s.update_paper(id, patch))
}

#[tauri::command(async)]
pub fn delete_paper(desk: State<'_, Desk>, id: i64) -> Answer<()> {
    desk.with(|s| s.delete_paper(id))
}

#[tauri::command(async)]
pub fn add_section(
    desk: State<'_, Desk>,
    paper_id: i64,
    heading: String,
    pillar: Option<String>,
    after: Option<i64>,
) -> Answer<Section> {
    desk.with(|s| s.add_section(paper_id, NewSection { heading, pillar, after }))
}

#[tauri::command(async)]
pub fn update_section(desk: State<'_, Desk>, id: i64, patch: SectionPatch) -> Answer<Section> {
    desk.with(|s| s.update_section(id, patch))
}

#[tauri::command(async)]
pub fn delete_section(desk: State<'_, Desk>, id: i64) -> Answer<()> {
    desk.with(|s| s.delete_section(id))
}

#[tauri::command(async)]
pub fn render_markdown(markdown: String) -> String {
    chancery_core::markdown::render_html(&markdown)
}

#[tauri::command(async)]
pub fn checklist(desk: State<'_, Desk>, paper_id: i64) -> Answer<Checklist> {
    desk.with(|s| s.checklist(paper_id))
}

#[tauri::command(async)]
pub fn set_action(desk: State<'_, Desk>, paper_id: i64, action: String, update: ActionUpdate) -> Answer<ChecklistEntry> {
    desk.with(|s| s.set_action(paper_id, &action, update))
}

#[tauri::command(async)]
pub fn report_on_action(desk: State<'_, Desk>, paper_id: i64, action: String) -> Answer<Section> {
    desk.with(|s| s.report_on_action(paper_id, &action))
}

#[tauri::command(async)]
pub fn versions(desk: State<'_, Desk>, paper_id: i64) -> Answer<Vec<Version>> {
    desk.with(|s| s.versions(paper_id))
}

#[tauri::command(async)]
pub fn version_markdown(desk: State<'_, Desk>, paper_id: i64, number: i64) -> Answer<String> {
    desk.with(|s| s.version_markdown(paper_id, number))
}

#[tauri::command(async)]
pub fn diff_versions(desk: State<'_, Desk>, paper_id: i64, from: i64, to: i64) -> Answer<Vec<Change>> {
    desk.with(|s| s.diff_versions(paper_id, from, to))
}

#[tauri::command(async)]
pub fn name_version(desk: State<'_, Desk>, paper_id: i64, number: i64, name: String) -> Answer<Version> {
    desk.with(|s| s.name_version(paper_id, number, &name))
}

#[tauri::command(async)]
pub fn restore_version(desk: State<'_, Desk>, paper_id: i64, number: i64) -> Answer<Version> {
    desk.with(|s| s.restore_version(paper_id, number))
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

#[tauri::command(async)]
pub fn restore_latest_backup(desk: State<'_, Desk>) -> Answer<()> {
    desk.restore_latest_backup()
}

#[tauri::command(async)]
pub fn profile(desk: State<'_, Desk>) -> Answer<Option<Person>> {
    desk.with(|s| s.profile())
}

#[tauri::command(async)]
pub fn set_profile(desk: State<'_, Desk>, name: String, role: Role) -> Answer<Person> {
    desk.with(|s| s.set_profile(&name, role))
}

#[tauri::command(async)]
pub fn annotations(desk: State<'_, Desk>, paper_id: i64, filter: AnnotationFilter) -> Answer<Vec<Annotation>> {
    desk.with(|s| s.annotations(paper_id, &filter))
}

#[tauri::command(async)]
pub fn annotate(desk: State<'_, Desk>, paper_id: i64, input: NewAnnotation) -> Answer<Annotation> {
    desk.with(|s| s.annotate(paper_id, input))
}

#[tauri::command(async)]
pub fn reply(desk: State<'_, Desk>, id: i64, text: String) -> Answer<Annotation> {
    desk.with(|s| s.reply(id, &text))
}

#[tauri::command(async)]
pub fn set_annotation_status(desk: State<'_, Desk>, id: i64, status: AnnotationStatus) -> Answer<Annotation> {
    desk.with(|s| s.set_annotation_status(id, status))
}

#[tauri::command(async)]
pub fn accept_proposal(desk: State<'_, Desk>, id: i64) -> Answer<Annotation> {
    desk.with(|s| s.accept_proposal(id))
}
