//! A delegation's textual proposals on a Chair's draft: per paragraph of the draft (the
//! paper's base, a document of the library), an amendment, a deletion, a new paragraph
//! after it, or a comment, each with its justification. The redline of an amendment is
//! computed word by word against the base paragraph ([`crate::diff`]).
//!
//! When the Chair issues a revised draft, [`place`] carries a proposal to the paragraph of
//! the new draft whose text matches best (numbers shift, paragraphs merge and split), and
//! [`merge`] re-applies an amendment's changes to the new wording. No I/O here; the store
//! keeps proposals in `store/proposals.rs`.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp};

use crate::diff::{Change, ChangeKind, word_diff};
use crate::library::Paragraph;

/// What a proposal does to its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProposalKind {
    /// New wording of the paragraph.
    Amend,
    /// Delete the paragraph.
    Delete,
    /// A new paragraph after this one.
    InsertAfter,
    /// A comment without a textual proposal.
    Comment,
}

impl ProposalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalKind::Amend => "amend",
            ProposalKind::Delete => "delete",
            ProposalKind::InsertAfter => "insert-after",
            ProposalKind::Comment => "comment",
        }
    }

    pub fn parse(text: &str) -> Option<ProposalKind> {
        [ProposalKind::Amend, ProposalKind::Delete, ProposalKind::InsertAfter, ProposalKind::Comment].into_iter().find(|k| k.as_str() == text)
    }
}

/// Where a proposal stands after the drafts it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProposalStatus {
    /// Stands against the paper's base.
    Open,
    /// Carried to a revised draft whose wording changed where the amendment changes it:
    /// the delegate's wording is kept as it was; check it against the new text.
    Review,
    /// The revised draft already says what the proposal asked.
    TakenIn,
    /// No paragraph of the revised draft matches the one the proposal answered.
    Unplaced,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Open => "open",
            ProposalStatus::Review => "review",
            ProposalStatus::TakenIn => "taken-in",
            ProposalStatus::Unplaced => "unplaced",
        }
    }

    pub fn parse(text: &str) -> Option<ProposalStatus> {
        [ProposalStatus::Open, ProposalStatus::Review, ProposalStatus::TakenIn, ProposalStatus::Unplaced].into_iter().find(|k| k.as_str() == text)
    }

    /// Whether the proposal is still put to the Chair (printed in the export).
    pub fn stands(self) -> bool {
        matches!(self, ProposalStatus::Open | ProposalStatus::Review)
    }
}

/// A proposal on one paragraph of the paper's base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub id: i64,
    pub paper_id: i64,
    pub kind: ProposalKind,
    /// The base paragraph's label: "32", "13(a)".
    pub label: String,
    /// The base paragraph's wording the proposal answers.
    pub base_text: String,
    /// The new wording (amend), the new paragraph (insert-after), the comment (comment);
    /// empty for a deletion.
    pub text: String,
    /// Markdown; may hold references `[@A/70/174, para. 13]`.
    pub justification: String,
    pub status: ProposalStatus,
    pub created_at: String,
    pub updated_at: String,
}

impl Proposal {
    /// The change against the base paragraph, word by word.
    pub fn redline(&self) -> Vec<Change> {
        match self.kind {
            ProposalKind::Amend => word_diff(&self.base_text, &self.text),
            ProposalKind::Delete => vec![Change { kind: ChangeKind::Delete, text: self.base_text.clone() }],
            ProposalKind::InsertAfter => vec![Change { kind: ChangeKind::Insert, text: self.text.clone() }],
            ProposalKind::Comment => Vec::new(),
        }
    }
}

/// A proposal to make.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewProposal {
    pub kind: ProposalKind,
    /// The base paragraph's label.
    pub label: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub justification: String,
}

/// Changes to a proposal; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProposalPatch {
    pub text: Option<String>,
    pub justification: Option<String>,
}

/// A base paragraph with the proposals on it, for the inline view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InlineParagraph {
    pub label: String,
    pub text: String,
    /// The paragraph as the delegation would have it (the first standing amendment or
    /// deletion); the text unchanged when there is none.
    pub redline: Vec<Change>,
    /// Every standing proposal on the paragraph, new paragraphs after it included.
    pub proposals: Vec<Proposal>,
}

/// What became of a proposal in a rebase onto a revised draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// On the matching paragraph of the new draft, the amendment recomputed against it.
    Carried,
    /// On the matching paragraph, but the Chair changed the words the amendment changes.
    Review,
    TakenIn,
    Unplaced,
}

/// One line of a rebase report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rebased {
    pub proposal_id: i64,
    pub kind: ProposalKind,
    /// The paragraph in the old draft.
    pub from: String,
    /// The paragraph in the new draft; None when unplaced.
    pub to: Option<String>,
    pub outcome: Outcome,
}

/// A rebase: where each proposal went, and the new base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RebaseReport {
    pub from: String,
    pub to: String,
    pub proposals: Vec<Rebased>,
}

impl RebaseReport {
    pub fn with(&self, outcome: Outcome) -> impl Iterator<Item = &Rebased> {
        self.proposals.iter().filter(move |r| r.outcome == outcome)
    }
}

/// What a proposal becomes on the new draft: its paragraph there, its wording, its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub outcome: Outcome,
    /// Index into the new draft's paragraphs.
    pub paragraph: Option<usize>,
    /// The new wording (amend), else the proposal's text unchanged.
    pub text: String,
}

/// How alike a paragraph must stay for a deletion of it to stand unreviewed: a word or two
/// changed, not another paragraph merged in.
const DELETION_KEPT: f64 = 0.9;

/// Carries a proposal to the paragraph of the new draft that matches the one it answered.
pub fn place(proposal: &Proposal, new: &[Paragraph]) -> Placement {
    let keep = |outcome, paragraph| Placement { outcome, paragraph, text: proposal.text.clone() };
    if proposal.kind == ProposalKind::InsertAfter
        && let Some(i) = best(new, |n| similarity(&proposal.text, &n.text)).filter(|&(_, s)| s >= 0.8).map(|(i, _)| i)
    {
        return keep(Outcome::TakenIn, Some(i));
    }
    let focus = match proposal.kind {
        ProposalKind::Amend => changed_region(&proposal.base_text, &proposal.text),
        // A new paragraph goes after the end of the old one, wherever that went.
        ProposalKind::InsertAfter => tail(&proposal.base_text, 12),
        ProposalKind::Delete | ProposalKind::Comment => proposal.base_text.clone(),
    };
    let base = words(&proposal.base_text);
    let candidate = best(new, |n| {
        let other = words(&n.text);
        let common = common_words(&base, &other);
        let shorter = base.len().min(other.len()).max(1);
        if common < 3.min(shorter) || (common as f64) < 0.7 * shorter as f64 {
            return 0.0;
        }
        // The words the proposal is about first, the whole paragraph's likeness to break ties.
        containment(&focus, &n.text) * 10.0 + similarity(&proposal.base_text, &n.text)
    })
    .filter(|&(_, score)| score > 0.0)
    .map(|(i, _)| i);
    let Some(i) = candidate else {
        // A deletion of a paragraph the Chair dropped has been taken in.
        return match proposal.kind {
            ProposalKind::Delete => keep(Outcome::TakenIn, None),
            _ => keep(Outcome::Unplaced, None),
        };
    };
    match proposal.kind {
        ProposalKind::Amend => match merge(&proposal.base_text, &proposal.text, &new[i].text) {
            Merge::Merged(text) => Placement { outcome: Outcome::Carried, paragraph: Some(i), text },
            Merge::TakenIn => keep(Outcome::TakenIn, Some(i)),
            Merge::Conflict => keep(Outcome::Review, Some(i)),
        },
        // A deletion struck the old words only: on a paragraph the Chair merged with
        // another, or rewrote, it would strike words it never answered.
        ProposalKind::Delete if similarity(&proposal.base_text, &new[i].text) < DELETION_KEPT => keep(Outcome::Review, Some(i)),
        _ => keep(Outcome::Carried, Some(i)),
    }
}

fn best<T>(items: &[T], score: impl Fn(&T) -> f64) -> Option<(usize, f64)> {
    items.iter().enumerate().map(|(i, x)| (i, score(x))).fold(None, |acc, (i, s)| match acc {
        Some((_, best)) if best >= s => acc,
        _ => Some((i, s)),
    })
}

/// An amendment re-applied to a new wording of its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge {
    /// The new wording with the amendment's changes made.
    Merged(String),
    /// The new wording already makes every change.
    TakenIn,
    /// The new wording changed words the amendment changes, differently.
    Conflict,
}

/// Re-applies the changes that turn `old` into `amended` to `new` (a three-way merge, word
/// by word). A change whose words `new` left alone is made; a change `new` already made is
/// taken in; any other change is a conflict.
pub fn merge(old: &str, amended: &str, new: &str) -> Merge {
    let (o, a, n) = (tokens(old), tokens(amended), tokens(new));
    // Where each token of the old wording stands in the new one, if it is still there.
    let mut at: Vec<Option<usize>> = vec![None; o.len()];
    for op in similar::capture_diff_slices(Algorithm::Patience, &o, &n) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            for k in 0..len {
                at[old_index + k] = Some(new_index + k);
            }
        }
    }
    let hunks: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = similar::capture_diff_slices(Algorithm::Patience, &o, &a)
        .into_iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| (op.old_range(), op.new_range()))
        .collect();
    if hunks.is_empty() {
        return Merge::TakenIn;
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut taken = 0;
    for (old_range, new_range) in &hunks {
        let replacement: String = a[new_range.clone()].concat();
        let target = if old_range.is_empty() {
            // An insertion: its neighbours must still stand side by side.
            let left = old_range.start.checked_sub(1).map(|k| at[k]);
            let right = o.get(old_range.start).map(|_| at[old_range.start]);
            match (left, right) {
                (Some(Some(l)), Some(Some(r))) if r == l + 1 => Some(r..r),
                (None, Some(Some(0))) => Some(0..0),
                (Some(Some(l)), None) if l + 1 == n.len() => Some(n.len()..n.len()),
                _ => None,
            }
        } else {
            let mapped: Option<Vec<usize>> = old_range.clone().map(|k| at[k]).collect();
            mapped.filter(|m| m.windows(2).all(|w| w[1] == w[0] + 1)).map(|m| m[0]..m[m.len() - 1] + 1)
        };
        // Did the Chair make this change already? Asked first for an insertion, so that
        // words the new wording gained are not inserted twice; words to replace or delete
        // that still stand in the new wording are not yet changed.
        let from = new_range.start.saturating_sub(4);
        let to = (new_range.end + 4).min(a.len());
        let made = (old_range.is_empty() || target.is_none()) && contains_words(&words(&n.concat()), &words(&a[from..to].concat()));
        match target {
            _ if made => taken += 1,
            Some(target) => edits.push((target, replacement)),
            None => return Merge::Conflict,
        }
    }
    if taken == hunks.len() {
        return Merge::TakenIn;
    }
    let mut out = String::new();
    let mut k = 0;
    for (range, replacement) in edits {
        out.push_str(&n[k..range.start].concat());
        out.push_str(&replacement);
        k = range.end;
    }
    out.push_str(&n[k..].concat());
    Merge::Merged(out)
}

/// Words, spaces and single marks: the units of a merge.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let class = |c: char| if c.is_alphanumeric() { 0 } else if c.is_whitespace() { 1 } else { 2 };
    let mut previous: Option<u8> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        if let Some(p) = previous
            && (p != k || k == 2)
        {
            out.push(&text[start..i]);
            start = i;
        }
        previous = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The lower-cased words of a text, marks and spaces left out.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn common_words(a: &[String], b: &[String]) -> usize {
    similar::capture_diff_slices(Algorithm::Myers, a, b)
        .into_iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => len,
            _ => 0,
        })
        .sum()
}

/// How alike two texts are, from 0 to 1: the words they share in order, against both lengths.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * common_words(&a, &b) as f64 / (a.len() + b.len()) as f64
}

/// How much of `part` stands in `whole`, in order, from 0 to 1.
fn containment(part: &str, whole: &str) -> f64 {
    let part = words(part);
    if part.is_empty() {
        return 0.0;
    }
    common_words(&part, &words(whole)) as f64 / part.len() as f64
}

fn contains_words(whole: &[String], part: &[String]) -> bool {
    part.is_empty() || whole.windows(part.len()).any(|w| w == part)
}

/// The old words an amendment changes, with a few words of context on each side.
fn changed_region(old: &str, amended: &str) -> String {
    let (o, a) = (words(old), words(amended));
    let mut kept = vec![false; o.len()];
    for op in similar::capture_diff_slices(Algorithm::Patience, &o, &a) {
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let r = op.old_range();
        let from = r.start.saturating_sub(5);
        let to = (r.end + 5).min(o.len());
        for k in kept.iter_mut().take(to).skip(from) {
            *k = true;
        }
    }
    let region: Vec<&str> = o.iter().zip(&kept).filter(|(_, k)| **k).map(|(w, _)| w.as_str()).collect();
    if region.is_empty() { old.to_string() } else { region.join(" ") }
}

fn tail(text: &str, n: usize) -> String {
    let w = words(text);
    w[w.len().saturating_sub(n)..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amendment_follows_its_words_into_new_wording() {
        let old = "States should consider voluntary guidance on cables.";
        let amended = "States should develop voluntary guidance on cables.";
        assert_eq!(merge(old, amended, "All States should consider voluntary guidance on cables."), Merge::Merged("All States should develop voluntary guidance on cables.".into()));
        assert_eq!(merge(old, amended, "States should develop voluntary guidance on cables."), Merge::TakenIn);
        assert_eq!(merge(old, amended, "States should adopt voluntary guidance on cables."), Merge::Conflict);
        assert_eq!(
            merge("States recognized the risk.", "States recognized the serious risk.", "States recognized the risk, and acted."),
            Merge::Merged("States recognized the serious risk, and acted.".into())
        );
    }

    #[test]
    fn tokens_keep_every_character() {
        let text = "States, “in 2015”, agreed—fully.";
        assert_eq!(tokens(text).concat(), text);
        assert_eq!(tokens("a, b"), ["a", ",", " ", "b"]);
    }
}
