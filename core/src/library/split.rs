//! Turns the text of an agreed document into its labelled paragraphs.
//!
//! The text comes as pages (a PDF's text layer, a plain-text file cut at form feeds, or a
//! DOCX as one page). The splitter drops what the printer adds to each page (the running
//! symbol, the job number such as "44-12345", "Page 3", "3/17"), joins wrapped lines and
//! words hyphenated at a line's end, and cuts the text where the document numbers it:
//! "13." opens paragraph 13, "(a)" under it opens 13(a) (13 keeps its chapeau), "(i)"
//! under a lettered one opens 13(a)(i), "1.1" under 1 opens 1.1, and an "Annex I" heading
//! starts a numbering of its own ("annex I, 3"). A resolution's preambular paragraphs
//! before its first numbered one become "preamble, 1", "preamble, 2", … (see
//! [`preambular`]); other text before the first numbered paragraph (the cover, the title,
//! the transmittal note, the "The General Assembly," line) and headings are not paragraphs
//! and are left out.
//!
//! Numbers must follow each other (12 after 11, (c) after (b)), so a wrapped line that
//! happens to start with "2." or "(c)" stays part of the sentence it continues. What the
//! rules get wrong, the user fixes with a relabel before saving.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::LibraryError;

/// A paragraph as the splitter found it, not yet stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitParagraph {
    pub label: String,
    pub text: String,
}

/// The paragraphs of a document, in order, as they will be stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub paragraphs: Vec<SplitParagraph>,
}

/// One line of a preview: a label and how its paragraph begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewLine {
    pub label: String,
    pub start: String,
}

impl Split {
    /// Labels and first words, for the user to look over before saving.
    pub fn preview(&self) -> Vec<PreviewLine> {
        self.paragraphs.iter().map(|p| PreviewLine { label: p.label.clone(), start: first_words(&p.text, 8) }).collect()
    }

    pub fn labels(&self) -> Vec<&str> {
        self.paragraphs.iter().map(|p| p.label.as_str()).collect()
    }

    /// Gives the paragraph labelled `old` the label `new`.
    pub fn relabel(&mut self, old: &str, new: &str) -> Result<(), LibraryError> {
        let paragraph = self.paragraphs.iter_mut().find(|p| p.label == old).ok_or_else(|| LibraryError::NoSuchLabel(old.to_string()))?;
        paragraph.label = new.trim().to_string();
        Ok(())
    }

    /// Refuses a split with no paragraph or with a label twice.
    pub fn validate(&self) -> Result<(), LibraryError> {
        if self.paragraphs.is_empty() {
            return Err(LibraryError::NoParagraphs);
        }
        let mut seen = HashMap::new();
        for p in &self.paragraphs {
            if seen.insert(p.label.as_str(), ()).is_some() {
                return Err(LibraryError::DuplicateLabel(p.label.clone()));
            }
        }
        Ok(())
    }
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        start.push_str(" …");
    }
    start
}

/// Splits a plain-text or markdown document; form feeds separate its pages.
pub fn split_text(text: &str, symbol: &str) -> Split {
    let pages: Vec<&str> = text.split('\u{c}').collect();
    split_pages(&pages, symbol)
}

/// Splits a document given page by page.
pub fn split_pages(pages: &[&str], symbol: &str) -> Split {
    let lines = without_page_furniture(pages, symbol);
    Splitter::new(&lines).run()
}

#[derive(Debug, Clone, PartialEq)]
enum Line {
    Blank,
    Text(String),
    /// A heading the text marks as one (markdown's `#`).
    Heading(String),
}

/// The lines of all pages, less running headers, footers and page numbers. Page breaks
/// leave no blank line behind, so a paragraph running over a page stays whole.
fn without_page_furniture(pages: &[&str], symbol: &str) -> Vec<Line> {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|page| page.lines().map(|l| l.replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ").replace('\u{ad}', "").trim().to_string()).collect())
        .collect();
    // A line near the top or bottom of most pages, digits aside, is furniture.
    let edge = |page: &Vec<String>| -> Vec<usize> {
        let filled: Vec<usize> = (0..page.len()).filter(|&i| !page[i].is_empty()).collect();
        let mut at: Vec<usize> = filled.iter().take(3).chain(filled.iter().rev().take(3)).copied().collect();
        at.sort_unstable();
        at.dedup();
        at
    };
    let shape = |line: &str| line.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>();
    let mut on_pages: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut shapes: Vec<String> = edge(page).into_iter().map(|i| shape(&page[i])).collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *on_pages.entry(s).or_default() += 1;
        }
    }
    let filled_pages = pages.iter().filter(|p| p.iter().any(|l| !l.is_empty())).count();
    let running = |line: &str| filled_pages >= 2 && on_pages.get(&shape(line)).is_some_and(|&n| n >= 2 && n * 2 >= filled_pages);

    let mut out = Vec::new();
    for page in &pages {
        let edges = edge(page);
        let mut kept: Vec<Line> = Vec::new();
        for (i, line) in page.iter().enumerate() {
            if line.is_empty() {
                kept.push(Line::Blank);
            } else if is_page_mark(line, symbol) || (edges.contains(&i) && running(line)) {
                continue;
            } else if let Some(heading) = markdown_heading(line) {
                kept.push(Line::Heading(heading.to_string()));
            } else {
                kept.push(Line::Text(line.clone()));
            }
        }
        let first = kept.iter().position(|l| *l != Line::Blank).unwrap_or(kept.len());
        let last = kept.iter().rposition(|l| *l != Line::Blank).map_or(first, |i| i + 1);
        out.extend(kept.drain(first..last));
    }
    out
}

/// A line that only a printer would write: the symbol alone, a job number, a page number.
fn is_page_mark(line: &str, symbol: &str) -> bool {
    let compact: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if compact.eq_ignore_ascii_case(symbol) || digits(&compact) {
        return true;
    }
    // "3/17", "Page 3", "Page 3 of 17", "- 3 -"
    if let Some((a, b)) = compact.split_once('/')
        && digits(a.trim()) && digits(b.trim()) {
            return true;
        }
    let lower = compact.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page ") {
        let rest = rest.replace(" of ", "/");
        if rest.split('/').all(|p| digits(p.trim())) {
            return true;
        }
    }
    if let Some(inner) = compact.strip_prefix("- ").and_then(|s| s.strip_suffix(" -"))
        && digits(inner) {
            return true;
        }
    // A job number, with or without its language mark and page: "44-12345 (E)", "44-12345 3/17".
    let mut words = compact.split(' ');
    if let Some(job) = words.next()
        && let Some((year, number)) = job.split_once('-')
            && year.len() == 2 && digits(year) && (4..=6).contains(&number.len()) && digits(number) {
                return words.all(|w| w.starts_with('(') || w.starts_with('*') || w.split('/').all(digits));
            }
    // The bar code printed as "*4412345*".
    compact.len() > 2 && compact.starts_with('*') && compact.ends_with('*') && digits(&compact[1..compact.len() - 1])
}

fn markdown_heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    (rest.len() < line.len() && line.len() - rest.len() <= 6 && rest.starts_with(' ')).then(|| rest.trim())
}

/// Where the numbering stands: the paragraph, letter and roman sub-paragraph open now.
struct Splitter<'a> {
    lines: &'a [Line],
    /// The length of a full line, to tell a short heading from a wrapped line.
    full_line: usize,
    annex: Option<String>,
    top: Option<u32>,
    minor: Option<u32>,
    letter: Option<char>,
    roman: Option<u32>,
    /// Preambular paragraphs found so far.
    preamble: u32,
    /// Whether the open paragraph may still take text.
    open: bool,
    out: Vec<SplitParagraph>,
}

impl<'a> Splitter<'a> {
    fn new(lines: &'a [Line]) -> Splitter<'a> {
        let mut lengths: Vec<usize> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Text(t) => Some(t.chars().count()),
                _ => None,
            })
            .collect();
        lengths.sort_unstable();
        let full_line = lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(80);
        Splitter { lines, full_line, annex: None, top: None, minor: None, letter: None, roman: None, preamble: 0, open: false, out: Vec::new() }
    }

    fn run(mut self) -> Split {
        let mut after_blank = false;
        for line in self.lines {
            match line {
                Line::Blank => {
                    after_blank = true;
                    continue;
                }
                Line::Heading(text) => {
                    self.heading(text);
                }
                Line::Text(text) => self.text(text, after_blank),
            }
            after_blank = false;
        }
        for p in &mut self.out {
            p.text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        self.keep_preambular();
        mend_hyphens(&mut self.out);
        Split { paragraphs: self.out }
    }

    fn heading(&mut self, text: &str) {
        self.open = false;
        if let Some(name) = annex_heading(text) {
            self.annex = Some(name);
            self.top = None;
            self.minor = None;
            self.letter = None;
            self.roman = None;
        }
    }

    fn text(&mut self, line: &str, after_blank: bool) {
        if annex_heading(line).is_some() || chapter_heading(line) {
            return self.heading(line);
        }
        if let Some((n, rest)) = numbered(line)
            && self.top.is_none_or(|top| n == top + 1) {
                self.top = Some(n);
                self.minor = None;
                self.letter = None;
                self.roman = None;
                return self.start(n.to_string(), rest);
            }
        if let (Some((major, minor, rest)), Some(top)) = (sub_numbered(line), self.top)
            && major == top && minor == self.minor.map_or(1, |m| m + 1) {
                self.minor = Some(minor);
                return self.start(format!("{top}.{minor}"), rest);
            }
        if let (Some((mark, rest)), Some(top)) = (lettered(line), self.top) {
            let next_letter = self.letter.map_or('a', |l| (l as u8 + 1) as char);
            let next_roman = self.roman.map_or(1, |r| r + 1);
            // "(i)" after "(h)" is a letter; "(i)" under "(a)" is the first of its romans.
            if mark.len() == 1 && mark.starts_with(next_letter) {
                self.letter = Some(next_letter);
                self.roman = None;
                return self.start(format!("{top}({next_letter})"), rest);
            }
            if let Some(letter) = self.letter.filter(|_| roman_value(mark) == Some(next_roman)) {
                self.roman = Some(next_roman);
                return self.start(format!("{top}({letter})({mark})"), rest);
            }
        }
        if self.top.is_none() && self.annex.is_none() {
            if enacting(line) {
                // What came before was the title block, not the preamble.
                self.out.clear();
                self.preamble = 0;
                self.open = false;
                return;
            }
            let previous_ended = !self.open || self.out.last().is_some_and(|p| p.text.trim_end().ends_with([',', ';']));
            if previous_ended && preambular(line) {
                self.preamble += 1;
                return self.start(super::preamble_label(&self.preamble.to_string()), line);
            }
        }
        if !self.open {
            return;
        }
        let last = self.out.last_mut().expect("an open paragraph");
        let ended = last.text.trim_end().ends_with(['.', ';', ':']);
        let starts_upper = line.chars().next().is_some_and(|c| !c.is_lowercase());
        let short = line.chars().count() * 4 < self.full_line * 3;
        let looks_like_heading = ended && starts_upper && (after_blank || (short && !line.ends_with(['.', ';', ':', ','])));
        if looks_like_heading {
            self.open = false;
            return;
        }
        join_line(&mut last.text, line);
    }

    /// Keeps the preambular paragraphs that end as one does (with a comma or semicolon; a
    /// title such as "Advancing responsible State behaviour" does not), numbered afresh.
    fn keep_preambular(&mut self) {
        let preamble = super::preamble_label("");
        let mut n = 0;
        self.out.retain_mut(|p| {
            if !p.label.starts_with(&preamble) {
                return true;
            }
            if !p.text.ends_with([',', ';']) {
                return false;
            }
            n += 1;
            p.label = super::preamble_label(&n.to_string());
            true
        });
    }

    fn start(&mut self, label: String, text: &str) {
        let label = super::label_in(self.annex.as_deref(), &label);
        self.out.push(SplitParagraph { label, text: text.trim().to_string() });
        self.open = true;
    }
}

/// Stands for a hyphen at a line's end until [`mend_hyphens`] decides whether to keep it.
const BREAK_HYPHEN: char = '\u{e000}';

/// Joins a wrapped line to the text before it; a hyphen at the break is marked for
/// [`mend_hyphens`].
fn join_line(text: &mut String, line: &str) {
    let hyphenated = text.ends_with('-') && text[..text.len() - 1].chars().last().is_some_and(char::is_alphabetic);
    if hyphenated && line.chars().next().is_some_and(char::is_lowercase) {
        text.pop();
        text.push(BREAK_HYPHEN);
    } else if !text.is_empty() && !hyphenated {
        text.push(' ');
    }
    text.push_str(line);
}

/// A word hyphenated at a line's end keeps its hyphen when the document writes it with one
/// elsewhere ("capacity-building", "non-binding", common in UN texts), and loses it
/// otherwise ("cooper-ation").
fn mend_hyphens(paragraphs: &mut [SplitParagraph]) {
    use std::collections::HashSet;
    let word_chars = |c: char| c.is_alphanumeric() || c == '-';
    let hyphenated: HashSet<String> = paragraphs
        .iter()
        .flat_map(|p| p.text.split(|c: char| !word_chars(c)))
        .filter(|w| w.contains('-'))
        .map(str::to_lowercase)
        .collect();
    for p in paragraphs.iter_mut().filter(|p| p.text.contains(BREAK_HYPHEN)) {
        let mut mended = String::with_capacity(p.text.len());
        for (i, piece) in p.text.split(BREAK_HYPHEN).enumerate() {
            if i > 0 {
                let before: String = mended.chars().rev().take_while(|&c| word_chars(c)).collect::<Vec<_>>().into_iter().rev().collect();
                let after: String = piece.chars().take_while(|&c| word_chars(c)).collect();
                if hyphenated.contains(&format!("{before}-{after}").to_lowercase()) {
                    mended.push('-');
                }
            }
            mended.push_str(piece);
        }
        p.text = mended;
    }
}

/// The line that enacts a resolution: "The General Assembly,", "The Security Council,".
fn enacting(line: &str) -> bool {
    line.starts_with("The ") && line.ends_with(',') && line.split_whitespace().count() <= 6
}

/// Whether a line opens a preambular paragraph: a participle or adjective, after any adverb
/// ("Recalling", "Noting with concern", "Deeply concerned", "Mindful", "Further
/// recalling", "Bearing in mind", "Having considered"). Whether it ends as one is checked
/// once it is whole.
fn preambular(line: &str) -> bool {
    const ADVERBS: &[&str] = &["further", "also", "deeply", "gravely", "seriously", "strongly", "firmly", "fully", "equally"];
    const ADJECTIVES: &[&str] = &["mindful", "aware", "conscious", "cognizant", "desirous", "appreciative", "confident", "fearful", "keen"];
    let mut words = line.split_whitespace().map(|w| w.trim_end_matches([',', ';']));
    let Some(first) = words.next() else { return false };
    if !first.starts_with(|c: char| c.is_uppercase()) || !first.chars().all(char::is_alphabetic) {
        return false;
    }
    let lower = first.to_lowercase();
    let word = if ADVERBS.contains(&lower.as_str()) {
        words.next().map(str::to_lowercase).unwrap_or_default()
    } else {
        lower
    };
    // "United Nations" heads the cover, not a preamble.
    let participle = word.len() > 5 && (word.ends_with("ing") || word.ends_with("ed")) && word != "united";
    participle || ADJECTIVES.contains(&word.as_str())
}

/// "Annex", "Annex I", "ANNEX II" → "", "I", "II".
fn annex_heading(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("annex") {
        return None;
    }
    match (words.next(), words.next()) {
        (None, _) => Some(String::new()),
        (Some(name), None) if name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) => Some(name.to_string()),
        _ => None,
    }
}

/// "IV. International law" or "B. Norms": a chapter or part heading.
fn chapter_heading(line: &str) -> bool {
    let Some((mark, rest)) = line.split_once(". ") else { return false };
    let roman = !mark.is_empty() && mark.chars().all(|c| "IVXLC".contains(c));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    (roman || letter) && rest.trim_start().chars().next().is_some_and(char::is_uppercase)
}

/// "13. Text" → (13, "Text").
fn numbered(line: &str) -> Option<(u32, &str)> {
    let (number, rest) = line.split_once('.')?;
    if number.is_empty() || number.len() > 3 || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let text = rest.strip_prefix([' ', '\t'])?;
    Some((number.parse().ok()?, text))
}

/// "1.3 Text" or "1.3. Text" → (1, 3, "Text").
fn sub_numbered(line: &str) -> Option<(u32, u32, &str)> {
    let (head, rest) = line.split_once([' ', '\t'])?;
    let head = head.strip_suffix('.').unwrap_or(head);
    let (major, minor) = head.split_once('.')?;
    let number = |s: &str| (!s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten();
    Some((number(major)?, number(minor)?, rest))
}

/// "(a) Text" → ("a", "Text").
fn lettered(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('(')?;
    let (mark, rest) = inner.split_once(')')?;
    if mark.is_empty() || mark.len() > 5 || !mark.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    Some((mark, rest.strip_prefix([' ', '\t'])?))
}

fn roman_value(mark: &str) -> Option<u32> {
    const ROMANS: [&str; 20] =
        ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"];
    ROMANS.iter().position(|r| *r == mark).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_and_texts(text: &str) -> Vec<(String, String)> {
        split_text(text, "A/99/1").paragraphs.into_iter().map(|p| (p.label, p.text)).collect()
    }

    fn check(text: &str, expected: &[(&str, &str)]) {
        let expected: Vec<(String, String)> = expected.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect();
        assert_eq!(labels_and_texts(text), expected);
    }

    #[test]
    fn numbered_and_lettered_paragraphs_get_their_labels() {
        check(
            "Cover text\nI. Introduction\n1. First para\ncontinues here.\n2. The chapeau:\n(a) one;\n(b) two; and\n(c) three.\n3. Last.\n",
            &[("1", "First para continues here."), ("2", "The chapeau:"), ("2(a)", "one;"), ("2(b)", "two; and"), ("2(c)", "three."), ("3", "Last.")],
        );
    }

    #[test]
    fn lines_that_only_look_numbered_stay_in_their_sentence() {
        check("1. It fell from 3\n5. per cent to\n(c) nothing.\n2. Next.\n", &[("1", "It fell from 3 5. per cent to (c) nothing."), ("2", "Next.")]);
    }

    #[test]
    fn romans_under_letters_and_the_letter_i_after_h() {
        let text = "1. Norms:\n(a) a;\n(b) b:\n(i) one;\n(ii) two;\n(c) c;\n(d) d;\n(e) e;\n(f) f;\n(g) g;\n(h) h;\n(i) i;\n(j) j.\n";
        let labels: Vec<String> = labels_and_texts(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)", "1(i)", "1(j)"]);
    }

    #[test]
    fn decimal_items_of_a_resolution() {
        check("1. Welcomes the norms:\n1.1 First;\n1.2 Second.\n2. Decides.\n", &[("1", "Welcomes the norms:"), ("1.1", "First;"), ("1.2", "Second."), ("2", "Decides.")]);
    }

    #[test]
    fn annexes_number_on_their_own() {
        check(
            "1. Body.\nAnnex I\nElements\n1. First.\n(a) sub.\nAnnex II\n1. Other.\n",
            &[("1", "Body."), ("annex I, 1", "First."), ("annex I, 1(a)", "sub."), ("annex II, 1", "Other.")],
        );
        check("1. Body.\n\nAnnex\n\n1. Sole.\n", &[("1", "Body."), ("annex, 1", "Sole.")]);
    }

    #[test]
    fn page_furniture_is_dropped_and_paragraphs_run_over_pages() {
        let text = "A/99/1\n1. Opening of a long\n44-12345\n1/2\n\u{c}A/99/1\nparagraph that runs on.\n2. Next.\nPage 2\n44-12345\n2/2\n";
        check(text, &[("1", "Opening of a long paragraph that runs on."), ("2", "Next.")]);
    }

    #[test]
    fn running_headers_seen_on_most_pages_are_dropped() {
        let page = |n: u32, words: &str| format!("Report of the Group\n{n}. Paragraph {words} is here.\nDraft of 3 May\n");
        let text = [page(1, "one"), page(2, "two"), page(3, "three")].join("\u{c}");
        check(&text, &[("1", "Paragraph one is here."), ("2", "Paragraph two is here."), ("3", "Paragraph three is here.")]);
    }

    #[test]
    fn hyphenated_words_at_line_ends_are_joined() {
        check(
            "1. Confidence-\nbuilding and cooper-\nation are non-\nbinding, State-\nOwned.\n2. Confidence-building again.\n",
            &[("1", "Confidence-building and cooperation are nonbinding, State-Owned."), ("2", "Confidence-building again.")],
        );
    }

    #[test]
    fn headings_end_a_paragraph() {
        check(
            "1. A paragraph that is long enough to be a full line of text in this file.\nRecommendations\n2. Next one that is also long enough to fill the line of text.\n\nUnnumbered closing text.\n",
            &[("1", "A paragraph that is long enough to be a full line of text in this file."), ("2", "Next one that is also long enough to fill the line of text.")],
        );
        check("# Title\n\n1. One.\n\n## Part\n\n2. Two\n\nstill two.\n", &[("1", "One."), ("2", "Two still two.")]);
    }

    #[test]
    fn a_resolutions_preambular_paragraphs_are_labelled_after_the_enacting_line() {
        check(
            "United Nations A/RES/99/1\nAdvancing responsible State behaviour in the\nuse of undersea cables,\nThe General Assembly,\nRecalling its resolution 97/41 of\n5 December 2042,\nDeeply concerned by incidents;\n\nBearing in mind that cables\ncross jurisdictions,\nUnderlining the role of owners,\n1. Welcomes the report;\n2. Decides to remain seized of the matter.\n",
            &[
                ("preamble, 1", "Recalling its resolution 97/41 of 5 December 2042,"),
                ("preamble, 2", "Deeply concerned by incidents;"),
                ("preamble, 3", "Bearing in mind that cables cross jurisdictions,"),
                ("preamble, 4", "Underlining the role of owners,"),
                ("1", "Welcomes the report;"),
                ("2", "Decides to remain seized of the matter."),
            ],
        );
    }

    #[test]
    fn front_matter_that_does_not_end_as_a_preamble_is_left_out() {
        check(
            "United Nations\nHaving been appointed by the Secretary-General, the Chair\ntransmits the report.\nContents\nIntroduction 3\nI. Introduction\n1. One.\n",
            &[("1", "One.")],
        );
    }

    #[test]
    fn a_relabel_fixes_the_split_and_duplicates_are_refused() {
        let mut split = split_text("1. One.\n2. Two.\n", "A/99/1");
        split.relabel("2", "1").unwrap();
        assert!(matches!(split.validate(), Err(LibraryError::DuplicateLabel(l)) if l == "1"));
        assert!(split.relabel("9", "10").is_err());
        assert_eq!(split.preview()[0], PreviewLine { label: "1".into(), start: "One.".into() });
    }
}
