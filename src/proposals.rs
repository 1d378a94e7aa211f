//! `chancery propose`, `chancery proposals`, `chancery proposal …` and `chancery rebase`:
//! a delegation's textual proposals on the Chair's draft a comments paper answers.

use chancery_core::diff::inline;
use chancery_core::library::Symbol;
use chancery_core::proposal::{NewProposal, Outcome, ProposalKind, ProposalPatch};
use chancery_core::Store;
use clap::{ArgGroup, Args, Subcommand};

use crate::Failure;

#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).args(["amend", "delete", "insert_after", "comment"])))]
pub struct ProposeArgs {
    paper_id: i64,
    /// The draft's paragraph: 32, "13(a)", "annex I, 3"
    #[arg(long, value_name = "N")]
    para: String,
    /// The paragraph as the delegation would have it
    #[arg(long, value_name = "TEXT")]
    amend: Option<String>,
    /// Delete the paragraph
    #[arg(long)]
    delete: bool,
    /// A new paragraph to insert after it
    #[arg(long, value_name = "TEXT")]
    insert_after: Option<String>,
    /// A comment on the paragraph, without a textual proposal
    #[arg(long, value_name = "TEXT")]
    comment: Option<String>,
    /// The justification (markdown; references as [@A/70/174, para. 13])
    #[arg(long, value_name = "TEXT")]
    why: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ProposalCommand {
    /// Change a proposal's wording or justification
    Edit {
        id: i64,
        /// The new wording (an amendment, a new paragraph or a comment)
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        #[arg(long, value_name = "TEXT")]
        why: Option<String>,
    },
    /// Withdraw (delete) a proposal
    Withdraw { id: i64 },
}

pub fn propose(args: ProposeArgs, store: &mut Store) -> Result<(), Failure> {
    let (kind, text) = if let Some(text) = args.amend {
        (ProposalKind::Amend, text)
    } else if let Some(text) = args.insert_after {
        (ProposalKind::InsertAfter, text)
    } else if let Some(text) = args.comment {
        (ProposalKind::Comment, text)
    } else {
        (ProposalKind::Delete, String::new())
    };
    let proposal = store.propose(args.paper_id, NewProposal { kind, label: args.para, text, justification: args.why.unwrap_or_default() })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&proposal).expect("a proposal serialises"));
    } else {
        println!("{}", proposal.id);
    }
    Ok(())
}

pub fn list(store: &Store, paper_id: i64, json: bool) -> Result<(), Failure> {
    let proposals = store.proposals(paper_id)?;
    if json {
        let out: Vec<_> = proposals
            .iter()
            .map(|p| {
                let mut value = serde_json::to_value(p).expect("a proposal serialises");
                value["redline"] = serde_json::to_value(p.redline()).expect("changes serialise");
                value
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out).expect("proposals serialise"));
        return Ok(());
    }
    if proposals.is_empty() {
        println!("No proposals yet. Make one with: chancery propose {paper_id} --para N --amend \"…\"");
    }
    for p in proposals {
        let status = if p.status.as_str() == "open" { String::new() } else { format!(" [{}]", p.status.as_str()) };
        println!("#{} para. {} {}{status}", p.id, p.label, p.kind.as_str());
        match p.kind {
            ProposalKind::Comment => println!("  {}", p.text),
            _ => println!("  {}", inline(&p.redline())),
        }
        if !p.justification.is_empty() {
            println!("  why: {}", p.justification);
        }
    }
    Ok(())
}

pub fn run(command: ProposalCommand, store: &mut Store) -> Result<(), Failure> {
    match command {
        ProposalCommand::Edit { id, text, why } => {
            if text.is_none() && why.is_none() {
                return Err(Failure::usage("give --text or --why"));
            }
            store.update_proposal(id, ProposalPatch { text, justification: why })?;
        }
        ProposalCommand::Withdraw { id } => store.withdraw_proposal(id)?,
    }
    Ok(())
}

pub fn rebase(store: &mut Store, paper_id: i64, base: &str, json: bool) -> Result<(), Failure> {
    let symbol = Symbol::parse(base)?;
    let report = store.rebase(paper_id, &symbol)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report serialises"));
        return Ok(());
    }
    println!("Paper {paper_id} now answers {} (was {}).", report.to, report.from);
    let line = |r: &chancery_core::proposal::Rebased| match &r.to {
        Some(to) if *to != r.from => format!("#{} {} para. {} → para. {to}", r.proposal_id, r.kind.as_str(), r.from),
        _ => format!("#{} {} para. {}", r.proposal_id, r.kind.as_str(), r.from),
    };
    for (outcome, title) in [
        (Outcome::Carried, "Carried over"),
        (Outcome::Review, "Carried over, but the Chair changed the same words: check the wording"),
        (Outcome::TakenIn, "Taken in by the new draft"),
        (Outcome::Unplaced, "Could not be placed (no matching paragraph)"),
    ] {
        let lines: Vec<String> = report.with(outcome).map(line).collect();
        if !lines.is_empty() {
            println!("\n{title}:");
            for l in lines {
                println!("  {l}");
            }
        }
    }
    Ok(())
}
