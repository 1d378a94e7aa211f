//! The paragraph styles of a DOCX (`word/styles.xml`): which make headings, the title
//! block or quotations, and which number their paragraphs.

use std::collections::HashMap;

use super::WordError;
use super::xml::{Node, attr, val, walk};

/// The paragraph styles of the title block Chancery's own export writes: the details come
/// from the document properties, so these are not body text.
const TITLE_BLOCK: &[&str] = &["title", "delegation", "meeting", "paperdate", "original", "closing"];

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbering: Option<(String, u8)>,
}

#[derive(Debug, Default)]
pub(crate) struct Styles(HashMap<String, Style>);

impl Styles {
    pub(crate) fn read(xml: &[u8]) -> Result<Styles, WordError> {
        let mut styles = HashMap::new();
        let mut current: Option<(String, Style)> = None;
        let mut in_run = false;
        walk("word/styles.xml", xml, |node| match node {
            Node::Start(e) => match e.local_name().as_ref() {
                "style" => current = Some((attr(e, "styleId").unwrap_or_default(), Style::default())),
                "rPr" => in_run = true,
                local => {
                    let Some((_, style)) = current.as_mut().filter(|_| !in_run) else { return };
                    match local {
                        "name" => style.name = val(e).unwrap_or_default(),
                        "basedOn" => style.based_on = val(e),
                        "outlineLvl" => style.outline = val(e).and_then(|v| v.parse().ok()),
                        "numId" => style.numbering = val(e).map(|id| (id, style.numbering.take().map_or(0, |n| n.1))),
                        "ilvl" => {
                            let level = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                            style.numbering = Some((style.numbering.take().map_or_else(String::new, |n| n.0), level));
                        }
                        _ => {}
                    }
                }
            },
            Node::End("style") => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            Node::End("rPr") => in_run = false,
            _ => {}
        })?;
        Ok(Styles(styles))
    }

    /// The heading level (1 for "heading 1") a paragraph style gives, through the styles it
    /// is based on.
    pub(crate) fn heading_level(&self, id: &str) -> Option<u8> {
        let mut id = id.to_string();
        for _ in 0..10 {
            if let Some(level) = heading_number(&id) {
                return Some(level);
            }
            let style = self.0.get(&id)?;
            if let Some(level) = heading_number(&style.name) {
                return Some(level);
            }
            if let Some(outline) = style.outline.filter(|o| *o < 9) {
                return Some(outline + 1);
            }
            id = style.based_on.clone()?;
        }
        None
    }

    pub(crate) fn numbering(&self, id: &str) -> Option<(String, u8)> {
        self.0.get(id)?.numbering.clone().filter(|(num, _)| !num.is_empty())
    }

    pub(crate) fn is_title_block(&self, id: &str) -> bool {
        let name = self.0.get(id).map_or("", |s| s.name.as_str());
        TITLE_BLOCK.iter().any(|t| t.eq_ignore_ascii_case(id)) || name.eq_ignore_ascii_case("title")
    }

    /// A block quotation: Word's "Quote" and "Intense Quote", LibreOffice's "Quotations".
    pub(crate) fn is_quote(&self, id: &str) -> bool {
        let name = self.0.get(id).map_or("", |s| s.name.as_str());
        [id, name].iter().any(|n| matches!(n.to_ascii_lowercase().replace(' ', "").as_str(), "quote" | "intensequote" | "quotations"))
    }

    pub(crate) fn is_title(&self, id: &str) -> bool {
        id.eq_ignore_ascii_case("title") || self.0.get(id).is_some_and(|s| s.name.eq_ignore_ascii_case("title"))
    }
}

/// "Heading1", "heading 2", "Heading 3" → the number.
fn heading_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim_start();
    match rest.parse::<u8>() {
        Ok(n @ 1..=9) => Some(n),
        _ => None,
    }
}
