//! The submission check gathered from the store: the paper's sections and word count, the
//! limit that applies, its agreed-language check and its open review notes.

use rusqlite::OptionalExtension;

use super::papers::markdown_of;
use super::{Store, StoreError};
use crate::annotation::{AnnotationFilter, AnnotationStatus};
use crate::markdown::{document, word_count};
use crate::submission::{self, AppliedLimit, LimitSource, SectionInput, SubmissionReport, WordLimit};

impl Store {
    /// What to fix or check before `paper_id` is submitted, against `limit`, or when none is
    /// chosen the paper's own word limit, or else its kind's.
    pub fn submission_check(&self, paper_id: i64, limit: Option<WordLimit>) -> Result<SubmissionReport, StoreError> {
        let paper = self.paper(paper_id)?;
        let sections = self.sections(paper_id)?;
        // The count the exports and the editor show: the paper's text without its details.
        let words = word_count(document::without_front_matter(&markdown_of(&self.conn, &self.framework, paper_id)?));
        let limit = match limit {
            Some(limit) => Some(AppliedLimit::new(limit, LimitSource::Chosen)),
            None => self.default_limit(paper_id, &paper.kind)?,
        };
        let agreed = self.check(paper_id)?;
        let open = self.annotations(paper_id, &AnnotationFilter { status: Some(AnnotationStatus::Open), ..AnnotationFilter::default() })?;
        let inputs: Vec<SectionInput> =
            sections.iter().map(|s| SectionInput { id: s.id, heading: s.heading.as_deref(), body: &s.body, prompts: &s.prompts }).collect();
        Ok(submission::assess(&inputs, words, limit, agreed, &open))
    }

    fn default_limit(&self, paper_id: i64, kind: &str) -> Result<Option<AppliedLimit>, StoreError> {
        let own: Option<u32> =
            self.conn.query_row("SELECT word_limit FROM paper WHERE id = ?1", [paper_id], |r| r.get(0)).optional()?.flatten();
        if let Some(words) = own {
            return Ok(Some(AppliedLimit::new(WordLimit::from_words(words), LimitSource::Paper)));
        }
        let template = self.framework.template(kind).map_or(0, |t| t.word_limit);
        Ok((template > 0).then(|| AppliedLimit::new(WordLimit::from_words(template), LimitSource::Template)))
    }
}
