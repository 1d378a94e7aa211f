//! Three-way merge of a paper's text, section by section: when two copies of a paper have
//! both changed since a text they share, their changes come together if each part (the
//! details on top, or a section) was changed on one side only. A part changed on both
//! sides, or sections added or removed on both, leave no merge: the caller keeps both
//! texts to compare. No I/O.

use crate::markdown::document::Document;

/// `ours` and `theirs` merged against `base`, or None when they changed the same part.
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Option<Document> {
    let sections = if ours.sections == theirs.sections || theirs.sections == base.sections {
        ours.sections.clone()
    } else if ours.sections == base.sections {
        theirs.sections.clone()
    } else if base.sections.len() == ours.sections.len() && base.sections.len() == theirs.sections.len() {
        let merged = base.sections.iter().zip(&ours.sections).zip(&theirs.sections).map(|((b, o), t)| pick(b, o, t).cloned());
        merged.collect::<Option<_>>()?
    } else {
        return None;
    };
    Some(Document { front: pick(&base.front, &ours.front, &theirs.front)?.clone(), sections })
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

    const BASE: &str = "---\ntitle: Position\n---\n\n## Norms\n\nWe recall the norms.\n\n## Capacity-building\n\nWe support it.\n";

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
    fn sections_added_on_one_side_and_changed_on_the_other_do_not_merge() {
        let ours = doc(&format!("{BASE}\n## Confidence-building measures\n\nPoints of contact.\n"));
        let theirs = doc(&BASE.replace("We recall the norms.", "We recall the eleven norms."));
        assert_eq!(merge(&doc(BASE), &ours, &theirs), None);
        // Added on one side only: that side's sections.
        assert_eq!(merge(&doc(BASE), &ours, &doc(BASE)), Some(ours));
    }
}
