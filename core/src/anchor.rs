//! Anchors: where a note points in a text that keeps changing. An anchor keeps the quoted
//! words, a little context on each side and the position; after an edit it is found again
//! by the exact words, then by its context, then by a close match. When none of these
//! finds it, the words were deleted and the note is an orphan, shown as such.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use similar::TextDiff;

/// How much context is kept on each side of the quote, in bytes (rounded to characters).
const CONTEXT: usize = 32;
/// How alike a stretch of text must be to the quote to count as the quote, reworded.
const FUZZY_MIN: f32 = 0.6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    /// Byte offsets of the quote in the text when it was last found.
    pub start: usize,
    pub end: usize,
}

impl Anchor {
    /// The anchor of `range` in `text`.
    pub fn at(text: &str, range: Range<usize>) -> Anchor {
        let before = floor_char(text, range.start.saturating_sub(CONTEXT));
        let after = ceil_char(text, (range.end + CONTEXT).min(text.len()));
        Anchor {
            quote: text[range.clone()].to_string(),
            prefix: text[before..range.start].to_string(),
            suffix: text[range.end..after].to_string(),
            start: range.start,
            end: range.end,
        }
    }

    /// Finds the quote in `text` after edits; None when it is gone.
    pub fn locate(&self, text: &str) -> Option<Range<usize>> {
        if self.quote.is_empty() {
            return None;
        }
        self.by_words(text).or_else(|| self.by_context(text)).or_else(|| self.by_likeness(text))
    }

    /// Every place the exact words stand; the one whose context fits best, then the nearest.
    fn by_words(&self, text: &str) -> Option<Range<usize>> {
        text.match_indices(self.quote.as_str())
            .map(|(at, q)| at..at + q.len())
            .max_by_key(|r| {
                let fits = usize::from(text[..r.start].ends_with(&self.prefix)) + usize::from(text[r.end..].starts_with(&self.suffix));
                (fits, std::cmp::Reverse(r.start.abs_diff(self.start)))
            })
    }

    /// The words were changed inside, but the words around them stand: what lies between
    /// is the quote now, if it still resembles it.
    fn by_context(&self, text: &str) -> Option<Range<usize>> {
        if self.prefix.is_empty() && self.suffix.is_empty() {
            return None;
        }
        let start = if self.prefix.is_empty() { 0 } else { text.find(self.prefix.as_str())? + self.prefix.len() };
        let end = if self.suffix.is_empty() { text.len() } else { start + text[start..].find(self.suffix.as_str())? };
        let between = &text[start..end];
        // Words added inside do not make it less the quote; words taken out do.
        let plausible = between.len() <= 4 * self.quote.len() + 200 && kept(&self.quote, between) >= FUZZY_MIN;
        plausible.then_some(start..end)
    }

    /// The closest stretch of about the quote's length, word boundary to word boundary.
    fn by_likeness(&self, text: &str) -> Option<Range<usize>> {
        let bounds: Vec<usize> = word_starts(text);
        let words = self.quote.split_whitespace().count().max(1);
        let mut best: Option<(f32, Range<usize>)> = None;
        for (i, &start) in bounds.iter().enumerate() {
            for len in words.saturating_sub(2).max(1)..=words + 2 {
                let end = bounds.get(i + len).map_or(text.len(), |&e| e);
                let candidate = text[start..end].trim_end().trim_end_matches(|c: char| c.is_ascii_punctuation() && !self.quote.ends_with(c));
                let range = start..start + candidate.len();
                let alike = similarity(&self.quote, candidate);
                // Alike, and holding as much of the quote as it can: a shorter stretch that
                // drops a changed word would otherwise win.
                let score = alike * kept(&self.quote, candidate);
                if alike >= FUZZY_MIN && best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, range));
                }
                if end == text.len() {
                    break;
                }
            }
        }
        best.map(|(_, range)| range)
    }
}

fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_chars(a, b).ratio()
}

/// The share of `quote`'s characters that are still in `text`, in order.
fn kept(quote: &str, text: &str) -> f32 {
    let diff = TextDiff::from_chars(quote, text);
    let kept: usize = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Equal)
        .map(|c| c.value().chars().count())
        .sum();
    kept as f32 / quote.chars().count().max(1) as f32
}

fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut in_space = true;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            starts.push(at);
            in_space = false;
        }
    }
    starts
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "3. Ruritania considers that an ICT operation which causes serious effects on the territory of another State may violate its sovereignty. Such operations are rare.";

    fn anchor(quote: &str) -> Anchor {
        let at = TEXT.find(quote).unwrap();
        Anchor::at(TEXT, at..at + quote.len())
    }

    fn found(anchor: &Anchor, text: &str) -> Option<String> {
        anchor.locate(text).map(|r| text[r].to_string())
    }

    #[test]
    fn the_quote_is_found_through_realistic_edits() {
        let a = anchor("may violate its sovereignty");
        // Insertion before the quote.
        let text = TEXT.replace("3. Ruritania", "3. After careful review, Ruritania");
        assert_eq!(found(&a, &text).as_deref(), Some("may violate its sovereignty"));
        // Insertion after it.
        let text = TEXT.replace("Such operations are rare.", "Such operations are rare. Ruritania has seen two.");
        assert_eq!(found(&a, &text).as_deref(), Some("may violate its sovereignty"));
        // Insertion inside it: the context still brackets it.
        let text = TEXT.replace("may violate its sovereignty", "may, depending on its scale and effects, violate its sovereignty");
        assert_eq!(found(&a, &text).as_deref(), Some("may, depending on its scale and effects, violate its sovereignty"));
        // The context reworded on both sides, the quote kept.
        let text = "3. In Ruritania's view an operation with serious effects elsewhere may violate its sovereignty; this is exceptional.";
        assert_eq!(found(&a, text).as_deref(), Some("may violate its sovereignty"));
        // Context and quote both touched: a close match.
        let text = "3. In Ruritania's view an operation with serious effects elsewhere might violate its sovereignty; this is exceptional.";
        assert_eq!(found(&a, text).as_deref(), Some("might violate its sovereignty"));
    }

    #[test]
    fn a_deleted_quote_is_an_orphan() {
        let a = anchor("which causes serious effects on the territory of another State");
        let text = TEXT.replace("which causes serious effects on the territory of another State ", "");
        assert_eq!(found(&a, &text), None);
        assert_eq!(found(&a, ""), None);
    }

    #[test]
    fn of_two_equal_quotes_the_one_in_its_context_is_taken() {
        let text = "Sovereignty applies. Due diligence applies. Sovereignty applies.";
        let second = text.rfind("Sovereignty applies").unwrap();
        let a = Anchor::at(text, second..second + "Sovereignty applies".len());
        let edited = format!("Preamble. {text}");
        let range = a.locate(&edited).unwrap();
        assert_eq!(range.start, edited.rfind("Sovereignty applies").unwrap());
    }

    #[test]
    fn context_is_cut_at_character_boundaries() {
        let text = "Государства должны уважать суверенитет других государств в сфере ИКТ.";
        let at = text.find("суверенитет").unwrap();
        let a = Anchor::at(text, at..at + "суверенитет".len());
        assert_eq!(found(&a, text).as_deref(), Some("суверенитет"));
    }
}
