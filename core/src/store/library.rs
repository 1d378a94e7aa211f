//! The library of agreed texts in the store: importing documents with their paragraphs,
//! reading them back, full-text search (FTS5, ranked by bm25, with highlighted snippets)
//! over the library and over the papers, the agreed-language check of a paper, and the
//! full text of a citation for a footnote.

use std::collections::HashMap;
use std::ops::Range;

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{Store, StoreError, papers};
use crate::library::check::{self, CheckReport, SectionText};
use crate::library::{Adoption, AgreedText, Kind, NewDocument, Paragraph, Split, Symbol, cite, valid_date};
use crate::reference::Reference;

const DOCUMENT_COLUMNS: &str = "d.symbol, d.short_title, d.title, d.body, d.date, d.kind, d.adoption, d.votes_yes, d.votes_no, d.votes_abstain, d.imported_at, (SELECT count(*) FROM paragraph p WHERE p.document_id = d.id)";

/// What to search for, and where.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Search {
    /// Words to find (all of them, by their stem: "norm" finds "norms"); "quoted words" as
    /// a phrase; a trailing * for a prefix (of the stem: "vulner*", not "vulnerab*").
    pub query: String,
    #[serde(default)]
    pub document: Option<Symbol>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub year: Option<i32>,
    /// At most this many hits, the best first; 20 when absent.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// A paragraph that matches, with a snippet of it around the words found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub symbol: Symbol,
    pub short_title: String,
    pub kind: Kind,
    pub date: Option<String>,
    pub label: String,
    /// Part of the paragraph around the words found ("…" where it was cut).
    pub snippet: String,
    /// Byte ranges of the words found in `snippet`, to highlight.
    pub highlights: Vec<Range<usize>>,
    /// bm25 relevance: lower is better.
    pub rank: f64,
}

/// A section of a paper that matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaperHit {
    pub paper_id: i64,
    pub paper_title: String,
    pub section_id: i64,
    pub heading: Option<String>,
    pub snippet: String,
    pub highlights: Vec<Range<usize>>,
    pub rank: f64,
}

/// How many matches a search ranks at most: the latest imported.
const RANKED: i64 = 2_000;

impl Store {
    /// Puts a document and its paragraphs in the library. A document with the same symbol
    /// is replaced only when `replace` is set; otherwise the import is refused.
    pub fn import_document(&mut self, new: NewDocument, split: &Split, replace: bool) -> Result<AgreedText, StoreError> {
        split.validate()?;
        let title = new.title.trim().to_string();
        if title.is_empty() {
            return Err(StoreError::invalid("title", "a document needs its title"));
        }
        let date = new.date.as_deref().map(valid_date).transpose()?;
        let short_title = new.short_title.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| title.clone());
        let (adoption, yes, no, abstain) = match new.adoption {
            None => (None, None, None, None),
            Some(Adoption::Consensus) => (Some("consensus"), None, None, None),
            Some(Adoption::WithoutVote) => (Some("without-vote"), None, None, None),
            Some(Adoption::RecordedVote { yes, no, abstain }) => (Some("vote"), Some(yes), Some(no), Some(abstain)),
        };
        let now = self.clock.now();
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = tx.query_row("SELECT id FROM document WHERE symbol = ?1", [new.symbol.as_str()], |r| r.get(0)).optional()?;
        if let Some(id) = existing {
            if !replace {
                return Err(StoreError::DocumentExists(new.symbol.to_string()));
            }
            // Paragraphs first, so their delete trigger keeps the search index in step.
            tx.execute("DELETE FROM paragraph WHERE document_id = ?1", [id])?;
            tx.execute("DELETE FROM document WHERE id = ?1", [id])?;
        }
        tx.execute(
            "INSERT INTO document (symbol, short_title, title, body, date, kind, adoption, votes_yes, votes_no, votes_abstain, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![new.symbol.as_str(), short_title, title, new.body.filter(|b| !b.trim().is_empty()), date, new.kind.as_str(), adoption, yes, no, abstain, now],
        )?;
        let document_id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare("INSERT INTO paragraph (document_id, position, label, text) VALUES (?1, ?2, ?3, ?4)")?;
            for (position, p) in split.paragraphs.iter().enumerate() {
                insert.execute(params![document_id, position as i64, p.label, p.text])?;
            }
        }
        tx.commit()?;
        self.document(&new.symbol)
    }

    /// Every document in the library, by symbol.
    pub fn documents(&self) -> Result<Vec<AgreedText>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("SELECT {DOCUMENT_COLUMNS} FROM document d ORDER BY d.symbol"))?;
        let documents = stmt.query_map([], document_from_row)?.collect::<Result<_, _>>()?;
        Ok(documents)
    }

    pub fn document(&self, symbol: &Symbol) -> Result<AgreedText, StoreError> {
        self.conn
            .query_row(&format!("SELECT {DOCUMENT_COLUMNS} FROM document d WHERE d.symbol = ?1"), [symbol.as_str()], document_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NoSuchDocument(symbol.to_string()))
    }

    /// A document's paragraphs in order.
    pub fn paragraphs(&self, symbol: &Symbol) -> Result<Vec<Paragraph>, StoreError> {
        self.document(symbol)?;
        self.paragraphs_if_any(symbol)
    }

    fn paragraphs_if_any(&self, symbol: &Symbol) -> Result<Vec<Paragraph>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.label, p.text, p.position FROM paragraph p JOIN document d ON d.id = p.document_id
             WHERE d.symbol = ?1 ORDER BY p.position",
        )?;
        let paragraphs = stmt
            .query_map([symbol.as_str()], |r| Ok(Paragraph { symbol: symbol.clone(), label: r.get(0)?, text: r.get(1)?, position: r.get::<_, i64>(2)? as usize }))?
            .collect::<Result<_, _>>()?;
        Ok(paragraphs)
    }

    /// One paragraph by its label ("13(a)", "annex I, 3"); spaces and case in the label forgiven.
    pub fn paragraph(&self, symbol: &Symbol, label: &str) -> Result<Paragraph, StoreError> {
        let compact = |l: &str| l.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        let wanted = compact(label);
        self.paragraphs(symbol)?
            .into_iter()
            .find(|p| compact(&p.label) == wanted)
            .ok_or_else(|| StoreError::NoSuchParagraph(symbol.to_string(), label.to_string()))
    }

    pub fn delete_document(&mut self, symbol: &Symbol) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM paragraph WHERE document_id = (SELECT id FROM document WHERE symbol = ?1)", [symbol.as_str()])?;
        let deleted = tx.execute("DELETE FROM document WHERE symbol = ?1", [symbol.as_str()])?;
        tx.commit()?;
        match deleted {
            0 => Err(StoreError::NoSuchDocument(symbol.to_string())),
            _ => Ok(()),
        }
    }

    /// Paragraphs of the library that hold all the words searched for, the most relevant first.
    pub fn search(&self, search: &Search) -> Result<Vec<SearchHit>, StoreError> {
        // A kind or year filter is a word of the facets column (schema step 9), which FTS5
        // intersects with the user's words.
        let mut query = fts_terms(&search.query)?.into_iter().map(text_only).collect::<Vec<_>>().join(" ");
        if let Some(kind) = search.kind {
            query.push_str(&format!(" AND facets : \"kind{}\"", kind.as_str().replace('-', "")));
        }
        if let Some(year) = search.year {
            query.push_str(&format!(" AND facets : \"year{year:04}\""));
        }
        let limit = search.limit.unwrap_or(20) as i64;
        // A document's paragraphs are stored together, so its rowids span a range that FTS5
        // searches alone.
        let (low, high): (i64, i64) = match &search.document {
            None => (i64::MIN, i64::MAX),
            Some(symbol) => self
                .conn
                .prepare_cached("SELECT min(p.id), max(p.id) FROM paragraph p JOIN document d ON d.id = p.document_id WHERE d.symbol = ?1")?
                .query_row([symbol.as_str()], |r| Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0), r.get::<_, Option<i64>>(1)?.unwrap_or(-1))))?,
        };
        // Two steps: rank and cut first, then make snippets of the few hits kept. A snippet
        // re-reads its paragraph, so making one for every match is what would be slow.
        // Ranking (bm25) costs a few microseconds a match, so a word in most of the library
        // (63,000 matches for "States" in the benchmark) took 150 ms and more: only the
        // latest RANKED matches (by import, newest first) are ranked, which is every match
        // of any query specific enough to be worth ranking. The facets weigh nothing.
        let ranked: Vec<(i64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT id, score FROM (
                    SELECT rowid AS id, bm25(paragraph_search, 1.0, 0.0) AS score FROM paragraph_search
                    WHERE paragraph_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3
                    ORDER BY rowid DESC LIMIT ?4)
                 ORDER BY score LIMIT ?5",
            )?
            .query_map(params![query, low, high, RANKED, limit], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut hit = self.conn.prepare_cached(
            "SELECT d.symbol, d.short_title, d.kind, d.date, p.label, snippet(paragraph_search, 0, char(2), char(3), '…', 24)
             FROM paragraph_search
             JOIN paragraph p ON p.id = paragraph_search.rowid
             JOIN document d ON d.id = p.document_id
             WHERE paragraph_search MATCH ?1 AND paragraph_search.rowid = ?2",
        )?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (rowid, rank) in ranked {
            hits.push(hit.query_row(params![query, rowid], |r| {
                let (snippet, highlights) = highlighted(&r.get::<_, String>(5)?);
                Ok(SearchHit {
                    symbol: symbol_column(r, 0)?,
                    short_title: r.get(1)?,
                    kind: kind_column(r, 2)?,
                    date: r.get(3)?,
                    label: r.get(4)?,
                    snippet,
                    highlights,
                    rank,
                })
            })?);
        }
        Ok(hits)
    }

    /// Sections of the user's papers that hold all the words searched for.
    pub fn search_papers(&self, query: &str, limit: usize) -> Result<Vec<PaperHit>, StoreError> {
        let query = fts_terms(query)?.join(" ");
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.paper_id, pa.title, s.id, s.heading, snippet(section_search, 1, char(2), char(3), '…', 24), bm25(section_search)
             FROM section_search
             JOIN section s ON s.id = section_search.rowid
             JOIN paper pa ON pa.id = s.paper_id
             WHERE section_search MATCH ?1
             ORDER BY bm25(section_search) LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![query, limit as i64], |r| {
            let (snippet, highlights) = highlighted(&r.get::<_, String>(4)?);
            Ok(PaperHit { paper_id: r.get(0)?, paper_title: r.get(1)?, section_id: r.get(2)?, heading: r.get(3)?, snippet, highlights, rank: r.get(5)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The agreed-language check of a paper: references that do not resolve, quotations
    /// that drift from the text they cite, and quotations verified.
    pub fn check(&self, paper_id: i64) -> Result<CheckReport, StoreError> {
        papers::load_paper(&self.conn, paper_id)?;
        let sections = papers::load_sections(&self.conn, paper_id)?;
        let mut cache: HashMap<Symbol, Option<Vec<Paragraph>>> = HashMap::new();
        let mut failure = None;
        let report = check::check(
            sections.iter().map(|s| SectionText { id: s.id, heading: s.heading.as_deref(), body: &s.body }),
            |symbol| {
                cache
                    .entry(symbol.clone())
                    .or_insert_with(|| match self.paragraphs(symbol) {
                        Ok(paragraphs) => Some(paragraphs),
                        Err(StoreError::NoSuchDocument(_)) => None,
                        Err(e) => {
                            failure = Some(e);
                            None
                        }
                    })
                    .clone()
            },
        );
        match failure {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    /// The reference written out in full for a footnote, or None when the library has no
    /// such document (the caller then prints the reference as written).
    pub fn citation_text(&self, reference: &Reference) -> Option<String> {
        let symbol = Symbol::parse(&reference.symbol).ok()?;
        let document = self.document(&symbol).ok()?;
        Some(cite::footnote(&document, reference))
    }
}

/// The user's words as FTS5 query terms: each word quoted (so "and", "-" or ":" are words,
/// not operators), "quoted phrases" kept together, a trailing * kept as a prefix search.
fn fts_terms(text: &str) -> Result<Vec<String>, StoreError> {
    let mut terms = Vec::new();
    for (i, chunk) in text.split('"').enumerate() {
        if i % 2 == 1 {
            let words: Vec<String> = chunk.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect();
            if !words.is_empty() {
                terms.push(format!("\"{}\"", words.join(" ")));
            }
            continue;
        }
        for word in chunk.split_whitespace() {
            let prefix = word.ends_with('*');
            for part in word.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                terms.push(format!("\"{part}\""));
            }
            if prefix && let Some(last) = terms.last_mut() {
                last.push('*');
            }
        }
    }
    if terms.is_empty() {
        return Err(StoreError::invalid("query", "give at least one word to search for"));
    }
    Ok(terms)
}

/// A library search term, kept out of the facets column when it could match a facet word
/// ("kindreport", "year2019", or "ki*"). Only such terms get the column filter, because
/// FTS5 reads every match's positions to apply one, which doubles the time of a search.
fn text_only(term: String) -> String {
    let words = term.trim_end_matches('*').trim_matches('"').to_lowercase();
    let starts_facet = |w: &str| FACETS.iter().any(|f| w.starts_with(f));
    let prefix_of_facet = |w: &str| FACETS.iter().any(|f| f.starts_with(w));
    let facet_like = words.split(' ').any(starts_facet) || (term.ends_with('*') && words.split(' ').next_back().is_some_and(prefix_of_facet));
    if facet_like { format!("text : {term}") } else { term }
}

/// What every word of the facets column starts with.
const FACETS: [&str; 2] = ["kind", "year"];

/// Splits snippet() output, whose found words stand between \x02 and \x03, into the text
/// and the byte ranges to highlight.
fn highlighted(marked: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(marked.len());
    let mut ranges = Vec::new();
    let mut start = 0;
    for c in marked.chars() {
        match c {
            '\u{2}' => start = text.len(),
            '\u{3}' => ranges.push(start..text.len()),
            c => text.push(c),
        }
    }
    (text, ranges)
}

fn symbol_column(r: &Row, i: usize) -> rusqlite::Result<Symbol> {
    let text: String = r.get(i)?;
    Symbol::parse(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

fn kind_column(r: &Row, i: usize) -> rusqlite::Result<Kind> {
    let text: String = r.get(i)?;
    Kind::parse(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

fn document_from_row(r: &Row) -> rusqlite::Result<AgreedText> {
    let adoption = match r.get::<_, Option<String>>(6)?.as_deref() {
        Some("consensus") => Some(Adoption::Consensus),
        Some("without-vote") => Some(Adoption::WithoutVote),
        Some("vote") => Some(Adoption::RecordedVote { yes: r.get(7)?, no: r.get(8)?, abstain: r.get(9)? }),
        _ => None,
    };
    Ok(AgreedText {
        symbol: symbol_column(r, 0)?,
        short_title: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        date: r.get(4)?,
        kind: kind_column(r, 5)?,
        adoption,
        imported_at: r.get(10)?,
        paragraphs: r.get::<_, i64>(11)? as usize,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_words() {
        assert_eq!(fts_terms("critical infrastructure").unwrap(), ["\"critical\"", "\"infrastructure\""]);
        assert_eq!(fts_terms("\"supply chain\" integr*").unwrap(), ["\"supply chain\"", "\"integr\"*"]);
        assert_eq!(fts_terms("non-State AND OR").unwrap(), ["\"non\"", "\"State\"", "\"AND\"", "\"OR\""]);
        assert!(fts_terms("  -- ").is_err());
    }

    #[test]
    fn only_terms_that_could_match_a_facet_are_kept_to_the_text() {
        let kept = |q: &str| fts_terms(q).unwrap().into_iter().map(text_only).collect::<Vec<_>>();
        assert_eq!(kept("cables Year2019 kindness"), ["\"cables\"", "text : \"Year2019\"", "text : \"kindness\""]);
        assert_eq!(kept("y* ki* yes* \"the kind\""), ["text : \"y\"*", "text : \"ki\"*", "\"yes\"*", "text : \"the kind\""]);
    }

    #[test]
    fn snippets_carry_their_highlights() {
        let (text, ranges) = highlighted("…the \u{2}supply\u{3} \u{2}chain\u{3} of…");
        assert_eq!(text, "…the supply chain of…");
        assert_eq!(ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["supply", "chain"]);
    }
}
