//! `chancery checklist …`: the Voluntary Checklist of Practical Actions for a paper.

use chancery_core::{ActionStatus, ActionUpdate, Store};
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};

use crate::Failure;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ChecklistArgs {
    #[command(subcommand)]
    command: Option<ChecklistCommand>,
    /// The paper whose checklist to show
    id: Option<i64>,
    /// Print one JSON document: every action with its status, and progress per norm
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum ChecklistCommand {
    /// Record a practical action's status (and a note or evidence) for a paper
    Set {
        id: i64,
        /// The action's id, as `chancery checklist ID` lists it (e.g. c-nat-1)
        action: String,
        #[arg(value_parser = statuses())]
        status: String,
        #[arg(long)]
        note: Option<String>,
        /// Free text and references that show the action is taken
        #[arg(long)]
        evidence: Option<String>,
    },
}

fn statuses() -> PossibleValuesParser {
    PossibleValuesParser::new(ActionStatus::ALL.map(ActionStatus::as_str))
}

pub fn run(args: ChecklistArgs, store: &mut Store) -> Result<(), Failure> {
    match (args.command, args.id) {
        (Some(ChecklistCommand::Set { id, action, status, note, evidence }), _) => {
            let status = ActionStatus::parse(&status).expect("clap checked the status");
            let entry = store.set_action(id, &action, ActionUpdate { status: Some(status), note, evidence })?;
            println!("{} {}", entry.action, entry.status.as_str());
        }
        (None, Some(id)) => show(store, id, args.json)?,
        (None, None) => {
            return Err(Failure::usage("name a paper: chancery checklist ID, or chancery checklist set ID ACTION STATUS"));
        }
    }
    Ok(())
}

fn show(store: &Store, id: i64, json: bool) -> Result<(), Failure> {
    let checklist = store.checklist(id)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&checklist).expect("a checklist serialises"));
        return Ok(());
    }
    let framework = store.framework();
    for (norm, progress) in framework.norms.iter().zip(&checklist.by_norm) {
        println!(
            "Norm {} — {}: {} of {} implemented, {} in progress, {} not applicable ({}%)",
            norm.label,
            norm.title,
            progress.implemented,
            progress.total,
            progress.in_progress,
            progress.not_applicable,
            progress.percent()
        );
        for entry in checklist.entries.iter().filter(|e| e.norm == norm.id) {
            let text = framework.actions.iter().find(|a| a.id == entry.action).map_or("", |a| a.text.as_str());
            println!("  {:<9} {:<15} {text}", entry.action, entry.status.as_str());
            if !entry.note.is_empty() {
                println!("  {:<9} {:<15} Note: {}", "", "", entry.note);
            }
        }
        println!();
    }
    Ok(())
}
