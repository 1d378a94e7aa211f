//! `chancery`: the command-line face of a Chancery store, for scripts and for drafters who
//! live in a terminal. A thin layer over `chancery-core`; the app is the other.

mod checklist;
mod exchange;
mod library;
mod paper;
mod passphrase;
mod proposals;
mod review;
mod store_command;
mod submission;

use std::path::PathBuf;
use std::process::ExitCode;

use chancery_core::{Clock, ErrorCode, Framework, Store, store};
use clap::{Parser, Subcommand};

use crate::passphrase::Wanted;

#[derive(Parser)]
#[command(name = "chancery", version, about = "Draft position papers for the UN processes on ICT security")]
struct Cli {
    /// The store to use [default: $XDG_DATA_HOME/chancery/chancery.sqlite3]
    #[arg(long, global = true, env = "CHANCERY_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Read passphrases from standard input, one line each, instead of CHANCERY_PASSPHRASE,
    /// CHANCERY_NEW_PASSPHRASE and CHANCERY_EXCHANGE_PASSPHRASE
    #[arg(long, global = true)]
    passphrase_stdin: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create, list, show, import and export papers
    #[command(subcommand)]
    Paper(paper::PaperCommand),
    /// Write a markdown file (with front matter) as a PDF or a Word document, without a store
    Export {
        /// The markdown file
        file: PathBuf,
        #[command(flatten)]
        out: paper::ExportArgs,
    },
    /// Print the HTML that the app's preview shows for a markdown file
    Render {
        /// The markdown file
        file: PathBuf,
    },
    /// The framework: processes, pillars, norms, templates
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// Put a review note on words of a paper's section
    Annotate(review::AnnotateArgs),
    /// List a paper's review notes, or resolve one
    Annotations(review::AnnotationsArgs),
    /// Who you are when writing notes in this store
    #[command(subcommand)]
    Profile(review::ProfileCommand),
    /// Back up the store (into the `backups` folder beside it, or to a file)
    Backup {
        /// Write the backup to this file instead
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Put a backup in place of the store; the replaced file is kept beside it
    Restore {
        /// The backup to restore
        #[arg(required_unless_present = "latest", conflicts_with = "latest")]
        file: Option<PathBuf>,
        /// Restore the newest sound backup from the `backups` folder
        #[arg(long)]
        latest: bool,
    },
    /// Encrypt the store with a passphrase, decrypt it, or change its passphrase
    #[command(subcommand)]
    Store(store_command::StoreCommand),
    /// The Voluntary Checklist of Practical Actions: a paper's status per action
    Checklist(checklist::ChecklistArgs),
    /// The library of agreed texts: import, list, show, search
    #[command(subcommand)]
    Library(library::LibraryCommand),
    /// Propose an amendment, deletion, new paragraph or comment on a paragraph of the
    /// Chair's draft a comments paper answers
    Propose(proposals::ProposeArgs),
    /// List a comments paper's proposals in the order of the draft's paragraphs
    Proposals {
        paper_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Change or withdraw a proposal
    #[command(subcommand)]
    Proposal(proposals::ProposalCommand),
    /// Move a comments paper onto the Chair's revised draft, carrying its proposals over
    Rebase {
        paper_id: i64,
        /// The revised draft's symbol (import it into the library first)
        #[arg(long, value_name = "SYMBOL")]
        base: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a paper before it is submitted: word count against a limit, references and
    /// quotations against the library, open review notes, empty sections
    Check {
        paper_id: i64,
        /// The word limit: a number, or secretariat (8,500), intergovernmental (10,700) or
        /// in-session (3,300) [default: the paper's own limit, else its kind's]
        #[arg(long, value_name = "LIMIT")]
        limit: Option<String>,
        /// Print the report as one JSON document
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum FrameworkCommand {
    /// Print the framework the store works with
    Show {
        /// Print it as one JSON document
        #[arg(long)]
        json: bool,
    },
}

/// A failure to report: what went wrong, in words for the user.
pub struct Failure {
    message: String,
    code: &'static str,
}

impl<E: ErrorCode + std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure { message: error.to_string(), code: error.code() }
    }
}

impl Failure {
    pub fn usage(message: &str) -> Failure {
        Failure { message: message.to_string(), code: "usage" }
    }

    pub fn file(path: &std::path::Path, error: std::io::Error) -> Failure {
        Failure { message: format!("{}: {error}", path.display()), code: "file.io" }
    }
}

fn main() -> ExitCode {
    // `chancery paper list | head` should end quietly when head stops reading, as other
    // command-line programs do, not panic on the closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("chancery: {} [{}]", failure.message, failure.code);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let passphrases = passphrase::Passphrases { from_stdin: cli.passphrase_stdin };
    let open = || -> Result<Store, Failure> {
        let path = store::resolve_path(cli.db.clone())?;
        match store::file_kind(&path)? {
            store::FileKind::Encrypted => Ok(Store::open_with_passphrase(&path, &passphrases.get(Wanted::Store)?)?),
            _ => Ok(Store::open(&path)?),
        }
    };
    match cli.command {
        Command::Paper(command) => paper::run(command, &mut open()?, &passphrases),
        Command::Store(command) => store_command::run(command, &store::resolve_path(cli.db.clone())?, &passphrases),
        Command::Checklist(args) => checklist::run(args, &mut open()?),
        Command::Annotate(args) => review::annotate(args, &mut open()?),
        Command::Annotations(args) => review::annotations(args, &mut open()?),
        Command::Profile(command) => review::profile(command, &mut open()?),
        Command::Backup { to } => {
            let store = open()?;
            let path = match to {
                Some(to) => store.backup_to(&to).map(|()| to)?,
                None => store.backup_now()?,
            };
            println!("{}", path.display());
            Ok(())
        }
        Command::Restore { file, latest: _ } => {
            let path = store::resolve_path(cli.db.clone())?;
            // An encrypted store's backups are encrypted under the same passphrase.
            let encrypted = |file: &std::path::Path| matches!(store::file_kind(file), Ok(store::FileKind::Encrypted));
            let needs_key = match &file {
                Some(file) => encrypted(file),
                None => encrypted(&path),
            };
            let key = if needs_key { Some(passphrases.get(Wanted::Store)?) } else { None };
            let from = match file {
                Some(file) => file,
                None => store::backup::latest_good(&path, key.as_ref())
                    .ok_or_else(|| Failure::usage(&format!("there is no sound backup in {}", store::backup::folder(&path).display())))?,
            };
            let stamp = Clock::system().now().replace(':', "");
            store::backup::restore(&from, &path, &stamp, key.as_ref())?;
            println!("restored {} from {}", path.display(), from.display());
            Ok(())
        }
        Command::Export { file, out } => {
            let markdown = std::fs::read_to_string(&file).map_err(|e| Failure::file(&file, e))?;
            let framework = Framework::builtin();
            let doc = chancery_core::markdown::document::parse(&markdown, &framework)?;
            out.write(&doc, &framework)
        }
        Command::Library(command) => library::run(command, &mut open()?),
        Command::Propose(args) => proposals::propose(args, &mut open()?),
        Command::Proposals { paper_id, json } => proposals::list(&open()?, paper_id, json),
        Command::Proposal(command) => proposals::run(command, &mut open()?),
        Command::Rebase { paper_id, base, json } => proposals::rebase(&mut open()?, paper_id, &base, json),
        Command::Check { paper_id, limit, json } => submission::check(&open()?, paper_id, limit.as_deref(), json),
        Command::Render { file } => {
            let markdown = std::fs::read_to_string(&file).map_err(|e| Failure::file(&file, e))?;
            print!("{}", chancery_core::markdown::render_html(&markdown));
            Ok(())
        }
        Command::Framework(FrameworkCommand::Show { json }) => {
            let store = open()?;
            show_framework(store.framework(), json);
            Ok(())
        }
    }
}

fn show_framework(framework: &Framework, json: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(framework).expect("the framework serialises"));
        return;
    }
    println!("Framework pack version {}\n", framework.version);
    println!("Processes:");
    for p in &framework.processes {
        println!("  {:<16} {} ({})", p.id, p.short, p.mandate);
    }
    println!("\nPillars:");
    for p in &framework.pillars {
        println!("  {:<24} {}", p.id, p.name);
    }
    println!("\nNorms (A/70/174, para. 13):");
    for n in &framework.norms {
        println!("  {:<6} {}", n.label, n.title);
    }
    println!("\nTemplates:");
    for t in &framework.templates {
        println!("  {:<14} {}", t.id, t.name);
    }
}
