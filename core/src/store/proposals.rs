//! Comments on a Chair's draft in the store: a paper's base (a library document) and the
//! delegation's proposals on its paragraphs; the views the UI shows of them; the rebase
//! onto a revised draft; and the part of the export that prints them.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError};
use crate::diff::{ChangeKind, escape_markdown, redline_markdown};
use crate::export::SectionText;
use crate::library::{Paragraph, Symbol};
use crate::paper::{NewPaper, Paper};
use crate::proposal::{
    InlineParagraph, NewProposal, Outcome, Proposal, ProposalKind, ProposalPatch, ProposalStatus, RebaseReport, Rebased, place,
};

const COLUMNS: &str = "id, paper_id, kind, label, base_text, text, justification, status, created_at, updated_at";

impl Store {
    /// Starts a paper that comments on a draft of the library (`base`); an unknown symbol
    /// is refused before anything is written.
    pub fn create_paper_on(&mut self, new: NewPaper, base: &Symbol) -> Result<Paper, StoreError> {
        self.document(base)?;
        let paper = self.create_paper(new)?;
        self.conn.execute("UPDATE paper SET base = ?2 WHERE id = ?1", params![paper.id, base.as_str()])?;
        Ok(paper)
    }

    /// The draft a paper comments on, if any.
    pub fn paper_base(&self, paper_id: i64) -> Result<Option<Symbol>, StoreError> {
        let base: Option<Option<String>> = self.conn.query_row("SELECT base FROM paper WHERE id = ?1", [paper_id], |r| r.get(0)).optional()?;
        match base {
            None => Err(StoreError::NoSuchPaper(paper_id)),
            Some(base) => Ok(base.map(|b| Symbol::parse(&b)).transpose()?),
        }
    }

    fn required_base(&self, paper_id: i64) -> Result<Symbol, StoreError> {
        self.paper_base(paper_id)?.ok_or(StoreError::NoBase(paper_id))
    }

    /// Makes a proposal on a paragraph of the paper's base.
    pub fn propose(&mut self, paper_id: i64, new: NewProposal) -> Result<Proposal, StoreError> {
        let base = self.required_base(paper_id)?;
        let paragraph = self.paragraph(&base, &new.label)?;
        let text = checked_text(new.kind, new.text, &paragraph.text)?;
        let now = self.clock.now();
        self.conn.execute(
            "INSERT INTO proposal (paper_id, kind, label, base_text, text, justification, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![paper_id, new.kind.as_str(), paragraph.label, paragraph.text, text, new.justification.trim(), now],
        )?;
        let id = self.conn.last_insert_rowid();
        self.touch(paper_id, &now)?;
        self.proposal(id)
    }

    pub fn proposal(&self, id: i64) -> Result<Proposal, StoreError> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM proposal WHERE id = ?1"), [id], proposal_from_row)
            .optional()?
            .ok_or(StoreError::NoSuchProposal(id))
    }

    /// A paper's proposals in the order of the base's paragraphs (a new paragraph after
    /// the proposals on the one it follows); those taken in or unplaced come last.
    pub fn proposals(&self, paper_id: i64) -> Result<Vec<Proposal>, StoreError> {
        let base = self.paper_base(paper_id)?;
        let positions: HashMap<String, usize> = match &base {
            Some(base) => self.paragraphs(base)?.into_iter().map(|p| (p.label, p.position)).collect(),
            None => HashMap::new(),
        };
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM proposal WHERE paper_id = ?1 ORDER BY id"))?;
        let mut proposals: Vec<Proposal> = stmt.query_map([paper_id], proposal_from_row)?.collect::<Result<_, _>>()?;
        proposals.sort_by_key(|p| {
            let position = if p.status.stands() { positions.get(&p.label).copied() } else { None };
            (position.is_none(), position, p.kind == ProposalKind::InsertAfter, p.id)
        });
        Ok(proposals)
    }

    /// Changes a proposal's wording or justification.
    pub fn update_proposal(&mut self, id: i64, patch: ProposalPatch) -> Result<Proposal, StoreError> {
        let mut proposal = self.proposal(id)?;
        if let Some(text) = patch.text {
            proposal.text = checked_text(proposal.kind, text, &proposal.base_text)?;
        }
        if let Some(justification) = patch.justification {
            proposal.justification = justification.trim().to_string();
        }
        let now = self.clock.now();
        self.conn.execute(
            "UPDATE proposal SET text = ?2, justification = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, proposal.text, proposal.justification, now],
        )?;
        self.touch(proposal.paper_id, &now)?;
        self.proposal(id)
    }

    /// Withdraws (deletes) a proposal.
    pub fn withdraw_proposal(&mut self, id: i64) -> Result<(), StoreError> {
        let proposal = self.proposal(id)?;
        self.conn.execute("DELETE FROM proposal WHERE id = ?1", [id])?;
        let now = self.clock.now();
        self.touch(proposal.paper_id, &now)
    }

    fn touch(&self, paper_id: i64, now: &str) -> Result<(), StoreError> {
        self.conn.execute("UPDATE paper SET updated_at = ?2 WHERE id = ?1", params![paper_id, now])?;
        Ok(())
    }

    /// The base text with the standing proposals inline: every paragraph of the draft, its
    /// redline, and the proposals on it.
    pub fn inline_view(&self, paper_id: i64) -> Result<Vec<InlineParagraph>, StoreError> {
        let base = self.required_base(paper_id)?;
        let proposals = self.proposals(paper_id)?;
        Ok(self
            .paragraphs(&base)?
            .into_iter()
            .map(|p: Paragraph| {
                let on: Vec<Proposal> = proposals.iter().filter(|x| x.status.stands() && x.label == p.label).cloned().collect();
                let redline = on
                    .iter()
                    .find(|x| matches!(x.kind, ProposalKind::Amend | ProposalKind::Delete))
                    .map(Proposal::redline)
                    .unwrap_or_else(|| vec![crate::diff::Change { kind: ChangeKind::Equal, text: p.text.clone() }]);
                InlineParagraph { label: p.label, text: p.text, redline, proposals: on }
            })
            .collect())
    }

    /// Moves the paper onto a revised draft: each proposal goes to the paragraph of the
    /// new draft that matches best by its words, amendments are recomputed against the new
    /// wording, and the report says where each went, which the draft took in and which
    /// found no place. All in one transaction.
    pub fn rebase(&mut self, paper_id: i64, new_base: &Symbol) -> Result<RebaseReport, StoreError> {
        let old = self.required_base(paper_id)?;
        let paragraphs = self.paragraphs(new_base)?;
        let proposals = self.proposals(paper_id)?;
        let now = self.clock.now();
        let mut report = RebaseReport { from: old.to_string(), to: new_base.to_string(), proposals: Vec::new() };
        let tx = self.conn.transaction()?;
        for proposal in proposals {
            // A proposal already taken in or unplaced stays as it is.
            if !proposal.status.stands() {
                continue;
            }
            let placed = place(&proposal, &paragraphs);
            let status = match placed.outcome {
                Outcome::Carried => ProposalStatus::Open,
                Outcome::Review => ProposalStatus::Review,
                Outcome::TakenIn => ProposalStatus::TakenIn,
                Outcome::Unplaced => ProposalStatus::Unplaced,
            };
            let target = placed.paragraph.map(|i| &paragraphs[i]);
            let (label, base_text) = match (placed.outcome, target) {
                (Outcome::Carried | Outcome::Review, Some(p)) => (p.label.clone(), p.text.clone()),
                _ => (proposal.label.clone(), proposal.base_text.clone()),
            };
            tx.execute(
                "UPDATE proposal SET label = ?2, base_text = ?3, text = ?4, status = ?5, updated_at = ?6 WHERE id = ?1",
                params![proposal.id, label, base_text, placed.text, status.as_str(), now],
            )?;
            report.proposals.push(Rebased {
                proposal_id: proposal.id,
                kind: proposal.kind,
                from: proposal.label,
                to: target.map(|p| p.label.clone()),
                outcome: placed.outcome,
            });
        }
        tx.execute("UPDATE paper SET base = ?2, updated_at = ?3 WHERE id = ?1", params![paper_id, new_base.as_str(), now])?;
        tx.commit()?;
        Ok(report)
    }

    /// The printed part of a comments paper after its general remarks: the proposals in
    /// paragraph order with their redlines and justifications, then the compilation table.
    /// None for a paper without a base.
    pub(crate) fn proposals_sections(&self, paper_id: i64) -> Result<Option<(Symbol, Vec<SectionText>)>, StoreError> {
        let Some(base) = self.paper_base(paper_id)? else { return Ok(None) };
        let standing: Vec<Proposal> = self.proposals(paper_id)?.into_iter().filter(|p| p.status.stands()).collect();
        if standing.is_empty() {
            return Ok(Some((base, Vec::new())));
        }
        let mut body = String::new();
        for p in &standing {
            body.push_str(&format!("**{}**\n\n", heading_of(p)));
            match p.kind {
                ProposalKind::Comment => body.push_str(&format!("{}\n\n", escape_markdown(&p.text))),
                _ => body.push_str(&format!("{}\n\n", redline_markdown(&p.redline()))),
            }
            if !p.justification.is_empty() {
                body.push_str(&format!("*Justification:* {}\n\n", p.justification));
            }
        }
        let mut table = String::from("| Paragraph | Proposal | Justification |\n| --- | --- | --- |\n");
        for p in &standing {
            let proposal = match p.kind {
                ProposalKind::Comment => escape_markdown(&p.text),
                _ => redline_markdown(&p.redline()),
            };
            table.push_str(&format!("| {} | {} | {} |\n", cell(&heading_of(p)), cell(&proposal), cell(&p.justification)));
        }
        Ok(Some((
            base,
            vec![
                SectionText { heading: Some("Proposals by paragraph".into()), level: 2, body },
                SectionText { heading: Some("Compilation".into()), level: 2, body: table },
            ],
        )))
    }
}

/// "Para. 32", "New para. after para. 32".
fn heading_of(p: &Proposal) -> String {
    match p.kind {
        ProposalKind::InsertAfter => format!("New paragraph after para. {}", p.label),
        ProposalKind::Delete => format!("Para. {} (delete)", p.label),
        _ => format!("Para. {}", p.label),
    }
}

/// Text fit for a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len());
    let mut escaped = false;
    for c in one_line.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn checked_text(kind: ProposalKind, text: String, base: &str) -> Result<String, StoreError> {
    let text = text.trim().to_string();
    match kind {
        ProposalKind::Delete if !text.is_empty() => Err(StoreError::invalid("text", "a deletion has no wording; give the reason as its justification")),
        ProposalKind::Amend if text.is_empty() => Err(StoreError::invalid("text", "an amendment needs the paragraph's new wording; to delete it, propose a deletion")),
        ProposalKind::Amend if text == base.trim() => Err(StoreError::invalid("text", "the new wording is the same as the draft's")),
        ProposalKind::InsertAfter if text.is_empty() => Err(StoreError::invalid("text", "a new paragraph needs its wording")),
        ProposalKind::Comment if text.is_empty() => Err(StoreError::invalid("text", "a comment needs its text")),
        _ => Ok(text),
    }
}

fn proposal_from_row(r: &Row) -> rusqlite::Result<Proposal> {
    let bad = |i: usize, what: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into());
    let kind: String = r.get(2)?;
    let status: String = r.get(7)?;
    Ok(Proposal {
        id: r.get(0)?,
        paper_id: r.get(1)?,
        kind: ProposalKind::parse(&kind).ok_or_else(|| bad(2, format!("unknown kind {kind}")))?,
        label: r.get(3)?,
        base_text: r.get(4)?,
        text: r.get(5)?,
        justification: r.get(6)?,
        status: ProposalStatus::parse(&status).ok_or_else(|| bad(7, format!("unknown status {status}")))?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}
