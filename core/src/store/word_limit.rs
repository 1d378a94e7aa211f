//! A paper's own word limit: set by the drafter, kept in the paper's details (and so in its
//! history, as the other details are), and the limit that applies to the paper.

use rusqlite::params;

use super::papers::positive_limit;
use super::{Store, StoreError, versions};
use crate::submission::{self, AppliedLimit};
use crate::version::VersionKind;

impl Store {
    /// Sets the paper's own word limit, or with None leaves the limit to its kind; gives the
    /// limit that applies now.
    pub fn set_word_limit(&mut self, paper_id: i64, words: Option<u32>) -> Result<Option<AppliedLimit>, StoreError> {
        let words = words.map(positive_limit).transpose()?;
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        match tx.execute("UPDATE paper SET word_limit = ?2, updated_at = ?3 WHERE id = ?1", params![paper_id, words, now])? {
            0 => return Err(StoreError::NoSuchPaper(paper_id)),
            _ => versions::record(&tx, &self.framework, paper_id, VersionKind::Edited, &now)?,
        }
        tx.commit()?;
        self.word_limit(paper_id)
    }

    /// The limit that applies to the paper: its own, else its kind's; None when neither has one.
    pub fn word_limit(&self, paper_id: i64) -> Result<Option<AppliedLimit>, StoreError> {
        let paper = self.paper(paper_id)?;
        let kind = self.framework.template(&paper.kind).map_or(0, |t| t.word_limit);
        Ok(submission::applicable_limit(paper.word_limit, kind))
    }
}
