//! Papers and sections in the store.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Store, StoreError, annotations, versions};
use crate::version::VersionKind;
use crate::framework::Framework;
use crate::markdown::document::{self, Document, DocumentSection, FrontMatter};
use crate::merge;
use crate::paper::{NewPaper, NewSection, Paper, PaperPatch, PaperStatus, Section, SectionPatch};

const PAPER_COLUMNS: &str = "id, title, delegation, kind, language, status, process, meeting, date, place, word_limit, created_at, updated_at";
const SECTION_COLUMNS: &str = "id, paper_id, position, heading, level, pillar, part, prompts, body, reviewed, updated_at";

impl Store {
    /// Starts a paper from a template ("blank" when none is named).
    pub fn create_paper(&mut self, new: NewPaper) -> Result<Paper, StoreError> {
        let template_id = new.template.unwrap_or_else(|| "blank".to_string());
        let template = self.framework.template(&template_id).cloned().ok_or_else(|| {
            StoreError::invalid("template", format!("there is no template \"{template_id}\"; the templates are {}", self.template_ids()))
        })?;
        let front = FrontMatter {
            title: Some(new.title),
            delegation: new.delegation,
            language: new.language,
            kind: Some(template.kind.clone()),
            process: new.process,
            ..FrontMatter::default()
        };
        let sections = template
            .sections
            .iter()
            .map(|s| SectionRow {
                heading: Some(s.heading.clone()),
                level: s.level,
                pillar: s.pillar.clone(),
                part: s.part.clone(),
                prompts: s.prompts.clone(),
                body: String::new(),
            })
            .collect();
        self.insert_paper(front, sections, VersionKind::Created)
    }

    /// Makes a paper of a markdown document (see [`crate::markdown::document`]).
    pub fn import_markdown(&mut self, text: &str) -> Result<Paper, StoreError> {
        let doc = document::parse(text, &self.framework)?;
        let sections = doc.sections.into_iter().map(SectionRow::from).collect();
        self.insert_paper(doc.front, sections, VersionKind::Imported)
    }

    /// The paper as a markdown document that [`Store::import_markdown`] reads back the same.
    pub fn export_markdown(&self, id: i64) -> Result<String, StoreError> {
        markdown_of(&self.conn, &self.framework, id)
    }

    /// Every paper, the most recently changed first.
    pub fn papers(&self) -> Result<Vec<Paper>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {PAPER_COLUMNS} FROM paper ORDER BY updated_at DESC, id DESC"))?;
        let papers = stmt.query_map([], paper_from_row)?.collect::<Result<_, _>>()?;
        Ok(papers)
    }

    pub fn paper(&self, id: i64) -> Result<Paper, StoreError> {
        load_paper(&self.conn, id)
    }

    /// A paper's sections in order, each with the guidance to show beside it.
    pub fn sections(&self, paper_id: i64) -> Result<Vec<Section>, StoreError> {
        let sections = load_sections(&self.conn, paper_id)?;
        Ok(sections.into_iter().map(|s| self.with_guidance(s)).collect())
    }

    pub fn section(&self, id: i64) -> Result<Section, StoreError> {
        self.conn
            .query_row(&format!("SELECT {SECTION_COLUMNS} FROM section WHERE id = ?1"), [id], section_from_row)
            .optional()?
            .map(|s| self.with_guidance(s))
            .ok_or(StoreError::NoSuchSection(id))
    }

    pub fn update_paper(&mut self, id: i64, patch: PaperPatch) -> Result<Paper, StoreError> {
        let mut paper = self.paper(id)?;
        if let Some(title) = patch.title {
            paper.title = required_title(title)?;
        }
        if let Some(language) = patch.language {
            paper.language = self.known_language(language)?;
        }
        if let Some(process) = patch.process {
            paper.process = self.known_process(Some(process).filter(|p| !p.is_empty()))?;
        }
        let clearable = |value: Option<String>, old: Option<String>| match value {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(v),
            None => old,
        };
        paper.delegation = patch.delegation.unwrap_or(paper.delegation);
        paper.status = patch.status.unwrap_or(paper.status);
        paper.meeting = clearable(patch.meeting, paper.meeting);
        paper.date = clearable(patch.date, paper.date);
        paper.place = clearable(patch.place, paper.place);
        paper.updated_at = self.clock.now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE paper SET title = ?2, delegation = ?3, language = ?4, status = ?5, process = ?6,
                meeting = ?7, date = ?8, place = ?9, updated_at = ?10 WHERE id = ?1",
            params![
                id,
                paper.title,
                paper.delegation,
                paper.language,
                paper.status.as_str(),
                paper.process,
                paper.meeting,
                paper.date,
                paper.place,
                paper.updated_at
            ],
        )?;
        versions::record(&tx, &self.framework, id, VersionKind::Edited, &paper.updated_at)?;
        tx.commit()?;
        Ok(paper)
    }

    pub fn delete_paper(&mut self, id: i64) -> Result<(), StoreError> {
        match self.conn.execute("DELETE FROM paper WHERE id = ?1", [id])? {
            0 => Err(StoreError::NoSuchPaper(id)),
            _ => Ok(()),
        }
    }

    /// Adds a section after the one named, or at the end.
    pub fn add_section(&mut self, paper_id: i64, new: NewSection) -> Result<Section, StoreError> {
        let heading = new.heading.trim().to_string();
        if heading.is_empty() {
            return Err(StoreError::invalid("heading", "a new section needs a heading"));
        }
        let meaning = self.framework.meaning_of_heading(&heading);
        let pillar = match new.pillar {
            Some(p) => Some(self.known_pillar(p)?),
            None => meaning.pillar,
        };
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM paper WHERE id = ?1)", [paper_id], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NoSuchPaper(paper_id));
        }
        let position: i64 = match new.after {
            Some(after) => {
                let position: i64 = tx
                    .query_row("SELECT position FROM section WHERE id = ?1 AND paper_id = ?2", [after, paper_id], |r| r.get(0))
                    .optional()?
                    .ok_or(StoreError::NoSuchSection(after))?;
                tx.execute(
                    "UPDATE section SET position = position + 1 WHERE paper_id = ?1 AND position > ?2",
                    [paper_id, position],
                )?;
                position + 1
            }
            None => tx.query_row(
                "SELECT coalesce(max(position), -1) + 1 FROM section WHERE paper_id = ?1",
                [paper_id],
                |r| r.get(0),
            )?,
        };
        let row = SectionRow { heading: Some(heading), level: 2, pillar, part: meaning.part, prompts: Vec::new(), body: String::new() };
        let id = insert_section(&tx, paper_id, position, &row, &now)?;
        touch_paper(&tx, paper_id, &now)?;
        versions::record(&tx, &self.framework, paper_id, VersionKind::Edited, &now)?;
        tx.commit()?;
        self.section(id)
    }

    /// Changes a section's text, heading or pillar; the paper counts as changed.
    pub fn update_section(&mut self, id: i64, patch: SectionPatch) -> Result<Section, StoreError> {
        let mut section = self.section(id)?;
        if let Some(heading) = patch.heading {
            let heading = heading.trim().to_string();
            if heading.is_empty() && section.heading.is_some() {
                return Err(StoreError::invalid("heading", "a section's heading cannot be empty"));
            }
            section.heading = Some(heading).filter(|h| !h.is_empty());
        }
        if let Some(pillar) = patch.pillar {
            section.pillar = pillar.map(|p| self.known_pillar(p)).transpose()?;
        }
        if let Some(body) = patch.body {
            section.body = body;
        }
        if let Some(reviewed) = patch.reviewed {
            section.reviewed = reviewed;
        }
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE section SET heading = ?2, pillar = ?3, body = ?4, reviewed = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, section.heading, section.pillar, section.body, section.reviewed, now],
        )?;
        touch_paper(&tx, section.paper_id, &now)?;
        annotations::reanchor(&tx, id, &section.body, &now)?;
        versions::record(&tx, &self.framework, section.paper_id, VersionKind::Edited, &now)?;
        tx.commit()?;
        section.updated_at = now;
        Ok(self.with_guidance(section))
    }

    pub fn delete_section(&mut self, id: i64) -> Result<(), StoreError> {
        let section = self.section(id)?;
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM section WHERE id = ?1", [id])?;
        touch_paper(&tx, section.paper_id, &now)?;
        versions::record(&tx, &self.framework, section.paper_id, VersionKind::Edited, &now)?;
        tx.commit()?;
        Ok(())
    }

    fn insert_paper(&mut self, front: FrontMatter, sections: Vec<SectionRow>, made: VersionKind) -> Result<Paper, StoreError> {
        let front = self.checked(front, &sections)?;
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        let (paper_id, _) = insert_paper_rows(&tx, front, &sections, &now)?;
        versions::record(&tx, &self.framework, paper_id, made, &now)?;
        tx.commit()?;
        self.paper(paper_id)
    }

    /// Makes the paper's details and text those of `doc`, changing sections in place so that
    /// what hangs on them (checklist links, notes, the review mark) stays attached: a section
    /// keeps its place in the store where the new text has its heading (see [`crate::merge`]),
    /// and the sections left over are paired in order, as a renamed section would be.
    pub(super) fn replace_text(&mut self, paper_id: i64, doc: Document, made: VersionKind) -> Result<(), StoreError> {
        let rows: Vec<SectionRow> = doc.sections.into_iter().map(SectionRow::from).collect();
        let front = self.checked(doc.front, &rows)?;
        let existing = load_sections(&self.conn, paper_id)?;
        let old_keys: HashMap<_, _> =
            merge::section_keys(existing.iter().map(|s| s.heading.as_deref())).into_iter().zip(&existing).collect();
        let same: Vec<Option<&Section>> =
            merge::section_keys(rows.iter().map(|r| r.heading.as_deref())).iter().map(|key| old_keys.get(key).copied()).collect();
        let mut spare = existing.iter().filter(|s| !same.iter().flatten().any(|kept| kept.id == s.id));
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        write_details(&tx, paper_id, front, &now)?;
        for (position, (row, old)) in rows.iter().zip(&same).enumerate() {
            match old.or_else(|| spare.next()) {
                Some(old) => {
                    tx.execute(
                        "UPDATE section SET position = ?2, heading = ?3, level = ?4, pillar = ?5, part = ?6, body = ?7, updated_at = ?8
                         WHERE id = ?1",
                        params![old.id, position as i64, row.heading, row.level, row.pillar, row.part, row.body, now],
                    )?;
                    annotations::reanchor(&tx, old.id, &row.body, &now)?;
                }
                None => {
                    insert_section(&tx, paper_id, position as i64, row, &now)?;
                }
            }
        }
        for old in spare {
            tx.execute("DELETE FROM section WHERE id = ?1", [old.id])?;
        }
        versions::record(&tx, &self.framework, paper_id, made, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Checks a paper's details against the framework and fills in the defaults.
    pub(super) fn checked(&self, front: FrontMatter, sections: &[SectionRow]) -> Result<FrontMatter, StoreError> {
        let kind = front.kind.unwrap_or_else(|| "blank".into());
        if self.framework.template(&kind).is_none() {
            return Err(StoreError::invalid("kind", format!("there is no kind of paper \"{kind}\"; the kinds are {}", self.template_ids())));
        }
        for section in sections {
            if let Some(pillar) = &section.pillar {
                self.known_pillar(pillar.clone())?;
            }
        }
        Ok(FrontMatter {
            word_limit: front.word_limit.map(positive_limit).transpose()?,
            title: Some(required_title(front.title.unwrap_or_default())?),
            language: Some(self.known_language(front.language.unwrap_or_else(|| "en".into()))?),
            process: self.known_process(front.process)?,
            kind: Some(kind),
            ..front
        })
    }

    fn with_guidance(&self, mut section: Section) -> Section {
        if section.prompts.is_empty() {
            section.prompts = self.framework.questions_for(section.pillar.as_deref(), section.part.as_deref());
        }
        section
    }

    fn template_ids(&self) -> String {
        self.framework.templates.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
    }

    fn known_language(&self, code: String) -> Result<String, StoreError> {
        let code = code.trim().to_lowercase();
        match self.framework.language(&code) {
            Some(_) => Ok(code),
            None => Err(StoreError::invalid(
                "language",
                format!(
                    "\"{code}\" is not one of the official languages ({})",
                    self.framework.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }

    fn known_process(&self, process: Option<String>) -> Result<Option<String>, StoreError> {
        match process {
            Some(p) if self.framework.process(&p).is_none() => Err(StoreError::invalid(
                "process",
                format!(
                    "there is no process \"{p}\"; the processes are {}",
                    self.framework.processes.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )),
            other => Ok(other),
        }
    }

    fn known_pillar(&self, pillar: String) -> Result<String, StoreError> {
        match self.framework.pillar(&pillar) {
            Some(_) => Ok(pillar),
            None => Err(StoreError::invalid(
                "pillar",
                format!(
                    "there is no pillar \"{pillar}\"; the pillars are {}",
                    self.framework.pillars.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

pub(super) fn load_paper(conn: &Connection, id: i64) -> Result<Paper, StoreError> {
    conn.query_row(&format!("SELECT {PAPER_COLUMNS} FROM paper WHERE id = ?1"), [id], paper_from_row)
        .optional()?
        .ok_or(StoreError::NoSuchPaper(id))
}

/// A paper's sections in order, as stored (without guidance).
pub(super) fn load_sections(conn: &Connection, paper_id: i64) -> Result<Vec<Section>, StoreError> {
    load_paper(conn, paper_id)?;
    let mut stmt = conn.prepare(&format!("SELECT {SECTION_COLUMNS} FROM section WHERE paper_id = ?1 ORDER BY position, id"))?;
    let sections = stmt.query_map([paper_id], section_from_row)?.collect::<Result<_, _>>()?;
    Ok(sections)
}

/// The paper as one markdown document: the form versions keep and `export --markdown` writes.
pub(super) fn markdown_of(conn: &Connection, framework: &Framework, id: i64) -> Result<String, StoreError> {
    let paper = load_paper(conn, id)?;
    let sections = load_sections(conn, id)?;
    let doc = Document {
        front: FrontMatter {
            title: Some(paper.title),
            delegation: Some(paper.delegation).filter(|d| !d.is_empty()),
            language: Some(paper.language),
            kind: Some(paper.kind).filter(|k| k != "blank"),
            status: Some(paper.status).filter(|s| *s != PaperStatus::Draft),
            process: paper.process,
            meeting: paper.meeting,
            date: paper.date,
            place: paper.place,
            word_limit: paper.word_limit,
        },
        sections: sections
            .into_iter()
            .map(|s| DocumentSection { heading: s.heading, level: s.level, pillar: s.pillar, part: s.part, body: s.body })
            .collect(),
    };
    Ok(document::write(&doc, framework))
}

/// Makes a paper of checked details and its sections, inside the caller's transaction
/// (which records its version); gives its id and its sections' ids in order.
pub(super) fn insert_paper_rows(tx: &Transaction, front: FrontMatter, sections: &[SectionRow], now: &str) -> Result<(i64, Vec<i64>), StoreError> {
    tx.execute(
        "INSERT INTO paper (title, kind, language, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![front.title, front.kind, front.language, now],
    )?;
    let paper_id = tx.last_insert_rowid();
    write_details(tx, paper_id, front, now)?;
    let ids = sections
        .iter()
        .enumerate()
        .map(|(position, section)| insert_section(tx, paper_id, position as i64, section, now))
        .collect::<Result<_, _>>()?;
    Ok((paper_id, ids))
}

/// Writes a paper's details, as checked by `Store::checked`, when it is made or replaced.
fn write_details(tx: &Transaction, paper_id: i64, front: FrontMatter, now: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE paper SET title = ?2, delegation = ?3, kind = ?4, language = ?5, status = ?6, process = ?7,
            meeting = ?8, date = ?9, place = ?10, word_limit = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            paper_id,
            front.title,
            front.delegation.unwrap_or_default(),
            front.kind,
            front.language,
            front.status.unwrap_or_default().as_str(),
            front.process,
            front.meeting,
            front.date,
            front.place,
            front.word_limit,
            now
        ],
    )?;
    Ok(())
}

/// A section as it is first written.
pub(super) struct SectionRow {
    heading: Option<String>,
    level: u8,
    pillar: Option<String>,
    part: Option<String>,
    prompts: Vec<String>,
    body: String,
}

impl From<DocumentSection> for SectionRow {
    fn from(s: DocumentSection) -> SectionRow {
        SectionRow { heading: s.heading, level: s.level, pillar: s.pillar, part: s.part, prompts: Vec::new(), body: s.body }
    }
}

pub(super) fn insert_section(tx: &Transaction, paper_id: i64, position: i64, s: &SectionRow, now: &str) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO section (paper_id, position, heading, level, pillar, part, prompts, body, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            paper_id,
            position,
            s.heading,
            s.level,
            s.pillar,
            s.part,
            serde_json::to_string(&s.prompts).expect("strings serialise"),
            s.body,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn touch_paper(tx: &Transaction, paper_id: i64, now: &str) -> Result<(), StoreError> {
    tx.execute("UPDATE paper SET updated_at = ?2 WHERE id = ?1", params![paper_id, now])?;
    Ok(())
}

fn required_title(title: String) -> Result<String, StoreError> {
    let title = title.trim().to_string();
    if title.is_empty() {
        Err(StoreError::invalid("title", "a paper needs a title"))
    } else {
        Ok(title)
    }
}

/// A paper's own word limit is a number of words; none leaves its kind's.
pub(super) fn positive_limit(words: u32) -> Result<u32, StoreError> {
    match words {
        0 => Err(StoreError::invalid("word limit", "a word limit is a number of words above 0; to leave the limit of the paper's kind, set none")),
        n => Ok(n),
    }
}

fn paper_from_row(row: &Row) -> rusqlite::Result<Paper> {
    let status: String = row.get(5)?;
    Ok(Paper {
        id: row.get(0)?,
        title: row.get(1)?,
        delegation: row.get(2)?,
        kind: row.get(3)?,
        language: row.get(4)?,
        // The schema's CHECK keeps the column to the known statuses.
        status: PaperStatus::parse(&status).unwrap_or_default(),
        process: row.get(6)?,
        meeting: row.get(7)?,
        date: row.get(8)?,
        place: row.get(9)?,
        word_limit: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

fn section_from_row(row: &Row) -> rusqlite::Result<Section> {
    let prompts: String = row.get(7)?;
    Ok(Section {
        id: row.get(0)?,
        paper_id: row.get(1)?,
        position: row.get(2)?,
        heading: row.get(3)?,
        level: row.get(4)?,
        pillar: row.get(5)?,
        part: row.get(6)?,
        // The schema's CHECK keeps the column valid JSON.
        prompts: serde_json::from_str(&prompts).unwrap_or_default(),
        body: row.get(8)?,
        reviewed: row.get(9)?,
        updated_at: row.get(10)?,
    })
}
