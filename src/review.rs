//! `chancery annotate …`, `chancery annotations …` and `chancery profile …`: review notes.

use chancery_core::Store;
use chancery_core::annotation::{AnnotationFilter, AnnotationKind, AnnotationStatus, NewAnnotation, Role};
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};

use crate::Failure;

fn names<T: Copy + 'static>(all: &'static [T], name: fn(T) -> &'static str) -> PossibleValuesParser {
    PossibleValuesParser::new(all.iter().map(|v| name(*v)))
}

fn kinds() -> PossibleValuesParser {
    names(AnnotationKind::ALL, AnnotationKind::as_str)
}
fn statuses() -> PossibleValuesParser {
    names(AnnotationStatus::ALL, AnnotationStatus::as_str)
}
fn roles() -> PossibleValuesParser {
    names(Role::ALL, Role::as_str)
}

#[derive(Args)]
pub struct AnnotateArgs {
    paper: i64,
    /// The section: its heading, or its id
    #[arg(long)]
    section: String,
    /// The words the note is on, as they stand in the section
    #[arg(long)]
    quote: String,
    #[arg(long, value_parser = kinds())]
    kind: String,
    #[arg(long)]
    body: String,
    /// For --kind proposed-wording: the words to put in place of the quote
    #[arg(long)]
    proposal: Option<String>,
    /// Write as this person (made if new, with --role); the store's profile stays as it is
    #[arg(long = "as", value_name = "NAME")]
    author: Option<String>,
    #[arg(long, value_parser = roles(), default_value = "reviewer")]
    role: String,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AnnotationsArgs {
    #[command(subcommand)]
    command: Option<AnnotationsCommand>,
    /// The paper whose notes to list
    paper: Option<i64>,
    #[arg(long)]
    json: bool,
    #[arg(long, value_parser = statuses())]
    status: Option<String>,
    #[arg(long, value_parser = kinds())]
    kind: Option<String>,
    /// Notes in sections of this pillar (e.g. international-law)
    #[arg(long)]
    pillar: Option<String>,
}

#[derive(Subcommand)]
enum AnnotationsCommand {
    /// Mark a note resolved
    Resolve {
        id: i64,
        #[arg(long = "as", value_name = "NAME")]
        author: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ProfileCommand {
    /// Choose who you are when writing notes in this store
    Set {
        name: String,
        #[arg(long, value_parser = roles())]
        role: String,
    },
    /// Show who you are
    Show,
}

/// Runs `action` as `author` (made if new, with `role`) when one is given; the store's
/// profile is put back afterwards, whatever the action's outcome.
fn act_as<T>(store: &mut Store, author: Option<&str>, role: &str, action: impl FnOnce(&mut Store) -> Result<T, Failure>) -> Result<T, Failure> {
    let Some(name) = author else { return action(store) };
    let previous = store.profile()?;
    let role = Role::parse(role).expect("clap checked the role");
    let person = store.person_named(name, role)?;
    store.set_profile(&person.name, person.role)?;
    let outcome = action(store);
    // With no profile before, the person written as stays the profile: someone must be.
    if let Some(previous) = previous {
        store.set_profile(&previous.name, previous.role)?;
    }
    outcome
}

pub fn annotate(args: AnnotateArgs, store: &mut Store) -> Result<(), Failure> {
    let author = args.author.clone();
    let role = args.role.clone();
    act_as(store, author.as_deref(), &role, |store| write_note(args, store))
}

fn write_note(args: AnnotateArgs, store: &mut Store) -> Result<(), Failure> {
    let sections = store.sections(args.paper)?;
    let wanted = args.section.trim();
    let section = sections
        .iter()
        .find(|s| s.id.to_string() == wanted || s.heading.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(wanted)))
        .ok_or_else(|| {
            let headings: Vec<_> = sections.iter().filter_map(|s| s.heading.as_deref()).collect();
            Failure::usage(&format!("paper {} has no section \"{wanted}\"; its sections are: {}", args.paper, headings.join("; ")))
        })?;
    let note = store.annotate(
        args.paper,
        NewAnnotation {
            section_id: section.id,
            quote: args.quote,
            occurrence: None,
            kind: AnnotationKind::parse(&args.kind).expect("clap checked the kind"),
            body: args.body,
            proposal: args.proposal,
        },
    )?;
    println!("{}", note.id);
    Ok(())
}

pub fn annotations(args: AnnotationsArgs, store: &mut Store) -> Result<(), Failure> {
    match (args.command, args.paper) {
        (Some(AnnotationsCommand::Resolve { id, author }), _) => {
            let note = act_as(store, author.as_deref(), "reviewer", |store| Ok(store.set_annotation_status(id, AnnotationStatus::Resolved)?))?;
            println!("{} {}", note.id, note.status.as_str());
        }
        (None, Some(paper)) => {
            let filter = AnnotationFilter {
                status: args.status.as_deref().and_then(AnnotationStatus::parse),
                kind: args.kind.as_deref().and_then(AnnotationKind::parse),
                pillar: args.pillar,
                ..AnnotationFilter::default()
            };
            let notes = store.annotations(paper, &filter)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&notes).expect("notes serialise"));
            } else if notes.is_empty() {
                println!("No notes.");
            } else {
                for note in notes {
                    let place = if note.orphan { " (its words were deleted)".to_string() } else { String::new() };
                    println!(
                        "#{} {} · {} · {} ({}){place}\n  “{}”\n  {}",
                        note.id,
                        note.kind.as_str(),
                        note.status.as_str(),
                        note.author.name,
                        note.author.role.as_str(),
                        note.anchor.quote,
                        note.body
                    );
                    for entry in &note.thread {
                        match (&entry.reply, entry.status) {
                            (Some(reply), _) => println!("  ↳ {}: {reply}", entry.by.name),
                            (None, Some(status)) => println!("  ↳ {} marked it {}", entry.by.name, status.as_str()),
                            (None, None) => {}
                        }
                    }
                }
            }
        }
        (None, None) => return Err(Failure::usage("name a paper: chancery annotations PAPER_ID, or chancery annotations resolve ID")),
    }
    Ok(())
}

pub fn profile(command: ProfileCommand, store: &mut Store) -> Result<(), Failure> {
    match command {
        ProfileCommand::Set { name, role } => {
            let person = store.set_profile(&name, Role::parse(&role).expect("clap checked the role"))?;
            println!("{} ({})", person.name, person.role.as_str());
        }
        ProfileCommand::Show => match store.profile()? {
            Some(person) => println!("{} ({})", person.name, person.role.as_str()),
            None => println!("No profile chosen: chancery profile set NAME --role ROLE"),
        },
    }
    Ok(())
}
