//! A paper made of a DOCX (`word::read`): stored as a markdown import is, with a version,
//! and its Word comments made review notes by their authors, in one transaction.

use serde::Serialize;

use super::annotations::{NoteRow, insert_annotation, insert_event, person_id};
use super::papers::{SectionRow, insert_paper_rows};
use super::{Store, StoreError, versions};
use crate::anchor::Anchor;
use crate::annotation::{AnnotationKind, AnnotationStatus, Role};
use crate::paper::Paper;
use crate::version::VersionKind;
use crate::word::read::{self, Counts};

/// The paper a DOCX became, and what was found in it.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedPaper {
    pub paper: Paper,
    pub counts: Counts,
    /// "4 sections, 6 footnotes, 2 notes from comments, 1 tracked change kept as redline".
    pub summary: String,
}

impl Store {
    /// Makes a paper of a Word document. A file that is not a DOCX, is damaged, inflates
    /// beyond the limits or links to outside resources is refused before anything is written.
    pub fn import_docx(&mut self, bytes: &[u8]) -> Result<ImportedPaper, StoreError> {
        let word = read::paper(bytes, &self.framework, self)?;
        let rows: Vec<SectionRow> = word.document.sections.iter().cloned().map(SectionRow::from).collect();
        let front = self.checked(word.document.front, &rows)?;
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        let (paper_id, section_ids) = insert_paper_rows(&tx, front, &rows, &now)?;
        for note in &word.notes {
            let body = &word.document.sections[note.section].body;
            let (anchor, orphan) = match &note.range {
                Some(range) => (Anchor::at(body, range.clone()), false),
                None => (Anchor { quote: String::new(), prefix: String::new(), suffix: String::new(), start: 0, end: 0 }, true),
            };
            let at = note.date.as_deref().unwrap_or(&now);
            let author_id = person_id(&tx, &note.author, Role::Reviewer, &now)?;
            let id = insert_annotation(
                &tx,
                &NoteRow {
                    paper_id,
                    section_id: section_ids[note.section],
                    kind: AnnotationKind::Comment,
                    body: &note.text,
                    proposal: None,
                    status: if note.done { AnnotationStatus::Resolved } else { AnnotationStatus::Open },
                    author_id,
                    anchor: &anchor,
                    orphan,
                    at,
                },
            )?;
            for reply in &note.replies {
                let by = person_id(&tx, &reply.author, Role::Reviewer, &now)?;
                insert_event(&tx, id, by, "reply", &reply.text, reply.date.as_deref().unwrap_or(at))?;
            }
        }
        versions::record(&tx, &self.framework, paper_id, VersionKind::Imported, &now)?;
        tx.commit()?;
        Ok(ImportedPaper { paper: self.paper(paper_id)?, counts: word.counts, summary: word.counts.summary() })
    }
}
