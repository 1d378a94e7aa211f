//! From a paper's markdown to blocks: the title block, headings, numbered paragraphs with
//! hanging numbers, lettered sub-paragraphs, lists, block quotations, tables, and the
//! footnotes (the author's and one per reference bracket), numbered 1..n in call order.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{CitationText, PaperText, locale};
use crate::markdown::numbering::{self, item_label};
use crate::reference::citations;

/// Body text size and line height, in points.
pub const BODY: f32 = 11.0;
pub const LEADING: f32 = 15.5;
pub const NOTE: f32 = 9.0;
pub const NOTE_LEADING: f32 = 11.5;
/// The indent of text after a hanging paragraph number, and per list level.
pub const INDENT: f32 = 28.35;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Drawn with a line through it: deleted words in a redline (`~~…~~`, `<del>`, `<s>`).
    pub strike: bool,
    /// Drawn with a line under it: inserted words (`<ins>`, set bold too) and `<u>`.
    pub underline: bool,
    /// Inserted words of a redline (`<ins>`): set bold and underlined in print, a tracked
    /// insertion in Word.
    pub inserted: bool,
    /// A footnote call: `text` is its number, set as a superscript.
    pub note: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Start,
    Center,
    End,
}

/// What a paragraph is, for a backend that styles by meaning (Word) rather than by the
/// measures below (the PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// "Original: English".
    Original,
    Delegation,
    Title,
    /// The process and meeting line.
    Meeting,
    /// The date under the title.
    Date,
    /// A heading of level 1–3.
    Heading(u8),
    Body,
    Quote,
    /// A list item at `depth` (1 for the paper's numbered paragraphs); `number` is its
    /// number in an ordered list, None for a bullet.
    Item { depth: u8, number: Option<u64> },
    /// The place-and-date line at the end.
    Closing,
}

#[derive(Debug, Clone)]
pub struct Para {
    pub role: Role,
    pub spans: Vec<Span>,
    pub size: f32,
    pub leading: f32,
    /// Left and right indents of the text, in points (mirrored for right-to-left papers).
    pub indent: f32,
    pub indent_end: f32,
    /// A hanging label ("12.", "(a)", "•") and where it starts.
    pub label: Option<(String, f32)>,
    pub align: Align,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    /// A heading's level, for the outline.
    pub heading: Option<u8>,
}

impl Para {
    fn body(spans: Vec<Span>) -> Para {
        Para {
            role: Role::Body,
            spans,
            size: BODY,
            leading: LEADING,
            indent: 0.0,
            indent_end: 0.0,
            label: None,
            align: Align::Justify,
            space_before: 0.0,
            space_after: 7.0,
            keep_with_next: false,
            heading: None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    /// Rows of cells of spans; the first `header` rows are the table's head; each column's
    /// alignment as the markdown gives it (`---:` right, `:---:` centre).
    Table { rows: Vec<Vec<Vec<Span>>>, header: usize, align: Vec<Align> },
    /// A thin rule across the text width.
    Rule { space_after: f32 },
    /// What follows starts a new page (an annex).
    PageBreak,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub blocks: Vec<Block>,
    /// Footnote texts; note n is `notes[n - 1]`.
    pub notes: Vec<Vec<Span>>,
}

pub fn build(paper: &PaperText, cite: &dyn CitationText) -> Content {
    let mut content = Content::default();
    title_block(paper, &mut content.blocks);
    let mut notes = Notes::default();
    // One markdown file has one namespace of footnotes: a definition may stand in another
    // section than its call (often all at the end), so each section gets the ones it calls.
    let definitions: Vec<(String, String)> = paper.sections.iter().flat_map(|s| footnote_definitions(&s.body)).collect();
    for (index, section) in paper.sections.iter().enumerate() {
        if let Some(heading) = section.heading.as_deref().filter(|h| !h.trim().is_empty()) {
            content.blocks.push(Block::Para(heading_para(heading, section.level.max(1))));
        }
        let mut body = with_citation_notes(&section.body, index, cite);
        for (name, definition) in &definitions {
            if section.body.contains(&format!("[^{name}]")) && !section.body.contains(&format!("[^{name}]:")) {
                body.push_str("\n\n");
                body.push_str(definition);
                body.push('\n');
            }
        }
        parse_body(&body, index, &mut content.blocks, &mut notes);
    }
    // The closing line is the place and date of signature; a date alone is already in
    // the title block.
    let place_date = match (paper.place.as_deref(), paper.date.as_deref()) {
        (Some(p), Some(d)) => Some(format!("{p}, {}", locale::date(d, &paper.language))),
        (Some(p), None) => Some(p.to_string()),
        (None, _) => None,
    };
    if let Some(line) = place_date {
        let mut p = Para::body(vec![Span { text: line, italic: true, ..Span::default() }]);
        p.role = Role::Closing;
        p.align = Align::Start;
        p.space_before = 14.0;
        content.blocks.push(Block::Para(p));
    }
    let first_annex = paper.sections.len();
    for (k, annex) in paper.annexes.iter().enumerate() {
        content.blocks.push(Block::PageBreak);
        if let Some(heading) = annex.heading.as_deref().filter(|h| !h.trim().is_empty()) {
            let mut p = heading_para(heading, annex.level.max(1));
            p.align = Align::Center;
            p.space_before = 0.0;
            p.space_after = 12.0;
            content.blocks.push(Block::Para(p));
        }
        let body = with_citation_notes(&annex.body, first_annex + k, cite);
        parse_body(&body, first_annex + k, &mut content.blocks, &mut notes);
    }
    content.notes = notes.texts(paper.sections.len());
    content
}

fn plain(text: &str) -> Vec<Span> {
    vec![Span { text: text.to_string(), ..Span::default() }]
}

fn title_block(paper: &PaperText, blocks: &mut Vec<Block>) {
    if let Some(original) = locale::original(&paper.language) {
        let mut p = Para::body(plain(original));
        p.role = Role::Original;
        p.size = 9.0;
        p.leading = 12.0;
        p.align = Align::End;
        p.space_after = 10.0;
        blocks.push(Block::Para(p));
    }
    if !paper.delegation.trim().is_empty() {
        let mut p = Para::body(vec![Span { text: paper.delegation.clone(), bold: true, ..Span::default() }]);
        p.role = Role::Delegation;
        p.size = 12.0;
        p.align = Align::Start;
        p.space_after = 6.0;
        blocks.push(Block::Para(p));
    }
    let mut title = Para::body(vec![Span { text: paper.title.clone(), bold: true, ..Span::default() }]);
    title.role = Role::Title;
    title.size = 17.0;
    title.leading = 21.0;
    title.align = Align::Start;
    title.space_after = 8.0;
    blocks.push(Block::Para(title));
    let meeting: Vec<&str> = [paper.process.as_deref(), paper.meeting.as_deref()].into_iter().flatten().filter(|s| !s.trim().is_empty()).collect();
    if !meeting.is_empty() {
        let mut p = Para::body(vec![Span { text: meeting.join(", "), italic: true, ..Span::default() }]);
        p.role = Role::Meeting;
        p.align = Align::Start;
        p.space_after = 2.0;
        blocks.push(Block::Para(p));
    }
    if let Some(date) = paper.date.as_deref() {
        let mut p = Para::body(plain(&locale::date(date, &paper.language)));
        p.role = Role::Date;
        p.align = Align::Start;
        blocks.push(Block::Para(p));
    }
    blocks.push(Block::Rule { space_after: 16.0 });
}

fn heading_para(text: &str, level: u8) -> Para {
    let mut p = Para::body(vec![Span { text: text.to_string(), bold: true, italic: level >= 3, ..Span::default() }]);
    p.role = Role::Heading(level.min(3));
    p.size = match level {
        1 => 13.0,
        2 => 12.0,
        _ => 11.0,
    };
    p.leading = p.size * 1.3;
    p.align = Align::Start;
    p.space_before = if level <= 2 { 10.0 } else { 6.0 };
    p.space_after = 6.0;
    p.keep_with_next = true;
    p.heading = Some(level);
    p
}

/// Each reference bracket becomes a markdown footnote call, with its citation as the note.
fn with_citation_notes(body: &str, section: usize, cite: &dyn CitationText) -> String {
    let found = citations(body);
    if found.is_empty() {
        return body.to_string();
    }
    let mut text = String::with_capacity(body.len() + 64 * found.len());
    let mut definitions = String::new();
    let mut from = 0;
    for (k, c) in found.iter().enumerate() {
        text.push_str(body[from..c.span.start].trim_end_matches(' '));
        let name = format!("chancery-ref-{section}-{k}");
        text.push_str(&format!("[^{name}]"));
        let note: Vec<String> = c.references.iter().map(|r| cite.footnote(r)).collect();
        definitions.push_str(&format!("\n\n[^{name}]: {}\n", note.join(" ")));
        from = c.span.end;
    }
    text.push_str(&body[from..]);
    text.push_str(&definitions);
    text
}

/// The footnote definitions in a body: (name, the definition's lines).
fn footnote_definitions(body: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in body.lines() {
        if let Some((name, _)) = line.strip_prefix("[^").and_then(|l| l.split_once("]:")) {
            found.extend(current.take());
            current = Some((name.to_string(), line.to_string()));
        } else if let Some((_, text)) = current.as_mut() {
            if line.starts_with("    ") || line.starts_with('\t') {
                text.push('\n');
                text.push_str(line);
            } else if !line.trim().is_empty() {
                found.extend(current.take());
            }
        }
    }
    found.extend(current);
    found
}

/// Footnotes by (section, name), numbered in the order of their first call.
#[derive(Default)]
struct Notes {
    numbers: HashMap<(usize, String), usize>,
    texts: HashMap<(usize, String), Vec<Span>>,
}

impl Notes {
    fn call(&mut self, section: usize, name: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry((section, name.to_string())).or_insert(next)
    }

    fn texts(mut self, _sections: usize) -> Vec<Vec<Span>> {
        let mut out = vec![Vec::new(); self.numbers.len()];
        for (key, n) in &self.numbers {
            out[n - 1] = self.texts.remove(key).unwrap_or_default();
        }
        out
    }
}

struct List {
    next: Option<u64>,
}

fn parse_body(body: &str, section: usize, blocks: &mut Vec<Block>, notes: &mut Notes) {
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    // Redline marks: strikethrough, and underline (with bold for insertions).
    let (mut strike, mut underline, mut inserted) = (0u32, 0u32, 0u32);
    let mut lists: Vec<List> = Vec::new();
    let mut quote = 0usize;
    // The hanging label of the next paragraph and the item it numbers.
    let mut label: Option<(String, Role)> = None;
    let mut heading: Option<u8> = None;
    let mut in_note: Option<String> = None;
    let mut note_spans: Vec<Span> = Vec::new();
    let mut table: Option<(Vec<Vec<Vec<Span>>>, usize)> = None;
    let mut columns: Vec<Align> = Vec::new();
    let mut row: Vec<Vec<Span>> = Vec::new();

    let flush = |spans: &mut Vec<Span>, label: &mut Option<(String, Role)>, lists: &Vec<List>, quote: usize, heading: Option<u8>, blocks: &mut Vec<Block>| {
        if spans.iter().all(|s| s.text.trim().is_empty()) && label.is_none() {
            spans.clear();
            return;
        }
        let taken = std::mem::take(spans);
        if let Some(level) = heading {
            let mut p = heading_para("", level + 1);
            p.spans = taken.into_iter().map(|s| Span { bold: true, ..s }).collect();
            blocks.push(Block::Para(p));
            return;
        }
        let mut p = Para::body(taken);
        let depth = lists.len();
        // Top-level numbered items are the paper's numbered paragraphs: the number hangs in
        // the margin column; deeper levels indent by one step each.
        let base = INDENT * depth as f32;
        p.indent = base + if quote > 0 { INDENT } else { 0.0 };
        p.indent_end = if quote > 0 { INDENT } else { 0.0 };
        if quote > 0 {
            p.size = 10.0;
            p.leading = 14.0;
            p.role = Role::Quote;
        }
        if let Some((l, role)) = label.take() {
            p.label = Some((l, p.indent - INDENT));
            p.role = role;
        } else if quote == 0
            && let Some((l, number)) = typed_label(&mut p.spans)
        {
            // "(a) …" typed as a paragraph of its own is a lettered sub-paragraph: its
            // label hangs one step in from the text it belongs to.
            let depth = depth.max(1) + 1;
            p.indent = INDENT * depth as f32;
            p.label = Some((l, p.indent - INDENT));
            if let Some(n) = number {
                p.role = Role::Item { depth: depth.min(9) as u8, number: Some(n) };
            }
        }
        blocks.push(Block::Para(p));
    };

    for event in Parser::new_ext(body, crate::markdown::options()) {
        let target: &mut Vec<Span> = if in_note.is_some() { &mut note_spans } else { &mut spans };
        let style = |text: String| Span {
            text,
            bold: bold > 0 || inserted > 0,
            italic: italic > 0,
            strike: strike > 0,
            underline: underline > 0 || inserted > 0,
            inserted: inserted > 0,
            note: None,
        };
        match event {
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                if in_note.is_some() {
                    note_spans.push(Span { text: " ".into(), ..Span::default() });
                } else if table.is_none() {
                    flush(&mut spans, &mut label, &lists, quote, heading, blocks);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut spans, &mut label, &lists, quote, heading, blocks);
                heading = None;
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                lists.push(List { next: start });
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                let depth = lists.len();
                if let Some(list) = lists.last_mut() {
                    let text = item_label(depth, list.next);
                    label = Some((text, Role::Item { depth: depth.min(9) as u8, number: list.next }));
                    if let Some(n) = list.next.as_mut() {
                        *n += 1;
                    }
                }
            }
            Event::End(TagEnd::Item) => flush(&mut spans, &mut label, &lists, quote, None, blocks),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => strike += 1,
            Event::End(TagEnd::Strikethrough) => strike = strike.saturating_sub(1),
            // Of raw HTML, only the redline tags mean something in print; the rest is dropped.
            Event::InlineHtml(tag) => match redline_tag(&tag) {
                Some(("ins", open)) => inserted = if open { inserted + 1 } else { inserted.saturating_sub(1) },
                Some(("u", open)) => underline = if open { underline + 1 } else { underline.saturating_sub(1) },
                Some((_, open)) => strike = if open { strike + 1 } else { strike.saturating_sub(1) },
                None => {}
            },
            Event::Start(Tag::FootnoteDefinition(name)) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                in_note = Some(name.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(name) = in_note.take() {
                    let mut text = std::mem::take(&mut note_spans);
                    while text.last().is_some_and(|s| s.text.trim().is_empty()) {
                        text.pop();
                    }
                    notes.texts.insert((section, name), text);
                }
            }
            Event::FootnoteReference(name) => {
                let n = notes.call(section, &name);
                target.push(Span { text: n.to_string(), note: Some(n), ..Span::default() });
            }
            Event::Start(Tag::Table(alignments)) => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                table = Some((Vec::new(), 0));
                columns = alignments
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::Right => Align::End,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        _ => Align::Start,
                    })
                    .collect();
            }
            Event::End(TagEnd::Table) => {
                if let Some((rows, header)) = table.take() {
                    blocks.push(Block::Table { rows, header, align: std::mem::take(&mut columns) });
                }
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row = Vec::new(),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let Some((rows, header)) = table.as_mut() {
                    rows.push(std::mem::take(&mut row));
                    if matches!(event, Event::End(TagEnd::TableHead)) {
                        *header += 1;
                    }
                }
            }
            Event::Start(Tag::TableCell) => spans.clear(),
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut spans)),
            Event::Text(text) | Event::Code(text) => target.push(style(text.to_string())),
            Event::SoftBreak => target.push(style(" ".into())),
            Event::HardBreak => target.push(style("\n".into())),
            Event::Rule => {
                flush(&mut spans, &mut label, &lists, quote, None, blocks);
                blocks.push(Block::Rule { space_after: 8.0 });
            }
            _ => {}
        }
    }
    flush(&mut spans, &mut label, &lists, quote, heading, blocks);
}

/// A typed sub-paragraph label at the start of the text, taken out of the spans.
fn typed_label(spans: &mut [Span]) -> Option<(String, Option<u64>)> {
    let first = spans.first_mut().filter(|s| s.note.is_none())?;
    let typed = numbering::typed_label(&first.text)?;
    let found = (typed.label, typed.number);
    first.text = typed.rest.to_string();
    Some(found)
}

/// `<ins>`, `</u>`, `<del class="x">`…: the redline tag's name and whether it opens.
fn redline_tag(html: &str) -> Option<(&'static str, bool)> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?.trim();
    let (open, rest) = match inner.strip_prefix('/') {
        Some(rest) => (false, rest.trim_start()),
        None => (true, inner),
    };
    let name = rest.split(|c: char| c.is_whitespace() || c == '/').next()?.to_ascii_lowercase();
    let name = match name.as_str() {
        "ins" => "ins",
        "u" => "u",
        "del" | "s" | "strike" => "del",
        _ => return None,
    };
    Some((name, open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_lettered_sub_paragraph_hangs_under_its_paragraph() {
        let mut blocks = Vec::new();
        parse_body("5. Trends:\n\n   (a) the first;\n\n   (b) the second.\n\n(iv) a roman one", 0, &mut blocks, &mut Notes::default());
        let paras: Vec<&Para> = blocks.iter().filter_map(|b| if let Block::Para(p) = b { Some(p) } else { None }).collect();
        assert_eq!(paras[1].label, Some(("(a)".to_string(), INDENT)));
        assert_eq!(paras[1].indent, 2.0 * INDENT);
        assert_eq!(paras[1].role, Role::Item { depth: 2, number: Some(1) });
        assert_eq!(paras[1].spans[0].text, "the first;");
        assert_eq!(paras[2].role, Role::Item { depth: 2, number: Some(2) });
        assert_eq!(paras[3].label.as_ref().map(|l| l.0.as_str()), Some("(iv)"));
        assert_eq!(paras[3].role, Role::Body, "a roman label stays typed");
    }

    #[test]
    fn the_preview_shows_the_labels_the_exports_set() {
        let bodies = [
            "1. Opening.\n2. Scope:\n\n   (a) threats;\n\n   (b) norms.\n",
            "3. Continued from the previous section.\n4. With sub-paragraphs:\n   1. first;\n   2. second.\n\n(iv) typed roman\n\n- a bullet\n",
        ];
        let paper = PaperText {
            title: "T".into(),
            language: "en".into(),
            sections: bodies.iter().map(|b| super::super::SectionText { heading: Some("S".into()), level: 2, body: b.to_string() }).collect(),
            ..PaperText::default()
        };
        let exported: Vec<String> = build(&paper, &super::super::PlainCitations)
            .blocks
            .iter()
            .filter_map(|b| if let Block::Para(p) = b { p.label.as_ref().map(|l| l.0.clone()) } else { None })
            .collect();
        let previewed: Vec<String> = bodies
            .iter()
            .flat_map(|b| crate::markdown::render_html(b).split(r#"<span class="para-number">"#).skip(1).map(|s| s.split('<').next().unwrap_or("").to_string()).collect::<Vec<_>>())
            .collect();
        assert_eq!(exported, ["1.", "2.", "(a)", "(b)", "3.", "4.", "(a)", "(b)", "(iv)", "•"]);
        assert_eq!(previewed, exported);
    }

    #[test]
    fn a_reference_becomes_a_numbered_note() {
        let paper = PaperText {
            title: "T".into(),
            language: "en".into(),
            sections: vec![super::super::SectionText {
                heading: Some("Norms".into()),
                level: 2,
                body: "1. States cooperate [@A/70/174, para. 13(a)] and more.[^x]\n\n[^x]: Own note.".into(),
            }],
            ..PaperText::default()
        };
        let content = build(&paper, &super::super::PlainCitations);
        assert_eq!(content.notes.len(), 2);
        let first: String = content.notes[0].iter().map(|s| s.text.as_str()).collect();
        assert_eq!(first, "A/70/174, para. 13(a).");
        let second: String = content.notes[1].iter().map(|s| s.text.as_str()).collect();
        assert_eq!(second, "Own note.");
    }
}
