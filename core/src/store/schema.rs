//! The store's schema, as an ordered list of migrations, and the framework pack it keeps.
//!
//! Migrations only ever append: a store made by any earlier version upgrades in place, one
//! step after another, all in one transaction.

use std::sync::LazyLock;

use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::{M, Migrations};

use super::{APPLICATION_ID, StoreError};
use crate::framework::Framework;

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| Migrations::new(steps()));

/// The schema version this build writes.
pub const LATEST: i64 = STEPS.len() as i64;

const STEPS: &[&str] = &[
    // 1: papers and their sections, and the framework pack the store was made with.
    "CREATE TABLE framework (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        pack TEXT NOT NULL
    );
    CREATE TABLE paper (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        delegation TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'in-review', 'final', 'submitted')),
        process TEXT,
        meeting TEXT,
        date TEXT,
        place TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE section (
        id INTEGER PRIMARY KEY,
        paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        heading TEXT,
        level INTEGER NOT NULL DEFAULT 2 CHECK (level IN (1, 2)),
        pillar TEXT,
        part TEXT,
        prompts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(prompts)),
        body TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE INDEX section_by_paper ON section (paper_id, position);",
    // 2: the Voluntary Checklist per paper, and a section's review mark.
    "CREATE TABLE checklist_entry (
        paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'not-started'
            CHECK (status IN ('not-started', 'in-progress', 'implemented', 'not-applicable')),
        note TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        section_id INTEGER REFERENCES section (id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (paper_id, action)
    );
    ALTER TABLE section ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1));",
    // 3: versions of a paper, and an optional word limit.
    "CREATE TABLE version (
        id INTEGER PRIMARY KEY,
        paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 1),
        name TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('created', 'imported', 'edited', 'updated', 'restored')),
        restored_from INTEGER,
        markdown TEXT NOT NULL,
        words INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        UNIQUE (paper_id, number)
    );
    ALTER TABLE paper ADD COLUMN word_limit INTEGER CHECK (word_limit IS NULL OR word_limit > 0);",
    // 4: people, and their notes anchored to the text, with threads.
    "CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('drafter', 'legal-adviser', 'reviewer', 'head-of-delegation')),
        created_at TEXT NOT NULL
    );
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE annotation (
        id INTEGER PRIMARY KEY,
        paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
        section_id INTEGER REFERENCES section (id) ON DELETE SET NULL,
        kind TEXT NOT NULL
            CHECK (kind IN ('comment', 'legal-risk', 'needs-authority', 'consistent', 'proposed-wording')),
        body TEXT NOT NULL,
        proposal TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'wont-fix')),
        author_id INTEGER NOT NULL REFERENCES person (id),
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start INTEGER NOT NULL,
        end_ INTEGER NOT NULL,
        orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX annotation_by_paper ON annotation (paper_id);
    CREATE INDEX annotation_by_section ON annotation (section_id);
    -- A note whose section is deleted has lost its words.
    CREATE TRIGGER annotation_orphaned AFTER UPDATE OF section_id ON annotation
        WHEN new.section_id IS NULL BEGIN UPDATE annotation SET orphan = 1 WHERE id = new.id; END;
    CREATE TABLE annotation_event (
        id INTEGER PRIMARY KEY,
        annotation_id INTEGER NOT NULL REFERENCES annotation (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES person (id),
        kind TEXT NOT NULL CHECK (kind IN ('reply', 'status')),
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
    );",
    // 5: the library of agreed texts, and full-text search over its paragraphs and over
    // the papers' sections. The search indexes hold no text of their own (external
    // content); triggers keep them in step with the tables. Porter stemming lets "norm"
    // find "norms" and "protect" find "protection".
    "CREATE TABLE document (
        id INTEGER PRIMARY KEY,
        symbol TEXT NOT NULL UNIQUE,
        short_title TEXT NOT NULL,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        body TEXT,
        date TEXT,
        kind TEXT NOT NULL
            CHECK (kind IN ('resolution', 'report', 'chairs-summary', 'treaty', 'position', 'other')),
        adoption TEXT CHECK (adoption IS NULL OR adoption IN ('consensus', 'without-vote', 'vote')),
        votes_yes INTEGER,
        votes_no INTEGER,
        votes_abstain INTEGER,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE paragraph (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (document_id, label),
        UNIQUE (document_id, position)
    );
    CREATE VIRTUAL TABLE paragraph_search USING fts5 (
        text, content = 'paragraph', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER paragraph_indexed AFTER INSERT ON paragraph BEGIN
        INSERT INTO paragraph_search (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER paragraph_unindexed AFTER DELETE ON paragraph BEGIN
        INSERT INTO paragraph_search (paragraph_search, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER paragraph_reindexed AFTER UPDATE OF text ON paragraph BEGIN
        INSERT INTO paragraph_search (paragraph_search, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO paragraph_search (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE VIRTUAL TABLE section_search USING fts5 (
        heading, body, content = 'section', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER section_indexed AFTER INSERT ON section BEGIN
        INSERT INTO section_search (rowid, heading, body) VALUES (new.id, new.heading, new.body);
    END;
    CREATE TRIGGER section_unindexed AFTER DELETE ON section BEGIN
        INSERT INTO section_search (section_search, rowid, heading, body) VALUES ('delete', old.id, old.heading, old.body);
    END;
    CREATE TRIGGER section_reindexed AFTER UPDATE OF heading, body ON section BEGIN
        INSERT INTO section_search (section_search, rowid, heading, body) VALUES ('delete', old.id, old.heading, old.body);
        INSERT INTO section_search (rowid, heading, body) VALUES (new.id, new.heading, new.body);
    END;
    INSERT INTO section_search (section_search) VALUES ('rebuild');",
    // 6: comments on a Chair's draft: the paper's base (a library document, by symbol, so
    // a re-import of the draft keeps it) and the delegation's proposals per paragraph.
    "ALTER TABLE paper ADD COLUMN base TEXT;
    CREATE TABLE proposal (
        id INTEGER PRIMARY KEY,
        paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('amend', 'delete', 'insert-after', 'comment')),
        label TEXT NOT NULL,
        base_text TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        justification TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'review', 'taken-in', 'unplaced')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX proposal_by_paper ON proposal (paper_id);",
    // 7: identities that survive copying a paper between stores (exchange files): papers,
    // their versions and their notes get a random uid, existing rows now and new rows as
    // they are inserted (a trigger, so no insert elsewhere has to know of it).
    "ALTER TABLE paper ADD COLUMN uid TEXT;
    UPDATE paper SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX paper_by_uid ON paper (uid);
    CREATE TRIGGER paper_uid AFTER INSERT ON paper WHEN new.uid IS NULL BEGIN
        UPDATE paper SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;
    ALTER TABLE version ADD COLUMN uid TEXT;
    UPDATE version SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX version_by_uid ON version (uid);
    CREATE TRIGGER version_uid AFTER INSERT ON version WHEN new.uid IS NULL BEGIN
        UPDATE version SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;
    ALTER TABLE annotation ADD COLUMN uid TEXT;
    UPDATE annotation SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX annotation_by_uid ON annotation (uid);
    CREATE TRIGGER annotation_uid AFTER INSERT ON annotation WHEN new.uid IS NULL BEGIN
        UPDATE annotation SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;",
    // 8: a version another store holds too (taken from or sent in an exchange file) is never
    // extended in place, so both stores keep the same text under its identity.
    "ALTER TABLE version ADD COLUMN shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1));",
    // 9: a paragraph's document kind and year as words of a second, unranked column of the
    // search index ("kindreport year2019"), so a filter by kind or year is one more word for
    // FTS5 to intersect instead of a check on every match. Documents are replaced, never
    // updated, so a paragraph's facets are fixed when it is inserted.
    "ALTER TABLE paragraph ADD COLUMN facets TEXT NOT NULL DEFAULT '';
    UPDATE paragraph SET facets = (
        SELECT 'kind' || replace(d.kind, '-', '') || coalesce(' year' || substr(d.date, 1, 4), '')
        FROM document d WHERE d.id = paragraph.document_id);
    DROP TRIGGER paragraph_indexed;
    DROP TRIGGER paragraph_unindexed;
    DROP TRIGGER paragraph_reindexed;
    DROP TABLE paragraph_search;
    CREATE VIRTUAL TABLE paragraph_search USING fts5 (
        text, facets, content = 'paragraph', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER paragraph_indexed AFTER INSERT ON paragraph BEGIN
        UPDATE paragraph SET facets = (
            SELECT 'kind' || replace(d.kind, '-', '') || coalesce(' year' || substr(d.date, 1, 4), '')
            FROM document d WHERE d.id = new.document_id)
        WHERE id = new.id;
        INSERT INTO paragraph_search (rowid, text, facets) SELECT id, text, facets FROM paragraph WHERE id = new.id;
    END;
    CREATE TRIGGER paragraph_unindexed AFTER DELETE ON paragraph BEGIN
        INSERT INTO paragraph_search (paragraph_search, rowid, text, facets) VALUES ('delete', old.id, old.text, old.facets);
    END;
    CREATE TRIGGER paragraph_reindexed AFTER UPDATE OF text ON paragraph BEGIN
        INSERT INTO paragraph_search (paragraph_search, rowid, text, facets) VALUES ('delete', old.id, old.text, old.facets);
        INSERT INTO paragraph_search (rowid, text, facets) VALUES (new.id, new.text, new.facets);
    END;
    INSERT INTO paragraph_search (paragraph_search) VALUES ('rebuild');",
];

fn steps() -> Vec<M<'static>> {
    STEPS.iter().map(|sql| M::up(sql)).collect()
}

/// Brings the schema up to `LATEST` and marks the file as a Chancery store.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    MIGRATIONS.to_latest(conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// Brings the schema up to `version` only: for tests that need a store as an older
/// Chancery left it.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<(), StoreError> {
    MIGRATIONS.to_version(conn, version)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// Keeps the newer of the store's pack and `builtin`, and returns the framework to use.
/// A newer pack replaces the stored copy; user data refers to framework items by stable
/// ids, so nothing of the user's is touched.
pub fn install_framework(conn: &mut Connection, builtin_pack: &str) -> Result<Framework, StoreError> {
    let builtin = Framework::parse(builtin_pack)?;
    let stored: Option<(u32, String)> = conn
        .query_row("SELECT version, pack FROM framework WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match stored {
        Some((version, pack)) if version >= builtin.version => {
            // A pack from a newer Chancery that this build cannot read is no reason to refuse
            // the user's papers: fall back to the built-in one.
            Ok(Framework::parse(&pack).unwrap_or(builtin))
        }
        _ => {
            conn.execute(
                "INSERT INTO framework (id, version, pack) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version, pack = excluded.pack",
                params![builtin.version, builtin_pack],
            )?;
            Ok(builtin)
        }
    }
}
