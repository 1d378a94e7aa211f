//! `chancery library …`, and the agreed-language part of `chancery check`.

use std::path::PathBuf;

use chancery_core::library::{Adoption, CheckReport, Kind, NewDocument, Symbol, read, split, valid_date};
use chancery_core::store::Search;
use chancery_core::{Store, diff};
use clap::{Args, Subcommand};

use crate::Failure;

#[derive(Subcommand)]
pub enum LibraryCommand {
    /// Import an agreed text (plain text, markdown, DOCX or PDF) split into its paragraphs
    Import(ImportArgs),
    /// List the documents in the library
    List {
        /// Print one JSON document
        #[arg(long)]
        json: bool,
    },
    /// Show a document's paragraphs, or one paragraph
    Show {
        symbol: String,
        /// A paragraph label: 13, "13(a)", "annex I, 3"
        paragraph: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search the library's paragraphs, the most relevant first
    Search {
        /// Words to find (all of them); "quoted words" as a phrase; word* as a prefix
        query: String,
        /// Only in this document
        #[arg(long, value_name = "SYMBOL")]
        document: Option<String>,
        /// Only in documents of this kind: resolution, report, chairs-summary, treaty, position, other
        #[arg(long)]
        kind: Option<String>,
        /// Only in documents of this year
        #[arg(long)]
        year: Option<i32>,
        /// Search the sections of your papers instead
        #[arg(long, conflicts_with_all = ["document", "kind", "year"])]
        papers: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Remove a document from the library
    Remove { symbol: String },
}

#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// The document's symbol: A/70/174, A/RES/73/27, A/AC.292/2025/CRP.1
    #[arg(long)]
    symbol: String,
    /// The full title
    #[arg(long)]
    title: String,
    /// A short title for lists ("GGE report 2015"); the title when absent
    #[arg(long)]
    short_title: Option<String>,
    /// resolution, report, chairs-summary, treaty, position, other
    #[arg(long, default_value = "report")]
    kind: String,
    /// YYYY-MM-DD
    #[arg(long)]
    date: Option<String>,
    /// consensus, without-vote, or vote:YES-NO-ABSTAIN (e.g. vote:119-46-14)
    #[arg(long)]
    adoption: Option<String>,
    /// The issuing body: "General Assembly"
    #[arg(long)]
    body: Option<String>,
    /// Replace the document with the same symbol if the library has one
    #[arg(long)]
    replace: bool,
    /// Print the split (labels and first words) and store nothing
    #[arg(long)]
    preview: bool,
    /// Fix a label the splitter got wrong: --relabel "12=11bis" (may be repeated)
    #[arg(long, value_name = "OLD=NEW")]
    relabel: Vec<String>,
    /// Print the split as JSON (with --preview), or import a split edited as JSON
    /// (`--preview --json > split.json`, edit, then `--split split.json`)
    #[arg(long)]
    json: bool,
    /// Import the paragraphs of this JSON split instead of splitting the file
    #[arg(long, value_name = "SPLIT.json")]
    split: Option<PathBuf>,
}

pub fn run(command: LibraryCommand, store: &mut Store) -> Result<(), Failure> {
    match command {
        LibraryCommand::Import(args) => import(args, store)?,
        LibraryCommand::List { json } => {
            let documents = store.documents()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&documents).expect("documents serialise"));
            } else if documents.is_empty() {
                println!("The library is empty. Import a text with: chancery library import FILE --symbol S --title T");
            } else {
                println!("{:<24}  {:<14}  {:<10}  {:>5}  TITLE", "SYMBOL", "KIND", "DATE", "PARAS");
                for d in documents {
                    println!("{:<24}  {:<14}  {:<10}  {:>5}  {}", d.symbol, d.kind.as_str(), d.date.as_deref().unwrap_or("-"), d.paragraphs, d.short_title);
                }
            }
        }
        LibraryCommand::Show { symbol, paragraph, json } => {
            let symbol = Symbol::parse(&symbol)?;
            match paragraph {
                Some(label) => {
                    let p = store.paragraph(&symbol, &label)?;
                    if json {
                        println!("{}", serde_json::to_string_pretty(&p).expect("a paragraph serialises"));
                    } else {
                        println!("{}, para. {}\n\n{}", p.symbol, p.label, p.text);
                    }
                }
                None => {
                    let document = store.document(&symbol)?;
                    let paragraphs = store.paragraphs(&symbol)?;
                    if json {
                        let doc = serde_json::json!({ "document": document, "paragraphs": paragraphs });
                        println!("{}", serde_json::to_string_pretty(&doc).expect("a document serialises"));
                    } else {
                        println!("{} — {}", document.symbol, document.title);
                        let adoption = document.adoption.map(|a| format!(" · {}", a.describe())).unwrap_or_default();
                        println!("{} · {}{adoption}", document.kind.as_str(), document.date.as_deref().unwrap_or("undated"));
                        for p in paragraphs {
                            println!("\n{}. {}", p.label, p.text);
                        }
                    }
                }
            }
        }
        LibraryCommand::Search { query, document, kind, year, papers, limit, json } => {
            if papers {
                let hits = store.search_papers(&query, limit)?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&hits).expect("hits serialise"));
                } else {
                    for h in hits {
                        println!("paper {} · {} · {}\n    {}", h.paper_id, h.paper_title, h.heading.as_deref().unwrap_or("(opening text)"), marked(&h.snippet, &h.highlights));
                    }
                }
                return Ok(());
            }
            let search = Search {
                query,
                document: document.as_deref().map(Symbol::parse).transpose()?,
                kind: kind.as_deref().map(Kind::parse).transpose()?,
                year,
                limit: Some(limit),
            };
            let hits = store.search(&search)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&hits).expect("hits serialise"));
            } else if hits.is_empty() {
                println!("Nothing found.");
            } else {
                for h in hits {
                    println!("{}, para. {} ({})\n    {}", h.symbol, h.label, h.short_title, marked(&h.snippet, &h.highlights));
                }
            }
        }
        LibraryCommand::Remove { symbol } => store.delete_document(&Symbol::parse(&symbol)?)?,
    }
    Ok(())
}

/// The snippet with the words found in [brackets].
fn marked(snippet: &str, highlights: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in highlights {
        out.push_str(&snippet[at..r.start]);
        out.push('[');
        out.push_str(&snippet[r.clone()]);
        out.push(']');
        at = r.end;
    }
    out.push_str(&snippet[at..]);
    out
}

fn import(args: ImportArgs, store: &mut Store) -> Result<(), Failure> {
    let symbol = Symbol::parse(&args.symbol)?;
    let mut split = match &args.split {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Failure::file(path, e))?;
            serde_json::from_str(&text).map_err(|e| Failure::usage(&format!("{}: not a split as `--preview --json` prints it: {e}", path.display())))?
        }
        None => {
            let pages = read::read_file(&args.file)?;
            let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
            split::split_pages(&pages, symbol.as_str())
        }
    };
    for change in &args.relabel {
        let (old, new) = change.split_once('=').ok_or_else(|| Failure::usage("write a relabel as OLD=NEW, e.g. --relabel \"12=11bis\""))?;
        split.relabel(old.trim(), new.trim())?;
    }
    if args.preview {
        if args.json {
            println!("{}", serde_json::to_string_pretty(&split).expect("a split serialises"));
        } else {
            for line in split.preview() {
                println!("{:>16}  {}", line.label, line.start);
            }
            println!("{} paragraphs; nothing was stored", split.paragraphs.len());
        }
        return Ok(());
    }
    let new = NewDocument {
        symbol,
        title: args.title,
        short_title: args.short_title,
        body: args.body,
        date: args.date.as_deref().map(valid_date).transpose()?,
        kind: Kind::parse(&args.kind)?,
        adoption: args.adoption.as_deref().map(Adoption::parse).transpose()?,
    };
    let document = store.import_document(new, &split, args.replace)?;
    println!("{}: {} paragraphs", document.symbol, document.paragraphs);
    Ok(())
}

/// The agreed-language part of `chancery check`: unresolved references, drifted and
/// verified quotations.
pub fn describe(report: &CheckReport) -> String {
    let mut out = String::new();
    let at = |section: &str, line: usize, reference: &str| format!("  {section}, line {line}: {reference}");
    out.push_str(&format!("Unresolved references: {}\n", report.unresolved.len()));
    for u in &report.unresolved {
        out.push_str(&format!("{}\n    {}\n", at(&u.at.section, u.at.line, &u.reference), u.message));
    }
    out.push_str(&format!("Quotations that differ from the agreed text: {}\n", report.deviations.len()));
    for d in &report.deviations {
        out.push_str(&format!("{}\n    agreed: {}\n    quoted: {}\n    diff:   {}\n", at(&d.at.section, d.at.line, &d.reference), d.agreed, d.quotation, diff::inline(&d.changes)));
    }
    out.push_str(&format!("Verified quotations: {}\n", report.verified.len()));
    for v in &report.verified {
        out.push_str(&format!("{}\n    “{}”\n", at(&v.at.section, v.at.line, &v.reference), v.quotation));
    }
    out
}
