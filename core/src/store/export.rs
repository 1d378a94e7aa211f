//! What the export reads of a paper: its printed content, without prompts or review marks.

use super::{Store, StoreError};
use crate::export::{CitationText, PaperText, PlainCitations, SectionText};
use crate::reference::Reference;

impl Store {
    /// A paper's text and details for the PDF export.
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
        })
    }
}

/// A reference's footnote in a paper exported from the store: the full citation when the
/// library holds the document, else what the reference itself says.
impl CitationText for Store {
    fn footnote(&self, reference: &Reference) -> String {
        self.citation_text(reference).unwrap_or_else(|| PlainCitations.footnote(reference))
    }
}
