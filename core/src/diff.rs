//! Word-level comparison of two texts, as drafters know it from track changes.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What happened to a run of text between the old and the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Equal,
    Insert,
    Delete,
}

/// A run of text that was kept, inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub text: String,
}

/// The changes that turn `old` into `new`, word by word. Whitespace and punctuation are
/// tokens of their own, so a changed comma is one small change, and neighbouring runs of
/// the same kind are merged. A replaced phrase reads as one deletion then one insertion
/// ("[-must cooperate-]{+should work together+}"), as in a compilation document, not as
/// word pairs interleaved around the spaces they share.
pub fn word_diff(old: &str, new: &str) -> Vec<Change> {
    tidy(raw_diff(old, new))
}

fn raw_diff(old: &str, new: &str) -> Vec<Change> {
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_unicode_words(old, new);
    let mut changes: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => ChangeKind::Equal,
            ChangeTag::Insert => ChangeKind::Insert,
            ChangeTag::Delete => ChangeKind::Delete,
        };
        match changes.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => changes.push(Change { kind, text: change.value().to_string() }),
        }
    }
    changes
}

/// Joins changes separated only by whitespace into one block, deletions first.
fn tidy(changes: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let flush = |out: &mut Vec<Change>, deleted: &mut String, inserted: &mut String| {
        if !deleted.is_empty() {
            out.push(Change { kind: ChangeKind::Delete, text: std::mem::take(deleted) });
        }
        if !inserted.is_empty() {
            out.push(Change { kind: ChangeKind::Insert, text: std::mem::take(inserted) });
        }
    };
    for (i, change) in changes.iter().enumerate() {
        match change.kind {
            ChangeKind::Delete => deleted.push_str(&change.text),
            ChangeKind::Insert => inserted.push_str(&change.text),
            ChangeKind::Equal => {
                let in_block = !(deleted.is_empty() && inserted.is_empty());
                let block_goes_on = changes.get(i + 1).is_some_and(|next| next.kind != ChangeKind::Equal);
                // A space between two changed words belongs to the change; a line break does not.
                if in_block && block_goes_on && !change.text.contains('\n') && change.text.trim().is_empty() {
                    deleted.push_str(&change.text);
                    inserted.push_str(&change.text);
                } else {
                    flush(&mut out, &mut deleted, &mut inserted);
                    match out.last_mut() {
                        Some(last) if last.kind == ChangeKind::Equal => last.text.push_str(&change.text),
                        _ => out.push(change.clone()),
                    }
                }
            }
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

/// The changes as markdown for print, as UN compilation documents show a proposal:
/// deletions as `~~struck~~`, insertions as `<ins>underlined</ins>`. Markdown's own
/// characters in the text are escaped. A struck run may not begin or end with punctuation
/// that touches a word (markdown would not read `agreed~~,~~` as struck), so such a run
/// takes in the word it touches: "as ~~agreed,~~ <ins>agreed</ins> in 2015".
pub fn redline_markdown(changes: &[Change]) -> String {
    let mut out = String::new();
    let mut previous = ChangeKind::Equal;
    for change in widen_punctuation(changes) {
        let (lead, core, trail) = split_space(&change.text);
        let core = escape_markdown(core);
        // Words struck out and the words put in their place read as two runs, as in UN
        // compilations: "~~at once~~ <ins>without delay</ins>", never run together.
        if change.kind == ChangeKind::Insert && previous == ChangeKind::Delete && lead.is_empty() && !out.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        previous = change.kind;
        match change.kind {
            ChangeKind::Equal => out.push_str(&escape_markdown(&change.text)),
            _ if core.is_empty() => out.push_str(&change.text),
            ChangeKind::Delete => out.push_str(&format!("{lead}~~{core}~~{trail}")),
            ChangeKind::Insert => out.push_str(&format!("{lead}<ins>{core}</ins>{trail}")),
        }
    }
    out
}

fn split_space(text: &str) -> (&str, &str, &str) {
    let core = text.trim();
    if core.is_empty() {
        return (text, "", "");
    }
    let start = text.len() - text.trim_start().len();
    let end = start + core.len();
    (&text[..start], core, &text[end..])
}

/// Backslash before the characters markdown would read as markup inside running text.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '`' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Moves the word a struck run's edge punctuation touches into the change (see
/// [`redline_markdown`]).
fn widen_punctuation(changes: &[Change]) -> Vec<Change> {
    let mut runs: Vec<Change> = changes.to_vec();
    let is_word = |c: char| c.is_alphanumeric();
    let is_mark = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let mut i = 0;
    while i < runs.len() {
        if runs[i].kind == ChangeKind::Equal {
            i += 1;
            continue;
        }
        // The block of changes from i to j (exclusive).
        let mut j = i;
        while j < runs.len() && runs[j].kind != ChangeKind::Equal {
            j += 1;
        }
        let deleted = runs[i..j].iter().find(|c| c.kind == ChangeKind::Delete).map(|c| c.text.clone());
        if let Some(deleted) = deleted {
            let starts = deleted.chars().next().is_some_and(is_mark);
            let ends = deleted.chars().last().is_some_and(is_mark);
            let mut before = String::new();
            let mut after = String::new();
            if starts && i > 0 && runs[i - 1].text.chars().last().is_some_and(is_word) {
                let prev = &mut runs[i - 1].text;
                let cut = prev.rfind(|c: char| !is_word(c)).map_or(0, |k| k + prev[k..].chars().next().map_or(1, char::len_utf8));
                before = prev.split_off(cut);
            }
            if ends && j < runs.len() && runs[j].text.chars().next().is_some_and(is_word) {
                let next = &mut runs[j].text;
                let cut = next.find(|c: char| !is_word(c)).unwrap_or(next.len());
                after = next[..cut].to_string();
                next.replace_range(..cut, "");
            }
            if !before.is_empty() || !after.is_empty() {
                let mut inserted = runs[i..j].iter().find(|c| c.kind == ChangeKind::Insert).map(|c| c.text.clone()).unwrap_or_default();
                inserted = format!("{before}{inserted}{after}");
                let widened = [
                    Change { kind: ChangeKind::Delete, text: format!("{before}{deleted}{after}") },
                    Change { kind: ChangeKind::Insert, text: inserted },
                ];
                runs.splice(i..j, widened);
                j = i + 2;
            }
        }
        i = j;
    }
    runs.retain(|c| !c.text.is_empty());
    runs
}

/// The changes written inline as `[-deleted-]{+inserted+}`, the form of `git diff --word-diff`.
pub fn inline(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| match c.kind {
            ChangeKind::Equal => c.text.clone(),
            ChangeKind::Insert => format!("{{+{}+}}", c.text),
            ChangeKind::Delete => format!("[-{}-]", c.text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(old: &str, new: &str, expected: &str) {
        assert_eq!(inline(&word_diff(old, new)), expected, "{old:?} → {new:?}");
    }

    #[test]
    fn words_are_inserted_deleted_and_replaced() {
        check("States should cooperate.", "States should closely cooperate.", "States should {+closely +}cooperate.");
        check("States should closely cooperate.", "States should cooperate.", "States should [-closely -]cooperate.");
        check("States must cooperate.", "States should cooperate.", "States [-must-]{+should+} cooperate.");
        check("as agreed, in 2015", "as agreed in 2015", "as agreed[-,-] in 2015");
        check("same text", "same text", "same text");
    }

    #[test]
    fn replaced_phrases_read_as_one_change() {
        check("States must cooperate closely.", "States should work together closely.", "States [-must cooperate-]{+should work together+} closely.");
        check(
            "States should consider voluntary guidance on security.",
            "States should develop binding rules on security.",
            "States should [-consider voluntary guidance-]{+develop binding rules+} on security.",
        );
    }

    #[test]
    fn punctuation_changes_are_their_own_changes() {
        check("cables, landing stations and repair ships", "cables; landing stations, and repair ships", "cables[-,-]{+;+} landing stations{+,+} and repair ships");
        check("as agreed in 2015.", "as agreed in 2015;", "as agreed in 2015[-.-]{+;+}");
        check("“critical infrastructure”", "critical infrastructure", "[-“-]critical infrastructure[-”-]");
    }

    #[test]
    fn a_moved_clause_is_deleted_where_it_was_and_inserted_where_it_went() {
        check(
            "In accordance with national law, States should protect cables and landing stations.",
            "States should protect cables and landing stations, in accordance with national law.",
            "[-In accordance with national law, -]States should protect cables and landing stations{+, in accordance with national law+}.",
        );
    }

    #[test]
    fn insertions_and_deletions_at_the_edges() {
        check("States cooperate.", "All States cooperate.", "{+All +}States cooperate.");
        check("States cooperate.", "States cooperate. They share information.", "States cooperate.{+ They share information.+}");
        check("Noting the report, States cooperate.", "States cooperate.", "[-Noting the report, -]States cooperate.");
        check("", "New paragraph.", "{+New paragraph.+}");
        check("Old paragraph.", "", "[-Old paragraph.-]");
    }

    fn redline(old: &str, new: &str) -> String {
        redline_markdown(&word_diff(old, new))
    }

    #[test]
    fn redlines_are_markdown_that_strikes_and_underlines() {
        assert_eq!(redline("States should cooperate.", "States should closely cooperate."), "States should <ins>closely</ins> cooperate.");
        assert_eq!(redline("States must cooperate.", "States should cooperate."), "States ~~must~~ <ins>should</ins> cooperate.");
        assert_eq!(redline("as agreed, in 2015", "as agreed in 2015"), "as ~~agreed,~~ <ins>agreed</ins> in 2015");
        assert_eq!(redline("in 2015.", "in 2015;"), "in ~~2015.~~ <ins>2015;</ins>");
        assert_eq!(redline("a *b* c", "a *b* d"), "a \\*b\\* ~~c~~ <ins>d</ins>");
    }

    /// Every struck run reads as struck through, and both sides' words survive, in order.
    #[test]
    fn redlines_parse_as_struck_and_inserted_text() {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let cases = [
            ("as agreed, in 2015", "as agreed in 2015"),
            ("States must cooperate (as agreed).", "States should cooperate, as agreed."),
            ("In accordance with national law, States should act.", "States should act, in accordance with national law."),
        ];
        for (old, new) in cases {
            let markdown = redline(old, new);
            let (mut struck, mut kept, mut depth) = (String::new(), String::new(), 0);
            for event in Parser::new_ext(&markdown, crate::markdown::options()) {
                match event {
                    Event::Start(Tag::Strikethrough) => depth += 1,
                    Event::End(TagEnd::Strikethrough) => depth -= 1,
                    Event::Text(text) if depth > 0 => struck.push_str(&text),
                    Event::Text(text) => {
                        assert!(!text.contains('~'), "{markdown}");
                        kept.push_str(&text);
                    }
                    _ => {}
                }
            }
            assert!(!struck.is_empty(), "{markdown}");
            let old_side: String = word_diff(old, new).iter().filter(|c| c.kind == ChangeKind::Delete).map(|c| c.text.trim().to_string()).collect();
            for word in old_side.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                assert!(struck.contains(word), "{word} struck in {markdown}");
            }
            for word in new.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                assert!(kept.contains(word), "{word} kept in {markdown}");
            }
        }
    }

    #[test]
    fn new_paragraphs_stay_whole() {
        check("One.\n", "One.\n\nTwo more words.\n", "One.\n{+\nTwo more words.\n+}");
    }
}
