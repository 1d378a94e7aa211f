//! The agreed-language check: every reference in a paper is resolved against the library,
//! and every quotation followed by a reference is compared with the text it cites.
//!
//! A quotation is text in quotes (“…” or "…") right before a citation bracket, or a
//! blockquote that ends with one or is followed by one. It is compared after whitespace,
//! quote marks and dashes are made uniform. It is verified when it is the cited text or a
//! contiguous part of it (drafters quote parts; an ellipsis "…" may leave words out);
//! otherwise it is a deviation, shown word by word against the stretch of the agreed text
//! it matches best.
//!
//! The check does no I/O: the store hands it the sections and a way to look up documents.

use std::ops::Range;

use serde::Serialize;

use super::{Paragraph, Symbol, label_in, preamble_label};
use crate::diff::{self, Change};
use crate::reference::{self, Reference};

/// Where in a paper a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub section_id: i64,
    /// The section's heading, "(opening text)" for text before the first heading.
    pub section: String,
    /// Line and column (from 1, in characters) of the citation bracket in the section's text.
    pub line: usize,
    pub column: usize,
    /// Byte range of the citation bracket in the section's text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "code")]
pub enum UnresolvedReason {
    InvalidSymbol,
    UnknownSymbol,
    UnknownParagraph { label: String },
    ReversedRange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    #[serde(flatten)]
    pub at: Place,
    /// The reference as written: "@A/70/174, para. 99".
    pub reference: String,
    pub reason: UnresolvedReason,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    #[serde(flatten)]
    pub at: Place,
    pub reference: String,
    pub quotation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deviation {
    #[serde(flatten)]
    pub at: Place,
    pub reference: String,
    pub quotation: String,
    /// The stretch of the agreed text the quotation matches best.
    pub agreed: String,
    /// From the agreed text to the quotation: deleted words are agreed words left out.
    pub changes: Vec<Change>,
    /// The changes as `[-agreed-]{+quoted+}`.
    pub inline: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub unresolved: Vec<Unresolved>,
    pub deviations: Vec<Deviation>,
    pub verified: Vec<Verified>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.unresolved.is_empty() && self.deviations.is_empty()
    }
}

/// A section's text, as the check sees it.
pub struct SectionText<'a> {
    pub id: i64,
    pub heading: Option<&'a str>,
    pub body: &'a str,
}

/// Checks sections against the library; `lookup` gives a document's paragraphs in order,
/// or None when the library has no such document.
pub fn check<'a>(sections: impl IntoIterator<Item = SectionText<'a>>, mut lookup: impl FnMut(&Symbol) -> Option<Vec<Paragraph>>) -> CheckReport {
    let mut report = CheckReport::default();
    for section in sections {
        for citation in reference::citations(section.body) {
            let at = place(&section, citation.span.clone());
            let quotation = quotation_before(section.body, citation.span.start);
            for r in &citation.references {
                let unresolved = |reason: UnresolvedReason, message: String| Unresolved { at: at.clone(), reference: r.written.clone(), reason, message };
                let symbol = match Symbol::parse(&r.symbol) {
                    Ok(symbol) => symbol,
                    Err(e) => {
                        report.unresolved.push(unresolved(UnresolvedReason::InvalidSymbol, e.to_string()));
                        continue;
                    }
                };
                let Some(paragraphs) = lookup(&symbol) else {
                    let message = format!("{symbol} is not in the library; import it with `chancery library import`");
                    report.unresolved.push(unresolved(UnresolvedReason::UnknownSymbol, message));
                    continue;
                };
                let cited = match cited_paragraphs(r, &paragraphs) {
                    Ok(cited) => cited,
                    Err((reason, message)) => {
                        report.unresolved.push(unresolved(reason, format!("{symbol} {message}")));
                        continue;
                    }
                };
                // Several references in one bracket after a quotation: the quotation is
                // checked against the first, the one it stands for.
                if let (Some(quote), true) = (&quotation, std::ptr::eq(r, &citation.references[0])) {
                    let candidates: Vec<String> = match cited {
                        Some(texts) => vec![texts.join(" ")],
                        None => paragraphs.iter().map(|p| p.text.clone()).collect(),
                    };
                    match compare(quote, &candidates) {
                        None => report.verified.push(Verified { at: at.clone(), reference: r.written.clone(), quotation: quote.clone() }),
                        Some((agreed, changes)) => report.deviations.push(Deviation {
                            at: at.clone(),
                            reference: r.written.clone(),
                            quotation: quote.clone(),
                            inline: diff::inline(&changes),
                            agreed,
                            changes,
                        }),
                    }
                }
            }
        }
    }
    report
}

fn place(section: &SectionText<'_>, span: Range<usize>) -> Place {
    let before = &section.body[..span.start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Place { section_id: section.id, section: section.heading.unwrap_or("(opening text)").to_string(), line, column, span }
}

/// The texts a reference cites, in order (None when it names no paragraph), or why not.
fn cited_paragraphs(r: &Reference, paragraphs: &[Paragraph]) -> Result<Option<Vec<String>>, (UnresolvedReason, String)> {
    if r.paragraphs.is_empty() {
        return Ok(None);
    }
    let find = |label: &str| -> Result<usize, (UnresolvedReason, String)> {
        let full = if r.preamble { preamble_label(label) } else { label_in(r.annex.as_deref(), label) };
        let wanted = compact_label(&full);
        paragraphs
            .iter()
            .position(|p| compact_label(&p.label) == wanted)
            .ok_or_else(|| (UnresolvedReason::UnknownParagraph { label: full.clone() }, format!("has no paragraph {full}")))
    };
    if r.range {
        let (first, last) = (find(&r.paragraphs[0])?, find(&r.paragraphs[1])?);
        if first > last {
            return Err((UnresolvedReason::ReversedRange, format!("has paragraph {} after {}", r.paragraphs[0], r.paragraphs[1])));
        }
        return Ok(Some(paragraphs[first..=last].iter().map(|p| p.text.clone()).collect()));
    }
    let mut texts = Vec::new();
    for label in &r.paragraphs {
        texts.push(paragraphs[find(label)?].text.clone());
    }
    Ok(Some(texts))
}

/// "13 (a)" and "13(a)" are the same label; "Annex I, 3" and "annex I, 3" too.
fn compact_label(label: &str) -> String {
    label.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

/// The quotation right before a citation bracket at `at`, if there is one.
fn quotation_before(body: &str, at: usize) -> Option<String> {
    let before = &body[..at];
    let trimmed = before.trim_end_matches([' ', '\t']);
    let trimmed = trimmed.strip_suffix('\n').map_or(trimmed, |t| t.trim_end_matches([' ', '\t']));
    for (open, close) in [('“', '”'), ('"', '"'), ('«', '»')] {
        if let Some(inside) = trimmed.strip_suffix(close) {
            let start = inside.rfind(open)?;
            let quote = &inside[start + open.len_utf8()..];
            if quote.contains("\n\n") || quote.trim().is_empty() {
                return None;
            }
            return Some(unwrap_blockquote(quote));
        }
    }
    blockquote_before(before)
}

/// A blockquote that ends where the citation starts (on its last line, or on the line after).
fn blockquote_before(before: &str) -> Option<String> {
    let mut lines: Vec<&str> = before.split('\n').collect();
    let last = lines.pop()?;
    let mut quoted: Vec<String> = Vec::new();
    let last_trimmed = last.trim_start();
    if let Some(text) = last_trimmed.strip_prefix('>') {
        quoted.push(text.trim().to_string());
    } else if !last.trim().is_empty() {
        return None;
    }
    while let Some(line) = lines.pop() {
        match line.trim_start().strip_prefix('>') {
            Some(text) => quoted.push(text.trim().to_string()),
            None => break,
        }
    }
    quoted.reverse();
    let text = quoted.join(" ").trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn unwrap_blockquote(quote: &str) -> String {
    quote.split('\n').map(|l| l.trim_start().strip_prefix('>').unwrap_or(l).trim()).collect::<Vec<_>>().join(" ")
}

/// Whitespace, quote marks, dashes and ellipses made uniform; markdown emphasis removed.
pub fn normalise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .filter(|c| *c != '*' && *c != '\u{ad}')
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    mapped.replace('…', "...").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// None when the quotation is (a contiguous part of) one of the candidates; otherwise the
/// best-matching stretch and the changes from it to the quotation.
fn compare(quotation: &str, candidates: &[String]) -> Option<(String, Vec<Change>)> {
    let quote = normalise(quotation);
    let agreed: Vec<String> = candidates.iter().map(|c| normalise(c)).collect();
    let without_end = quote.trim_end_matches(['.', ',', ';', ':']).trim_end();
    if agreed.iter().any(|a| contains_in_order(a, &quote) || contains_in_order(a, without_end)) {
        return None;
    }
    let (stretch, _) = agreed.iter().map(|a| best_stretch(a, &quote)).max_by_key(|(_, score)| *score)?;
    Some((stretch.clone(), diff::word_diff(&stretch, &quote)))
}

/// Whether `quote` is in `text`, its pieces around an ellipsis ("...", "[...]") in order.
fn contains_in_order(text: &str, quote: &str) -> bool {
    let quote = quote.replace("[...]", "...");
    let pieces: Vec<&str> = quote.split("...").map(str::trim).filter(|p| !p.is_empty()).collect();
    if pieces.is_empty() {
        return false;
    }
    let mut from = 0;
    for piece in pieces {
        match text[from..].find(piece) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    true
}

/// The stretch of `text` the quotation matches best, and how many words they share.
fn best_stretch(text: &str, quote: &str) -> (String, usize) {
    let spans: Vec<(usize, &str)> = word_spans(text);
    // Words are compared without their punctuation: "harmful" matches "harmful.".
    let key = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let words: Vec<(usize, String)> = spans.iter().map(|(at, w)| (*at, key(w))).collect();
    let quoted: Vec<String> = quote.split_whitespace().map(key).collect();
    if words.is_empty() {
        return (String::new(), 0);
    }
    let n = quoted.len().clamp(1, words.len());
    // The window of the quotation's length that shares most words with it…
    let shared = |window: &[(usize, String)]| {
        let mut pool: Vec<&String> = quoted.iter().collect();
        window.iter().filter(|(_, w)| pool.iter().position(|q| *q == w).map(|i| pool.swap_remove(i)).is_some()).count()
    };
    let start = (0..=words.len() - n).max_by_key(|&s| (shared(&words[s..s + n]), std::cmp::Reverse(s))).unwrap_or(0);
    // …then, around it, from the first to the last word the diff keeps.
    let from = start.saturating_sub(n);
    let to = (start + 2 * n).min(words.len());
    let region: Vec<&String> = words[from..to].iter().map(|(_, w)| w).collect();
    let quoted: Vec<&String> = quoted.iter().collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Patience, &region, &quoted);
    let kept: Vec<usize> = ops
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { old_index, len, .. } => Some(*old_index..*old_index + *len),
            _ => None,
        })
        .flatten()
        .collect();
    let (first, last) = match (kept.first(), kept.last()) {
        (Some(&f), Some(&l)) => (from + f, from + l),
        _ => (start, start + n - 1),
    };
    let end = spans[last].0 + spans[last].1.len();
    let mut stretch = &text[spans[first].0..end];
    // The agreed sentence's full stop is no drift when the quotation stops before it.
    if !quote.ends_with(|c: char| c.is_ascii_punctuation()) {
        stretch = stretch.trim_end_matches(['.', ',', ';', ':']);
    }
    (stretch.to_string(), kept.len())
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGREED: &str = "States should cooperate in developing and applying measures to increase stability and security in the use of ICTs and to prevent ICT practices that are acknowledged to be harmful.";

    fn verdict(quote: &str) -> String {
        match compare(quote, &[AGREED.to_string()]) {
            None => "verified".into(),
            Some((agreed, changes)) => format!("{agreed} => {}", diff::inline(&changes)),
        }
    }

    #[test]
    fn exact_and_partial_quotations_are_verified() {
        assert_eq!(verdict(AGREED), "verified");
        assert_eq!(verdict("cooperate in developing   and applying measures"), "verified");
        assert_eq!(verdict("increase stability and security in the use of ICTs."), "verified");
        assert_eq!(verdict("States should cooperate … to prevent ICT practices"), "verified");
        assert_eq!(verdict("ICT practices that are acknowledged to be harmful"), "verified");
    }

    #[test]
    fn drift_is_shown_against_the_best_stretch() {
        assert_eq!(
            verdict("States must cooperate in developing and applying measures"),
            "States should cooperate in developing and applying measures => States [-should-]{+must+} cooperate in developing and applying measures"
        );
        assert_eq!(
            verdict("prevent ICT practices that are harmful"),
            "prevent ICT practices that are acknowledged to be harmful => prevent ICT practices that are [-acknowledged to be -]harmful"
        );
    }

    #[test]
    fn quote_marks_and_dashes_do_not_count_as_drift() {
        assert_eq!(normalise("“non‑binding”  — ‘norms’…"), "\"non-binding\" - 'norms'...");
    }

    #[test]
    fn quotations_are_found_before_brackets() {
        let at = |body: &str| quotation_before(body, body.find("[@").unwrap());
        assert_eq!(at("We recall that “States should cooperate” [@A/70/174, para. 13(a)]."), Some("States should cooperate".into()));
        assert_eq!(at("We recall \"States should\ncooperate\"[@A/70/174]"), Some("States should cooperate".into()));
        assert_eq!(at("> States should\n> cooperate.\n[@A/70/174, para. 13(a)]"), Some("States should cooperate.".into()));
        assert_eq!(at("> States should cooperate. [@A/70/174, para. 13(a)]"), Some("States should cooperate.".into()));
        assert_eq!(at("No quotation here [@A/70/174]"), None);
    }
}
