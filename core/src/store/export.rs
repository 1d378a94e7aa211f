//! What the export reads of a paper: its printed content, without prompts or review marks.

use super::{Store, StoreError};
use crate::export::{PaperText, SectionText};

impl Store {
    /// A paper's text and details for the PDF export.
    pub fn paper_text(&self, id: i64) -> Result<PaperText, StoreError> {
        let paper = self.paper(id)?;
        let sections = self.sections(id)?;
        let process = paper
            .process
            .as_deref()
            .map(|p| self.framework().processes.iter().find(|x| x.id == p).map_or_else(|| p.to_string(), |x| x.short.clone()));
        Ok(PaperText {
            title: paper.title,
            delegation: paper.delegation,
            language: paper.language,
            process,
            meeting: paper.meeting,
            date: paper.date,
            place: paper.place,
            symbol: None,
            sections: sections.into_iter().map(|s| SectionText { heading: s.heading, level: s.level, body: s.body }).collect(),
        })
    }
}
