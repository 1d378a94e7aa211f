//! The submission check gathered from the store: the paper's sections and word count, the
//! limit that applies, its agreed-language check and its open review notes.

use super::papers::markdown_of;
use super::{Store, StoreError};
use crate::annotation::{AnnotationFilter, AnnotationStatus};
use crate::markdown::{document, word_count};
use crate::submission::{self, AppliedLimit, LimitSource, SectionInput, SubmissionReport, WordLimit};

impl Store {
    /// What to fix or check before `paper_id` is submitted, against `limit`, or when none is
    /// chosen the paper's own word limit, or else its kind's.
    pub fn submission_check(&self, paper_id: i64, limit: Option<WordLimit>) -> Result<SubmissionReport, StoreError> {
        let sections = self.sections(paper_id)?;
        // The count the exports and the editor show: the paper's text without its details.
        let words = word_count(document::without_front_matter(&markdown_of(&self.conn, &self.framework, paper_id)?));
        let limit = match limit {
            Some(limit) => Some(AppliedLimit::new(limit, LimitSource::Chosen)),
            None => self.word_limit(paper_id)?,
        };
        let agreed = self.check(paper_id)?;
        let open = self.annotations(paper_id, &AnnotationFilter { status: Some(AnnotationStatus::Open), ..AnnotationFilter::default() })?;
        let inputs: Vec<SectionInput> =
            sections.iter().map(|s| SectionInput { id: s.id, heading: s.heading.as_deref(), body: &s.body, prompts: &s.prompts }).collect();
        Ok(submission::assess(&inputs, words, limit, agreed, &open))
    }
}
