//! Annotations in the store: who writes them, where they point, and their threads. Their
//! anchors move with the text: every change to a section re-anchors its notes in the same
//! transaction.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Store, StoreError};
use crate::anchor::Anchor;
use crate::annotation::{
    Annotation, AnnotationFilter, AnnotationKind, AnnotationStatus, NewAnnotation, Person, Role, ThreadEntry, utf16_offset,
};
use crate::paper::SectionPatch;

const ANNOTATION_COLUMNS: &str = "a.id, a.paper_id, a.section_id, a.kind, a.body, a.proposal, a.status, \
     p.id, p.name, p.role, a.quote, a.prefix, a.suffix, a.start, a.end_, a.orphan, a.created_at, a.updated_at, \
     coalesce(s.body, '')";

/// Re-anchors the notes on a section after its text changed, inside the caller's transaction.
pub(super) fn reanchor(conn: &Connection, section_id: i64, text: &str, now: &str) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, quote, prefix, suffix, start, end_ FROM annotation WHERE section_id = ?1 AND orphan = 0",
    )?;
    let anchors: Vec<(i64, Anchor)> = stmt
        .query_map([section_id], |r| {
            Ok((
                r.get(0)?,
                Anchor { quote: r.get(1)?, prefix: r.get(2)?, suffix: r.get(3)?, start: r.get::<_, i64>(4)? as usize, end: r.get::<_, i64>(5)? as usize },
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (id, anchor) in anchors {
        match anchor.locate(text) {
            Some(range) => {
                let moved = Anchor::at(text, range);
                if moved != anchor {
                    conn.execute(
                        "UPDATE annotation SET quote = ?2, prefix = ?3, suffix = ?4, start = ?5, end_ = ?6 WHERE id = ?1",
                        params![id, moved.quote, moved.prefix, moved.suffix, moved.start as i64, moved.end as i64],
                    )?;
                }
            }
            None => {
                conn.execute("UPDATE annotation SET orphan = 1, updated_at = ?2 WHERE id = ?1", params![id, now])?;
            }
        }
    }
    Ok(())
}

/// The person of that name, made with `role` if the store has none.
pub(super) fn person_id(conn: &Connection, name: &str, role: Role, now: &str) -> Result<i64, StoreError> {
    let name = name.trim();
    conn.execute(
        "INSERT INTO person (name, role, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
        params![name, role.as_str(), now],
    )?;
    Ok(conn.query_row("SELECT id FROM person WHERE name = ?1", [name], |r| r.get(0))?)
}

/// A note as it is first written.
pub(super) struct NoteRow<'a> {
    pub paper_id: i64,
    pub section_id: i64,
    pub kind: AnnotationKind,
    pub body: &'a str,
    pub proposal: Option<&'a str>,
    pub status: AnnotationStatus,
    pub author_id: i64,
    pub anchor: &'a Anchor,
    pub orphan: bool,
    /// When it was written.
    pub at: &'a str,
}

pub(super) fn insert_annotation(conn: &Connection, note: &NoteRow) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO annotation (paper_id, section_id, kind, body, proposal, status, author_id,
            quote, prefix, suffix, start, end_, orphan, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            note.paper_id,
            note.section_id,
            note.kind.as_str(),
            note.body,
            note.proposal,
            note.status.as_str(),
            note.author_id,
            note.anchor.quote,
            note.anchor.prefix,
            note.anchor.suffix,
            note.anchor.start as i64,
            note.anchor.end as i64,
            note.orphan,
            note.at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A reply (kind "reply") or a change of status (kind "status") in a note's thread.
pub(super) fn insert_event(conn: &Connection, annotation_id: i64, person_id: i64, kind: &str, body: &str, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO annotation_event (annotation_id, person_id, kind, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![annotation_id, person_id, kind, body, at],
    )?;
    Ok(())
}

impl Store {
    /// The person this store's notes are written as, once chosen.
    pub fn profile(&self) -> Result<Option<Person>, StoreError> {
        let id: Option<String> =
            self.conn.query_row("SELECT value FROM setting WHERE key = 'profile'", [], |r| r.get(0)).optional()?;
        match id.and_then(|id| id.parse::<i64>().ok()) {
            Some(id) => Ok(Some(self.person(id)?)),
            None => Ok(None),
        }
    }

    /// Chooses who writes from now on: the person of that name (made if new, with `role`).
    pub fn set_profile(&mut self, name: &str, role: Role) -> Result<Person, StoreError> {
        let person = self.person_named(name, role)?;
        if person.role != role {
            self.conn.execute("UPDATE person SET role = ?2 WHERE id = ?1", params![person.id, role.as_str()])?;
        }
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES ('profile', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [person.id.to_string()],
        )?;
        self.person(person.id)
    }

    /// The person of that name; made with `role` if there is none.
    pub fn person_named(&mut self, name: &str, role: Role) -> Result<Person, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::invalid("name", "a person needs a name"));
        }
        let id = person_id(&self.conn, name, role, &self.clock.now())?;
        self.person(id)
    }

    pub fn people(&self) -> Result<Vec<Person>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, name, role FROM person ORDER BY name")?;
        let people = stmt.query_map([], person_from_row)?.collect::<Result<_, _>>()?;
        Ok(people)
    }

    fn person(&self, id: i64) -> Result<Person, StoreError> {
        Ok(self.conn.query_row("SELECT id, name, role FROM person WHERE id = ?1", [id], person_from_row)?)
    }

    fn writer(&self) -> Result<Person, StoreError> {
        self.profile()?.ok_or_else(|| {
            StoreError::invalid("profile", "choose who you are first (in the app, or with --as NAME on the command line)")
        })
    }

    /// Puts a note on words of a section, written by the current profile.
    pub fn annotate(&mut self, paper_id: i64, new: NewAnnotation) -> Result<Annotation, StoreError> {
        let author = self.writer()?;
        let section = self.section(new.section_id)?;
        if section.paper_id != paper_id {
            return Err(StoreError::NoSuchSection(new.section_id));
        }
        if new.body.trim().is_empty() && new.proposal.is_none() {
            return Err(StoreError::invalid("body", "a note needs some text"));
        }
        if new.kind == AnnotationKind::ProposedWording && new.proposal.as_deref().is_none_or(|p| p.trim().is_empty()) {
            return Err(StoreError::invalid("proposal", "proposed wording needs the words proposed"));
        }
        let occurrence = new.occurrence.unwrap_or(1).max(1);
        let start = section
            .body
            .match_indices(new.quote.as_str())
            .nth(occurrence - 1)
            .map(|(at, _)| at)
            .filter(|_| !new.quote.is_empty())
            .ok_or_else(|| {
                StoreError::invalid(
                    "quote",
                    format!("\"{}\" is not in the section \"{}\"", new.quote, section.heading.as_deref().unwrap_or("(opening text)")),
                )
            })?;
        let anchor = Anchor::at(&section.body, start..start + new.quote.len());
        let now = self.clock.now();
        let id = insert_annotation(
            &self.conn,
            &NoteRow {
                paper_id,
                section_id: section.id,
                kind: new.kind,
                body: &new.body,
                proposal: new.proposal.as_deref(),
                status: AnnotationStatus::Open,
                author_id: author.id,
                anchor: &anchor,
                orphan: false,
                at: &now,
            },
        )?;
        self.annotation(id)
    }

    pub fn annotation(&self, id: i64) -> Result<Annotation, StoreError> {
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ANNOTATION_COLUMNS} FROM annotation a JOIN person p ON p.id = a.author_id
                     LEFT JOIN section s ON s.id = a.section_id WHERE a.id = ?1"
                ),
                [id],
                annotation_from_row,
            )
            .optional()?
            .ok_or(StoreError::NoSuchAnnotation(id))?;
        self.with_thread(found)
    }

    /// A paper's notes in the order of the text, filtered.
    pub fn annotations(&self, paper_id: i64, filter: &AnnotationFilter) -> Result<Vec<Annotation>, StoreError> {
        self.paper(paper_id)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ANNOTATION_COLUMNS} FROM annotation a JOIN person p ON p.id = a.author_id
             LEFT JOIN section s ON s.id = a.section_id
             WHERE a.paper_id = ?1
               AND (?2 IS NULL OR a.status = ?2) AND (?3 IS NULL OR a.kind = ?3) AND (?4 IS NULL OR p.role = ?4)
               AND (?5 IS NULL OR s.pillar = ?5) AND (?6 IS NULL OR a.section_id = ?6)
               AND (?7 IS NULL OR a.orphan = ?7)
             ORDER BY s.position IS NULL, s.position, a.start, a.id"
        ))?;
        let found: Vec<Annotation> = stmt
            .query_map(
                params![
                    paper_id,
                    filter.status.map(AnnotationStatus::as_str),
                    filter.kind.map(AnnotationKind::as_str),
                    filter.role.map(Role::as_str),
                    filter.pillar,
                    filter.section_id,
                    filter.orphans_only.filter(|o| *o)
                ],
                annotation_from_row,
            )?
            .collect::<Result<_, _>>()?;
        found.into_iter().map(|a| self.with_thread(a)).collect()
    }

    pub fn reply(&mut self, annotation_id: i64, text: &str) -> Result<Annotation, StoreError> {
        if text.trim().is_empty() {
            return Err(StoreError::invalid("reply", "a reply needs some text"));
        }
        self.annotation(annotation_id)?;
        self.add_event(annotation_id, "reply", text)?;
        self.annotation(annotation_id)
    }

    pub fn set_annotation_status(&mut self, annotation_id: i64, status: AnnotationStatus) -> Result<Annotation, StoreError> {
        self.annotation(annotation_id)?;
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE annotation SET status = ?2, updated_at = ?3 WHERE id = ?1", params![annotation_id, status.as_str(), now])?;
        tx.commit()?;
        self.add_event(annotation_id, "status", status.as_str())?;
        self.annotation(annotation_id)
    }

    /// Puts a proposed wording in place of the words it is on, as a new version of the
    /// paper, and resolves the note.
    pub fn accept_proposal(&mut self, annotation_id: i64) -> Result<Annotation, StoreError> {
        let note = self.annotation(annotation_id)?;
        let proposal = match (&note.kind, &note.proposal) {
            (AnnotationKind::ProposedWording, Some(p)) => p.clone(),
            _ => return Err(StoreError::invalid("annotation", format!("note {annotation_id} proposes no wording"))),
        };
        let section_id = note
            .section_id
            .filter(|_| !note.orphan)
            .ok_or_else(|| StoreError::invalid("annotation", "the words this proposal was on are gone from the text"))?;
        let section = self.section(section_id)?;
        let range = note.anchor.locate(&section.body).ok_or_else(|| {
            StoreError::invalid("annotation", "the words this proposal was on are gone from the text")
        })?;
        let mut body = section.body.clone();
        body.replace_range(range.clone(), &proposal);
        self.update_section(section_id, SectionPatch { body: Some(body), ..SectionPatch::default() })?;
        // The note now points at the words it put in.
        let text = self.section(section_id)?.body;
        let anchor = Anchor::at(&text, range.start..range.start + proposal.len());
        self.conn.execute(
            "UPDATE annotation SET quote = ?2, prefix = ?3, suffix = ?4, start = ?5, end_ = ?6, orphan = 0 WHERE id = ?1",
            params![annotation_id, anchor.quote, anchor.prefix, anchor.suffix, anchor.start as i64, anchor.end as i64],
        )?;
        self.set_annotation_status(annotation_id, AnnotationStatus::Resolved)
    }

    fn add_event(&mut self, annotation_id: i64, kind: &str, body: &str) -> Result<(), StoreError> {
        let by = self.writer()?;
        insert_event(&self.conn, annotation_id, by.id, kind, body, &self.clock.now())
    }

    fn with_thread(&self, mut note: Annotation) -> Result<Annotation, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.role, e.kind, e.body, e.created_at FROM annotation_event e
             JOIN person p ON p.id = e.person_id WHERE e.annotation_id = ?1 ORDER BY e.id",
        )?;
        note.thread = stmt
            .query_map([note.id], |r| {
                let kind: String = r.get(3)?;
                let body: String = r.get(4)?;
                Ok(ThreadEntry {
                    by: person_from_row(r)?,
                    status: (kind == "status").then(|| AnnotationStatus::parse(&body)).flatten(),
                    reply: (kind == "reply").then_some(body),
                    at: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(note)
    }
}

fn person_from_row(row: &Row) -> rusqlite::Result<Person> {
    let role: String = row.get(2)?;
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        // The schema's CHECK keeps the column to the known roles.
        role: Role::parse(&role).unwrap_or(Role::Reviewer),
    })
}

fn annotation_from_row(row: &Row) -> rusqlite::Result<Annotation> {
    let kind: String = row.get(3)?;
    let status: String = row.get(6)?;
    let role: String = row.get(9)?;
    let anchor = Anchor { quote: row.get(10)?, prefix: row.get(11)?, suffix: row.get(12)?, start: row.get::<_, i64>(13)? as usize, end: row.get::<_, i64>(14)? as usize };
    let orphan: bool = row.get(15)?;
    let text: String = row.get(18)?;
    let range = (!orphan && anchor.end <= text.len() && text.is_char_boundary(anchor.start) && text.is_char_boundary(anchor.end))
        .then(|| (utf16_offset(&text, anchor.start), utf16_offset(&text, anchor.end)));
    // The schema's CHECKs keep kind, status and role to the known names.
    Ok(Annotation {
        id: row.get(0)?,
        paper_id: row.get(1)?,
        section_id: row.get(2)?,
        kind: AnnotationKind::parse(&kind).unwrap_or(AnnotationKind::Comment),
        body: row.get(4)?,
        proposal: row.get(5)?,
        status: AnnotationStatus::parse(&status).unwrap_or(AnnotationStatus::Open),
        author: Person { id: row.get(7)?, name: row.get(8)?, role: Role::parse(&role).unwrap_or(Role::Reviewer) },
        anchor,
        orphan,
        range,
        thread: Vec::new(),
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
    })
}
