//! Line breaking: a paragraph's spans become shaped words, words become lines.
//!
//! Break opportunities come from the Unicode line-breaking algorithm (unicode-linebreak),
//! so Chinese breaks between ideographs and Latin text at spaces and after hyphens. Lines
//! are filled greedily, first fit, with one refinement that makes greedy filling look good
//! in justified text: when the next word does not fit and the line would have to stretch
//! its spaces by more than half a space each, the word is hyphenated (hypher, with the
//! patterns of the paper's language) at the last point that still fits. Full lines are
//! justified by widening the spaces (or, in Chinese, the gaps between characters); the last
//! line of a paragraph is set ragged. Right-to-left paragraphs (Arabic) are broken in
//! logical order and each line is reordered for display with the bidi algorithm's rule L2
//! applied to words, so numbers and Latin words inside Arabic keep their direction.

use std::collections::HashMap;
use std::sync::Arc;

use unicode_bidi::{BidiInfo, Level};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::ExportError;
use super::blocks::{Align, Para, Span};
use super::fonts::{Face, font};
use super::layout::{PlacedGlyph, Run};
use super::shape::{Glyph, shape};

/// A line ready to be placed: runs relative to the line's top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub height: f32,
    /// (x, baseline y, run)
    pub runs: Vec<(f32, f32, Run)>,
    /// (x1, y1, x2, y2, width)
    pub rules: Vec<(f32, f32, f32, f32, f32)>,
    /// Footnotes called from this line.
    pub notes: Vec<usize>,
    /// Footnote calls: (note, x, width), for links.
    pub calls: Vec<(usize, f32, f32)>,
}

/// What the paper's language and script ask of the breaker.
#[derive(Debug, Clone, Copy)]
pub struct Script {
    pub hyphenation: Option<hypher::Lang>,
    pub rtl: bool,
    pub cjk: bool,
}

impl Script {
    pub fn of(language: &str) -> Script {
        let hyphenation = match language {
            "en" => Some(hypher::Lang::English),
            "fr" => Some(hypher::Lang::French),
            "es" => Some(hypher::Lang::Spanish),
            "ru" => Some(hypher::Lang::Russian),
            _ => None,
        };
        Script { hyphenation, rtl: language == "ar", cjk: language == "zh" }
    }
}

/// Shaped words of one face, size and direction, by their text.
type Words = HashMap<Box<str>, Arc<[Glyph]>>;

/// Shaped words are cached for the length of one export: papers repeat their words.
/// The glyphs are shared, never copied.
#[derive(Default)]
pub struct Shaper {
    cache: HashMap<(Face, u32, bool), Words>,
    language: String,
}

impl Shaper {
    pub fn new(language: &str) -> Shaper {
        Shaper { cache: HashMap::new(), language: language.to_string() }
    }

    fn shape(&mut self, text: &str, face: Face, size: f32, rtl: bool) -> Result<Arc<[Glyph]>, ExportError> {
        let words = self.cache.entry((face, size.to_bits(), rtl)).or_default();
        if let Some(glyphs) = words.get(text) {
            return Ok(Arc::clone(glyphs));
        }
        let glyphs: Arc<[Glyph]> = shape(text, font(face)?, size, rtl, &self.language).into();
        words.insert(text.into(), Arc::clone(&glyphs));
        Ok(glyphs)
    }
}

/// A shaped piece of one face, size and direction.
#[derive(Debug, Clone)]
struct Piece {
    face: Face,
    size: f32,
    rise: f32,
    glyphs: Arc<[Glyph]>,
    width: f32,
    note: Option<usize>,
    /// Redline marks: (a line through, a line under).
    marks: (bool, bool),
}

#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// The trailing space, shaped (its glyphs keep the space in the text layer).
    space: Option<Piece>,
    /// A forced line break follows.
    hard: bool,
    /// The source text and style, for hyphenation.
    text: String,
    style: Span,
    plain: bool,
    level: Level,
}

fn piece_of(shaper: &mut Shaper, text: &str, face: Face, size: f32, rise: f32, rtl: bool, span: &Span) -> Result<Piece, ExportError> {
    let glyphs = shaper.shape(text, face, size, rtl)?;
    let width = glyphs.iter().map(|g| g.advance).sum();
    Ok(Piece { face, size, rise, glyphs, width, note: span.note, marks: (span.strike, span.underline) })
}

/// Splits text into runs of one face each and shapes them.
fn pieces(shaper: &mut Shaper, text: &str, span: &Span, size: f32, script: Script, rtl_word: bool) -> Result<Vec<Piece>, ExportError> {
    let (size, rise) = if span.note.is_some() { (size * 0.62, -size * 0.38) } else { (size, 0.0) };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<Face> = None;
    for (i, c) in text.char_indices() {
        let f = Face::for_char(c, span.bold, span.italic, script.cjk);
        // Spaces and punctuation stay in the face of what precedes them.
        let neutral = !c.is_alphanumeric();
        match current {
            None => current = Some(f),
            Some(cur) if cur != f && !neutral => {
                let rtl = rtl_word && matches!(cur, Face::Arabic | Face::ArabicBold);
                out.push(piece_of(shaper, &text[start..i], cur, size, rise, rtl, span)?);
                start = i;
                current = Some(f);
            }
            _ => {}
        }
    }
    if let Some(cur) = current {
        let rtl = rtl_word && matches!(cur, Face::Arabic | Face::ArabicBold);
        out.push(piece_of(shaper, &text[start..], cur, size, rise, rtl, span)?);
    }
    Ok(out)
}

fn words(shaper: &mut Shaper, para: &Para, script: Script) -> Result<Vec<Word>, ExportError> {
    let mut full = String::new();
    let mut owners: Vec<(usize, usize)> = Vec::new(); // (start byte, span index)
    for (i, s) in para.spans.iter().enumerate() {
        owners.push((full.len(), i));
        full.push_str(&s.text);
    }
    let span_at = |pos: usize| owners.iter().rev().find(|(start, _)| *start <= pos).map(|(_, i)| *i).unwrap_or(0);
    let levels = if script.rtl {
        let info = BidiInfo::new(&full, Some(Level::rtl()));
        info.levels.clone()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let mut prev = 0;
    for (pos, kind) in linebreaks(&full) {
        // Never break before a footnote call.
        if pos < full.len() && para.spans[span_at(pos)].note.is_some() && kind != BreakOpportunity::Mandatory {
            continue;
        }
        // Nor inside a document symbol ("A/RES/73/27"): a reader copying it must get it whole.
        if kind != BreakOpportunity::Mandatory && full[..pos].ends_with('/') && full[pos..].starts_with(|c: char| !c.is_whitespace()) {
            continue;
        }
        let segment = &full[prev..pos];
        let content_len = segment.trim_end().len();
        let (content, trailing) = segment.split_at(content_len);
        let hard = kind == BreakOpportunity::Mandatory && pos < full.len() || trailing.contains('\n');
        let level = levels.get(prev + content.len().saturating_sub(1).min(content.len())).copied().unwrap_or(Level::ltr());
        let level = if content.is_empty() { level } else { levels.get(prev).copied().unwrap_or(Level::ltr()) };
        let rtl_word = level.is_rtl();
        let mut word_pieces = Vec::new();
        let mut at = prev;
        let content_end = prev + content.len();
        let mut style = Span::default();
        let mut spans_seen = 0;
        while at < content_end {
            let si = span_at(at);
            let span = &para.spans[si];
            let span_end = owners.get(si + 1).map(|(s, _)| *s).unwrap_or(full.len()).min(content_end);
            style = Span { text: String::new(), note: None, ..span.clone() };
            spans_seen += 1;
            word_pieces.extend(pieces(shaper, &full[at..span_end], span, para.size, script, rtl_word)?);
            at = span_end;
        }
        if rtl_word {
            word_pieces.reverse();
        }
        let space = if trailing.chars().any(|c| c != '\n') {
            let span = &para.spans[span_at(content_end.min(full.len().saturating_sub(1)))];
            let plain_span = Span { note: None, ..span.clone() };
            pieces(shaper, " ", &plain_span, para.size, script, false)?.into_iter().next()
        } else {
            None
        };
        let width = word_pieces.iter().map(|p| p.width).sum();
        if !word_pieces.is_empty() || space.is_some() {
            out.push(Word {
                pieces: word_pieces,
                width,
                space,
                hard,
                text: content.to_string(),
                style,
                plain: spans_seen == 1 && para.spans[span_at(prev)].note.is_none(),
                level,
            });
        } else if hard && let Some(last) = out.last_mut() {
            last.hard = true;
        }
        prev = pos;
    }
    Ok(out)
}

/// Tries to split `word` so that its first part plus a hyphen fits in `room`.
fn hyphenate(shaper: &mut Shaper, word: &Word, room: f32, size: f32, script: Script) -> Result<Option<(Word, Word)>, ExportError> {
    let Some(lang) = script.hyphenation else { return Ok(None) };
    if !word.plain || word.text.chars().count() < 5 {
        return Ok(None);
    }
    // Hyphenate the letters; punctuation around them stays with its end.
    let core_start = word.text.find(|c: char| c.is_alphabetic()).unwrap_or(0);
    let core_end = word.text.rfind(|c: char| c.is_alphabetic()).map(|i| i + word.text[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
    if core_end <= core_start {
        return Ok(None);
    }
    let core = &word.text[core_start..core_end];
    if !core.chars().all(char::is_alphabetic) {
        return Ok(None);
    }
    let syllables: Vec<&str> = hypher::hyphenate(core, lang).collect();
    if syllables.len() < 2 {
        return Ok(None);
    }
    let span = word.style.clone();
    let mut cut = core_start;
    let mut best = None;
    for syllable in &syllables[..syllables.len() - 1] {
        cut += syllable.len();
        let head_text = format!("{}-", &word.text[..cut]);
        let head = pieces(shaper, &head_text, &span, size, script, false)?;
        let width: f32 = head.iter().map(|p| p.width).sum();
        if width > room {
            break;
        }
        best = Some((cut, head, width));
    }
    let Some((cut, head, width)) = best else { return Ok(None) };
    let tail_text = &word.text[cut..];
    let tail = pieces(shaper, tail_text, &span, size, script, false)?;
    let tail_width = tail.iter().map(|p| p.width).sum();
    let first = Word { pieces: head, width, space: None, hard: false, text: format!("{}-", &word.text[..cut]), plain: false, ..word.clone() };
    let second = Word { pieces: tail, width: tail_width, text: tail_text.to_string(), ..word.clone() };
    Ok(Some((first, second)))
}

/// Breaks a paragraph into lines `width` points wide (after its indents).
pub fn break_para(shaper: &mut Shaper, para: &Para, width: f32, script: Script) -> Result<Vec<Line>, ExportError> {
    let text_width = (width - para.indent - para.indent_end).max(20.0);
    let mut queue: std::collections::VecDeque<Word> = words(shaper, para, script)?.into();
    let mut lines: Vec<(Vec<Word>, bool)> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut used = 0.0f32;
    let gap = |w: &Word| w.space.as_ref().map_or(0.0, |s| s.width);
    while let Some(word) = queue.pop_front() {
        let before = current.last().map_or(0.0, gap);
        if current.is_empty() || used + before + word.width <= text_width + 0.01 {
            used += before + word.width;
            let hard = word.hard;
            current.push(word);
            if hard {
                lines.push((std::mem::take(&mut current), true));
                used = 0.0;
            }
            continue;
        }
        let room = text_width - used - before;
        let gaps = current.iter().filter(|w| w.space.is_some()).count().max(1) as f32;
        let space = current.last().map_or(3.0, gap).max(1.0);
        // Titles, headings and ragged text keep their words whole.
        let loose = para.align == Align::Justify && room / gaps > 0.5 * space;
        if loose && let Some((head, tail)) = hyphenate(shaper, &word, room, para.size, script)? {
            current.push(head);
            queue.push_front(tail);
        } else {
            queue.push_front(word);
        }
        lines.push((std::mem::take(&mut current), false));
        used = 0.0;
    }
    if !current.is_empty() {
        lines.push((current, true));
    }
    let count = lines.len();
    let mut out: Vec<Line> =
        lines.into_iter().enumerate().map(|(i, (words, last))| set_line(words, last || i + 1 == count, para, text_width, script, i == 0)).collect();
    if let Some((label, at)) = &para.label {
        // The label hangs in the column before the text (mirrored in right-to-left text).
        let span = Span { text: label.clone(), ..Span::default() };
        let shaped = pieces(shaper, label, &span, para.size, script, script.rtl)?;
        let label_width: f32 = shaped.iter().map(|p| p.width).sum();
        // Paragraph numbers start at the margin, as UN documents set them; deeper labels
        // ("(a)") sit against their text, which also keeps them on the text's line for
        // pdftotext rather than in a column of their own.
        let at = if *at > 0.0 { at + super::blocks::INDENT - label_width - LABEL_GAP } else { *at };
        let mut x = if script.rtl { width - at - label_width } else { at };
        if out.is_empty() {
            out.push(Line { height: para.leading, ..Line::default() });
        }
        let ascent = para.size * 0.35 + para.leading * 0.5;
        // The label goes first in the text layer, so it reads before its paragraph.
        let mut label_runs = Vec::new();
        for piece in shaped {
            label_runs.push((x, ascent, run_of(piece.face, piece.size, &piece.glyphs)));
            x += piece.width;
        }
        out[0].runs.splice(0..0, label_runs);
    }
    Ok(out)
}

/// The space between a sub-paragraph's label and its text, in points.
const LABEL_GAP: f32 = 5.0;

/// Places the words of one line: justified unless it ends the paragraph, reordered for
/// display in right-to-left paragraphs.
fn set_line(mut words: Vec<Word>, last: bool, para: &Para, width: f32, script: Script, first: bool) -> Line {
    // A line's final space is not printed.
    if let Some(w) = words.last_mut() {
        w.space = None;
    }
    let natural: f32 = words.iter().map(|w| w.width + w.space.as_ref().map_or(0.0, |s| s.width)).sum();
    let spaces = words.iter().filter(|w| w.space.is_some()).count();
    let justify = para.align == Align::Justify && !last;
    let slack = (width - natural).max(0.0);
    let (extra_space, extra_gap) = if !justify {
        (0.0, 0.0)
    } else if spaces > 0 {
        (slack / spaces as f32, 0.0)
    } else if script.cjk && words.len() > 1 {
        (0.0, slack / (words.len() - 1) as f32)
    } else {
        (0.0, 0.0)
    };
    let offset = match (para.align, script.rtl, justify) {
        (_, _, true) => 0.0,
        (Align::Center, _, _) => slack / 2.0,
        (Align::End, false, _) | (Align::Start, true, _) | (Align::Justify, true, _) => slack,
        _ => 0.0,
    };
    if script.rtl {
        reorder(&mut words);
    }
    let ascent = para.size * 0.35 + para.leading * 0.5;
    let mut line = Line { height: para.leading, ..Line::default() };
    let left = if script.rtl { para.indent_end } else { para.indent };
    let _ = width;
    let mut x = left + offset;
    let n = words.len();
    let mut marks = Marks::default();
    for (i, word) in words.into_iter().enumerate() {
        for piece in word.pieces {
            if let Some(note) = piece.note {
                line.notes.push(note);
                line.calls.push((note, x, piece.width));
            }
            marks.add(piece.marks, x, x + piece.width, piece.size);
            line.runs.push((x, ascent + piece.rise, run_of(piece.face, piece.size, &piece.glyphs)));
            x += piece.width;
        }
        if let Some(space) = word.space {
            marks.add(space.marks, x, x + space.width + extra_space, space.size);
            line.runs.push((x, ascent, run_of(space.face, space.size, &space.glyphs)));
            x += space.width + extra_space;
        }
        if i + 1 < n {
            x += extra_gap;
        }
    }
    let _ = first;
    line.rules.extend(marks.rules(ascent));
    line
}

/// The redline lines of one line of text, joined where the marked pieces touch.
#[derive(Default)]
struct Marks {
    /// (strike, from x, to x, size)
    segments: Vec<(bool, f32, f32, f32)>,
}

impl Marks {
    fn add(&mut self, (strike, underline): (bool, bool), from: f32, to: f32, size: f32) {
        for (kind, on) in [(true, strike), (false, underline)] {
            if !on || to <= from {
                continue;
            }
            match self.segments.iter_mut().rev().find(|s| s.0 == kind) {
                Some(last) if (last.2 - from).abs() < 0.01 && last.3 == size => last.2 = to,
                _ => self.segments.push((kind, from, to, size)),
            }
        }
    }

    /// As rules: a strike through the middle of the lower-case letters, an underline just
    /// below the baseline.
    fn rules(self, baseline: f32) -> impl Iterator<Item = (f32, f32, f32, f32, f32)> {
        self.segments.into_iter().map(move |(strike, from, to, size)| {
            let y = if strike { baseline - size * 0.27 } else { baseline + size * 0.13 };
            (from, y, to, y, size * 0.055)
        })
    }
}

pub fn run_of(face: Face, size: f32, glyphs: &[Glyph]) -> Run {
    let mut x = 0.0;
    let placed = glyphs
        .iter()
        .map(|g| {
            let p = PlacedGlyph { gid: g.gid, x: x + g.dx, y: -g.dy, text: g.text.clone() };
            x += g.advance;
            p
        })
        .collect();
    Run { face, size, grey: 0.0, glyphs: placed }
}

/// Rule L2 of the bidi algorithm, on words: from the highest level down to the lowest odd
/// level, reverse every run of words at that level or higher.
fn reorder(words: &mut Vec<Word>) {
    // Reorder the logical indices, then the words by them.
    let mut order: Vec<usize> = (0..words.len()).collect();
    let level_of = |i: usize| words[i].level.number();
    let max = (0..words.len()).map(level_of).max().unwrap_or(0);
    let min_odd = (0..words.len()).map(level_of).filter(|l| l % 2 == 1).min().unwrap_or(1);
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if level_of(order[i]) >= level {
                let start = i;
                while i < order.len() && level_of(order[i]) >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    // The space after a word stands between it and the next word in logical order: give
    // it to whichever of the two is on the left once they are displayed (a word's space is
    // drawn to its right). So "23 نوفمبر" keeps its space although the number runs left to
    // right inside right-to-left text.
    let n = words.len();
    let mut position = vec![0; n];
    for (visual, logical) in order.iter().enumerate() {
        position[*logical] = visual;
    }
    let spaces: Vec<Option<Piece>> = words.iter_mut().map(|w| w.space.take()).collect();
    let mut taken: Vec<Option<Word>> = std::mem::take(words).into_iter().map(Some).collect();
    let mut visual: Vec<Word> = order.iter().map(|i| taken[*i].take().expect("each word once")).collect();
    for (logical, space) in spaces.into_iter().enumerate() {
        let Some(space) = space else { continue };
        let here = position[logical];
        let to = match position.get(logical + 1) {
            Some(&next) if here.abs_diff(next) == 1 => Some(here.min(next)),
            // Not beside its successor (or the last word): the side its direction gives.
            _ if visual[here].level.is_rtl() => here.checked_sub(1),
            _ => (here + 1 < n).then_some(here),
        };
        if let Some(to) = to.filter(|t| visual[*t].space.is_none()) {
            visual[to].space = Some(space);
        }
    }
    *words = visual;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::blocks::BODY;

    /// The line's runs from left to right, each as its text ("␣" for a space).
    fn visual(line: &Line) -> Vec<String> {
        let mut runs: Vec<&(f32, f32, Run)> = line.runs.iter().collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        runs.iter().map(|(_, _, run)| run.glyphs.iter().map(|g| if &*g.text == " " { "␣" } else { &*g.text }).collect()).collect()
    }

    #[test]
    fn numbers_in_arabic_keep_a_space_on_each_side() {
        if font(Face::Arabic).is_err() {
            return; // fonts-noto-core is not installed: the PDF tests say so.
        }
        let para = Para {
            role: super::super::blocks::Role::Body,
            spans: vec![Span { text: "في عام 2015 مرجعا مشتركا".into(), ..Span::default() }],
            size: BODY,
            leading: 15.0,
            indent: 0.0,
            indent_end: 0.0,
            label: None,
            align: Align::Start,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            heading: None,
        };
        let mut shaper = Shaper::new("ar");
        let lines = break_para(&mut shaper, &para, 400.0, Script::of("ar")).unwrap();
        let runs = visual(&lines[0]);
        let spaces = runs.iter().filter(|r| r.as_str() == "␣").count();
        assert_eq!(spaces, 4, "{runs:?}");
        for pair in runs.windows(2) {
            assert!(pair[0] == "␣" || pair[1] == "␣", "no space between {pair:?}");
        }
    }
}
