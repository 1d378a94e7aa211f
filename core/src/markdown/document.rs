//! A whole paper as one markdown file: optional YAML front matter for its details, then
//! its text, where each level-1 or level-2 heading starts a section.
//!
//! ```text
//! ---
//! title: National position on how international law applies
//! delegation: Ruritania
//! language: en
//! ---
//!
//! ## Introduction
//!
//! Text …
//!
//! ## Sovereignty {pillar=international-law}
//! ```
//!
//! A section's pillar is read from its heading ("International law" is that pillar); a
//! `{pillar=…}` attribute names it where the heading alone does not. [`write`] puts the
//! attribute only where it is needed, so a file in this form reads back to the same text.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::ErrorCode;
use crate::framework::Framework;
use crate::paper::PaperStatus;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("the front matter (between the --- lines at the top) is not valid: {0}")]
    FrontMatter(String),
    #[error("the front matter starts with --- but has no closing --- line")]
    UnclosedFrontMatter,
}

impl ErrorCode for ImportError {
    fn code(&self) -> &'static str {
        "import.invalid"
    }
}

/// A paper's details as the front matter gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The kind of paper, by template id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PaperStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The paper's own word limit, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub front: FrontMatter,
    pub sections: Vec<DocumentSection>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSection {
    /// None for text before the first heading.
    pub heading: Option<String>,
    pub level: u8,
    pub pillar: Option<String>,
    pub part: Option<String>,
    pub body: String,
}

/// Reads a paper from markdown. Without a `title` in the front matter, a lone level-1
/// heading at the top is taken as the title.
pub fn parse(text: &str, framework: &Framework) -> Result<Document, ImportError> {
    let (mut front, body) = split_front_matter(text)?;
    let mut sections = Vec::new();
    let headings = section_headings(body);
    let preamble = body[..headings.first().map_or(body.len(), |h| h.range.start)].trim_matches('\n');
    if !preamble.trim().is_empty() {
        sections.push(DocumentSection { heading: None, level: 2, pillar: None, part: None, body: preamble.to_string() });
    }
    for (i, heading) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(body.len(), |next| next.range.start);
        let meaning = framework.meaning_of_heading(&heading.text);
        sections.push(DocumentSection {
            heading: Some(heading.text.clone()),
            level: heading.level,
            pillar: heading.pillar.clone().or(meaning.pillar),
            part: meaning.part,
            body: body[heading.range.end..end].trim_matches('\n').to_string(),
        });
    }
    let level_one: Vec<_> = sections.iter().filter(|s| s.level == 1 && s.heading.is_some()).collect();
    if front.title.is_none() && level_one.len() == 1 && sections[0].level == 1 && sections[0].heading.is_some() {
        let title = sections.remove(0);
        front.title = title.heading;
        if !title.body.trim().is_empty() {
            sections.insert(0, DocumentSection { heading: None, body: title.body, ..title_less() });
        }
    }
    Ok(Document { front, sections })
}

/// Writes a paper as markdown in the form [`parse`] reads back the same.
pub fn write(doc: &Document, framework: &Framework) -> String {
    let mut out = String::new();
    if doc.front != FrontMatter::default() {
        out.push_str("---\n");
        out.push_str(&serde_norway::to_string(&doc.front).expect("front matter serialises"));
        out.push_str("---\n");
    }
    let mut blocks = Vec::new();
    for section in &doc.sections {
        if let Some(heading) = &section.heading {
            let mut line = format!("{} {heading}", "#".repeat(section.level.clamp(1, 2) as usize));
            let implied = framework.meaning_of_heading(heading).pillar;
            if let Some(pillar) = section.pillar.as_ref().filter(|p| Some(*p) != implied.as_ref()) {
                line.push_str(&format!(" {{pillar={pillar}}}"));
            }
            blocks.push(line);
        }
        if !section.body.is_empty() {
            blocks.push(section.body.clone());
        }
    }
    if !blocks.is_empty() {
        let body = blocks.join("\n\n") + "\n";
        // Text that starts with a `---` line (after an empty front matter, as read) would be
        // taken for front matter: an empty one goes first, so it reads back as text.
        if out.is_empty() && after_opening(&body).is_some() {
            out.push_str("---\n---\n");
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&body);
    }
    out
}

/// The text after the front matter, if there is any.
pub fn without_front_matter(text: &str) -> &str {
    split_front_matter(text).map_or(text, |(_, body)| body)
}

fn title_less() -> DocumentSection {
    DocumentSection { heading: None, level: 2, pillar: None, part: None, body: String::new() }
}

/// What follows the line that opens a front matter, if the text starts with one.
fn after_opening(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))
}

fn split_front_matter(text: &str) -> Result<(FrontMatter, &str), ImportError> {
    let Some(rest) = after_opening(text) else {
        return Ok((FrontMatter::default(), text.strip_prefix('\u{feff}').unwrap_or(text)));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = &rest[..offset];
            let front = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                serde_norway::from_str(yaml).map_err(|e| ImportError::FrontMatter(e.to_string()))?
            };
            return Ok((front, &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(ImportError::UnclosedFrontMatter)
}

struct Heading {
    range: Range<usize>,
    level: u8,
    text: String,
    pillar: Option<String>,
}

/// The level-1 and level-2 headings that stand at the top level of the text (not inside a
/// quotation, a list or a footnote).
fn section_headings(body: &str) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, attrs, .. })
                if depth == 0 && matches!(level, HeadingLevel::H1 | HeadingLevel::H2) =>
            {
                let pillar = attrs
                    .iter()
                    .find(|(key, _)| key.as_ref() == "pillar")
                    .and_then(|(_, value)| value.as_ref().map(|v| v.to_string()));
                headings.push(Heading {
                    level: if level == HeadingLevel::H1 { 1 } else { 2 },
                    text: heading_text(&body[range.clone()]),
                    range,
                    pillar,
                });
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition) => {
                depth -= 1
            }
            _ => {}
        }
    }
    headings
}

/// The heading's words as written: without the `#` marks, a closing `{…}` attribute block,
/// closing `#`s, or a setext underline.
fn heading_text(source: &str) -> String {
    let lines: Vec<&str> = source.trim_end().lines().collect();
    let underline = lines.last().map(|l| l.trim()).unwrap_or("");
    let setext = lines.len() >= 2
        && !underline.is_empty()
        && (underline.chars().all(|c| c == '=') || underline.chars().all(|c| c == '-'));
    if setext {
        // Every line above the underline is part of the heading.
        return lines[..lines.len() - 1].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    }
    let atx = source.trim().trim_start_matches('#');
    let atx = match atx.trim_end().strip_suffix('}') {
        Some(open) => open.rfind('{').map_or(atx, |at| &open[..at]),
        None => atx,
    };
    atx.trim().trim_end_matches('#').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: an empty front matter followed by a `---` line was written without
    /// it, and the `---` line then read as an unclosed front matter.
    #[test]
    fn text_starting_with_a_rule_line_reads_back_as_written() {
        let framework = Framework::builtin();
        for text in ["---\n---\n---\nWe recall the norms.\n", "---\n...\n---\n", "\u{feff}---\n---\n---\r\n## Norms\n\nText.\n", "\u{feff}\u{feff}---\nWe recall.\n"] {
            let doc = parse(text, &framework).unwrap();
            let written = write(&doc, &framework);
            assert_eq!(parse(&written, &framework).map_err(|e| format!("{e}: {text:?} written as {written:?}")).unwrap(), doc, "{text:?} written as {written:?}");
        }
    }

    fn sections(text: &str) -> Vec<(Option<String>, u8, Option<String>, String)> {
        parse(text, &Framework::builtin())
            .unwrap()
            .sections
            .into_iter()
            .map(|s| (s.heading, s.level, s.pillar, s.body))
            .collect()
    }

    fn s(heading: &str, level: u8, pillar: Option<&str>, body: &str) -> (Option<String>, u8, Option<String>, String) {
        (Some(heading.into()), level, pillar.map(Into::into), body.into())
    }

    #[test]
    fn level_one_and_two_headings_start_sections() {
        let text = "---\ntitle: T\n---\n\n# General remarks\n\nOne.\n\n### Detail\n\nStill one.\n\n## III. International law\n\nTwo.\n";
        assert_eq!(
            sections(text),
            [
                s("General remarks", 1, None, "One.\n\n### Detail\n\nStill one."),
                s("III. International law", 2, Some("international-law"), "Two."),
            ]
        );
    }

    #[test]
    fn headings_inside_code_quotes_and_lists_do_not_split() {
        let text = "---\ntitle: T\n---\n## A\n\n```\n## not a heading\n```\n\n> ## quoted\n\n- ## listed\n";
        let got = sections(text);
        assert_eq!(got.len(), 1, "{got:?}");
    }

    /// Found by fuzzing: the lines of a heading underlined with `---` were lost after the first.
    #[test]
    fn an_underlined_heading_keeps_all_its_lines() {
        let fw = Framework::builtin();
        let text = "---\ntitle: T\n---\n\n## A\n\n#curity\ndelegation: Ruritania\nplace: Geneva\n---\n\nMore.\n";
        let doc = parse(text, &fw).unwrap();
        assert_eq!(doc.sections[1].heading.as_deref(), Some("#curity delegation: Ruritania place: Geneva"));
        let again = parse(&write(&doc, &fw), &fw).unwrap();
        assert_eq!(again, doc);
    }

    #[test]
    fn a_pillar_attribute_names_the_pillar() {
        let text = "---\ntitle: T\n---\n## Sovereignty {pillar=international-law}\n\nText.\n";
        assert_eq!(sections(text), [s("Sovereignty", 2, Some("international-law"), "Text.")]);
    }

    #[test]
    fn without_front_matter_a_lone_level_one_heading_is_the_title() {
        let doc = parse("# Statement by Ruritania\n\nMr Chair,\n\n## Norms\n\nText.\n", &Framework::builtin()).unwrap();
        assert_eq!(doc.front.title.as_deref(), Some("Statement by Ruritania"));
        assert_eq!(doc.sections[0].heading, None);
        assert_eq!(doc.sections[0].body, "Mr Chair,");
        assert_eq!(doc.sections[1].pillar.as_deref(), Some("norms"));
    }

    #[test]
    fn a_canonical_file_writes_back_the_same() {
        let fw = Framework::builtin();
        let text = "---\ntitle: 'Comments: on the zero draft'\ndelegation: Ruritania\nlanguage: fr\n---\n\nOpening words.\n\n## General remarks\n\nWe thank the Chair.\n\n## Sovereignty {pillar=international-law}\n\nPara. 32 should read:\n\n> “States have sovereignty.”\n\n## Norms\n";
        assert_eq!(write(&parse(text, &fw).unwrap(), &fw), text);
    }

    #[test]
    fn bad_front_matter_is_named() {
        let fw = Framework::builtin();
        let err = parse("---\ntitle: [unclosed\n---\nText", &fw).unwrap_err();
        assert!(matches!(err, ImportError::FrontMatter(_)), "{err}");
        let err = parse("---\ntitel: Typo\n---\nText", &fw).unwrap_err();
        assert!(err.to_string().contains("titel"), "{err}");
        assert!(matches!(parse("---\ntitle: T\nText", &fw), Err(ImportError::UnclosedFrontMatter)));
    }
}
