//! Exchange files in the store: writing one paper out with everything a colleague needs,
//! and taking one in — a paper not seen before is made; a paper seen before is merged so
//! that neither side's work is lost. Versions are only ever added; the text is replaced
//! only when the colleague alone changed it; when both did, the changes come together if
//! they do not collide (a three-way merge by section against the newest text both stores
//! hold: sections edited, added, removed or moved on one side; see [`crate::merge`]), else
//! the local text stays and theirs is kept as a named version to compare. Notes merge by
//! identity, their threads by entry, and a note's status follows the latest change of
//! status in its thread.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, params};

use super::papers::{SectionRow, insert_paper_rows, load_sections, markdown_of};
use super::{Store, StoreError, annotations, versions};
use crate::anchor::Anchor;
use crate::annotation::AnnotationFilter;
use crate::exchange::{
    AnnotationEntry, DocumentEntry, ExchangeFile, FORMAT, ImportReport, PaperDetails, ParagraphEntry, PersonEntry, SectionEntry,
    TextMerge, ThreadEvent, ThreadWhat, VersionEntry,
};
use crate::library::{NewDocument, Split, SplitParagraph, Symbol};
use crate::markdown::document::{self, Document, DocumentSection, FrontMatter};
use crate::markdown::word_count;
use crate::merge;
use crate::paper::{PaperStatus, Section};
use crate::version::VersionKind;

impl Store {
    /// The paper as an exchange file: details, sections, every version, the notes with their
    /// threads, and the library documents its text and notes cite. Its versions are marked
    /// shared, so later edits here start a version of their own rather than change one the
    /// colleague will hold.
    pub fn export_exchange(&self, paper_id: i64) -> Result<ExchangeFile, StoreError> {
        let paper = self.paper(paper_id)?;
        self.conn.execute("UPDATE version SET shared = 1 WHERE paper_id = ?1", [paper_id])?;
        let uid: String = self.conn.query_row("SELECT uid FROM paper WHERE id = ?1", [paper_id], |r| r.get(0))?;
        let sections = load_sections(&self.conn, paper_id)?;
        let mut stmt = self.conn.prepare(
            "SELECT uid, number, name, kind, restored_from, created_at, saved_at, markdown FROM version
             WHERE paper_id = ?1 ORDER BY number",
        )?;
        let versions = stmt
            .query_map([paper_id], |r| {
                Ok(VersionEntry {
                    uid: r.get(0)?,
                    number: r.get(1)?,
                    name: r.get(2)?,
                    kind: r.get(3)?,
                    restored_from: r.get(4)?,
                    created_at: r.get(5)?,
                    saved_at: r.get(6)?,
                    markdown: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut annotations = Vec::new();
        for note in self.annotations(paper_id, &AnnotationFilter::default())? {
            let uid: String = self.conn.query_row("SELECT uid FROM annotation WHERE id = ?1", [note.id], |r| r.get(0))?;
            annotations.push(AnnotationEntry {
                uid,
                section: sections.iter().position(|s| Some(s.id) == note.section_id),
                kind: note.kind,
                body: note.body,
                proposal: note.proposal,
                status: note.status,
                author: PersonEntry { name: note.author.name, role: note.author.role },
                quote: note.anchor.quote,
                prefix: note.anchor.prefix,
                suffix: note.anchor.suffix,
                orphan: note.orphan,
                created_at: note.created_at,
                updated_at: note.updated_at,
                thread: note
                    .thread
                    .into_iter()
                    .map(|e| ThreadEvent {
                        by: PersonEntry { name: e.by.name, role: e.by.role },
                        what: match e.status {
                            Some(status) => ThreadWhat::Status(status),
                            None => ThreadWhat::Reply(e.reply.unwrap_or_default()),
                        },
                        at: e.at,
                    })
                    .collect(),
            });
        }
        let documents = self.cited_documents(
            sections.iter().map(|s| s.body.as_str()).chain(annotations.iter().flat_map(|a| [Some(a.body.as_str()), a.proposal.as_deref()]).flatten()),
        )?;
        Ok(ExchangeFile {
            format: FORMAT,
            exported_at: self.clock.now(),
            exported_by: self.profile()?.map(|p| p.name),
            paper: PaperDetails {
                uid,
                title: paper.title,
                delegation: paper.delegation,
                kind: paper.kind,
                language: paper.language,
                status: paper.status,
                process: paper.process,
                meeting: paper.meeting,
                date: paper.date,
                place: paper.place,
                word_limit: paper.word_limit,
                created_at: paper.created_at,
                updated_at: paper.updated_at,
            },
            sections: sections
                .into_iter()
                .map(|s| SectionEntry { heading: s.heading, level: s.level, pillar: s.pillar, part: s.part, body: s.body, reviewed: s.reviewed })
                .collect(),
            versions,
            annotations,
            documents,
        })
    }

    /// The library's documents cited in `texts`, each once, by symbol.
    fn cited_documents<'a>(&self, texts: impl Iterator<Item = &'a str>) -> Result<Vec<DocumentEntry>, StoreError> {
        let symbols: BTreeSet<Symbol> = texts
            .flat_map(crate::reference::citations)
            .flat_map(|c| c.references)
            .filter_map(|r| Symbol::parse(&r.symbol).ok())
            .collect();
        let mut documents = Vec::new();
        for symbol in symbols {
            let document = match self.document(&symbol) {
                Ok(document) => document,
                Err(StoreError::NoSuchDocument(_)) => continue,
                Err(e) => return Err(e),
            };
            let paragraphs = self.paragraphs(&symbol)?.into_iter().map(|p| ParagraphEntry { label: p.label, text: p.text }).collect();
            documents.push(DocumentEntry {
                symbol,
                short_title: document.short_title,
                title: document.title,
                body: document.body,
                date: document.date,
                kind: document.kind,
                adoption: document.adoption,
                paragraphs,
            });
        }
        Ok(documents)
    }

    /// Takes in an exchange file (see the module's documentation). Everything in the file is
    /// checked before anything is written, so a refused file leaves the store as it was.
    pub fn import_exchange(&mut self, file: &ExchangeFile) -> Result<ImportReport, StoreError> {
        crate::exchange::validate(file)?;
        let doc = document_of(file);
        let rows: Vec<SectionRow> = doc.sections.iter().cloned().map(SectionRow::from).collect();
        self.checked(doc.front.clone(), &rows)?;
        let known: Option<i64> =
            self.conn.query_row("SELECT id FROM paper WHERE uid = ?1", [&file.paper.uid], |r| r.get(0)).optional()?;
        for note in &file.annotations {
            let owner: Option<i64> =
                self.conn.query_row("SELECT paper_id FROM annotation WHERE uid = ?1", [&note.uid], |r| r.get(0)).optional()?;
            if owner.is_some_and(|owner| Some(owner) != known) {
                return Err(StoreError::invalid("annotations", format!("note {} belongs to another paper of this store", note.uid)));
            }
        }
        let mut report = match known {
            None => self.create_from_exchange(file, doc, rows)?,
            Some(paper_id) => self.merge_exchange(paper_id, file, doc)?,
        };
        for entry in &file.documents {
            if self.add_document_if_missing(entry)? {
                report.documents_added += 1;
            }
        }
        Ok(report)
    }

    fn create_from_exchange(&mut self, file: &ExchangeFile, doc: Document, rows: Vec<SectionRow>) -> Result<ImportReport, StoreError> {
        let front = self.checked(doc.front, &rows)?;
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        let (paper_id, ids) = insert_paper_rows(&tx, front, &rows, &now)?;
        // The paper keeps its identity and its age from the colleague's store.
        tx.execute("UPDATE paper SET uid = ?2, created_at = ?3 WHERE id = ?1", params![paper_id, file.paper.uid, file.paper.created_at])?;
        for (id, entry) in ids.iter().zip(&file.sections) {
            if entry.reviewed {
                tx.execute("UPDATE section SET reviewed = 1 WHERE id = ?1", [id])?;
            }
        }
        let mut theirs: Vec<&VersionEntry> = file.versions.iter().collect();
        theirs.sort_by_key(|v| v.number);
        let added = add_versions(&tx, paper_id, &theirs)?;
        // Their text, if no version of theirs holds it, becomes a version of its own.
        let current = markdown_of(&tx, &self.framework, paper_id)?;
        if theirs.last().is_none_or(|v| v.markdown != current) {
            versions::record(&tx, &self.framework, paper_id, VersionKind::Imported, &now)?;
        }
        let sections = load_sections(&tx, paper_id)?;
        let mut report = ImportReport {
            paper_id,
            created: true,
            text: TextMerge::Same,
            versions_added: added.len(),
            notes_added: 0,
            thread_entries_added: 0,
            statuses_changed: 0,
            documents_added: 0,
        };
        for note in &file.annotations {
            merge_note(&tx, paper_id, &sections, note, &now, &mut report)?;
        }
        tx.commit()?;
        Ok(report)
    }

    fn merge_exchange(&mut self, paper_id: i64, file: &ExchangeFile, doc: Document) -> Result<ImportReport, StoreError> {
        let ours = markdown_of(&self.conn, &self.framework, paper_id)?;
        let theirs = document::write(&doc, &self.framework);
        let local: Vec<(String, String, String)> = {
            let mut stmt =
                self.conn.prepare("SELECT coalesce(uid, ''), created_at, markdown FROM version WHERE paper_id = ?1 ORDER BY number")?;
            stmt.query_map([paper_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
        };
        // A version is the same one when its text is and either its identity or its time
        // is: a version extended in place on one side is a different version.
        let present = |v: &VersionEntry| local.iter().any(|(uid, created, text)| *text == v.markdown && (*uid == v.uid || *created == v.created_at));
        let mut missing: Vec<&VersionEntry> = file.versions.iter().filter(|v| !present(v)).collect();
        missing.sort_by_key(|v| v.number);
        let plan = if ours == theirs {
            Plan::Same
        } else if local.iter().any(|(_, _, text)| *text == theirs) {
            Plan::KeepOurs
        } else if file.versions.iter().any(|v| v.markdown == ours) {
            Plan::TakeTheirs
        } else {
            // The newest text both stores hold is what both changed from.
            let base = local.iter().rev().map(|(_, _, text)| text).find(|text| file.versions.iter().any(|v| v.markdown == **text));
            let merged = base.and_then(|base| {
                let (base, ours) = (document::parse(base, &self.framework).ok()?, document::parse(&ours, &self.framework).ok()?);
                merge::merge(&base, &ours, &doc)
            });
            merged.map_or(Plan::Conflict, |doc| Plan::Merge(Box::new(doc)))
        };
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        let added = add_versions(&tx, paper_id, &missing)?;
        let mut versions_added = added.len();
        let mut text = match plan {
            Plan::Same => TextMerge::Same,
            Plan::KeepOurs => TextMerge::KeptLocal,
            Plan::TakeTheirs => TextMerge::TookTheirs { version: 0 },
            Plan::Merge(_) => TextMerge::Merged { version: 0 },
            Plan::Conflict => {
                let name = conflict_name(file);
                // Their latest version, just added, is their text: name it rather than add
                // the same text twice.
                let last_added = added.last().zip(missing.last()).filter(|(_, v)| v.markdown == theirs && v.name.is_none());
                let number = match last_added {
                    Some((&number, _)) => {
                        tx.execute("UPDATE version SET name = ?3 WHERE paper_id = ?1 AND number = ?2", params![paper_id, number, name])?;
                        number
                    }
                    None => {
                        let copy = VersionEntry {
                            uid: String::new(),
                            number: 0,
                            name: Some(name),
                            kind: VersionKind::Imported.as_str().into(),
                            restored_from: None,
                            created_at: now.clone(),
                            saved_at: now.clone(),
                            markdown: theirs.clone(),
                        };
                        versions_added += 1;
                        add_versions(&tx, paper_id, &[&copy])?[0]
                    }
                };
                TextMerge::Conflict { version: number }
            }
        };
        let last_is_theirs: bool = tx.query_row(
            "SELECT markdown = ?2 FROM version WHERE paper_id = ?1 ORDER BY number DESC LIMIT 1",
            params![paper_id, theirs],
            |r| r.get(0),
        )?;
        tx.commit()?;
        let latest = |store: &Store| store.conn.query_row("SELECT max(number) FROM version WHERE paper_id = ?1", [paper_id], |r| r.get(0));
        match plan {
            Plan::TakeTheirs => {
                // When their latest version, just added, holds the text, it is the version of
                // this change (an edit that changes nothing records nothing).
                let kind = if last_is_theirs { VersionKind::Edited } else { VersionKind::Updated };
                self.replace_text(paper_id, doc, kind)?;
                text = TextMerge::TookTheirs { version: latest(self)? };
            }
            Plan::Merge(merged) => {
                self.replace_text(paper_id, *merged, VersionKind::Updated)?;
                text = TextMerge::Merged { version: latest(self)? };
            }
            Plan::Same | Plan::KeepOurs | Plan::Conflict => {}
        }
        let mut report = ImportReport {
            paper_id,
            created: false,
            text,
            versions_added,
            notes_added: 0,
            thread_entries_added: 0,
            statuses_changed: 0,
            documents_added: 0,
        };
        let tx = self.conn.transaction()?;
        let sections = load_sections(&tx, paper_id)?;
        for note in &file.annotations {
            merge_note(&tx, paper_id, &sections, note, &now, &mut report)?;
        }
        tx.commit()?;
        Ok(report)
    }

    /// Adds a cited document the library lacks; one it has is left as it is.
    fn add_document_if_missing(&mut self, entry: &DocumentEntry) -> Result<bool, StoreError> {
        match self.document(&entry.symbol) {
            Ok(_) => return Ok(false),
            Err(StoreError::NoSuchDocument(_)) => {}
            Err(e) => return Err(e),
        }
        let new = NewDocument {
            symbol: entry.symbol.clone(),
            title: entry.title.clone(),
            short_title: Some(entry.short_title.clone()),
            body: entry.body.clone(),
            date: entry.date.clone(),
            kind: entry.kind,
            adoption: entry.adoption,
        };
        let split = Split { paragraphs: entry.paragraphs.iter().map(|p| SplitParagraph { label: p.label.clone(), text: p.text.clone() }).collect() };
        self.import_document(new, &split, false)?;
        Ok(true)
    }
}

enum Plan {
    Same,
    KeepOurs,
    TakeTheirs,
    Merge(Box<Document>),
    Conflict,
}

/// "Colleague's copy (Amina Diallo, 2026-11-23)".
fn conflict_name(file: &ExchangeFile) -> String {
    let by = file.exported_by.as_deref().unwrap_or("a colleague");
    format!("Colleague's copy ({by}, {})", file.exported_at.get(..10).unwrap_or(&file.exported_at))
}

/// The paper the file describes, in the form the store's markdown takes.
fn document_of(file: &ExchangeFile) -> Document {
    let p = &file.paper;
    Document {
        front: FrontMatter {
            title: Some(p.title.clone()),
            delegation: Some(p.delegation.clone()).filter(|d| !d.is_empty()),
            language: Some(p.language.clone()),
            kind: Some(p.kind.clone()).filter(|k| k != "blank"),
            status: Some(p.status).filter(|s| *s != PaperStatus::Draft),
            process: p.process.clone(),
            meeting: p.meeting.clone(),
            date: p.date.clone(),
            place: p.place.clone(),
            word_limit: p.word_limit,
        },
        sections: file
            .sections
            .iter()
            .map(|s| DocumentSection { heading: s.heading.clone(), level: s.level, pillar: s.pillar.clone(), part: s.part.clone(), body: s.body.clone() })
            .collect(),
    }
}

/// Appends versions after the paper's last, in the order given, shared (never extended by
/// edits here); returns their numbers. An identity already taken (by a version extended in
/// place since) gets a new one.
fn add_versions(conn: &Connection, paper_id: i64, entries: &[&VersionEntry]) -> Result<Vec<i64>, StoreError> {
    let mut number: i64 = conn.query_row("SELECT coalesce(max(number), 0) FROM version WHERE paper_id = ?1", [paper_id], |r| r.get(0))?;
    let mut numbers = Vec::with_capacity(entries.len());
    let mut renumbered: HashMap<i64, i64> = HashMap::new();
    for v in entries {
        number += 1;
        let taken: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM version WHERE uid = ?1)", [&v.uid], |r| r.get(0))?;
        let uid = Some(v.uid.as_str()).filter(|u| !taken && !u.is_empty());
        let words = word_count(document::without_front_matter(&v.markdown)) as i64;
        conn.execute(
            "INSERT INTO version (paper_id, number, name, kind, restored_from, markdown, words, created_at, saved_at, uid, shared)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
            params![
                paper_id,
                number,
                v.name,
                v.kind,
                v.restored_from.and_then(|from| renumbered.get(&from)),
                v.markdown,
                words,
                v.created_at,
                v.saved_at,
                uid
            ],
        )?;
        renumbered.insert(v.number, number);
        numbers.push(number);
    }
    Ok(numbers)
}

/// The person of that name, made with the file's role if the store has none.
fn person_id(conn: &Connection, person: &PersonEntry, now: &str) -> Result<i64, StoreError> {
    annotations::person_id(conn, &person.name, person.role, now)
}

/// Adds a note the store lacks, the thread entries it lacks, and brings its status to the
/// latest change of status in the thread.
fn merge_note(conn: &Connection, paper_id: i64, sections: &[Section], note: &AnnotationEntry, now: &str, report: &mut ImportReport) -> Result<(), StoreError> {
    let existing: Option<i64> = conn.query_row("SELECT id FROM annotation WHERE uid = ?1", [&note.uid], |r| r.get(0)).optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            let id = insert_note(conn, paper_id, sections, note, now)?;
            report.notes_added += 1;
            id
        }
    };
    for entry in &note.thread {
        let by = person_id(conn, &entry.by, now)?;
        let (kind, body) = entry.what.columns();
        let known: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM annotation_event WHERE annotation_id = ?1 AND person_id = ?2 AND kind = ?3 AND body = ?4 AND created_at = ?5)",
            params![id, by, kind, body, entry.at],
            |r| r.get(0),
        )?;
        if !known {
            annotations::insert_event(conn, id, by, kind, body, &entry.at)?;
            if existing.is_some() {
                report.thread_entries_added += 1;
            }
        }
    }
    let latest: Option<String> = conn
        .query_row(
            "SELECT body FROM annotation_event WHERE annotation_id = ?1 AND kind = 'status' ORDER BY created_at DESC, id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(status) = latest {
        let changed = conn.execute("UPDATE annotation SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status <> ?2", params![id, status, now])?;
        if existing.is_some() {
            report.statuses_changed += changed;
        }
    }
    Ok(())
}

/// A note placed on its words in this store's text: in its own section if the words are
/// there, else wherever they are; an orphan when they are nowhere.
fn insert_note(conn: &Connection, paper_id: i64, sections: &[Section], note: &AnnotationEntry, now: &str) -> Result<i64, StoreError> {
    let anchor = Anchor { quote: note.quote.clone(), prefix: note.prefix.clone(), suffix: note.suffix.clone(), start: 0, end: 0 };
    let own = note.section.and_then(|i| sections.get(i));
    let found = (!note.orphan)
        .then(|| own.into_iter().chain(sections).find_map(|s| anchor.locate(&s.body).map(|range| (s.id, Anchor::at(&s.body, range)))))
        .flatten();
    let (section_id, anchor, orphan) = match found {
        Some((section, anchor)) => (Some(section), anchor, false),
        None => (own.map(|s| s.id), anchor, true),
    };
    let author = person_id(conn, &note.author, now)?;
    conn.execute(
        "INSERT INTO annotation (uid, paper_id, section_id, kind, body, proposal, status, author_id,
            quote, prefix, suffix, start, end_, orphan, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            note.uid,
            paper_id,
            section_id,
            note.kind.as_str(),
            note.body,
            note.proposal,
            note.status.as_str(),
            author,
            anchor.quote,
            anchor.prefix,
            anchor.suffix,
            anchor.start as i64,
            anchor.end as i64,
            orphan,
            note.created_at,
            note.updated_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
