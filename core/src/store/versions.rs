//! A paper's history: recording versions as the text changes, and naming, comparing and
//! restoring them.

use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::papers::markdown_of;
use super::{Store, StoreError};
use crate::diff::{Change, word_diff};
use crate::framework::Framework;
use crate::markdown::{document, word_count};
use crate::version::{Version, VersionKind};

/// Edits within this many minutes of a version's start go into that version, so a day of
/// typing leaves dozens of versions, not thousands; never into a named or shared version.
const EDIT_WINDOW_MINUTES: i64 = 10;

const VERSION_COLUMNS: &str = "number, name, kind, restored_from, created_at, saved_at, words";

/// Records the paper's text as it now stands, inside the caller's transaction.
pub(super) fn record(conn: &Connection, framework: &Framework, paper_id: i64, kind: VersionKind, now: &str) -> Result<(), StoreError> {
    let markdown = markdown_of(conn, framework, paper_id)?;
    let words = word_count(document::without_front_matter(&markdown)) as i64;
    let last = conn
        .query_row(
            "SELECT id, number, kind, name, shared, created_at, markdown FROM version WHERE paper_id = ?1 ORDER BY number DESC LIMIT 1",
            [paper_id],
            |r| {
                Ok(Latest {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    kind: r.get(2)?,
                    named: r.get::<_, Option<String>>(3)?.is_some(),
                    shared: r.get(4)?,
                    created_at: r.get(5)?,
                    markdown: r.get(6)?,
                })
            },
        )
        .optional()?;
    if let Some(Latest { id, number, kind: last_kind, named, shared, created_at, markdown: last_markdown }) = last {
        if kind == VersionKind::Edited && last_markdown == markdown {
            return Ok(());
        }
        let same_sitting = kind == VersionKind::Edited
            && last_kind == VersionKind::Edited.as_str()
            && !named
            && !shared
            && minutes_between(&created_at, now).is_some_and(|m| (0..EDIT_WINDOW_MINUTES).contains(&m));
        if same_sitting {
            conn.execute(
                "UPDATE version SET markdown = ?2, words = ?3, saved_at = ?4 WHERE id = ?1",
                params![id, markdown, words, now],
            )?;
            return Ok(());
        }
        insert(conn, paper_id, number + 1, kind, &markdown, words, now)
    } else {
        insert(conn, paper_id, 1, kind, &markdown, words, now)
    }
}

/// The paper's latest version, as far as recording a change needs it.
struct Latest {
    id: i64,
    number: i64,
    kind: String,
    named: bool,
    shared: bool,
    created_at: String,
    markdown: String,
}

fn insert(conn: &Connection, paper_id: i64, number: i64, kind: VersionKind, markdown: &str, words: i64, now: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO version (paper_id, number, kind, markdown, words, created_at, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![paper_id, number, kind.as_str(), markdown, words, now],
    )?;
    Ok(())
}

fn minutes_between(earlier: &str, later: &str) -> Option<i64> {
    let earlier = OffsetDateTime::parse(earlier, &Rfc3339).ok()?;
    let later = OffsetDateTime::parse(later, &Rfc3339).ok()?;
    Some((later - earlier).whole_minutes())
}

fn version_from_row(row: &Row) -> rusqlite::Result<Version> {
    let kind: String = row.get(2)?;
    Ok(Version {
        number: row.get(0)?,
        name: row.get(1)?,
        // The schema's CHECK keeps the column to the known kinds.
        kind: VersionKind::parse(&kind).unwrap_or(VersionKind::Edited),
        restored_from: row.get(3)?,
        created_at: row.get(4)?,
        saved_at: row.get(5)?,
        words: row.get::<_, i64>(6)? as usize,
    })
}

impl Store {
    /// The paper's versions, oldest first.
    pub fn versions(&self, paper_id: i64) -> Result<Vec<Version>, StoreError> {
        self.paper(paper_id)?;
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {VERSION_COLUMNS} FROM version WHERE paper_id = ?1 ORDER BY number"))?;
        let versions = stmt.query_map([paper_id], version_from_row)?.collect::<Result<_, _>>()?;
        Ok(versions)
    }

    pub fn version(&self, paper_id: i64, number: i64) -> Result<Version, StoreError> {
        self.paper(paper_id)?;
        self.conn
            .query_row(
                &format!("SELECT {VERSION_COLUMNS} FROM version WHERE paper_id = ?1 AND number = ?2"),
                [paper_id, number],
                version_from_row,
            )
            .optional()?
            .ok_or(StoreError::NoSuchVersion { paper: paper_id, number })
    }

    /// The whole paper as it stood in that version, as markdown.
    pub fn version_markdown(&self, paper_id: i64, number: i64) -> Result<String, StoreError> {
        self.version(paper_id, number)?;
        Ok(self.conn.query_row(
            "SELECT markdown FROM version WHERE paper_id = ?1 AND number = ?2",
            [paper_id, number],
            |r| r.get(0),
        )?)
    }

    /// Names a version; later edits then start a version of their own.
    pub fn name_version(&mut self, paper_id: i64, number: i64, name: &str) -> Result<Version, StoreError> {
        self.version(paper_id, number)?;
        let name = name.trim();
        self.conn.execute(
            "UPDATE version SET name = ?3 WHERE paper_id = ?1 AND number = ?2",
            params![paper_id, number, Some(name).filter(|n| !n.is_empty())],
        )?;
        self.version(paper_id, number)
    }

    /// What changed from version `from` to version `to`, word by word.
    pub fn diff_versions(&self, paper_id: i64, from: i64, to: i64) -> Result<Vec<Change>, StoreError> {
        Ok(word_diff(&self.version_markdown(paper_id, from)?, &self.version_markdown(paper_id, to)?))
    }

    /// Brings back the text of version `number`, as a new version.
    pub fn restore_version(&mut self, paper_id: i64, number: i64) -> Result<Version, StoreError> {
        let markdown = self.version_markdown(paper_id, number)?;
        let doc = document::parse(&markdown, &self.framework)?;
        self.replace_text(paper_id, doc, VersionKind::Restored)?;
        // replace_text recorded the version; mark where it came from.
        let latest = self.latest_version(paper_id)?;
        self.conn.execute(
            "UPDATE version SET restored_from = ?3 WHERE paper_id = ?1 AND number = ?2",
            params![paper_id, latest.number, number],
        )?;
        self.version(paper_id, latest.number)
    }

    /// Makes a markdown file the paper's new text, as a new version.
    pub fn update_from_markdown(&mut self, paper_id: i64, text: &str) -> Result<Version, StoreError> {
        self.paper(paper_id)?;
        let doc = document::parse(text, &self.framework)?;
        self.replace_text(paper_id, doc, VersionKind::Updated)?;
        self.latest_version(paper_id)
    }

    fn latest_version(&self, paper_id: i64) -> Result<Version, StoreError> {
        self.versions(paper_id)?.pop().ok_or(StoreError::NoSuchVersion { paper: paper_id, number: 1 })
    }
}
