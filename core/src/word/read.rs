//! A paper out of a DOCX: details from the document properties, sections from the heading
//! styles, numbered paragraphs with the numbers Word shows, emphasis, footnotes and endnotes (or
//! references, when a footnote is exactly the citation Chancery writes), tables, tracked
//! changes as redline markdown, and comments as notes on the words they cover.
//!
//! Everything is read as a stream of XML events (no document tree is built), so a large
//! part costs its size once; what the reader does not know it skips.

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::events::BytesStart;

use super::numbering::{Number, NumberFormat, Numbering};
use super::styles::Styles;
use super::xml::{Node, attr, val, walk};
use super::{Package, WordError};
use crate::export::{CitationText, markdown_escape};
use crate::framework::Framework;
use crate::markdown::document::{Document, DocumentSection, FrontMatter};

/// What a DOCX holds as a paper: its text, the notes from its comments, and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPaper {
    pub document: Document,
    pub notes: Vec<Note>,
    pub counts: Counts,
}

/// A Word comment, to become a review note on the words it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub author: String,
    /// RFC 3339, UTC; None when the comment has no readable date.
    pub date: Option<String>,
    pub text: String,
    /// The index of its section in `document.sections`.
    pub section: usize,
    /// The commented words in the section's body (bytes); None when it covers none.
    pub range: Option<Range<usize>>,
    /// Marked done in Word.
    pub done: bool,
    pub replies: Vec<Reply>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub author: String,
    pub date: Option<String>,
    pub text: String,
}

/// What the import found, for the summary a user reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub sections: usize,
    pub footnotes: usize,
    /// Footnotes that were citations of agreed texts, now references.
    pub references: usize,
    pub notes: usize,
    pub replies: usize,
    pub insertions: usize,
    pub deletions: usize,
}

impl Counts {
    /// "4 sections, 6 footnotes, 2 notes from comments, 1 tracked change kept as redline".
    pub fn summary(&self) -> String {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut parts = vec![n(self.sections, "section", "sections"), n(self.footnotes, "footnote", "footnotes")];
        if self.references > 0 {
            parts.push(n(self.references, "footnote made a reference", "footnotes made references"));
        }
        parts.push(n(self.notes, "note from comments", "notes from comments"));
        if self.replies > 0 {
            parts.push(n(self.replies, "reply", "replies"));
        }
        let changes = self.insertions + self.deletions;
        parts.push(n(changes, "tracked change kept as redline", "tracked changes kept as redline"));
        parts.join(", ")
    }
}

/// Reads a DOCX. Footnotes whose text is exactly what `citations` writes for a reference
/// become that reference again.
pub fn paper(bytes: &[u8], framework: &Framework, citations: &dyn CitationText) -> Result<WordPaper, WordError> {
    let mut package = Package::open(bytes)?;
    let document = package.document()?;
    let links = relationships(&mut package)?;
    let styles = Styles::read(&optional(&mut package, "word/styles.xml")?)?;
    let numbering = Numbering::read(&optional(&mut package, "word/numbering.xml")?)?;
    let core = properties("docProps/core.xml", &optional(&mut package, "docProps/core.xml")?)?;
    let custom = properties("docProps/custom.xml", &optional(&mut package, "docProps/custom.xml")?)?;
    let mut footnotes = notes_of("word/footnotes.xml", &optional(&mut package, "word/footnotes.xml")?, "footnote")?;
    // A paper has only footnotes: endnotes become footnotes too, kept apart by their ids.
    let endnotes = notes_of("word/endnotes.xml", &optional(&mut package, "word/endnotes.xml")?, "endnote")?;
    footnotes.extend(endnotes.into_iter().map(|(id, note)| (endnote_key(&id), note)));
    let comments = notes_of("word/comments.xml", &optional(&mut package, "word/comments.xml")?, "comment")?;
    let threads = threads(&optional(&mut package, "word/commentsExtended.xml")?)?;

    let mut body = Flow::new(links);
    walk("word/document.xml", &document, |node| body.node(node))?;
    let mut paper = Assembly::new(styles, numbering, &footnotes, citations);
    for block in body.blocks {
        paper.block(block);
    }
    paper.counts.insertions = body.insertions;
    paper.counts.deletions = body.deletions;
    let (mut sections, marks) = paper.finish();

    let title = core.get("title").filter(|t| !t.trim().is_empty()).cloned().or(paper.title_paragraph);
    let title = title
        .or_else(|| sections.iter().find_map(|s| s.heading.clone()))
        .or(paper.first_words)
        .unwrap_or_else(|| "Imported Word document".into());
    let language = core
        .get("language")
        .map(|l| l.split(['-', '_']).next().unwrap_or("").trim().to_lowercase())
        .filter(|l| framework.language(l).is_some())
        .unwrap_or_else(|| "en".into());
    let front = FrontMatter {
        title: Some(title.trim().to_string()),
        delegation: core.get("creator").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
        language: Some(language),
        process: custom.get("chancery.process").filter(|p| framework.process(p).is_some()).cloned(),
        meeting: custom.get("chancery.meeting").cloned().filter(|m| !m.trim().is_empty()),
        date: custom.get("chancery.date").filter(|d| is_date(d)).cloned(),
        place: custom.get("chancery.place").cloned().filter(|p| !p.trim().is_empty()),
        ..FrontMatter::default()
    };
    // A sub-section whose heading names no pillar ("Sovereignty" under "International
    // law") is on the pillar of the chapter it stands in.
    let mut chapter_pillar = None;
    for section in &mut sections {
        if let Some(heading) = &section.heading {
            let meaning = framework.meaning_of_heading(heading);
            if section.level == 1 {
                chapter_pillar = meaning.pillar.clone();
            }
            section.pillar = meaning.pillar.or_else(|| chapter_pillar.clone().filter(|_| section.level > 1 && meaning.part.is_none()));
            section.part = meaning.part;
        }
    }

    let notes = comment_notes(&comments, &threads, &marks, &sections);
    let mut counts = paper.counts;
    counts.sections = sections.len();
    counts.notes = notes.len();
    counts.replies = notes.iter().map(|n| n.replies.len()).sum();
    Ok(WordPaper { document: Document { front, sections }, notes, counts })
}

fn optional(package: &mut Package, name: &str) -> Result<Vec<u8>, WordError> {
    Ok(package.part(name)?.unwrap_or_default())
}

fn is_date(text: &str) -> bool {
    time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

/// A date as the store writes them (RFC 3339, UTC), from Word's `w:date`.
fn normal_date(text: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    let parsed = time::OffsetDateTime::parse(text, &Rfc3339).or_else(|_| time::OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339)).ok()?;
    parsed.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok()
}

// ---------------------------------------------------------------------------------------
// Package-level parts: relationships, properties, styles, numbering, comment threads.

/// Refuses any relationship that would make Word fetch something from outside; gives the
/// main text's hyperlink targets by relationship id.
fn relationships(package: &mut Package) -> Result<HashMap<String, String>, WordError> {
    let mut links = HashMap::new();
    for name in package.names().into_iter().filter(|n| n.ends_with(".rels")) {
        let Some(xml) = package.part(&name)? else { continue };
        let mut refused = None;
        walk(&name, &xml, |node| {
            let Node::Start(e) = node else { return };
            if e.local_name().as_ref() != "Relationship" || refused.is_some() {
                return;
            }
            let external = attr(e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external"));
            let kind = attr(e, "Type").unwrap_or_default();
            let target = attr(e, "Target").unwrap_or_default();
            if !external {
                return;
            }
            if kind.ends_with("/hyperlink") {
                if name == "word/_rels/document.xml.rels" {
                    links.insert(attr(e, "Id").unwrap_or_default(), target);
                }
            } else {
                let kind = kind.rsplit('/').next().unwrap_or("relationship").to_string();
                refused = Some(WordError::External { part: name.clone(), kind, target });
            }
        })?;
        if let Some(error) = refused {
            return Err(error);
        }
    }
    Ok(links)
}

/// The text of each property: `dc:title` as "title", a custom property by its name.
fn properties(part: &str, xml: &[u8]) -> Result<HashMap<String, String>, WordError> {
    let mut found = HashMap::new();
    let mut current: Option<String> = None;
    let mut custom: Option<String> = None;
    walk(part, xml, |node| match node {
        Node::Start(e) => {
            let local = e.local_name().as_ref().to_string();
            if local == "property" {
                custom = attr(e, "name");
            } else {
                current = Some(custom.clone().unwrap_or(local));
            }
        }
        Node::Text(text) => {
            if let Some(key) = &current {
                found.entry(key.clone()).or_insert_with(String::new).push_str(text);
            }
        }
        Node::End(name) => {
            current = None;
            if name == "property" {
                custom = None;
            }
        }
    })?;
    Ok(found)
}

/// Footnotes or comments by id, each with its attributes and its blocks.
struct Noted {
    attrs: HashMap<String, String>,
    blocks: Vec<Block>,
}

fn notes_of(part: &str, xml: &[u8], element: &str) -> Result<HashMap<String, Noted>, WordError> {
    let mut found = HashMap::new();
    let mut current: Option<(HashMap<String, String>, Flow)> = None;
    walk(part, xml, |node| match node {
        Node::Start(e) if e.local_name().as_ref() == element && current.is_none() => {
            let attrs = ["id", "type", "author", "date"].iter().filter_map(|k| attr(e, k).map(|v| (k.to_string(), v))).collect();
            current = Some((attrs, Flow::new(HashMap::new())));
        }
        Node::End(name) if name == element => {
            if let Some((attrs, flow)) = current.take() {
                let id = attrs.get("id").cloned().unwrap_or_default();
                found.insert(id, Noted { attrs, blocks: flow.blocks });
            }
        }
        other => {
            if let Some((_, flow)) = current.as_mut() {
                flow.node(other);
            }
        }
    })?;
    Ok(found)
}

/// An endnote's key among the footnotes (Word numbers the two kinds of note apart).
fn endnote_key(id: &str) -> String {
    format!("endnote {id}")
}

/// commentsExtended.xml: each comment's paragraph id → (its parent's paragraph id, done).
fn threads(xml: &[u8]) -> Result<HashMap<String, (Option<String>, bool)>, WordError> {
    let mut found = HashMap::new();
    walk("word/commentsExtended.xml", xml, |node| {
        if let Node::Start(e) = node
            && e.local_name().as_ref() == "commentEx"
            && let Some(id) = attr(e, "paraId")
        {
            let done = attr(e, "done").is_some_and(|d| d == "1" || d == "true");
            found.insert(id, (attr(e, "paraIdParent"), done));
        }
    })?;
    Ok(found)
}

// ---------------------------------------------------------------------------------------
// The flow of text: paragraphs, runs and tables, as blocks of inline pieces.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Look {
    bold: bool,
    italic: bool,
    inserted: bool,
    deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Inline {
    Text(String, Look),
    Footnote(String),
    CommentStart(String),
    CommentEnd(String),
    CommentSeen(String),
    LinkStart(String),
    LinkEnd,
}

#[derive(Debug, Default)]
struct Paragraph {
    style: Option<String>,
    num_id: Option<String>,
    level: Option<u8>,
    outline: Option<u8>,
    para_id: Option<String>,
    inlines: Vec<Inline>,
}

#[derive(Debug)]
enum Block {
    Paragraph(Paragraph),
    /// Rows of cells, each cell's inline pieces.
    Table(Vec<Vec<Vec<Inline>>>),
}

/// Elements whose content is not text of the paper (or is drawn, not written).
const SKIPPED: &[&str] = &[
    "drawing", "pict", "object", "AlternateContent", "rPrChange", "pPrChange", "sectPr", "tblPr", "tblGrid",
    "trPr", "tcPr", "tblPrEx", "instrText", "delInstrText", "sdtPr", "sdtEndPr", "txbxContent", "fldData",
    "numberingChange", "customXmlPr", "footnotePr", "endnotePr",
];

struct Flow {
    links: HashMap<String, String>,
    blocks: Vec<Block>,
    paragraph: Option<Paragraph>,
    depth: usize,
    look: Look,
    in_properties: bool,
    in_run_properties: bool,
    in_text: bool,
    skip: usize,
    inserted: usize,
    deleted: usize,
    /// A tracked change opened and not yet counted (counted once it shows text).
    uncounted: Option<bool>,
    insertions: usize,
    deletions: usize,
    link_open: usize,
    tables: Vec<Vec<Vec<Vec<Inline>>>>,
}

impl Flow {
    fn new(links: HashMap<String, String>) -> Flow {
        Flow {
            links,
            blocks: Vec::new(),
            paragraph: None,
            depth: 0,
            look: Look::default(),
            in_properties: false,
            in_run_properties: false,
            in_text: false,
            skip: 0,
            inserted: 0,
            deleted: 0,
            uncounted: None,
            insertions: 0,
            deletions: 0,
            link_open: 0,
            tables: Vec::new(),
        }
    }

    fn node(&mut self, node: Node) {
        match node {
            Node::Start(_) if self.skip > 0 => self.skip += 1,
            Node::End(_) if self.skip > 0 => self.skip -= 1,
            Node::Text(_) if self.skip > 0 => {}
            Node::Start(e) => self.start(e),
            Node::End(name) => self.end(name),
            Node::Text(text) => {
                if self.in_text {
                    self.text(text);
                }
            }
        }
    }

    fn start(&mut self, e: &BytesStart) {
        let local = e.local_name();
        let local = local.as_ref();
        if SKIPPED.contains(&local) || (self.in_properties && local == "rPr") {
            self.skip = 1;
            return;
        }
        if self.in_properties {
            let Some(p) = self.paragraph.as_mut() else { return };
            match local {
                "pStyle" => p.style = val(e),
                "numId" => p.num_id = val(e),
                "ilvl" => p.level = val(e).and_then(|v| v.parse().ok()),
                "outlineLvl" => p.outline = val(e).and_then(|v| v.parse().ok()),
                _ => {}
            }
            return;
        }
        if self.in_run_properties {
            let on = !matches!(val(e).as_deref(), Some("0" | "false" | "off" | "none"));
            match local {
                "b" => self.look.bold = on,
                "i" => self.look.italic = on,
                _ => {}
            }
            return;
        }
        match local {
            "p" => {
                self.depth += 1;
                if self.depth == 1 {
                    self.paragraph = Some(Paragraph { para_id: attr(e, "paraId"), ..Paragraph::default() });
                } else {
                    self.push(Inline::Text(" ".into(), Look::default()));
                }
            }
            "pPr" => self.in_properties = self.paragraph.is_some(),
            "r" => self.look = Look::default(),
            "rPr" => self.in_run_properties = true,
            "t" | "delText" => self.in_text = true,
            "tab" | "br" | "cr" => self.text(" "),
            "noBreakHyphen" => self.text("-"),
            "ins" | "moveTo" => {
                self.inserted += 1;
                self.uncounted = Some(true);
            }
            "del" | "moveFrom" => {
                self.deleted += 1;
                self.uncounted = Some(false);
            }
            "footnoteReference" => self.push(Inline::Footnote(attr(e, "id").unwrap_or_default())),
            "endnoteReference" => self.push(Inline::Footnote(endnote_key(&attr(e, "id").unwrap_or_default()))),
            "commentRangeStart" => self.push(Inline::CommentStart(attr(e, "id").unwrap_or_default())),
            "commentRangeEnd" => self.push(Inline::CommentEnd(attr(e, "id").unwrap_or_default())),
            "commentReference" => self.push(Inline::CommentSeen(attr(e, "id").unwrap_or_default())),
            "hyperlink" => {
                let target = attr(e, "id").and_then(|id| self.links.get(&id).cloned()).filter(|t| linkable(t));
                if let Some(target) = target {
                    self.link_open += 1;
                    self.push(Inline::LinkStart(target));
                } else {
                    self.skip_link_end();
                }
            }
            "tbl" => self.tables.push(Vec::new()),
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.push(Vec::new());
                }
            }
            "tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    /// A hyperlink without a usable target is kept as its text: its end is not a link's end.
    fn skip_link_end(&mut self) {
        self.push(Inline::LinkStart(String::new()));
        self.link_open += 1;
    }

    fn end(&mut self, local: &str) {
        match local {
            "p" if self.depth > 0 => {
                self.depth -= 1;
                if self.depth == 0 {
                    self.in_properties = false;
                    if let Some(p) = self.paragraph.take() {
                        self.finish_paragraph(p);
                    }
                }
            }
            "pPr" => self.in_properties = false,
            "rPr" => self.in_run_properties = false,
            "t" | "delText" => self.in_text = false,
            "ins" | "moveTo" => self.inserted = self.inserted.saturating_sub(1),
            "del" | "moveFrom" => self.deleted = self.deleted.saturating_sub(1),
            "hyperlink" if self.link_open > 0 => {
                self.link_open -= 1;
                self.push(Inline::LinkEnd);
            }
            "tbl" => {
                let Some(rows) = self.tables.pop() else { return };
                match self.tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                    // A table in a table's cell: its text joins that cell.
                    Some(cell) => {
                        for inlines in rows.into_iter().flatten() {
                            cell.push(Inline::Text(" ".into(), Look::default()));
                            cell.extend(inlines);
                        }
                    }
                    None => self.blocks.push(Block::Table(rows)),
                }
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self, p: Paragraph) {
        match self.tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
            Some(cell) => {
                if !cell.is_empty() {
                    cell.push(Inline::Text(" ".into(), Look::default()));
                }
                cell.extend(p.inlines);
            }
            None => self.blocks.push(Block::Paragraph(p)),
        }
    }

    fn text(&mut self, text: &str) {
        if self.paragraph.is_none() || text.is_empty() {
            return;
        }
        let look = Look { inserted: self.inserted > 0 && self.deleted == 0, deleted: self.deleted > 0, ..self.look };
        if let Some(inserted) = self.uncounted.take() {
            if inserted {
                self.insertions += 1;
            } else {
                self.deletions += 1;
            }
        }
        // Text never holds a line break in markdown's sense: it is one paragraph.
        let text = text.replace(['\n', '\r', '\t'], " ");
        match self.paragraph.as_mut().and_then(|p| p.inlines.last_mut()) {
            Some(Inline::Text(last, last_look)) if *last_look == look => last.push_str(&text),
            _ => self.push(Inline::Text(text, look)),
        }
    }

    fn push(&mut self, inline: Inline) {
        if let Some(p) = self.paragraph.as_mut() {
            p.inlines.push(inline);
        }
    }
}

/// Only web and mail links come across as links; any other target is kept as text.
fn linkable(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !target.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | '[' | ']'))
}

// ---------------------------------------------------------------------------------------
// Inline pieces as markdown.

/// Where a comment's marks fell in a rendered text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    Start(String),
    End(String),
    Seen(String),
}

/// Markdown with where comment marks fell in it (byte offsets).
#[derive(Default)]
struct Rendered {
    text: String,
    marks: Vec<(Mark, usize)>,
}

/// Markdown of inline pieces, with where comment marks fell. Adjacent text with the same
/// look is one stretch, so emphasis is opened and closed once; `footnote` writes a
/// footnote's call.
fn render(inlines: &[Inline], footnote: &mut dyn FnMut(&str) -> String) -> (String, Vec<(Mark, usize)>) {
    let mut out = Rendered::default();
    // The stretch of one look being gathered: its text and the marks and calls inside it.
    let mut stretch: Option<(Look, Rendered)> = None;
    let mut links: Vec<&String> = Vec::new();
    let flush = |stretch: &mut Option<(Look, Rendered)>, out: &mut Rendered| {
        if let Some((look, inner)) = stretch.take() {
            emphasise(look, inner, out);
        }
    };
    // The look of the next text after each piece, found in one pass from the end.
    let mut next_looks = vec![None; inlines.len()];
    let mut next = None;
    for (i, inline) in inlines.iter().enumerate().rev() {
        next_looks[i] = next;
        if let Inline::Text(_, look) = inline {
            next = Some(*look);
        }
    }
    for (inline, next_look) in inlines.iter().zip(next_looks) {
        match inline {
            Inline::Text(text, look) => {
                if stretch.as_ref().is_some_and(|(l, _)| l != look) {
                    flush(&mut stretch, &mut out);
                }
                let (_, inner) = stretch.get_or_insert_with(|| (*look, Rendered::default()));
                inner.text.push_str(&markdown_escape(text));
            }
            Inline::Footnote(_) | Inline::CommentStart(_) | Inline::CommentEnd(_) | Inline::CommentSeen(_) => {
                // Inside a stretch only when the text after it has the same look.
                if stretch.as_ref().is_some_and(|(l, _)| Some(*l) != next_look) {
                    flush(&mut stretch, &mut out);
                }
                let here = match stretch.as_mut() {
                    Some((_, inner)) => inner,
                    None => &mut out,
                };
                let at = here.text.len();
                match inline {
                    Inline::Footnote(id) => {
                        let call = footnote(id);
                        // A reference reads "States [@A/70/174, para. 13]", as drafters
                        // write it; the export set it as a note call against the word.
                        if call.starts_with("[@") && here.text.ends_with(char::is_alphanumeric) {
                            here.text.push(' ');
                        }
                        here.text.push_str(&call);
                    }
                    Inline::CommentStart(id) => here.marks.push((Mark::Start(id.clone()), at)),
                    Inline::CommentEnd(id) => here.marks.push((Mark::End(id.clone()), at)),
                    Inline::CommentSeen(id) => here.marks.push((Mark::Seen(id.clone()), at)),
                    _ => {}
                }
            }
            Inline::LinkStart(target) => {
                flush(&mut stretch, &mut out);
                if !target.is_empty() {
                    out.text.push('[');
                }
                links.push(target);
            }
            Inline::LinkEnd => {
                flush(&mut stretch, &mut out);
                if let Some(target) = links.pop().filter(|t| !t.is_empty()) {
                    out.text.push_str(&format!("]({target})"));
                }
            }
        }
    }
    flush(&mut stretch, &mut out);
    (out.text, out.marks)
}

/// Writes one stretch with its emphasis and redline marks, keeping its outer spaces
/// outside them (markdown opens no emphasis before a space).
fn emphasise(look: Look, stretch: Rendered, out: &mut Rendered) {
    let Rendered { text, marks: inner } = stretch;
    let (text, marks, out) = (text.as_str(), &mut out.marks, &mut out.text);
    let mut open = String::new();
    if look.inserted {
        open.push_str("<ins>");
    }
    if look.deleted {
        open.push_str("~~");
    }
    open.push_str(match (look.bold, look.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    });
    let close: String = {
        let mut close = String::new();
        close.push_str(&open.replace("<ins>", "").replace("~~", "").chars().rev().collect::<String>());
        if look.deleted {
            close.push_str("~~");
        }
        if look.inserted {
            close.push_str("</ins>");
        }
        close
    };
    let lead = text.len() - text.trim_start().len();
    let trail_at = text.trim_end().len().max(lead);
    let base = out.len();
    if open.is_empty() || lead == trail_at {
        out.push_str(text);
        marks.extend(inner.into_iter().map(|(m, at)| (m, base + at)));
        return;
    }
    out.push_str(&text[..lead]);
    out.push_str(&open);
    out.push_str(&text[lead..trail_at]);
    out.push_str(&close);
    out.push_str(&text[trail_at..]);
    for (mark, at) in inner {
        let shift = if at <= lead {
            0
        } else if at >= trail_at {
            open.len() + close.len()
        } else {
            open.len()
        };
        marks.push((mark, base + at + shift));
    }
}

/// The words of inline pieces, without markdown.
fn plain(inlines: &[Inline]) -> String {
    let text: String = inlines.iter().filter_map(|i| if let Inline::Text(t, l) = i { (!l.deleted).then_some(t.as_str()) } else { None }).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn blocks_plain(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => plain(&p.inlines),
            Block::Table(rows) => rows.iter().flatten().map(|c| plain(c)).collect::<Vec<_>>().join(" "),
        })
        .filter(|t| !t.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Blocks into sections.

struct Draft {
    heading: Option<String>,
    level: u8,
    body: String,
    definitions: Vec<String>,
}

struct Assembly<'a> {
    styles: Styles,
    numbering: Numbering,
    footnotes: &'a HashMap<String, Noted>,
    citations: &'a dyn CitationText,
    sections: Vec<Draft>,
    /// The content columns of the list items open, outermost first.
    lists: Vec<usize>,
    footnote_number: usize,
    /// What each footnote called so far was written as: `[^n]` or a reference.
    footnote_calls: HashMap<String, String>,
    title_paragraph: Option<String>,
    /// The start of the first paragraph, the title of last resort.
    first_words: Option<String>,
    /// Each comment mark: (section index, byte offset in its body).
    marks: Vec<(Mark, usize, usize)>,
    counts: Counts,
}

impl<'a> Assembly<'a> {
    fn new(styles: Styles, numbering: Numbering, footnotes: &'a HashMap<String, Noted>, citations: &'a dyn CitationText) -> Assembly<'a> {
        Assembly {
            styles,
            numbering,
            footnotes,
            citations,
            sections: vec![Draft { heading: None, level: 2, body: String::new(), definitions: Vec::new() }],
            lists: Vec::new(),
            footnote_number: 0,
            footnote_calls: HashMap::new(),
            title_paragraph: None,
            first_words: None,
            marks: Vec::new(),
            counts: Counts::default(),
        }
    }

    fn block(&mut self, block: Block) {
        match block {
            Block::Paragraph(p) => self.paragraph(p),
            Block::Table(rows) => {
                self.lists.clear();
                self.table(rows);
            }
        }
    }

    fn paragraph(&mut self, p: Paragraph) {
        let style = p.style.clone().unwrap_or_default();
        let heading = p.outline.filter(|o| *o < 9).map(|o| o + 1).or_else(|| self.styles.heading_level(&style));
        if self.styles.is_title_block(&style) && heading.is_none_or(|_| self.styles.is_title(&style)) {
            if self.styles.is_title(&style) && self.title_paragraph.is_none() {
                self.title_paragraph = Some(plain(&p.inlines)).filter(|t| !t.is_empty());
            }
            self.mark_here(&p.inlines);
            return;
        }
        if let Some(level) = heading {
            let text = plain(&p.inlines);
            if text.is_empty() {
                self.mark_here(&p.inlines);
                return;
            }
            self.lists.clear();
            if level <= 2 {
                self.sections.push(Draft { heading: Some(text), level, body: String::new(), definitions: Vec::new() });
                self.mark_here(&p.inlines);
            } else {
                let line = format!("{} {}", "#".repeat(level.min(6) as usize), markdown_escape(&text));
                self.append(&line, Vec::new());
                self.mark_here(&p.inlines);
            }
            return;
        }
        let numbered = self.numbering.paragraph(&self.styles, &style, p.num_id.as_deref(), p.level);
        let (text, marks) = self.inline(&p.inlines);
        if text.trim().is_empty() {
            self.mark_here(&p.inlines);
            return;
        }
        if self.first_words.is_none() {
            self.first_words = Some(plain(&p.inlines).split(' ').take(12).collect::<Vec<_>>().join(" "));
        }
        match numbered {
            Some(Number { level, format, value, .. }) if format != NumberFormat::Unnumbered => {
                let depth = (level as usize).min(self.lists.len());
                self.lists.truncate(depth);
                let indent = self.lists.last().copied().unwrap_or(0);
                let marker = match format {
                    NumberFormat::Bullet => "- ".to_string(),
                    _ => format!("{value}. "),
                };
                let prefix = format!("{}{marker}", " ".repeat(indent));
                self.lists.push(prefix.len());
                let shifted = marks.into_iter().map(|(m, at)| (m, at + prefix.len())).collect();
                self.append(&format!("{prefix}{text}"), shifted);
            }
            _ => {
                self.lists.clear();
                // Text that would read as a list item or a code block stays a paragraph.
                let trimmed = text.len() - text.trim_start().len();
                let quote = if self.styles.is_quote(&style) { "> " } else { "" };
                let shifted = marks.into_iter().map(|(m, at)| (m, (at + quote.len()).saturating_sub(trimmed))).collect();
                self.append(&format!("{quote}{}", &text[trimmed..]), shifted);
            }
        }
    }

    fn table(&mut self, rows: Vec<Vec<Vec<Inline>>>) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut text = String::new();
        let mut marks = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            text.push('|');
            // The header row gives the columns; markdown fills shorter rows itself.
            let width = if r == 0 { columns } else { row.len() };
            for c in 0..width {
                text.push(' ');
                if let Some(cell) = row.get(c) {
                    let (cell_text, cell_marks) = self.inline(cell);
                    let base = text.len();
                    marks.extend(cell_marks.into_iter().map(|(m, at)| (m, base + at)));
                    text.push_str(cell_text.trim_end());
                }
                text.push_str(" |");
            }
            text.push('\n');
            if r == 0 {
                text.push('|');
                text.push_str(&" --- |".repeat(columns));
                text.push('\n');
            }
        }
        self.append(text.trim_end(), marks);
    }

    /// Markdown of inline pieces; footnote calls become `[^n]` with their definition kept
    /// for the section's end, or a reference when the footnote is a citation.
    fn inline(&mut self, inlines: &[Inline]) -> (String, Vec<(Mark, usize)>) {
        let footnotes = self.footnotes;
        let citations = self.citations;
        let mut definitions = Vec::new();
        let mut number = self.footnote_number;
        let mut references = 0;
        let calls = &mut self.footnote_calls;
        let rendered = render(inlines, &mut |id| {
            // A footnote called again is the same footnote: its definition is written once.
            if let Some(call) = calls.get(id) {
                return call.clone();
            }
            let Some(note) = footnotes.get(id).filter(|n| n.attrs.get("type").is_none_or(|t| t == "normal")) else {
                return String::new();
            };
            let call = match as_reference(&blocks_plain(&note.blocks).join(" "), citations) {
                Some(reference) => {
                    references += 1;
                    reference
                }
                None => {
                    number += 1;
                    definitions.push(format!("[^{number}]: {}", footnote_text(&note.blocks)));
                    format!("[^{number}]")
                }
            };
            calls.insert(id.to_string(), call.clone());
            call
        });
        self.counts.footnotes += number - self.footnote_number;
        self.counts.references += references;
        self.footnote_number = number;
        self.current().definitions.extend(definitions);
        rendered
    }

    fn current(&mut self) -> &mut Draft {
        self.sections.last_mut().expect("there is always a section")
    }

    /// Adds a block to the current section's body, with the comment marks in it.
    fn append(&mut self, text: &str, marks: Vec<(Mark, usize)>) {
        let section = self.sections.len() - 1;
        let draft = self.current();
        if !draft.body.is_empty() {
            draft.body.push_str("\n\n");
        }
        let base = draft.body.len();
        draft.body.push_str(text);
        self.marks.extend(marks.into_iter().map(|(m, at)| (m, section, base + at)));
    }

    /// The comment marks of a paragraph that adds no text fall where the text stands now.
    fn mark_here(&mut self, inlines: &[Inline]) {
        let section = self.sections.len() - 1;
        let at = self.current().body.len();
        for inline in inlines {
            let mark = match inline {
                Inline::CommentStart(id) => Mark::Start(id.clone()),
                Inline::CommentEnd(id) => Mark::End(id.clone()),
                Inline::CommentSeen(id) => Mark::Seen(id.clone()),
                _ => continue,
            };
            self.marks.push((mark, section, at));
        }
    }

    /// The sections (footnote definitions at the end of each; an empty opening section
    /// dropped) and the comment marks, by section index in what is returned.
    fn finish(&mut self) -> (Vec<DocumentSection>, Vec<(Mark, usize, usize)>) {
        let mut sections = Vec::new();
        let mut index = Vec::new();
        for draft in self.sections.drain(..) {
            let mut body = draft.body;
            if !draft.definitions.is_empty() {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(&draft.definitions.join("\n\n"));
            }
            if draft.heading.is_none() && body.trim().is_empty() {
                index.push(None);
                continue;
            }
            index.push(Some(sections.len()));
            sections.push(DocumentSection { heading: draft.heading, level: draft.level, pillar: None, part: None, body });
        }
        let marks = std::mem::take(&mut self.marks)
            .into_iter()
            .filter_map(|(m, s, at)| index.get(s).copied().flatten().map(|s| (m, s, at)))
            .collect();
        (sections, marks)
    }
}

/// A footnote's text as one markdown paragraph (the definition of `[^n]`).
fn footnote_text(blocks: &[Block]) -> String {
    let text: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => render(&p.inlines, &mut |_| String::new()).0.trim().to_string(),
            Block::Table(rows) => rows.iter().flatten().map(|c| plain(c)).collect::<Vec<_>>().join(" "),
        })
        .filter(|t| !t.is_empty())
        .collect();
    text.join(" ")
}

/// A footnote that is exactly the citation `citations` writes for some reference: that
/// reference, as the paper writes it (`[@A/70/174, para. 13(a)]`).
fn as_reference(text: &str, citations: &dyn CitationText) -> Option<String> {
    if text.len() > 1000 || !text.ends_with('.') {
        return None;
    }
    let body = &text[..text.len() - 1];
    let mut symbols: Vec<String> = Vec::new();
    let words: Vec<&str> = body.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '.'));
        if !word.contains('/') {
            continue;
        }
        if i > 0 && words[i - 1].eq_ignore_ascii_case("resolution") {
            symbols.push(format!("A/RES/{word}"));
        }
        symbols.push(word.to_string());
    }
    symbols.dedup();
    let mut locators = vec![""];
    locators.extend(body.match_indices(", ").map(|(at, _)| &body[at + 2..]).take(20));
    for symbol in symbols.iter().take(5) {
        for locator in &locators {
            // As drafters type a range (with a hyphen) first, then as the citation wrote it.
            for locator in [locator.replace('–', "-"), locator.to_string()] {
                let written = if locator.is_empty() { format!("[@{symbol}]") } else { format!("[@{symbol}, {locator}]") };
                let found = crate::reference::citations(&written);
                if let [citation] = found.as_slice()
                    && citation.span == (0..written.len())
                    && let [reference] = citation.references.as_slice()
                    && citations.footnote(reference) == text
                {
                    return Some(written);
                }
            }
        }
    }
    None
}

/// The comments as notes on their words, replies gathered under the comment they answer.
fn comment_notes(
    comments: &HashMap<String, Noted>,
    threads: &HashMap<String, (Option<String>, bool)>,
    marks: &[(Mark, usize, usize)],
    sections: &[DocumentSection],
) -> Vec<Note> {
    // The first place of each mark, by kind and comment id.
    let mut first: HashMap<(u8, &str), (usize, usize)> = HashMap::new();
    for (mark, section, at) in marks {
        let key = match mark {
            Mark::Start(id) => (0, id.as_str()),
            Mark::End(id) => (1, id.as_str()),
            Mark::Seen(id) => (2, id.as_str()),
        };
        first.entry(key).or_insert((*section, *at));
    }
    let start_of = |id: &str| first.get(&(0, id)).copied();
    let end_of = |id: &str| first.get(&(1, id)).copied();
    let seen_of = |id: &str| first.get(&(2, id)).copied();
    // Each comment's last paragraph id, which commentsExtended refers to.
    let para_of: HashMap<String, String> = comments
        .iter()
        .filter_map(|(id, c)| {
            c.blocks.iter().rev().find_map(|b| if let Block::Paragraph(p) = b { p.para_id.clone() } else { None }).map(|p| (p, id.clone()))
        })
        .collect();
    let parent_of = |id: &str| -> Option<String> {
        let para = comments.get(id)?.blocks.iter().rev().find_map(|b| if let Block::Paragraph(p) = b { p.para_id.clone() } else { None })?;
        let parent_para = threads.get(&para)?.0.as_ref()?;
        para_of.get(parent_para).cloned()
    };
    let done_of = |id: &str| -> bool {
        comments
            .get(id)
            .and_then(|c| c.blocks.iter().rev().find_map(|b| if let Block::Paragraph(p) = b { p.para_id.clone() } else { None }))
            .and_then(|para| threads.get(&para))
            .is_some_and(|t| t.1)
    };
    let mut ids: Vec<&String> = comments.keys().collect();
    // In the order of the text, then by id.
    ids.sort_by_key(|id| {
        let at = start_of(id).or_else(|| seen_of(id)).unwrap_or((usize::MAX, 0));
        (at, id.parse::<i64>().unwrap_or(i64::MAX), (*id).clone())
    });
    let text_of = |c: &Noted| blocks_plain(&c.blocks).join("

");
    let mut notes: Vec<(String, Note)> = Vec::new();
    let mut replies: Vec<(String, Reply)> = Vec::new();
    for id in ids {
        let comment = &comments[id];
        let text = text_of(comment);
        if text.trim().is_empty() {
            continue;
        }
        let author = comment.attrs.get("author").map(|a| a.trim()).filter(|a| !a.is_empty()).unwrap_or("Word comment").to_string();
        let date = comment.attrs.get("date").and_then(|d| normal_date(d));
        // A reply to a reply belongs to the thread's first comment.
        let mut root = parent_of(id);
        for _ in 0..100 {
            match root.as_deref().and_then(&parent_of) {
                Some(up) if Some(&up) != root.as_ref() && up != *id => root = Some(up),
                _ => break,
            }
        }
        if let Some(parent) = root.filter(|p| p != id) {
            replies.push((parent, Reply { author, date, text }));
            continue;
        }
        let (start, end, seen) = (start_of(id), end_of(id), seen_of(id));
        let Some((section, from)) = start.or(seen).or(end) else { continue };
        let body = &sections[section].body;
        let to = match end {
            Some((s, to)) if s == section && to >= from => to,
            _ => body.len(),
        };
        let range = (from < to && body.is_char_boundary(from) && body.is_char_boundary(to) && !body[from..to].trim().is_empty())
            .then_some(from..to);
        notes.push((id.clone(), Note { author, date, text, section, range, done: done_of(id), replies: Vec::new() }));
    }
    let index: HashMap<String, usize> = notes.iter().enumerate().map(|(i, (id, _))| (id.clone(), i)).collect();
    for (parent, reply) in replies {
        if let Some(&i) = index.get(&parent) {
            notes[i].1.replies.push(reply);
        }
    }
    notes.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::zip_of;
    use crate::export::PlainCitations;
    use crate::reference::Reference;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

    fn docx(body: &str, parts: &[(&str, String)]) -> Vec<u8> {
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|(name, xml)| (*name, xml.as_bytes())).collect();
        zip_of(&[&[("word/document.xml", document.as_bytes())], parts.as_slice()].concat())
    }

    fn p(style: &str, num: Option<(u32, u32)>, runs: &str) -> String {
        let style = if style.is_empty() { String::new() } else { format!(r#"<w:pStyle w:val="{style}"/>"#) };
        let num = num.map_or(String::new(), |(id, level)| format!(r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr>"#));
        format!("<w:p><w:pPr>{style}{num}<w:rPr><w:b/></w:rPr></w:pPr>{runs}</w:p>")
    }

    fn r(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    fn read(bytes: &[u8]) -> WordPaper {
        paper(bytes, &Framework::builtin(), &PlainCitations).unwrap()
    }

    fn bodies(paper: &WordPaper) -> Vec<(Option<&str>, u8, &str)> {
        paper.document.sections.iter().map(|s| (s.heading.as_deref(), s.level, s.body.as_str())).collect()
    }

    #[test]
    fn numbers_are_the_ones_word_shows() {
        let numbering = format!(
            r#"<w:numbering {W}>
              <w:abstractNum w:abstractNumId="7">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="12"/></w:lvlOverride></w:num>
              <w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
            </w:numbering>"#
        );
        let body = [
            p("", Some((1, 0)), &r("One.")),
            p("", Some((1, 1)), &r("first")),
            p("", Some((1, 1)), &r("second")),
            p("", Some((1, 0)), &r("Two.")),
            p("", Some((1, 1)), &r("again first")),
            p("", Some((2, 0)), &r("Twelve, by override.")),
            p("", Some((3, 0)), &r("A point.")),
            p("", None, &r("3. Typed, kept as text.")),
        ]
        .concat();
        let paper = read(&docx(&body, &[("word/numbering.xml", numbering)]));
        assert_eq!(
            bodies(&paper),
            [(
                None,
                2,
                "1. One.\n\n   1. first\n\n   2. second\n\n2. Two.\n\n   1. again first\n\n12. Twelve, by override.\n\n- A point.\n\n3. Typed, kept as text."
            )]
        );
    }

    #[test]
    fn headings_by_id_name_or_outline_level_and_the_title_block_skipped() {
        let styles = format!(
            r#"<w:styles {W}>
              <w:style w:type="paragraph" w:styleId="Berschrift2"><w:name w:val="heading 2"/></w:style>
              <w:style w:type="paragraph" w:styleId="Chapter"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="Sub"><w:basedOn w:val="Heading3"/></w:style>
            </w:styles>"#
        );
        let body = [
            p("Title", None, &r("Statement by Ruritania")),
            p("Delegation", None, &r("Ruritania")),
            p("PaperDate", None, &r("2 March 2026")),
            p("Original", None, &r("Original: English")),
            p("", None, &r("Mr Chair,")),
            p("Chapter", None, &r("I. Norms")),
            p("Berschrift2", None, &r("Critical infrastructure")),
            p("Sub", None, &r("Detail *here*")),
            p("", None, &r("Text.")),
            p("Closing", None, &r("Geneva, 2 March 2026")),
        ]
        .concat();
        let paper = read(&docx(&body, &[("word/styles.xml", styles)]));
        assert_eq!(paper.document.front.title.as_deref(), Some("Statement by Ruritania"));
        assert_eq!(
            bodies(&paper),
            [(None, 2, "Mr Chair,"), (Some("I. Norms"), 1, ""), (Some("Critical infrastructure"), 2, "### Detail \\*here\\*\n\nText.")]
        );
        assert_eq!(paper.document.sections[1].pillar.as_deref(), Some("norms"));
    }

    #[test]
    fn emphasis_redlines_and_links_are_markdown() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.un.org/" TargetMode="External"/></Relationships>"#;
        let runs = [
            r("States "),
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">should </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>not</w:t></w:r>"#.to_string(),
            r#"<w:r><w:rPr><w:i/><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> knowingly</w:t></w:r>"#.to_string(),
            r#"<w:del w:id="1" w:author="Capital"><w:r><w:delText xml:space="preserve"> ever</w:delText></w:r></w:del>"#.to_string(),
            r#"<w:ins w:id="2" w:author="Capital"><w:r><w:t xml:space="preserve"> *allow*</w:t></w:r></w:ins>"#.to_string(),
            r(" [see "),
            r#"<w:hyperlink r:id="rId9"><w:r><w:t>the UN</w:t></w:r></w:hyperlink>"#.to_string(),
            r("]."),
        ]
        .concat();
        let paper = read(&docx(&p("", None, &runs), &[("word/_rels/document.xml.rels", rels.to_string())]));
        assert_eq!(bodies(&paper), [(None, 2, r"States **should not** *knowingly* ~~ever~~ <ins>\*allow\*</ins> \[see [the UN](https://www.un.org/)\].")]);
        assert_eq!((paper.counts.insertions, paper.counts.deletions), (1, 1));
    }

    /// Citations as the library writes them in full.
    struct Library;

    impl CitationText for Library {
        fn footnote(&self, reference: &Reference) -> String {
            match reference.symbol.as_str() {
                "A/RES/73/27" => format!("General Assembly resolution 73/27 of 5 December 2018 (adopted by a recorded vote), {}.", reference.locator.replace('-', "–")),
                other => PlainCitations.footnote(&Reference { symbol: other.into(), ..reference.clone() }),
            }
        }
    }

    #[test]
    fn footnotes_stay_footnotes_unless_they_are_the_citation_of_a_reference() {
        let note = |id: u32, text: &str| format!(r#"<w:footnote w:id="{id}"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#, r(text));
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{}{}{}</w:footnotes>"#,
            note(2, "General Assembly resolution 73/27 of 5 December 2018 (adopted by a recorded vote), paras. 1.1–1.3."),
            note(3, "See also the national strategy of 2024, para. 4."),
            note(4, "A/80/257, annex I, para. 3."),
        );
        let call = |id: u32| format!(r#"<w:r><w:footnoteReference w:id="{id}"/></w:r>"#);
        let body = p("", None, &[r("Agreed."), call(2), r(" Ours."), call(3), r(" Annexed."), call(4)].concat());
        let paper = paper(&docx(&body, &[("word/footnotes.xml", footnotes)]), &Framework::builtin(), &Library).unwrap();
        assert_eq!(
            bodies(&paper),
            [(
                None,
                2,
                "Agreed.[@A/RES/73/27, paras. 1.1-1.3] Ours.[^1] Annexed.[@A/80/257, annex I, para. 3]\n\n[^1]: See also the national strategy of 2024, para. 4."
            )]
        );
        assert_eq!((paper.counts.footnotes, paper.counts.references), (1, 2));
    }

    #[test]
    fn comments_become_notes_with_their_replies() {
        let comment = |id: u32, para: &str, author: &str, text: &str| {
            format!(r#"<w:comment w:id="{id}" w:author="{author}" w:date="2026-03-01T09:30:00Z"><w:p w14:paraId="{para}">{}</w:p></w:comment>"#, r(text))
        };
        let comments = format!(
            "<w:comments {W}>{}{}{}</w:comments>",
            comment(0, "AA01", "A. Legal Adviser", "Too strong?"),
            comment(1, "AA02", "Head of Delegation", "Keep it."),
            comment(2, "AA03", "Desk officer", "Unanchored remark."),
        );
        let extended = format!(r#"<w15:commentsEx {W}><w15:commentEx w15:paraId="AA01" w15:done="1"/><w15:commentEx w15:paraId="AA02" w15:paraIdParent="AA01"/></w15:commentsEx>"#);
        let body = p(
            "",
            None,
            &[
                r("States "),
                r#"<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>"#.into(),
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t>must</w:t></w:r>"#.into(),
                r#"<w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="1"/>"#.into(),
                r(" act."),
                r#"<w:r><w:commentReference w:id="2"/></w:r>"#.into(),
            ]
            .concat(),
        );
        let paper = read(&docx(&body, &[("word/comments.xml", comments), ("word/commentsExtended.xml", extended)]));
        let section = &paper.document.sections[0].body;
        assert_eq!(section, "States **must** act.");
        assert_eq!(paper.notes.len(), 2, "{:?}", paper.notes);
        let first = &paper.notes[0];
        assert_eq!((first.author.as_str(), first.text.as_str(), first.done), ("A. Legal Adviser", "Too strong?", true));
        assert_eq!(&section[first.range.clone().unwrap()], "**must**");
        assert_eq!(first.replies, [Reply { author: "Head of Delegation".into(), date: Some("2026-03-01T09:30:00Z".into()), text: "Keep it.".into() }]);
        assert_eq!((paper.notes[1].text.as_str(), paper.notes[1].range.clone()), ("Unanchored remark.", None));
        assert_eq!((paper.counts.notes, paper.counts.replies), (2, 1));
    }

    #[test]
    fn details_come_from_the_document_properties() {
        let core = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Comments of Ruritania</dc:title><dc:creator>Ruritania</dc:creator><dc:language>fr-CH</dc:language></cp:coreProperties>"#;
        let custom = r#"<Properties xmlns:vt="v"><property name="chancery.process"><vt:lpwstr>gge</vt:lpwstr></property><property name="chancery.meeting"><vt:lpwstr>Third session</vt:lpwstr></property><property name="chancery.date"><vt:lpwstr>not a date</vt:lpwstr></property></Properties>"#;
        let paper = read(&docx(&p("", None, &r("Texte.")), &[("docProps/core.xml", core.into()), ("docProps/custom.xml", custom.into())]));
        let front = &paper.document.front;
        assert_eq!(front.title.as_deref(), Some("Comments of Ruritania"));
        assert_eq!(front.delegation.as_deref(), Some("Ruritania"));
        assert_eq!(front.language.as_deref(), Some("fr"));
        assert_eq!(front.process.as_deref(), Some("gge"));
        assert_eq!(front.meeting.as_deref(), Some("Third session"));
        assert_eq!(front.date, None);
        let other = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:language>de-DE</dc:language></cp:coreProperties>"#;
        assert_eq!(read(&docx(&p("", None, &r("Text.")), &[("docProps/core.xml", other.into())])).document.front.language.as_deref(), Some("en"));
    }

    #[test]
    fn an_external_template_is_refused_but_a_hyperlink_is_not() {
        let rels = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="\\evil\share\t.dotm" TargetMode="External"/></Relationships>"#;
        let err = paper(&docx(&p("", None, &r("x")), &[("word/_rels/settings.xml.rels", rels.into())]), &Framework::builtin(), &PlainCitations).unwrap_err();
        assert!(matches!(&err, WordError::External { part, kind, .. } if part == "word/_rels/settings.xml.rels" && kind == "attachedTemplate"), "{err}");
    }
}
