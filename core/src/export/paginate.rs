//! Pagination: lines onto pages, with footnotes at the foot of the page they are called
//! from, widow and orphan control, headings kept with what follows, and the running
//! furniture (header with the short title or symbol, marking, "N/M" page numbers, DRAFT).
//!
//! Rules: a paragraph never leaves a single line at the foot of a page (orphan) or at the
//! head of the next (widow) when it has more than two lines; a heading moves to the next
//! page unless two lines of what follows fit under it; a line that calls a footnote is
//! placed only if the footnote fits on the same page too, else the line moves on.

use super::blocks::{Align, Block, Content, INDENT, NOTE, NOTE_LEADING, Para, Role, Span};
use super::breaking::{Line, Script, Shaper, break_para, run_of};
use super::fonts::Face;
use super::layout::{Document, Item, Page};
use super::{ExportError, Options, PaperText};

/// 25 mm.
const MARGIN: f32 = 70.87;
const NOTE_SEPARATION: f32 = 14.0;

struct Unit {
    lines: Vec<Line>,
    space_before: f32,
    space_after: f32,
    keep_with_next: bool,
    /// Paragraph lines obey widow and orphan control; table rows do not.
    paragraph: bool,
    /// Starts a new page.
    page_break: bool,
    heading: Option<(String, u8)>,
}

struct Geometry {
    width: f32,
    height: f32,
    left: f32,
    text_width: f32,
    top: f32,
    bottom: f32,
}

struct Pager<'a> {
    g: Geometry,
    notes: &'a [Vec<Line>],
    pages: Vec<Page>,
    y: f32,
    page_notes: Vec<usize>,
    /// Links from calls to notes on the current page: (x, y, w, h, note).
    links: Vec<(f32, f32, f32, f32, usize)>,
    outline: Vec<(String, u8, usize, f32)>,
    empty: bool,
}

impl Pager<'_> {
    fn notes_height(&self, extra: &[usize]) -> f32 {
        let mut all: Vec<usize> = self.page_notes.clone();
        for n in extra {
            if !all.contains(n) {
                all.push(*n);
            }
        }
        if all.is_empty() {
            return 0.0;
        }
        NOTE_SEPARATION + all.iter().map(|n| self.note_height(*n)).sum::<f32>()
    }

    fn note_height(&self, n: usize) -> f32 {
        self.notes.get(n - 1).map_or(0.0, |lines| lines.iter().map(|l| l.height).sum::<f32>() + 2.0)
    }

    /// How many of `lines` fit from the current position.
    fn fitting(&self, lines: &[Line]) -> usize {
        let mut y = self.y;
        let mut called: Vec<usize> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            called.extend(line.notes.iter().copied());
            if y + line.height > self.g.bottom - self.notes_height(&called) + 0.01 {
                return i;
            }
            y += line.height;
        }
        lines.len()
    }

    fn place(&mut self, line: Line) {
        let page = self.pages.last_mut().expect("a page is open");
        let (left, top) = (self.g.left, self.y);
        for (x, y, run) in line.runs {
            page.items.push(Item::Text { x: left + x, y: top + y, run });
        }
        for (x1, y1, x2, y2, width) in line.rules {
            page.items.push(Item::Rule { x1: left + x1, y1: top + y1, x2: left + x2, y2: top + y2, width });
        }
        for (note, x, w) in line.calls {
            self.links.push((left + x, top, w, line.height * 0.7, note));
        }
        for n in line.notes {
            if !self.page_notes.contains(&n) {
                self.page_notes.push(n);
            }
        }
        self.y += line.height;
        self.empty = false;
    }

    fn finish_page(&mut self) {
        let page_index = self.pages.len() - 1;
        let height = self.notes_height(&[]);
        let notes = std::mem::take(&mut self.page_notes);
        let mut note_y = Vec::new();
        if !notes.is_empty() {
            let mut y = self.g.bottom - height;
            let page = self.pages.last_mut().expect("a page is open");
            let rule_y = y + NOTE_SEPARATION * 0.45;
            page.items.push(Item::Rule { x1: self.g.left, y1: rule_y, x2: self.g.left + 120.0, y2: rule_y, width: 0.5 });
            y += NOTE_SEPARATION;
            for n in notes {
                note_y.push((n, y));
                for line in self.notes[n - 1].clone() {
                    for (x, ly, run) in line.runs {
                        page.items.push(Item::Text { x: self.g.left + x, y: y + ly, run });
                    }
                    y += line.height;
                }
                y += 2.0;
            }
        }
        let page = self.pages.last_mut().expect("a page is open");
        for (x, y, w, h, note) in std::mem::take(&mut self.links) {
            if let Some((_, to_y)) = note_y.iter().find(|(n, _)| *n == note) {
                page.items.push(Item::Link { x, y, width: w, height: h, page: page_index, to_y: *to_y });
            }
        }
    }

    fn new_page(&mut self) {
        if !self.pages.is_empty() {
            self.finish_page();
        }
        self.pages.push(Page::default());
        self.y = self.g.top;
        self.empty = true;
    }

    fn unit(&mut self, mut unit: Unit, next_lines: &[Line]) {
        if unit.page_break {
            if !self.empty {
                self.new_page();
            }
            return;
        }
        if !self.empty {
            self.y += unit.space_before;
        }
        if let Some((title, level)) = unit.heading.take() {
            let keep: Vec<Line> = unit.lines.iter().chain(next_lines.iter().take(2)).cloned().collect();
            if !self.empty && self.fitting(&keep) < keep.len() {
                self.new_page();
            }
            self.outline.push((title, level, self.pages.len() - 1, self.y));
        }
        let mut lines = unit.lines;
        while !lines.is_empty() {
            let n = lines.len();
            let mut k = self.fitting(&lines);
            if k < n && unit.paragraph {
                if n - k < 2 && k > 0 {
                    k = k.saturating_sub(2 - (n - k));
                }
                if k < 2 && n >= 2 {
                    k = 0;
                }
            }
            if k == 0 && self.empty {
                k = 1;
            }
            let rest = lines.split_off(k);
            for line in lines {
                self.place(line);
            }
            lines = rest;
            if !lines.is_empty() {
                self.new_page();
            }
        }
        self.y += unit.space_after;
    }
}

pub fn paginate(content: &Content, paper: &PaperText, options: &Options) -> Result<Document, ExportError> {
    let (width, height) = options.paper.points();
    let g = Geometry { width, height, left: MARGIN, text_width: width - 2.0 * MARGIN, top: MARGIN, bottom: height - MARGIN };
    let script = Script::of(&paper.language);
    let mut shaper = Shaper::new(&paper.language);

    let mut notes = Vec::with_capacity(content.notes.len());
    for (i, spans) in content.notes.iter().enumerate() {
        let mut p = Para {
            role: Role::Body,
            spans: spans.clone(),
            size: NOTE,
            leading: NOTE_LEADING,
            indent: 14.0,
            indent_end: 0.0,
            label: Some(((i + 1).to_string(), 0.0)),
            align: Align::Justify,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            heading: None,
        };
        if p.spans.is_empty() {
            p.spans.push(Span::default());
        }
        notes.push(break_para(&mut shaper, &p, g.text_width, script)?);
    }

    let mut units = Vec::with_capacity(content.blocks.len());
    for block in &content.blocks {
        units.push(match block {
            Block::Para(p) => Unit {
                lines: break_para(&mut shaper, p, g.text_width, script)?,
                space_before: p.space_before,
                space_after: p.space_after,
                keep_with_next: p.keep_with_next,
                paragraph: true,
                page_break: false,
                heading: p.heading.map(|l| (p.spans.iter().map(|s| s.text.as_str()).collect(), l)),
            },
            Block::Table { rows, header, align } => Unit {
                lines: table(&mut shaper, rows, *header, align, g.text_width, script)?,
                space_before: 4.0,
                space_after: 10.0,
                keep_with_next: false,
                paragraph: false,
                page_break: false,
                heading: None,
            },
            Block::Rule { space_after } => Unit {
                lines: vec![Line { height: 6.0, rules: vec![(0.0, 3.0, g.text_width, 3.0, 0.6)], ..Line::default() }],
                space_before: 0.0,
                space_after: *space_after,
                keep_with_next: false,
                paragraph: false,
                page_break: false,
                heading: None,
            },
            Block::PageBreak => Unit {
                lines: Vec::new(),
                space_before: 0.0,
                space_after: 0.0,
                keep_with_next: false,
                paragraph: false,
                page_break: true,
                heading: None,
            },
        });
    }

    let mut pager = Pager { g, notes: &notes, pages: Vec::new(), y: 0.0, page_notes: Vec::new(), links: Vec::new(), outline: Vec::new(), empty: true };
    pager.new_page();
    let mut units = units.into_iter().peekable();
    while let Some(unit) = units.next() {
        let next: Vec<Line> = match units.peek() {
            Some(next) if unit.keep_with_next => next.lines.iter().take(2).cloned().collect(),
            _ => Vec::new(),
        };
        pager.unit(unit, &next);
    }
    pager.finish_page();
    let Pager { g, mut pages, outline, .. } = pager;
    furniture(&mut shaper, &mut pages, &g, paper, options, script)?;
    Ok(Document { width: g.width, height: g.height, pages, outline })
}

/// One line of text, set by the paragraph machinery.
fn one_line(shaper: &mut Shaper, text: &str, size: f32, (bold, italic): (bool, bool), align: Align, width: f32, script: Script) -> Result<Line, ExportError> {
    let p = Para {
        role: Role::Body,
        spans: vec![Span { text: text.to_string(), bold, italic, ..Span::default() }],
        size,
        leading: size * 1.3,
        indent: 0.0,
        indent_end: 0.0,
        label: None,
        align,
        space_before: 0.0,
        space_after: 0.0,
        keep_with_next: false,
        heading: None,
    };
    Ok(break_para(shaper, &p, width, script)?.into_iter().next().unwrap_or_default())
}

fn put(page: &mut Page, line: Line, left: f32, top: f32, grey: f32) {
    for (x, y, mut run) in line.runs {
        run.grey = grey;
        page.items.push(Item::Text { x: left + x, y: top + y, run });
    }
}

fn short_title(paper: &PaperText) -> String {
    if let Some(symbol) = paper.symbol.as_deref().filter(|s| !s.is_empty()) {
        return symbol.to_string();
    }
    let title = paper.title.trim();
    if title.chars().count() <= 70 {
        return title.to_string();
    }
    let mut cut = String::new();
    for word in title.split_whitespace() {
        if cut.chars().count() + word.chars().count() > 66 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{cut} …")
}

fn furniture(shaper: &mut Shaper, pages: &mut [Page], g: &Geometry, paper: &PaperText, options: &Options, script: Script) -> Result<(), ExportError> {
    let total = pages.len();
    let header = short_title(paper);
    let header_top = MARGIN - 34.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let number = one_line(shaper, &format!("{}/{}", i + 1, total), 9.0, (false, false), Align::Center, g.text_width, Script { rtl: false, ..script })?;
        put(page, number, g.left, g.height - MARGIN + 22.0, 0.0);
        if i > 0 {
            let align = Align::Start;
            let line = one_line(shaper, &header, 9.0, (false, true), align, g.text_width * 0.7, script)?;
            let x = if script.rtl { g.left + g.text_width * 0.3 } else { g.left };
            put(page, line, x, header_top, 0.25);
            page.items.push(Item::Rule { x1: g.left, y1: header_top + 16.0, x2: g.left + g.text_width, y2: header_top + 16.0, width: 0.4 });
        }
        // The marking, and DRAFT in words as well as across the page (a diagonal watermark
        // is not text a reader's search or pdftotext finds).
        let marking = [options.draft.then_some("DRAFT"), options.marking.as_deref().filter(|m| !m.trim().is_empty())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        if !marking.is_empty() {
            let line = one_line(shaper, &marking, 9.5, (true, false), Align::End, g.text_width, Script { rtl: false, ..script })?;
            put(page, line, g.left, header_top, 0.0);
        }
        if options.draft {
            let line = one_line(shaper, "DRAFT", 110.0, (true, false), Align::Start, 1000.0, Script { rtl: false, cjk: false, ..script })?;
            // Centre the word on the page along the diagonal.
            let len = 370.0;
            let angle: f32 = 45.0;
            let (s, c) = angle.to_radians().sin_cos();
            let x = g.width / 2.0 - c * len / 2.0 + s * 35.0;
            let y = g.height / 2.0 + s * len / 2.0 + c * 35.0;
            for (dx, _, mut run) in line.runs {
                run.grey = 0.87;
                page.items.insert(0, Item::Turned { x: x + c * dx, y: y - s * dx, angle, run });
            }
        }
    }
    Ok(())
}

fn table(shaper: &mut Shaper, rows: &[Vec<Vec<Span>>], header: usize, align: &[Align], width: f32, script: Script) -> Result<Vec<Line>, ExportError> {
    const PAD: f32 = 4.0;
    const SIZE: f32 = 9.5;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return Ok(Vec::new());
    }
    let cell = |spans: &[Span], bold: bool, c: usize| Para {
        role: Role::Body,
        spans: spans.iter().map(|s| Span { bold: s.bold || bold, ..s.clone() }).collect(),
        size: SIZE,
        leading: 12.5,
        indent: 0.0,
        indent_end: 0.0,
        label: None,
        align: align.get(c).copied().unwrap_or(Align::Start),
        space_before: 0.0,
        space_after: 0.0,
        keep_with_next: false,
        heading: None,
    };
    // Each column gets at least its widest word (so no word is cut or runs into the next
    // column) and shares what is left in proportion to how much more its text would take
    // on one line: the usual automatic table layout.
    let widest = |lines: &[Line]| lines.iter().flat_map(|l| l.runs.iter().map(|(x, _, run)| x + run.glyphs.last().map_or(0.0, |g| g.x + SIZE * 0.6))).fold(0.0f32, f32::max);
    let words_only = Script { hyphenation: None, ..script };
    let mut natural = vec![24.0f32; columns];
    let mut least = vec![24.0f32; columns];
    for (r, row) in rows.iter().enumerate() {
        for (c, spans) in row.iter().enumerate() {
            let para = cell(spans, r < header, c);
            let one_line = break_para(shaper, &Para { align: Align::Start, ..para.clone() }, 10_000.0, script)?;
            natural[c] = natural[c].max(widest(&one_line) + 2.0 * PAD);
            let word_lines = break_para(shaper, &Para { align: Align::Start, ..para }, 1.0, words_only)?;
            least[c] = least[c].max(widest(&word_lines) + 2.0 * PAD);
        }
    }
    for c in 0..columns {
        natural[c] = natural[c].max(least[c]);
    }
    let total: f32 = natural.iter().sum();
    let minimum: f32 = least.iter().sum();
    let widths: Vec<f32> = if total <= width {
        natural.iter().map(|w| w + (width - total) / columns as f32).collect()
    } else if minimum >= width {
        least.clone()
    } else {
        let room = (width - minimum) / (total - minimum);
        least.iter().zip(&natural).map(|(l, n)| l + (n - l) * room).collect()
    };
    let scale = width / widths.iter().sum::<f32>();
    let widths: Vec<f32> = widths.iter().map(|w| w * scale).collect();
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line = Line::default();
        let mut x = 0.0;
        let mut height = 0.0f32;
        for (c, column_width) in widths.iter().copied().enumerate() {
            let spans = row.get(c).map(Vec::as_slice).unwrap_or(&[]);
            let cx = if script.rtl { width - x - column_width } else { x };
            let mut y = PAD;
            for l in break_para(shaper, &cell(spans, r < header, c), column_width - 2.0 * PAD, script)? {
                for (lx, ly, run) in l.runs {
                    line.runs.push((cx + PAD + lx, y + ly, run));
                }
                line.notes.extend(l.notes);
                line.calls.extend(l.calls.into_iter().map(|(n, lx, w)| (n, cx + PAD + lx, w)));
                y += l.height;
            }
            height = height.max(y + PAD);
            x += column_width;
        }
        line.height = height;
        if r == 0 {
            line.rules.push((0.0, 0.0, width, 0.0, 0.8));
        }
        if r + 1 == header || r + 1 == rows.len() {
            line.rules.push((0.0, height, width, height, if r + 1 == rows.len() { 0.8 } else { 0.5 }));
        } else {
            line.rules.push((0.0, height, width, height, 0.2));
        }
        out.push(line);
    }
    let _ = (INDENT, Face::Regular, run_of as fn(_, _, _) -> _);
    Ok(out)
}
