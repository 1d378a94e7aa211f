//! `chancery paper …`

use std::io::Read;
use std::path::{Path, PathBuf};

use chancery_core::annotation::{AnnotationFilter, AnnotationStatus};
use chancery_core::submission::{AppliedLimit, WordLimit};
use chancery_core::{Framework, NewPaper, Store};
use clap::Subcommand;
use clap::builder::PossibleValuesParser;

use crate::Failure;
use crate::passphrase::{Passphrases, Wanted};

#[derive(Subcommand)]
pub enum PaperCommand {
    /// Start a paper and print its id
    New {
        #[arg(long)]
        title: String,
        /// The kind of paper, which gives its first sections
        #[arg(long, value_name = "KIND", default_value = "blank", value_parser = template_ids())]
        template: String,
        #[arg(long)]
        delegation: Option<String>,
        /// An official UN language: en, fr, es, ru, ar, zh
        #[arg(long, default_value = "en")]
        language: String,
        /// The process it is written for, e.g. mechanism-2026
        #[arg(long)]
        process: Option<String>,
        /// The Chair's draft it comments on, by its symbol in the library
        #[arg(long, value_name = "SYMBOL")]
        base: Option<String>,
    },
    /// List the papers, the most recently changed first
    List {
        /// Print one JSON document
        #[arg(long)]
        json: bool,
    },
    /// Show a paper's details and text
    Show {
        id: i64,
        /// Print the paper as markdown, as `export --markdown` writes it
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Print one JSON document: the paper and its sections
        #[arg(long)]
        json: bool,
    },
    /// Make a paper of a markdown file (front matter for its details; each level-1 or
    /// level-2 heading starts a section) or of a Word document (DOCX: headings, numbered
    /// paragraphs, footnotes, comments as notes) and print its id; or take in a colleague's
    /// `.chancery` file, merging it into the paper it came from
    Import { file: PathBuf },
    /// Make a markdown file the paper's new text, as a new version
    Update { id: i64, file: PathBuf },
    /// Set the paper's own word limit (a number of words, or secretariat, intergovernmental,
    /// in-session), or none to leave the limit of its kind; prints the limit that applies
    Limit {
        id: i64,
        #[arg(value_name = "WORDS|none")]
        limit: String,
    },
    /// List a paper's versions, numbered from 1 in the order made
    Versions {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Give a version a name ("sent to capital 12 March"); a named version is kept as it is
    Name { id: i64, version: i64, name: String },
    /// Show what changed between two versions, word by word: [-deleted-]{+inserted+}
    Diff {
        id: i64,
        from: i64,
        to: i64,
        /// Print the changes as one JSON document
        #[arg(long)]
        json: bool,
    },
    /// Bring back the text of an earlier version, as a new version
    Restore { id: i64, version: i64 },
    /// Write a paper to a file
    Export {
        id: i64,
        /// Write it as markdown that `paper import` reads back the same
        #[arg(long, value_name = "OUT.md", required_unless_present_any = ["pdf", "docx", "review_pdf", "exchange"], conflicts_with_all = ["pdf", "docx", "review_pdf", "exchange"])]
        markdown: Option<PathBuf>,
        /// Write it for a colleague: versions, notes and cited texts in one file
        #[arg(long, value_name = "OUT.chancery", conflicts_with_all = ["pdf", "docx"])]
        exchange: Option<PathBuf>,
        /// Encrypt the exchange file with a passphrase (CHANCERY_EXCHANGE_PASSPHRASE, or a
        /// line of standard input with --passphrase-stdin)
        #[arg(long, requires = "exchange")]
        encrypt: bool,
        #[command(flatten)]
        out: ExportArgs,
        /// Write the review notes as a separate PDF for circulation inside the ministry
        #[arg(long, value_name = "OUT.pdf")]
        review_pdf: Option<PathBuf>,
        /// Only the review notes of this status
        #[arg(long, value_name = "STATUS", value_parser = ["open", "resolved", "wont-fix"], requires = "review_pdf")]
        status: Option<String>,
    },
}

/// A Word document by its content (a zip archive), or by its name when it is not one, so
/// that a damaged .docx is reported as such rather than read as markdown.
fn is_docx(path: &Path) -> bool {
    let mut head = [0u8; 4];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    &head[..read] == b"PK\x03\x04" || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// "Word limit: 1,200 (the paper's own limit)", or that there is none.
fn limit_line(limit: Option<&AppliedLimit>) -> String {
    limit.map_or_else(|| "No word limit".to_string(), |l| format!("Word limit: {}", l.describe()))
}

fn template_ids() -> PossibleValuesParser {
    let ids: Vec<String> = Framework::builtin().templates.into_iter().map(|t| t.id).collect();
    PossibleValuesParser::new(ids)
}

pub fn run(command: PaperCommand, store: &mut Store, passphrases: &Passphrases) -> Result<(), Failure> {
    match command {
        PaperCommand::New { title, template, delegation, language, process, base } => {
            let new = NewPaper { title, delegation, template: Some(template), language: Some(language), process };
            let paper = match base {
                Some(base) => store.create_paper_on(new, &chancery_core::library::Symbol::parse(&base)?)?,
                None => store.create_paper(new)?,
            };
            println!("{}", paper.id);
        }
        PaperCommand::List { json } => {
            let papers = store.papers()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&papers).expect("papers serialise"));
            } else if papers.is_empty() {
                println!("No papers yet. Start one with: chancery paper new --title \"…\"");
            } else {
                println!("{:>4}  {:<10}  {:<12}  {:<4}  TITLE", "ID", "UPDATED", "KIND", "LANG");
                for p in papers {
                    let by = if p.delegation.is_empty() { String::new() } else { format!(" ({})", p.delegation) };
                    println!("{:>4}  {:<10}  {:<12}  {:<4}  {}{by}", p.id, &p.updated_at[..10], p.kind, p.language, p.title);
                }
            }
        }
        PaperCommand::Show { id, markdown, json } => {
            if markdown {
                print!("{}", store.export_markdown(id)?);
            } else {
                let paper = store.paper(id)?;
                let sections = store.sections(id)?;
                let limit = store.word_limit(id)?;
                if json {
                    let doc = serde_json::json!({ "paper": paper, "limit": limit, "sections": sections });
                    println!("{}", serde_json::to_string_pretty(&doc).expect("a paper serialises"));
                } else {
                    println!("{}", paper.title);
                    let by = if paper.delegation.is_empty() { "no delegation set" } else { &paper.delegation };
                    println!("{by} · {} · {} · {}", paper.kind, paper.language, paper.status.as_str());
                    println!("{}", limit_line(limit.as_ref()));
                    for s in sections {
                        let words = s.body.split_whitespace().count();
                        println!("\n{} {} ({words} words)", "#".repeat(s.level as usize), s.heading.as_deref().unwrap_or("(opening text)"));
                        if !s.body.is_empty() {
                            println!("\n{}", s.body);
                        }
                    }
                }
            }
        }
        PaperCommand::Import { file } if crate::exchange::is_exchange(&file) => crate::exchange::import(store, &file, passphrases)?,
        PaperCommand::Import { file } if is_docx(&file) => {
            let imported = store.import_docx(&chancery_core::word::read_file(&file)?)?;
            println!("{}", imported.paper.id);
            eprintln!("{}", imported.summary);
        }
        PaperCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| Failure::file(&file, e))?;
            println!("{}", store.import_markdown(&text)?.id);
        }
        PaperCommand::Update { id, file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| Failure::file(&file, e))?;
            let version = store.update_from_markdown(id, &text)?;
            println!("{}", version.number);
        }
        PaperCommand::Limit { id, limit } => {
            let words = match limit.trim() {
                "none" => None,
                text => Some(WordLimit::parse(text)?.words()),
            };
            println!("{}", limit_line(store.set_word_limit(id, words)?.as_ref()));
        }
        PaperCommand::Versions { id, json } => {
            let versions = store.versions(id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&versions).expect("versions serialise"));
            } else {
                println!("{:>4}  {:<20}  {:<9}  {:>6}  NAME", "V", "SAVED", "HOW", "WORDS");
                for v in versions {
                    let name = match (v.name, v.restored_from) {
                        (Some(name), _) => name,
                        (None, Some(from)) => format!("(restored from version {from})"),
                        (None, None) => String::new(),
                    };
                    println!("{:>4}  {:<20}  {:<9}  {:>6}  {name}", v.number, v.saved_at, v.kind.as_str(), v.words);
                }
            }
        }
        PaperCommand::Name { id, version, name } => {
            store.name_version(id, version, &name)?;
        }
        PaperCommand::Diff { id, from, to, json } => {
            let changes = store.diff_versions(id, from, to)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&changes).expect("changes serialise"));
            } else {
                print!("{}", chancery_core::diff::inline(&changes));
            }
        }
        PaperCommand::Restore { id, version } => {
            println!("{}", store.restore_version(id, version)?.number);
        }
        PaperCommand::Export { id, markdown, exchange, encrypt, out: formats, review_pdf, status } => {
            if let Some(out) = exchange {
                let passphrase = if encrypt { Some(passphrases.get(Wanted::Exchange)?) } else { None };
                crate::exchange::export(store, id, &out, passphrase.as_ref())?;
            } else if let Some(out) = markdown {
                let text = store.export_markdown(id)?;
                std::fs::write(&out, text).map_err(|e| Failure::file(&out, e))?;
            }
            if formats.any() {
                formats.write_paper(store, id)?;
            }
            if let Some(file) = review_pdf {
                let filter = AnnotationFilter { status: status.as_deref().and_then(AnnotationStatus::parse), ..AnnotationFilter::default() };
                formats.write_review(store, id, &filter, &file)?;
            }
        }
    }
    Ok(())
}

/// `--pdf OUT.pdf` and/or `--docx OUT.docx`, with `[--paper a4|letter] [--draft] [--marking TEXT]
/// [--cited-list] [--checklist-annex] [--with-comments]`
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("format").multiple(true).args(["pdf", "docx"])))]
pub struct ExportArgs {
    /// Write it as a submission-ready PDF
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// Write it as a Word document (styles, numbering, footnotes, tracked changes)
    #[arg(long, value_name = "OUT.docx")]
    pub docx: Option<PathBuf>,
    /// Paper size
    #[arg(long, value_name = "SIZE", default_value = "a4", value_parser = ["a4", "letter"])]
    pub paper: String,
    /// Mark it as a draft: a light grey DRAFT across every PDF page, DRAFT in the Word header
    #[arg(long, requires = "format")]
    pub draft: bool,
    /// A classification line in the header, e.g. RESTRICTED
    #[arg(long, value_name = "TEXT", requires = "format")]
    pub marking: Option<String>,
    /// Add an annex listing the agreed texts cited, with their full citations
    #[arg(long, requires = "format")]
    pub cited_list: bool,
    /// Add the Voluntary Checklist summary as an annex table (a paper in the store only)
    #[arg(long, requires = "format")]
    pub checklist_annex: bool,
    /// Put the review notes in the Word file as comments, for internal review (never for submission)
    #[arg(long, requires = "docx")]
    pub with_comments: bool,
}

impl ExportArgs {
    pub fn any(&self) -> bool {
        self.pdf.is_some() || self.docx.is_some()
    }

    fn options(&self, marking: Option<String>, draft: bool) -> chancery_core::export::Options {
        chancery_core::export::Options {
            paper: chancery_core::export::PaperSize::parse(&self.paper).unwrap_or_default(),
            draft,
            marking,
            // The edge reads the clock; the core takes the time in.
            created: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs() as i64),
        }
    }

    /// Writes a markdown file's paper (the one-shot export, without a store).
    pub fn write(&self, doc: &chancery_core::markdown::document::Document, framework: &Framework) -> Result<(), Failure> {
        if self.checklist_annex {
            return Err(Failure::usage("--checklist-annex needs a paper in the store: chancery paper export ID --pdf OUT.pdf --checklist-annex"));
        }
        if self.with_comments {
            return Err(Failure::usage("--with-comments needs a paper in the store: a markdown file has no review notes"));
        }
        let paper = chancery_core::export::PaperText::from_document(doc, framework);
        let front = &doc.front;
        let details = chancery_core::export::details(front.process.as_deref(), front.meeting.as_deref(), front.date.as_deref(), front.place.as_deref());
        self.write_with(paper, details, Vec::new(), &chancery_core::export::PlainCitations)
    }

    /// Writes a paper of the store, with the annexes asked for.
    pub fn write_paper(&self, store: &Store, id: i64) -> Result<(), Failure> {
        let mut paper = store.paper_text(id)?;
        if self.checklist_annex {
            paper.annexes.push(store.checklist_annex(id)?);
        }
        let comments = if self.with_comments { store.word_comments(id)? } else { Vec::new() };
        let p = store.paper(id)?;
        let details = chancery_core::export::details(p.process.as_deref(), p.meeting.as_deref(), p.date.as_deref(), p.place.as_deref());
        self.write_with(paper, details, comments, store)
    }

    fn write_with(
        &self,
        mut paper: chancery_core::export::PaperText,
        details: Vec<(String, String)>,
        comments: Vec<chancery_core::export::WordComment>,
        citations: &dyn chancery_core::export::CitationText,
    ) -> Result<(), Failure> {
        if !self.any() {
            return Err(Failure::usage("give --pdf OUT.pdf or --docx OUT.docx"));
        }
        if self.cited_list
            && let Some(annex) = chancery_core::export::cited_annex(&paper, citations)
        {
            // The list of texts cited comes first among the annexes.
            paper.annexes.insert(0, annex);
        }
        let options = self.options(self.marking.clone(), self.draft);
        if let Some(out) = &self.pdf {
            let bytes = chancery_core::export::pdf_with(&paper, &options, citations)?;
            std::fs::write(out, bytes).map_err(|e| Failure::file(out, e))?;
        }
        if let Some(out) = &self.docx {
            let word = chancery_core::export::DocxOptions {
                paper: options.paper,
                draft: options.draft,
                marking: options.marking.clone(),
                created: options.created,
                comments,
                properties: details,
            };
            let bytes = chancery_core::export::docx(&paper, &word, citations)?;
            std::fs::write(out, bytes).map_err(|e| Failure::file(out, e))?;
        }
        Ok(())
    }

    /// Writes the review notes on a paper as their own PDF, marked for internal use.
    pub fn write_review(&self, store: &Store, id: i64, filter: &AnnotationFilter, out: &std::path::Path) -> Result<(), Failure> {
        let review = store.review_text(id, filter)?;
        let options = self.options(Some("INTERNAL — NOT FOR SUBMISSION".to_string()), false);
        let bytes = chancery_core::export::pdf_with(&review, &options, store)?;
        std::fs::write(out, bytes).map_err(|e| Failure::file(out, e))
    }
}
