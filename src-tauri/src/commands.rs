//! The commands the UI calls. Each one locks the store, calls the core, and hands back
//! its answer or a `CommandError`. They run off the main thread (`async`) so a slow call
//! never freezes the window.

use chancery_core::annotation::{Annotation, AnnotationFilter, AnnotationStatus, NewAnnotation, Person, Role};
use chancery_core::diff::Change;
use chancery_core::proposal::{InlineParagraph, NewProposal, Proposal, ProposalPatch, RebaseReport};
use chancery_core::export::{self, DocxOptions, Options, PaperSize};
use chancery_core::submission::{AppliedLimit, SubmissionReport, WordLimit};
use chancery_core::library::check::CheckReport;
use chancery_core::library::split::{Split, split_pages, split_text};
use chancery_core::library::{AgreedText, NewDocument, Paragraph, Symbol, read};
use chancery_core::store::{EncryptionChange, ImportedPaper, Search, SearchHit, backup};
use chancery_core::markdown::{speaking_seconds, word_count};
use chancery_core::{ActionUpdate, Passphrase, Version, Checklist, ChecklistEntry, Framework, NewPaper, NewSection, Paper, PaperPatch, Section, SectionPatch};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::desk::{Answer, Desk};
use crate::error::CommandError;

#[derive(Serialize)]
pub struct StoreInfo {
    path: String,
}

#[derive(Serialize)]
pub struct PaperWithSections {
    paper: Paper,
    /// The word limit that applies: the paper's own, else its kind's.
    limit: Option<AppliedLimit>,
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
    desk.with(|s| Ok(PaperWithSections { paper: s.paper(id)?, limit: s.word_limit(id)?, sections: s.sections(id)? }))
}

/// Sets the paper's own word limit (None: its kind's applies); answers the limit that applies.
#[tauri::command(async)]
pub fn set_word_limit(desk: State<'_, Desk>, paper_id: i64, words: Option<u32>) -> Answer<Option<AppliedLimit>> {
    desk.with(|s| s.set_word_limit(paper_id, words))
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
    desk.restore_backup(None)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file's name in the backups folder: what `restore_backup` takes.
    name: String,
    taken: Option<String>,
    bytes: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreSafety {
    path: String,
    encrypted: bool,
    backups_folder: String,
    backups: Vec<BackupInfo>,
}

/// What the Store dialog shows: the file, whether it is encrypted, and its backups.
#[tauri::command(async)]
pub fn store_safety(desk: State<'_, Desk>) -> Answer<StoreSafety> {
    let (path, encrypted) = desk.with(|s| Ok((s.path().to_path_buf(), s.is_encrypted())))?;
    let backups = desk
        .backups()?
        .into_iter()
        .map(|file| BackupInfo {
            name: file.file_name().unwrap_or_default().to_string_lossy().into_owned(),
            taken: backup::taken(&file),
            bytes: file.metadata().map_or(0, |m| m.len()),
        })
        .collect();
    Ok(StoreSafety { path: path.display().to_string(), encrypted, backups_folder: backup::folder(&path).display().to_string(), backups })
}

#[tauri::command(async)]
pub fn backup_now(desk: State<'_, Desk>) -> Answer<String> {
    desk.with(|s| s.backup_now()).map(|file| file.file_name().unwrap_or_default().to_string_lossy().into_owned())
}

#[tauri::command(async)]
pub fn restore_backup(desk: State<'_, Desk>, name: String) -> Answer<()> {
    desk.restore_backup(Some(&name))
}

/// The encryption the user asks for, with the passphrases typed for it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", tag = "action", deny_unknown_fields)]
pub enum EncryptionRequest {
    Encrypt { passphrase: String },
    Decrypt { current: String },
    Rekey { current: String, passphrase: String },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionDone {
    /// Backups converted with the store.
    backups: usize,
    /// Backups left as they were, each with why.
    skipped: Vec<String>,
}

#[tauri::command(async)]
pub fn change_encryption(desk: State<'_, Desk>, request: EncryptionRequest) -> Answer<EncryptionDone> {
    let conversion = match request {
        EncryptionRequest::Encrypt { passphrase } => desk.change_encryption(EncryptionChange::Encrypt(&Passphrase::new(passphrase)?)),
        EncryptionRequest::Decrypt { current } => desk.change_encryption(EncryptionChange::Decrypt(&Passphrase::new(current)?)),
        EncryptionRequest::Rekey { current, passphrase } => {
            desk.change_encryption(EncryptionChange::Rekey(&Passphrase::new(current)?, &Passphrase::new(passphrase)?))
        }
    }?;
    Ok(EncryptionDone {
        backups: conversion.backups.len(),
        skipped: conversion.skipped.iter().map(|(file, why)| format!("{}: {why}", file.display())).collect(),
    })
}

/// Opens the encrypted store with the passphrase typed on the first screen, then takes the
/// day's backup, which could not be taken while the store was closed.
#[tauri::command(async)]
pub fn unlock_store(desk: State<'_, Desk>, passphrase: String) -> Answer<()> {
    desk.unlock(Passphrase::new(passphrase)?)?;
    if let Err(e) = desk.with(|s| s.backup_if_due()) {
        eprintln!("chancery: the daily backup failed: {}", e.message);
    }
    Ok(())
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

#[tauri::command(async)]
pub fn library_documents(desk: State<'_, Desk>) -> Answer<Vec<AgreedText>> {
    desk.with(|s| s.documents())
}

#[tauri::command(async)]
pub fn library_paragraphs(desk: State<'_, Desk>, symbol: String) -> Answer<Vec<Paragraph>> {
    let symbol = Symbol::parse(&symbol)?;
    desk.with(|s| s.paragraphs(&symbol))
}

/// How pasted text splits into labelled paragraphs, to show before saving.
#[tauri::command(async)]
pub fn library_split(text: String, symbol: String) -> Split {
    split_text(&text, &symbol)
}

/// Asks the user for a file (.txt, .md, .docx, .pdf) and splits it; None when they cancel.
#[tauri::command(async)]
pub fn library_split_file(app: tauri::AppHandle, symbol: String) -> Answer<Option<Split>> {
    let Some(picked) = app.dialog().file().add_filter("Official texts", &["txt", "md", "docx", "pdf"]).blocking_pick_file() else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(|e| CommandError { code: "file.unreadable", message: e.to_string() })?;
    let pages = read::read_file(&path)?;
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    Ok(Some(split_pages(&pages, &symbol)))
}

#[tauri::command(async)]
pub fn library_import(desk: State<'_, Desk>, document: NewDocument, split: Split, replace: bool) -> Answer<AgreedText> {
    desk.with(|s| s.import_document(document, &split, replace))
}

#[tauri::command(async)]
pub fn library_search(desk: State<'_, Desk>, search: Search) -> Answer<Vec<SearchHit>> {
    desk.with(|s| s.search(&search))
}

#[tauri::command(async)]
pub fn check_paper(desk: State<'_, Desk>, paper_id: i64) -> Answer<CheckReport> {
    desk.with(|s| s.check(paper_id))
}

/// What to fix or check before the paper is submitted, against `limit` (a preset's name or
/// a number of words), or when none is given the paper's own limit.
#[tauri::command(async)]
pub fn submission_check(desk: State<'_, Desk>, paper_id: i64, limit: Option<String>) -> Answer<SubmissionReport> {
    let limit = limit.as_deref().map(WordLimit::parse).transpose()?;
    desk.with(|s| s.submission_check(paper_id, limit))
}

/// Options both exports share, as the dialog sends them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportChoice {
    paper: String,
    draft: bool,
    marking: Option<String>,
}

impl ExportChoice {
    fn options(self) -> Options {
        Options {
            paper: PaperSize::parse(&self.paper).unwrap_or_default(),
            draft: self.draft,
            marking: self.marking.filter(|m| !m.trim().is_empty()),
            // The edge reads the clock; the core takes the time in.
            created: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs() as i64),
        }
    }
}

/// Asks where to save a paper's export, suggesting its title as the name; None when cancelled.
fn ask_where(app: &tauri::AppHandle, desk: &Desk, paper_id: i64, format: &str, extension: &str) -> Answer<Option<std::path::PathBuf>> {
    let title = desk.with(|s| s.paper(paper_id))?.title;
    let suggested: String = title.chars().map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { '_' }).collect();
    let Some(picked) =
        app.dialog().file().add_filter(format, &[extension]).set_file_name(format!("{}.{extension}", suggested.trim())).blocking_save_file()
    else {
        return Ok(None);
    };
    picked.into_path().map(Some).map_err(|e| CommandError { code: "file.unwritable", message: e.to_string() })
}

fn write_export(path: &std::path::Path, bytes: &[u8]) -> Answer<Option<String>> {
    std::fs::write(path, bytes).map_err(|e| CommandError { code: "file.unwritable", message: format!("{}: {e}", path.display()) })?;
    Ok(Some(path.display().to_string()))
}

/// Asks where to save, then writes the paper's submission PDF there; None when cancelled.
#[tauri::command(async)]
pub fn export_pdf(app: tauri::AppHandle, desk: State<'_, Desk>, paper_id: i64, choice: ExportChoice) -> Answer<Option<String>> {
    let Some(path) = ask_where(&app, &desk, paper_id, "PDF", "pdf")? else {
        return Ok(None);
    };
    let options = choice.options();
    let bytes = desk.with(|s| {
        let text = s.paper_text(paper_id)?;
        chancery_core::export::pdf_with(&text, &options, s).map_err(Into::into)
    })?;
    write_export(&path, &bytes)
}

/// The pages as the PDF will print them, each an SVG image, to look at before saving.
#[tauri::command(async)]
pub fn preview_pages(desk: State<'_, Desk>, paper_id: i64, choice: ExportChoice) -> Answer<Vec<String>> {
    let options = choice.options();
    desk.with(|s| {
        let text = s.paper_text(paper_id)?;
        chancery_core::export::preview(&text, &options, s).map_err(Into::into)
    })
}

/// Asks where to save, then writes the paper as a Word document there, with the review
/// notes as comments when asked (for internal review only); None when cancelled.
#[tauri::command(async)]
pub fn export_docx(app: tauri::AppHandle, desk: State<'_, Desk>, paper_id: i64, choice: ExportChoice, with_comments: bool) -> Answer<Option<String>> {
    let Some(path) = ask_where(&app, &desk, paper_id, "Word document", "docx")? else {
        return Ok(None);
    };
    let options = choice.options();
    let bytes = desk.with(|s| {
        let text = s.paper_text(paper_id)?;
        let paper = s.paper(paper_id)?;
        let word = DocxOptions {
            paper: options.paper,
            draft: options.draft,
            marking: options.marking,
            created: options.created,
            comments: if with_comments { s.word_comments(paper_id)? } else { Vec::new() },
            properties: export::details(paper.process.as_deref(), paper.meeting.as_deref(), paper.date.as_deref(), paper.place.as_deref()),
        };
        export::docx(&text, &word, s).map_err(Into::into)
    })?;
    write_export(&path, &bytes)
}

/// Asks which Word document to import, then makes a paper of it; None when cancelled.
#[tauri::command(async)]
pub fn import_docx(app: tauri::AppHandle, desk: State<'_, Desk>) -> Answer<Option<ImportedPaper>> {
    let Some(picked) = app.dialog().file().add_filter("Word document", &["docx"]).blocking_pick_file() else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(|e| CommandError { code: "file.unreadable", message: e.to_string() })?;
    let bytes = chancery_core::word::read_file(&path)?;
    desk.with(|s| s.import_docx(&bytes)).map(Some)
}

/// A paper of comments on a Chair's draft in the library.
#[tauri::command(async)]
pub fn create_paper_on(desk: State<'_, Desk>, input: NewPaper, base: String) -> Answer<Paper> {
    let base = Symbol::parse(&base)?;
    desk.with(|s| s.create_paper_on(input, &base))
}

#[tauri::command(async)]
pub fn paper_base(desk: State<'_, Desk>, paper_id: i64) -> Answer<Option<String>> {
    desk.with(|s| Ok(s.paper_base(paper_id)?.map(|b| b.to_string())))
}

/// A proposal with its change against the base paragraph, word by word.
#[derive(Serialize)]
pub struct ProposalView {
    #[serde(flatten)]
    proposal: Proposal,
    redline: Vec<Change>,
}

impl From<Proposal> for ProposalView {
    fn from(proposal: Proposal) -> Self {
        ProposalView { redline: proposal.redline(), proposal }
    }
}

#[tauri::command(async)]
pub fn proposals(desk: State<'_, Desk>, paper_id: i64) -> Answer<Vec<ProposalView>> {
    desk.with(|s| Ok(s.proposals(paper_id)?.into_iter().map(ProposalView::from).collect()))
}

#[tauri::command(async)]
pub fn inline_view(desk: State<'_, Desk>, paper_id: i64) -> Answer<Vec<InlineParagraph>> {
    desk.with(|s| s.inline_view(paper_id))
}

#[tauri::command(async)]
pub fn propose(desk: State<'_, Desk>, paper_id: i64, input: NewProposal) -> Answer<ProposalView> {
    desk.with(|s| s.propose(paper_id, input).map(ProposalView::from))
}

#[tauri::command(async)]
pub fn update_proposal(desk: State<'_, Desk>, id: i64, patch: ProposalPatch) -> Answer<ProposalView> {
    desk.with(|s| s.update_proposal(id, patch).map(ProposalView::from))
}

#[tauri::command(async)]
pub fn withdraw_proposal(desk: State<'_, Desk>, id: i64) -> Answer<()> {
    desk.with(|s| s.withdraw_proposal(id))
}

#[tauri::command(async)]
pub fn rebase(desk: State<'_, Desk>, paper_id: i64, base: String) -> Answer<RebaseReport> {
    let base = Symbol::parse(&base)?;
    desk.with(|s| s.rebase(paper_id, &base))
}
