//! Three-way merge of a paper's text, section by section: when two copies of a paper have
//! both changed since a text they share, their changes come together if each part (the
//! details on top, or a section) was changed on one side only. No I/O.
//!
//! A paper's text carries no identity for its sections (versions keep markdown, and an
//! exchange file lists sections in order), so a section is known by its heading: the second
//! "Comments" of one text is the second "Comments" of the other, and the text before the
//! first heading is a part of its own. Renaming a section is removing it and adding another.
//!
//! Against the shared text, a section
//! - changed on one side only is that side's; changed alike on both, it is taken once;
//! - removed on one side and unchanged on the other is removed;
//! - removed on one side and changed on the other, or changed differently on both, leaves
//!   no merge: an edit is never dropped silently.
//!
//! An added section stays where its side put it, after the nearest section before it that
//! the merge keeps. The same heading added on both sides is one section when the texts
//! agree and no merge when they differ; sections added under different headings at the same
//! place are all kept, ours first. Sections moved on one side take that side's order; moved
//! differently on both, no merge. When there is no merge the caller keeps both texts to
//! compare.

use std::collections::HashMap;

use crate::markdown::document::{Document, DocumentSection};

/// `ours` and `theirs` merged against `base`, or None when their changes collide (see the
/// module's documentation).
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Option<Document> {
    let front = pick(&base.front, &ours.front, &theirs.front)?.clone();
    Some(Document { front, sections: merge_sections(&base.sections, &ours.sections, &theirs.sections)? })
}

/// What a section is known by across texts: its heading, and how many sections before it
/// have the same one.
pub type SectionKey<'a> = (Option<&'a str>, usize);

/// The keys of sections with these headings, in order.
pub fn section_keys<'a>(headings: impl IntoIterator<Item = Option<&'a str>>) -> Vec<SectionKey<'a>> {
    let mut seen: HashMap<Option<&str>, usize> = HashMap::new();
    headings
        .into_iter()
        .map(|heading| {
            let count = seen.entry(heading).or_default();
            *count += 1;
            (heading, *count - 1)
        })
        .collect()
}

/// One text's sections with their keys.
struct Side<'a> {
    sections: Vec<(SectionKey<'a>, &'a DocumentSection)>,
    by_key: HashMap<SectionKey<'a>, &'a DocumentSection>,
}

impl<'a> Side<'a> {
    fn new(sections: &'a [DocumentSection]) -> Side<'a> {
        let keys = section_keys(sections.iter().map(|s| s.heading.as_deref()));
        let sections: Vec<_> = keys.into_iter().zip(sections).collect();
        Side { by_key: sections.iter().copied().collect(), sections }
    }

    /// The keys among `kept`, in this side's order.
    fn order(&self, kept: &HashMap<SectionKey<'a>, &'a DocumentSection>) -> Vec<SectionKey<'a>> {
        self.sections.iter().map(|(key, _)| *key).filter(|key| kept.contains_key(key)).collect()
    }

    /// The sections this side added to `base`, each with the kept section it follows (None
    /// for the top).
    fn added(&self, base: &Side<'a>, kept: &HashMap<SectionKey<'a>, &'a DocumentSection>) -> Vec<Added<'a>> {
        let mut after = None;
        let mut added = Vec::new();
        for (key, section) in &self.sections {
            if kept.contains_key(key) {
                after = Some(*key);
            } else if !base.by_key.contains_key(key) {
                added.push(Added { key: *key, after, section });
            }
        }
        added
    }
}

struct Added<'a> {
    key: SectionKey<'a>,
    after: Option<SectionKey<'a>>,
    section: &'a DocumentSection,
}

fn merge_sections(base: &[DocumentSection], ours: &[DocumentSection], theirs: &[DocumentSection]) -> Option<Vec<DocumentSection>> {
    let (base, ours, theirs) = (Side::new(base), Side::new(ours), Side::new(theirs));
    // The shared text's sections that stay, merged.
    let mut kept = HashMap::new();
    for (key, b) in &base.sections {
        let merged = match (ours.by_key.get(key), theirs.by_key.get(key)) {
            (Some(o), Some(t)) => Some(*pick(b, o, t)?),
            (Some(left), None) | (None, Some(left)) if left != b => return None,
            _ => None,
        };
        if let Some(section) = merged {
            kept.insert(*key, section);
        }
    }
    let order = pick(&base.order(&kept), &ours.order(&kept), &theirs.order(&kept))?.clone();
    let mut added = ours.added(&base, &kept);
    let ours_added: HashMap<_, _> = added.iter().map(|a| (a.key, a.section)).collect();
    for a in theirs.added(&base, &kept) {
        match ours_added.get(&a.key) {
            None => added.push(a),
            Some(section) if *section == a.section => {}
            Some(_) => return None,
        }
    }
    let placed = |after| added.iter().filter(move |a| a.after == after).map(|a| a.section.clone());
    let mut sections: Vec<DocumentSection> = placed(None).collect();
    for key in order {
        sections.push(kept[&key].clone());
        sections.extend(placed(Some(key)));
    }
    // Text without a heading can only come first: a heading above it would take it in.
    sections.sort_by_key(|s| s.heading.is_some());
    Some(sections)
}

/// The side that changed the part, or None when both did, differently.
fn pick<'a, T: PartialEq>(base: &T, ours: &'a T, theirs: &'a T) -> Option<&'a T> {
    if ours == theirs || theirs == base {
        Some(ours)
    } else if ours == base {
        Some(theirs)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Framework;
    use crate::markdown::document::parse;

    fn doc(text: &str) -> Document {
        parse(text, &Framework::builtin()).unwrap()
    }

    /// The headings of the merge of texts made from BASE, or None for no merge.
    fn headings(base: &str, ours: &str, theirs: &str) -> Option<Vec<String>> {
        let merged = merge(&doc(base), &doc(ours), &doc(theirs))?;
        Some(merged.sections.iter().map(|s| s.heading.clone().unwrap_or_default()).collect())
    }

    const BASE: &str = "---\ntitle: Position\n---\n\n## Norms\n\nWe recall the norms.\n\n## Capacity-building\n\nWe support it.\n";
    const CBMS: &str = "## Confidence-building measures\n\nPoints of contact.\n\n";
    const LAW: &str = "## International law\n\nThe Charter applies.\n\n";

    fn with_section_before(text: &str, heading: &str, section: &str) -> String {
        text.replacen(&format!("## {heading}"), &format!("{section}## {heading}"), 1)
    }

    #[test]
    fn changes_to_different_sections_come_together() {
        let ours = doc(&BASE.replace("We support it.", "We support it warmly."));
        let theirs = doc(&BASE.replace("We recall the norms.", "We recall the eleven norms."));
        let merged = merge(&doc(BASE), &ours, &theirs).unwrap();
        assert_eq!(merged.sections[0].body, "We recall the eleven norms.");
        assert_eq!(merged.sections[1].body, "We support it warmly.");
        assert_eq!(merged.front, doc(BASE).front);
    }

    #[test]
    fn the_details_on_top_merge_as_a_part_of_their_own() {
        let ours = doc(&BASE.replace("title: Position", "title: Our position"));
        let theirs = doc(&BASE.replace("We support it.", "We support it warmly."));
        let merged = merge(&doc(BASE), &ours, &theirs).unwrap();
        assert_eq!(merged.front.title.as_deref(), Some("Our position"));
        assert_eq!(merged.sections[1].body, "We support it warmly.");
    }

    #[test]
    fn the_same_section_changed_on_both_sides_does_not_merge() {
        let ours = doc(&BASE.replace("We support it.", "We support it warmly."));
        let theirs = doc(&BASE.replace("We support it.", "We support it fully."));
        assert_eq!(merge(&doc(BASE), &ours, &theirs), None);
        // Unless both made the same change.
        assert_eq!(merge(&doc(BASE), &ours, &ours), Some(ours.clone()));
    }

    #[test]
    fn a_section_added_on_one_side_is_kept_in_its_place_beside_the_others_edit() {
        let ours = with_section_before(BASE, "Capacity-building", CBMS);
        let theirs = BASE.replace("We recall the norms.", "We recall the eleven norms.");
        let merged = merge(&doc(BASE), &doc(&ours), &doc(&theirs)).unwrap();
        assert_eq!(merged, doc(&with_section_before(&theirs, "Capacity-building", CBMS)));
        // The same when it is theirs, and at the top or the end.
        let at_top = with_section_before(BASE, "Norms", CBMS);
        assert_eq!(headings(BASE, &theirs, &at_top).unwrap(), ["Confidence-building measures", "Norms", "Capacity-building"]);
        let at_end = format!("{BASE}\n{CBMS}");
        assert_eq!(headings(BASE, &at_end, &theirs).unwrap(), ["Norms", "Capacity-building", "Confidence-building measures"]);
    }

    #[test]
    fn sections_added_on_both_sides_are_all_kept_ours_first_where_they_meet() {
        let ours = with_section_before(BASE, "Capacity-building", CBMS);
        let theirs = with_section_before(&format!("{BASE}\n{LAW}"), "Capacity-building", LAW);
        assert_eq!(
            headings(BASE, &ours, &theirs).unwrap(),
            ["Norms", "Confidence-building measures", "International law", "Capacity-building", "International law"]
        );
        assert_eq!(headings(BASE, &theirs, &ours).unwrap()[1..3], ["International law", "Confidence-building measures"]);
    }

    #[test]
    fn the_same_heading_added_on_both_sides_is_one_section_if_the_texts_agree_else_no_merge() {
        let ours = with_section_before(BASE, "Capacity-building", CBMS);
        let theirs = format!("{BASE}\n{CBMS}").replace("We recall the norms.", "We recall the eleven norms.");
        let merged = headings(BASE, &ours, &theirs).unwrap();
        assert_eq!(merged, ["Norms", "Confidence-building measures", "Capacity-building"], "in our place, once");
        let other_words = format!("{BASE}\n{}", CBMS.replace("Points of contact.", "A directory of points of contact."));
        assert_eq!(headings(BASE, &ours, &other_words), None);
    }

    #[test]
    fn a_section_removed_on_one_side_and_unchanged_on_the_other_is_removed() {
        let ours = BASE.replace("## Norms\n\nWe recall the norms.\n\n", "");
        let theirs = BASE.replace("We support it.", "We support it warmly.");
        let merged = merge(&doc(BASE), &doc(&ours), &doc(&theirs)).unwrap();
        assert_eq!(merged, doc(&theirs.replace("## Norms\n\nWe recall the norms.\n\n", "")));
        assert_eq!(headings(BASE, &theirs, &ours).unwrap(), ["Capacity-building"]);
        // Removed on both.
        assert_eq!(headings(BASE, &ours, &ours).unwrap(), ["Capacity-building"]);
    }

    #[test]
    fn a_section_removed_on_one_side_and_edited_on_the_other_does_not_merge() {
        let ours = BASE.replace("## Norms\n\nWe recall the norms.\n\n", "");
        let theirs = BASE.replace("We recall the norms.", "We recall the eleven norms.");
        assert_eq!(headings(BASE, &ours, &theirs), None);
        assert_eq!(headings(BASE, &theirs, &ours), None);
    }

    #[test]
    fn a_renamed_section_is_renamed_in_place_unless_the_other_side_edited_it() {
        let ours = BASE.replace("## Norms", "## Norms of responsible State behaviour");
        let theirs = BASE.replace("We support it.", "We support it warmly.");
        assert_eq!(headings(BASE, &ours, &theirs).unwrap(), ["Norms of responsible State behaviour", "Capacity-building"]);
        let edited = BASE.replace("We recall the norms.", "We recall the eleven norms.");
        assert_eq!(headings(BASE, &ours, &edited), None);
    }

    #[test]
    fn sections_moved_on_one_side_keep_that_order_and_the_others_edits() {
        let moved = "---\ntitle: Position\n---\n\n## Capacity-building\n\nWe support it.\n\n## Norms\n\nWe recall the norms.\n".to_string();
        let theirs = BASE.replace("We recall the norms.", "We recall the eleven norms.");
        let merged = merge(&doc(BASE), &doc(&theirs), &doc(&moved)).unwrap();
        assert_eq!(merged, doc(&moved.replace("We recall the norms.", "We recall the eleven norms.")));
        // Moved differently on both sides: no merge.
        let three = format!("{BASE}\n{CBMS}");
        let first_last = with_section_before(&three.replace(CBMS, ""), "Norms", CBMS);
        let last_first = format!("{}\n## Norms\n\nWe recall the norms.\n", three.replace("## Norms\n\nWe recall the norms.\n\n", ""));
        assert_eq!(headings(&three, &first_last, &last_first), None);
    }

    #[test]
    fn sections_with_the_same_heading_are_told_apart_by_their_order() {
        let twice = format!("{BASE}\n## Comments\n\nFirst.\n\n## Comments\n\nSecond.\n");
        let ours = twice.replace("Second.", "Second, amended.");
        let theirs = twice.replace("First.", "First, amended.");
        let merged = merge(&doc(&twice), &doc(&ours), &doc(&theirs)).unwrap();
        assert_eq!(merged, doc(&twice.replace("Second.", "Second, amended.").replace("First.", "First, amended.")));
    }

    #[test]
    fn text_before_the_first_heading_stays_first() {
        let ours = with_section_before(BASE, "Norms", CBMS);
        let theirs = with_section_before(BASE, "Norms", "An introduction without a heading.\n\n");
        let merged = merge(&doc(BASE), &doc(&ours), &doc(&theirs)).unwrap();
        assert_eq!(merged.sections[0].heading, None);
        assert_eq!(merged.sections[1].heading.as_deref(), Some("Confidence-building measures"));
    }
}
