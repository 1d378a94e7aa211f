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
/// the same kind are merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Change> {
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
    fn new_paragraphs_stay_whole() {
        check("One.\n", "One.\n\nTwo more words.\n", "One.\n{+\nTwo more words.\n+}");
    }
}
