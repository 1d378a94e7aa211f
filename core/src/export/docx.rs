//! The paper as a Word document, from the same blocks as the PDF: Word styles rather than
//! direct formatting (so the receiving office can restyle), numbered paragraphs as Word
//! numbering, footnotes as Word footnotes, redlines as tracked changes attributed to the
//! delegation, review notes as comments only when asked.
//!
//! docx-rs writes the package. Three things it cannot write (0.4.22) are added to its built
//! parts here: the text's language (the crate has no `w:lang`), the core properties' title,
//! author and language (its `CorePropsConfig` fields are private), and the footnote number
//! marks and separators in footnotes.xml (it writes neither `w:footnoteRef` nor the
//! separator notes Word expects, so Word would print notes without their numbers).

use std::collections::HashMap;
use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Comment, Delete, Docx, Footer, Header, IndentLevel, Insert, Level, LevelJc,
    LevelOverride, LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table, TableCell,
    TableRow,
};

use super::blocks::{self, Align, Block, Para, Role, Span};
use super::{CitationText, ExportError, PaperSize, PaperText};

/// How to write the Word file.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    pub paper: PaperSize,
    /// "DRAFT" in the header, for drafts circulated inside the ministry.
    pub draft: bool,
    /// A classification line in the header, e.g. "RESTRICTED".
    pub marking: Option<String>,
    /// Seconds since 1970-01-01 UTC: the creation date and the date of tracked changes.
    pub created: Option<i64>,
    /// Review notes as Word comments, for internal review; empty for a submission.
    pub comments: Vec<WordComment>,
    /// The paper's details Chancery reads back on import, as custom document properties:
    /// (name, value), e.g. ("chancery.process", "oewg-2021").
    pub properties: Vec<(String, String)>,
}

/// A review note as a Word comment on the words it quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordComment {
    pub author: String,
    /// ISO 8601.
    pub date: String,
    /// The words the note is on; the comment spans the paragraph that holds them.
    pub quote: String,
    pub text: String,
}

/// A paper's details as the custom document properties Chancery reads back on import.
pub fn details(process: Option<&str>, meeting: Option<&str>, date: Option<&str>, place: Option<&str>) -> Vec<(String, String)> {
    [("chancery.process", process), ("chancery.meeting", meeting), ("chancery.date", date), ("chancery.place", place)]
        .into_iter()
        .filter_map(|(name, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (name.to_string(), v.to_string())))
        .collect()
}

/// Body text, in half-points, and the hanging indent of numbered paragraphs, in twips.
const BODY_HALF_POINTS: usize = 22;
const HANG: i32 = 567;

/// The paper as DOCX bytes, with reference footnotes written by `citations`.
pub fn docx(paper: &PaperText, options: &DocxOptions, citations: &dyn CitationText) -> Result<Vec<u8>, ExportError> {
    let content = blocks::build(paper, citations);
    let language = Language::of(&paper.language);
    let author = match paper.delegation.trim() {
        "" => "Delegation",
        name => name,
    };
    let date = iso_date(options.created);
    let mut writer = Writer {
        notes: &content.notes,
        written_notes: Vec::new(),
        numbers: Numbers::default(),
        rtl: language.rtl,
        author,
        date: &date,
    };

    let (width, height) = options.paper.twips();
    let margin = 1418; // 2.5 cm, as the PDF
    let mut doc = Docx::new()
        .page_size(width, height)
        .page_margin(PageMargin { top: margin, left: margin, bottom: margin, right: margin, header: 709, footer: 709, gutter: 0 })
        .default_fonts(RunFonts::new().ascii("Times New Roman").hi_ansi("Times New Roman").east_asia("SimSun").cs("Times New Roman"))
        .default_size(BODY_HALF_POINTS)
        .add_abstract_numbering(numbered_paragraphs(language.rtl))
        .add_abstract_numbering(bullets(language.rtl));
    for style in styles() {
        doc = doc.add_style(style);
    }

    let anchored = anchor_comments(&content.blocks, &options.comments);
    let mut page_break = false;
    let mut comment_id = 0usize;
    for (index, block) in content.blocks.iter().enumerate() {
        match block {
            Block::Para(para) => {
                let mut p = writer.paragraph(para).page_break_before(page_break);
                page_break = false;
                for comment in anchored.get(&index).into_iter().flatten() {
                    comment_id += 1;
                    p = with_comment(p, comment_id, comment);
                }
                doc = doc.add_paragraph(p);
            }
            Block::Table { rows, header, align } => doc = doc.add_table(writer.table(rows, *header, align)),
            Block::Rule { .. } => doc = doc.add_paragraph(Paragraph::new().style("TitleBlockEnd")),
            Block::PageBreak => page_break = true,
        }
    }
    for numbering in writer.numbers.instances.drain(..) {
        doc = doc.add_numbering(numbering);
    }

    let header: Vec<&str> = [options.marking.as_deref(), options.draft.then_some("DRAFT"), paper.symbol.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    if !header.is_empty() {
        doc = doc.header(Header::new().add_paragraph(Paragraph::new().style("Header").add_run(Run::new().add_text(header.join("   ")))));
    }
    // "2/7", as the PDF numbers its pages.
    let page_number =
        Paragraph::new().style("Footer").align(AlignmentType::Center).add_page_num(PageNum::new()).add_run(Run::new().add_text("/")).add_num_pages(NumPages::new());
    doc = doc.footer(Footer::new().add_paragraph(page_number));
    for (name, value) in &options.properties {
        doc = doc.custom_property(name, value);
    }

    let mut xml = doc.build();
    xml.styles = with_language(&xml.styles, &language);
    xml.doc_props.core = core_properties(paper, &language, &date);
    xml.footnotes = with_footnote_marks(&xml.footnotes);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| ExportError::Writer(format!("the Word file could not be written: {e}")))?;
    Ok(out.into_inner())
}

impl PaperSize {
    /// Width and height in twips (twentieths of a point), as Word measures pages.
    fn twips(self) -> (u32, u32) {
        match self {
            PaperSize::A4 => (11906, 16838),
            PaperSize::Letter => (12240, 15840),
        }
    }
}

/// How Word is told the paper's language: the tag for Latin and Cyrillic text, for
/// right-to-left text and for East Asian text, and whether paragraphs run right to left.
struct Language {
    tag: &'static str,
    bidi: &'static str,
    east_asia: &'static str,
    rtl: bool,
}

impl Language {
    fn of(code: &str) -> Language {
        let tag = match code {
            "fr" => "fr-FR",
            "es" => "es-ES",
            "ru" => "ru-RU",
            "ar" => "ar-SA",
            "zh" => "zh-CN",
            _ => "en-GB",
        };
        Language { tag, bidi: "ar-SA", east_asia: "zh-CN", rtl: code == "ar" }
    }
}

/// The paragraph and character styles the document uses. Built-in style ids (Title,
/// Heading1–3, Quote, List Number, Footnote Text…) so Word and LibreOffice map them to
/// their own; Chancery's title block has styles of its own, which the import recognises.
fn styles() -> Vec<Style> {
    let paragraph = |id: &str, name: &str| Style::new(id, StyleType::Paragraph).name(name).based_on("Normal").next("Normal").q_format(true);
    let spacing = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    let heading = |level: usize, size: usize| {
        let mut style = paragraph(&format!("Heading{level}"), &format!("heading {level}")).bold().size(size).line_spacing(spacing(240, 120)).outline_lvl(level - 1);
        style.paragraph_property = style.paragraph_property.keep_next(true);
        if level >= 3 {
            style = style.italic();
        }
        style
    };
    let mut rule = paragraph("TitleBlockEnd", "Title block end").size(4).line_spacing(spacing(0, 320));
    // Only a bottom border: `set_border` on fresh properties would draw all four.
    let line = ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(4).space(1).color("000000");
    rule.paragraph_property = rule.paragraph_property.set_borders(ParagraphBorders::with_empty().set(line));
    let mut superscript = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    superscript.run_property = superscript.run_property.vert_align(docx_rs::VertAlignType::SuperScript);
    let mut normal = Style::new("Normal", StyleType::Paragraph).name("Normal").q_format(true).align(AlignmentType::Both).line_spacing(spacing(0, 140));
    normal.paragraph_property = normal.paragraph_property.widow_control(true);
    vec![
        normal,
        paragraph("Title", "Title").bold().size(34).align(AlignmentType::Left).line_spacing(spacing(0, 160)),
        paragraph("Original", "Original").size(18).align(AlignmentType::Right).line_spacing(spacing(0, 200)),
        paragraph("Delegation", "Delegation").bold().size(24).align(AlignmentType::Left).line_spacing(spacing(0, 120)),
        paragraph("Meeting", "Meeting").italic().align(AlignmentType::Left).line_spacing(spacing(0, 40)),
        paragraph("PaperDate", "Paper date").align(AlignmentType::Left).line_spacing(spacing(0, 140)),
        rule,
        heading(1, 26),
        heading(2, 24),
        heading(3, 22),
        paragraph("Quote", "Quote").size(20).indent(Some(HANG), None, Some(HANG), None),
        paragraph("ListNumber", "List Number"),
        paragraph("ListBullet", "List Bullet"),
        paragraph("TableContents", "Table Contents").size(20).align(AlignmentType::Left).line_spacing(spacing(60, 60)),
        paragraph("TableHeading", "Table Heading").size(20).bold().align(AlignmentType::Left).line_spacing(spacing(60, 60)),
        paragraph("Closing", "Closing").italic().align(AlignmentType::Left).line_spacing(spacing(280, 0)),
        paragraph("FootnoteText", "footnote text").size(18).line_spacing(spacing(0, 0)),
        paragraph("Header", "header").size(18).align(AlignmentType::Right),
        paragraph("Footer", "footer").size(18).align(AlignmentType::Center),
        superscript,
    ]
}

/// The paper's numbered paragraphs: 1. then (a) then (i), each hanging in its own column
/// (on the right in a right-to-left paper).
fn numbered_paragraphs(rtl: bool) -> AbstractNumbering {
    [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
        .into_iter()
        .enumerate()
        .fold(AbstractNumbering::new(ORDERED), |numbering, (n, (format, text))| numbering.add_level(level(n, format, text, rtl)))
}

fn bullets(rtl: bool) -> AbstractNumbering {
    (0..3).fold(AbstractNumbering::new(BULLETED), |numbering, n| numbering.add_level(level(n, "bullet", "•", rtl)))
}

fn level(n: usize, format: &str, text: &str, rtl: bool) -> Level {
    let mut level = Level::new(n, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left"))
        .indent(Some(HANG * (n as i32 + 1)), Some(SpecialIndentType::Hanging(HANG)), None, None);
    level.paragraph_property = level.paragraph_property.bidi(rtl);
    level
}

// docx-rs always writes an abstract numbering 1 and an instance 1 of its own.
const ORDERED: usize = 2;
const BULLETED: usize = 3;

/// Word numbering instances. The paper's numbers run on across sections; a list that
/// starts where the previous one stopped continues its instance, any other start gets an
/// instance of its own that starts there, so Word shows the numbers the markdown has.
#[derive(Default)]
struct Numbers {
    instances: Vec<Numbering>,
    /// The ordered instance in use and the number each of its levels shows next.
    ordered: Option<(usize, [u64; 3])>,
    bulleted: Option<usize>,
}

impl Numbers {
    fn item(&mut self, depth: u8, number: Option<u64>) -> (usize, usize) {
        let level = usize::from(depth.clamp(1, 3)) - 1;
        let Some(number) = number else {
            let id = match self.bulleted {
                Some(id) => id,
                None => self.add(BULLETED, None),
            };
            self.bulleted = Some(id);
            return (id, level);
        };
        let id = match self.ordered {
            Some((id, next)) if next[level] == number => id,
            _ => self.add(ORDERED, Some((level, number))),
        };
        let mut next = self.ordered.filter(|(current, _)| *current == id).map_or([1; 3], |(_, next)| next);
        next[level] = number + 1;
        // A deeper level starts again after each item above it, as Word restarts it.
        for deeper in next.iter_mut().skip(level + 1) {
            *deeper = 1;
        }
        self.ordered = Some((id, next));
        (id, level)
    }

    fn add(&mut self, abstract_id: usize, start: Option<(usize, u64)>) -> usize {
        let id = self.instances.len() + 2;
        let mut numbering = Numbering::new(id, abstract_id);
        if let Some((level, number)) = start {
            numbering = numbering.add_override(LevelOverride::new(level).start(number as usize));
        }
        self.instances.push(numbering);
        id
    }
}

struct Writer<'a> {
    notes: &'a [Vec<Span>],
    /// The notes already written: Word gives a footnote one call, so a second call to the
    /// same note prints its number as text.
    written_notes: Vec<usize>,
    numbers: Numbers,
    rtl: bool,
    author: &'a str,
    date: &'a str,
}

impl Writer<'_> {
    fn paragraph(&mut self, para: &Para) -> Paragraph {
        let mut p = Paragraph::new();
        p = match para.role {
            Role::Original => p.style("Original"),
            Role::Delegation => p.style("Delegation"),
            Role::Title => p.style("Title"),
            Role::Meeting => p.style("Meeting"),
            Role::Date => p.style("PaperDate"),
            Role::Closing => p.style("Closing"),
            Role::Heading(level) => {
                let p = p.style(&format!("Heading{}", level.clamp(1, 3)));
                if para.align == Align::Center { p.align(AlignmentType::Center) } else { p }
            }
            Role::Quote => p.style("Quote"),
            Role::Item { depth, number } => {
                let (id, level) = self.numbers.item(depth, number);
                p.style(if number.is_some() { "ListNumber" } else { "ListBullet" }).numbering(NumberingId::new(id), IndentLevel::new(level))
            }
            // A typed label ("(iv)") hangs as in the PDF: the label, a tab, the text.
            Role::Body if para.label.is_some() => {
                let hang = ((para.indent - para.label.as_ref().map_or(0.0, |l| l.1)) * 20.0) as i32;
                p.indent(Some((para.indent * 20.0) as i32), Some(SpecialIndentType::Hanging(hang)), None, None)
                    .add_run(Run::new().add_text(para.label.as_ref().map_or("", |l| l.0.as_str())).add_tab())
            }
            Role::Body if para.indent > 0.0 => p.indent(Some((para.indent * 20.0) as i32), None, None, None),
            Role::Body => p,
        };
        if self.rtl {
            p.property = p.property.bidi(true);
        }
        // Headings are bold by their style; the spans' own bold would be direct formatting.
        let styled_bold = matches!(para.role, Role::Heading(_) | Role::Title | Role::Delegation);
        self.runs(p, &para.spans, styled_bold)
    }

    fn runs(&mut self, mut p: Paragraph, spans: &[Span], styled_bold: bool) -> Paragraph {
        for span in spans {
            if let Some(n) = span.note {
                p = p.add_run(self.note_call(n));
                continue;
            }
            let mut run = Run::new();
            if span.bold && !styled_bold && !span.inserted {
                run = run.bold();
            }
            if span.italic {
                run = run.italic();
            }
            if span.underline && !span.inserted {
                run = run.underline("single");
            }
            p = if span.strike {
                p.add_delete(Delete::new().author(self.author).date(self.date).add_run(texts(run, &span.text, true)))
            } else if span.inserted {
                p.add_insert(Insert::new(texts(run, &span.text, false)).author(self.author).date(self.date))
            } else {
                p.add_run(texts(run, &span.text, false))
            };
        }
        p
    }

    fn note_call(&mut self, n: usize) -> Run {
        if self.written_notes.contains(&n) || n == 0 || n > self.notes.len() {
            return Run::new().style("FootnoteReference").add_text(n.to_string());
        }
        self.written_notes.push(n);
        let mut text = Paragraph::new().style("FootnoteText");
        if self.rtl {
            text.property = text.property.bidi(true);
        }
        let notes = self.notes;
        let text = self.runs(text.add_run(Run::new().add_text(" ")), &notes[n - 1], false);
        let mut note = docx_rs::Footnote { id: n, content: Vec::new() };
        note.add_content(text);
        Run::new().add_footnote_reference(note)
    }

    fn table(&mut self, rows: &[Vec<Vec<Span>>], header: usize, align: &[Align]) -> Table {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let cells = row
                    .iter()
                    .enumerate()
                    .map(|(c, spans)| {
                        let head = r < header;
                        let mut p = Paragraph::new().style(if head { "TableHeading" } else { "TableContents" }).align(match align.get(c) {
                            Some(Align::End) => AlignmentType::Right,
                            Some(Align::Center) => AlignmentType::Center,
                            _ => AlignmentType::Left,
                        });
                        if self.rtl {
                            p.property = p.property.bidi(true);
                        }
                        // The head is bold by its style.
                        TableCell::new().add_paragraph(self.runs(p, spans, head))
                    })
                    .collect();
                TableRow::new(cells)
            })
            .collect();
        Table::new(rows)
    }
}

/// A run of text; line breaks in it become Word line breaks.
fn texts(mut run: Run, text: &str, deleted: bool) -> Run {
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = if deleted { run.add_delete_text(line) } else { run.add_text(line) };
    }
    run
}

/// Which paragraph each comment goes on: the first whose text holds the quoted words (or,
/// when the words are gone from the text, the title).
fn anchor_comments<'a>(blocks: &[Block], comments: &'a [WordComment]) -> HashMap<usize, Vec<&'a WordComment>> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let texts: Vec<(usize, String)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Para(p) => Some((i, squeeze(&p.spans.iter().filter(|s| s.note.is_none()).map(|s| s.text.as_str()).collect::<String>()))),
            _ => None,
        })
        .collect();
    let title = blocks.iter().position(|b| matches!(b, Block::Para(p) if p.role == Role::Title)).unwrap_or(0);
    let mut anchored: HashMap<usize, Vec<&WordComment>> = HashMap::new();
    for comment in comments {
        let quote = squeeze(&comment.quote);
        let at = texts.iter().find(|(_, text)| !quote.is_empty() && text.contains(&quote)).map_or(title, |(i, _)| *i);
        anchored.entry(at).or_default().push(comment);
    }
    anchored
}

fn with_comment(p: Paragraph, id: usize, comment: &WordComment) -> Paragraph {
    let mut note = Comment::new(id).author(&comment.author).date(&comment.date);
    for line in comment.text.split("\n\n").filter(|l| !l.trim().is_empty()) {
        note = note.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line.trim())));
    }
    // The comment spans the whole paragraph: its start goes first among the children.
    let mut p = p.add_comment_end(id);
    let start = Paragraph::new().add_comment_start(note);
    let mut children = start.children;
    children.append(&mut p.children);
    p.children = children;
    p
}

/// "2026-11-23T00:00:00Z" from seconds since 1970.
fn iso_date(seconds: Option<i64>) -> String {
    seconds
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| t.replace_nanosecond(0).ok())
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The document's language as Word's default for every run.
fn with_language(styles: &[u8], language: &Language) -> Vec<u8> {
    let text = String::from_utf8_lossy(styles);
    let lang = format!(r#"<w:lang w:val="{}" w:eastAsia="{}" w:bidi="{}" />"#, language.tag, language.east_asia, language.bidi);
    // The first run properties in styles.xml are the document defaults (w:rPrDefault).
    let out = match text.find("</w:rPr>") {
        Some(at) => format!("{}{lang}{}", &text[..at], &text[at..]),
        None => text.replacen("<w:rPrDefault>", &format!("<w:rPrDefault><w:rPr>{lang}</w:rPr>"), 1),
    };
    out.into_bytes()
}

fn core_properties(paper: &PaperText, language: &Language, date: &str) -> Vec<u8> {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{creator}</cp:lastModifiedBy><dc:language>{language}</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&paper.title),
        creator = escape(&paper.delegation),
        language = language.tag,
        date = date,
    )
    .into_bytes()
}

/// footnotes.xml with the separator notes Word expects and, at the start of each note, the
/// mark that prints its number.
fn with_footnote_marks(footnotes: &[u8]) -> Vec<u8> {
    const MARK: &str = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference" /></w:rPr><w:footnoteRef /></w:r>"#;
    const SEPARATORS: &str = concat!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"#,
    );
    let text = String::from_utf8_lossy(footnotes);
    let Some(open) = text.find("<w:footnotes").and_then(|at| text[at..].find('>').map(|end| at + end + 1)) else {
        return footnotes.to_vec();
    };
    if text[..open].ends_with("/>") {
        return footnotes.to_vec(); // no notes
    }
    let mut out = String::with_capacity(text.len() + 1024);
    out.push_str(&text[..open]);
    out.push_str(SEPARATORS);
    let mut rest = &text[open..];
    while let Some(at) = rest.find("<w:footnote ") {
        // The mark goes after the first paragraph's properties.
        let Some(props_end) = rest[at..].find("</w:pPr>").map(|p| at + p + "</w:pPr>".len()) else { break };
        out.push_str(&rest[..props_end]);
        out.push_str(MARK);
        rest = &rest[props_end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_continue_across_lists_that_go_on_and_restart_where_they_do_not() {
        let mut numbers = Numbers::default();
        let first = numbers.item(1, Some(1)).0;
        assert_eq!(numbers.item(1, Some(2)), (first, 0));
        assert_eq!(numbers.item(2, Some(1)), (first, 1), "a lettered sub-paragraph under 2.");
        assert_eq!(numbers.item(2, Some(2)), (first, 1));
        assert_eq!(numbers.item(1, Some(3)), (first, 0), "the next section's list goes on at 3.");
        assert_eq!(numbers.item(2, Some(1)), (first, 1), "(a) again under 3.");
        let jumped = numbers.item(1, Some(10)).0;
        assert_ne!(jumped, first, "a list starting at 10 after 3 needs its own start");
        assert_eq!(numbers.instances.len(), 2);
    }

    #[test]
    fn footnote_marks_and_separators_are_added() {
        let part = br#"<?xml version="1.0"?><w:footnotes xmlns:w="x"><w:footnote w:id="1"><w:p w14:paraId="1"><w:pPr><w:pStyle w:val="FootnoteText" /></w:pPr><w:r><w:t>Note.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let out = String::from_utf8(with_footnote_marks(part)).unwrap();
        assert!(out.contains(r#"w:type="separator" w:id="-1""#));
        assert!(out.contains(r#"<w:pStyle w:val="FootnoteText" /></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference" /></w:rPr><w:footnoteRef /></w:r><w:r><w:t>Note."#));
    }
}
