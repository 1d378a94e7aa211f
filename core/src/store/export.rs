//! What the export reads of a paper: its printed content, without prompts or review marks;
//! and, apart, the review notes as a paper of their own for circulation inside the ministry.

use super::{Store, StoreError};
use crate::annotation::{Annotation, AnnotationFilter, AnnotationStatus};
use crate::checklist::ActionStatus;
use crate::export::{CitationText, PaperText, PlainCitations, SectionText, WordComment, markdown_escape};
use crate::reference::Reference;

impl Store {
    /// A paper's text and details for the PDF export. Annotations are never part of it.
    pub fn paper_text(&self, id: i64) -> Result<PaperText, StoreError> {
        let paper = self.paper(id)?;
        let sections = self.sections(id)?;
        let process = paper
            .process
            .as_deref()
            .map(|p| self.framework().processes.iter().find(|x| x.id == p).map_or_else(|| p.to_string(), |x| x.short.clone()));
        let mut sections: Vec<SectionText> =
            sections.into_iter().map(|s| SectionText { heading: s.heading, level: s.level, body: s.body }).collect();
        let mut title = paper.title;
        // Comments on a Chair's draft: the general remarks written, then the proposals.
        if let Some((base, proposals)) = self.proposals_sections(id)? {
            let draft = self.document(&base)?;
            let delegation = if paper.delegation.trim().is_empty() { "the delegation" } else { paper.delegation.trim() };
            title = format!("Comments and proposals of {delegation} on {} ({base})", draft.title);
            sections.retain(|s| !s.body.trim().is_empty());
            sections.extend(proposals);
        }
        Ok(PaperText {
            title,
            delegation: paper.delegation,
            language: paper.language,
            process,
            meeting: paper.meeting,
            date: paper.date,
            place: paper.place,
            symbol: None,
            sections,
            annexes: Vec::new(),
        })
    }

    /// The review notes on a paper as a paper of their own: per section, in text order,
    /// each note's kind, status, author and role, the words it points at, the note and its
    /// thread; notes whose words are gone come last. Set by the same engine as the paper.
    pub fn review_text(&self, id: i64, filter: &AnnotationFilter) -> Result<PaperText, StoreError> {
        let paper = self.paper_text(id)?;
        let sections = self.sections(id)?;
        let notes = self.annotations(id, filter)?;
        let mut out = Vec::new();
        let mut number = 0;
        for section in &sections {
            let here: Vec<&Annotation> = notes.iter().filter(|a| a.section_id == Some(section.id) && !a.orphan).collect();
            if here.is_empty() {
                continue;
            }
            let heading = section.heading.clone().unwrap_or_else(|| "Opening text".into());
            out.push(SectionText { heading: Some(heading), level: 2, body: review_notes(&here, &mut number) });
        }
        let orphans: Vec<&Annotation> = notes.iter().filter(|a| a.orphan || a.section_id.is_none()).collect();
        if !orphans.is_empty() {
            out.push(SectionText { heading: Some("Notes whose words are no longer in the text".into()), level: 2, body: review_notes(&orphans, &mut number) });
        }
        if out.is_empty() {
            let what = match filter.status {
                Some(status) => format!("No {} review notes on this paper.", status_name(status)),
                None => "No review notes on this paper.".into(),
            };
            out.push(SectionText { heading: None, level: 1, body: what });
        }
        Ok(PaperText { title: format!("Review notes on {}", paper.title), sections: out, place: None, ..paper })
    }

    /// The review notes on a paper as Word comments, for internal review: each note's kind
    /// and status, its text, the proposed wording and the thread.
    pub fn word_comments(&self, id: i64) -> Result<Vec<WordComment>, StoreError> {
        let notes = self.annotations(id, &AnnotationFilter::default())?;
        Ok(notes
            .into_iter()
            .map(|note| {
                let mut text = format!("{} ({}): {}", spoken(note.kind.as_str()), status_name(note.status), note.body.trim());
                if let Some(proposal) = note.proposal.as_deref().filter(|p| !p.trim().is_empty()) {
                    text.push_str(&format!("\n\nProposed wording: {}", proposal.trim()));
                }
                for entry in &note.thread {
                    if let Some(reply) = &entry.reply {
                        text.push_str(&format!("\n\n{}: {}", entry.by.name, reply.trim()));
                    }
                }
                WordComment { author: note.author.name.clone(), date: note.created_at.clone(), quote: note.anchor.quote.clone(), text }
            })
            .collect())
    }

    /// The Voluntary Checklist summary as an annex: per norm, its label and short title,
    /// how many practical actions stand at each status, and the actions implemented.
    pub fn checklist_annex(&self, id: i64) -> Result<SectionText, StoreError> {
        let checklist = self.checklist(id)?;
        let framework = self.framework();
        let mut body = String::from(
            "| Norm | Implemented | In progress | Not started | Not applicable | Actions implemented |\n| --- | ---: | ---: | ---: | ---: | --- |\n",
        );
        for progress in &checklist.by_norm {
            let Some(norm) = framework.norms.iter().find(|n| n.id == progress.norm) else { continue };
            let implemented: Vec<String> = checklist
                .entries
                .iter()
                .filter(|e| e.norm == norm.id && e.status == ActionStatus::Implemented)
                .filter_map(|e| framework.actions.iter().find(|a| a.id == e.action))
                .map(|a| markdown_escape(a.text.trim().trim_end_matches('.')))
                .collect();
            body.push_str(&format!(
                "| ({}) {} | {} | {} | {} | {} | {} |\n",
                norm.id,
                markdown_escape(&norm.title),
                progress.implemented,
                progress.in_progress,
                progress.not_started,
                progress.not_applicable,
                if implemented.is_empty() { "—".to_string() } else { implemented.join("; ") },
            ));
        }
        body.push_str("\nNorms as in A/70/174, para. 13(a)–(k); practical actions of the Voluntary Checklist of Practical Actions.\n");
        let language = self.paper(id)?.language;
        Ok(SectionText { heading: Some(crate::export::locale::checklist_heading(&language).into()), level: 1, body })
    }
}

fn status_name(status: AnnotationStatus) -> &'static str {
    match status {
        AnnotationStatus::Open => "open",
        AnnotationStatus::Resolved => "resolved",
        AnnotationStatus::WontFix => "won't fix",
    }
}

/// "legal-risk" → "Legal risk".
fn spoken(name: &str) -> String {
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Notes as markdown: a head line, the quoted words as a block quote, the note, the thread.
fn review_notes(notes: &[&Annotation], number: &mut usize) -> String {
    let mut body = String::new();
    for note in notes {
        *number += 1;
        body.push_str(&format!(
            "**Note {number}. {}** · {} · {} ({})\n\n",
            spoken(note.kind.as_str()),
            status_name(note.status),
            markdown_escape(&note.author.name),
            spoken(note.author.role.as_str()).to_lowercase(),
        ));
        let quote: Vec<String> = note.anchor.quote.lines().map(markdown_escape).collect();
        body.push_str(&format!("> “{}”\n", quote.join("\n> ")));
        body.push('\n');
        body.push_str(note.body.trim());
        body.push_str("\n\n");
        if let Some(proposal) = note.proposal.as_deref().filter(|p| !p.trim().is_empty()) {
            body.push_str(&format!("*Proposed wording:* {}\n\n", markdown_escape(proposal.trim())));
        }
        for entry in &note.thread {
            let who = format!("{} ({})", markdown_escape(&entry.by.name), spoken(entry.by.role.as_str()).to_lowercase());
            let when = entry.at.get(..10).unwrap_or(&entry.at);
            match (&entry.reply, entry.status) {
                (Some(reply), _) => body.push_str(&format!("- *{who}, {when}:* {}\n", reply.trim().replace('\n', " "))),
                (None, Some(status)) => body.push_str(&format!("- *{who}, {when}:* marked {}\n", status_name(status))),
                (None, None) => {}
            }
        }
        body.push_str("\n---\n\n");
    }
    body
}

/// A reference's footnote in a paper exported from the store: the full citation when the
/// library holds the document, else what the reference itself says.
impl CitationText for Store {
    fn footnote(&self, reference: &Reference) -> String {
        self.citation_text(reference).unwrap_or_else(|| PlainCitations.footnote(reference))
    }
}
